import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { FakeSlack, type ApiCall } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import { ADMIN, eventCallback, MEMBER, messageButtonClick, messageEvent, MODERATOR, viewSubmission } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';
import { UNSURE, UNSURE_CLAIM, AMBIGUOUS, AMBIGUOUS_CLAIMS } from '../../fixtures/review-messages.ts';

const REVIEWS = 'C0REVIEWS';

const fake = new FakeSlack();
const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-review-'));
let core: FactCheckCore;
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  fake.users.set(ADMIN, { name: 'adam', is_admin: true });
  core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir, review: { reviewThreshold: 0.2 } });
  bot = await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR], reviewChannelId: REVIEWS, ignoreChannels: ['C0IGNORED'] }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Button {
  action_id: string;
  text: { text: string };
  value: string;
}

/** Delivers a channel message and waits until the bot is done with it. */
async function say(channel: string, text: string, extra: { channelType?: 'channel' | 'im'; threadTs?: string } = {}): Promise<{ ts: string; outcome: string | undefined }> {
  const event = messageEvent({ channel, text, user: 'U0AUTHOR', ...extra });
  expect((await bot.slack.event(eventCallback(event))).status).toBe(200);
  const ts = String(event['ts']);
  const [heard] = await bot.handled(channel, ts);
  return { ts, outcome: heard?.outcome };
}

