import type { FeedbackKind } from '../../core/store/moderation-store.ts';

/**
 * The state of a multi-step moderator action, carried in a component's or modal's custom_id
 * (Discord allows 100 characters), so the bot keeps nothing in memory between the steps.
 *
 * | step            | custom_id                 | what it is                                        |
 * | --------------- | ------------------------- | ------------------------------------------------- |
 * | feedback        | `fb:helpful`              | a passive reply's Helpful / Not relevant button   |
 * | pick-claim      | `pk:CHANNEL:MESSAGE`      | the claim picker (string select) of a correction  |
 * | search-claims   | `ps:CHANNEL:MESSAGE`      | its "Search…" button, which opens the search form |
 * | searched        | `pf:CHANNEL:MESSAGE`      | the search form (modal)                           |
 * | correct         | `pc:MESSAGE36:CLAIM`      | the comment form of a correction (modal)          |
 * | add             | `ca`                      | the /claim add form                               |
 * | edit            | `ce:VERSION:CLAIM`        | the /claim edit form, opened at VERSION           |
 * | review-accept   | `ra:SUGGESTION:CLAIM`     | a review card's "It is <claim>" button            |
 * | review-other    | `ro:SUGGESTION`           | its "Another claim…" button                       |
 * | review-reject   | `rn:SUGGESTION`           | its "Not a claim" button                          |
 * | review-pick     | `rp:SUGGESTION`           | the claim picker "Another claim…" opens           |
 * | review-search   | `rs:SUGGESTION`           | that picker's "Search…" button                    |
 * | review-searched | `rf:SUGGESTION`           | its search form (modal)                           |
 * | review-reply    | `rr:SUGGESTION`           | "Reply with the note", after an acceptance        |
 *
 * `correct` leaves out the channel (the form is submitted in the target's channel) and writes
 * the message id in base 36, so that a claim id of 80 characters still fits.
 */
export type ModeratorStep =
  | { step: 'feedback'; kind: FeedbackKind }
  | { step: 'pick-claim' | 'search-claims' | 'searched'; channelId: string; messageId: string }
  | { step: 'correct'; messageId: string; claimId: string }
  | { step: 'add' }
  | { step: 'edit'; claimId: string; version: number }
  | { step: 'review-accept'; suggestionId: string; claimId: string }
  | { step: ReviewStep; suggestionId: string };

type ReviewStep = 'review-other' | 'review-reject' | 'review-pick' | 'review-search' | 'review-searched' | 'review-reply';

export const CUSTOM_ID_MAX = 100;

const TARGET_PREFIX = { 'pick-claim': 'pk', 'search-claims': 'ps', searched: 'pf' } as const;
const SNOWFLAKE = /^\d{1,20}$/;
const REVIEW_PREFIX: Record<ReviewStep, string> = { 'review-other': 'ro', 'review-reject': 'rn', 'review-pick': 'rp', 'review-search': 'rs', 'review-searched': 'rf', 'review-reply': 'rr' };
const REVIEW_STEP = Object.fromEntries(Object.entries(REVIEW_PREFIX).map(([step, prefix]) => [prefix, step as ReviewStep]));
// Suggestion ids are 12 hex digits (ReviewQueue.suggest).
const SUGGESTION_ID = /^[0-9a-f]{12}$/;

export function customId(step: ModeratorStep): string {
  const id = encode(step);
  // Every part has a bounded length (snowflakes, claim ids of at most 80), so this is a bug if it happens.
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id "${id}" is longer than Discord's ${CUSTOM_ID_MAX} characters`);
  return id;
}

function encode(step: ModeratorStep): string {
  switch (step.step) {
    case 'feedback':
      return `fb:${step.kind}`;
    case 'pick-claim':
    case 'search-claims':
    case 'searched':
      return `${TARGET_PREFIX[step.step]}:${step.channelId}:${step.messageId}`;
    case 'correct':
      return `pc:${BigInt(step.messageId).toString(36)}:${step.claimId}`;
    case 'add':
      return 'ca';
    case 'edit':
      return `ce:${step.version}:${step.claimId}`;
    case 'review-accept':
      return `ra:${step.suggestionId}:${step.claimId}`;
    default:
      return `${REVIEW_PREFIX[step.step]}:${step.suggestionId}`;
  }
}

/** The step a custom_id names, or undefined for one this bot did not make. */
export function stepOf(id: string): ModeratorStep | undefined {
  const [prefix, first = '', ...rest] = id.split(':');
  const second = rest.join(':');
  switch (prefix) {
    case 'fb':
      return first === 'helpful' || first === 'not-relevant' ? { step: 'feedback', kind: first } : undefined;
    case 'pk':
    case 'ps':
    case 'pf': {
      if (!SNOWFLAKE.test(first) || !SNOWFLAKE.test(second)) return undefined;
      const step = prefix === 'pk' ? 'pick-claim' : prefix === 'ps' ? 'search-claims' : 'searched';
      return { step, channelId: first, messageId: second };
    }
    case 'pc': {
      if (!/^[0-9a-z]{1,13}$/.test(first) || second === '') return undefined;
      return { step: 'correct', messageId: fromBase36(first), claimId: second };
    }
    case 'ca':
      return { step: 'add' };
    case 'ce': {
      const version = Number(first);
      return Number.isSafeInteger(version) && version >= 0 && second !== '' ? { step: 'edit', claimId: second, version } : undefined;
    }
    case 'ra':
      return SUGGESTION_ID.test(first) && second !== '' ? { step: 'review-accept', suggestionId: first, claimId: second } : undefined;
    default: {
      const step = prefix === undefined ? undefined : REVIEW_STEP[prefix];
      return step !== undefined && SUGGESTION_ID.test(first) && second === '' ? { step, suggestionId: first } : undefined;
    }
  }
}

function fromBase36(text: string): string {
  let value = 0n;
  for (const digit of text) value = value * 36n + BigInt(parseInt(digit, 36));
  return value.toString();
}
