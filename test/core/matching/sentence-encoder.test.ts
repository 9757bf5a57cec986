import dns from 'node:dns';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { ClaimMatcher } from '../../../src/core/matching/matcher.ts';
import { SentenceEncoder, cosine } from '../../../src/core/matching/sentence-encoder.ts';

const claim = (id: string, text: string, phrasing: string): Claim => ({
  id, claim: text, verdict: 'false', note: 'A note.', evidence: [], source: { title: 'Source', url: 'https://example.org' },
  phrasings: [phrasing], counterExamples: [], tags: [], status: 'published', updated: '2024-01-01',
});

// Every way Node reaches the network, refused and counted.
const attempts: string[] = [];
const original = { fetch: globalThis.fetch, connect: net.Socket.prototype.connect, lookup: dns.lookup };
beforeAll(() => {
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error('networking refused');
  }) as typeof fetch;
  net.Socket.prototype.connect = function refused(this: net.Socket, ...args: unknown[]) {
    attempts.push(`connect ${JSON.stringify(args[0])}`);
    throw new Error('networking refused');
  } as typeof net.Socket.prototype.connect;
  (dns as { lookup: unknown }).lookup = (host: string) => {
    attempts.push(`lookup ${host}`);
    throw new Error('networking refused');
  };
});
afterAll(() => {
  globalThis.fetch = original.fetch;
  net.Socket.prototype.connect = original.connect;
  (dns as { lookup: unknown }).lookup = original.lookup;
});

describe('sentence encoder', () => {
  it('loads from the package files and ranks with networking refused, reaching nothing', async () => {
    const encoder = await SentenceEncoder.load();
    const matcher = new ClaimMatcher([claim('moon', 'The 1969 moon landing was faked in a film studio.', 'the moon landing was filmed in a hollywood studio')], { encoder });
    const [best] = matcher.rank('the apollo landing was shot on a soundstage');
    expect(best?.claim.id).toBe('moon');
    expect(matcher.stageCounts.meaning).toBe(1);
    expect(attempts).toEqual([]);
  });

  it('puts a restatement in other words closer to its claim than to another claim', async () => {
    const encoder = await SentenceEncoder.load();
    const [message, chips, moon] = encoder.encodeKept([
      "there's a tracking device inside the corona injection",
      'COVID-19 vaccines contain microchips to track people.',
      'The 1969 moon landing was faked in a film studio.',
    ]) as [Float32Array, Float32Array, Float32Array];
    expect(cosine(message, chips)).toBeGreaterThan(cosine(message, moon) + 0.2);
    expect(attempts).toEqual([]);
  });

  it('leaves small talk and a restated claim to the words alone (no sentence vector computed)', async () => {
    const encoder = await SentenceEncoder.load();
    const kb = new KnowledgeBase([claim('moon', 'The 1969 moon landing was faked in a film studio.', 'the moon landing was filmed in a hollywood studio')], { encoder });
    const matcher = new ClaimMatcher(kb.all(), { encoder });
    matcher.rank('good morning everyone, coffee anyone?');
    matcher.rank('The 1969 moon landing was faked in a film studio.');
    expect(matcher.stageCounts).toEqual({ ranked: 2, meaning: 0 });
  });
});
