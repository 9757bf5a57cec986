import { z } from 'zod';
import { VERDICTS, type Verdict } from './verdict.ts';

/** Longest verification note, in characters: a note is read in a chat bubble, not an article. */
export const NOTE_MAX_CHARS = 500;

const text = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} must not be empty`);
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));

export const SourceSchema = z
  .object({
    title: text('source.title'),
    /** Who published it (a newspaper, a fact-checker), when the source names one. */
    publisher: text('source.publisher').optional(),
    date: isoDate.optional(),
    /** Path of the source document, relative to the knowledge folder. */
    file: z.string().min(1).optional(),
    url: z.url({ error: 'source.url must be a full http(s) URL' }).optional(),
  })
  .strict()
  .refine((s) => s.file !== undefined || s.url !== undefined, 'source needs a `file` or a `url`');

export const CLAIM_ID = /^[a-z0-9][a-z0-9-]{1,79}$/;

/** A claim file as written in `knowledge/claims/*.yaml`. */
export const ClaimFileSchema = z
  .object({
    id: z.string().regex(CLAIM_ID, 'id must be 2-80 characters of lower-case letters, digits and dashes'),
    claim: text('claim'),
    verdict: z.enum(VERDICTS, { error: `verdict must be one of: ${VERDICTS.join(', ')}` }),
    note: text('note').max(NOTE_MAX_CHARS, `note must be at most ${NOTE_MAX_CHARS} characters`),
    evidence: z.array(text('evidence quote')).min(1, 'evidence needs at least one quote').max(3, 'evidence takes at most 3 quotes'),
    source: SourceSchema,
    phrasings: z.array(text('phrasing')).default([]),
    /** Messages that look like this claim but must not trigger it. */
    counter_examples: z.array(text('counter example')).default([]),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'tags are lower-case words joined by dashes')).default([]),
    status: z.enum(['published', 'retired']).default('published'),
    updated: isoDate,
  })
  .strict();

export type ClaimFile = z.output<typeof ClaimFileSchema>;

export interface ClaimSource {
  title: string;
  publisher?: string;
  date?: string;
  file?: string;
  url?: string;
}

/**
 * How a reply names a source, before any link: the publisher when there is one, the title, and
 * the date unless the title already says it ("Dawn: Analysis article (2024-11-11)").
 */
export function citationOf(source: ClaimSource): string {
  const dated = source.date !== undefined && !source.title.includes(source.date) ? `${source.title} (${source.date})` : source.title;
  return source.publisher === undefined || source.title.includes(source.publisher) ? dated : `${source.publisher}: ${dated}`;
}

/** A fact-checked claim as the core uses it, whatever it was loaded from. */
export interface Claim {
  id: string;
  claim: string;
  verdict: Verdict;
  note: string;
  /** Verbatim quotes from the source; may be empty for imported fact-checks. */
  evidence: string[];
  source: ClaimSource;
  phrasings: string[];
  counterExamples: string[];
  tags: string[];
  status: 'published' | 'retired';
  updated: string;
  /** Extra searchable text (a fact-check's headline), weighted below the claim itself. */
  title?: string;
}

export function claimFromFile(file: ClaimFile): Claim {
  return {
    id: file.id,
    claim: file.claim,
    verdict: file.verdict,
    note: file.note,
    evidence: file.evidence,
    source: file.source,
    phrasings: file.phrasings,
    counterExamples: file.counter_examples,
    tags: file.tags,
    status: file.status,
    updated: file.updated,
  };
}

/** A claim as a claim file writes it (for export, and to validate a moderator's change like a file). */
export function claimToFile(claim: Claim): Record<string, unknown> {
  const source: Record<string, string> = { title: claim.source.title };
  if (claim.source.publisher !== undefined) source['publisher'] = claim.source.publisher;
  if (claim.source.date !== undefined) source['date'] = claim.source.date;
  if (claim.source.file !== undefined) source['file'] = claim.source.file;
  if (claim.source.url !== undefined) source['url'] = claim.source.url;
  const file: Record<string, unknown> = {
    id: claim.id,
    claim: claim.claim,
    verdict: claim.verdict,
    note: claim.note,
    evidence: claim.evidence,
    source,
    phrasings: claim.phrasings,
  };
  if (claim.counterExamples.length > 0) file['counter_examples'] = claim.counterExamples;
  file['tags'] = claim.tags;
  if (claim.status !== 'published') file['status'] = claim.status;
  file['updated'] = claim.updated;
  return file;
}
