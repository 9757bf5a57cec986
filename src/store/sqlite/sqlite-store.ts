import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Platform } from '../../core/message.ts';
import {
  VersionConflict,
  type ChangeBuilder,
  type ClaimStats,
  type ClaimVersion,
  type Feedback,
  type ModerationStore,
  type ReplyUpdateWork,
  type SentReply,
  type SpeakRequest,
  type SpeakVerdict,
} from '../../core/store/moderation-store.ts';
import { CAP_WINDOW_MS, DELIVERY_MEMORY_MS, nextVersion, replyFrom, replyValues, versionFrom, type ReplyRow, type VersionRow } from '../rows.ts';
import { STATS_SQL } from '../stats-sql.ts';
import type { Suggestion } from '../../core/review/suggestion.ts';
import type { DecisionRequest, NewSuggestion, QueueOutcome, ReplyRequestOutcome, SuggestionLimits } from '../../core/store/reviews.ts';
import * as review from '../suggestion-rows.ts';
import { migrateSqlite } from './migrations.ts';

const PRUNE_EVERY_MS = 60_000;

/** A connection's statements, each prepared on first use and kept: preparing is most of a small statement's cost. */
function statementsOf(db: Database.Database): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}

/**
 * SQLite in `DATA_DIR/factcheck.db`, the embedded default for one host: WAL journal with full
 * sync, so a change acknowledged to a moderator survives the process being killed the next
 * instant. Other processes on the same file (the `factcheck claim` CLI) are seen by polling.
 */
