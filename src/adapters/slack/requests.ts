import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { answerMessage, noticeMessage, PUBLIC_POST, replyMessage, SHARE_ACTION_ID, usageMessage, type SlackMessage } from './fact-check-blocks.ts';
import { messageWords, plainText } from './mrkdwn.ts';
import type { ReplyPoster } from './reply-poster.ts';
import { NOT_RECORDED, recordPosted } from '../reply-records.ts';
import { describeSlackError, slackErrorCode } from './slack-errors.ts';

/** The slash command, as declared in slack/manifest.yml. */
export const FACTCHECK_COMMAND = '/factcheck';
/** The message shortcut "Fact-check this message", as declared in slack/manifest.yml. */
export const FACTCHECK_SHORTCUT = 'factcheck_message';

export interface RequestOptions {
  checker: FactChecker;
  logger: Logger;
  botUserId: string;
  /** Remembers shared fact-checks, so they follow later changes of the claim. */
  moderation?: ModerationService | undefined;
  /** Posts shared fact-checks exactly once. */
  replies: ReplyPoster;
}

/** What a person who asked too often in the last minute is told (the core sets the limit). */
export const TOO_MANY_ASKS = "You've asked a lot in the last minute; try again shortly.";

const ShareValue = z.object({ claimId: z.string().min(1), score: z.number().min(0).max(1), threadTs: z.string().optional() });

/**
 * Hubot's "respond": someone asked. Each handler acks at once (Slack allows 3 seconds) and then
 * answers privately through the response_url; only "Share in channel" speaks to everyone.
 */
export function answerRequests(app: App, { checker, logger, botUserId, moderation, replies }: RequestOptions): void {
  const log = logger;

  app.command(FACTCHECK_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = plainText(command.text, botUserId);
    if (text === '') return answerPrivately(respond, usageMessage(command.command));
    if (!checker.admitAsk('slack', command.user_id)) {
      log.info({ channel: command.channel_id, user: command.user_id }, 'refused /factcheck: too many asks in the last minute');
      return answerPrivately(respond, noticeMessage(TOO_MANY_ASKS));
    }
    const answer = await checker.ask(text);
    log.info({ channel: command.channel_id, matches: answer.matches.length, claimId: answer.best?.claimId }, 'answered /factcheck');
    return answerPrivately(respond, answerMessage(answer));
  });

  app.shortcut({ callback_id: FACTCHECK_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond }) => {
    await ack();
    const text = messageWords(shortcut.message as Parameters<typeof messageWords>[0], botUserId);
    if (text === '') return answerPrivately(respond, noticeMessage('That message has no text to check.'));
    if (!checker.admitAsk('slack', shortcut.user.id)) {
      log.info({ channel: shortcut.channel.id, user: shortcut.user.id }, 'refused the message shortcut: too many asks in the last minute');
      return answerPrivately(respond, noticeMessage(TOO_MANY_ASKS));
    }
    const answer = await checker.ask(text);
    log.info({ channel: shortcut.channel.id, ts: shortcut.message.ts, matches: answer.matches.length, claimId: answer.best?.claimId }, 'answered the message shortcut');
    return answerPrivately(respond, answerMessage(answer, { threadTs: shortcut.message.thread_ts ?? shortcut.message.ts }));
  });

  app.action({ action_id: SHARE_ACTION_ID, type: 'block_actions' }, async ({ ack, body, action, respond }) => {
    await ack();
    const value = action.type === 'button' ? parseShareValue(action.value) : undefined;
    const channel = body.channel?.id;
    if (value === undefined || channel === undefined) {
      log.warn({ action: action.action_id }, 'share button without a valid value or channel; ignored');
      return answerPrivately(respond, noticeMessage('This button no longer works; run /factcheck again.'));
    }
    const claim = checker.knowledge.get(value.claimId);
    if (claim === undefined || claim.status !== 'published') {
      return answerPrivately(respond, noticeMessage(`The claim ${value.claimId} is no longer published, so it cannot be shared.`));
    }
    const message = replyMessage(replyFor(claim, value.score), { sharedBy: body.user.name ?? 'a member' });
    let postedTs: string | undefined;
    try {
      const posted = await replies.post({
        channel,
        ...(value.threadTs === undefined ? {} : { thread_ts: value.threadTs }),
        ...message,
        ...PUBLIC_POST,
      });
      postedTs = posted.ts;
    } catch (error) {
      log.warn({ err: error, channel, claimId: claim.id }, `could not share a fact-check: ${describeSlackError(error)}`);
      const code = slackErrorCode(error);
      const why = code === 'not_in_channel' || code === 'channel_not_found' ? 'I am not a member of this channel. Invite me with /invite and press Share again.' : `Slack refused the message (${code ?? 'no answer'}).`;
      return answerPrivately(respond, noticeMessage(`Could not share the fact-check: ${why}`));
    }
    const recorded =
      postedTs === undefined ||
      (await recordPosted({ moderation, logger: log }, {
        platform: 'slack',
        channelId: channel,
        messageId: postedTs,
        ...(value.threadTs === undefined ? {} : { threadId: value.threadTs, inReplyTo: value.threadTs }),
        claimId: claim.id,
        kind: 'answer',
        sentAt: new Date().toISOString(),
      }));
    log.info({ channel, claimId: claim.id }, 'shared a fact-check in the channel');
    await respond({ replace_original: true, ...noticeMessage(`Shared the fact-check of ${claim.id} in the channel.${recorded ? '' : ` ${NOT_RECORDED}`}`) });
  });
}

async function answerPrivately(respond: RespondFn, message: SlackMessage): Promise<void> {
  const args: RespondArguments = { response_type: 'ephemeral', ...message };
  await respond(args);
}

function parseShareValue(value: string | undefined): z.infer<typeof ShareValue> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = ShareValue.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
