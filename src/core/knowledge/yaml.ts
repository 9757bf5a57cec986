import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

/**
 * The yaml package, loaded on first use: most starts find the knowledge already parsed in the
 * cache (src/knowledge-cache.ts) and never need its quarter of a megabyte of code.
 */
export function yaml(): typeof import('yaml') {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return loaded;
}
