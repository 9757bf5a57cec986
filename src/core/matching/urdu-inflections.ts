/**
 * The common inflections of an Urdu verb or noun, in Roman Urdu and in Urdu script, so the
 * vocabulary lists a stem once ("pakar-", "ہٹا-") and matches the forms people type ("pakra",
 * "pakrenge", "ہٹایا", "ہٹائیں"). Spelling variety on top of these ("pakda", "pakraa") is the
 * term pipeline's job (`foldLatin`, respelling of unknown words).
 */

const LATIN = /^[a-z]+$/;

// Roman Urdu: perfective, infinitive, imperative and subjunctive, habitual, future, polite forms.
const LATIN_CONSONANT_STEM = [
  '', 'a', 'i', 'e', 'ay', 'ey', 'na', 'ne', 'ni', 'nay', 'o', 'en', 'ein', 'on', 'un', 'ta', 'ti', 'te', 'tay',
  'ega', 'egi', 'enge', 'engi', 'unga', 'ungi', 'oge', 'iye', 'ie',
  // Causative in -wa- ("pakarwaya": had him caught).
  'wa', 'waya', 'wayi', 'wai', 'waye', 'wana', 'wane', 'wani', 'wata', 'wati', 'wate', 'wayega', 'waega', 'wayenge', 'waenge', 'waunga',
];
const LATIN_VOWEL_STEM = [
  '', 'ya', 'yi', 'ye', 'i', 'e', 'ey', 'na', 'ne', 'ni', 'nay', 'o', 'en', 'ein', 'yen', 'yein', 'un', 'ta', 'ti', 'te', 'tay',
  'ega', 'egi', 'enge', 'yega', 'yegi', 'yenge', 'unga', 'ungi', 'oge', 'iye',
];
const URDU_CONSONANT_STEM = [
  '', 'ا', 'ی', 'ے', 'نا', 'نے', 'نی', 'و', 'یں', 'وں', 'تا', 'تی', 'تے', 'ےگا', 'ےگی', 'یںگے', 'وںگا', 'وگے', 'یے',
  'وا', 'وایا', 'وائی', 'وائے', 'وانا', 'وانے', 'وانی', 'واتا', 'واتی', 'واتے', 'وائیں', 'وائےگا',
];
const URDU_ALEF_STEM = ['', 'یا', 'ئی', 'ئے', 'نا', 'نے', 'نی', 'ؤ', 'ئیں', 'ؤں', 'تا', 'تی', 'تے', 'ئےگا', 'ئےگی', 'ئیںگے', 'ؤںگا', 'ؤگے'];

/** The common forms of a verb stem ("pakar", "hata", "پکڑ", "ہٹا"): the stem itself first. */
export function verbForms(stem: string): string[] {
  if (LATIN.test(stem)) {
    const suffixes = /[aeiou]$/.test(stem) ? LATIN_VOWEL_STEM : LATIN_CONSONANT_STEM;
    return suffixes.map((suffix) => stem + suffix);
  }
  const suffixes = stem.endsWith('ا') ? URDU_ALEF_STEM : URDU_CONSONANT_STEM;
  return suffixes.map((suffix) => stem + suffix);
}

/** The singular, plural and oblique forms of a noun ("larka", "aurat", "لڑکی"): the stem itself first. */
export function nounForms(stem: string): string[] {
  if (LATIN.test(stem)) {
    if (stem.endsWith('a')) {
      const root = stem.slice(0, -1);
      return [stem, `${root}e`, `${root}ay`, `${root}on`, `${root}o`];
    }
    if (stem.endsWith('i')) return [stem, `${stem}yan`, `${stem}yon`, `${stem}an`, `${stem}on`];
    return [stem, `${stem}on`, `${stem}ein`, `${stem}en`];
  }
  if (stem.endsWith('ا') || stem.endsWith('ہ')) {
    const root = stem.slice(0, -1);
    return [stem, `${root}ے`, `${root}وں`];
  }
  if (stem.endsWith('ی')) return [stem, `${stem}اں`, `${stem}وں`];
  return [stem, `${stem}یں`, `${stem}وں`];
}

/**
 * The words one vocabulary entry stands for: "pakar-" is a verb stem and "aurat+" a noun stem,
 * each with its forms; any other entry is the word itself.
 */
export function entryForms(entry: string): string[] {
  if (entry.length > 1 && entry.endsWith('-')) return verbForms(entry.slice(0, -1));
  if (entry.length > 1 && entry.endsWith('+')) return nounForms(entry.slice(0, -1));
  return [entry];
}
