import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack, FAKE_IDENTITY } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import { eventCallback, messageEvent, messageShortcut, nextTs, slashCommand, type MessageFields } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

const fake = new FakeSlack();
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  bot = await new BotUnderTest(fake, { mode: 'socket' }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);
const acked = (envelopeId: string) => fake.acks.find((a) => a.envelope_id === envelopeId);

async function say(fields: MessageFields): Promise<string> {
  const event = messageEvent(fields);
  const envelopeId = fake.deliver('events_api', eventCallback(event));
  await waitFor('the envelope ack', () => acked(envelopeId));
  await bot.handled(fields.channel, String(event['ts']));
  return String(event['ts']);
}

describe('Slack adapter over Socket Mode', () => {
  it('connects with the app token through apps.connections.open and opens no HTTP port', () => {
    expect(bot.adapter.mode).toBe('socket');
    expect(bot.adapter.isConnected()).toBe(true);
    expect(fake.socketConnected).toBe(true);
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test-app-token');
    expect(bot.adapter.listeningPort()).toBeUndefined();
  });

  it('replies once, in the thread, to a message repeating a known claim', async () => {
    const ts = await say({ channel: 'C-SM-CLAIM', text: `<!here> ${CLAIM_MESSAGE}` });
    const posts = postsIn('C-SM-CLAIM');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args['thread_ts']).toBe(ts);
    expect(readableText(posts[0]!.args)).toContain(`\`${CLAIM_ID}\``);
    expect(pingingMarkup(posts[0]!.args)).toEqual([]);
  });

  it('answers a redelivered envelope (retry_attempt 1) only once', async () => {
    const event = messageEvent({ channel: 'C-SM-RETRY', text: CLAIM_MESSAGE });
    const envelope = eventCallback(event);
    fake.deliver('events_api', envelope);
    fake.deliver('events_api', envelope, { retryAttempt: 1 });
    await bot.handled('C-SM-RETRY', String(event['ts']), 2);
    expect(postsIn('C-SM-RETRY')).toHaveLength(1);
  });

  it('stays silent on small talk', async () => {
    await say({ channel: 'C-SM-QUIET', text: 'good morning everyone, chai time' });
    expect(postsIn('C-SM-QUIET')).toEqual([]);
  });

  it('does not reply to its own message', async () => {
    await say({ channel: 'C-SM-SELF', text: CLAIM_MESSAGE, user: FAKE_IDENTITY.botUserId });
    expect(postsIn('C-SM-SELF')).toEqual([]);
  });

  it('acks /factcheck over the socket and answers privately through the response_url', async () => {
    const responseUrl = fake.responseUrl();
    const envelopeId = fake.deliver('slash_commands', slashCommand({ text: CLAIM_MESSAGE, channel: 'C-SM-ASK', responseUrl }));
    await waitFor('the command ack', () => acked(envelopeId));
    const [answer] = await waitFor('the answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    expect(answer!.body['response_type']).toBe('ephemeral');
    expect(readableText(answer!.body)).toContain(`\`${CLAIM_ID}\``);
  });

  it('answers the message shortcut privately', async () => {
    const responseUrl = fake.responseUrl();
    const envelopeId = fake.deliver('interactive', messageShortcut({ text: CLAIM_MESSAGE, channel: 'C-SM-SHORTCUT', ts: nextTs(), responseUrl }));
    await waitFor('the shortcut ack', () => acked(envelopeId));
    const [answer] = await waitFor('the answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    expect(answer!.body['response_type']).toBe('ephemeral');
  });

  it('logged no error', () => {
    expect(bot.errors().map((e) => e['msg'])).toEqual([]);
  });
});
