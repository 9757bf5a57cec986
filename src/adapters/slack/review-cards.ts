import type { types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Claim } from '../../core/claim.ts';
import type { IncomingMessage } from '../../core/message.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { decisionText, holdBackText, type Suggestion, type SuggestionDraft } from '../../core/review/suggestion.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { PUBLIC_POST, replyMessage, type SlackMessage } from './fact-check-blocks.ts';
import { clip, escapeMrkdwn, mrkdwnLink, quoteEcho } from './mrkdwn.ts';
import type { ReplyPoster } from './reply-poster.ts';
import { describeSlackError } from './slack-errors.ts';

/** Action ids of a review card's buttons; "It is <claim>" is numbered by candidate (review_accept_0...). */
export const REVIEW_ACCEPT_ACTION = /^review_accept_\d$/;
export const REVIEW_OTHER_ACTION = 'review_other';
export const REVIEW_REJECT_ACTION = 'review_reject';
/** "Reply to the message with the note", offered privately after an acceptance. */
export const REVIEW_REPLY_ACTION = 'review_reply';

// Slack allows 75 characters on a button.
const BUTTON_TEXT_MAX = 75;

/** What a review card's button carries: the suggestion, and for "It is <claim>" the claim. */
export interface ReviewButtonValue {
  suggestionId: string;
  claimId?: string;
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function button(actionId: string, text: string, value: ReviewButtonValue, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: clip(text, BUTTON_TEXT_MAX) }, value: JSON.stringify(value), ...(style === undefined ? {} : { style }) };
}

/**
 * The review card of a suggestion: the message (a link, and its first 300 characters), the
 * candidate claims with their scores, why the bot held back; while it waits, "It is <claim>" per
 * candidate, "Another claim…" and "Not a claim"; once settled, who decided what, and no buttons.
 */
export function reviewCardMessage(suggestion: Suggestion, claimOf: (id: string) => Claim | undefined): SlackMessage {
  const candidates = suggestion.candidates.map((c, i) => {
    const claim = claimOf(c.claimId);
    const what = claim === undefined ? '(no longer a claim)' : `${VERDICT_STYLE[claim.verdict].label}: ${clip(claim.claim, 200)}`;
    return `${i + 1}. \`${escapeMrkdwn(c.claimId)}\` · ${Math.round(c.score * 100)}% · ${escapeMrkdwn(what)}`;
  });
  // A link to the message, not a <#channel> reference: the card stays free of anything Slack expands.
  const where = suggestion.link === undefined ? `In channel ${escapeMrkdwn(suggestion.channelId)}` : mrkdwnLink(suggestion.link, 'Open the message');
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`:mag: *Did this message repeat a known claim?*\n${quoteEcho(suggestion.excerpt)}`) },
    { type: 'context', elements: [mrkdwn(where)] },
    { type: 'section', text: mrkdwn(`*Candidates*\n${candidates.join('\n')}`) },
    { type: 'context', elements: [mrkdwn(`*Why the bot held back:* ${escapeMrkdwn(holdBackText(suggestion))}`)] },
  ];
  const id = suggestion.id;
  if (suggestion.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: `review_${id}`,
      elements: [
        ...suggestion.candidates.map((c, i) => button(`review_accept_${i}`, `It is ${c.claimId}`, { suggestionId: id, claimId: c.claimId }, i === 0 ? 'primary' : undefined)),
        button(REVIEW_OTHER_ACTION, 'Another claim…', { suggestionId: id }),
        button(REVIEW_REJECT_ACTION, 'Not a claim', { suggestionId: id }, 'danger'),
      ],
    });
  } else {
    const mark = { accepted: ':white_check_mark:', rejected: ':x:', expired: ':hourglass:' }[suggestion.status];
    blocks.push({ type: 'section', text: mrkdwn(`${mark} *${escapeMrkdwn(capitalised(decisionText(suggestion)))}*`) });
  }
  blocks.push({ type: 'context', elements: [mrkdwn(`Suggestion \`${id}\`${suggestion.status === 'pending' ? ` · ${escapeMrkdwn(decisionText(suggestion))}` : ''}`)] });
  const fallback = `Review: did this message repeat a known claim? ${suggestion.candidates[0]?.claimId ?? ''} (${decisionText(suggestion)})`;
  return { text: escapeMrkdwn(fallback), blocks };
}

