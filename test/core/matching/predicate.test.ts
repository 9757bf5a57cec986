import { describe, expect, it } from 'vitest';
import { OFF_PREDICATE_CAP } from '../../../src/core/matching/match-score.ts';
import { ClaimMatcher } from '../../../src/core/matching/matcher.ts';
import { splitClaim } from '../../../src/core/matching/predicate.ts';
import { addedFromShell } from '../../../src/evaluation/added-claims.ts';

describe('a claim text cut into its subject and what it says of it', () => {
  it.each([
    ['5G mobile towers spread the coronavirus.', '5G mobile towers', 'spread the coronavirus'],
    ['Drinking hot lemon water cures cancer.', 'Drinking hot lemon water', 'cures cancer'],
    ['Imran Khan was impeached.', 'Imran Khan', 'was impeached'],
  ])('%s', (text, subject, predicate) => {
    expect(splitClaim(text)).toEqual({ subject, predicate });
  });

  it('takes no subject from a text without a verb, so nothing of it is asked of a message', () => {
    expect(splitClaim('polio ke qatre, banjh pan').subject).toBe('');
  });

  it.each(['', '   ', '🙂🙂', 'عمران خان کو رہا کیا جائے گا', 'Says Joe Biden wants to ban guns.', 'x'.repeat(20_000), '\u0000\u200b'])(
    'takes no subject from a text in Urdu script, without words, or opening with its verb (case %#)',
    (text) => {
      expect(splitClaim(text).subject).toBe('');
    },
  );
});

describe('the words alone, for a claim added with one phrasing', () => {
  const FIVE_G = addedFromShell('5g', '5G mobile towers spread the coronavirus.', '5g towers are causing covid');
  const LEMON = addedFromShell('lemon', 'Drinking hot lemon water cures cancer.', 'hot water with lemon kills cancer cells');
  const matcher = new ClaimMatcher([FIVE_G, LEMON]);
  const best = (text: string) => matcher.rank(text, 1)[0];

  it('hold a message under the reply threshold that shares only the claim\'s subject', () => {
    expect(best('5g towers lower the price of your house')?.score).toBe(OFF_PREDICATE_CAP);
  });

  it('still answer a message that says the predicate', () => {
    expect(best('5g towers are spreading corona everywhere')?.score).toBeGreaterThan(0.5);
    expect(best('hot lemon water kills cancer, my aunt swears by it')?.score).toBeGreaterThan(0.5);
  });

  it('read a common English word as itself, not as a typo of a claim\'s word ("morning" is one letter from "marna", to die)', () => {
    expect(best('i drink hot water with lemon every morning')?.score).toBeLessThanOrEqual(OFF_PREDICATE_CAP);
  });
});

describe('a short message', () => {
  const FLAT = addedFromShell('flat', 'The Earth is flat and NASA hides it.', 'the earth is flat, nasa is lying to us');
  const CHIPS = addedFromShell('chips', 'COVID-19 vaccines contain microchips to track people.', 'covid vaccines have microchips in them');
  const FREE = addedFromShell('free', 'Trump promised to free Imran Khan from prison.', 'trump said he will get imran khan out of jail');
  const matcher = new ClaimMatcher([FLAT, CHIPS, FREE]);
  const score = (text: string) => matcher.rank(text, 1)[0]?.score ?? 0;

  it.each(['the earth is flat', 'is the earth flat?', 'vaccines have microchips'])('says enough when it says the claim\'s subject and what the claim says of it: %s', (text) => {
    expect(score(text)).toBeGreaterThan(0.5);
  });

  it.each(['covid vaccine', 'trump khan', 'the earth'])('does not when it only names whom or what a claim is about: %s', (text) => {
    expect(score(text)).toBeLessThan(0.5);
  });
});
