/** Statuses of the Bot Connector worth another try: throttled, precondition race, gateway trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

export interface BackoffOptions {
  /** First backoff; doubles each attempt. */
  baseMs: number;
  /** Largest backoff. */
  maxMs: number;
  /** A number in [0, 1); tests pass their own. */
  random?: () => number;
}

/**
 * How long to wait before attempt `attempt + 1`: the server's Retry-After when it
 * sent one, otherwise exponential backoff with jitter (half fixed, half random).
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions): number {
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After (seconds or an HTTP date) in ms, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
