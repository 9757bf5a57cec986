import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_COMMAND } from '../../../src/adapters/discord/index.ts';
import { customId } from '../../../src/adapters/discord/custom-ids.ts';
import { REST_RETRIES } from '../../../src/adapters/discord/rest-calls.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { handled, startBot, type BotUnderTest } from './bot-under-test.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../../knowledge');
const REST_TIMEOUT_MS = 400;
const CHANNELS = ['before', 'after', 'late', 'broken', 'mention', 'announce', 'corrections', 'nonce'];
const CHANNEL_OPTION = 7;

describe('Discord: a reply whose fate is unclear is neither lost nor posted twice', () => {
  let dataDir: string;
  let core: FactCheckCore;
  let bot: BotUnderTest;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'discord-ambiguous-'));
    core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir, guard: { cooldownMs: 0, channelRepliesPerMinute: 100, globalRepliesPerMinute: 1000 } });
    bot = await startBot({ core, fake: { channels: CHANNELS }, restTimeoutMs: REST_TIMEOUT_MS });
  });
  afterAll(async () => {
    await bot.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const messagesIn = (channel: string) => bot.fake.createdMessages().filter((m) => m.channelId === bot.fake.channelId(channel));
  const createsIn = (channel: string) => new RegExp(`^POST /channels/${bot.fake.channelId(channel)}/messages$`);
  const attemptsIn = (channel: string) => bot.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${bot.fake.channelId(channel)}/messages`);

  it('sends every message it creates with a nonce and enforce_nonce, so Discord can refuse a second copy', async () => {
    const id = bot.fake.post('nonce', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    const [reply] = messagesIn('nonce');
    expect(reply!.body.enforce_nonce).toBe(true);
    expect(String(reply!.body.nonce)).toMatch(/^\d{1,25}$/);
  });

  it('retries a reply whose connection closed before Discord read it, and posts it once', async () => {
    bot.fake.rest.faults.add(createsIn('before'), { kind: 'drop-before' });
    const id = bot.fake.post('before', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    expect(attemptsIn('before')).toHaveLength(2);
    expect(messagesIn('before')).toHaveLength(1);
    expect((await core.moderation.repliesToUpdate(CLAIM_ID)).some((r) => r.channelId === bot.fake.channelId('before'))).toBe(true);
  });

  it('posts once when Discord created the reply but the connection closed before its answer', async () => {
    bot.fake.rest.faults.add(createsIn('after'), { kind: 'drop-after' });
    const id = bot.fake.post('after', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    expect(attemptsIn('after')).toHaveLength(2);
    expect(messagesIn('after')).toHaveLength(1);
    // The retry got the first message back: the reply recorded is the one in the channel.
    const recorded = (await core.moderation.repliesToUpdate(CLAIM_ID)).find((r) => r.channelId === bot.fake.channelId('after'));
    expect(recorded?.messageId).toBe(messagesIn('after')[0]!.id);
  });

  it('posts once when Discord answers after the client gave up waiting', async () => {
    bot.fake.rest.faults.add(createsIn('late'), { kind: 'late', delayMs: REST_TIMEOUT_MS * 3 });
    const id = bot.fake.post('late', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    expect(attemptsIn('late').length).toBeGreaterThanOrEqual(2);
    expect(messagesIn('late')).toHaveLength(1);
  });

  it('gives up on a reply after a bounded number of 500s and logs it as an error (counted in metrics)', async () => {
    bot.fake.rest.faults.add(createsIn('broken'), { kind: 'status', status: 500 }, Infinity);
    const id = bot.fake.post('broken', CLAIM_MESSAGE);
    const line = await handled(bot, id);
    bot.fake.rest.faults.clear();
    expect(line).toMatchObject({ outcome: 'failed', level: 50 });
    expect(attemptsIn('broken')).toHaveLength(1 + REST_RETRIES);
    expect(messagesIn('broken')).toHaveLength(0);
  });

  it("tells the moderator in words when Discord keeps failing a /claim push or a correction, and posts nothing", async () => {
    bot.fake.rest.faults.add(createsIn('announce'), { kind: 'status', status: 503 }, Infinity);
    const push = bot.fake.slashCommand('announce', CLAIM_COMMAND, [{ name: 'push', type: 1, options: [{ name: 'id', type: 3, value: CLAIM_ID }, { name: 'channel', type: CHANNEL_OPTION, value: bot.fake.channelId('announce') }] }], bot.fake.moderator);
    expect(await handled(bot, push)).toMatchObject({ outcome: 'failed', action: 'claim-push' });
    expect(String(bot.fake.answerTo(push)?.content)).toMatch(/^Could not post the note of `.+` in <#\d+>: Discord did not answer or kept failing .*nothing was posted\. Try `\/claim push` again in a minute\.$/);

    bot.fake.rest.faults.clear();
    const target = bot.fake.post('corrections', OTHER_CLAIM_MESSAGE);
    await handled(bot, target);
    bot.fake.rest.faults.add(createsIn('corrections'), { kind: 'status', status: 500 }, Infinity);
    const submit = bot.fake.submitForm('corrections', customId({ step: 'correct', messageId: target, claimId: CLAIM_ID }), { comment: '' }, bot.fake.moderator);
    await handled(bot, submit);
    bot.fake.rest.faults.clear();
    expect(String(bot.fake.answerTo(submit)?.content)).toMatch(/kept failing when the bot posted the correction .*nothing was posted/);
    expect(messagesIn('announce')).toHaveLength(0);
  });

  it('answers an @-mention once when the connection closed after Discord created the answer', async () => {
    bot.fake.rest.faults.add(createsIn('mention'), { kind: 'drop-after' });
    const id = bot.fake.post('mention', `<@${bot.fake.bot.id}> ${CLAIM_MESSAGE}`);
    expect((await handled(bot, id)).outcome).toBe('answered');
    expect(messagesIn('mention')).toHaveLength(1);
  });
});