export class SqliteStore implements ModerationStore {
  readonly engine = 'sqlite' as const;
  readonly pushesChanges = false;
  private readonly db: Database.Database;
  /**
   * The deliveries, cooldowns, caps and records of sent replies, on their own connection without a
   * sync per commit: they survive the process being killed (WAL), only a power loss may forget the
   * last moment of them, and a reply costs no disk flush. Claim versions, review decisions and
   * moderators' actions keep a flush per commit on the main connection.
   */
  private readonly deliveries: Database.Database;
  /** Statements on the main connection and on the deliveries one, prepared once. */
  private readonly sql: (sql: string) => Database.Statement;
  private readonly deliverySql: (sql: string) => Database.Statement;
  /** Admission as one IMMEDIATE transaction on the deliveries connection, built once. */
  private readonly admit: Database.Transaction<(request: SpeakRequest) => SpeakVerdict>;
  private lastPrune = 0;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    this.deliveries = file === ':memory:' ? this.db : new Database(file);
    if (this.deliveries !== this.db) {
      this.deliveries.pragma('synchronous = NORMAL');
      this.deliveries.pragma('busy_timeout = 5000');
    }
    this.sql = statementsOf(this.db);
    this.deliverySql = this.deliveries === this.db ? this.sql : statementsOf(this.deliveries);
    this.admit = this.deliveries.transaction((request: SpeakRequest) => this.admitNow(request));
  }

  /** Opens the store of a data directory. */
  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'factcheck.db'));
  }

  async latestVersions(): Promise<ClaimVersion[]> {
    const rows = this.sql(
      `SELECT v.* FROM claim_versions v
       JOIN (SELECT claim_id, MAX(version) AS version FROM claim_versions GROUP BY claim_id) last
       ON v.claim_id = last.claim_id AND v.version = last.version ORDER BY v.claim_id`,
    ).all() as VersionRow[];
    return rows.map(versionFrom);
  }

  async appendVersion(claimId: string, build: ChangeBuilder, expectedVersion?: number): Promise<ClaimVersion | undefined> {
    // IMMEDIATE: two processes editing at once serialise here, and the second builds on the first's version.
    const append = this.db.transaction((): ClaimVersion | undefined => {
      const latest = this.latest(claimId);
      if (expectedVersion !== undefined && latest !== undefined && latest.version !== expectedVersion) throw new VersionConflict(claimId, latest);
      const version = nextVersion(claimId, latest, build);
      if (version === undefined) return undefined;
      this.sql(
        `INSERT INTO claim_versions (claim_id, version, action, actor, platform, at, before, after, comment)
         VALUES (@claimId, @version, @action, @actor, @platform, @at, @before, @after, @comment)`,
      ).run({
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

  async history(claimId: string): Promise<ClaimVersion[]> {
    const rows = this.sql('SELECT * FROM claim_versions WHERE claim_id = ? ORDER BY version').all(claimId) as VersionRow[];
    return rows.map(versionFrom);
  }

  async changeMark(): Promise<number> {
    const row = this.sql('SELECT COALESCE(MAX(rowid), 0) AS mark FROM claim_versions').get() as { mark: number };
    return row.mark;
  }

  onVersionWritten(): void {
    // Nothing pushes between processes sharing a file; readers poll changeMark.
  }

  async recordReply(reply: SentReply): Promise<void> {
    this.deliverySql(
      `INSERT OR REPLACE INTO replies (platform, channel_id, message_id, in_reply_to, thread_id, claim_id, kind, sent_at, claim_version, trigger_text, posted_by, comment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...replyValues(reply));
  }

  async repliesAbout(claimId: string, since: string): Promise<SentReply[]> {
    const rows = this.sql('SELECT * FROM replies WHERE claim_id = ? AND sent_at >= ? AND removed_at IS NULL ORDER BY sent_at DESC').all(claimId, since) as ReplyRow[];
    return rows.map(replyFrom);
  }

  async findReply(platform: Platform, channelId: string, messageId: string): Promise<SentReply | undefined> {
    const row = this.sql('SELECT * FROM replies WHERE platform = ? AND channel_id = ? AND message_id = ?').get(platform, channelId, messageId) as ReplyRow | undefined;
    return row === undefined ? undefined : replyFrom(row);
  }

  async markReplyRemoved(platform: Platform, channelId: string, messageId: string, at: string): Promise<void> {
    this.sql('UPDATE replies SET removed_at = ? WHERE platform = ? AND channel_id = ? AND message_id = ?').run(at, platform, channelId, messageId);
  }

  async claimReplyUpdates(work: ReplyUpdateWork): Promise<SentReply[]> {
    const rows = this.sql(
      `UPDATE replies SET updated_version = @version
       WHERE platform = @platform AND claim_id = @claimId AND sent_at >= @since AND removed_at IS NULL
         AND COALESCE(updated_version, claim_version, 0) < @version
       RETURNING *`,
    ).all(work) as ReplyRow[];
    return rows.map(replyFrom).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  }

  async recordFeedback(feedback: Feedback): Promise<boolean> {
    const result = this.sql(
      `INSERT OR IGNORE INTO feedback (platform, channel_id, reply_message_id, user_id, kind, by_moderator, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(feedback.platform, feedback.channelId, feedback.replyMessageId, feedback.userId, feedback.kind, feedback.byModerator ? 1 : 0, feedback.at);
    return result.changes > 0;
  }

  async stats(since: string): Promise<ClaimStats[]> {
    return this.sql(STATS_SQL.replace(/\$1/g, '@since')).all({ since }) as ClaimStats[];
  }

  async firstSight(delivery: string, at: number): Promise<boolean> {
    this.prune(at, CAP_WINDOW_MS);
    return this.deliverySql('INSERT OR IGNORE INTO deliveries (key, seen_at) VALUES (?, ?)').run(delivery, at).changes > 0;
  }

  async admitReply(request: SpeakRequest): Promise<SpeakVerdict> {
    this.prune(request.at, Math.max(request.limits.cooldownMs, CAP_WINDOW_MS));
    return this.admit.immediate(request);
  }

  /** First sight, cooldown and caps, inside the admission transaction. */
  private admitNow({ delivery, channel, claimId, at, limits }: SpeakRequest): SpeakVerdict {
    const sql = this.deliverySql;
    if (sql('INSERT OR IGNORE INTO deliveries (key, seen_at) VALUES (?, ?)').run(delivery, at).changes === 0) return 'duplicate';
    const count = (text: string, ...params: unknown[]) => (sql(text).get(...params) as { n: number }).n;
    // No cooldown means none: another process's clock may put its reply a moment after this one's.
    const cooling = limits.cooldownMs > 0 && count('SELECT COUNT(*) AS n FROM spoken WHERE channel_key = ? AND claim_id = ? AND at > ?', channel, claimId, at - limits.cooldownMs) > 0;
    if (cooling) return 'cooldown';
    if (count('SELECT COUNT(*) AS n FROM spoken WHERE channel_key = ? AND at > ?', channel, at - CAP_WINDOW_MS) >= limits.channelRepliesPerMinute) return 'channel-cap';
    if (count('SELECT COUNT(*) AS n FROM spoken WHERE at > ?', at - CAP_WINDOW_MS) >= limits.globalRepliesPerMinute) return 'global-cap';
    sql('INSERT INTO spoken (channel_key, claim_id, at) VALUES (?, ?, ?)').run(channel, claimId, at);
    return 'ok';
  }

  async queueSuggestion(suggestion: NewSuggestion, limits: SuggestionLimits): Promise<QueueOutcome> {
    const hourAgo = new Date(Date.parse(suggestion.createdAt) - 3_600_000).toISOString();
    const team = suggestion.teamId ?? '';
    const values = review.suggestionValues(suggestion);
    const queue = this.db.transaction((): QueueOutcome => {
      if (this.get(review.SAME_SUGGESTION, [suggestion.platform, team, suggestion.textKey, values[8]]) !== undefined) return { outcome: 'duplicate' };
      const count = (sql: string, params: unknown[]) => (this.get(sql, params) as { n: number }).n;
      if (count(review.SUGGESTIONS_IN_CHANNEL, [suggestion.platform, team, suggestion.channelId, hourAgo]) >= limits.perChannelPerHour) return { outcome: 'channel-cap' };
      if (count(review.SUGGESTIONS_IN_TEAM, [suggestion.platform, team, hourAgo]) >= limits.perTeamPerHour) return { outcome: 'team-cap' };
      this.run(review.INSERT_SUGGESTION, values);
      return { outcome: 'queued', suggestion: review.suggestionFrom(this.get(review.FIND_SUGGESTION, [suggestion.id]) as review.SuggestionRow) };
    });
    return queue.immediate();
  }

  async attachCard(id: string, card: { channelId: string; messageId: string }): Promise<Suggestion | undefined> {
    return this.suggestions(review.ATTACH_CARD, [id, card.channelId, card.messageId])[0];
  }

  async findSuggestion(id: string): Promise<Suggestion | undefined> {
    return this.suggestions(review.FIND_SUGGESTION, [id])[0];
  }

  async pendingSuggestions(at: string, limit: number): Promise<Suggestion[]> {
    return this.suggestions(review.PENDING_SUGGESTIONS, [at, limit]);
  }

  async decideSuggestion(id: string, decision: DecisionRequest): Promise<{ decided: boolean; suggestion: Suggestion | undefined }> {
    const decide = this.db.transaction(() => {
      const [decided] = this.suggestions(review.DECIDE_SUGGESTION, [id, ...review.decisionValues(decision)]);
      if (decided !== undefined) return { decided: true, suggestion: decided };
      this.run(review.EXPIRE_ONE, [id, decision.at]);
      return { decided: false, suggestion: this.suggestions(review.FIND_SUGGESTION, [id])[0] };
    });
    return decide.immediate();
  }

  async requestSuggestionReply(id: string): Promise<ReplyRequestOutcome> {
    if ((this.sql(review.REQUEST_REPLY).all(bind([id])) as unknown[]).length > 0) return 'requested';
    return review.replyRequestRefusal(this.get(review.FIND_SUGGESTION, [id]) as review.SuggestionRow | undefined);
  }

  async markSuggestionReplied(id: string): Promise<void> {
    this.run(review.MARK_REPLIED, [id]);
  }

  async expireSuggestions(at: string): Promise<Suggestion[]> {
    this.run(review.FORGET_OLD, [new Date(Date.parse(at) - review.SUGGESTION_MEMORY_MS).toISOString()]);
    return this.suggestions(review.EXPIRE_ALL, [at]);
  }

  async claimCardUpdates(platform: Platform): Promise<Suggestion[]> {
    return this.suggestions(review.CLAIM_CARD_UPDATES, [platform]);
  }

  isAvailable(): boolean {
    return this.db.open;
  }

  /** SQLite's own check of the file ("ok" when sound), for operators and tests. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  async close(): Promise<void> {
    if (this.deliveries.open) this.deliveries.close();
    if (this.db.open) this.db.close();
  }

  /** Runs a statement written with $1, $2... (the SQL both engines share). */
  private run(sql: string, params: unknown[]): void {
    this.sql(sql).run(bind(params));
  }

  private get(sql: string, params: unknown[]): unknown {
    return this.sql(sql).get(bind(params));
  }

  private suggestions(sql: string, params: unknown[]): Suggestion[] {
    return (this.sql(sql).all(bind(params)) as review.SuggestionRow[]).map(review.suggestionFrom);
  }

  private latest(claimId: string): ClaimVersion | undefined {
    const row = this.sql('SELECT * FROM claim_versions WHERE claim_id = ? ORDER BY version DESC LIMIT 1').get(claimId) as VersionRow | undefined;
    return row === undefined ? undefined : versionFrom(row);
  }

  /** Forgets deliveries and spoken replies too old to matter, at most once a minute. */
  private prune(now: number, spokenWindowMs: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.deliverySql('DELETE FROM deliveries WHERE seen_at < ?').run(now - DELIVERY_MEMORY_MS);
    this.deliverySql('DELETE FROM spoken WHERE at < ?').run(now - spokenWindowMs);
  }
}

// better-sqlite3 reads `$1` as a parameter named "1": the statements both engines share bind so.
const bind = (params: unknown[]): Record<string, unknown> => Object.fromEntries(params.map((value, i) => [String(i + 1), value]));
