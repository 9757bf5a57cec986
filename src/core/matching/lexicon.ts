import { parse } from 'yaml';
import { z } from 'zod';
import { entryForms } from './urdu-inflections.ts';
import { readVocabularyFile } from './vocabulary-files.ts';

/**
 * Words that mean the same thing across English, Roman Urdu and Urdu script, each group folded
 * onto one concept term, read from the files in `vocabulary/` (see its README). A message in any
 * of the three languages then meets a claim or phrasing written in another.
 */

// Each file maps a concept (or, in function-words.yaml, a group) to its words, as one string or a list of strings.
const VocabularyFile = z.record(z.string(), z.union([z.string(), z.array(z.string())], { error: 'expected its words, as one string or a list of strings' }));
const CONCEPT_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * One vocabulary file's text (`where` names it in errors): per key, its words with every stem
 * inflected ("pakar-", "aurat+").
 */
export function parseVocabulary(text: string, where: string): Map<string, string[]> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`${where}: cannot be read as YAML (${error instanceof Error ? error.message : String(error)})`);
  }
  return vocabularyOf(data, where);
}

/** A vocabulary file's entries, read as `parseVocabulary` reads them. */
function vocabularyOf(data: unknown, where: string): Map<string, string[]> {
  const parsed = VocabularyFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: each entry must be "concept: word word ..." (${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'})`);
  }
  const groups = new Map<string, string[]>();
  for (const [key, value] of Object.entries(parsed.data)) {
    if (!CONCEPT_NAME.test(key)) throw new Error(`${where}: "${key}" is no concept name (lower-case letters and digits, words joined by "-")`);
    const entries = (typeof value === 'string' ? [value] : value).flatMap((line) => line.split(/\s+/)).filter((word) => word.length > 0);
    groups.set(key, entries.flatMap(entryForms));
  }
  return groups;
}

function readVocabulary(file: string): Map<string, string[]> {
  const { text, data, where } = readVocabularyFile(file);
  return data === undefined ? parseVocabulary(text, where) : vocabularyOf(data, where);
}

// "=word": that word as written, not every word the stemmer folds onto it ("=imported", not "important").
const EXACT_MARK = '=';

/**
 * Concepts of several files, a concept's words merged across them; each concept's own name first
 * among its words, taken as written. Words marked "=" go to `exact` (without the mark).
 */
function conceptsOf(files: readonly string[], exact: Set<string>): Record<string, string[]> {
  const concepts: Record<string, string[]> = {};
  // A word listed without the mark anywhere is also folded by its stem.
  const unmarked = new Set<string>();
  for (const file of files) {
    for (const [concept, entries] of readVocabulary(file)) {
      const words = concepts[concept];
      const list = words ?? (concepts[concept] = [concept]);
      if (words === undefined) exact.add(concept);
      for (const entry of entries) {
        const word = entry.startsWith(EXACT_MARK) ? entry.slice(EXACT_MARK.length) : entry;
        if (word !== entry) exact.add(word);
        else unmarked.add(word);
        if (word.length > 0 && !list.includes(word)) list.push(word);
      }
    }
  }
  for (const word of unmarked) exact.delete(word);
  return concepts;
}

const exactWords = new Set<string>();

const NAME_FILE = 'names.yaml';

/**
 * Every concept and the words folded onto it: this knowledge base's story first (its words win
 * a spelling two files give), then names, then everyday words.
 */
export const CONCEPTS: Record<string, string[]> = conceptsOf(['domain.yaml', NAME_FILE, 'words.yaml'], exactWords);

/**
 * Words folded onto their concept only as written: each concept's name, and words whose stem is
 * another word's ("imported" / "important", "ally" / Ali, "aag" fire / "age").
 */
export const EXACT_WORDS: ReadonlySet<string> = exactWords;

/** Concepts that name a person, country, place, party or institution. */
export const NAME_CONCEPTS: ReadonlySet<string> = new Set(readVocabulary(NAME_FILE).keys());

const FUNCTION_GROUPS = readVocabulary('function-words.yaml');

/** Roman Urdu and Urdu-script words with no meaning for matching (light verbs, pronouns, particles). */
export const FUNCTION_WORDS: readonly string[] = [...FUNCTION_GROUPS.values()].flat();

// Endings of the Urdu future tense, as Roman Urdu and Urdu script write them joined to the verb.
// (Urdu script: after the subjunctive ending, so "مہنگا" and "بھاگا" are not futures.)
const FUTURE_ENDING = /(?:ega|egi|enge|engi|unga|ungi|oge|oga|ogi|onge|(?:ے|یں|ئیں|وں|ؤں|و|ؤ|ون)(?:گا|گی|گے))$/u;

/**
 * Words that say what English says with "will": the Urdu future particles, and every listed verb
 * form with a future ending ("karega", "chhurwayenge", "ڈالےگا"). The English word is in the lexicon.
 */
export const FUTURE_WORDS: readonly string[] = [
  ...(FUNCTION_GROUPS.get('future') ?? []),
  ...[...Object.values(CONCEPTS), ...FUNCTION_GROUPS.values()].flat().filter((word) => FUTURE_ENDING.test(word)),
];
