import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { ClaimFileSchema, claimFromFile, type Claim } from '../claim.ts';
import { noteProblems, verdictProblems } from './faithfulness.ts';
import type { KnowledgeProblem } from './problem.ts';

export interface LoadResult {
  claims: Claim[];
  problems: KnowledgeProblem[];
}

/** The folder a knowledge folder keeps its claim files in: `claims/` if present, else the folder itself. */
export function claimFolder(dir: string): string {
  const nested = path.join(dir, 'claims');
  try {
    if (statSync(nested).isDirectory()) return nested;
  } catch {
    // no nested folder: the claim files sit in `dir` itself
  }
  return dir;
}

function zodProblems(file: string, error: z.ZodError): KnowledgeProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const problem: KnowledgeProblem = { file, message: issue.message };
    if (field.length > 0) problem.field = field;
    return problem;
  });
}

/** The folder claim sources are relative to: the parent of `claims/`, or the folder itself. */
export function knowledgeRoot(dir: string): string {
  const folder = claimFolder(dir);
  return path.basename(folder) === 'claims' ? path.dirname(folder) : folder;
}

/** Parses and validates one claim file. `root` is the knowledge folder its source paths are relative to. */
export function readClaimFile(file: string, root: string, sourceCache = new Map<string, string | null>()): LoadResult {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { claims: [], problems: [{ file: shown, message: `cannot be read (${(error as Error).message})` }] };
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      claims: [],
      problems: doc.errors.map((e) => ({ file: shown, message: `is not valid YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  const checked = checkClaimData(doc.toJS(), shown, root, sourceCache);
  const [claim] = checked.claims;
  if (claim === undefined) return checked;
  const expectedName = `${claim.id}.yaml`;
  if (path.basename(file) !== expectedName && path.basename(file) !== `${claim.id}.yml`) {
    return { claims: [], problems: [{ file: shown, field: 'id', message: `id "${claim.id}" does not match the file name; rename the file to ${expectedName}` }] };
  }
  return checked;
}

/**
 * Validates one claim's data as a claim file holds it: the schema, then each evidence quote
 * against its source document. `label` names it in problems; `root` is the knowledge folder.
 */
export function checkClaimData(data: unknown, label: string, root: string, sourceCache = new Map<string, string | null>()): LoadResult {
  const parsed = ClaimFileSchema.safeParse(data);
  if (!parsed.success) return { claims: [], problems: zodProblems(label, parsed.error) };
  const problems: KnowledgeProblem[] = [];
  const claim = claimFromFile(parsed.data);
  if (claim.source.file !== undefined) {
    const sourcePath = path.resolve(root, claim.source.file);
    let source = sourceCache.get(sourcePath);
    if (source === undefined) {
      try {
        source = collapse(readFileSync(sourcePath, 'utf8'));
      } catch {
        source = null;
      }
      sourceCache.set(sourcePath, source);
    }
    if (source === null) {
      problems.push({ file: label, field: 'source.file', message: `source document ${claim.source.file} not found (looked for ${sourcePath})` });
    } else {
      claim.evidence.forEach((quote, i) => {
        if (!source.includes(collapse(quote))) {
          problems.push({ file: label, field: `evidence.${i}`, message: `quote does not appear verbatim in ${claim.source.file}: "${quote.slice(0, 80)}"` });
        }
      });
      problems.push(...noteProblems(claim, source, claim.source.file, label));
    }
  }
  problems.push(...verdictProblems(claim, label));
  return problems.length > 0 ? { claims: [], problems } : { claims: [claim], problems };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Reads every claim file of a knowledge folder. */
export function readClaimFolder(dir: string): LoadResult {
  const folder = claimFolder(dir);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  } catch (error) {
    return { claims: [], problems: [{ file: dir, message: `cannot be read as a knowledge folder (${(error as Error).message})` }] };
  }
  if (names.length === 0) {
    return { claims: [], problems: [{ file: folder, message: 'holds no claim files (*.yaml)' }] };
  }
  const claims: Claim[] = [];
  const problems: KnowledgeProblem[] = [];
  const sourceCache = new Map<string, string | null>();
  const root = knowledgeRoot(dir);
  for (const name of names) {
    const result = readClaimFile(path.join(folder, name), root, sourceCache);
    claims.push(...result.claims);
    problems.push(...result.problems);
  }
  return { claims, problems };
}
