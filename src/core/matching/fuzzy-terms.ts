import Fuse from 'fuse.js';
import { boundedCache } from '../bounded-cache.ts';

/** A typo's nearest known term and how much of a match it counts for (0-1). */
export interface TermExpansion {
  term: string;
  credit: number;
}

const MIN_FUZZY_LENGTH = 4;
// Keys this long may be two edits from the word they misspell; shorter ones only one.
const TWO_EDIT_LENGTH = 9;
const CREDIT_PER_EDIT = 0.2;

/**
 * Typos of known terms, found through a deletion index (the SymSpell idea): every vocabulary key
 * is stored under itself with each single letter deleted, so a lookup only generates the word's
 * own deletions and checks a few candidates; fuse.js breaks ties between them. It costs no scan of the
 * vocabulary per word, which a fuse.js search over 30,000 terms did, at about a millisecond a word.
 * Deletions are stored by a hash of their letters, not as strings: a collision only adds a
 * candidate, which the edit distance then turns away.
 */
export class FuzzyTerms {
  /** Keys under each deletion's hash: most have one key, stored bare; more go in an array. */
  private readonly byDeletion = new Map<number, string | string[]>();
  private readonly termOfKey: Map<string, string>;
  private readonly cache = boundedCache<string, TermExpansion | false>(50_000);

  constructor(keys: Map<string, string>) {
    this.termOfKey = keys;
    for (const key of keys.keys()) {
      if (key.length < MIN_FUZZY_LENGTH - 1 || !/^[a-z]+$/.test(key)) continue;
      for (let skip = -1; skip < key.length; skip++) {
        const variant = hashWithout(key, skip);
        const list = this.byDeletion.get(variant);
        if (list === undefined) this.byDeletion.set(variant, key);
        else if (typeof list === 'string') this.byDeletion.set(variant, [list, key]);
        else if (list.length < 16) list.push(key);
      }
    }
  }

  /** The known term a word is most likely a typo of, or undefined. */
  expand(key: string): TermExpansion | undefined {
    if (key.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(key)) return undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached === false ? undefined : cached;
    const result = this.lookup(key);
    this.cache.set(key, result ?? false);
    return result;
  }

  private lookup(key: string): TermExpansion | undefined {
    const maxEdits = key.length >= TWO_EDIT_LENGTH ? 2 : 1;
    const edits = new Map<string, number>();
    for (let skip = -1; skip < key.length; skip++) {
      const found = this.byDeletion.get(hashWithout(key, skip));
      if (found === undefined) continue;
      for (const candidate of typeof found === 'string' ? [found] : found) {
        // Same first letter: people rarely mistype the first letter of a word.
        if (candidate === key || candidate[0] !== key[0] || edits.has(candidate)) continue;
        const distance = editDistance(key, candidate, maxEdits);
        if (distance <= maxEdits) edits.set(candidate, distance);
      }
    }
    if (edits.size === 0) return undefined;
    const fewest = Math.min(...edits.values());
    const closest = [...edits.keys()].filter((k) => edits.get(k) === fewest).sort();
    // Between equally near words, fuse.js (Bitap) decides by which letters differ and where.
    const chosen = closest.length === 1 ? closest[0] : (new Fuse(closest, FUSE_OPTIONS).search(key, { limit: 1 })[0]?.item ?? closest[0]);
    if (chosen === undefined) return undefined;
    const term = this.termOfKey.get(chosen);
    return term === undefined ? undefined : { term, credit: 1 - CREDIT_PER_EDIT * (edits.get(chosen) as number) };
  }
}

const FUSE_OPTIONS = { ignoreLocation: true, isCaseSensitive: true, threshold: 1, shouldSort: true } as const;

/** FNV-1a hash of a word with the letter at `skip` deleted (none when -1), in the small-integer range. */
function hashWithout(word: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i !== skip) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % 0x3fffffff;
}

/** Optimal string alignment distance (a swap of neighbours is one edit), cut off above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(new Array<number>(b.length + 1).fill(0));
  for (let i = 0; i <= a.length; i++) (rows[i] as number[])[0] = i;
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** A word's consonant skeleton: first letter kept, later vowels dropped, repeated letters once. */
export function skeleton(word: string): string {
  return (word[0] ?? '') + word.slice(1).replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
}

const MIN_SKELETON = 3;

/**
 * Respells a word the knowledge base does not know at all, before stemming and glued-word splitting
 * can garble it: first as a misspelling of a whole knowledge-base word (one edit, two in long
 * words), then as a word typed without its vowels ("prsdnt", "sgned", "nvd"), mapped onto the most
 * used knowledge-base word with the same consonants.
 */
export class UnknownWords {
  private readonly bySkeleton = new Map<string, { word: string; count: number }>();
  /** Misspellings of whole words, found before stemming can garble them ("maother" is not "ma other"). */
  private readonly typos: FuzzyTerms;

  constructor(counts: ReadonlyMap<string, number>, private readonly known: (word: string) => boolean) {
    this.typos = new FuzzyTerms(new Map([...counts.keys()].filter((w) => w.length >= 5 && /^[a-z]+$/.test(w)).map((w) => [w, w])));
    for (const [word, count] of counts) {
      if (word.length < MIN_FUZZY_LENGTH || !/^[a-z]+$/.test(word)) continue;
      const key = skeleton(word);
      if (key.length < MIN_SKELETON || key === word) continue;
      const current = this.bySkeleton.get(key);
      if (current === undefined || count > current.count) this.bySkeleton.set(key, { word, count });
    }
  }

  /** The knowledge base's word that an unknown, vowel-less word stands for, or undefined. */
  respell = (word: string): string[] | undefined => {
    if (word.length < MIN_SKELETON || !/^[a-z]+$/.test(word) || this.known(word)) return undefined;
    const typo = this.typos.expand(word);
    if (typo !== undefined) return [typo.term];
    const found = this.bySkeleton.get(skeleton(word));
    return found === undefined ? undefined : [found.word];
  };
}
