import { Client, Events, GatewayIntentBits, Partials, RESTEvents, Status, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { ChannelFilter } from '../../core/channel-filter.ts';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import type { DiscordConfig } from '../../config.ts';
import type { Adapter } from '../adapter.ts';
import { answerCommand, apologise } from './command-answers.ts';
import { closeCodeAdvice, explainStartFailure } from './connection-problems.ts';
import { seenFirstTime } from '../first-sight.ts';
import { InFlightWork } from '../in-flight-work.ts';
import type { ModeratorDeps } from './moderator-answers.ts';
import { moderatorInteraction } from './moderator-interactions.ts';
import { hearMessage } from './passive-replies.ts';
import { updateReply } from './reply-updates.ts';
import { DiscordReviewCards } from './review-cards.ts';
import { restOptions } from './rest-calls.ts';

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  checker: FactChecker;
  logger: Logger;
  channels: ChannelFilter;
  /** The moderator tools' core; without it, /claim and "Push correction" say moderation is not available. */
  moderation?: ModerationService;
  /** How long stop() waits for replies in flight before disconnecting anyway. */
  drainTimeoutMs?: number;
  /** How long one REST call may take (default REST_TIMEOUT_MS). */
  restTimeoutMs?: number;
  /** Told when one of this process's shards becomes ready or loses its connection (for metrics). */
  onShardStatus?: (shardId: number, up: boolean) => void;
}

// How long stop() lets replies already being written finish before disconnecting (main.ts exits at 9 s).
const DRAIN_TIMEOUT_MS = 8_000;

/** The client options: what the bot listens to, and the promise that it never pings anyone. */
export function discordClientOptions(config: DiscordConfig, restTimeoutMs?: number): ClientOptions {
  return {
    // Message Content is privileged: it must be enabled in the developer portal (close 4014 otherwise).
    // Direct Messages, with the channel partial (DM channels are not cached), for people who write to the bot.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    // Quoted text or a note with @everyone, a role or a user mention must not ping anyone.
    allowedMentions: { parse: [], repliedUser: false },
    // Every message sent through discord.js carries a nonce Discord enforces: a retried send cannot post twice.
    enforceNonce: true,
    rest: restOptions(config.apiUrl, restTimeoutMs),
    ...shardOptions(config),
  };
}

/**
 * DISCORD_SHARD_COUNT / DISCORD_SHARD_IDS as discord.js's own sharding: the client runs the given
 * shards in this process, identifying as /gateway/bot's max_concurrency and session limit allow.
 */
function shardOptions(config: DiscordConfig): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const shards = config.shards;
  if (shards === undefined) return {};
  if (shards.count === 'auto') return { shards: 'auto' };
  return { shards: shards.ids ?? Array.from({ length: shards.count }, (_, id) => id), shardCount: shards.count };
}

export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  return new DiscordAdapter(options);
}

/**
 * discord.js in, embeds out: passive fact-check replies with feedback buttons, `/factcheck` and
 * the message command, and the moderator tools (`/claim`, "Push correction").
 */
