import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack, type OpenedView } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import {
  ADMIN,
  blockSuggestion,
  eventCallback,
  MEMBER,
  messageButtonClick,
  messageEvent,
  messageShortcut,
  MODERATOR,
  slashCommand,
  viewSubmission,
  type FieldValue,
} from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

// A message the bot misses until a moderator pushes a correction on it (checked in the first test).
const MISSED_MESSAGE = 'adiala se kaptaan ki rihai ka order aa gaya, washington se deal ho gayi';
const PUSHED_CLAIM = 'trump-promised-khan-release';
const NEW_NOTE = 'Revised: the clip is an old video edited by supporters; Trump never promised to free Khan.';
const ASK_LIMIT = 3;

const fake = new FakeSlack();
const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-moderation-'));
let core: FactCheckCore;
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  fake.users.set(ADMIN, { name: 'adam', is_admin: true });
  core = await openFactCheckCore({
    knowledge: ['knowledge'],
    dataDir,
    guard: { cooldownMs: 10 * 60_000, channelRepliesPerMinute: 100, globalRepliesPerMinute: 1000 },
    asksPerUserPerMinute: ASK_LIMIT,
  });
  bot = await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR] }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
  core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);

/** Delivers a channel message and waits until the bot is done with it; returns its ts and what the bot did. */
async function say(channel: string, text: string, user = MEMBER): Promise<{ ts: string; outcome: string | undefined; claimId: string | undefined; replyTs: string | undefined }> {
  const event = messageEvent({ channel, text, user });
  expect((await bot.slack.event(eventCallback(event))).status).toBe(200);
  const ts = String(event['ts']);
  const [heard] = await bot.handled(channel, ts);
  const reply = postsIn(channel).find((c) => c.args['thread_ts'] === ts);
  return { ts, outcome: heard?.outcome, claimId: heard?.claimId, replyTs: reply?.response?.['ts'] as string | undefined };
}

/** Runs a slash command and returns the private answers posted to its response_url (waits for the first). */
async function command(text: string, user: string, options: { command?: string; channel?: string; triggerId?: string } = {}) {
  const responseUrl = fake.responseUrl();
  const sent = await bot.slack.command(slashCommand({ text, user, channel: options.channel ?? 'C0MODS', responseUrl, command: options.command ?? '/claim', ...(options.triggerId === undefined ? {} : { triggerId: options.triggerId }) }));
  expect(sent.status).toBe(200);
  return responseUrl;
}

