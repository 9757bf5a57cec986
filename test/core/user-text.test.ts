import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/core/matching/normalise.ts';
import { messagePrefix, visibleText } from '../../src/core/user-text.ts';

describe('messagePrefix', () => {
  it('keeps the first 4,000 characters of a longer message and leaves a shorter one alone', () => {
    expect(messagePrefix('short')).toBe('short');
    const long = `${'a'.repeat(MAX_MESSAGE_CHARS)}TAIL`;
    expect(messagePrefix(long)).toBe('a'.repeat(MAX_MESSAGE_CHARS));
  });

  it('never splits an emoji (a surrogate pair) at the cut', () => {
    const text = `${'a'.repeat(MAX_MESSAGE_CHARS - 1)}😀😀`;
    expect(messagePrefix(text)).toBe('a'.repeat(MAX_MESSAGE_CHARS - 1));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (s, max) => {
      const cut = messagePrefix(s, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(s.startsWith(cut)).toBe(true);
      expect(/[\ud800-\udbff]$/.test(cut)).toBe(false);
    }));
  });
});

describe('visibleText', () => {
  it('removes zero-width, bidi, soft-hyphen, BOM, tag and control characters and keeps the words, newlines and emoji', () => {
    expect(visibleText('Tr\u200bump pr\u200comised\u200d to fr\u2060ee Im\u00adran Kh\ufeffan\u180e from ja\u034fil')).toBe('Trump promised to free Imran Khan from jail');
    expect(visibleText('\u202egnp.exe\u202c and \u2067isolated\u2069 \u200e\u200f')).toBe('gnp.exe and isolated ');
    expect(visibleText('tag\u{E0041}\u{E007F}s, bell\u0007 and\nnew line, 😀 ok')).toBe('tags, bell and\nnew line, 😀 ok');
  });

  it('leaves nothing invisible in any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(visibleText(s)).not.toMatch(/[\p{Cf}\u034f]/u);
      expect(visibleText(s)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }));
  });
});
