/**
 * Hostile messages for the fault suite: each names a claim the bot knows, wrapped in something a
 * spreader or a prankster would add, and what in the bot's answer would mean it leaked.
 */

const CLAIM = 'did trump promise to get imran khan released from jail';

const WRAPPERS: Record<string, (claim: string) => string> = {
  'masked link': (c) => `${c} [Official notice: verify your account](http://evil.example)`,
  'two masked links on a line': (c) => `[a](http://one.example) ${c} [b](http://two.example)`,
  'masked link with angle brackets': (c) => `${c} [click](<http://evil.example>)`,
  'masked link across words': (c) => `[${c}](http://evil.example/${'x'.repeat(40)})`,
  'bold and italics': (c) => `**${c}** *now* _please_`,
  'underline and strike': (c) => `__${c}__ ~~fake~~`,
  spoiler: (c) => `||${c}||`,
  heading: (c) => `# ${c}`,
  'block quote': (c) => `> ${c}\n> more`,
  'code block': (c) => `\`\`\`\n${c}\n\`\`\``,
  'inline code': (c) => `\`${c}\``,
  'slack bold, strike, italics': (c) => `*${c}* ~gone~ _it_`,
  'slack link markup': (c) => `<http://evil.example|${c}>`,
  'slack special mentions': (c) => `<!channel> <!here> <!everyone> ${c}`,
  'slack user group': (c) => `<!subteam^S0ADMINS|@admins> ${c}`,
  'discord everyone and here': (c) => `@everyone @here ${c}`,
  'discord role and user mentions': (c) => `<@&123456789012345678> <@123456789012345678> ${c}`,
  'right-to-left override': (c) => `${c} \u202egnp.exe\u202c`,
  'left-to-right override': (c) => `\u202d${c}\u202c`,
  'bidi isolates': (c) => `\u2067${c}\u2069 \u2068x\u2069`,
  'right-to-left mark': (c) => `\u200f${c}\u200f`,
  'zero-width space in words': (c) => c.replace(/(\w)(\w)/g, '$1\u200b$2'),
  'zero-width joiner and non-joiner': (c) => c.replace(/ /g, '\u200d \u200c'),
  'word joiner': (c) => c.replace(/ /g, '\u2060 '),
  'soft hyphens': (c) => c.replace(/(\w{3})/g, '$1\u00ad'),
  'byte order marks': (c) => `\ufeff${c}\ufeff`,
  'mongolian vowel separator': (c) => c.replace(/ /g, '\u180e '),
  'combining grapheme joiner': (c) => c.replace(/a/g, 'a\u034f'),
  'unicode tags': (c) => `${c} \u{E0041}\u{E0042}\u{E007F}`,
  'control characters': (c) => `${c}\u0007\u0008\u001b[31m`,
  'lone surrogates': (c) => `${c} \ud800 \udc00`,
  'zalgo marks': (c) => c.replace(/(\w)/g, '$1\u0301\u0302\u0303\u0304'),
  'newline flood': (c) => `${c}${'\n'.repeat(500)}end`,
  'huge message (100,000 characters)': (c) => `${c} ${'lorem ipsum '.repeat(8_400)}`,
  'html and script': (c) => `<script>alert(1)</script> ${c} &amp; &lt;b&gt;`,
  'emoji and joiners': (c) => `👨‍👩‍👧 ${c} 🏳️‍🌈`,
  'timestamp and command markup': (c) => `<t:1700000000:R> </factcheck:123> ${c}`,
  'escape characters': (c) => `\\*${c}\\* \\[x\\](y)`,
  'pipes and brackets': (c) => `|${c}| [[x]] ((y))`,
  'url alone': (c) => `${c} http://evil.example/verify?account=1`,
  'hangul fillers': (c) => `\u3164${c}\u115f`,
  'fullwidth forms': (c) => c.replace(/[a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
  'cyrillic look-alikes': (c) => c.replace(/a/g, 'а').replace(/o/g, 'о'),
  'line and paragraph separators': (c) => `${c}\u2028\u2029next`,
  'empty after mentions': () => '@everyone <!here>',
};

/** Each hostile message, by what it tries. */
export const HOSTILE_INPUTS: { name: string; text: string }[] = Object.entries(WRAPPERS).map(([name, wrap]) => ({ name, text: wrap(CLAIM) }));

// Discord: a masked link the reader could click without seeing its address.
const MASKED_LINK = /(?<!\\)\[(?:[^\]\\\n]|\\.)*(?<!\\)\]\(/;
// Characters that hide or reorder text.
const HIDDEN = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u;

/** What is unsafe in a Discord message the bot sent: a way to ping, a masked link or hidden characters where the question is echoed. */
export function discordLeaks(body: Record<string, unknown>): string[] {
  const leaks: string[] = [];
  const allowed = body['allowed_mentions'] as { parse?: unknown[] } | undefined;
  if (allowed === undefined || (allowed.parse ?? []).length > 0) leaks.push('can ping');
  const embeds = (body['embeds'] ?? []) as { description?: string; footer?: { text?: string } }[];
  const markdown = [String(body['content'] ?? ''), ...embeds.map((e) => e.description ?? '')].join('\n');
  if (MASKED_LINK.test(markdown)) leaks.push('masked link');
  if (HIDDEN.test(markdown) || embeds.some((e) => HIDDEN.test(e.footer?.text ?? ''))) leaks.push('hidden characters');
  return leaks;
}

/** What is unsafe in a Slack post: mention syntax, link parsing, or formatting and hidden characters in the quoted question. */
export function slackLeaks(args: Record<string, unknown>): string[] {
  const leaks: string[] = [];
  if (args['link_names'] !== false || args['parse'] === 'full') leaks.push('link names');
  const shown = JSON.stringify(args['blocks'] ?? []) + String(args['text'] ?? '');
  if (/<[!@#][^>]*>/.test(shown)) leaks.push('mention syntax');
  const blocks = (args['blocks'] ?? []) as { text?: { text?: string } }[];
  const echo = blocks.map((b) => b.text?.text ?? '').find((t) => t.startsWith('*Fact-check for:*'));
  const quoted = echo?.slice('*Fact-check for:*\n'.length) ?? '';
  if (/[*_~`]/.test(quoted)) leaks.push('formatting in the echo');
  if (HIDDEN.test(shown.replace(/\\u[0-9a-f]{4}/gi, (e) => String.fromCharCode(parseInt(e.slice(2), 16))))) leaks.push('hidden characters');
  return leaks;
}
