import { type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customId } from '../../src/adapters/discord/custom-ids.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import { CLAIM_ID, CLAIM_MESSAGE } from '../contract/adapter-contract.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { freePort } from '../fakes/free-port.ts';
import { botIsReady } from '../fakes/ready.ts';
import { emptySmallDisk, fillSmallDisk, smallDisksWork, spawnOnSmallDisk } from '../fakes/small-disk.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageButtonClick, messageEvent, MODERATOR, nextTs, slashCommand, viewSubmission } from '../fakes/slack/payloads.ts';
import { SlackSender } from '../fakes/slack/signed-requests.ts';
import { waitFor } from '../fakes/slack/wait.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'store-failure-test-secret';
const NOT_SAVED = /^Not saved: the bot's storage is full, so nothing was changed\. Tell whoever runs the bot, and try again once it is fixed\.$/;
const SUBCOMMAND = 1;
// A moderator's edit must still say only what the source says: the claim's own note, marked as checked.
const { note: NOTE } = loadKnowledge([path.join(root, 'knowledge')]).find((c) => c.id === CLAIM_ID)!;
const revisedNote = (mark: string) => `${NOTE} ${mark}`;
const STRING = 3;

/**
 * The bot as the Docker image runs it, with DATA_DIR on a small disk of its own that the test
 * fills while the bot runs: every moderator path on both platforms must say the change was not
 * saved, in words, and the operator's log must name DATA_DIR without an engine stack trace.
 */
describe.runIf(smallDisksWork())('a full disk under DATA_DIR, on Discord and Slack', () => {
  const discord = new FakeDiscord({ channels: ['general', 'mods'] });
  const slack = new FakeSlack();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'full-disk-'));
  let child: ChildProcess;
  let port: number;
  let logs = '';
  let sender: SlackSender;
  let discordReply: Record<string, unknown>;
  let slackReplyTs: string;

  beforeAll(async () => {
    await discord.start();
    await slack.start();
    port = await freePort();
    const metricsPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', CI: 'true', PORT: String(port), METRICS_PORT: String(metricsPort), DATA_DIR: dataDir,
      DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-full-disk', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, SLACK_MODERATOR_IDS: MODERATOR,
    };
    child = spawnOnSmallDisk([process.execPath, path.join(root, 'bin/factcheck.js'), 'start'], { dataDir, sizeKb: 4096, cwd: root, env });
    child.stdout?.on('data', (d: Buffer) => (logs += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (logs += d.toString()));
    for (let tries = 0; !(await botIsReady(metricsPort, port)); tries++) {
      if (tries > 300 || child.exitCode !== null) throw new Error(`the bot did not become ready:\n${logs}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);

    // A passive reply on each platform while there is room, so their buttons can be pressed later.
    const heard = discord.post('general', CLAIM_MESSAGE);
    discordReply = await waitFor('the Discord reply', () => {
      const reply = discord.createdMessages().find((m) => (m.body['message_reference'] as { message_id?: string } | undefined)?.message_id === heard);
      return reply === undefined ? undefined : discord.rest.messages.get(reply.id);
    }, 10_000);
    const ts = nextTs();
    await sender.event(eventCallback(messageEvent({ channel: 'C-FULL', ts, text: CLAIM_MESSAGE })));
    slackReplyTs = (await waitFor('the Slack reply', () => slack.posted.find((m) => m.channel === 'C-FULL' && m.threadTs === ts), 10_000)).ts;
    // Each platform logs its reply once it is recorded.
    await waitFor('both replies to be recorded', () => logs.includes('"msg":"replied with a fact check"') && logs.includes('"msg":"replied to a claim"'), 10_000);

    fillSmallDisk(child.pid!, dataDir);
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await discord.stop();
    await slack.stop();
  });

  const discordAnswer = async (interactionId: string) => waitFor(`the answer to ${interactionId}`, () => discord.answerTo(interactionId)?.['content'] as string | undefined, 10_000);

  it('tells a Discord moderator that /claim retire was not saved', async () => {
    const id = discord.slashCommand('mods', 'claim', [{ name: 'retire', type: SUBCOMMAND, options: [{ name: 'id', type: STRING, value: CLAIM_ID }] }], discord.moderator);
    expect(await discordAnswer(id)).toMatch(NOT_SAVED);
  });

  it('tells a Discord moderator that a /claim edit form was not saved', async () => {
    const id = discord.submitForm('mods', customId({ step: 'edit', claimId: CLAIM_ID, version: 0 }), { note: revisedNote('(Checked again.)') }, discord.moderator);
    expect(await discordAnswer(id)).toMatch(NOT_SAVED);
  });

  it('tells a Discord member that a Helpful press was not kept', async () => {
    const id = discord.component('general', 'fb:helpful', discordReply, discord.member);
    expect(await discordAnswer(id)).toMatch(NOT_SAVED);
  });

  it('tells a Slack moderator that /claim retire was not saved', async () => {
    const responseUrl = slack.responseUrl();
    await sender.command(slashCommand({ text: `retire ${CLAIM_ID}`, user: MODERATOR, channel: 'C-MODS', responseUrl, command: '/claim' }));
    const [answer] = await waitFor('the private answer', () => slack.responsesTo(responseUrl)[0] && slack.responsesTo(responseUrl), 10_000);
    expect(String(answer!.body['text'])).toMatch(NOT_SAVED);
  });

  it('keeps a Slack /claim edit modal open with the reason on it, instead of a generic error', async () => {
    const triggerId = 'T-FULL-EDIT';
    await sender.command(slashCommand({ text: `edit ${CLAIM_ID}`, user: MODERATOR, channel: 'C-MODS', responseUrl: slack.responseUrl(), command: '/claim', triggerId }));
    const view = await waitFor('the edit modal', () => slack.views.find((v) => v.triggerId === triggerId), 10_000);
    const submitted = await sender.interaction(viewSubmission(view, { note: revisedNote('(Reviewed.)') }, MODERATOR));
    expect(submitted.status).toBe(200);
    const body = JSON.parse(submitted.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.values(body.errors).join(' ')).toMatch(NOT_SAVED);
  });

  it('tells a Slack member that a Helpful press was not kept', async () => {
    const responseUrl = slack.responseUrl();
    await sender.interaction(messageButtonClick({ actionId: 'reply_helpful', value: CLAIM_ID, channel: 'C-FULL', messageTs: slackReplyTs, responseUrl }));
    const [answer] = await waitFor('the private answer', () => slack.responsesTo(responseUrl)[0] && slack.responsesTo(responseUrl), 10_000);
    expect(String(answer!.body['text'])).toMatch(NOT_SAVED);
  });

  it('logs each failure for the operator as one error line naming DATA_DIR and what to do, with no engine stack trace', () => {
    const errors = logs.split('\n').filter((l) => l.includes('"level":50'));
    expect(errors.some((l) => l.includes(`DATA_DIR=${dataDir}: no space left to write factcheck.db (SQLITE_FULL); free space on that disk`))).toBe(true);
    expect(logs).not.toMatch(/SqliteError|\n\s+at /);
  });

  it('saves again once there is room', async () => {
    emptySmallDisk(child.pid!, dataDir);
    const id = discord.submitForm('mods', customId({ step: 'edit', claimId: CLAIM_ID, version: 0 }), { note: revisedNote('(Confirmed.)') }, discord.moderator);
    expect(await discordAnswer(id)).toMatch(/^Saved `.+` as version 1/);
  });
});
