import { ButtonStyle, ComponentType, Routes, type APIActionRowComponent, type APIButtonComponent, type ButtonInteraction } from 'discord.js';
import type { FeedbackOutcome } from '../../core/moderation/moderation-service.ts';
import type { FeedbackKind } from '../../core/store/moderation-store.ts';
import { customId } from './custom-ids.ts';
import { actorOf } from './moderator-actor.ts';
import { answerPrivately, logAction, type ModeratorDeps } from './moderator-answers.ts';

/** The "Helpful" / "Not relevant" buttons under every passive reply. */
export function feedbackButtons(): APIActionRowComponent<APIButtonComponent> {
  const button = (kind: FeedbackKind, label: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId({ step: 'feedback', kind }),
    label,
  });
  return { type: ComponentType.ActionRow, components: [button('helpful', 'Helpful'), button('not-relevant', 'Not relevant')] };
}

const THANKS: Record<FeedbackOutcome, string> = {
  counted: 'Thanks, noted. This helps the moderators see which notes work.',
  'already-counted': 'You already rated this reply; it is counted once.',
  removed: 'Removed the reply. Messages like the one it answered no longer trigger that claim.',
  'unknown-reply': 'I have no record of this reply any more, so it cannot be rated.',
};

/**
 * A press of a feedback button. Members' presses are counted; a moderator's "Not relevant"
 * also deletes the reply (the core has already learnt the message as a counter-example).
 */
export async function pressFeedback(interaction: ButtonInteraction, kind: FeedbackKind, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const reply = interaction.message;
  const outcome = await deps.moderation.feedback(actor, 'discord', interaction.channelId, reply.id, kind);
  await answerPrivately(interaction, { content: THANKS[outcome] });
  const record = { action: `feedback-${kind}`, claimId: claimIdIn(reply.embeds[0]?.footer?.text), replyMessageId: reply.id };
  if (outcome !== 'removed') {
    logAction(deps, interaction, actor, record, outcome, `feedback on a reply: ${outcome}`);
    return;
  }
  try {
    await deps.rest.delete(Routes.channelMessage(interaction.channelId, reply.id));
    logAction(deps, interaction, actor, record, 'removed', 'moderator action: removed a reply as not relevant');
  } catch (error) {
    // Someone may have deleted it already; the counter-example is learnt either way.
    logAction(deps, interaction, actor, { ...record, error: error instanceof Error ? error.message : String(error) }, 'removed', 'moderator marked a reply not relevant; deleting it failed');
  }
}

function claimIdIn(footer: string | undefined): string | undefined {
  return footer?.match(/^Claim (\S+)/)?.[1];
}
