import type { Claim } from '../claim.ts';
import { FuzzyTerms, UnknownWords } from './fuzzy-terms.ts';
import { GluedWords } from './glued-words.ts';
import { CONCEPTS } from './lexicon.ts';
import { STOP_WORDS } from './stopwords.ts';
import { lexiconKeys, surfaceKey, termOf, type GluedWordSplitter } from './terms.ts';
import { cleanMessage, words } from './normalise.ts';

const LATIN = /^[a-z]+$/;

/** A claim's core: terms most of its texts share, weighted by idf times that share. */
export interface ClaimCore {
  terms: Map<string, number>;
  /** The same terms as ids (`ClaimIndex.termIds`) and weights, in the same order. */
  termIds: Int32Array;
  termWeights: Float64Array;
  weight: number;
  /** The core terms that are names, with their weights. */
  names: Map<string, number>;
  nameWeight: number;
}

// A term is core to a claim when at least this share of the claim's texts use it.
const CORE_SHARE = 0.5;
// In a small knowledge base about one story, the story's names (Khan, Trump) are in every claim
// and idf alone would make them stop words; they still tell on-topic from off-topic chat.
const IDF_FLOOR = 0.5;
// Names of people and countries tell a claim about this story from the same words about another
// ("Trump released a video on tariffs"), so they never weigh less than this.
const NAME_FLOOR = 1.2;
const NAMES: ReadonlySet<string> = new Set(['trump', 'imran', 'khan', 'pti', 'america', 'pakistan', 'biden', 'iran']);
/**
 * Parts of one person's name, and how surely each names that person: "Imran" (or "IK",
 * "Kaptaan") does; "Khan" alone, one of the commonest surnames, only half does.
 */
export const SAME_PERSON: ReadonlyMap<string, { person: string; sureness: number }> = new Map([
  ['imran', { person: 'imran-khan', sureness: 1 }],
  ['khan', { person: 'imran-khan', sureness: 0.5 }],
]);

/** Which text of a claim a document was made from; `whole` is the claim and its title together. */
export type Field = 'claim' | 'title' | 'whole' | 'phrasing' | 'counter';

/** One searchable text of a claim. */
export interface IndexedDoc {
  claim: number;
  field: Field;
  text: string;
  /** Ids (`ClaimIndex.termIds`) of the doc's distinct terms, in order of first use. */
  terms: Int32Array;
  length: number;
  /** Sum of the idf of the doc's distinct terms: what a full match is worth. */
  weight: number;
  /**
   * Docs scored along with this one when retrieval finds it: a `whole` doc brings its claim's
   * claim and title docs, which are not in the postings themselves (they would triple the walk).
   */
  companions: number[];
}

/**
 * A term's postings, flat: doc number and term frequency in turn ([doc, tf, doc, tf, ...]), so
 * the index holds a few hundred thousand small integers rather than as many objects.
 */
export type Postings = number[];

/**
 * Inverted index over every claim's texts. Idf is counted over claims, not texts, so a claim
 * with many phrasings does not make its own words look common.
 */
export class ClaimIndex {
  readonly docs: IndexedDoc[] = [];
  readonly postings = new Map<string, Postings>();
  readonly idf = new Map<string, number>();
  /** A number per indexed term, for typed-array bookkeeping in scoring. */
  readonly termIds = new Map<string, number>();
  readonly fuzzy: FuzzyTerms;
  readonly glued: GluedWords;
  readonly unknownWords: UnknownWords;
  /** Per claim (same order as `claims`). */
  readonly cores: ClaimCore[] = [];
  /** Weight given to a message word the index has never seen. */
  readonly unknownWeight: number;
  readonly averageLength: Record<Field, number>;

