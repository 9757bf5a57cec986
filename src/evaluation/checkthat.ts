import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { readJsonLines } from './json-lines.ts';
import type { Claim } from '../core/claim.ts';
import type { FactChecker } from '../core/fact-checker.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { type Candidate } from '../core/matching/matcher.ts';
import { calibrationFeatures, rankingKey } from '../core/matching/learned-ranking.ts';
import { claimsFromClaimReviews } from '../core/knowledge/claim-review.ts';

/**
 * CLEF CheckThat! 2022 Task 2A (English) as an evaluation of the claim matcher: the Snopes
 * fact-checks are imported through the same ClaimReview path as `factcheck check --knowledge`.
 */

const KbRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  title: z.string().default(''),
  subtitle: z.string().optional(),
  date: z.string().optional(),
  author: z.string().optional(),
  page_url: z.string().optional(),
});
export type KbRow = z.infer<typeof KbRowSchema>;

const QuerySchema = z.object({
  id: z.string(),
  text: z.string(),
  gold: z.array(z.string()),
  removed_gold: z.array(z.string()).optional(),
});
export type CheckThatQuery = z.infer<typeof QuerySchema>;

export const readKb = (file: string): KbRow[] => readJsonLines(file, KbRowSchema);
export const readQueries = (file: string): CheckThatQuery[] => readJsonLines(file, QuerySchema);

/**
 * One kb row as a schema.org ClaimReview. The kb carries no ratings, so every review is rated
 * "False": the passive listener then may speak about any of them, which is what the hold-out
 * no-match test needs.
 */
export function claimReviewOf(row: KbRow): Record<string, unknown> {
  const review: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    '@id': row.id,
    claimReviewed: row.text,
    author: { '@type': 'Organization', name: 'Snopes' },
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
  };
  if (row.title.trim().length > 0) review['name'] = row.title;
  // Most feeds carry a fact-checker's subtitle in `description`.
  if (row.subtitle !== undefined && row.subtitle.trim().length > 0) review['description'] = row.subtitle;
  if (row.page_url !== undefined && row.page_url.trim().length > 0) review['url'] = row.page_url;
  return review;
}

/** The kb's claims through the ClaimReview importer; throws with the first problem if any. */
export function claimsOfKb(rows: readonly KbRow[], file: string): Claim[] {
  const { claims, problems } = claimsFromClaimReviews(rows.map(claimReviewOf), file);
  if (problems.length > 0) {
    const [first] = problems;
    throw new Error(`${problems.length} kb rows could not be imported; first: ${first?.file} ${first?.field ?? ''} ${first?.message ?? ''}`);
  }
  return claims;
}

/** Reads a claim-edits file: a header then `query_id<sep>query`, tab or comma separated, fields may be quoted. */
export function readEdits(file: string): { id: string; text: string }[] {
  const text = readFileSync(file, 'utf8');
  const firstLine = text.slice(0, text.indexOf('\n'));
  const sep = firstLine.includes('\t') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field.length > 0 || row.length > 0) rows.push([...row, field]);
  return rows
    .slice(1)
    .filter((r) => r.length >= 2 && (r[0] as string).length > 0)
    .map((r) => ({ id: r[0] as string, text: r.slice(1).join(sep) }));
}

export interface RankingScores {
  queries: number;
  map5: number;
  mrr: number;
  recall5: number;
}

/** MAP@5, MRR (over the full returned list) and recall@5 of the ranking for each query. */
export function scoreRanking(kb: KnowledgeBase, queries: readonly { text: string; gold: readonly string[] }[], depth = 20): RankingScores {
  let map = 0;
  let mrr = 0;
  let recall = 0;
  for (const query of queries) {
    const ranked = kb.rank(query.text, depth).map((m) => m.claim.id);
    const gold = new Set(query.gold);
    let hits = 0;
    let precisionSum = 0;
    ranked.slice(0, 5).forEach((id, i) => {
      if (!gold.has(id)) return;
      hits++;
      precisionSum += hits / (i + 1);
    });
    map += gold.size === 0 ? 0 : precisionSum / Math.min(gold.size, 5);
    recall += gold.size === 0 ? 0 : hits / gold.size;
    const first = ranked.findIndex((id) => gold.has(id));
    mrr += first < 0 ? 0 : 1 / (first + 1);
  }
  const n = Math.max(1, queries.length);
  return { queries: queries.length, map5: map / n, mrr: mrr / n, recall5: recall / n };
}

export interface ReplyScores {
  queries: number;
  withGold: number;
  replies: number;
  correctReplies: number;
  /** Correct replies over replies (1 when it never replied). */
  precision: number;
  /** Correct replies over tweets that have a gold claim in the knowledge base. */
  recall: number;
  /** Tweets without gold that got silence. */
  silentOnNoMatch: number;
}

/** Passive replies (FactChecker.judge) on hold-out tweets: a reply is right only with a gold claim. */
export function scoreReplies(checker: FactChecker, queries: readonly CheckThatQuery[]): ReplyScores {
  let replies = 0;
  let correct = 0;
  let withGold = 0;
  let silent = 0;
  for (const query of queries) {
    const { decision } = checker.judge(query.text);
    const gold = new Set(query.gold);
    if (gold.size > 0) withGold++;
    if (decision.decision === 'reply') {
      replies++;
      if (gold.has(decision.match.claim.id)) correct++;
    } else if (gold.size === 0) silent++;
  }
  return {
    queries: queries.length,
    withGold,
    replies,
    correctReplies: correct,
    precision: replies === 0 ? 1 : correct / replies,
    recall: withGold === 0 ? 1 : correct / withGold,
    silentOnNoMatch: silent,
  };
}

