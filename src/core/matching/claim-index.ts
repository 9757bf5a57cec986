import type { Claim } from '../claim.ts';
import { FuzzyTerms } from './fuzzy-terms.ts';
import { lexiconKeys, surfaceKey, termsOf } from './terms.ts';
import { cleanMessage, words } from './normalise.ts';

/** Which text of a claim a document was made from. */
export type Field = 'claim' | 'title' | 'phrasing' | 'counter';

/** One searchable text of a claim. */
export interface IndexedDoc {
  claim: number;
  field: Field;
  text: string;
  /** Term frequencies. */
  tf: Map<string, number>;
  length: number;
  /** Sum of the idf of the doc's distinct terms: what a full match is worth. */
  weight: number;
}

export interface Posting {
  doc: number;
  tf: number;
}

/**
 * Inverted index over every claim's texts. Idf is counted over claims, not texts, so a claim
 * with many phrasings does not make its own words look common.
 */
export class ClaimIndex {
  readonly docs: IndexedDoc[] = [];
  readonly postings = new Map<string, Posting[]>();
  readonly idf = new Map<string, number>();
  readonly fuzzy: FuzzyTerms;
  /** Weight given to a message word the index has never seen. */
  readonly unknownWeight: number;
  readonly averageLength: Record<Field, number>;

  constructor(readonly claims: readonly Claim[]) {
    const claimsWithTerm = new Map<string, number>();
    const surface = new Map<string, string>(lexiconKeys());
    claims.forEach((claim, index) => {
      const seen = new Set<string>();
      const add = (field: Field, text: string) => {
        const terms = termsOf(text);
        if (terms.length === 0) return;
        const tf = new Map<string, number>();
        for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
        const doc = this.docs.length;
        this.docs.push({ claim: index, field, text, tf, length: terms.length, weight: 0 });
        for (const [term, count] of tf) {
          let list = this.postings.get(term);
          if (list === undefined) this.postings.set(term, (list = []));
          list.push({ doc, tf: count });
          if (field !== 'counter') seen.add(term);
        }
        for (const word of words(cleanMessage(text))) {
          const key = surfaceKey(word);
          if (!surface.has(key) && tf.has(key)) surface.set(key, key);
        }
      };
      add('claim', claim.claim);
      if (claim.title !== undefined && claim.title !== claim.claim) add('title', claim.title);
      for (const phrasing of claim.phrasings) add('phrasing', phrasing);
      for (const counter of claim.counterExamples) add('counter', counter);
      for (const term of seen) claimsWithTerm.set(term, (claimsWithTerm.get(term) ?? 0) + 1);
    });

    const n = Math.max(1, claims.length);
    for (const term of this.postings.keys()) {
      const df = claimsWithTerm.get(term) ?? 0;
      this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    const sorted = [...this.idf.values()].sort((a, b) => a - b);
    this.unknownWeight = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] as number) : 1;

    const totals: Record<Field, [number, number]> = { claim: [0, 0], title: [0, 0], phrasing: [0, 0], counter: [0, 0] };
    for (const doc of this.docs) {
      let weight = 0;
      for (const term of doc.tf.keys()) weight += this.idf.get(term) ?? 0;
      doc.weight = weight;
      totals[doc.field][0] += doc.length;
      totals[doc.field][1] += 1;
    }
    const avg = ([sum, count]: [number, number]) => (count === 0 ? 1 : sum / count);
    this.averageLength = { claim: avg(totals.claim), title: avg(totals.title), phrasing: avg(totals.phrasing), counter: avg(totals.counter) };
    this.fuzzy = new FuzzyTerms(surface);
  }

  /** Weight of a message term: its idf if the index knows it. */
  weightOf(term: string): number {
    return this.idf.get(term) ?? this.unknownWeight;
  }
}
