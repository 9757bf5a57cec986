import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { customId } from './custom-ids.ts';
import { actorOf } from './moderator-actor.ts';
import { act, type ModeratorDeps, type PrivateAnswer } from './moderator-answers.ts';
import { claimOption, claimPicker, searchedFor, searchForm, searchResults } from './push-correction.ts';
import { replyButton } from './review-cards.ts';

/** How many of the best matches "Another claim…" offers before the moderator searches. */
const SUGGESTIONS = 10;

type ReviewInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/**
 * A moderator's decision on a review card. The core settles the suggestion once across every
 * instance; the card itself is edited by whichever instance takes the change (DiscordReviewCards.show).
 */
function decide(interaction: ReviewInteraction, deps: ModeratorDeps, suggestionId: string, action: 'accept' | 'reject', claimId?: string): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  return act(interaction, deps, actor, { action: `review-${action}`, suggestionId, claimId }, async () => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    if (action === 'reject') {
      const { taught } = await deps.moderation.rejectSuggestion(actor, suggestionId);
      const learnt = taught.length === 0 ? 'The claims already had it as a counter-example.' : `It is now a counter-example of ${taught.map((id) => `\`${id}\``).join(', ')}.`;
      return { content: `Rejected: not a claim. ${learnt}` };
    }
    const { suggestion, taught } = await deps.moderation.acceptSuggestion(actor, suggestionId, claimId);
    const chosen = suggestion.decision?.claimId ?? claimId ?? '';
    const learnt = taught.length > 0 ? 'Messages like it are now answered without a moderator.' : 'The claim already knew these words.';
    return { content: `Accepted: the message is a phrasing of \`${chosen}\`. ${learnt} The bot has not replied to it; reply now if it should.`, components: [replyButton(suggestion.id)] };
  });
}

/** "It is <claim>" on a card. */
export function acceptOnCard(interaction: ButtonInteraction, deps: ModeratorDeps, suggestionId: string, claimId: string): Promise<void> {
  return decide(interaction, deps, suggestionId, 'accept', claimId);
}

/** "Not a claim" on a card. */
export function rejectOnCard(interaction: ButtonInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  return decide(interaction, deps, suggestionId, 'reject');
}

/** The claim picked after "Another claim…". */
export function pickOtherClaim(interaction: StringSelectMenuInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  return decide(interaction, deps, suggestionId, 'accept', interaction.values[0] ?? '');
}

/** "Another claim…": a private picker of the claims the message looks most like, and a search. */
export async function offerOtherClaims(interaction: ButtonInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  await act(interaction, deps, actor, { action: 'review-other', suggestionId }, async () => {
    const suggestion = await deps.moderation.suggestion(suggestionId);
    const options = (await deps.checker.ask(suggestion.excerpt, SUGGESTIONS)).matches.map((m) => claimOption(m.claimId, m.claim, `${m.verdictLabel} · match ${Math.round(m.score * 100)}% · ${m.claimId}`));
    return picker(suggestionId, options, 'Which claim does this message make? Best matches first; or search.');
  }, 'step');
}

/** "Search…" under that picker: a form for an id or words. */
export async function openReviewSearch(interaction: ButtonInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  await act(interaction, deps, actor, { action: 'review-search', suggestionId }, async () => {
    await interaction.showModal(searchForm(customId({ step: 'review-searched', suggestionId })));
    return undefined;
  }, 'step');
}

/** The search form came back: offer what matches. */
export async function reviewSearched(interaction: ModalSubmitInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const query = searchedFor(interaction);
  await act(interaction, deps, actor, { action: 'review-search', suggestionId, query }, () => {
    const { options, content } = searchResults(deps, query);
    return picker(suggestionId, options, content);
  }, 'step');
}

/** "Reply to the message with the note", after an acceptance: the instance that takes the change posts it. */
export async function replyToReviewed(interaction: ButtonInteraction, deps: ModeratorDeps, suggestionId: string): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  await act(interaction, deps, actor, { action: 'review-reply', suggestionId }, async () => {
    const suggestion = await deps.moderation.replyToSuggestion(actor, suggestionId);
    return { content: `Replying to the message with the note of \`${suggestion.decision?.claimId ?? ''}\`; the card says when it is posted.` };
  });
}

function picker(suggestionId: string, options: Parameters<typeof claimPicker>[1], content: string): PrivateAnswer {
  return claimPicker({ pick: customId({ step: 'review-pick', suggestionId }), search: customId({ step: 'review-search', suggestionId }) }, options, content);
}
