import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite-store';
import { storeContract, type StoreHarness } from './store-contract';

/** Each test gets its own SQLite file in a temporary directory; several store instances may open it. */
const harness: StoreHarness = {
  async newDatabase() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
    const file = path.join(dir, 'bot.db');
    // One raw connection per test database, as a second process would hold it.
    let raw: Database.Database | null = null;
    return {
      open: () => createSqliteStore(file),
      async query(sql) {
        raw ??= new Database(file);
        try {
          const stmt = raw.prepare(sql);
          return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
        } catch (err) {
          // The native addon builds its errors with the constructor of the first jest module registry that
          // loaded it; in a shared worker that is another realm's Error, which jest's toThrow does not see.
          throw new Error((err as Error).message, { cause: err });
        }
      },
      async dispose() {
        raw?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

describe('SQLite store', () => {
  storeContract(harness);
});

describe('SQLite store with DATABASE_MAX_MB', () => {
  test('a store at its size cap still reads, but its write probe fails as on a full disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-full-'));
    const file = path.join(dir, 'bot.db');
    try {
      const first = createSqliteStore(file);
      await first.migrate();
      await first.close();
      const raw = new Database(file);
      const pages = Number(raw.pragma('page_count', { simple: true }));
      const pageSize = Number(raw.pragma('page_size', { simple: true }));
      raw.close();
      // Room for the schema and two more pages: a 64 KB probe does not fit.
      const full = createSqliteStore(file, { maxBytes: (pages + 2) * pageSize });
      await full.migrate();
      await expect(full.ping()).resolves.toBeUndefined();
      const err = await full.probeWrite().then(
        () => null,
        (e: unknown) => new Error(String((e as Error).message)),
      );
      expect(err?.message).toMatch(/full/i);
      await full.close();
      // Without the cap the same file writes again.
      const roomy = createSqliteStore(file);
      await expect(roomy.probeWrite()).resolves.toBeUndefined();
      await roomy.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
