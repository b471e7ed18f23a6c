import type { TurnOrigin } from '../turn-origin';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../identity-guard';
import { readRequestRef } from '../read-action-data';
import { cardResult, refused, refusedAction } from '../respond';
import type { CardAction, CardActionResult } from '../types';
import { disconnectConfirmCard } from './disconnect-card';

/**
 * `disconnect.submit` on the disconnect card: records the reason (required, 1–500
 * characters after trimming; the workflow validates and audits a refusal) and answers
 * with the confirmation showing the reason. A refused reason changes nothing, and the
 * card the requester typed into stays as it is.
 */
export async function disconnectReasonAction(ctx: AppContext, origin: TurnOrigin, action: CardAction): Promise<CardActionResult> {
  const by = personOf(origin);
  if (!by) return refused('unknown_user', UNKNOWN_PERSON_MESSAGE);
  const ref = readRequestRef(action.data);
  if (!ref.ok) return refused('invalid_data', ref.message);
  const reason = action.data.reason;
  if (reason !== undefined && reason !== null && typeof reason !== 'string') {
    return refused('invalid_input', 'The reason must be text: type why the workspace is being disconnected, then continue.');
  }
  const request = await ctx.store.getRequest(ref.requestId);
  if (!request || request.tenantId !== origin.tenantId) {
    return refused('not_found', 'This request no longer exists. Start again with `disconnect`.');
  }
  const outcome = await applyRequestEvent(
    ctx,
    request,
    { type: 'set_reason', by, at: ctx.now().toISOString(), reason: reason ?? '', expectedVersion: ref.version },
    by,
  );
  if (!outcome.ok) return refusedAction(outcome.refusal);
  return cardResult(disconnectConfirmCard(outcome.request));
}
