import type { App, webApi } from '@slack/bolt';
import { PermissionDenied } from '../../core/moderation/actor.ts';
import { CLAIM_SEARCH_ACTION, claimOptions, CorrectionTarget, fieldErrors, noticeView, PUSH_CORRECTION_VIEW, pushCorrectionView, readMetadata, submitted } from './claim-modals.ts';
import { PUBLIC_POST, replyMessage } from './fact-check-blocks.ts';
import { answerPrivately, logModeratorAction, MODERATION_UNAVAILABLE, notSaved, openModal, type ModeratorToolsOptions } from './moderator-context.ts';
import { messageWords } from './mrkdwn.ts';
import { NOT_RECORDED, recordPosted } from '../reply-records.ts';
import { describeSlackError, slackErrorCode } from './slack-errors.ts';

/** The message shortcut "Push correction", as declared in slack/manifest.yml. */
export const PUSH_CORRECTION_SHORTCUT = 'push_correction';

// Best matches offered first in the picker.
const BEST_MATCHES = 5;

/**
 * A moderator's correction on a message the bot missed: the shortcut opens a modal to pick the
 * claim; on submit the bot answers in the message's thread, and the core learns the message's words.
 */
export function offerCorrections(app: App, { moderation, checker, moderators, logger: log, botUserId, replies }: ModeratorToolsOptions): void {
  app.shortcut({ callback_id: PUSH_CORRECTION_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond, client }) => {
    await ack();
    if (moderation === undefined) return answerPrivately(respond, MODERATION_UNAVAILABLE);
    const actor = await moderators.actor(client, { id: shortcut.user.id, name: shortcut.user.name });
    if (!actor.isModerator) {
      logModeratorAction(log, 'push-correction-refused', actor, { channel: shortcut.channel.id, ts: shortcut.message.ts });
      return answerPrivately(respond, new PermissionDenied('push corrections').message);
    }
    const text = messageWords(shortcut.message as Parameters<typeof messageWords>[0], botUserId);
    if (text === '') return answerPrivately(respond, 'That message has no text to correct.');
    const target: CorrectionTarget = { channel: shortcut.channel.id, ts: shortcut.message.ts, text, ...(shortcut.message.thread_ts === undefined ? {} : { threadTs: shortcut.message.thread_ts }) };
    const published = moderation.search('', Number.MAX_SAFE_INTEGER);
    const publishedIds = new Set(published.map((c) => c.id));
    const best = (await checker.ask(text, BEST_MATCHES)).matches.filter((m) => m.score > 0 && publishedIds.has(m.claimId));
    await openModal(client, shortcut.trigger_id, pushCorrectionView(target, best, published), respond, log);
  });

  // The search box of the modal, shown when the picker cannot list every claim.
  app.options(CLAIM_SEARCH_ACTION, async ({ ack, options }) => {
    await ack({ options: moderation === undefined ? [] : claimOptions(moderation.search(options.value)) });
  });

  app.view(PUSH_CORRECTION_VIEW, async ({ ack, body, view, client }) => {
    const state = view.state.values;
    const pickerBlock = view.blocks.some((b) => b.block_id === 'claim') ? 'claim' : CLAIM_SEARCH_ACTION;
    const target = readMetadata(CorrectionTarget, view.private_metadata);
    if (moderation === undefined || target === undefined) {
      return ack({ response_action: 'errors', errors: { [pickerBlock]: moderation === undefined ? MODERATION_UNAVAILABLE : 'This form lost track of its message; close it and use Push correction again.' } });
    }
    const claimId = submitted(state, CLAIM_SEARCH_ACTION) ?? submitted(state, 'claim');
    if (claimId === undefined) return ack({ response_action: 'errors', errors: { [pickerBlock]: 'Pick the claim this message repeats.' } });
    const comment = submitted(state, 'comment')?.trim() || undefined;
    const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
    let pushed: Awaited<ReturnType<typeof moderation.pushCorrection>>;
    try {
      pushed = await moderation.pushCorrection(actor, claimId, target.text, comment);
    } catch (error) {
      notSaved(log, error, { moderatorAction: 'push-correction', claimId, actorId: actor.id });
      logModeratorAction(log, 'push-correction-refused', actor, { claimId, channel: target.channel, ts: target.ts, reason: (error as Error).message });
      return ack({ response_action: 'errors', errors: fieldErrors(error, [pickerBlock, 'comment'], pickerBlock) });
    }
    await ack({ response_action: 'update', view: noticeView('Push correction', 'Posting the correction…') });

    const threadTs = target.threadTs ?? target.ts;
    let outcome: string;
    try {
      const posted = await replies.post({
        channel: target.channel,
        thread_ts: threadTs,
        ...replyMessage(pushed.reply, { correction: { by: actor.name, ...(comment === undefined ? {} : { comment }) } }),
        ...PUBLIC_POST,
      });
      const recorded =
        posted.ts === undefined ||
        (await recordPosted({ moderation, logger: log }, { platform: 'slack', channelId: target.channel, messageId: posted.ts, inReplyTo: target.ts, threadId: threadTs, claimId, kind: 'correction', sentAt: new Date().toISOString(), triggerText: target.text, postedBy: actor.name, ...(comment === undefined ? {} : { comment }) }));
      outcome = `Posted the fact-check of ${claimId} in the message's thread.${recorded ? '' : ` ${NOT_RECORDED}`}`;
      logModeratorAction(log, 'push-correction', actor, { claimId, channel: target.channel, ts: target.ts, replyTs: posted.ts, taught: pushed.taught, comment });
    } catch (error) {
      const code = slackErrorCode(error);
      const why = code === 'not_in_channel' || code === 'channel_not_found' ? 'I am not a member of that channel; invite me with /invite and push again.' : describeSlackError(error);
      outcome = `Could not post the correction: ${why}`;
      log.warn({ err: error, channel: target.channel, ts: target.ts, claimId }, `could not post a moderator correction: ${describeSlackError(error)}`);
      logModeratorAction(log, 'push-correction-unposted', actor, { claimId, channel: target.channel, ts: target.ts, taught: pushed.taught, error: code });
    }
    const learned = pushed.taught ? 'The bot learned these words: the next message like it is answered on its own.' : 'The bot already knew these words.';
    await showResult(client, body.view.id, noticeView('Push correction', `${outcome}\n${learned}`), log);
  });
}

async function showResult(client: webApi.WebClient, viewId: string, view: ReturnType<typeof noticeView>, log: ModeratorToolsOptions['logger']): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    log.warn({ err: error, viewId }, `could not show the result in the modal: ${describeSlackError(error)}`);
  }
}
