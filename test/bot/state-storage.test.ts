import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Storage } from 'botbuilder';
import { createBotState, StateConflictError, StoreStorage } from '../../src/bot/state-storage';
import { createPostgresStore } from '../../src/store/postgres-store';
import { createSqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { dropSchema, requirePostgres, SKIP_POSTGRES, TEST_DATABASE_URL, uniqueSchema } from '../support/postgres-test-db';

interface Backend {
  /** A new store instance on the shared database, migrated. */
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

const backends: [string, () => Promise<Backend>, boolean][] = [
  [
    'SQLite',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-storage-'));
      const file = path.join(dir, 'bot.db');
      return {
        async open() {
          const s = createSqliteStore(file);
          await s.migrate();
          return s;
        },
        async dispose() {
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    false,
  ],
  [
    'PostgreSQL',
    async () => {
      await requirePostgres();
      const schema = uniqueSchema('state');
      return {
        async open() {
          const s = createPostgresStore(TEST_DATABASE_URL, { schema, maxConnections: 4 });
          await s.migrate();
          return s;
        },
        dispose: () => dropSchema(TEST_DATABASE_URL, schema),
      };
    },
    SKIP_POSTGRES,
  ],
];

/**
 * botbuilder's Storage contract (the behaviour of its own storages, e.g. MemoryStorage and the
 * Cosmos/Blob ones): read what was written with an eTag, update with the current eTag, a stale
 * eTag throws, `*` overwrites, delete is idempotent.
 */
describe.each(backends)('StoreStorage over %s', (_name, makeBackend, skip) => {
  const maybe = skip ? test.skip : test;
  let backend: Backend;
  let stores: Store[];
  let storage: Storage;
  const newStorage = async () => {
    const s = await backend.open();
    stores.push(s);
    return new StoreStorage(s);
  };

  beforeEach(async () => {
    if (skip) return;
    stores = [];
    backend = await makeBackend();
    storage = await newStorage();
  });
  afterEach(async () => {
    if (skip) return;
    for (const s of stores) await s.close();
    await backend.dispose();
  });

  maybe('reading unknown keys returns nothing; reading no keys is fine', async () => {
    expect(await storage.read(['unknown', 'other'])).toEqual({});
    expect(await storage.read([])).toEqual({});
  });

  maybe('created items are read back with an eTag; odd keys are fine', async () => {
    const keys = ['createPoco', 'msteams/conversations/a:1;messageid=2/', '!@#$%^&*()~/\\><,.?\';"`~ key ü 🚀'];
    await storage.write({ [keys[0]]: { id: 1, nested: { list: [1, 'two', null], flag: true } }, [keys[1]]: { dialogStack: [] }, [keys[2]]: { x: 'y' } });
    const read = await storage.read(keys);
    expect(Object.keys(read).sort()).toEqual([...keys].sort());
    expect(read[keys[0]]).toEqual({ id: 1, nested: { list: [1, 'two', null], flag: true }, eTag: expect.any(String) });
    expect(read[keys[1]].dialogStack).toEqual([]);
    expect(read[keys[2]].x).toBe('y');
    expect(new Set(Object.values(read).map((item) => item.eTag)).size).toBe(3);
  });

  maybe('update with the current eTag; a stale eTag throws and changes nothing; "*" overwrites', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 } });
    const first = (await storage.read(['pocoItem'])).pocoItem;
    await storage.write({ pocoItem: { ...first, count: 2 } });
    const second = (await storage.read(['pocoItem'])).pocoItem;
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);

    const stale = storage.write({ pocoItem: { ...first, count: 99 } });
    await expect(stale).rejects.toBeInstanceOf(StateConflictError);
    await expect(storage.write({ pocoItem: { ...first, count: 99 } })).rejects.toThrow('Storage: error writing "pocoItem" due to eTag conflict.');
    expect((await storage.read(['pocoItem'])).pocoItem).toEqual(second);

    await storage.write({ pocoItem: { ...first, count: 100, eTag: '*' } });
    const forced = (await storage.read(['pocoItem'])).pocoItem;
    expect(forced.count).toBe(100);
    expect(forced.eTag).not.toBe(second.eTag);
    // No eTag at all overwrites too (last write wins), as botbuilder's storages do.
    await storage.write({ pocoItem: { count: 101 } });
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(101);
  });

  maybe('the eTag is not stored inside the value', async () => {
    await storage.write({ k: { a: 1, eTag: '*' } });
    const item = (await storage.read(['k'])).k;
    expect(item.eTag).not.toBe('*');
    expect(Object.keys(item).sort()).toEqual(['a', 'eTag']);
  });

  maybe('delete removes items; deleting unknown keys is fine', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'unknown']);
    await storage.delete([]);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });

  maybe('another instance sees the writes, and its stale write loses', async () => {
    const other = await newStorage();
    await storage.write({ shared: { turn: 1 } });
    const mine = (await storage.read(['shared'])).shared;
    const theirs = (await other.read(['shared'])).shared;
    expect(theirs).toEqual(mine);
    await other.write({ shared: { ...theirs, turn: 2 } });
    await expect(storage.write({ shared: { ...mine, turn: 'lost' } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await storage.read(['shared'])).shared.turn).toBe(2);
  });

  maybe('concurrent writes with the same eTag on two instances: exactly one succeeds', async () => {
    const other = await newStorage();
    await storage.write({ race: { n: 0 } });
    const base = (await storage.read(['race'])).race;
    const results = await Promise.allSettled([storage, other, storage, other].map((s, i) => s.write({ race: { ...base, n: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(3);
    expect(rejected.every((r) => r.reason instanceof StateConflictError)).toBe(true);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await other.read(['race'])).race.n).toBe(winner + 1);
  });

  maybe('a conversation started on one instance continues on another (ConversationState)', async () => {
    const instanceA = createBotState(stores[0]);
    const instanceB = createBotState(await backend.open().then((s) => (stores.push(s), s)));
    const run = async (state: ConversationState, text: string): Promise<string[]> => {
      const replies: string[] = [];
      const adapter = new TestAdapter(async (context) => {
        const step = state.createProperty<{ seen: string[] }>('progress');
        const progress = await step.get(context, { seen: [] });
        progress.seen.push(context.activity.text ?? '');
        await context.sendActivity(progress.seen.join(','));
        await state.saveChanges(context);
      });
      adapter.onTurnError = async (_context, err) => {
        throw err;
      };
      await adapter.send(text).assertReply((activity) => {
        expect(activity.type).toBe(ActivityTypes.Message);
        replies.push(activity.text ?? '');
      });
      return replies;
    };
    expect(await run(instanceA.conversationState, 'first')).toEqual(['first']);
    expect(await run(instanceB.conversationState, 'second')).toEqual(['first,second']);
    expect(await run(instanceA.conversationState, 'third')).toEqual(['first,second,third']);
  });
});

test('MemoryStorage behaves the same on a stale eTag (the contract this storage follows)', async () => {
  const memory = new MemoryStorage();
  await memory.write({ k: { n: 1 } });
  const first = (await memory.read(['k'])).k;
  await memory.write({ k: { ...first, n: 2 } });
  await expect(memory.write({ k: { ...first, n: 3 } })).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
});