async function privateAnswer(responseUrl: string): Promise<Record<string, unknown>> {
  const [answer] = await waitFor('the private answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
  expect(answer!.body['response_type']).toBe('ephemeral');
  return answer!.body;
}

async function openedView(triggerId: string): Promise<OpenedView> {
  return waitFor(`a modal opened with trigger ${triggerId}`, () => fake.views.find((v) => v.triggerId === triggerId));
}

/** Submits a modal; returns Slack's answer to the submission (the response_action the bot acked with). */
async function submit(view: OpenedView, values: Record<string, FieldValue>, user: string): Promise<Record<string, unknown>> {
  const sent = await bot.slack.interaction(viewSubmission(view, values, user));
  expect(sent.status).toBe(200);
  return sent.body === '' ? {} : (JSON.parse(sent.body) as Record<string, unknown>);
}

let trigger = 0;
const nextTrigger = () => `T${++trigger}`;

describe('Slack moderator tools', () => {
  it('pushes a correction on a missed message: a public threaded reply marked as a moderator correction, and the next one like it is caught', async () => {
    const missed = await say('C0PUSH', MISSED_MESSAGE, 'U0AUTHOR');
    expect(missed.outcome).toBe('ignored');

    const responseUrl = fake.responseUrl();
    const triggerId = nextTrigger();
    await bot.slack.interaction(messageShortcut({ text: MISSED_MESSAGE, channel: 'C0PUSH', ts: missed.ts, responseUrl, user: MODERATOR, callbackId: 'push_correction', triggerId }));
    const view = await openedView(triggerId);
    expect(view.view['callback_id']).toBe('push_correction_view');
    expect(JSON.stringify(view.view)).toContain(PUSHED_CLAIM); // offered in the picker

    const answer = await submit(view, { claim: { selected: PUSHED_CLAIM }, comment: 'Old edited clip <!channel>' }, MODERATOR);
    expect(answer['response_action']).toBe('update');

    const [post] = await waitFor('the correction', () => postsIn('C0PUSH')[0] && postsIn('C0PUSH'));
    expect(post!.args['thread_ts']).toBe(missed.ts);
    expect(post!.args['unfurl_links']).toBe(false);
    const shown = readableText(post!.args);
    expect(shown).toContain('Moderator correction');
    expect(shown).toContain('mona');
    expect(shown).toContain('Old edited clip &lt;!channel&gt;');
    expect(shown).toContain(`\`${PUSHED_CLAIM}\``);
    expect(pingingMarkup(post!.args)).toEqual([]);
    await waitFor('the modal to say it was posted', () => view.updates.some((u) => JSON.stringify(u).includes('Posted the fact-check')));
    expect((await core.moderation.history(PUSHED_CLAIM)).at(-1)).toMatchObject({ action: 'teach', actor: 'mona', platform: 'slack', comment: 'Old edited clip <!channel>' });
    expect((await core.moderation.repliesToUpdate(PUSHED_CLAIM)).map((r) => r.kind)).toContain('correction');

    const again = await say('C0PUSH', MISSED_MESSAGE, 'U0SOMEONEELSE');
    expect(again).toMatchObject({ outcome: 'replied', claimId: PUSHED_CLAIM });
    expect(bot.logs.some((l) => l['moderatorAction'] === 'push-correction' && l['actorId'] === MODERATOR && l['claimId'] === PUSHED_CLAIM)).toBe(true);
  });

  it('shows a missing claim choice as an error on the picker, and posts nothing', async () => {
    const triggerId = nextTrigger();
    await bot.slack.interaction(messageShortcut({ text: 'some message nobody checked', channel: 'C0PUSH-EMPTY', ts: '1700000001.000001', responseUrl: fake.responseUrl(), user: MODERATOR, callbackId: 'push_correction', triggerId }));
    const view = await openedView(triggerId);
    const answer = await submit(view, { claim: null }, MODERATOR);
    expect(answer).toMatchObject({ response_action: 'errors', errors: { claim: expect.stringContaining('Pick the claim') } });
    expect(postsIn('C0PUSH-EMPTY')).toEqual([]);
  });

  it('searches every claim from the correction modal', async () => {
    const sent = await bot.slack.interaction(blockSuggestion({ actionId: 'claim_search', value: 'impeached', user: MODERATOR }));
    const { options } = JSON.parse(sent.body) as { options: Array<{ value: string }> };
    expect(options.map((o) => o.value)).toContain('khan-impeached');
  });

  it('edits a note with /claim edit, and the earlier passive reply follows with an Updated marker and its buttons', async () => {
    const heard = await say('C0EDIT', CLAIM_MESSAGE);
    expect(heard.outcome).toBe('replied');
    expect(heard.replyTs).toBeDefined();
    const reply = postsIn('C0EDIT')[0]!;
    expect(JSON.stringify(reply.args['blocks'])).toContain('reply_not_relevant');

    const triggerId = nextTrigger();
    await command(`edit ${CLAIM_ID}`, MODERATOR, { triggerId });
    const view = await openedView(triggerId);
    expect(JSON.parse(String(view.view['private_metadata']))).toEqual({ id: CLAIM_ID, version: 0 });
    expect(JSON.stringify(view.view)).toContain('initial_value'); // prefilled
    const answer = await submit(view, { note: NEW_NOTE }, MODERATOR);
    expect(answer['response_action']).toBe('update');

    const update = await waitFor('chat.update of the earlier reply', () => fake.callsTo('chat.update').find((c) => c.args['ts'] === heard.replyTs));
    expect(update.args['channel']).toBe('C0EDIT');
    const shown = readableText(update.args);
    expect(shown).toContain(NEW_NOTE);
    expect(shown).toMatch(/Updated \d{4}-\d{2}-\d{2}:\* this fact-check was revised/);
    expect(JSON.stringify(update.args['blocks'])).toContain('reply_helpful');
    expect(pingingMarkup(update.args)).toEqual([]);
    expect(core.moderation.show(CLAIM_ID)).toMatchObject({ version: 1, claim: { note: NEW_NOTE } });
  });

  it("refuses a member's /claim edit and Push correction privately and changes nothing; a workspace admin is allowed", async () => {
    const editTrigger = nextTrigger();
    const refused = await privateAnswer(await command('edit khan-impeached', MEMBER, { triggerId: editTrigger }));
    expect(String(refused['text'])).toContain('Only moderators');
    const pushTrigger = nextTrigger();
    const shortcutUrl = fake.responseUrl();
    await bot.slack.interaction(messageShortcut({ text: MISSED_MESSAGE, channel: 'C0REFUSE', ts: '1700000002.000001', responseUrl: shortcutUrl, user: MEMBER, callbackId: 'push_correction', triggerId: pushTrigger }));
    expect(String((await privateAnswer(shortcutUrl))['text'])).toContain('Only moderators');
    expect(fake.views.filter((v) => v.triggerId === editTrigger || v.triggerId === pushTrigger)).toEqual([]);

    const adminTrigger = nextTrigger();
    await command('edit khan-impeached', ADMIN, { triggerId: adminTrigger });
    const view = await openedView(adminTrigger);
    // A member submitting that modal (a forged or stale one) is refused too.
    const forged = await submit(view, { note: 'A member rewrote this.' }, MEMBER);
    expect(forged).toMatchObject({ response_action: 'errors', errors: { note: expect.stringContaining('Only moderators') } });
    expect((await core.moderation.history('khan-impeached'))).toEqual([]);
    expect(postsIn('C0REFUSE')).toEqual([]);
    expect(fake.callsTo('users.info').map((c) => c.args['user'])).toContain(ADMIN);
  });

  it('tells the moderator privately when Slack will not open the form', async () => {
    fake.failNext.set('views.open', ['expired_trigger_id']);
    const answer = await privateAnswer(await command('add', MODERATOR, { triggerId: nextTrigger() }));
    expect(String(answer['text'])).toContain('expired_trigger_id');
  });

  it('treats someone as a member when users.info fails, and says why in the log', async () => {
    fake.failNext.set('users.info', ['missing_scope']);
    const refused = await privateAnswer(await command('stats', 'U0NOSCOPE'));
    expect(String(refused['text'])).toContain('Only moderators');
    expect(bot.logs.some((l) => l['level'] === 40 && String(l['msg']).includes('missing_scope') && l['user'] === 'U0NOSCOPE')).toBe(true);
  });

  it("counts a member's Helpful / Not relevant once; a moderator's Not relevant deletes the reply and the text stops matching", async () => {
    const text = 'the trump video where he promises to free imran khan';
    const heard = await say('C0FEEDBACK', text);
    expect(heard).toMatchObject({ outcome: 'replied', claimId: CLAIM_ID });
    const press = async (actionId: string, user: string) => {
      const responseUrl = fake.responseUrl();
      await bot.slack.interaction(messageButtonClick({ actionId, value: CLAIM_ID, channel: 'C0FEEDBACK', messageTs: heard.replyTs!, responseUrl, user }));
      return String((await privateAnswer(responseUrl))['text']);
    };
    expect(await press('reply_not_relevant', MEMBER)).toContain('Counted');
    expect(await press('reply_not_relevant', MEMBER)).toContain('already rated');
    expect(await press('reply_helpful', 'U0HAPPY')).toContain('helpful');
    expect(fake.callsTo('chat.delete')).toEqual([]);
    expect((await core.checker.judge(text)).decision).toMatchObject({ decision: 'reply', match: { claim: { id: CLAIM_ID } } });

    expect(await press('reply_not_relevant', MODERATOR)).toContain('Removed');
    expect(fake.callsTo('chat.delete').map((c) => c.args)).toEqual([expect.objectContaining({ channel: 'C0FEEDBACK', ts: heard.replyTs })]);
    expect((await core.checker.judge(text)).decision).not.toMatchObject({ decision: 'reply', match: { claim: { id: CLAIM_ID } } });
    expect((await say('C0FEEDBACK-2', text)).claimId).not.toBe(CLAIM_ID);
    expect((await core.moderation.stats()).days7.find((s) => s.claimId === CLAIM_ID)).toMatchObject({ helpful: 1, notRelevant: 2 });
  });

  describe('/claim add and edit refuse bad input on the field, and store nothing', () => {
    const EVIDENCE = 'Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.';
    const good = { id: 'trump-regime-change-khan', verdict: { selected: 'misleading' }, claim: 'Trump will order regime change to bring Imran Khan back', note: 'The analysis says Trump opposes regime change operations on foreign soil.', evidence: EVIDENCE };

    it.each([
      ['an unknown verdict', { verdict: { selected: 'pants-on-fire' } }, 'verdict', /verdict must be one of/],
      ['an empty note', { note: '   ' }, 'note', /note/],
      ['a note over 500 characters', { note: 'x'.repeat(501) }, 'note', /500/],
      ['an id that exists', { id: 'khan-impeached' }, 'id', /already exists/],
    ])('%s', async (_name, change, field, message) => {
      const triggerId = nextTrigger();
      await command('add', MODERATOR, { triggerId });
      const view = await openedView(triggerId);
      const answer = await submit(view, { ...good, ...change }, MODERATOR);
      expect(answer['response_action']).toBe('errors');
      expect((answer['errors'] as Record<string, string>)[field]).toMatch(message);
      expect(() => core.moderation.show(good.id)).toThrow(/no claim has the id/);
      expect((await core.moderation.history('khan-impeached'))).toEqual([]);
    });

    it('adds a claim from a good form', async () => {
      const triggerId = nextTrigger();
      await command('add', MODERATOR, { triggerId });
      const answer = await submit(await openedView(triggerId), good, MODERATOR);
      expect(answer['response_action']).toBe('update');
      expect(core.moderation.show(good.id)).toMatchObject({ version: 1, claim: { verdict: 'misleading' } });
    });

    it('refuses an edit made from a version someone else changed meanwhile, naming who', async () => {
      const [first, second] = [nextTrigger(), nextTrigger()];
      await command('edit khan-ten-year-sentence', MODERATOR, { triggerId: first });
      await command('edit khan-ten-year-sentence', ADMIN, { triggerId: second });
      const [mona, adam] = [await openedView(first), await openedView(second)];
      expect((await submit(adam, { note: 'The article says he was sentenced in January 2024 (first edit).' }, ADMIN))['response_action']).toBe('update');
      const late = await submit(mona, { note: 'The article says he was sentenced (second edit).' }, MODERATOR);
      expect(late).toMatchObject({ response_action: 'errors', errors: { note: expect.stringContaining('changed by adam a moment ago') } });
      expect(core.moderation.show('khan-ten-year-sentence').claim.note).toBe('The article says he was sentenced in January 2024 (first edit).');
    });
  });

  it('/claim push posts the current fact-check to the channel given and remembers it; the answer to the moderator is private', async () => {
    const answer = await privateAnswer(await command('push khan-impeached <#C0ANNOUNCE|announcements>', MODERATOR));
    expect(String(answer['text'])).toContain('Posted');
    const [post] = postsIn('C0ANNOUNCE');
    expect(post?.args['thread_ts']).toBeUndefined();
    expect(readableText(post!.args)).toContain('posted by mona');
    expect(readableText(post!.args)).toContain('`khan-impeached`');
    expect((await core.moderation.repliesToUpdate('khan-impeached'))).toEqual([expect.objectContaining({ kind: 'announcement', channelId: 'C0ANNOUNCE', messageId: post!.response?.['ts'] })]);
    // Without a channel it posts where the command was typed.
    await privateAnswer(await command('push khan-impeached', MODERATOR, { channel: 'C0HERE' }));
    expect(postsIn('C0HERE')).toHaveLength(1);
  });

  it('/claim stats, show and history answer privately', async () => {
    const stats = await privateAnswer(await command('stats', MODERATOR));
    expect(readableText(stats)).toMatch(/Last 7 days:\* \d+ replies/);
    expect(readableText(stats)).toContain(`\`${CLAIM_ID}\``);
    const shown = await privateAnswer(await command(`show ${CLAIM_ID}`, MODERATOR));
    expect(readableText(shown)).toContain(NEW_NOTE);
    const history = await privateAnswer(await command(`history ${CLAIM_ID}`, MODERATOR));
    expect(readableText(history)).toContain('edit by mona (slack)');
    const unknown = await privateAnswer(await command('show no-such-claim', MODERATOR));
    expect(String(unknown['text'])).toContain('no claim has the id');
  });

  it('/factcheck and the fact-check shortcut past the per-user limit get a polite private refusal', async () => {
    const user = 'U0EAGER';
    const answers: string[] = [];
    for (let i = 0; i <= ASK_LIMIT; i += 1) {
      answers.push(String((await privateAnswer(await command(CLAIM_MESSAGE, user, { command: '/factcheck' })))['text']));
    }
    expect(answers.slice(0, ASK_LIMIT).every((t) => !t.includes('asked a lot'))).toBe(true);
    expect(answers[ASK_LIMIT]).toContain("You've asked a lot in the last minute; try again shortly");
    const shortcutUrl = fake.responseUrl();
    await bot.slack.interaction(messageShortcut({ text: CLAIM_MESSAGE, channel: 'C0ASK', ts: '1700000003.000001', responseUrl: shortcutUrl, user }));
    expect(String((await privateAnswer(shortcutUrl))['text'])).toContain('asked a lot');
  });

  it('logged no error', () => {
    expect(bot.errors().map((e) => e['msg'])).toEqual([]);
  });
});
