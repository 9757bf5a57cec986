import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../fakes/free-port.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../fakes/slack/payloads.ts';
import { SlackSender } from '../fakes/slack/signed-requests.ts';
import { until } from './until.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'dotenv-test-secret';
const EVIDENCE = 'Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.';
const NEW_PHRASING = 'trump pakistan mein regime change karwa ke imran khan ko wapis laye ga';
// Messages the shipped knowledge answers; the one it is least sure of tests the threshold.
const CANDIDATES = [
  'bro did you see the Trump video where he promises to get Imran Khan released from jail?',
  'trump will free imran khan',
  'is the trump imran video real?',
  'trump ne imran khan ko riha karwane ka waada kia',
];

/** A fresh install: the built project copied to a folder of its own, as a clone after `npm install` is. */
function installedProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'factcheck-project-'));
  for (const entry of ['package.json', 'bin', 'dist', 'knowledge']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the shell and the running bot read one configuration from .env', () => {
  it('answers in the bot a claim added from the shell, and check decides as the bot does, with only .env set', async () => {
    const slack = new FakeSlack();
    await slack.start();
    cleanup.push(() => slack.stop());
    const project = installedProject();
    const [port, metricsPort] = [await freePort(), await freePort()];
    // Nothing but what a shell always has: every setting comes from .env.
    const env = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'somewhere-else-'));
    const factcheck = (args: string[]) => spawnSync(process.execPath, [path.join(project, 'bin/factcheck.js'), ...args], { cwd: elsewhere, env, encoding: 'utf8' });
    // A message the bot answers with the defaults, and a REPLY_THRESHOLD in .env just above its score.
    const judged = factcheck(['check', '--json', ...CANDIDATES]).stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string; decision: string; matches: { score: number }[] });
    const [borderline] = judged.filter((j) => j.decision === 'reply').sort((a, b) => (a.matches[0]?.score ?? 1) - (b.matches[0]?.score ?? 1));
    const score = borderline?.matches[0]?.score ?? 1;
    expect(score).toBeLessThan(1);
    const threshold = Math.round(((score + 1) / 2) * 10_000) / 10_000;
    writeFileSync(
      path.join(project, '.env'),
      [
        `SLACK_BOT_TOKEN=xoxb-dotenv`, `SLACK_SIGNING_SECRET=${SECRET}`, `SLACK_API_URL=${slack.apiUrl}`,
        `PORT=${port}`, `METRICS_PORT=${metricsPort}`, 'LOG_LEVEL=info',
        // Relative, so taken from the project folder; and a threshold stricter than the default.
        'DATA_DIR=state', `REPLY_THRESHOLD=${threshold}`,
      ].join('\n'),
    );

    const bot: ChildProcess = spawn(process.execPath, [path.join(project, 'bin/factcheck.js'), 'start'], { cwd: elsewhere, env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(() => bot.kill('SIGKILL'));
    let logs = '';
    bot.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    bot.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
    await until('the bot to be ready', async () => (await fetch(`http://127.0.0.1:${metricsPort}/readyz`).catch(() => undefined))?.status === 200, 20_000);

    const added = factcheck([
      'claim', 'add', '--id', 'trump-regime-change-pakistan', '--verdict', 'misleading',
      '--claim', 'Trump will order regime change in Pakistan to bring back Imran Khan',
      '--note', 'The analysis of 11 November 2024 says Trump has said he opposes regime change operations on foreign soil.',
      '--evidence', EVIDENCE, '--phrasing', NEW_PHRASING, '--by', 'Sara',
    ]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added trump-regime-change-pakistan');
    expect(existsSync(path.join(project, 'state', 'factcheck.db'))).toBe(true);
    expect(existsSync(path.join(elsewhere, 'state'))).toBe(false);
    expect(existsSync(path.join(elsewhere, 'data'))).toBe(false);

    // check: the new claim replies; the message the defaults answer stays below the .env threshold.
    const checked = factcheck(['check', '--json', NEW_PHRASING, borderline?.text ?? '']).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(checked.map((c) => c.claim)).toEqual(['trump-regime-change-pakistan', null]);

    // The running bot, which never restarted, answers the new claim and stays silent on the other.
    const sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
    await sender.event(eventCallback(messageEvent({ channel: 'C1', text: borderline?.text ?? '', ts: nextTs() })));
    // The bot looks for changes from other processes every two seconds: say it until it answers.
    const sent = Date.now();
    await until('the reply to the claim added from the shell', async () => {
      if (slack.callsTo('chat.postMessage').length > 0) return true;
      await sender.event(eventCallback(messageEvent({ channel: 'C2', text: NEW_PHRASING, ts: nextTs() })));
      await new Promise((r) => setTimeout(r, 300));
      return slack.callsTo('chat.postMessage').length > 0;
    }, 10_000);
    expect(Date.now() - sent).toBeLessThan(5_000);
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((p) => p.args['channel'])).toEqual(['C2']);
    expect(JSON.stringify(posts[0]?.args)).toContain('trump-regime-change-pakistan');
  }, 60_000);
});
