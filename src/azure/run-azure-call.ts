import { AzureCallError } from './ports';
import { toAzureCallError } from './to-azure-call-error';

/** How one ARM or Graph call is bounded and described. */
export interface CallContext {
  timeoutMs: number;
  credentialName: string;
}

/** How often an unparsable answer is tried again (the SDK retries only by status code). */
const MALFORMED_RETRIES = 2;

/**
 * Runs one call under a deadline (SDK retries included): the signal aborts it
 * at `timeoutMs`, and every failure comes out as an {@link AzureCallError}.
 * An unparsable answer is tried again while the deadline allows.
 */
export async function runAzureCall<T>(operation: string, ctx: CallContext, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
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
        const pause = 100 * 2 ** attempt;
        if (failure.kind !== 'malformed' || attempt >= MALFORMED_RETRIES || Date.now() - started + pause >= ctx.timeoutMs) throw failure;
        await Promise.race([new Promise((r) => setTimeout(r, pause)), deadline]);
      }
    }
  } catch (err) {
    throw toAzureCallError(operation, err, ctx.credentialName);
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
