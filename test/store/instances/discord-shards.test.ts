/**
 * Discord sharding across processes: two real bot processes, one with DISCORD_SHARD_IDS=0 and one
 * with 1 of DISCORD_SHARD_COUNT=2, against the fake gateway, which routes each guild to shard
 * (guild_id >> 22) % 2 as Discord does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { shardOfGuild } from '../../fakes/discord/fake-gateway.ts';
import { describeWithPostgres, freshDatabase } from '../../postgres/database.ts';
import { BotProcess } from './bot-process.ts';

describeWithPostgres('two Discord processes, one shard each', () => {
  const fake = new FakeDiscord({
    channels: ['general'],
    extraGuilds: [
      { name: 'Shard zero', channels: ['zero-chat'], onShard: [0, 2] },
      { name: 'Shard one', channels: ['one-chat'], onShard: [1, 2] },
    ],
  });
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    await fake.start();
    const env = {
      DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARD_COUNT: '2', DATABASE_URL: await freshDatabase(), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'shards-')),
    };
    bots.push(...(await Promise.all([BotProcess.start('shard 0', { ...env, DISCORD_SHARD_IDS: '0' }), BotProcess.start('shard 1', { ...env, DISCORD_SHARD_IDS: '1' })])));
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await fake.stop();
  });

  it('identifies each process as its own shard of two, and each is ready with its own shard only', async () => {
    expect([...fake.gateway.identified].sort()).toEqual([[0, 2], [1, 2]]);
    for (const [shard, bot] of bots.entries()) {
      const ready = (await (await fetch(`${bot.healthUrl}/readyz`)).json()) as Record<string, unknown>;
      expect(ready['status']).toBe('ready');
      expect(bot.logged('shard ready').map((l) => l['shardId'])).toEqual([shard]);
      expect(bot.logged('connected to Discord')[0]).toMatchObject({ shards: [shard], shardCount: 2 });
      expect(await (await fetch(`${bot.healthUrl}/metrics`)).text()).toContain(`factcheck_discord_shard_up{shard="${shard}"} 1`);
    }
  });

  it("answers each guild's message exactly once, from the process that runs the guild's shard", async () => {
    const channels = ['general', 'zero-chat', 'one-chat'];
    const posted = channels.map((channel) => ({ channel, id: fake.post(channel, CLAIM_MESSAGE) }));
    await fake.until('a reply in every guild', () => posted.every((p) => fake.createdMessages().some((m) => m.channelId === fake.channelId(p.channel))), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const { channel, id } of posted) {
      const replies = fake.createdMessages().filter((m) => m.channelId === fake.channelId(channel));
      expect(replies, channel).toHaveLength(1);
      const shard = shardOfGuild(fake.guildOf(channel).id, 2);
      const answering = bots.filter((bot) => bot.logged('replied with a fact check').some((l) => l['messageId'] === id));
      expect(answering.map((bot) => bot.name), channel).toEqual([`shard ${shard}`]);
    }
  });
});
