import type { types } from '@slack/bolt';
import type { Answer, FactCheckReply, RankedClaim } from '../../core/message.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.ts';

/** What one Slack message carries: Block Kit for people, `text` for notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** The button under an answer that posts its fact-check for everyone in the channel. */
export const SHARE_ACTION_ID = 'factcheck_share';

/** Where a shared fact-check goes: the claim, its score, and the thread of the message asked about. */
export interface ShareRequest {
  claimId: string;
  score: number;
  threadTs?: string;
}

// The question a person typed is echoed back; Slack caps a text object at 3000 characters.
const ECHO_MAX_CHARS = 300;

/**
 * Every mrkdwn object is `verbatim`: Slack then leaves plain words alone, so an escaped "@here"
 * or a channel name in a note cannot become a mention or a link.
 */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** The bot's fact-check of one claim, as posted in a thread or shared from an answer. */
export function replyMessage(reply: FactCheckReply, sharedBy?: string): SlackMessage {
  const style = VERDICT_STYLE[reply.verdict];
  const blocks: types.KnownBlock[] = [
    section(`${style.emoji} *${escapeMrkdwn(reply.verdictLabel)}:* ${escapeMrkdwn(reply.claim)}`),
    section(escapeMrkdwn(reply.note)),
  ];
  if (reply.evidence !== undefined) blocks.push(section(quote(reply.evidence)));
  const context = [`Source: ${sourceLabel(reply)}`, `Claim \`${escapeMrkdwn(reply.claimId)}\``, `Updated ${escapeMrkdwn(reply.updated)}`];
  if (sharedBy !== undefined) context.push(`Shared by ${escapeMrkdwn(sharedBy)}`);
  blocks.push({ type: 'context', elements: [mrkdwn(context.join(' · '))] });
  return { text: replyText(reply), blocks };
}

/** The private answer to `/factcheck` or the message shortcut: the closest claims and the best one's note. */
export function answerMessage(answer: Answer, share: Omit<ShareRequest, 'claimId' | 'score'> = {}): SlackMessage {
  const blocks: types.KnownBlock[] = [section(`*Fact-check for:*\n${quote(clip(answer.text, ECHO_MAX_CHARS))}`)];
  if (answer.matches.length === 0) {
    blocks.push(section('I know no checked claim like this one.'));
    return { text: 'No checked claim matches this text.', blocks };
  }
  blocks.push(section(`*Closest checked claims:*\n${answer.matches.map(rankedLine).join('\n')}`));
  if (answer.best === undefined) {
    blocks.push({ type: 'context', elements: [mrkdwn('None of them matches closely enough to give a verdict on this text.')] });
    return { text: 'No checked claim matches this text closely enough.', blocks };
  }
  const best = answer.best;
  blocks.push({ type: 'divider' }, ...replyMessage(best).blocks);
  const request: ShareRequest = { claimId: best.claimId, score: best.score, ...share };
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel' },
        value: JSON.stringify(request),
      },
    ],
  });
  return { text: replyText(best), blocks };
}

/** What `/factcheck` says when it was given nothing to check. */
export function usageMessage(command: string): SlackMessage {
  const text = `Paste the claim after the command, for example: \`${escapeMrkdwn(command)} Trump promised to get Imran Khan released\`. To check a message already in a channel, use its "Fact-check this message" shortcut (⋮ menu on the message).`;
  return { text, blocks: [section(text)] };
}

/** A short private notice (an error a person can act on, or a confirmation). */
export function noticeMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: escaped, blocks: [section(escaped)] };
}

function rankedLine(match: RankedClaim): string {
  const style = VERDICT_STYLE[match.verdict];
  return `${style.emoji} *${escapeMrkdwn(match.verdictLabel)}* ${escapeMrkdwn(match.claim)} (${Math.round(match.score * 100)}% match, \`${escapeMrkdwn(match.claimId)}\`)`;
}

function replyText(reply: FactCheckReply): string {
  return escapeMrkdwn(`${reply.verdictLabel}: ${reply.claim} ${reply.note} Source: ${reply.source.title}. (claim ${reply.claimId})`);
}

function sourceLabel(reply: FactCheckReply): string {
  const { title, date, url } = reply.source;
  const dated = date !== undefined && !title.includes(date) ? `${title} (${date})` : title;
  return url === undefined ? escapeMrkdwn(dated) : mrkdwnLink(url, dated);
}

/** A block quote: escaped text with `>` at the start of every line. */
function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
