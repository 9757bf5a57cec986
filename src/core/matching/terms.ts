import { stemmer } from 'stemmer';
import { CONCEPTS, EXACT_WORDS, FUTURE_WORDS } from './lexicon.ts';
import { STOP_WORDS } from './stopwords.ts';
import { cleanMessage, sentences, words } from './normalise.ts';

const LATIN = /^[a-z]+$/;

/**
 * Folds the spelling variety of Roman Urdu (and English typing habits) onto one key:
 * "waada"/"wada"/"vada", "hukoomat"/"hukumat", "rihaa"/"riha" meet.
 */
export function foldLatin(word: string): string {
  return word
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/v/g, 'w')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1')
    .replace(/([aeiou])h$/, '$1');
}

/** Folds Urdu inflections onto the base form: plural -وں/-یں dropped, oblique -ے back to -ہ. */
export function foldUrdu(word: string): string {
  if (word.length > 4 && /(?:وں|یں)$/u.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('ے')) return `${word.slice(0, -1)}ہ`;
  return word;
}

/** The key of one word before concept folding: stemmed and folded if Latin, Urdu-folded otherwise. */
export function surfaceKey(word: string): string {
  let key = keyCache.get(word);
  if (key !== undefined) return key;
  key = LATIN.test(word) ? foldLatin(stemmer(word)) : foldUrdu(word);
  if (keyCache.size >= 200_000) keyCache.clear();
  keyCache.set(word, key);
  return key;
}
const keyCache = new Map<string, string>();

// Concepts by surface key, and by the word as written for words the lexicon takes only as written.
const CONCEPT_OF = new Map<string, string>();
const EXACT_CONCEPT_OF = new Map<string, string>();
for (const [concept, entries] of Object.entries(CONCEPTS)) {
  for (const entry of entries) {
    const [word] = words(cleanMessage(entry));
    if (word === undefined) continue;
    // The first concept to claim a spelling keeps it (the story's words come first).
    const byKey = EXACT_WORDS.has(entry) ? EXACT_CONCEPT_OF : CONCEPT_OF;
    const key = byKey === CONCEPT_OF ? surfaceKey(word) : word;
    if (!byKey.has(key)) byKey.set(key, concept);
  }
}

// Words that also say "will" (Urdu puts the future in an ending or a particle), as the pipeline sees them.
const FUTURE = new Set(FUTURE_WORDS.flatMap((word) => words(cleanMessage(word))));
const WILL = 'will';

/** The term that a word says besides its own: "will" for an Urdu future ("karega", "ڈالے گا"), else null. */
export function tenseOf(word: string): string | null {
  return FUTURE.has(word) ? WILL : null;
}

/** Every surface key that the lexicon folds onto a concept (for fuzzy lookup of typos). */
export function lexiconKeys(): Iterable<[string, string]> {
  return CONCEPT_OF.entries();
}

// Stemming dominates indexing and matching time, and words repeat: remember recent words' terms.
const TERM_CACHE_SIZE = 200_000;
const termCache = new Map<string, string | null>();

/** One word to its matching term, or null for a stop word. */
export function termOf(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  let term: string | null = null;
  if (!STOP_WORDS.has(word)) {
    const key = surfaceKey(word);
    if (key.length > 0) term = EXACT_CONCEPT_OF.get(word) ?? CONCEPT_OF.get(key) ?? key;
  }
  if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
  termCache.set(word, term);
  return term;
}

// Urdu "رہا" is both "released" (رہا کر دیا، رہا ہو جائیں گے) and the progressive "-ing" (کہہ رہا ہے),
// a stop word: it is the release when a form of کر (do) or ہو … جا (become) follows it.
const RELEASED = /(?<=^|\s)رہا(?=\s+(?:کر|کیا|کیے|کیی|ہوگ|ہونگ|ہوجا|ہو\s+(?:جا|گ)|ہوں\s+گ))/gu;
const RELEASE_NOUN = cleanMessage('رہائی');

/**
 * English idioms whose sense is not in their words, written as that sense: "gave his word" is a
 * promise, "thrown out" and "voted out" a removal, "behind bars" and "locked up" prison. (Each
 * needs its particle: "out" and "word" alone are stop words or say nothing.) "Get him out of
 * jail" is left to its words: read as a release, it drew every release message to the claim
 * that Trump will get Khan out (chat dev, one phrasing: precision 97.6% -> 95.2%).
 */
