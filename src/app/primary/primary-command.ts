import { renderPrimaryChangeCard } from '../../cards';
import { createDraft, refusalAudit, sameWorkspace, workspaceResourceId } from '../../workflow';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { asModelConnections, connectionsAsAzureShows } from '../model-connections';
import { resolveWorkspace } from '../resolve-workspace';
import { messageReply } from '../respond';
import type { StoredRequest } from '../stored-request';
import type { TurnOrigin } from '../turn-origin';
import { NO_SOC_CHANNEL_MESSAGE, PERSONAL_ONLY_MESSAGE, personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import type { Reply } from '../types';

/**
 * `primary <workspace>` in 1:1 (multi-workspace model): the workspace model decides whether the
 * change may start (a connected secondary, no request in flight on it or on the primary); a draft
 * of kind `primary` and the card of what moves, with `request.submit` / `request.cancel`.
 */
export async function primaryCommand(ctx: AppContext, origin: TurnOrigin, argument: string): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('primary') }];
  const requester = personOf(origin);
  if (!requester) return [{ text: UNKNOWN_PERSON_MESSAGE }];
  if (!(await ctx.store.getSocChannel(origin.tenantId))) {
    return [messageReply({ title: 'Set the SOC channel first', text: NO_SOC_CHANNEL_MESSAGE, style: 'warning' })];
  }
  const tenantId = origin.tenantId;
  const at = ctx.now().toISOString();
  const title = 'Cannot change the primary workspace';
  if (!ctx.model.kinds.includes('primary')) {
    const refusal = ctx.model.canStart({
      kind: 'primary',
      workspace: { subscriptionId: '', resourceGroup: '', name: '' },
      connections: [],
      openRequests: [],
      requesterId: requester.id,
    });
    return [messageReply({ title, text: refusal.ok ? 'Not available.' : refusal.refusal.message, style: 'warning' })];
  }
  if (argument.trim() === '') {
    return [
      messageReply({
        title: 'Which workspace?',
        text: 'Type `primary <workspace>` with the connected secondary workspace to make the primary. Type `status` to see the connections.',
        style: 'warning',
      }),
    ];
  }
  const resolved = await resolveWorkspace(ctx.arm, argument);
  if (!resolved.ok) return [messageReply({ title: 'Which workspace?', text: resolved.message, style: 'warning' })];
  const [shown, openRequests] = await Promise.all([connectionsAsAzureShows(ctx, tenantId), ctx.store.listOpenRequests(tenantId)]);
  const records = shown.connections;
  if (shown.unread && !records.some((r) => sameWorkspace(r.workspace, resolved.workspace))) {
    return [
      messageReply({
        title: 'Could not check the connection',
        text: `Azure did not answer when the bot looked for the connected workspaces (${shown.unread}). Try again in a minute.`,
        style: 'warning',
      }),
    ];
  }
  const decision = ctx.model.canStart({
    kind: 'primary',
    workspace: resolved.workspace,
    connections: asModelConnections(records),
    openRequests,
    requesterId: requester.id,
  });
  if (!decision.ok) {
    await ctx.store.appendAudit([refusalAudit(null, requester, 'primary', decision.refusal, at, tenantId)]);
    return [messageReply({ title, text: decision.refusal.message, style: 'warning' })];
  }
  for (const draft of decision.draftsToCancel) {
    await applyRequestEvent(ctx, draft, { type: 'cancel', by: requester, at, expectedVersion: draft.version }, requester);
  }
  const draft: StoredRequest = {
    ...createDraft({ id: ctx.newId(), tenantId, kind: 'primary', workspace: resolved.workspace, requester, at }),
    ...ctx.model.requestField,
    role: 'primary',
  };
  const committed = await ctx.store.commit({
    request: draft,
    expectedVersion: null,
    audit: [{ at, tenantId, requestId: draft.id, actor: requester, action: 'create', outcome: 'accepted', fromState: null, toState: 'draft', version: 1 }],
    outbox: [],
  });
  if (!committed.ok) return [messageReply({ title, text: 'The request could not be saved. Try again.', style: 'warning' })];
  ctx.logger.info({ requestId: draft.id, tenantId, to: 'draft', kind: 'primary' }, 'request created');
  ctx.connectedWorkspaces.forget();
  const current = records.find((r) => r.role === 'primary');
  const card = renderPrimaryChangeCard({
    requestId: draft.id,
    version: draft.version,
    workspaceName: draft.workspace.name,
    workspaceId: workspaceResourceId(draft.workspace),
    currentPrimary: current?.workspace.name ?? 'none recorded',
  });
  return [{ card, summary: `Make ${draft.workspace.name} the primary workspace: what changes` }];
}
