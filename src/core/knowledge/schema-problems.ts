import type { z } from 'zod';
import { NOTE_MAX_CHARS } from '../claim.ts';
import { VERDICTS } from '../verdict.ts';
import type { KnowledgeProblem } from './problem.ts';

/** What each field of a claim file holds, for "is missing" and "must be" messages. */
const FIELD_MEANING: Record<string, string> = {
  id: 'the claim id: lower-case words joined by dashes, the file name without .yaml',
  claim: 'the claim as people repeat it',
  verdict: `one of: ${VERDICTS.join(', ')}`,
  note: `the verification note, at most ${NOTE_MAX_CHARS} characters`,
  evidence: 'a list of 1 to 3 quotes that appear verbatim in the source document',
  source: 'the source document: a title and a file (under sources/) or a url',
  'source.title': 'the title of the source document',
  'source.file': 'the source document, a path such as sources/article.txt',
  'source.url': 'a full http(s) URL',
  'source.date': 'a date written YYYY-MM-DD',
  phrasings: 'a list of ways people say the claim',
  counter_examples: 'a list of messages that must not trigger the claim',
  tags: 'a list of lower-case words joined by dashes',
  status: 'published or retired',
  updated: 'the date of the last change, written YYYY-MM-DD',
};

const KINDS: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping of fields', date: 'a date', number: 'a number', boolean: 'true or false' };

/** What a YAML value turned out to be, in words. */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (YAML null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return 'text';
  return `the ${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let at: unknown = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return { present: false, value: undefined };
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: at };
}

/**
 * YAML reads an unquoted `false`, `yes`, `12` or `2024-11-11` as a boolean, number or date, not
 * as the text written; where text was expected, say so and how to quote it.
 */
function yamlScalarHint(field: string, value: unknown): string | undefined {
  if (typeof value === 'boolean' || typeof value === 'number' || value === null) {
    const written = value === null ? 'null' : String(value);
    const read = value === null ? 'an empty value' : `a YAML ${typeof value}`;
    const key = field.split('.').at(-1) ?? field;
    return `${written} unquoted is read as ${read}, not as the text "${written}"; write it in quotes: ${/^\d+$/.test(key) ? '-' : `${key}:`} "${written}"`;
  }
  return undefined;
}

/** Each schema problem of one claim file in words: what is wrong with which field and what it should hold. */
export function schemaProblems(file: string, error: z.ZodError, data: unknown): KnowledgeProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const field = path.map(String).join('.');
    // Meanings are per field: tags.0 is explained as tags.
    const named = path.filter((k) => typeof k === 'string').join('.');
    const meaning = FIELD_MEANING[named];
    const { present, value } = valueAt(data, path);
    const problem = (message: string): KnowledgeProblem => (field.length > 0 ? { file, field, message } : { file, message });

    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(FIELD_MEANING).filter((k) => (path.length === 0 ? !k.includes('.') : k.startsWith(`${field}.`))).map((k) => k.split('.').at(-1));
      return problem(`unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; the fields are: ${known.join(', ')}`);
    }
    if (!present && field.length > 0) return problem(`is missing; add ${meaning ?? 'it'}`);
    const hint = (issue.code === 'invalid_type' && issue.expected === 'string') || issue.code === 'invalid_value' ? yamlScalarHint(field, value) : undefined;
    if (hint !== undefined) return problem(`${hint}${issue.code === 'invalid_value' ? ` (${meaning ?? 'see docs/knowledge.md'})` : ''}`);
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      const expected = issue.code === 'invalid_type' ? (KINDS[issue.expected] ?? issue.expected) : undefined;
      return problem(`must be ${meaning ?? expected ?? 'something else'}, not ${kindOf(value)}`);
    }
    // The schema's own messages are already in words ("note must be at most 500 characters").
    return problem(issue.message);
  });
}
