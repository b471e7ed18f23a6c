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
    return {
      open: () => createSqliteStore(file),
      async query(sql) {
        const db = new Database(file);
        try {
          const stmt = db.prepare(sql);
          return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
        } finally {
          db.close();
        }
      },
      async dispose() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

describe('SQLite store', () => {
  storeContract(harness);
});
