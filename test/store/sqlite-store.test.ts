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
          throw new Error((err as Error).message);
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
