import type { APIMessage, Message } from 'discord.js';
import type { IncomingMessage } from '../../core/message.ts';
import { messagePrefix } from '../../core/user-text.ts';

/**
 * What a message says: its own text, then the text of a message it forwards. A Discord forward
 * carries the forwarded words in `message_snapshots` and leaves its own content empty.
 */
export function messageText(message: Pick<Message, 'content' | 'messageSnapshots'>): string {
  const forwarded = [...(message.messageSnapshots?.values() ?? [])].map((snapshot) => snapshot.content);
  return joinTexts([message.content, ...forwarded]);
}

/** The same for a message fetched over REST. */
export function apiMessageText(message: Pick<APIMessage, 'content' | 'message_snapshots'>): string {
  return joinTexts([message.content, ...(message.message_snapshots ?? []).map((snapshot) => snapshot.message.content)]);
}

function joinTexts(texts: readonly (string | null | undefined)[]): string {
  // Each text is cut before anything else reads it: only the first characters are ever matched.
  return texts.filter((text): text is string => typeof text === 'string' && text.trim() !== '').map((text) => messagePrefix(text)).join('\n');
}

/** A guild or direct message as the core sees it; webhooks and integrations count as bots. */
export function incomingMessage(message: Message, selfId: string): IncomingMessage {
  return {
    platform: 'discord',
    ...(message.guildId === null ? {} : { teamId: message.guildId }),
    channelId: message.channelId,
    messageId: message.id,
    authorId: message.author.id,
    authorIsBot: message.author.bot || message.webhookId !== null,
    authorIsSelf: message.author.id === selfId,
    text: messageText(message),
  };
}
