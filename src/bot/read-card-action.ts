import type { Activity } from 'botbuilder';
import type { CardAction } from '../app/types';

const MAX_VERB = 64;

/**
 * Validates the value of an `adaptiveCard/action` invoke: an Action.Execute
 * with a string verb and object data. Anything else is refused, never thrown.
 */
export function readCardAction(activity: Partial<Activity>): { ok: true; action: CardAction } | { ok: false; message: string } {
  const value = activity.value as unknown;
  if (!isObject(value)) return { ok: false, message: 'The card action has no value. Use the buttons on the card.' };
  const action = value.action;
  if (!isObject(action)) return { ok: false, message: 'The card action has no action. Use the buttons on the card.' };
  if (action.type !== 'Action.Execute') {
    return { ok: false, message: `The action type ${JSON.stringify(String(action.type)).slice(0, 60)} is not supported: the bot's cards use Action.Execute.` };
  }
  if (typeof action.verb !== 'string' || action.verb.length === 0 || action.verb.length > MAX_VERB) {
    return { ok: false, message: 'The card action has no valid verb. Use the buttons on the card.' };
  }
  const data = action.data === undefined || action.data === null ? {} : action.data;
  if (!isObject(data)) return { ok: false, message: 'The card action data must be an object. Use the buttons on the card.' };
  return { ok: true, action: { verb: action.verb, data, replyToId: readReplyToId(activity) } };
}

/**
 * Whether a message is a click of an `Action.Submit` button of the bot's cards, as a client
 * without Universal Actions sends it: its `value` is an object that holds `verb`.
 */
export function isSubmitAction(activity: Partial<Activity>): boolean {
  return isObject(activity.value) && 'verb' in activity.value;
}

/**
 * Validates such a message's value: `verb` (a string), and beside it the card's data and the
 * inputs, which become the action's data as an invoke's would. Anything else is refused, never thrown.
 */
export function readSubmitAction(activity: Partial<Activity>): { ok: true; action: CardAction } | { ok: false; message: string } {
  const value = activity.value as unknown;
  if (!isObject(value)) return { ok: false, message: 'The card action has no value. Use the buttons on the card.' };
  const { verb, ...data } = value;
  if (typeof verb !== 'string' || verb.length === 0 || verb.length > MAX_VERB) {
    return { ok: false, message: 'The card action has no valid verb. Use the buttons on the card.' };
  }
  return { ok: true, action: { verb, data, replyToId: readReplyToId(activity) } };
}

function readReplyToId(activity: Partial<Activity>): string | null {
  return typeof activity.replyToId === 'string' && activity.replyToId.length <= 512 ? activity.replyToId : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
