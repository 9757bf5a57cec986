import { ModerationInputError } from '../moderation/actor.ts';
import type { Platform } from '../message.ts';

/** Why the passive listener held back on a message it suggests for review. */
export type HoldBack =
  /** The best claim scored between REVIEW_THRESHOLD and the reply threshold. */
  | 'unsure'
  /** Two claims that would give different answers were too close to tell apart (the policy's 'ambiguous'). */
  | 'ambiguous';

/** A claim the message may repeat, with the score the matcher gave it. */
export interface SuggestedClaim {
  claimId: string;
  score: number;
}

/** What the review policy proposes for one message the bot left unanswered. */
export interface SuggestionDraft {
  reason: HoldBack;
  /** Best first; at least one. */
  candidates: SuggestedClaim[];
  /** The reply threshold the best claim fell short of, for the reason shown to moderators. */
  replyThreshold: number;
}

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'expired';

/** Who settled a suggestion, and how. */
export interface SuggestionDecision {
  status: 'accepted' | 'rejected';
  /** The claim the message was taught as a phrasing of (accepted only). */
  claimId?: string;
  by: string;
  byId: string;
  platform: Platform | 'cli';
  at: string;
}

/** A message the bot heard and left unanswered, offered to moderators to teach from. */
export interface Suggestion extends SuggestionDraft {
  id: string;
  platform: Platform;
  teamId?: string;
  channelId: string;
  messageId: string;
  /** A link to the message, where the platform has one. */
  link?: string;
  /** The thread the message is in, where the platform has threads (Slack's thread_ts), for the reply. */
  threadId?: string;
  /** At most EXCERPT_MAX characters of the message: what moderators see, and what a decision teaches. */
  excerpt: string;
  createdAt: string;
  expiresAt: string;
  status: SuggestionStatus;
  decision?: SuggestionDecision;
  /** Whether the bot was asked to reply to the message with the note (after an acceptance), and whether it did. */
  reply: 'none' | 'requested' | 'posted';
  /** The review card showing the suggestion, once posted. */
  card?: { channelId: string; messageId: string };
}

/** The most of a message a suggestion keeps and shows. */
export const EXCERPT_MAX = 300;

/** A message's words as a suggestion keeps them: spaces collapsed, at most EXCERPT_MAX characters. */
export function excerptOf(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= EXCERPT_MAX ? chars.join('') : `${chars.slice(0, EXCERPT_MAX - 1).join('').trimEnd()}…`;
}

const percent = (score: number) => `${Math.round(score * 100)}%`;

/** Why the bot held back, in words a moderator reads on the card. */
export function holdBackText(suggestion: SuggestionDraft): string {
  const [best, second] = suggestion.candidates;
  if (suggestion.reason === 'ambiguous' && best !== undefined && second !== undefined) {
    return `two claims were too close to tell apart: ${best.claimId} ${percent(best.score)} and ${second.claimId} ${percent(second.score)}`;
  }
  return `the best match scored ${percent(best?.score ?? 0)}, under the ${percent(suggestion.replyThreshold)} it needs to reply on its own`;
}

/** What happened to a suggestion, in one line for its card and the shell. */
export function decisionText(suggestion: Suggestion): string {
  const { decision } = suggestion;
  if (suggestion.status === 'expired') return `expired unreviewed on ${suggestion.expiresAt.slice(0, 10)}`;
  if (decision === undefined) return `waiting for a moderator until ${suggestion.expiresAt.slice(0, 10)}`;
  const when = `${decision.at.slice(0, 16).replace('T', ' ')} UTC`;
  if (decision.status === 'rejected') return `rejected by ${decision.by} (${decision.platform}, ${when}): not a claim`;
  const replied = suggestion.reply === 'posted' ? '; the bot replied to the message with the note' : suggestion.reply === 'requested' ? '; the bot is replying to the message with the note' : '';
  return `accepted by ${decision.by} (${decision.platform}, ${when}): it is ${decision.claimId ?? '?'}${replied}`;
}

/** A decision on a suggestion that is no longer pending: decided by someone else first, or expired. */
export class SuggestionClosed extends ModerationInputError {
  constructor(readonly suggestion: Suggestion) {
    super([{ file: 'input', message: `suggestion ${suggestion.id} was already ${decisionText(suggestion)}` }]);
    this.name = 'SuggestionClosed';
  }
}

/** A suggestion id that does not exist (or was cleaned up long after it expired). */
export class UnknownSuggestion extends ModerationInputError {
  constructor(id: string) {
    super([{ file: 'input', message: `no suggestion has the id "${id}"; factcheck review list shows the pending ones` }]);
    this.name = 'UnknownSuggestion';
  }
}
