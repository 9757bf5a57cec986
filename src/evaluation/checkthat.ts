import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { readJsonLines } from './json-lines.ts';
import type { Claim } from '../core/claim.ts';
import type { FactChecker } from '../core/fact-checker.ts';
import type { KnowledgeBase } from '../core/knowledge-base.ts';
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
export async function scoreRanking(kb: KnowledgeBase, queries: readonly { text: string; gold: readonly string[] }[], depth = 20): Promise<RankingScores> {
  let map = 0;
  let mrr = 0;
  let recall = 0;
  for (const query of queries) {
    const ranked = (await kb.rank(query.text, depth)).map((m) => m.claim.id);
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
export async function scoreReplies(checker: FactChecker, queries: readonly CheckThatQuery[]): Promise<ReplyScores> {
  let replies = 0;
  let correct = 0;
  let withGold = 0;
  let silent = 0;
  for (const query of queries) {
    const { decision } = await checker.judge(query.text);
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
