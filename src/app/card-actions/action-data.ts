import { z } from 'zod';
import type { CardVerb } from '../../cards';

const ID = /^[A-Za-z0-9-]{1,64}$/;
const NO_REQUEST_ID = 'The card action has no valid requestId. Use the buttons on the latest card for the request.';
const NO_VERSION = 'The card action has no valid version. Use the buttons on the latest card for the request.';
const CHOOSE_WORKSPACE = 'Choose a workspace from the list, then select it.';

/** The request a card is about: `requestId` and the `version` it showed. Never trusted beyond its type. */
const requestRef = {
  requestId: z.string({ error: NO_REQUEST_ID }).regex(ID, { error: NO_REQUEST_ID }),
  version: z.int({ error: NO_VERSION }).min(1, { error: NO_VERSION }).max(1_000_000, { error: NO_VERSION }),
};

/** An optional text input: text, or nothing (absent or null). */
const optionalText = (message: string) =>
  z
    .string({ error: message })
    .nullish()
    .transform((value) => value ?? undefined);

/** The fields of the request reference: a problem with them is `invalid_data`, with any other input `invalid_input`. */
export const REQUEST_REF_FIELDS: readonly string[] = Object.keys(requestRef);

/**
 * The data each verb's card sends (contracts/conversation.md, Cards): one schema per verb.
 * Fields are checked in order, so the first problem reported is the first field's.
 * Other fields a client adds are ignored.
 */
export const ACTION_DATA = {
  'workspace.select': z.object({
    workspace: z
      .string({ error: CHOOSE_WORKSPACE })
      .max(512, { error: CHOOSE_WORKSPACE })
      .refine((value) => value.trim() !== '', { error: CHOOSE_WORKSPACE }),
  }),
  'request.submit': z.object(requestRef),
  'request.cancel': z.object(requestRef),
  'request.approve': z.object({ ...requestRef, comment: optionalText('The comment must be text.') }),
  'request.reject': z.object({ ...requestRef, comment: optionalText('The comment must be text.') }),
  'request.refresh': z.object(requestRef),
  'connection.verify': z.object(requestRef),
  'disconnect.submit': z.object({
    ...requestRef,
    reason: optionalText('The reason must be text: type why the workspace is being disconnected, then continue.'),
  }),
} as const satisfies { readonly [V in CardVerb]: z.ZodType };

/** The data of a verb, once its schema accepted it. */
export type ActionData<V extends CardVerb> = z.output<(typeof ACTION_DATA)[V]>;

/** The verbs whose cards are about a request (their data carries `requestId` and `version`). */
export type RequestVerb = { [V in CardVerb]: ActionData<V> extends { requestId: string; version: number } ? V : never }[CardVerb];
