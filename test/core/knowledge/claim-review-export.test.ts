import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim.ts';
import { claimReviewFeed } from '../../../src/core/knowledge/claim-review-export.ts';
import { claimsFromClaimReviews } from '../../../src/core/knowledge/claim-review.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const shipped = loadKnowledge([path.join(repo, 'knowledge')]);
const retired: Claim = { ...(shipped.find((c) => c.id === 'khan-impeached') as Claim), id: 'khan-impeached-old', status: 'retired' };
const claims = [...shipped, retired];
const PAGE = 'https://community.example/fact-checks';
const author = { name: 'PTI Houston moderators', url: 'https://community.example' };

type Json = Record<string, unknown>;
const reviewsOf = (feed: Json) => (feed['dataFeedElement'] as { item: Json[] }[]).flatMap((element) => element.item);

/**
 * What Google's guidelines for fact-check markup ask of each ClaimReview
 * (https://developers.google.com/search/docs/appearance/structured-data/factcheck, "Structured
 * data type definitions"): the JSON-LD uses the schema.org context; a ClaimReview has
 * claimReviewed (text), reviewRating (a Rating) and url (the page hosting the fact-check), the
 * required properties; its Rating has alternateName, the textual rating, required; and of the
 * recommended ones, which this export gives: author (an Organization or Person with a name),
 * datePublished, itemReviewed (a Claim), and a numeric rating within its bestRating and
 * worstRating, where each textual rating stands for one number ("a number to text rating system").
 * Not checkable from the feed alone: that the url is on the publisher's own domain.
 */
function googleProblems(feed: Json): string[] {
  const problems: string[] = [];
  if (feed['@context'] !== 'https://schema.org' && feed['@context'] !== 'http://schema.org') problems.push('@context is not schema.org');
  const numberOf = new Map<string, number>();
  for (const review of reviewsOf(feed)) {
    const name = String(review['@id'] ?? review['url']);
    const says = (problem: string) => problems.push(`${name}: ${problem}`);
    const text = (value: unknown) => typeof value === 'string' && value.trim().length > 0;
    if (review['@type'] !== 'ClaimReview') says('@type is not ClaimReview');
    if (!text(review['claimReviewed'])) says('claimReviewed (required) is missing');
    if (typeof review['url'] !== 'string' || !/^https?:\/\/\S+$/.test(review['url'])) says('url (required) is not an absolute http(s) URL');
    const rating = review['reviewRating'] as Json | undefined;
    if (rating?.['@type'] !== 'Rating') says('reviewRating (required) is not a Rating');
    if (!text(rating?.['alternateName'])) says('reviewRating.alternateName (required) is missing');
    const [value, best, worst] = [rating?.['ratingValue'], rating?.['bestRating'], rating?.['worstRating']];
    if (typeof value !== 'number' || typeof best !== 'number' || typeof worst !== 'number' || value < worst || value > best) {
      says('reviewRating.ratingValue is not a number between worstRating and bestRating');
    } else {
      const alternate = String(rating?.['alternateName']);
      if (numberOf.has(alternate) && numberOf.get(alternate) !== value) says(`rating "${alternate}" stands for two numbers`);
      numberOf.set(alternate, value);
    }
    const by = review['author'] as Json | undefined;
    if ((by?.['@type'] !== 'Organization' && by?.['@type'] !== 'Person') || !text(by?.['name'])) says('author is not an Organization or Person with a name');
    if (typeof review['datePublished'] !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(review['datePublished'])) says('datePublished is not an ISO 8601 date');
    if ((review['itemReviewed'] as Json | undefined)?.['@type'] !== 'Claim') says('itemReviewed is not a Claim');
  }
  return problems;
}

