import type { BenchOptions } from './bench-options';
import type { CheckTiming } from './measure-checks';
import type { LargeTenantResult } from './measure-large-tenant';
import type { LevelResult } from './measure-level';
import type { OpenRequestsResult } from './measure-open-requests';
import type { Throughput } from './measure-throughput';

/** Everything one `npm run bench` measured (written to bench/results.json). */
export interface BenchResults {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverageAtStart: number };
  options: Omit<BenchOptions, 'resultsFile'>;
  readiness: { samplesMs: number[]; medianMs: number; maxMs: number };
  checks: CheckTiming;
  throughput: { concurrency: number; seconds: number; echo: Throughput; bot: Throughput; ratioToEcho: number };
  levels: Record<string, LevelResult>;
  openRequests: OpenRequestsResult;
  /** Generated tenants by workspace count ("10", "100", "1000"). */
  largeTenant: Record<string, LargeTenantResult>;
  targets: Target[];
}

export interface Target {
  id: string;
  description: string;
  limit: string;
  measured: number;
  met: boolean;
}

/** The large-tenant targets, judged on the largest generated tenant (none when none was measured). */
export function judgeLargeTenantTargets(large: Record<string, LargeTenantResult>, latencyMs: number): Target[] {
  const sizes = Object.keys(large).map(Number);
  if (sizes.length === 0) return [];
  const t = large[String(Math.max(...sizes))]!;
  const at = `${t.workspaces} workspaces in ${t.subscriptions} subscriptions, ${latencyMs} ms latency, throttling on`;
  const check = Math.max(t.checkCold.ms, t.checkWarm.ms);
  const calls = Math.max(t.checkCold.calls, t.checkWarm.calls);
  return [
    {
      id: 'large-check-time',
      description: `check <workspace> wall time (cold and warm, slower), ${at}`,
      limit: '≤ 2000 ms',
      measured: check,
      met: check <= 2000,
    },
    {
      id: 'large-check-calls',
      description: `ARM + Resource Graph + Graph calls per check (slower run), ${at}`,
      limit: '≤ 40, no Unknown',
      measured: calls,
      met: calls <= 40 && t.checkCold.unknownRows + t.checkWarm.unknownRows === 0,
    },
    { id: 'large-search', description: `picker search answer (slowest of 5), ${at}`, limit: '≤ 1000 ms', measured: t.searchMaxMs, met: t.searchMaxMs <= 1000 },
    {
      id: 'large-check-all',
      description: `check all, until the totals line (ms), ${at}`,
      limit: '≤ 60000 ms, 0 Unknown',
      measured: t.checkAll.ms,
      met: t.checkAll.ms <= 60_000 && t.checkAll.unknown === 0,
    },
    {
      id: 'large-card',
      description: `largest card posted or updated (bytes), ${at}`,
      limit: '≤ 28000 bytes',
      measured: t.largestCardBytes,
      met: t.largestCardBytes <= 28_000,
    },
  ];
}

/** The issue's targets, judged on the measured figures. */
export function judgeTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const top = String(Math.max(...r.options.levels));
  return [
    {
      id: 'invoke-p99',
      description: `card-action p99 at ${top} concurrent users, ${r.options.latencyMs} ms emulated latency`,
      limit: '≤ 1000 ms',
      measured: r.levels[top].invoke.p99,
      met: r.levels[top].invoke.p99 <= 1000,
    },
    {
      id: 'check-concurrency',
      description: 'prerequisite check wall time / slowest call',
      limit: '≤ 1.3',
      measured: r.checks.ratioToSlowestCall,
      met: r.checks.ratioToSlowestCall <= 1.3,
    },
    {
      id: 'throughput',
      description: 'message-turn throughput / echo bot',
      limit: '≥ 0.7',
      measured: r.throughput.ratioToEcho,
      met: r.throughput.ratioToEcho >= 0.7,
    },
    {
      id: 'peak-rss',
      description: `peak RSS with ${r.openRequests.created} open requests (MB)`,
      limit: '≤ 250 MB',
      measured: r.openRequests.peakRssMb,
      met: r.openRequests.peakRssMb <= 250,
    },
    {
      id: 'ready',
      description: 'process start → /readyz 200 (slowest of the starts, ms)',
      limit: '≤ 2000 ms',
      measured: r.readiness.maxMs,
      met: r.readiness.maxMs <= 2000,
    },
    ...judgeLargeTenantTargets(r.largeTenant, r.options.latencyMs),
  ];
}

