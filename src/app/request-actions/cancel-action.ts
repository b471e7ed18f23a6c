import { renderMessageCard } from '../../cards';
import { applyRequestEvent } from '../apply-request-event';
import { requestAction } from '../card-actions/define-action';
import { cardResult, refusedAction } from '../respond';

/** `request.cancel` on any card of an open request, connect or disconnect: only the requester may cancel (the workflow says). */
export const cancelAction = requestAction('request.cancel', { notFound: 'This request no longer exists.' }, async ({ ctx, by, request, data }) => {
  const outcome = await applyRequestEvent(ctx, request, { type: 'cancel', by, at: ctx.now().toISOString(), expectedVersion: data.version }, by);
  if (!outcome.ok) return refusedAction(outcome.refusal);
  return cardResult(
    renderMessageCard({
      title: 'Request cancelled',
      text: `Your request to ${outcome.request.kind} ${outcome.request.workspace.name} is cancelled. Nothing was changed.`,
      style: 'warning',
    }),
  );
});
