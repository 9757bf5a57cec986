import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_ID, CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack, FAKE_IDENTITY } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import { appMentionEvent, buttonClick, eventCallback, messageEvent, messageShortcut, nextTs, OTHER_BOT, slashCommand } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

const fake = new FakeSlack();
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  bot = await new BotUnderTest(fake, {
    mode: 'http',
    ignoreChannels: ['C-IGNORED'],
    routes: [{ path: '/healthz', method: 'GET', handler: (_req, res) => res.end('ok') }],
  }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);

/** Delivers a channel message as an Events API request and waits until the bot is done with it. */
async function say(channel: string, text: string, extra: Partial<Parameters<typeof messageEvent>[0]> = {}): Promise<string> {
  const event = messageEvent({ channel, text, ...extra });
  const sent = await bot.slack.event(eventCallback(event));
  expect(sent.status).toBe(200);
  await bot.handled(channel, String(event['ts']));
  return String(event['ts']);
}

describe('Slack adapter over HTTP (Events API)', () => {
  it('replies once, in the message thread, to a message repeating a known claim', async () => {
    const ts = await say('C-CLAIM', CLAIM_MESSAGE);
    const posts = postsIn('C-CLAIM');
    expect(posts).toHaveLength(1);
    const args = posts[0]!.args;
    expect(args['thread_ts']).toBe(ts);
    expect(args['unfurl_links']).toBe(false);
    expect(args['unfurl_media']).toBe(false);
    expect(args['link_names']).toBe(false);
    expect(posts[0]!.token).toBe('xoxb-test-bot-token');
    const shown = readableText(args);
    expect(shown).toContain(`\`${CLAIM_ID}\``);
    expect(shown).toContain(':x: *False:*');
    expect(shown).toContain('Source:');
    expect(shown).toMatch(/^>/m); // one evidence quote
    expect(String(args['text'])).toContain('False:'); // the plain fallback
  });

  it('answers inside an existing thread when the claim is a thread reply', async () => {
    const parent = nextTs();
    await say('C-THREAD', OTHER_CLAIM_MESSAGE, { threadTs: parent });
    expect(postsIn('C-THREAD').map((c) => c.args['thread_ts'])).toEqual([parent]);
  });

  it('hears the words of a shared message, which Slack puts in an attachment', async () => {
    const event: Record<string, unknown> = { ...messageEvent({ channel: 'C-SHARED', text: '' }), attachments: [{ is_share: true, text: CLAIM_MESSAGE, fallback: '[shared]' }] };
    expect((await bot.slack.event(eventCallback(event))).status).toBe(200);
    const [heard] = await bot.handled('C-SHARED', String(event['ts']));
    expect(heard).toMatchObject({ outcome: 'replied', claimId: CLAIM_ID });
  });

  it('stays silent on small talk', async () => {
    await say('C-SMALLTALK', 'good morning everyone, chai time');
    await say('C-SMALLTALK', 'anyone have the Khan Academy video on integrals?');
    expect(postsIn('C-SMALLTALK')).toEqual([]);
  });

  it('does not reply to its own message or to another bot', async () => {
    await say('C-BOTS', CLAIM_MESSAGE, { user: FAKE_IDENTITY.botUserId });
    await say('C-BOTS', CLAIM_MESSAGE, { botId: FAKE_IDENTITY.botId, subtype: 'bot_message' });
    await say('C-BOTS', OTHER_CLAIM_MESSAGE, { user: OTHER_BOT.userId, botId: OTHER_BOT.botId });
    await say('C-BOTS', OTHER_CLAIM_MESSAGE, { botId: OTHER_BOT.botId, subtype: 'bot_message' });
    expect(postsIn('C-BOTS')).toEqual([]);
    expect(bot.heard.filter((h) => h.channelId === 'C-BOTS').map((h) => h.reason)).toEqual(['own-message', 'own-message', 'bot-message', 'bot-message']);
  });

  it('ignores edits, deletions and joins', async () => {
    for (const subtype of ['message_changed', 'message_deleted', 'channel_join']) await say('C-SUBTYPES', CLAIM_MESSAGE, { subtype });
    expect(postsIn('C-SUBTYPES')).toEqual([]);
  });

  it('does not listen in a channel the channel filter excludes', async () => {
    await say('C-IGNORED', CLAIM_MESSAGE);
    expect(postsIn('C-IGNORED')).toEqual([]);
  });

  it('answers a retried event (X-Slack-Retry-Num) only once', async () => {
    const event = messageEvent({ channel: 'C-RETRY', text: CLAIM_MESSAGE });
    const envelope = eventCallback(event);
    expect((await bot.slack.event(envelope)).status).toBe(200);
    expect((await bot.slack.event(envelope, { retryNum: 1 })).status).toBe(200);
    const outcomes = await bot.handled('C-RETRY', String(event['ts']), 2);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['ignored', 'replied']);
    expect(postsIn('C-RETRY')).toHaveLength(1);
  });

  it('answers a message that arrives as both `message` and `app_mention` only once', async () => {
    const text = `<@${FAKE_IDENTITY.botUserId}> ${CLAIM_MESSAGE}`;
    const event = messageEvent({ channel: 'C-MENTION', text });
    const ts = String(event['ts']);
    await Promise.all([bot.slack.event(eventCallback(event)), bot.slack.event(eventCallback(appMentionEvent({ channel: 'C-MENTION', text, ts })))]);
    await bot.handled('C-MENTION', ts, 2);
    expect(postsIn('C-MENTION')).toHaveLength(1);
    expect(postsIn('C-MENTION')[0]!.args['thread_ts']).toBe(ts);
  });

  it('answers an @-mention like a public /factcheck, in its thread, even where it never speaks unprompted', async () => {
    const mention = `<@${FAKE_IDENTITY.botUserId}>`;
    // A correction: the passive listener keeps quiet, but whoever names the bot asked.
    const ts = await say('C-IGNORED', `${mention} the trump imran khan release video is fake, people`);
    expect(bot.heard.find((h) => h.messageId === ts)).toMatchObject({ outcome: 'answered', claimId: 'trump-khan-release-video' });
    const [answer] = postsIn('C-IGNORED');
    expect(postsIn('C-IGNORED')).toHaveLength(1);
    expect(answer!.args['thread_ts']).toBe(ts);
    expect(answer!.args['link_names']).toBe(false);
    const shown = readableText(answer!.args);
    expect(shown).toContain('Closest checked claims');
    expect(shown).toContain('`trump-khan-release-video`');
    expect(shown).not.toContain(FAKE_IDENTITY.botUserId);
    const blocks = answer!.args['blocks'] as Array<Record<string, unknown>>;
    expect(blocks.some((b) => b['type'] === 'actions')).toBe(false); // already public: no share button
    expect(pingingMarkup(answer!.args)).toEqual([]);

    // A bare mention in a thread checks the thread's first message.
    const parent = nextTs();
    fake.history.set(`C-THREADED:${parent}`, { text: OTHER_CLAIM_MESSAGE, user: 'U0SOMEONE' });
    const inThread = await say('C-THREADED', `${mention}`, { threadTs: parent });
    expect(bot.heard.find((h) => h.messageId === inThread)).toMatchObject({ outcome: 'answered', claimId: 'us-conspiracy-khan-ouster' });
    expect(postsIn('C-THREADED')[0]!.args['thread_ts']).toBe(parent);

    const bare = await say('C-BARE', `${mention}`);
    expect(bot.heard.find((h) => h.messageId === bare)?.outcome).toBe('hint');
    expect(readableText(postsIn('C-BARE')[0]!.args)).toMatch(/^Mention me with the claim you want checked/);
    const chat = await say('C-BARE', `hi ${mention} <!channel> how are you`);
    expect(bot.heard.find((h) => h.messageId === chat)?.outcome).toBe('answered');
    expect(readableText(postsIn('C-BARE')[1]!.args)).toContain('I know no checked claim like this one.');
    expect(pingingMarkup(postsIn('C-BARE')[1]!.args)).toEqual([]);
  });

  it('answers a direct message in the DM, privately; ignores its own and other bots', async () => {
    const ts = await say('D-AMINA', 'the trump imran khan release video is fake, people', { channelType: 'im' });
    expect(bot.heard.find((h) => h.messageId === ts)).toMatchObject({ outcome: 'answered', claimId: 'trump-khan-release-video' });
    const [answer] = postsIn('D-AMINA');
    expect(answer!.args['thread_ts']).toBeUndefined();
    expect(readableText(answer!.args)).toContain('Closest checked claims');
    await say('D-AMINA', CLAIM_MESSAGE, { channelType: 'im', user: FAKE_IDENTITY.botUserId, botId: FAKE_IDENTITY.botId });
    await say('D-AMINA', CLAIM_MESSAGE, { channelType: 'im', user: OTHER_BOT.userId, botId: OTHER_BOT.botId });
    expect(postsIn('D-AMINA')).toHaveLength(1);
    expect(bot.heard.filter((h) => h.channelId === 'D-AMINA').map((h) => h.reason ?? h.outcome)).toEqual(['answered', 'own-message', 'bot-message']);
  });

  it('cannot ping anyone, even when the message carries <!channel> and @here', async () => {
    await say('C-PINGS', `<!channel> @here <!everyone> <@U0SOMEONE> ${CLAIM_MESSAGE}`);
    const posts = postsIn('C-PINGS');
    expect(posts).toHaveLength(1);
    expect(pingingMarkup(posts[0]!.args)).toEqual([]);
  });

  describe('/factcheck', () => {
    it('acks within 3 seconds and then answers privately with the top matches, the note and a share button', async () => {
      const responseUrl = fake.responseUrl();
      const sent = await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-ASK', responseUrl }));
      expect(sent.status).toBe(200);
      expect(sent.elapsedMs).toBeLessThan(3000);
      const [answer] = await waitFor('the /factcheck answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
      expect(answer!.body['response_type']).toBe('ephemeral');
      const shown = readableText(answer!.body);
      expect(shown).toContain('Closest checked claims');
      expect(shown.match(/% match/g)).toHaveLength(3);
      expect(shown).toContain(`\`${CLAIM_ID}\``);
      const blocks = answer!.body['blocks'] as Array<Record<string, unknown>>;
      const actions = blocks.find((b) => b['type'] === 'actions') as { elements: Array<Record<string, unknown>> } | undefined;
      expect(actions?.elements[0]?.['action_id']).toBe('factcheck_share');
      expect(postsIn('C-ASK')).toEqual([]); // nothing public yet
    });

    it('answers an empty /factcheck with a usage hint', async () => {
      const responseUrl = fake.responseUrl();
      await bot.slack.command(slashCommand({ text: '   ', channel: 'C-ASK', responseUrl }));
      const [answer] = await waitFor('the usage hint', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
      expect(answer!.body['response_type']).toBe('ephemeral');
      expect(String(answer!.body['text'])).toContain('/factcheck');
    });

    it('escapes what the person typed, so the private answer holds no mention either', async () => {
      const responseUrl = fake.responseUrl();
      await bot.slack.command(slashCommand({ text: `<!here> <!subteam^S1|@team> ${CLAIM_MESSAGE}`, channel: 'C-ASK', responseUrl }));
      const [answer] = await waitFor('the answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
      expect(pingingMarkup(answer!.body)).toEqual([]);
    });

    it('shares the answer with the channel when "Share in channel" is pressed', async () => {
      const responseUrl = fake.responseUrl();
      await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-SHARE', responseUrl }));
      const [answer] = await waitFor('the answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
      const blocks = answer!.body['blocks'] as Array<{ type: string; elements?: Array<{ value?: string }> }>;
      const value = blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
      const clickUrl = fake.responseUrl();
      const click = await bot.slack.interaction(buttonClick({ actionId: 'factcheck_share', value, channel: 'C-SHARE', responseUrl: clickUrl }));
      expect(click.status).toBe(200);
      const [post] = await waitFor('the shared post', () => postsIn('C-SHARE')[0] && postsIn('C-SHARE'));
      expect(readableText(post!.args)).toContain(`\`${CLAIM_ID}\``);
      expect(readableText(post!.args)).toContain('Shared by ana');
      expect(pingingMarkup(post!.args)).toEqual([]);
      const [confirmation] = await waitFor('the confirmation', () => fake.responsesTo(clickUrl)[0] && fake.responsesTo(clickUrl));
      expect(confirmation!.body['replace_original']).toBe(true);
    });

    it('tells the person to invite the bot when it cannot post in the channel', async () => {
      fake.failNext.set('chat.postMessage', ['not_in_channel']);
      const value = JSON.stringify({ claimId: CLAIM_ID, score: 0.9 });
      const clickUrl = fake.responseUrl();
      await bot.slack.interaction(buttonClick({ actionId: 'factcheck_share', value, channel: 'C-NOT-MEMBER', responseUrl: clickUrl }));
      const [notice] = await waitFor('the notice', () => fake.responsesTo(clickUrl)[0] && fake.responsesTo(clickUrl));
      expect(notice!.body['response_type']).toBe('ephemeral');
      expect(String(notice!.body['text'])).toContain('/invite');
    });
  });

  it('fact-checks an existing message from the "Fact-check this message" shortcut, privately', async () => {
    const responseUrl = fake.responseUrl();
    const ts = nextTs();
    const sent = await bot.slack.interaction(messageShortcut({ text: OTHER_CLAIM_MESSAGE, channel: 'C-SHORTCUT', ts, responseUrl }));
    expect(sent.status).toBe(200);
    const [answer] = await waitFor('the shortcut answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    expect(answer!.body['response_type']).toBe('ephemeral');
    expect(readableText(answer!.body)).toContain('`us-conspiracy-khan-ouster`');
    const blocks = answer!.body['blocks'] as Array<{ type: string; elements?: Array<{ value?: string }> }>;
    const value = JSON.parse(blocks.find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '{}') as Record<string, unknown>;
    expect(value['threadTs']).toBe(ts); // sharing answers in the message's thread
    expect(postsIn('C-SHORTCUT')).toEqual([]);
  });

  describe('requests that are not from Slack', () => {
    it('refuses a forged signature with 401 and posts nothing', async () => {
      const before = fake.calls.length;
      const event = messageEvent({ channel: 'C-FORGED', text: CLAIM_MESSAGE });
      expect((await bot.slack.event(eventCallback(event), { signature: 'v0=deadbeef' })).status).toBe(401);
      expect((await bot.slack.event(eventCallback(event), { signature: null })).status).toBe(401);
      const responseUrl = fake.responseUrl();
      expect((await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-FORGED', responseUrl }), { signature: 'v0=00' })).status).toBe(401);
      await say('C-AFTER-FORGED', CLAIM_MESSAGE); // the bot still works, and the forged ones never ran
      expect(fake.calls.slice(before).map((c) => c.args['channel'])).toEqual(['C-AFTER-FORGED']);
      expect(fake.responsesTo(responseUrl)).toEqual([]);
    });

    it('refuses a correctly signed request whose timestamp is more than five minutes old', async () => {
      const event = messageEvent({ channel: 'C-STALE', text: CLAIM_MESSAGE });
      const sent = await bot.slack.event(eventCallback(event), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
      expect(sent.status).toBe(401);
      await say('C-STALE', OTHER_CLAIM_MESSAGE);
      expect(postsIn('C-STALE')).toHaveLength(1); // only the fresh one
    });

    it('refuses a correctly signed request whose timestamp is more than five minutes in the future, as it refuses a stale one', async () => {
      const event = messageEvent({ channel: 'C-FUTURE', text: CLAIM_MESSAGE });
      const sent = await bot.slack.event(eventCallback(event), { timestamp: Math.floor(Date.now() / 1000) + 60 * 60 });
      expect(sent.status).toBe(401);
      const responseUrl = fake.responseUrl();
      const command = await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-FUTURE', responseUrl }), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
      expect(command.status).toBe(401);
      // A clock a little ahead is fine, as it is for Slack.
      await say('C-FUTURE', OTHER_CLAIM_MESSAGE);
      const ahead = messageEvent({ channel: 'C-FUTURE-OK', text: CLAIM_MESSAGE });
      expect((await bot.slack.event(eventCallback(ahead), { timestamp: Math.floor(Date.now() / 1000) + 60 })).status).toBe(200);
      await bot.handled('C-FUTURE-OK', String(ahead['ts']));
      expect(postsIn('C-FUTURE')).toHaveLength(1); // only the one signed now
      expect(fake.responsesTo(responseUrl)).toEqual([]);
    });

    it("answers Slack's unsigned ssl_check, and runs nothing sent along with it", async () => {
      const smuggled = messageEvent({ channel: 'C-SSL-CHECK', text: CLAIM_MESSAGE });
      const body = new URLSearchParams({ ssl_check: '1', payload: JSON.stringify(eventCallback(smuggled)) }).toString();
      const sent = await bot.slack.send(body, 'application/x-www-form-urlencoded', { signature: null });
      expect(sent.status).toBe(200);
      await say('C-AFTER-SSL-CHECK', CLAIM_MESSAGE);
      expect(postsIn('C-SSL-CHECK')).toEqual([]);
    });

    it.each([
      ['invalid JSON', '{"type": "event_callback", "event": ', 'application/json'],
      ['JSON null', 'null', 'application/json'],
      ['an empty object', '{}', 'application/json'],
      ['an array', '[1,2]', 'application/json'],
      ['an event that is not an object', '{"type":"event_callback","event":5}', 'application/json'],
      ['a form payload that is not JSON', 'payload=%7Bnope', 'application/x-www-form-urlencoded'],
      ['a form payload of null', 'payload=null', 'application/x-www-form-urlencoded'],
    ])('answers %s with a 4xx at once and keeps serving', async (_name, body, contentType) => {
      const sent = await bot.slack.send(body, contentType);
      expect(sent.status).toBeGreaterThanOrEqual(400);
      expect(sent.status).toBeLessThan(500);
      expect(sent.elapsedMs).toBeLessThan(1000);
      const unsigned = await bot.slack.send(body, contentType, { signature: 'v0=bad' });
      expect(unsigned.status).toBe(401);
      const ts = await say(`C-AFTER-MALFORMED-${contentType.length}-${body.length}`, CLAIM_MESSAGE);
      expect(ts).toBeTruthy();
      expect(fake.callsTo('chat.postMessage').at(-1)?.args['thread_ts']).toBe(ts);
    });
  });

  describe('without the moderation service', () => {
    it('posts replies without feedback buttons', async () => {
      await say('C-NO-MODERATION', CLAIM_MESSAGE);
      expect(JSON.stringify(postsIn('C-NO-MODERATION')[0]?.args['blocks'])).not.toContain('reply_not_relevant');
    });

    it('answers /claim and "Push correction" privately that moderation is not available', async () => {
      const commandUrl = fake.responseUrl();
      await bot.slack.command(slashCommand({ text: 'edit khan-impeached', channel: 'C-NO-MODERATION', responseUrl: commandUrl, command: '/claim' }));
      const shortcutUrl = fake.responseUrl();
      await bot.slack.interaction(messageShortcut({ text: CLAIM_MESSAGE, channel: 'C-NO-MODERATION', ts: nextTs(), responseUrl: shortcutUrl, callbackId: 'push_correction' }));
      for (const url of [commandUrl, shortcutUrl]) {
        const [answer] = await waitFor('the answer', () => fake.responsesTo(url)[0] && fake.responsesTo(url));
        expect(answer!.body['response_type']).toBe('ephemeral');
        expect(String(answer!.body['text'])).toContain('Moderation is not available');
      }
      expect(fake.callsTo('views.open')).toEqual([]);
    });
  });

  it('answers Slack\'s url_verification challenge when the events URL is set up', async () => {
    const sent = await bot.slack.event({ type: 'url_verification', token: 't', challenge: 'c-123' });
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toEqual({ challenge: 'c-123' });
  });

  it('serves extra routes (health, metrics) on the same port', async () => {
    const response = await fetch(`http://127.0.0.1:${bot.adapter.listeningPort()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(bot.adapter.isConnected()).toBe(true);
  });

  it('logged no error for anything above (the refused share is a warning)', () => {
    const errors = bot.errors().map((e) => e['msg']);
    expect(errors).toEqual([]);
  });
});
