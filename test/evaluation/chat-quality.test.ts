import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactChecker } from '../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import { evaluateChat, readChatExamples } from '../../src/evaluation/chat-eval.ts';

const root = path.resolve(import.meta.dirname, '../..');
const checker = new FactChecker(new KnowledgeBase(loadKnowledge([path.join(root, 'knowledge')])));
const examples = ['dev', 'test'].flatMap((split) => readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`)));

describe('passive replies on the labelled chat messages', () => {
  const scores = evaluateChat(checker, examples);

  it('has at least 150 labelled messages of every kind', () => {
    expect(examples.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(examples.map((e) => e.kind));
    for (const kind of ['english', 'roman-urdu', 'urdu', 'typo', 'question', 'forwarded', 'hard-negative', 'refutation', 'small-talk']) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it('replies with the right claim at least 95% of the time it speaks', () => {
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('answers at least 90% of the messages that repeat or ask about a correctable claim', () => {
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('never replies to small talk', () => {
    expect(scores.outcomes.filter((o) => o.example.kind === 'small-talk' && o.replied !== null)).toEqual([]);
  });
});
