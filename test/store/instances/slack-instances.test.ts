/**
 * Two real bot processes behind one "load balancer" (the test), one PostgreSQL, the local fake
 * Slack: what one instance does, the other knows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack, type ApiCall } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs, slashCommand, viewSubmission } from '../../fakes/slack/payloads.ts';
import { SlackSender } from '../../fakes/slack/signed-requests.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { describeWithPostgres, freshDatabase } from '../../postgres/database.ts';
import { BotProcess } from './bot-process.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const SECRET = 'instances-test-secret';
const MODERATOR = 'U0MODERATOR';
const EVIDENCE = 'Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.';

describeWithPostgres('two Slack instances on one PostgreSQL', () => {
  const fake = new FakeSlack();
  let databaseUrl: string;
  let a: BotProcess;
  let b: BotProcess;
  const sender = (bot: BotProcess) => new SlackSender(`${bot.url}/slack/events`, SECRET);
  const postsIn = (channel: string): ApiCall[] => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  beforeAll(async () => {
    await fake.start();
    databaseUrl = await freshDatabase();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-instances-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, SLACK_MODERATOR_IDS: MODERATOR,
      DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'instances-')),
    };
    [a, b] = await Promise.all([BotProcess.start('A', env), BotProcess.start('B', env)]);
  }, 60_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake.stop();
  });

  it('gives one reply to the same event delivered to both instances at once', async () => {
    const envelope = eventCallback(messageEvent({ channel: 'C-BOTH', text: CLAIM_MESSAGE, ts: nextTs() }));
    const [first, second] = await Promise.all([sender(a).event(envelope), sender(b).event(envelope)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await waitFor('the reply', () => postsIn('C-BOTH')[0]);
    await settle();
    expect(postsIn('C-BOTH')).toHaveLength(1);
  });

  it('gives no reply to a retry sent to the other instance after the first acknowledged', async () => {
    const envelope = eventCallback(messageEvent({ channel: 'C-RETRY', text: CLAIM_MESSAGE, ts: nextTs() }));
    expect((await sender(a).event(envelope)).status).toBe(200);
    await waitFor('the reply', () => postsIn('C-RETRY')[0]);
    expect((await sender(b).event(envelope, { retryNum: 1 })).status).toBe(200);
    await settle();
    expect(postsIn('C-RETRY')).toHaveLength(1);
  });

  it('edits a reply instance B sent, once, after a correction made through instance A (in a modal B opened)', async () => {
    const ts = nextTs();
    await sender(b).event(eventCallback(messageEvent({ channel: 'C-EDIT', text: CLAIM_MESSAGE, ts })));
    const reply = await waitFor('B to reply', () => postsIn('C-EDIT')[0]);
    const replyTs = String(reply.response?.['ts']);

    const triggerId = `trigger-${nextTs()}`;
    await sender(b).command(slashCommand({ text: `edit ${CLAIM_ID}`, user: MODERATOR, channel: 'C-MODS', command: '/claim', responseUrl: fake.responseUrl(), triggerId }));
    const view = await waitFor('the edit modal, opened by B', () => fake.views.find((v) => v.triggerId === triggerId));
    const note = 'The clip is an old video edited by Khan followers; the analysis of 11 November 2024 says the promise never happened.';
    const submitted = await sender(a).interaction(viewSubmission(view, { note }, MODERATOR));
    expect(submitted.status).toBe(200);
    expect(JSON.parse(submitted.body)).toMatchObject({ response_action: 'update' });

    const edits = () => fake.callsTo('chat.update').filter((c) => c.args['ts'] === replyTs);
    await waitFor('the earlier reply to be edited', () => edits()[0], 5_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(edits()).toHaveLength(1);
    expect(JSON.stringify(edits()[0]!.args)).toContain('old video edited by Khan followers');
  });

  it('matches a claim added with `factcheck claim add` on the same DATABASE_URL in both instances within 2 s', async () => {
    const phrasing = 'trump pakistan mein regime change karwa ke imran khan ko wapis laye ga';
    const added = spawnSync(process.execPath, [path.join(root, 'bin/factcheck.js'),
      'claim', 'add', '--id', 'trump-regime-change-pakistan', '--verdict', 'misleading',
      '--claim', 'Trump will order regime change in Pakistan to bring back Imran Khan',
      '--note', 'The analysis of 11 November 2024 says Trump has said he opposes regime change operations on foreign soil.',
      '--evidence', EVIDENCE, '--phrasing', phrasing, '--by', 'Sara'], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added trump-regime-change-pakistan');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await Promise.all([
      sender(a).event(eventCallback(messageEvent({ channel: 'C-NEW-A', text: phrasing, ts: nextTs() }))),
      sender(b).event(eventCallback(messageEvent({ channel: 'C-NEW-B', text: phrasing, ts: nextTs() }))),
    ]);
    for (const channel of ['C-NEW-A', 'C-NEW-B']) {
      const [post] = await waitFor(`the reply in ${channel}`, () => postsIn(channel)[0] && postsIn(channel));
      expect(JSON.stringify(post!.args)).toContain('trump-regime-change-pakistan');
    }
  });

  it('fails /readyz when the database connection is lost, and is ready again once it has reconnected', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const states: number[] = [];
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factcheck-bot' AND datname = current_database()");
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !(states.includes(503) && states.at(-1) === 200)) {
        states.push((await fetch(`${a.healthUrl}/readyz`)).status);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await admin.end();
    }
    expect(states).toContain(503);
    expect(states.at(-1)).toBe(200);
    // Reconnected: it answers again.
    await sender(a).event(eventCallback(messageEvent({ channel: 'C-AFTER-LOSS', text: CLAIM_MESSAGE, ts: nextTs() })));
    await waitFor('the reply after reconnecting', () => postsIn('C-AFTER-LOSS')[0]);
  });
});
