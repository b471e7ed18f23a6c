import { createStoreReadiness } from '../../src/store/store-readiness';
import type { Store } from '../../src/store/store';
import { staysEqual } from '../support/settle';

/** Just the parts of a Store that readiness uses, with switches for the test. */
function fakeStore() {
  const state = { answers: false, migrateFailures: 0, migrateCalls: 0, schemaOk: false };
  const store = {
    kind: 'postgres',
    async migrate() {
      state.migrateCalls += 1;
      if (!state.answers) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      if (state.migrateFailures > 0) {
        state.migrateFailures -= 1;
        throw new Error('relation "x" already exists');
      }
      state.schemaOk = true;
    },
    async ping() {
      if (!state.answers) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    },
    async probeWrite() {
      if (!state.answers) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    },
  } as unknown as Store;
  return { store, state };
}

const quiet = { info: () => undefined, warn: () => undefined };

describe('store readiness', () => {
  test('starts without the database, reports it unreachable, then ready once migrations ran', async () => {
    const { store, state } = fakeStore();
    const readiness = createStoreReadiness(store, { logger: quiet, minDelayMs: 5, maxDelayMs: 20 });
    await readiness.start(); // the first attempt failed: start() does not throw
    expect(readiness.isMigrated()).toBe(false);
    expect(await readiness.check()).toEqual({ ready: false, store: 'postgres', database: 'unreachable', message: expect.stringMatching(/does not answer/) });

    state.answers = true;
    state.migrateFailures = 2;
    await readiness.whenReady();
    expect(state.migrateCalls).toBeGreaterThanOrEqual(4);
    expect(await readiness.check()).toEqual({ ready: true, store: 'postgres', database: 'ready' });

    // The database goes away later: not ready, without migrating again; back: ready.
    state.answers = false;
    expect((await readiness.check()).ready).toBe(false);
    state.answers = true;
    expect((await readiness.check()).ready).toBe(true);
    readiness.stop();
  });

  test('reports "migrating" while the database answers but the schema is not in place', async () => {
    const { store, state } = fakeStore();
    state.answers = true;
    state.migrateFailures = 1_000_000;
    const readiness = createStoreReadiness(store, { logger: quiet, minDelayMs: 5, maxDelayMs: 10 });
    await readiness.start();
    expect(await readiness.check()).toEqual({
      ready: false,
      store: 'postgres',
      database: 'migrating',
      message: expect.stringMatching(/schema is not in place/),
    });
    readiness.stop();
    const calls = state.migrateCalls;
    // At most the attempt already in flight; none after that.
    await staysEqual(() => state.migrateCalls <= calls + 1, true, 'no migration attempt after stop()', 200);
  });

  test('start() does not wait longer than firstAttemptWaitMs for a hanging first attempt', async () => {
    const store = { kind: 'postgres', migrate: () => new Promise<void>(() => undefined), ping: async () => undefined } as unknown as Store;
    const readiness = createStoreReadiness(store, { logger: quiet, firstAttemptWaitMs: 50 });
    const began = Date.now();
    await readiness.start();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect((await readiness.check()).database).toBe('migrating');
    readiness.stop();
  });
});