/** The private answer to an acceptance, with the button that has the bot reply to the message. */
export function acceptedMessage(text: string, suggestionId: string): SlackMessage {
  return {
    text: escapeMrkdwn(text),
    blocks: [
      { type: 'section', text: mrkdwn(escapeMrkdwn(text)) },
      { type: 'actions', elements: [button(REVIEW_REPLY_ACTION, 'Reply to the message with the note', { suggestionId }, 'primary')] },
    ],
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The permalink Slack gives a message: the workspace URL, the channel, the ts without its dot. */
export function slackMessageLink(workspaceUrl: string | undefined, channel: string, ts: string, threadTs?: string): string | undefined {
  if (workspaceUrl === undefined) return undefined;
  const base = `${workspaceUrl.replace(/\/?$/, '/')}archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs === undefined || threadTs === ts ? base : `${base}?thread_ts=${threadTs}&cid=${channel}`;
}

export interface SlackReviewOptions {
  moderation: ModerationService;
  /** SLACK_REVIEW_CHANNEL_ID. */
  channelId: string;
  log: Logger;
  /** The web client while the adapter runs, for card updates. */
  client: () => webApi.WebClient | undefined;
  /** Posts cards and replies so that a retried post cannot appear twice. */
  poster: ReplyPoster;
}

/**
 * The review queue on Slack: a suggestion becomes a card in the review channel; every later
 * change (a decision on any instance or in the shell, a reply asked for, the expiry) updates the
 * card, and a reply asked for is posted in the message's thread.
 */
export class SlackReviewCards {
  constructor(private readonly options: SlackReviewOptions) {}

  /** Queues a message the bot left unanswered and posts its card; never throws. */
  async suggest(incoming: IncomingMessage, draft: SuggestionDraft, where: { link: string | undefined; threadId: string | undefined }): Promise<void> {
    const { moderation, channelId, log } = this.options;
    const logged = { channel: incoming.channelId, ts: incoming.messageId };
    try {
      const queued = await moderation.suggest(incoming, draft, where);
      if (queued.outcome !== 'queued') {
        log.debug({ ...logged, reason: queued.outcome }, 'not suggesting for review again');
        return;
      }
      const { suggestion } = queued;
      const posted = await this.options.poster.post({ channel: channelId, ...reviewCardMessage(suggestion, (id) => this.claim(id)), ...PUBLIC_POST });
      if (posted.ts !== undefined) await moderation.attachSuggestionCard(suggestion.id, { channelId, messageId: posted.ts });
      log.info({ ...logged, suggestionId: suggestion.id, claimId: suggestion.candidates[0]?.claimId, reason: suggestion.reason }, 'suggested a message for review');
    } catch (error) {
      log.warn({ ...logged, err: error }, `could not post a review card in SLACK_REVIEW_CHANNEL_ID ${channelId} (invite the bot there): ${describeSlackError(error)}`);
    }
  }

  /** Brings a card up to date with its suggestion, and posts the reply a moderator asked for. */
  async show(suggestion: Suggestion): Promise<void> {
    const { log } = this.options;
    const where = { suggestionId: suggestion.id, status: suggestion.status };
    const web = this.options.client();
    if (web === undefined) {
      log.warn(where, 'a review card changed while the Slack adapter was stopped; it shows the old state');
      return;
    }
    const { card } = suggestion;
    if (card !== undefined) {
      try {
        await web.chat.update({ channel: card.channelId, ts: card.messageId, ...reviewCardMessage(suggestion, (id) => this.claim(id)), link_names: false, parse: 'none' });
        log.info({ ...where, outcome: 'card-updated' }, `review card shows: ${decisionText(suggestion)}`);
      } catch (error) {
        log.warn({ ...where, err: error }, `could not update a review card: ${describeSlackError(error)}`);
      }
    }
    if (suggestion.reply === 'requested') await this.reply(suggestion);
  }

  private async reply(suggestion: Suggestion): Promise<void> {
    const claimId = suggestion.decision?.claimId;
    const claim = claimId === undefined ? undefined : this.claim(claimId);
    if (claim === undefined) return;
    const threadTs = suggestion.threadId ?? suggestion.messageId;
    const where = { suggestionId: suggestion.id, channel: suggestion.channelId, ts: suggestion.messageId, claimId: claim.id };
    try {
      const posted = await this.options.poster.post({
        channel: suggestion.channelId,
        thread_ts: threadTs,
        ...replyMessage(replyFor(claim, 1), { correction: { by: suggestion.decision?.by ?? 'a moderator' } }),
        ...PUBLIC_POST,
      });
      if (posted.ts !== undefined) {
        await this.options.moderation.suggestionReplied(suggestion, { platform: 'slack', channelId: suggestion.channelId, messageId: posted.ts, inReplyTo: suggestion.messageId, threadId: threadTs });
      }
      this.options.log.info({ ...where, outcome: 'replied' }, 'replied to a reviewed message with the note');
    } catch (error) {
      this.options.log.warn({ ...where, err: error }, `could not reply to a reviewed message: ${describeSlackError(error)}`);
    }
  }

  private claim(id: string): Claim | undefined {
    try {
      return this.options.moderation.show(id).claim;
    } catch {
      return undefined;
    }
  }
}
