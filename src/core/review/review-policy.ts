import type { Match } from '../matching/matcher.ts';
import { cleanMessage } from '../matching/normalise.ts';
import { ReplyPolicy, type PassiveDecision } from '../policy.ts';
import { alreadyCorrects } from '../stance.ts';
import type { SuggestedClaim, SuggestionDraft } from './suggestion.ts';

/** How unsure the bot may be and still ask a moderator. */
export interface ReviewPolicyConfig {
  /** Score (same calibrated score as REPLY_THRESHOLD) from which a silent message is suggested for review. */
  reviewThreshold: number;
}

/** Chosen on the chat dev set and CheckThat! train/dev (docs/quality.md, "Review queue"). */
export const DEFAULT_REVIEW: ReviewPolicyConfig = { reviewThreshold: 0.35 };

// Enough for a card to offer the likely claims without becoming a list to read.
const MAX_CANDIDATES = 3;

/**
 * Which unanswered messages are worth a moderator's click (Meedan Check's two thresholds): those
 * the reply policy would have answered with a lower threshold, and those it held back only
 * because two claims were too close. Any other reason for silence (a settled verdict, a message
 * that already corrects the claim, a counter-example) stays silence.
 */
export class ReviewPolicy {
  private readonly lowered: ReplyPolicy;

  constructor(
    private readonly policy: ReplyPolicy,
    readonly config: ReviewPolicyConfig,
  ) {
    this.lowered = new ReplyPolicy({ ...policy.config, replyThreshold: Math.min(config.reviewThreshold, policy.config.replyThreshold) });
  }

  /** The suggestion for a message the reply policy left silent, or undefined when it is not one. */
  consider(text: string, matches: readonly Match[], decision: PassiveDecision): SuggestionDraft | undefined {
    if (decision.decision === 'reply') return undefined;
    if (decision.reason !== 'below-threshold' && decision.reason !== 'ambiguous') return undefined;
    const clean = cleanMessage(text);
    const second = decision.reason === 'ambiguous' ? decision : this.lowered.decide(clean, matches);
    if (second.decision === 'none' && second.reason !== 'ambiguous') return undefined;
    // The policy looks at stance only after the margin: a message that already corrects the claim is no suggestion either.
    if (second.decision === 'none' && alreadyCorrects(clean)) return undefined;
    const best = second.match;
    if (best === undefined) return undefined;
    const reason = second.decision === 'reply' ? 'unsure' : 'ambiguous';
    return { reason, candidates: this.candidates(best, matches, reason), replyThreshold: this.policy.config.replyThreshold };
  }

  /** The best claim, then the runners-up a moderator might mean; for an ambiguous message, the close rival too. */
  private candidates(best: Match, matches: readonly Match[], reason: SuggestionDraft['reason']): SuggestedClaim[] {
    const { minMargin } = this.policy.config;
    const others = matches.filter(
      (m) => m !== best && m.claim.status === 'published' && (m.score >= this.lowered.config.replyThreshold || (reason === 'ambiguous' && best.score - m.score < minMargin)),
    );
    // Closest first, so an ambiguous message's rival is always among those offered.
    others.sort((a, b) => b.score - a.score);
    return [best, ...others].slice(0, MAX_CANDIDATES).map((m) => ({ claimId: m.claim.id, score: m.score }));
  }
}
