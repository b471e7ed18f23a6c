import { retryDelayMs, parseRetryAfter } from '../../src/notify/retry-delay';
import { createSlidingWindowLimiter, TEAMS_CONVERSATION_LIMITS } from '../../src/notify/sliding-window-limiter';
import { withoutSdkRetries } from '../../src/notify/conversation-sender';
import { withTeamsLimits } from '../../src/notify/with-teams-limits';

/** A clock that only moves when someone sleeps. */
function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

/** The largest number of timestamps in any window of `windowMs` (half-open [t, t + windowMs)). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("the per-conversation limiter with Teams' real limits (7 per second, 60 per 30 s)", () => {
  test('lets 7 go at once, holds the 8th until a second has passed', () => {
    const clock = fakeClock();
    const limiter = createSlidingWindowLimiter({ now: clock.now, sleep: clock.sleep });
    expect(TEAMS_CONVERSATION_LIMITS).toEqual([
      { limit: 7, windowMs: 1000 },
      { limit: 60, windowMs: 30000 },
    ]);
    return (async () => {
      for (let i = 0; i < 7; i++) {
        expect(limiter.delayFor('soc')).toBe(0);
        (await limiter.acquire('soc'))();
      }
      expect(limiter.delayFor('soc')).toBe(1000);
      clock.advance(999);
      expect(limiter.delayFor('soc')).toBe(1);
      clock.advance(1);
      expect(limiter.delayFor('soc')).toBe(0);
    })();
  });

  test('a burst of 200 to one conversation never exceeds 7/s or 60/30 s, and goes as fast as allowed', async () => {
    const clock = fakeClock();
    const limiter = createSlidingWindowLimiter({ now: clock.now, sleep: clock.sleep });
    const start = clock.now();
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      (await limiter.acquire('soc'))();
      times.push(clock.now());
    }
    expect(maxInWindow(times, 1000)).toBe(7);
    expect(maxInWindow(times, 30_000)).toBe(60);
    // The 61st message waits for the first to leave the 30-second window, not longer.
    expect(times[60] - start).toBe(30_000);
    expect(times[7] - start).toBe(1000);
  });

  test('conversations are limited separately', async () => {
    const clock = fakeClock();
    const limiter = createSlidingWindowLimiter({ now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 7; i++) (await limiter.acquire('soc'))();
    expect(limiter.delayFor('soc')).toBeGreaterThan(0);
    expect(limiter.delayFor('user:dana')).toBe(0);
  });

  test('a send counts from when it is over; while in flight it counts as now', async () => {
    const clock = fakeClock();
    const limiter = createSlidingWindowLimiter({ now: clock.now, sleep: clock.sleep });
    const done = [];
    for (let i = 0; i < 7; i++) done.push(await limiter.acquire('soc'));
    clock.advance(5000);
    expect(limiter.delayFor('soc')).toBe(1000); // seven still open: the window starts now
    for (const d of done) d();
    clock.advance(400);
    expect(limiter.delayFor('soc')).toBe(600);
  });

  test('a margin widens every window', async () => {
    const clock = fakeClock();
    const limiter = createSlidingWindowLimiter({ now: clock.now, sleep: clock.sleep, marginMs: 100 });
    for (let i = 0; i < 7; i++) (await limiter.acquire('soc'))();
    expect(limiter.delayFor('soc')).toBe(1100);
  });
});

describe('retry delays', () => {
  test('exponential with jitter, capped; Retry-After wins', () => {
    const opts = { baseMs: 500, maxMs: 8000 };
    expect(retryDelayMs(0, undefined, { ...opts, random: () => 0 })).toBe(250);
    expect(retryDelayMs(0, undefined, { ...opts, random: () => 0.999 })).toBeCloseTo(500, -1);
    expect(retryDelayMs(3, undefined, { ...opts, random: () => 0.5 })).toBe(3000);
    expect(retryDelayMs(10, undefined, { ...opts, random: () => 0.999 })).toBeLessThanOrEqual(8000);
    expect(retryDelayMs(0, 2000, opts)).toBe(2000);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('withTeamsLimits', () => {
  const failure = (status: number, retryAfter?: string) =>
    Object.assign(new Error(`status ${status}`), {
      statusCode: status,
      response: { status, headers: { get: (n: string) => (n === 'retry-after' ? (retryAfter ?? null) : null) } },
    });

  test.each([429, 412, 502, 504])('retries %i with backoff and delivers', async (status) => {
    const clock = fakeClock();
    const attempts: number[] = [];
    const send = withTeamsLimits(
      async () => {
        attempts.push(clock.now());
        if (attempts.length < 3) throw failure(status);
        return { activityId: 'a-1' };
      },
      { now: clock.now, sleep: clock.sleep, random: () => 0.5, baseDelayMs: 100 },
    );
    await expect(send('soc', { kind: 'post', text: 'x' })).resolves.toEqual({ activityId: 'a-1' });
    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBe(75);
    expect(attempts[2] - attempts[1]).toBe(150);
  });

  test('honours Retry-After on 429', async () => {
    const clock = fakeClock();
    const attempts: number[] = [];
    const send = withTeamsLimits(
      async () => {
        attempts.push(clock.now());
        if (attempts.length === 1) throw failure(429, '2');
        return { activityId: 'a-1' };
      },
      { now: clock.now, sleep: clock.sleep },
    );
    await send('soc', { kind: 'post', text: 'x' });
    expect(attempts[1] - attempts[0]).toBe(2000);
  });

  test('gives up after maxAttempts (the outbox keeps it), and never retries a 400 or 403', async () => {
    const clock = fakeClock();
    let calls = 0;
    const always = (status: number) =>
      withTeamsLimits(
        async () => {
          calls++;
          throw failure(status);
        },
        { now: clock.now, sleep: clock.sleep, maxAttempts: 4 },
      );
    await expect(always(502)('soc', { kind: 'post', text: 'x' })).rejects.toMatchObject({ statusCode: 502 });
    expect(calls).toBe(4);
    calls = 0;
    await expect(always(403)('soc', { kind: 'post', text: 'x' })).rejects.toMatchObject({ statusCode: 403 });
    expect(calls).toBe(1);
  });

  test('every attempt, retries included, counts against the rate limit', async () => {
    const clock = fakeClock();
    const times: number[] = [];
    let n = 0;
    const send = withTeamsLimits(
      async () => {
        times.push(clock.now());
        if (++n % 3 === 0) throw failure(429, '0');
        return { activityId: String(n) };
      },
      { now: clock.now, sleep: clock.sleep, marginMs: 0 },
    );
    for (let i = 0; i < 100; i++) await send('soc', { kind: 'post', text: String(i) });
    expect(times.length).toBeGreaterThan(100);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
  });
});

describe('the connector client used for notifications', () => {
  test('has no retries of its own (they would not be counted by the limiter)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ConnectorClient } = require('botframework-connector');
    const client = new ConnectorClient({ signRequest: async (r: unknown) => r }, { baseUri: 'http://127.0.0.1:1' });
    const names = () => client.client.pipeline.getOrderedPolicies().map((p: { name: string }) => p.name);
    expect(names()).toContain('defaultRetryPolicy');
    withoutSdkRetries(client);
    expect(names().filter((n: string) => /retry/i.test(n))).toEqual([]);
  });
});
