/** The verdict scale of a fact-checked claim, from the knowledge base's point of view. */
export const VERDICTS = ['false', 'misleading', 'unverified', 'unsupported', 'accurate'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface VerdictStyle {
  /** Short label shown to people. */
  label: string;
  /** Embed colour on Discord (RGB). */
  colour: number;
  /** Emoji shortcode used on Slack and in the terminal. */
  emoji: string;
  /** The schema.org ClaimReview `reviewRating.alternateName` this verdict is published as. */
  claimReviewRating: string;
  /** Numeric rating on a 1 (false) to 5 (true) scale, for `reviewRating.ratingValue`. */
  ratingValue: number;
}

export const VERDICT_STYLE: Record<Verdict, VerdictStyle> = {
  false: { label: 'False', colour: 0xd93025, emoji: ':x:', claimReviewRating: 'False', ratingValue: 1 },
  misleading: { label: 'Misleading', colour: 0xf29900, emoji: ':warning:', claimReviewRating: 'Misleading', ratingValue: 2 },
  unverified: { label: 'Unverified', colour: 0x9aa0a6, emoji: ':grey_question:', claimReviewRating: 'Unproven', ratingValue: 3 },
  unsupported: { label: 'Unsupported', colour: 0x8e6bd6, emoji: ':crystal_ball:', claimReviewRating: 'Unsupported', ratingValue: 3 },
  accurate: { label: 'Accurate', colour: 0x188038, emoji: ':white_check_mark:', claimReviewRating: 'True', ratingValue: 5 },
};

/** Verdicts the passive listener may speak about: a settled correction is worth interrupting a chat for. */
export const CORRECTABLE_VERDICTS: ReadonlySet<Verdict> = new Set(['false', 'misleading', 'unverified', 'unsupported']);

// Textual ratings that fact-checkers publish in ClaimReview feeds, folded to lower case with
// punctuation and spaces removed. Anything not listed is refused with a message naming it.
const RATING_TO_VERDICT: Record<string, Verdict> = {
  false: 'false', pantsonfire: 'false', fake: 'false', incorrect: 'false', wrong: 'false', fabricated: 'false',
  mostlyfalse: 'misleading', misleading: 'misleading', halftrue: 'misleading', mixture: 'misleading',
  missingcontext: 'misleading', outofcontext: 'misleading', miscaptioned: 'misleading', partlyfalse: 'misleading',
  partiallyfalse: 'misleading', distorted: 'misleading', exaggerated: 'misleading', altered: 'misleading',
  manipulated: 'misleading', satire: 'misleading', labeledsatire: 'misleading', misattributed: 'misleading',
  unverified: 'unverified', unproven: 'unverified', unsubstantiated: 'unverified', research: 'unverified',
  researchinprogress: 'unverified', unknown: 'unverified', legend: 'unverified',
  unsupported: 'unsupported', noevidence: 'unsupported', speculation: 'unsupported',
  scam: 'false', outdated: 'misleading', originatedassatire: 'misleading', lostlegend: 'unverified',
  legit: 'accurate', true: 'accurate', mostlytrue: 'accurate', accurate: 'accurate', correct: 'accurate', correctattribution: 'accurate',
};

/** Maps a published textual rating ("Pants on Fire!", "Mostly False") onto the verdict scale. */
export function verdictFromRating(rating: string): Verdict | undefined {
  const key = rating.toLowerCase().replace(/[^a-z]/g, '');
  return RATING_TO_VERDICT[key];
}
