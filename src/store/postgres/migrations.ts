import type pg from 'pg';
import { reviewTable } from '../review-table.ts';

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
      CREATE TABLE deliveries (key TEXT PRIMARY KEY, seen_at BIGINT NOT NULL, owner TEXT);
      CREATE INDEX deliveries_by_time ON deliveries (seen_at);
      CREATE TABLE spoken (channel_key TEXT NOT NULL, claim_id TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX spoken_by_claim ON spoken (channel_key, claim_id, at);
      CREATE INDEX spoken_by_time ON spoken (at);
      -- The one step before a passive reply, in one round trip: first sight (or taking the message
      -- over from an owner whose liveness lock is free), then cooldown and caps under one lock.
      CREATE FUNCTION factcheck_admit_reply(p_delivery TEXT, p_owner TEXT, p_channel TEXT, p_claim TEXT, p_at BIGINT,
          p_cooldown_ms BIGINT, p_channel_cap INTEGER, p_global_cap INTEGER, p_liveness INTEGER, p_speak_lock BIGINT)
      RETURNS TEXT LANGUAGE plpgsql AS $$
      DECLARE
        previous TEXT;
        taken BOOLEAN := false;
      BEGIN
        INSERT INTO deliveries (key, seen_at, owner) VALUES (p_delivery, p_at, p_owner) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          SELECT owner INTO previous FROM deliveries WHERE key = p_delivery FOR UPDATE;
          IF previous IS NULL OR previous = p_owner OR NOT pg_try_advisory_xact_lock(p_liveness, hashtext(previous)) THEN
            RETURN 'duplicate';
          END IF;
          UPDATE deliveries SET owner = p_owner, seen_at = p_at WHERE key = p_delivery;
          taken := true;
        END IF;
        PERFORM pg_advisory_xact_lock(p_speak_lock);
        -- No cooldown means none: another instance's clock may put its reply a moment after this one's.
        IF p_cooldown_ms > 0 AND EXISTS (SELECT 1 FROM spoken WHERE channel_key = p_channel AND claim_id = p_claim AND at > p_at - p_cooldown_ms) THEN
          RETURN 'cooldown';
        END IF;
        IF (SELECT COUNT(*) FROM spoken WHERE channel_key = p_channel AND at > p_at - 60000) >= p_channel_cap THEN
          RETURN 'channel-cap';
        END IF;
        IF (SELECT COUNT(*) FROM spoken WHERE at > p_at - 60000) >= p_global_cap THEN
          RETURN 'global-cap';
        END IF;
        INSERT INTO spoken (channel_key, claim_id, at) VALUES (p_channel, p_claim, p_at);
        RETURN CASE WHEN taken THEN 'taken-over' ELSE 'ok' END;
      END $$;`,
  },
  { version: 3, name: 'review queue', sql: reviewTable('TIMESTAMPTZ') },
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
