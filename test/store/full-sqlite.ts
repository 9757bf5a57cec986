import type Database from 'better-sqlite3';
import type { ModerationStore } from '../../src/core/store/moderation-store.ts';

/**
 * Makes a SQLite store's disk full for every write that needs a new page: the database may not
 * grow past the pages it has (PRAGMA max_page_count), so SQLite itself answers SQLITE_FULL. It
 * reaches the store's connection as no caller may, which is why it lives with the tests.
 */
export function capSqlite(store: ModerationStore): void {
  const db = (store as unknown as { db: Database.Database }).db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}
