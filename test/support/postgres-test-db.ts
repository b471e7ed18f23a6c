import { Client } from 'pg';
import { redactUrl } from '../../src/logger';

/** The PostgreSQL server the tests use (`.ci/run` exports TEST_DATABASE_URL). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://bot:bot@127.0.0.1:5432/bot_test';
/** PostgreSQL tests are skipped only when asked to explicitly. */
export const SKIP_POSTGRES = process.env.SKIP_POSTGRES_TESTS === '1';

const checked = new Map<string, Promise<void>>();

/** Fails (never skips) with what to do when the server is not there. */
export function requirePostgres(url: string = TEST_DATABASE_URL): Promise<void> {
  let probe = checked.get(url);
  if (!probe) {
    probe = (async () => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
      } catch (err) {
        throw new Error(
          `PostgreSQL is not reachable at ${redactUrl(url)} (${(err as Error).message}). ` +
            'Start one with `sudo .ci/start-postgres.sh` (or set TEST_DATABASE_URL), ' +
            'or set SKIP_POSTGRES_TESTS=1 to skip the PostgreSQL tests explicitly.',
          { cause: err },
        );
      } finally {
        await client.end().catch(() => undefined);
      }
    })();
    checked.set(url, probe);
  }
  return probe;
}

let counter = 0;
/** A schema name unique to this process and run (the tables of one test live there). */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
}

/** DATABASE_URL with the schema the bot keeps its tables in (`?schema=`, see openStore). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Runs SQL as the test user (outside any bot), e.g. to look at or clean up a schema. */
export async function adminQuery(url: string, sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await adminQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
}
