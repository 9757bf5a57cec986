/**
 * Measures the claim matcher on public data: CLEF CheckThat! 2022 Task 2A (English).
 *
 *   npm run eval:checkthat [DATA_DIR] [--splits train,dev,...] [--errors]
 *   npx tsx scripts/eval-checkthat.ts --fit     (fits SCORE_WEIGHTS and MEANING_WEIGHTS on train and chat train + dev, prints them;
 *                                                --meaning-under-shipped fits the second stage under the shipped SCORE_WEIGHTS)
 *   --no-encoder                                (words alone: no sentence-vector second stage)
 *   npx tsx scripts/eval-checkthat.ts --synthetic-typos   (MAP@5 loss under made-up typos, train and dev only)
 *
 * DATA_DIR defaults to ../shared/datasets (beside the repository). Prints MAP@5, MRR and recall@5
 * per split, reply precision/recall on test2022-holdout, and MAP@5 on each claim-edits file
 * (scored against test2021 gold; test2021 and test2022 reuse ids, so they are never pooled).
 * Tune on train/dev only: `--errors` lists misses, and only for train and dev.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FactChecker } from '../src/core/fact-checker.ts';
import { KnowledgeBase } from '../src/core/knowledge-base.ts';
import { ClaimMatcher } from '../src/core/matching/matcher.ts';
import { SCORE_WEIGHTS } from '../src/core/matching/match-score.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { readChatExamples } from '../src/evaluation/chat-eval.ts';
import { claimsOfKb, readEdits, readKb, readQueries, scoreRanking, scoreReplies, type CheckThatQuery } from '../src/evaluation/checkthat.ts';
import { fitLogistic, loneWords, meaningPairsOf, pairsOf, withOnePhrasing } from '../src/evaluation/score-fit.ts';
import { SentenceVectors } from '../src/core/matching/sentence-vectors.ts';
import { EVALUATION_VECTOR_CACHE } from '../src/evaluation/vector-cache.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flagValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const VALUED = new Set(['--splits', '--chat-weight', '--meaning-chat-weight', '--lone-weight']);
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && VALUED.has(args[i - 1] as string)));
const dataDir = path.resolve(positional[0] ?? path.join(root, '..', 'shared', 'datasets'));
const taskDir = path.join(dataDir, 'checkthat-2022-2a-en');
const editsDir = path.join(dataDir, 'claim-edits-clef2021');
if (!existsSync(path.join(taskDir, 'kb.jsonl'))) {
  console.error(`No ${path.join(taskDir, 'kb.jsonl')}: pass the datasets folder as the first argument.`);
  process.exit(1);
}
const splits = (flagValue('--splits') ?? 'dev,test2021,test2022,dev-holdout,holdout,edits').split(',');
const showErrors = args.includes('--errors');

// Sentence vectors of claim texts are kept on disk between runs, keyed by a hash of the text.
const sentences = args.includes('--no-encoder') ? undefined : await SentenceVectors.start({ cacheDir: EVALUATION_VECTOR_CACHE });
const withSentences = sentences === undefined ? {} : { sentences };
const kbRows = readKb(path.join(taskDir, 'kb.jsonl'));
let started = performance.now();
const claims = claimsOfKb(kbRows, 'kb.jsonl');
const kb = new KnowledgeBase(claims, withSentences);
console.log(`knowledge base: ${claims.length} claims imported as ClaimReview (rated "False": the kb has no ratings), built in ${((performance.now() - started) / 1000).toFixed(2)} s`);

const f3 = (x: number) => x.toFixed(3);

/**
 * The hold-out's no-match setting on a split: the gold claims of every other tweet, to take out of
 * the knowledge base, and every tweet's gold without them, as test2022-holdout is built (a tweet
 * whose claims were all taken out should get no reply, whichever tweet they were taken for: neighbouring
 * tweets often share their claim).
 */
