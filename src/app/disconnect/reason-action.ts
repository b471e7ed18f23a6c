import { applyRequestEvent } from '../apply-request-event';
import { requestAction } from '../card-actions/define-action';
import { cardResult, refusedAction } from '../respond';
import { disconnectConfirmCard } from './disconnect-card';

/**
 * `disconnect.submit` on the disconnect card: records the reason (required, 1–500 characters
 * after trimming; the workflow validates and audits a refusal) and answers with the confirmation
 * showing the reason. A refused reason changes nothing, and the card the requester typed into
 * stays as it is.
 */
export const disconnectReasonAction = requestAction(
  'disconnect.submit',
  { notFound: 'This request no longer exists. Start again with `disconnect`.' },
  async ({ ctx, by, request, data }) => {
    const event = { type: 'set_reason', by, at: ctx.now().toISOString(), reason: data.reason ?? '', expectedVersion: data.version } as const;
    const outcome = await applyRequestEvent(ctx, request, event, by);
    if (!outcome.ok) return refusedAction(outcome.refusal);
    return cardResult(disconnectConfirmCard(outcome.request));
  },
);
