/**
 * The configured knowledge, parsed and validated once and kept in DATA_DIR: reading YAML and
 * checking every claim against the schema and its source is a third of what `factcheck check`
 * costs at start (README, "Measured"). The cache is used only while every claim file and every
 * source document it was made from is byte for byte the same, and the code is the same build.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim } from './core/claim.ts';
import { claimFileNames, claimFolder, knowledgeRoot } from './core/knowledge/claim-files.ts';
import { loadKnowledge } from './core/knowledge/load.ts';

export const KNOWLEDGE_CACHE_FILE = 'knowledge-cache.json';

interface CacheFile {
  key: string;
  /** The source documents the claims cite, whose contents are part of the key. */
  sources: string[];
  claims: Claim[];
}

/**
 * This build's identity: the cache is for the compiled code in dist/, rebuilt (and so renewed)
 * whenever the loader's rules change. From the TypeScript sources, undefined: no cache.
 */
export function buildIdentity(moduleUrl: string = import.meta.url): string | undefined {
  if (!moduleUrl.endsWith('.js')) return undefined;
  const file = fileURLToPath(moduleUrl);
  const { mtimeMs, size } = statSync(file);
  return `${file}:${mtimeMs}:${size}`;
}

/** The key of a knowledge folder's state: this build, and the bytes of its claim files and of `sources`. */
function keyOf(folder: string, sources: readonly string[], build: string): string | undefined {
  const hash = createHash('sha256').update(build).update(`\0folder\0${path.resolve(folder)}`);
  try {
    const claims = claimFolder(folder);
    for (const name of claimFileNames(claims)) hash.update(`\0claim\0${name}\0`).update(readFileSync(path.join(claims, name)));
    for (const source of sources) hash.update(`\0source\0${source}\0`).update(readFileSync(source));
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

function readCache(file: string): CacheFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    return typeof parsed.key === 'string' && Array.isArray(parsed.sources) && Array.isArray(parsed.claims) ? (parsed as CacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of one knowledge folder, from the cache in `dataDir` when it is current, else
 * loaded (throwing a KnowledgeError as loadKnowledge does) and cached. Knowledge with problems is
 * never cached; a cache that cannot be written is only a slower next start.
 */
export function loadKnowledgeCached(folder: string, dataDir: string, build: string | undefined = buildIdentity()): Claim[] {
  if (build === undefined) return loadKnowledge([folder]);
  const file = path.join(dataDir, KNOWLEDGE_CACHE_FILE);
  const cached = readCache(file);
  if (cached !== undefined && cached.key === keyOf(folder, cached.sources, build)) return cached.claims;
  const claims = loadKnowledge([folder]);
  const root = knowledgeRoot(folder);
  const sources = [...new Set(claims.flatMap((c) => (c.source.file === undefined ? [] : [path.resolve(root, c.source.file)])))].sort();
  const key = keyOf(folder, sources, build);
  if (key !== undefined) {
    try {
      // Written aside and renamed, so that a process reading it never sees half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify({ key, sources, claims } satisfies CacheFile));
      renameSync(partial, file);
    } catch {
      // DATA_DIR not writable (or not there yet): the knowledge is loaded afresh next time.
    }
  }
  return claims;
}
