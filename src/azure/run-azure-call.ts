import { AzureCallError } from './ports';
import { toAzureCallError } from './to-azure-call-error';

/** How one ARM or Graph call is bounded and described. */
export interface CallContext {
  timeoutMs: number;
  credentialName: string;
}

/**
 * Runs one call under a deadline (SDK retries included): the signal aborts it
 * at `timeoutMs`, and every failure comes out as an {@link AzureCallError}.
 */
export async function runAzureCall<T>(operation: string, ctx: CallContext, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AzureCallError('timeout', operation, `no answer within ${ctx.timeoutMs} ms`));
    }, ctx.timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
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
