import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { Claim } from '../../core/claim.ts';
import { ModerationInputError } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { PUBLIC_POST, replyMessage } from './fact-check-blocks.ts';
import { describeSlackError, slackErrorCode } from './slack-errors.ts';

/**
 * Posts a claim's current fact-check in a channel for everyone (`/claim push`), and records it so
 * the bot edits it when the note changes. Slack's refusals come back as a ModerationInputError.
 */
export async function announceClaim(client: webApi.WebClient, moderation: ModerationService, claim: Claim, channel: string, postedBy: string): Promise<string | undefined> {
  let posted: webApi.ChatPostMessageResponse;
  try {
    posted = await client.chat.postMessage({ channel, ...replyMessage(replyFor(claim, 1), { announcedBy: postedBy }), ...PUBLIC_POST });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'not_in_channel' || code === 'channel_not_found') {
      throw ModerationInputError.single('channel', 'I am not a member of that channel; invite me with /invite and try again');
    }
    if (code !== undefined) throw ModerationInputError.single('channel', describeSlackError(error));
    throw error;
  }
  if (posted.ts !== undefined) {
    await moderation.recordReply({ platform: 'slack', channelId: channel, messageId: posted.ts, claimId: claim.id, kind: 'announcement', sentAt: new Date().toISOString(), postedBy });
  }
  return posted.ts;
}

/** `factcheck claim push` on Slack: one Web API call with the bot token; nothing listens. */
export async function announceFromShell(config: SlackConfig, moderation: ModerationService, claim: Claim, channel: string, postedBy: string): Promise<string> {
  const client = new webApi.WebClient(config.botToken, { ...(config.apiUrl === undefined ? {} : { slackApiUrl: config.apiUrl }), retryConfig: { retries: 0 } });
  await announceClaim(client, moderation, claim, channel, postedBy);
  return `Posted the fact-check of ${claim.id} in Slack channel ${channel}. The bot updates it if the note changes.`;
}
