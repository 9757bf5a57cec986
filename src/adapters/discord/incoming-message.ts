import type { Message } from 'discord.js';
import type { IncomingMessage } from '../../core/message.ts';

/** A guild message as the core sees it; webhooks and integrations count as bots. */
export function incomingMessage(message: Message<true>, selfId: string): IncomingMessage {
  return {
    platform: 'discord',
    teamId: message.guildId,
    channelId: message.channelId,
    messageId: message.id,
    authorId: message.author.id,
    authorIsBot: message.author.bot || message.webhookId !== null,
    authorIsSelf: message.author.id === selfId,
    text: message.content,
  };
}
