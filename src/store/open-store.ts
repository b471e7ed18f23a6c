import type { DatabaseConfig } from '../config';
import { createPostgresStore, type PostgresStoreOptions } from './postgres-store';
import { createSqliteStore } from './sqlite-store';
import type { RequestRecord, RequestShape, Store } from './store';

/** Options for the PostgreSQL store that the composition root supplies (the rest comes from the URL). */
export type OpenStoreOptions = Pick<PostgresStoreOptions, 'onPoolError' | 'applicationName'>;

/**
 * Opens the store that DATABASE_URL names. A PostgreSQL URL may name the schema to keep the
 * tables in with a `schema` query parameter (`postgres://…/bot?schema=soc_bot`); it is created by
 * migrate(). Without it the tables go where the connection's search_path points (`public`).
 */
export function openStore<R extends RequestShape = RequestRecord>(config: DatabaseConfig, options: OpenStoreOptions = {}): Store<R> {
  if (config.kind === 'sqlite') return createSqliteStore<R>(config.path, { maxBytes: config.maxBytes });
  const { url, schema } = splitSchema(config.url);
  return createPostgresStore<R>(url, { ...options, ...(schema ? { schema } : {}) });
}

/** Takes the `schema` query parameter out of a PostgreSQL URL (pg would not understand it). */
export function splitSchema(raw: string): { url: string; schema?: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { url: raw };
  }
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { url: raw };
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema: schema.trim() || undefined };
}
