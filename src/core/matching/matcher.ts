import type { Claim } from '../claim.ts';
import { ClaimIndex, SAME_PERSON, type Field } from './claim-index.ts';
import { analyse } from './terms.ts';

/** One claim that a message may repeat, with how sure the matcher is. */
export interface Match {
  claim: Claim;
  /** Calibrated similarity in [0, 1]: how fully the message says the claim's words, and little else. */
  score: number;
  /** The claim text or phrasing that matched best. */
  matchedText: string;
  field: Field;
  /** Score of the best moderator counter-example of this claim (0 if none). */
  counterScore: number;
  /** Share (0-1) of the weight of the names central to the claim (Khan, Trump) that the message mentions; 1 when it has none. */
  nameCoverage: number;
}

export interface MatcherOptions {
  /** Texts per message scored exactly after BM25 retrieval. */
  candidates?: number;
  /** Balance of the claim's words found (recall) against the message's words explained (precision). */
  beta?: number;
  /** How much a message missing the words most of a claim's texts share is marked down (0-1). */
  coreWeight?: number;
  /** How much a message missing the names in a claim's core (Khan, Trump) is marked down (0-1). */
  nameWeight?: number;
  /**
   * Ranking only: how much of the ranking key ignores BM25. Candidates are ordered by similarity
   * times (bm25Weight + (1 - bm25Weight) * BM25 / best BM25); `Match.score` stays the similarity,
   * so reply thresholds keep their meaning. On CheckThat! dev, MAP@5 0.814 -> 0.858.
   */
  bm25Weight?: number;
}

// Okapi BM25 constants for retrieval.
const K1 = 1.2;
const B = 0.75;

const COUNTER_EXAMPLE_DISCOUNT = 0.5;
// Similarity above which the core-terms mark-down fades out (reaching none at 1).
const EXACT_SIMILARITY = 0.8;

type QueryTerms = Map<string, number>; // term -> credit (1 exact, < 1 fuzzy)

/**
 * Ranks claims for a message: BM25 over an inverted index retrieves candidate texts, then each
 * candidate is scored by how much of its weighted vocabulary the message covers and how much of
 * the message it explains. Long messages are also scored sentence by sentence.
 */
export class ClaimMatcher {
  readonly index: ClaimIndex;
  private readonly candidates: number;
  private readonly sentenceCandidates: number;
  private readonly beta2: number;
  private readonly coreWeight: number;
  private readonly nameWeight: number;
  private readonly bm25Weight: number;
  /** Postings longer than this are skipped in retrieval when rarer terms are present. */
  private readonly commonPostings: number;
  // Scratch space for retrieval, reused by every message: BM25 accumulators and touched docs.
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  /** Per doc: K1 times BM25's length normalisation. */
  private readonly lengthNorm: Float64Array;

  constructor(claims: readonly Claim[], options: MatcherOptions = {}) {
    this.index = new ClaimIndex(claims);
    this.candidates = options.candidates ?? 100;
    this.sentenceCandidates = Math.min(this.candidates, 40);
    const beta = options.beta ?? 1.5;
    this.beta2 = beta * beta;
    this.coreWeight = options.coreWeight ?? 0.5;
    this.nameWeight = options.nameWeight ?? 0.4;
    this.bm25Weight = options.bm25Weight ?? 0.1;
    const docs = this.index.docs;
    this.commonPostings = Math.max(200, docs.length / 50);
    this.scores = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    this.lengthNorm = new Float64Array(docs.map((doc) => K1 * (1 - B + (B * doc.length) / this.index.averageLength[doc.field])));
  }

