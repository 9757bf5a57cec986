import type { App, BlockAction } from '@slack/bolt';
import type { FeedbackKind } from '../../core/store/moderation-store.ts';
import { HELPFUL_ACTION_ID, NOT_RELEVANT_ACTION_ID } from './fact-check-blocks.ts';
import { answerPrivately, logModeratorAction, MODERATION_UNAVAILABLE, notSaved, type ModeratorToolsOptions } from './moderator-context.ts';
import { describeSlackError } from './slack-errors.ts';

const BUTTONS: Array<[string, FeedbackKind]> = [
  [HELPFUL_ACTION_ID, 'helpful'],
  [NOT_RELEVANT_ACTION_ID, 'not-relevant'],
];

/**
 * Helpful / Not relevant under a passive reply. Members' presses are counted once each; a
 * moderator's "Not relevant" deletes the reply, and the core stops the text triggering the claim.
 */
export function answerFeedbackButtons(app: App, { moderation, moderators, logger: log }: ModeratorToolsOptions): void {
  for (const [actionId, kind] of BUTTONS) {
    app.action<BlockAction>({ action_id: actionId, type: 'block_actions' }, async ({ ack, body, client, respond }) => {
      await ack();
      if (moderation === undefined) return answerPrivately(respond, MODERATION_UNAVAILABLE);
      const channel = body.channel?.id ?? stringField(body.container, 'channel_id');
      const ts = body.message?.ts ?? stringField(body.container, 'message_ts');
      if (channel === undefined || ts === undefined) {
        log.warn({ action: actionId }, 'feedback button without a channel or message; ignored');
        return answerPrivately(respond, 'This button no longer works.');
      }
      const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
      let outcome: Awaited<ReturnType<typeof moderation.feedback>>;
      try {
        outcome = await moderation.feedback(actor, 'slack', channel, ts, kind);
      } catch (error) {
        const failed = notSaved(log, error, { channel, ts, kind, user: actor.id });
        if (failed === undefined) throw error;
        return answerPrivately(respond, failed);
      }
      const fields = { channel, ts, kind, outcome };
      if (actor.isModerator) logModeratorAction(log, `feedback-${kind}`, actor, fields);
      else log.info({ user: actor.id, ...fields }, `feedback on a reply: ${kind}, ${outcome}`);
      switch (outcome) {
        case 'counted':
          return answerPrivately(respond, kind === 'helpful' ? 'Thanks! Counted as helpful.' : 'Thanks! Counted as not relevant; moderators review these.');
        case 'already-counted':
          return answerPrivately(respond, 'You already rated this fact-check; each person counts once.');
        case 'unknown-reply':
          return answerPrivately(respond, 'This fact-check is no longer tracked, so nothing was counted.');
        case 'removed':
          try {
            await client.chat.delete({ channel, ts });
          } catch (error) {
            log.warn({ err: error, channel, ts }, `could not delete a reply marked not relevant: ${describeSlackError(error)}`);
            return answerPrivately(respond, `Recorded: messages like that one no longer bring up this fact-check. Slack refused to delete the reply (${describeSlackError(error)}); delete it by hand.`);
          }
          return answerPrivately(respond, 'Removed the reply. Messages like that one no longer bring up this fact-check.');
      }
    });
  }
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}
