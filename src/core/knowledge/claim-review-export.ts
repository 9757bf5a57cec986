import type { Claim } from '../claim.ts';
import { VERDICTS, VERDICT_STYLE } from '../verdict.ts';

export interface ClaimReviewExportOptions {
  /** Who publishes these fact-checks: `ClaimReview.author`. */
  author: { name: string; url?: string };
  /**
   * The page the fact-checks are published on. Each review's `url` is this page with the claim's
   * anchor (`PAGE#claim-id`); without it, a claim's source URL stands in where it has one.
   */
  pageUrl?: string;
  /** Include how people say each claim, as the reviewed claim's `alternateName`s. */
  phrasings?: boolean;
  /** When the feed is written: `DataFeed.dateModified`. */
  now?: Date;
}

type JsonLd = Record<string, unknown>;

const RATING_SCALE = { worstRating: 1, bestRating: 5 } as const;

/**
 * The published claims as a schema.org `DataFeed` of `ClaimReview`s, each in a `DataFeedItem`,
 * as fact-checkers publish their feeds. Retired claims are left out. The review's `@id` is the
 * claim id and `reviewBody` its note, so importing the feed gives back the same claims.
 */
export function claimReviewFeed(claims: readonly Claim[], options: ClaimReviewExportOptions): JsonLd {
  const author: JsonLd = { '@type': 'Organization', name: options.author.name };
  if (options.author.url !== undefined) author['url'] = options.author.url;
  const inForce = claims.filter((claim) => claim.status === 'published');
  return {
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    name: `Fact-checks by ${options.author.name}`,
    dateModified: (options.now ?? new Date()).toISOString(),
    // The rating scale, once: which number each published rating stands for.
    description: `Ratings from ${RATING_SCALE.worstRating} to ${RATING_SCALE.bestRating}: ${ratingScale()}.`,
    dataFeedElement: inForce.map((claim) => ({
      '@type': 'DataFeedItem',
      dateCreated: claim.updated,
      item: [claimReview(claim, author, options)],
    })),
  };
}

function claimReview(claim: Claim, author: JsonLd, options: ClaimReviewExportOptions): JsonLd {
  const style = VERDICT_STYLE[claim.verdict];
  const review: JsonLd = { '@type': 'ClaimReview', '@id': claim.id };
  const url = options.pageUrl === undefined ? claim.source.url : `${options.pageUrl.replace(/#.*$/, '')}#${claim.id}`;
  if (url !== undefined) review['url'] = url;
  review['claimReviewed'] = claim.claim;
  review['reviewRating'] = { '@type': 'Rating', ratingValue: style.ratingValue, ...RATING_SCALE, alternateName: style.claimReviewRating, name: style.label };
  review['reviewBody'] = claim.note;
  review['author'] = author;
  review['datePublished'] = claim.updated;
  const item: JsonLd = { '@type': 'Claim' };
  if (options.phrasings === true && claim.phrasings.length > 0) item['alternateName'] = claim.phrasings;
  review['itemReviewed'] = item;
  review['citation'] = citation(claim);
  if (claim.tags.length > 0) review['keywords'] = claim.tags.join(', ');
  return review;
}

/** The document the note draws on. */
function citation(claim: Claim): JsonLd {
  const { title, publisher, date, url } = claim.source;
  const work: JsonLd = { '@type': 'CreativeWork', name: title };
  if (publisher !== undefined) work['publisher'] = { '@type': 'Organization', name: publisher };
  if (date !== undefined) work['datePublished'] = date;
  if (url !== undefined) work['url'] = url;
  return work;
}

function ratingScale(): string {
  return VERDICTS.map((v) => `${VERDICT_STYLE[v].ratingValue} = ${VERDICT_STYLE[v].claimReviewRating}`).join(', ');
}
