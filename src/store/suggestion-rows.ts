/** The review queue's table as both engines keep it, and the contract's Suggestion made from a row. */
import type { Platform } from '../core/message.ts';
import type { SuggestedClaim, Suggestion } from '../core/review/suggestion.ts';
import type { DecisionRequest, NewSuggestion } from '../core/store/reviews.ts';

/** How long a suggestion stays in the table after it expired, for the statistics and "same text once". */
export const SUGGESTION_MEMORY_MS = 90 * 86_400_000;

export interface SuggestionRow {
  id: string;
  platform: Platform;
  team_id: string;
  channel_id: string;
  message_id: string;
  link: string | null;
  thread_id: string | null;
  excerpt: string;
  reason: Suggestion['reason'];
  candidates: string | SuggestedClaim[];
  reply_threshold: number;
  created_at: string | Date;
  expires_at: string | Date;
  status: Suggestion['status'];
  decided_claim_id: string | null;
  decided_by: string | null;
  decided_by_id: string | null;
  decided_platform: NonNullable<Suggestion['decision']>['platform'] | null;
  decided_at: string | Date | null;
  reply_state: Suggestion['reply'];
  card_channel_id: string | null;
  card_message_id: string | null;
}

const isoOf = (value: string | Date): string => (typeof value === 'string' ? value : value.toISOString());

export function suggestionFrom(row: SuggestionRow): Suggestion {
  const suggestion: Suggestion = {
    id: row.id,
    platform: row.platform,
    channelId: row.channel_id,
    messageId: row.message_id,
    excerpt: row.excerpt,
    reason: row.reason,
    candidates: typeof row.candidates === 'string' ? (JSON.parse(row.candidates) as SuggestedClaim[]) : row.candidates,
    replyThreshold: Number(row.reply_threshold),
    createdAt: isoOf(row.created_at),
    expiresAt: isoOf(row.expires_at),
    status: row.status,
    reply: row.reply_state,
  };
  if (row.team_id !== '') suggestion.teamId = row.team_id;
  if (row.link !== null) suggestion.link = row.link;
  if (row.thread_id !== null) suggestion.threadId = row.thread_id;
  if (row.decided_by !== null && row.decided_at !== null && (row.status === 'accepted' || row.status === 'rejected')) {
    suggestion.decision = {
      status: row.status,
      by: row.decided_by,
      byId: row.decided_by_id ?? '',
      platform: row.decided_platform ?? 'cli',
      at: isoOf(row.decided_at),
      ...(row.decided_claim_id === null ? {} : { claimId: row.decided_claim_id }),
    };
  }
  if (row.card_channel_id !== null && row.card_message_id !== null) suggestion.card = { channelId: row.card_channel_id, messageId: row.card_message_id };
  return suggestion;
}

/** The columns of a new suggestion, in INSERT_SUGGESTION's order. */
export function suggestionValues(s: NewSuggestion): unknown[] {
  const top = s.candidates[0]?.claimId;
  if (top === undefined) throw new Error(`suggestion ${s.id} has no candidate claim`);
  return [s.id, s.platform, s.teamId ?? '', s.channelId, s.messageId, s.link ?? null, s.excerpt, s.textKey, top, s.reason, JSON.stringify(s.candidates), s.replyThreshold, s.createdAt, s.expiresAt, s.threadId ?? null];
}

/** The columns a decision sets, in DECIDE_SUGGESTION's order after the id. */
export function decisionValues(d: DecisionRequest): unknown[] {
  return [d.status, d.claimId ?? null, d.by, d.byId, d.platform, d.at, d.reply && d.status === 'accepted' ? 'requested' : 'none'];
}

// Statements both engines run as they are, with $n placeholders (SQLite reads them as numbered parameters).
export const INSERT_SUGGESTION = `INSERT INTO review_suggestions
  (id, platform, team_id, channel_id, message_id, link, excerpt, text_key, claim_id, reason, candidates, reply_threshold, created_at, expires_at, thread_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;
export const SAME_SUGGESTION = 'SELECT 1 FROM review_suggestions WHERE platform = $1 AND team_id = $2 AND text_key = $3 AND claim_id = $4';
export const SUGGESTIONS_IN_CHANNEL = 'SELECT COUNT(*) AS n FROM review_suggestions WHERE platform = $1 AND team_id = $2 AND channel_id = $3 AND created_at > $4';
export const SUGGESTIONS_IN_TEAM = 'SELECT COUNT(*) AS n FROM review_suggestions WHERE platform = $1 AND team_id = $2 AND created_at > $3';
export const DECIDE_SUGGESTION = `UPDATE review_suggestions SET status = $2, decided_claim_id = $3, decided_by = $4, decided_by_id = $5, decided_platform = $6,
  decided_at = $7, reply_state = $8, change_seq = change_seq + 1
  WHERE id = $1 AND status = 'pending' AND expires_at > $7 RETURNING *`;
export const EXPIRE_ONE = `UPDATE review_suggestions SET status = 'expired', change_seq = change_seq + 1 WHERE id = $1 AND status = 'pending' AND expires_at <= $2`;
export const EXPIRE_ALL = `UPDATE review_suggestions SET status = 'expired', change_seq = change_seq + 1 WHERE status = 'pending' AND expires_at <= $1 RETURNING *`;
export const FORGET_OLD = 'DELETE FROM review_suggestions WHERE expires_at < $1';
export const REQUEST_REPLY = `UPDATE review_suggestions SET reply_state = 'requested', change_seq = change_seq + 1 WHERE id = $1 AND status = 'accepted' AND reply_state = 'none' RETURNING id`;
export const MARK_REPLIED = `UPDATE review_suggestions SET reply_state = 'posted', change_seq = change_seq + 1 WHERE id = $1`;
export const ATTACH_CARD = 'UPDATE review_suggestions SET card_channel_id = $2, card_message_id = $3 WHERE id = $1 RETURNING *';
export const FIND_SUGGESTION = 'SELECT * FROM review_suggestions WHERE id = $1';
export const PENDING_SUGGESTIONS = `SELECT * FROM review_suggestions WHERE status = 'pending' AND expires_at > $1 ORDER BY created_at, id LIMIT $2`;
export const CLAIM_CARD_UPDATES = `UPDATE review_suggestions SET shown_seq = change_seq
  WHERE platform = $1 AND card_message_id IS NOT NULL AND shown_seq < change_seq RETURNING *`;

/** What a reply request found, from the suggestion as it stands (after the request changed nothing). */
export function replyRequestRefusal(row: Pick<SuggestionRow, 'status'> | undefined): 'not-accepted' | 'already-requested' | 'unknown' {
  if (row === undefined) return 'unknown';
  return row.status === 'accepted' ? 'already-requested' : 'not-accepted';
}
