import type { AppContext } from '../context';
import { applyRequestEvent } from '../apply-request-event';
import type { StoredRequest } from '../stored-request';
import { verifyRequest } from './verify-request';

export interface Poller {
  /** One pass: verify approved requests, expire overdue ones. */
  tick(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Polls Azure for approved requests' portal steps every VERIFY_POLL_SECONDS and
 * expires requests that waited past their deadline. Passes never overlap.
 */
export function createVerificationPoller(ctx: AppContext): Poller {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const pass = async () => {
    const now = ctx.now();
    const open = (await ctx.store.listRequestsInStates(['submitted', 'approved'])) as unknown as StoredRequest[];
    for (const request of open) {
      if ('expiresAt' in request && request.expiresAt && now.toISOString() >= request.expiresAt) {
        await applyRequestEvent(ctx, request.id, { type: 'expire', at: now.toISOString(), expectedVersion: request.version }, 'system');
        continue;
      }
      if (request.state === 'approved') {
        const result = await verifyRequest(ctx, request);
        if (result.kind === 'error') ctx.logger.warn({ requestId: request.id, text: result.text }, 'verification deferred');
      }
    }
  };

  const tick = (): Promise<void> => {
    if (running) return running;
    running = pass()
      .catch((err: unknown) => ctx.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'verification pass failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), ctx.config.verify.pollSeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
  };
}
