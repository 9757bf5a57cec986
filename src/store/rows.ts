/** Rows of the tables both engines share, and the contract's values made from them. */
import type { Claim } from '../core/claim.ts';
import type { Platform } from '../core/message.ts';
import type { ChangeBuilder, ClaimVersion, SentReply } from '../core/store/moderation-store.ts';

/** Where an engine keeps the first sight of deliveries, so the table can be pruned. */
export const DELIVERY_MEMORY_MS = 6 * 60 * 60_000;
/** The longest window a reply limit looks back over (the per-minute caps). */
export const CAP_WINDOW_MS = 60_000;

export interface VersionRow {
  claim_id: string;
  version: number;
  action: ClaimVersion['action'];
  actor: string;
  platform: ClaimVersion['platform'];
  at: string | Date;
  before: string | Claim | null;
  after: string | Claim;
  comment: string | null;
}

export interface ReplyRow {
  platform: Platform;
  channel_id: string;
  message_id: string;
  in_reply_to: string | null;
  thread_id: string | null;
  claim_id: string;
  kind: SentReply['kind'];
  sent_at: string | Date;
  claim_version: number | null;
  trigger_text: string | null;
  posted_by: string | null;
  comment: string | null;
}

// SQLite hands back JSON text and ISO strings; PostgreSQL parsed jsonb and Dates.
const claimOf = (value: string | Claim): Claim => (typeof value === 'string' ? (JSON.parse(value) as Claim) : value);
const isoOf = (value: string | Date): string => (typeof value === 'string' ? value : value.toISOString());

export function versionFrom(row: VersionRow): ClaimVersion {
  const version: ClaimVersion = {
    claimId: row.claim_id,
    version: Number(row.version),
    action: row.action,
    actor: row.actor,
    platform: row.platform,
    at: isoOf(row.at),
    before: row.before === null ? undefined : claimOf(row.before),
    after: claimOf(row.after),
  };
  if (row.comment !== null) version.comment = row.comment;
  return version;
}

export function replyFrom(row: ReplyRow): SentReply {
  const reply: SentReply = {
    platform: row.platform,
    channelId: row.channel_id,
    messageId: row.message_id,
    claimId: row.claim_id,
    kind: row.kind,
    sentAt: isoOf(row.sent_at),
  };
  if (row.in_reply_to !== null) reply.inReplyTo = row.in_reply_to;
  if (row.thread_id !== null) reply.threadId = row.thread_id;
  if (row.claim_version !== null) reply.claimVersion = Number(row.claim_version);
  if (row.trigger_text !== null) reply.triggerText = row.trigger_text;
  if (row.posted_by !== null) reply.postedBy = row.posted_by;
  if (row.comment !== null) reply.comment = row.comment;
  return reply;
}

/** A reply's columns in the order both engines insert them (platform ... comment). */
export function replyValues(reply: SentReply): (string | number | null)[] {
  return [
    reply.platform,
    reply.channelId,
    reply.messageId,
    reply.inReplyTo ?? null,
    reply.threadId ?? null,
    reply.claimId,
    reply.kind,
    reply.sentAt,
    reply.claimVersion ?? null,
    reply.triggerText ?? null,
    reply.postedBy ?? null,
    reply.comment ?? null,
  ];
}

/** The change a builder made, checked against the latest version, numbered. */
export function nextVersion(claimId: string, latest: ClaimVersion | undefined, build: ChangeBuilder): ClaimVersion | undefined {
  const change = build(latest);
  if (change === undefined) return undefined;
  if (change.claimId !== claimId) throw new Error(`a change to ${claimId} was built for ${change.claimId}`);
  return { ...change, version: (latest?.version ?? 0) + 1 };
}
