import type { TurnOrigin } from '../turn-origin';
import { createDraft, refusalAudit, sameWorkspace } from '../../workflow';
import { asModelConnections, tenantConnections } from '../model-connections';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { NO_SOC_CHANNEL_MESSAGE, PERSONAL_ONLY_MESSAGE, personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import { messageReply } from '../respond';
import type { StoredRequest } from '../stored-request';
import type { Reply } from '../types';
import { disconnectCard } from './disconnect-card';
import { findDisconnectTarget } from './find-disconnect-target';
import { rollbackChecklist } from './rollback-checklist';

/**
 * `disconnect [workspace]` in 1:1: finds the connected workspace (the bot's record,
 * or Azure signals), applies the one-at-a-time policy, starts a draft (replacing the
 * caller's own earlier draft, with the checklist of what connecting turned off) and shows the
 * disconnect card asking for the reason.
 */
export async function disconnectCommand(ctx: AppContext, origin: TurnOrigin, argument: string): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('disconnect') }];
  const requester = personOf(origin);
  if (!requester) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  if (!(await ctx.store.getSocChannel(origin.tenantId))) {
    return [messageReply({ title: 'Set the SOC channel first', text: NO_SOC_CHANNEL_MESSAGE, style: 'warning' })];
  }
  const tenantId = origin.tenantId;
  const target = await findDisconnectTarget(ctx, tenantId, argument);
  const at = ctx.now().toISOString();
  if (!target.ok) {
    if (target.refusal) await ctx.store.appendAudit([refusalAudit(null, requester, 'disconnect', target.refusal, at, tenantId)]);
    return [messageReply({ title: target.title, text: target.message, style: 'warning' })];
  }

  const [openRequests, records] = await Promise.all([ctx.store.listOpenRequests(tenantId), tenantConnections(ctx, tenantId)]);
  // The multi model's come with the target; else, without a record, the workspace Azure shows as connected is the connected one.
  const connections = target.connections ?? (records.length > 0 ? asModelConnections(records) : [{ workspace: target.workspace, role: 'primary' as const }]);
  const decision = ctx.model.canStart({ kind: 'disconnect', workspace: target.workspace, connections, openRequests, requesterId: requester.id });
  const own = records.find((r) => sameWorkspace(r.workspace, target.workspace)) ?? null;
  if (!decision.ok) {
    await ctx.store.appendAudit([refusalAudit(null, requester, 'disconnect', decision.refusal, at, tenantId)]);
    return [messageReply({ title: 'Cannot start a disconnect request', text: decision.refusal.message, style: 'warning' })];
  }
  for (const draft of decision.draftsToCancel) {
    await applyRequestEvent(ctx, draft, { type: 'cancel', by: requester, at, expectedVersion: draft.version }, requester);
  }
  const role = ctx.model.name === 'multi' ? (own?.role ?? target.role ?? 'primary') : undefined;
  const draft: StoredRequest = {
    ...createDraft({ id: ctx.newId(), tenantId, kind: 'disconnect', workspace: target.workspace, requester, at }),
    ...ctx.model.requestField,
    ...(role ? { role } : {}),
    rollback: await rollbackChecklist(ctx, target.workspace, own ?? target.connection, role),
  };
  const committed = await ctx.store.commit({
    request: draft,
    expectedVersion: null,
    audit: [{ at, tenantId, requestId: draft.id, actor: requester, action: 'create', outcome: 'accepted', fromState: null, toState: 'draft', version: 1 }],
    outbox: [],
  });
  if (!committed.ok) {
    return [messageReply({ title: 'Cannot start a disconnect request', text: 'The request could not be saved. Try again.', style: 'warning' })];
  }
  ctx.logger.info({ requestId: draft.id, tenantId, to: 'draft', kind: 'disconnect' }, 'request created');
  // Every state change the bot commits drops the connected-workspace scan (connected-workspace-cache.ts).
  ctx.connectedWorkspaces.forget();
  return [{ card: disconnectCard(draft, own ?? target.connection), summary: `Disconnect ${target.workspace.name}: give a reason` }];
}
