import { z } from 'zod';
import { DEFAULT_POLICY, type ReplyPolicyConfig } from './core/policy.ts';
import { DEFAULT_GUARD } from './core/reply-guard.ts';
import { DEFAULT_SENTENCE_DEADLINE_MS } from './core/matching/sentence-vectors.ts';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));
const idList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\s,]+/).filter(Boolean));
const number = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });
const databaseUrl = optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), {
  message: 'must be a postgres:// URL such as postgres://factcheck:secret@db:5432/factcheck; leave it unset to keep SQLite in DATA_DIR',
});
const shardCount = optionalText.refine((v) => v === undefined || v === 'auto' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100_000), {
  message: 'must be a whole number of shards (1 or more) or auto (as many as Discord recommends)',
});
const shardIds = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const ids = (v ?? '').split(/[\s,]+/).filter(Boolean);
    if (ids.some((id) => !/^\d+$/.test(id))) {
      ctx.addIssue({ code: 'custom', message: `must be shard numbers separated by commas, such as 0,1 (got "${v}")` });
      return z.NEVER;
    }
    return ids.length === 0 ? undefined : [...new Set(ids.map(Number))].sort((a, b) => a - b);
  });
const url = optionalText.pipe(z.url({ error: 'must be a full URL such as https://example.com/api' }).optional());

/** Every environment variable the bot reads; `.env.example` documents each. */
const EnvSchema = z.object({
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
  KNOWLEDGE_DIR: optionalText.transform((v) => v ?? 'knowledge'),
  DATA_DIR: optionalText.transform((v) => v ?? 'data'),
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: number(10, 1, 1000),
  PORT: number(3000, 1, 65535),
  SENTENCE_ENCODER: optionalText.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
  SENTENCE_ENCODER_DEADLINE_MS: number(DEFAULT_SENTENCE_DEADLINE_MS, 1, 60_000),
  REPLY_THRESHOLD: number(DEFAULT_POLICY.replyThreshold, 0, 1),
  REPLY_MARGIN: number(DEFAULT_POLICY.minMargin, 0, 1),
  ANSWER_THRESHOLD: number(DEFAULT_POLICY.answerThreshold, 0, 1),
  REPLY_COOLDOWN_SECONDS: number(DEFAULT_GUARD.cooldownMs / 1000, 0, 7 * 24 * 3600),
  CHANNEL_REPLIES_PER_MINUTE: number(DEFAULT_GUARD.channelRepliesPerMinute, 1, 100000),
  GLOBAL_REPLIES_PER_MINUTE: number(DEFAULT_GUARD.globalRepliesPerMinute, 1, 100000),
  REPLY_UPDATE_DAYS: number(30, 0, 365),
  ASKS_PER_USER_PER_MINUTE: number(10, 1, 10000),
  LISTEN_CHANNELS: idList,
  IGNORE_CHANNELS: idList,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: url,
  DISCORD_MODERATOR_ROLE_IDS: idList,
  DISCORD_SHARD_COUNT: shardCount,
  DISCORD_SHARD_IDS: shardIds,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url,
  SLACK_MODERATOR_IDS: idList,
});

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  guildId: string | undefined;
  apiUrl: string | undefined;
  /** Roles whose members are moderators, besides those with Manage Messages in the channel. */
  moderatorRoleIds?: string[];
  /** The gateway shards this process runs; absent: one shard, or Discord's recommendation with `auto`. */
  shards?: DiscordShards;
}

/** DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS: how many shards the bot has, and which of them this process runs. */
export interface DiscordShards {
  count: number | 'auto';
  /** Absent: every shard. */
  ids?: number[];
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  /** Users who are moderators, besides workspace admins and owners. */
  moderatorIds?: string[];
}

export interface Config {
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  knowledgeDir: string;
  /** The matcher's second stage (English sentence vectors), unless SENTENCE_ENCODER=off: how long a message may wait for it. */
  sentenceEncoder: { deadlineMs: number } | undefined;
  dataDir: string;
  /** PostgreSQL shared by every instance (DATABASE_URL); absent: SQLite in dataDir. */
  database: { url: string; poolSize: number } | undefined;
  port: number;
  policy: ReplyPolicyConfig;
  guard: { cooldownMs: number; channelRepliesPerMinute: number; globalRepliesPerMinute: number };
  /** /factcheck requests a user may make per minute. */
  asksPerUserPerMinute: number;
  /** How many days back earlier replies are edited when a claim's note changes. */
  replyUpdateDays: number;
  /** Channel ids the passive listener may answer in; empty = every readable channel. */
  listenChannels: string[];
  /** Channel ids the passive listener never answers in. */
  ignoreChannels: string[];
  discord: DiscordConfig | undefined;
  slack: SlackConfig | undefined;
}

