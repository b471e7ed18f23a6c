import { renderMessageCard, type MessageView } from '../cards';
import type { Json } from '../store/store';
import type { CardActionResult, Reply } from './types';

/** A message card as a reply. */
export function messageReply(view: MessageView): Reply {
  return { card: renderMessageCard(view) };
}

/** A card as the answer to a card action. */
export function cardResult(card: unknown): CardActionResult {
  return { ok: true, card: card as Json };
}

/** A refused card action; nothing changed. */
export function refused(statusCode: 400 | 403 | 404 | 409 | 412 | 500 | 503, code: string, message: string): CardActionResult {
  return { ok: false, statusCode, code, message };
}

/** HTTP-like status of a workflow refusal code. */
export function statusForRefusal(code: string): 400 | 403 | 409 {
  switch (code) {
    case 'four_eyes':
    case 'not_qualified':
    case 'not_requester':
      return 403;
    case 'stale_version':
    case 'forbidden_transition':
    case 'conflict':
    case 'expired':
    case 'already_connected':
    case 'request_open':
    case 'nothing_connected':
    case 'not_connected_workspace':
      return 409;
    default:
      return 400;
  }
}
