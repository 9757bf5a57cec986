import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERDICT_STYLE } from '../../../src/core/verdict.ts';
import { CLAIM_ID, CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { handled, settle, startBot, type BotUnderTest } from './bot-under-test.ts';

interface SentEmbed {
  title?: string;
  color?: number;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

describe('Discord passive replies', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({
      fake: { channels: ['general', 'pings', 'muted', 'limited', 'flaky', 'settle', 'forwards'], readOnlyChannels: ['announcements'] },
      ignore: ['muted'],
    });
  });
  afterAll(() => bot.stop());

  const repliesTo = (messageId: string) =>
    bot.fake.createdMessages().filter((m) => (m.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId);

  it('replies to a claim with one embed: verdict and colour, claim, note, evidence, source, claim id', async () => {
    const id = bot.fake.post('general', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    const [reply] = repliesTo(id);
    expect(repliesTo(id)).toHaveLength(1);
    expect(reply!.channelId).toBe(bot.fake.channelId('general'));
    const [embed] = reply!.body.embeds as SentEmbed[];
    expect(embed!.title).toBe('Fact check: False');
    expect(embed!.color).toBe(VERDICT_STYLE.false.colour);
    expect(embed!.description).toContain("**Claim:** Donald Trump promised on video to push for Imran Khan's release.");
    expect(embed!.description).toMatch(/old video edited/);
    expect(embed!.fields?.map((f) => f.name)).toEqual(['Evidence', 'Source']);
    expect(embed!.fields?.[0]?.value).toMatch(/^> /);
    expect(embed!.fields?.[1]?.value).toBe('Analysis article (2024-11-11)');
    expect(embed!.footer?.text).toMatch(new RegExp(`^Claim ${CLAIM_ID} · note updated \\d{4}-\\d{2}-\\d{2}$`));
  });

  it('reads a forwarded message: the forwarded words are heard (Discord leaves the forward itself empty)', async () => {
    const id = bot.fake.forward('forwards', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    expect((repliesTo(id)[0]!.body.embeds as SentEmbed[])[0]!.footer?.text).toContain(`Claim ${CLAIM_ID}`);
  });

  it('cannot ping anyone: a message with @everyone, @here, a role and a user gets a reply with allowed_mentions parse []', async () => {
    const id = bot.fake.post('pings', `@everyone @here <@&${bot.fake.guild.botRoleId}> <@${bot.fake.member.id}> ${CLAIM_MESSAGE}`);
    await handled(bot, id);
    const [reply] = repliesTo(id);
    expect(reply!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers an @-mention like /factcheck, in the open, even where it never speaks unprompted', async () => {
    const bot_ = `<@${bot.fake.bot.id}>`;
    // A correction: the passive listener keeps quiet, but whoever names the bot asked.
    const asked = bot.fake.post('muted', `${bot_} the trump imran khan release video is fake, people`);
    expect((await handled(bot, asked)).outcome).toBe('answered');
    const [answer] = repliesTo(asked);
    expect(repliesTo(asked)).toHaveLength(1);
    const [embed] = answer!.body.embeds as SentEmbed[];
    expect(embed!.title).toBe('Fact check: False');
    expect(embed!.fields?.map((f) => f.name)).toContain('Closest known claims');
    expect(embed!.footer?.text).toContain(`Claim ${CLAIM_ID}`);
    expect(embed!.footer?.text).not.toContain(bot_);
    expect(answer!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    // A bare mention in reply to a message checks that message.
    const claim = bot.fake.post('general', OTHER_CLAIM_MESSAGE);
    await handled(bot, claim);
    const pointer = bot.fake.replyTo('general', claim, bot_);
    expect((await handled(bot, pointer)).outcome).toBe('answered');
    const [pointed] = repliesTo(pointer);
    expect((pointed!.body.embeds as SentEmbed[])[0]!.footer?.text).toContain('Claim us-conspiracy-khan-ouster');

    // The bot's own role, which people pick by its name, counts as naming the bot.
    const byRole = bot.fake.post('general', `<@&${bot.fake.guild.botRoleId}> ${OTHER_CLAIM_MESSAGE}`);
    expect((await handled(bot, byRole)).outcome).toBe('answered');
    expect((repliesTo(byRole)[0]!.body.embeds as SentEmbed[])[0]!.footer?.text).not.toContain(bot.fake.guild.botRoleId);

    // A bare mention on its own gets how to ask; small talk gets a polite "nothing known".
    const bare = bot.fake.post('general', bot_);
    expect((await handled(bot, bare)).outcome).toBe('hint');
    expect(repliesTo(bare)[0]!.body.content).toMatch(/^Mention me with the claim you want checked/);
    const chat = bot.fake.post('general', `hey ${bot_} how are you today`);
    expect((await handled(bot, chat)).outcome).toBe('answered');
    expect(repliesTo(chat)[0]!.body.content).toMatch(/^I couldn't find a fact-checked claim that matches “hey how are you today”/);
  });

  it('does not listen in a channel named in IGNORE_CHANNELS', async () => {
    const id = bot.fake.post('muted', OTHER_CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('filtered');
    expect(repliesTo(id)).toEqual([]);
  });

  it('answers a direct message like an ask, in the DM; ignores one from another bot', async () => {
    const dms = () => bot.fake.createdMessages().filter((m) => !bot.fake.guild.channels.some((c) => c.id === m.channelId));
    const id = bot.fake.postDirect('@everyone the trump imran khan release video is fake, people');
    expect((await handled(bot, id)).outcome).toBe('answered');
    const [answer] = repliesTo(id);
    expect(repliesTo(id)).toHaveLength(1);
    expect((answer!.body.embeds as SentEmbed[])[0]!.footer?.text).toContain(`Claim ${CLAIM_ID}`);
    expect(answer!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const fromBot = bot.fake.postDirect(CLAIM_MESSAGE, bot.fake.otherBot);
    expect((await handled(bot, fromBot)).reason).toBe('bot-message');
    expect(dms()).toHaveLength(1);
  });

  it('does not reply where it may not send, and says in the log which permission is missing', async () => {
    const id = bot.fake.post('announcements', CLAIM_MESSAGE);
    const line = await handled(bot, id);
    expect(line.outcome).toBe('no-permission');
    expect(line.missing).toEqual(['SendMessages']);
    expect(line.msg).toContain('#announcements');
    expect(bot.fake.requests.filter((r) => r.path === `/channels/${bot.fake.channelId('announcements')}/messages`)).toEqual([]);
  });

  it('retries a reply that Discord rate-limits (429) and still sends it exactly once', async () => {
    const path = `/channels/${bot.fake.channelId('limited')}/messages`;
    bot.fake.rest.refuseNext('POST', new RegExp(`^${path}$`), 429, 0.2);
    const id = bot.fake.post('limited', CLAIM_MESSAGE);
    expect((await handled(bot, id)).outcome).toBe('replied');
    expect(bot.fake.requests.filter((r) => r.path === path).map((r) => r.status)).toEqual([429, 200]);
    expect(repliesTo(id)).toHaveLength(1);
    expect(bot.logs.some((l) => l.msg.startsWith('rate limited by Discord'))).toBe(true);
  });

  it('logs a failed reply and keeps answering other messages', async () => {
    const path = `/channels/${bot.fake.channelId('flaky')}/messages`;
    bot.fake.rest.refuseNext('POST', new RegExp(`^${path}$`), 403);
    const failed = bot.fake.post('flaky', CLAIM_MESSAGE);
    const line = await handled(bot, failed);
    expect(line.outcome).toBe('failed');
    expect(line.level).toBe(50);
    const next = bot.fake.post('flaky', OTHER_CLAIM_MESSAGE);
    expect((await handled(bot, next)).outcome).toBe('replied');
    expect(bot.adapter.isConnected()).toBe(true);
  });
});
