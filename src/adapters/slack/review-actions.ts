import type { App, BlockAction, ButtonAction, RespondFn, types, webApi } from '@slack/bolt';
import { z } from 'zod';
import { PermissionDenied, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService, ReviewOutcome } from '../../core/moderation/moderation-service.ts';
import { CLAIM_SEARCH_ACTION, claimPickerBlocks, fieldErrors, readMetadata, submitted } from './claim-modals.ts';
import { answerPrivately, isRefusal, logModeratorAction, MODERATION_UNAVAILABLE, openModal, type ModeratorToolsOptions } from './moderator-context.ts';
import { clip, quoteEcho } from './mrkdwn.ts';
import { acceptedMessage, REVIEW_ACCEPT_ACTION, REVIEW_OTHER_ACTION, REVIEW_REJECT_ACTION, REVIEW_REPLY_ACTION } from './review-cards.ts';
import { describeSlackError } from './slack-errors.ts';

/** The modal "Another claim…" opens. */
export const REVIEW_OTHER_VIEW = 'review_other_view';

const ButtonValue = z.object({ suggestionId: z.string().regex(/^[0-9a-f]{12}$/), claimId: z.string().min(1).optional() });
const OtherTarget = z.object({ suggestionId: z.string().regex(/^[0-9a-f]{12}$/), channel: z.string().min(1) });

// Best matches "Another claim…" offers first.
const BEST_MATCHES = 5;

