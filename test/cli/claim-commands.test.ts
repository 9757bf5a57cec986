import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'factcheck.js');
const EVIDENCE = 'Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.';

function factcheck(dataDir: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: '' } });
}

// Each test runs factcheck several times, a second or more each on a busy machine.
describe('factcheck claim (moderation from the shell)', { timeout: 60_000 }, () => {
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
    // The shell names the shell's command, not the chat's /claim.
    expect(exists.stderr).toContain('a claim with the id "khan-impeached" already exists; edit it instead (factcheck claim edit khan-impeached)');
    expect(exists.stderr).not.toContain('/claim');
    const anonymous = factcheck(data, ['claim', 'retire', 'khan-impeached']);
    expect(anonymous.status).toBe(2);
    expect(anonymous.stderr).toContain('--by NAME is required');
  });

  it('exports only the claims in force, as files that pass knowledge validate', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    factcheck(data, ['claim', 'edit', 'khan-impeached', '--phrasing', 'kaptaan ka impeachment hua tha', '--by', 'Sara']);
    factcheck(data, ['claim', 'retire', 'trump-takes-office-january-2025', '--by', 'Sara']);
    const out = path.join(data, 'export');
    const inForce = factcheck(data, ['claim', 'list']).stdout.trim().split('\n').length;
    const exported = factcheck(data, ['knowledge', 'export', out]);
    expect(exported.stdout).toContain(`Wrote ${inForce} claims in force`);
    expect(existsSync(path.join(out, 'claims', 'trump-takes-office-january-2025.yaml'))).toBe(false);
    const feed = path.join(data, 'feed.json');
    expect(factcheck(data, ['knowledge', 'export', '--format', 'claimreview', feed]).stdout).toContain(`Wrote ${inForce} ClaimReviews`);
    expect(readFileSync(feed, 'utf8')).not.toContain('trump-takes-office-january-2025');
    const validated = factcheck(data, ['knowledge', 'validate', out]);
    expect(validated.stdout).toMatch(new RegExp(`^${inForce} claims OK`));
    expect(JSON.parse(factcheck(data, ['check', '--json', '--knowledge', out, 'kaptaan ka impeachment hua tha']).stdout).matches[0].id).toBe('khan-impeached');
  });

  it('lists the claims in force, or those of one status, as text or JSON lines', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    factcheck(data, ['claim', 'retire', 'khan-impeached', '--by', 'Omar']);
    const all = factcheck(data, ['claim', 'list', '--status', 'all']).stdout.trim().split('\n');
    const listed = factcheck(data, ['claim', 'list']).stdout.trim().split('\n');
    expect(listed).toHaveLength(all.length - 1);
    expect(listed.find((l) => l.startsWith('khan-impeached '))).toBeUndefined();
    expect(listed.find((l) => l.startsWith('trump-promised-khan-release '))).toMatch(/^trump-promised-khan-release +\w+ +published +v0 +Donald Trump/);
    const retired = factcheck(data, ['claim', 'list', '--status', 'retired', '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(retired).toEqual([expect.objectContaining({ id: 'khan-impeached', status: 'retired', version: 1, verdict: expect.any(String) })]);
    expect(all.find((l) => l.startsWith('khan-impeached '))).toMatch(/ retired +v1 /);
    const wrong = factcheck(data, ['claim', 'list', '--status', 'gone']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^factcheck: --status must be one of published, retired, all \(got "gone"\)\nUsage: factcheck claim list/);
  });

  it('shows history newest first, and says how to find an id it does not know', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    factcheck(data, ['claim', 'edit', 'khan-impeached', '--phrasing', 'kaptaan ka impeachment hua tha', '--by', 'Sara']);
    factcheck(data, ['claim', 'retire', 'khan-impeached', '--by', 'Omar']);
    const history = factcheck(data, ['claim', 'history', 'khan-impeached']).stdout;
    expect(history.indexOf('v2 ')).toBeLessThan(history.indexOf('v1 '));
    const unknown = factcheck(data, ['claim', 'show', 'no-such-claim']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('factcheck: no claim has the id "no-such-claim"; factcheck claim list shows every claim in force\n');
  });

  it('counts replies and feedback per claim with claim stats', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const stats = factcheck(data, ['claim', 'stats']);
    expect(stats.status).toBe(0);
    expect(stats.stdout).toBe('Last 7 days:\n  nothing yet\nLast 30 days:\n  nothing yet\n');
  });
});

