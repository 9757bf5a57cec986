import { sentences } from './matching/normalise.ts';

/**
 * What a message does with a claim besides stating it: asking about it, or already correcting it.
 * Works on cleaned text (lower case, see `cleanMessage`).
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

// Words that say a claim is wrong, in English, Roman Urdu and Urdu script.
const CORRECTION =
  /\b(?:fake|faked|fabricated|doctored|edited|old (?:clip|video)|hoax|debunked|false|not true|isn'?t true|is not real|isn'?t real|not real|never happened|didn'?t happen|did not happen|never said|never promised|didn'?t (?:promise|say|happen|conspire)|did not (?:promise|say|conspire)|no proof|no evidence|never (?:been )?(?:proven|verified)|not (?:been )?(?:proven|verified)|unverified|misinformation|disinformation|propaganda|rumou?r|stop spreading|don'?t (?:forward|share|spread|believe)|jhoot|jhoota|jhooti|jhut|jhuta|jhuti|jhoot|ghalat|galat|afwah|afwaa|purani (?:video|clip)|edit(?:ed)? (?:video|clip|hai|ki)|nakli|jaali|jali)\b|(?:جھوٹ|جھوٹی|جھوٹا|جعلی|غلط|افواہ|پرانی ویڈیو|ایڈٹ|نقلی|من گھڑت)/u;

// Denials: "he wasn't impeached", "Trump ne koi wada nahi kiya", "ایسا کچھ نہیں ہوا".
const DENIAL =
  /\b(?:wasn'?t|was not|weren'?t|were not|didn'?t|did not|never|has not|hasn'?t|have not|haven'?t) (?:\w+ )?(?:impeached|promised?|pledged?|conspired?|plotted|said|say|happen(?:ed)?|removed|ousted|released|freed|tweeted|intervened?)\b|\b(?:koi|kabhi) (?:\S+ ){0,3}(?:nahi|nahin|nai|nhi)\b|\b(?:nahi|nahin|nai|nhi) (?:kiya|kia|hua|hui|huwa|tha|thi|kaha|diya|di)\b|\baisa (?:kuch|koi) |(?:نہیں کیا|نہیں ہوا|نہیں ہوئی|کوئی وعدہ نہیں|ایسا کچھ نہیں)/u;

/** Whether the message already says the claim is wrong ("that video is fake, it's an old edit"). */
export function isCorrection(clean: string): boolean {
  return CORRECTION.test(clean) || DENIAL.test(clean);
}

// Scorn for people who believe it, often phrased as a question: "ppl really think trump will…?"
const SKEPTIC =
  /\b(?:ppl|people|y'?all|you guys|log|loag) (?:really|actually|seriously|still) (?:think|believe|thought|believed)\b|\bimagine believing\b|\bwho (?:still )?believes\b|\bkaun (?:yaqeen|believe) kar/u;

/** Whether the message corrects a claim without asking about it, or scorns those who believe it. */
export function alreadyCorrects(clean: string): boolean {
  return SKEPTIC.test(clean) || sentences(clean).some((sentence) => isCorrection(sentence) && !isQuestion(sentence));
}
