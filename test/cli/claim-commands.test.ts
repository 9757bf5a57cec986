import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'factcheck.js');
const EVIDENCE = 'Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.';

function factcheck(dataDir: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: '' } });
}

describe('factcheck claim (moderation from the shell)', () => {
  it('adds a claim that the next factcheck check matches, and shows it with its history', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const added = factcheck(data, [
      'claim', 'add', '--id', 'trump-regime-change-pakistan', '--verdict', 'misleading',
      '--claim', 'Trump will order regime change in Pakistan to bring back Imran Khan',
      '--note', 'The analysis of 11 November 2024 says Trump has said he opposes regime change operations on foreign soil.',
      '--evidence', EVIDENCE, '--phrasing', 'trump pakistan mein regime change karwa ke imran khan ko wapis laye ga', '--tag', 'trump', '--by', 'Sara',
    ]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added trump-regime-change-pakistan');
    const checked = factcheck(data, ['check', '--json', 'trump pakistan mein regime change karwa ke imran khan ko wapis laye ga']);
    expect(JSON.parse(checked.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-regime-change-pakistan' });
    expect(factcheck(data, ['claim', 'show', 'trump-regime-change-pakistan']).stdout).toContain('verdict: misleading');
    expect(factcheck(data, ['claim', 'history', 'trump-regime-change-pakistan']).stdout).toMatch(/^v1 \S+ add by Sara \(cli\)/);
  });

  it('edits and retires a claim from the YAML base, recording before and after', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    expect(factcheck(data, ['claim', 'edit', 'khan-impeached', '--note', 'The analysis says Khan lost a vote of no confidence in 2022.', '--by', 'Omar']).status).toBe(0);
    const history = factcheck(data, ['claim', 'history', 'khan-impeached']).stdout;
    expect(history).toContain('edit by Omar (cli)');
    expect(history).toMatch(/note: ".*" -> "The analysis says Khan lost a vote of no confidence in 2022\."/);
    expect(factcheck(data, ['claim', 'retire', 'khan-impeached', '--by', 'Omar']).stdout).toContain('Retired khan-impeached');
    const matchedIds = (stdout: string) => (JSON.parse(stdout) as { matches: { id: string }[] }).matches.map((m) => m.id);
    expect(matchedIds(factcheck(data, ['check', '--json', 'Imran Khan was impeached']).stdout)).not.toContain('khan-impeached');
    // Knowledge named with --knowledge is checked as given, without the stored changes.
    const given = factcheck(data, ['check', '--json', '--knowledge', path.join(root, 'knowledge'), 'Imran Khan was impeached']);
    expect(matchedIds(given.stdout)[0]).toBe('khan-impeached');
  });

  it.each([
    [['--verdict', 'nope'], /verdict: verdict must be one of/],
    [['--note', ''], /note/],
    [['--note', 'x'.repeat(501)], /at most 500/],
  ])('refuses bad input %j with the field named, stores nothing, exits 1', (flags, message) => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const result = factcheck(data, ['claim', 'edit', 'khan-impeached', ...(flags as string[]), '--by', 'Omar']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message as RegExp);
    expect(result.stderr).toContain('Nothing was stored.');
    expect(factcheck(data, ['claim', 'history', 'khan-impeached']).stdout).toContain('no changes');
  });

  it('refuses to add an id that exists, and asks who made a change', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const exists = factcheck(data, ['claim', 'add', '--id', 'khan-impeached', '--verdict', 'false', '--claim', 'x', '--note', 'y', '--evidence', EVIDENCE, '--by', 'Sara']);
    expect(exists.stderr).toContain('already exists');
    const anonymous = factcheck(data, ['claim', 'retire', 'khan-impeached']);
    expect(anonymous.status).toBe(2);
    expect(anonymous.stderr).toContain('--by NAME is required');
  });

  it('exports the claims in force as files that pass knowledge validate', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    factcheck(data, ['claim', 'edit', 'khan-impeached', '--phrasing', 'kaptaan ka impeachment hua tha', '--by', 'Sara']);
    const out = path.join(data, 'export');
    expect(factcheck(data, ['knowledge', 'export', out]).status).toBe(0);
    const validated = factcheck(data, ['knowledge', 'validate', out]);
    expect(validated.stdout).toMatch(/^23 claims OK/);
    expect(JSON.parse(factcheck(data, ['check', '--json', '--knowledge', out, 'kaptaan ka impeachment hua tha']).stdout).matches[0].id).toBe('khan-impeached');
  });
});

describe('factcheck chat --moderator', () => {
  it('pushes a correction on the previous message, teaches it, and refuses members', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const member = factcheck(data, ['chat'], 'orange man ne sign kar diya, qaidi number 804 ghar aa raha hai\n/correct trump-promised-khan-release\n');
    expect(member.stdout).toContain('Only moderators can change claims');
    const script = [
      'orange man ne sign kar diya, qaidi number 804 ghar aa raha hai',
      '/correct trump-promised-khan-release old edited clip, no promise',
      '/claim edit trump-promised-khan-release --verdict nope',
      '/quit',
    ].join('\n');
    const moderator = factcheck(data, ['chat', '--moderator'], `${script}\n`);
    expect(moderator.stdout).toContain('Moderator correction by');
    expect(moderator.stdout).toContain('(taught: messages like it are now caught)');
    expect(moderator.stdout).toContain('Not changed: verdict: verdict must be one of');
    const later = factcheck(data, ['check', '--json', 'orange man ne sign kar diya!! qaidi number 804 ghar aa raha hai']);
    expect(JSON.parse(later.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-promised-khan-release' });
  });
});
