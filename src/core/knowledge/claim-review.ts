import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NOTE_MAX_CHARS, type Claim } from '../claim.ts';
import { verdictFromRating } from '../verdict.ts';
import type { LoadResult } from './claim-files.ts';
import type { KnowledgeProblem } from './problem.ts';

/**
 * Imports schema.org ClaimReview JSON-LD, as fact-checkers publish it: one ClaimReview, an
 * array of them, or a DataFeed whose elements are ClaimReviews or DataFeedItems holding them.
 * The claim id is the review's `@id`, else its `url`; the verdict comes from
 * `reviewRating.alternateName` through `verdictFromRating`.
 */
export function readClaimReviewFile(file: string): LoadResult {
  const shown = path.relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { claims: [], problems: [{ file: shown, message: `is not a readable JSON file (${(error as Error).message})` }] };
  }
  return claimsFromClaimReviews(json, shown);
}

/** Claims from already-parsed ClaimReview JSON-LD; `file` names it in problems. */
export function claimsFromClaimReviews(json: unknown, file: string): LoadResult {
  const reviews = collectReviews(json);
  if (reviews.length === 0) {
    return { claims: [], problems: [{ file, message: 'holds no ClaimReview (expected one, an array, or a DataFeed of them)' }] };
  }
  const claims: Claim[] = [];
  const problems: KnowledgeProblem[] = [];
  const seen = new Set<string>();
  reviews.forEach(({ review, where }) => {
    const result = claimFromReview(review);
    if (typeof result === 'string') {
      problems.push({ file, field: where, message: result });
      return;
    }
    if (seen.has(result.id)) {
      problems.push({ file, field: where, message: `duplicate id "${result.id}": each ClaimReview needs its own @id or url` });
      return;
    }
    seen.add(result.id);
    claims.push(result);
  });
  return problems.length > 0 ? { claims: [], problems } : { claims, problems };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: Json, type: string): boolean {
  const t = value['@type'];
  return t === type || (Array.isArray(t) && t.includes(type));
}

function collectReviews(json: unknown, where = ''): { review: Json; where: string }[] {
  const at = (suffix: string | number) => (where === '' ? String(suffix) : `${where}.${suffix}`);
  if (Array.isArray(json)) return json.flatMap((item, i) => collectReviews(item, at(i)));
  if (!isObject(json)) return [];
  if (hasType(json, 'ClaimReview')) return [{ review: json, where: where === '' ? 'ClaimReview' : where }];
  if (json['dataFeedElement'] !== undefined) return collectReviews(json['dataFeedElement'], at('dataFeedElement'));
  if (json['item'] !== undefined) return collectReviews(json['item'], at('item'));
  if (json['@graph'] !== undefined) return collectReviews(json['@graph'], at('@graph'));
  return [];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  if (isObject(value)) return text(value['name']);
  return undefined;
}

function claimFromReview(review: Json): Claim | string {
  const id = text(review['@id']) ?? text(review['url']);
  if (id === undefined) return 'has neither @id nor url: add one so the claim can be named';
  const claimText = text(review['claimReviewed']);
  if (claimText === undefined) return `"${id}": claimReviewed is missing or empty`;
  const rating = isObject(review['reviewRating']) ? review['reviewRating'] : undefined;
  const ratingName = rating === undefined ? undefined : text(rating['alternateName']) ?? text(rating['name']);
  if (ratingName === undefined) return `"${id}": reviewRating.alternateName is missing`;
  const verdict = verdictFromRating(ratingName);
  if (verdict === undefined) {
    return `"${id}": reviewRating.alternateName "${ratingName}" is not a known rating; use one of False, Misleading, Unproven, Unsupported, True (see docs/knowledge.md)`;
  }
  const url = text(review['url']);
  const author = text(review['author']);
  const date = text(review['datePublished'])?.slice(0, 10);
  const title = text(review['name']) ?? text(review['headline']);
  // Every short text a feed carries about the claim is searched with it: fact-checkers put their
  // headline and subtitle in different fields, and a subtitle often words the claim the way
  // people repeat it. `reviewBody` is the note, not searched.
  const searched = [...new Set(['headline', 'name', 'alternativeHeadline', 'description'].map((field) => text(review[field])))].filter(
    (t): t is string => t !== undefined && t !== claimText,
  );
  const searchedTitle = searched.length === 0 ? undefined : searched.join('\n');
  const body = text(review['reviewBody']) ?? text(review['description']);
  const fallback = `${author ?? 'A fact-checker'} rated this claim "${ratingName}".${url === undefined ? '' : ` Read the fact-check: ${url}`}`;
  const note = body === undefined ? fallback : body.length > NOTE_MAX_CHARS ? `${body.slice(0, NOTE_MAX_CHARS - 1)}…` : body;
  const claim: Claim = {
    id,
    claim: claimText,
    verdict,
    note,
    evidence: [],
    source: { title: title ?? author ?? 'ClaimReview', ...(date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}), ...(url !== undefined ? { url } : {}) },
    phrasings: [],
    counterExamples: [],
    tags: [],
    status: 'published',
    updated: date ?? '1970-01-01',
  };
  if (searchedTitle !== undefined) claim.title = searchedTitle;
  return claim;
}
