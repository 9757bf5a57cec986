/**
 * The review queue's table, in SQL both engines run, with times as each engine keeps them (ISO
 * text in SQLite, TIMESTAMPTZ in PostgreSQL). `change_seq` grows with every change a card must
 * show; `shown_seq` is the change it shows.
 */
export const reviewTable = (time: 'TEXT' | 'TIMESTAMPTZ'): string => `
  CREATE TABLE review_suggestions (
    id TEXT PRIMARY KEY, platform TEXT NOT NULL, team_id TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL,
    link TEXT, thread_id TEXT, excerpt TEXT NOT NULL, text_key TEXT NOT NULL, claim_id TEXT NOT NULL, reason TEXT NOT NULL,
    candidates TEXT NOT NULL, reply_threshold REAL NOT NULL, created_at ${time} NOT NULL, expires_at ${time} NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', decided_claim_id TEXT, decided_by TEXT, decided_by_id TEXT, decided_platform TEXT,
    decided_at ${time}, reply_state TEXT NOT NULL DEFAULT 'none', card_channel_id TEXT, card_message_id TEXT,
    change_seq INTEGER NOT NULL DEFAULT 0, shown_seq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (platform, team_id, text_key, claim_id)
  );
  CREATE INDEX review_by_channel ON review_suggestions (platform, team_id, channel_id, created_at);
  CREATE INDEX review_by_team ON review_suggestions (platform, team_id, created_at);
  CREATE INDEX review_pending ON review_suggestions (status, expires_at);
  CREATE INDEX review_by_expiry ON review_suggestions (expires_at);
  CREATE INDEX review_by_decision ON review_suggestions (decided_at);
  CREATE INDEX review_unshown ON review_suggestions (platform) WHERE shown_seq < change_seq;`;
