import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.ts';
import type { Adapter } from '../../../src/adapters/adapter.ts';
import { ChannelFilter } from '../../../src/core/channel-filter.ts';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import { DEFAULT_GUARD, type ReplyGuardConfig } from '../../../src/core/reply-guard.ts';
import type { FactCheckCore } from '../../../src/fact-check-core.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../../fakes/discord/fake-discord.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../../knowledge');
let knowledge: KnowledgeBase | undefined;

/** One pino line as the adapter logged it. */
export interface LogLine {
  level: number;
  msg: string;
  adapter?: string;
  [field: string]: unknown;
}

/** A logger that keeps its lines for assertions instead of printing them. */
export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

export interface BotUnderTest {
  fake: FakeDiscord;
  adapter: Adapter;
  logs: LogLine[];
  stop(): Promise<void>;
}

export interface BotOptions {
  fake?: FakeDiscordOptions;
  guard?: Partial<ReplyGuardConfig>;
  /** Channel names (mapped to the fake's ids) for LISTEN_CHANNELS / IGNORE_CHANNELS. */
  listen?: string[];
  ignore?: string[];
  drainTimeoutMs?: number;
  /** How long one REST call may take before discord.js abandons and retries it. */
  restTimeoutMs?: number;
  /** A whole core (openFactCheckCore): the bot uses its checker and its moderation service. */
  core?: FactCheckCore;
  /** Builds the checker, for a test that needs to slow or break the core. */
  checker?: (knowledge: KnowledgeBase, guard: ReplyGuardConfig) => FactChecker;
  /** Changes the fake before the bot connects (refuse the intent, the token...). */
  beforeConnect?: (fake: FakeDiscord) => void;
  token?: string;
  /** The channel (by name) of DISCORD_REVIEW_CHANNEL_ID. */
  reviewChannel?: string;
}

/** The real adapter and discord.js client, connected to a fresh fake Discord. */
export async function startBot(options: BotOptions = {}): Promise<BotUnderTest> {
  const fake = await new FakeDiscord(options.fake).start();
  options.beforeConnect?.(fake);
  const { logger, lines } = memoryLogger();
  knowledge ??= new KnowledgeBase(loadKnowledge([KNOWLEDGE]));
  const guard = { ...DEFAULT_GUARD, ...options.guard };
  const checker = options.core?.checker ?? options.checker?.(knowledge, guard) ?? new FactChecker(knowledge, { guard });
  const ids = (names: string[] | undefined) => (names ?? []).map((n) => fake.channelId(n));
  const adapter = createDiscordAdapter({
    config: {
      token: options.token ?? fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guild.id,
      apiUrl: fake.apiUrl,
      // DISCORD_MODERATOR_ROLE_IDS: the fake guild's moderator role, which has no permissions of its own.
      moderatorRoleIds: [fake.guild.moderatorRoleId],
      ...(options.reviewChannel === undefined ? {} : { reviewChannelId: fake.channelId(options.reviewChannel) }),
    },
    checker,
    ...(options.core === undefined ? {} : { moderation: options.core.moderation }),
    logger,
    channels: new ChannelFilter(ids(options.listen), ids(options.ignore)),
    ...(options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: options.drainTimeoutMs }),
    ...(options.restTimeoutMs === undefined ? {} : { restTimeoutMs: options.restTimeoutMs }),
  });
  try {
    await adapter.start();
  } catch (error) {
    await fake.stop();
    throw Object.assign(error as Error, { logs: lines });
  }
  return {
    fake,
    adapter,
    logs: lines,
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

/**
 * Waits until the bot has finished with a message or interaction: the adapter logs one line
 * with an `outcome` for each (replied, ignored, filtered, failed...).
 */
export async function handled(bot: BotUnderTest, id: string): Promise<LogLine> {
  const line = () => bot.logs.find((l) => l.outcome !== undefined && (l.messageId === id || l.interactionId === id));
  await bot.fake.until(`the bot to handle ${id}`, () => line() !== undefined);
  return line()!;
}

/**
 * Waits until the bot has dealt with everything dispatched so far, duplicates included (which
 * discord.js may drop silently): a marker message is posted in `channel` and, the gateway being
 * ordered, once it is heard every earlier message was heard too; then every reply the bot
 * started ("replying") must have finished.
 */
export async function settle(bot: BotUnderTest, channel: string): Promise<void> {
  await handled(bot, bot.fake.post(channel, 'ok'));
  const started = bot.logs.filter((l) => l.msg === 'replying').map((l) => l.messageId as string);
  for (const id of started) {
    await bot.fake.until(`the reply to ${id} to finish`, () => bot.logs.some((l) => l.messageId === id && (l.outcome === 'replied' || l.outcome === 'failed')));
  }
}
