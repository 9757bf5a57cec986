import { describe, expect, it } from 'vitest';
import { echoMrkdwn, escapeMrkdwn, messageWords, mrkdwnLink, plainText } from '../../../src/adapters/slack/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it('turns &, < and > into entities, & first so nothing is escaped twice', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  it('leaves no mention, channel or link syntax behind', () => {
    const escaped = escapeMrkdwn('<!channel> <!here> <!everyone> <@U123> <#C123|general> <!subteam^S1|@team> <https://evil.example|click>');
    expect(escaped).not.toMatch(/</);
    expect(escaped).not.toMatch(/>/);
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMrkdwn("Khan's 10-year sentence: *not* overturned")).toBe("Khan's 10-year sentence: *not* overturned");
  });
});

describe('mrkdwnLink', () => {
  it('keeps a label from closing the link or starting another', () => {
    expect(mrkdwnLink('https://example.com/a?b=1&c=2', 'A | B <x>')).toBe('<https://example.com/a?b=1&amp;c=2|A ¦ B &lt;x&gt;>');
  });
});

describe('plainText', () => {
  it('reads mentions, channels and links as a person sees them', () => {
    expect(plainText('<@U1|ana> see <#C1|general> and <https://x.example/a|this video> &amp; <https://y.example>')).toBe(
      '@ana see #general and this video & https://y.example',
    );
  });

  it('reads special mentions as words, so they match nothing and ping nothing', () => {
    expect(plainText('<!channel> <!here> <!subteam^S1|@team> hi')).toBe('@channel @here @team hi');
  });

  it('drops mentions of the bot itself', () => {
    expect(plainText('<@UBOT> is this true?', 'UBOT')).toBe('is this true?');
  });

  it('unescapes entities once, in the right order', () => {
    expect(plainText('1 &lt; 2 &amp;&amp; 3 &gt; 2, &amp;lt;')).toBe('1 < 2 && 3 > 2, &lt;');
  });
});

describe('messageWords', () => {
  it('reads a shared message or an unfurled message link after the message text, and no other attachment', () => {
    const shared = { text: '', attachments: [{ is_share: true, text: 'Trump promised to free <@U1|imran>' }] };
    expect(messageWords(shared)).toBe('Trump promised to free @imran');
    const commented = { text: '<@UBOT> is this true?', attachments: [{ is_msg_unfurl: true, text: 'Trump promised to free Imran Khan' }] };
    expect(messageWords(commented, 'UBOT')).toBe('is this true?\nTrump promised to free Imran Khan');
    expect(messageWords({ text: 'a link', attachments: [{ text: 'a page preview' }] })).toBe('a link');
    expect(messageWords({})).toBe('');
  });
});

describe('reading a huge message', () => {
  it('reads only the first 4,000 characters of a 4 MB message: nothing past the cut reaches the matcher', () => {
    const huge = `Trump promised to free Imran Khan ${'<@U1|ana> &amp; '.repeat(250_000)}<https://far.example|FAR-LABEL>`;
    const read = plainText(huge, 'UBOT');
    expect(read.startsWith('Trump promised to free Imran Khan @ana & @ana')).toBe(true);
    expect(read.length).toBeLessThanOrEqual(4000);
    expect(read).not.toContain('FAR-LABEL');
  });
});

describe('echoMrkdwn', () => {
  it('turns bold, italics, strike-through and code marks into look-alikes that format nothing, and escapes &, < and >', () => {
    expect(echoMrkdwn('*b* _i_ ~s~ `c` <!here> &')).toBe('\u2217b\u2217 \u02cdi\u02cd \u223cs\u223c \u02cbc\u02cb &lt;!here&gt; &amp;');
  });

  it('drops bidi overrides and zero-width characters', () => {
    expect(echoMrkdwn('\u202eabc\u202c d\u200be\u2066f\u2069')).toBe('abc def');
  });
});
