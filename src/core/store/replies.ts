import type { Platform } from '../message.ts';

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
  /** The claim's version the reply showed; a later version's note replaces it. */
  claimVersion?: number;
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
  /** Suggestions from the review queue that moderators accepted as this claim. */
  suggestionsAccepted: number;
  /** Suggestions of this claim that moderators turned down: "Not a claim", or another claim picked. */
  suggestionsRejected: number;
}

/** Which earlier replies to bring up to a claim's new version. */
export interface ReplyUpdateWork {
  platform: Platform;
  claimId: string;
  /** The version whose note the replies should show. */
  version: number;
  /** Replies sent before this time (ISO) are left as they are. */
  since: string;
}

/** The bot's replies and the feedback on them. */
export interface ReplyStore {
  recordReply(reply: SentReply): Promise<void>;
  /** Replies about a claim sent since a time (ISO), newest first. */
  repliesAbout(claimId: string, since: string): Promise<SentReply[]>;
  findReply(platform: Platform, channelId: string, messageId: string): Promise<SentReply | undefined>;
  /** Marks a reply as removed from the chat: it is no longer edited, but still counted. */
  markReplyRemoved(platform: Platform, channelId: string, messageId: string, at: string): Promise<void>;
  /**
   * Takes the replies that still show an older version than `work.version`, atomically: each is
   * handed to exactly one caller across every process, which edits it.
   */
  claimReplyUpdates(work: ReplyUpdateWork): Promise<SentReply[]>;
  /** Records a press of a feedback button; false if this user already pressed it on that reply. */
  recordFeedback(feedback: Feedback): Promise<boolean>;
  stats(since: string): Promise<ClaimStats[]>;
}