const cards = () => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === REVIEWS);
/** The card posted for a message (found by its permalink), and what its latest update shows. */
async function cardFor(channel: string, ts: string): Promise<{ ts: string; posted: ApiCall; now: () => Record<string, unknown> }> {
  const link = `https://fake.slack.test/archives/${channel}/p${ts.replace('.', '')}`;
  const posted = await waitFor(`a review card for ${ts}`, () => cards().find((c) => JSON.stringify(c.args['blocks']).includes(link)));
  const cardTs = String(posted.response?.['ts']);
  return { ts: cardTs, posted, now: () => fake.callsTo('chat.update').filter((c) => c.args['ts'] === cardTs).at(-1)?.args ?? posted.args };
}
const buttonsOf = (args: Record<string, unknown>): Button[] =>
  ((args['blocks'] ?? []) as Array<{ type: string; elements?: Button[] }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

/** Clicks a card's button as `user`; returns the private answers posted to its response_url. */
async function click(card: { ts: string; posted: ApiCall }, label: string, user: string): Promise<Record<string, unknown>> {
  const button = buttonsOf(card.posted.args).find((b) => b.text.text === label);
  expect(button, `a "${label}" button`).toBeDefined();
  const responseUrl = fake.responseUrl();
  await bot.slack.interaction(messageButtonClick({ actionId: button!.action_id, value: button!.value, channel: REVIEWS, messageTs: card.ts, responseUrl, user }));
  const [answer] = await waitFor('the private answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
  expect(answer!.body['response_type']).toBe('ephemeral');
  return answer!.body;
}

describe('Slack review cards', () => {
  it("turns a message the bot was unsure about into a card; refuses a member, takes a moderator's \"It is\", then shows who decided and drops the buttons", async () => {
    const heard = await say('C0GENERAL', UNSURE);
    expect(heard.outcome).toBe('ignored');
    const card = await cardFor('C0GENERAL', heard.ts);
    const shown = readableText(card.posted.args);
    expect(shown).toContain('Did this message repeat a known claim?');
    expect(shown).toContain(`>${UNSURE}`);
    expect(shown).toMatch(new RegExp(`1\\. \`${UNSURE_CLAIM}\` · \\d+% · `));
    expect(shown).toMatch(/Why the bot held back:\* the best match scored \d+%, under the 50% it needs to reply on its own/);
    expect(buttonsOf(card.posted.args).map((b) => b.text.text)).toEqual([`It is ${UNSURE_CLAIM}`, 'Another claim…', 'Not a claim']);
    expect(pingingMarkup(card.posted.args)).toEqual([]);

    const refused = await click(card, `It is ${UNSURE_CLAIM}`, MEMBER);
    expect(String(refused['text'])).toMatch(/^Only moderators can review suggestions/);
    expect(fake.callsTo('chat.update').filter((c) => c.args['ts'] === card.ts)).toEqual([]);

    const accepted = await click(card, `It is ${UNSURE_CLAIM}`, MODERATOR);
    expect(String(accepted['text'])).toMatch(new RegExp(`^Accepted: the message is a phrasing of ${UNSURE_CLAIM}. Messages like it are now answered`));
    expect(buttonsOf(accepted).map((b) => b.text.text)).toEqual(['Reply to the message with the note']);
    await waitFor('the card to show the decision', () => fake.callsTo('chat.update').some((c) => c.args['ts'] === card.ts));
    expect(buttonsOf(card.now())).toEqual([]);
    expect(readableText(card.now())).toMatch(new RegExp(`Accepted by mona \\(slack, .* UTC\\): it is ${UNSURE_CLAIM}`));

    const late = await click(card, 'Not a claim', ADMIN);
    expect(String(late['text'])).toMatch(/^Nothing was changed. suggestion [0-9a-f]{12} was already accepted by mona \(slack, /);
    expect(core.moderation.show(UNSURE_CLAIM).claim.counterExamples).not.toContain(UNSURE);
    expect((await say('C0ELSEWHERE', UNSURE)).outcome).toBe('replied');

    // "Reply to the message with the note": the bot answers in the message's thread, once.
    const reply = buttonsOf(accepted)[0]!;
    const replyUrl = fake.responseUrl();
    await bot.slack.interaction(messageButtonClick({ actionId: reply.action_id, value: reply.value, channel: REVIEWS, messageTs: card.ts, responseUrl: replyUrl, user: MODERATOR }));
    const inThread = () => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C0GENERAL' && c.args['thread_ts'] === heard.ts);
    const [posted] = await waitFor('the reply in the thread', () => inThread()[0] && inThread());
    expect(readableText(posted!.args)).toContain('Moderator correction');
    expect(pingingMarkup(posted!.args)).toEqual([]);
    await waitFor('the card to say the bot replied', () => readableText(card.now()).includes('the bot replied to the message with the note'));
    expect(inThread()).toHaveLength(1);
  });

  it('offers both close claims on an ambiguous message; "Not a claim" makes it a counter-example of each', async () => {
    const heard = await say('C0GENERAL', AMBIGUOUS);
    const card = await cardFor('C0GENERAL', heard.ts);
    expect(readableText(card.posted.args)).toMatch(new RegExp(`two claims were too close to tell apart: ${AMBIGUOUS_CLAIMS[0]} \\d+% and ${AMBIGUOUS_CLAIMS[1]} \\d+%`));
    const rejected = await click(card, 'Not a claim', ADMIN);
    expect(String(rejected['text'])).toBe(`Rejected: not a claim. It is now a counter-example of ${AMBIGUOUS_CLAIMS.join(', ')}.`);
    await waitFor('the card to show the decision', () => readableText(card.now()).includes('Rejected by adam (slack, '));
    expect(buttonsOf(card.now())).toEqual([]);
    expect(core.moderation.show('trump-won-2024-election').claim.counterExamples).toContain(AMBIGUOUS);
  });

  it('"Another claim…" opens a picker; submitting it accepts the chosen claim and tells the moderator privately', async () => {
    const words = 'heard trump might step in for khan, no idea';
    const heard = await say('C0OTHER', words);
    const card = await cardFor('C0OTHER', heard.ts);
    const button = buttonsOf(card.posted.args).find((b) => b.text.text === 'Another claim…')!;
    const triggerBefore = fake.views.length;
    const click = messageButtonClick({ actionId: button.action_id, value: button.value, channel: REVIEWS, messageTs: card.ts, responseUrl: fake.responseUrl(), user: MODERATOR });
    await bot.slack.interaction(click);
    const view = await waitFor('the picker', () => fake.views[triggerBefore]);
    expect(view.view['callback_id']).toBe('review_other_view');
    expect(JSON.stringify(view.view)).toContain('trump-very-good-friend');
    const answer = await bot.slack.interaction(viewSubmission(view, { claim: { selected: 'trump-very-good-friend' } }, MODERATOR));
    expect(JSON.parse(answer.body)).toEqual({ response_action: 'clear' });
    const told = await waitFor('the private confirmation', () => fake.callsTo('chat.postEphemeral').find((c) => c.args['user'] === MODERATOR));
    expect(told.args['channel']).toBe(REVIEWS);
    expect(String(told.args['text'])).toMatch(/^Accepted: the message is a phrasing of trump-very-good-friend/);
    await waitFor('the card to show the decision', () => readableText(card.now()).includes('it is trump-very-good-friend'));
  });

  it('suggests the same words once, and nothing from a direct message or a channel the bot does not listen in', async () => {
    const words = 'trump ke aane se pakistan mein kya badle ga?';
    const first = await say('C0ONCE', words);
    await cardFor('C0ONCE', first.ts);
    const before = cards().length;
    await say('C0ONCE-AGAIN', words);
    await say('C0IGNORED', 'trump ke aane se pakistan mein kya badle ga?');
    await say('D0DIRECT', 'the generals and washington, same old story', { channelType: 'im' });
    expect(cards()).toHaveLength(before);
  });
});
