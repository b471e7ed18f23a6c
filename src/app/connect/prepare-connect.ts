import type { WorkspaceRef } from '../../azure/ports';
import { renderProductChangesCard } from '../../cards';
import { runReadinessChecks } from '../../checks/run-readiness-checks';
import type { ReadinessReport } from '../../checks/readiness';
import type { Json } from '../../store/store';
import { createDraft, refusalAudit, sameWorkspace, type Person } from '../../workflow';
import { CHECK_DEADLINE_MS } from '../budgets';
import type { AppContext } from '../context';
import { productChangesView, readinessView } from '../request-views';
import type { StoredRequest } from '../stored-request';
import { applyRequestEvent } from '../apply-request-event';
import { checkEnvironment } from '../check-environment';
import { SUBMIT_NEEDS_SOC_CHANNEL_MESSAGE } from '../turn-guards';
import { asModelConnections, connectChecksFor, connectionsAsAzureShows } from '../model-connections';

export type PrepareOutcome = { ok: true; card: Json; request: StoredRequest } | { ok: false; title: string; message: string; code: string };

/**
 * Starts a connect request for `workspace`: one-at-a-time policy, the prerequisite
 * checks, then a draft (replacing the requester's own earlier draft) and the
 * product-changes card with `request.submit` / `request.cancel`.
 */
export async function prepareConnect(
  ctx: AppContext,
  tenantId: string,
  requester: Person,
  workspace: WorkspaceRef,
  deadlineMs = CHECK_DEADLINE_MS,
): Promise<PrepareOutcome> {
  const at = ctx.now().toISOString();
  const [shown, openRequests, socChannel] = await Promise.all([
    connectionsAsAzureShows(ctx, tenantId),
    ctx.store.listOpenRequests(tenantId),
    ctx.store.getSocChannel(tenantId),
  ]);
  // A secondary candidate may be a workspace disconnected from the portal: connecting it goes ahead (its approver confirms).
  const connections = shown.connections.filter((c) => !(c.recognised === 'candidate' && sameWorkspace(c.workspace, workspace)));
  const connection = connections[0] ?? null;
  const models = asModelConnections(connections);
  const decision = ctx.model.canStart({ kind: 'connect', workspace, connections: models, openRequests, requesterId: requester.id });
  const role = ctx.model.roleOnConnect(models);
  if (!decision.ok) {
    await ctx.store.appendAudit([refusalAudit(null, requester, 'connect', decision.refusal, at, tenantId)]);
    return { ok: false, title: 'Cannot start a connect request', message: decision.refusal.message, code: decision.refusal.code };
  }
  const report = await runReadinessChecks(ctx.arm, ctx.graph, {
    ...checkEnvironment(ctx),
    workspace,
    requester,
    recordedConnection: ctx.model.name === 'single' ? (connection?.workspace ?? null) : null,
    ...(await connectChecksFor(ctx, tenantId, role, connections)),
    deadlineMs,
    now: ctx.now,
    findConnected: ctx.connectedWorkspaces.find,
  });
  const connectedAlready = report.checks.find((c) => c.alreadyConnected);
  if (connectedAlready) {
    // Connected in the portal before the bot knew (Azure shows it): nothing to connect, and no draft.
    return { ok: false, title: 'Already connected', message: `${connectedAlready.reason} Type \`status\` to see the connection.`, code: 'workspace_connected' };
  }
  for (const draft of decision.draftsToCancel) {
    await applyRequestEvent(ctx, draft, { type: 'cancel', by: requester, at, expectedVersion: draft.version }, requester);
  }
  const draft: StoredRequest = {
    ...createDraft({ id: ctx.newId(), tenantId, kind: 'connect', workspace, requester, at, portalPath: report.portalPath ?? 'standard' }),
    ...ctx.model.requestField,
    ...(ctx.model.name === 'multi' ? { role } : {}),
    readiness: report,
  };
  const committed = await ctx.store.commit({
    request: draft,
    expectedVersion: null,
    audit: [{ at, tenantId, requestId: draft.id, actor: requester, action: 'create', outcome: 'accepted', fromState: null, toState: 'draft', version: 1 }],
    outbox: [],
  });
  if (!committed.ok)
    return { ok: false, title: 'Cannot start a connect request', message: 'The request could not be saved. Try again.', code: committed.reason };
  ctx.logger.info({ requestId: draft.id, tenantId, to: 'draft' }, 'request created');
  // Every state change the bot commits drops the connected-workspace scan (connected-workspace-cache.ts).
  ctx.connectedWorkspaces.forget();
  return { ok: true, card: productChangesCard(draft, report, socChannel !== null), request: draft };
}

/** The product-changes card of a connect draft. */
function productChangesCard(request: StoredRequest, report: ReadinessReport, socChannelSet: boolean): Json {
  return renderProductChangesCard({
    requestId: request.id,
    version: request.version,
    report: readinessView(report),
    changes: productChangesView(report),
    canSubmit: report.canSubmit,
    blockingChecks: report.checks.filter((c) => c.blocking && (c.result === 'fail' || c.result === 'unknown')).map((c) => c.title),
    submitNote: socChannelSet ? undefined : SUBMIT_NEEDS_SOC_CHANNEL_MESSAGE,
  });
}
