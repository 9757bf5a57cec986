import type { APIEmbed } from 'discord.js';
import type { Claim } from '../../core/claim.ts';
import { replyFor } from '../../core/reply.ts';
import type { ClaimStats, ClaimVersion } from '../../core/store/moderation-store.ts';
import { echoedMarkdown } from './echoed-text.ts';
import { EMBED_LIMIT, fit } from './embed-limits.ts';
import { factCheckEmbed } from './fact-check-embed.ts';
import { CONTENT_MAX } from './moderator-messages.ts';

/** `/claim show`: the claim as the bot answers it, with what only moderators need to see. */
export function claimEmbed(claim: Claim, version: number): APIEmbed {
  const embed = factCheckEmbed(replyFor(claim, 1));
  const phrasings = claim.phrasings.length === 0 ? 'none' : claim.phrasings.map((p) => `• ${p}`).join('\n');
  return {
    ...embed,
    fields: [
      ...(embed.fields ?? []),
      { name: 'Status', value: `${claim.status} · version ${version}${version === 0 ? ' (as in the knowledge files)' : ''}`, inline: true },
      { name: 'Counter-examples', value: String(claim.counterExamples.length), inline: true },
      { name: `Phrasings (${claim.phrasings.length})`, value: fit(phrasings, EMBED_LIMIT.fieldValue) },
    ],
  };
}

/** `/claim history`: one line per version, newest first, cut from the oldest end to fit. */
export function historyText(claimId: string, versions: ClaimVersion[]): string {
  if (versions.length === 0) return `\`${claimId}\` has not been changed by a moderator; it is as in the knowledge files (version 0).`;
  // Newest first, as on Slack and in the shell: the change someone looks for is usually the last one.
  const lines = [...versions].reverse().map((v) => {
    const changed = v.before === undefined ? '' : ` (${changedFields(v.before, v.after).join(', ') || 'no field'})`;
    const comment = v.comment === undefined ? '' : ` — “${echoedMarkdown(v.comment)}”`;
    return `v${v.version} · ${v.at.slice(0, 16).replace('T', ' ')} UTC · **${v.action}**${changed} by ${echoedMarkdown(v.actor)} (${v.platform})${comment}`;
  });
  const header = `History of \`${claimId}\` (newest first):`;
  while (lines.length > 1 && [header, ...lines].join('\n').length > CONTENT_MAX) lines.pop();
  return fit([header, ...lines].join('\n'), CONTENT_MAX);
}

function changedFields(before: Claim, after: Claim): string[] {
  return (Object.keys(after) as (keyof Claim)[]).filter((k) => k !== 'updated' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** `/claim stats`: replies, feedback, corrections and review decisions per claim over 7 and 30 days. */
export function statsText(stats: { days7: ClaimStats[]; days30: ClaimStats[] }): string {
  const period = (label: string, rows: ClaimStats[]) => [
    `**${label}**`,
    ...(rows.length === 0
      ? ['nothing yet']
      : rows.map(
          (s) =>
            `\`${s.claimId}\`: ${s.replies} ${plural(s.replies, 'reply', 'replies')} · ${s.helpful} helpful · ${s.notRelevant} not relevant · ${s.corrections} ${plural(s.corrections, 'correction', 'corrections')} · suggestions ${s.suggestionsAccepted} accepted / ${s.suggestionsRejected} rejected`,
        )),
  ];
  return fit([...period('Last 7 days', stats.days7), '', ...period('Last 30 days', stats.days30)].join('\n'), CONTENT_MAX);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