function parseValue(action: ButtonAction): z.infer<typeof ButtonValue> | undefined {
  try {
    const parsed = ButtonValue.safeParse(JSON.parse(action.value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function accepted({ suggestion, taught }: ReviewOutcome): string {
  const learnt = taught.length > 0 ? 'Messages like it are now answered without a moderator.' : 'The claim already knew these words.';
  return `Accepted: the message is a phrasing of ${suggestion.decision?.claimId ?? ''}. ${learnt} The bot has not replied to it; reply now if it should.`;
}

function rejected({ taught }: ReviewOutcome): string {
  return `Rejected: not a claim. ${taught.length === 0 ? 'The claims already had it as a counter-example.' : `It is now a counter-example of ${taught.join(', ')}.`}`;
}

/**
 * The review cards' buttons on Slack: "It is <claim>", "Another claim…" (a modal to pick one),
 * "Not a claim", and "Reply to the message with the note" after an acceptance. Moderators only;
 * the core settles each suggestion once across every instance, and the card follows.
 */
export function answerReviewButtons(app: App, { moderation, checker, moderators, logger: log }: ModeratorToolsOptions): void {
  /** Runs one decision for a moderator, answering privately with its result or its refusal. */
  const decide = async (actor: Actor, respond: RespondFn, action: string, fields: Record<string, unknown>, run: (m: ModerationService) => Promise<string | ReturnType<typeof acceptedMessage>>) => {
    if (moderation === undefined) return answerPrivately(respond, MODERATION_UNAVAILABLE);
    if (!actor.isModerator) {
      logModeratorAction(log, `${action}-refused`, actor, fields);
      return answerPrivately(respond, new PermissionDenied('review suggestions').message);
    }
    try {
      const answer = await run(moderation);
      logModeratorAction(log, action, actor, fields);
      return answerPrivately(respond, answer);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      logModeratorAction(log, `${action}-refused`, actor, { ...fields, reason: error.message });
      return answerPrivately(respond, `Nothing was changed. ${error.message}`);
    }
  };
  const pressed = (handler: (args: { value: z.infer<typeof ButtonValue>; actor: Actor; respond: RespondFn; client: webApi.WebClient; triggerId: string; channel: string | undefined }) => Promise<void>) =>
    async ({ ack, body, action, client, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: webApi.WebClient; respond: RespondFn }) => {
      await ack();
      const value = parseValue(action);
      if (value === undefined) {
        log.warn({ action: action.action_id }, 'review button without a valid value; ignored');
        return answerPrivately(respond, 'This button no longer works.');
      }
      const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
      await handler({ value, actor, respond, client, triggerId: body.trigger_id, channel: body.channel?.id });
    };

  app.action<BlockAction<ButtonAction>>({ action_id: REVIEW_ACCEPT_ACTION, type: 'block_actions' }, pressed(async ({ value, actor, respond }) => {
    const fields = { suggestionId: value.suggestionId, claimId: value.claimId };
    await decide(actor, respond, 'review-accept', fields, async (m) => acceptedMessage(accepted(await m.acceptSuggestion(actor, value.suggestionId, value.claimId)), value.suggestionId));
  }));

  app.action<BlockAction<ButtonAction>>({ action_id: REVIEW_REJECT_ACTION, type: 'block_actions' }, pressed(async ({ value, actor, respond }) => {
    await decide(actor, respond, 'review-reject', { suggestionId: value.suggestionId }, async (m) => rejected(await m.rejectSuggestion(actor, value.suggestionId)));
  }));

  app.action<BlockAction<ButtonAction>>({ action_id: REVIEW_REPLY_ACTION, type: 'block_actions' }, pressed(async ({ value, actor, respond }) => {
    await decide(actor, respond, 'review-reply', { suggestionId: value.suggestionId }, async (m) => {
      const suggestion = await m.replyToSuggestion(actor, value.suggestionId);
      return `Replying in the message's thread with the note of ${suggestion.decision?.claimId ?? ''}; the card says when it is posted.`;
    });
  }));

  app.action<BlockAction<ButtonAction>>({ action_id: REVIEW_OTHER_ACTION, type: 'block_actions' }, pressed(async ({ value, actor, respond, client, triggerId, channel }) => {
    if (moderation === undefined) return answerPrivately(respond, MODERATION_UNAVAILABLE);
    if (!actor.isModerator) {
      logModeratorAction(log, 'review-other-refused', actor, { suggestionId: value.suggestionId });
      return answerPrivately(respond, new PermissionDenied('review suggestions').message);
    }
    try {
      const suggestion = await moderation.suggestion(value.suggestionId);
      const published = moderation.search('', Number.MAX_SAFE_INTEGER);
      const best = (await checker.ask(suggestion.excerpt, BEST_MATCHES)).matches.filter((m) => m.score > 0 && published.some((c) => c.id === m.claimId));
      await openModal(client, triggerId, otherClaimView(suggestion.id, channel ?? '', suggestion.excerpt, claimPickerBlocks(best, published)), respond, log);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return answerPrivately(respond, `Nothing was changed. ${error.message}`);
    }
  }));

  app.view(REVIEW_OTHER_VIEW, async ({ ack, body, view, client }) => {
    const pickerBlock = view.blocks.some((b) => b.block_id === 'claim') ? 'claim' : CLAIM_SEARCH_ACTION;
    const target = readMetadata(OtherTarget, view.private_metadata);
    if (moderation === undefined || target === undefined) {
      return ack({ response_action: 'errors', errors: { [pickerBlock]: moderation === undefined ? MODERATION_UNAVAILABLE : 'This form lost track of its suggestion; close it and press "Another claim…" again.' } });
    }
    const claimId = submitted(view.state.values, CLAIM_SEARCH_ACTION) ?? submitted(view.state.values, 'claim');
    if (claimId === undefined) return ack({ response_action: 'errors', errors: { [pickerBlock]: 'Pick the claim this message repeats.' } });
    const actor = await moderators.actor(client, { id: body.user.id, name: body.user.name });
    const fields = { suggestionId: target.suggestionId, claimId };
    let outcome: ReviewOutcome;
    try {
      outcome = await moderation.acceptSuggestion(actor, target.suggestionId, claimId);
    } catch (error) {
      logModeratorAction(log, 'review-accept-refused', actor, { ...fields, reason: (error as Error).message });
      return ack({ response_action: 'errors', errors: fieldErrors(error, [pickerBlock], pickerBlock) });
    }
    await ack({ response_action: 'clear' });
    logModeratorAction(log, 'review-accept', actor, fields);
    try {
      await client.chat.postEphemeral({ channel: target.channel, user: actor.id, ...acceptedMessage(accepted(outcome), target.suggestionId) });
    } catch (error) {
      log.warn({ err: error, ...fields }, `could not tell the moderator the suggestion was accepted: ${describeSlackError(error)}`);
    }
  });
}

function otherClaimView(suggestionId: string, channel: string, excerpt: string, picker: types.InputBlock[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: REVIEW_OTHER_VIEW,
    private_metadata: JSON.stringify({ suggestionId, channel }),
    title: { type: 'plain_text', text: 'Another claim' },
    submit: { type: 'plain_text', text: 'It is this claim' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*Message:*\n${quoteEcho(clip(excerpt, 300))}`, verbatim: true } }, ...picker],
  };
}
