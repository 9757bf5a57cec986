/**
 * Turns raw chat text into clean, comparable text: what a message says, without the platform
 * syntax, links, emoji and typing habits around it.
 */

/** Messages are cut to this many characters before matching; a claim is stated long before. */
export const MAX_MESSAGE_CHARS = 4000;

const URL = /\b(?:https?:\/\/|www\.)\S+|\bpic\.twitter\.com\/\S+|\bt\.co\/\S+/gi;
// Discord <@123> <@!123> <@&123> <#123> </cmd:123> <:emoji:123> <a:emoji:123> <t:123:R>;
// Slack <@U123> <#C123|name> <!here> <!subteam^S1|@team>.
const PLATFORM_TOKEN = /<(?:[@#!&/]|a?:\w+:|t:)[^<>\s]*>/g;
// Slack links keep their label: <https://x.y|label> -> label.
const SLACK_LINK = /<(?:https?:|mailto:)[^|<>]*\|([^<>]*)>/g;
const HANDLE = /(?:^|(?<=\s|[(\[.]))@([\p{L}\p{N}_.]+)/gu;
// Hashtags and handles name things in camel case ("#BernieTakesNevada", "@SpiritAirlines").
const HASHTAG = /(?:^|(?<=\s|[(\[]))#([\p{L}\p{N}_]+)/gu;
const splitCamel = (name: string) => ` ${name.replace(/(\p{Ll})(?=\p{Lu})|(\p{Lu})(?=\p{Lu}\p{Ll})|_+/gu, '$1$2 ').replace(/\.+$/, '')} `;
const EMOJI_SHORTCODE = /:[a-z0-9_+-]{2,40}:/g;
// Emoji, pictographs, their joiners, skin tones and variation selectors.
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{1F1E6}-\u{1F1FF}\u200d\ufe0e\ufe0f\u20e3]/gu;
// The "— Name (@handle) March 3, 2021" tail that an embedded tweet carries.
const TWEET_TAIL = /[—–-]+\s*[^—–\n]{0,80}\(@\w+\)\s*\w+\s+\d{1,2},\s*\d{4}\s*$/u;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Characters that render as nothing: format characters (zero-width space, non-joiner and joiner,
// word joiner, soft hyphen, BOM, LRM/RLM/ALM, bidi overrides and isolates, tags), the Mongolian
// vowel separator, the combining grapheme joiner, variation selectors and Hangul fillers. Put
// inside a word they hide it from a filter, so they are deleted, not read as a space. (ZWNJ also
// shapes Urdu and Persian words; deleting it only joins the letters, as most people type them.)
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
// Cyrillic and Greek letters that look like Latin ones, as typed inside Latin words to dodge filters.
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', Ѕ: 'S', І: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I',
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u052f]/;
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const LATIN_LETTER = /[A-Za-z]/;

/**
 * Folds look-alike Cyrillic and Greek letters onto Latin ones in words that mix them with Latin
 * letters ("Trumр", "Іmran"), and in words made only of look-alikes within Latin text. A word of
 * real Russian or Greek has letters with no Latin twin and stays as it is.
 */
function foldLookAlikes(text: string): string {
  const latinText = LATIN_LETTER.test(text);
  return text.replace(LETTER_RUN, (word) => {
    if (!CYRILLIC_OR_GREEK.test(word)) return word;
    const folded = [...word].map((c) => LOOK_ALIKES[c] ?? c).join('');
    const mixed = LATIN_LETTER.test(word);
    return mixed || (latinText && /^[A-Za-z]+$/.test(folded)) ? folded : word;
  });
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MARKDOWN = /[*_~`|>#]+/g;
// Combining marks beyond the first two on one letter: "Zalgo" floods.
const MARK_FLOOD = /(\p{M}{2})\p{M}+/gu;

// Arabic-script spellings folded to the Urdu letters people mostly type; diacritics dropped.
const ARABIC_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ARABIC_FOLD: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ك': 'ک', 'ه': 'ہ', 'ة': 'ہ', 'ۀ': 'ہ', 'ۂ': 'ہ', 'ۃ': 'ہ',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و', 'ۓ': 'ے',
};
const ARABIC_FOLD_RE = new RegExp(`[${Object.keys(ARABIC_FOLD).join('')}]`, 'g');
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

const US_COUNTRY =
  /(?<=^|\s)((?:the|a) )us\b(?!')|(?<=^|\s)us(?=[ -](?:government|govt|president|presidents|conspiracy|officials?|administration|army|military|embassy|elections?|congress|senate|state department|establishment|backed|sponsored|led|role|hand|intervention|pressure|policy|diplomat|diplomats|ambassador|sanctions|aid)\b)/gu;

/** Strips what a chat platform, a browser or a keyboard adds around the words of a message. */
export function cleanMessage(raw: string): string {
  let text = raw.length > MAX_MESSAGE_CHARS ? raw.slice(0, MAX_MESSAGE_CHARS) : raw;
  // Most texts are plain ASCII: the Unicode-only steps (surrogates, NFKC, marks, emoji, Arabic
  // script) leave them as they are, and each platform step needs its marker character; skip those.
  const ascii = ASCII_ONLY.test(text);
  if (!ascii) text = text.replace(INVISIBLE, '').replace(LONE_SURROGATE, ' ').normalize('NFKC');
  text = text.replace(CONTROL, ' ');
  if (!ascii && CYRILLIC_OR_GREEK.test(text)) text = foldLookAlikes(text);
  if (!ascii) text = text.replace(MARK_FLOOD, '$1');
  if (text.includes('<')) text = text.replace(SLACK_LINK, ' $1 ').replace(PLATFORM_TOKEN, ' ');
  text = text.replace(URL, ' ');
  if (text.includes('(@')) text = text.replace(TWEET_TAIL, ' ');
  if (text.includes('@')) text = text.replace(HANDLE, (_, name: string) => splitCamel(name));
  if (text.includes('#')) text = text.replace(HASHTAG, (_, name: string) => splitCamel(name));
  if (text.includes(':')) text = text.replace(EMOJI_SHORTCODE, ' ');
  if (!ascii) text = text.replace(EMOJI, ' ');
  text = text.replace(MARKDOWN, ' ');
  // "U.S." and "US" are the country; lower-cased "us" is a pronoun.
  if (text.includes('U')) text = text.replace(/\bU\.S\.A?\.?(?=\s|$|[,;:!?)])/g, ' usa ').replace(/\bUSA?\b/g, ' usa ');
  text = text.toLowerCase();
  // So is a lower-cased "us" after an article or before a word of state: "a us conspiracy", "the
  // us", "us officials"; "told us", "for us" are the pronoun.
  if (text.includes('us')) text = text.replace(US_COUNTRY, (_, article: string | undefined) => `${article ?? ''}usa`);
  if (text.includes(',')) text = text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (!ascii && ARABIC_SCRIPT.test(text)) {
    text = text
      .replace(ARABIC_DIACRITICS, '')
      .replace(ARABIC_FOLD_RE, (c) => ARABIC_FOLD[c] ?? c)
      .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  }
  // Letters typed over and over ("sooooo", "fakeee") count once.
  text = text.replace(/(\p{L})\1{2,}/gu, '$1');
  return text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const APOSTROPHE = /['’]/;

/** Splits cleaned text into words: letters and digits, with possessive 's and apostrophes dropped. */
export function words(clean: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(clean); match !== null; match = WORD.exec(clean)) {
    let word = match[0];
    if (APOSTROPHE.test(word)) word = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
    if (word.length > 0 && word.length <= 40) out.push(word);
  }
  return out;
}

/** Splits cleaned text into sentences or lines, so a claim buried in a long forward is seen on its own. */
export function sentences(clean: string): string[] {
  return clean
    // "No. 13" is a number, not the end of a sentence.
    .split(/(?<=[.!?؟۔])(?<!\bno\.)\s+|(?<=\bno\.)\s+(?!\d)|\n+/iu)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
