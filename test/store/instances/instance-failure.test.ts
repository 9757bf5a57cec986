/**
 * One instance dies or drains in the middle of a burst; the other keeps answering. The test plays
 * Slack's part: an event that got no acknowledgement is sent again, to the instance still up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../../fakes/slack/payloads.ts';
import { SlackSender } from '../../fakes/slack/signed-requests.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { describeWithPostgres, freshDatabase } from '../../postgres/database.ts';
import { BotProcess } from './bot-process.ts';
import { burst, repliesPerMessage, tally } from './burst.ts';

const SECRET = 'failure-test-secret';

const running: { bots: BotProcess[]; fake?: FakeSlack } = { bots: [] };
afterEach(async () => {
  for (const bot of running.bots.splice(0)) await bot.stop();
  await running.fake?.stop();
});

async function twoInstances(): Promise<{ fake: FakeSlack; a: BotProcess; b: BotProcess }> {
  const fake = new FakeSlack();
  running.fake = fake;
  await fake.start();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-failure-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, DATABASE_URL: await freshDatabase(),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'failure-')), REPLY_COOLDOWN_SECONDS: '0', CHANNEL_REPLIES_PER_MINUTE: '100000', GLOBAL_REPLIES_PER_MINUTE: '100000',
  };
  const [a, b] = await Promise.all([BotProcess.start('A', env), BotProcess.start('B', env)]);
  running.bots.push(a, b);
  return { fake, a, b };
}

/**
 * Sends each event to one instance (alternating) with a few in flight; `during(i)` runs before
 * the i-th. An event not acknowledged with 200 goes again, a moment later, to the instance up.
 */
async function deliver(events: ReturnType<typeof burst>, bots: BotProcess[], during: (i: number) => void, outOfRotation = new Set<BotProcess>()): Promise<number> {
  let resent = 0;
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const i = next++;
      during(i);
      const event = events[i]!;
      const first = outOfRotation.has(bots[i % 2]!) ? bots[(i + 1) % 2]! : bots[i % 2]!;
      const sent = first.running ? await new SlackSender(`${first.url}/slack/events`, SECRET).event(event.envelope).catch(() => undefined) : undefined;
      for (let retry = 1; sent?.status !== 200 && retry <= 3; retry++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const up = bots.find((bot) => bot.running)!;
        const again = await new SlackSender(`${up.url}/slack/events`, SECRET).event(event.envelope, { retryNum: retry }).catch(() => undefined);
        resent++;
        if (again?.status === 200) break;
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return resent;
}

describeWithPostgres('an instance lost in the middle of a burst', () => {
  it('SIGKILL: the other instance keeps answering, nothing acknowledged is lost and nothing is doubled', async () => {
    const { fake, a, b } = await twoInstances();
    const events = burst(150);
    let killed: Promise<unknown> | undefined;
    const resent = await deliver(events, [a, b], (i) => {
      if (i === 75) killed = a.kill('SIGKILL');
    });
    await killed;
    const expected = events.filter((e) => e.claim);
    await waitFor('a reply to every claim message', () => expected.every((e) => repliesPerMessage(fake).has(e.ts)), 10_000).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(tally(fake, events)).toEqual({ lost: 0, doubled: 0, unexpected: 0 });
    expect(resent).toBeGreaterThan(0);
    expect(b.running).toBe(true);
  }, 90_000);

  it('SIGTERM drains one instance while the other keeps answering', async () => {
    const { fake, a, b } = await twoInstances();
    const events = burst(60);
    let drained: Promise<number | null> | undefined;
    // As behind a load balancer: a draining instance gets no new events, and finishes those it has.
    const draining = new Set<BotProcess>();
    await deliver(events, [a, b], (i) => {
      if (i !== 30) return;
      draining.add(a);
      drained = a.kill('SIGTERM');
    }, draining);
    expect(await drained).toBe(0);
    expect(a.logs).toContain('"msg":"stopped"');
    const expected = events.filter((e) => e.claim);
    await waitFor('a reply to every claim message', () => expected.every((e) => repliesPerMessage(fake).has(e.ts)), 10_000);
    expect([...repliesPerMessage(fake).values()].every((n) => n === 1)).toBe(true);
    const after = eventCallback(messageEvent({ channel: 'C-AFTER', text: CLAIM_MESSAGE, ts: nextTs() }));
    expect((await new SlackSender(`${b.url}/slack/events`, SECRET).event(after)).status).toBe(200);
    await waitFor('B to answer after A stopped', () => fake.callsTo('chat.postMessage').some((c) => c.args['channel'] === 'C-AFTER'));
  }, 90_000);
});
