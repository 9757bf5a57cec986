import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import type { IncomingMessage } from '../../../src/core/message.ts';
import { cleanMessage } from '../../../src/core/matching/normalise.ts';

const knowledge = new KnowledgeBase(loadKnowledge([path.resolve(import.meta.dirname, '../../../knowledge')]));
const CLAIM_ID = 'trump-promised-khan-release';
const PLAIN = 'Trump promised to free Imran Khan from jail';

/** Puts `mark` after the second letter of every word of four letters or more. */
const hideIn = (text: string, mark: string) => text.replace(/\b(\w{2})(\w{2,})/g, `$1${mark}$2`);

let nextId = 0;
const message = (text: string): IncomingMessage => ({
  platform: 'slack', channelId: 'C1', messageId: String(++nextId), authorId: 'U1', authorIsBot: false, authorIsSelf: false, text,
});

/** What every path (check, hear, ask) makes of a text: the claim it replies or answers with. */
async function everyPath(text: string): Promise<{ check: string | null; hear: string | null; ask: string | null }> {
  const checker = new FactChecker(knowledge);
  const { decision } = await checker.judge(text);
  const heard = await checker.hear(message(text));
  return {
    check: decision.decision === 'reply' ? decision.match.claim.id : null,
    hear: heard.action === 'reply' ? heard.match.claim.id : null,
    ask: (await checker.ask(text)).best?.claimId ?? null,
  };
}

const INVISIBLE: [string, string][] = [
  ['zero-width space', '\u200b'],
  ['zero-width non-joiner', '\u200c'],
  ['zero-width joiner', '\u200d'],
  ['word joiner', '\u2060'],
  ['soft hyphen', '\u00ad'],
  ['byte-order mark', '\ufeff'],
  ['left-to-right and right-to-left marks', '\u200e\u200f'],
  ['bidi override and pop', '\u202e\u202c'],
  ['bidi isolates', '\u2066\u2069'],
  ['Mongolian vowel separator', '\u180e'],
  ['combining grapheme joiner', '\u034f'],
  ['invisible times (math format)', '\u2062'],
  ['tag characters', '\u{e0061}\u{e007f}'],
  ['variation selector', '\ufe01'],
  ['Hangul filler', '\u3164'],
];

describe('invisible characters inside words', () => {
  it('the plain claim is recognised on every path (the baseline the hidden ones are held to)', async () => {
    expect(await everyPath(PLAIN)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
  });

  for (const [name, mark] of INVISIBLE) {
    it(`a ${name} inside every word hides nothing from check, hear or ask`, async () => {
      const hidden = hideIn(PLAIN, mark);
      expect(hidden).not.toBe(PLAIN);
      expect(cleanMessage(hidden)).toBe(cleanMessage(PLAIN));
      expect(await everyPath(hidden)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
    });
  }

  it('a zero-width non-joiner inside Urdu words leaves an Urdu claim recognised', async () => {
    const urdu = 'ٹرمپ نے عمران خان کو جیل سے رہا کروانے کا وعدہ کیا ہے';
    const hidden = urdu.replace(/(\p{L}{2})(\p{L}{2,})/gu, '$1\u200c$2');
    expect(hidden).not.toBe(urdu);
    expect(await everyPath(urdu)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
    expect(await everyPath(hidden)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
  });
});

describe('look-alike letters inside Latin words', () => {
  it('Cyrillic look-alikes in Latin words are read as the Latin letters on every path', async () => {
    const disguised = 'Trumр prоmised to frее Іmran Кhan from jаil'; // р о е е І К а are Cyrillic
    expect(disguised).not.toBe(PLAIN);
    expect(cleanMessage(disguised)).toBe(cleanMessage(PLAIN));
    expect(await everyPath(disguised)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
  });

  it('Greek look-alikes in Latin words are read as the Latin letters on every path', async () => {
    const disguised = 'ΤRUMP prοmised tο free Ιmran ΚΗΑΝ from jail'; // Τ ο ο Ι Κ Η Α Ν are Greek
    expect(cleanMessage(disguised)).toBe(cleanMessage(PLAIN));
    expect(await everyPath(disguised)).toEqual({ check: CLAIM_ID, hear: CLAIM_ID, ask: CLAIM_ID });
  });

  it('leaves real Russian and Greek words, and Urdu and Arabic letters, as they are', () => {
    expect(cleanMessage('Трамп обещал')).toBe('трамп обещал');
    expect(cleanMessage('Καλημέρα')).toBe('καλημέρα');
    expect(cleanMessage('عمران خان جیل میں ہے')).toBe('عمران خان جیل میں ہے');
    expect(cleanMessage('ٹرمپ نے وعدہ کیا')).toBe('ٹرمپ نے وعدہ کیا');
  });
});
