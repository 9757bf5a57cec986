import type { types } from '@slack/bolt';
import { describeVersion } from '../../claim-commands.ts';
import type { Claim } from '../../core/claim.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import type { ClaimStats, ClaimVersion } from '../../core/store/moderation-store.ts';
import type { SlackMessage } from './fact-check-blocks.ts';
import { echoMrkdwn, escapeMrkdwn } from './mrkdwn.ts';

/** The slash command for moderators, as declared in slack/manifest.yml. */
export const CLAIM_COMMAND = '/claim';

// A section's text may hold 3000 characters; history and stats are cut to fit.
const SECTION_MAX = 2900;
const HISTORY_SHOWN = 10;
const STATS_ROWS = 15;

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function message(fallback: string, sections: string[]): SlackMessage {
  return { text: escapeMrkdwn(fallback), blocks: sections.map((s) => section(clip(s, SECTION_MAX))) };
}

/** What `/claim` with no or an unknown subcommand says. */
export function claimUsage(): SlackMessage {
  const lines = [
    '*Moderator commands* (only you see the answers, except `push`):',
    '`/claim add`: a new claim (opens a form)',
    '`/claim edit <id>`: change its verdict, note, evidence or phrasings (opens a form)',
    '`/claim retire <id>`: stop answering about it',
    '`/claim show <id>` · `/claim history <id>`: the claim in force, and every change with who made it',
    '`/claim push <id> [#channel]`: post the fact-check to a channel (this one by default)',
    '`/claim stats`: replies, feedback, corrections and review suggestions per claim, last 7 and 30 days',
    'On a message: ⋮ > *Push correction* answers it with a claim and teaches the bot its words.',
  ];
  return message('Moderator commands: /claim add, edit, retire, show, history, push, stats', [lines.join('\n')]);
}

/** `/claim show`: every field of the claim in force. */
export function claimShown(claim: Claim, version: number): SlackMessage {
  const style = VERDICT_STYLE[claim.verdict];
  const list = (items: string[]) => (items.length === 0 ? ' none' : `\n${items.map((i) => `• ${escapeMrkdwn(clip(i, 200))}`).join('\n')}`);
  const head = [
    `*\`${escapeMrkdwn(claim.id)}\`* · version ${version}${version === 0 ? ' (as in the knowledge files)' : ''} · ${claim.status} · updated ${escapeMrkdwn(claim.updated)}`,
    `${style.emoji} *${style.label}:* ${escapeMrkdwn(claim.claim)}`,
    `*Note:* ${escapeMrkdwn(claim.note)}`,
    `*Source:* ${escapeMrkdwn(claim.source.url ?? claim.source.file ?? claim.source.title)}`,
  ];
  const lists = [`*Evidence:*${list(claim.evidence)}`, `*Phrasings (${claim.phrasings.length}):*${list(claim.phrasings.slice(-10))}`, `*Counter-examples:* ${claim.counterExamples.length} · *Tags:* ${escapeMrkdwn(claim.tags.join(', ') || 'none')}`];
  return message(`${claim.id}: ${style.label}: ${claim.claim}`, [head.join('\n'), lists.join('\n')]);
}

/** `/claim history`: the latest changes, newest first, each with who, when, where and what. */
export function claimHistory(id: string, versions: ClaimVersion[]): SlackMessage {
  if (versions.length === 0) return message(`${id}: no changes since the knowledge files (version 0).`, [`\`${escapeMrkdwn(id)}\`: no changes since the knowledge files (version 0).`]);
  const shown = versions.slice(-HISTORY_SHOWN).reverse();
  const more = versions.length > shown.length ? `\n(${versions.length - shown.length} older change(s) not shown; \`npx factcheck claim history ${escapeMrkdwn(id)}\` lists all)` : '';
  // Inside a code block only a backtick could format, and echoMrkdwn turns those into look-alikes.
  const body = shown.map((v) => echoMrkdwn(describeVersion(v))).join('\n');
  return message(`${id}: ${versions.length} change(s)`, [`*History of \`${escapeMrkdwn(id)}\`* (newest first)${more}`, `\`\`\`${clip(body, SECTION_MAX - 10)}\`\`\``]);
}

/** `/claim stats`: replies, feedback and corrections per claim over 7 and 30 days. */
export function claimStatistics(stats: { days7: ClaimStats[]; days30: ClaimStats[] }): SlackMessage {
  const table = (label: string, rows: ClaimStats[]) => {
    if (rows.length === 0) return `*${label}:* nothing yet`;
    const sorted = [...rows].sort((a, b) => b.replies - a.replies || a.claimId.localeCompare(b.claimId));
    const lines = sorted
      .slice(0, STATS_ROWS)
      .map((s) => `\`${escapeMrkdwn(s.claimId)}\`: ${s.replies} replies, ${s.helpful} helpful, ${s.notRelevant} not relevant, ${s.corrections} corrections, suggestions ${s.suggestionsAccepted} accepted / ${s.suggestionsRejected} rejected`);
    if (sorted.length > STATS_ROWS) lines.push(`…and ${sorted.length - STATS_ROWS} more claims`);
    const total = (key: Exclude<keyof ClaimStats, 'claimId'>) => rows.reduce((sum, s) => sum + s[key], 0);
    const totals = `${total('replies')} replies, ${total('helpful')} helpful, ${total('notRelevant')} not relevant, ${total('corrections')} corrections, suggestions ${total('suggestionsAccepted')} accepted / ${total('suggestionsRejected')} rejected`;
    return [`*${label}:* ${totals}`, ...lines].join('\n');
  };
  return message('Fact-check statistics for the last 7 and 30 days', [table('Last 7 days', stats.days7), table('Last 30 days', stats.days30)]);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
