import type { TokenCredential } from '@azure/core-auth';
import { describeCredential } from './credentials';

/** One token the bot needs, by the service it is for. */
export interface NeededToken {
  service: string;
  scope: string;
}

/** Whether the bot's Azure credential can get every token it needs (GET /readyz in live mode). */
export interface CredentialHealth {
  /** The latest result: ready, or what failed in one line (no secrets: error names and scopes only). */
  status(): { ready: true } | { ready: false; message: string };
  /** Tries now, then keeps trying: every `retryMs` (doubling up to `maxRetryMs`) while failing, every `recheckMs` while fine. */
  start(): void;
  stop(): void;
}

export interface CredentialHealthOptions {
  logger: { info(o: object, m: string): void; error(o: object, m: string): void };
  retryMs?: number;
  maxRetryMs?: number;
  recheckMs?: number;
  /** A token request that takes longer counts as failed (default 20 s). */
  timeoutMs?: number;
}

/**
 * Watches a live credential: the bot keeps serving while it cannot get a token (checks are then
 * Unknown, approvals refused), and readiness says which token failed, so an operator can fix it.
 */
export function watchCredential(credential: TokenCredential, tokens: NeededToken[], options: CredentialHealthOptions): CredentialHealth {
  const { logger } = options;
  const retryMs = options.retryMs ?? 5_000;
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  const recheckMs = options.recheckMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const name = describeCredential(credential);
  let current: { ready: true } | { ready: false; message: string } = { ready: false, message: `${name} has not got a token yet (the first try is under way).` };
  let timer: NodeJS.Timeout | null = null;
  let delay = retryMs;
  let stopped = true;

  const tryAll = async (): Promise<void> => {
    const failures: string[] = [];
    for (const token of tokens) {
      try {
        const got = await credential.getToken(token.scope, { abortSignal: AbortSignal.timeout(timeoutMs) });
        if (!got) throw Object.assign(new Error('no token returned'), { name: 'CredentialUnavailableError' });
      } catch (err) {
        const errName = err instanceof Error ? err.name : 'Error';
        failures.push(`${token.service} (${token.scope}): ${errName}`);
        logger.error(
          { service: token.service, scope: token.scope, err },
          `${name} could not get a token for ${token.service}; checks read as Unknown until it can`,
        );
      }
    }
    const wasReady = current.ready;
    current =
      failures.length === 0
        ? { ready: true }
        : { ready: false, message: `${name} could not get a token for ${failures.join('; ')}. See the log for the details.` };
    if (current.ready && !wasReady) logger.info({ services: tokens.map((t) => t.service) }, `${name} got every token the bot needs`);
  };

  const schedule = () => {
    if (stopped) return;
    const wait = current.ready ? recheckMs : delay;
    delay = current.ready ? retryMs : Math.min(delay * 2, maxRetryMs);
    timer = setTimeout(() => void tryAll().finally(schedule), wait);
    timer.unref();
  };

  return {
    status: () => current,
    start() {
      if (!stopped) return;
      stopped = false;
      void tryAll().finally(schedule);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
