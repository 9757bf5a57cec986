import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../fakes/slack/payloads.ts';
import { SlackSender } from '../fakes/slack/signed-requests.ts';
import { waitFor } from '../fakes/slack/wait.ts';
import { BotProcess } from '../store/instances/bot-process.ts';

const SECRET = 'shutdown-test-secret';
const CLAIM = 'bro did you see the Trump video where he promises to get Imran Khan released from jail?';

const running: { bot?: BotProcess | undefined; fake?: FakeSlack | undefined; discord?: FakeDiscord | undefined } = {};
afterEach(async () => {
  await running.bot?.stop();
  running.bot = undefined;
  await running.fake?.stop();
  await running.discord?.stop();
  running.fake = undefined;
  running.discord = undefined;
});

describe('the running bot', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s stops taking events, finishes the reply in flight, closes the store and exits 0',
    async (signal) => {
      const fake = new FakeSlack();
      running.fake = fake;
      await fake.start();
      const dataDir = mkdtempSync(path.join(tmpdir(), 'shutdown-'));
      const bot = await BotProcess.start('the bot', { DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-shutdown-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
      running.bot = bot;
      const health = bot.healthUrl;
      expect((await fetch(`${health}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${health}/metrics`)).text();
      expect(metrics).toContain('factcheck_messages_seen_total');
      // As docs/operations.md names them: factcheck_process_*, factcheck_nodejs_*.
      expect(metrics).toMatch(/^factcheck_process_cpu_user_seconds_total /m);
      expect(metrics).toMatch(/^factcheck_nodejs_eventloop_lag_seconds /m);
      expect(metrics).not.toContain('factcheck_process_process_');

      const sender = new SlackSender(`${bot.url}/slack/events`, SECRET);
      const held = fake.hold('chat.postMessage');
      await sender.event(eventCallback(messageEvent({ channel: 'C1', text: CLAIM, ts: nextTs() })));
      await waitFor('the reply to be in flight', () => held.waiting() >= 1, 10_000);

      const exited = bot.kill(signal);
      await waitFor('shutdown to begin', () => bot.logs.includes('shutting down'), 5_000);
      const late = await sender.event(eventCallback(messageEvent({ channel: 'C2', text: CLAIM, ts: nextTs() }))).catch(() => undefined);
      held.release();

      expect(await exited).toBe(0);
      expect(bot.logs).toContain('"msg":"stopped"');
      expect(bot.logs).not.toContain('xoxb-shutdown-test');
      expect(bot.logs).not.toContain(SECRET);
      expect(fake.callsTo('chat.postMessage').map((c) => c.args['channel'])).toEqual(['C1']);
      // Not acknowledged: Slack delivers an event that arrives while the bot stops again, later.
      expect(late === undefined || late.status === 503).toBe(true);
      // SQLite removes the write-ahead log when the last connection closes cleanly.
      expect(existsSync(path.join(dataDir, 'factcheck.db'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'factcheck.db-wal'))).toBe(false);
      await expect(fetch(`${health}/healthz`)).rejects.toThrow();
    },
    40_000,
  );

  it.each(['slack', 'discord'] as const)(
    'exits within the 10 s `docker stop` allows when a %s call hangs, under the Docker CMD (node bin/factcheck.js start)',
    async (platform) => {
      const env: Record<string, string> = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'shutdown-hung-')) };
      let hang: (bot: BotProcess) => Promise<void>;
      if (platform === 'slack') {
        const fake = new FakeSlack();
        running.fake = fake;
        await fake.start();
        Object.assign(env, { SLACK_BOT_TOKEN: 'xoxb-shutdown-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
        hang = async (bot) => {
          // Slack takes the post and never answers.
          fake.faults.add('chat.postMessage', { kind: 'hang' }, Infinity);
          await new SlackSender(`${bot.url}/slack/events`, SECRET).event(eventCallback(messageEvent({ channel: 'C1', text: CLAIM, ts: nextTs() })));
          await waitFor('the post to hang', () => fake.attempts.some((a) => a.method === 'chat.postMessage'), 10_000);
        };
      } else {
        const fake = await new FakeDiscord({ channels: ['general'] }).start();
        running.discord = fake;
        Object.assign(env, { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
        hang = async () => {
          fake.rest.faults.add(/^POST \/channels\/\d+\/messages$/, { kind: 'hang' }, Infinity);
          fake.post('general', CLAIM);
          await waitFor('the reply to hang', () => fake.requests.some((r) => r.fault === 'hang'), 10_000);
        };
      }
      const bot = await BotProcess.start('the bot', env);
      running.bot = bot;
      await hang(bot);

      const signalledAt = Date.now();
      expect(await bot.kill('SIGTERM')).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(bot.logs).toContain('"msg":"stopped"');
    },
    40_000,
  );
});
