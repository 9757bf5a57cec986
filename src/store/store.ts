import type { Claim } from '../core/claim.ts';
import type { Platform } from '../core/message.ts';

/** What a moderator did to a claim. */
export type ClaimAction = 'add' | 'edit' | 'retire' | 'teach' | 'counter-example' | 'restore';

/** One version of a claim written by a moderator, on top of the reviewed YAML base. */
export interface ClaimVersion {
  claimId: string;
  /** 1 for the first change; the YAML base counts as version 0. */
  version: number;
  action: ClaimAction;
  actor: string;
  platform: Platform | 'cli';
  at: string;
  /** The claim before the change (undefined when added). */
  before: Claim | undefined;
  after: Claim;
  comment?: string;
}

/** A message the bot sent about a claim, kept so it can be edited when the claim changes. */
export interface SentReply {
  platform: Platform;
  channelId: string;
  /** The bot's own message (Discord message id, Slack ts). */
  messageId: string;
  /** The message it answered, if any. */
  inReplyTo?: string;
  /** Thread the reply lives in, where the platform has threads (Slack thread_ts). */
  threadId?: string;
  claimId: string;
  kind: 'passive' | 'answer' | 'correction' | 'announcement';
  sentAt: string;
  /** Text the bot answered, kept to learn from a moderator's "not relevant". */
  triggerText?: string;
  /** The moderator who pushed a correction or announcement, shown again when it is updated. */
  postedBy?: string;
  /** The moderator's comment on a correction. */
  comment?: string;
}

export type FeedbackKind = 'helpful' | 'not-relevant';

export interface Feedback {
  platform: Platform;
  channelId: string;
  replyMessageId: string;
  userId: string;
  kind: FeedbackKind;
  byModerator: boolean;
  at: string;
}

export interface ClaimStats {
  claimId: string;
  replies: number;
  helpful: number;
  notRelevant: number;
  corrections: number;
}

/** Thrown when a claim changed since the version a moderator edited. */
export class VersionConflict extends Error {
  constructor(
    readonly claimId: string,
    readonly current: ClaimVersion,
  ) {
    super(`${claimId} was changed by ${current.actor} a moment ago (version ${current.version}, ${current.at}); reload it and try again`);
    this.name = 'VersionConflict';
  }
}

/** Persistence of moderators' work. Every write is durable once the call returns. */
export interface ModerationStore {
  /** The latest version of every claim a moderator changed. */
  latestVersions(): ClaimVersion[];
  /** Latest version of one claim, if a moderator changed it. */
  latestVersion(claimId: string): ClaimVersion | undefined;
  /** Appends a version; throws VersionConflict unless `expectedVersion` is the latest (0 = the base). */
  appendVersion(change: Omit<ClaimVersion, 'version'>, expectedVersion: number): ClaimVersion;
  /** Every version of a claim, oldest first. */
  history(claimId: string): ClaimVersion[];
  /** A number that grows with every version written, by this process or another. */
  changeMark(): number;
  recordReply(reply: SentReply): void;
  /** Replies about a claim sent since a time (ISO), newest first. */
  repliesAbout(claimId: string, since: string): SentReply[];
  findReply(platform: Platform, channelId: string, messageId: string): SentReply | undefined;
  /** Marks a reply as removed from the chat: it is no longer edited, but still counted. */
  markReplyRemoved(platform: Platform, channelId: string, messageId: string, at: string): void;
  /** Records a press of a feedback button; false if this user already pressed it on that reply. */
  recordFeedback(feedback: Feedback): boolean;
  stats(since: string): ClaimStats[];
  close(): void;
}
