import { ChannelType, PermissionFlagsBits, PermissionsBitField, type Message } from 'discord.js';
import type { Logger } from 'pino';
import type { ChannelFilter } from '../../core/channel-filter.ts';
import { DIRECT_MESSAGE_HINT, isRoutineIgnore, type FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { cleanMessage } from '../../core/matching/normalise.ts';
import { answerReply } from './answer-reply.ts';
import { factCheckEmbed } from './fact-check-embed.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import { incomingMessage, messageText } from './incoming-message.ts';
import type { DiscordReviewCards } from './review-cards.ts';
import { recordPosted } from '../reply-records.ts';

export interface PassiveDeps {
  checker: FactChecker;
  channels: ChannelFilter;
  logger: Logger;
  /** When set, replies carry feedback buttons and are recorded, so they can be rated and updated. */
  moderation?: ModerationService | undefined;
  /** With DISCORD_REVIEW_CHANNEL_ID: messages the bot was unsure about become review cards. */
  review?: DiscordReviewCards | undefined;
}

// A reply needs all of these; Read Message History because a reply references the message.
const REPLY_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.EmbedLinks, PermissionFlagsBits.ReadMessageHistory];

const MENTION_HINT =
  'Mention me with the claim you want checked (`@me Trump promised to free Imran Khan`), or reply to a message and mention me. `/factcheck` works too.';

/**
 * Hears one channel message and, when the core says so, replies to it with the fact-check
 * embed. A message that @-mentions the bot is an ask, answered in any channel it can write in;
 * so is a direct message to the bot.
 */
export async function hearMessage(message: Message, selfId: string, deps: PassiveDeps): Promise<void> {
  // Every message leaves one line with its `outcome`, so "why did it not answer?" has an answer at debug level.
  const where = { channelId: message.channelId, messageId: message.id };
  if (!message.inGuild()) {
    if (message.channel.type === ChannelType.DM) await answerAsk(message, selfId, deps, where);
    return;
  }
  // People often pick the bot's own role (same name) when they @ it: that names the bot too.
  const botRoleId = message.guild.members.me?.roles.botRole?.id;
  if (selfId !== '' && mentionsBot(message.content, selfId, botRoleId)) return answerAsk(message, selfId, deps, where, botRoleId);
  // Threads follow their parent channel's LISTEN_CHANNELS / IGNORE_CHANNELS setting.
  const configuredChannel = message.channel.isThread() ? (message.channel.parentId ?? message.channelId) : message.channelId;
  if (!deps.channels.listensIn(configuredChannel)) {
    deps.logger.debug({ ...where, outcome: 'filtered' }, 'not listening in this channel (LISTEN_CHANNELS / IGNORE_CHANNELS)');
    return;
  }

  const receivedAt = performance.now();
  const incoming = incomingMessage(message, selfId);
  const outcome = await deps.checker.hear(incoming);
  if (outcome.action === 'ignore') {
    if (outcome.suggestion !== undefined) await deps.review?.suggest(message, incoming, outcome.suggestion);
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
  const reply = { platform: 'discord', channelId: message.channelId, messageId: sent.id, inReplyTo: message.id, claimId: outcome.reply.claimId, kind: 'passive', sentAt: new Date().toISOString(), triggerText: messageText(message) } as const;
  await recordPosted(deps, reply, () => sent.edit({ components: [] }));
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

/** Whether the text @-mentions the bot or its own role (not @everyone, another role, or a reply's implicit ping). */
function mentionsBot(content: string, selfId: string, botRoleId: string | undefined): boolean {
  return content.includes(`<@${selfId}>`) || content.includes(`<@!${selfId}>`) || (botRoleId !== undefined && content.includes(`<@&${botRoleId}>`));
}

/** The text without the mentions of the bot (and of its role). */
function withoutBotMentions(content: string, selfId: string, botRoleId?: string): string {
  const tokens = [`<@!${selfId}>`, `<@${selfId}>`, ...(botRoleId === undefined ? [] : [`<@&${botRoleId}>`])];
  return tokens.reduce((text, token) => text.split(token).join(' '), content).trim();
}

/**
 * Someone asked: named the bot in a channel (answered in the open, as a reply there) or wrote to
 * it (answered in the DM). A bare mention in reply to another message checks that message; a
 * message with nothing to check gets a short how-to.
 */
async function answerAsk(message: Message, selfId: string, deps: PassiveDeps, where: { channelId: string; messageId: string }, botRoleId?: string): Promise<void> {
  const direct = !message.inGuild();
  let text = withoutBotMentions(messageText(message), selfId, botRoleId);
  if (!direct && cleanMessage(text) === '' && message.reference?.messageId !== undefined) {
    try {
      text = messageText(await message.fetchReference());
    } catch (error) {
      deps.logger.debug({ ...where, error: error instanceof Error ? error.message : String(error) }, 'could not read the message a mention replied to');
    }
  }
  const outcome = await deps.checker.mention({ ...incomingMessage(message, selfId), text });
  if (outcome.action === 'ignore' && outcome.reason !== 'empty') {
    // Its own answers come back as DM messages: not worth a line at info.
    deps.logger[isRoutineIgnore(outcome.reason) ? 'debug' : 'info']({ ...where, outcome: 'ignored', reason: outcome.reason }, direct ? 'direct message, not answering' : 'mentioned, not answering');
    return;
  }
  if (message.inGuild()) {
    const missing = missingPermissions(message, selfId);
    if (missing.length > 0) {
      deps.logger.warn({ ...where, outcome: 'no-permission', missing }, `mentioned in #${message.channel.name} but the bot lacks ${missing.join(', ')} there; grant them to its role`);
      return;
    }
  }
  if (outcome.action === 'ignore') {
    await message.reply({ content: direct ? DIRECT_MESSAGE_HINT : MENTION_HINT });
    deps.logger.info({ ...where, outcome: 'hint' }, direct ? 'direct message without anything to check; sent how to ask' : 'mentioned without anything to check; sent how to ask');
    return;
  }
  const { answer } = outcome;
  // The client's allowedMentions ({ parse: [], repliedUser: false }) keeps the echoed text from pinging anyone.
  const sent = await message.reply(answerReply(answer));
  // A direct answer is seen by one person, like a private /factcheck: not kept for note updates.
  if (!direct && answer.best !== undefined) {
    await recordPosted(deps, { platform: 'discord', channelId: message.channelId, messageId: sent.id, inReplyTo: message.id, claimId: answer.best.claimId, kind: 'answer', sentAt: new Date().toISOString() });
  }
  deps.logger.info({ ...where, outcome: 'answered', best: answer.best?.claimId, matches: answer.matches.length }, direct ? 'answered a direct message' : 'answered a mention');
}
