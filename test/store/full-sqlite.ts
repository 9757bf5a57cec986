import type Database from 'better-sqlite3';
import type { ModerationStore } from '../../src/core/store/moderation-store.ts';

/**
 * Makes a SQLite store's disk full for every write that needs a new page: the database may not
 * grow past the pages it has (PRAGMA max_page_count, set on both of the store's connections), so
 * SQLite itself answers SQLITE_FULL. It reaches the store's connections as no caller may, which is
 * why it lives with the tests.
 */
export function capSqlite(store: ModerationStore): void {
  const { db, deliveries } = store as unknown as { db: Database.Database; deliveries: Database.Database };
  const pages = db.pragma('page_count', { simple: true }) as number;
  for (const connection of new Set([db, deliveries])) connection.pragma(`max_page_count = ${pages}`);
}
