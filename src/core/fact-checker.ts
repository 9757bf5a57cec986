import { boundedCache } from './bounded-cache.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { Match } from './matching/matcher.ts';
import { cleanMessage } from './matching/normalise.ts';
import type { Answer, FactCheckReply, IncomingMessage } from './message.ts';
import { DEFAULT_POLICY, ReplyPolicy, type PassiveDecision, type ReplyPolicyConfig, type SilenceReason } from './policy.ts';
import { rankedClaim, replyFor } from './reply.ts';
import { DEFAULT_GUARD, LocalDeliveries, ReplyGuard, type GuardVerdict, type ReplyGuardConfig } from './reply-guard.ts';
import type { DeliveryStore } from './store/moderation-store.ts';
import { ReviewPolicy, type ReviewPolicyConfig } from './review/review-policy.ts';
import type { SuggestionDraft } from './review/suggestion.ts';

export type IgnoreReason = 'own-message' | 'bot-message' | 'empty' | SilenceReason | Exclude<GuardVerdict, 'ok' | 'taken-over'>;

/** What the passive listener does with one message. */
export type HearOutcome =
  /** `resumed`: another instance took the message and stopped before acknowledging it; it may have replied already. */
  | { action: 'reply'; reply: FactCheckReply; match: Match; resumed?: true }
  | { action: 'ignore'; reason: IgnoreReason; match?: Match; suggestion?: SuggestionDraft };

/** Reasons to ignore a message that nobody needs to read about in the log at info level. */
export type RoutineIgnore = 'own-message' | 'bot-message' | 'duplicate';

/** Whether an ignore reason is routine: the bot's own message, another bot's, or a redelivery. */
export function isRoutineIgnore(reason: string): reason is RoutineIgnore {
  return reason === 'own-message' || reason === 'bot-message' || reason === 'duplicate';
}

/** What the bot does with a message that names it (an @-mention) or is written to it (a DM). */
export type MentionOutcome =
  | { action: 'answer'; answer: Answer }
  | { action: 'ignore'; reason: RoutineIgnore | 'empty' | 'rate-limited' };

/** What the bot says to a direct message with nothing in it to check. */
export const DIRECT_MESSAGE_HINT = 'Send me the claim you want checked, as text, and I will look it up among the claims I know.';

/** Sees every decision, for metrics; must not throw. */
export interface FactCheckObserver {
  heard(message: IncomingMessage, outcome: HearOutcome, matchMs: number): void;
  asked(platform: IncomingMessage['platform'], outcome: 'answered' | 'rate-limited'): void;
}

export interface FactCheckerOptions {
  policy?: ReplyPolicyConfig;
  /** From which score a message left unanswered is suggested to moderators (REVIEW_THRESHOLD); without it, none is. */
  review?: ReviewPolicyConfig;
  guard?: ReplyGuardConfig;
  /** Where deliveries, cooldowns and caps are kept; the store, so every process agrees (default: this process's memory). */
  deliveries?: DeliveryStore;
  /** `/factcheck` requests allowed per user per minute. */
  asksPerUserPerMinute?: number;
  observer?: FactCheckObserver;
  now?: () => number;
}

const MINUTE = 60_000;

/**
 * The claim core as adapters see it: `hear` for every channel message (Hubot's "hear"),
 * `ask` for someone who asked (slash command, context menu).
 */
export class FactChecker {
  readonly policy: ReplyPolicy;
  readonly guard: ReplyGuard;
  readonly review: ReviewPolicy | undefined;
  private readonly observer: FactCheckObserver | undefined;
  private readonly now: () => number;
  private readonly asksPerUserPerMinute: number;
  private readonly asks = boundedCache<string, number[]>(50_000, { ttl: MINUTE });

  constructor(
    readonly knowledge: KnowledgeBase,
    options: FactCheckerOptions = {},
  ) {
    this.policy = new ReplyPolicy(options.policy ?? DEFAULT_POLICY);
    this.review = options.review === undefined ? undefined : new ReviewPolicy(this.policy, options.review);
    this.now = options.now ?? Date.now;
    this.guard = new ReplyGuard(options.guard ?? DEFAULT_GUARD, options.deliveries ?? new LocalDeliveries(), this.now);
    this.observer = options.observer;
    this.asksPerUserPerMinute = options.asksPerUserPerMinute ?? 10;
  }

  /** The passive decision for a text alone, without cooldowns or caps (what `factcheck check` prints). */
  async judge(text: string, limit = 5): Promise<{ matches: Match[]; decision: PassiveDecision }> {
    const { matches, clean } = await this.knowledge.rankCleaned(text, limit);
    return { matches, decision: this.policy.decide(clean, matches) };
  }

