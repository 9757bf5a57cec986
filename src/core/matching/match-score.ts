/**
 * The one score of a claim for a message: a logistic model over what the matcher measured of the
 * pair, read as the probability that the message states or asks about the claim. The same model
 * ranks the claims, so a ranked list is always in the order of the scores it shows.
 */

/**
 * What the matcher measured of one claim for one message (see `ClaimMatcher.featuresOf`):
 * similarity, precision and recall of its best text on the whole message; best similarity over
 * the message's sentences; core factor; exactness-adjusted similarity; log raw BM25; BM25
 * relative to the best claim's, on the whole message and its sentences; reciprocal BM25 rank;
 * the reply gate's name coverage (`Match.nameCoverage`: whom the message names); best
 * text's similarity times BM25 share relative to the best claim's; the share of what the best
 * text says beside its names that the message says too (`contentRecall`); how much
 * the message says (its distinct terms, up to four, as a share of four); then 1 for the bias.
 */
export const FEATURE_NAMES = [
  'similarity',
  'precision',
  'recall',
  'sentenceSimilarity',
  'core',
  'exactness',
  'logBm25',
  'relativeBm25',
  'sentenceRelativeBm25',
  'reciprocalRank',
  'nameCoverage',
  'relativeKey',
  'contentRecall',
  'substance',
  'bias',
] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;
export type ScoreFeatures = Float64Array | number[];

/**
 * Fitted by `npx tsx scripts/eval-checkthat.ts --fit` on data where claims have few or no
 * phrasings: CheckThat! train with the gold of every other tweet withheld, and chat dev against
 * the shipped claims cut to their claim text and one phrasing.
 */
export const SCORE_WEIGHTS: readonly number[] = [1.685, 1.107, 0.876, 1.005, -0.097, 1.854, -0.025, 0.284, 0.233, 2.431, 0.231, 3.187, 1.372, 4.901, -14.400];

/** The log-odds of a claim's features. */
export function logit(features: ArrayLike<number>, weights: ArrayLike<number> = SCORE_WEIGHTS): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += (features[i] as number) * (weights[i] as number);
  return z;
}

/** The probability a logit stands for. */
export function probability(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * The second stage, for messages the words leave in doubt: the first stage's log-odds, the best
 * cosine between the message's sentence vector and the claim's texts (its claim text and the text
 * that matched best), the cosine with the claim text itself, the lead of the best cosine over the
 * best other claim's (at least `LEAD_FLOOR`), the reciprocal of its first-stage rank, then 1 for the bias.
 */
export const MEANING_FEATURE_NAMES = ['lexicalLogit', 'cosine', 'claimCosine', 'cosineLead', 'lexicalRank', 'bias'] as const;
export const MEANING_FEATURE_COUNT = MEANING_FEATURE_NAMES.length;

/** Fitted under `SCORE_WEIGHTS` on the same data, on the messages that reach the second stage (`--fit --meaning-under-shipped`). */
export const MEANING_WEIGHTS: readonly number[] = [0.490, 1.319, 1.241, 8.116, 1.430, -3.243];

/**
 * The cosine a claim on the message's topic but not its claim reaches (a quarter of CheckThat!
 * train tweets in doubt have their best rival to the right claim under it, half over 0.56): the
 * lead of a claim's cosine is taken over the best other claim's or this, whichever is higher. A
 * claim alone on its topic in the knowledge base ("COVID-19 vaccines contain microchips ...") then
 * gets no lead for being alone: "the vaccine is safe, get your shot" is on its topic, not its claim.
 */
export const LEAD_FLOOR = 0.5;

/**
 * First-stage probabilities of the best claim between which a message may reach the second stage
 * (`low`, `high`), and above which (`near`) it does without sharing a rare word with a claim.
 * `high` is the default reply threshold: the second stage finds what the words miss and never
 * marks down what they found (marking down cost chat dev one-phrasing recall 89.4% -> 83.0%,
 * slang such as "IK" being a stranger to an English encoder).
 */
export const IN_DOUBT: { low: number; near: number; high: number } = { low: 0.02, near: 0.3, high: 0.5 };

/** How many of the best claims the second stage re-scores. */
export const RESCORED = 10;

/**
 * The most a claim may score when the message says none of the words its texts use beside its
 * subject (see `splitClaim`): under the reply threshold, and the answer (0.45) and review (0.35)
 * ones too, so a message on the claim's topic is neither answered with its note on `/factcheck`
 * nor put to moderators (on CheckThat! train and dev, 0.45 put 9 more tweets to them, none of
 * them right). It is `IN_DOUBT.near`, so the second stage still decides, and lets the claim rise
 * above only when the message's cosine with its predicate reaches `PREDICATE_COSINE`.
 * "5g towers lower the price of your house" has "5G mobile towers spread the coronavirus.", added
 * with the phrasing "5g towers are causing covid", at 0.63 by its words and 0.79 by the sentence
 * vectors, which weigh topic; its cosine with "spread the coronavirus" is 0.11.
 */
export const OFF_PREDICATE_CAP = 0.3;

/**
 * The cosine between a message and a claim's predicate (see `splitClaim`) over which the message
 * says it in other words: "the apollo landing was shot on a soundstage" reaches 0.43 with "was
 * faked in a film studio"; "5g towers lower the price of your house" 0.11 with "spread the coronavirus".
 */
export const PREDICATE_COSINE = 0.4;
