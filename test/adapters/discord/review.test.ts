import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import type { User } from '../../fakes/discord/payloads.ts';
import { handled, startBot, type BotUnderTest } from './bot-under-test.ts';
import { UNSURE, UNSURE_CLAIM, AMBIGUOUS, AMBIGUOUS_CLAIMS } from '../../fixtures/review-messages.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../../knowledge');
const EPHEMERAL = 64;
const CHANNELS = ['general', 'reviews', 'elsewhere', 'ignored', 'other-words', 'decided-elsewhere'];

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}
interface Component {
  type: number;
  custom_id?: string;
  label?: string;
  options?: { value: string }[];
  components?: Component[];
}
interface Card {
  id: string;
  embed: Embed;
  buttons: Component[][];
}

describe('Discord review cards', () => {
  let dataDir: string;
  let core: FactCheckCore;
  let bot: BotUnderTest;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'discord-review-'));
    core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir, review: { reviewThreshold: 0.2 } });
    bot = await startBot({ core, fake: { channels: CHANNELS }, reviewChannel: 'reviews', ignore: ['ignored'] });
  });
  afterAll(async () => {
    await bot.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const reviews = () => bot.fake.channelId('reviews');
  /** The card posted for a message, as the review channel now shows it (edits included). */
  const cardFor = async (messageId: string): Promise<Card> => {
    const posted = () => bot.fake.createdMessages().find((m) => m.channelId === reviews() && JSON.stringify(m.body.embeds).includes(`/${messageId})`));
    await bot.fake.until(`a review card for ${messageId}`, () => posted() !== undefined);
    return shown(posted()!.id);
  };
  const shown = (id: string): Card => {
    const now = bot.fake.rest.messages.get(id) as { embeds: Embed[]; components: Component[] };
    return { id, embed: now.embeds[0]!, buttons: now.components.map((row) => row.components ?? []) };
  };
  const press = (card: Card, label: string, who: User) => {
    const button = card.buttons.flat().find((b) => b.label === label);
    expect(button, `a "${label}" button`).toBeDefined();
    return bot.fake.component('reviews', button!.custom_id!, bot.fake.rest.messages.get(card.id)!, who);
  };
  const answer = async (interactionId: string) => {
    await handled(bot, interactionId);
    return bot.fake.answerTo(interactionId) as { content?: string; flags?: number; components?: Component[] } | undefined;
  };
  const field = (card: Card, name: string) => card.embed.fields?.find((f) => f.name === name)?.value ?? '';
  const cardsIn = () => bot.fake.createdMessages().filter((m) => m.channelId === reviews());

  it('suggests the same words once, and nothing from a direct message or a channel the bot does not listen in', async () => {
    const words = 'imran khan says america did it, is that true';
    const first = bot.fake.post('general', words);
    await handled(bot, first);
    await cardFor(first);
    const cards = cardsIn().length;
    for (const id of [bot.fake.post('elsewhere', words), bot.fake.post('ignored', 'imran khan says america did it, true?'), bot.fake.postDirect(AMBIGUOUS)]) {
      await bot.fake.until(`the bot to be done with ${id}`, () => bot.logs.some((l) => l.messageId === id && l.outcome !== undefined));
    }
    expect(cardsIn()).toHaveLength(cards);
  });


  it('shows a decision made elsewhere (another instance, the shell) on the card, and refuses a click after it', async () => {
    const words = 'the generals and washington, same old story';
    const messageId = bot.fake.post('decided-elsewhere', words);
    await handled(bot, messageId);
    const card = await cardFor(messageId);
    const shell = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir });
    try {
      const [pending] = (await shell.moderation.suggestions()).filter((s) => s.messageId === messageId);
      await shell.moderation.acceptSuggestion({ id: 'cli:nadia', name: 'nadia', platform: 'cli', isModerator: true }, pending!.id, 'us-deals-with-pakistan-military');
    } finally {
      await shell.close();
    }
    await bot.fake.until('the card to show the shell decision', () => shown(card.id).buttons.length === 0);
    expect(field(shown(card.id), 'Decision')).toMatch(/^Accepted by nadia \(cli, .*\): it is us-deals-with-pakistan-military$/);
    // A moderator whose client still shows the old card clicks it.
    const late = await answer(press(card, 'It is us-conspiracy-khan-ouster', bot.fake.moderator));
    expect(late?.content).toMatch(/^Not changed: suggestion [0-9a-f]{12} was already accepted by nadia \(cli, /);
  });


  it('turns a message the bot was unsure about into a card; refuses a member, takes a moderator\'s "It is", then shows who decided and drops the buttons', async () => {
    const messageId = bot.fake.post('general', UNSURE);
    expect((await handled(bot, messageId)).outcome).toBe('ignored');
    const card = await cardFor(messageId);
    expect(card.embed.title).toBe('Did this message repeat a known claim?');
    expect(card.embed.description).toContain(`> ${UNSURE}`);
    expect(card.embed.description).toContain(`https://discord.com/channels/${bot.fake.guild.id}/${bot.fake.channelId('general')}/${messageId}`);
    expect(field(card, 'Candidates')).toMatch(new RegExp(`\`${UNSURE_CLAIM}\` · \\d+%`));
    expect(field(card, 'Why the bot held back')).toMatch(/^The best match scored \d+%, under the 50% it needs to reply on its own$/);
    expect(card.buttons.map((row) => row.map((b) => b.label))).toEqual([[`It is ${UNSURE_CLAIM}`], ['Another claim…', 'Not a claim']]);
    expect(bot.fake.createdMessages().find((m) => m.channelId === reviews())?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const refused = await answer(press(card, `It is ${UNSURE_CLAIM}`, bot.fake.member));
    expect(refused?.flags).toBe(EPHEMERAL);
    expect(refused?.content).toMatch(/^Only moderators can review suggestions/);
    expect(shown(card.id).buttons.flat()).toHaveLength(3);

    const accepted = await answer(press(card, `It is ${UNSURE_CLAIM}`, bot.fake.moderator));
    expect(accepted?.content).toMatch(new RegExp(`^Accepted: the message is a phrasing of \`${UNSURE_CLAIM}\`. Messages like it are now answered`));
    expect(accepted?.components?.[0]?.components?.[0]?.label).toBe('Reply to the message with the note');
    await bot.fake.until('the card to show the decision', () => shown(card.id).buttons.length === 0);
    expect(field(shown(card.id), 'Decision')).toMatch(new RegExp(`^Accepted by sara \\(discord, .* UTC\\): it is ${UNSURE_CLAIM}$`));
    expect((await core.moderation.history(UNSURE_CLAIM)).at(-1)).toMatchObject({ action: 'teach', actor: 'sara', after: { phrasings: expect.arrayContaining([UNSURE]) } });

    // A second click on the card as another moderator still has it on screen: told who decided, nothing changes.
    const late = await answer(press(card, 'Not a claim', bot.fake.otherModerator));
    expect(late?.content).toMatch(/^Not changed: suggestion [0-9a-f]{12} was already accepted by sara \(discord/);
    expect((await core.moderation.show(UNSURE_CLAIM)).claim.counterExamples).not.toContain(UNSURE);

    // Taught: the same words elsewhere are answered without a moderator, and not suggested again.
    const again = bot.fake.post('elsewhere', UNSURE, bot.fake.otherMember);
    expect((await handled(bot, again)).outcome).toBe('replied');
  });


  it('offers both close claims on an ambiguous message; "Not a claim" makes it a counter-example of each', async () => {
    const messageId = bot.fake.post('general', AMBIGUOUS);
    await handled(bot, messageId);
    const card = await cardFor(messageId);
    expect(field(card, 'Why the bot held back')).toMatch(new RegExp(`^Two claims were too close to tell apart: ${AMBIGUOUS_CLAIMS[0]} \\d+% and ${AMBIGUOUS_CLAIMS[1]} \\d+%$`));
    expect(card.buttons[0]!.map((b) => b.label)).toEqual(AMBIGUOUS_CLAIMS.map((id) => `It is ${id}`));

    const rejected = await answer(press(card, 'Not a claim', bot.fake.roleModerator));
    expect(rejected?.content).toBe(`Rejected: not a claim. It is now a counter-example of ${AMBIGUOUS_CLAIMS.map((id) => `\`${id}\``).join(', ')}.`);
    await bot.fake.until('the card to show the decision', () => shown(card.id).buttons.length === 0);
    expect(field(shown(card.id), 'Decision')).toMatch(/^Rejected by omar \(discord, .*\): not a claim$/);
    expect(core.moderation.show('trump-won-2024-election').claim.counterExamples).toContain(AMBIGUOUS);
  });


  it('"Another claim…" lets a moderator pick the claim; "Reply to the message with the note" then answers the message once', async () => {
    const words = 'heard trump might step in for khan, no idea';
    const messageId = bot.fake.post('other-words', words);
    await handled(bot, messageId);
    const card = await cardFor(messageId);
    const picker = await answer(press(card, 'Another claim…', bot.fake.moderator));
    expect(picker?.flags).toBe(EPHEMERAL);
    const select = picker!.components![0]!.components![0]!;
    const other = select.options!.map((o) => o.value).find((v) => v !== 'trump-will-intervene-for-khan')!;
    expect(other).toBeDefined();
    const onScreen = { id: card.id, channel_id: reviews(), content: picker?.content ?? '', components: picker?.components ?? [], flags: EPHEMERAL, author: bot.fake.bot, embeds: [], attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, type: 0 };
    const picked = await answer(bot.fake.component('reviews', select.custom_id!, onScreen, bot.fake.moderator, [other]));
    expect(picked?.content).toBe(`Accepted: the message is a phrasing of \`${other}\`. Messages like it are now answered without a moderator. The bot has not replied to it; reply now if it should.`);
    await bot.fake.until('the card to show the decision', () => shown(card.id).buttons.length === 0);
    expect(field(shown(card.id), 'Decision')).toMatch(new RegExp(`it is ${other}$`));

    const replyButton = picked!.components![0]!.components![0]!;
    const reply = await answer(bot.fake.component('reviews', replyButton.custom_id!, onScreen, bot.fake.moderator));
    expect(reply?.content).toMatch(new RegExp(`^Replying to the message with the note of \`${other}\``));
    const replies = () => bot.fake.createdMessages().filter((m) => (m.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId);
    await bot.fake.until('the reply to the message', () => replies().length === 1);
    const [posted] = replies();
    expect(posted!.channelId).toBe(bot.fake.channelId('other-words'));
    expect((posted!.body.embeds as Embed[])[0]!.author?.name).toBe('Moderator correction');
    expect(posted!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    await bot.fake.until('the card to say the bot replied', () => field(shown(card.id), 'Decision').endsWith('the bot replied to the message with the note'));

    const twice = await answer(bot.fake.component('reviews', replyButton.custom_id!, onScreen, bot.fake.otherModerator));
    expect(twice?.content).toMatch(/^Not changed: the bot already replied/);
    expect(replies()).toHaveLength(1);
  });
});
