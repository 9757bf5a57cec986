/**
 * Text people wrote, as the bot takes it in and as it repeats it: bounded before any work is
 * done on it, and stripped of the characters that hide or reorder what a reader sees.
 */
import { MAX_MESSAGE_CHARS } from './matching/normalise.ts';

/**
 * The first `max` characters of a message, cut before anything transforms it, so a 4 MB
 * message costs no more than a 4,000-character one. A surrogate pair is never split.
 */
export function messagePrefix(text: string, max: number = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// Format characters (zero-width spaces and joiners, bidi embeddings, overrides and isolates, LRM,
// soft hyphen, BOM, tags), the combining grapheme joiner, Hangul fillers that render as nothing,
// and control characters other than tab and newline.
const HIDDEN = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What a reader should see of someone's words when the bot repeats them: no characters that are
 * invisible or that reverse the text around them (a right-to-left override can make
 * "moc.live" read "evil.com"), and no broken surrogates.
 */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, '').replace(LONE_SURROGATE, '\ufffd');
}
