import { randomUUID } from 'node:crypto';
import pg from 'pg';
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
import type { StoreOptions } from '../open-store.ts';
import { DELIVERY_MEMORY_MS, nextVersion, replyFrom, replyValues, versionFrom, type ReplyRow, type VersionRow } from '../rows.ts';
import { STATS_SQL } from '../stats-sql.ts';
import type { Suggestion } from '../../core/review/suggestion.ts';
import type { DecisionRequest, NewSuggestion, QueueOutcome, ReplyRequestOutcome, SuggestionLimits } from '../../core/store/reviews.ts';
import * as review from '../suggestion-rows.ts';
import { migratePostgres } from './migrations.ts';
import { VERSIONS_CHANNEL, VersionListener } from './version-listener.ts';

// Passive replies across every instance queue on this lock for the caps' count-then-insert.
const SPEAK_LOCK = 7_301_014;
/**
 * Each instance holds (LIVENESS, hashtext(its id)) for as long as it is connected: the messages it
 * took are then in hand. A message whose owner's lock is free is taken over by the next instance
 * to see it (its owner died before acknowledging it, and Slack retried it here).
 */
const LIVENESS = 7_301_015;
const PRUNE_EVERY_MS = 60_000;
const DEFAULT_POOL_SIZE = 10;

export interface PostgresOptions extends StoreOptions {
  /** Connections in the pool (one more LISTENs for changes). */
  poolSize?: number;
}

/**
 * PostgreSQL, for many instances of the bot: one truth for claim versions, replies, feedback,
 * deliveries, cooldowns and caps. A committed version NOTIFYs every instance.
 */
export class PostgresStore implements ModerationStore {
  readonly engine = 'postgres' as const;
  readonly pushesChanges = true;
  private readonly listeners: (() => void)[] = [];
  private readonly listener: VersionListener;
  private readonly pruneTimer: NodeJS.Timeout;
  private poolHealthy = true;
  /** This process, as the owner of the deliveries it takes. */
  private readonly instance = randomUUID();

