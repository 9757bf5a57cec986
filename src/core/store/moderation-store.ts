import type { ClaimVersionStore } from './claim-versions.ts';
import type { DeliveryStore } from './deliveries.ts';
import type { ReplyStore } from './replies.ts';
import type { ReviewStore } from './reviews.ts';

export type { ChangeBuilder, ClaimAction, ClaimChange, ClaimVersion, ClaimVersionStore } from './claim-versions.ts';
export { VersionConflict } from './claim-versions.ts';
export type { ClaimStats, Feedback, FeedbackKind, ReplyStore, ReplyUpdateWork, SentReply } from './replies.ts';
export type { DeliveryStore, ReplyLimits, SpeakRequest, SpeakVerdict } from './deliveries.ts';
export type { DecisionRequest, NewSuggestion, QueueOutcome, ReplyRequestOutcome, ReviewStore, SuggestionLimits } from './reviews.ts';

/**
 * Everything the bot keeps that must be one across its processes: the moderators' claim
 * versions, the replies and feedback, the deliveries, cooldowns and caps, and the review queue. Every write is
 * durable once its promise resolves. One engine per deployment (`src/store/`): SQLite in
 * DATA_DIR, or PostgreSQL with DATABASE_URL; each feature is its own part and its own migration.
 */
export interface ModerationStore extends ClaimVersionStore, ReplyStore, DeliveryStore, ReviewStore {
  /** Which engine this is, for logs. */
  readonly engine: 'sqlite' | 'postgres';
  /** Whether the store answers now; a lost database connection makes it false until it is back. */
  isAvailable(): boolean;
  close(): Promise<void>;
}
