/** What an HTTP error answer says: its error code and Retry-After. */

interface HeadersLike {
  get(name: string): string | null | undefined;
}

/** `error.code` of an ARM or Graph error body (`{"error":{"code":…}}`), if the text is one. */
export function errorCodeOfBody(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && code !== '' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** `hh:mm:ss[.fffffff]` of Resource Graph's `x-ms-user-quota-resets-after`, in ms, or undefined. */
export function parseQuotaReset(value: string | null | undefined): number | undefined {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value?.trim() ?? '');
  return m ? Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000) : undefined;
}

/**
 * The wait an answer asks for, in ms: `retry-after-ms` / `x-ms-retry-after-ms`, else
 * `Retry-After` in seconds or as an HTTP date (the headers the Azure SDK's retry policy reads),
 * else Resource Graph's `x-ms-user-quota-resets-after` (its 429 names the quota's reset instead).
 */
export function retryAfterMsOf(headers: HeadersLike | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name) ?? NaN);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after');
  if (!value) return parseQuotaReset(headers.get('x-ms-user-quota-resets-after'));
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
