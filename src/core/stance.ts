import { cleanMessage, sentences, words } from './matching/normalise.ts';
import { termOf, termsOfClean } from './matching/terms.ts';

/**
 * What a message does with a claim besides stating it: asking about it, or already correcting it,
 * read against the claim's own words. Works on cleaned text (lower case, see `cleanMessage`).
 */

const QUESTION_START =
  /^(?:is|are|was|were|did|does|do|has|have|can|could|will|would|should|kya|kia|kiya|ki|sach|really|true|real|fr|any)\b|^(?:کیا|سچ)/u;
const QUESTION_WORD =
  /\b(?:is (?:it|this|that) (?:true|real|fake|legit)|true or (?:fake|false|not)|real or (?:fake|not)|sach hai\??$|sach mein|sahi hai\??$|kya ye|kya yeh|kya wo|kya woh|anyone (?:know|seen|confirm)|can someone (?:confirm|check|verify)|fact ?check|is it real|any truth)\b|(?:کیا یہ|سچ ہے|درست ہے)/u;

/** Whether the message asks whether something is so, rather than saying it. */
export function isQuestion(clean: string): boolean {
  const text = clean.trim();
  if (/[?؟]\s*$/u.test(text) || /[?؟]/u.test(text.slice(-40))) return true;
  return QUESTION_START.test(text) && text.length < 200 ? /\?|؟/u.test(text) || QUESTION_WORD.test(text) : QUESTION_WORD.test(text);
}

/**
 * Words that call a claim wrong, in families of one sense (English, Roman Urdu, Urdu script). A
 * claim that itself says something was faked ("the moon landing was faked") makes "hoax" or "not
 * real" part of what a believer repeats, so a family the claim's own texts use is no correction.
 */
