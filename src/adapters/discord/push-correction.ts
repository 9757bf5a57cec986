import {
  ButtonStyle,
  ComponentType,
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type APISelectMenuOption,
  type ButtonInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Claim } from '../../core/claim.ts';
import { ModerationInputError } from '../../core/moderation/actor.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { customId, type ModeratorStep } from './custom-ids.ts';
import { echoedMarkdown } from './echoed-text.ts';
import { fit } from './embed-limits.ts';
import { apiMessageText, messageText } from './incoming-message.ts';
import { actorOf } from './moderator-actor.ts';
import { act, type ModeratorDeps, type PrivateAnswer } from './moderator-answers.ts';
import { correctionComment, moderatorEmbed, NO_PINGS } from './moderator-messages.ts';
import { NOT_RECORDED, recordPosted } from '../reply-records.ts';
import { isUnavailable, onceOnly } from './rest-calls.ts';

/** How many of the best matches the claim picker offers before the moderator searches. */
const SUGGESTIONS = 10;
const COMMENT_FIELD = 'comment';
const QUERY_FIELD = 'query';

type Target = { channelId: string; messageId: string };

/**
 * "Push correction" on a message the bot missed: pick the claim (best matches first, or
 * search), add a comment, and the bot replies to the message publicly as a moderator
 * correction. The message becomes a phrasing of the claim, so the next one is caught.
 */
export async function startCorrection(interaction: MessageContextMenuCommandInteraction, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const target = { channelId: interaction.channelId, messageId: interaction.targetId };
  await act(interaction, deps, actor, { action: 'push-correction-start', ...logged(target) }, async () => {
    const text = messageText(interaction.targetMessage);
    if (text.trim() === '') throw ModerationInputError.single('message', 'that message has no text (only attachments or embeds), so there is nothing to correct or learn from');
    const matches = (await deps.checker.ask(text, SUGGESTIONS)).matches;
    const options = matches.map((m) => claimOption(m.claimId, m.claim, `${m.verdictLabel} · match ${Math.round(m.score * 100)}% · ${m.claimId}`));
    return picker(target, options, options.length > 0 ? 'Which claim does this message make? Best matches first; or search.' : 'No known claim looks like this message; search for the claim by id or words.');
  }, 'step');
}

/** The moderator picked a claim: ask for an optional comment. */
export async function pickClaim(interaction: StringSelectMenuInteraction, target: Target, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const claimId = interaction.values[0] ?? '';
  await act(interaction, deps, actor, { action: 'push-correction-pick', claimId, ...logged(target) }, async () => {
    const { claim } = deps.moderation.show(claimId);
    await interaction.showModal(commentForm(target.messageId, claim));
    return undefined;
  }, 'step');
}

/** "Search…": a form for an id or words. */
export async function openSearch(interaction: ButtonInteraction, target: Target, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  await act(interaction, deps, actor, { action: 'push-correction-search', ...logged(target) }, async () => {
    await interaction.showModal(searchForm(customId({ step: 'searched', channelId: target.channelId, messageId: target.messageId })));
    return undefined;
  }, 'step');
}

/** The search form came back: offer what matches. */
export async function searched(interaction: ModalSubmitInteraction, target: Target, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const query = searchedFor(interaction);
  await act(interaction, deps, actor, { action: 'push-correction-search', query, ...logged(target) }, () => {
    const { options, content } = searchResults(deps, query);
    return picker(target, options, content);
  }, 'step');
}

/** The form a "Search…" button opens: an id or words from the claim. */
export function searchForm(id: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: id,
    title: 'Find the claim',
    components: [{
      type: ComponentType.Label,
      label: 'Claim id or words from the claim',
      component: { type: ComponentType.TextInput, custom_id: QUERY_FIELD, style: TextInputStyle.Short, required: true, max_length: 100 },
    }],
  };
}

/** What was typed in the search form. */
export function searchedFor(interaction: ModalSubmitInteraction): string {
  return interaction.fields.getTextInputValue(QUERY_FIELD).trim();
}

/** The published claims a search finds, as picker options, and the line above them. */
export function searchResults(deps: Pick<ModeratorDeps, 'moderation'>, query: string): { options: APISelectMenuOption[]; content: string } {
  // An id typed in full comes first; search() matches ids and claim text word by word.
  const found = deps.moderation.search(query).sort((a, b) => Number(b.id === query.toLowerCase()) - Number(a.id === query.toLowerCase()));
  const options = found.map((c) => claimOption(c.id, c.claim, `${VERDICT_STYLE[c.verdict].label} · ${c.id}`));
  const asked = echoedMarkdown(fit(query, 100));
  return { options, content: options.length > 0 ? `Claims matching “${asked}”:` : `No published claim matches “${asked}”. Try fewer or other words, or the claim id.` };
}

