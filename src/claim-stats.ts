/** `claim stats` in plain text, for the shell and the terminal chat. */
import type { ClaimStats } from './core/store/moderation-store.ts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One claim's figures: replies, feedback, corrections and what the review queue taught. */
export function claimStatsLine(s: ClaimStats): string {
  return [
    count(s.replies, 'reply', 'replies'),
    `${s.helpful} helpful`,
    `${s.notRelevant} not relevant`,
    count(s.corrections, 'correction', 'corrections'),
    `suggestions ${s.suggestionsAccepted} accepted / ${s.suggestionsRejected} rejected`,
  ].join(', ');
}

/** Per claim over the last 7 and 30 days. */
export function describeClaimStats({ days7, days30 }: { days7: ClaimStats[]; days30: ClaimStats[] }): string {
  const rows = (label: string, stats: ClaimStats[]) => [`${label}:`, ...(stats.length === 0 ? ['  nothing yet'] : stats.map((s) => `  ${s.claimId}: ${claimStatsLine(s)}`))].join('\n');
  return `${rows('Last 7 days', days7)}\n${rows('Last 30 days', days30)}`;
}
