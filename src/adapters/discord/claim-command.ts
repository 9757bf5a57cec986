import {
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { ModerationInputError } from '../../core/moderation/actor.ts';
import { announceClaim } from './announcement.ts';
import { addForm, claimInputFrom, editForm } from './claim-forms.ts';
import { claimEmbed, historyText, statsText } from './claim-report.ts';
import { CLAIM_CHANNEL_OPTION, CLAIM_ID_OPTION, type ClaimSubcommand } from './commands.ts';
import { fit } from './embed-limits.ts';
import { actorOf } from './moderator-actor.ts';
import { act, logAction, type ModeratorDeps, type PrivateAnswer } from './moderator-answers.ts';
import { NOT_RECORDED } from '../reply-records.ts';

/** `/claim …`: every answer is private except the announcement `push` posts. */
export async function claimCommand(interaction: ChatInputCommandInteraction, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const sub = interaction.options.getSubcommand(true) as ClaimSubcommand;
  const id = interaction.options.getString(CLAIM_ID_OPTION)?.trim().toLowerCase() ?? '';
  const { moderation } = deps;
  const run = (action: string, answer: () => Promise<PrivateAnswer | undefined> | PrivateAnswer | undefined, kind: 'action' | 'step' = 'action') =>
    act(interaction, deps, actor, { action: `claim-${action}`, ...(id === '' ? {} : { claimId: id }) }, answer, kind);

  switch (sub) {
    case 'add':
      return run('add-form', async () => {
        await interaction.showModal(addForm());
        return undefined;
      }, 'step');
    case 'edit':
      return run('edit-form', async () => {
        const { claim, version } = moderation.show(id);
        await interaction.showModal(editForm(claim, version));
        return undefined;
      }, 'step');
    case 'retire':
      return run('retire', async () => {
        await moderation.retire(actor, id);
        return { content: `Retired \`${id}\`: the bot no longer answers about it. \`/claim history ${id}\` shows who changed what.` };
      });
    case 'show':
      return run('show', () => {
        const { claim, version } = moderation.show(id);
        return { embeds: [claimEmbed(claim, version)] };
      });
    case 'history':
      return run('history', async () => ({ content: historyText(id, await moderation.history(id)) }));
    case 'stats':
      return run('stats', async () => ({ content: statsText(await moderation.stats()) }));
    case 'push': {
      const channelId = interaction.options.getChannel(CLAIM_CHANNEL_OPTION)?.id ?? interaction.channelId;
      return act(interaction, deps, actor, { action: 'claim-push', claimId: id, channelId }, async () => {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        return announce(deps, id, channelId, actor.name);
      });
    }
  }
}

/** Posts a claim's current note in a channel for everyone, and records it so updates follow it. */
async function announce(deps: ModeratorDeps, claimId: string, channelId: string, postedBy: string): Promise<PrivateAnswer> {
  const { claim } = deps.moderation.show(claimId);
  if (claim.status !== 'published') throw ModerationInputError.single('id', `${claimId} is retired; the bot does not announce retired claims`);
  const { recorded } = await announceClaim(deps, claim, channelId, postedBy, '`/claim push`');
  return { content: `Posted the note of \`${claimId}\` in <#${channelId}>. ${recorded ? 'It will be updated if the note changes.' : NOT_RECORDED}` };
}

/** The /claim add and /claim edit forms came back. */
export async function submitClaimForm(interaction: ModalSubmitInteraction, step: { step: 'add' } | { step: 'edit'; claimId: string; version: number }, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const input = claimInputFrom(interaction);
  const { moderation } = deps;
  if (step.step === 'add') {
    return act(interaction, deps, actor, { action: 'claim-add', claimId: input.id }, async () => {
      const claim = await moderation.add(actor, input);
      return { content: `Added \`${claim.id}\`. The bot answers about it from now on; \`/claim show ${claim.id}\` shows it as people will see it.` };
    });
  }
  return act(interaction, deps, actor, { action: 'claim-edit', claimId: step.claimId, fromVersion: step.version }, async () => {
    await moderation.edit(actor, step.claimId, input, step.version);
    const { version } = moderation.show(step.claimId);
    const days = moderation.updateWindowDays;
    return { content: `Saved \`${step.claimId}\` as version ${version}. Replies about it from the last ${days} days are being updated.` };
  });
}

/** Suggestions for a claim id option, for moderators only. */
export async function suggestClaims(interaction: AutocompleteInteraction, deps: ModeratorDeps): Promise<void> {
  const actor = actorOf(interaction, deps.moderatorRoleIds);
  const typed = String(interaction.options.getFocused());
  const claims = actor.isModerator ? deps.moderation.search(typed, 25) : [];
  await interaction.respond(claims.map((c) => ({ name: fit(`${c.id} · ${c.claim}`, 100), value: c.id })));
  logAction(deps, interaction, actor, { action: 'claim-autocomplete', typed }, 'suggested', 'suggested claim ids', 'debug');
}
