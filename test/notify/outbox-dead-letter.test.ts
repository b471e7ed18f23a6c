import { createLogger } from '../../src/logger';
import { createOutboxDispatcher, OUTBOX_MAX_ATTEMPTS } from '../../src/notify/outbox-dispatcher';
import type { ConversationSender } from '../../src/notify/conversation-sender';
import { newOutboxItem, outboxPayload } from '../../src/store/outbox-item';
import { createSqliteStore } from '../../src/store/sqlite-store';
import { conversationKeys, type OutboxPayload, type Store } from '../../src/store/store';

const TENANT = 'tenant-1';
const SOC = conversationKeys.channel(TENANT, '19:soc@thread.tacv2');
const REQUESTER = conversationKeys.user(TENANT, '11111111-1111-4111-8111-111111111111');

describe('outbox: a notification that keeps failing is dead-lettered', () => {
  let store: Store;
  let clock: number;
  let sent: { key: string; payload: OutboxPayload }[];
  /** Conversations that cannot be reached (every send to them fails with 403). */
  let unreachable: Set<string>;

  const send: ConversationSender = async (key, payload) => {
    if (unreachable.has(key)) throw Object.assign(new Error(`Forbidden: the bot was removed from ${key}`), { statusCode: 403 });
    sent.push({ key, payload });
    return { activityId: `activity-${sent.length}` };
  };
  const dispatcher = () => createOutboxDispatcher({ store, send, logger: createLogger('silent'), now: () => new Date(clock), newId: () => `notice-${clock}` });

  /** Runs passes, moving the clock past every backoff, until `maxPasses` ran or nothing is left to do. */
  const deliverUntilSettled = async (d: ReturnType<typeof dispatcher>, maxPasses: number): Promise<number> => {
    let passes = 0;
    while (passes < maxPasses) {
      passes += 1;
      if ((await d.runOnce()) === 0) break;
      clock += 10 * 60_000;
    }
    return passes;
  };

  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    clock = Date.parse('2030-01-01T00:00:00Z');
    sent = [];
    unreachable = new Set();
    await store.setSocChannel(
      {
        tenantId: TENANT,
        teamId: 'team',
        channelId: '19:soc@thread.tacv2',
        conversationReference: {},
        setBy: { id: 'a', name: 'A' },
        setAt: new Date(clock).toISOString(),
      },
      {
        at: new Date(clock).toISOString(),
        tenantId: TENANT,
        requestId: null,
        actor: 'system',
        action: 'soc_channel.set',
        outcome: 'accepted',
        fromState: null,
        toState: null,
      },
      [],
    );
  });
  afterEach(() => store.close());

  const enqueue = (conversationKey: string) =>
    store.enqueueOutbox([
      newOutboxItem({ tenantId: TENANT, requestId: 'req-1', conversationKey }, outboxPayload.text('Your request was approved.'), {
        id: 'n-1',
        at: new Date(clock).toISOString(),
      }),
    ]);

  test(`after ${OUTBOX_MAX_ATTEMPTS} failed attempts: not tried again, audited, and the SOC channel told`, async () => {
    unreachable.add(REQUESTER);
    await enqueue(REQUESTER);
    const d = dispatcher();
    await deliverUntilSettled(d, OUTBOX_MAX_ATTEMPTS + 5);

    const audit = await store.listAudit(TENANT, 10);
    const dead = audit.filter((a) => a.action === 'notification.dead_letter');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ outcome: 'failed', actor: 'system', requestId: 'req-1' });
    expect(dead[0].detail).toContain(`after ${OUTBOX_MAX_ATTEMPTS} attempts`);
    expect(dead[0].detail).toContain('HTTP 403');
    // The SOC channel heard about it, once, without the notification's own text.
    expect(sent).toHaveLength(1);
    expect(sent[0].key).toBe(SOC);
    expect(sent[0].payload).toMatchObject({ kind: 'post' });
    expect(JSON.stringify(sent[0].payload)).toContain('could not be delivered after 8 attempts');
    expect(JSON.stringify(sent[0].payload)).not.toContain('Your request was approved');

    // Dead means dead: no later pass tries it again, even far in the future.
    unreachable.clear();
    clock += 24 * 3_600_000;
    expect(await d.runOnce()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  test('tried exactly that many times, and kept until then', async () => {
    let attempts = 0;
    const counting: ConversationSender = async () => {
      attempts += 1;
      throw Object.assign(new Error('Bad gateway'), { statusCode: 502 });
    };
    await enqueue(REQUESTER);
    const d = createOutboxDispatcher({ store, send: counting, logger: createLogger('silent'), now: () => new Date(clock) });
    for (let pass = 1; pass < OUTBOX_MAX_ATTEMPTS; pass++) {
      await d.runOnce();
      clock += 10 * 60_000;
    }
    expect(attempts).toBe(OUTBOX_MAX_ATTEMPTS - 1);
    expect((await store.listAudit(TENANT, 10)).some((a) => a.action === 'notification.dead_letter')).toBe(false);
    await d.runOnce();
    // The last attempt failed too: now it is given up.
    expect(attempts).toBe(OUTBOX_MAX_ATTEMPTS);
    expect((await store.listAudit(TENANT, 10)).filter((a) => a.action === 'notification.dead_letter')).toHaveLength(1);
  });

  test('when the SOC channel itself cannot be reached, nobody is told there (no notice about the notice)', async () => {
    unreachable.add(SOC);
    await enqueue(SOC);
    await deliverUntilSettled(dispatcher(), OUTBOX_MAX_ATTEMPTS + 5);
    const dead = (await store.listAudit(TENANT, 10)).filter((a) => a.action === 'notification.dead_letter');
    expect(dead).toHaveLength(1);
    expect(sent).toEqual([]);
    expect(await store.claimOutbox(10, new Date(clock + 86_400_000).toISOString(), new Date(clock + 86_460_000).toISOString())).toEqual([]);
  });
});