/** The generated tenants' figures as a Markdown table. */
export function formatLargeTenants(large: Record<string, LargeTenantResult>): string {
  const rows = [
    [
      'workspaces',
      'subs',
      'check cold ms / calls',
      'check warm ms / calls',
      '429s',
      'search max ms',
      'picker bytes',
      'check all s',
      'rows',
      'unknown',
      'largest card',
    ],
  ];
  for (const t of Object.values(large)) {
    rows.push([
      String(t.workspaces),
      String(t.subscriptions),
      `${t.checkCold.ms} / ${t.checkCold.calls} (ARM ${t.checkCold.armCalls}, RG ${t.checkCold.resourceGraphCalls}, Graph ${t.checkCold.graphCalls})`,
      `${t.checkWarm.ms} / ${t.checkWarm.calls}`,
      String(t.checkCold.throttled + t.checkWarm.throttled),
      String(t.searchMaxMs),
      String(t.pickerCardBytes),
      (t.checkAll.ms / 1000).toFixed(1),
      String(t.checkAll.rows),
      String(t.checkAll.unknown),
      String(t.largestCardBytes),
    ]);
  }
  return table(rows);
}

const fmt = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1)) : 'n/a');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** The results as Markdown tables (printed, and pasteable into the README). */
export function formatReport(r: BenchResults): string {
  const levelRows = [['users', 'turn', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'bot CPU %']];
  for (const [users, level] of Object.entries(r.levels)) {
    const errors = Object.values(level.errors).reduce((a, b) => a + b, 0);
    for (const kind of ['message', 'invoke'] as const) {
      const s = level[kind];
      levelRows.push([
        users,
        kind,
        String(s.count),
        fmt(s.p50),
        fmt(s.p95),
        fmt(s.p99),
        fmt(s.max),
        kind === 'message' ? String(errors) : '',
        kind === 'message' ? fmt(level.botCpuPercent) : '',
      ]);
    }
  }
  const top = r.levels[String(Math.max(...r.options.levels))];
  const stepRows = [['step (top level)', 'turn', 'count', 'p50 ms', 'p95 ms', 'p99 ms']];
  for (const [step, s] of Object.entries(top.steps)) stepRows.push([step, s.kind, String(s.count), fmt(s.p50), fmt(s.p95), fmt(s.p99)]);
  const figures = [
    ['figure', 'value'],
    ['message-turn throughput, bot (`help`)', `${fmt(r.throughput.bot.turnsPerSecond)} turns/s`],
    ['message-turn throughput, echo bot', `${fmt(r.throughput.echo.turnsPerSecond)} turns/s`],
    ['throughput ratio bot / echo', fmt(r.throughput.ratioToEcho)],
    ['prerequisite check wall time', `${fmt(r.checks.wallMs)} ms (${r.checks.calls} calls, ${r.checks.sequentialDepth} in a chain)`],
    ['check wall / slowest call', `${fmt(r.checks.ratioToSlowestCall)} (slowest ${fmt(r.checks.slowestCallMs)} ms)`],
    ['check wall / sum of calls', `${r.checks.ratioToSumOfCalls.toFixed(2)} (sum ${fmt(r.checks.sumOfCallsMs)} ms)`],
    [
      'first check after a start (inventory not cached yet)',
      `${fmt(r.checks.coldInventory.wallMs)} ms, ${fmt(r.checks.coldInventory.ratioToSlowestCall)} × slowest, ${r.checks.coldInventory.calls} calls`,
    ],
    [`peak RSS, ${r.openRequests.created} open requests`, `${fmt(r.openRequests.peakRssMb)} MB (idle ${fmt(r.openRequests.baselineRssMb)} MB)`],
    ['process start → /readyz 200', `${fmt(r.readiness.medianMs)} ms median, ${fmt(r.readiness.maxMs)} ms max`],
  ];
  const targets = [['target', 'limit', 'measured', 'met'], ...r.targets.map((t) => [t.description, t.limit, fmt(t.measured), t.met ? 'yes' : 'NO'])];
  const errors = Object.entries(r.levels).flatMap(([users, l]) => Object.entries(l.errors).map(([reason, n]) => `  ${users} users: ${n} × ${reason}`));
  return [
    `Benchmark — ${r.machine.cpus} × ${r.machine.cpuModel} (load average ${r.machine.loadAverageAtStart.toFixed(1)} at start), Node ` +
      `${r.machine.node}, emulated latency ${r.options.latencyMs} ms/call, ${r.options.levelSeconds} s per level, think time ${r.options.thinkMs} ms` +
      `${r.options.botNodeArgs.length ? `, bot started with ${r.options.botNodeArgs.join(' ')}` : ''}`,
    '',
    table(levelRows),
    '',
    table(stepRows),
    '',
    table(figures),
    '',
    ...(Object.keys(r.largeTenant).length ? [formatLargeTenants(r.largeTenant), ''] : []),
    table(targets),
    ...(errors.length ? ['', 'Failed flows:', ...errors] : []),
  ].join('\n');
}
