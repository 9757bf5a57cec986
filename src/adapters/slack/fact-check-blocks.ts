import type { types } from '@slack/bolt';
import { citationOf } from '../../core/claim.ts';
import type { Answer, FactCheckReply, RankedClaim } from '../../core/message.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { clip, echoMrkdwn, escapeMrkdwn, mrkdwnLink, quote, quoteEcho } from './mrkdwn.ts';

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

/** "Helpful" under a passive reply: counted once per person. */
export const HELPFUL_ACTION_ID = 'reply_helpful';
/** "Not relevant" under a passive reply: counted for members; a moderator's press removes the reply. */
export const NOT_RELEVANT_ACTION_ID = 'reply_not_relevant';

/** Options of every public post: no link previews, and nothing Slack may turn into a mention. */
export const PUBLIC_POST = { unfurl_links: false, unfurl_media: false, link_names: false, parse: 'none' } as const;

/** What is said around a fact-check besides the claim itself. */
export interface ReplyMarks {
  /** "Share in channel" was pressed by this person. */
  sharedBy?: string;
  /** A moderator pushed this fact-check on a message (the name is unknown when an update re-renders it). */
  correction?: { by?: string; comment?: string };
  /** A moderator posted it to a channel with /claim push. */
  announcedBy?: string;
  /** The claim's note or verdict changed on this date, after the message was first posted. */
  revised?: string;
  /** Helpful / Not relevant buttons (on passive replies). */
  feedback?: boolean;
}

/** The bot's fact-check of one claim, as posted in a thread, shared, pushed or announced. */
export function replyMessage(reply: FactCheckReply, marks: ReplyMarks = {}): SlackMessage {
  const style = VERDICT_STYLE[reply.verdict];
  const blocks: types.KnownBlock[] = [];
  if (marks.correction !== undefined) {
    const by = marks.correction.by === undefined ? '' : ` by ${echoMrkdwn(marks.correction.by)}`;
    blocks.push({ type: 'context', elements: [mrkdwn(`:shield: *Moderator correction*${by}`)] });
    const comment = marks.correction.comment?.trim();
    if (comment !== undefined && comment !== '') blocks.push(section(`*Moderator's comment:* ${echoMrkdwn(clip(comment, ECHO_MAX_CHARS))}`));
  }
  if (marks.announcedBy !== undefined) blocks.push({ type: 'context', elements: [mrkdwn(`:loudspeaker: *Fact-check* posted by ${echoMrkdwn(marks.announcedBy)}`)] });
  blocks.push(
    section(`${style.emoji} *${escapeMrkdwn(reply.verdictLabel)}:* ${escapeMrkdwn(reply.claim)}`),
    section(escapeMrkdwn(reply.note)),
  );
  if (reply.evidence !== undefined) blocks.push(section(quote(reply.evidence)));
  const context = [`Source: ${sourceLabel(reply)}`, `Claim \`${escapeMrkdwn(reply.claimId)}\``, `Updated ${escapeMrkdwn(reply.updated)}`];
  if (marks.sharedBy !== undefined) context.push(`Shared by ${echoMrkdwn(marks.sharedBy)}`);
  blocks.push({ type: 'context', elements: [mrkdwn(context.join(' · '))] });
  if (marks.revised !== undefined) {
    blocks.push({ type: 'context', elements: [mrkdwn(`:pencil2: *Updated ${escapeMrkdwn(marks.revised)}:* this fact-check was revised after it was posted.`)] });
  }
  if (marks.feedback === true) blocks.push(feedbackButtons(reply.claimId));
  const lead = marks.correction !== undefined ? 'Moderator correction. ' : marks.revised !== undefined ? `Updated ${escapeMrkdwn(marks.revised)}. ` : '';
  return { text: `${lead}${replyText(reply)}`, blocks };
}

function feedbackButtons(claimId: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'reply_feedback',
    elements: [
      { type: 'button', action_id: HELPFUL_ACTION_ID, text: { type: 'plain_text', text: 'Helpful' }, value: claimId },
      { type: 'button', action_id: NOT_RELEVANT_ACTION_ID, text: { type: 'plain_text', text: 'Not relevant' }, value: claimId },
    ],
  };
}

/**
 * The answer to `/factcheck` or the message shortcut (private, with a button to share it) or to an
 * @-mention (`share` null: already public): the closest claims and the best one's note.
 */
export function answerMessage(answer: Answer, share: Omit<ShareRequest, 'claimId' | 'score'> | null = {}): SlackMessage {
  const blocks: types.KnownBlock[] = [section(`*Fact-check for:*\n${quoteEcho(clip(answer.text, ECHO_MAX_CHARS))}`)];
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
  if (share === null) return { text: replyText(best), blocks };
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
  return escapeMrkdwn(`${reply.verdictLabel}: ${reply.claim} ${reply.note} Source: ${citationOf(reply.source)}. (claim ${reply.claimId})`);
}

function sourceLabel(reply: FactCheckReply): string {
  const cited = citationOf(reply.source);
  return reply.source.url === undefined ? escapeMrkdwn(cited) : mrkdwnLink(reply.source.url, cited);
}

