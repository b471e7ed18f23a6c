import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, readBenchOptions, type BenchOptions } from '../../bench/bench-options';
import { formatReport } from '../../bench/bench-report';
import { runBench } from '../../bench/run-bench';

/** Every number under `node`, with its path. */
function numbers(node: unknown, at = '$'): [string, number][] {
  if (typeof node === 'number') return [[at, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => numbers(v, `${at}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => numbers(v, `${at}.${k}`));
  return [];
}

const latencyKeys = ['count', 'p50', 'p95', 'p99', 'max'];

describe('npm run bench (a few users, a few seconds)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('produces every figure, finite, under the keys the README names, and writes the results file', async () => {
    const resultsFile = path.join(dir, 'results.json');
    const options: BenchOptions = {
      ...DEFAULT_OPTIONS,
      latencyMs: 20,
      levels: [1, 3],
      levelSeconds: 2,
      thinkMs: 50,
      throughputConcurrency: 4,
      throughputSeconds: 2,
      openRequests: 20,
      readySamples: 1,
      checkRuns: 2,
      largeTenants: [10],
      resultsFile,
    };
    const results = await runBench(options);

    expect(JSON.parse(fs.readFileSync(resultsFile, 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    const notFinite = numbers(results).filter(([, n]) => !Number.isFinite(n));
    expect(notFinite).toEqual([]);

    expect(Object.keys(results.levels)).toEqual(['1', '3']);
    for (const level of Object.values(results.levels)) {
      for (const kind of ['message', 'invoke'] as const) {
        expect(Object.keys(level[kind]).sort()).toEqual([...latencyKeys].sort());
        expect(level[kind].count).toBeGreaterThan(0);
      }
      expect(level.flowsCompleted).toBeGreaterThan(0);
      expect(level.errors).toEqual({});
      expect(Object.keys(level.steps)).toEqual(
        expect.arrayContaining([
          'notify here',
          'connect',
          'request.submit',
          'request.approve',
          'connection.verify (before the portal step)',
          'connection.verify (after the portal step)',
        ]),
      );
    }
    expect(results.throughput.echo.turnsPerSecond).toBeGreaterThan(0);
    expect(results.throughput.bot.turnsPerSecond).toBeGreaterThan(0);
    expect(results.throughput.ratioToEcho).toBeGreaterThan(0);
    expect(results.checks.calls).toBeGreaterThan(0);
    expect(results.checks.ratioToSlowestCall).toBeGreaterThanOrEqual(1);
    expect(results.checks.ratioToSumOfCalls).toBeGreaterThan(0);
    expect(results.checks.ratioToSumOfCalls).toBeLessThanOrEqual(1);
    expect(results.checks.coldInventory.calls).toBeGreaterThan(0);
    expect(results.openRequests.created).toBe(20);
    expect(results.openRequests.peakRssMb).toBeGreaterThan(results.openRequests.baselineRssMb * 0.5);
    expect(results.readiness.samplesMs).toHaveLength(1);
    expect(results.targets.map((t) => t.id)).toEqual([
      'invoke-p99',
      'check-concurrency',
      'throughput',
      'peak-rss',
      'ready',
      'large-check-time',
      'large-check-calls',
      'large-search',
      'large-check-all',
      'large-card',
    ]);
    // The generated tenant of 10 workspaces: every figure of check, search and check all.
    const small = results.largeTenant['10']!;
    expect(small).toMatchObject({ workspaces: 10, subscriptions: 1 });
    expect(small.checkCold.calls).toBeGreaterThan(0);
    expect(small.checkCold.resourceGraphCalls).toBeGreaterThan(0);
    expect(small.checkAll.rows).toBeGreaterThan(0);
    expect(small.checkAll.unknown).toBe(0);
    expect(small.largestCardBytes).toBeGreaterThan(small.pickerCardBytes - 1);
    for (const target of results.targets) expect(typeof target.met).toBe('boolean');

    const table = formatReport(results);
    for (const label of [
      'p99 ms',
      'throughput ratio bot / echo',
      'check wall / slowest call',
      'check wall / sum of calls',
      'peak RSS',
      '/readyz',
      'check all s',
    ]) {
      expect(table).toContain(label);
    }
  }, 180_000);

  it('reads its options from the command line and BENCH_LATENCY_MS', () => {
    const options = readBenchOptions(
      ['--levels', '1,5', '--seconds', '3', '--think', '0', '--open-requests', '10'],
      { BENCH_LATENCY_MS: '120' },
      '/tmp/r.json',
    );
    expect(options).toMatchObject({ latencyMs: 120, levels: [1, 5], levelSeconds: 3, thinkMs: 0, openRequests: 10, resultsFile: '/tmp/r.json' });
    expect(readBenchOptions([], {}, 'x').latencyMs).toBe(300);
    expect(readBenchOptions([], {}, 'x')).toMatchObject({ tenant: 'all', largeTenants: [10, 100, 1000] });
    expect(readBenchOptions(['--tenant', 'large', '--large-sizes', '10,100'], {}, 'x')).toMatchObject({ tenant: 'large', largeTenants: [10, 100] });
    expect(() => readBenchOptions(['--tenant', 'huge'], {}, 'x')).toThrow(/--tenant="huge" is not valid/);
    expect(() => readBenchOptions(['--levels', 'many'], {}, 'x')).toThrow(/--levels="many" is not valid/);
  });
});
