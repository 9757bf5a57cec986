import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'factcheck.js');

function factcheck(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' } });
}

describe('factcheck check', { timeout: 60_000 }, () => {
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

  it('names the one wrong flag and shows the command\'s own usage line, exit 2', () => {
    const result = factcheck(['check', '--jsn', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('factcheck: unknown flag --jsn\nUsage: factcheck check [--knowledge PATH]... [--json] [TEXT...]\n"factcheck help" lists every command.\n');
    expect(factcheck(['check', '--knowledge']).stderr).toMatch(/^factcheck: --knowledge needs a value\nUsage: factcheck check /);
    expect(factcheck(['check', '--json=yes', 'x']).stderr).toMatch(/^factcheck: --json takes no value\n/);
  });

  it('says what it waits for when started at a terminal with nothing to check', () => {
    // `script` gives the command a terminal; Ctrl-D (end of input) ends it.
    const result = spawnSync('script', ['-qec', `${process.execPath} ${bin} check`, '/dev/null'], { cwd: root, input: 'Trump ne Imran Khan ko riha karwane ka wada kiya\n\x04', encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' } });
    expect(result.stdout).toContain('Type a message to check and press Enter, one per line; Ctrl-D ends.');
    expect(result.stdout).toContain('reply: trump-promised-khan-release');
  });
});

describe('every factcheck command', () => {
  it.each([
    [['check', '--format', 'yaml', 'x'], 'factcheck check '],
    [['knowledge', 'validate', '--strict'], 'factcheck knowledge validate '],
    [['knowledge', 'export', '--formta', 'yaml', 'out'], 'factcheck knowledge export '],
    [['claim', 'show', 'khan-impeached', '--json'], 'factcheck claim show ID'],
    [['claim', 'history', 'khan-impeached', '--all'], 'factcheck claim history ID'],
    [['claim', 'retire', 'khan-impeached', '--by', 'Sara', '--force'], 'factcheck claim retire ID --by NAME'],
    [['claim', 'add', '--id', 'x', '--verdit', 'false', '--by', 'Sara'], 'factcheck claim add --id ID '],
    [['claim', 'list', '--statsu', 'retired'], 'factcheck claim list '],
    [['claim', 'stats', '--days', '7'], 'factcheck claim stats'],
    [['claim', 'push', 'khan-impeached', '--chanel', 'C1', '--by', 'Sara'], 'factcheck claim push ID --channel CHANNEL'],
    [['chat', '--moderater'], 'factcheck chat '],
    [['start', '--port', '80'], 'factcheck start'],
  ])('refuses an unknown flag in %j, writes nothing, and shows its usage line', (args, usage) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'flags-'));
    const data = mkdtempSync(path.join(tmpdir(), 'flags-data-'));
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, input: '', encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: data } });
    expect(result.status).toBe(2);
    const flag = args.find((a) => a.startsWith('--') && !['--by', '--id', '--channel'].includes(a));
    expect(result.stderr).toMatch(new RegExp(`^factcheck: unknown flag ${flag}\\nUsage: ${usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(data)).toEqual([]);
  });

  it('takes no flag or value for a folder: knowledge export --format yaml out writes nothing', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'flags-'));
    const result = spawnSync(process.execPath, [bin, 'knowledge', 'export', '--format', 'yaml', 'out'], { cwd, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'flags-data-')) } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^factcheck: unknown export format "yaml"; use files or claimreview\nUsage: factcheck knowledge export \[DIR\]/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('npm start and npm run discord:register', () => {
  it.each([
    ['dist/main.js', /^factcheck: npm start takes no arguments \(got --port 80\); settings go in \.env or the environment/],
    ['dist/discord-register.js', /^unknown flag --port; settings go in \.env or the environment\nUsage: npm run discord:register/],
  ])('%s refuses a flag instead of ignoring it', (script, message) => {
    const result = spawnSync(process.execPath, [path.join(root, script), '--port', '80'], { cwd: root, input: '', encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
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

  it('prints every problem of every file at once, in words, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bad-'));
    mkdirSync(path.join(dir, 'claims'));
    cpSync(path.join(root, 'knowledge', 'sources'), path.join(dir, 'sources'), { recursive: true });
    writeFileSync(path.join(dir, 'claims', 'a.yaml'), 'id: a\n');
    writeFileSync(path.join(dir, 'claims', 'b.yaml'), 'id: [\n');
    writeFileSync(
      path.join(dir, 'claims', 'khan-freed.yaml'),
      ['id: khan-freed', 'claim: Khan was freed', 'verdict: false', 'note: He was not.', 'evidence:', '  - "a quote that is not in the article"',
        'source:', '  title: Analysis', '  file: sources/article-2024-11-11.txt', 'updated: 2024-11-11', 'colour: red', ''].join('\n'),
    );
    const result = factcheck(['knowledge', 'validate', dir]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const shown = (file: string) => `${path.relative(root, path.join(dir, 'claims', file))}`;
    expect(lines).toEqual(expect.arrayContaining([
      `${shown('a.yaml')}: claim: is missing; add the claim as people repeat it`,
      `${shown('a.yaml')}: updated: is missing; add the date of the last change, written YYYY-MM-DD`,
      expect.stringMatching(new RegExp(`^${shown('b.yaml')}: is not valid YAML`)),
      `${shown('khan-freed.yaml')}: verdict: false unquoted is read as a YAML boolean, not as the text "false"; write it in quotes: verdict: "false" (one of: false, misleading, unverified, unsupported, accurate)`,
      `${shown('khan-freed.yaml')}: unknown field "colour"; the fields are: id, claim, verdict, note, evidence, source, phrasings, counter_examples, tags, status, updated`,
      `${shown('khan-freed.yaml')}: evidence.0: quote does not appear verbatim in sources/article-2024-11-11.txt: "a quote that is not in the article"`,
    ]));
    expect(result.stderr).not.toMatch(/Invalid input|expected (string|array|object), received/);
    expect(lines.at(-1)).toMatch(/^\d+ problems in 3 files; nothing was loaded\.$/);
  });
});

describe('factcheck chat', () => {
  it('answers a claim, stays silent on small talk, and answers /factcheck with the top matches', () => {
    const result = factcheck(['chat'], 'good morning\nTrump ne Imran Khan ko riha karwane ka wada kiya\n/factcheck is the trump video real?\n/quit\n');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^factcheck terminal chat — \d+ claims in force\./);
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

describe('the compiled bundle', () => {
  it('runs with no src/ beside it, as in the Docker image (the vocabulary travels inside dist/)', () => {
    const image = mkdtempSync(path.join(tmpdir(), 'image-'));
    for (const part of ['package.json', 'bin', 'dist', 'knowledge']) cpSync(path.join(root, part), path.join(image, part), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(image, 'node_modules'));
    const result = spawnSync(process.execPath, [path.join(image, 'bin', 'factcheck.js'), 'check', '--json', 'Trump ne Imran Khan ko riha karwane ka wada kiya'], {
      cwd: image,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'image-data-')) },
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-promised-khan-release' });

    // An English message the words leave in doubt goes to the sentence encoder's worker, which
    // starts from dist/ too: its score is not the words-alone one.
    const inDoubt = 'the generals and washington, same old story';
    const scoreWith = (encoder: 'on' | 'off') => {
      const run = spawnSync(process.execPath, [path.join(image, 'bin', 'factcheck.js'), 'check', '--json', inDoubt], {
        cwd: image,
        encoding: 'utf8',
        env: { ...process.env, KNOWLEDGE_DIR: '', SENTENCE_ENCODER: encoder, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'image-data-')) },
      });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout).matches[0].score as number;
    };
    expect(scoreWith('on')).not.toBe(scoreWith('off'));
  });
});