describe('ClaimReview export', () => {
  const feed = claimReviewFeed(claims, { author, pageUrl: PAGE, now: new Date('2026-12-01T12:00:00Z') });

  it('writes the claims in force as a DataFeed of ClaimReviews, retired ones left out', () => {
    expect(feed).toMatchObject({ '@context': 'https://schema.org', '@type': 'DataFeed', dateModified: '2026-12-01T12:00:00.000Z' });
    expect(reviewsOf(feed).map((r) => r['@id'])).toEqual(shipped.map((c) => c.id));
  });

  it('publishes each claim as fact-checkers do: claim, rating with its scale, author, date, url, reviewed claim', () => {
    const review = reviewsOf(feed).find((r) => r['@id'] === 'trump-khan-release-video');
    const claim = shipped.find((c) => c.id === 'trump-khan-release-video') as Claim;
    expect(review).toEqual({
      '@type': 'ClaimReview',
      '@id': 'trump-khan-release-video',
      url: `${PAGE}#trump-khan-release-video`,
      claimReviewed: "Donald Trump promised on video to push for Imran Khan's release.",
      reviewRating: { '@type': 'Rating', ratingValue: 1, worstRating: 1, bestRating: 5, alternateName: 'False', name: 'False' },
      reviewBody: claim.note,
      author: { '@type': 'Organization', name: 'PTI Houston moderators', url: 'https://community.example' },
      datePublished: claim.updated,
      itemReviewed: { '@type': 'Claim' },
      citation: { '@type': 'CreativeWork', name: 'Analysis article', datePublished: '2024-11-11' },
      keywords: claim.tags.join(', '),
    });
  });

  it('passes the checks of the fields Google requires for fact-check markup', () => {
    expect(googleProblems(feed)).toEqual([]);
  });

  it('fails those checks when a required field is missing', () => {
    const withoutUrl = claimReviewFeed(claims, { author });
    const [first] = reviewsOf(withoutUrl);
    delete (first?.['reviewRating'] as Json)['alternateName'];
    expect(googleProblems(withoutUrl)).toContain('biden-resumed-military-support: reviewRating.alternateName (required) is missing');
    expect(googleProblems(withoutUrl)).toContain('khan-impeached: url (required) is not an absolute http(s) URL');
  });

  it('leaves phrasings out unless asked, and then gives every one as the reviewed claim\'s alternate names', () => {
    expect(JSON.stringify(feed)).not.toContain('IK got impeached in 2022');
    const withPhrasings = claimReviewFeed(claims, { author, pageUrl: PAGE, phrasings: true });
    const review = reviewsOf(withPhrasings).find((r) => r['@id'] === 'khan-impeached');
    expect((review?.['itemReviewed'] as Json)['alternateName']).toEqual(shipped.find((c) => c.id === 'khan-impeached')?.phrasings);
  });

  it('gives back the same claims, verdicts and notes when imported', () => {
    const { claims: imported, problems } = claimsFromClaimReviews(JSON.parse(JSON.stringify(feed)), 'export.json');
    expect(problems).toEqual([]);
    const essentials = (list: Claim[]) => list.map(({ id, claim, verdict, note, updated }) => ({ id, claim, verdict, note, updated }));
    expect(essentials(imported)).toEqual(essentials(shipped));
  });
});

describe('factcheck knowledge export --format claimreview', () => {
  const factcheck = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, [path.join(repo, 'bin', 'factcheck.js'), ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: dataDir } });

  it('writes the feed with the moderators\' changes, and the bot answers from it', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'export-'));
    expect(factcheck(['claim', 'retire', 'khan-impeached', '--by', 'Sara'], data).status).toBe(0);
    const file = path.join(data, 'feed.json');
    const exported = factcheck(['knowledge', 'export', '--format', 'claimreview', file, '--url', PAGE, '--author', 'PTI Houston moderators'], data);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(`Wrote ${shipped.length - 1} ClaimReviews to ${file}\n`);
    const feed = JSON.parse(readFileSync(file, 'utf8')) as Json;
    expect(googleProblems(feed)).toEqual([]);
    expect(reviewsOf(feed).map((r) => r['@id'])).not.toContain('khan-impeached');
    const checked = factcheck(['check', '--json', '--knowledge', file, 'Trump promised to free Imran Khan from prison'], data);
    expect(JSON.parse(checked.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-promised-khan-release' });
  });

  it('says which reviews lack the url Google requires when no --url is given', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'export-'));
    const result = factcheck(['knowledge', 'export', '--format', 'claimreview', path.join(data, 'feed.json')], data);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`${shipped.length} of them have no url, which Google requires: pass --url with the page you publish them on.\n`);
  });

  it('refuses an unknown format or a --url that is not a web address, and writes nothing', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'export-'));
    expect(factcheck(['knowledge', 'export', '--format', 'csv', 'x'], data)).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown export format "csv"; use files or claimreview') });
    expect(factcheck(['knowledge', 'export', '--format', 'claimreview', path.join(data, 'f.json'), '--url', 'fact-checks'], data)).toMatchObject({ status: 2, stderr: expect.stringContaining('--url must be the full http(s) address') });
    expect(existsSync(path.join(data, 'f.json'))).toBe(false);
  });
});
