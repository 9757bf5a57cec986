import { adapterContract, type ContractHarness, type SeenReply } from '../../contract/adapter-contract.ts';
import { FakeSlack, FAKE_IDENTITY } from '../../fakes/slack/fake-slack.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';
import { eventCallback, messageEvent, OTHER_BOT, type MessageFields } from '../../fakes/slack/payloads.ts';
import { waitFor } from '../../fakes/slack/wait.ts';
import { BotUnderTest } from './bot-under-test.ts';

/** The shared adapter contract, driven over HTTP: signed Events API requests in, Web API calls recorded by the fake. */
function slackHarness(): ContractHarness {
  const fake = new FakeSlack();
  let bot: BotUnderTest | undefined;
  const envelopes = new Map<string, Record<string, unknown>>();
  let deliveries = 0;
  const running = (): BotUnderTest => {
    if (bot === undefined) throw new Error('the harness is not started');
    return bot;
  };

  const deliver = async (envelope: Record<string, unknown>, retryNum?: number) => {
    deliveries += 1;
    const sent = await running().slack.event(envelope, retryNum === undefined ? {} : { retryNum });
    if (sent.status !== 200) throw new Error(`the bot answered ${sent.status} to a signed event`);
  };

  return {
    async start() {
      await fake.start();
      bot = await new BotUnderTest(fake, { mode: 'http', cooldownMs: 10 * 60_000 }).start();
    },
    async stop() {
      await bot?.adapter.stop();
      await fake.stop();
    },
    async post(channelId, text, author = 'member') {
      const fields: MessageFields = { channel: channelId, text };
      if (author === 'self') Object.assign(fields, { user: FAKE_IDENTITY.botUserId, botId: FAKE_IDENTITY.botId });
      if (author === 'other-bot') Object.assign(fields, { user: OTHER_BOT.userId, botId: OTHER_BOT.botId });
      const event = messageEvent(fields);
      const envelope = eventCallback(event);
      const ts = String(event['ts']);
      envelopes.set(`${channelId}/${ts}`, envelope);
      await deliver(envelope);
      return ts;
    },
    async redeliver(channelId, messageId, text) {
      // Slack's redelivery is a retry of the same event (same event_id) with X-Slack-Retry-Num.
      const envelope = envelopes.get(`${channelId}/${messageId}`) ?? eventCallback(messageEvent({ channel: channelId, text, ts: messageId }));
      await deliver(envelope, 1);
    },
    async settle() {
      await waitFor(`the bot to handle ${deliveries} deliveries`, () => running().heard.length >= deliveries);
    },
    replies(): SeenReply[] {
      return fake.callsTo('chat.postMessage').map(({ args }) => ({
        channelId: String(args['channel']),
        inReplyTo: typeof args['thread_ts'] === 'string' ? args['thread_ts'] : undefined,
        claimId: /Claim `([a-z0-9-]+)`/.exec(readableText(args))?.[1],
        raw: JSON.stringify(args),
        canPing: pingingMarkup(args).length > 0,
      }));
    },
  };
}

adapterContract('slack', slackHarness);
