/**
 * Two real bot processes on Slack Socket Mode, one PostgreSQL, the local fake Slack. The fake
 * plays Slack's part: it spreads envelopes over the open connections and delivers an
 * unacknowledged event again, to another connection, up to 3 times.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { describeWithPostgres, freshDatabase } from '../../postgres/database.ts';
import { BotProcess } from './bot-process.ts';
import { burst, repliesPerMessage, tally, type BurstMessage } from './burst.ts';

// Slack waits about 3 s for an ack; shorter here so a redelivery comes within the test.
const REDELIVER_AFTER_MS = 1_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const running: { bots: BotProcess[]; fake?: FakeSlack } = { bots: [] };
afterEach(async () => {
  for (const bot of running.bots.splice(0)) await bot.stop();
  await running.fake?.stop();
});

interface Instance {
  bot: BotProcess;
  /** Its Socket Mode connection at the fake. */
  connection: number;
}

// A burst repeats two claims in one channel: no cooldown or caps, so that every claim message must be answered.
const BURST_LIMITS = { REPLY_COOLDOWN_SECONDS: '0', CHANNEL_REPLIES_PER_MINUTE: '100000', GLOBAL_REPLIES_PER_MINUTE: '100000' };

/** Starts A, then B (so the fake numbers their connections 1 and 2), on one fresh database. */
async function twoInstances(limits: Record<string, string> = BURST_LIMITS): Promise<{ fake: FakeSlack; a: Instance; b: Instance }> {
  const fake = new FakeSlack({ redeliverAfterMs: REDELIVER_AFTER_MS });
  running.fake = fake;
  await fake.start();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-socket-instances', SLACK_APP_TOKEN: 'xapp-socket-instances', SLACK_API_URL: fake.apiUrl, DATABASE_URL: await freshDatabase(),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'socket-instances-')), ...limits,
  };
  const started: Instance[] = [];
  for (const name of ['A', 'B']) {
    const bot = await BotProcess.start(name, env);
    running.bots.push(bot);
    started.push({ bot, connection: await waitFor(`${name}'s Socket Mode connection`, () => fake.openConnections.at(-1)) });
  }
  const [a, b] = started as [Instance, Instance];
  expect(fake.openConnections).toEqual([a.connection, b.connection]);
  return { fake, a, b };
}

/** Delivers the burst as Slack would, one envelope every few milliseconds; `during(i)` runs before the i-th. Returns the envelope ids. */
async function deliver(fake: FakeSlack, messages: BurstMessage[], during: (i: number) => Promise<void> = async () => undefined): Promise<string[]> {
  const envelopeIds: string[] = [];
  for (const [i, message] of messages.entries()) {
    await during(i);
    envelopeIds.push(fake.deliver('events_api', message.envelope));
    await pause(15);
  }
  return envelopeIds;
}

/** Waits until every claim message has its reply and every envelope was acknowledged by someone, then a moment for doubles. */
async function settled(fake: FakeSlack, messages: BurstMessage[], envelopeIds: string[]): Promise<void> {
  await waitFor('a reply to every claim message', () => messages.every((m) => !m.claim || repliesPerMessage(fake).has(m.ts)), 15_000).catch(() => undefined);
  await waitFor('every envelope to be acknowledged', () => envelopeIds.every((id) => fake.acknowledged(id)), 15_000).catch(() => undefined);
  await pause(REDELIVER_AFTER_MS + 500);
}

const repliesTo = (fake: FakeSlack, channel: string, ts: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel && c.args['thread_ts'] === ts);

