import type { Claim } from './claim.ts';
import type { Match } from './matching/matcher.ts';
import type { FactCheckReply, RankedClaim } from './message.ts';
import { VERDICT_STYLE } from './verdict.ts';

export function replyFor(claim: Claim, score: number): FactCheckReply {
  const reply: FactCheckReply = {
    claimId: claim.id,
    claim: claim.claim,
    verdict: claim.verdict,
    verdictLabel: VERDICT_STYLE[claim.verdict].label,
    note: claim.note,
    source: claim.source,
    score: round(score),
    updated: claim.updated,
  };
  const [evidence] = claim.evidence;
  if (evidence !== undefined) reply.evidence = evidence;
  return reply;
}

export function rankedClaim(match: Match): RankedClaim {
  return {
    claimId: match.claim.id,
    claim: match.claim.claim,
    verdict: match.claim.verdict,
    verdictLabel: VERDICT_STYLE[match.claim.verdict].label,
    score: round(match.score),
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
