import { adapterContract, type ContractHarness, type SeenReply } from '../../contract/adapter-contract.ts';
import { snowflake } from '../../fakes/discord/payloads.ts';
import { settle, startBot, type BotUnderTest } from './bot-under-test.ts';

const CHANNELS = ['c-claims', 'c-quiet', 'c-bots', 'c-twice', 'c-pings', 'c-cool', 'c-settle'];

/** The shared contract over the fake Discord; channel names map to the fake guild's snowflakes. */
function discordHarness(): ContractHarness {
  let bot: BotUnderTest | undefined;
  const running = () => {
    if (bot === undefined) throw new Error('the harness was not started');
    return bot;
  };
  const deliver = (channel: string, text: string, author: 'member' | 'self' | 'other-bot', id?: string) => {
    const { fake } = running();
    const who = author === 'self' ? fake.bot : author === 'other-bot' ? fake.otherBot : fake.member;
    return fake.post(channel, text, who, id ?? snowflake());
  };
  return {
    async start() {
      bot = await startBot({ fake: { channels: CHANNELS } });
    },
    async stop() {
      await bot?.stop();
    },
    async post(channelId, text, author = 'member') {
      return deliver(channelId, text, author);
    },
    async redeliver(channelId, messageId, text) {
      deliver(channelId, text, 'member', messageId);
    },
    async settle() {
      await settle(running(), 'c-settle');
    },
    replies(): SeenReply[] {
      const { fake } = running();
      return fake.createdMessages().map(({ channelId, body }) => {
        const reference = body.message_reference as { message_id?: string } | undefined;
        const embeds = (body.embeds ?? []) as { footer?: { text?: string } }[];
        const mentions = body.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | undefined;
        return {
          channelId: fake.channelName(channelId) ?? channelId,
          inReplyTo: reference?.message_id,
          claimId: embeds[0]?.footer?.text?.match(/^Claim (\S+)/)?.[1],
          raw: JSON.stringify(body),
          // Without allowed_mentions Discord parses every mention in content; an empty parse list with no ids pings nobody.
          canPing:
            mentions === undefined ||
            (mentions.parse ?? ['everyone']).length > 0 ||
            (mentions.users ?? []).length > 0 ||
            (mentions.roles ?? []).length > 0 ||
            mentions.replied_user === true,
        };
      });
    },
  };
}

adapterContract('discord', discordHarness);
