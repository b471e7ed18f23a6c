import type { TokenCredential } from '@azure/core-auth';
import { PUBLIC_CLOUD } from '../clouds';
import { AzureCallError } from './ports';
import { errorCodeOfBody } from './read-error-answer';
import { kindForStatus } from './to-azure-call-error';

/** The public cloud's Graph token scope (AZURE_CLOUD decides the one the bot asks for). */
export const GRAPH_SCOPE = PUBLIC_CLOUD.graphScope;

/** How Graph requests are sent. */
export interface GraphHttp {
  baseUrl: string;
  /** The token scope: the cloud's Graph audience (tokens are not interchangeable between clouds). */
  scope: string;
  credential: TokenCredential;
  fetch: typeof fetch;
  maxRetries: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Retry-After in ms (seconds or an HTTP date), capped at 5 s. */
function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = Number(header);
  if (header && Number.isFinite(seconds)) return Math.min(seconds * 1000, 5000);
  const date = header ? Date.parse(header) : NaN;
  return Number.isFinite(date) ? Math.min(Math.max(date - Date.now(), 0), 5000) : 200 * 2 ** attempt;
}

async function getToken(http: GraphHttp, signal: AbortSignal): Promise<string> {
  const token = await http.credential.getToken(http.scope, { abortSignal: signal });
  if (!token) throw Object.assign(new Error('the credential returned no token for Microsoft Graph'), { name: 'CredentialUnavailableError' });
  return token.token;
}

/**
 * GET one Graph URL (absolute, or a path under baseUrl) and parse its JSON;
 * retries 429 / 503 / 504 honouring Retry-After. Non-2xx → AzureCallError.
 */
export async function graphGet(
  http: GraphHttp,
  operation: string,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const target = /^https?:\/\//i.test(url) ? url : `${http.baseUrl}${url}`;
  for (let attempt = 0; ; attempt++) {
    const token = await getToken(http, signal);
    const res = await http.fetch(target, { method: 'GET', headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...headers }, signal });
    const text = await res.text();
    if ([429, 503, 504].includes(res.status) && attempt < http.maxRetries) {
      await sleep(retryAfterMs(res.headers.get('retry-after'), attempt), signal);
      continue;
    }
    if (!res.ok) {
      const detail = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200);
      throw new AzureCallError(kindForStatus(res.status), operation, `Graph answered ${res.status}: ${detail}`, res.status, { code: errorCodeOfBody(text) });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      body = err as Error;
    }
    if (typeof body === 'object' && body !== null && !(body instanceof Error)) return body as Record<string, unknown>;
    // A garbled answer is usually transient (a proxy, a cut connection): try again like a 503.
    if (attempt < http.maxRetries) {
      await sleep(retryAfterMs(null, attempt), signal);
      continue;
    }
    throw new AzureCallError('malformed', operation, `unparsable Graph answer: ${body instanceof Error ? body.message : 'not a JSON object'}`, res.status);
  }
}

/** GET a Graph collection, following `@odata.nextLink` (only on the same origin, so the token stays there). */
export async function graphList(
  http: GraphHttp,
  operation: string,
  path: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const origin = new URL(http.baseUrl).origin;
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = await graphGet(http, operation, next, headers, signal);
    if (!Array.isArray(page.value)) throw new AzureCallError('malformed', operation, 'Graph collection without "value"');
    items.push(...(page.value as Record<string, unknown>[]));
    const link = page['@odata.nextLink'];
    if (typeof link === 'string' && new URL(link).origin !== origin)
      throw new AzureCallError('malformed', operation, `@odata.nextLink leaves ${origin}: ${link}`);
    next = typeof link === 'string' ? link : undefined;
  }
  return items;
}
