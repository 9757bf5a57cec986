import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';

const root = path.resolve(import.meta.dirname, '../../../knowledge');
const claims = loadKnowledge([root]);
const source = readFileSync(path.join(root, 'sources', 'article-2024-11-11.txt'), 'utf8').replace(/\s+/g, ' ');

const REQUIRED: Record<string, string> = {
  'trump-khan-release-video': 'false',
  'trump-promised-khan-release': 'misleading',
  'trump-campaign-khan-release-possibility': 'accurate',
  'us-conspiracy-khan-ouster': 'unverified',
  'khan-impeached': 'accurate',
  'khan-blamed-us-for-downfall': 'accurate',
  'us-historically-influenced-pakistan': 'accurate',
  'us-deals-with-pakistan-military': 'accurate',
  'trump-will-intervene-for-khan': 'unsupported',
  'trump-very-good-friend': 'accurate',
  'khan-white-house-2019': 'accurate',
  'khan-ten-year-sentence': 'accurate',
  'trump-opposes-regime-change': 'accurate',
  'pakistani-american-625k': 'accurate',
  'biden-resumed-military-support': 'accurate',
  'pakistan-ally-against-iran': 'accurate',
};

describe('the shipped knowledge base', () => {
  it.each(Object.entries(REQUIRED))('has %s with verdict %s', (id, verdict) => {
    expect(claims.find((c) => c.id === id)?.verdict).toBe(verdict);
  });

  it.each(claims.map((c) => [c.id, c] as const))('%s quotes its evidence verbatim from the source document', (_id, claim) => {
    expect(claim.evidence.length).toBeGreaterThanOrEqual(1);
    expect(claim.evidence.length).toBeLessThanOrEqual(3);
    for (const quote of claim.evidence) expect(source).toContain(quote.replace(/\s+/g, ' '));
  });

  it('cites the source document from every claim', () => {
    for (const claim of claims) expect(claim.source.file).toBe('sources/article-2024-11-11.txt');
  });

  // Accurate claims need them too: a member who repeats what the article says must meet that
  // claim rather than a neighbouring correction.
  it('gives every claim phrasings in English, Roman Urdu and Urdu script', () => {
    for (const claim of claims) {
      expect(claim.phrasings.some((p) => /\p{Script=Arabic}/u.test(p)), `${claim.id} has Urdu script`).toBe(true);
      expect(claim.phrasings.some((p) => /\b(?:ne|ka|ki|ke|hai|tha)\b/i.test(p)), `${claim.id} has Roman Urdu`).toBe(true);
      expect(claim.phrasings.length).toBeGreaterThanOrEqual(10);
    }
  });
});
