import { cardOf, FakeConnector } from '../support/fake-connector';
import { click, say, setSocChannel, socPosts } from '../support/drive';
import { executeActions } from '../support/card-queries';
import { staysEqual, waitUntil } from '../support/settle';
import { adminQuery, dropSchema, requirePostgres, SKIP_POSTGRES, TEST_DATABASE_URL, uniqueSchema, urlWithSchema } from '../support/postgres-test-db';
import { SOC_CHANNEL_ID, USERS } from '../support/teams-activities';
import type { TestBot } from '../support/test-bot';
import { eventually, spawnInstance, waitForReadyz, type SpawnedInstance } from './support/bot-instances';
import { ConnectorGate } from './support/connector-gate';
import { startSharedSandbox, type SharedSandbox } from './support/shared-sandbox';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PROD = `${SUB}/rg-soc/law-soc-prod`;
const socSummaries = (t: TestBot, pattern: RegExp) => socPosts(t).filter((p) => pattern.test(String(p.body.summary ?? '')));

(SKIP_POSTGRES ? describe.skip : describe)('kill -9 of an instance right after a state change', () => {
  const schema = uniqueSchema('crash');
  const databaseUrl = urlWithSchema(TEST_DATABASE_URL, schema);
  let sandbox: SharedSandbox;
  let connector: FakeConnector;
  let gate: ConnectorGate;
  const running: SpawnedInstance[] = [];

  beforeAll(async () => {
    await requirePostgres();
    sandbox = await startSharedSandbox();
    connector = new FakeConnector();
    await connector.start();
    gate = new ConnectorGate(connector.url);
    await gate.start();
  });
  afterAll(async () => {
    for (const p of running) await p.kill();
    await gate?.stop();
    await connector?.stop();
    await sandbox?.stop();
    await dropSchema(TEST_DATABASE_URL, schema);
  });

  const spawn = async () => {
    const p = await spawnInstance({ databaseUrl, sandboxUrl: sandbox.url, connector, serviceUrl: gate.url });
    running.push(p);
    await waitForReadyz(p.driver, 200);
    return p;
  };

  /** The outbox rows of a request, read straight from the database. */
  const outboxOf = async (requestId: string) =>
    (await adminQuery(TEST_DATABASE_URL, `SELECT id, attempts, next_attempt_at, sent_at FROM "${schema}".outbox WHERE request_id = $1`, [requestId])) as {
      id: string;
      attempts: number;
      next_attempt_at: string;
      sent_at: string | null;
    }[];

  test('the queued notification is delivered once after the restart, and the request continues', async () => {
    const first = await spawn();
    await setSocChannel(first.driver);
    const card = cardOf(await say(first.driver, USERS.dana, 'connect law-soc-prod'));
    const submit = executeActions(card).find((x) => x.verb === 'request.submit')!;
    const requestId = submit.data.requestId as string;

    // Teams refuses the SOC channel for now: the approval card stays in the outbox.
    gate.close((conversationId) => conversationId.startsWith(SOC_CHANNEL_ID));
    const submitted = await click(first.driver, USERS.dana, 'request.submit', { requestId, version: 1 }, 'personal');
    expect(submitted.statusCode).toBe(200);

    // Kill once the failed attempt is written back (due again in seconds), not while a delivery holds its lease.
    const queued = await eventually(
      async () => {
        const rows = await outboxOf(requestId);
        if (rows.length !== 1 || rows[0].sent_at !== null || rows[0].attempts < 1 || gate.refused < rows[0].attempts) return undefined;
        // Written back and left alone for a moment (no delivery in flight holds it); a change makes the probe try again.
        const state = async () => (await outboxOf(requestId)).map((r) => [r.attempts, r.sent_at, r.next_attempt_at]);
        await staysEqual(state, [[rows[0].attempts, null, rows[0].next_attempt_at]], 'the failed delivery left alone');
        return Date.parse(rows[0].next_attempt_at) < Date.now() + 60_000 ? rows[0] : undefined;
      },
      'the failed delivery to be rescheduled',
      30_000,
    );
    expect(gate.refused).toBeGreaterThan(0);
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    gate.open();
    expect(socSummaries(first.driver, /asks to connect/)).toHaveLength(0);
    expect((await outboxOf(requestId))[0].sent_at).toBeNull();

    // A new process on the same database: it delivers the approval card, once.
    const second = await spawn();
    const t = second.driver;
    await t.connector.waitFor(() => socSummaries(t, /asks to connect law-soc-prod/).length > 0, 15_000, 'approval card after restart');
    // The condition: the queued item is marked sent (nothing of it left to deliver); then a quiet period for a late duplicate.
    await waitUntil(async () => (await outboxOf(requestId)).every((r) => r.sent_at !== null), 'the approval card marked sent');
    await staysEqual(() => socSummaries(t, /asks to connect law-soc-prod/).length, 1, 'the approval card posted once', 1_000);
    const [row] = await outboxOf(requestId);
    expect(row.id).toBe(queued.id);
    expect(row.sent_at).not.toBeNull();

    // The request continues on the new process: approval, portal step, verification by polling.
    const approved = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(approved.statusCode).toBe(200);
    expect((await sandbox.call('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    await t.connector.waitFor(() => socSummaries(t, /^Connected law-soc-prod/).length > 0, 15_000, 'connected notification');
    await waitUntil(async () => (await outboxOf(requestId)).every((r) => r.sent_at !== null), 'every notification of the request marked sent');
    const counts = () => ({
      approved: socSummaries(t, /approved the request to connect law-soc-prod/).length,
      connected: socSummaries(t, /^Connected law-soc-prod/).length,
      posts: socPosts(t).length,
    });
    await staysEqual(counts, { approved: 1, connected: 1, posts: 3 }, 'one SOC notification per event', 1_000);
    const [request] = await adminQuery(TEST_DATABASE_URL, `SELECT state, version FROM "${schema}".requests WHERE id = $1`, [requestId]);
    expect(request).toEqual({ state: 'completed', version: 4 });
    await second.stop();
  }, 90_000);
});
