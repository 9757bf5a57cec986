import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, shardOfGuild } from './fake-gateway.ts';
import { API_PREFIX, FakeRest, type RecordedRequest } from './fake-rest.ts';
import {
  channelPayload,
  commandInteraction,
  forwardedMessage,
  guildCreate,
  INTERACTION_TYPE,
  MEMBER_RIGHTS,
  message,
  PERMISSION,
  snowflake,
  user,
  type Channel,
  type GuildShape,
  type MemberRights,
  type User,
} from './payloads.ts';

/** An option of a slash command as Discord sends it; subcommands nest options. */
export interface CommandOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: CommandOption[];
}

const OPTION_TYPE_CHANNEL = 7;

export interface FakeDiscordOptions {
  /** Names of the guild's text channels. */
  channels?: string[];
  /** Channels where the bot may read but not send. */
  readOnlyChannels?: string[];
  /** Gateway heartbeat interval; short so tests exercise heartbeats. */
  heartbeatIntervalMs?: number;
  /** More guilds the bot is in, each with its text channels (names unique across guilds) and the shard it must land on. */
  extraGuilds?: { name: string; channels: string[]; onShard?: [number, number] }[];
  /** What /gateway/bot recommends: shards, and how many may identify at once. */
  gatewayBot?: { shards?: number; maxConcurrency?: number };
}

