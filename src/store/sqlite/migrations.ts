import type Database from 'better-sqlite3';

import { reviewTable } from '../review-table.ts';

/** One step of the SQLite schema; each feature that keeps data adds one at the end. */
export interface SqliteMigration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'claim versions, replies, feedback',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS claim_versions (
          claim_id TEXT NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL,
          platform TEXT NOT NULL, at TEXT NOT NULL, before TEXT, after TEXT NOT NULL, comment TEXT,
          PRIMARY KEY (claim_id, version)
        );
        CREATE TABLE IF NOT EXISTS replies (
          platform TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL, in_reply_to TEXT, thread_id TEXT,
          claim_id TEXT NOT NULL, kind TEXT NOT NULL, sent_at TEXT NOT NULL, trigger_text TEXT, removed_at TEXT,
          PRIMARY KEY (platform, channel_id, message_id)
        );
        CREATE INDEX IF NOT EXISTS replies_by_claim ON replies (claim_id, sent_at);
        CREATE TABLE IF NOT EXISTS feedback (
          platform TEXT NOT NULL, channel_id TEXT NOT NULL, reply_message_id TEXT NOT NULL, user_id TEXT NOT NULL,
          kind TEXT NOT NULL, by_moderator INTEGER NOT NULL, at TEXT NOT NULL,
          PRIMARY KEY (platform, channel_id, reply_message_id, user_id, kind)
        );
      `);
      // Stores made before replies kept their moderator and comment gain the two columns.
      const columns = new Set((db.pragma('table_info(replies)') as { name: string }[]).map((c) => c.name));
      for (const column of ['posted_by', 'comment']) {
        if (!columns.has(column)) db.exec(`ALTER TABLE replies ADD COLUMN ${column} TEXT`);
      }
    },
  },
  {
    version: 2,
    name: 'reply versions, deliveries, cooldowns and caps',
    up(db) {
      db.exec(`
        ALTER TABLE replies ADD COLUMN claim_version INTEGER;
        ALTER TABLE replies ADD COLUMN updated_version INTEGER;
        CREATE TABLE deliveries (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL, owner TEXT);
        CREATE INDEX deliveries_by_time ON deliveries (seen_at);
        CREATE TABLE spoken (channel_key TEXT NOT NULL, claim_id TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX spoken_by_channel ON spoken (channel_key, at);
        CREATE INDEX spoken_by_claim ON spoken (channel_key, claim_id, at);
        CREATE INDEX spoken_by_time ON spoken (at);
      `);
    },
  },
  {
    version: 3,
    name: 'review queue',
    up(db) {
      db.exec(reviewTable('TEXT'));
    },
  },
];

/** Brings the schema to the latest version, each step in its own transaction. */
export function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of SQLITE_MIGRATIONS) {
    db.transaction(() => {
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (done !== undefined) return;
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
