import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactChecker } from '../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import { cleanMessage, MAX_MESSAGE_CHARS } from '../../src/core/matching/normalise.ts';

const knowledge = new KnowledgeBase(loadKnowledge([path.resolve(import.meta.dirname, '../../knowledge')]));
const checker = new FactChecker(knowledge, { guard: { cooldownMs: 0, channelRepliesPerMinute: 1e9, globalRepliesPerMinute: 1e9 } });

// Pieces that have broken text handling elsewhere: scripts, direction marks, combining floods,
// control characters, lone surrogates, emoji sequences, markdown and mention syntax.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'Trump ne Imran Khan ko riha karwane ka wada kiya', 'ٹرمپ کی ویڈیو جعلی ہے', 'عمران خان', '\u202e\u202d\u200f\u200e', '\u0000\u0007\u001b[31m',
    '\ud800', '\udfff', 'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301', '👨‍👩‍👧‍👦🏳️‍🌈🇵🇰', '**__~~`>||', '@everyone', '@here',
    '<@123456789012345678>', '<@&987654321>', '<!channel>', '<!here|here>', '<#C123|general>', 'https://t.co/abc', '\n\n\r\t',
  ),
);
const message = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(' '));
const huge = fc.tuple(piece, fc.integer({ min: 1000, max: 100_000 })).map(([p, n]) => (p.length === 0 ? 'x' : p).repeat(Math.ceil(n / Math.max(1, p.length))).slice(0, 100_000));

let id = 0;
function hear(text: string) {
  return checker.hear({ platform: 'slack', channelId: 'C1', messageId: String(++id), authorId: 'U1', authorIsBot: false, authorIsSelf: false, text });
}

describe('the core on any input', () => {
  it('never throws, and a reply never carries mention syntax from the message', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const outcome = await hear(text);
        if (outcome.action === 'reply') {
          const written = JSON.stringify(outcome.reply);
          expect(written).not.toMatch(/@everyone|@here|<@|<!|<#/);
        }
        checker.ask(text);
      }),
      { numRuns: 400 },
    );
  });

  it('returns within 50 ms for messages up to 100,000 characters', async () => {
    await fc.assert(
      fc.asyncProperty(huge, async (text) => {
        // Best of three, so a garbage-collection pause of the test process is not counted.
        let fastest = Infinity;
        for (let attempt = 0; attempt < 3; attempt++) {
          const started = performance.now();
          await hear(text);
          checker.ask(text);
          fastest = Math.min(fastest, performance.now() - started);
        }
        expect(fastest).toBeLessThan(50);
      }),
      { numRuns: 40 },
    );
  });

  it(`cuts a message to ${MAX_MESSAGE_CHARS} characters before matching`, async () => {
    const tail = ' Trump ne Imran Khan ko riha karwane ka wada kiya';
    const long = `${'chai '.repeat(MAX_MESSAGE_CHARS / 5)}${tail}`;
    expect(cleanMessage(long).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect((await hear(long)).action).toBe('ignore');
  });

  it('cleans to well-formed text: no lone surrogates, controls or direction overrides', () => {
    fc.assert(
      fc.property(message, (text) => {
        const clean = cleanMessage(text);
        expect(clean).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e]/);
        expect(clean.isWellFormed()).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
