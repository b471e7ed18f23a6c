import { cardOf, textOf } from '../support/fake-connector';
import { channelMessage, personalConversationId, personalMessage, SOC_CHANNEL_ID, TENANT_ID, USERS, BOT } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { drain, staysEqual } from '../support/settle';

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const LENA = { id: `29:${USERS.lena.id}`, name: USERS.lena.name, aadObjectId: USERS.lena.id };
const VERBS = [
  'workspace.select',
  'request.submit',
  'request.cancel',
  'request.approve',
  'request.reject',
  'connection.verify',
  'disconnect.submit',
  'request.nuke',
  '',
  'REQUEST.APPROVE',
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(70),
];
const TYPES = [
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'event',
  'typing',
  'messageReaction',
  'endOfConversation',
  'deleteUserData',
  'handoff',
  'trace',
  'command',
  'Message',
  '',
  ' ',
  'unknown',
  '💥',
];
// Text that is malformed or read-only: no command here may change state for anyone.
const TEXTS = [
  'help',
  'HELP',
  'status',
  'history 5',
  'history -1',
  'history 99999999999',
  'check',
  'check ',
  'check ../../etc/passwd',
  'check <script>alert(1)</script>',
  '<at>Bot</at>',
  '<at>x</at> help',
  '<at',
  '&lt;at&gt;',
  '\u0000\u0001\u0002',
  '\ud800',
  '💥'.repeat(500),
  '[link](javascript:alert(1))',
  '![img](http://x/y.png)',
  '   ',
  '',
];

function junk(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 8 : 11)) {
    case 0:
      return null;
    case 1:
      return r.int(2) === 0;
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    case 3:
      return '';
    case 4:
      return r.pick(['x', '1', 'null', 'undefined', 'NaN', '{}', '[]', 'true', '../', '%00', '\u202e', '<b>x</b>']);
    case 5:
      return 'A'.repeat(r.pick([100, 1000, 10_000, 60_000]));
    case 6:
      return String.fromCharCode(...Array.from({ length: 20 }, () => r.int(0xffff)));
    case 7:
      return r.pick(['__proto__', 'constructor', 'prototype']);
    case 8:
      return Array.from({ length: r.int(4) }, () => junk(r, depth + 1));
    case 9:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [r.pick(['a', 'type', 'id', 'requestId', 'version', '__proto__', 'value', 'data']), junk(r, depth + 1)]),
      );
    default: {
      let nested: unknown = junk(r, 4);
      for (let i = 0; i < r.int(60); i++) nested = { a: nested };
      return nested;
    }
  }
}

/** Someone who may click or type without any right to change anything. */
function stranger(r: Rng): unknown {
  return r.chance(0.7)
    ? r.pick([LENA, { id: '29:x', aadObjectId: '44444444-4444-4444-8444-444444444444' }, undefined])
    : r.pick([null, junk(r), { id: '29:x', aadObjectId: junk(r) }, { id: 5 }, 'dana']);
}

interface Case {
  description: string;
  body: string;
  contentType?: string;
}

