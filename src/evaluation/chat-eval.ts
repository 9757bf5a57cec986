import { z } from 'zod';
import { readJsonLines } from './json-lines.ts';
import type { FactChecker } from '../core/fact-checker.ts';

export const ChatExampleSchema = z.object({
  text: z.string(),
  /** The known claim the message is about, or null. */
  claim: z.string().nullable(),
  /** Whether the passive listener should reply. */
  reply: z.boolean(),
  kind: z.string(),
});
export type ChatExample = z.infer<typeof ChatExampleSchema>;

export function readChatExamples(file: string): ChatExample[] {
  return readJsonLines(file, ChatExampleSchema);
}

export interface ChatOutcome {
  example: ChatExample;
  replied: string | null;
  top: string | null;
  score: number;
  reason: string;
}

export interface ChatScores {
  examples: number;
  /** Replies with the right claim, over all replies. */
  precision: number;
  /** Replies with the right claim, over messages that should get one. */
  recall: number;
  /** Messages about a known claim whose top match is that claim. */
  top1: number;
  outcomes: ChatOutcome[];
}

/** Scores the passive decision (no cooldowns) and the ranking on labelled chat messages. */
export async function evaluateChat(checker: FactChecker, examples: readonly ChatExample[]): Promise<ChatScores> {
  let replies = 0;
  let correctReplies = 0;
  let shouldReply = 0;
  let about = 0;
  let top1 = 0;
  const outcomes: ChatOutcome[] = [];
  for (const example of examples) {
    const { matches, decision } = await checker.judge(example.text);
    const replied = decision.decision === 'reply' ? decision.match.claim.id : null;
    const top = matches[0]?.claim.id ?? null;
    if (replied !== null) replies++;
    if (replied !== null && example.reply && replied === example.claim) correctReplies++;
    if (example.reply) shouldReply++;
    if (example.claim !== null) {
      about++;
      if (top === example.claim) top1++;
    }
    outcomes.push({ example, replied, top, score: matches[0]?.score ?? 0, reason: decision.decision === 'reply' ? 'reply' : decision.reason });
  }
  return {
    examples: examples.length,
    precision: replies === 0 ? 1 : correctReplies / replies,
    recall: shouldReply === 0 ? 1 : correctReplies / shouldReply,
    top1: about === 0 ? 1 : top1 / about,
    outcomes,
  };
}
