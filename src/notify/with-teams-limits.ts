import type { ConversationSender } from './conversation-sender';
import { parseRetryAfter, retryDelayMs, RETRYABLE_STATUSES } from './retry-delay';
import { createSlidingWindowLimiter, TEAMS_CONVERSATION_LIMITS, type RateWindow } from './sliding-window-limiter';

/** How notifications keep within Teams' limits; every field has a production default. */
export interface TeamsLimitOptions {
  /** Per-conversation windows; default 7 per second and 60 per 30 s. */
  windows?: readonly RateWindow[];
  /** Safety margin added to each window; default 100 ms. */
  marginMs?: number;
  /** Attempts per delivery before the outbox takes over (reschedules it); default 4. */
  maxAttempts?: number;
  /** Backoff of the first retry; default 500 ms (doubling, with jitter). */
  baseDelayMs?: number;
  /** Largest backoff; default 8 s. */
  maxDelayMs?: number;
  /** Longest Retry-After waited for in place; a longer one leaves the retry to the outbox. Default 30 s. */
  maxRetryAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A delivery that failed with an HTTP status; `retryAfterMs` when the service said when to come back. */
export interface StatusFailure {
  status: number | undefined;
  retryAfterMs: number | undefined;
}

/** Reads the HTTP status and Retry-After of a Bot Connector failure (RestError or similar). */
export function readFailure(err: unknown, now: number = Date.now()): StatusFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    statusCode?: unknown;
    status?: unknown;
    response?: { status?: unknown; headers?: { get?: (name: string) => string | null | undefined } & Record<string, unknown> };
  };
  const raw = e.statusCode ?? e.status ?? e.response?.status;
  const status = typeof raw === 'number' ? raw : undefined;
  const headers = e.response?.headers;
  const header = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers?.['retry-after'] as string | undefined);
  return { status, retryAfterMs: parseRetryAfter(typeof header === 'string' ? header : undefined, now) };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a sender so that each conversation gets at most Teams' rate of messages
 * (every attempt counts), and 429 / 412 / 502 / 503 / 504 are retried with
 * backoff, honouring Retry-After. What still fails is thrown to the outbox,
 * which keeps the notification and tries again later.
 */
export function withTeamsLimits(send: ConversationSender, options: TeamsLimitOptions = {}): ConversationSender {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const limiter = createSlidingWindowLimiter({ windows: options.windows ?? TEAMS_CONVERSATION_LIMITS, marginMs: options.marginMs ?? 100, now, sleep });
  const maxAttempts = options.maxAttempts ?? 4;
  const backoff = { baseMs: options.baseDelayMs ?? 500, maxMs: options.maxDelayMs ?? 8_000, random: options.random };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;

  return async (conversationKey, payload) => {
    for (let attempt = 0; ; attempt++) {
      const done = await limiter.acquire(conversationKey);
      try {
        return await send(conversationKey, payload);
      } catch (err) {
        done();
        const failure = readFailure(err, now());
        const retryable = failure.status !== undefined && RETRYABLE_STATUSES.has(failure.status);
        if (!retryable || attempt + 1 >= maxAttempts || (failure.retryAfterMs ?? 0) > maxRetryAfterMs) throw err;
        await sleep(retryDelayMs(attempt, failure.retryAfterMs, backoff));
      } finally {
        done();
      }
    }
  };
}
