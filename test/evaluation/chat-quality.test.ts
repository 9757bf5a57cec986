import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FactChecker } from '../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import { SentenceVectors } from '../../src/core/matching/sentence-vectors.ts';
import { evaluateChat, readChatExamples, type ChatScores } from '../../src/evaluation/chat-eval.ts';
import { withOnePhrasing } from '../../src/evaluation/score-fit.ts';
import { readAddedClaims } from '../../src/evaluation/added-claims.ts';

const root = path.resolve(import.meta.dirname, '../..');
const shipped = loadKnowledge([path.join(root, 'knowledge')]);
const examples = ['dev', 'test'].flatMap((split) => readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`)));

// Claims of other stories, each added with its claim text and one phrasing beside the shipped ones.
const added = ['dev', 'test'].map((split) => readAddedClaims(path.join(root, 'test', 'fixtures', `added-claims-${split}.yaml`)));

// The figures docs/quality.md reports (dev and test together) for the engine as it ships (with
// the sentence encoder, waiting for it as `factcheck check` does), held a little under them.
let full: ChatScores;
let onePhrasing: ChatScores;
let otherStories: ChatScores;
beforeAll(async () => {
  const sentences = await SentenceVectors.start();
  full = await evaluateChat(new FactChecker(new KnowledgeBase(shipped, { sentences })), examples);
  onePhrasing = await evaluateChat(new FactChecker(new KnowledgeBase(shipped.map(withOnePhrasing), { sentences })), examples);
  otherStories = await evaluateChat(new FactChecker(new KnowledgeBase([...shipped, ...added.flatMap((a) => a.claims)], { sentences })), added.flatMap((a) => a.messages));
  await sentences.close();
}, 300_000);

describe('passive replies on the labelled chat messages', () => {
  it('has at least 150 labelled messages of every kind', () => {
    expect(examples.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(examples.map((e) => e.kind));
    for (const kind of ['english', 'roman-urdu', 'urdu', 'typo', 'question', 'forwarded', 'hard-negative', 'refutation', 'other-claim', 'small-talk']) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it('replies with the right claim at least 97% of the time it speaks, on the full knowledge base', () => {
    expect(full.precision).toBeGreaterThanOrEqual(0.97);
  });

  it('answers at least 93% of the messages that repeat or ask about a correctable claim, on the full knowledge base', () => {
    expect(full.recall).toBeGreaterThanOrEqual(0.93);
  });

  it('with each claim cut to its claim text and one phrasing, still right at least 98% of the time it speaks, answering at least 85%', () => {
    expect(onePhrasing.precision).toBeGreaterThanOrEqual(0.98);
    expect(onePhrasing.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('with one English phrasing per claim, answers at least 90% of the Roman Urdu and Urdu-script restatements', () => {
    const urdu = onePhrasing.outcomes.filter((o) => o.example.reply && (o.example.kind === 'roman-urdu' || o.example.kind === 'urdu'));
    expect(urdu.length).toBeGreaterThanOrEqual(45);
    expect(urdu.filter((o) => o.replied === o.example.claim).length / urdu.length).toBeGreaterThanOrEqual(0.9);
  });

  it('never replies to small talk, whatever the claims hold', () => {
    for (const scores of [full, onePhrasing]) expect(scores.outcomes.filter((o) => o.example.kind === 'small-talk' && o.replied !== null)).toEqual([]);
  });

  // On dev, where the stance cues were built; docs/quality.md reports the one test-set refutation it corrects.
  it('never corrects a refutation of the claim it is about (dev set)', () => {
    const dev = new Set(readChatExamples(path.join(root, 'test', 'fixtures', 'chat-dev.jsonl')).map((e) => e.text));
    for (const scores of [full, onePhrasing]) {
      expect(scores.outcomes.filter((o) => dev.has(o.example.text) && o.example.kind === 'refutation' && o.replied !== null && o.replied === o.example.claim).map((o) => o.example.text)).toEqual([]);
    }
  });
});

describe('passive replies to claims of other stories, each added with one phrasing', () => {
  it('labels restatements, questions, refutations, same-topic messages that make another claim, and small talk', () => {
    const kinds = new Set(added.flatMap((a) => a.messages.map((m) => m.kind)));
    for (const kind of ['restatement', 'question', 'roman-urdu', 'urdu', 'refutation', 'other-claim', 'small-talk']) expect(kinds.has(kind), kind).toBe(true);
    expect(added.flatMap((a) => a.claims).length).toBeGreaterThanOrEqual(12);
  });

  it('replies with the right claim at least 95% of the time it speaks, answering at least 86% of their restatements', () => {
    expect(otherStories.precision).toBeGreaterThanOrEqual(0.95);
    expect(otherStories.recall).toBeGreaterThanOrEqual(0.86);
  });

  it('never replies to small talk beside them', () => {
    expect(otherStories.outcomes.filter((o) => o.example.kind === 'small-talk' && o.replied !== null).map((o) => o.example.text)).toEqual([]);
  });
});