export class DiscordAdapter implements Adapter {
  readonly platform = 'discord' as const;
  private client: Client;
  private readonly logger: Logger;
  private readonly work = new InFlightWork();
  private moderator: ModeratorDeps | undefined;
  private readonly review: DiscordReviewCards | undefined;
  private accepting = false;
  private followingUpdates = false;
  private lastCloseCode: number | undefined;
  // While start() runs, a refused connection is reported by its rejection, not logged twice.
  private starting = false;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.logger = options.logger.child({ adapter: 'discord' });
    const { moderation } = options;
    const reviewChannelId = options.config.reviewChannelId;
    const adapter = this;
    this.review =
      moderation === undefined || reviewChannelId === undefined
        ? undefined
        : new DiscordReviewCards({
            moderation,
            // The current client: start() replaces it after a failed login.
            get client() {
              return adapter.client;
            },
            logger: this.logger,
            channelId: reviewChannelId,
          });
    this.client = this.newClient();
  }

  /** A fresh client with every listener: a client destroyed after a failed login never reconnects again. */
  private newClient(): Client {
    const client = new Client(discordClientOptions(this.options.config, this.options.restTimeoutMs));
    const { moderation } = this.options;
    this.moderator =
      moderation === undefined
        ? undefined
        : { moderation, checker: this.options.checker, rest: client.rest, logger: this.logger, moderatorRoleIds: this.options.config.moderatorRoleIds ?? [] };
    this.listen(client);
    return client;
  }

  async start(): Promise<void> {
    this.accepting = true;
    this.starting = true;
    this.lastCloseCode = undefined;
    this.followUpdates();
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    try {
      await this.client.login(this.options.config.token);
      await ready;
    } catch (error) {
      this.accepting = false;
      // The caller logs the one line that says why; a later start() logs in with a new client.
      const failure = explainStartFailure(error, this.lastCloseCode);
      await this.client.destroy().catch(() => undefined);
      this.client = this.newClient();
      throw failure;
    } finally {
      this.starting = false;
    }
    const user = this.client.user;
    const shards = [...this.client.ws.shards.keys()];
    this.logger.info({ user: user?.tag, userId: user?.id, guilds: this.client.guilds.cache.size, shards, shardCount: this.client.options.shardCount }, 'connected to Discord');
    this.sayWhereCardsGo();
  }

  async stop(): Promise<void> {
    this.accepting = false;
    const pending = this.work.size;
    const unfinished = await this.work.drain(this.options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
    if (unfinished > 0) this.logger.warn({ pending: unfinished }, 'stopped before every reply was sent');
    else if (pending > 0) this.logger.info({ finished: pending }, 'let replies in flight finish');
    await this.client.destroy();
    this.logger.info('disconnected from Discord');
  }

  /** Ready only while every shard this process runs is connected and ready. */
  isConnected(): boolean {
    const shards = [...this.client.ws.shards.values()];
    return this.client.isReady() && shards.length > 0 && shards.every((shard) => shard.status === Status.Ready);
  }

  private listen(client: Client): void {
    const { logger } = this;
    const deps = { checker: this.options.checker, channels: this.options.channels, logger, moderation: this.options.moderation, review: this.review };
    client.on(Events.MessageCreate, (message: Message) =>
      this.handle('message', { channelId: message.channelId, messageId: message.id, shardId: message.guild?.shardId }, async () => {
        await hearMessage(message, client.user?.id ?? '', deps);
      }),
    );
    client.on(Events.InteractionCreate, (interaction: Interaction) =>
      this.handle('interaction', { interactionId: interaction.id, channelId: interaction.channelId, shardId: interaction.guild?.shardId }, async () => {
        // A gateway replay (a resumed session, a second process on the same shard) runs nothing twice.
        if (!(await seenFirstTime(this.options.checker.guard, `discord:interaction:${interaction.id}`, logger))) {
          logger.info({ interactionId: interaction.id, outcome: 'replayed' }, 'an interaction arrived again; not answering it twice');
          return;
        }
        try {
          if (!(await moderatorInteraction(interaction, this.moderator, logger))) await answerCommand(interaction, deps);
        } catch (error) {
          await apologise(interaction, error).catch(() => undefined);
          throw error;
        }
      }),
    );

    client.on(Events.Error, (error) => logger.error({ error: errorText(error) }, 'discord.js reported an error; carrying on'));
    client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord.js warning'));
    client.on(Events.ShardError, (error, shardId) => {
      if (!this.starting) logger.warn({ shardId, error: errorText(error) }, 'gateway connection error; discord.js will retry');
    });
    client.on(Events.ShardReady, (shardId, unavailable) => {
      this.options.onShardStatus?.(shardId, true);
      logger.info({ shardId, shardCount: client.options.shardCount, unavailableGuilds: unavailable?.size ?? 0 }, 'shard ready');
    });
    client.on(Events.ShardDisconnect, ({ code }, shardId) => {
      this.options.onShardStatus?.(shardId, false);
      this.lastCloseCode = code;
      const advice = closeCodeAdvice(code);
      if (this.starting) return;
      if (advice !== undefined) logger.error({ shardId, closeCode: code }, advice);
      else logger.warn({ shardId, closeCode: code }, 'gateway disconnected and will not reconnect by itself');
    });
    client.on(Events.ShardReconnecting, (shardId) => {
      this.options.onShardStatus?.(shardId, false);
      logger.info({ shardId }, 'gateway connection lost; reconnecting');
    });
    client.on(Events.ShardResume, (shardId, replayedEvents) => {
      this.options.onShardStatus?.(shardId, true);
      logger.info({ shardId, replayedEvents }, 'gateway session resumed');
    });
    client.on(Events.Invalidated, () => logger.error('Discord invalidated the session; the bot must be restarted'));
    client.rest.on(RESTEvents.RateLimited, (info) =>
      logger.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, 'rate limited by Discord; waiting before retrying'),
    );
  }

  /** Once per adapter: when a claim's note or verdict changes, earlier replies on Discord follow. */
  private followUpdates(): void {
    const deps = this.moderator;
    if (deps === undefined || this.followingUpdates) return;
    this.followingUpdates = true;
    deps.moderation.onReplyUpdate('discord', (sent, reply) => {
      // The current client's deps: start() replaces the client after a failed login.
      const current = this.moderator;
      if (!this.accepting || current === undefined) {
        this.logger.debug({ channelId: sent.channelId, replyMessageId: sent.messageId, outcome: 'not-updated' }, 'stopped; not updating an earlier reply');
        return;
      }
      return this.work.run(() => updateReply(sent, reply, current));
    });
    const { review } = this;
    if (review !== undefined) deps.moderation.onSuggestionUpdate('discord', (suggestion) => this.work.run(() => review.show(suggestion)));
  }

  /** One line at start: which server's messages become review cards, or why none will from this process. */
  private sayWhereCardsGo(): void {
    const channelId = this.options.config.reviewChannelId;
    if (channelId === undefined || this.review === undefined) return;
    const channel = this.client.channels.cache.get(channelId);
    if (channel !== undefined && 'guildId' in channel) {
      this.logger.info({ reviewChannelId: channelId, guildId: channel.guildId }, 'review cards go to DISCORD_REVIEW_CHANNEL_ID; suggestions come from its server only');
    } else {
      this.logger.warn({ reviewChannelId: channelId }, 'DISCORD_REVIEW_CHANNEL_ID is not a channel of a server this process serves: no suggestions from here (another shard may have it)');
    }
  }

  /**
   * Runs one event's handling: tracked for stop(), and never able to take the bot down. Events
   * that arrive while stopping are handled too, within the drain: Discord never sends them again.
   */
  private handle(kind: string, context: Record<string, unknown>, task: () => Promise<void>): void {
    this.work.run(async () => {
      try {
        await task();
      } catch (error) {
        this.logger.error({ ...context, outcome: 'failed', error: errorText(error) }, `failed to handle a ${kind}; the bot carries on`);
      }
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