/** A configuration that cannot start the bot: each line names a variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from an environment (process.env after dotenv). */
export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN !== undefined && e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined) {
    problems.push('SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (HTTP mode); copy it from the Slack app\'s Basic Information page');
  }
  if (e.SLACK_BOT_TOKEN !== undefined && !e.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN: must be a bot token starting with xoxb- (OAuth & Permissions page of the Slack app)');
  }
  if (e.SLACK_APP_TOKEN !== undefined && !e.SLACK_APP_TOKEN.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp- with the connections:write scope (Basic Information page)');
  }
  if (e.SLACK_BOT_TOKEN === undefined && (e.SLACK_APP_TOKEN !== undefined || e.SLACK_SIGNING_SECRET !== undefined)) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  }
  if (e.DISCORD_SHARD_IDS !== undefined) {
    const count = e.DISCORD_SHARD_COUNT;
    if (count === undefined || count === 'auto') {
      problems.push('DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT set to a number, so that every process agrees which guilds each shard has');
    } else if (e.DISCORD_SHARD_IDS.some((id) => id >= Number(count))) {
      problems.push(`DISCORD_SHARD_IDS: shard ids go from 0 to ${Number(count) - 1} with DISCORD_SHARD_COUNT=${count} (got ${e.DISCORD_SHARD_IDS.join(',')})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    logLevel: e.LOG_LEVEL,
    knowledgeDir: e.KNOWLEDGE_DIR,
    sentenceEncoder: e.SENTENCE_ENCODER === 'on' ? { deadlineMs: e.SENTENCE_ENCODER_DEADLINE_MS } : undefined,
    dataDir: e.DATA_DIR,
    database: e.DATABASE_URL === undefined ? undefined : { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    port: e.PORT,
    policy: {
      replyThreshold: e.REPLY_THRESHOLD,
      minMargin: e.REPLY_MARGIN,
      answerThreshold: e.ANSWER_THRESHOLD,
      minNameCoverage: DEFAULT_POLICY.minNameCoverage,
    },
    guard: {
      cooldownMs: e.REPLY_COOLDOWN_SECONDS * 1000,
      channelRepliesPerMinute: e.CHANNEL_REPLIES_PER_MINUTE,
      globalRepliesPerMinute: e.GLOBAL_REPLIES_PER_MINUTE,
    },
    replyUpdateDays: e.REPLY_UPDATE_DAYS,
    asksPerUserPerMinute: e.ASKS_PER_USER_PER_MINUTE,
    listenChannels: e.LISTEN_CHANNELS,
    ignoreChannels: e.IGNORE_CHANNELS,
    discord:
      e.DISCORD_TOKEN === undefined
        ? undefined
        : {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            guildId: e.DISCORD_GUILD_ID,
            apiUrl: e.DISCORD_API_URL,
            moderatorRoleIds: e.DISCORD_MODERATOR_ROLE_IDS,
            ...(e.DISCORD_SHARD_COUNT === undefined
              ? {}
              : { shards: { count: e.DISCORD_SHARD_COUNT === 'auto' ? 'auto' : Number(e.DISCORD_SHARD_COUNT), ...(e.DISCORD_SHARD_IDS === undefined ? {} : { ids: e.DISCORD_SHARD_IDS }) } }),
          },
    slack:
      e.SLACK_BOT_TOKEN === undefined
        ? undefined
        : {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
            port: e.PORT,
            moderatorIds: e.SLACK_MODERATOR_IDS,
          },
  };
}

/** DATABASE_URL alone, for commands that open the store without starting the bot (`factcheck claim`). */
export function readDatabaseUrl(env: Record<string, string | undefined>): string | undefined {
  const parsed = databaseUrl.safeParse(env['DATABASE_URL']);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `DATABASE_URL: ${i.message}`));
  return parsed.data;
}