  private constructor(
    private readonly pool: pg.Pool,
    config: pg.ClientConfig,
    private readonly onProblem: (message: string, error: unknown) => void,
  ) {
    this.listener = new VersionListener(config, () => this.listeners.forEach((l) => l()), onProblem, async (client) => {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LIVENESS, this.instance]);
    });
    this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Connects, migrates (one instance at a time) and starts listening for changes. */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const config: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 15_000, application_name: 'factcheck-bot' };
    const pool = new pg.Pool({ ...config, max: options.poolSize ?? DEFAULT_POOL_SIZE });
    const onProblem = options.onProblem ?? (() => undefined);
    // An idle connection dropped by the server must not take the process down; the next query reconnects.
    pool.on('error', (error) => onProblem('an idle PostgreSQL connection was closed; the pool opens a new one', error));
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
      } finally {
        client.release();
      }
      const store = new PostgresStore(pool, config, onProblem);
      await store.listener.start();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  async latestVersions(): Promise<ClaimVersion[]> {
    const { rows } = await this.query<VersionRow>('SELECT DISTINCT ON (claim_id) * FROM claim_versions ORDER BY claim_id, version DESC');
    return rows.map(versionFrom);
  }

  async appendVersion(claimId: string, build: ChangeBuilder, expectedVersion?: number): Promise<ClaimVersion | undefined> {
    return this.transaction(async (client) => {
      // Writers of one claim queue here, so each builds on the version the one before wrote.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('claim:' || $1, 0))", [claimId]);
      const { rows } = await client.query<VersionRow>('SELECT * FROM claim_versions WHERE claim_id = $1 ORDER BY version DESC LIMIT 1', [claimId]);
      const latest = rows[0] === undefined ? undefined : versionFrom(rows[0]);
      if (expectedVersion !== undefined && latest !== undefined && latest.version !== expectedVersion) throw new VersionConflict(claimId, latest);
      const version = nextVersion(claimId, latest, build);
      if (version === undefined) return undefined;
      await client.query(
        `INSERT INTO claim_versions (claim_id, version, action, actor, platform, at, before, after, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          version.claimId,
          version.version,
          version.action,
          version.actor,
          version.platform,
          version.at,
          version.before === undefined ? null : JSON.stringify(version.before),
          JSON.stringify(version.after),
          version.comment ?? null,
        ],
      );
      // Delivered to every listening instance when the transaction commits, not before.
      await client.query('SELECT pg_notify($1, $2)', [VERSIONS_CHANNEL, claimId]);
      return version;
    });
  }

  async history(claimId: string): Promise<ClaimVersion[]> {
    const { rows } = await this.query<VersionRow>('SELECT * FROM claim_versions WHERE claim_id = $1 ORDER BY version', [claimId]);
    return rows.map(versionFrom);
  }

  async changeMark(): Promise<number> {
    const { rows } = await this.query<{ mark: string }>('SELECT COALESCE(MAX(seq), 0) AS mark FROM claim_versions');
    return Number(rows[0]?.mark ?? 0);
  }

  onVersionWritten(listener: () => void): void {
    this.listeners.push(listener);
  }

  async recordReply(reply: SentReply): Promise<void> {
    await this.query(
      `INSERT INTO replies (platform, channel_id, message_id, in_reply_to, thread_id, claim_id, kind, sent_at, claim_version, trigger_text, posted_by, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (platform, channel_id, message_id) DO UPDATE SET in_reply_to = excluded.in_reply_to, thread_id = excluded.thread_id,
         claim_id = excluded.claim_id, kind = excluded.kind, sent_at = excluded.sent_at, claim_version = excluded.claim_version,
         trigger_text = excluded.trigger_text, posted_by = excluded.posted_by, comment = excluded.comment, removed_at = NULL, updated_version = NULL`,
      replyValues(reply),
    );
  }

  async repliesAbout(claimId: string, since: string): Promise<SentReply[]> {
    const { rows } = await this.query<ReplyRow>('SELECT * FROM replies WHERE claim_id = $1 AND sent_at >= $2 AND removed_at IS NULL ORDER BY sent_at DESC', [claimId, since]);
    return rows.map(replyFrom);
  }

  async findReply(platform: Platform, channelId: string, messageId: string): Promise<SentReply | undefined> {
    const { rows } = await this.query<ReplyRow>('SELECT * FROM replies WHERE platform = $1 AND channel_id = $2 AND message_id = $3', [platform, channelId, messageId]);
    return rows[0] === undefined ? undefined : replyFrom(rows[0]);
  }

  async markReplyRemoved(platform: Platform, channelId: string, messageId: string, at: string): Promise<void> {
    await this.query('UPDATE replies SET removed_at = $1 WHERE platform = $2 AND channel_id = $3 AND message_id = $4', [at, platform, channelId, messageId]);
  }

  async claimReplyUpdates(work: ReplyUpdateWork): Promise<SentReply[]> {
    // A second instance running the same UPDATE waits on the rows the first took, then finds them done.
    const { rows } = await this.query<ReplyRow>(
      `UPDATE replies SET updated_version = $1
       WHERE platform = $2 AND claim_id = $3 AND sent_at >= $4 AND removed_at IS NULL AND COALESCE(updated_version, claim_version, 0) < $1
       RETURNING *`,
      [work.version, work.platform, work.claimId, work.since],
    );
    return rows.map(replyFrom).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  }

  async recordFeedback(feedback: Feedback): Promise<boolean> {
    const result = await this.query(
      `INSERT INTO feedback (platform, channel_id, reply_message_id, user_id, kind, by_moderator, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [feedback.platform, feedback.channelId, feedback.replyMessageId, feedback.userId, feedback.kind, feedback.byModerator, feedback.at],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async stats(since: string): Promise<ClaimStats[]> {
    const { rows } = await this.query<Record<keyof ClaimStats, string>>(STATS_SQL, [since]);
    return rows.map((r) => ({
      claimId: r.claimId,
      replies: Number(r.replies),
      helpful: Number(r.helpful),
      notRelevant: Number(r.notRelevant),
      corrections: Number(r.corrections),
      suggestionsAccepted: Number(r.suggestionsAccepted),
      suggestionsRejected: Number(r.suggestionsRejected),
    }));
  }

  async firstSight(delivery: string, at: number): Promise<boolean> {
    const result = await this.query('INSERT INTO deliveries (key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [delivery, at]);
    return (result.rowCount ?? 0) > 0;
  }

  async admitReply({ delivery, channel, claimId, at, limits }: SpeakRequest): Promise<SpeakVerdict> {
    // One statement, one transaction (migration 2's function): the locks it takes last only as long as it runs.
    const { rows } = await this.query<{ verdict: SpeakVerdict }>(
      'SELECT factcheck_admit_reply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS verdict',
      [delivery, this.instance, channel, claimId, at, limits.cooldownMs, limits.channelRepliesPerMinute, limits.globalRepliesPerMinute, LIVENESS, SPEAK_LOCK],
    );
    const verdict = rows[0]?.verdict ?? 'duplicate';
    if (verdict === 'taken-over') this.onProblem(`took over a message whose instance stopped before answering it (${delivery})`, undefined);
    return verdict;
  }

  async queueSuggestion(suggestion: NewSuggestion, limits: SuggestionLimits): Promise<QueueOutcome> {
    const hourAgo = new Date(Date.parse(suggestion.createdAt) - 3_600_000).toISOString();
    const team = suggestion.teamId ?? '';
    const values = review.suggestionValues(suggestion);
    return this.transaction(async (client): Promise<QueueOutcome> => {
      // Every instance queuing for the same workspace or server waits here, so the caps' count-then-insert holds.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('review:' || $1 || ':' || $2, 0))", [suggestion.platform, team]);
      if ((await client.query(review.SAME_SUGGESTION, [suggestion.platform, team, suggestion.textKey, values[8]])).rowCount !== 0) return { outcome: 'duplicate' };
      const count = async (sql: string, params: unknown[]) => Number((await client.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
      if ((await count(review.SUGGESTIONS_IN_CHANNEL, [suggestion.platform, team, suggestion.channelId, hourAgo])) >= limits.perChannelPerHour) return { outcome: 'channel-cap' };
      if ((await count(review.SUGGESTIONS_IN_TEAM, [suggestion.platform, team, hourAgo])) >= limits.perTeamPerHour) return { outcome: 'team-cap' };
      await client.query(review.INSERT_SUGGESTION, values);
      const { rows } = await client.query<review.SuggestionRow>(review.FIND_SUGGESTION, [suggestion.id]);
      return { outcome: 'queued', suggestion: review.suggestionFrom(rows[0]!) };
    });
  }

  async attachCard(id: string, card: { channelId: string; messageId: string }): Promise<Suggestion | undefined> {
    return (await this.suggestions(review.ATTACH_CARD, [id, card.channelId, card.messageId]))[0];
  }

  async findSuggestion(id: string): Promise<Suggestion | undefined> {
    return (await this.suggestions(review.FIND_SUGGESTION, [id]))[0];
  }

  async pendingSuggestions(at: string, limit: number): Promise<Suggestion[]> {
    return this.suggestions(review.PENDING_SUGGESTIONS, [at, limit]);
  }

  async decideSuggestion(id: string, decision: DecisionRequest): Promise<{ decided: boolean; suggestion: Suggestion | undefined }> {
    return this.transaction(async (client) => {
      // A second decision at the same moment waits on the row, then finds it no longer pending.
      const decided = await client.query<review.SuggestionRow>(review.DECIDE_SUGGESTION, [id, ...review.decisionValues(decision)]);
      if (decided.rows[0] !== undefined) return { decided: true, suggestion: review.suggestionFrom(decided.rows[0]) };
      await client.query(review.EXPIRE_ONE, [id, decision.at]);
      const { rows } = await client.query<review.SuggestionRow>(review.FIND_SUGGESTION, [id]);
      return { decided: false, suggestion: rows[0] === undefined ? undefined : review.suggestionFrom(rows[0]) };
    });
  }

  async requestSuggestionReply(id: string): Promise<ReplyRequestOutcome> {
    if (((await this.query(review.REQUEST_REPLY, [id])).rowCount ?? 0) > 0) return 'requested';
    return review.replyRequestRefusal((await this.query<review.SuggestionRow>(review.FIND_SUGGESTION, [id])).rows[0]);
  }

  async markSuggestionReplied(id: string): Promise<void> {
    await this.query(review.MARK_REPLIED, [id]);
  }

  async expireSuggestions(at: string): Promise<Suggestion[]> {
    await this.query(review.FORGET_OLD, [new Date(Date.parse(at) - review.SUGGESTION_MEMORY_MS).toISOString()]);
    return this.suggestions(review.EXPIRE_ALL, [at]);
  }

  async claimCardUpdates(platform: Platform): Promise<Suggestion[]> {
    // A second instance running the same UPDATE waits on the rows the first took, then finds them shown.
    return this.suggestions(review.CLAIM_CARD_UPDATES, [platform]);
  }

  isAvailable(): boolean {
    return this.poolHealthy && this.listener.isConnected;
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.listener.close();
    await this.pool.end().catch(() => undefined);
  }

  private async prune(): Promise<void> {
    const now = Date.now();
    await this.query('DELETE FROM deliveries WHERE seen_at < $1', [now - DELIVERY_MEMORY_MS]);
    await this.query('DELETE FROM spoken WHERE at < $1', [now - DELIVERY_MEMORY_MS]);
  }

  private async suggestions(sql: string, params: unknown[]): Promise<Suggestion[]> {
    return (await this.query<review.SuggestionRow>(sql, params)).rows.map(review.suggestionFrom);
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.watched(() => this.pool.query<R>(sql, params));
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.watched(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  /** Runs a database call, keeping `isAvailable` true while calls succeed and false after a lost connection. */
  private async watched<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.poolHealthy = true;
      return result;
    } catch (error) {
      if (isConnectionError(error)) {
        if (this.poolHealthy) this.onProblem('a PostgreSQL query failed for want of a connection', error);
        this.poolHealthy = false;
      }
      throw error;
    }
  }
}

/** Errors that say the database could not be reached, rather than that a statement was wrong. */
function isConnectionError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (/^(08|57P)/.test(code)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
}
