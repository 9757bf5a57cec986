import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes, type APIMessage } from 'discord.js';
import type { DiscordConfig } from '../../config.ts';
import type { Claim } from '../../core/claim.ts';
import { ModerationInputError } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { moderatorEmbed, NO_PINGS } from './moderator-messages.ts';

/**
 * Posts a claim's current note in a channel for everyone (`/claim push`), and records it so the
 * bot edits it when the note changes. Resolves with the posted message's id.
 */
export async function announceClaim(rest: REST, moderation: ModerationService, claim: Claim, channelId: string, postedBy: string): Promise<string> {
  let posted: APIMessage;
  try {
    posted = (await rest.post(Routes.channelMessages(channelId), {
      body: { embeds: [moderatorEmbed('announcement', replyFor(claim, 1))], allowed_mentions: NO_PINGS },
    })) as APIMessage;
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)) {
      throw ModerationInputError.single('channel', `Discord did not let the bot post in <#${channelId}> (${error.message}); give it Send Messages and Embed Links there`);
    }
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) {
      throw ModerationInputError.single('channel', `Discord knows no channel ${channelId}; copy the channel's id (Developer Mode, right-click the channel, Copy Channel ID)`);
    }
    throw error;
  }
  await moderation.recordReply({ platform: 'discord', channelId, messageId: posted.id, claimId: claim.id, kind: 'announcement', sentAt: new Date().toISOString(), postedBy });
  return posted.id;
}

/** `factcheck claim push` on Discord: the REST API alone, with the bot's token; no gateway connection. */
export async function announceFromShell(config: DiscordConfig, moderation: ModerationService, claim: Claim, channelId: string, postedBy: string): Promise<string> {
  const rest = new REST(config.apiUrl === undefined ? {} : { api: config.apiUrl }).setToken(config.token);
  await announceClaim(rest, moderation, claim, channelId, postedBy);
  return `Posted the note of ${claim.id} in Discord channel ${channelId}. The bot updates it if the note changes.`;
}
