/**
 * Discord objects as the real API sends them, trimmed to the fields discord.js reads.
 * Only the fake builds these; the bot never sees anything but the wire format.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake: timestamp in the high bits, a process-wide counter in the low ones. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment);
}

/** Permission bits the bot asks for in its invite (see docs/discord.md). */
export const PERMISSION = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const BOT_PERMISSIONS =
  PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.SendMessagesInThreads | PERMISSION.EmbedLinks | PERMISSION.ReadMessageHistory;

export const CHANNEL_TYPE = { GuildText: 0, DM: 1 } as const;

export interface User {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export function user(username: string, options: { bot?: boolean; id?: string } = {}): User {
  return { id: options.id ?? snowflake(), username, global_name: username, discriminator: '0', avatar: null, ...(options.bot ? { bot: true } : {}) };
}

export interface Channel {
  id: string;
  name: string;
  readOnly: boolean;
}

export interface GuildShape {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string;
  /** A role without any permission, for DISCORD_MODERATOR_ROLE_IDS. */
  moderatorRoleId: string;
  channels: Channel[];
}

export function channelPayload(guild: GuildShape, channel: Channel, position: number): Record<string, unknown> {
  const deny = String(PERMISSION.SendMessages | PERMISSION.SendMessagesInThreads);
  return {
    id: channel.id,
    type: CHANNEL_TYPE.GuildText,
    guild_id: guild.id,
    name: channel.name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: channel.readOnly
      ? [
          { id: guild.id, type: 0, allow: '0', deny },
          { id: guild.botRoleId, type: 0, allow: '0', deny },
        ]
      : [],
  };
}

/** GUILD_CREATE: text channels, an @everyone role and the bot's role, and the bot as a member. */
export function guildCreate(guild: GuildShape, bot: User): Record<string, unknown> {
  const role = (id: string, name: string, permissions: bigint, position: number, botId?: string) => ({
    id, name, permissions: String(permissions), position, color: 0, hoist: false, mentionable: false, flags: 0,
    // A bot's own role is managed by Discord and tagged with the bot's id.
    ...(botId === undefined ? { managed: false } : { managed: true, tags: { bot_id: botId } }),
  });
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    preferred_locale: 'en-US',
    premium_tier: 0,
    nsfw_level: 0,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 3,
    roles: [
      role(guild.id, '@everyone', PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.ReadMessageHistory, 0),
      role(guild.botRoleId, 'Fact Check', BOT_PERMISSIONS, 1, bot.id),
      role(guild.moderatorRoleId, 'Fact Moderators', 0n, 2),
    ],
    members: [member(bot, [guild.botRoleId])],
    channels: guild.channels.map((c, i) => channelPayload(guild, c, i)),
    threads: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function member(u: User, roles: string[] = []): Record<string, unknown> {
  return { user: u, roles, nick: null, avatar: null, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false };
}

export interface MessageShape {
  id: string;
  channelId: string;
  guildId: string | undefined;
  author: User;
  /** The author's roles, for gateway dispatches in a guild; REST answers carry no member. */
  memberRoles?: string[];
  content: string;
  messageReference?: Record<string, unknown>;
  embeds?: unknown[];
  flags?: number;
}

/** A message object: what MESSAGE_CREATE carries and what creating a message returns. */
export function message(shape: MessageShape): Record<string, unknown> {
  return {
    id: shape.id,
    type: shape.messageReference === undefined ? 0 : 19,
    channel_id: shape.channelId,
    ...(shape.guildId === undefined ? {} : { guild_id: shape.guildId }),
    ...(shape.guildId === undefined || shape.memberRoles === undefined ? {} : { member: member(shape.author, shape.memberRoles) }),
    author: shape.author,
    content: shape.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)/.test(shape.content),
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: shape.embeds ?? [],
    pinned: false,
    flags: shape.flags ?? 0,
    components: [],
    ...(shape.messageReference === undefined ? {} : { message_reference: shape.messageReference }),
  };
}

/**
 * A forward, as Discord sends it: empty content, a reference of type 1 (FORWARD) to the original,
 * and the original's words in `message_snapshots`.
 */
export function forwardedMessage(shape: Omit<MessageShape, 'content' | 'messageReference'>, forwarded: string): Record<string, unknown> {
  return {
    ...message({
      ...shape,
      content: '',
      messageReference: { type: 1, message_id: snowflake(), channel_id: snowflake(), ...(shape.guildId === undefined ? {} : { guild_id: shape.guildId }) },
    }),
    message_snapshots: [
      { message: { type: 0, content: forwarded, embeds: [], attachments: [], timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] } },
    ],
  };
}

/** What Discord puts in an interaction's `member`: the roles, and the permissions computed for the channel. */
export interface MemberRights {
  permissions: bigint;
  roles: string[];
}

export const MEMBER_RIGHTS: MemberRights = { permissions: PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.ReadMessageHistory, roles: [] };

export const INTERACTION_TYPE = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

export interface InteractionShape {
  id: string;
  token: string;
  applicationId: string;
  guild: GuildShape;
  channel: Channel;
  user: User;
  /** 2 command (default), 3 button or select, 4 autocomplete, 5 form submitted. */
  type?: number;
  rights?: MemberRights;
  /** The message a component is on. */
  message?: Record<string, unknown>;
  data: Record<string, unknown>;
}

/** INTERACTION_CREATE for an interaction in a guild text channel: a command by default. */
export function commandInteraction(shape: InteractionShape): Record<string, unknown> {
  const rights = shape.rights ?? MEMBER_RIGHTS;
  return {
    id: shape.id,
    application_id: shape.applicationId,
    type: shape.type ?? INTERACTION_TYPE.ApplicationCommand,
    token: shape.token,
    version: 1,
    guild_id: shape.guild.id,
    channel_id: shape.channel.id,
    channel: channelPayload(shape.guild, shape.channel, 0),
    member: { ...member(shape.user, rights.roles), permissions: String(rights.permissions) },
    app_permissions: String(BOT_PERMISSIONS),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': shape.guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...(shape.message === undefined ? {} : { message: shape.message }),
    data: shape.data,
  };
}
