import type { RespondFn, types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { FactChecker } from '../../core/fact-checker.ts';
import { ModerationInputError, PermissionDenied, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { VersionConflict } from '../../core/store/moderation-store.ts';
import { StoreFailure } from '../../core/store/store-failure.ts';
import { noticeMessage, type SlackMessage } from './fact-check-blocks.ts';
import type { SlackModerators } from './moderators.ts';
import type { ReplyPoster } from './reply-poster.ts';
import { describeSlackError } from './slack-errors.ts';

/** What every moderator tool needs; `moderation` is undefined when the bot runs without its store. */
export interface ModeratorToolsOptions {
  moderation: ModerationService | undefined;
  checker: FactChecker;
  moderators: SlackModerators;
  logger: Logger;
  botUserId: string;
  /** Posts announcements and corrections exactly once. */
  replies: ReplyPoster;
}

/** What a moderator tool answers when the adapter was built without the moderation service. */
export const MODERATION_UNAVAILABLE = 'Moderation is not available on this bot: it was started without its claim store, so nothing can be changed from Slack. Fact-checks still work.';

/** A refusal from the core that a person can act on (bad input, no rights, a concurrent change). */
export function isRefusal(error: unknown): error is ModerationInputError | PermissionDenied | VersionConflict {
  return error instanceof ModerationInputError || error instanceof PermissionDenied || error instanceof VersionConflict;
}

/**
 * When `error` is a store failure: logs it for the operator at error level (so it is counted) and
 * returns what the person is told, that nothing was saved; otherwise undefined.
 */
export function notSaved(log: Logger, error: unknown, fields: Record<string, unknown> = {}): string | undefined {
  if (!(error instanceof StoreFailure)) return undefined;
  log.error({ ...fields, store: error.kind }, error.message);
  return error.forPeople;
}

/** One structured line per moderator action (or refused attempt), with who, what and where. */
export function logModeratorAction(log: Logger, action: string, actor: Actor, fields: Record<string, unknown> = {}): void {
  log.info({ moderatorAction: action, actorId: actor.id, actor: actor.name, isModerator: actor.isModerator, ...fields }, `moderator action on Slack: ${action}`);
}

/** Answers only the person who typed or clicked, through the response_url. */
export async function answerPrivately(respond: RespondFn, message: SlackMessage | string): Promise<void> {
  const body = typeof message === 'string' ? noticeMessage(message) : message;
  await respond({ response_type: 'ephemeral', replace_original: false, ...body });
}

/** Opens a modal; when Slack refuses (the trigger expired after 3 s, say), tells the person privately instead of failing silently. */
export async function openModal(client: webApi.WebClient, triggerId: string, view: types.ModalView, respond: RespondFn, log: Logger): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    log.warn({ err: error, callbackId: view.callback_id }, `could not open a modal: ${describeSlackError(error)}`);
    await answerPrivately(respond, `Slack did not open the form (${describeSlackError(error)}); please try again.`);
  }
}
