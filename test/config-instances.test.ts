import { describe, expect, it } from 'vitest';
import { discordClientOptions } from '../src/adapters/discord/discord-adapter.ts';
import { ConfigError, readConfig } from '../src/config.ts';

const discord = { DISCORD_TOKEN: 'token' };

function problems(env: Record<string, string>): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration for several instances', () => {
  it('switches the store to PostgreSQL with DATABASE_URL, and refuses a URL that is not postgres://, naming the variable', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://bot:secret@db:5432/factcheck', DATABASE_POOL_SIZE: '4' }).database).toEqual({ url: 'postgres://bot:secret@db:5432/factcheck', poolSize: 4 });
    expect(readConfig({}).database).toBeUndefined();
    expect(problems({ DATABASE_URL: 'mysql://db/factcheck' })).toEqual([expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/)]);
    expect(problems({ DATABASE_URL: 'data/factcheck.db' })).toEqual([expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/)]);
  });

  it('maps DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS onto discord.js sharding', () => {
    const options = (env: Record<string, string>) => {
      const config = readConfig({ ...discord, ...env }).discord!;
      const { shards, shardCount } = discordClientOptions(config);
      return { shards, shardCount };
    };
    expect(options({})).toEqual({ shards: undefined, shardCount: undefined });
    expect(options({ DISCORD_SHARD_COUNT: 'auto' })).toEqual({ shards: 'auto', shardCount: undefined });
    expect(options({ DISCORD_SHARD_COUNT: '3' })).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(options({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '3, 1' })).toEqual({ shards: [1, 3], shardCount: 4 });
  });

  it('refuses shard ids without a count, ids past the count, and counts that are not numbers', () => {
    expect(problems({ ...discord, DISCORD_SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT set to a number/)]);
    expect(problems({ ...discord, DISCORD_SHARD_COUNT: 'auto', DISCORD_SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT/)]);
    expect(problems({ ...discord, DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1,2' })).toEqual([expect.stringMatching(/shard ids go from 0 to 1 with DISCORD_SHARD_COUNT=2/)]);
    expect(problems({ ...discord, DISCORD_SHARD_COUNT: 'two' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_COUNT: must be a whole number of shards/)]);
    expect(problems({ ...discord, DISCORD_SHARD_IDS: 'zero' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_IDS: must be shard numbers/)]);
  });
});
