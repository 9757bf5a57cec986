/**
 * Slack's text markup, both ways: what the bot writes must never ping anyone, and what people
 * wrote must reach the matcher as the words they saw, not as `<@U123>` references.
 */
import { messagePrefix, visibleText } from '../../core/user-text.ts';

/**
 * Escapes text for mrkdwn (and for a message's `text`) so that nothing in it becomes a mention,
 * a channel link or a URL: `<!channel>`, `<@U1>` and `<#C1>` only work with a raw `<`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// mrkdwn has no escape for its formatting marks; look-alike characters read the same and format nothing.
const FORMATTING_MARKS: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/**
 * Someone's words as the bot repeats them in mrkdwn: escaped like all text, with no bold,
 * italics, strike-through or code of their own, and no invisible or bidi characters.
 */
export function echoMrkdwn(text: string): string {
  return escapeMrkdwn(visibleText(text)).replace(/[*_~`]/g, (mark) => FORMATTING_MARKS[mark] ?? mark);
}

/** Someone's words as a block quote: `>` at the start of every line, the words as echoMrkdwn leaves them. */
export function quoteEcho(text: string): string {
  return prefixLines(echoMrkdwn(text));
}

/** A mrkdwn link whose label and address cannot break out of the `<url|label>` syntax. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Turns a Slack message's markup into the plain text a reader sees: `<@U1|ana>` -> `@ana`,
 * `<!here>` -> `@here`, `<https://x|label>` -> `label`, `&amp;` -> `&`.
 * Mentions of `removeUserId` (the bot itself) are dropped, so "@bot is this true?" matches on its words.
 */
export function plainText(slackText: string, removeUserId?: string): string {
  // Cut first: every step below is linear, but a 4 MB message must not cost more than the words matched.
  return messagePrefix(slackText)
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => readableReference(inner, removeUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function readableReference(inner: string, removeUserId: string | undefined): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    if (removeUserId !== undefined && target.slice(1) === removeUserId) return '';
    return label === undefined ? '@someone' : `@${label.replace(/^@/, '')}`;
  }
  if (target.startsWith('#')) return label === undefined ? '#channel' : `#${label.replace(/^#/, '')}`;
  if (target.startsWith('!')) {
    if (label !== undefined) return label;
    const [special = ''] = target.slice(1).split('^');
    return `@${special}`;
  }
  return label ?? target;
}

/** A block quote: escaped text with `>` at the start of every line. */
export function quote(text: string): string {
  return prefixLines(escapeMrkdwn(text));
}

function prefixLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** Cuts text to Slack's field limits, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What a Slack message carries besides its own text: a shared message or an unfurled message link. */
export interface SharedText {
  attachments?: ReadonlyArray<{ text?: string | undefined; is_share?: boolean | undefined; is_msg_unfurl?: boolean | undefined }> | undefined;
}

/**
 * The words of a Slack message as a reader sees them: its own text, then the text of a message it
 * shares ("Share message", or a link to a message that Slack unfurls), which Slack puts in an
 * attachment and not in `text`.
 */
export function messageWords(message: { text?: string | undefined } & SharedText, removeUserId?: string): string {
  const shared = (message.attachments ?? []).filter((a) => a.is_share === true || a.is_msg_unfurl === true).map((a) => a.text ?? '');
  return [message.text ?? '', ...shared].map((text) => plainText(text, removeUserId)).filter((text) => text !== '').join('\n');
}
