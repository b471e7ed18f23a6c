import { randomUUID } from 'node:crypto';
import { runWithCorrelationId, type Logger } from '../logger';
import type { OutboxRecord, Store } from '../store/store';
import type { ConversationSender, OutboxPayload } from './conversation-sender';
import { readFailure } from './with-teams-limits';

export interface OutboxDispatcherOptions {
  store: Store;
  send: ConversationSender;
  logger: Logger;
  now?: () => Date;
  /** How long a claimed item stays leased to this instance (rate limits may hold a batch for a while). */
  leaseMs?: number;
  /** Idle polling interval. */
  intervalMs?: number;
  batchSize?: number;
}

export interface OutboxDispatcher {
  /** Delivers what is due now; resolves when this pass is done. */
  runOnce(): Promise<number>;
  /** Asks for a pass soon (after a commit). */
  kick(): void;
  start(): void;
  /** Stops polling and waits for the pass in flight. */
  stop(): Promise<void>;
  /**
   * One last pass (at shutdown): delivers what is due, but starts no delivery
   * after `budgetMs`; what is left is released for the next start.
   */
  flush(budgetMs: number): Promise<number>;
}

/**
 * Delivers queued notifications. Items are claimed with a lease, so several
 * instances share the work and a crash between commit and delivery only delays it.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { store, send, logger } = options;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;
  let flushDeadline: number | null = null;

  const deliver = async (item: OutboxRecord): Promise<void> => {
    const payload = item.payload as unknown as OutboxPayload;
    if (flushDeadline !== null && Date.now() > flushDeadline) {
      // Shutting down: release the lease so the next start delivers it at once.
      await store.rescheduleOutbox(item.id, now().toISOString()).catch(() => undefined);
      return;
    }
    try {
      const result = await send(item.conversationKey, payload);
      if (payload.kind === 'post' && payload.track && result.activityId) {
        await store.recordPostedActivity(payload.track.requestId, payload.track.purpose, item.conversationKey, result.activityId);
      }
      await store.markOutboxSent(item.id, now().toISOString());
    } catch (err) {
      // Kept and retried later with backoff, never dropped.
      const backoff = Math.min(300_000, 1_000 * 2 ** Math.min(item.attempts, 8)) * (0.75 + Math.random() * 0.5);
      const delay = Math.max(backoff, readFailure(err).retryAfterMs ?? 0);
      await store.rescheduleOutbox(item.id, new Date(now().getTime() + delay).toISOString()).catch(() => undefined);
      logger.warn(
        {
          outboxId: item.id,
          attempts: item.attempts,
          status: readFailure(err).status,
          retryInMs: Math.round(delay),
          err: err instanceof Error ? err.message : String(err),
        },
        'notification not delivered yet',
      );
    }
  };

  const pass = async (): Promise<number> => {
    let delivered = 0;
    for (;;) {
      if (flushDeadline !== null && Date.now() > flushDeadline) break;
      const at = now();
      const items = await store.claimOutbox(batchSize, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString());
      if (items.length === 0) break;
      // Deliver in order per conversation; conversations in parallel.
      const byConversation = new Map<string, OutboxRecord[]>();
      for (const item of items) byConversation.set(item.conversationKey, [...(byConversation.get(item.conversationKey) ?? []), item]);
      await Promise.all(
        [...byConversation.values()].map(async (list) => {
          for (const item of list) await deliver(item);
        }),
      );
      delivered += items.length;
      if (items.length < batchSize) break;
    }
    return delivered;
  };

  const runOnce = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    // Each pass logs under its own correlation id, not that of the turn that kicked it.
    running = runWithCorrelationId(`outbox-${randomUUID()}`, pass)
      .catch((err: unknown) => {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox pass failed');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void runOnce();
        }
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(schedule);
    }, intervalMs);
    timer.unref();
  };

  return {
    runOnce,
    kick() {
      void runOnce();
    },
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
    async flush(budgetMs) {
      if (running) await running;
      flushDeadline = Date.now() + budgetMs;
      try {
        return await runOnce();
      } finally {
        flushDeadline = null;
      }
    },
  };
}
