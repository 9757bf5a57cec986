import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { buttonClick, slashCommand } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

const MODERATOR = 'U0MODERATOR';
const fake = new FakeSlack();
const cores: FactCheckCore[] = [];
const bots: BotUnderTest[] = [];
const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

// Two instances of the bot on one store, as behind a load balancer: a replay may reach either.
beforeAll(async () => {
  await fake.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'slack-replays-'));
  for (let i = 0; i < 2; i++) {
    const core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir });
    cores.push(core);
    bots.push(await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR] }).start());
  }
});

afterAll(async () => {
  for (const bot of bots) await bot.adapter.stop();
  for (const core of cores) await core.close();
  await fake.stop();
});

describe('Slack commands and interactions sent again (a replay within the signature window)', () => {
  it('answers a /factcheck once, whichever instance gets the second copy', async () => {
    const responseUrl = fake.responseUrl();
    const command = slashCommand({ text: CLAIM_MESSAGE, channel: 'C-ASK-TWICE', responseUrl });
    expect((await bots[0]!.slack.command(command)).status).toBe(200);
    expect((await bots[1]!.slack.command(command)).status).toBe(200);
    await waitFor('the answer', () => fake.responsesTo(responseUrl)[0]);
    await settle();
    expect(fake.responsesTo(responseUrl)).toHaveLength(1);
  });

  it('posts a "Share in channel" once when the signed click is sent twice', async () => {
    const click = buttonClick({ actionId: 'factcheck_share', value: JSON.stringify({ claimId: CLAIM_ID, score: 0.9 }), channel: 'C-SHARE-TWICE', responseUrl: fake.responseUrl() });
    await bots[0]!.slack.interaction(click);
    await bots[1]!.slack.interaction(click);
    await waitFor('the shared post', () => postsIn('C-SHARE-TWICE')[0]);
    await settle();
    expect(postsIn('C-SHARE-TWICE')).toHaveLength(1);
  });

  it('announces with /claim push once when the command is sent twice', async () => {
    const command = slashCommand({ text: `push ${CLAIM_ID} <#C0PUSHTWICE|general>`, channel: 'C0PUSHTWICE', command: '/claim', user: MODERATOR, responseUrl: fake.responseUrl() });
    await bots[1]!.slack.command(command);
    await bots[0]!.slack.command(command);
    await waitFor('the announcement', () => postsIn('C0PUSHTWICE')[0]);
    await settle();
    expect(postsIn('C0PUSHTWICE')).toHaveLength(1);
  });

  it('still answers two different /factcheck commands with the same words', async () => {
    const first = fake.responseUrl();
    const second = fake.responseUrl();
    await bots[0]!.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-ASK-AGAIN', responseUrl: first }));
    await bots[1]!.slack.command(slashCommand({ text: CLAIM_MESSAGE, channel: 'C-ASK-AGAIN', responseUrl: second }));
    await waitFor('both answers', () => fake.responsesTo(first)[0] && fake.responsesTo(second)[0]);
  });
});