/** A guild id that Discord routes to `shard` of `count` (its timestamp bits decide). */
function guildIdOnShard([shard, count]: [number, number]): string {
  for (;;) {
    const id = snowflake();
    if (shardOfGuild(id, count) === shard) return id;
    // Another millisecond gives another shard.
    const until = Date.now() + 1;
    while (Date.now() < until);
  }
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
  /** Another member without any rights. */
  readonly otherMember = user('bilal');
  /** Has Manage Messages in every channel. */
  readonly moderator = user('sara');
  /** Another moderator with Manage Messages, for concurrent edits. */
  readonly otherModerator = user('dawood');
  /** Has the guild's moderator role (`guild.moderatorRoleId`) and no Manage Messages. */
  readonly roleModerator = user('omar');
  readonly otherBot = user('news-feed', { bot: true });
  readonly guild: GuildShape;
  /** Every guild the bot is in: `guild` first, then `extraGuilds`. */
  readonly guilds: GuildShape[];
  readonly rest: FakeRest;
  /** The channel of each interaction, by its token. */
  private readonly interactionChannels = new Map<string, string>();
  /** Every INTERACTION_CREATE sent, by interaction id, so a test can send one again. */
  private readonly interactions = new Map<string, unknown>();
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
      moderatorRoleId: snowflake(),
      channels: names.map((name): Channel => ({ id: snowflake(), name, readOnly: readOnly.has(name) })),
    };
    this.guilds = [
      this.guild,
      ...(options.extraGuilds ?? []).map((g): GuildShape => ({
        id: g.onShard === undefined ? snowflake() : guildIdOnShard(g.onShard),
        name: g.name,
        ownerId: this.member.id,
        botRoleId: snowflake(),
        moderatorRoleId: snowflake(),
        channels: g.channels.map((name): Channel => ({ id: snowflake(), name, readOnly: false })),
      })),
    ];
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
      guildIdOf: (channelId) => this.guilds.find((g) => g.channels.some((c) => c.id === channelId))?.id,
      gatewayBot: options.gatewayBot ?? {},
      channelOfInteraction: (token) => this.interactionChannels.get(token),
    });
    this.gateway = new FakeGateway(
      this.server,
      {
        token: this.token,
        url: () => this.gatewayUrl,
        ready: () => ({ user: this.bot, guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })), application: { id: this.applicationId, flags: 0 } }),
        afterReady: () => this.guilds.map((g) => ({ t: 'GUILD_CREATE', d: guildCreate(g, this.bot) })),
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
    const channel = this.guilds.flatMap((g) => g.channels).find((c) => c.name === name);
    if (channel === undefined) throw new Error(`the fake guild has no channel "${name}"; add it to FakeDiscordOptions.channels`);
    return channel.id;
  }

  channelName(id: string): string | undefined {
    return this.guilds.flatMap((g) => g.channels).find((c) => c.id === id)?.name;
  }

  /** The guild a channel (by name) belongs to. */
  guildOf(channel: string): GuildShape {
    const guild = this.guilds.find((g) => g.channels.some((c) => c.name === channel));
    if (guild === undefined) throw new Error(`no fake guild has a channel "${channel}"; add it to FakeDiscordOptions`);
    return guild;
  }

  /** The member's rights as interactions carry them: moderators have Manage Messages or the moderator role. */
  rightsOf(who: User): MemberRights {
    if (who.id === this.moderator.id || who.id === this.otherModerator.id) return { ...MEMBER_RIGHTS, permissions: MEMBER_RIGHTS.permissions | PERMISSION.ManageMessages };
    if (who.id === this.roleModerator.id) return { ...MEMBER_RIGHTS, roles: [this.guild.moderatorRoleId] };
    return MEMBER_RIGHTS;
  }

  /** Someone posts in a guild channel; returns the new message's id. */
  post(channel: string, content: string, author: User = this.member, id = snowflake()): string {
    const memberRoles = author.id === this.bot.id ? [this.guild.botRoleId] : this.rightsOf(author).roles;
    const posted = message({ id, channelId: this.channelId(channel), guildId: this.guildOf(channel).id, author, memberRoles, content });
    this.rest.remember(posted);
    this.gateway.dispatch('MESSAGE_CREATE', posted);
    return id;
  }

  /** Someone forwards a message (with these words) into a guild channel; returns the forward's id. */
  forward(channel: string, words: string, author: User = this.member): string {
    const id = snowflake();
    const posted = forwardedMessage({ id, channelId: this.channelId(channel), guildId: this.guild.id, author, memberRoles: this.rightsOf(author).roles }, words);
    this.rest.remember(posted);
    this.gateway.dispatch('MESSAGE_CREATE', posted);
    return id;
  }

  /** Someone replies to an earlier message in a guild channel; returns the new message's id. */
  replyTo(channel: string, messageId: string, content: string, author: User = this.member): string {
    const id = snowflake();
    const channelId = this.channelId(channel);
    const posted = message({
      id, channelId, guildId: this.guild.id, author, memberRoles: this.rightsOf(author).roles, content,
      messageReference: { message_id: messageId, channel_id: channelId, guild_id: this.guild.id },
    });
    this.rest.remember(posted);
    this.gateway.dispatch('MESSAGE_CREATE', posted);
    return id;
  }

  /** Someone writes to the bot in a DM. */
  postDirect(content: string, author: User = this.member): string {
    const id = snowflake();
    // Discord tells DMs apart by channel_type (1, DM) on MESSAGE_CREATE; discord.js builds the DM channel from it.
    this.gateway.dispatch('MESSAGE_CREATE', { ...message({ id, channelId: snowflake(), guildId: undefined, author, content }), channel_type: 1 });
    return id;
  }

  /** Someone runs a slash command (`/factcheck`, `/claim edit`...); returns the interaction id. */
  slashCommand(channel: string, name: string, options: CommandOption[], as: User = this.member): string {
    return this.interact(channel, as, { data: { id: snowflake(), name, type: 1, options, ...this.resolvedChannels(options) } });
  }

  /** Discord's suggestions request while someone types an option marked `focused`. */
  autocomplete(channel: string, name: string, options: CommandOption[], as: User = this.member): string {
    return this.interact(channel, as, { type: INTERACTION_TYPE.Autocomplete, data: { id: snowflake(), name, type: 1, options } });
  }

  /** Someone picks a message command on a message; returns the interaction id. */
  messageCommand(channel: string, name: string, target: { id: string; content: string; author?: User }, as: User = this.member): string {
    const targetMessage = message({ id: target.id, channelId: this.channelId(channel), guildId: this.guild.id, author: target.author ?? this.member, content: target.content });
    if (!this.rest.messages.has(target.id)) this.rest.remember(targetMessage);
    return this.interact(channel, as, { data: { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: targetMessage } } } });
  }

  /** Someone presses a button (component type 2) or picks in a string select (3) on `onMessage`. */
  component(channel: string, customId: string, onMessage: Record<string, unknown>, as: User = this.member, values?: string[]): string {
    const data = { custom_id: customId, component_type: values === undefined ? 2 : 3, ...(values === undefined ? {} : { values }) };
    return this.interact(channel, as, { type: INTERACTION_TYPE.MessageComponent, message: onMessage, data });
  }

  /** Someone submits a form the bot opened, with the text typed per field custom_id. */
  submitForm(channel: string, customId: string, fields: Record<string, string>, as: User = this.member): string {
    const components = Object.entries(fields).map(([id, value], i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 100, custom_id: id, value } }));
    return this.interact(channel, as, { type: INTERACTION_TYPE.ModalSubmit, data: { custom_id: customId, components } });
  }

  private interact(channel: string, as: User, shape: { type?: number; message?: Record<string, unknown>; data: Record<string, unknown> }): string {
    const id = snowflake();
    const guild = this.guildOf(channel);
    const c = guild.channels.find((ch) => ch.name === channel);
    if (c === undefined) throw new Error(`the fake guild has no channel "${channel}"`);
    this.interactionChannels.set(`itoken-${id}`, c.id);
    const payload = commandInteraction({ id, token: `itoken-${id}`, applicationId: this.applicationId, guild, channel: c, user: as, rights: this.rightsOf(as), ...shape });
    this.interactions.set(id, payload);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return id;
  }

  /** Sends an interaction again, as a replayed gateway event would (same interaction id). */
  replayInteraction(id: string): void {
    const payload = this.interactions.get(id);
    if (payload === undefined) throw new Error(`no interaction ${id} was sent`);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
  }

  /** Channel options come with the channel in `resolved`, as Discord sends them. */
  private resolvedChannels(options: CommandOption[]): { resolved?: { channels: Record<string, unknown> } } {
    const channels: Record<string, unknown> = {};
    const visit = (list: CommandOption[]) => {
      for (const o of list) {
        if (o.type === OPTION_TYPE_CHANNEL) {
          const c = this.guild.channels.find((ch) => ch.id === o.value);
          if (c !== undefined) channels[c.id] = { ...channelPayload(this.guild, c, 0), permissions: String(MEMBER_RIGHTS.permissions) };
        }
        visit(o.options ?? []);
      }
    };
    visit(options);
    return Object.keys(channels).length === 0 ? {} : { resolved: { channels } };
  }

  /** The interaction's callback (reply, deferral, form) and the edits of its original response, in order. */
  responseTo(interactionId: string): { callback: { type: number; data?: Record<string, unknown> } | undefined; edits: Record<string, unknown>[] } {
    const callback = this.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`));
    const edits = this.requests
      .filter((r) => r.method === 'PATCH' && r.path === `/webhooks/${this.applicationId}/itoken-${interactionId}/messages/@original`)
      .map((r) => r.body as Record<string, unknown>);
    return { callback: callback?.body as { type: number; data?: Record<string, unknown> } | undefined, edits };
  }

  /** The message the person who acted sees last: the latest edit of the response, else the reply itself. */
  answerTo(interactionId: string): Record<string, unknown> | undefined {
    const { callback, edits } = this.responseTo(interactionId);
    return edits.at(-1) ?? (callback?.type === 4 || callback?.type === 7 ? callback.data : undefined);
  }

  /** Messages the bot created in channels (replies), with their request bodies and the ids they got; a create that Discord deduplicated by its nonce is not one. */
  createdMessages(): { id: string; channelId: string; body: Record<string, unknown> }[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.status === 200 && r.duplicateOf === undefined && /^\/channels\/\d+\/messages$/.test(r.path))
      .map((r) => ({ id: (r.response as { id: string }).id, channelId: r.path.split('/')[2]!, body: r.body as Record<string, unknown> }));
  }

  /** Edits the bot made to channel messages (PATCH /channels/:channel/messages/:message). */
  editedMessages(): { channelId: string; messageId: string; status: number; body: Record<string, unknown> }[] {
    return this.channelMessageCalls('PATCH').map((r) => ({ ...r.ids, status: r.status, body: r.body as Record<string, unknown> }));
  }

  /** Channel messages the bot deleted (DELETE /channels/:channel/messages/:message). */
  deletedMessages(): { channelId: string; messageId: string; status: number }[] {
    return this.channelMessageCalls('DELETE').map((r) => ({ ...r.ids, status: r.status }));
  }

  private channelMessageCalls(method: string): (RecordedRequest & { ids: { channelId: string; messageId: string } })[] {
    return this.requests.flatMap((r) => {
      const m = r.method === method ? r.path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/) : null;
      return m === null ? [] : [{ ...r, ids: { channelId: m[1]!, messageId: m[2]! } }];
    });
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
