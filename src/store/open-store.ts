import type { DatabaseConfig } from '../config';
import { createPostgresStore } from './postgres-store';
import { createSqliteStore } from './sqlite-store';
import type { Store } from './store';

/** Opens the store that DATABASE_URL names. */
export function openStore(config: DatabaseConfig): Store {
  return config.kind === 'sqlite' ? createSqliteStore(config.path) : createPostgresStore(config.url);
}
