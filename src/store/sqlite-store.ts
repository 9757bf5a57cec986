import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Claim } from '../core/claim.ts';
import type { Platform } from '../core/message.ts';
import {
  VersionConflict,
  type ClaimStats,
  type ClaimVersion,
  type Feedback,
  type ModerationStore,
  type SentReply,
} from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS claim_versions (
  claim_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  platform TEXT NOT NULL,
  at TEXT NOT NULL,
  before TEXT,
  after TEXT NOT NULL,
  comment TEXT,
  PRIMARY KEY (claim_id, version)
);
CREATE TABLE IF NOT EXISTS replies (
  platform TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  in_reply_to TEXT,
  thread_id TEXT,
  claim_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  trigger_text TEXT,
  posted_by TEXT,
  comment TEXT,
  removed_at TEXT,
  PRIMARY KEY (platform, channel_id, message_id)
);
CREATE INDEX IF NOT EXISTS replies_by_claim ON replies (claim_id, sent_at);
CREATE TABLE IF NOT EXISTS feedback (
  platform TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  reply_message_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  by_moderator INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (platform, channel_id, reply_message_id, user_id, kind)
);
`;

interface VersionRow {
  claim_id: string;
  version: number;
  action: ClaimVersion['action'];
  actor: string;
  platform: ClaimVersion['platform'];
  at: string;
  before: string | null;
  after: string;
  comment: string | null;
}

interface ReplyRow {
  platform: Platform;
  channel_id: string;
  message_id: string;
  in_reply_to: string | null;
  thread_id: string | null;
  claim_id: string;
  kind: SentReply['kind'];
  sent_at: string;
  trigger_text: string | null;
  posted_by: string | null;
  comment: string | null;
}

function versionFrom(row: VersionRow): ClaimVersion {
  const version: ClaimVersion = {
    claimId: row.claim_id,
    version: row.version,
    action: row.action,
    actor: row.actor,
    platform: row.platform,
    at: row.at,
    before: row.before === null ? undefined : (JSON.parse(row.before) as Claim),
    after: JSON.parse(row.after) as Claim,
  };
  if (row.comment !== null) version.comment = row.comment;
  return version;
}

function replyFrom(row: ReplyRow): SentReply {
  const reply: SentReply = {
    platform: row.platform,
    channelId: row.channel_id,
    messageId: row.message_id,
    claimId: row.claim_id,
    kind: row.kind,
    sentAt: row.sent_at,
  };
  if (row.in_reply_to !== null) reply.inReplyTo = row.in_reply_to;
  if (row.thread_id !== null) reply.threadId = row.thread_id;
  if (row.trigger_text !== null) reply.triggerText = row.trigger_text;
  if (row.posted_by !== null) reply.postedBy = row.posted_by;
  if (row.comment !== null) reply.comment = row.comment;
  return reply;
}

/**
 * SQLite in `DATA_DIR/factcheck.db`: WAL journal with full sync, so a change acknowledged to a
 * moderator survives the process being killed the next instant.
 */
export class SqliteStore implements ModerationStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // Stores made before replies kept their moderator and comment gain the two columns.
    const columns = new Set((this.db.pragma('table_info(replies)') as { name: string }[]).map((c) => c.name));
    for (const column of ['posted_by', 'comment']) {
      if (!columns.has(column)) this.db.exec(`ALTER TABLE replies ADD COLUMN ${column} TEXT`);
    }
  }

  /** Opens the store of a data directory. */
  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'factcheck.db'));
  }

  latestVersions(): ClaimVersion[] {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM claim_versions v
         JOIN (SELECT claim_id, MAX(version) AS version FROM claim_versions GROUP BY claim_id) last
         ON v.claim_id = last.claim_id AND v.version = last.version ORDER BY v.claim_id`,
      )
      .all() as VersionRow[];
    return rows.map(versionFrom);
  }

  latestVersion(claimId: string): ClaimVersion | undefined {
    const row = this.db.prepare('SELECT * FROM claim_versions WHERE claim_id = ? ORDER BY version DESC LIMIT 1').get(claimId) as
      | VersionRow
      | undefined;
    return row === undefined ? undefined : versionFrom(row);
  }

  appendVersion(change: Omit<ClaimVersion, 'version'>, expectedVersion: number): ClaimVersion {
    // IMMEDIATE: two processes editing at once serialise here, and the second sees the first's version.
    const append = this.db.transaction((): ClaimVersion => {
      const current = this.latestVersion(change.claimId);
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== expectedVersion && current !== undefined) throw new VersionConflict(change.claimId, current);
      const version: ClaimVersion = { ...change, version: currentVersion + 1 };
      this.db
        .prepare(
          `INSERT INTO claim_versions (claim_id, version, action, actor, platform, at, before, after, comment)
           VALUES (@claimId, @version, @action, @actor, @platform, @at, @before, @after, @comment)`,
        )
        .run({
          claimId: version.claimId,
          version: version.version,
          action: version.action,
          actor: version.actor,
          platform: version.platform,
          at: version.at,
          before: version.before === undefined ? null : JSON.stringify(version.before),
          after: JSON.stringify(version.after),
          comment: version.comment ?? null,
        });
      return version;
    });
    return append.immediate();
  }

  history(claimId: string): ClaimVersion[] {
    const rows = this.db.prepare('SELECT * FROM claim_versions WHERE claim_id = ? ORDER BY version').all(claimId) as VersionRow[];
    return rows.map(versionFrom);
  }

  recordReply(reply: SentReply): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO replies (platform, channel_id, message_id, in_reply_to, thread_id, claim_id, kind, sent_at, trigger_text, posted_by, comment)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reply.platform,
        reply.channelId,
        reply.messageId,
        reply.inReplyTo ?? null,
        reply.threadId ?? null,
        reply.claimId,
        reply.kind,
        reply.sentAt,
        reply.triggerText ?? null,
        reply.postedBy ?? null,
        reply.comment ?? null,
      );
  }

  repliesAbout(claimId: string, since: string): SentReply[] {
    const rows = this.db
      .prepare('SELECT * FROM replies WHERE claim_id = ? AND sent_at >= ? AND removed_at IS NULL ORDER BY sent_at DESC')
      .all(claimId, since) as ReplyRow[];
    return rows.map(replyFrom);
  }

  findReply(platform: Platform, channelId: string, messageId: string): SentReply | undefined {
    const row = this.db
      .prepare('SELECT * FROM replies WHERE platform = ? AND channel_id = ? AND message_id = ?')
      .get(platform, channelId, messageId) as ReplyRow | undefined;
    return row === undefined ? undefined : replyFrom(row);
  }

  markReplyRemoved(platform: Platform, channelId: string, messageId: string, at: string): void {
    this.db
      .prepare('UPDATE replies SET removed_at = ? WHERE platform = ? AND channel_id = ? AND message_id = ?')
      .run(at, platform, channelId, messageId);
  }

  changeMark(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(rowid), 0) AS mark FROM claim_versions').get() as { mark: number };
    return row.mark;
  }

  recordFeedback(feedback: Feedback): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO feedback (platform, channel_id, reply_message_id, user_id, kind, by_moderator, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(feedback.platform, feedback.channelId, feedback.replyMessageId, feedback.userId, feedback.kind, feedback.byModerator ? 1 : 0, feedback.at);
    return result.changes > 0;
  }

  stats(since: string): ClaimStats[] {
    const rows = this.db
      .prepare(
        `WITH ids AS (
           SELECT claim_id FROM replies WHERE sent_at >= @since
           UNION SELECT claim_id FROM claim_versions WHERE at >= @since AND action = 'teach'
         )
         SELECT ids.claim_id AS claimId,
           (SELECT COUNT(*) FROM replies r WHERE r.claim_id = ids.claim_id AND r.sent_at >= @since AND r.kind = 'passive') AS replies,
           (SELECT COUNT(*) FROM feedback f JOIN replies r ON f.platform = r.platform AND f.channel_id = r.channel_id AND f.reply_message_id = r.message_id
              WHERE r.claim_id = ids.claim_id AND f.at >= @since AND f.kind = 'helpful') AS helpful,
           (SELECT COUNT(*) FROM feedback f JOIN replies r ON f.platform = r.platform AND f.channel_id = r.channel_id AND f.reply_message_id = r.message_id
              WHERE r.claim_id = ids.claim_id AND f.at >= @since AND f.kind = 'not-relevant') AS notRelevant,
           (SELECT COUNT(*) FROM replies r WHERE r.claim_id = ids.claim_id AND r.sent_at >= @since AND r.kind = 'correction') AS corrections
         FROM ids ORDER BY replies DESC, claimId`,
      )
      .all({ since }) as ClaimStats[];
    return rows;
  }

  /** SQLite's own check of the file ("ok" when sound), for operators and tests. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
