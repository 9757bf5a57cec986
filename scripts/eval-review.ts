/**
 * What the review queue teaches: replays messages in order with a simulated moderator who accepts
 * correct suggestions ("It is <claim>" on the message's claim) and rejects wrong ones ("Not a
 * claim"), and prints reply precision and recall before and after the first N decisions.
 *
 *   npm run eval:review [DATA_DIR] [--threshold T] [--sets chat-dev,chat-test,train,dev] [--moderator picks] [--sweep]
 *
 * Sets: the labelled chat sets in test/fixtures/, and CLEF CheckThat! 2022 2A train and dev
 * imported through the ClaimReview path with the hold-out's setting (the gold claims of every
 * other tweet taken out of the knowledge base, so those tweets should get silence). DATA_DIR
 * defaults to ../shared/datasets. `--sweep` prints, per REVIEW_THRESHOLD, how many messages
 * would be suggested and how many of those have their claim among the candidates (chat-dev and
 * CheckThat! train/dev only: the default is chosen there, never on a test set).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FactChecker } from '../src/core/fact-checker.ts';
import { KnowledgeBase } from '../src/core/knowledge-base.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { DEFAULT_REVIEW } from '../src/core/review/review-policy.ts';
import { readChatExamples } from '../src/evaluation/chat-eval.ts';
import { claimReviewOf, claimsOfKb, readKb, readQueries } from '../src/evaluation/checkthat.ts';
import { replayWithModerator, type ReplayMessage, type ReplayScores } from '../src/evaluation/review-replay.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--') && args[i - 1] !== '--sweep'));
const dataDir = path.resolve(positional[0] ?? path.join(root, '..', 'shared', 'datasets'));
const taskDir = path.join(dataDir, 'checkthat-2022-2a-en');
const threshold = Number(flag('--threshold') ?? DEFAULT_REVIEW.reviewThreshold);
const sets = (flag('--sets') ?? 'chat-dev,chat-test,train,dev').split(',');
// --moderator picks: the moderator also uses "Another claim…" when the message's claim is not among the candidates.
const moderator = flag('--moderator') === 'picks' ? 'picks' : 'buttons';
const CHAT_KNOWLEDGE = [path.join(root, 'knowledge')];

interface ReplaySet {
  name: string;
  stream: ReplayMessage[];
  knowledge: string[];
  checkpoints: number[];
}

function chatSet(split: 'dev' | 'test'): ReplaySet {
  const examples = readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`));
  return { name: `chat-${split}`, stream: examples.map((e) => ({ text: e.text, gold: e.reply && e.claim !== null ? [e.claim] : [] })), knowledge: CHAT_KNOWLEDGE, checkpoints: [5, 10, 25] };
}

/** The claims the hold-out setting takes out of a CheckThat! split's knowledge base: the gold of every other tweet. */
function withheld(split: string): Set<string> {
  const queries = readQueries(path.join(taskDir, `${split}.queries.jsonl`));
  return new Set(queries.filter((_, i) => i % 2 === 1).flatMap((q) => q.gold));
}

/** A CheckThat! split with the gold of every other tweet out of the knowledge base, written as a ClaimReview DataFeed. */
function checkThatSet(split: 'train' | 'dev'): ReplaySet {
  const queries = readQueries(path.join(taskDir, `${split}.queries.jsonl`));
  const removed = withheld(split);
  const feed = path.join(mkdtempSync(path.join(tmpdir(), 'eval-review-')), `kb-${split}.json`);
  const rows = readKb(path.join(taskDir, 'kb.jsonl')).filter((r) => !removed.has(r.id));
  writeFileSync(feed, JSON.stringify({ '@context': 'https://schema.org', '@type': 'DataFeed', dataFeedElement: rows.map(claimReviewOf) }));
  return { name: split, stream: queries.map((q) => ({ text: q.text, gold: q.gold.filter((g) => !removed.has(g)) })), knowledge: [feed], checkpoints: [10, 25, 50, 100, 250] };
}

