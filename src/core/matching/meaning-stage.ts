import { readsAsEnglish } from './english.ts';
import { cosine } from './cosine.ts';
import { IN_DOUBT, LEAD_FLOOR, MEANING_FEATURE_COUNT, MEANING_WEIGHTS, OFF_PREDICATE_CAP, PREDICATE_COSINE, RESCORED, logit, probability } from './match-score.ts';
import { counterDiscount, type Match, type WordRanking } from './matcher.ts';
import type { SentenceVectorSource } from './sentence-vectors.ts';

// Two or fewer words of substance ("good morning everyone") carry too little for a sentence vector to weigh.
const MIN_TERMS = 3;

/** What the second stage measured of one claim it re-scored (see `MEANING_FEATURE_NAMES`). */
export interface MeaningCandidate {
  match: Match;
  features: number[];
  /** The most the second stage may make of the claim (`OFF_PREDICATE_CAP` when the message says nothing of its predicate). */
  ceiling: number;
}

/**
 * The second stage: for an English message whose best claim its words leave in doubt, what the
 * sentence vectors say of the message and each of its best claims re-scores them (a second
 * logistic model over the first stage's log-odds and the cosines). Everything else, and every
 * message whose vectors cannot be had in time, keeps the words-alone ranking.
 */
export class MeaningStage {
  constructor(
    private readonly vectors: SentenceVectorSource,
    private readonly weights: readonly number[] = MEANING_WEIGHTS,
  ) {}

  /**
   * Whether a message goes to the sentence encoder: English, three terms of substance, its best
   * claim neither sure nor hopeless by its words, and either near the reply threshold or sharing a
   * word with one of its best claims that is not among the commonest English words (small talk that
   * shares "day" or "good" with a claim stays with the words).
   */
  inDoubt(ranking: WordRanking): boolean {
    const best = ranking.matches[0]?.score ?? 0;
    if (best < IN_DOUBT.low || best > IN_DOUBT.high || ranking.terms < MIN_TERMS) return false;
    if (!readsAsEnglish(ranking.clean)) return false;
    return best >= IN_DOUBT.near || ranking.sharesRareWord();
  }

  /** The ranking's best `limit` claims, re-scored by meaning when the message is in doubt. */
  async rank(ranking: WordRanking, limit: number): Promise<Match[]> {
    const rescored = this.inDoubt(ranking) ? await this.candidates(ranking) : undefined;
    if (rescored === undefined) return ranking.matches.slice(0, limit);
    for (const { match, features, ceiling } of rescored) match.score = Math.min(ceiling, probability(logit(features, this.weights))) * counterDiscount(match.counterScore, match.similarity);
    return [...ranking.matches].sort((a, b) => b.score - a.score || a.claim.id.localeCompare(b.claim.id)).slice(0, limit);
  }

  /**
   * The second stage's features of the ranking's best claims, or undefined when the vectors could
   * not be had in time: per claim, its claim text and the text that matched best.
   */
  async candidates(ranking: WordRanking): Promise<MeaningCandidate[] | undefined> {
    const best = ranking.matches.slice(0, RESCORED);
    const unsaid = best.flatMap((match) => {
      const predicate = ranking.unsaidPredicate(match);
      return predicate === undefined ? [] : [{ match, predicate }];
    });
    const texts = [...best.flatMap((m) => [m.claim.claim, m.matchedText]), ...unsaid.map((u) => u.predicate)];
    const vectors = await this.vectors.vectorsOf(ranking.clean, texts);
    if (vectors === undefined) return undefined;
    const { message, kept } = vectors;
    // A claim whose predicate the message says in none of its words may rise above the cap only
    // when the message says it in others.
    const ceilings = new Map<Match, number>();
    unsaid.forEach(({ match }, i) => {
      if (cosine(message, kept[2 * best.length + i] as Float32Array) < PREDICATE_COSINE) ceilings.set(match, OFF_PREDICATE_CAP);
    });
    const measured = best.map((match, i) => {
      const claimCosine = cosine(message, kept[2 * i] as Float32Array);
      const p = Math.min(1 - 1e-9, Math.max(1e-9, match.score));
      return { match, logOdds: Math.log(p / (1 - p)), best: Math.max(claimCosine, cosine(message, kept[2 * i + 1] as Float32Array)), claim: claimCosine };
    });
    return measured.map((m, i) => {
      const other = Math.max(LEAD_FLOOR, ...measured.filter((_, j) => j !== i).map((o) => o.best));
      const features = [m.logOdds, m.best, m.claim, m.best - other, 1 / (i + 1), 1];
      return { match: m.match, features: features.slice(0, MEANING_FEATURE_COUNT), ceiling: ceilings.get(m.match) ?? 1 };
    });
  }
}
