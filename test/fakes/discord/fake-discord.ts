import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-gateway.ts';
import { API_PREFIX, FakeRest, type RecordedRequest } from './fake-rest.ts';
import { commandInteraction, guildCreate, message, snowflake, user, type Channel, type GuildShape, type User } from './payloads.ts';

export interface FakeDiscordOptions {
  /** Names of the guild's text channels. */
  channels?: string[];
  /** Channels where the bot may read but not send. */
  readOnlyChannels?: string[];
  /** Gateway heartbeat interval; short so tests exercise heartbeats. */
  heartbeatIntervalMs?: number;
}

/**
 * A local Discord: REST under /api/v10 and a gateway on the same port of 127.0.0.1. Tests
 * drive it (post a message, invoke a command) and read what the bot sent from `requests`.
 */
export class FakeDiscord {
  readonly token = `fake.${snowflake()}.token`;
  readonly applicationId = snowflake();
  readonly bot: User;
  readonly member = user('amina');
  readonly otherBot = user('news-feed', { bot: true });
  readonly guild: GuildShape;
  readonly rest: FakeRest;
  readonly gateway: FakeGateway;
  private readonly server: Server;
  private port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.bot = user('fact-check', { bot: true, id: this.applicationId });
    const readOnly = new Set(options.readOnlyChannels ?? []);
    const names = [...(options.channels ?? ['general']), ...readOnly];
    this.guild = {
      id: snowflake(),
      name: 'Fake Guild',
      ownerId: this.member.id,
      botRoleId: snowflake(),
      channels: names.map((name): Channel => ({ id: snowflake(), name, readOnly: readOnly.has(name) })),
    };
    this.server = createServer((req, res) => {
      this.rest.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    this.rest = new FakeRest({
      token: this.token,
      applicationId: this.applicationId,
      bot: this.bot,
      gatewayUrl: () => this.gatewayUrl,
      guildIdOf: (channelId) => (this.guild.channels.some((c) => c.id === channelId) ? this.guild.id : undefined),
    });
    this.gateway = new FakeGateway(
      this.server,
      {
        token: this.token,
        url: () => this.gatewayUrl,
        ready: () => ({ user: this.bot, guilds: [{ id: this.guild.id, unavailable: true }], application: { id: this.applicationId, flags: 0 } }),
        afterReady: () => [{ t: 'GUILD_CREATE', d: guildCreate(this.guild, this.bot) }],
      },
      options.heartbeatIntervalMs ?? 1_000,
    );
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** What DISCORD_API_URL is set to: @discordjs/rest appends /v10 and the route. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}${API_PREFIX.replace(/\/v\d+$/, '')}`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }

  channelId(name: string): string {
    const channel = this.guild.channels.find((c) => c.name === name);
    if (channel === undefined) throw new Error(`the fake guild has no channel "${name}"; add it to FakeDiscordOptions.channels`);
    return channel.id;
  }

  channelName(id: string): string | undefined {
    return this.guild.channels.find((c) => c.id === id)?.name;
  }

  /** Someone posts in a guild channel; returns the new message's id. */
  post(channel: string, content: string, author: User = this.member, id = snowflake()): string {
    const memberRoles = author.id === this.bot.id ? [this.guild.botRoleId] : [];
    this.gateway.dispatch('MESSAGE_CREATE', message({ id, channelId: this.channelId(channel), guildId: this.guild.id, author, memberRoles, content }));
    return id;
  }

  /** Someone writes to the bot in a DM. */
  postDirect(content: string, author: User = this.member): string {
    const id = snowflake();
    this.gateway.dispatch('MESSAGE_CREATE', message({ id, channelId: snowflake(), guildId: undefined, author, content }));
    return id;
  }

  /** Someone runs `/factcheck`; returns the interaction id. */
  slashCommand(channel: string, name: string, options: { name: string; type: number; value: unknown }[]): string {
    return this.interact(channel, { id: snowflake(), name, type: 1, options });
  }

  /** Someone picks a message command on a message; returns the interaction id. */
  messageCommand(channel: string, name: string, target: { id: string; content: string; author?: User }): string {
    const targetMessage = message({ id: target.id, channelId: this.channelId(channel), guildId: this.guild.id, author: target.author ?? this.member, content: target.content });
    return this.interact(channel, { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: targetMessage } } });
  }

  private interact(channel: string, data: Record<string, unknown>): string {
    const id = snowflake();
    const c = this.guild.channels.find((ch) => ch.name === channel);
    if (c === undefined) throw new Error(`the fake guild has no channel "${channel}"`);
    this.gateway.dispatch('INTERACTION_CREATE', commandInteraction({ id, token: `itoken-${id}`, applicationId: this.applicationId, guild: this.guild, channel: c, user: this.member, data }));
    return id;
  }

  /** Messages the bot created in channels (replies), with their request bodies. */
  createdMessages(): { channelId: string; body: Record<string, unknown> }[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.status === 200 && /^\/channels\/\d+\/messages$/.test(r.path))
      .map((r) => ({ channelId: r.path.split('/')[2]!, body: r.body as Record<string, unknown> }));
  }

  /** Resolves once `condition` holds, polling the fake's records; fails with `what` after `timeoutMs`. */
  async until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
