import { describe, expect, it } from 'vitest';
import { editDistance, FuzzyTerms, UnknownWords } from '../../../src/core/matching/fuzzy-terms.ts';
import { GluedWords } from '../../../src/core/matching/glued-words.ts';
import { ClaimMatcher } from '../../../src/core/matching/matcher.ts';
import { addedFromShell } from '../../../src/evaluation/added-claims.ts';

describe('GluedWords', () => {
  const glued = new GluedWords(new Set(['trump', 'video', 'khan', 'ki', 'rihai', 'hai']));

  it('splits words typed without spaces into known words', () => {
    expect(glued.split('trumpvideo')).toEqual(['trump', 'video']);
    expect(glued.split('khankirihai')).toEqual(['khan', 'ki', 'rihai']);
  });

  it('leaves known, short and unsplittable words whole', () => {
    expect(glued.split('trump')).toBeUndefined();
    expect(glued.split('abc')).toBeUndefined();
    expect(glued.split('qwertyuiop')).toBeUndefined();
  });
});

describe('FuzzyTerms', () => {
  const keys = new Map<string, string>([
    ['impeach', 'impeach'],
    ['parliament', 'parliament'],
    ['promis', 'promise'],
    ['conspiraci', 'conspiracy'],
  ]);
  const fuzzy = new FuzzyTerms(keys);

  it('maps a one-letter typo onto the known term with partial credit', () => {
    const expansion = fuzzy.expand('impeachd');
    expect(expansion?.term).toBe('impeach');
    expect(expansion?.credit).toBeGreaterThan(0.5);
    expect(expansion?.credit).toBeLessThan(1);
  });

  it('finds a dropped or swapped letter in a long word', () => {
    expect(fuzzy.expand('parliment')?.term).toBe('parliament');
    expect(fuzzy.expand('conspiarci')?.term).toBe('conspiracy');
  });

  it('refuses words that are not near any known term, and short words', () => {
    expect(fuzzy.expand('weather')).toBeUndefined();
    expect(fuzzy.expand('pro')).toBeUndefined();
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('promsie', 'promise', 2)).toBe(1);
  });
});

describe('UnknownWords', () => {
  const counts = new Map([['president', 5], ['signed', 3], ['nevada', 2], ['mother', 4], ['present', 1]]);
  const words = new UnknownWords(counts, (word) => counts.has(word));

  it('respells a word typed without its vowels as the most used word with those consonants', () => {
    expect(words.respell('sgned')).toEqual(['signed']);
    expect(words.respell('nvd')).toEqual(['nevada']);
  });

  it('respells a misspelt whole word before glued-word splitting could cut it up', () => {
    expect(words.respell('maother')).toEqual(['mother']);
  });

  it('leaves known words and words near nothing alone', () => {
    expect(words.respell('president')).toBeUndefined();
    expect(words.respell('weather')).toBeUndefined();
  });
});

describe('typos in a message, against a knowledge base', () => {
  const claim = addedFromShell('lemon', 'Drinking hot lemon water cures cancer.', 'hot water with lemon kills cancer cells');
  const matcher = new ClaimMatcher([claim]);

  it('read a common English word as itself: "morning" is one letter from "marna" (to die), which the vocabulary folds onto "kills"', () => {
    expect(matcher.rank('good morning everyone', 1)).toEqual([]);
    expect(matcher.rank('hot lemon water kils cancer', 1)[0]?.claim.id).toBe('lemon');
  });
});
