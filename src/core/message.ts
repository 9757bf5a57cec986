import type { ClaimSource } from './claim.ts';
import type { Verdict } from './verdict.ts';

export type Platform = 'discord' | 'slack' | 'terminal';

/** A chat message as every adapter hands it to the core. */
export interface IncomingMessage {
  platform: Platform;
  /** Workspace or guild, when the platform has one. */
  teamId?: string;
  channelId: string;
  /** Unique within the channel (Discord snowflake, Slack ts). */
  messageId: string;
  authorId: string;
  /** The author is a bot or an integration, this bot included. */
  authorIsBot: boolean;
  /** The author is this bot itself. */
  authorIsSelf: boolean;
  text: string;
}

/** What the bot says about one claim, before any platform formats it. */
export interface FactCheckReply {
  claimId: string;
  /** The claim as checked. */
  claim: string;
  verdict: Verdict;
  verdictLabel: string;
  note: string;
  /** One verbatim quote from the source, when the claim has evidence. */
  evidence?: string;
  source: ClaimSource;
  /** How closely the message matched, 0-1. */
  score: number;
  /** Date the claim's note was last changed. */
  updated: string;
}

/** One line of a `/factcheck` answer's list of matches. */
export interface RankedClaim {
  claimId: string;
  claim: string;
  verdict: Verdict;
  verdictLabel: string;
  score: number;
}

/** The answer to someone who asked: the top matches and, when one fits, its note. */
export interface Answer {
  text: string;
  matches: RankedClaim[];
  /** The best match's note, absent when nothing known fits the text well enough. */
  best?: FactCheckReply;
}
