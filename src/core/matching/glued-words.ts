import { boundedCache } from '../bounded-cache.ts';

const MIN_GLUED_LENGTH = 7;
const MAX_PARTS = 4;

/**
 * Splits Latin words typed without spaces ("trumpvideo", "khankirihai") into words the
 * knowledge base uses, preferring the fewest parts. Unknown words stay whole.
 */
export class GluedWords {
  private readonly cache = boundedCache<string, string[] | false>(20_000);
  private readonly longest: number;

  constructor(private readonly known: ReadonlySet<string>) {
    let longest = 0;
    for (const word of known) longest = Math.max(longest, word.length);
    this.longest = longest;
  }

  split = (word: string): string[] | undefined => {
    if (word.length < MIN_GLUED_LENGTH || this.known.has(word) || !/^[a-z]+$/.test(word)) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached === false ? undefined : cached;
    const parts = this.segment(word);
    this.cache.set(word, parts ?? false);
    return parts;
  };

  private segment(word: string): string[] | undefined {
    // best[i]: fewest known parts covering word[0, i).
    const best: (string[] | undefined)[] = new Array(word.length + 1).fill(undefined);
    best[0] = [];
    for (let end = 1; end <= word.length; end++) {
      for (let start = Math.max(0, end - this.longest); start < end; start++) {
        const before = best[start];
        if (before === undefined || before.length >= MAX_PARTS) continue;
        const piece = word.slice(start, end);
        if (piece.length < 2 || !this.known.has(piece)) continue;
        const current = best[end];
        if (current === undefined || before.length + 1 < current.length) best[end] = [...before, piece];
      }
    }
    const parts = best[word.length];
    return parts !== undefined && parts.length > 1 ? parts : undefined;
  }
}
