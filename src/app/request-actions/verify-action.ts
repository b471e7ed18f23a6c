import { renderNotificationCard, renderPortalStepCard } from '../../cards';
import { accepts, refusalAudit, refuse } from '../../workflow';
import { anonymousRequestAction } from '../card-actions/define-action';
import { notificationView, portalStepView } from '../request-views';
import { cardResult, refused, refusedAction } from '../respond';
import { verifyRequest } from '../verification/verify-request';
import { portalLinks } from '../../clouds';

/**
 * `connection.verify` ("Check now") on the portal-step card of a connect or a disconnect: verify
 * from Azure signals now. Anyone who sees the card may ask; the approver's own click can confirm
 * a connection Azure cannot show.
 */
export const verifyAction = anonymousRequestAction('connection.verify', { notFound: 'This request no longer exists.' }, async (c) => {
  const { ctx, by, request } = c;
  if (request.state === 'completed') {
    return cardResult(renderNotificationCard(notificationView(request, request.kind === 'disconnect' ? 'disconnected' : 'connected')));
  }
  if (!accepts(request, 'verified')) {
    const message = `This request is ${request.state}: there is no portal step to check.`;
    if (by) await ctx.store.appendAudit([refusalAudit(request, by, 'verified', refuse('forbidden_transition', message), ctx.now().toISOString())]);
    return refused('forbidden_transition', message);
  }
  const result = await verifyRequest(ctx, request, by ?? undefined);
  const at = ctx.now().toISOString();
  switch (result.kind) {
    case 'verified':
      return cardResult(renderNotificationCard(notificationView(result.request, result.request.kind === 'disconnect' ? 'disconnected' : 'connected')));
    case 'timed_out':
      return cardResult(renderNotificationCard(notificationView(result.request, 'failed')));
    case 'pending':
    case 'error':
      return cardResult(
        renderPortalStepCard(
          portalStepView(
            { ...result.request, lastVerification: { at, text: result.text, verified: false } },
            ctx.config.verify.pollSeconds,
            portalLinks(ctx.config.cloud).defenderHome,
          ),
        ),
      );
    case 'refused': {
      // The poller (here or on another instance) may have completed it a moment earlier: show that, not an error.
      const now = await ctx.store.getRequest(request.id);
      if (now?.state === 'completed') {
        return cardResult(renderNotificationCard(notificationView(now, now.kind === 'disconnect' ? 'disconnected' : 'connected')));
      }
      return refusedAction(result.outcome.refusal);
    }
  }
});
