import { CORRECTABLE_VERDICTS } from './verdict.ts';
import type { Match } from './matching/matcher.ts';
import { alreadyCorrects, claimWording, type ClaimWording } from './stance.ts';
import type { Claim } from './claim.ts';

export interface ReplyPolicyConfig {
  /** Score the best claim needs before the passive listener speaks. */
  replyThreshold: number;
  /** How far the best claim must lead a runner-up that would give a different answer. */
  minMargin: number;
  /** Score under which `/factcheck` says that no known claim matches. */
  answerThreshold: number;
  /**
   * Share of the names central to a claim that a message must mention before the listener
   * speaks unprompted: "Trump released a video on tariffs" is not about Khan.
   */
  minNameCoverage: number;
}

export const DEFAULT_POLICY: ReplyPolicyConfig = { replyThreshold: 0.5, minMargin: 0.08, answerThreshold: 0.45, minNameCoverage: 0.4 };

/** Why the passive listener stays silent. */
export type SilenceReason =
  | 'no-match'
  | 'below-threshold'
  | 'ambiguous'
  | 'settled-verdict'
  | 'already-corrected'
  | 'counter-example'
  | 'off-topic'
  | 'retired';

export type PassiveDecision = { decision: 'reply'; match: Match } | { decision: 'none'; reason: SilenceReason; match?: Match };

/**
 * When a listener that nobody addressed may speak: only when sure, and only about a claim whose
 * verdict is worth a correction. Off-topic replies get bots removed from groups.
 */
export class ReplyPolicy {
  // Claims are replaced, not edited, when a moderator changes one: the object is the cache key.
  private readonly wordings = new WeakMap<Claim, ClaimWording>();

  constructor(readonly config: ReplyPolicyConfig = DEFAULT_POLICY) {}

  /** What the claim says of itself: its claim text, headline and phrasings. */
  private wordingOf(claim: Claim): ClaimWording {
    let wording = this.wordings.get(claim);
    if (wording === undefined) this.wordings.set(claim, (wording = claimWording([claim.claim, ...(claim.title === undefined ? [] : [claim.title]), ...claim.phrasings])));
    return wording;
  }

  decide(cleanText: string, matches: readonly Match[]): PassiveDecision {
    // A claim the message is not about (it names someone the claim never mentions beside its
    // subject) does not stand in for one it is about: "Washington organised the no-confidence
    // motion" is about the conspiracy claim, not the accurate one about the vote.
    const about = (m: Match) => m.nameCoverage >= this.config.minNameCoverage;
    const best = matches.find((m) => m.score >= this.config.replyThreshold && about(m)) ?? matches[0];
    if (best === undefined) return { decision: 'none', reason: 'no-match' };
    if (best.score < this.config.replyThreshold) return { decision: 'none', reason: 'below-threshold', match: best };
    if (best.claim.status !== 'published') return { decision: 'none', reason: 'retired', match: best };
    if (!CORRECTABLE_VERDICTS.has(best.claim.verdict)) return { decision: 'none', reason: 'settled-verdict', match: best };
    if (best.counterScore > best.similarity) return { decision: 'none', reason: 'counter-example', match: best };
    if (!about(best)) return { decision: 'none', reason: 'off-topic', match: best };
    // A runner-up with the same kind of answer (another correction) is no reason for doubt;
    // one whose verdict says the message may be right is.
    const rival = matches.find((m) => m !== best && !CORRECTABLE_VERDICTS.has(m.claim.verdict) && about(m));
    if (rival !== undefined && best.score - rival.score < this.config.minMargin) {
      return { decision: 'none', reason: 'ambiguous', match: best };
    }
    if (alreadyCorrects(cleanText, this.wordingOf(best.claim))) return { decision: 'none', reason: 'already-corrected', match: best };
    return { decision: 'reply', match: best };
  }
}
