import type { TurnOrigin } from '../turn-origin';
import { renderMessageCard } from '../../cards';
import { applyRequestEvent } from '../apply-request-event';
import type { AppContext } from '../context';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../identity-guard';
import { readRequestRef } from '../read-action-data';
import { cardResult, refused, refusedAction } from '../respond';
import type { CardAction, CardActionResult } from '../types';

/** `request.cancel` on any card of an open request: only the requester may cancel. */
export async function cancelAction(ctx: AppContext, origin: TurnOrigin, action: CardAction): Promise<CardActionResult> {
  const by = personOf(origin);
  if (!by) return refused('unknown_user', UNKNOWN_PERSON_MESSAGE);
  const ref = readRequestRef(action.data);
  if (!ref.ok) return refused('invalid_data', ref.message);
  const existing = await ctx.store.getRequest(ref.requestId);
  if (!existing || existing.tenantId !== origin.tenantId) return refused('not_found', 'This request no longer exists.');
  const outcome = await applyRequestEvent(ctx, existing, { type: 'cancel', by, at: ctx.now().toISOString(), expectedVersion: ref.version }, by);
  if (!outcome.ok) return refusedAction(outcome.refusal);
  return cardResult(
    renderMessageCard({
      title: 'Request cancelled',
      text: `Your request to ${outcome.request.kind} ${outcome.request.workspace.name} is cancelled. Nothing was changed.`,
      style: 'warning',
    }),
  );
}
