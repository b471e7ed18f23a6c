import { checkEnvironment } from '../check-environment';
import type { WorkspaceInfo } from '../../azure/ports';
import { mapBounded } from '../../azure/map-bounded';
import { renderCheckAllProgressCard, renderCheckAllReportCards, type CheckAllRowView } from '../../cards';
import type { CheckResultWord } from '../../cards';
import { memoizePorts } from '../../checks/memoize-ports';
import type { ReadinessReport } from '../../checks/readiness';
import { runReadinessChecks } from '../../checks/run-readiness-checks';
import type { Person } from '../../workflow';
import { CHECK_DEADLINE_MS } from '../budgets';
import type { AppContext } from '../context';
import { readInventory } from '../read-inventory';
import { messageReply } from '../respond';
import { personOf, PERSONAL_ONLY_MESSAGE, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import type { TurnOrigin } from '../turn-origin';
import type { Reply, TurnProgress } from '../types';

/** Workspaces checked at once: enough for 1,000 in a minute at ARM's latency, few enough for its read buckets. */
export const CHECK_ALL_CONCURRENCY = 24;

/** The progress card is replaced at most this often (Teams meters message updates too). */
const PROGRESS_EVERY_MS = 2_000;

const ORDER: Record<CheckResultWord, number> = { Failed: 0, Unknown: 1, Warning: 2, Passed: 3 };

/** A workspace's word: Failed when a blocking check failed, Unknown when one could not be decided, Warning for any other finding, else Passed. */
export function checkAllRow(report: ReadinessReport, where: string): CheckAllRowView {
  const blocking = report.checks.filter((c) => c.blocking);
  const failed = blocking.filter((c) => c.result === 'fail');
  const unknown = blocking.filter((c) => c.result === 'unknown');
  const warned = report.checks.filter((c) => !failed.includes(c) && !unknown.includes(c) && c.result !== 'pass');
  if (failed.length === 0 && unknown.length === 0 && report.checks.some((c) => c.alreadyConnected)) {
    // The connected workspace itself: nothing blocks it, and nothing is left to connect.
    return { workspaceName: report.workspace.name, where, result: 'Passed', blockers: ['already connected to the Defender portal'] };
  }
  const [result, named]: [CheckResultWord, typeof failed] =
    failed.length > 0
      ? ['Failed', [...failed, ...unknown]]
      : unknown.length > 0
        ? ['Unknown', unknown]
        : warned.length > 0
          ? ['Warning', warned]
          : ['Passed', []];
  return { workspaceName: report.workspace.name, where, result, blockers: named.map((c) => c.title) };
}

/**
 * `check all` in 1:1: the readiness of every workspace with Microsoft Sentinel for the caller, a
 * few dozen at a time over ports shared by the whole run (the caller's roles and the tenant's
 * answers are read once), a progress card replaced while it runs, then the report: blocked and
 * unknown first, and the totals line last. Workspaces without Sentinel are counted, not listed.
 */
export async function checkAllCommand(ctx: AppContext, origin: TurnOrigin, progress: TurnProgress): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('check all') }];
  const person = personOf(origin);
  if (!person) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  const started = Date.now();
  const inventory = await readInventory(ctx);
  if (!inventory) {
    return [
      messageReply({
        title: 'Cannot check every workspace',
        text: 'Azure did not answer when the bot listed the workspaces. Try again in a minute.',
        style: 'warning',
      }),
    ];
  }
  const { workspaces, subscriptions } = inventory;
  const ports = memoizePorts(ctx.arm, ctx.graph);
  const subName = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const connection = await ctx.store.getConnection(origin.tenantId);
  const tally = { total: workspaces.length, done: 0, failed: 0, unknown: 0 };
  let shownAt = 0;
  const show = async () => {
    shownAt = Date.now();
    await progress.show(renderCheckAllProgressCard(tally), `Checking ${tally.total} workspaces`);
  };
  await show();
  const rows = await mapBounded(workspaces, CHECK_ALL_CONCURRENCY, async (ws) => {
    const row = await checkOne(ctx, ports, ws, person, connection?.workspace ?? null, subName);
    tally.done++;
    if (row?.result === 'Failed') tally.failed++;
    if (row?.result === 'Unknown') tally.unknown++;
    // Only the worker that finished the check waits for the update; the others go on checking.
    if (Date.now() - shownAt >= PROGRESS_EVERY_MS) await show();
    return row;
  });
  const listed = rows
    .filter((r): r is CheckAllRowView => r !== null)
    .sort((a, b) => ORDER[a.result] - ORDER[b.result] || a.workspaceName.localeCompare(b.workspaceName) || a.where.localeCompare(b.where));
  const count = (w: CheckResultWord) => listed.filter((r) => r.result === w).length;
  const withoutSentinel = workspaces.length - listed.length;
  tally.total = listed.length;
  await progress.show(renderCheckAllProgressCard({ ...tally, seconds: Math.round((Date.now() - started) / 1000) }), 'Checked every workspace');
  const totals =
    `${listed.length} workspaces: ${count('Passed')} passed · ${count('Failed')} failed · ` + `${count('Warning')} warnings · ${count('Unknown')} unknown`;
  const notes = withoutSentinel > 0 ? [`${withoutSentinel} more workspaces have no Microsoft Sentinel and cannot be connected; they are not listed.`] : [];
  return renderCheckAllReportCards(listed, totals, notes).map((card, i, all) => ({
    card,
    summary: all.length > 1 ? `Readiness of every workspace (${i + 1} of ${all.length})` : 'Readiness of every workspace',
  }));
}

/** One workspace's row, or null when Azure says it has no Sentinel (only workspaces with Sentinel are listed). */
async function checkOne(
  ctx: AppContext,
  ports: ReturnType<typeof memoizePorts>,
  ws: WorkspaceInfo,
  person: Person,
  recordedConnection: ReadinessReport['workspace'] | null,
  subName: Map<string, string>,
): Promise<CheckAllRowView | null> {
  const report = await runReadinessChecks(ports.arm, ports.graph, {
    workspace: { subscriptionId: ws.subscriptionId, resourceGroup: ws.resourceGroup, name: ws.name },
    requester: person,
    recordedConnection,
    // The bot's own tenant and cloud, as `check` and `connect` are given them (without them every row's tenant check is Unknown).
    ...checkEnvironment(ctx),
    deadlineMs: CHECK_DEADLINE_MS,
    now: ctx.now,
    findConnected: ctx.connectedWorkspaces.find,
  });
  if (report.checks.some((c) => c.id === 'sentinel' && c.result === 'fail')) return null;
  return checkAllRow(report, `${ws.resourceGroup} · ${subName.get(ws.subscriptionId.toLowerCase()) ?? ws.subscriptionId}`);
}
