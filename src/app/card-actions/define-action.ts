import type { CardVerb } from '../../cards';
import { refuse, type Person, type Refusal } from '../../workflow';
import type { AppContext } from '../context';
import { refusedAction } from '../respond';
import type { StoredRequest } from '../stored-request';
import type { TurnOrigin } from '../turn-origin';
import { personOf, UNKNOWN_PERSON_MESSAGE } from '../turn-guards';
import type { CardAction, CardActionResult } from '../types';
import { ACTION_DATA, REQUEST_REF_FIELDS, type ActionData, type RequestVerb } from './action-data';

/**
 * What handles one verb: the action as received (an invoke today; a message activity whose
 * `value` carries the verb is the same action), answered with a card or a refusal.
 */
export type CardActionHandler = (ctx: AppContext, origin: TurnOrigin, action: CardAction) => Promise<CardActionResult>;

/** What every verb's handler gets: the turn, the data its schema accepted. */
export interface ActionContext<V extends CardVerb> {
  ctx: AppContext;
  origin: TurnOrigin;
  data: ActionData<V>;
  /** The activity that holds the clicked card, when the client said. */
  replyToId: string | null;
}

/** A verb's handler context once the clicker is known. */
export interface PersonActionContext<V extends CardVerb> extends ActionContext<V> {
  by: Person;
}

/** A request verb's handler context: the request loaded from the store (its tenant is the clicker's). */
export interface RequestActionContext<V extends RequestVerb, P extends Person | null = Person> extends ActionContext<V> {
  by: P;
  request: StoredRequest;
}

/** Reads a verb's data with its schema; the first problem is the refusal. */
function readData<V extends CardVerb>(verb: V, raw: Record<string, unknown>): { ok: true; data: ActionData<V> } | { ok: false; refusal: Refusal } {
  const parsed = ACTION_DATA[verb].safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data as ActionData<V> };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  return {
    ok: false,
    refusal: refuse(REQUEST_REF_FIELDS.includes(field) ? 'invalid_data' : 'invalid_input', issue?.message ?? 'The card action data is not valid.'),
  };
}

/**
 * A verb acted on by a known person, about no request yet (the workspace picker): the clicker
 * must have an Entra object id, `personalOnly` keeps it to a 1:1 chat, then the data is read.
 */
export function personAction<V extends CardVerb>(
  verb: V,
  options: { personalOnly?: string },
  handle: (c: PersonActionContext<V>) => Promise<CardActionResult>,
): CardActionHandler {
  return async (ctx, origin, action) => {
    const by = personOf(origin);
    if (!by) return refusedAction(refuse('unknown_user', UNKNOWN_PERSON_MESSAGE));
    if (options.personalOnly && origin.conversationType !== 'personal') return refusedAction(refuse('personal_only', options.personalOnly));
    const read = readData(verb, action.data);
    if (!read.ok) return refusedAction(read.refusal);
    return handle({ ctx, origin, by, data: read.data, replyToId: action.replyToId });
  };
}

interface RequestActionOptions {
  /** The 404's message when the request is gone (or another tenant's). */
  notFound: string;
}

/** Reads the data (requestId, version, inputs), loads the request and checks that it is the clicker's tenant's. */
async function readRequest<V extends RequestVerb>(
  verb: V,
  options: RequestActionOptions,
  ctx: AppContext,
  origin: TurnOrigin,
  action: CardAction,
): Promise<{ ok: true; data: ActionData<V>; request: StoredRequest } | { ok: false; answer: CardActionResult }> {
  const read = readData(verb, action.data);
  if (!read.ok) return { ok: false, answer: refusedAction(read.refusal) };
  const { requestId } = read.data as { requestId: string };
  const request = await ctx.store.getRequest(requestId);
  if (!request || request.tenantId !== origin.tenantId) return { ok: false, answer: refusedAction(refuse('not_found', options.notFound)) };
  return { ok: true, data: read.data, request };
}

/**
 * A verb acted on about a request by a known person: reads who clicked (an Entra object id is
 * required), the data, loads the request and checks its tenant, then hands the handler a typed
 * context. What may happen to the request is the workflow's to decide, not the wrapper's.
 */
export function requestAction<V extends RequestVerb>(
  verb: V,
  options: RequestActionOptions,
  handle: (c: RequestActionContext<V>) => Promise<CardActionResult>,
): CardActionHandler {
  return async (ctx, origin, action) => {
    const by = personOf(origin);
    if (!by) return refusedAction(refuse('unknown_user', UNKNOWN_PERSON_MESSAGE));
    const read = await readRequest(verb, options, ctx, origin, action);
    if (!read.ok) return read.answer;
    return handle({ ctx, origin, by, request: read.request, data: read.data, replyToId: action.replyToId });
  };
}

/** As {@link requestAction}, for a verb anyone who sees the card may use (Check now): `by` is null when the client did not say who. */
export function anonymousRequestAction<V extends RequestVerb>(
  verb: V,
  options: RequestActionOptions,
  handle: (c: RequestActionContext<V, Person | null>) => Promise<CardActionResult>,
): CardActionHandler {
  return async (ctx, origin, action) => {
    const read = await readRequest(verb, options, ctx, origin, action);
    if (!read.ok) return read.answer;
    return handle({ ctx, origin, by: personOf(origin), request: read.request, data: read.data, replyToId: action.replyToId });
  };
}
