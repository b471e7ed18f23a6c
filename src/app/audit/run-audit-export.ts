import * as fs from 'node:fs';
import { once } from 'node:events';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { ConfigError, parseDatabaseUrl } from '../../config';
import { openStore } from '../../store/open-store';
import type { AuditRecord, AuditStore, Store } from '../../store/store';

/** One audit record as a JSON Lines line: stable field order, absent fields left out. */
export function auditLine(record: AuditRecord): string {
  const { seq, at, tenantId, requestId, actor, action, outcome, fromState, toState, version, refusalCode, detail } = record;
  return `${JSON.stringify({ seq, at, tenantId, requestId, actor, action, outcome, fromState, toState, version, refusalCode, detail })}\n`;
}

/** Writes every audit record, oldest first, as JSON Lines; returns how many. Honours back-pressure. */
export async function writeAuditLines(store: AuditStore, out: Writable): Promise<number> {
  let count = 0;
  for await (const record of store.exportAudit()) {
    if (!out.write(auditLine(record))) await once(out, 'drain');
    count += 1;
  }
  return count;
}

export interface AuditExportIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

/**
 * `npm run audit:export [file]`: the whole audit log as JSON Lines, to `file` or to
 * stdout. Reads DATABASE_URL as the bot does; opens the store read-only in spirit
 * (no migration: exporting must not create or change a database). Returns the exit code.
 */
export async function runAuditExport(args: string[], io: AuditExportIo): Promise<number> {
  if (args.length > 1 || args.some((a) => a === '-h' || a === '--help')) {
    io.stderr.write('Usage: npm run --silent audit:export [-- <file>]   writes the audit log as JSON Lines to <file>, or to stdout\n');
    return args.some((a) => a === '-h' || a === '--help') ? 0 : 2;
  }
  let store: Store;
  try {
    const database = parseDatabaseUrl(io.env.DATABASE_URL, io.cwd);
    if (database.kind === 'sqlite' && database.path !== ':memory:' && !fs.existsSync(database.path)) {
      io.stderr.write(`audit:export: no database at ${database.path}. Set DATABASE_URL to the bot's database (the same value the bot runs with).\n`);
      return 1;
    }
    store = openStore(database);
  } catch (err) {
    io.stderr.write(`audit:export: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const file = args[0];
  const out = file ? fs.createWriteStream(path.resolve(io.cwd, file), { encoding: 'utf8' }) : io.stdout;
  try {
    const count = await writeAuditLines(store, out);
    if (file) {
      out.end();
      await once(out, 'finish');
      io.stderr.write(`audit:export: wrote ${count} audit entries to ${file}\n`);
    }
    return 0;
  } catch (err) {
    io.stderr.write(
      `audit:export: could not read the audit log (${err instanceof Error ? err.message : String(err)}). Check DATABASE_URL and that the bot has ` +
        `started once against this database.\n`,
    );
    if (file) out.destroy();
    return 1;
  } finally {
    await store.close();
  }
}
