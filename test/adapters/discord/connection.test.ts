import { describe, expect, it } from 'vitest';
import { DiscordConnectionError } from '../../../src/adapters/discord/index.ts';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { handled, startBot, type LogLine } from './bot-under-test.ts';

const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const MESSAGE_CONTENT = 1 << 15;
const DIRECT_MESSAGES = 1 << 12;

/** Starts a bot that is expected to fail; returns the error and what was logged. */
async function failedStart(options: Parameters<typeof startBot>[0]): Promise<{ error: Error; logs: LogLine[] }> {
  try {
    const bot = await startBot(options);
    await bot.stop();
  } catch (error) {
    return { error: error as Error, logs: (error as { logs: LogLine[] }).logs };
  }
  throw new Error('the bot started although it should not have');
}

describe('Discord connection', () => {
  it('identifies with Guilds, GuildMessages, MessageContent and DirectMessages over uncompressed JSON, and answers heartbeats', async () => {
    const bot = await startBot({ fake: { heartbeatIntervalMs: 100 } });
    try {
      const identify = bot.fake.gateway.received.find((f) => f.op === 2)?.d as { intents: number; compress?: boolean };
      expect(identify.intents).toBe(GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT | DIRECT_MESSAGES);
      expect(identify.compress ?? false).toBe(false);
      expect(bot.fake.gateway.connectUrls[0]).toBe('/?v=10&encoding=json');
      await bot.fake.until('a heartbeat', () => bot.fake.gateway.received.some((f) => f.op === 1));
      expect(bot.adapter.isConnected()).toBe(true);
    } finally {
      await bot.stop();
    }
  });

  it('explains in words, without a stack trace, that the Message Content intent is off (close 4014)', async () => {
    const { error, logs } = await failedStart({ beforeConnect: (fake) => void (fake.gateway.messageContentEnabled = false) });
    expect(error).toBeInstanceOf(DiscordConnectionError);
    expect(error).toMatchObject({ retry: false });
    expect(error.message).toMatch(/Message Content intent .*4014.*turn on "MESSAGE CONTENT INTENT"/s);
    // The one line that says so is the caller's (npm start logs it); the adapter adds no other error.
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(JSON.stringify(logs)).not.toMatch(/\n\s+at /);
  });

  it('explains a token the gateway refuses (close 4004)', async () => {
    const { error } = await failedStart({ beforeConnect: (fake) => void (fake.gateway.refuseIdentifyWith = 4004) });
    expect(error).toMatchObject({ retry: false });
    expect(error.message).toMatch(/^Discord refused DISCORD_TOKEN \(gateway close 4004 "Authentication failed"\)\. .*Reset Token/);
  });

  it('explains a token the REST API refuses (401)', async () => {
    const { error } = await failedStart({ token: 'not.a.valid-token' });
    expect(error).toMatchObject({ retry: false });
    expect(error.message).toMatch(/^Discord refused DISCORD_TOKEN \(401 Unauthorized\)/);
  });

  it('survives a gateway disconnect: resumes, gets what it missed, and keeps replying', async () => {
    const bot = await startBot({ fake: { channels: ['general', 'later'] } });
    try {
      bot.fake.gateway.disconnect(4000);
      const missed = bot.fake.post('general', CLAIM_MESSAGE);
      expect((await handled(bot, missed)).outcome).toBe('replied');
      expect(bot.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['gateway connection lost; reconnecting', 'gateway session resumed']));
      expect(bot.fake.gateway.received.filter((f) => f.op === 2)).toHaveLength(1);
      expect(bot.fake.gateway.received.some((f) => f.op === 6)).toBe(true);
      const later = bot.fake.post('later', CLAIM_MESSAGE);
      expect((await handled(bot, later)).outcome).toBe('replied');
      expect(bot.adapter.isConnected()).toBe(true);
    } finally {
      await bot.stop();
    }
  });

  it('stop() lets a reply in flight finish, then disconnects', async () => {
    const bot = await startBot({ fake: { channels: ['general'] } });
    const path = `/channels/${bot.fake.channelId('general')}/messages`;
    bot.fake.rest.refuseNext('POST', new RegExp(`^${path}$`), 429, 0.3);
    const id = bot.fake.post('general', CLAIM_MESSAGE);
    await bot.fake.until('the first, rate-limited attempt', () => bot.fake.requests.some((r) => r.path === path));
    await bot.adapter.stop();
    expect(bot.logs.find((l) => l.messageId === id && l.outcome !== undefined)?.outcome).toBe('replied');
    expect(bot.adapter.isConnected()).toBe(false);
    await bot.fake.until('the gateway connection to close', () => bot.fake.gateway.connections === 0);
    await bot.fake.stop();
  });

  it('answers a message that arrives while it stops (Discord never sends it again), then disconnects', async () => {
    const bot = await startBot({ fake: { channels: ['general', 'late'] } });
    const path = `/channels/${bot.fake.channelId('general')}/messages`;
    bot.fake.rest.refuseNext('POST', new RegExp(`^${path}$`), 429, 0.5);
    bot.fake.post('general', CLAIM_MESSAGE);
    await bot.fake.until('the first, rate-limited attempt', () => bot.fake.requests.some((r) => r.path === path));
    const stopping = bot.adapter.stop();
    const late = bot.fake.post('late', CLAIM_MESSAGE);
    await stopping;
    expect(bot.logs.find((l) => l.messageId === late && l.outcome !== undefined)?.outcome).toBe('replied');
    expect(bot.fake.createdMessages().filter((m) => m.channelId === bot.fake.channelId('late'))).toHaveLength(1);
    await bot.fake.stop();
  });
});
