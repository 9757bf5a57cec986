import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../src/core/knowledge/problem.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { buildIdentity, KNOWLEDGE_CACHE_FILE, loadKnowledgeCached } from '../src/knowledge-cache.ts';

const shipped = path.resolve(import.meta.dirname, '..', 'knowledge');
const CLAIM = 'trump-promised-khan-release';

/** A copy of the shipped knowledge and an empty data folder. */
function setUp(): { knowledge: string; data: string; cache: string } {
  const knowledge = mkdtempSync(path.join(tmpdir(), 'cache-knowledge-'));
  cpSync(shipped, knowledge, { recursive: true });
  const data = mkdtempSync(path.join(tmpdir(), 'cache-data-'));
  return { knowledge, data, cache: path.join(data, KNOWLEDGE_CACHE_FILE) };
}

/** Rewrites a file, keeping its size and modification time: only its bytes tell it changed. */
function rewriteInPlace(file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const { atime, mtime } = statSync(file);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, atime, mtime);
}

/** Changes a note in the cache alone, to tell whether a load read the cache. */
function markCachedNote(cache: string): void {
  const data = JSON.parse(readFileSync(cache, 'utf8')) as { claims: { id: string; note: string }[] };
  for (const claim of data.claims) if (claim.id === CLAIM) claim.note = 'read from the cache';
  writeFileSync(cache, JSON.stringify(data));
}

const noteOf = (claims: { id: string; note: string }[]) => claims.find((c) => c.id === CLAIM)?.note;

describe('the knowledge cache in DATA_DIR', () => {
  it('gives the claims a fresh load gives, and is read while nothing changed', () => {
    const { knowledge, data, cache } = setUp();
    expect(loadKnowledgeCached(knowledge, data, 'build-1')).toEqual(loadKnowledge([knowledge]));
    expect(existsSync(cache)).toBe(true);
    markCachedNote(cache);
    expect(noteOf(loadKnowledgeCached(knowledge, data, 'build-1'))).toBe('read from the cache');
  });

  it('is not used once a claim file\'s bytes change, even with the same size and time', () => {
    const { knowledge, data, cache } = setUp();
    loadKnowledgeCached(knowledge, data, 'build-1');
    markCachedNote(cache);
    const file = path.join(knowledge, 'claims', `${CLAIM}.yaml`);
    rewriteInPlace(file, 'campaign', 'Campaign');
    const note = noteOf(loadKnowledgeCached(knowledge, data, 'build-1'));
    expect(note).not.toBe('read from the cache');
    expect(note).toBe(noteOf(loadKnowledge([knowledge])));
  });

  it('checks the evidence again once a source document changes', () => {
    const { knowledge, data } = setUp();
    const claims = loadKnowledgeCached(knowledge, data, 'build-1');
    const quote = claims.find((c) => c.id === CLAIM)?.evidence[0] ?? '';
    const word = quote.split(' ').find((w) => w.length > 6) ?? '';
    rewriteInPlace(path.join(knowledge, 'sources', 'article-2024-11-11.txt'), word, 'x'.repeat(word.length));
    expect(() => loadKnowledgeCached(knowledge, data, 'build-1')).toThrow(KnowledgeError);
  });

  it('is not used by another build, whose rules may differ', () => {
    const { knowledge, data, cache } = setUp();
    loadKnowledgeCached(knowledge, data, 'build-1');
    markCachedNote(cache);
    expect(noteOf(loadKnowledgeCached(knowledge, data, 'build-2'))).not.toBe('read from the cache');
  });

  it('never keeps knowledge with problems, and replaces a cache it cannot read', () => {
    const { knowledge, data, cache } = setUp();
    writeFileSync(path.join(knowledge, 'claims', 'broken.yaml'), 'id: broken\n');
    expect(() => loadKnowledgeCached(knowledge, data, 'build-1')).toThrow(KnowledgeError);
    expect(existsSync(cache)).toBe(false);
    const fine = setUp();
    writeFileSync(fine.cache, '{"key": "half a fi');
    expect(loadKnowledgeCached(fine.knowledge, fine.data, 'build-1')).toEqual(loadKnowledge([fine.knowledge]));
    expect(JSON.parse(readFileSync(fine.cache, 'utf8'))).toMatchObject({ key: expect.any(String) });
  });

  it('is for the compiled build only: from the TypeScript sources the knowledge is always read afresh', () => {
    expect(buildIdentity('file:///app/src/knowledge-cache.ts')).toBeUndefined();
    const { knowledge, data, cache } = setUp();
    loadKnowledgeCached(knowledge, data, undefined);
    expect(existsSync(cache)).toBe(false);
  });
});
