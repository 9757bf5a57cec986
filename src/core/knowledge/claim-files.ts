import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CLAIM_ID, ClaimFileSchema, claimFromFile, type Claim } from '../claim.ts';
import { noteProblems, verdictProblems } from './faithfulness.ts';
import type { KnowledgeProblem } from './problem.ts';
import { schemaProblems } from './schema-problems.ts';

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
  const data: unknown = doc.toJS();
  const checked = checkClaimData(data, shown, root, sourceCache);
  const id = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['id'] : undefined;
  if (typeof id === 'string' && CLAIM_ID.test(id) && path.basename(file) !== `${id}.yaml` && path.basename(file) !== `${id}.yml`) {
    return { claims: [], problems: [...checked.problems, { file: shown, field: 'id', message: `id "${id}" does not match the file name; rename the file to ${id}.yaml` }] };
  }
  return checked;
}

/**
 * Validates one claim's data as a claim file holds it: the schema, then each evidence quote
 * against its source document. `label` names it in problems; `root` is the knowledge folder.
 */
export function checkClaimData(data: unknown, label: string, root: string, sourceCache = new Map<string, string | null>()): LoadResult {
  const parsed = ClaimFileSchema.safeParse(data);
  const problems: KnowledgeProblem[] = parsed.success ? [] : schemaProblems(label, parsed.error, data);
  const claim = parsed.success ? claimFromFile(parsed.data) : undefined;
  // The quotes are checked even when another field is wrong, so that one run shows every problem.
  const { sourceFile, evidence } = claim !== undefined ? { sourceFile: claim.source.file, evidence: claim.evidence } : quotesOf(data);
  if (sourceFile !== undefined) {
    const sourcePath = path.resolve(root, sourceFile);
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
      problems.push({ file: label, field: 'source.file', message: `source document ${sourceFile} not found (looked for ${sourcePath})` });
    } else {
      evidence.forEach((quote, i) => {
        if (typeof quote === 'string' && !source.includes(collapse(quote))) {
          problems.push({ file: label, field: `evidence.${i}`, message: `quote does not appear verbatim in ${sourceFile}: "${quote.slice(0, 80)}"` });
        }
      });
      if (claim !== undefined) problems.push(...noteProblems(claim, source, sourceFile, label));
    }
  }
  if (claim === undefined) return { claims: [], problems };
  problems.push(...verdictProblems(claim, label));
  return problems.length > 0 ? { claims: [], problems } : { claims: [claim], problems };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The source file and quotes of claim data that failed the schema, as far as they can be read. */
function quotesOf(data: unknown): { sourceFile: string | undefined; evidence: unknown[] } {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const source = record['source'];
  const file = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)['file'] : undefined;
  const evidence = record['evidence'];
  return { sourceFile: typeof file === 'string' && file !== '' ? file : undefined, evidence: Array.isArray(evidence) ? evidence : [] };
}

/** The claim files of a knowledge folder's claim folder, by name; throws when it cannot be read. */
export function claimFileNames(folder: string): string[] {
  return readdirSync(folder).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
}

/** Reads every claim file of a knowledge folder. */
export function readClaimFolder(dir: string): LoadResult {
  const folder = claimFolder(dir);
  let names: string[];
  try {
    names = claimFileNames(folder);
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