  /** The best `limit` claims for a text, best first; claims scoring 0 are left out. */
  rank(text: string, limit = 5): Match[] {
    const analysed = analyse(text, this.index.glued.split);
    const views = [analysed.terms, ...analysed.sentences];
    if (analysed.sentences.length > 2) {
      for (let i = 0; i + 1 < analysed.sentences.length; i++) {
        views.push([...(analysed.sentences[i] as string[]), ...(analysed.sentences[i + 1] as string[])]);
      }
    }
    const best = new Map<number, { key: number; score: number; doc: number; similarity: number }>();
    const counter = new Map<number, number>();
    for (const view of views) {
      if (view.length === 0) continue;
      const query = this.expand(view);
      // The whole message gets the full candidate list; its sentences a shorter one each.
      const { docs, bm25, top } = this.retrieve(query, view === analysed.terms ? this.candidates : this.sentenceCandidates);
      const weights = [...query].map(([term, credit]) => [term, credit, this.index.weightOf(term)] as const);
      const queryWeight = weights.reduce((sum, [, , weight]) => sum + weight, 0);
      const cores = new Map<number, number>();
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        const indexed = this.index.docs[doc];
        if (indexed === undefined) continue;
        let core = cores.get(indexed.claim);
        if (core === undefined) cores.set(indexed.claim, (core = this.coreFactor(query, indexed.claim)));
        const similarity = this.similarity(weights, queryWeight, doc);
        // A message that says a whole phrasing, and little else, is that claim however it is worded.
        const score = similarity * (core + (1 - core) * Math.max(0, (similarity - EXACT_SIMILARITY) / (1 - EXACT_SIMILARITY)));
        const key = score * (this.bm25Weight + (1 - this.bm25Weight) * ((bm25[i] as number) / top));
        if (score <= 0) continue;
        if (indexed.field === 'counter') {
          counter.set(indexed.claim, Math.max(counter.get(indexed.claim) ?? 0, score));
          continue;
        }
        const current = best.get(indexed.claim);
        if (current === undefined || key > current.key) best.set(indexed.claim, { key, score, doc, similarity });
      }
    }
    const matches: Match[] = [];
    const keys = new Map<Match, number>();
    const whole = this.expand(analysed.terms);
    for (const [claimIndex, { key, score, doc, similarity }] of best) {
      const indexed = this.index.docs[doc];
      const claim = this.index.claims[claimIndex];
      if (indexed === undefined || claim === undefined) continue;
      const counterScore = counter.get(claimIndex) ?? 0;
      // A moderator said messages like this are not about the claim: let other claims rank first.
      const discount = counterScore >= score ? COUNTER_EXAMPLE_DISCOUNT : 1;
      const match: Match = {
        claim,
        score: score * discount,
        matchedText: indexed.text,
        field: indexed.field,
        counterScore,
        // Saying a whole phrasing names the claim, whether or not that phrasing names anyone.
        nameCoverage: similarity >= EXACT_SIMILARITY ? 1 : this.nameCoverage(whole, claimIndex),
      };
      keys.set(match, key * discount);
      matches.push(match);
    }
    matches.sort((a, b) => (keys.get(b) as number) - (keys.get(a) as number) || a.claim.id.localeCompare(b.claim.id));
    return matches.slice(0, limit);
  }

  /** Message terms with their credit, typos mapped onto known terms. */
  private expand(terms: readonly string[]): QueryTerms {
    const query: QueryTerms = new Map();
    for (const term of terms) {
      if (this.index.postings.has(term)) {
        query.set(term, 1);
        continue;
      }
      const expansion = this.index.fuzzy.expand(term);
      if (expansion !== undefined && (query.get(expansion.term) ?? 0) < expansion.credit) {
        query.set(expansion.term, expansion.credit);
      } else if (!query.has(term)) {
        query.set(term, 0);
      }
    }
    return query;
  }

  /** Doc numbers of the best BM25 candidates for a query. */
  private retrieve(query: QueryTerms, limit: number): { docs: number[]; bm25: number[]; top: number } {
    const { scores, touched } = this;
    let count = 0;
    // Terms in a large share of the texts barely move BM25 but cost the most to walk; they still
    // count in the similarity of the candidates that the rarer terms retrieve.
    let rare = 0;
    for (const [term, credit] of query) {
      const length = this.index.postings.get(term)?.length ?? 0;
      if (credit > 0 && length > 0 && length <= this.commonPostings) rare++;
    }
    for (const [term, credit] of query) {
      if (credit === 0) continue;
      const postings = this.index.postings.get(term);
      if (postings === undefined || (rare >= 2 && postings.length > this.commonPostings)) continue;
      const idf = (this.index.idf.get(term) ?? 0) * credit * (K1 + 1);
      for (const { doc, tf } of postings) {
        if (scores[doc] === 0) touched[count++] = doc;
        scores[doc] = (scores[doc] as number) + (idf * tf) / (tf + (this.lengthNorm[doc] as number));
      }
    }
    let threshold = 0;
    if (count > limit) {
      const values = new Float64Array(count);
      for (let i = 0; i < count; i++) values[i] = scores[touched[i] as number] as number;
      values.sort();
      threshold = values[count - limit] as number;
    }
    const docs: number[] = [];
    const bm25: number[] = [];
    let top = 0;
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      const score = scores[doc] as number;
      if (score >= threshold && docs.length < limit) {
        docs.push(doc);
        bm25.push(score);
        top = Math.max(top, score);
      }
      scores[doc] = 0;
    }
    return { docs, bm25, top };
  }

  /** Share of a claim's core name weight that the query mentions (1 when the claim has no core names). */
  private nameCoverage(query: QueryTerms, claim: number): number {
    const core = this.index.cores[claim];
    if (core === undefined || core.nameWeight === 0) return 1;
    // A person named by either part of their name counts as named, with the weight of both parts.
    const people = new Map<string, { weight: number; credit: number }>();
    for (const [term, weight] of core.names) {
      const person = SAME_PERSON.get(term) ?? term;
      const entry = people.get(person) ?? { weight: 0, credit: 0 };
      entry.weight += weight;
      entry.credit = Math.max(entry.credit, query.get(term) ?? 0);
      people.set(person, entry);
    }
    let covered = 0;
    for (const { weight, credit } of people.values()) covered += weight * credit;
    return covered / core.nameWeight;
  }

  /** Mark-down for a message that lacks what a claim's texts have in common (its core terms). */
  private coreFactor(query: QueryTerms, claim: number): number {
    const core = this.index.cores[claim];
    if (core === undefined || core.weight === 0) return 1;
    let covered = 0;
    for (const [term, weight] of core.terms) covered += weight * (query.get(term) ?? 0);
    const names = 1 - this.nameWeight + this.nameWeight * this.nameCoverage(query, claim);
    return (1 - this.coreWeight + (this.coreWeight * covered) / core.weight) * names;
  }

  /** Weighted F-measure of claim-word coverage (recall) and message-word coverage (precision). */
  private similarity(query: readonly (readonly [string, number, number])[], queryWeight: number, docNumber: number): number {
    const doc = this.index.docs[docNumber];
    if (doc === undefined || doc.weight === 0) return 0;
    let matched = 0;
    for (const [term, credit, weight] of query) {
      if (credit > 0 && doc.tf.has(term)) matched += weight * credit;
    }
    if (matched === 0 || queryWeight === 0) return 0;
    const recall = Math.min(1, matched / doc.weight);
    const precision = matched / queryWeight;
    return ((1 + this.beta2) * precision * recall) / (this.beta2 * precision + recall);
  }
}
