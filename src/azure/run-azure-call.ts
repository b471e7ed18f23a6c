import { AzureCallError, type AzureService } from './ports';
import { toAzureCallError } from './to-azure-call-error';

/** How one ARM or Graph call is bounded and described. */
export interface CallContext {
  timeoutMs: number;
  credentialName: string;
  service: AzureService;
}

/** How often an unparsable answer is tried again (the SDK retries only by status code). */
const MALFORMED_RETRIES = 2;

/**
 * How long to wait before trying a failed call again, or undefined not to: an unparsable answer
 * twice (100, 200 ms); a throttled one (after the SDK's own retries) as often as the deadline
 * allows, waiting what Retry-After asked and at least a doubling backoff from 100 ms.
 */
function pauseBeforeRetry(failure: AzureCallError, attempt: number): number | undefined {
  const backoff = 100 * 2 ** attempt;
  if (failure.kind === 'malformed') return attempt < MALFORMED_RETRIES ? backoff : undefined;
  if (failure.kind === 'throttled') return Math.max(failure.retryAfterMs ?? 0, backoff);
  return undefined;
}

/**
 * Runs one call under a deadline (SDK retries included): the signal aborts it
 * at `timeoutMs`, and every failure comes out as an {@link AzureCallError}.
 * An unparsable answer, and a throttled one (honouring Retry-After), are tried
 * again while the deadline allows; a wait past the deadline is not started. The error names
 * the service and, given `permission`, what the bot's identity needs for the call.
 */
export async function runAzureCall<T>(operation: string, ctx: CallContext, call: (signal: AbortSignal) => Promise<T>, permission?: string): Promise<T> {
  const controller = new AbortController();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AzureCallError('timeout', operation, `no answer within ${ctx.timeoutMs} ms`));
    }, ctx.timeoutMs);
  });
  deadline.catch(() => undefined);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await Promise.race([call(controller.signal), deadline]);
      } catch (err) {
        const failure = toAzureCallError(operation, err, ctx.credentialName);
        const pause = pauseBeforeRetry(failure, attempt);
        if (pause === undefined || Date.now() - started + pause >= ctx.timeoutMs) throw failure;
        await Promise.race([new Promise((r) => setTimeout(r, pause)), deadline]);
      }
    }
  } catch (err) {
    // The advice for a refusal names the service and what to grant: the innermost call says it first.
    const failure = toAzureCallError(operation, err, ctx.credentialName);
    failure.service ??= ctx.service;
    if (permission !== undefined) failure.permission ??= permission;
    throw failure;
  } finally {
    clearTimeout(timer);
  }
}

/** Collects a paged SDK listing into an array. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}
