import type { BenchConnector } from './bench-connector';
import { BENCH_WORKSPACE, userLoop, verifyConnected, type ApprovedRequest, type FlowTarget } from './connect-flow';
import { cpuSeconds } from './cpu-time';
import { requestJson } from './http-client';
import { stopChild } from './processes';
import { pool, Recorder } from './recorder';
import type { LatencySummary } from './stats';
import { levelTenants } from './bench-tenants';
import { startBot, startSandbox } from './start-services';

const harnessSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** Latencies of one concurrency level. */
export interface LevelResult {
  users: number;
  seconds: number;
  /** Flows that reached the portal step (notify here → connect → submit → approve → check now). */
  flowsCompleted: number;
  message: LatencySummary;
  invoke: LatencySummary;
  steps: Record<string, LatencySummary & { kind: string }>;
  errors: Record<string, number>;
  /** CPU the bot and the sandbox used during the level, in % of one core. */
  botCpuPercent: number;
  sandboxCpuPercent: number;
  /** CPU of the benchmark's own process (simulated users and connector), in % of one core. */
  harnessCpuPercent: number;
}

/**
 * `users` simulated users, each driving tenant after tenant through the connect flow
 * for `seconds`; then the portal step (once: the sandbox is one Azure tenant) and
 * "Check now" on every approved request. A fresh sandbox and bot for each level.
 */
export async function measureLevel(options: {
  users: number;
  seconds: number;
  thinkMs: number;
  latencyMs: number;
  workDir: string;
  connector: BenchConnector;
  botNodeArgs?: string[];
}): Promise<LevelResult> {
  const tag = `level-${options.users}`;
  // A flow is five turns and four think times at least: no user gets through more tenants than this.
  const flowMs = 4 * options.thinkMs + 5 * options.latencyMs + 100;
  const tenants = levelTenants(tag, options.users, Math.ceil((options.seconds * 1000) / flowMs) + 1);
  const sandbox = await startSandbox(options.workDir, options.latencyMs, tag);
  const bot = await startBot({ workDir: options.workDir, tag, sandboxUrl: sandbox.url, nodeArgs: options.botNodeArgs, tenants: tenants.flat() });
  try {
    options.connector.reset();
    const recorder = new Recorder();
    const target: FlowTarget = { botUrl: bot.url, connector: options.connector, recorder, thinkMs: options.thinkMs };
    const approved: ApprovedRequest[] = [];
    const cpu0 = { bot: cpuSeconds(bot.process.pid), sandbox: cpuSeconds(sandbox.process.pid), harness: process.cpuUsage(), at: performance.now() };
    const until = performance.now() + options.seconds * 1000;
    await Promise.all(Array.from({ length: options.users }, (_, k) => userLoop(target, tenants[k]!, k, until, approved)));

    const portal = await requestJson('POST', `${sandbox.url}/sandbox/portal/connect`, { workspace: BENCH_WORKSPACE.key });
    if (portal.status !== 200) recorder.fail(`portal connect: HTTP ${portal.status}`);
    await pool(approved, options.users, async (request) => {
      await verifyConnected(target, request).catch((err: Error) => recorder.fail(err.message));
    });
    const elapsed = (performance.now() - cpu0.at) / 1000;
    const percent = (now: number, before: number) => Math.round(((now - before) / elapsed) * 1000) / 10;
    const summary = recorder.summary();
    return {
      users: options.users,
      seconds: options.seconds,
      flowsCompleted: approved.length,
      ...summary,
      botCpuPercent: percent(cpuSeconds(bot.process.pid), cpu0.bot),
      sandboxCpuPercent: percent(cpuSeconds(sandbox.process.pid), cpu0.sandbox),
      harnessCpuPercent: percent(harnessSeconds(process.cpuUsage(cpu0.harness)), 0),
    };
  } finally {
    await stopChild(bot);
    await stopChild(sandbox);
  }
}
