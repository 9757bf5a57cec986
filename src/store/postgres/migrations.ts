import type pg from 'pg';

/** One step of the PostgreSQL schema; each feature that keeps data adds one at the end. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'claim versions, replies, feedback',
    sql: `
      CREATE TABLE claim_versions (
        seq BIGSERIAL UNIQUE, claim_id TEXT NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL,
        platform TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, before JSONB, after JSONB NOT NULL, comment TEXT,
        PRIMARY KEY (claim_id, version)
      );
      CREATE TABLE replies (
        platform TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL, in_reply_to TEXT, thread_id TEXT,
        claim_id TEXT NOT NULL, kind TEXT NOT NULL, sent_at TIMESTAMPTZ NOT NULL, trigger_text TEXT, posted_by TEXT, comment TEXT,
        removed_at TIMESTAMPTZ, PRIMARY KEY (platform, channel_id, message_id)
      );
      CREATE INDEX replies_by_claim ON replies (claim_id, sent_at);
      CREATE TABLE feedback (
        platform TEXT NOT NULL, channel_id TEXT NOT NULL, reply_message_id TEXT NOT NULL, user_id TEXT NOT NULL,
        kind TEXT NOT NULL, by_moderator BOOLEAN NOT NULL, at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (platform, channel_id, reply_message_id, user_id, kind)
      );`,
  },
  {
    version: 2,
    name: 'reply versions, deliveries, cooldowns and caps',
    sql: `
      ALTER TABLE replies ADD COLUMN claim_version INTEGER, ADD COLUMN updated_version INTEGER;
      CREATE TABLE deliveries (key TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
      CREATE INDEX deliveries_by_time ON deliveries (seen_at);
      CREATE TABLE spoken (channel_key TEXT NOT NULL, claim_id TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX spoken_by_claim ON spoken (channel_key, claim_id, at);
      CREATE INDEX spoken_by_time ON spoken (at);`,
  },
];

// Any constant shared by every instance: the advisory lock that lets one of them migrate at a time.
const MIGRATION_LOCK = 7_301_013;

/**
 * Brings the schema to the latest version. Instances starting at once queue on an advisory lock,
 * so exactly one applies each step (in its own transaction) and the others find it done.
 */
export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const migration of POSTGRES_MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
