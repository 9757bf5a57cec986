import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim.ts';
import { ClaimMatcher } from '../../../src/core/matching/matcher.ts';

const claim = (id: string, text: string, phrasings: string[] = []): Claim => ({
  id,
  claim: text,
  verdict: 'false',
  note: 'note',
  evidence: [],
  source: { title: 'source' },
  phrasings,
  counterExamples: [],
  tags: [],
  status: 'published',
  updated: '2024-01-01',
});

const matcher = new ClaimMatcher([
  claim('video', 'Trump released a video promising to free Imran Khan from prison.', ['trump ki video imran khan rihai']),
  claim('impeached', 'Imran Khan was impeached by parliament.'),
  claim('moon', 'The moon landing was staged in a film studio.'),
]);

describe('ClaimMatcher.rank', () => {
  it('ranks the claim a message repeats first', () => {
    expect(matcher.rank('Imran Khan got impeached by parliament')[0]?.claim.id).toBe('impeached');
    expect(matcher.rank('the moon landing was filmed in a studio')[0]?.claim.id).toBe('moon');
  });

  it('matches a Roman Urdu message against an English claim through the lexicon', () => {
    expect(matcher.rank('trump ne imran khan ki rihai ka wada kiya video mein')[0]?.claim.id).toBe('video');
  });

  it('still finds the claim through typos and glued words', () => {
    expect(matcher.rank('imran khan got impeachd by parliment')[0]?.claim.id).toBe('impeached');
    expect(matcher.rank('trumpvideo imran khan jail se free')[0]?.claim.id).toBe('video');
  });

  it('scores a full restatement higher than a passing mention', () => {
    const full = matcher.rank('Imran Khan was impeached by parliament')[0]?.score ?? 0;
    const passing = matcher.rank('parliament had a long day talking about the budget and roads')[0]?.score ?? 0;
    expect(full).toBeGreaterThan(passing);
    expect(full).toBeGreaterThan(0.5);
  });

  it('returns nothing for a message with no word in common', () => {
    expect(matcher.rank('what a lovely morning for cricket')).toEqual([]);
  });

  it('asks a message to name the people the phrasings of a claim centre on, and not for a claim of one text', () => {
    const video = matcher.rank('the video promising to free him from prison')[0];
    expect(video?.claim.id).toBe('video');
    expect(video?.nameCoverage).toBe(0);
    const single = new ClaimMatcher([claim('tariffs', 'Trump said the new tariffs will lower grocery prices.')]);
    const tariffs = single.rank('the new tariffs will lower grocery prices')[0];
    expect(tariffs?.claim.id).toBe('tariffs');
    expect(tariffs?.nameCoverage).toBe(1);
  });

  it('keeps scores within 0 and 1 and sorted best first', () => {
    const matches = matcher.rank('imran khan trump video prison impeached moon');
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(0);
    for (const m of matches) expect(m.score).toBeLessThanOrEqual(1);
  });
});

describe('ClaimMatcher.rank on imported fact-checks (claims with headlines, no phrasings)', () => {
  const reviewed = (id: string, text: string, title: string): Claim => ({ ...claim(id, text), title });
  const imported = new ClaimMatcher([
    reviewed('oreo', 'Nabisco closed their Chicago plant and moved all production of Oreos to Mexico.', 'Are Oreo Cookies Now Produced in Mexico?'),
    reviewed('scouts', 'The proceeds of Girl Scout Cookies are used to support Planned Parenthood.', 'Do Girl Scout Cookie Proceeds Fund Planned Parenthood?'),
    reviewed('sanders', 'Bernie Sanders flies coach while traveling for his presidential campaign.', 'Bernie Sanders Flies Coach?'),
  ]);

  it('finds a claim through words only its headline uses', () => {
    expect(imported.rank('I will not be eating Oreo cookies, they are produced in Mexico now')[0]?.claim.id).toBe('oreo');
  });

  it('finds a claim through a vowel-less spelling of its words', () => {
    expect(imported.rank('brn sndrs flies coach')[0]?.claim.id).toBe('sanders');
  });

  it('gives a calibrated score in [0, 1] that is higher for the claim a message repeats than for a passing mention', () => {
    const repeat = imported.rank('Girl Scout cookie proceeds fund Planned Parenthood')[0];
    const passing = imported.rank('bought some cookies today')[0];
    expect(repeat?.claim.id).toBe('scouts');
    for (const m of [repeat, passing]) {
      expect(m?.score).toBeGreaterThanOrEqual(0);
      expect(m?.score).toBeLessThanOrEqual(1);
    }
    expect(repeat?.score ?? 0).toBeGreaterThan(passing?.score ?? 0);
  });
});

describe('ClaimMatcher retrieval', () => {
  it('keeps a text that scores above the cut-off even when many texts tie at it earlier in the index', () => {
    // Ten claims say the message's common words equally well; the claim it restates comes last.
    const ties = Array.from({ length: 10 }, (_, i) => claim(`tie-${i}`, `Pakistan politics news ${'abcdefghij'[i]}`));
    const restated = claim('meddled', 'The US has always meddled in Pakistan politics');
    const shallow = new ClaimMatcher([...ties, restated], { candidates: 3 });
    expect(shallow.rank('Pakistan politics: the US has always meddled in it')[0]?.claim.id).toBe('meddled');
  });
});