const IDIOMS: readonly [RegExp, string][] = [
  [/\b(?:give|gives|gave|given|giving)\s+(?:(?:us|you|them|him|her|me|his|their|our|my|your)\s+){0,2}(?:solemn\s+)?word\b/giu, ' promised '],
  [/\b(?:throw|throws|threw|thrown|throwing|kick|kicks|kicked|kicking|boot|booted)\s+((?:\p{L}+\s+)?)out\b(?:\s+of\b)?/giu, ' removed $1'],
  [/\b(vote|votes|voted|voting)\s+((?:\p{L}+\s+)?)out\b(?:\s+of\b)?/giu, " $1 removed $2"],
  // "Released a video" publishes it; "released from jail" frees someone.
  [/\breleas(?:e|es|ed|ing)\s+((?:(?:a|an|the|his|her|their|its|this|that|new|another|latest)\s+)*(?:video|videos|clip|clips|statement|album|song|film|movie|report|trailer|photo|photos|picture|pictures|footage|details|list|letter|book)\b)/giu, ' published $1'],
  [/\b(?:behind\s+bars|lock(?:s|ed|ing)?\s+(?:\p{L}+\s+)?up)\b/giu, ' prison '],
];
const IDIOM_HINT = /\b(?:word|out|bars|up|releas\w*)\b/i;

// "Hukumat khatam karwayi", "حکومت ختم کروائی": a government ended is one removed ("khatam"
// alone is only "over", as in "baat khatam").
const GOVERNMENT_WORDS = ['hukumat', 'hakumat', 'hukoomat', 'hkumat', 'government', 'govt', cleanMessage('حکومت')];
const ENDED = new RegExp(`(?<=^|\\s)((?:${GOVERNMENT_WORDS.join('|')})(?:\\s+\\S+){0,2}?\\s+)(khatam|khatm|khtm|${cleanMessage('ختم')})(?=\\s|$)`, 'giu');

const ENDED_HINT = new RegExp(`khat|khtm|${cleanMessage('ختم')}`, 'iu');

// "Jail se nikalo", "جیل سے نکالیں": taken out of prison is released, where "nikala" alone is
// removed from office.
const PRISON_WORDS = ['jail', 'jel', 'qaid', 'adiala', 'adyala', 'prison', ...['جیل', 'قید', 'اڈیالہ'].map((w) => cleanMessage(w))];
const OUT_OF_PRISON = new RegExp(
  `(?<=^|\\s)((?:${PRISON_WORDS.join('|')})\\s+(?:se|${cleanMessage('سے')})\\s+)((?:bahar|bahir|${cleanMessage('باہر')})\\s+)?((?:nikal|nikl|${cleanMessage('نکال')}|${cleanMessage('نکل')})\\S*)`,
  'giu',
);
const OUT_OF_PRISON_HINT = new RegExp(`nik|${cleanMessage('نک')}`, 'iu');

/** Cleaned text with the words whose sense their neighbours decide written as that sense. */
export function withSenses(clean: string): string {
  let text = clean.includes('رہا') ? clean.replace(RELEASED, RELEASE_NOUN) : clean;
  if (ENDED_HINT.test(text)) text = text.replace(ENDED, '$1$2 removed');
  if (OUT_OF_PRISON_HINT.test(text)) text = text.replace(OUT_OF_PRISON, '$1$2 release');
  if (IDIOM_HINT.test(text)) for (const [idiom, sense] of IDIOMS) text = text.replace(idiom, sense);
  return text;
}

/** The terms of a piece of text, in order, stop words removed. */
export function termsOf(text: string): string[] {
  return termsOfClean(cleanMessage(text));
}

/** Splits a word typed without spaces ("khankirihai") into known words, or returns undefined. */
export type GluedWordSplitter = (word: string) => string[] | undefined;

export function termsOfClean(clean: string, split?: GluedWordSplitter): string[] {
  const out: string[] = [];
  for (const word of words(withSenses(clean))) {
    const parts = split?.(word) ?? [word];
    for (const part of parts) {
      const term = termOf(part);
      if (term !== null) out.push(term);
      const tense = tenseOf(part);
      if (tense !== null) out.push(tense);
    }
  }
  return out;
}

export interface AnalysedText {
  clean: string;
  /** Terms of the whole text. */
  terms: string[];
  /** Terms of each sentence or line, when the text has more than one. */
  sentences: string[][];
}

export function analyse(text: string, split?: GluedWordSplitter): AnalysedText {
  const clean = cleanMessage(text);
  const parts = sentences(clean);
  if (parts.length <= 1) return { clean, terms: termsOfClean(clean, split), sentences: [] };
  // Words never span the whitespace sentences are split at: the whole text's terms are its
  // sentences' terms in turn, so each word is analysed once.
  const perSentence = parts.map((part) => termsOfClean(part, split));
  return { clean, terms: perSentence.flat(), sentences: perSentence };
}
