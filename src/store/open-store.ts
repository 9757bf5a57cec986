import type { ModerationStore } from '../core/store/moderation-store.ts';
import { sqliteFailure } from './sqlite/failures.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import { raisingStoreFailures } from './store-failures.ts';

/** Where the store lives: SQLite in a data directory (null: in memory), or a PostgreSQL server. */
export type StoreLocation = { engine: 'sqlite'; dataDir: string | null } | { engine: 'postgres'; url: string; poolSize?: number };

export interface StoreOptions {
  /** Told when the store loses its database and recovers (PostgreSQL); never throws. */
  onProblem?: (message: string, error: unknown) => void;
}

/**
 * Opens the configured engine, with its schema migrated to the latest version. Whatever goes
 * wrong with the storage itself, opening or later, is thrown as a StoreFailure.
 */
export async function openStore(location: StoreLocation, options: StoreOptions = {}): Promise<ModerationStore> {
  if (location.engine === 'postgres') {
    const { PostgresStore } = await import('./postgres/postgres-store.ts');
    const { postgresFailure } = await import('./postgres/failures.ts');
    const store = await PostgresStore.open(location.url, { ...options, ...(location.poolSize === undefined ? {} : { poolSize: location.poolSize }) }).catch((error: unknown) => {
      throw postgresFailure(error);
    });
    return raisingStoreFailures(store, postgresFailure);
  }
  const { dataDir } = location;
  const toFailure = (error: unknown) => sqliteFailure(error, dataDir);
  try {
    return raisingStoreFailures(dataDir === null ? new SqliteStore(':memory:') : SqliteStore.inDataDir(dataDir), toFailure);
  } catch (error) {
    throw toFailure(error);
  }
}
