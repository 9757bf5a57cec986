/**
 * What the review queue teaches, measured: messages are replayed in order through the real core
 * (FactChecker, ReviewPolicy, ModerationService over a store in memory), and a simulated
 * moderator decides the first suggestions: "It is <claim>" when a candidate is the message's
 * claim, "Not a claim" otherwise (or, with `picks`, "Another claim…" and the message's claim). At checkpoints (after N decisions) the passive replies are
 * scored again over the whole stream.
 */
import type { Actor } from '../core/moderation/actor.ts';
import type { IncomingMessage } from '../core/message.ts';
import { openFactCheckCore } from '../fact-check-core.ts';

/** One message of the stream, and the claims a correct reply may name (none: the bot should stay silent). */
export interface ReplayMessage {
  text: string;
  gold: readonly string[];
}

export interface ReplayScores {
  /** Messages scored. */
  messages: number;
  /** Of them, messages with a claim the bot should reply with. */
  withGold: number;
  replies: number;
  correct: number;
  /** Correct replies over replies (1 when it never replied). */
  precision: number;
  /** Correct replies over messages with a claim. */
  recall: number;
}

export interface Checkpoint {
  /** Decisions made so far. */
  decisions: number;
  accepted: number;
  rejected: number;
  /** Every message of the stream, heard again after these decisions. */
  all: ReplayScores;
  /** The same, leaving out the messages that were decided (their own lesson would count for them). */
  unseen: ReplayScores;
  /** The messages left out of `unseen`, scored before any decision, to compare with. */
  unseenBefore: ReplayScores;
}

export interface ReplayResult {
  messages: number;
  /** Suggestions queued during the replay, decided or not. */
  suggestions: number;
  /** Of them, those with the message's claim among the candidates (what the moderator accepts). */
  correctSuggestions: number;
  before: ReplayScores;
  checkpoints: Checkpoint[];
}

export interface ReplayOptions {
  /** Knowledge locations, as openFactCheckCore takes them (a claims folder, a ClaimReview feed). */
  knowledge: string[];
  reviewThreshold: number;
  /** Decision counts at which the stream is scored again; the moderator stops after the last. */
  checkpoints: readonly number[];
  /**
   * `buttons`: "It is <claim>" when a candidate is the message's claim, else "Not a claim".
   * `picks`: a moderator who also uses "Another claim…" to pick the message's claim when no candidate is it.
   */
  moderator?: 'buttons' | 'picks';
  /** Told after each decision (progress). */
  onDecision?: (decisions: number) => void;
}

const MODERATOR: Actor = { id: 'eval:moderator', name: 'simulated moderator', platform: 'cli', isModerator: true };

/** Replays `stream` in order with a simulated moderator; see the module comment. */
export async function replayWithModerator(stream: readonly ReplayMessage[], options: ReplayOptions): Promise<ReplayResult> {
  const core = await openFactCheckCore({
    knowledge: options.knowledge,
    dataDir: null,
    review: { reviewThreshold: options.reviewThreshold },
    // The caps keep a review channel readable; a replay has no hours to spread over.
    reviewLimits: { perChannelPerHour: Number.MAX_SAFE_INTEGER, perTeamPerHour: Number.MAX_SAFE_INTEGER },
  });
  try {
    // What the bot replies to each message now: the claim it names, or null for silence.
    const replies = () => Promise.all(stream.map(async (item) => {
      const { decision } = await core.checker.judge(item.text);
      return decision.decision === 'reply' ? decision.match.claim.id : null;
    }));
    const everything = stream.map((_, i) => i);
    const first = await replies();
    const before = scoreReplies(stream, first, everything);
    const last = Math.max(0, ...options.checkpoints);
    const remaining = [...options.checkpoints].sort((a, b) => a - b);
    const decided = new Set<number>();
    const checkpoints: Checkpoint[] = [];
    let suggestions = 0;
    let correctSuggestions = 0;
    let accepted = 0;
    let rejected = 0;
    const checkpoint = async () => {
      const now = await replies();
      const unseen = everything.filter((i) => !decided.has(i));
      checkpoints.push({
        decisions: decided.size,
        accepted,
        rejected,
        all: scoreReplies(stream, now, everything),
        unseen: scoreReplies(stream, now, unseen),
        unseenBefore: scoreReplies(stream, first, unseen),
      });
    };
    for (const [i, item] of stream.entries()) {
      const message: IncomingMessage = { platform: 'terminal', channelId: 'replay', messageId: String(i), authorId: 'member', authorIsBot: false, authorIsSelf: false, text: item.text };
      const heard = await core.checker.hear(message);
      if (heard.action !== 'ignore' || heard.suggestion === undefined) continue;
      const queued = await core.moderation.suggest(message, heard.suggestion);
      if (queued.outcome !== 'queued') continue;
      suggestions++;
      const gold = queued.suggestion.candidates.find((c) => item.gold.includes(c.claimId));
      if (gold !== undefined) correctSuggestions++;
      if (decided.size >= last) continue;
      const picked = gold?.claimId ?? (options.moderator === 'picks' ? item.gold.find((id) => core.catalog.current(id) !== undefined) : undefined);
      if (picked !== undefined) {
        await core.moderation.acceptSuggestion(MODERATOR, queued.suggestion.id, picked);
        accepted++;
      } else {
        await core.moderation.rejectSuggestion(MODERATOR, queued.suggestion.id);
        rejected++;
      }
      decided.add(i);
      options.onDecision?.(decided.size);
      while (remaining[0] !== undefined && decided.size >= remaining[0]) {
        remaining.shift();
        await checkpoint();
      }
    }
    // Fewer suggestions than a checkpoint asked for: score where the moderator stopped.
    if (remaining.length > 0 && checkpoints.at(-1)?.decisions !== decided.size) await checkpoint();
    return { messages: stream.length, suggestions, correctSuggestions, before, checkpoints };
  } finally {
    await core.close();
  }
}

/** The replies to the messages at `indices`: a reply is correct when it names one of the message's claims. */
export function scoreReplies(stream: readonly ReplayMessage[], replied: readonly (string | null)[], indices: readonly number[]): ReplayScores {
  let replies = 0;
  let correct = 0;
  let withGold = 0;
  for (const i of indices) {
    const gold = stream[i]?.gold ?? [];
    if (gold.length > 0) withGold++;
    const claimId = replied[i] ?? null;
    if (claimId === null) continue;
    replies++;
    if (gold.includes(claimId)) correct++;
  }
  return { messages: indices.length, withGold, replies, correct, precision: replies === 0 ? 1 : correct / replies, recall: withGold === 0 ? 1 : correct / withGold };
}
