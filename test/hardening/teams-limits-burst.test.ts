import { randomUUID } from 'node:crypto';
import type { OutboxRecord } from '../../src/store/store';
import { textOf, type ConnectorCall } from '../support/fake-connector';
import { channelMessage, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

// Teams' limits scaled down tenfold in time (7 per 300 ms, 60 per 3 s) so that the burst runs in seconds.
const WINDOWS = [
  { limit: 7, windowMs: 300 },
  { limit: 60, windowMs: 3000 },
];

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('a burst of notifications to the SOC channel, with the connector throttling', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({}, { outboxIntervalMs: 50, teamsLimits: { windows: WINDOWS, marginMs: 100, baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 } });
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'notify here'));
    await t.connector.waitFor((c) => c.some((x) => /now the SOC channel/.test(textOf(x))), 5000, 'notify here reply');
  });
  afterAll(() => t.stop());

  test('all 75 are delivered exactly once, within 7 per window of 1 and 60 per window of 30 (scaled)', async () => {
    const key = `channel:${TENANT_ID}:${SOC_CHANNEL_ID}`;
    const base = Date.now();
    const records: OutboxRecord[] = Array.from({ length: 75 }, (_, i) => {
      const at = new Date(base + i).toISOString();
      return {
        id: randomUUID(),
        tenantId: TENANT_ID,
        requestId: null,
        conversationKey: key,
        payload: { kind: 'post', text: `burst ${i}` },
        createdAt: at,
        attempts: 0,
        nextAttemptAt: at,
        sentAt: null,
      };
    });
    // Throttled from the first message on; then, mid-burst, a run of failures longer than the in-place retries.
    t.connector.failNext(429, 3, 0);
    t.connector.failNext(429, 1, 0.2);
    await t.bot.store.enqueueOutbox(records);
    t.bot.outbox.kick();
    await t.connector.waitFor((c) => burstPosts(c).length >= 20, 15_000, '20 burst posts');
    t.connector.failNext(502, 1);
    t.connector.failNext(504, 1);
    t.connector.failNext(412, 1);
    t.connector.failNext(429, 4, 0); // exceeds maxAttempts (3): the outbox reschedules it
    const calls = await t.connector.waitFor((c) => new Set(burstPosts(c).map(textOf)).size >= 75, 30_000, 'all 75 burst posts');

    const posts = burstPosts(calls);
    const texts = posts.map(textOf).sort();
    expect(texts).toEqual(records.map((r) => `burst ${records.indexOf(r)}`).sort());
    expect(new Set(texts).size).toBe(posts.length); // exactly once
    const times = posts.map((p) => p.at);
    expect(maxInWindow(times, 300)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 3000)).toBeLessThanOrEqual(60);
    // Delivered means marked sent: nothing is left in the outbox (the last mark may trail the connector's answer).
    expect(await outboxDrained(t, 5000)).toEqual([]);
  });
});

function burstPosts(calls: ConnectorCall[]): ConnectorCall[] {
  return calls.filter((c) => c.method === 'POST' && c.conversationId === SOC_CHANNEL_ID && /^burst \d+$/.test(textOf(c)));
}

/** What is still unsent in the outbox once it drains, or after `timeoutMs` (a lease of 0 ms leaves the dispatcher's work alone). */
async function outboxDrained(t: TestBot, timeoutMs: number): Promise<OutboxRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await t.bot.store.claimOutbox(100, new Date(Date.now() + 3_600_000).toISOString(), new Date().toISOString());
    if (pending.length === 0 || Date.now() > deadline) return pending;
    await new Promise((r) => setTimeout(r, 100));
  }
}