/** The comment form came back: teach the claim, reply to the message publicly, record the reply. */
export async function sendCorrection(interaction: ModalSubmitInteraction, messageId: string, claimId: string, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const { channelId } = interaction;
  if (channelId === null) return;
  const comment = interaction.fields.getTextInputValue(COMMENT_FIELD).trim();
  await act(interaction, deps, actor, { action: 'push-correction', claimId, channelId, targetMessageId: messageId }, async () => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const target = await fetchMessage(deps, channelId, messageId);
    const said = apiMessageText(target);
    const { reply, taught } = await deps.moderation.pushCorrection(actor, claimId, said, comment);
    const content = correctionComment(comment, actor.name);
    let posted: APIMessage;
    try {
      posted = (await deps.rest.post(Routes.channelMessages(channelId), {
        body: {
          ...(content === undefined ? {} : { content }),
          embeds: [moderatorEmbed('correction', reply)],
          message_reference: { message_id: messageId, fail_if_not_exists: false },
          allowed_mentions: NO_PINGS, ...onceOnly(),
        },
      })) as APIMessage;
    } catch (error) {
      if (isUnavailable(error)) {
        deps.logger.error({ interactionId: interaction.id, channelId, claimId, error: (error as Error).message }, 'taught a correction but Discord kept failing when it was posted');
        return { content: `The claim \`${claimId}\` learnt this message, but Discord did not answer or kept failing when the bot posted the correction (${(error as Error).message}), so nothing was posted. Run "Push correction" on the message again in a minute.` };
      }
      if (!(error instanceof DiscordAPIError)) throw error;
      // The claim has already learnt the message; say so rather than "nothing changed".
      deps.logger.warn({ interactionId: interaction.id, channelId, claimId, error: error.message }, 'taught a correction but could not post it');
      return { content: `The claim \`${claimId}\` learnt this message, but Discord did not let the bot reply here (${error.message}); give it Send Messages and Embed Links in this channel.` };
    }
    const recorded = await recordPosted(deps, {
      platform: 'discord', channelId, messageId: posted.id, inReplyTo: messageId, claimId, kind: 'correction', sentAt: new Date().toISOString(), triggerText: said,
      postedBy: actor.name, ...(comment === '' ? {} : { comment }),
    });
    const learnt = taught ? 'Messages like it are now caught without a moderator.' : 'The bot already knew this wording.';
    return { content: `Posted the correction to that message with \`${claimId}\`. ${learnt}${recorded ? '' : ` ${NOT_RECORDED}`}` };
  });
}

async function fetchMessage(deps: ModeratorDeps, channelId: string, messageId: string): Promise<APIMessage> {
  try {
    return (await deps.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
      throw ModerationInputError.single('message', 'that message was deleted in the meantime; nothing to correct');
    }
    throw error;
  }
}

/** `messageId` in a log line means a message the bot heard; a correction's target is named apart. */
function logged(target: Target): { channelId: string; targetMessageId: string } {
  return { channelId: target.channelId, targetMessageId: target.messageId };
}

/** A claim as an option of a picker. */
export function claimOption(claimId: string, claim: string, description: string): APISelectMenuOption {
  return { label: fit(claim, 100), value: claimId, description: fit(description, 100) };
}

function picker(target: Target, options: APISelectMenuOption[], content: string): PrivateAnswer {
  const ids = { pick: customId({ step: 'pick-claim', ...target }), search: customId({ step: 'search-claims', ...target }) };
  return claimPicker(ids, options, content);
}

/** A private message to pick a claim: the options in a select (when there are any), and a "Search…" button. */
export function claimPicker(ids: { pick: string; search: string }, options: APISelectMenuOption[], content: string): PrivateAnswer {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  if (options.length > 0) {
    rows.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.StringSelect, custom_id: ids.pick, placeholder: 'Pick the claim', options: options.slice(0, 25) }] });
  }
  rows.push({ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: ids.search, label: 'Search…' }] });
  return { content, components: rows };
}

function commentForm(messageId: string, claim: Claim): APIModalInteractionResponseCallbackData {
  const step: ModeratorStep = { step: 'correct', messageId, claimId: claim.id };
  return {
    custom_id: customId(step),
    title: 'Push correction',
    components: [{
      type: ComponentType.Label,
      label: 'Comment (optional, shown above the note)',
      description: fit(`${VERDICT_STYLE[claim.verdict].label}: ${claim.claim}`, 100),
      component: { type: ComponentType.TextInput, custom_id: COMMENT_FIELD, style: TextInputStyle.Paragraph, required: false, max_length: 500 },
    }],
  };
}
