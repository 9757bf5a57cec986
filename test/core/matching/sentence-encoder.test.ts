import dns from 'node:dns';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/core/claim.ts';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { SentenceEncoder, cosine } from '../../../src/core/matching/sentence-encoder.ts';
import { SentenceVectors, type SentenceVectorSource, type VectorOutcome } from '../../../src/core/matching/sentence-vectors.ts';

const PACED_WORKER = new URL('../../fakes/paced-sentence-worker.mjs', import.meta.url);

const claim = (id: string, text: string, phrasing: string): Claim => ({
  id, claim: text, verdict: 'false', note: 'A note.', evidence: [], source: { title: 'Source', url: 'https://example.org' },
  phrasings: [phrasing], counterExamples: [], tags: [], status: 'published', updated: '2024-01-01',
});
const MOON = claim('moon', 'The 1969 moon landing was faked in a film studio.', 'the moon landing was filmed in a hollywood studio');
const CHIPS = claim('vaccine-chips', 'COVID-19 vaccines contain microchips to track people.', 'the covid vaccine has a microchip in it');
const PARAPHRASE = 'the apollo landing was shot on a soundstage';

/** The encoder on this thread, counting what it was asked (the worker runs this same code). */
function onThisThread(encoder: SentenceEncoder): SentenceVectorSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    vectorsOf: async (message, kept) => {
      asked.push(message);
      const [vector, ...rest] = encoder.encode([message, ...kept]) as [Float32Array, ...Float32Array[]];
      return { message: vector, kept: rest };
    },
    prepare: () => undefined,
  };
}

describe('sentence encoder, with networking refused', () => {
  // Every way Node reaches the network, refused and counted.
  const attempts: string[] = [];
  const original = { fetch: globalThis.fetch, connect: net.Socket.prototype.connect, lookup: dns.lookup };
  let encoder: SentenceEncoder;
  beforeAll(async () => {
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
    encoder = await SentenceEncoder.load();
  }, 60_000);
  afterAll(() => {
    globalThis.fetch = original.fetch;
    net.Socket.prototype.connect = original.connect;
    (dns as { lookup: unknown }).lookup = original.lookup;
  });

  it('loads from the package files and re-ranks a paraphrase by meaning, reaching nothing', async () => {
    const kb = new KnowledgeBase([MOON], { sentences: onThisThread(encoder) });
    const [best] = await kb.rank(PARAPHRASE);
    expect(best?.claim.id).toBe('moon');
    expect(best?.score).toBeGreaterThan(0.5);
    expect(kb.rankWords(PARAPHRASE).matches[0]?.score).toBeLessThan(0.5);
    expect(attempts).toEqual([]);
  });

  it('puts a restatement in other words closer to its claim than to another claim', () => {
    const [message, chips, moon] = encoder.encode(["there's a tracking device inside the corona injection", CHIPS.claim, MOON.claim]) as [Float32Array, Float32Array, Float32Array];
    expect(cosine(message, chips)).toBeGreaterThan(cosine(message, moon) + 0.2);
    expect(attempts).toEqual([]);
  });

  it('leaves small talk, small talk that shares a common word with a claim, and a restated claim to the words alone', async () => {
    const source = onThisThread(encoder);
    const kb = new KnowledgeBase([MOON, claim('meeting', 'Trump and Khan held a secret meeting in 2019.', 'trump met khan in secret')], { sentences: source });
    for (const text of ['good morning everyone, coffee anyone?', 'my manager just scheduled a meeting to discuss meetings', MOON.claim]) await kb.rank(text);
    expect(source.asked).toEqual([]);
    await kb.rank(PARAPHRASE);
    expect(source.asked).toEqual([PARAPHRASE]);
  });
});

