import type { Platform } from '../message.ts';
import type { Suggestion, SuggestionDecision } from '../review/suggestion.ts';

/** A suggestion to queue, before the store decides whether it is new and within the caps. */
export interface NewSuggestion extends Omit<Suggestion, 'status' | 'decision' | 'reply' | 'card'> {
  /** The message's words as the matcher reads them: the same text and claim are suggested once. */
  textKey: string;
}

/** How many suggestions may be queued per hour, so a busy chat cannot flood the review channel. */
export interface SuggestionLimits {
  /** Per channel the messages come from. */
  perChannelPerHour: number;
  /** Per workspace or server (one review channel), all its channels together. */
  perTeamPerHour: number;
}

export type QueueOutcome = { outcome: 'queued'; suggestion: Suggestion } | { outcome: 'duplicate' | 'channel-cap' | 'team-cap' };

/** What a moderator asks for when they decide. */
export interface DecisionRequest extends SuggestionDecision {
  /** Reply to the message with the note, too (accepted only). */
  reply: boolean;
}

export type ReplyRequestOutcome = 'requested' | 'already-requested' | 'not-accepted' | 'unknown';

/** The review queue: messages moderators may teach the bot from, and what they decided. */
export interface ReviewStore {
  /**
   * Queues a suggestion in one atomic step with its checks: not the same text and claim as an
   * earlier suggestion in the same workspace or server, and within the per-hour caps.
   */
  queueSuggestion(suggestion: NewSuggestion, limits: SuggestionLimits): Promise<QueueOutcome>;
  /** Remembers where the suggestion's card was posted; resolves with the suggestion as it is now. */
  attachCard(id: string, card: { channelId: string; messageId: string }): Promise<Suggestion | undefined>;
  findSuggestion(id: string): Promise<Suggestion | undefined>;
  /** Suggestions still waiting at `at` (ISO), oldest first. */
  pendingSuggestions(at: string, limit: number): Promise<Suggestion[]>;
  /**
   * Settles a pending suggestion, once across every process: the first decision is stored and
   * returned with `decided` true; any later one (or one after it expired at `decision.at`) gets the
   * suggestion as it stands, with `decided` false.
   */
  decideSuggestion(id: string, decision: DecisionRequest): Promise<{ decided: boolean; suggestion: Suggestion | undefined }>;
  /** Asks for the reply to the message of an accepted suggestion, once. */
  requestSuggestionReply(id: string): Promise<ReplyRequestOutcome>;
  /** Records that the reply asked for was posted. */
  markSuggestionReplied(id: string): Promise<void>;
  /** Marks every suggestion still pending past its expiry at `at` as expired; resolves with them. */
  expireSuggestions(at: string): Promise<Suggestion[]>;
  /**
   * Takes the suggestions of `platform` whose card no longer shows what happened to them (decided,
   * a reply asked for, expired), atomically: each change is handed to exactly one caller.
   */
  claimCardUpdates(platform: Platform): Promise<Suggestion[]>;
}
