import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { freePort } from '../fakes/free-port.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../fakes/slack/payloads.ts';
import { SlackSender } from '../fakes/slack/signed-requests.ts';
import { waitFor } from '../fakes/slack/wait.ts';
import { until } from './until.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'start-up-test-secret';
const CLAIM = 'bro did you see the Trump video where he promises to get Imran Khan released from jail?';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface RunningBot {
  child: ChildProcess;
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** `factcheck start` in a child process with only the given settings; its JSON log lines, parsed. */
function startBot(settings: Record<string, string>): RunningBot {
  const env = { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'start-up-')), ...settings };
  const child = spawn(process.execPath, [path.join(root, 'bin/factcheck.js'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return { level: 'not JSON', msg: l };
        }
      });
  return { child, lines, exited };
}

/** A port that refuses connections until `open()`, then forwards them to `target`: a platform coming back. */
async function outage(target: number): Promise<{ port: number; open: () => Promise<void> }> {
  const port = await freePort();
  let server: Server | undefined;
  cleanup.push(() => new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve))));
  return {
    port,
    open: () =>
      new Promise<void>((resolve) => {
        server = createServer((socket) => {
          const upstream = connect(target, '127.0.0.1');
          socket.pipe(upstream).pipe(socket);
          socket.on('error', () => upstream.destroy());
          upstream.on('error', () => socket.destroy());
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
  };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  const response = await fetch(url).catch(() => undefined);
  return response === undefined ? undefined : { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const attemptLines = (bot: RunningBot, platform: string) => bot.lines().filter((l) => l['platform'] === platform && typeof l['attempt'] === 'number' && l['level'] === 40);

describe('npm start when a platform cannot be reached', () => {
  it('retries Slack with backoff, one line per attempt saying why, answers /healthz at once and /readyz 503 until connected', async () => {
    const slack = new FakeSlack();
    await slack.start();
    cleanup.push(() => slack.stop());
    const down = await outage(Number(new URL(slack.apiUrl).port));
    const [port, metricsPort] = [await freePort(), await freePort()];
    const started = Date.now();
    const bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-start-up', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `http://127.0.0.1:${down.port}/api/`, PORT: String(port), METRICS_PORT: String(metricsPort) });
    const health = `http://127.0.0.1:${metricsPort}`;

    await until('/healthz to answer', async () => (await get(`${health}/healthz`))?.status === 200, 5_000);
    // Node alone takes a good part of a second to start on a loaded machine; the health server is the first thing up.
    expect(Date.now() - started).toBeLessThan(3_000);

    await waitFor('two failed attempts', () => attemptLines(bot, 'slack').length >= 2, 15_000);
    const why = `127.0.0.1:${down.port} refused the connection: check the network or SLACK_API_URL`;
    const [first, second] = attemptLines(bot, 'slack');
    expect(first?.['msg']).toMatch(new RegExp(`^slack cannot connect yet \\(attempt 1\\): ${why.replace(/[.()]/g, '\\$&')}; trying again in \\d+\\.\\d s$`));
    expect(second?.['attempt']).toBe(2);
    // Backoff: the second wait is drawn from a range twice as long as the first.
    expect(Number(second?.['retryInMs'])).toBeGreaterThanOrEqual(1000);
    const ready = await get(`${health}/readyz`);
    expect(ready).toMatchObject({ status: 503, body: { status: 'not ready', reason: `slack: ${why}` } });
    expect(bot.lines().filter((l) => Number(l['level']) >= 50)).toEqual([]);

    await down.open();
    await waitFor('the bot to connect once Slack is back', () => bot.lines().some((l) => l['msg'] === 'slack connected'), 15_000);
    expect((await get(`${health}/readyz`))?.status).toBe(200);
    await new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET).event(eventCallback(messageEvent({ channel: 'C1', text: CLAIM, ts: nextTs() })));
    await waitFor('the reply', () => slack.callsTo('chat.postMessage').length === 1, 10_000);
    expect(bot.child.exitCode).toBeNull();
  }, 60_000);

  it('says when the platform\'s name does not resolve', async () => {
    const metricsPort = await freePort();
    const bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-start-up', SLACK_APP_TOKEN: 'xapp-start-up', SLACK_API_URL: 'http://slack.invalid/api/', METRICS_PORT: String(metricsPort) });
    await waitFor('a failed attempt', () => attemptLines(bot, 'slack').length >= 1, 15_000);
    expect(attemptLines(bot, 'slack')[0]?.['msg']).toMatch(/^slack cannot connect yet \(attempt 1\): cannot resolve slack\.invalid: check the network or SLACK_API_URL; trying again in/);
  }, 30_000);

  it('retries Discord until its API answers, then connects', async () => {
    const discord = await new FakeDiscord({ channels: ['general'] }).start();
    cleanup.push(() => discord.stop());
    const down = await outage(Number(new URL(discord.apiUrl).port));
    const metricsPort = await freePort();
    const bot = startBot({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: `http://127.0.0.1:${down.port}/api`, METRICS_PORT: String(metricsPort) });
    await waitFor('a failed attempt', () => attemptLines(bot, 'discord').length >= 1, 15_000);
    expect(attemptLines(bot, 'discord')[0]?.['msg']).toMatch(
      new RegExp(`^discord cannot connect yet \\(attempt 1\\): 127\\.0\\.0\\.1:${down.port} refused the connection: check the network, or DISCORD_API_URL if you set it; trying again in`),
    );
    expect((await get(`http://127.0.0.1:${metricsPort}/readyz`))?.status).toBe(503);
    await down.open();
    await waitFor('the bot to connect once Discord is back', () => bot.lines().some((l) => l['msg'] === 'discord connected'), 15_000);
    expect((await get(`http://127.0.0.1:${metricsPort}/readyz`))?.status).toBe(200);
    expect(bot.lines().filter((l) => Number(l['level']) >= 50 || l['level'] === 'not JSON')).toEqual([]);
  }, 60_000);
});

describe('npm start with a credential the platform refuses', () => {
  it('stops at once with one line that says what to fix, for a Discord token', async () => {
    const discord = await new FakeDiscord({ channels: ['general'] }).start();
    cleanup.push(() => discord.stop());
    const bot = startBot({ DISCORD_TOKEN: 'not.the.token', DISCORD_API_URL: discord.apiUrl, METRICS_PORT: String(await freePort()) });
    expect(await bot.exited).toBe(1);
    const errors = bot.lines().filter((l) => Number(l['level']) >= 50 || l['level'] === 'not JSON');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.['msg']).toMatch(/^discord failed to start: Discord refused DISCORD_TOKEN \(401 Unauthorized\)\. .*Reset Token/);
    expect(JSON.stringify(bot.lines())).not.toMatch(/\\n\s+at |not\.the\.token/);
  }, 30_000);

  it('stops at once with one line that says what to fix, for a Slack token', async () => {
    const slack = new FakeSlack();
    await slack.start();
    cleanup.push(() => slack.stop());
    slack.failNext.set('auth.test', ['invalid_auth']);
    const bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_APP_TOKEN: 'xapp-start-up', SLACK_API_URL: slack.apiUrl, METRICS_PORT: String(await freePort()) });
    expect(await bot.exited).toBe(1);
    const errors = bot.lines().filter((l) => Number(l['level']) >= 40 || l['level'] === 'not JSON');
    expect(errors.map((l) => l['msg'])).toEqual([expect.stringMatching(/^slack failed to start: Slack refused SLACK_BOT_TOKEN \("invalid_auth"\): copy the Bot User OAuth Token/)]);
  }, 30_000);
});

describe('npm start when a port is taken', () => {
  async function holdPort(): Promise<number> {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    return port;
  }

  it('names PORT when Slack\'s port is in use', async () => {
    const slack = new FakeSlack();
    await slack.start();
    cleanup.push(() => slack.stop());
    const port = await holdPort();
    const bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-start-up', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), METRICS_PORT: String(await freePort()) });
    expect(await bot.exited).toBe(1);
    expect(bot.lines().filter((l) => Number(l['level']) >= 50).map((l) => l['msg'])).toEqual([
      `slack failed to start: PORT=${port} is already in use by another program: stop that program, or set PORT to a free port`,
    ]);
  }, 30_000);

  it('names METRICS_PORT when the health port is in use', async () => {
    const metricsPort = await holdPort();
    const bot = startBot({ SLACK_BOT_TOKEN: 'xoxb-start-up', SLACK_APP_TOKEN: 'xapp-start-up', METRICS_PORT: String(metricsPort) });
    expect(await bot.exited).toBe(1);
    expect(bot.lines().filter((l) => Number(l['level']) >= 50).map((l) => l['msg'])).toEqual([
      `METRICS_PORT=${metricsPort} is already in use by another program: stop that program, or set METRICS_PORT to a free port`,
    ]);
  }, 30_000);
});
