import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import type { Answer } from '../../../src/core/message.ts';
import { CLAIM_COMMAND, FACTCHECK_COMMAND, FACTCHECK_MESSAGE_COMMAND, PUSH_CORRECTION_COMMAND } from '../../../src/adapters/discord/index.ts';
import { CLAIM_ID, CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { snowflake } from '../../fakes/discord/payloads.ts';
import { handled, startBot, type BotUnderTest } from './bot-under-test.ts';

const STRING = 3;
const BOOLEAN = 5;
const DEFERRED_CHANNEL_MESSAGE = 5;
const EPHEMERAL = 64;

interface SentEmbed {
  title?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

describe('Discord commands', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ fake: { channels: ['general'] } });
  });
  afterAll(() => bot.stop());

  /** The interaction's callback and the edit of its original response, in the order they arrived. */
  const exchange = (interactionId: string) => {
    const callback = bot.fake.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`));
    const edit = bot.fake.requests.find((r) => r.method === 'PATCH' && r.path === `/webhooks/${bot.fake.applicationId}/itoken-${interactionId}/messages/@original`);
    return { callback: callback?.body as { type: number; data?: { flags?: number } } | undefined, callbackAt: callback?.at, edit: edit?.body as Record<string, unknown> | undefined, editAt: edit?.at };
  };

  it('/factcheck defers an ephemeral reply, then edits it to the top matches and the best note', async () => {
    const id = bot.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: CLAIM_MESSAGE }]);
    const line = await handled(bot, id);
    expect(line.outcome).toBe('answered');
    const { callback, edit, callbackAt, editAt } = exchange(id);
    expect(callback).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } });
    expect(callbackAt!).toBeLessThanOrEqual(editAt!);
    const [embed] = edit!.embeds as SentEmbed[];
    expect(embed!.title).toBe('Fact check: False');
    expect(embed!.footer?.text).toContain(`Claim ${CLAIM_ID}`);
    const matches = embed!.fields?.find((f) => f.name === 'Closest known claims')?.value.split('\n') ?? [];
    expect(matches).toHaveLength(3);
    expect(matches[0]).toMatch(new RegExp(`^1\\. \\*\\*False\\*\\* · .+ \\(match \\d+%\\) · \`${CLAIM_ID}\`$`));
    expect(edit!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('/factcheck public:true posts the answer for everyone', async () => {
    const id = bot.fake.slashCommand('general', FACTCHECK_COMMAND, [
      { name: 'text', type: STRING, value: `@everyone ${OTHER_CLAIM_MESSAGE}` },
      { name: 'public', type: BOOLEAN, value: true },
    ]);
    await handled(bot, id);
    const { callback, edit } = exchange(id);
    expect(callback).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: 0 } });
    expect((edit!.embeds as SentEmbed[])[0]?.footer?.text).toContain('Claim us-conspiracy-khan-ouster');
    expect(edit!.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('says politely when nothing known matches', async () => {
    const id = bot.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: 'what is the weather like tomorrow' }]);
    await handled(bot, id);
    const { edit } = exchange(id);
    expect(edit!.embeds).toEqual([]);
    expect(edit!.content).toMatch(/^I couldn't find a fact-checked claim that matches “what is the weather like tomorrow”\. That doesn't mean it is true or false/);
  });

  it('"Fact-check this message" checks an existing message, ephemerally', async () => {
    const target = { id: snowflake(), content: CLAIM_MESSAGE };
    const id = bot.fake.messageCommand('general', FACTCHECK_MESSAGE_COMMAND, target);
    await handled(bot, id);
    const { callback, edit } = exchange(id);
    expect(callback).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } });
    expect((edit!.embeds as SentEmbed[])[0]?.footer?.text).toContain(`Claim ${CLAIM_ID}`);
  });

  it('"Fact-check this message" on a message without text says it has nothing to check', async () => {
    const id = bot.fake.messageCommand('general', FACTCHECK_MESSAGE_COMMAND, { id: snowflake(), content: '' });
    await handled(bot, id);
    expect(exchange(id).edit!.content).toMatch(/no text I can check/);
  });

  it('without a moderation service, says moderator tools are not available, and passive replies carry no feedback buttons', async () => {
    const claim = bot.fake.slashCommand('general', CLAIM_COMMAND, [{ name: 'stats', type: 1, options: [] }], bot.fake.moderator);
    expect((await handled(bot, claim)).outcome).toBe('unavailable');
    expect(bot.fake.answerTo(claim)).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Moderation is not available/) });
    const push = bot.fake.messageCommand('general', PUSH_CORRECTION_COMMAND, { id: snowflake(), content: 'anything' }, bot.fake.moderator);
    expect((await handled(bot, push)).outcome).toBe('unavailable');
    const heard = bot.fake.post('general', CLAIM_MESSAGE);
    expect((await handled(bot, heard)).outcome).toBe('replied');
    const reply = bot.fake.createdMessages().find((m) => (m.body.message_reference as { message_id?: string }).message_id === heard);
    expect(reply!.body.components ?? []).toEqual([]);
  });

  it('answers a command it no longer knows with an ephemeral note instead of leaving it hanging', async () => {
    const id = bot.fake.slashCommand('general', 'old-command', []);
    expect((await handled(bot, id)).outcome).toBe('unknown-command');
    expect(exchange(id).callback).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
  });
});

/** A core whose matching is slow; it blocks the event loop, as a slow synchronous matcher would. */
class SlowChecker extends FactChecker {
  askedAt: number | undefined;
  override ask(text: string, limit?: number): Promise<Answer> {
    this.askedAt = Date.now();
    const until = Date.now() + 500;
    while (Date.now() < until) {
      // Busy on purpose.
    }
    return super.ask(text, limit);
  }
}

describe('Discord commands with slow matching', () => {
  it('acknowledges the interaction before matching starts, so slow matching cannot miss the 3-second window', async () => {
    let slow: SlowChecker | undefined;
    const bot = await startBot({ checker: (knowledge, guard) => (slow = new SlowChecker(knowledge, { guard })) });
    try {
      const id = bot.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: CLAIM_MESSAGE }]);
      await handled(bot, id);
      const callback = bot.fake.requests.find((r) => r.path.startsWith(`/interactions/${id}/`));
      expect(callback?.status).toBe(204);
      // Both are Date.now() in this process, so they may fall in the same millisecond; had matching
      // started first, its 500 ms busy loop would have held the fake's request handler back as long.
      expect(callback!.at).toBeLessThanOrEqual(slow!.askedAt!);
      expect(bot.fake.requests.find((r) => r.method === 'PATCH')?.status).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('answers past the per-user limit with a polite private note instead of a fact-check', async () => {
    const limited = await startBot({ fake: { channels: ['general'] }, checker: (knowledge, guard) => new FactChecker(knowledge, { guard, asksPerUserPerMinute: 1 }) });
    try {
      const first = limited.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: CLAIM_MESSAGE }]);
      await handled(limited, first);
      const second = limited.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: CLAIM_MESSAGE }]);
      await handled(limited, second);
      const callback = limited.fake.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${second}/`))?.body as
        | { type: number; data?: { flags?: number; content?: string } }
        | undefined;
      expect(callback?.type).toBe(4);
      expect(callback?.data?.flags).toBe(EPHEMERAL);
      expect(callback?.data?.content).toMatch(/a lot of fact-checks in the last minute/);
    } finally {
      await limited.stop();
    }
  });
});
