import type { ModerationStore } from '../core/store/moderation-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/** Where the store lives: SQLite in a data directory (null: in memory), or a PostgreSQL server. */
export type StoreLocation = { engine: 'sqlite'; dataDir: string | null } | { engine: 'postgres'; url: string; poolSize?: number };

export interface StoreOptions {
  /** Told when the store loses its database and recovers (PostgreSQL); never throws. */
  onProblem?: (message: string, error: unknown) => void;
}

/** Opens the configured engine, with its schema migrated to the latest version. */
export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<ModerationStore> {
  if (location.engine === 'postgres') {
    const { PostgresStore } = await import('./postgres/postgres-store.ts');
    return PostgresStore.open(location.url, { ...options, ...(location.poolSize === undefined ? {} : { poolSize: location.poolSize }) });
  }
  return location.dataDir === null ? new SqliteStore(':memory:') : SqliteStore.inDataDir(location.dataDir);
}
