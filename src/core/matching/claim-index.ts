import type { Claim } from '../claim.ts';
import { FuzzyTerms, UnknownWords } from './fuzzy-terms.ts';
import { GluedWords } from './glued-words.ts';
import { CONCEPTS, NAME_CONCEPTS } from './lexicon.ts';
import { STOP_WORDS } from './stopwords.ts';
import { lexiconKeys, surfaceKey, tenseOf, termOf, withSenses, type GluedWordSplitter } from './terms.ts';
import { cleanMessage, words } from './normalise.ts';

const LATIN = /^[a-z]+$/;

/** A claim's core: terms most of its texts share, weighted by idf times that share. */
export interface ClaimCore {
  /** The terms as ids (`ClaimIndex.termIds`), and their weights in the same order. */
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
const NAMES = NAME_CONCEPTS;
/**
 * Parts of one person's name, and how surely each names that person: "Imran" (or "IK",
 * "Kaptaan") does; "Khan" alone, one of the commonest surnames, only half does.
 */
export const SAME_PERSON: ReadonlyMap<string, { person: string; sureness: number }> = new Map([
  ['imran', { person: 'imran-khan', sureness: 1 }],
  ['khan', { person: 'imran-khan', sureness: 0.5 }],
  // His party: "PTI ki hakumat" is his government.
  ['pti', { person: 'imran-khan', sureness: 0.5 }],
]);

/** Whom a claim is about, as its texts name them (for the reply gate). */
export interface ClaimNames {
  /** The first name its claim text gives: the one it is about ("Washington and Pakistan's generals conspired..."). */
  subject: string | undefined;
  /** Every name any of its texts gives. */
  mentioned: ReadonlySet<string>;
}

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
  /** The part of `weight` that is not names: what the text says of whom it names. */
  contentWeight: number;
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
  /** Per claim (same order as `claims`). */
  readonly names: ClaimNames[] = [];
  /** Weight given to a message word the index has never seen. */
  readonly unknownWeight: number;
  /** Per term id: its idf. */
  readonly idfById: Float64Array;
  /** Per term id: 1 when the term is a name (see `isName`). */
  readonly nameById: Uint8Array;
  readonly averageLength: Record<Field, number>;

