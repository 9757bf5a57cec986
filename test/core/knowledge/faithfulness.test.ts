import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkClaimData } from '../../../src/core/knowledge/claim-files.ts';
import { checkKnowledge } from '../../../src/core/knowledge/load.ts';
import { ModerationInputError, type Actor } from '../../../src/core/moderation/actor.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
const knowledge = path.join(repo, 'knowledge');
const article = readFileSync(path.join(knowledge, 'sources', 'article-2024-11-11.txt'), 'utf8');
const impeached = YAML.parse(readFileSync(path.join(knowledge, 'claims', 'khan-impeached.yaml'), 'utf8')) as Record<string, unknown>;
const video = YAML.parse(readFileSync(path.join(knowledge, 'claims', 'trump-khan-release-video.yaml'), 'utf8')) as Record<string, unknown>;

/** The problems of the khan-impeached claim file with other field values. */
function problemsWith(change: Record<string, unknown>, base = impeached) {
  return checkClaimData({ ...base, ...change }, 'claims/x.yaml', knowledge).problems;
}
const noteProblems = (note: string) => problemsWith({ note }).filter((p) => p.field === 'note').map((p) => p.message);

describe('a note says only what its source document says', () => {
  it('accepts every shipped claim', () => {
    expect(checkKnowledge([knowledge]).problems).toEqual([]);
  });

  it('names the people and bodies the source does not mention', () => {
    const [names, ...rest] = noteProblems('According to an analysis article dated 11 November 2024, the PDM government of Shehbaz Sharif removed Khan.');
    expect(rest).toEqual([]);
    expect(names).toBe('names PDM, Shehbaz, Sharif, which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says');
  });

  it('names the numbers the source does not give, in figures or in words', () => {
    expect(noteProblems('The article says Khan lost by 174 votes after twelve days.')).toEqual([
      'gives the number 174, twelve, which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says',
    ]);
  });

  it('names the dates the source does not give, and accepts its date written out', () => {
    expect(noteProblems('According to an analysis article dated 11 November 2024, he was removed on 10 April 2022, in April 2022.')).toEqual([
      'gives the date 10 April 2022, April 2022, which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says',
    ]);
    expect(noteProblems('It dates the visit to July 2019 and the meeting in Davos to January 2020; it is dated November 11, 2024.')).toEqual([]);
  });

  it('names a quotation that is not the source word for word', () => {
    expect(noteProblems('The article says Khan "was impeached by the National Assembly".')).toEqual([
      'quotes "was impeached by the National Assembly", which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says',
      'names National, Assembly, which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says',
    ]);
  });

  it('reads sentence openers, plurals, possessives and hyphenated words as the source has them', () => {
    expect(noteProblems("Historically, the article says, U.S. administrations influenced outcomes. Calling it so, it says Khan's supporters and Pakistani-Americans back a Republican Senate. Revised: it says so. (Checked again.)")).toEqual([]);
  });

  // From 21 up: the article spells some small numbers ("two years ago"), which count as its numbers.
  it('reports any figure that the source does not give', () => {
    const figures = new Set([...article.matchAll(/\d+(?:,\d+)*/g)].map((m) => Number(m[0].replace(/,/g, ''))));
    fc.assert(
      fc.property(fc.integer({ min: 21, max: 10_000_000 }).filter((n) => !figures.has(n)), (n) => {
        expect(noteProblems(`The article says ${n.toLocaleString('en-US')} people were there.`).join('\n')).toContain(`gives the number ${n.toLocaleString('en-US')},`);
      }),
    );
  });

  it('reports any capitalised name that the source does not contain', () => {
    const words = new Set(article.toLowerCase().match(/\p{L}+/gu));
    const absent = (w: string) => [w, `${w}s`, `${w}es`, w.replace(/s$/, '')].every((form) => !words.has(form));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-z]{2,9}$/).filter((w) => absent(w.toLowerCase())), (name) => {
        expect(noteProblems(`The article says ${name} met Khan.`)).toEqual([
          `names ${name}, which the source document sources/article-2024-11-11.txt does not contain: a note says only what its source says`,
        ]);
      }),
    );
  });
});

describe('a false verdict rests on evidence that says it did not happen', () => {
  const refusal = 'verdict is "false", but no evidence quote says it did not happen (none says never, not, fake, edited, denied or the like): quote the sentence of the source that denies it, or choose the verdict the evidence supports';

  it('accepts the shipped false claim, whose evidence says the video "never actually happened"', () => {
    expect(problemsWith({}, video)).toEqual([]);
  });

  it('refuses false on evidence that only reports the event', () => {
    expect(problemsWith({ verdict: 'false' })).toEqual([{ file: 'claims/x.yaml', field: 'verdict', message: refusal }]);
  });

  it('refuses false on evidence that says the claim is unverified, not untrue', () => {
    const evidence = ['This claim has not been verified, but its supporters widely believed it.'];
    expect(problemsWith({ verdict: 'false', evidence }).map((p) => p.field)).toEqual(['verdict']);
    expect(problemsWith({ verdict: 'unverified', evidence })).toEqual([]);
  });
});

describe('the same checks wherever a claim comes from', () => {
  const opened: FactCheckCore[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.close();
  });
  const sara: Actor = { id: 'u-sara', name: 'Sara', platform: 'discord', isModerator: true };

  it('refuses a moderator\'s claim whose note names someone the source does not, and stores nothing', async () => {
    const core = await openFactCheckCore({ knowledge: [knowledge], dataDir: mkdtempSync(path.join(tmpdir(), 'faithful-')) });
    opened.push(core);
    const add = () => core.moderation.add(sara, {
      id: 'bajwa-removed-khan', verdict: 'unverified', claim: 'General Bajwa removed Imran Khan',
      note: 'The article says Bajwa and Washington conspired to remove Khan; this claim has not been verified.',
      evidence: ['This claim has not been verified, but its supporters widely believed it.'],
    });
    await expect(add()).rejects.toThrow(ModerationInputError);
    await expect(add()).rejects.toThrow(/names Bajwa, which the source document sources\/article-2024-11-11\.txt does not contain/);
    expect(() => core.moderation.show('bajwa-removed-khan')).toThrow(/no claim has the id/);
  });

  it('factcheck knowledge validate prints these problems for every file, in words, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faithful-'));
    cpSync(knowledge, dir, { recursive: true });
    writeFileSync(path.join(dir, 'claims', 'khan-impeached.yaml'), YAML.stringify({ ...impeached, note: 'Khan lost by 174 votes in April 2022.' }));
    writeFileSync(path.join(dir, 'claims', 'trump-won-2024-election.yaml'), readFileSync(path.join(knowledge, 'claims', 'trump-won-2024-election.yaml'), 'utf8').replace('verdict: accurate', 'verdict: "false"'));
    const result = spawnSync(process.execPath, [path.join(repo, 'bin', 'factcheck.js'), 'knowledge', 'validate', dir], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('khan-impeached.yaml: note: gives the number 174, which the source document sources/article-2024-11-11.txt does not contain');
    expect(result.stderr).toContain('khan-impeached.yaml: note: gives the date April 2022, which the source document');
    expect(result.stderr).toContain('trump-won-2024-election.yaml: verdict: verdict is "false", but no evidence quote says it did not happen');
  });
});
