import Fuse from 'fuse.js';
import { LRUCache } from 'lru-cache';

/** A typo's nearest known term and how much of a match it counts for (0-1). */
export interface TermExpansion {
  term: string;
  credit: number;
}

const MIN_FUZZY_LENGTH = 4;
// Fuse score (0 = exact) above which a word is not taken for a typo of a known term.
const MAX_FUSE_SCORE = 0.3;

/**
 * Fuzzy lookup of unknown words in the vocabulary (not in the claims): fuse.js over the
 * vocabulary's surface keys, bucketed by first letter so one lookup scans a small list.
 */
export class FuzzyTerms {
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly termOfKey: Map<string, string>;
  private readonly cache = new LRUCache<string, TermExpansion | false>({ max: 50_000 });

  constructor(keys: Map<string, string>) {
    this.termOfKey = keys;
    const grouped = new Map<string, string[]>();
    for (const key of keys.keys()) {
      if (key.length < MIN_FUZZY_LENGTH - 1 || !/^[a-z]/.test(key)) continue;
      const first = key[0] as string;
      let list = grouped.get(first);
      if (list === undefined) grouped.set(first, (list = []));
      list.push(key);
    }
    for (const [first, list] of grouped) {
      this.buckets.set(
        first,
        new Fuse(list, { includeScore: true, threshold: MAX_FUSE_SCORE, ignoreLocation: true, isCaseSensitive: true, shouldSort: true }),
      );
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
    const fuse = this.buckets.get(key[0] as string);
    if (fuse === undefined) return undefined;
    const [best] = fuse.search(key, { limit: 1 });
    if (best === undefined || best.score === undefined) return undefined;
    // A much shorter or longer word is another word, not a typo ("khan" inside "khanpur").
    if (Math.abs(best.item.length - key.length) > Math.max(1, Math.floor(key.length / 4))) return undefined;
    const term = this.termOfKey.get(best.item);
    if (term === undefined) return undefined;
    return { term, credit: Math.max(0, 1 - best.score * 1.5) };
  }
}
