import type { TurnOrigin } from '../turn-origin';
import { renderNotificationCard, renderPortalStepCard } from '../../cards';
import type { AppContext } from '../context';
import { personOf } from '../identity-guard';
import { readRequestRef } from '../read-action-data';
import { notificationView, portalStepView } from '../request-views';
import { cardResult, refused, refusedAction } from '../respond';
import type { CardAction, CardActionResult } from '../types';
import { accepts, refusalAudit, refuse } from '../../workflow';
import { verifyRequest } from './verify-request';

/** `connection.verify` ("Check now") on the portal-step card: verify from Azure signals now. */
export async function verifyAction(ctx: AppContext, origin: TurnOrigin, action: CardAction): Promise<CardActionResult> {
  const ref = readRequestRef(action.data);
  if (!ref.ok) return refused('invalid_data', ref.message);
  const request = await ctx.store.getRequest(ref.requestId);
  if (!request || request.tenantId !== origin.tenantId) return refused('not_found', 'This request no longer exists.');
  if (request.state === 'completed') {
    return cardResult(renderNotificationCard(notificationView(request, request.kind === 'connect' ? 'connected' : 'disconnected')));
  }
  if (!accepts(request, 'verified')) {
    const message = `This request is ${request.state}: there is no portal step to check.`;
    const by = personOf(origin);
    if (by) await ctx.store.appendAudit([refusalAudit(request, by, 'verified', refuse('forbidden_transition', message), ctx.now().toISOString())]);
    return refused('forbidden_transition', message);
  }
  const result = await verifyRequest(ctx, request, personOf(origin) ?? undefined);
  const at = ctx.now().toISOString();
  switch (result.kind) {
    case 'verified':
      return cardResult(renderNotificationCard(notificationView(result.request, result.request.kind === 'connect' ? 'connected' : 'disconnected')));
    case 'timed_out':
      return cardResult(renderNotificationCard(notificationView(result.request, 'failed')));
    case 'pending':
    case 'error':
      return cardResult(
        renderPortalStepCard(
          portalStepView({ ...result.request, lastVerification: { at, text: result.text, verified: false } }, ctx.config.verify.pollSeconds),
        ),
      );
    case 'refused': {
      // The poller (here or on another instance) may have completed it a moment earlier: show that, not an error.
      const now = await ctx.store.getRequest(request.id);
      if (now?.state === 'completed') {
        return cardResult(renderNotificationCard(notificationView(now, now.kind === 'connect' ? 'connected' : 'disconnected')));
      }
      return refusedAction(result.outcome.refusal);
    }
  }
}
