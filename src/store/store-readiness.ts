import type { Logger } from '../logger';
import { isConnectionLoss } from './postgres-store';
import type { StoreLifecycle } from './store';

/** What GET /readyz reports about the store. */
export type StoreReadinessReport =
  | { ready: true; store: StoreLifecycle['kind']; database: 'ready' }
  | { ready: false; store: StoreLifecycle['kind']; database: 'unreachable' | 'migrating' | 'cannot write'; message: string };

export interface StoreReadinessOptions {
  logger: Pick<Logger, 'info' | 'warn'>;
  /** First pause between migration attempts; doubles up to `maxDelayMs` (defaults 250 ms, 5 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How long start() waits for the first attempt before letting the bot listen anyway (default 3 s). */
  firstAttemptWaitMs?: number;
  /** A readiness probe answers within this time (default 3 s). */
  checkTimeoutMs?: number;
  /** How long a write probe's result is reused, so that a busy /readyz does not write on every call (default 5 s). */
  writeProbeTtlMs?: number;
}

export interface StoreReadiness {
  /**
   * Starts applying the migrations in the background, retrying with backoff until they are in
   * place. Resolves once the first attempt settled (or after `firstAttemptWaitMs`), never rejects:
   * the bot listens, and reports not ready, while the database is away.
   */
  start(): Promise<void>;
  /** Resolves once the schema is in place. */
  whenReady(): Promise<void>;
  /** The schema is in place (the database may still be away right now). */
  isMigrated(): boolean;
  /** Ready = migrations applied and the database answers now. */
  check(): Promise<StoreReadinessReport>;
  /** Stops retrying. */
  stop(): void;
}

const UNREACHABLE = 'The database does not answer. The bot keeps running and reconnects by itself when it is back.';
const CANNOT_WRITE =
  'The database answers but cannot store anything (disk full, read-only or over its size limit). Free space or raise the limit; the bot keeps running ' +
  'and is ready again once it can write.';
const MIGRATING =
  'The database answers but the schema is not in place yet (migrations pending). The bot applies them by itself and retries until they are in place.';

/** Brings the store's schema up in the background and reports readiness (the composition root's /readyz). */
export function createStoreReadiness(store: StoreLifecycle, options: StoreReadinessOptions): StoreReadiness {
  const { logger } = options;
  const minDelayMs = options.minDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const firstAttemptWaitMs = options.firstAttemptWaitMs ?? 3_000;
  const checkTimeoutMs = options.checkTimeoutMs ?? 3_000;
  const writeProbeTtlMs = options.writeProbeTtlMs ?? 5_000;
  let lastWriteProbe: { at: number; result: Promise<boolean> } | null = null;

  let migrated = false;
  let stopped = false;
  let started: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let firstAttemptDone!: () => void;
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const migrateUntilDone = async () => {
    let delay = minDelayMs;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await store.migrate();
        migrated = true;
        logger.info({ store: store.kind, attempts: attempt }, 'store ready: migrations applied');
        resolveReady();
        return;
      } catch (err) {
        // The first failure and then every tenth: a long outage must not flood the log.
        if (attempt === 1 || attempt % 10 === 0) {
          logger.warn(
            { store: store.kind, attempt, retryInMs: delay, err: err instanceof Error ? err.message : String(err), connectionLost: isConnectionLoss(err) },
            'store not ready: migrations not applied yet, retrying',
          );
        }
      } finally {
        if (attempt === 1) firstAttemptDone();
      }
      await pause(delay * (0.8 + Math.random() * 0.4));
      delay = Math.min(delay * 2, maxDelayMs);
    }
  };

  const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      timer.unref();
      work.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });

  /** Whether the store could write a moment ago; one probe at a time, its result reused for a few seconds. */
  const canWrite = (): Promise<boolean> => {
    if (lastWriteProbe && Date.now() - lastWriteProbe.at < writeProbeTtlMs) return lastWriteProbe.result;
    const result = withTimeout(store.probeWrite(), checkTimeoutMs).then(
      () => true,
      (err: unknown) => {
        logger.warn({ store: store.kind, err: err instanceof Error ? err.message : String(err) }, 'store not ready: it cannot write');
        return false;
      },
    );
    lastWriteProbe = { at: Date.now(), result };
    return result;
  };

  return {
    start() {
      if (!started) {
        void migrateUntilDone();
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, firstAttemptWaitMs);
          timer.unref();
        });
        started = Promise.race([firstAttempt, waited]).finally(() => clearTimeout(timer));
      }
      return started;
    },
    whenReady: () => ready,
    isMigrated: () => migrated,
    async check() {
      let answers = true;
      try {
        await withTimeout(store.ping(), checkTimeoutMs);
      } catch {
        answers = false;
      }
      if (!answers) return { ready: false, store: store.kind, database: 'unreachable', message: UNREACHABLE };
      if (!migrated) return { ready: false, store: store.kind, database: 'migrating', message: MIGRATING };
      if (!(await canWrite())) return { ready: false, store: store.kind, database: 'cannot write', message: CANNOT_WRITE };
      return { ready: true, store: store.kind, database: 'ready' };
    },
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
