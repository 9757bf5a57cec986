import { KnowledgeBase } from './knowledge-base.ts';
import type { Match } from './matching/matcher.ts';
import { cleanMessage } from './matching/normalise.ts';
import type { Answer, FactCheckReply, IncomingMessage } from './message.ts';
import { DEFAULT_POLICY, ReplyPolicy, type PassiveDecision, type ReplyPolicyConfig, type SilenceReason } from './policy.ts';
import { rankedClaim, replyFor } from './reply.ts';
import { DEFAULT_GUARD, ReplyGuard, type GuardVerdict, type ReplyGuardConfig } from './reply-guard.ts';

export type IgnoreReason = 'own-message' | 'bot-message' | 'empty' | SilenceReason | Exclude<GuardVerdict, 'ok'>;

/** What the passive listener does with one message. */
export type HearOutcome =
  | { action: 'reply'; reply: FactCheckReply; match: Match }
  | { action: 'ignore'; reason: IgnoreReason; match?: Match };

export interface FactCheckerOptions {
  policy?: ReplyPolicyConfig;
  guard?: ReplyGuardConfig;
  now?: () => number;
}

/**
 * The claim core as adapters see it: `hear` for every channel message (Hubot's "hear"),
 * `ask` for someone who asked (slash command, context menu).
 */
export class FactChecker {
  readonly policy: ReplyPolicy;
  readonly guard: ReplyGuard;

  constructor(
    readonly knowledge: KnowledgeBase,
    options: FactCheckerOptions = {},
  ) {
    this.policy = new ReplyPolicy(options.policy ?? DEFAULT_POLICY);
    this.guard = new ReplyGuard(options.guard ?? DEFAULT_GUARD, options.now);
  }

  /** The passive decision for a text alone, without cooldowns or caps (what `factcheck check` prints). */
  judge(text: string, limit = 5): { matches: Match[]; decision: PassiveDecision } {
    const matches = this.knowledge.rank(text, limit);
    return { matches, decision: this.policy.decide(cleanMessage(text), matches) };
  }

  /** Decides whether to answer a channel message nobody addressed to the bot. */
  hear(message: IncomingMessage): HearOutcome {
    if (message.authorIsSelf) return { action: 'ignore', reason: 'own-message' };
    if (message.authorIsBot) return { action: 'ignore', reason: 'bot-message' };
    const channelKey = `${message.platform}:${message.teamId ?? ''}:${message.channelId}`;
    if (!this.guard.firstSight(`${channelKey}:${message.messageId}`)) return { action: 'ignore', reason: 'duplicate' };
    if (message.text.trim().length === 0) return { action: 'ignore', reason: 'empty' };
    const { decision } = this.judge(message.text);
    if (decision.decision === 'none') {
      return decision.match === undefined ? { action: 'ignore', reason: decision.reason } : { action: 'ignore', reason: decision.reason, match: decision.match };
    }
    const admitted = this.guard.admit(channelKey, decision.match.claim.id);
    if (admitted !== 'ok') return { action: 'ignore', reason: admitted, match: decision.match };
    return { action: 'reply', reply: replyFor(decision.match.claim, decision.match.score), match: decision.match };
  }

  /** Answers someone who asked about a text: the top matches and the best one's note. */
  ask(text: string, limit = 3): Answer {
    const matches = this.knowledge.rank(text, limit);
    const answer: Answer = { text, matches: matches.map(rankedClaim) };
    const [best] = matches;
    if (best !== undefined && best.score >= this.policy.config.answerThreshold) answer.best = replyFor(best.claim, best.score);
    return answer;
  }
}
