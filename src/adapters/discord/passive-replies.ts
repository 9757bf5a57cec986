import { PermissionFlagsBits, PermissionsBitField, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { ChannelFilter } from '../../core/channel-filter.ts';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { factCheckEmbed } from './fact-check-embed.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import { incomingMessage } from './incoming-message.ts';

export interface PassiveDeps {
  checker: FactChecker;
  channels: ChannelFilter;
  logger: Logger;
  /** When set, replies carry feedback buttons and are recorded, so they can be rated and updated. */
  moderation?: ModerationService | undefined;
}

// A reply needs all of these; Read Message History because a reply references the message.
const REPLY_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.EmbedLinks, PermissionFlagsBits.ReadMessageHistory];

/**
 * Hears one channel message and, when the core says so, replies to it with the fact-check
 * embed. DMs are never answered passively: nobody in a DM asked to be corrected unprompted.
 */
export async function hearMessage(message: Message, selfId: string, deps: PassiveDeps): Promise<void> {
  if (!message.inGuild()) return;
  // Every guild message leaves one line with its `outcome`, so "why did it not answer?" has an answer at debug level.
  const where = { channelId: message.channelId, messageId: message.id };
  // Threads follow their parent channel's LISTEN_CHANNELS / IGNORE_CHANNELS setting.
  const configuredChannel = message.channel.isThread() ? (message.channel.parentId ?? message.channelId) : message.channelId;
  if (!deps.channels.listensIn(configuredChannel)) {
    deps.logger.debug({ ...where, outcome: 'filtered' }, 'not listening in this channel (LISTEN_CHANNELS / IGNORE_CHANNELS)');
    return;
  }

  const receivedAt = performance.now();
  const outcome = deps.checker.hear(incomingMessage(message, selfId));
  if (outcome.action === 'ignore') {
    deps.logger.debug({ ...where, outcome: 'ignored', reason: outcome.reason, claimId: outcome.match?.claim.id }, 'not replying');
    return;
  }

  const missing = missingPermissions(message, selfId);
  if (missing.length > 0) {
    deps.logger.warn(
      { ...where, outcome: 'no-permission', claimId: outcome.reply.claimId, missing },
      `cannot reply in #${message.channel.name}: the bot lacks ${missing.join(', ')} there; grant them to its role or add the channel to IGNORE_CHANNELS`,
    );
    return;
  }
  deps.logger.debug({ ...where, claimId: outcome.reply.claimId }, 'replying');
  // The client's allowedMentions ({ parse: [], repliedUser: false }) keeps this from pinging anyone.
  const sent = await message.reply({ embeds: [factCheckEmbed(outcome.reply)], ...(deps.moderation === undefined ? {} : { components: [feedbackButtons()] }) });
  deps.moderation?.recordReply({
    platform: 'discord',
    channelId: message.channelId,
    messageId: sent.id,
    inReplyTo: message.id,
    claimId: outcome.reply.claimId,
    kind: 'passive',
    sentAt: new Date().toISOString(),
    triggerText: message.content,
  });
  deps.logger.info(
    { ...where, outcome: 'replied', claimId: outcome.reply.claimId, score: outcome.reply.score, latencyMs: Math.round(performance.now() - receivedAt) },
    'replied with a fact check',
  );
}

function missingPermissions(message: Message<true>, selfId: string): string[] {
  const granted = message.channel.permissionsFor(selfId);
  const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  const needed = new PermissionsBitField([...REPLY_PERMISSIONS, send]);
  if (granted === null) return needed.toArray();
  return granted.missing(needed);
}