  constructor(readonly claims: readonly Claim[]) {
    // Per term id: how many claims use it, and the last claim that did.
    const claimsWithTerm: number[] = [];
    const lastClaim: number[] = [];
    const surface = new Map<string, string>(lexiconKeys());
    const knownWords = new Set<string>([...STOP_WORDS].filter((w) => /^[a-z]+$/.test(w)));
    // Two-letter entries ("rs", "dr") would split ordinary words ("brothers" = bro + the + rs).
    for (const entries of Object.values(CONCEPTS)) for (const entry of entries) if (entry.length > 2) knownWords.add(entry);
    // Per claim: the ids of the terms in at least CORE_SHARE of its texts, and those shares.
    const coreIds: Int32Array[] = [];
    const coreShares: Float64Array[] = [];
    // Per term id: how many of the current claim's texts use it; and the ids touched, in first use.
    const textsWithTerm: number[] = [];
    const termsOfClaim: number[] = [];
    // Per term id: its count in the doc being added, and the last doc that used it.
    const termNames: string[] = [];
    const termLists: Postings[] = [];
    const counts: number[] = [];
    const lastDoc: number[] = [];
    const termId = (term: string): number => {
      let id = this.termIds.get(term);
      if (id !== undefined) return id;
      id = termNames.length;
      this.termIds.set(term, id);
      termNames.push(term);
      const list: Postings = [];
      termLists.push(list);
      this.postings.set(term, list);
      counts.push(0);
      lastDoc.push(-1);
      claimsWithTerm.push(0);
      lastClaim.push(-1);
      textsWithTerm.push(0);
      return id;
    };
    // Every distinct word of the claims' texts, in order of first use: its term id (-1 for a stop
    // word) and its count outside counter-examples. Each occurrence costs one lookup.
    const wordNumbers = new Map<string, number>();
    const wordList: string[] = [];
    const wordTerms: number[] = [];
    // Per word: the id of the tense it also says ("karega": will), or -1.
    const wordTenses: number[] = [];
    const wordCountList: number[] = [];
    claims.forEach((claim, index) => {
      termsOfClaim.length = 0;
      let positiveDocs = 0;
      // With a title, retrieval walks the claim-and-title doc only.
      const unsearched = claim.title !== undefined && claim.title !== claim.claim;
      /** Adds a doc of the claim; returns its terms as ids, in order, repeats kept. */
      const add = (field: Field, text: string, known?: number[]): number[] => {
        const unsearchedHere = unsearched && (field === 'claim' || field === 'title');
        let terms: number[];
        if (known !== undefined) terms = known;
        else {
          terms = [];
          const counted = field === 'counter' ? 0 : 1;
          for (const word of words(withSenses(cleanMessage(text)))) {
            let number = wordNumbers.get(word);
            if (number === undefined) {
              number = wordList.length;
              wordNumbers.set(word, number);
              wordList.push(word);
              const term = termOf(word);
              wordTerms.push(term === null ? -1 : termId(term));
              const tense = tenseOf(word);
              wordTenses.push(tense === null ? -1 : termId(tense));
              wordCountList.push(0);
            }
            wordCountList[number] = (wordCountList[number] as number) + counted;
            const id = wordTerms[number] as number;
            if (id >= 0) terms.push(id);
            const tense = wordTenses[number] as number;
            if (tense >= 0) terms.push(tense);
          }
        }
        if (terms.length === 0) return terms;
        const doc = this.docs.length;
        const ids: number[] = [];
        for (const id of terms) {
          if (lastDoc[id] !== doc) {
            lastDoc[id] = doc;
            ids.push(id);
          }
          counts[id] = (counts[id] as number) + 1;
        }
        this.docs.push({ claim: index, field, text, terms: Int32Array.from(ids), length: terms.length, weight: 0, contentWeight: 0, companions: [] });
        const positive = field !== 'counter';
        for (const id of ids) {
          const count = counts[id] as number;
          counts[id] = 0;
          if (!unsearchedHere) (termLists[id] as Postings).push(doc, count);
          if (positive && lastClaim[id] !== index) {
            lastClaim[id] = index;
            claimsWithTerm[id] = (claimsWithTerm[id] as number) + 1;
            textsWithTerm[id] = 0;
            termsOfClaim.push(id);
          }
          if (positive && field !== 'whole') textsWithTerm[id] = (textsWithTerm[id] as number) + 1;
        }
        if (field !== 'counter' && field !== 'whole') positiveDocs++;
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
      const subject = claimTerms.map((id) => termNames[id] as string).find((term) => NAMES.has(term));
      const mentioned = new Set(termsOfClaim.map((id) => termNames[id] as string).filter((term) => NAMES.has(term)));
      this.names.push({ subject, mentioned });
      const ids: number[] = [];
      const shares: number[] = [];
      for (const id of termsOfClaim) {
        const share = (textsWithTerm[id] as number) / Math.max(1, positiveDocs);
        if (share < CORE_SHARE) continue;
        ids.push(id);
        shares.push(share);
      }
      coreIds.push(Int32Array.from(ids));
      coreShares.push(Float64Array.from(shares));
    });

    const n = Math.max(1, claims.length);
    const idfById = new Float64Array(termNames.length);
    this.idfById = idfById;
    this.nameById = Uint8Array.from(termNames, (term) => (NAMES.has(term) ? 1 : 0));
    termNames.forEach((term, id) => {
      const df = claimsWithTerm[id] as number;
      const idf = Math.max(NAMES.has(term) ? NAME_FLOOR : IDF_FLOOR, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
      this.idf.set(term, idf);
      idfById[id] = idf;
    });
    const sorted = [...this.idf.values()].sort((a, b) => a - b);
    this.unknownWeight = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 1;

    const totals: Record<Field, [number, number]> = { claim: [0, 0], title: [0, 0], whole: [0, 0], phrasing: [0, 0], counter: [0, 0] };
    for (const doc of this.docs) {
      let weight = 0;
      let contentWeight = 0;
      const { terms } = doc;
      for (let i = 0; i < terms.length; i++) {
        const idf = idfById[terms[i] as number] as number;
        weight += idf;
        if (this.nameById[terms[i] as number] === 0) contentWeight += idf;
      }
      doc.weight = weight;
      doc.contentWeight = contentWeight;
      totals[doc.field][0] += doc.length;
      totals[doc.field][1] += 1;
    }
    const avg = ([sum, count]: [number, number]) => (count === 0 ? 1 : sum / count);
    this.averageLength = { claim: avg(totals.claim), title: avg(totals.title), whole: avg(totals.whole), phrasing: avg(totals.phrasing), counter: avg(totals.counter) };
    coreIds.forEach((termIds, claim) => {
      const shares = coreShares[claim] as Float64Array;
      const termWeights = new Float64Array(termIds.length);
      const names = new Map<string, number>();
      let weight = 0;
      let nameWeight = 0;
      termIds.forEach((id, i) => {
        const w = (idfById[id] as number) * (shares[i] as number);
        termWeights[i] = w;
        weight += w;
        const term = termNames[id] as string;
        if (NAMES.has(term)) {
          names.set(term, w);
          nameWeight += w;
        }
      });
      this.cores.push({ termIds, termWeights, weight, names, nameWeight });
    });
    // Each distinct word once: the vocabulary that typos are matched against (a word's surface key
    // when that key is an indexed term) and the words glued-word splitting may produce.
    const wordCounts = new Map<string, number>();
    wordList.forEach((word, number) => {
      if (LATIN.test(word)) knownWords.add(word);
      const key = surfaceKey(word);
      if (!surface.has(key) && this.termIds.has(key)) surface.set(key, key);
      const count = wordCountList[number] as number;
      if (count > 0) wordCounts.set(word, count);
    });
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

  /** Whether a term names a person, country, place, party or institution. */
  isName(term: string): boolean {
    return NAMES.has(term);
  }

  /** Weight of a message term: its idf if the index knows it. */
  weightOf(term: string): number {
    return this.idf.get(term) ?? this.unknownWeight;
  }
}
