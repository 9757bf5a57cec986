import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { FactCheckReply } from '../../core/message.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import type { SentReply } from '../../core/store/moderation-store.ts';
import { replyMessage, type ReplyMarks } from './fact-check-blocks.ts';
import { describeSlackError } from './slack-errors.ts';

/**
 * Meedan Check's rule: when a fact-check changes, everyone who got the old one sees the new one.
 * Each earlier Slack message about the claim is edited in place (chat.update) with an "Updated"
 * line, keeping its buttons. A failure is logged; the next message is still tried.
 */
export function followClaimChanges(moderation: ModerationService, client: () => webApi.WebClient | undefined, log: Logger): void {
  moderation.onReplyUpdate('slack', async (sent, reply) => {
    const where = { channel: sent.channelId, ts: sent.messageId, claimId: sent.claimId, kind: sent.kind };
    const web = client();
    if (web === undefined) {
      log.warn(where, 'a fact-check changed while the Slack adapter was stopped; that message keeps the old note');
      return;
    }
    try {
      await web.chat.update({ channel: sent.channelId, ts: sent.messageId, ...replyMessage(reply, marksFor(sent, reply)), link_names: false, parse: 'none' });
      log.info(where, 'updated an earlier message after its fact-check changed');
    } catch (error) {
      log.warn({ ...where, err: error }, `could not update an earlier message after its fact-check changed: ${describeSlackError(error)}`);
    }
  });
}

// The store keeps who pushed a correction or announcement (and their comment), so an update shows them again.
function marksFor(sent: SentReply, reply: FactCheckReply): ReplyMarks {
  const revised = reply.updated;
  switch (sent.kind) {
    case 'passive':
      return { revised, feedback: true };
    case 'correction':
      return { revised, correction: { ...(sent.postedBy === undefined ? {} : { by: sent.postedBy }), ...(sent.comment === undefined ? {} : { comment: sent.comment }) } };
    case 'announcement':
      return { revised, announcedBy: sent.postedBy ?? 'a moderator' };
    default:
      return { revised };
  }
}
