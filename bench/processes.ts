import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requestJson } from './http-client';

/** The repository root (the folder with this project's package.json), from source or from dist/. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'cards'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`bench: cannot find the project root above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

export const BOT_ENTRY = path.join(ROOT, 'dist/src/index.js');
export const SANDBOX_ENTRY = path.join(ROOT, 'dist/src/sandbox/main.js');
export const ECHO_ENTRY = path.join(ROOT, 'bench/echo-bot.js');

/** A child process the bench started, with where its output goes. */
export interface Child {
  process: ChildProcess;
  url: string;
  port: number;
  logFile: string;
  /** ms from spawn() to the first 200 of the readiness URL. */
  readyMs: number;
}

/** Only what the child needs: nothing from the caller's environment can switch the bot to live mode. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

/**
 * Spawns `node [nodeArgs] entry` with its output in `logFile` and waits until
 * `readyPath` answers 200; `readyMs` is measured from the spawn.
 */
export async function spawnService(options: {
  entry: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  logFile: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<Child> {
  if (!fs.existsSync(options.entry)) {
    throw new Error(`bench: ${path.relative(ROOT, options.entry)} is missing: run \`npm run build\` first (npm run bench builds it).`);
  }
  const out = fs.openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
    cwd: ROOT,
    env: childEnv({ ...options.env, PORT: String(options.port) }),
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 20_000);
  for (;;) {
    if (exited) throw new Error(`bench: ${path.basename(options.entry)} ${exited} before it was ready; see ${options.logFile}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bench: ${path.basename(options.entry)} was not ready within ${options.timeoutMs ?? 20_000} ms; see ${options.logFile}`);
    }
    const ok = await requestJson('GET', `${url}${options.readyPath}`, undefined, 1000).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { process: child, url, port: options.port, logFile: options.logFile, readyMs: performance.now() - started };
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Stops a child with SIGTERM (SIGKILL after 5 s) and waits for it to exit. */
export function stopChild(child: Child | null | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.process.kill('SIGKILL'), 5000);
    child.process.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.process.kill('SIGTERM');
  });
}

/** Resident set size of a process from /proc (Linux): current and peak (VmHWM), in MB. */
export function readRss(pid: number): { rssMb: number; peakRssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
