import type { Claim } from '../core/claim.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import type { ClaimMatcher } from '../core/matching/matcher.ts';
import { cleanMessage, words } from '../core/matching/normalise.ts';
import { termOf } from '../core/matching/terms.ts';

/** One claim retrieved for one message: its score features, and whether it is the message's claim. */
export interface ScoredPair {
  features: ArrayLike<number>;
  /** 1 when the message states or asks about the claim. */
  label: 0 | 1;
  /** How much the pair counts in the fit. */
  weight: number;
}

/** Every claim the matcher retrieves for each message, labelled by the message's own claims. */
export function pairsOf(matcher: ClaimMatcher, messages: readonly { text: string; claims: readonly string[] }[], weight = 1): ScoredPair[] {
  const pairs: ScoredPair[] = [];
  for (const { text, claims } of messages) {
    for (const candidate of matcher.candidates(text)) {
      pairs.push({ features: candidate.features, label: claims.includes(candidate.match.claim.id) ? 1 : 0, weight });
    }
  }
  return pairs;
}

/** The claims the second stage re-scores for each message it reaches, with its features, labelled likewise. */
export async function meaningPairsOf(kb: KnowledgeBase, messages: readonly { text: string; claims: readonly string[] }[], weight = 1): Promise<ScoredPair[]> {
  const pairs: ScoredPair[] = [];
  const stage = kb.meaning;
  if (stage === undefined) return pairs;
  for (const { text, claims } of messages) {
    const ranking = kb.rankWords(text);
    if (!stage.inDoubt(ranking)) continue;
    for (const { match, features } of (await stage.candidates(ranking)) ?? []) pairs.push({ features, label: claims.includes(match.claim.id) ? 1 : 0, weight });
  }
  return pairs;
}

/**
 * Weighted logistic regression (the last feature is the bias), features standardised while
 * fitting and folded back: full-batch gradient ascent with a little L2 shrinkage, deterministic,
 * so committed weights can be reproduced.
 */
export function fitLogistic(pairs: readonly ScoredPair[], iterations = 3000, shrink = 1e-3): number[] {
  const size = pairs[0]?.features.length ?? 0;
  const total = pairs.reduce((sum, p) => sum + p.weight, 0);
  const mean = new Array<number>(size).fill(0);
  const spread = new Array<number>(size).fill(1);
  for (let i = 0; i < size - 1; i++) {
    mean[i] = pairs.reduce((sum, p) => sum + p.weight * (p.features[i] as number), 0) / total;
    spread[i] = Math.sqrt(pairs.reduce((sum, p) => sum + p.weight * ((p.features[i] as number) - (mean[i] as number)) ** 2, 0) / total) || 1;
  }
  const rows = pairs.map((p) => ({ y: p.label, w: p.weight, x: Float64Array.from({ length: size }, (_, i) => (i === size - 1 ? 1 : ((p.features[i] as number) - (mean[i] as number)) / (spread[i] as number))) }));
  let w = new Array<number>(size).fill(0);
  const gradient = new Float64Array(size);
  for (let it = 0; it < iterations; it++) {
    gradient.fill(0);
    for (const { x, y, w: weight } of rows) {
      let z = 0;
      for (let i = 0; i < size; i++) z += (x[i] as number) * (w[i] as number);
      const error = weight * (y - 1 / (1 + Math.exp(-z)));
      for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + error * (x[i] as number);
    }
    w = w.map((v, i) => v + (0.5 * (gradient[i] as number)) / total - (i === size - 1 ? 0 : shrink * v));
  }
  // Back to raw features: w_i (x_i - m_i) / s_i = (w_i / s_i) x_i - w_i m_i / s_i.
  const raw = w.map((v, i) => (i === size - 1 ? v : v / (spread[i] as number)));
  raw[size - 1] = (raw[size - 1] as number) - w.slice(0, size - 1).reduce((sum, v, i) => sum + (v * (mean[i] as number)) / (spread[i] as number), 0);
  return raw;
}

/**
 * A claim as a moderator adds one from the shell: its claim text and its first phrasing, no
 * counter-examples (the leave-phrasings-out setting).
 */
export function withOnePhrasing(claim: Claim): Claim {
  return { ...claim, phrasings: claim.phrasings.slice(0, 1), counterExamples: [] };
}

/**
 * Every word of substance of some texts, once each, as a message of its own that states no claim:
 * "video", "rihai", "impeached" said alone ask or say nothing of a claim that uses them, and chat
 * and tweets hold too few one-word messages to teach the score so.
 */
export function loneWords(texts: readonly string[]): { text: string; claims: string[] }[] {
  const seen = new Set<string>();
  const out: { text: string; claims: string[] }[] = [];
  for (const text of texts) {
    for (const word of words(cleanMessage(text))) {
      const term = termOf(word);
      if (term === null || word.length < 3 || seen.has(term)) continue;
      seen.add(term);
      out.push({ text: word, claims: [] });
    }
  }
  return out;
}