  /**
   * Decides whether to answer a channel message nobody addressed to the bot. Most chat is left
   * silent by the matcher alone; only a message the bot would answer goes to the store, where
   * first sight, cooldown and caps are one atomic step shared by every process.
   */
  async hear(message: IncomingMessage): Promise<HearOutcome> {
    const started = performance.now();
    const outcome = await this.decide(message);
    this.observer?.heard(message, outcome, performance.now() - started);
    return outcome;
  }

  /**
   * Someone named the bot in a channel: an ask, answered in the open like `/factcheck`, whatever
   * the passive policy would say (the person asked), once per message and within the per-user
   * limit. `message.text` is what they want checked, the mention itself taken out.
   */
  async mention(message: IncomingMessage): Promise<MentionOutcome> {
    const screened = this.screen(message);
    if (screened !== undefined) return { action: 'ignore', reason: screened };
    if (!(await this.guard.firstSight(deliveryKeyOf(message)))) return { action: 'ignore', reason: 'duplicate' };
    if (cleanMessage(message.text).length === 0) return { action: 'ignore', reason: 'empty' };
    if (!this.admitAsk(message.platform, message.authorId)) return { action: 'ignore', reason: 'rate-limited' };
    return { action: 'answer', answer: await this.ask(message.text) };
  }

  /**
   * Whether a user may ask now (slash command, context menu): at most `asksPerUserPerMinute`.
   * Adapters answer a refused ask with a polite private message.
   */
  admitAsk(platform: IncomingMessage['platform'], userId: string): boolean {
    const now = this.now();
    const key = `${platform}:${userId}`;
    const recent = (this.asks.get(key) ?? []).filter((t) => now - t < MINUTE);
    const admitted = recent.length < this.asksPerUserPerMinute;
    if (admitted) recent.push(now);
    this.asks.set(key, recent);
    this.observer?.asked(platform, admitted ? 'answered' : 'rate-limited');
    return admitted;
  }

  /**
   * What every message is checked for first, heard or addressed to the bot: not the bot's own, not
   * another bot's. (Whether it was delivered before is asked of the store only when the bot would speak.)
   */
  private screen(message: IncomingMessage): RoutineIgnore | undefined {
    if (message.authorIsSelf) return 'own-message';
    if (message.authorIsBot) return 'bot-message';
    return undefined;
  }

  private async decide(message: IncomingMessage): Promise<HearOutcome> {
    const screened = this.screen(message);
    if (screened !== undefined) return { action: 'ignore', reason: screened };
    const channelKey = channelKeyOf(message);
    if (message.text.trim().length === 0) return { action: 'ignore', reason: 'empty' };
    const { matches, decision } = await this.judge(message.text);
    if (decision.decision === 'none') {
      // Silent, but perhaps worth a moderator's look: the adapter queues it where a review channel is set.
      const suggestion = this.review?.consider(message.text, matches, decision);
      return {
        action: 'ignore',
        reason: decision.reason,
        ...(decision.match === undefined ? {} : { match: decision.match }),
        ...(suggestion === undefined ? {} : { suggestion }),
      };
    }
    const admitted = await this.guard.admit(deliveryKeyOf(message), channelKey, decision.match.claim.id);
    if (admitted !== 'ok' && admitted !== 'taken-over') return { action: 'ignore', reason: admitted, match: decision.match };
    const reply = replyFor(decision.match.claim, decision.match.score);
    return admitted === 'taken-over' ? { action: 'reply', reply, match: decision.match, resumed: true } : { action: 'reply', reply, match: decision.match };
  }

  /** Answers someone who asked about a text: the top matches and the best one's note. */
  async ask(text: string, limit = 3): Promise<Answer> {
    const matches = await this.knowledge.rank(text, limit);
    const answer: Answer = { text, matches: matches.map(rankedClaim) };
    const [best] = matches;
    if (best !== undefined && best.score >= this.policy.config.answerThreshold) answer.best = replyFor(best.claim, best.score);
    return answer;
  }
}

/** The key of a message's channel in the guard: platform, workspace or server, channel. */
function channelKeyOf(message: IncomingMessage): string {
  return `${message.platform}:${message.teamId ?? ''}:${message.channelId}`;
}

/** The first-sight key of a message: its channel's key and its id. */
function deliveryKeyOf(message: IncomingMessage): string {
  return `${channelKeyOf(message)}:${message.messageId}`;
}
