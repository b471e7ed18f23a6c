import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cacheInventory, createArmAdapter, createGraphAdapter, createSandboxCredential, type ArmPort, type GraphPort } from '../src/azure';
import { createConnectedWorkspaceCache, type ConnectedWorkspaceCache } from '../src/checks/connected-workspace-cache';
import { runReadinessChecks, type ReadinessInput } from '../src/checks/run-readiness-checks';
import { createSandbox, loadTenantFixture } from '../src/sandbox';
import { median } from './stats';

/** One emulated ARM / Graph call as the sandbox served it, relative to the start of the check run. */
export interface TimedCall {
  call: string;
  startMs: number;
  endMs: number;
}

/** One run of the prerequisite checks against the emulated calls it made. */
export interface CheckRun {
  wallMs: number;
  slowestCallMs: number;
  sumOfCallsMs: number;
  calls: number;
  /** wall / slowest call: 1.0 = perfectly concurrent. */
  ratioToSlowestCall: number;
  /** wall / sum of calls: 1.0 = as slow as making them one after another. */
  ratioToSumOfCalls: number;
  /** The longest chain of calls that had to wait for one another (1 = all at once). */
  sequentialDepth: number;
  /** The calls, in start order. */
  timeline: TimedCall[];
}

/** The median run as the bot does it (tenant inventory cached), and the first run after a start (inventory not yet cached). */
export interface CheckTiming extends CheckRun {
  runs: number;
  coldInventory: Omit<CheckRun, 'timeline'>;
}

type CallLog = { call: string; start: number; end: number }[];

/**
 * Runs the prerequisite checks (`runReadinessChecks`, as `connect`, `check` and Submit do)
 * against an in-process sandbox whose HTTP server times every emulated call.
 */
export async function measureChecks(options: { latencyMs: number; runs: number }): Promise<CheckTiming> {
  const sandbox = createSandbox({ tenant: loadTenantFixture(undefined), latencyMs: options.latencyMs, throttle: false });
  const log: CallLog = [];
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const call = `${req.method} ${(req.url ?? '').split('?')[0].replace(/^\/sandbox/, '')}`;
    res.once('finish', () => log.push({ call, start, end: performance.now() }));
    void sandbox.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const credential = createSandboxCredential();
    const arm = createArmAdapter({ endpoint: sandbox.armBaseUrl(origin), credential, insecureSandbox: true });
    const graph = createGraphAdapter({ baseUrl: sandbox.graphBaseUrl(origin), credential });
    // As the composition root wires them: the inventory and the connected-workspace scan are reused across checks.
    const cached = cacheInventory(arm, graph);
    const connected = createConnectedWorkspaceCache({ homeTenantId: input.homeTenantId ?? undefined });
    const { timeline: _timeline, ...cold } = await timedRun(cached.arm, cached.graph, log, connected);
    const steady = await medianRun(cached.arm, cached.graph, log, options.runs, connected);
    return { ...steady, runs: options.runs, coldInventory: cold };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const input: ReadinessInput = {
  workspace: { subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0', resourceGroup: 'rg-soc', name: 'law-soc-prod' },
  requester: { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor (SOC lead)' },
  recordedConnection: null,
  // The bot's own tenant, as the composition root passes it: the sample fixture's.
  homeTenantId: loadTenantFixture(undefined).tenantId,
  deadlineMs: 30_000,
  now: () => new Date(),
};

async function medianRun(arm: ArmPort, graph: GraphPort, log: CallLog, runs: number, connected: ConnectedWorkspaceCache): Promise<CheckRun> {
  const measured: CheckRun[] = [];
  for (let i = 0; i < runs; i++) measured.push(await timedRun(arm, graph, log, connected));
  const mid = median(measured.map((m) => m.wallMs));
  return measured.find((m) => m.wallMs === mid)!;
}

async function timedRun(arm: ArmPort, graph: GraphPort, log: CallLog, connected: ConnectedWorkspaceCache): Promise<CheckRun> {
  {
    log.length = 0;
    const start = performance.now();
    const report = await runReadinessChecks(arm, graph, { ...input, findConnected: connected.find });
    const wall = performance.now() - start;
    if (report.checks.some((c) => c.result === 'unknown')) throw new Error(`bench: a check was unknown: ${JSON.stringify(report.checks)}`);
    const durations = log.map((c) => c.end - c.start);
    const slowest = Math.max(...durations);
    const sum = durations.reduce((a, b) => a + b, 0);
    return {
      wallMs: round(wall),
      slowestCallMs: round(slowest),
      sumOfCallsMs: round(sum),
      calls: log.length,
      ratioToSlowestCall: round(wall / slowest, 100),
      ratioToSumOfCalls: round(wall / sum, 100),
      sequentialDepth: depthOf(log),
      timeline: [...log].sort((a, b) => a.start - b.start).map((c) => ({ call: c.call, startMs: round(c.start - start), endMs: round(c.end - start) })),
    };
  }
}

const round = (n: number, by = 10) => Math.round(n * by) / by;

/** Longest chain of calls where each starts after the previous one ended. */
function depthOf(calls: CallLog): number {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= c.start) best = Math.max(best, depth[j]);
    depth[i] = best + 1;
  });
  return Math.max(0, ...depth);
}
