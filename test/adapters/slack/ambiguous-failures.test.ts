import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_ATTEMPTS } from '../../../src/adapters/slack/reply-poster.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack, FAKE_IDENTITY } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, MODERATOR, slashCommand } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

const API_TIMEOUT_MS = 400;
const fake = new FakeSlack();
const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-ambiguous-'));
let core: FactCheckCore;
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir, guard: { cooldownMs: 0, channelRepliesPerMinute: 100, globalRepliesPerMinute: 1000 } });
  bot = await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR], apiTimeoutMs: API_TIMEOUT_MS }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const postedIn = (channel: string) => fake.posted.filter((m) => m.channel === channel);
const postAttemptsIn = (channel: string) => fake.attempts.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === channel);

/** Delivers a channel message and waits until the bot is done with it. */
async function say(channel: string, text: string): Promise<{ ts: string; outcome: string | undefined }> {
  const event = messageEvent({ channel, text });
  expect((await bot.slack.event(eventCallback(event))).status).toBe(200);
  const [heard] = await bot.handled(channel, String(event['ts']));
  return { ts: String(event['ts']), outcome: heard?.outcome };
}

describe('Slack: a post whose fate is unclear is neither lost nor posted twice', () => {
  it('posts once when Slack posted the reply but the connection closed before its answer, and remembers that reply', async () => {
    fake.faults.add('chat.postMessage', { kind: 'drop-after' });
    const { outcome } = await say('C-AFTER', CLAIM_MESSAGE);
    expect(outcome).toBe('replied');
    expect(postedIn('C-AFTER')).toHaveLength(1);
    // It looked in the thread before posting again, and found its own reply there.
    expect(fake.callsTo('conversations.replies').some((c) => c.args['channel'] === 'C-AFTER' && c.args['include_all_metadata'] === true)).toBe(true);
    expect((await core.moderation.repliesToUpdate(CLAIM_ID)).find((r) => r.channelId === 'C-AFTER')?.messageId).toBe(postedIn('C-AFTER')[0]!.ts);
  });

  it('posts once when Slack answers after the client gave up waiting', async () => {
    fake.faults.add('chat.postMessage', { kind: 'late', delayMs: API_TIMEOUT_MS * 3 });
    expect((await say('C-LATE', CLAIM_MESSAGE)).outcome).toBe('replied');
    expect(postedIn('C-LATE')).toHaveLength(1);
  });

  it('posts again when the connection closed before Slack read the post', async () => {
    fake.faults.add('chat.postMessage', { kind: 'drop-before' });
    expect((await say('C-BEFORE', CLAIM_MESSAGE)).outcome).toBe('replied');
    expect(postAttemptsIn('C-BEFORE')).toHaveLength(2);
    expect(postedIn('C-BEFORE')).toHaveLength(1);
  });

  it('answers an @-mention once when the connection closed after Slack posted the answer', async () => {
    fake.faults.add('chat.postMessage', { kind: 'drop-after' });
    const { outcome, ts } = await say('C-MENTION', `<@${FAKE_IDENTITY.botUserId}> ${CLAIM_MESSAGE}`);
    expect(outcome).toBe('answered');
    expect(postedIn('C-MENTION')).toHaveLength(1);
    expect(postedIn('C-MENTION')[0]!.threadTs).toBe(ts);
  });

  it('posts a /claim push announcement once, looking in the channel (it has no thread) for its own post', async () => {
    fake.faults.add('chat.postMessage', { kind: 'drop-after' });
    const responseUrl = fake.responseUrl();
    await bot.slack.command(slashCommand({ text: `push ${CLAIM_ID} <#C0ONCE|announcements>`, user: MODERATOR, channel: 'C0MODS', responseUrl, command: '/claim' }));
    const [answer] = await waitFor('the private answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    expect(String(answer!.body['text'])).toMatch(/^Posted the fact-check of/);
    expect(postedIn('C0ONCE')).toHaveLength(1);
    expect(fake.callsTo('conversations.history').some((c) => c.args['channel'] === 'C0ONCE')).toBe(true);
  });

  it('gives up after a bounded number of 500s: the reply failure is logged as an error (counted in metrics) and nothing is posted', async () => {
    fake.faults.add('chat.postMessage', { kind: 'status', status: 500 }, Infinity);
    try {
      expect((await say('C-BROKEN', CLAIM_MESSAGE)).outcome).toBe('failed');
    } finally {
      fake.faults.clear();
    }
    expect(postAttemptsIn('C-BROKEN')).toHaveLength(POST_ATTEMPTS);
    expect(postedIn('C-BROKEN')).toHaveLength(0);
    expect(bot.errors().some((l) => String(l['msg']).startsWith('could not post the fact-check reply'))).toBe(true);
  });

  it('tells a moderator in words when Slack keeps failing a /claim push', async () => {
    fake.faults.add('chat.postMessage', { kind: 'status', status: 503 }, Infinity);
    const responseUrl = fake.responseUrl();
    try {
      await bot.slack.command(slashCommand({ text: `push ${CLAIM_ID} <#C0ANNOUNCE|announcements>`, user: MODERATOR, channel: 'C0MODS', responseUrl, command: '/claim' }));
      const [answer] = await waitFor('the private answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl), 10_000);
      expect(String(answer!.body['text'])).toMatch(/^Nothing was posted: Slack did not answer or kept failing \(HTTP 503\); try again in a minute$/);
    } finally {
      fake.faults.clear();
    }
    expect(postedIn('C0ANNOUNCE')).toHaveLength(0);
  });

  it('gives up on a response_url that never answers after its timeout, and logs it', async () => {
    fake.faults.add('respond', { kind: 'hang' });
    const before = bot.errors().length;
    const started = Date.now();
    await bot.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-RESPOND', responseUrl: fake.responseUrl(), command: '/factcheck' }));
    await waitFor('the failed answer to be logged', () => bot.errors().length > before, 5_000);
    expect(Date.now() - started).toBeLessThan(API_TIMEOUT_MS + 2_000);
  });

  it('gives up on a hung Web API call after its timeout instead of waiting forever', async () => {
    fake.faults.add('chat.postMessage', { kind: 'hang' }, Infinity);
    const started = Date.now();
    try {
      expect((await say('C-HUNG', CLAIM_MESSAGE)).outcome).toBe('failed');
    } finally {
      fake.faults.clear();
    }
    expect(Date.now() - started).toBeLessThan(POST_ATTEMPTS * (API_TIMEOUT_MS * 2 + 1_000) + 2_000);
    expect(postedIn('C-HUNG')).toHaveLength(0);
  });
});
