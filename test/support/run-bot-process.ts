import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BOT_ENTRY = path.join(ROOT, 'dist/src/index.js');

/** The environment without anything that would switch the bot to live mode. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' };
  return { ...env, ...extra };
}

/** Runs the compiled bot until it exits or `timeoutMs` passes; returns its exit code and output. */
export function runToExit(env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BOT_ENTRY], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the compiled bot and resolves once it printed its URL. */
export function startBotProcess(
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<{ child: ChildProcess; url: string; startedAt: number; readyLineAt: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [BOT_ENTRY], { env, cwd: ROOT });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start in time: ${out} ${err}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (http:\/\/[^\s/]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], startedAt, readyLineAt: Date.now() });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code}: ${out} ${err}`));
    });
  });
}
