import { Client } from 'pg';
import { click, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { FakeConnector } from '../support/fake-connector';
import { SKIP_POSTGRES, uniqueSchema, urlWithSchema } from '../support/postgres-test-db';
import { cardAction, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import type { TestBot } from '../support/test-bot';
import { startInstance, waitForReadyz } from './support/bot-instances';
import { startInstancePair, type InstancePair } from './support/instance-pair';
import { startSharedSandbox, type SharedSandbox } from './support/shared-sandbox';
import { createThrowawayCluster, type ThrowawayCluster } from './support/throwaway-postgres';
import { drain, staysEqual } from '../support/settle';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PROD = `${SUB}/rg-soc/law-soc-prod`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const socSummaries = (t: TestBot, pattern: RegExp) => socPosts(t).filter((p) => pattern.test(String(p.body.summary ?? '')));

/**
 * These tests stop and restart PostgreSQL. They use a cluster of their own (pg_createcluster +
 * pg_ctlcluster), so the suites that share the main test server keep running meanwhile.
 */
(SKIP_POSTGRES ? describe.skip : describe)('PostgreSQL down, restarted, or not migrated yet', () => {
  let cluster: ThrowawayCluster | undefined;
  let sandbox: SharedSandbox;
  let connector: FakeConnector;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cluster = await createThrowawayCluster();
    sandbox = await startSharedSandbox();
    connector = new FakeConnector();
    await connector.start();
  }, 60_000);
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
    // A test that failed midway may leave the server stopped.
    await cluster?.start().catch(() => undefined);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await connector?.stop();
    await cluster?.drop();
  }, 30_000);

  const instanceOn = async (schema: string) => {
    const t = await startInstance({ databaseUrl: urlWithSchema(cluster!.url, schema), sandboxUrl: sandbox.url, connector });
    cleanups.push(() => t.stop());
    return t;
  };

  test('started while PostgreSQL is down: listens, /readyz 503 (/healthz 200), ready by itself once it is back', async () => {
    await cluster!.stop();
    const began = Date.now();
    const t = await instanceOn(uniqueSchema('down'));
    expect(Date.now() - began).toBeLessThan(10_000);

    expect(await t.request('GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const down = await t.request('GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not ready', store: 'postgres', database: 'unreachable', message: expect.stringMatching(/database does not answer/) });
    await staysEqual(async () => (await t.request('GET', '/readyz')).status, 503, 'not ready while the database is down', 1_000);

    await cluster!.start();
    // The schema comes up in the background (retry with backoff); no restart of the bot.
    expect(await waitForReadyz(t, 200, 20_000)).toEqual({ status: 'ready', store: 'postgres', database: 'ready' });
    expect(t.bot.readiness.isMigrated()).toBe(true);
    await setSocChannel(t);
    expect((await t.bot.store.getSocChannel(TENANT_ID))?.channelId).toBe(SOC_CHANNEL_ID);
  }, 60_000);

  test('/readyz is 503 while the database answers but the migrations are not in place yet', async () => {
    const schema = uniqueSchema('pending');
    // Another instance "is migrating": hold the lock that migrate() takes.
    const holder = new Client({ connectionString: cluster!.url });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`sentinel-onboarding-bot:migrations:${schema}`]);

    const t = await instanceOn(schema);
    const pending = await t.request('GET', '/readyz');
    expect(pending.status).toBe(503);
    expect(pending.body).toEqual({
      status: 'not ready',
      store: 'postgres',
      database: 'migrating',
      message: expect.stringMatching(/schema is not in place yet/),
    });
    expect((await t.request('GET', '/healthz')).status).toBe(200);

    await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`sentinel-onboarding-bot:migrations:${schema}`]);
    expect((await waitForReadyz(t, 200, 20_000)).database).toBe('ready');
  }, 60_000);

  test('PostgreSQL restarted mid-flow: no request lost, /readyz 503 then 200, both instances recover without a restart', async () => {
    const pair: InstancePair = await startInstancePair({ baseUrl: cluster!.url });
    cleanups.push(() => pair.stop());
    const { a, b } = pair;
    await setSocChannel(a);
    const { requestId } = await submitConnect(a, USERS.dana, 'law-soc-prod');

    // The server goes away.
    await cluster!.stop();
    for (const t of [a, b]) {
      expect((await waitForReadyz(t, 503, 10_000)).database).toBe('unreachable');
      expect((await t.request('GET', '/healthz')).status).toBe(200);
    }
    // An approval meanwhile fails without changing anything (and without crashing the bot).
    const during = await b.send(
      cardAction(
        b.serviceUrl,
        USERS.ravi,
        'request.approve',
        { requestId, version: 2 },
        { conversationId: `${SOC_CHANNEL_ID};messageid=1`, conversationType: 'channel' },
      ),
    );
    // Answered (HTTP 200, as Teams wants) with the internal error: the click changed nothing.
    expect(during).toMatchObject({ status: 200, body: { statusCode: 500, value: { code: 'InternalError' } } });

    // It comes back: both instances are ready again by themselves, the request is where it was.
    await cluster!.start();
    for (const t of [a, b]) expect((await waitForReadyz(t, 200, 20_000)).database).toBe('ready');
    expect(await b.bot.store.getRequest(requestId)).toMatchObject({ state: 'submitted', version: 2 });

    const approved = await click(b, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(approved.statusCode).toBe(200);
    await a.connector.waitFor(() => socSummaries(a, /approved the request/).length > 0, 10_000, 'approved notification');

    // A restart of the server while the instances poll for the portal step.
    const seen = new Set<number>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        seen.add((await a.request('GET', '/readyz').catch(() => ({ status: -1 }))).status);
        await sleep(50);
      }
    })();
    await cluster!.restart();
    for (const t of [a, b]) await waitForReadyz(t, 200, 20_000);
    watching = false;
    await watcher;
    expect(seen.has(200)).toBe(true);

    expect((await pair.sandbox.call('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    await a.connector.waitFor(() => socSummaries(a, /^Connected law-soc-prod/).length > 0, 20_000, 'connected notification');
    await drain([a.bot, b.bot], { verify: true });
    const counts = () => ({
      asks: socSummaries(a, /asks to connect/).length,
      approved: socSummaries(a, /approved the request/).length,
      connected: socSummaries(a, /^Connected law-soc-prod/).length,
    });
    await staysEqual(counts, { asks: 1, approved: 1, connected: 1 }, 'no notification lost or doubled', 1_200);
    expect(await a.bot.store.getRequest(requestId)).toMatchObject({ state: 'completed', version: 4 });
    const accepted = (await a.bot.store.listAudit(TENANT_ID, 100)).filter((x) => x.outcome === 'accepted' && x.requestId === requestId).map((x) => x.action);
    expect(accepted.reverse()).toEqual(['create', 'submit', 'approve', 'verified']);
  }, 90_000);
});
