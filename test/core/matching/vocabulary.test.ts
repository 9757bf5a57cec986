import { describe, expect, it } from 'vitest';
import { CONCEPTS, EXACT_WORDS, FUNCTION_WORDS, NAME_CONCEPTS, parseVocabulary } from '../../../src/core/matching/lexicon.ts';
import { cleanMessage, words } from '../../../src/core/matching/normalise.ts';
import { STOP_WORDS } from '../../../src/core/matching/stopwords.ts';
import { surfaceKey, termOf, termsOf } from '../../../src/core/matching/terms.ts';
import { nounForms, verbForms } from '../../../src/core/matching/urdu-inflections.ts';

/** Each lexicon word as the term pipeline sees it, with the concept it is listed under. */
const listed = Object.entries(CONCEPTS).flatMap(([concept, entries]) =>
  entries.flatMap((entry) => words(cleanMessage(entry)).slice(0, 1).map((word) => ({ concept, entry, word }))),
);

describe('the vocabulary across English, Roman Urdu and Urdu script', () => {
  it('holds several hundred concepts and thousands of spellings, names among them', () => {
    expect(Object.keys(CONCEPTS).length).toBeGreaterThanOrEqual(300);
    expect(listed.length).toBeGreaterThanOrEqual(3000);
    expect(NAME_CONCEPTS.has('trump') && NAME_CONCEPTS.has('modi') && NAME_CONCEPTS.has('india')).toBe(true);
    expect(FUNCTION_WORDS.length).toBeGreaterThan(1000);
  });

  it.each([
    ['arrested', 'giraftar', 'گرفتار', 'pakra'],
    ['elections', 'intikhabat', 'انتخابات', 'election'],
    ['rigged', 'dhandli', 'دھاندلی', 'rigging'],
    ['court', 'adalat', 'عدالت', 'courts'],
    ['judge', 'jaj', 'جج', 'qazi'],
    ['government', 'hukumat', 'حکومت', 'sarkar'],
    ['vaccine', 'ویکسین', 'ٹیکے', 'vaccination'],
    ['doctors', 'daktar', 'ڈاکٹر', 'doctor'],
    ['flood', 'sailab', 'سیلاب', 'floods'],
    ['prices', 'qeemat', 'قیمت', 'keemat'],
    ['died', 'maut', 'موت', 'mara'],
    ['women', 'aurat', 'خواتین', 'auraton'],
    ['children', 'bachon', 'بچوں', 'bachay'],
    ['photo', 'tasveer', 'تصویر', 'tasvir'],
    ['secret', 'khufia', 'خفیہ', 'raaz'],
    ['war', 'jang', 'جنگ', 'wars'],
    ['attack', 'hamla', 'حملے', 'hamlon'],
    ['minister', 'wazir', 'وزیر', 'ministers'],
  ])('folds "%s" and its Roman Urdu and Urdu-script words onto one term', (...spellings) => {
    const terms = spellings.map((spelling) => termOf(words(cleanMessage(spelling))[0] as string));
    expect(new Set(terms).size, terms.join(' ')).toBe(1);
    expect(terms[0]).not.toBeNull();
  });

  it('gives each spelling one concept, after the term pipeline folds it', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const { concept, entry, word } of listed) {
      if (STOP_WORDS.has(word) || EXACT_WORDS.has(entry)) continue;
      const key = surfaceKey(word);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, concept);
      else if (first !== concept) clashes.push(`${entry}: ${first} / ${concept}`);
    }
    expect(clashes).toEqual([]);
  });

  it('lists no word that the matcher reads as a stop word (it would never count)', () => {
    expect(listed.filter(({ word }) => STOP_WORDS.has(word)).map(({ concept, entry }) => `${concept}: ${entry}`)).toEqual([]);
  });

  it.each(['not', 'no', 'never', 'nahi', 'nahin', 'نہیں', 'نہ', 'fake', 'jaali', 'true', 'sach', 'proof', 'saboot', 'ثبوت', 'har', 'bahar', 'sahab'])(
    'folds the negator, stance or function word "%s" onto no concept',
    (word) => {
      const term = termOf(words(cleanMessage(word))[0] as string);
      expect(term === null || !(term in CONCEPTS), `${word} -> ${term}`).toBe(true);
    },
  );

  it('keeps apart what must stay apart: names, opposites, a statement and its denial', () => {
    const term = (word: string) => termsOf(word)[0];
    expect(term('nawaz')).not.toBe(term('imran'));
    expect(term('india')).not.toBe(term('pakistan'));
    expect(term('jeeta')).not.toBe(term('haara'));
    expect(term('arrested')).not.toBe(term('released'));
    expect(term('married')).not.toBe(term('died'));
    expect(termsOf('giraftar nahi hua')).toEqual(termsOf('giraftar hua'));
  });

  it('folds a word marked "as written" by that spelling only, not by its stem', () => {
    const term = (word: string) => termsOf(word)[0];
    expect(term('imported')).toBe(term('sazish'));
    expect(term('important')).not.toBe(term('sazish'));
    expect(term('states')).toBe(term('america'));
    expect(term('state')).not.toBe(term('america'));
    expect(term('ally')).not.toBe(term('ali'));
    expect(term('aag')).toBe(term('fire'));
    expect(term('age')).not.toBe(term('fire'));
  });

  it('reads Urdu "رہا" as "released" before کر or ہو … جا, and as the progressive "-ing" otherwise', () => {
    const release = termsOf('released')[0];
    expect(termsOf('ٹرمپ عمران خان کو رہا کروائے گا')).toContain(release);
    expect(termsOf('خان صاحب رہا ہو جائیں گے')).toContain(release);
    expect(termsOf('عمران خان کو رہا کر دیا گیا')).toContain(release);
    expect(termsOf('ٹرمپ کہہ رہا ہے')).not.toContain(release);
    expect(termsOf('میں کام کر رہا ہوں')).not.toContain(release);
  });

  it('reads the Urdu future, a particle or an ending, as the English "will"', () => {
    const will = termsOf('will')[0];
    expect(termsOf('Trump pressure daalega')).toContain(will);
    expect(termsOf('Trump pressure daale ga')).toContain(will);
    expect(termsOf('ٹرمپ دباؤ ڈالے گا')).toContain(will);
    expect(termsOf('Trump ne pressure daala')).not.toContain(will);
    expect(termsOf('petrol aur gas mehngi')).not.toContain(will);
  });

  it('generates the common forms of Urdu verb and noun stems in both scripts', () => {
    expect(verbForms('pakar')).toEqual(expect.arrayContaining(['pakar', 'pakara', 'pakari', 'pakarna', 'pakarenge', 'pakarwaya']));
    expect(verbForms('hata')).toEqual(expect.arrayContaining(['hataya', 'hatayi', 'hatana', 'hatayenge']));
    expect(verbForms('ہٹا')).toEqual(expect.arrayContaining(['ہٹایا', 'ہٹائی', 'ہٹانا', 'ہٹاتے']));
    expect(verbForms('پکڑ')).toEqual(expect.arrayContaining(['پکڑا', 'پکڑی', 'پکڑنا', 'پکڑوایا']));
    expect(nounForms('larki')).toEqual(expect.arrayContaining(['larkiyan', 'larkiyon']));
    expect(nounForms('larka')).toEqual(expect.arrayContaining(['larke', 'larkon']));
    expect(nounForms('لڑکی')).toEqual(expect.arrayContaining(['لڑکیاں', 'لڑکیوں']));
    expect(nounForms('بچہ')).toEqual(expect.arrayContaining(['بچے', 'بچوں']));
  });

  it.each([
    ['a: [1, 2]', 'words.yaml: each entry must be "concept: word word ..." (a: expected its words, as one string or a list of strings)'],
    ['Bad Key: word', 'words.yaml: "Bad Key" is no concept name'],
    ['- arrest\n- giraftar', 'words.yaml: each entry must be "concept: word word ..." (the file:'],
    ['arrest: "giraftar', 'words.yaml: cannot be read as YAML'],
  ])('names the file and the entry when a vocabulary file is malformed: %j', (text, message) => {
    expect(() => parseVocabulary(text, 'words.yaml')).toThrow(message);
  });
});