  constructor(readonly claims: readonly Claim[]) {
    const claimsWithTerm = new Map<string, number>();
    const surface = new Map<string, string>(lexiconKeys());
    const knownWords = new Set<string>([...STOP_WORDS].filter((w) => /^[a-z]+$/.test(w)));
    for (const entries of Object.values(CONCEPTS)) for (const entry of entries) knownWords.add(entry);
    const docShare: Map<string, number>[] = [];
    const wordCounts = new Map<string, number>();
    // Per term id: its count in the doc being added, and the last doc that used it.
    const termNames: string[] = [];
    const termLists: Postings[] = [];
    const counts: number[] = [];
    const lastDoc: number[] = [];
    claims.forEach((claim, index) => {
      const seen = new Set<string>();
      const share = new Map<string, number>();
      let positiveDocs = 0;
      // With a title, retrieval walks the claim-and-title doc only.
      const unsearched = claim.title !== undefined && claim.title !== claim.claim;
      const add = (field: Field, text: string, known?: string[]): string[] => {
        const unsearchedHere = unsearched && (field === 'claim' || field === 'title');
        // The text's words are split once, for its terms and for the vocabulary below.
        const textWords = known === undefined ? words(cleanMessage(text)) : [];
        let terms: string[];
        if (known !== undefined) terms = known;
        else {
          terms = [];
          for (const word of textWords) {
            const term = termOf(word);
            if (term !== null) terms.push(term);
          }
        }
        if (terms.length === 0) return terms;
        const doc = this.docs.length;
        const ids: number[] = [];
        for (const term of terms) {
          let id = this.termIds.get(term);
          if (id === undefined) {
            id = termNames.length;
            this.termIds.set(term, id);
            termNames.push(term);
            termLists.push([]);
            counts.push(0);
            lastDoc.push(-1);
          }
          if (lastDoc[id] !== doc) {
            lastDoc[id] = doc;
            ids.push(id);
          }
          counts[id] = (counts[id] as number) + 1;
        }
        this.docs.push({ claim: index, field, text, terms: Int32Array.from(ids), length: terms.length, weight: 0, companions: [] });
        for (const id of ids) {
          const term = termNames[id] as string;
          const count = counts[id] as number;
          counts[id] = 0;
          let list = this.postings.get(term);
          if (list === undefined) this.postings.set(term, (list = termLists[id] as Postings));
          if (!unsearchedHere) list.push(doc, count);
          if (field !== 'counter') seen.add(term);
          if (field !== 'counter' && field !== 'whole') share.set(term, (share.get(term) ?? 0) + 1);
        }
        if (field !== 'counter' && field !== 'whole') positiveDocs++;
        if (known !== undefined) return terms;
        for (const word of textWords) {
          if (LATIN.test(word)) knownWords.add(word);
          if (field !== 'counter') wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
          const key = surfaceKey(word);
          if (!surface.has(key) && lastDoc[this.termIds.get(key) ?? -1] === doc) surface.set(key, key);
        }
        return terms;
      };
      const first = this.docs.length;
      const claimTerms = add('claim', claim.claim);
      if (claim.title !== undefined && claim.title !== claim.claim) {
        const titleTerms = add('title', claim.title);
        // A headline and its claim often say the story in different words; BM25 over both at once
        // ranks better than the best of the two (CheckThat! train MAP@5 0.800 -> 0.817).
        const whole = this.docs.length;
        add('whole', `${claim.claim}\n${claim.title}`, [...claimTerms, ...titleTerms]);
        const wholeDoc = this.docs[whole];
        if (wholeDoc !== undefined) for (let d = first; d < whole; d++) wholeDoc.companions.push(d);
      }
      for (const phrasing of claim.phrasings) add('phrasing', phrasing);
      for (const counter of claim.counterExamples) add('counter', counter);
      for (const term of seen) claimsWithTerm.set(term, (claimsWithTerm.get(term) ?? 0) + 1);
      for (const [term, count] of share) share.set(term, count / Math.max(1, positiveDocs));
      docShare.push(share);
    });

    const n = Math.max(1, claims.length);
    for (const term of this.postings.keys()) {
      const df = claimsWithTerm.get(term) ?? 0;
      this.idf.set(term, Math.max(NAMES.has(term) ? NAME_FLOOR : IDF_FLOOR, Math.log(1 + (n - df + 0.5) / (df + 0.5))));
    }
    const sorted = [...this.idf.values()].sort((a, b) => a - b);
    this.unknownWeight = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 1;

    const totals: Record<Field, [number, number]> = { claim: [0, 0], title: [0, 0], whole: [0, 0], phrasing: [0, 0], counter: [0, 0] };
    const idfById = new Float64Array(termNames.length);
    termNames.forEach((term, id) => (idfById[id] = this.idf.get(term) ?? 0));
    for (const doc of this.docs) {
      let weight = 0;
      for (const id of doc.terms) weight += idfById[id] as number;
      doc.weight = weight;
      totals[doc.field][0] += doc.length;
      totals[doc.field][1] += 1;
    }
    const avg = ([sum, count]: [number, number]) => (count === 0 ? 1 : sum / count);
    this.averageLength = { claim: avg(totals.claim), title: avg(totals.title), whole: avg(totals.whole), phrasing: avg(totals.phrasing), counter: avg(totals.counter) };
    for (const share of docShare) {
      const terms = new Map<string, number>();
      const names = new Map<string, number>();
      let weight = 0;
      let nameWeight = 0;
      for (const [term, fraction] of share) {
        if (fraction < CORE_SHARE) continue;
        const w = (this.idf.get(term) ?? 0) * fraction;
        terms.set(term, w);
        weight += w;
        if (NAMES.has(term)) {
          names.set(term, w);
          nameWeight += w;
        }
      }
      const termIds = Int32Array.from(terms.keys(), (term) => this.termIds.get(term) as number);
      this.cores.push({ terms, termIds, termWeights: Float64Array.from(terms.values()), weight, names, nameWeight });
    }
    this.fuzzy = new FuzzyTerms(surface);
    this.glued = new GluedWords(knownWords);
    this.unknownWords = new UnknownWords(wordCounts, (word) => {
      if (knownWords.has(word)) return true;
      const term = termOf(word);
      return term === null || this.postings.has(term);
    });
  }

  /** How a message word becomes knowledge-base words: misspelt and vowel-less words respelled, glued words split. */
  readonly splitWord: GluedWordSplitter = (word) => this.unknownWords.respell(word) ?? this.glued.split(word);

  /** Weight of a message term: its idf if the index knows it. */
  weightOf(term: string): number {
    return this.idf.get(term) ?? this.unknownWeight;
  }
}
