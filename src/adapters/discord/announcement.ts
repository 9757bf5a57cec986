import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes, type APIMessage } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../../config.ts';
import type { Claim } from '../../core/claim.ts';
import { ModerationInputError, SHELL_COMMANDS } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { NOT_RECORDED, recordPosted } from '../reply-records.ts';
import { moderatorEmbed, NO_PINGS } from './moderator-messages.ts';
import { DiscordUnavailable, isUnavailable, onceOnly, restOptions } from './rest-calls.ts';

/** The announcement posted, and whether the store keeps it (so that it follows note updates). */
export interface Announcement {
  messageId: string;
  recorded: boolean;
}

/**
 * Posts a claim's current note in a channel for everyone (`/claim push`) with a nonce, so that a
 * retried create cannot post twice, and records it so the bot edits it when the note changes.
 * Refusals come back as a ModerationInputError, a Discord that keeps failing as DiscordUnavailable.
 */
export async function announceClaim(
  deps: { rest: REST; moderation: ModerationService; logger: Logger },
  claim: Claim,
  channelId: string,
  postedBy: string,
  /** The command to try again with, as the caller's surface writes it. */
  again: string,
): Promise<Announcement> {
  let posted: APIMessage;
  try {
    posted = (await deps.rest.post(Routes.channelMessages(channelId), {
      body: { embeds: [moderatorEmbed('announcement', replyFor(claim, 1))], allowed_mentions: NO_PINGS, ...onceOnly() },
    })) as APIMessage;
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)) {
      throw ModerationInputError.single('channel', `Discord did not let the bot post in <#${channelId}> (${error.message}); give it Send Messages and Embed Links there`);
    }
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) {
      throw ModerationInputError.single('channel', `Discord knows no channel ${channelId}; copy the channel's id (Developer Mode, right-click the channel, Copy Channel ID)`);
    }
    if (isUnavailable(error)) {
      throw new DiscordUnavailable(`Could not post the note of \`${claim.id}\` in <#${channelId}>: Discord did not answer or kept failing (${(error as Error).message}), so nothing was posted. Try ${again} again in a minute.`, { cause: error });
    }
    throw error;
  }
  const recorded = await recordPosted(deps, { platform: 'discord', channelId, messageId: posted.id, claimId: claim.id, kind: 'announcement', sentAt: new Date().toISOString(), postedBy });
  return { messageId: posted.id, recorded };
}

/** `factcheck claim push` on Discord: the REST API alone, with the bot's token; no gateway connection. */
export async function announceFromShell(config: DiscordConfig, moderation: ModerationService, claim: Claim, channelId: string, postedBy: string, logger: Logger): Promise<string> {
  const rest = new REST(restOptions(config.apiUrl)).setToken(config.token);
  const { recorded } = await announceClaim({ rest, moderation, logger }, claim, channelId, postedBy, SHELL_COMMANDS.command('claim push'));
  return `Posted the note of ${claim.id} in Discord channel ${channelId}. ${recorded ? 'The bot updates it if the note changes.' : NOT_RECORDED}`;
}
