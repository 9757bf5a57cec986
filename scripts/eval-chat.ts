/**
 * Prints reply precision, recall and top-1 accuracy of the passive listener on the labelled
 * chat sets in test/fixtures/, on the full knowledge base and on its claims cut to their claim
 * text and one phrasing (leave-phrasings-out). `--errors` lists every message it got wrong (train and dev only unless
 * `--errors-all`: the test set is for reporting, not for tuning). Train and dev are what the
 * score is fitted on (`eval:checkthat --fit`).
 */
import path from 'node:path';
import { FactChecker } from '../src/core/fact-checker.ts';
import { KnowledgeBase } from '../src/core/knowledge-base.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { evaluateChat, readChatExamples, type ChatExample } from '../src/evaluation/chat-eval.ts';
import { withOnePhrasing } from '../src/evaluation/score-fit.ts';
import { readAddedClaims } from '../src/evaluation/added-claims.ts';
import { SentenceVectors } from '../src/core/matching/sentence-vectors.ts';
import { EVALUATION_VECTOR_CACHE } from '../src/evaluation/vector-cache.ts';

const root = path.resolve(import.meta.dirname, '..');
const showErrors = process.argv.includes('--errors') || process.argv.includes('--errors-all');
const shipped = loadKnowledge([path.join(root, 'knowledge')]);
// `--no-encoder`: words alone, without the sentence-vector second stage.
const sentences = process.argv.includes('--no-encoder') ? undefined : await SentenceVectors.start({ cacheDir: EVALUATION_VECTOR_CACHE });
const options = sentences === undefined ? {} : { sentences };
// The full knowledge base, and the leave-phrasings-out one: each claim cut to its claim text and
// one phrasing, as a moderator adds a claim from the shell.
const knowledgeBases: [string, FactChecker][] = [
  ['full knowledge base', new FactChecker(new KnowledgeBase(shipped, options))],
  ['claim text + one phrasing', new FactChecker(new KnowledgeBase(shipped.map(withOnePhrasing), options))],
];
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

/** Prints one knowledge base's figures on some labelled sets, and with `--errors` what it got wrong on the tuning sets. */
async function report(name: string, checker: FactChecker, sets: [string, ChatExample[]][]): Promise<void> {
  console.log(`\n${name}\nset    messages  precision  recall  top-1`);
  for (const [split, examples] of sets) {
    const scores = await evaluateChat(checker, examples);
    console.log(`${split.padEnd(6)} ${String(scores.examples).padStart(8)}  ${pct(scores.precision)}%   ${pct(scores.recall)}%  ${pct(scores.top1)}%`);
    if (showErrors && (split !== 'test' || process.argv.includes('--errors-all'))) {
      for (const o of scores.outcomes) {
        const wrongReply = o.replied !== (o.example.reply ? o.example.claim : null);
        const wrongTop = o.example.claim !== null && o.top !== o.example.claim;
        if (wrongReply || wrongTop) {
          console.log(`  [${o.example.kind}] want ${o.example.reply ? o.example.claim : 'none'} (about ${o.example.claim}) got ${o.replied ?? 'none'} top=${o.top} ${o.score.toFixed(2)} ${o.reason}: ${o.example.text.slice(0, 110)}`);
        }
      }
    }
  }
}

const chatSets: [string, ChatExample[]][] = ['train', 'dev', 'test'].map((split) => [split, readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`))]);
for (const [name, checker] of knowledgeBases) await report(name, checker, chatSets);

// Claims of other stories, added as from the shell (claim text and one phrasing) beside the
// shipped ones: the dev file's claims are for tuning, the test file's are other claims.
const added = ['dev', 'test'].map((split) => [split, readAddedClaims(path.join(root, 'test', 'fixtures', `added-claims-${split}.yaml`))] as const);
const withAdded = new FactChecker(new KnowledgeBase([...shipped, ...added.flatMap(([, set]) => set.claims)], options));
await report('claims of other stories added with one phrasing (beside the shipped ones)', withAdded, added.map(([split, set]) => [split, set.messages]));
