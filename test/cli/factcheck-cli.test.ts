import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'factcheck.js');

function factcheck(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' } });
}

describe('factcheck check', () => {
  it('prints one JSON line per message, in order, with the decision, the claim and the top 5 matches', () => {
    const result = factcheck(['check', '--json', 'Trump ne Imran Khan ko riha karwane ka wada kiya', 'good morning everyone']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ text: 'Trump ne Imran Khan ko riha karwane ka wada kiya', decision: 'reply', claim: 'trump-promised-khan-release' });
    expect(lines[0].matches.length).toBeLessThanOrEqual(5);
    expect(lines[0].matches[0]).toEqual({ id: 'trump-promised-khan-release', score: expect.any(Number), verdict: 'misleading' });
    expect(lines[1]).toMatchObject({ text: 'good morning everyone', decision: 'none', claim: null });
  });

  it('reads messages from standard input, one per line, when no text is given', () => {
    const result = factcheck(['check', '--json'], 'Khan Academy video on algebra\nامریکہ نے جرنیلوں کے ساتھ مل کر خان کی حکومت گرائی\n');
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision)).toEqual(['none', 'reply']);
    expect(lines[1].claim).toBe('us-conspiracy-khan-ouster');
  });

  it('prints readable text without --json', () => {
    const result = factcheck(['check', 'is the trump imran video real?']);
    expect(result.stdout).toContain('reply: trump-khan-release-video');
  });

  it('checks against a ClaimReview feed given with --knowledge', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feed-'));
    const feed = path.join(dir, 'feed.json');
    writeFileSync(
      feed,
      JSON.stringify({
        '@type': 'DataFeed',
        dataFeedElement: [
          { '@type': 'ClaimReview', '@id': 'moon-cheese', claimReviewed: 'The moon is made of cheese', reviewRating: { alternateName: 'False' } },
          { '@type': 'ClaimReview', url: 'https://x.example/sharks', claimReviewed: 'Sharks live in lakes', reviewRating: { alternateName: 'Mostly False' } },
        ],
      }),
    );
    const result = factcheck(['check', '--json', '--knowledge', feed, 'the moon is made of cheese!!']);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'reply', claim: 'moon-cheese' });
  });

  it('exits 1 naming the file and field when the knowledge is broken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bad-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'id: broken\nverdict: nope\n');
    const result = factcheck(['check', '--knowledge', dir, 'hello']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml: verdict: verdict must be one of/);
  });

  it('exits 2 with the usage on an unknown flag', () => {
    const result = factcheck(['check', '--jsn', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: factcheck');
  });
});

describe('npx factcheck', () => {
  it('runs the project\'s own command, with nothing to download', () => {
    const result = spawnSync('npx', ['--no', 'factcheck', 'check', '--json', 'Trump ne Imran Khan ko riha karwane ka wada kiya'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-promised-khan-release' });
  });
});

describe('factcheck knowledge validate', () => {
  it('accepts the shipped knowledge', () => {
    const out = execFileSync(process.execPath, [bin, 'knowledge', 'validate'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/^\d+ claims OK/);
  });

  it('prints every problem and exits non-zero', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bad-'));
    writeFileSync(path.join(dir, 'a.yaml'), 'id: a\n');
    writeFileSync(path.join(dir, 'b.yaml'), 'id: [\n');
    const result = factcheck(['knowledge', 'validate', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('a.yaml: claim');
    expect(result.stderr).toContain('b.yaml: is not valid YAML');
    expect(result.stderr).toMatch(/problems; nothing was loaded/);
  });
});

describe('factcheck chat', () => {
  it('answers a claim, stays silent on small talk, and answers /factcheck with the top matches', () => {
    const result = factcheck(['chat'], 'good morning\nTrump ne Imran Khan ko riha karwane ka wada kiya\n/factcheck is the trump video real?\n/quit\n');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('claims loaded');
    expect(out.match(/Fact-check: MISLEADING/g)).toHaveLength(1);
    expect(out).toContain('[trump-promised-khan-release]');
    expect(out).toContain('Top matches:');
  });
});

describe('npm start with nothing configured and no terminal', () => {
  it('exits non-zero naming the variables to set', () => {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('DISCORD_') || key.startsWith('SLACK_')) delete env[key];
    const result = spawnSync(process.execPath, [bin, 'start'], { cwd: mkdtempSync(path.join(tmpdir(), 'empty-')), env: { ...env, KNOWLEDGE_DIR: path.join(root, 'knowledge') }, input: '', encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
  });
});
