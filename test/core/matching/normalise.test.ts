import { describe, expect, it } from 'vitest';
import { cleanMessage, words } from '../../../src/core/matching/normalise.ts';
import { foldLatin, termOf, termsOf } from '../../../src/core/matching/terms.ts';

describe('cleanMessage', () => {
  it('folds full-width and compatibility characters with NFKC', () => {
    expect(cleanMessage('ＴＲＵＭＰ ﬁne')).toBe('trump fine');
  });

  it('drops links, including pic.twitter.com and t.co residue', () => {
    expect(cleanMessage('look https://t.co/abc pic.twitter.com/xyz www.example.com/a now')).toBe('look now');
  });

  it('drops the "— Name (@handle) Month D, YYYY" tail of an embedded tweet', () => {
    expect(cleanMessage('Starlink is active — Tim Mak (@timkmak) March 7, 2022')).toBe('starlink is active');
  });

  it('removes Discord and Slack mention tokens but keeps a Slack link label', () => {
    expect(cleanMessage('<@123> <#C1|general> see <https://x.y|the clip>')).toBe('see the clip');
  });

  it('keeps the words of @handles and #hashtags, split at capitals', () => {
    expect(cleanMessage('@SpiritAirlines charges #MilitaryFamilies')).toBe('spirit airlines charges military families');
  });

  it('removes emoji and emoji shortcodes', () => {
    expect(cleanMessage('trump 😂🔥 :fire: khan 👍🏽')).toBe('trump khan');
  });

  it('removes markdown emphasis and quotes', () => {
    expect(cleanMessage('> **Imran** _khan_ ~~free~~')).toBe('imran khan free');
  });

  it('counts letters typed over and over once', () => {
    expect(cleanMessage('sooooo fakeeee')).toBe('so fake');
  });

  it('folds Arabic letter forms onto the Urdu letters people type', () => {
    expect(cleanMessage('عمران خان كي رہائي')).toBe(cleanMessage('عمران خان کی رہائی'));
  });

  it('reads "U.S." and "US" as the country and leaves the pronoun "us" alone', () => {
    expect(cleanMessage('the U.S. told us')).toBe('the usa told us');
  });

  it.each([
    ["was khan's ouster a us conspiracy?", "was khan's ouster a usa conspiracy?"],
    ['the us had no role in it', 'the usa had no role in it'],
    ['us officials met the army chief', 'usa officials met the army chief'],
    ['a us-backed plot', 'a usa-backed plot'],
    ['they told us the truth', 'they told us the truth'],
    ['let us pray for him', 'let us pray for him'],
  ])('reads a lower-cased "us" after an article or before a word of state as the country: %s', (text, clean) => {
    expect(cleanMessage(text)).toBe(clean);
  });
});

describe('terms', () => {
  it('drops possessives and apostrophes when splitting words', () => {
    expect(words("khan's trump’s don't")).toEqual(['khan', 'trump', 'dont']);
  });

  it('folds Roman Urdu spelling variants onto one key', () => {
    expect(foldLatin('waada')).toBe(foldLatin('wada'));
    expect(foldLatin('vada')).toBe(foldLatin('wada'));
    expect(foldLatin('hukoomat')).toBe(foldLatin('hukumat'));
  });

  it('reads English idioms by their sense, and their words alone by nothing more', () => {
    expect(termsOf('Trump gave his word that Khan would be released')).toEqual(termsOf('Trump promised that Khan would be released'));
    expect(termsOf('they threw him out of office')).toContain(termOf('removed'));
    expect(termsOf('Khan was voted out by parliament')).toEqual(expect.arrayContaining([termOf('vote'), termOf('removed'), 'khan']));
    expect(termsOf('they locked him up')).toEqual([termOf('prison')]);
    expect(termsOf('Khan is behind bars')).toEqual(['khan', termOf('prison')]);
    // "mark my words" and "a word from Trump" promise nothing; "get out" releases no one.
    expect(termsOf('mark my words, a word from trump')).not.toContain(termOf('promise'));
    expect(termsOf('get him out of here')).not.toContain(termOf('release'));
  });

  it('reads a government ended as one removed, in Roman Urdu and Urdu script, and "khatam" alone as no removal', () => {
    expect(termsOf('america ne khan ki hukumat khatam karwa di')).toContain(termOf('removed'));
    expect(termsOf('امریکہ نے عمران خان کی حکومت ختم کروائی')).toContain(termOf('removed'));
    expect(termsOf('baat khatam, chai piyo')).not.toContain(termOf('removed'));
  });

  it('reads someone taken out of prison as released, in Roman Urdu and Urdu script, and "nikala" alone as removed', () => {
    expect(termsOf('Trump Imran Khan ko jail se nikalwaye ga')).toEqual(expect.arrayContaining([termOf('release'), termOf('will')]));
    expect(termsOf('adiala se bahar nikal aayenge')).toContain(termOf('release'));
    expect(termsOf('ٹرمپ عمران خان کو جیل سے نکالیں گے')).toContain(termOf('release'));
    expect(termsOf('generals ne khan ko nikalwaya')).toContain(termOf('removed'));
    expect(termsOf('generals ne khan ko nikalwaya')).not.toContain(termOf('release'));
  });

  it('maps English, Roman Urdu and Urdu words of one concept to one term', () => {
    expect(termOf('jail')).toBe('prison');
    expect(termOf('jel')).toBe('prison');
    expect(termOf('جیل')).toBe('prison');
    expect(termOf('rihai')).toBe(termOf('released'));
  });

  it('drops stop words in all three languages', () => {
    expect(termsOf('the trump ka hai یہ')).toEqual(['trump']);
  });
});
