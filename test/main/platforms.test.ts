import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { freePort } from '../fakes/free-port.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../fakes/slack/payloads.ts';
import { SlackSender } from '../fakes/slack/signed-requests.ts';
import { waitFor } from '../fakes/slack/wait.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'platforms-test-secret';

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('npm start with Discord and Slack configured', () => {
  it('runs both in one process; one failing to start is one clear log line and the other keeps working', async () => {
    const slack = new FakeSlack();
    await slack.start();
    cleanup.push(() => slack.stop());
    const discord = await new FakeDiscord({ channels: ['general'] }).start();
    cleanup.push(() => discord.stop());
    const port = await freePort();
    const metricsPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', PORT: String(port), METRICS_PORT: String(metricsPort),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'platforms-')),
      SLACK_BOT_TOKEN: 'xoxb-platforms', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl,
      // A token the fake Discord refuses.
      DISCORD_TOKEN: 'not.the.token', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl,
    };
    const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/factcheck.js'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(() => child.kill('SIGKILL'));
    let logs = '';
    child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));

    await waitFor('both platforms to have tried to start', () => logs.includes('discord failed to start') && logs.includes('slack connected'), 20_000);
    const failure = logs.split('\n').filter((l) => l.includes('discord failed to start'));
    expect(failure).toHaveLength(1);
    expect(JSON.parse(failure[0] as string)).toMatchObject({ level: 50, platform: 'discord' });
    expect(logs).not.toContain('not.the.token');

    const base = `http://127.0.0.1:${port}`;
    const ready = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      reason: expect.stringMatching(/^discord: Discord refused DISCORD_TOKEN/),
      platforms: [{ platform: 'discord', connected: false, state: 'refused' }, { platform: 'slack', connected: true }],
    });
    // Health and metrics are not served where Slack's requests arrive.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);

    await new SlackSender(`${base}/slack/events`, SECRET).event(
      eventCallback(messageEvent({ channel: 'C1', text: 'bro did you see the Trump video where he promises to get Imran Khan released from jail?', ts: nextTs() })),
    );
    await waitFor('the Slack reply', () => slack.callsTo('chat.postMessage').length === 1, 10_000);
  }, 40_000);
});
