import type { Activity } from 'botbuilder';

const MAX_ID = 1024;
const MAX_TEXT = 28_000; // Teams' own message limit is about 28 KB.
/** A card action's value (its data and inputs) as JSON: far above what the bot's cards can send (a 500-character comment, ids). */
const MAX_VALUE_CHARS = 32_768;

type Check = (value: unknown) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || v === null ? null : check(v);
const string =
  (max: number): Check =>
  (v) =>
    typeof v !== 'string' ? 'must be a string' : v.length > max ? `must be at most ${max} characters` : null;
const nonEmptyString =
  (max: number): Check =>
  (v) =>
    string(max)(v) ?? ((v as string).trim() === '' ? 'must not be empty' : null);
const object =
  (fields: Record<string, Check> = {}): Check =>
  (v) => {
    if (!isObject(v)) return 'must be an object';
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(v[name]);
      if (problem) return `.${name}${problem.startsWith('.') || problem.startsWith('[') ? '' : ' '}${problem}`;
    }
    return null;
  };
const arrayOf =
  (item: Check, max: number): Check =>
  (v) => {
    if (!Array.isArray(v)) return 'must be an array';
    if (v.length > max) return `must have at most ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i]);
      if (problem) return `[${i}]${problem.startsWith('.') || problem.startsWith('[') ? '' : ' '}${problem}`;
    }
    return null;
  };
/** An object whose JSON is at most `max` characters. */
const boundedObject =
  (max: number): Check =>
  (v) =>
    !isObject(v) ? 'must be an object' : JSON.stringify(v).length > max ? `must be at most ${max} characters as JSON` : null;
const httpUrl: Check = (v) => {
  const problem = nonEmptyString(2048)(v);
  if (problem) return problem;
  try {
    const url = new URL(v as string);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
};

const account = object({ id: optional(string(MAX_ID)), name: optional(string(512)), aadObjectId: optional(string(MAX_ID)), role: optional(string(64)) });

/** The fields the bot and botbuilder read, with the types they must have. */
const ACTIVITY_FIELDS: Record<string, Check> = {
  type: nonEmptyString(64),
  id: optional(string(MAX_ID)),
  name: optional(string(256)),
  channelId: optional(string(64)),
  serviceUrl: httpUrl,
  from: optional(account),
  recipient: optional(account),
  conversation: object({ id: nonEmptyString(MAX_ID), conversationType: optional(string(64)), tenantId: optional(string(MAX_ID)) }),
  channelData: optional(
    object({
      tenant: optional(object({ id: optional(string(MAX_ID)) })),
      team: optional(object({ id: optional(string(MAX_ID)) })),
      channel: optional(object({ id: optional(string(MAX_ID)) })),
      eventType: optional(string(128)),
    }),
  ),
  text: optional(string(MAX_TEXT)),
  textFormat: optional(string(32)),
  locale: optional(string(32)),
  replyToId: optional(string(MAX_ID)),
  deliveryMode: optional(string(32)),
  timestamp: optional(string(64)),
  localTimestamp: optional(string(64)),
  membersAdded: optional(arrayOf(account, 1000)),
  membersRemoved: optional(arrayOf(account, 1000)),
  entities: optional(arrayOf(object({ type: string(128) }), 100)),
  attachments: optional(arrayOf(object({ contentType: optional(string(256)) }), 50)),
  action: optional(string(64)),
  // A card action (an invoke's, or an Action.Submit's in a message), a search query: always an object.
  value: optional(boundedObject(MAX_VALUE_CHARS)),
};

/**
 * Checks that a request body is a Bot Framework activity the bot can safely
 * process: the fields it reads have the types botbuilder assumes. Returns what
 * is wrong, or null. Fields the bot does not read are not checked.
 */
export function activityProblem(body: unknown): string | null {
  if (!isObject(body)) return 'The body must be a Bot Framework activity (a JSON object with a type).';
  for (const [name, check] of Object.entries(ACTIVITY_FIELDS)) {
    const problem = check(body[name]);
    if (problem) return `The activity's ${name}${problem.startsWith('.') || problem.startsWith('[') ? '' : ' '}${problem}.`;
  }
  return null;
}

/** Narrows a checked body. */
export function asActivity(body: unknown): Activity {
  return body as Activity;
}