function withheldEveryOther(queries: readonly CheckThatQuery[]): { removed: Set<string>; queries: CheckThatQuery[] } {
  const removed = new Set(queries.filter((_, i) => i % 2 === 1).flatMap((q) => q.gold));
  return { removed, queries: queries.map((q) => ({ ...q, gold: q.gold.filter((id) => !removed.has(id)) })) };
}
if (args.includes('--fit')) {
  // Fitted on train/dev only, where claims have few or no phrasings: CheckThat! train with the gold
  // of every other tweet withheld (the hold-out's no-match setting), and chat train + dev against the
  // shipped claims cut to their claim text and one phrasing. Paste into SCORE_WEIGHTS.
  const train = readQueries(path.join(taskDir, 'train.queries.jsonl'));
  const { removed } = withheldEveryOther(train);
  const reduced = new ClaimMatcher(claims.filter((c) => !removed.has(c.id)));
  const tweets = pairsOf(reduced, train.map((q) => ({ text: q.text, claims: q.gold })));
  const shipped = loadKnowledge([path.join(root, 'knowledge')]).filter((c) => c.status === 'published');
  // Chat train and dev: the labelled chat messages the score may be fitted on (test is held out).
  const chatFit = ['train', 'dev']
    .flatMap((split) => readChatExamples(path.join(root, 'test', 'fixtures', `chat-${split}.jsonl`)))
    .map((e) => ({ text: e.text, claims: e.claim === null ? [] : [e.claim] }));
  const chatWeight = Number(flagValue('--chat-weight') ?? '5');
  // The second stage sees chat English only where the words leave it in doubt: few pairs, so they
  // may be weighed apart (--meaning-chat-weight; the first stage's weight when not given).
  const meaningChatWeight = Number(flagValue('--meaning-chat-weight') ?? String(chatWeight));
  // Lone words of the shipped claims and of the chat messages, said alone: no claim stated.
  const lone = loneWords([...shipped.flatMap((c) => [c.claim, ...c.phrasings]), ...chatFit.map((e) => e.text)]);
  const loneWeight = Number(flagValue('--lone-weight') ?? '1');
  const chat = [
    ...pairsOf(new ClaimMatcher(shipped.map(withOnePhrasing)), chatFit, chatWeight),
    ...pairsOf(new ClaimMatcher(shipped), chatFit, chatWeight / 4),
    ...pairsOf(new ClaimMatcher(shipped.map(withOnePhrasing)), lone, loneWeight),
    ...pairsOf(new ClaimMatcher(shipped), lone, loneWeight),
  ];
  const weights = fitLogistic([...tweets, ...chat]);
  console.log(`SCORE_WEIGHTS (${tweets.length} tweet pairs, ${chat.length} chat pairs): [${weights.map((w) => w.toFixed(3)).join(', ')}]`);
  if (sentences !== undefined) {
    // The second stage on the same data, under the first stage just fitted (or, with
    // --meaning-under-shipped, under the shipped SCORE_WEIGHTS): only the messages it reaches.
    const options = { weights: args.includes('--meaning-under-shipped') ? SCORE_WEIGHTS : weights, sentences };
    const meaning = [
      ...(await meaningPairsOf(new KnowledgeBase(claims.filter((c) => !removed.has(c.id)), options), train.map((q) => ({ text: q.text, claims: q.gold })))),
      ...(await meaningPairsOf(new KnowledgeBase(shipped.map(withOnePhrasing), options), chatFit, meaningChatWeight)),
      ...(await meaningPairsOf(new KnowledgeBase(shipped, options), chatFit, meaningChatWeight / 4)),
    ];
    const meaningWeights = fitLogistic(meaning);
    console.log(`MEANING_WEIGHTS (${meaning.length} pairs): [${meaningWeights.map((w) => w.toFixed(3)).join(', ')}]`);
  }
  process.exit(0);
}
console.log('\nsplit       queries  MAP@5    MRR   R@5');
for (const split of ['train', 'dev', 'test2021', 'test2022']) {
  if (!splits.includes(split)) continue;
  const queries = readQueries(path.join(taskDir, `${split}.queries.jsonl`));
  started = performance.now();
  const s = await scoreRanking(kb, queries);
  const ms = (performance.now() - started) / queries.length;
  console.log(`${split.padEnd(10)} ${String(s.queries).padStart(8)}  ${f3(s.map5)}  ${f3(s.mrr)}  ${f3(s.recall5)}   (${ms.toFixed(2)} ms/query)`);
  if (showErrors && (split === 'train' || split === 'dev')) {
    for (const q of queries) {
      const ranked = await kb.rank(q.text, 5);
      if (ranked[0] !== undefined && q.gold.includes(ranked[0].claim.id)) continue;
      const gold = claims.find((c) => c.id === q.gold[0]);
      const at = ranked.findIndex((m) => q.gold.includes(m.claim.id));
      console.log(`  ${q.id} gold@${at < 0 ? '-' : at + 1}: ${q.text.slice(0, 140).replace(/\s+/g, ' ')}`);
      console.log(`      gold: ${gold?.claim.slice(0, 120)} | ${gold?.title ?? ''}`);
      console.log(`      top : ${ranked[0]?.score.toFixed(2)} ${ranked[0]?.claim.claim.slice(0, 120)}`);
    }
  }
}

