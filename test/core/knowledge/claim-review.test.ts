import { describe, expect, it } from 'vitest';
import { claimsFromClaimReviews } from '../../../src/core/knowledge/claim-review.ts';
import { verdictFromRating } from '../../../src/core/verdict.ts';

const review = (extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  '@id': 'https://factcheck.example/reviews/1',
  url: 'https://factcheck.example/1',
  claimReviewed: 'A video shows a politician promising a prisoner release.',
  author: { '@type': 'Organization', name: 'Example Checks' },
  datePublished: '2024-11-12T10:00:00Z',
  reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1 },
  ...extra,
});

describe('ClaimReview import', () => {
  it('reads one ClaimReview: id from @id, verdict from the rating, a note that names the reviewer and link', () => {
    const { claims, problems } = claimsFromClaimReviews(review(), 'feed.json');
    expect(problems).toEqual([]);
    expect(claims[0]).toMatchObject({ id: 'https://factcheck.example/reviews/1', verdict: 'false', updated: '2024-11-12' });
    expect(claims[0]?.note).toContain('Example Checks');
    expect(claims[0]?.note).toContain('https://factcheck.example/1');
  });

  it('searches the secondary headline with the title, once, and not when it repeats the claim', () => {
    const both = claimsFromClaimReviews(review({ name: 'Prisoner video', alternativeHeadline: 'Old clip, edited' }), 'f.json');
    expect(both.claims[0]?.title).toBe('Prisoner video\nOld clip, edited');
    expect(both.claims[0]?.source.title).toBe('Prisoner video');
    const alone = claimsFromClaimReviews(review({ alternativeHeadline: 'Old clip, edited' }), 'f.json');
    expect(alone.claims[0]?.title).toBe('Old clip, edited');
    const repeated = claimsFromClaimReviews(review({ name: 'Prisoner video', alternativeHeadline: 'Prisoner video' }), 'f.json');
    expect(repeated.claims[0]?.title).toBe('Prisoner video');
    const claimAgain = claimsFromClaimReviews(review({ alternativeHeadline: 'A video shows a politician promising a prisoner release.' }), 'f.json');
    expect(claimAgain.claims[0]?.title).toBeUndefined();
  });

  it('searches headline, name, alternativeHeadline and description, and keeps reviewBody as the note only', () => {
    const { claims } = claimsFromClaimReviews(
      review({ headline: 'Viral prisoner clip', name: 'Prisoner video', alternativeHeadline: 'Old clip, edited', description: 'No such promise was made', reviewBody: 'The clip is from 2019 and was cut.' }),
      'f.json',
    );
    expect(claims[0]?.title).toBe('Viral prisoner clip\nPrisoner video\nOld clip, edited\nNo such promise was made');
    expect(claims[0]?.note).toBe('The clip is from 2019 and was cut.');
    expect(claims[0]?.title).not.toContain('2019');
  });

  it('falls back to url for the id', () => {
    const { claims } = claimsFromClaimReviews(review({ '@id': undefined }), 'feed.json');
    expect(claims[0]?.id).toBe('https://factcheck.example/1');
  });

  it('reads an array and a DataFeed of DataFeedItems', () => {
    const array = claimsFromClaimReviews([review(), review({ '@id': 'b' })], 'a.json');
    expect(array.claims.map((c) => c.id)).toEqual(['https://factcheck.example/reviews/1', 'b']);
    const feed = claimsFromClaimReviews(
      { '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [review({ '@id': 'c' })] }, review({ '@id': 'd' })] },
      'feed.json',
    );
    expect(feed.claims.map((c) => c.id)).toEqual(['c', 'd']);
  });

  it('maps published textual ratings onto the verdict scale', () => {
    expect(verdictFromRating('Pants on Fire!')).toBe('false');
    expect(verdictFromRating('Mostly False')).toBe('misleading');
    expect(verdictFromRating('Missing context')).toBe('misleading');
    expect(verdictFromRating('Unproven')).toBe('unverified');
    expect(verdictFromRating('Mostly True')).toBe('accurate');
    expect(verdictFromRating('Wobbly')).toBeUndefined();
  });

  it('refuses an unknown rating, naming the review and the rating, and loads nothing', () => {
    const { claims, problems } = claimsFromClaimReviews([review({ '@id': 'ok' }), review({ reviewRating: { alternateName: 'Wobbly' } })], 'feed.json');
    expect(claims).toEqual([]);
    expect(problems[0]?.field).toBe('1');
    expect(problems[0]?.message).toContain('"Wobbly" is not a known rating');
  });

  it('refuses a review without claimReviewed or an id', () => {
    expect(claimsFromClaimReviews(review({ claimReviewed: '' }), 'f.json').problems[0]?.message).toContain('claimReviewed');
    expect(claimsFromClaimReviews(review({ '@id': undefined, url: undefined }), 'f.json').problems[0]?.message).toContain('neither @id nor url');
  });

  it('says so when a JSON file holds no ClaimReview', () => {
    expect(claimsFromClaimReviews({ hello: 'world' }, 'f.json').problems[0]?.message).toContain('holds no ClaimReview');
  });
});
