import { randomUUID } from 'node:crypto';
import { runWithCorrelationId, scrubText, type Logger } from '../logger';
import { newOutboxItem, outboxPayload } from '../store/outbox-item';
import { conversationKeys, type AuditStore, type OutboxRecord, type OutboxStore, type SocChannelStore } from '../store/store';
import type { ConversationSender } from './conversation-sender';
import { readFailure } from './with-teams-limits';

/** Delivery attempts after which a notification is given up (dead-lettered): about 8½ minutes of backoff. */
export const OUTBOX_MAX_ATTEMPTS = 8;

export interface OutboxDispatcherOptions {
  store: OutboxStore & AuditStore & SocChannelStore;
  send: ConversationSender;
  logger: Logger;
  now?: () => Date;
  /** Attempts after which a notification is dead-lettered; default {@link OUTBOX_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Ids of the notices it queues; default random UUIDs. */
  newId?: () => string;
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
 * Delivers queued notifications. Items are claimed with a lease, so several instances share the
 * work and a crash between commit and delivery only delays it. A notification that still fails
 * after `maxAttempts` attempts is dead-lettered: never tried again, audited, and the SOC channel
 * told (unless the SOC channel is what cannot be reached).
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { store, send, logger } = options;
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  const newId = options.newId ?? randomUUID;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;
  let flushDeadline: number | null = null;

  const deliver = async (item: OutboxRecord): Promise<void> => {
    const payload = item.payload;
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
      if (item.attempts >= maxAttempts) {
        await deadLetter(item, err);
        return;
      }
      // Kept and retried later with backoff.
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

  /** Gives up on a notification: marked dead with its audit entry and, where it can be reached, a notice in the SOC channel. */
  const deadLetter = async (item: OutboxRecord, err: unknown): Promise<void> => {
    const at = now().toISOString();
    const failure = readFailure(err);
    const why = `${failure.status !== undefined ? `HTTP ${failure.status}: ` : ''}${scrubText(err instanceof Error ? err.message : String(err)).slice(0, 300)}`;
    const where = item.conversationKey.startsWith('user:') ? 'a 1:1 chat' : 'a channel';
    const soc = await store.getSocChannel(item.tenantId);
    const socKey = soc ? conversationKeys.channel(soc.tenantId, soc.channelId) : null;
    const notices =
      socKey && socKey !== item.conversationKey
        ? [
            newOutboxItem(
              { tenantId: item.tenantId, requestId: item.requestId, conversationKey: socKey },
              outboxPayload.text(
                `A notification to ${where}${item.requestId ? ` about request ${item.requestId}` : ''} could not be delivered after ` +
                  `${item.attempts} attempts, so the bot gave up on it. Type \`status\` to see where things stand; \`history\` has the entry.`,
              ),
              { id: newId(), at },
            ),
          ]
        : [];
    await store.deadLetterOutbox(
      item.id,
      at,
      {
        at,
        tenantId: item.tenantId,
        requestId: item.requestId,
        actor: 'system',
        action: 'notification.dead_letter',
        outcome: 'failed',
        fromState: null,
        toState: null,
        detail: `Gave up delivering a notification (${item.payload.kind}) to ${where} (${item.conversationKey}) after ${item.attempts} attempts: ${why}`,
      },
      notices,
    );
    const told = notices.length > 0;
    logger.error({ outboxId: item.id, attempts: item.attempts, status: failure.status, err: why, socChannelTold: told }, 'notification dead-lettered');
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
