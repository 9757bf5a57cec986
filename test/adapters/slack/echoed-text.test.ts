import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { FakeSlack, FAKE_IDENTITY, type OpenedView } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import { eventCallback, messageEvent, messageShortcut, MODERATOR, slashCommand, viewSubmission } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

// Bold, strike-through, italics and code, a right-to-left override, a zero-width space and a BOM.
const HOSTILE = 'weather *free gift* ~not~ _now_ `code` \u202etxt.exe\u202c cl\u200bick\ufeff <http://evil.example|here> & more';
// As Slack shows it: the marks are look-alikes that format nothing, nothing hidden, the link's label only.
const SHOWN = 'weather \u2217free gift\u2217 \u223cnot\u223c \u02cdnow\u02cd \u02cbcode\u02cb txt.exe click here &amp; more';
const HIDDEN = ['\u202e', '\u202c', '\u200b', '\ufeff'];

const fake = new FakeSlack();
const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-echo-'));
let core: FactCheckCore;
let bot: BotUnderTest;

beforeAll(async () => {
  await fake.start();
  core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir });
  bot = await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR] }).start();
});

afterAll(async () => {
  await bot?.adapter.stop();
  await fake.stop();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);

describe('Slack repeats what people wrote as text, never as formatting', () => {
  it('answers an @-mention with the question quoted: its bold, strike-through and italics inert, its bidi and zero-width characters gone', async () => {
    const event = messageEvent({ channel: 'C-ECHO', text: `<@${FAKE_IDENTITY.botUserId}> ${HOSTILE}` });
    expect((await bot.slack.event(eventCallback(event))).status).toBe(200);
    await bot.handled('C-ECHO', String(event['ts']));
    const [answer] = postsIn('C-ECHO');
    const shown = readableText(answer!.args);
    expect(shown).toContain(`*Fact-check for:*\n>${SHOWN}`);
    for (const c of HIDDEN) expect(shown).not.toContain(c);
    expect(pingingMarkup(answer!.args)).toEqual([]);
  });

  it('answers /factcheck privately with the question quoted the same way', async () => {
    const responseUrl = fake.responseUrl();
    await bot.slack.command(slashCommand({ text: HOSTILE, channel: 'C-ECHO', responseUrl, command: '/factcheck' }));
    const [reply] = await waitFor('the private answer', () => fake.responsesTo(responseUrl)[0] && fake.responsesTo(responseUrl));
    const shown = readableText(reply!.body);
    expect(shown).toContain(`*Fact-check for:*\n>${SHOWN}`);
    for (const c of HIDDEN) expect(shown).not.toContain(c);
  });

  it("posts a moderator's correction comment with its formatting inert", async () => {
    const missed = messageEvent({ channel: 'C-ECHO-PUSH', text: 'adiala se kaptaan ki rihai ka order aa gaya, washington se deal ho gayi' });
    await bot.slack.event(eventCallback(missed));
    await bot.handled('C-ECHO-PUSH', String(missed['ts']));
    const triggerId = 'T-ECHO';
    await bot.slack.interaction(messageShortcut({ text: String(missed['text']), channel: 'C-ECHO-PUSH', ts: String(missed['ts']), responseUrl: fake.responseUrl(), user: MODERATOR, callbackId: 'push_correction', triggerId }));
    const view: OpenedView = await waitFor('the correction modal', () => fake.views.find((v) => v.triggerId === triggerId));
    await bot.slack.interaction(viewSubmission(view, { claim: { selected: 'trump-promised-khan-release' }, comment: '*Urgent*: ~old~ clip\u202e' }, MODERATOR));
    const [post] = await waitFor('the correction', () => postsIn('C-ECHO-PUSH')[0] && postsIn('C-ECHO-PUSH'));
    expect(readableText(post!.args)).toContain("*Moderator's comment:* \u2217Urgent\u2217: \u223cold\u223c clip");
    expect(readableText(post!.args)).not.toContain('\u202e');
  });
});