/**
 * Pairwise logistic regression of the matcher's ranking features: for every tweet, each gold
 * candidate should outscore each other candidate. Full-batch gradient ascent with a little L2
 * shrinkage; deterministic, so the committed weights can be reproduced.
 */
export function fitRankingWeights(examples: readonly { candidates: readonly Candidate[]; gold: readonly string[] }[], iterations = 600): number[] {
  const pairs: number[][] = [];
  for (const { candidates, gold } of examples) {
    const golds = candidates.filter((c) => gold.includes(c.match.claim.id));
    for (const g of golds) {
      for (const c of candidates) if (!gold.includes(c.match.claim.id)) pairs.push(g.features.map((v, i) => v - (c.features[i] as number)));
    }
  }
  const size = pairs[0]?.length ?? 0;
  let weights = new Array<number>(size).fill(0);
  const rate = 20;
  const shrink = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(size).fill(0);
    for (const d of pairs) {
      let z = 0;
      for (let i = 0; i < size; i++) z += (d[i] as number) * (weights[i] as number);
      const miss = 1 / (1 + Math.exp(z));
      for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + miss * (d[i] as number);
    }
    weights = weights.map((w, i) => w + (rate * (gradient[i] as number)) / Math.max(1, pairs.length) - shrink * w);
  }
  return weights;
}

/** One tweet's candidates and the gold claims still in the knowledge base it was ranked against. */
export interface RankedExample {
  candidates: readonly Candidate[];
  gold: readonly string[];
}

/**
 * Logistic regression of "the top claim is the gold one" on `calibrationFeatures`, classes weighted
 * 1:1 (the hold-out has about as many tweets without gold as with), features standardised while
 * fitting and folded back. The bias is then shifted so that `threshold` sits where the fitted
 * examples reach `precision`. Returns raw-scale weights, bias last.
 */
export function fitCalibration(examples: readonly RankedExample[], rankingWeights: readonly number[], threshold = 0.32, precision = 0.9): number[] {
  const rows: { x: number[]; y: number }[] = [];
  for (const { candidates, gold } of examples) {
    const keyed = candidates.map((c) => ({ c, key: rankingKey(c.features, rankingWeights) * c.discount })).sort((a, b) => b.key - a.key);
    const [top, second] = keyed;
    if (top === undefined) continue;
    rows.push({ x: calibrationFeatures(top.c.features, top.key, second?.key ?? 0), y: gold.includes(top.c.match.claim.id) ? 1 : 0 });
  }
  const size = rows[0]?.x.length ?? 0;
  const mean = new Array<number>(size).fill(0);
  const spread = new Array<number>(size).fill(1);
  for (let i = 0; i < size - 1; i++) {
    mean[i] = rows.reduce((s, r) => s + (r.x[i] as number), 0) / rows.length;
    spread[i] = Math.sqrt(rows.reduce((s, r) => s + ((r.x[i] as number) - (mean[i] as number)) ** 2, 0) / rows.length) || 1;
  }
  const standard = rows.map((r) => ({ y: r.y, x: r.x.map((v, i) => (v - (mean[i] as number)) / (spread[i] as number)) }));
  const positives = rows.filter((r) => r.y === 1).length;
  const classWeight = (y: number) => rows.length / (2 * Math.max(1, y === 1 ? positives : rows.length - positives));
  let w = new Array<number>(size).fill(0);
  for (let it = 0; it < 3000; it++) {
    const gradient = new Array<number>(size).fill(0);
    for (const { x, y } of standard) {
      const z = x.reduce((s, v, i) => s + v * (w[i] as number), 0);
      const error = classWeight(y) * (y - 1 / (1 + Math.exp(-z)));
      for (let i = 0; i < size; i++) gradient[i] = (gradient[i] as number) + error * (x[i] as number);
    }
    w = w.map((v, i) => v + (0.5 * (gradient[i] as number)) / standard.length - 1e-3 * v);
  }
  // Back to raw features: w_i (x_i - m_i) / s_i = (w_i / s_i) x_i - w_i m_i / s_i.
  const raw = w.map((v, i) => (i === size - 1 ? v : v / (spread[i] as number)));
  raw[size - 1] = (raw[size - 1] as number) - w.slice(0, size - 1).reduce((s, v, i) => s + (v * (mean[i] as number)) / (spread[i] as number), 0);
  // The lowest logit at which the weighted precision of the examples above it is still `precision`.
  const logits = rows.map((r) => ({ z: rankingKey(r.x, raw), y: r.y })).sort((a, b) => b.z - a.z);
  let cut = logits[0]?.z ?? 0;
  let right = 0;
  let wrong = 0;
  for (const { z, y } of logits) {
    if (y === 1) right += classWeight(1);
    else wrong += classWeight(0);
    if (right / (right + wrong) >= precision) cut = z;
  }
  raw[size - 1] = (raw[size - 1] as number) - cut + Math.log(threshold / (1 - threshold));
  return raw;
}
