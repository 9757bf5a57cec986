import { escapeMarkdown } from 'discord.js';
import { visibleText } from '../../core/user-text.ts';

/**
 * Someone's words as the bot repeats them in Discord markdown (message content, embed
 * descriptions and fields): they read as typed, and cannot format the bot's reply, hide a
 * link behind a label (`[Official notice](http://evil.example)`) or reorder it with bidi marks.
 */
export function echoedMarkdown(text: string): string {
  const escaped = escapeMarkdown(visibleText(text), { heading: true, bulletedList: true, numberedList: true, maskedLink: false });
  // discord.js escapes only the first link of a line; escaping every bracket leaves no label to hide behind.
  return escaped.replace(/[[\]]/g, '\\$&');
}

/** Someone's words where Discord shows text as it is (embed footers, select labels): only what hides or reorders goes. */
export function echoedPlain(text: string): string {
  return visibleText(text);
}
