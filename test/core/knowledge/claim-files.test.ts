import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnowledge, loadKnowledge } from '../../../src/core/knowledge/load.ts';
import { KnowledgeError } from '../../../src/core/knowledge/problem.ts';

const SOURCE = 'The sky was green on Tuesday. Nobody saw it happen.';

const GOOD = `id: green-sky
claim: "The sky turned green on Tuesday."
verdict: unverified
note: The only source says the sky was green on Tuesday, and that nobody saw it happen.
evidence:
  - "The sky was green on Tuesday."
source:
  title: Test source
  date: 2024-11-11
  file: sources/source.txt
phrasings:
  - "sky green tuesday"
tags: [sky]
updated: 2024-11-11
`;

/** A knowledge folder with the given claim files (name -> YAML). */
function knowledgeWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'knowledge-'));
  mkdirSync(path.join(dir, 'claims'));
  mkdirSync(path.join(dir, 'sources'));
  writeFileSync(path.join(dir, 'sources', 'source.txt'), SOURCE);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'claims', name), text);
  return dir;
}

function problemsOf(yaml: string, name = 'green-sky.yaml') {
  return checkKnowledge([knowledgeWith({ [name]: yaml })]).problems;
}

describe('claim files', () => {
  it('loads a valid claim file with its defaults', () => {
    const [claim] = loadKnowledge([knowledgeWith({ 'green-sky.yaml': GOOD })]);
    expect(claim?.id).toBe('green-sky');
    expect(claim?.status).toBe('published');
    expect(claim?.counterExamples).toEqual([]);
  });

  it('names the file and the field of a missing note', () => {
    const problems = problemsOf(GOOD.replace(/^note:.*\n/m, ''));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toMatch(/green-sky\.yaml$/);
    expect(problems[0]?.field).toBe('note');
  });

  it('refuses a verdict outside the scale and lists the allowed ones', () => {
    const [problem] = problemsOf(GOOD.replace('verdict: unverified', 'verdict: pants-on-fire'));
    expect(problem?.field).toBe('verdict');
    expect(problem?.message).toContain('false, misleading, unverified, unsupported, accurate');
  });

  it('refuses a note over 500 characters', () => {
    const [problem] = problemsOf(GOOD.replace(/^note:.*$/m, `note: ${'word '.repeat(120)}`));
    expect(problem?.field).toBe('note');
    expect(problem?.message).toMatch(/at most 500/);
  });

  it('refuses evidence that is not verbatim in the source, naming the quote', () => {
    const [problem] = problemsOf(GOOD.replace('"The sky was green on Tuesday."', '"The sky was purple on Tuesday."'));
    expect(problem?.field).toBe('evidence.0');
    expect(problem?.message).toContain('does not appear verbatim');
  });

  it('refuses more than three evidence quotes and none at all', () => {
    const four = GOOD.replace('  - "The sky was green on Tuesday."', Array(4).fill('  - "Nobody saw it happen."').join('\n'));
    expect(problemsOf(four)[0]?.field).toBe('evidence');
    expect(problemsOf(GOOD.replace('  - "The sky was green on Tuesday."', '  []').replace('evidence:\n  []', 'evidence: []'))[0]?.field).toBe('evidence');
  });

  it('refuses unknown fields, which are usually typos', () => {
    const [problem] = problemsOf(`${GOOD}phrasing: oops\n`);
    expect(problem?.message).toMatch(/phrasing/);
  });

  it('reports broken YAML with the file name', () => {
    const [problem] = problemsOf('id: [unclosed\n');
    expect(problem?.file).toMatch(/green-sky\.yaml$/);
    expect(problem?.message).toMatch(/not valid YAML/);
  });

  it('refuses an id that does not match the file name', () => {
    const [problem] = problemsOf(GOOD, 'other-name.yaml');
    expect(problem?.field).toBe('id');
    expect(problem?.message).toContain('rename the file to green-sky.yaml');
  });

  it('refuses a source file that does not exist', () => {
    const [problem] = problemsOf(GOOD.replace('sources/source.txt', 'sources/missing.txt'));
    expect(problem?.field).toBe('source.file');
  });

  it('loads nothing when any file is broken', () => {
    const dir = knowledgeWith({ 'green-sky.yaml': GOOD, 'broken.yaml': 'id: broken\n' });
    expect(() => loadKnowledge([dir])).toThrow(KnowledgeError);
    expect(checkKnowledge([dir]).claims.length).toBeLessThan(2);
  });

  it('refuses the same claim id in two knowledge locations', () => {
    const a = knowledgeWith({ 'green-sky.yaml': GOOD });
    const b = knowledgeWith({ 'green-sky.yaml': GOOD });
    const { problems } = checkKnowledge([a, b]);
    expect(problems.map((p) => p.message).join()).toContain('already defined');
  });

  it('says what to pass when a location does not exist', () => {
    const [problem] = checkKnowledge(['/nonexistent/knowledge']).problems;
    expect(problem?.message).toContain('does not exist');
  });

  it('keeps the source document in knowledge/sources identical to the shared original', () => {
    const shipped = readFileSync(path.resolve(import.meta.dirname, '../../../knowledge/sources/article-2024-11-11.txt'), 'utf8');
    expect(shipped).toContain("this is an old video edited by Imran Khan's followers and never actually happened");
  });
});