if (args.includes('--synthetic-typos')) {
  // Typos to tune against without touching the test-based claim-edits files: 35% of words of 4+
  // letters; half lose their inner vowels ("prsdnt"), half get one deletion, insertion,
  // substitution or swap after the first letter. Seeded, so runs compare.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const typo = (word: string): string => {
    if (word.length < 4 || random() > 0.35) return word;
    if (random() < 0.5) return word[0] + word.slice(1).replace(/[aeiou]/g, (v) => (random() < 0.7 ? '' : v));
    const i = 1 + Math.floor(random() * (word.length - 1));
    const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)] as string;
    const kind = random();
    if (kind < 0.25) return word.slice(0, i) + word.slice(i + 1);
    if (kind < 0.5) return word.slice(0, i) + letter + word.slice(i);
    if (kind < 0.75) return word.slice(0, i) + letter + word.slice(i + 1);
    return i + 1 < word.length ? word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2) : word;
  };
  console.log('\nsynthetic typos  clean  typos  loss');
  for (const split of ['train', 'dev']) {
    const queries = readQueries(path.join(taskDir, `${split}.queries.jsonl`));
    seed = 7;
    const clean = (await scoreRanking(kb, queries)).map5;
    const typed = (await scoreRanking(kb, queries.map((q) => ({ ...q, text: q.text.replace(/[A-Za-z]+/g, typo) })))).map5;
    console.log(`${split.padEnd(16)} ${f3(clean)}  ${f3(typed)}  ${f3(clean - typed)}`);
  }
}

/** Reply precision and recall with the claims `removed` taken out of the knowledge base, printed as one line. */
async function printReplies(name: string, queries: readonly CheckThatQuery[], removed: ReadonlySet<string>, removedWhat: string): Promise<void> {
  const checker = new FactChecker(new KnowledgeBase(claims.filter((c) => !removed.has(c.id)), withSentences));
  const r = await scoreReplies(checker, queries);
  console.log(
    `\n${name} (kb minus ${removed.size} ${removedWhat}): ${r.queries} tweets, ${r.withGold} with gold; ` +
      `replies ${r.replies}, correct ${r.correctReplies}; precision ${f3(r.precision)}, recall ${f3(r.recall)}; ` +
      `silent on ${r.silentOnNoMatch}/${r.queries - r.withGold} without gold`,
  );
}

if (splits.includes('dev-holdout')) {
  // The hold-out's setting on dev, to tune against: half the tweets have no claim to match and should get no reply.
  const { removed, queries } = withheldEveryOther(readQueries(path.join(taskDir, 'dev.queries.jsonl')));
  await printReplies('dev-holdout', queries, removed, 'withheld gold');
}

if (splits.includes('holdout')) {
  const queries = readQueries(path.join(taskDir, 'test2022-holdout.queries.jsonl'));
  await printReplies('test2022-holdout', queries, new Set(queries.flatMap((q) => q.removed_gold ?? [])), 'removed gold');
}

if (splits.includes('edits') && existsSync(editsDir)) {
  const test2021 = readQueries(path.join(taskDir, 'test2021.queries.jsonl'));
  const goldOf = new Map(test2021.map((q) => [q.id, q.gold]));
  const base = await scoreRanking(kb, test2021);
  console.log(`\nclaim-edits-clef2021 (vs test2021 gold; original test2021 MAP@5 ${f3(base.map5)})`);
  console.log('edit                       queries  MAP@5  same tweets unedited  change');
  for (const file of readdirSync(editsDir).filter((f) => f.endsWith('.tsv')).sort()) {
    const edits = readEdits(path.join(editsDir, file)).filter((e) => goldOf.has(e.id));
    const edited = await scoreRanking(kb, edits.map((e) => ({ text: e.text, gold: goldOf.get(e.id) ?? [] })));
    const originals = await scoreRanking(kb, test2021.filter((q) => edits.some((e) => e.id === q.id)));
    const name = file.split('__')[0] as string;
    console.log(`${name.padEnd(26)} ${String(edited.queries).padStart(7)}  ${f3(edited.map5)}  ${f3(originals.map5).padStart(20)}  ${(edited.map5 - originals.map5 >= 0 ? '+' : '') + f3(edited.map5 - originals.map5)}`);
  }
}