describeWithPostgres('two Slack Socket Mode instances on one PostgreSQL', () => {
  it('answers each claim message of a burst spread over both connections exactly once, losing none', async () => {
    const { fake, a, b } = await twoInstances();
    const messages = burst(80);
    const envelopeIds = await deliver(fake, messages);
    await settled(fake, messages, envelopeIds);

    expect(tally(fake, messages)).toEqual({ lost: 0, doubled: 0, unexpected: 0 });
    expect(envelopeIds.filter((id) => !fake.acknowledged(id))).toEqual([]);
    expect(fake.undelivered).toEqual([]);
    // Both took their share.
    for (const { bot, connection } of [a, b]) {
      expect(fake.deliveries.some((d) => d.connection === connection)).toBe(true);
      expect(bot.logged('replied to a claim').length).toBeGreaterThan(0);
    }
  }, 90_000);

  it('SIGKILL in the middle of a reply: Slack delivers the event to the other instance, which answers it once', async () => {
    // The default cooldown: the slot the killed instance took for this reply must not silence it.
    const { fake, a, b } = await twoInstances({});
    // A's reply never reaches Slack: the call hangs until A is killed.
    fake.faults.add('chat.postMessage C-KILL', { kind: 'hang' });
    const ts = nextTs();
    const envelopeId = fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-KILL', text: CLAIM_MESSAGE, ts })), { connection: a.connection });
    await waitFor('A to be writing its reply', () => fake.attempts.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C-KILL'));
    expect(fake.acknowledged(envelopeId)).toBe(false);
    await a.bot.kill('SIGKILL');

    await waitFor('the reply', () => repliesTo(fake, 'C-KILL', ts)[0], 10_000);
    await pause(REDELIVER_AFTER_MS + 500);
    expect(repliesTo(fake, 'C-KILL', ts)).toHaveLength(1);
    expect(fake.deliveries.filter((d) => d.firstEnvelopeId === envelopeId).map((d) => d.connection)).toEqual([a.connection, b.connection]);
    expect(b.bot.logged('replied to a claim').map((l) => l['channel'])).toContain('C-KILL');
  }, 90_000);

  it('SIGKILL after the reply reached Slack: the other instance sees it in the thread and does not answer again', async () => {
    const { fake, a, b } = await twoInstances({});
    const held = fake.hold('chat.postMessage');
    const ts = nextTs();
    const envelopeId = fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-KILL-LATE', text: CLAIM_MESSAGE, ts })), { connection: a.connection });
    await waitFor('A to be writing its reply', () => held.waiting() === 1);
    await a.bot.kill('SIGKILL');
    // Slack had the whole request: it posts the reply, though A never hears back.
    held.release();

    await waitFor('the event to reach B', () => fake.deliveries.some((d) => d.firstEnvelopeId === envelopeId && d.connection === b.connection), 5_000);
    await waitFor('B to acknowledge it', () => fake.acknowledged(envelopeId), 5_000);
    await pause(REDELIVER_AFTER_MS + 500);
    expect(repliesTo(fake, 'C-KILL-LATE', ts)).toHaveLength(1);
    expect(b.bot.logged('an instance that stopped had answered this message already; not answering twice')).toHaveLength(1);
  }, 90_000);

  it('SIGTERM drains one instance: it finishes the reply it is writing, acknowledges nothing new, and the other answers the rest', async () => {
    const { fake, a, b } = await twoInstances();
    // A's reply in C-DRAIN is posted at once and answered 2 s later: A is still writing it when SIGTERM comes.
    fake.faults.add('chat.postMessage C-DRAIN', { kind: 'late', delayMs: 2_000 });
    const messages = burst(60);
    const inFlight = { ts: nextTs(), envelopeId: '' };
    let drained: Promise<number | null> | undefined;
    let deliveriesBeforeStop = 0;
    const envelopeIds = await deliver(fake, messages, async (i) => {
      if (i !== 20) return;
      inFlight.envelopeId = fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-DRAIN', text: CLAIM_MESSAGE, ts: inFlight.ts })), { connection: a.connection });
      await waitFor('A to be writing its reply', () => fake.calls.some((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'C-DRAIN'));
      deliveriesBeforeStop = fake.deliveries.length;
      drained = a.bot.kill('SIGTERM');
      await waitFor('A to start draining', () => a.bot.logged('shutting down')[0]);
    });
    expect(await drained).toBe(0);
    await settled(fake, messages, envelopeIds);

    // What users see: the reply in flight finished, once; every claim answered once; no chat answered.
    expect(repliesTo(fake, 'C-DRAIN', inFlight.ts)).toHaveLength(1);
    expect(tally(fake, messages)).toEqual({ lost: 0, doubled: 0, unexpected: 0 });
    expect(fake.undelivered).toEqual([]);
    // A acknowledged the event it was handling, and none of those that reached it after SIGTERM.
    expect(fake.acks.some((ack) => ack.envelope_id === inFlight.envelopeId && ack.connection === a.connection)).toBe(true);
    const reachedADraining = fake.deliveries.slice(deliveriesBeforeStop).filter((d) => d.connection === a.connection).map((d) => d.envelopeId);
    expect(reachedADraining.length).toBeGreaterThan(0);
    expect(fake.acks.filter((ack) => reachedADraining.includes(ack.envelope_id))).toEqual([]);
    expect(a.bot.logged('Slack event arrived while stopping; not acknowledged, so Slack delivers it again').length).toBeGreaterThan(0);

    // B keeps answering once A is gone.
    const after = nextTs();
    fake.deliver('events_api', eventCallback(messageEvent({ channel: 'C-AFTER', text: CLAIM_MESSAGE, ts: after })));
    await waitFor('B to answer after A stopped', () => repliesTo(fake, 'C-AFTER', after)[0]);
    expect(b.bot.running).toBe(true);
  }, 90_000);
});
