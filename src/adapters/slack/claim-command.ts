import type { App, RespondFn, webApi } from '@slack/bolt';
import { CHAT_COMMANDS, describeRefusal, ModerationInputError, PermissionDenied, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { announceClaim, type Announcement } from './announcement.ts';
import { CLAIM_ADD_VIEW, CLAIM_EDIT_VIEW, claimFormView, ClaimFormTarget, claimInputFrom, fieldErrors, noticeView, readMetadata } from './claim-modals.ts';
import { CLAIM_COMMAND, claimHistory, claimShown, claimStatistics, claimUsage } from './claim-reports.ts';
import { answerPrivately, isRefusal, logModeratorAction, MODERATION_UNAVAILABLE, notSaved, openModal, type ModeratorToolsOptions } from './moderator-context.ts';
import type { ReplyPoster } from './reply-poster.ts';
import { NOT_RECORDED } from '../reply-records.ts';

// Input blocks of the claim modals, where the core's field errors are shown.
const FORM_FIELDS = ['id', 'verdict', 'claim', 'note', 'evidence', 'source', 'phrasings'] as const;
const EDIT_FIELDS = FORM_FIELDS.filter((f) => f !== 'id');

/**
 * `/claim add|edit|retire|show|history|push|stats`: moderators only. Answers are private,
 * except `push`, which posts the fact-check to a channel. add and edit open a modal.
 */
export function answerClaimCommand(app: App, { moderation, moderators, logger: log, replies }: ModeratorToolsOptions): void {
  app.command(CLAIM_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    if (moderation === undefined) return answerPrivately(respond, MODERATION_UNAVAILABLE);
    const [subcommand = 'help', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const actor = await moderators.actor(client, { id: command.user_id, name: command.user_name });
    if (!actor.isModerator) {
      logModeratorAction(log, `${subcommand}-refused`, actor, { channel: command.channel_id });
      return answerPrivately(respond, new PermissionDenied('use /claim').message);
    }
    const id = args[0]?.toLowerCase();
    const needsId = (usage: string) => answerPrivately(respond, `Give the claim id: ${CLAIM_COMMAND} ${usage}. ${CLAIM_COMMAND} show lists a claim's fields; /factcheck finds ids.`);
    try {
      switch (subcommand.toLowerCase()) {
        case 'add':
          return await openModal(client, command.trigger_id, claimFormView({}), respond, log);
        case 'edit': {
          if (id === undefined) return needsId('edit <id>');
          const { claim, version } = moderation.show(id);
          return await openModal(client, command.trigger_id, claimFormView({ claim, version }), respond, log);
        }
        case 'retire': {
          if (id === undefined) return needsId('retire <id>');
          await moderation.retire(actor, id);
          logModeratorAction(log, 'retire', actor, { claimId: id, channel: command.channel_id });
          return answerPrivately(respond, `Retired ${id}: the bot no longer answers about it.`);
        }
        case 'show': {
          if (id === undefined) return needsId('show <id>');
          const { claim, version } = moderation.show(id);
          return answerPrivately(respond, claimShown(claim, version));
        }
        case 'history':
          if (id === undefined) return needsId('history <id>');
          return answerPrivately(respond, claimHistory(id, await moderation.history(id)));
        case 'stats':
          return answerPrivately(respond, claimStatistics(await moderation.stats()));
        case 'push': {
          if (id === undefined) return needsId('push <id> [#channel]');
          const channel = args[1] === undefined ? command.channel_id : channelId(args[1]);
          if (channel === undefined) return answerPrivately(respond, `"${args[1]}" is not a channel: pick it from the list Slack shows when you type #, or give its id (C…).`);
          return await announce(moderation, replies, respond, actor, id, channel, log);
        }
        default:
          return answerPrivately(respond, claimUsage());
      }
    } catch (error) {
      const failed = notSaved(log, error, { moderatorAction: subcommand, claimId: id, actorId: actor.id });
      if (failed !== undefined) return answerPrivately(respond, failed);
      if (!isRefusal(error)) throw error;
      logModeratorAction(log, `${subcommand}-refused`, actor, { claimId: id, channel: command.channel_id, reason: error.message });
      return answerPrivately(respond, `Nothing was changed. ${describeRefusal(error, CHAT_COMMANDS)}`);
    }
  });

  app.view(CLAIM_ADD_VIEW, async ({ ack, body, view, client }) => {
    if (moderation === undefined) return ack({ response_action: 'errors', errors: { note: MODERATION_UNAVAILABLE } });
    const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
    const input = claimInputFrom(view.state.values);
    try {
      await moderation.add(actor, input);
    } catch (error) {
      notSaved(log, error, { moderatorAction: 'add', claimId: input.id, actorId: actor.id });
      logModeratorAction(log, 'add-refused', actor, { claimId: input.id, reason: (error as Error).message });
      return ack({ response_action: 'errors', errors: fieldErrors(error, FORM_FIELDS, 'note') });
    }
    logModeratorAction(log, 'add', actor, { claimId: input.id });
    await ack({ response_action: 'update', view: noticeView('Claim added', `Added ${input.id ?? ''} (version 1). Messages repeating it are answered from now on.`) });
  });

  app.view(CLAIM_EDIT_VIEW, async ({ ack, body, view, client }) => {
    const target = readMetadata(ClaimFormTarget, view.private_metadata);
    if (moderation === undefined || target?.id === undefined) {
      return ack({ response_action: 'errors', errors: { note: moderation === undefined ? MODERATION_UNAVAILABLE : 'This form lost track of its claim; close it and run /claim edit again.' } });
    }
    const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
    const id = target.id;
    try {
      const input = claimInputFrom(view.state.values, moderation.show(id).claim);
      await moderation.edit(actor, id, input, target.version);
    } catch (error) {
      notSaved(log, error, { moderatorAction: 'edit', claimId: id, actorId: actor.id });
      logModeratorAction(log, 'edit-refused', actor, { claimId: id, openedAt: target.version, reason: (error as Error).message });
      return ack({ response_action: 'errors', errors: fieldErrors(error, EDIT_FIELDS, 'note') });
    }
    const { version } = moderation.show(id);
    logModeratorAction(log, 'edit', actor, { claimId: id, version });
    await ack({ response_action: 'update', view: noticeView('Claim saved', `Saved ${id} (version ${version}). Replies about it from the last ${moderation.updateWindowDays} days are being updated.`) });
  });
}

/** `/claim push`: posts the claim's current fact-check to a channel, for everyone, and remembers it. */
async function announce(moderation: ModerationService, replies: ReplyPoster, respond: RespondFn, actor: Actor, id: string, channel: string, log: ModeratorToolsOptions['logger']): Promise<void> {
  const { claim } = moderation.show(id);
  if (claim.status !== 'published') return answerPrivately(respond, `Nothing was posted: ${id} is retired.`);
  let posted: Announcement;
  try {
    posted = await announceClaim({ replies, moderation, logger: log }, claim, channel, actor.name);
  } catch (error) {
    if (!(error instanceof ModerationInputError)) throw error;
    return answerPrivately(respond, `Nothing was posted: ${error.problems.map((p) => p.message).join('; ')}`);
  }
  logModeratorAction(log, 'push', actor, { claimId: id, channel, replyTs: posted.ts });
  return answerPrivately(respond, `Posted the fact-check of ${id} in the channel.${posted.recorded ? '' : ` ${NOT_RECORDED}`}`);
}

/** A channel as command text carries it: `<#C123|name>` (escaped by Slack), `<#C123>`, or a bare id. */
export function channelId(text: string): string | undefined {
  const escaped = /^<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text);
  if (escaped !== null) return escaped[1];
  return /^[CG][A-Z0-9]{6,}$/.test(text) ? text : undefined;
}
