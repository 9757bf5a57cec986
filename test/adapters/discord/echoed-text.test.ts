import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTCHECK_COMMAND } from '../../../src/adapters/discord/index.ts';
import { customId } from '../../../src/adapters/discord/custom-ids.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { handled, startBot, type BotUnderTest } from './bot-under-test.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../../knowledge');
const STRING = 3;
const BOOLEAN = 5;
const PHISHING = '[Official notice: verify your account](http://evil.example)';
// Right-to-left override, zero-width space, word joiner and soft hyphen: each hides or reorders what a reader sees.
const HIDDEN = ['\u202e', '\u200b', '\u2060', '\u00ad'];
const HOSTILE = `weather report ${PHISHING} **now** \u202etxt.exe\u202c pl\u200bease\u2060 re\u00adad`;
// As Discord renders it: the brackets escaped, so no label can hide the address; bold escaped; nothing hidden.
const SHOWN = 'weather report \\[Official notice: verify your account\\](http://evil.example) \\*\\*now\\*\\* txt.exe please read';

/** Where Discord would render a masked link: an unescaped `[label](` in markdown. */
const MASKED_LINK = /(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(/;

interface Embed {
  description?: string;
  footer?: { text: string };
}

/** The parts of a message Discord renders as markdown and where the question is repeated: content and embed descriptions. */
function markdownOf(body: Record<string, unknown>): string {
  return [String(body.content ?? ''), ...((body.embeds ?? []) as Embed[]).map((e) => e.description ?? '')].join('\n');
}

describe('Discord repeats what people wrote as text, never as markup', () => {
  let dataDir: string;
  let core: FactCheckCore;
  let bot: BotUnderTest;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'discord-echo-'));
    core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir });
    bot = await startBot({ core, fake: { channels: ['general', 'asked', 'corrections'] } });
  });
  afterAll(async () => {
    await bot.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const repliesTo = (messageId: string) =>
    bot.fake.createdMessages().filter((m) => (m.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId);

  it('answers an @-mention carrying a masked link, bold and bidi characters with the words escaped and the hidden characters gone', async () => {
    const id = bot.fake.post('general', `<@${bot.fake.bot.id}> ${HOSTILE}`);
    expect((await handled(bot, id)).outcome).toBe('answered');
    const content = markdownOf(repliesTo(id)[0]!.body);
    expect(content).toContain(`“${SHOWN}”`);
    expect(content).not.toMatch(MASKED_LINK);
    for (const c of HIDDEN) expect(content).not.toContain(c);

    // Nothing known at all: the question is repeated in the message's text.
    const none = bot.fake.post('general', `<@${bot.fake.bot.id}> pizza [recipe](http://evil.example)`);
    expect((await handled(bot, none)).outcome).toBe('answered');
    expect(repliesTo(none)[0]!.body.content).toMatch(/^I couldn't find a fact-checked claim that matches “pizza \\\[recipe\\\]\(http:\/\/evil\.example\)”/);
  });

  it('answers a public /factcheck the same way, and names the question in the footer without markup or hidden characters', async () => {
    const nothing = bot.fake.slashCommand('asked', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: HOSTILE }, { name: 'public', type: BOOLEAN, value: true }]);
    await handled(bot, nothing);
    const said = markdownOf(bot.fake.answerTo(nothing)!);
    expect(said).toContain(`“${SHOWN}”`);
    expect(said).not.toMatch(MASKED_LINK);
    for (const c of HIDDEN) expect(said).not.toContain(c);

    const matched = bot.fake.slashCommand('asked', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: `${CLAIM_MESSAGE} ${PHISHING} \u202e` }, { name: 'public', type: BOOLEAN, value: true }]);
    await handled(bot, matched);
    const [embed] = (bot.fake.answerTo(matched) as { embeds: Embed[] }).embeds;
    // Footers are plain text in Discord: the link cannot be clicked there, and no escape would show as a backslash.
    expect(embed!.footer!.text).toContain(`you asked about: ${CLAIM_MESSAGE} ${PHISHING}`);
    expect(embed!.footer!.text).not.toContain('\u202e');
    expect(embed!.description).not.toContain('evil.example');
  });

  it("posts a moderator's correction comment with its markup escaped", async () => {
    const target = bot.fake.post('corrections', 'orange man signed it, 804 walks free friday');
    await handled(bot, target);
    const form = customId({ step: 'correct', messageId: target, claimId: 'trump-promised-khan-release' });
    const submit = bot.fake.submitForm('corrections', form, { comment: `See ${PHISHING} ~~not~~ this\u200b` }, bot.fake.moderator);
    expect((await handled(bot, submit)).outcome).toBe('done');
    const [correction] = repliesTo(target);
    expect(correction!.body.content).toBe('**sara (moderator):** See \\[Official notice: verify your account\\](http://evil.example) \\~\\~not\\~\\~ this');
  });
});