const CORRECTION_FAMILIES: readonly RegExp[] = [
  // Faked, staged, not genuine.
  /\b(?:fake|faked|fakes|faking|fabricated|doctored|hoax|hoaxes|staged|not real|isn'?t real|is not real|nakli|jaali|jali)\b|(?:جعلی|نقلی|من گھڑت)/u,
  // Edited, or an old clip passed off as new.
  /\b(?:edited|old (?:clip|video|footage)|purani (?:video|clip)|edit(?:ed)? (?:video|clip|hai|ki))\b|(?:پرانی ویڈیو|ایڈٹ)/u,
  // Untrue.
  /\b(?:false|not true|isn'?t true|untrue|debunked|misinformation|disinformation|propaganda|rumou?rs?|jhoot|jhoota|jhooti|jhut|jhuta|jhuti|ghalat|galat|afwah|afwaa)\b|(?:جھوٹ|جھوٹی|جھوٹا|غلط|افواہ)/u,
  // Unproven, or only an allegation.
  /\b(?:no proof|no evidence|never (?:been )?(?:proven|verified)|not (?:been )?(?:proven|verified)|unverified|unproven|baseless|(?:just|only|merely) (?:an? )?(?:allegation|accusation|claim)|(?:koi )?sa?boot (?:koi )?(?:nahi|nahin|nhi)|bina sa?boot|sirf (?:\S+ ){0,2}ilzaa?m)\b|(?:کوئی ثبوت نہیں|ثبوت نہیں|صرف الزام)/u,
  // Don't pass it on.
  /\b(?:stop spreading|don'?t (?:forward|share|spread|believe))\b/u,
];

// Words that turn a statement around ("he never promised", "koi wada nahi kiya", "no role").
const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'didnt', 'doesnt', 'dont', 'wasnt', 'werent', 'isnt', 'arent', 'hasnt', 'havent', 'hadnt', 'wont', 'wouldnt', 'cant', 'couldnt', 'shouldnt',
  'nahi', 'nahin', 'nai', 'nhi', 'نہیں', 'نہ',
]);
// Urdu puts its negator after what it negates ("wada nahi kiya"); English before ("never promised").
const POSTPOSED = new Set(['nahi', 'nahin', 'nai', 'nhi', 'نہیں', 'نہ']);
// A negator followed by these says no "no": "no doubt", "can't wait", "no-brainer", "no-confidence vote".
const NOT_NEGATING = new Set(['doubt', 'wonder', 'matter', 'only', 'just', 'but', 'joke', 'cap', 'lie', 'kidding', 'wait', 'believe', 'stop', 'confidence', 'gonna', 'longer', 'brainer', 'forget']);
// How many content words a negator reaches ("no role in removing").
const NEGATION_REACH = 2;
// What follows a negator that says nothing itself, so it negates its subject: "nothing to do with it".
const FILLER_AFTER = /^(?:to do with (?:it|this|that|him|them)|part in it|role in it)\b/u;

// Scorn for people who believe it, often phrased as a question: "ppl really think trump will…?"
const SKEPTIC =
  /\b(?:ppl|people|y'?all|you guys|log|loag) (?:really|actually|seriously|still) (?:think|believe|thought|believed)\b|\bimagine believing\b|\bwho (?:still )?believes\b|\bkaun (?:yaqeen|believe) kar/u;

/** What a claim says of itself, for reading a message's stance against it. */
export interface ClaimWording {
  /** The matching terms of the claim's texts: a negation counts only when it negates one of them. */
  terms: ReadonlySet<string> | null;
  /** Correction families the claim's own statements use. */
  families: ReadonlySet<number>;
  /** Terms the claim's own statements negate ("not real"). */
  negated: ReadonlySet<string>;
}

// With no claim to read against, any negated word counts.
const NO_WORDING: ClaimWording = { terms: null, families: new Set(), negated: new Set() };

/** Reads a claim's texts (its claim, headline and phrasings) once for stance. */
export function claimWording(texts: readonly string[]): ClaimWording {
  const terms = new Set<string>();
  const families = new Set<number>();
  const negated = new Set<string>();
  for (const text of texts) {
    const clean = cleanMessage(text);
    for (const term of termsOfClean(clean)) terms.add(term);
    // A question ("is the video real or fake?") does not say what the claim is.
    if (isQuestion(clean)) continue;
    CORRECTION_FAMILIES.forEach((family, i) => {
      if (family.test(clean)) families.add(i);
    });
    for (const term of negatedTerms(clean)) negated.add(term);
  }
  return { terms, families, negated };
}

/**
 * The terms a sentence negates: the content words in reach of each negator, clause by clause,
 * idioms left out. An English negator reaches the words after it ("never promised", "no role in
 * removing"), or the subject when nothing follows ("Washington had nothing to do with it"); an
 * Urdu one the word before it ("riha nahi"), or the words before "koi" ("girane mein koi haath nahi").
 */
function negatedTerms(clean: string): string[] {
  const out: string[] = [];
  for (const clause of clean.replace(/\bno-(?=\p{L})/gu, 'no ').split(/[,;:،]|\s[-–—]\s/u)) {
    const list = words(clause);
    const terms = list.map((word) => (NEGATORS.has(word) ? null : termOf(word)));
    const before = (from: number, count: number) => {
      for (let j = from - 1; j >= 0 && count > 0; j--) {
        const term = terms[j];
        if (term === null || term === undefined) continue;
        out.push(term);
        count--;
      }
    };
    list.forEach((word, i) => {
      if (!NEGATORS.has(word)) return;
      if (POSTPOSED.has(word)) {
        const koi = list.lastIndexOf('koi', i);
        before(i, 1);
        if (koi >= 0 && koi > i - 4) before(koi, NEGATION_REACH);
        return;
      }
      if (NOT_NEGATING.has(list[i + 1] ?? '')) return;
      let reached = 0;
      for (let j = i + 1; j < list.length && reached < NEGATION_REACH; j++) {
        const term = terms[j];
        if (term === null || term === undefined) continue;
        out.push(term);
        reached++;
      }
      if (i + 1 === list.length || FILLER_AFTER.test(list.slice(i + 1).join(' '))) before(i, NEGATION_REACH);
    });
  }
  return out;
}

/** Whether one sentence says the claim is wrong, in words the claim itself does not use. */
export function isCorrection(sentence: string, claim: ClaimWording = NO_WORDING): boolean {
  if (CORRECTION_FAMILIES.some((family, i) => !claim.families.has(i) && family.test(sentence))) return true;
  return negatedTerms(sentence).some((term) => (claim.terms === null || claim.terms.has(term)) && !claim.negated.has(term));
}

/**
 * Whether the message corrects, denies or scorns the claim rather than stating or asking about it:
 * a sentence that calls it wrong or negates it (in words the claim does not use itself), not asked
 * as a question; or scorn for those who believe it.
 */
export function alreadyCorrects(clean: string, claim: ClaimWording = NO_WORDING): boolean {
  return SKEPTIC.test(clean) || sentences(clean).some((sentence) => isCorrection(sentence, claim) && !isQuestion(sentence));
}