describe('sentence vectors in a worker thread', () => {
  it('computes off the event loop: timers keep firing while a message is encoded', async () => {
    const vectors = await SentenceVectors.start();
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      const result = await vectors.vectorsOf('the apollo landing was shot on a soundstage and nobody noticed', [MOON.claim, CHIPS.claim, MOON.phrasings[0] as string]);
      clearInterval(timer);
      expect(result?.kept).toHaveLength(3);
      expect(cosine(result?.message as Float32Array, result?.kept[0] as Float32Array)).toBeGreaterThan(cosine(result?.message as Float32Array, result?.kept[1] as Float32Array));
      expect(ticks).toBeGreaterThan(0);
      expect(vectors.counts.encoded).toBe(1);
    } finally {
      await vectors.close();
    }
  }, 60_000);

  it('sheds a message whose vectors miss the deadline, and one that finds the encoder busy, counting both; the decision is then the words-alone one', async () => {
    const vectors = await SentenceVectors.start({ deadlineMs: 1, maxWaiting: 1 });
    try {
      const words = new FactChecker(new KnowledgeBase([MOON]));
      const shedding = new FactChecker(new KnowledgeBase([MOON], { sentences: vectors }));
      const [late, busy] = await Promise.all([shedding.judge(PARAPHRASE), shedding.judge(`${PARAPHRASE} in 1969`)]);
      expect(vectors.counts.late).toBeGreaterThanOrEqual(1);
      expect(vectors.counts.late + vectors.counts.busy).toBe(2);
      expect(late).toEqual(await words.judge(PARAPHRASE));
      expect(late.decision.decision).toBe('none');
      expect(busy).toEqual(await words.judge(`${PARAPHRASE} in 1969`));
    } finally {
      await vectors.close();
    }
  }, 60_000);

  it('sheds at once, without waiting out the deadline, while the worker is starved, and lets a probe through now and then to learn it has caught up', async () => {
    const outcomes: VectorOutcome[] = [];
    const vectors = await SentenceVectors.start({ deadlineMs: 100, workerEntry: PACED_WORKER, onOutcome: (outcome) => outcomes.push(outcome) });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      expect(await vectors.vectorsOf('a first message', [MOON.claim])).toBeDefined();
      // The worker takes 500 ms over this one: it is let in (the worker was quick) and goes late.
      const slow = vectors.vectorsOf('[slow] a message the worker is starved on', []);
      await sleep(150);
      // The batch has been in flight longer than the deadline: the next message is not made to wait.
      expect(await vectors.vectorsOf('a message behind a starved batch', [])).toBeUndefined();
      expect(await slow).toBeUndefined();
      expect(outcomes).toEqual(['encoded', 'late', 'busy']);
      await sleep(450);
      // The batch is back: 500 ms a text of late, so nothing is let in until a probe is due.
      expect(await vectors.vectorsOf('a message after the slow batch', [])).toBeUndefined();
      expect(outcomes.at(-1)).toBe('busy');
      await sleep(1_000);
      expect(await vectors.vectorsOf('a probe, once a second has passed', [])).toBeDefined();
      // The probe was quick: that figure replaces the slow one, and messages wait again.
      expect(await vectors.vectorsOf('a message once the worker has caught up', [])).toBeDefined();
      expect(outcomes.slice(3)).toEqual(['busy', 'encoded', 'encoded']);
    } finally {
      await vectors.close();
    }
  }, 60_000);

  it('keeps claim texts\' vectors on disk and reads them back, so a restart computes none again', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'sentence-vectors-'));
    const first = await SentenceVectors.start({ cacheDir });
    await first.vectorsOf('first message', [MOON.claim, CHIPS.claim]);
    await first.close();
    expect(readFileSync(path.join(cacheDir, 'sentence-vectors.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    const second = await SentenceVectors.start({ cacheDir });
    try {
      second.prepare([MOON.claim, CHIPS.claim]);
      expect(second.preparing).toBe(0);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('decides on the words once the encoder is stopped, without waiting', async () => {
    const vectors = await SentenceVectors.start();
    await vectors.close();
    expect(await vectors.vectorsOf(PARAPHRASE, [MOON.claim])).toBeUndefined();
    expect(vectors.counts.unavailable).toBe(1);
  }, 60_000);
});
