import { randomUUID } from 'node:crypto';
import { IN_FLIGHT_STATES, isExpired } from '../../workflow';
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

export interface PollerOptions {
  /** Who holds a request's lease while working on it; default: a new id per poller (per instance). */
  owner?: string;
  /** How long a request stays leased if this instance dies mid-work (default 60 s). */
  leaseMs?: number;
}

/**
 * Polls Azure for approved requests' portal steps every VERIFY_POLL_SECONDS and
 * expires requests that waited past their deadline. Passes never overlap, and with
 * several instances one at a time works on a given request: each request is leased
 * in the store first (a dead instance's lease runs out by itself).
 */
export function createVerificationPoller(ctx: AppContext, options: PollerOptions = {}): Poller {
  const owner = options.owner ?? `poller-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  /** Expires or verifies one request while holding its lease; skips it if another instance holds it. */
  const work = async (listed: StoredRequest) => {
    const at = ctx.now();
    if (!isExpired(listed, at) && listed.state !== 'approved') return;
    const claimed = await ctx.store.claimRequestLease(listed.id, owner, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString());
    if (!claimed) return;
    try {
      // Another instance may have moved it on between the listing and the lease.
      const request = await ctx.store.getRequest(listed.id);
      if (!request || request.version !== listed.version) return;
      const now = ctx.now();
      if (isExpired(request, now)) {
        await applyRequestEvent(ctx, request, { type: 'expire', at: now.toISOString(), expectedVersion: request.version }, 'system');
        return;
      }
      if (request.state === 'approved') {
        const result = await verifyRequest(ctx, request);
        if (result.kind === 'error') ctx.logger.warn({ requestId: request.id, text: result.text }, 'verification deferred');
      }
    } finally {
      await ctx.store
        .releaseRequestLease(listed.id, owner)
        .catch((err: unknown) =>
          ctx.logger.warn({ requestId: listed.id, err: err instanceof Error ? err.message : String(err) }, 'request lease not released; it runs out by itself'),
        );
    }
  };

  const pass = async () => {
    const open = await ctx.store.listRequestsInStates(IN_FLIGHT_STATES);
    for (const request of open) {
      try {
        await work(request);
      } catch (err) {
        // One request's failure (e.g. the database going away) must not starve the others.
        ctx.logger.warn(
          { requestId: request.id, err: err instanceof Error ? err.message : String(err) },
          'verification of a request failed; retried next pass',
        );
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
