/**
 * When a Socket Mode instance acknowledges what Slack sends it, with several instances on one
 * store (ackAfterHandling): an event once it is handled, a command or interaction at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { readableText } from '../../fakes/slack/mentions.ts';
import { eventCallback, messageEvent, messageShortcut, nextTs, slashCommand } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

const REDELIVER_AFTER_MS = 400;
const fake = new FakeSlack({ redeliverAfterMs: REDELIVER_AFTER_MS });
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  bot = await new BotUnderTest(fake, { mode: 'socket', ackAfterHandling: true }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack Socket Mode acknowledgements with a shared store', () => {
  it('acknowledges a claim message only once its reply is posted', async () => {
    const held = fake.hold('chat.postMessage');
    const event = messageEvent({ channel: 'C-ACK-CLAIM', text: CLAIM_MESSAGE });
    const envelopeId = fake.deliver('events_api', eventCallback(event));
    await waitFor('the reply to reach Slack', () => held.waiting() === 1);
    await pause(100);
    expect(fake.acknowledged(envelopeId)).toBe(false);

    held.release();
    await waitFor('the envelope ack', () => fake.acknowledged(envelopeId));
    const posts = postsIn('C-ACK-CLAIM');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args['thread_ts']).toBe(event['ts']);
    expect(readableText(posts[0]!.args)).toContain(`\`${CLAIM_ID}\``);
  });

  it('acknowledges small talk as soon as it has decided to stay silent', async () => {
    const envelopeId = fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-ACK-QUIET', text: 'good morning everyone, chai time' })));
    await waitFor('the envelope ack', () => fake.acknowledged(envelopeId), REDELIVER_AFTER_MS / 2);
    expect(postsIn('C-ACK-QUIET')).toEqual([]);
  });

  it('answers once, and acknowledges only after the reply, when Slack redelivers an event it is still handling past the ack deadline', async () => {
    const held = fake.hold('chat.postMessage');
    const event = messageEvent({ channel: 'C-ACK-SLOW', text: CLAIM_MESSAGE });
    const envelopeId = fake.deliver('events_api', eventCallback(event));
    await waitFor('the reply to reach Slack', () => held.waiting() === 1);
    // Slow past the deadline: Slack delivers it again (one connection, so to this one).
    await waitFor('the redelivery', () => fake.deliveries.find((d) => d.firstEnvelopeId === envelopeId && d.retryAttempt === 1), 2_000);
    // Neither delivery is acknowledged while the reply is unwritten: a crash now leaves the event to Slack.
    await pause(100);
    expect(fake.acknowledged(envelopeId)).toBe(false);
    held.release();
    await waitFor('the envelope ack', () => fake.acknowledged(envelopeId));
    await pause(REDELIVER_AFTER_MS * 2);
    expect(postsIn('C-ACK-SLOW')).toHaveLength(1);
    expect(fake.undelivered).not.toContain(envelopeId);
  });

  it('acknowledges /factcheck before its answer is sent, as Bolt does', async () => {
    const held = fake.hold('respond');
    const responseUrl = fake.responseUrl();
    const envelopeId = fake.deliver('slash_commands', slashCommand({ text: CLAIM_MESSAGE, channel: 'C-ACK-ASK', responseUrl }));
    await waitFor('the answer to reach Slack', () => held.waiting() === 1);
    await waitFor('the command ack', () => fake.acknowledged(envelopeId));
    held.release();
    const [answer] = await waitFor('the answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    expect(readableText(answer!.body)).toContain(`\`${CLAIM_ID}\``);
  });

  it('acknowledges the message shortcut before its answer is sent', async () => {
    const held = fake.hold('respond');
    const responseUrl = fake.responseUrl();
    const envelopeId = fake.deliver('interactive', messageShortcut({ text: CLAIM_MESSAGE, channel: 'C-ACK-SHORTCUT', ts: nextTs(), responseUrl }));
    await waitFor('the answer to reach Slack', () => held.waiting() === 1);
    await waitFor('the shortcut ack', () => fake.acknowledged(envelopeId));
    held.release();
    await waitFor('the answer', () => fake.responsesTo(responseUrl)[0]);
  });

  it('logged no error', () => {
    expect(bot.errors().map((e) => e['msg'])).toEqual([]);
  });
});
