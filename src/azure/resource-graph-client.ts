import type { TokenCredential } from '@azure/core-auth';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { exponentialRetryPolicy, systemErrorRetryPolicy, throttlingRetryPolicy, type AbortSignalLike } from '@azure/ms-rest-js';
import { AzureCallError } from './ports';
import { parseQuotaReset } from './read-error-answer';
import { runAzureCall, type CallContext } from './run-azure-call';

/** Rows per page: Resource Graph's maximum (`$top` 1..1000). */
export const RESOURCE_GRAPH_PAGE_SIZE = 1000;

/** Pages read at most for one query (a million rows): a service that keeps sending $skipToken is not followed forever. */
const MAX_PAGES = 1000;

/** Runs a Resource Graph query and returns every row of it. */
export type ResourceGraphQuery = (operation: string, query: string) => Promise<Record<string, unknown>[]>;

/** Options of {@link createResourceGraphQuery}. */
export interface ResourceGraphOptions {
  /** The ARM endpoint (the sandbox: `<origin>/sandbox/arm`). */
  endpoint: string;
  credential: TokenCredential;
  call: CallContext;
  /** Rows per page; default {@link RESOURCE_GRAPH_PAGE_SIZE} (tests page smaller). */
  pageSize?: number;
}

/**
 * Resource Graph through `@azure/arm-resourcegraph` 4.2.1 (api-version 2021-03-01, fixed by the
 * SDK; 5.0.0 needs Node 22). That SDK is built on `@azure/ms-rest-js`, whose bearer policy sends
 * the token over plain HTTP too, so the sandbox needs no replaced policy here (the core-client SDKs
 * do: sandbox-auth-policy.ts); its token scope is https://management.azure.com/.default for any
 * endpoint but the sovereign clouds'. Its default retry waits about 30 s before a retry: replaced by
 * one that fits the call's deadline. Pages are followed by `$skipToken`; the quota headers
 * (`x-ms-user-quota-remaining`, `x-ms-user-quota-resets-after`) pace the next query: with none left,
 * it waits for the window to reset instead of being refused.
 */
export function createResourceGraphQuery(options: ResourceGraphOptions): ResourceGraphQuery {
  const client = new ResourceGraphClient(options.credential, {
    baseUri: options.endpoint.replace(/\/+$/, ''),
    noRetryPolicy: true,
    requestPolicyFactories: (defaults) => [
      exponentialRetryPolicy(3, 100, 100, 1000),
      systemErrorRetryPolicy(3, 100, 100, 1000),
      throttlingRetryPolicy(3),
      ...defaults,
    ],
  });
  const pageSize = options.pageSize ?? RESOURCE_GRAPH_PAGE_SIZE;
  let quota = { remaining: Number.POSITIVE_INFINITY, resetAt: 0 };

  const onePage = async (operation: string, query: string, skipToken: string | undefined) =>
    runAzureCall(operation, options.call, async (abortSignal) => {
      const wait = quota.remaining <= 0 ? quota.resetAt - Date.now() : 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
      const page = await client.resources(
        { query, options: { top: pageSize, resultFormat: 'objectArray', ...(skipToken ? { skipToken } : {}) } },
        { abortSignal: abortSignalLike(abortSignal) },
      );
      const headers = page._response.headers;
      const remaining = Number(headers.get('x-ms-user-quota-remaining') ?? NaN);
      const resetMs = parseQuotaReset(headers.get('x-ms-user-quota-resets-after'));
      if (Number.isFinite(remaining) && resetMs !== undefined) quota = { remaining, resetAt: Date.now() + resetMs };
      if (!Array.isArray(page.data)) throw new AzureCallError('malformed', operation, 'Resource Graph answered without an objectArray "data"');
      if (page.resultTruncated === 'true') throw new AzureCallError('malformed', operation, 'Resource Graph cut the result short (resultTruncated)');
      return { rows: page.data as Record<string, unknown>[], skipToken: page.skipToken };
    });

  return async (operation, query) => {
    const rows: Record<string, unknown>[] = [];
    let skipToken: string | undefined;
    for (let n = 1; n <= MAX_PAGES; n++) {
      const page = await onePage(n === 1 ? operation : `${operation} (page ${n})`, query, skipToken);
      rows.push(...page.rows);
      skipToken = page.skipToken;
      if (!skipToken) return rows;
    }
    throw new AzureCallError('malformed', operation, `Resource Graph sent more than ${MAX_PAGES} pages`);
  };
}

/** Node's AbortSignal in the shape `@azure/ms-rest-js` types it (the same events, an older `this` type). */
function abortSignalLike(signal: AbortSignal): AbortSignalLike {
  type Listener = (this: AbortSignalLike, ev: Event) => unknown;
  const wrapped = new Map<Listener, (ev: Event) => void>();
  const like: AbortSignalLike = {
    get aborted() {
      return signal.aborted;
    },
    dispatchEvent: (event) => signal.dispatchEvent(event),
    onabort: null,
    addEventListener(type, listener, options) {
      const inner = (ev: Event) => void listener.call(like, ev);
      wrapped.set(listener, inner);
      signal.addEventListener(type, inner, options);
    },
    removeEventListener(type, listener, options) {
      const inner = wrapped.get(listener);
      if (inner) signal.removeEventListener(type, inner, options);
      wrapped.delete(listener);
    },
  };
  return like;
}
