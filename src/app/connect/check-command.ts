import type { TurnOrigin } from '../turn-origin';
import { renderReadinessReportCard } from '../../cards';
import { runReadinessChecks } from '../../checks/run-readiness-checks';
import type { AppContext } from '../context';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import { readinessView } from '../request-views';
import { resolveWorkspace } from '../resolve-workspace';
import { messageReply } from '../respond';
import type { Reply } from '../types';
import { CHECK_DEADLINE_MS } from '../budgets';
import { checkEnvironment } from '../check-environment';

/** `check <workspace>`, anywhere: the readiness report for that workspace and the caller; no request. */
export async function checkCommand(ctx: AppContext, origin: TurnOrigin, argument: string): Promise<Reply[]> {
  const person = personOf(origin);
  if (!person) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  if (argument.trim() === '') {
    return [
      messageReply({
        title: 'Which workspace?',
        text: 'Type `check WORKSPACE` with a resource id, subscriptionId/resourceGroup/name, or a unique workspace name.',
        style: 'warning',
      }),
    ];
  }
  // The connected-workspace scan is the longest chain of a check: start it beside the lookup of the workspace (its answer is kept and shared).
  void ctx.connectedWorkspaces.find(ctx.arm, ctx.graph).catch(() => undefined);
  const resolved = await resolveWorkspace(ctx.arm, argument);
  if (!resolved.ok) return [messageReply({ title: 'Which workspace?', text: resolved.message, style: 'warning' })];
  const connection = await ctx.store.getConnection(origin.tenantId);
  const report = await runReadinessChecks(ctx.arm, ctx.graph, {
    ...checkEnvironment(ctx),
    workspace: resolved.workspace,
    requester: person,
    recordedConnection: connection?.workspace ?? null,
    deadlineMs: CHECK_DEADLINE_MS,
    now: ctx.now,
    findConnected: ctx.connectedWorkspaces.find,
  });
  return [{ card: renderReadinessReportCard(readinessView(report)), summary: `Readiness of ${resolved.workspace.name}` }];
}
