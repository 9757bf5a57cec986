import { afterAll, beforeAll, expect, it } from 'vitest';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { readableText } from '../../fakes/slack/mentions.ts';
import { eventCallback, messageButtonClick, messageEvent, MODERATOR } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { describeWithPostgres, freshDatabase } from '../../postgres/database.ts';
import { BotUnderTest } from './bot-under-test.ts';
import { UNSURE } from '../../fixtures/review-messages.ts';

const REVIEWS = 'C0REVIEWS';
const OTHER_MODERATOR = 'U0MODERATOR2';

describeWithPostgres('Slack review cards with two instances on one PostgreSQL', () => {
  const fake = new FakeSlack();
  const cores: FactCheckCore[] = [];
  const bots: BotUnderTest[] = [];
  beforeAll(async () => {
    await fake.start();
    const url = await freshDatabase();
    for (let i = 0; i < 2; i++) {
      const core = await openFactCheckCore({ knowledge: ['knowledge'], dataDir: null, database: { url, poolSize: 2 }, review: { reviewThreshold: 0.2 } });
      cores.push(core);
      bots.push(await new BotUnderTest(fake, { mode: 'http', core, moderatorIds: [MODERATOR, OTHER_MODERATOR], reviewChannelId: REVIEWS }).start());
    }
  });
  afterAll(async () => {
    for (const bot of bots) await bot.adapter.stop();
    for (const core of cores) await core.close();
    await fake.stop();
  });

  it('decides a card once whichever instance gets the click, and updates it once', async () => {
    const [first, second] = bots as [BotUnderTest, BotUnderTest];
    const event = messageEvent({ channel: 'C0GENERAL', text: UNSURE, user: 'U0AUTHOR' });
    await first.slack.event(eventCallback(event));
    await first.handled('C0GENERAL', String(event['ts']));
    const card = await waitFor('the review card', () => fake.callsTo('chat.postMessage').find((c) => c.args['channel'] === REVIEWS));
    const cardTs = String(card.response?.['ts']);
    const buttons = ((card.args['blocks'] as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions')?.elements ?? []);
    const [accept, , reject] = buttons;

    // Behind a load balancer the click reaches the other instance; a second moderator's click on the stale card reaches the first.
    const clicks = [
      { bot: second, button: accept!, user: MODERATOR, url: fake.responseUrl() },
      { bot: first, button: reject!, user: OTHER_MODERATOR, url: fake.responseUrl() },
    ];
    for (const click of clicks) {
      await click.bot.slack.interaction(messageButtonClick({ actionId: click.button.action_id, value: click.button.value, channel: REVIEWS, messageTs: cardTs, responseUrl: click.url, user: click.user }));
      await waitFor('the private answer', () => fake.responsesTo(click.url)[0]);
    }
    expect(String(fake.responsesTo(clicks[0]!.url)[0]!.body['text'])).toMatch(/^Accepted: the message is a phrasing of us-conspiracy-khan-ouster/);
    expect(String(fake.responsesTo(clicks[1]!.url)[0]!.body['text'])).toMatch(/^Nothing was changed. suggestion [0-9a-f]{12} was already accepted by mona \(slack, /);

    const updates = () => fake.callsTo('chat.update').filter((c) => c.args['ts'] === cardTs);
    await waitFor('the card to show the decision', () => updates()[0]);
    // Both instances follow the queue every 2 s; the change is shown by one of them only.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(updates()).toHaveLength(1);
    expect(readableText(updates()[0]!.args)).toMatch(/Accepted by mona \(slack, .*\): it is us-conspiracy-khan-ouster/);
  });
});
