import { MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import { claimCommand, submitClaimForm, suggestClaims } from './claim-command.ts';
import { CLAIM_COMMAND, PUSH_CORRECTION_COMMAND } from './commands.ts';
import { stepOf } from './custom-ids.ts';
import { pressFeedback } from './feedback-buttons.ts';
import type { ModeratorDeps } from './moderator-answers.ts';
import { openSearch, pickClaim, searched, sendCorrection, startCorrection } from './push-correction.ts';
import { acceptOnCard, offerOtherClaims, openReviewSearch, pickOtherClaim, rejectOnCard, replyToReviewed, reviewSearched } from './review-buttons.ts';

const UNAVAILABLE = 'Moderation is not available in this bot: it runs without a moderator store. Ask whoever runs the bot to start it with one (npm start does).';
const OUTDATED = 'This button or form is from an older version of the bot and no longer works; run the command again.';

/**
 * Hands an interaction to the moderator tools: `/claim`, "Push correction", their forms and
 * pickers, the feedback buttons and the review cards' buttons. Resolves false when the interaction is none of these.
 */
export async function moderatorInteraction(interaction: Interaction, deps: ModeratorDeps | undefined, logger: Logger): Promise<boolean> {
  const ours =
    ((interaction.isChatInputCommand() || interaction.isAutocomplete()) && interaction.commandName === CLAIM_COMMAND) ||
    (interaction.isMessageContextMenuCommand() && interaction.commandName === PUSH_CORRECTION_COMMAND) ||
    interaction.isMessageComponent() ||
    interaction.isModalSubmit();
  if (!ours) return false;

  if (deps === undefined) {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else await interaction.reply({ content: UNAVAILABLE, flags: MessageFlags.Ephemeral });
    logger.info({ interactionId: interaction.id, channelId: interaction.channelId, outcome: 'unavailable' }, 'moderator tool used, but the bot runs without moderation');
    return true;
  }
  if (interaction.isAutocomplete()) await suggestClaims(interaction, deps);
  else if (interaction.isChatInputCommand()) await claimCommand(interaction, deps);
  else if (interaction.isMessageContextMenuCommand()) await startCorrection(interaction, deps);
  else if (!(await continueStep(interaction, deps))) {
    if (interaction.isRepliable()) await interaction.reply({ content: OUTDATED, flags: MessageFlags.Ephemeral });
    logger.warn({ interactionId: interaction.id, outcome: 'outdated', customId: 'customId' in interaction ? interaction.customId : undefined }, 'a component or form this bot does not know');
  }
  return true;
}

/** A button, picker or form of a step started earlier; false when its custom_id is not ours. */
async function continueStep(interaction: Interaction, deps: ModeratorDeps): Promise<boolean> {
  if (!interaction.isMessageComponent() && !interaction.isModalSubmit()) return false;
  const step = stepOf(interaction.customId);
  if (step === undefined) return false;
  switch (step.step) {
    case 'feedback':
      if (!interaction.isButton()) return false;
      await pressFeedback(interaction, step.kind, deps);
      return true;
    case 'pick-claim':
      if (!interaction.isStringSelectMenu()) return false;
      await pickClaim(interaction, step, deps);
      return true;
    case 'search-claims':
      if (!interaction.isButton()) return false;
      await openSearch(interaction, step, deps);
      return true;
    case 'searched':
      if (!interaction.isModalSubmit()) return false;
      await searched(interaction, step, deps);
      return true;
    case 'correct':
      if (!interaction.isModalSubmit()) return false;
      await sendCorrection(interaction, step.messageId, step.claimId, deps);
      return true;
    case 'add':
    case 'edit':
      if (!interaction.isModalSubmit()) return false;
      await submitClaimForm(interaction, step, deps);
      return true;
    case 'review-accept':
      if (!interaction.isButton()) return false;
      await acceptOnCard(interaction, deps, step.suggestionId, step.claimId);
      return true;
    case 'review-reject':
    case 'review-other':
    case 'review-search':
    case 'review-reply': {
      if (!interaction.isButton()) return false;
      const press = { 'review-reject': rejectOnCard, 'review-other': offerOtherClaims, 'review-search': openReviewSearch, 'review-reply': replyToReviewed }[step.step];
      await press(interaction, deps, step.suggestionId);
      return true;
    }
    case 'review-pick':
      if (!interaction.isStringSelectMenu()) return false;
      await pickOtherClaim(interaction, deps, step.suggestionId);
      return true;
    case 'review-searched':
      if (!interaction.isModalSubmit()) return false;
      await reviewSearched(interaction, deps, step.suggestionId);
      return true;
  }
}
