import { cleanMessage, sentences, words } from './matching/normalise.ts';
import { termOf, termsOfClean } from './matching/terms.ts';
import { forbids } from './matching/predicate.ts';

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
interface CorrectionFamily {
  pattern: RegExp;
  /** A test on the sentence's words beside the pattern. */
  words?: (clean: string) => boolean;
}
const CORRECTION_FAMILIES: readonly CorrectionFamily[] = [
  // Faked, staged, not genuine, never happened: one sense, so a claim that the moon landing was
  // faked is repeated by "the moon landing never happened", and the other way round.
  { pattern: /\b(?:fake|faked|fakes|faking|fabricated|doctored|hoax|hoaxes|staged|not real|isn'?t real|is not real|nakli|jaali|jali|asli nahi(?:n)?|man ?gha?rat|never happened|(?:didn'?t|did not|never) (?:even )?happen)\b|(?:جعلی|نقلی|من گھڑت|اصلی نہیں)/u },
  // Edited, or an old clip passed off as new.
  // Or cut to seem to say what it does not ("make it look like", "out of context").
  { pattern: /\b(?:edited|old (?:clip|video|footage)|purani (?:video|clip)|edit(?:ed)? (?:video|clip|hai|ki|shuda)|spliced|cut (?:it |them )?up|out of context|(?:video|clip|footage) (?:is|was) (?:\S+ )?(?:years|months) old|from years ago|(?:make|makes|made) (?:it|him|them) (?:look|seem|sound) like|made to (?:look|seem|sound) like)\b|(?:پرانی ویڈیو|پرانا کلپ|ایڈٹ)/u },
  // Untrue. Someone lying ("nasa jhoot bolta hai", as English "NASA is lying") is no correction:
  // believers say it of whoever denies their claim.
  { pattern: /\b(?:false|not true|isn'?t true|untrue|debunked|misinformation|disinformation|propaganda|rumou?rs?|(?:jhoot|jhoota|jhooti|jhut|jhuta|jhuti)(?! bol)|ghalat|galat|afwah|afwaa|afwahen|bakwa+s|whatsapp uni(?:versity)?|(?:sach|sahi|durust) (?:nahi|nahin|nhi)|(?:aisa|esa) (?:kuch|koi) (?:nahi|nahin|nhi) hua|hua hi (?:nahi|nahin|nhi))\b|(?:ایسا کچھ نہیں ہوا|جھوٹ(?! بول)|جھوٹی|جھوٹا|غلط|افواہ|افواہیں|بکواس|(?:سچ|صحیح|درست) نہیں)/u },
  // Unproven, or only an allegation (a proof word negated is read in `saysUnproven`).
  { pattern: /\b(?:unverified|unproven|baseless|(?:just|only|merely) (?:an? )?(?:allegation|accusation|claim)|be ?bunn?iyaa?d|sirf (?:\S+ ){0,2}ilzaa?m|(?:ilzaa?m|narrative|bayania|bayaniya) hi (?:hai|tha))\b|(?:بے ?بنیاد|صرف (?:\S+ ){0,2}الزام)/u, words: saysUnproven },
  // Don't pass it on.
  { pattern: /\b(?:stop spreading|don'?t (?:forward|share|spread|believe))\b/u },
];

// Words that turn a statement around ("he never promised", "koi wada nahi kiya", "no role").
const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'didnt', 'doesnt', 'dont', 'wasnt', 'werent', 'isnt', 'arent', 'hasnt', 'havent', 'hadnt', 'wont', 'wouldnt', 'cant', 'cannot', 'couldnt', 'shouldnt',
  'nahi', 'nahin', 'nai', 'nhi', 'نہیں', 'نہ',
]);
// Urdu puts its negator after what it negates ("wada nahi kiya"); English before ("never promised").
const POSTPOSED = new Set(['nahi', 'nahin', 'nai', 'nhi', 'نہیں', 'نہ']);
// A negator followed by these says no "no": "no doubt", "can't wait", "no-brainer", "no-confidence vote".
// So do verbs of knowing: "I didn't know", "they don't realise" grant what follows.
const NOT_NEGATING = new Set([
  'doubt', 'wonder', 'matter', 'only', 'just', 'but', 'joke', 'cap', 'lie', 'kidding', 'wait', 'believe', 'stop', 'confidence', 'gonna', 'longer', 'brainer', 'forget',
  'know', 'knew', 'known', 'realize', 'realise', 'realized', 'realised', 'understand', 'understood',
]);
// An Urdu negator after these says no "no" either: "koi shak nahi" (no doubt), "koi baat nahi" (never mind).
const NOT_NEGATED = new Set(['shak', 'shaq', 'shuba', 'doubt', 'masla', 'baat', 'شک', 'شبہ', 'مسئلہ', 'بات']);
// Verbs of reporting: "nobody is talking about this", "the media won't show you this" say the
// story is kept quiet, not that it is untrue, when said of nobody or of the media.
const REPORTING = /^(?:talk(?:s|ing|ed)?|discuss(?:es|ing|ed)?|report(?:s|ing|ed)?|cover(?:s|ing|ed)?|show(?:s|ing|n|ed)?|mention(?:s|ing|ed)?|air(?:s|ing|ed)?|dikha\S*|dikhay\S*)$/u;
const NO_ONE = new Set(['nobody', 'noone']);
const MEDIA = /\b(?:media|news|channels?|tv|press|anchors?|journalists?|akhbar\S*)\b|میڈیا|چینل/u;
// "Until" in Urdu is "as long as … not".
const UNTIL = /\bjab ?tak\b|جب تک/u;
// "Any": an Urdu negator reaches back past it to what it quantifies ("girane mein koi haath nahi").
const ANY = new Set(['koi', 'کویی']);
// Words of proof, and of its absence: a negator near one says the claim is unproven
// ("koi saboot nahi mila", "کبھی ثابت نہیں ہوئی", "never been proven", "without evidence").
const PROOF = new Set([
  'proof', 'proofs', 'proven', 'prove', 'proved', 'evidence', 'verified', 'confirmed',
  'saboot', 'suboot', 'sabut', 'sabot', 'saabit', 'sabit', 'tasdeeq', 'tasdiq', 'ثبوت', 'ثابت', 'تصدیق',
]);
const WITHOUT = new Set(['without', 'bina', 'baghair', 'bagair', 'بغیر', 'بلا', 'بنا']);
// How many content words may stand between a proof word and its negator.
const PROOF_REACH = 2;
// English negators that open a command ("never drink", "don't open", "do not share"), and the
// words that may stand before one ("please don't").
const FORBIDDING = new Set(['never', 'dont', 'not']);
const OPENERS = new Set(['please', 'pls', 'plz', 'so', 'and', 'just', 'do', 'urgent', 'warning']);
// The negative auxiliaries a rhetorical question opens with.
const RHETORICAL = /^\s*(?:did|does|do|is|was|were|are|has|have|wo|ca|would|could)n['’]?t\b/u;
// Negators of ability, which deny something of the word before them too.
const CANNOT = new Set(['cant', 'cannot', 'couldnt']);
// How many content words a negator reaches ("no role in removing").
const NEGATION_REACH = 2;
// What follows a negator that says nothing itself, so it negates its subject: "nothing to do with it".
const FILLER_AFTER = /^(?:to do with (?:it|this|that|him|them)|part in it|role in it)\b/u;

// Scorn for people who believe it, often phrased as a question ("ppl really think trump will…?"),
// or its believers named to be mocked ("people who think the moon landing was staged need to read
// a book", "flat earthers are clowns").
const SKEPTIC =
  /\b(?:ppl|people|y'?all|you guys|log|loag) (?:really|actually|seriously|still) (?:think|believe|thought|believed)\b|\bimagine believing\b|\bwho (?:still )?believes\b|\b(?:people|those|anyone|anybody|folks|ppl|idiots|clowns) (?:who|that) (?:still |actually |really |seriously |genuinely )?(?:think|thinks|believe|fall for|falls for|buy into|buys into)\b|\b(?:conspiracy theorists?|tin ?foil|flat ?earthers?|truthers?|anti ?-?vaxx?ers?)\b|\bkaun (?:yaqeen|yakeen|yaqin|believe) kar|\b(?:log|loag|awam) (?:(?:ab|abhi|phir) bhi|sach mein) (?:\S+ ){0,4}?(?:yaqeen|yakeen|yaqin) kar(?:te|tay|ti|enge|lete)\b|(?:لوگ|عوام) (?:اب|ابھی|پھر) بھی (?:\S+ ){0,4}?یقین کر|کون یقین کر/u;

/** What a claim says of itself, for reading a message's stance against it. */
export interface ClaimWording {
  /** The matching terms of the claim's texts: a negation counts only when it negates one of them. */
  terms: ReadonlySet<string> | null;
  /** Correction families the claim's own statements use. */
  families: ReadonlySet<number>;
  /** Terms the claim's own statements negate ("not real"). */
  negated: ReadonlySet<string>;
  /** What the claim says something prevents or cures ("covid" of "garlic protects you from covid"). */
  prevented: ReadonlySet<string>;
}

// With no claim to read against, any negated word counts.
const NO_WORDING: ClaimWording = { terms: null, families: new Set(), negated: new Set(), prevented: new Set() };

// Verbs of keeping something away: a claim that garlic prevents covid says there will be no covid,
// so "lehsan khao, corona nahi hoga" (eat garlic, no corona) states it, while "garlic does not
// prevent covid" still denies it.
const PREVENTING = new Set(['prevent', 'stop', 'protect', 'cure', 'heal', 'save', 'immunity', 'shield', 'guard'].map((word) => termOf(word) as string));

/** The terms that follow a verb of prevention in a text, within a negator's reach. */
function preventedTerms(clean: string): string[] {
  const out: string[] = [];
  for (const clause of clausesOf(clean)) {
    const terms = words(clause)
      .map((word) => termOf(word))
      .filter((term): term is string => term !== null);
    terms.forEach((term, i) => {
      if (PREVENTING.has(term)) out.push(...terms.slice(i + 1, i + 1 + NEGATION_REACH).filter((t) => !PREVENTING.has(t)));
    });
  }
  return out;
}

/** Reads a claim's texts (its claim, headline and phrasings) once for stance. */
export function claimWording(texts: readonly string[]): ClaimWording {
  const terms = new Set<string>();
  const families = new Set<number>();
  const negated = new Set<string>();
  const prevented = new Set<string>();
  for (const text of texts) {
    const clean = cleanMessage(text);
    for (const term of termsOfClean(clean)) terms.add(term);
    // What a claim negates is its wording, asked or said ("Did Lincoln say America will never be
    // destroyed from the outside?"); a question's correction words ("is the video real or fake?")
    // do not say what the claim is.
    // A question that opens with a negator asks in the claim's favour ("didn't Trump say he'd free
    // Imran Khan?"): that negator negates nothing of the claim.
    const asked = sentences(clean)
      .map((sentence) => (isQuestion(sentence) ? sentence.replace(RHETORICAL, '') : sentence))
      .join(' . ');
    for (const term of negatedTerms(asked, true).flat()) negated.add(term);
    for (const term of preventedTerms(clean)) prevented.add(term);
    if (isQuestion(clean)) continue;
    CORRECTION_FAMILIES.forEach((family, i) => {
      if (saysFamily(family, clean)) families.add(i);
    });
  }
  return { terms, families, negated, prevented };
}

/** A sentence's clauses: a negation reaches no further than its clause. */
function clausesOf(clean: string): string[] {
  return clean.replace(/\bno-(?=\p{L})/gu, 'no ').split(/[,;:،]|\s[-–—]\s/u);
}

/**
 * The terms a sentence negates, one list per negator: the content words in reach of it, clause by
 * clause, idioms left out. An English negator reaches the words after it ("never promised", "no
 * role in removing"), or the subject when nothing follows ("Washington had nothing to do with
 * it"); an Urdu one the word before it ("riha nahi"), or the words before "koi" ("girane mein koi
 * haath nahi"). "No. 13" is a number.
 */
function negatedTerms(clean: string, claimsOwn = false): string[][] {
  const groups: string[][] = [];
  for (const clause of clausesOf(clean)) {
    const list = words(clause);
    const terms = list.map((word) => (NEGATORS.has(word) ? null : termOf(word)));
    let out: string[] = [];
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
      if (saysKeptQuiet(list, terms, i, clause)) return;
      if (word === 'no' && /^\d/.test(list[i + 1] ?? '')) return;
      out = [];
      groups.push(out);
      if (POSTPOSED.has(word)) {
        // "jab tak Khan riha nahi hota" is "until Khan is released": no denial.
        if (UNTIL.test(list.slice(0, i).join(' '))) return;
        const previous = list.slice(0, i).filter((w) => !ANY.has(w)).pop() ?? '';
        if (NOT_NEGATED.has(previous)) return;
        const any = list.findLastIndex((w, j) => j < i && ANY.has(w));
        before(i, 1);
        if (any >= 0 && any > i - 4) before(any, NEGATION_REACH);
        return;
      }
      // "No longer" denies nothing of a message's claim ("Khan is no longer PM"), but a claim that
      // says it negates what follows ("khan is no longer in adiala").
      if (NOT_NEGATING.has(list[i + 1] ?? '') && !(claimsOwn && list[i + 1] === 'longer')) return;
      // "Never drink milk after fish" warns, it does not deny.
      if (FORBIDDING.has(word) && list.slice(0, i).every((w) => OPENERS.has(w)) && forbids(list.join(' '))) {
        groups.pop();
        return;
      }
      let reached = 0;
      for (let j = i + 1; j < list.length && reached < NEGATION_REACH; j++) {
        const term = terms[j];
        if (term === null || term === undefined) continue;
        out.push(term);
        reached++;
      }
      if (i + 1 === list.length || FILLER_AFTER.test(list.slice(i + 1).join(' '))) before(i, NEGATION_REACH);
      // "HAARP can't make a monsoon" denies what its subject can do.
      else if (CANNOT.has(word)) before(i, 1);
    });
  }
  return groups.filter((group) => group.length > 0);
}

/**
 * Whether the negator at `i` says the story goes unreported ("how is nobody talking about this",
 * "no one is covering it", "Pakistani media is not showing this", "media ye nahi dikhaye ga"):
 * the first content word after it is a verb of reporting (an Urdu verb, too, follows its
 * negator), and it is said of nobody or of the media.
 */
function saysKeptQuiet(list: readonly string[], terms: readonly (string | null)[], i: number, clause: string): boolean {
  const noOne = list[i] === 'no' && list[i + 1] === 'one';
  let j = noOne ? i + 2 : i + 1;
  while (j < list.length && (terms[j] === null || terms[j] === undefined) && !REPORTING.test(list[j] as string)) j++;
  return REPORTING.test(list[j] ?? '') && (noOne || NO_ONE.has(list[i] as string) || MEDIA.test(clause));
}

/** Whether a sentence says what a family of correction words says. */
function saysFamily(family: CorrectionFamily, clean: string): boolean {
  return family.pattern.test(clean) || (family.words?.(clean) ?? false);
}

/**
 * Whether a sentence says something lacks proof: a proof word within reach of a negator or
 * "without", either side (Urdu puts the negator after, English before), idioms left out.
 */
function saysUnproven(clean: string): boolean {
  for (const clause of clausesOf(clean)) {
    const list = words(clause).filter((word) => NEGATORS.has(word) || WITHOUT.has(word) || PROOF.has(word) || termOf(word) !== null);
    for (let i = 0; i < list.length; i++) {
      if (!PROOF.has(list[i] as string)) continue;
      for (let j = Math.max(0, i - PROOF_REACH - 1); j <= Math.min(list.length - 1, i + PROOF_REACH + 1); j++) {
        const word = list[j] as string;
        if (j !== i && (WITHOUT.has(word) || (NEGATORS.has(word) && !NOT_NEGATING.has(list[j + 1] ?? '')))) return true;
      }
    }
  }
  return false;
}

/** Whether one sentence says the claim is wrong, in words the claim itself does not use. */
export function isCorrection(sentence: string, claim: ClaimWording = NO_WORDING): boolean {
  if (CORRECTION_FAMILIES.some((family, i) => !claim.families.has(i) && saysFamily(family, sentence))) return true;
  // A negation that reaches a word the claim itself negates is the claim's own ("Kamala Harris is
  // not eligible to be President", of the claim that she is not eligible to serve).
  // Nor one that says away what the claim says is kept away ("corona nahi hoga" of "garlic prevents
  // covid"), unless it negates the keeping away itself.
  const own = (group: string[]) => {
    // The claim's word nearest the negator must be one the claim negates itself: "khan was not
    // moved out of adiala" denies "khan is no longer in adiala", "khan adiala mein nahi" says it.
    const nearest = group.find((term) => claim.terms === null || claim.terms.has(term));
    if (nearest !== undefined && claim.negated.has(nearest)) return true;
    return group.some((term) => claim.prevented.has(term)) && !group.some((term) => PREVENTING.has(term));
  };
  return negatedTerms(sentence).some((group) => !own(group) && group.some((term) => claim.terms === null || claim.terms.has(term)));
}

/**
 * Whether the message corrects, denies or scorns the claim rather than stating or asking about it:
 * a sentence that calls it wrong or negates it (in words the claim does not use itself), not asked
 * as a question; or scorn for those who believe it.
 */
export function alreadyCorrects(clean: string, claim: ClaimWording = NO_WORDING): boolean {
  return SKEPTIC.test(clean) || sentences(clean).some((sentence) => isCorrection(sentence, claim) && !isQuestion(sentence));
}
