import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_COMMAND, FACTCHECK_COMMAND, PUSH_CORRECTION_COMMAND } from '../../../src/adapters/discord/index.ts';
import { customId } from '../../../src/adapters/discord/custom-ids.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import type { CommandOption } from '../../fakes/discord/fake-discord.ts';
import { message, snowflake, type User } from '../../fakes/discord/payloads.ts';
import { handled, startBot, type BotUnderTest } from './bot-under-test.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../../knowledge');
const EPHEMERAL = 64;
const MODAL = 9;
const SUBCOMMAND = 1;
const STRING = 3;
const BOOLEAN = 5;
const CHANNEL = 7;
const CHANNELS = ['general', 'corrections', 'corrections-later', 'corrections-refused', 'search', 'updates', 'updates-gone', 'feedback', 'feedback-again', 'announce', 'asked'];

interface Embed {
  title?: string;
  author?: { name: string };
  description?: string;
  footer?: { text: string };
}
interface Component {
  type: number;
  custom_id?: string;
  label?: string;
  options?: { label: string; value: string; description?: string }[];
  components?: Component[];
  component?: Component & { value?: string };
}

describe('Discord moderator tools', () => {
  let dataDir: string;
  let core: FactCheckCore;
  let bot: BotUnderTest;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'discord-moderation-'));
    core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir });
    bot = await startBot({ core, fake: { channels: CHANNELS } });
  });
  afterAll(async () => {
    await bot.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const claimCommand = (channel: string, sub: string, options: CommandOption[], as: User) =>
    bot.fake.slashCommand(channel, CLAIM_COMMAND, [{ name: sub, type: SUBCOMMAND, options }], as);
  const idOption = (id: string): CommandOption => ({ name: 'id', type: STRING, value: id });
  const repliesTo = (messageId: string) =>
    bot.fake.createdMessages().filter((m) => (m.body.message_reference as { message_id?: string } | undefined)?.message_id === messageId);
  /** The private answer to an interaction, once it is handled. */
  const answer = async (interactionId: string) => {
    const line = await handled(bot, interactionId);
    return { line, answer: bot.fake.answerTo(interactionId) as { content?: string; flags?: number; embeds?: Embed[]; components?: Component[] } | undefined };
  };
  /** The form the bot opened in answer to an interaction. */
  const formOf = (interactionId: string) => {
    const { callback } = bot.fake.responseTo(interactionId);
    expect(callback?.type).toBe(MODAL);
    const data = callback!.data as { custom_id: string; title: string; components: Component[] };
    const values = Object.fromEntries(data.components.map((c) => [c.component!.custom_id!, c.component!.value ?? '']));
    return { customId: data.custom_id, values };
  };
  /** The ephemeral message an answer became, as a component interaction carries it. */
  const onScreen = (channel: string, shown: { content?: string; components?: Component[] }) => ({
    ...message({ id: snowflake(), channelId: bot.fake.channelId(channel), guildId: bot.fake.guild.id, author: bot.fake.bot, content: shown.content ?? '', flags: EPHEMERAL }),
    components: shown.components ?? [],
  });

  it('pushes a correction on a missed message: claim picker, comment form, a public reply marked as a moderator correction; the same words are caught next time', async () => {
    const claimId = 'trump-promised-khan-release';
    const missed = 'orange man signed it, 804 walks free friday';
    const target = bot.fake.post('corrections', missed);
    expect((await handled(bot, target)).outcome).toBe('ignored');
    const { moderator } = bot.fake;

    const start = bot.fake.messageCommand('corrections', PUSH_CORRECTION_COMMAND, { id: target, content: missed }, moderator);
    const { answer: picker } = await answer(start);
    expect(picker?.flags).toBe(EPHEMERAL);
    const [selectRow, buttonRow] = picker!.components!;
    const select = selectRow!.components![0]!;
    expect(select.options?.[0]?.value).toBe(claimId);
    expect(buttonRow!.components![0]!.label).toBe('Search…');

    const pick = bot.fake.component('corrections', select.custom_id!, onScreen('corrections', picker!), moderator, [claimId]);
    await handled(bot, pick);
    const form = formOf(pick);
    expect(form.customId.length).toBeLessThanOrEqual(100);

    const comment = 'Old rumour: nothing was signed, and @everyone can check the court record.';
    const submit = bot.fake.submitForm('corrections', form.customId, { comment }, moderator);
    const { line, answer: confirmation } = await answer(submit);
    expect(line).toMatchObject({ action: 'push-correction', outcome: 'done', actor: 'sara', claimId, channelId: bot.fake.channelId('corrections'), level: 30 });
    expect(confirmation?.content).toMatch(/^Posted the correction .* now caught/);

    const [correction] = repliesTo(target);
    expect(repliesTo(target)).toHaveLength(1);
    const [embed] = correction!.body.embeds as Embed[];
    expect(embed!.author?.name).toBe('Moderator correction');
    expect(embed!.footer?.text).toMatch(new RegExp(`^Claim ${claimId} `));
    expect(correction!.body.content).toBe(`**sara (moderator):** ${comment}`);
    expect(correction!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect((await core.moderation.history(claimId)).at(-1)).toMatchObject({ action: 'teach', actor: 'sara', platform: 'discord', comment });
    expect((await core.moderation.repliesToUpdate(claimId)).map((r) => r.kind)).toContain('correction');

    const again = bot.fake.post('corrections-later', missed, bot.fake.otherMember);
    expect((await handled(bot, again)).outcome).toBe('replied');
    expect((repliesTo(again)[0]!.body.embeds as Embed[])[0]!.footer?.text).toMatch(new RegExp(`^Claim ${claimId} `));
  });

  it('says so when the claim learnt the message but Discord refused the public reply', async () => {
    const text = 'orange man signed papers, qaidi 804 free';
    const target = bot.fake.post('corrections-refused', text);
    await handled(bot, target);
    const { moderator } = bot.fake;
    const { answer: picker } = await answer(bot.fake.messageCommand('corrections-refused', PUSH_CORRECTION_COMMAND, { id: target, content: text }, moderator));
    const select = picker!.components![0]!.components![0]!;
    const pick = bot.fake.component('corrections-refused', select.custom_id!, onScreen('corrections-refused', picker!), moderator, [select.options![0]!.value]);
    await handled(bot, pick);
    bot.fake.rest.refuseNext('POST', new RegExp(`^/channels/${bot.fake.channelId('corrections-refused')}/messages$`), 403);
    const { answer: said } = await answer(bot.fake.submitForm('corrections-refused', formOf(pick).customId, { comment: '' }, moderator));
    expect(said?.content).toMatch(/learnt this message, but Discord did not let the bot reply here .*Send Messages/);
    expect(repliesTo(target)).toEqual([]);
    expect(bot.adapter.isConnected()).toBe(true);
  });

  it('finds a claim by words when it is not among the best matches ("Search…")', async () => {
    const target = bot.fake.post('search', 'everyone knows what happened in the end');
    await handled(bot, target);
    const { moderator } = bot.fake;
    const start = bot.fake.messageCommand('search', PUSH_CORRECTION_COMMAND, { id: target, content: 'everyone knows what happened in the end' }, moderator);
    const { answer: picker } = await answer(start);
    const searchButton = picker!.components!.at(-1)!.components![0]!;
    const press = bot.fake.component('search', searchButton.custom_id!, onScreen('search', picker!), moderator);
    await handled(bot, press);
    const form = formOf(press);
    const found = bot.fake.submitForm('search', form.customId, { query: 'impeached' }, moderator);
    const { answer: results } = await answer(found);
    expect(results?.flags).toBe(EPHEMERAL);
    expect(results!.components![0]!.components![0]!.options?.map((o) => o.value)).toEqual(['khan-impeached']);
  });

  it('edits a note with /claim edit, and the earlier reply is edited in place with the new note and an Updated marker', async () => {
    const heard = bot.fake.post('updates', CLAIM_MESSAGE);
    expect((await handled(bot, heard)).outcome).toBe('replied');
    const [reply] = repliesTo(heard);
    expect((reply!.body.components as Component[])[0]!.components!.map((b) => b.label)).toEqual(['Helpful', 'Not relevant']);
    // Someone deletes another reply before the edit: updating it fails, is logged, and changes nothing else.
    const gone = bot.fake.post('updates-gone', CLAIM_MESSAGE);
    await handled(bot, gone);
    const goneReply = repliesTo(gone)[0]!;
    bot.fake.rest.messages.delete(goneReply.id);

    const { moderator } = bot.fake;
    const open = claimCommand('updates', 'edit', [idOption(CLAIM_ID)], moderator);
    await handled(bot, open);
    const form = formOf(open);
    expect(form.customId).toBe(`ce:0:${CLAIM_ID}`);
    expect(form.values.note).toBe(core.moderation.show(CLAIM_ID).claim.note);
    const note = 'The clip is an old video, edited: Trump never promised to get Imran Khan released. (Checked again.)';
    const submit = bot.fake.submitForm('updates', form.customId, { ...form.values, note }, moderator);
    const { line, answer: saved } = await answer(submit);
    expect(line).toMatchObject({ action: 'claim-edit', outcome: 'done', actor: 'sara', claimId: CLAIM_ID });
    expect(saved).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Saved `trump-khan-release-video` as version 1/) });

    await bot.fake.until('the earlier reply to be edited', () => bot.fake.editedMessages().some((e) => e.messageId === reply!.id));
    const edit = bot.fake.editedMessages().find((e) => e.messageId === reply!.id)!;
    expect(edit.status).toBe(200);
    expect(edit.channelId).toBe(bot.fake.channelId('updates'));
    const [embed] = edit.body.embeds as Embed[];
    expect(embed!.description).toContain(note);
    expect(embed!.footer?.text).toMatch(new RegExp(`^Claim ${CLAIM_ID} · Updated \\d{4}-\\d{2}-\\d{2}`));
    expect((edit.body.components as Component[])[0]!.components!.map((b) => b.label)).toEqual(['Helpful', 'Not relevant']);

    await bot.fake.until('the failed update to be logged', () => bot.logs.some((l) => l.replyMessageId === goneReply.id && l.outcome === 'update-failed'));
    expect(bot.adapter.isConnected()).toBe(true);
  });

  it('edits a public /factcheck answer in place when its note changes; a private answer is not kept', async () => {
    const claimId = 'trump-met-khan-several-times';
    const asked = 'did trump meet imran khan several times?';
    const publicAsk = bot.fake.slashCommand('asked', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: asked }, { name: 'public', type: BOOLEAN, value: true }]);
    await handled(bot, publicAsk);
    const privateAsk = bot.fake.slashCommand('asked', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: asked }]);
    await handled(bot, privateAsk);
    const kept = await core.moderation.repliesToUpdate(claimId);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ platform: 'discord', channelId: bot.fake.channelId('asked'), kind: 'answer' });

    const note = 'The article says Trump met Khan several times while in office. (Checked again.)';
    core.moderation.edit({ id: bot.fake.moderator.id, name: 'sara', platform: 'discord', isModerator: true }, claimId, { note });
    await bot.fake.until('the public answer to be edited', () => bot.fake.editedMessages().some((e) => e.messageId === kept[0]!.messageId));
    const edit = bot.fake.editedMessages().find((e) => e.messageId === kept[0]!.messageId)!;
    expect(edit.status).toBe(200);
    expect(edit.channelId).toBe(bot.fake.channelId('asked'));
    const [embed] = edit.body.embeds as Embed[];
    expect(embed!.description).toContain(note);
    expect(embed!.footer?.text).toMatch(new RegExp(`^Claim ${claimId} · Updated \\d{4}-\\d{2}-\\d{2}`));
    expect(bot.fake.editedMessages().filter((e) => e.channelId === bot.fake.channelId('asked'))).toHaveLength(1);
  });

  it("refuses a member's /claim edit and Push correction privately, forged forms included, and changes nothing", async () => {
    const claimId = 'khan-impeached';
    const { member } = bot.fake;
    const edit = claimCommand('general', 'edit', [idOption(claimId)], member);
    const { line, answer: refusal } = await answer(edit);
    expect(line).toMatchObject({ outcome: 'refused', actor: 'amina', moderator: false });
    expect(refusal).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Only moderators can use \/claim\. Nothing was changed\./) });
    expect(bot.fake.responseTo(edit).callback?.type).toBe(4);

    const target = bot.fake.post('general', 'he was thrown out by a vote, not impeached');
    await handled(bot, target);
    const push = bot.fake.messageCommand('general', PUSH_CORRECTION_COMMAND, { id: target, content: 'he was thrown out by a vote, not impeached' }, member);
    expect((await answer(push)).answer).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Only moderators can push corrections/) });

    // A member who replays a moderator's form gets the same refusal.
    const forgedEdit = bot.fake.submitForm('general', `ce:0:${claimId}`, { note: 'rewritten by a member' }, member);
    expect((await answer(forgedEdit)).line.outcome).toBe('refused');
    const forgedCorrection = bot.fake.submitForm('general', customId({ step: 'correct', messageId: target, claimId }), { comment: '' }, member);
    expect((await answer(forgedCorrection)).line.outcome).toBe('refused');

    expect((await core.moderation.history(claimId))).toEqual([]);
    expect(repliesTo(target)).toEqual([]);
  });

  it('counts a role in DISCORD_MODERATOR_ROLE_IDS as a moderator without Manage Messages', async () => {
    const show = claimCommand('general', 'show', [idOption('khan-impeached')], bot.fake.roleModerator);
    const { line, answer: shown } = await answer(show);
    expect(line).toMatchObject({ outcome: 'done', actor: 'omar', moderator: true });
    expect(shown?.flags).toBe(EPHEMERAL);
    expect(shown?.embeds?.[0]?.footer?.text).toMatch(/^Claim khan-impeached /);
  });

  it('counts Helpful and Not relevant from members once each; a moderator\'s Not relevant deletes the reply and the text stops matching', async () => {
    const claimId = 'us-conspiracy-khan-ouster';
    const heard = bot.fake.post('feedback', OTHER_CLAIM_MESSAGE);
    expect((await handled(bot, heard)).outcome).toBe('replied');
    const [reply] = repliesTo(heard);
    const onChannel = bot.fake.rest.messages.get(reply!.id)!;
    const press = (label: 'helpful' | 'not-relevant', who: User) => bot.fake.component('feedback', `fb:${label}`, onChannel, who);

    const first = await answer(press('helpful', bot.fake.member));
    expect(first.answer).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Thanks/) });
    expect(first.line.outcome).toBe('counted');
    expect((await answer(press('helpful', bot.fake.member))).answer?.content).toMatch(/already rated/);
    expect((await answer(press('not-relevant', bot.fake.otherMember))).line.outcome).toBe('counted');
    expect(bot.fake.deletedMessages()).toEqual([]);
    expect((await core.checker.judge(OTHER_CLAIM_MESSAGE)).decision).toMatchObject({ decision: 'reply', match: { claim: { id: claimId } } });

    const removal = await answer(press('not-relevant', bot.fake.moderator));
    expect(removal.line).toMatchObject({ outcome: 'removed', action: 'feedback-not-relevant', actor: 'sara', claimId });
    expect(removal.answer?.content).toMatch(/^Removed the reply/);
    await bot.fake.until('the reply to be deleted', () => bot.fake.deletedMessages().length > 0);
    expect(bot.fake.deletedMessages()).toEqual([{ channelId: bot.fake.channelId('feedback'), messageId: reply!.id, status: 204 }]);

    const again = bot.fake.post('feedback-again', OTHER_CLAIM_MESSAGE);
    const line = await handled(bot, again);
    expect(line.outcome).toBe('ignored');
    expect(repliesTo(again)).toEqual([]);
    expect((await core.moderation.stats()).days7.find((s) => s.claimId === claimId)).toMatchObject({ helpful: 1, notRelevant: 2 });
  });

  it('refuses /claim add with a bad verdict or a long note, naming the field, and stores nothing', async () => {
    const { moderator } = bot.fake;
    const open = claimCommand('general', 'add', [], moderator);
    await handled(bot, open);
    const form = formOf(open);
    expect(form.customId).toBe('ca');
    expect(Object.keys(form.values)).toEqual(['id', 'verdict', 'claim', 'note', 'evidence']);
    const evidence = core.moderation.show(CLAIM_ID).claim.evidence[0]!;
    const good = { id: 'khan-video-2026', verdict: 'false', claim: 'A new video shows Trump freeing Imran Khan.', note: 'It is the old edited clip again.', evidence };

    const badVerdict = await answer(bot.fake.submitForm('general', 'ca', { ...good, verdict: 'kinda false' }, moderator));
    expect(badVerdict.line).toMatchObject({ outcome: 'invalid', action: 'claim-add', claimId: 'khan-video-2026' });
    expect(badVerdict.answer).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Not changed: verdict: verdict must be one of/) });
    const longNote = await answer(bot.fake.submitForm('general', 'ca', { ...good, note: 'x'.repeat(501) }, moderator));
    expect(longNote.answer?.content).toMatch(/note.*500/);
    expect(core.catalog.current('khan-video-2026')).toBeUndefined();

    const added = await answer(bot.fake.submitForm('general', 'ca', good, moderator));
    expect(added.line.outcome).toBe('done');
    expect(core.moderation.show('khan-video-2026').claim).toMatchObject({ verdict: 'false', note: good.note, evidence: [evidence] });
    const duplicate = await answer(bot.fake.submitForm('general', 'ca', good, moderator));
    expect(duplicate.answer?.content).toMatch(/already exists/);
  });

  it('refuses the second of two concurrent edits: "changed by sara a moment ago"', async () => {
    const claimId = 'khan-ten-year-sentence';
    const { moderator, otherModerator } = bot.fake;
    const openA = claimCommand('general', 'edit', [idOption(claimId)], moderator);
    const openB = claimCommand('general', 'edit', [idOption(claimId)], otherModerator);
    await handled(bot, openA);
    await handled(bot, openB);
    const formA = formOf(openA);
    const formB = formOf(openB);
    expect(formB.customId).toBe(formA.customId);
    const first = await answer(bot.fake.submitForm('general', formA.customId, { ...formA.values, note: `${formA.values.note} (first)` }, moderator));
    expect(first.line.outcome).toBe('done');
    const second = await answer(bot.fake.submitForm('general', formB.customId, { ...formB.values, note: `${formB.values.note} (second)` }, otherModerator));
    expect(second.line).toMatchObject({ outcome: 'conflict', actor: 'dawood' });
    expect(second.answer?.content).toMatch(new RegExp(`^Not changed: ${claimId} was changed by sara a moment ago`));
    expect(core.moderation.show(claimId).claim.note).toMatch(/\(first\)$/);
  });

  it('/claim push posts an announcement in the channel given, and records it; /claim stats answers privately', async () => {
    const claimId = 'khan-white-house-2019';
    const announce = bot.fake.channelId('announce');
    const push = claimCommand('general', 'push', [idOption(claimId), { name: 'channel', type: CHANNEL, value: announce }], bot.fake.moderator);
    const { line, answer: confirmation } = await answer(push);
    expect(line).toMatchObject({ action: 'claim-push', outcome: 'done', claimId, channelId: announce });
    expect(confirmation?.content).toBe(`Posted the note of \`${claimId}\` in <#${announce}>. It will be updated if the note changes.`);
    const posted = bot.fake.createdMessages().find((m) => m.channelId === announce)!;
    expect((posted.body.embeds as Embed[])[0]).toMatchObject({ author: { name: 'Announcement from the moderators' }, footer: { text: expect.stringMatching(new RegExp(`^Claim ${claimId} `)) } });
    expect((await core.moderation.repliesToUpdate(claimId))).toMatchObject([{ kind: 'announcement', channelId: announce, messageId: posted.id }]);

    const stats = await answer(claimCommand('general', 'stats', [], bot.fake.moderator));
    expect(stats.answer?.flags).toBe(EPHEMERAL);
    expect(stats.answer?.content).toMatch(/^\*\*Last 7 days\*\*\n`\S+`: \d+ repl/);
    expect(stats.answer?.content).toContain('**Last 30 days**');

    const history = await answer(claimCommand('general', 'history', [idOption('khan-ten-year-sentence')], bot.fake.moderator));
    expect(history.answer?.content).toMatch(/^History of `khan-ten-year-sentence` \(newest first\):\nv1 · .* \*\*edit\*\* \(note\) by sara \(discord\)/);
  });

  it('suggests claim ids to moderators as they type, and nothing to members', async () => {
    const typing = (as: User) => bot.fake.autocomplete('general', CLAIM_COMMAND, [{ name: 'retire', type: SUBCOMMAND, options: [{ name: 'id', type: STRING, value: 'imran', focused: true }] }], as);
    const forModerator = typing(bot.fake.moderator);
    await handled(bot, forModerator);
    const { callback } = bot.fake.responseTo(forModerator);
    expect(callback?.type).toBe(8);
    const choices = (callback!.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) expect(core.moderation.show(c.value).claim.claim.toLowerCase()).toContain('imran');
    const forMember = typing(bot.fake.member);
    await handled(bot, forMember);
    expect(bot.fake.responseTo(forMember).callback?.data).toEqual({ choices: [] });
  });
});
