import type { TurnOrigin } from '../turn-origin';
import { renderNotificationCard, renderPortalStepCard } from '../../cards';
import { refusedAttempt } from '../audit/refused-attempt';
import type { AppContext } from '../context';
import { personOf } from '../identity-guard';
import { readRequestRef } from '../read-action-data';
import { notificationView, portalStepView } from '../request-views';
import { cardResult, refused, statusForRefusal } from '../respond';
import type { CardAction, CardActionResult } from '../types';
import { accepts } from '../../workflow';
import { verifyRequest } from './verify-request';

/** `connection.verify` ("Check now") on the portal-step card: verify from Azure signals now. */
export async function verifyAction(ctx: AppContext, origin: TurnOrigin, action: CardAction): Promise<CardActionResult> {
  const ref = readRequestRef(action.data);
  if (!ref.ok) return refused(400, 'InvalidData', ref.message);
  const request = await ctx.store.getRequest(ref.requestId);
  if (!request || request.tenantId !== origin.tenantId) return refused(404, 'NotFound', 'This request no longer exists.');
  if (request.state === 'completed') {
    return cardResult(renderNotificationCard(notificationView(request, request.kind === 'connect' ? 'connected' : 'disconnected')));
  }
  if (!accepts(request, 'verified')) {
    const message = `This request is ${request.state}: there is no portal step to check.`;
    const by = personOf(origin);
    if (by)
      await ctx.store.appendAudit([
        refusedAttempt({
          request,
          tenantId: origin.tenantId,
          actor: by,
          action: 'verified',
          code: 'forbidden_transition',
          message,
          at: ctx.now().toISOString(),
        }),
      ]);
    return refused(409, 'forbidden_transition', message);
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
      return refused(statusForRefusal(result.outcome.refusal.code), result.outcome.refusal.code, result.outcome.refusal.message);
    }
  }
}
