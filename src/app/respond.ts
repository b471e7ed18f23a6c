import { renderMessageCard, type MessageView } from '../cards';
import type { CardJson } from '../store/store';
import { refuse, type Refusal, type RefusalCode } from '../workflow';
import { REFUSAL_WIRE } from './refusal-wire';
import type { CardActionResult, Reply } from './types';

/** A message card as a reply. */
export function messageReply(view: MessageView): Reply {
  return { card: renderMessageCard(view) };
}

/** A card as the answer to a card action. */
export function cardResult(card: CardJson): CardActionResult {
  return { ok: true, card };
}

/** A refused card action, as the client sees it (status and code from {@link REFUSAL_WIRE}); nothing changed. */
export function refusedAction(refusal: Refusal): CardActionResult {
  const wire = REFUSAL_WIRE[refusal.code];
  return { ok: false, statusCode: wire.status, code: wire.code, message: refusal.message };
}

/** A refused card action from a code and its message. */
export function refused(code: RefusalCode, message: string): CardActionResult {
  return refusedAction(refuse(code, message));
}