function setNamed(name: string): ReplaySet | undefined {
  if (name === 'chat-dev' || name === 'chat-test') return chatSet(name === 'chat-dev' ? 'dev' : 'test');
  if (!existsSync(path.join(taskDir, 'kb.jsonl'))) {
    console.error(`No ${path.join(taskDir, 'kb.jsonl')}: pass the datasets folder as the first argument; skipping ${name}.`);
    return undefined;
  }
  if (name === 'train' || name === 'dev') return checkThatSet(name);
  console.error(`Unknown set "${name}"; use chat-dev, chat-test, train or dev.`);
  return undefined;
}

const f3 = (x: number) => x.toFixed(3);
const pr = (s: ReplayScores) => `${f3(s.precision)} / ${f3(s.recall)}`;

if (args.includes('--sweep')) {
  // Tuning data only: chat-dev and CheckThat! train/dev.
  console.log('REVIEW_THRESHOLD sweep (no decisions): suggested messages, and those with their claim among the candidates');
  console.log('set        threshold  messages  suggested  with claim  share');
  for (const name of ['chat-dev', 'train', 'dev']) {
    const set = setNamed(name);
    if (set === undefined) continue;
    const claims = name === 'chat-dev' ? loadKnowledge(set.knowledge) : claimsOfKb(readKb(path.join(taskDir, 'kb.jsonl')), 'kb.jsonl');
    const out = name === 'chat-dev' ? new Set<string>() : withheld(name);
    const kb = new KnowledgeBase(claims.filter((c) => !out.has(c.id)));
    // Every 0.05 from 0.10 up to the reply threshold (REVIEW_THRESHOLD may not exceed it).
    for (let t = 0.1; t < DEFAULT_POLICY.replyThreshold - 1e-9; t = Math.round((t + 0.05) * 100) / 100) {
      const checker = new FactChecker(kb, { review: { reviewThreshold: t } });
      let suggested = 0;
      let right = 0;
      for (const m of set.stream) {
        const { matches, decision } = await checker.judge(m.text);
        const draft = checker.review?.consider(m.text, matches, decision);
        if (draft === undefined) continue;
        suggested++;
        if (draft.candidates.some((c) => m.gold.includes(c.claimId))) right++;
      }
      console.log(`${name.padEnd(10)} ${t.toFixed(2).padStart(9)}  ${String(set.stream.length).padStart(8)}  ${String(suggested).padStart(9)}  ${String(right).padStart(10)}  ${suggested === 0 ? '  -  ' : f3(right / suggested)}`);
    }
  }
  process.exit(0);
}

console.log(
  `REVIEW_THRESHOLD ${threshold}; a simulated moderator accepts a suggestion whose candidates include the message's claim and ${moderator === 'picks' ? 'otherwise picks the message\'s claim with "Another claim…" (or rejects one that has none)' : 'rejects the others'}.`,
);
console.log('Reply precision / recall over every message of the set; "unseen" leaves out the messages the moderator decided.\n');
console.log('set        messages  suggested (right)  decisions (acc/rej)  before          after, all      unseen: before -> after');
for (const name of sets) {
  const set = setNamed(name);
  if (set === undefined) continue;
  const started = performance.now();
  const result = await replayWithModerator(set.stream, {
    knowledge: set.knowledge,
    reviewThreshold: threshold,
    checkpoints: set.checkpoints,
    moderator,
    ...(process.stderr.isTTY ? { onDecision: (n: number) => process.stderr.write(`\r${name}: ${n} decisions`) } : {}),
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  for (const c of result.checkpoints) {
    console.log(
      `${name.padEnd(10)} ${String(result.messages).padStart(8)}  ${`${result.suggestions} (${result.correctSuggestions})`.padStart(17)}  ${`${c.decisions} (${c.accepted}/${c.rejected})`.padStart(19)}  ${pr(result.before)}   ${pr(c.all)}   ${pr(c.unseenBefore)} -> ${pr(c.unseen)}`,
    );
  }
  console.error(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
