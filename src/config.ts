import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_POLICY, type ReplyPolicyConfig } from './core/policy.ts';
import { DEFAULT_GUARD } from './core/reply-guard.ts';
import { DEFAULT_REVIEW } from './core/review/review-policy.ts';
import { DEFAULT_REVIEW_DAYS } from './core/review/review-queue.ts';
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
const discordChannel = optionalText.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
  message: 'must be a Discord channel id (17-20 digits: right-click the channel > Copy Channel ID, with Developer Mode on)',
});
const slackChannel = optionalText.refine((v) => v === undefined || /^[CG][A-Z0-9]{6,}$/.test(v), {
  message: 'must be a Slack channel id such as C0123ABCD (channel details > About, at the bottom); invite the bot there',
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
  METRICS_PORT: number(3001, 1, 65535),
  METRICS_HOST: optionalText.transform((v) => v ?? '127.0.0.1'),
  SENTENCE_ENCODER: optionalText.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
  SENTENCE_ENCODER_DEADLINE_MS: number(DEFAULT_SENTENCE_DEADLINE_MS, 1, 60_000),
  REPLY_THRESHOLD: number(DEFAULT_POLICY.replyThreshold, 0, 1),
  REPLY_MARGIN: number(DEFAULT_POLICY.minMargin, 0, 1),
  ANSWER_THRESHOLD: number(DEFAULT_POLICY.answerThreshold, 0, 1),
  REPLY_COOLDOWN_SECONDS: number(DEFAULT_GUARD.cooldownMs / 1000, 0, 7 * 24 * 3600),
  CHANNEL_REPLIES_PER_MINUTE: number(DEFAULT_GUARD.channelRepliesPerMinute, 1, 100000),
  GLOBAL_REPLIES_PER_MINUTE: number(DEFAULT_GUARD.globalRepliesPerMinute, 1, 100000),
  REPLY_UPDATE_DAYS: number(30, 0, 365),
  REVIEW_THRESHOLD: number(DEFAULT_REVIEW.reviewThreshold, 0, 1),
  REVIEW_DAYS: number(DEFAULT_REVIEW_DAYS, 1, 365),
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
  DISCORD_REVIEW_CHANNEL_ID: discordChannel,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: url,
  SLACK_MODERATOR_IDS: idList,
  SLACK_REVIEW_CHANNEL_ID: slackChannel,
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
  /** Where review cards go (DISCORD_REVIEW_CHANNEL_ID); absent: no review queue on Discord. */
  reviewChannelId?: string;
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
  /** Where review cards go (SLACK_REVIEW_CHANNEL_ID); absent: no review queue on Slack. */
  reviewChannelId?: string;
}

export interface Config {
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Absolute: KNOWLEDGE_DIR resolved against the project folder. */
  knowledgeDir: string;
  /** The matcher's second stage (English sentence vectors), unless SENTENCE_ENCODER=off: how long a message may wait for it. */
  sentenceEncoder: { deadlineMs: number } | undefined;
  /** Absolute: DATA_DIR resolved against the project folder. */
  dataDir: string;
  /** PostgreSQL shared by every instance (DATABASE_URL); absent: SQLite in dataDir. */
  database: { url: string; poolSize: number } | undefined;
  port: number;
  /** Where /healthz, /readyz and /metrics are served: their own port, on loopback unless told otherwise. */
  metrics: { port: number; host: string };
  policy: ReplyPolicyConfig;
  guard: { cooldownMs: number; channelRepliesPerMinute: number; globalRepliesPerMinute: number };
  /** /factcheck requests a user may make per minute. */
  asksPerUserPerMinute: number;
  /** How many days back earlier replies are edited when a claim's note changes. */
  replyUpdateDays: number;
  /** The review queue: from which score a silent message is suggested, and for how many days. */
  review: { threshold: number; days: number };
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
    super(
      `Configuration problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
        `Fix ${problems.length === 1 ? 'it' : 'them'} in the environment or in ${path.join(PROJECT_DIR, '.env')} (see .env.example).`,
    );
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

/** The nearest folder at or above `dir` holding a package.json: the project, from src/ and from dist/ alike. */
function projectFolderOf(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return dir;
  }
}

/**
 * The project folder (the one with package.json): where `.env` is read from, and what relative
 * KNOWLEDGE_DIR and DATA_DIR are taken from, whichever folder a command runs in.
 */
export const PROJECT_DIR = projectFolderOf(import.meta.dirname);

/** The variables of a `.env` file, or none when there is no such file. */
export function readEnvFile(file: string): Environment {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError([`${file}: cannot be read (${(error as Error).message})`]);
  }
  return parseDotenv(text);
}

/**
 * The one configuration of the bot, the `factcheck` commands and the terminal chat: the
 * environment first, then `.env` in the project folder for what the environment leaves unset.
 */
export function loadConfig(env: Environment = process.env, projectDir = PROJECT_DIR): Config {
  return readConfig({ ...readEnvFile(path.join(projectDir, '.env')), ...env }, projectDir);
}

/** Validates a configuration from variables alone; relative paths are taken from `projectDir`. */
export function readConfig(env: Environment, projectDir = PROJECT_DIR): Config {
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
  if (e.SLACK_BOT_TOKEN !== undefined && e.SLACK_APP_TOKEN === undefined && e.METRICS_PORT === e.PORT) {
    problems.push(`METRICS_PORT: must differ from PORT (${e.PORT}), where Slack's HTTP requests arrive`);
  }
  if (e.DISCORD_SHARD_IDS !== undefined) {
    const count = e.DISCORD_SHARD_COUNT;
    if (count === undefined || count === 'auto') {
      problems.push('DISCORD_SHARD_IDS: needs DISCORD_SHARD_COUNT set to a number, so that every process agrees which guilds each shard has');
    } else if (e.DISCORD_SHARD_IDS.some((id) => id >= Number(count))) {
      problems.push(`DISCORD_SHARD_IDS: shard ids go from 0 to ${Number(count) - 1} with DISCORD_SHARD_COUNT=${count} (got ${e.DISCORD_SHARD_IDS.join(',')})`);
    }
  }
  if (e.REVIEW_THRESHOLD > e.REPLY_THRESHOLD) {
    problems.push(`REVIEW_THRESHOLD: must be at most REPLY_THRESHOLD (${e.REPLY_THRESHOLD}): messages scoring from REVIEW_THRESHOLD up to REPLY_THRESHOLD are suggested to moderators (got ${e.REVIEW_THRESHOLD})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    logLevel: e.LOG_LEVEL,
    knowledgeDir: path.resolve(projectDir, e.KNOWLEDGE_DIR),
    sentenceEncoder: e.SENTENCE_ENCODER === 'on' ? { deadlineMs: e.SENTENCE_ENCODER_DEADLINE_MS } : undefined,
    dataDir: path.resolve(projectDir, e.DATA_DIR),
    database: e.DATABASE_URL === undefined ? undefined : { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    port: e.PORT,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
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
    review: { threshold: e.REVIEW_THRESHOLD, days: e.REVIEW_DAYS },
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
            ...(e.DISCORD_REVIEW_CHANNEL_ID === undefined ? {} : { reviewChannelId: e.DISCORD_REVIEW_CHANNEL_ID }),
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
            ...(e.SLACK_REVIEW_CHANNEL_ID === undefined ? {} : { reviewChannelId: e.SLACK_REVIEW_CHANNEL_ID }),
          },
  };
}
