import { isDeepStrictEqual } from 'node:util';
import type { RunningBot } from '../../src/start-bot';

const POLL_MS = 20;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(POLL_MS);
  }
}

/**
 * Runs the in-process bots' own work to its end: outbox passes on each (and, with `verify`, a
 * verification pass first), until a pass on every bot delivers nothing. What a late duplicate
 * would come from (a notification queued twice, a second verification) has then been delivered.
 */
export async function drain(bots: Pick<RunningBot, 'outbox' | 'poller'>[], options: { verify?: boolean } = {}, maxRounds = 20): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    if (options.verify) await Promise.all(bots.map((b) => b.poller.tick()));
    const delivered = await Promise.all(bots.map((b) => b.outbox.runOnce()));
    if (delivered.every((n) => n === 0)) return;
  }
  throw new Error(`the bots still had notifications to deliver after ${maxRounds} rounds`);
}

/**
 * A short, bounded quiet period once the expected state is reached: `observe()` must keep
 * returning `expected` for `quietMs`, checked every 20 ms, so a late duplicate (or a post that
 * should never come) fails the test the moment it shows, with `what` in the message.
 */
export async function staysEqual<T>(observe: () => T | Promise<T>, expected: T, what: string, quietMs = 300): Promise<void> {
  const until = Date.now() + quietMs;
  for (;;) {
    const seen = await observe();
    if (!isDeepStrictEqual(seen, expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}`);
    if (Date.now() >= until) return;
    await pause(POLL_MS);
  }
}