describe('factcheck chat --moderator', { timeout: 60_000 }, () => {
  it('pushes a correction on the previous message, teaches it, and refuses members', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const member = factcheck(data, ['chat'], 'orange man ne sign kar diya, qaidi number 804 ghar aa raha hai\n/correct trump-promised-khan-release\n');
    expect(member.stdout).toContain('Only moderators can use /correct. Start the chat with: npx factcheck chat --moderator');
    const script = [
      'orange man ne sign kar diya, qaidi number 804 ghar aa raha hai',
      '/correct trump-promised-khan-release old edited clip, no promise',
      '/claim edit trump-promised-khan-release --verdict nope',
      '/quit',
    ].join('\n');
    const moderator = factcheck(data, ['chat', '--moderator'], `${script}\n`);
    expect(moderator.stdout).toContain('Correction on message #1 "orange man ne sign kar diya, qaidi number 804 ghar aa raha hai":');
    expect(moderator.stdout).toContain('Moderator correction by');
    expect(moderator.stdout).toContain('Taught: messages like #1 now trigger trump-promised-khan-release.');
    expect(moderator.stdout).toContain('Not changed: verdict: verdict must be one of');
    const later = factcheck(data, ['check', '--json', 'orange man ne sign kar diya!! qaidi number 804 ghar aa raha hai']);
    expect(JSON.parse(later.stdout)).toMatchObject({ decision: 'reply', claim: 'trump-promised-khan-release' });
  });
});

describe('factcheck claim push', { timeout: 60_000 }, () => {
  const pushed = async (env: Record<string, string>, args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      // Asynchronous: the fake platform answers from this process while the command waits on it.
      const child = spawn(process.execPath, [bin, 'claim', 'push', ...args], { cwd: root, env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cli-')), ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('posts a claim\'s fact-check in a Slack channel through the Web API, with no pings', async () => {
    const slack = new FakeSlack();
    await slack.start();
    try {
      const env = { SLACK_BOT_TOKEN: 'xoxb-cli-push', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl };
      const result = await pushed(env, ['khan-impeached', '--channel', 'C0NEWS', '--by', 'Sara']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('Posted the fact-check of khan-impeached in Slack channel C0NEWS. The bot updates it if the note changes.\n');
      const [post] = slack.callsTo('chat.postMessage');
      expect(post?.args).toMatchObject({ channel: 'C0NEWS', link_names: false });
      expect(JSON.stringify(post?.args)).toContain('Sara');
    } finally {
      await slack.stop();
    }
  });

  it('posts in a Discord channel through the REST API', async () => {
    const discord = await new FakeDiscord({ channels: ['news'] }).start();
    try {
      const channel = discord.channelId('news');
      const result = await pushed({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl }, ['khan-impeached', '--channel', channel, '--by', 'Sara']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(`Posted the note of khan-impeached in Discord channel ${channel}.`);
      const post = discord.requests.find((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
      expect(JSON.stringify(post?.body)).toContain('"allowed_mentions":{"parse":[]');
    } finally {
      await discord.stop();
    }
  });

  it('asks which platform when both are configured, and which channel always', async () => {
    const both = { DISCORD_TOKEN: 'a.b.c', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    const ambiguous = await pushed(both, ['khan-impeached', '--channel', 'C1', '--by', 'Sara']);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/^factcheck: both Discord and Slack are configured: say which with --platform discord or --platform slack\nUsage: factcheck claim push ID --channel CHANNEL/);
    const nowhere = await pushed(both, ['khan-impeached', '--platform', 'slack', '--by', 'Sara']);
    expect(nowhere.stderr).toMatch(/^factcheck: --channel is required/);
  });
});
