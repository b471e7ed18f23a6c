import * as net from 'node:net';
import { Client, Pool } from 'pg';
import { createPostgresStore } from '../../src/store/postgres-store';
import { requirePostgres, SKIP_POSTGRES, TEST_DATABASE_URL } from '../support/postgres-test-db';
import { storeContract, type StoreHarness } from './store-contract';
import { waitUntil } from '../support/settle';

const URL_ = TEST_DATABASE_URL;
const SKIP = SKIP_POSTGRES;
const RUN = `t${process.pid}_${Date.now().toString(36)}`;
const requireServer = () => requirePostgres(URL_);

let counter = 0;
/** Each test gets its own schema, dropped afterwards; runs never see each other's data. */
const harness: StoreHarness = {
  async newDatabase() {
    await requireServer();
    const schema = `store_${RUN}_${++counter}`;
    const admin = new Pool({ connectionString: URL_, max: 2, options: `-c search_path=${schema}` });
    admin.on('error', () => undefined);
    return {
      open: () => createPostgresStore(URL_, { schema, applicationName: `store-test-${schema}`, maxConnections: 5 }),
      async query(sql) {
        return (await admin.query(sql)).rows;
      },
      async dispose() {
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  },
};

(SKIP ? describe.skip : describe)('PostgreSQL store', () => {
  test('the test server is reachable', async () => {
    await requireServer();
  });

  describe('contract', () => {
    storeContract(harness);
  });

  describe('connection failures', () => {
    const closedPort = async (): Promise<number> => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    };

    test('ping rejects cleanly on a closed port, without the password or URL in the error', async () => {
      const port = await closedPort();
      const url = `postgres://bot:Sup3r-Secret-PW@127.0.0.1:${port}/bot_test`;
      const errors: Error[] = [];
      const store = createPostgresStore(url, { connectTimeoutMs: 2000, onPoolError: (e) => errors.push(e) });
      try {
        const err = await store.ping().then(
          () => null,
          (e: unknown) => e as Error,
        );
        expect(err).toBeInstanceOf(Error);
        const text = `${err?.message} ${err?.stack} ${JSON.stringify(err)}`;
        expect(text).not.toContain('Sup3r-Secret-PW');
        expect(text).not.toContain(url);
        await expect(store.migrate()).rejects.toThrow();
        await expect(store.getRequest('x')).rejects.toThrow();
        for (const e of errors) expect(`${e.message} ${e.stack}`).not.toContain('Sup3r-Secret-PW');
      } finally {
        await store.close();
      }
    });

    test('a wrong password is refused without echoing it', async () => {
      await requireServer();
      const u = new URL(URL_);
      u.password = 'definitely-wrong-password';
      const store = createPostgresStore(u.toString(), { connectTimeoutMs: 3000 });
      try {
        const err = await store.ping().then(
          () => null,
          (e: unknown) => e as Error,
        );
        expect(err).toBeInstanceOf(Error);
        expect(`${err?.message} ${err?.stack}`).not.toContain('definitely-wrong-password');
      } finally {
        await store.close();
      }
    });

    test('connections killed by the server do not crash the process; the store recovers without restart', async () => {
      await requireServer();
      const app = `store-test-kill-${RUN}`;
      const poolErrors: Error[] = [];
      const store = createPostgresStore(URL_, { schema: `kill_${RUN}`, applicationName: app, onPoolError: (e) => poolErrors.push(e) });
      const admin = new Client({ connectionString: URL_ });
      await admin.connect();
      try {
        await store.migrate();
        // Open several connections, leave them idle in the pool, then have the server end them.
        await Promise.all(Array.from({ length: 4 }, () => store.ping()));
        const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [app]);
        expect(killed.rowCount).toBeGreaterThan(0);
        // The idle connections' failures go to the pool's error handler, not to an uncaught exception.
        await waitUntil(() => poolErrors.length > 0, 'the pool to report the ended connections', 5_000);
        expect(poolErrors.every((e) => e instanceof Error)).toBe(true);
        let lastError: unknown;
        let ok = false;
        for (let i = 0; i < 10 && !ok; i++) {
          try {
            await store.ping();
            ok = true;
          } catch (err) {
            lastError = err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        expect(lastError === undefined || lastError instanceof Error).toBe(true);
        expect(ok).toBe(true);
        await store.saveConversation('k', { after: 'restart' });
        expect(await store.getConversation('k')).toEqual({ after: 'restart' });
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA IF EXISTS kill_${RUN} CASCADE`).catch(() => undefined);
        await admin.end();
      }
    });

    test('an invalid schema name is refused at creation', () => {
      expect(() => createPostgresStore(URL_, { schema: 'x; DROP TABLE audit' })).toThrow(/schema/);
    });
  });
});
