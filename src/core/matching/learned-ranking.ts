/**
 * The learned part of ranking for knowledge bases whose claims have no phrasings (imported
 * fact-checks): a linear key over ranking features and a calibrated no-match score.
 */

/**
 * Ranking features of one claim for one message: BM25 relative to the best, log raw BM25,
 * similarity, precision and recall on the whole message, best relative BM25 and similarity over its
 * sentences, core factor, reciprocal BM25 rank, calibrated score.
 */
export type RankingFeatures = [number, number, number, number, number, number, number, number, number, number];

/**
 * Weights of the ranking features, fitted by a pairwise logistic regression on CheckThat! train
 * (`npx tsx scripts/eval-checkthat.ts --fit`).
 */
export const RANKING_WEIGHTS: RankingFeatures = [3.038, 0.336, 2.784, 4.618, 1.771, 0.984, 1.977, -2.722, 1.556, 2.934];

/**
 * Weights of `calibrationFeatures` whose logistic is `Match.score` under the learned ranking, fitted
 * on CheckThat! train with the gold of every other tweet removed (the hold-out's no-match setting,
 * classes weighted 1:1), the bias shifted so that a score of 0.32 (the default reply threshold)
 * falls where train precision reaches 0.9 (`npx tsx scripts/eval-checkthat.ts --fit`).
 */
export const CALIBRATION_WEIGHTS: readonly number[] = [0.072, 0.667, 1.351, 1.900, -3.017, 2.853, 4.147, -0.768, -13.545];

/** The learned ranking key of a claim's features. */
export function rankingKey(features: ArrayLike<number>, weights: ArrayLike<number> = RANKING_WEIGHTS): number {
  let key = 0;
  for (let i = 0; i < features.length; i++) key += (features[i] as number) * (weights[i] as number);
  return key;
}

/**
 * What the reply decision sees of a ranked claim: its key, its lead over the best other claim
 * (negative when another leads), its similarity, precision, recall, log BM25, score, sentence
 * similarity; then 1 for the bias.
 */
export function calibrationFeatures(features: RankingFeatures, key: number, bestOther: number): number[] {
  return [key, key - bestOther, features[2], features[3], features[4], features[1], features[9], features[6], 1];
}
