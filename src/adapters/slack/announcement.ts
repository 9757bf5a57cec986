import type { Logger } from 'pino';
import type { SlackConfig } from '../../config.ts';
import type { Claim } from '../../core/claim.ts';
import { ModerationInputError } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { NOT_RECORDED, recordPosted } from '../reply-records.ts';
import { PUBLIC_POST, replyMessage } from './fact-check-blocks.ts';
import { ReplyPoster } from './reply-poster.ts';
import { describeSlackError, slackErrorCode } from './slack-errors.ts';

/** The announcement posted, and whether the store keeps it (so that it follows note updates). */
export interface Announcement {
  ts: string | undefined;
  recorded: boolean;
}

/**
 * Posts a claim's current fact-check in a channel for everyone (`/claim push`), once, and records
 * it so the bot edits it when the note changes. Slack's refusal comes back as a
 * ModerationInputError whose message says what to do.
 */
export async function announceClaim(
  deps: { replies: ReplyPoster; moderation: ModerationService; logger: Logger },
  claim: Claim,
  channel: string,
  postedBy: string,
): Promise<Announcement> {
  let ts: string | undefined;
  try {
    ts = (await deps.replies.post({ channel, ...replyMessage(replyFor(claim, 1), { announcedBy: postedBy }), ...PUBLIC_POST })).ts;
  } catch (error) {
    const code = slackErrorCode(error);
    deps.logger.warn({ err: error, channel, claimId: claim.id }, `could not post an announcement: ${describeSlackError(error)}`);
    const why = code === 'not_in_channel' || code === 'channel_not_found' ? 'I am not a member of that channel; invite me with /invite and try again.' : describeSlackError(error);
    throw ModerationInputError.single('channel', why);
  }
  const recorded = ts === undefined || (await recordPosted(deps, { platform: 'slack', channelId: channel, messageId: ts, claimId: claim.id, kind: 'announcement', sentAt: new Date().toISOString(), postedBy }));
  return { ts, recorded };
}

/** `factcheck claim push` on Slack: a post through the Web API with the bot token; nothing listens. */
export async function announceFromShell(config: SlackConfig, moderation: ModerationService, claim: Claim, channel: string, postedBy: string, logger: Logger): Promise<string> {
  const replies = new ReplyPoster({ botToken: config.botToken, apiUrl: config.apiUrl, logger });
  const { recorded } = await announceClaim({ replies, moderation, logger }, claim, channel, postedBy);
  return `Posted the fact-check of ${claim.id} in Slack channel ${channel}. ${recorded ? 'The bot updates it if the note changes.' : NOT_RECORDED}`;
}