function generate(r: Rng, serviceUrl: string, seeded: { requestId: string; version: number }): Case {
  const kind = r.int(10);
  const serviceUrlOf = () =>
    r.chance(0.95) ? serviceUrl : r.pick(['http://127.0.0.1:1/', 'ftp://x', 'not a url', '', 5, null, 'javascript:alert(1)', `${serviceUrl}/../../`]);
  const base = (): Record<string, unknown> => ({
    type: 'message',
    id: r.chance(0.95) ? `fuzz-${r.int(1e9)}` : junk(r),
    channelId: r.chance(0.97) ? 'msteams' : junk(r),
    serviceUrl: serviceUrlOf(),
    from: stranger(r),
    recipient: r.chance(0.97) ? BOT : junk(r),
    conversation: r.chance(0.95)
      ? {
          id: r.pick([personalConversationId(USERS.lena), `${SOC_CHANNEL_ID};messageid=1`, 'a:x']),
          conversationType: r.chance(0.9) ? r.pick(['personal', 'channel', 'groupChat', null]) : junk(r),
          tenantId: TENANT_ID,
        }
      : junk(r),
    channelData: r.chance(0.95)
      ? {
          tenant: { id: r.chance(0.9) ? TENANT_ID : junk(r) },
          ...(r.chance(0.3) ? { team: { id: r.chance(0.8) ? 'team-x' : junk(r) }, channel: { id: r.pick([SOC_CHANNEL_ID, 'other', junk(r)]) } } : {}),
        }
      : junk(r),
  });
  const drop = (o: Record<string, unknown>) => {
    for (const key of Object.keys(o)) if (r.chance(0.03)) delete o[key];
    return o;
  };
  switch (kind) {
    case 0: {
      const raw = r.pick([
        '{',
        '{"type":',
        'nul',
        '[1,',
        '{"type":"message",}',
        "{'type':'message'}",
        '\u0000',
        '{"a":1}{"b":2}',
        'x'.repeat(r.int(5000)),
        '{"type":"message","text":"\\ud800"}',
        '{"__proto__":{"type":"message"}}',
      ]);
      return {
        description: `bad JSON ${JSON.stringify(raw.slice(0, 30))}`,
        body: raw,
        contentType: r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded', undefined]),
      };
    }
    case 1: {
      const value = r.pick([1, 'message', null, true, [], [{ type: 'message' }], 0, '']);
      return { description: `non-object body ${JSON.stringify(value)}`, body: JSON.stringify(value) };
    }
    case 2: {
      const activity = drop({
        ...base(),
        type: r.chance(0.7) ? r.pick(TYPES) : junk(r),
        text: r.chance(0.7) ? r.pick(TEXTS) : junk(r),
        value: junk(r),
        name: r.chance(0.5) ? junk(r) : undefined,
        entities: r.chance(0.3) ? junk(r) : undefined,
        membersAdded: r.chance(0.2) ? junk(r) : undefined,
        attachments: r.chance(0.2) ? junk(r) : undefined,
      });
      return { description: `random activity ${JSON.stringify(activity).slice(0, 120)}`, body: JSON.stringify(activity) };
    }
    case 3:
    case 4: {
      const activity = drop({
        ...base(),
        text: r.chance(0.8) ? r.pick(TEXTS) + (r.chance(0.2) ? String(junk(r)) : '') : junk(r),
        textFormat: r.pick(['plain', 'markdown', junk(r)]),
        entities: r.chance(0.2) ? [{ type: 'mention', mentioned: junk(r), text: junk(r) }] : undefined,
      });
      return { description: `message ${JSON.stringify(activity).slice(0, 120)}`, body: JSON.stringify(activity) };
    }
    case 5:
    case 6:
    case 7:
    case 8: {
      const data: Record<string, unknown> = {};
      if (r.chance(0.8)) data.requestId = r.chance(0.5) ? seeded.requestId : junk(r);
      if (r.chance(0.8))
        data.version = r.chance(0.4) ? r.pick([seeded.version, seeded.version + 1, seeded.version - 1, String(seeded.version), seeded.version + 0.5]) : junk(r);
      if (r.chance(0.3)) data.comment = junk(r);
      if (r.chance(0.3)) data.reason = junk(r);
      if (r.chance(0.3)) data.workspace = r.chance(0.5) ? r.pick(['law-soc-prod', 'no-such', '', ' ']) : junk(r);
      if (r.chance(0.2)) data.nested = junk(r);
      const action = r.chance(0.85)
        ? { type: r.chance(0.85) ? 'Action.Execute' : junk(r), verb: r.chance(0.85) ? r.pick(VERBS) : junk(r), data: r.chance(0.85) ? data : junk(r) }
        : junk(r);
      const value = r.chance(0.9) ? { action, trigger: r.pick(['manual', 'automatic', junk(r)]) } : junk(r);
      const activity = drop({
        ...base(),
        type: 'invoke',
        name: r.chance(0.85) ? 'adaptiveCard/action' : r.pick(['task/fetch', 'composeExtension/query', 'signin/verifyState', 'healthCheck', '', junk(r)]),
        replyToId: r.chance(0.9) ? 'activity-1' : junk(r),
        value,
      });
      return { description: `card action ${JSON.stringify(activity).slice(0, 160)}`, body: JSON.stringify(activity) };
    }
    default: {
      const activity = drop({
        ...base(),
        type: r.pick(['conversationUpdate', 'installationUpdate']),
        action: r.pick(['add', 'remove', junk(r)]),
        membersAdded: r.chance(0.7) ? [r.pick([{ id: BOT.id }, { id: junk(r) }, junk(r)])] : junk(r),
        membersRemoved: r.chance(0.3) ? junk(r) : undefined,
      });
      return { description: `install ${JSON.stringify(activity).slice(0, 120)}`, body: JSON.stringify(activity) };
    }
  }
}

