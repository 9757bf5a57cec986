import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import { ChannelFilter } from '../../../src/core/channel-filter.ts';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { openFactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, slashCommand } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

// Slack delivers an unacknowledged Socket Mode event again after about 3 s; 1 s here.
const fake = new FakeSlack({ redeliverAfterMs: 1_000 });
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe('Slack adapter lifecycle', () => {
  it('lets a reply that is being written finish before it stops; while stopping it answers a command but leaves events for Slack to deliver again', async () => {
    const bot = await new BotUnderTest(fake, { mode: 'http' }).start();
    const held = fake.hold('chat.postMessage');
    const event = messageEvent({ channel: 'C-STOP', text: CLAIM_MESSAGE });
    await bot.slack.event(eventCallback(event));
    await waitFor('the reply to reach Slack', () => held.waiting() === 1);

    const port = bot.adapter.listeningPort();
    let stopped = false;
    const stopping = bot.adapter.stop().then(() => {
      stopped = true;
    });
    const sender = bot.slack;
    // While draining, a command is answered (Slack never sends it again); an event is refused with
    // 503 and not acknowledged, so Slack delivers it again instead of it being lost.
    const responseUrl = fake.responseUrl();
    const late = await sender.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-STOP', responseUrl }));
    expect(late.status).toBe(200);
    const lateEvent = messageEvent({ channel: 'C-STOP-LATE', text: CLAIM_MESSAGE });
    const deferred = await sender.event(eventCallback(lateEvent));
    expect(deferred.status).toBe(503);
    expect(stopped).toBe(false);

    held.release();
    await stopping;
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C-STOP')).toHaveLength(1);
    expect(bot.heard.find((h) => h.messageId === event['ts'])?.outcome).toBe('replied');
    expect(bot.heard.some((h) => h.messageId === lateEvent['ts'])).toBe(false);
    await waitFor('the command to be answered', () => fake.responsesTo(responseUrl).length === 1);
    expect(bot.adapter.isConnected()).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).rejects.toThrow(); // port closed
  });

  it('logs a failure in one event and keeps serving the next', async () => {
    const bot = await new BotUnderTest(fake, { mode: 'http' }).start();
    try {
      // A reply Slack refuses: logged with the fix, reported as failed.
      fake.failNext.set('chat.postMessage', ['not_in_channel']);
      const refused = messageEvent({ channel: 'C-FAIL', text: CLAIM_MESSAGE });
      await bot.slack.event(eventCallback(refused));
      expect((await bot.handled('C-FAIL', String(refused['ts'])))[0]?.outcome).toBe('failed');
      expect(bot.errors().map((e) => e['msg'])).toEqual([expect.stringContaining('/invite')]);

      // A response_url that fails: the error reaches app.error, which logs it.
      const sent = await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-FAIL', responseUrl: `${fake.origin}/gone` }));
      expect(sent.status).toBe(200);
      await waitFor('the failure to be logged', () => bot.errors().length === 2);
      expect(bot.errors()[1]?.['msg']).toMatch(/failed to handle a Slack command \/factcheck/);

      const next = messageEvent({ channel: 'C-FAIL-NEXT', text: CLAIM_MESSAGE });
      await bot.slack.event(eventCallback(next));
      expect((await bot.handled('C-FAIL-NEXT', String(next['ts'])))[0]?.outcome).toBe('replied');
      // Bolt's own lines went through pino too.
      expect(bot.logs.some((l) => l['component'] === 'bolt' && l['adapter'] === 'slack')).toBe(true);
    } finally {
      await bot.adapter.stop();
    }
  });

  it('logs a message event whose handling throws, still acknowledges it, and answers the next one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-throws-'));
    const core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir, guard: { cooldownMs: 0, channelRepliesPerMinute: 100, globalRepliesPerMinute: 1000 } });
    const hear = core.checker.hear.bind(core.checker);
    core.checker.hear = async (message) => (message.channelId === 'C-THROWS' ? Promise.reject(new Error('the core broke')) : hear(message));
    const bot = await new BotUnderTest(fake, { mode: 'http', core }).start();
    try {
      const broken = messageEvent({ channel: 'C-THROWS', text: CLAIM_MESSAGE });
      expect((await bot.slack.event(eventCallback(broken))).status).toBe(200);
      await waitFor('the failure to be logged', () => bot.errors().length === 1);
      expect(bot.errors()[0]?.['msg']).toBe('failed to handle a Slack message event: the core broke');
      const next = messageEvent({ channel: 'C-AFTER-THROWS', text: CLAIM_MESSAGE });
      await bot.slack.event(eventCallback(next));
      expect((await bot.handled('C-AFTER-THROWS', String(next['ts'])))[0]?.outcome).toBe('replied');
      expect(fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C-THROWS')).toEqual([]);
    } finally {
      await bot.adapter.stop();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a token Slack rejects, saying which variable to fix', async () => {
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxp-not-a-bot-token', signingSecret: 's', appToken: undefined, apiUrl: fake.apiUrl, port: 0, moderatorIds: [] },
      checker: new FactChecker(new KnowledgeBase([])),
      logger: pino({ level: 'silent' }),
      channels: new ChannelFilter(),
    });
    // A refused token is not worth retrying: the caller stops with this one line.
    await expect(adapter.start()).rejects.toMatchObject({ retry: false, message: expect.stringMatching(/^Slack refused SLACK_BOT_TOKEN \("invalid_auth"\): copy the Bot User OAuth Token/) });
    expect(adapter.isConnected()).toBe(false);
  });

  it('needs the signing secret in HTTP mode', () => {
    expect(() =>
      createSlackAdapter({
        config: { botToken: 'xoxb-1', signingSecret: undefined, appToken: undefined, apiUrl: undefined, port: 0, moderatorIds: [] },
        checker: new FactChecker(new KnowledgeBase([])),
        logger: pino({ level: 'silent' }),
        channels: new ChannelFilter(),
      }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('accepts SLACK_API_URL without the trailing slash', async () => {
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-ok', signingSecret: 's', appToken: undefined, apiUrl: fake.apiUrl.replace(/\/$/, ''), port: 0, moderatorIds: [] },
      checker: new FactChecker(new KnowledgeBase([])),
      logger: pino({ level: 'silent' }),
      channels: new ChannelFilter(),
    });
    await adapter.start();
    expect(adapter.isConnected()).toBe(true);
    await adapter.stop();
    expect(adapter.isConnected()).toBe(false);
  });

  it('in Socket Mode, does not acknowledge an event that arrives while stopping but answers a command; Slack redelivers the event and the next instance answers it', async () => {
    const bot = await new BotUnderTest(fake, { mode: 'socket' }).start();
    const held = fake.hold('chat.postMessage');
    fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-SOCKET-STOP', text: CLAIM_MESSAGE })));
    await waitFor('the reply to reach Slack', () => held.waiting() === 1);
    const stopping = bot.adapter.stop();
    const lateEvent = fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-SOCKET-LATE', text: CLAIM_MESSAGE })));
    const responseUrl = fake.responseUrl();
    const lateCommand = fake.deliver('slash_commands', slashCommand({ text: CLAIM_MESSAGE, channel: 'C-SOCKET-LATE', responseUrl }));
    await waitFor('the command to be acknowledged', () => fake.acks.some((a) => a.envelope_id === lateCommand));
    await waitFor('the command to be answered', () => fake.responsesTo(responseUrl).length === 1);
    held.release();
    await stopping;
    expect(fake.acknowledged(lateEvent)).toBe(false);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args['channel'])).not.toContain('C-SOCKET-LATE');

    // Nothing lost: the instance that starts next gets it again and answers it.
    const next = await new BotUnderTest(fake, { mode: 'socket' }).start();
    try {
      await waitFor('the late event to be answered after the restart', () => fake.callsTo('chat.postMessage').some((c) => c.args['channel'] === 'C-SOCKET-LATE'), 5_000);
      expect(fake.acknowledged(lateEvent)).toBe(true);
      expect(fake.deliveries.filter((d) => d.firstEnvelopeId === lateEvent).at(-1)?.retryAttempt).toBeGreaterThan(0);
    } finally {
      await next.adapter.stop();
    }
  });

  it('stops a Socket Mode connection cleanly', async () => {
    const bot = await new BotUnderTest(fake, { mode: 'socket' }).start();
    expect(bot.adapter.isConnected()).toBe(true);
    await bot.adapter.stop();
    expect(bot.adapter.isConnected()).toBe(false);
    await waitFor('the fake to see the socket close', () => !fake.socketConnected);
  });
});