/** The request id and version carried by a card's Action.Execute buttons. */
function requestRefIn(card: unknown): { requestId: string; version: number } | null {
  if (typeof card !== 'object' || card === null) return null;
  const data = (card as { data?: { requestId?: unknown; version?: unknown } }).data;
  if (data && typeof data.requestId === 'string' && typeof data.version === 'number') return { requestId: data.requestId, version: data.version };
  for (const value of Object.values(card)) {
    const found = requestRefIn(value);
    if (found) return found;
  }
  return null;
}

describe('hostile input', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({}, { outboxIntervalMs: 200 });
  });
  afterAll(() => t.stop());

  test('an oversize body is refused with 413 and the server stays up', async () => {
    const big = personalMessage(t.serviceUrl, USERS.lena, 'help', { padding: 'x'.repeat(300 * 1024) });
    const res = await t.send(big);
    expect(res.status).toBe(413);
    expect((await t.request('GET', '/healthz')).status).toBe(200);
    // Just under the limit is read (and refused for what it is, not for its size).
    const under = await t.send(personalMessage(t.serviceUrl, USERS.lena, 'help', { padding: 'x'.repeat(200 * 1024) }));
    expect(under.status).toBe(200);
  });

  test('an activity with ill-typed fields gets 400 saying which field', async () => {
    const res = await t.send({ ...personalMessage(t.serviceUrl, USERS.lena, 'help'), conversation: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/conversation/);
    const res2 = await t.send({ ...personalMessage(t.serviceUrl, USERS.lena, 'help'), serviceUrl: 'javascript:alert(1)' });
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toMatch(/serviceUrl/);
  });

  test('an invoke the bot does not handle gets a 4xx, not 501', async () => {
    const res = await t.send({ ...personalMessage(t.serviceUrl, USERS.lena, ''), type: 'invoke', name: 'task/fetch', value: {} });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UnsupportedInvoke');
  });

  test('5,000+ generated malformed activities and card actions: no 5xx, no crash, no unhandled rejection, no state change', async () => {
    // A SOC channel and a draft request for the fuzz to aim at.
    await t.send(channelMessage(t.serviceUrl, USERS.ravi, 'notify here'));
    await t.connector.waitFor((c) => c.some((x) => /now the SOC channel/.test(textOf(x))), 5000, 'notify here');
    await t.send(personalMessage(t.serviceUrl, USERS.dana, 'connect law-soc-prod'));
    const calls = await t.connector.waitFor(
      (c) => c.some((x) => x.conversationId === personalConversationId(USERS.dana) && requestRefIn(cardOf(x)) !== null),
      15_000,
      'the product changes card',
    );
    const seeded = requestRefIn(cardOf(calls.find((x) => x.conversationId === personalConversationId(USERS.dana) && requestRefIn(cardOf(x)) !== null)!))!;

    const snapshot = async () => ({
      request: await t.bot.store.getRequest(seeded.requestId),
      open: await t.bot.store.listOpenRequests(TENANT_ID),
      accepted: (await t.bot.store.listAudit(TENANT_ID, 10_000)).filter((a) => a.outcome === 'accepted'),
      soc: await t.bot.store.getSocChannel(TENANT_ID),
      connection: await t.bot.store.getConnection(TENANT_ID),
      tenant: (await t.request('GET', '/sandbox/state')).body,
    });
    const before = await snapshot();

    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const r = prng(20240611);
    const cases = Array.from({ length: 5200 }, () => generate(r, t.serviceUrl, seeded));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const headers: Record<string, string> = {};
        if (c.contentType !== undefined || !('contentType' in c)) headers['content-type'] = c.contentType ?? 'application/json';
        const res = await fetch(`${t.bot.url}/api/messages`, { method: 'POST', headers, body: c.body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${res.status} ← ${c.description}`);
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, worker));
      // Work a request left running (its replies, the outbox) has its chance to fail late.
      await drain([t.bot]);
      await staysEqual(() => rejections.length, 0, 'no unhandled rejection', 500);
    } finally {
      process.off('unhandledRejection', onRejection);
    }

    expect(failures.slice(0, 10)).toEqual([]);
    expect(rejections).toEqual([]);
    expect((await t.request('GET', '/healthz')).status).toBe(200);
    expect(await snapshot()).toEqual(before);
    // The run really exercised both refusals and handled turns.
    expect(statuses.get(200)).toBeGreaterThan(1000);
    expect(statuses.get(400)).toBeGreaterThan(1000);
  }, 120_000);
});
