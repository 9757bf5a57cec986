import { MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type Interaction, type REST, type RepliableInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { FactChecker } from '../../core/fact-checker.ts';
import { CHAT_COMMANDS, ModerationInputError, PermissionDenied, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { VersionConflict } from '../../core/store/moderation-store.ts';
import { StoreFailure } from '../../core/store/store-failure.ts';
import { DiscordUnavailable } from './rest-calls.ts';

/** What the moderator tools need from the adapter. */
export interface ModeratorDeps {
  moderation: ModerationService;
  checker: FactChecker;
  /** The client's REST handler, for messages the bot posts, edits or deletes outside an interaction. */
  rest: REST;
  logger: Logger;
  moderatorRoleIds: readonly string[];
}

/** A reply only the person who acted sees. */
export interface PrivateAnswer {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** What one moderator action did, for its log line. */
export interface ActionRecord {
  action: string;
  claimId?: string | undefined;
  /** The channel acted on (the target of a correction or announcement), when not the interaction's. */
  channelId?: string | undefined;
  [detail: string]: unknown;
}

/** Answers privately: edits the deferred reply, or replies ephemerally. */
export async function answerPrivately(interaction: RepliableInteraction, answer: PrivateAnswer): Promise<void> {
  if (interaction.deferred || interaction.replied) await interaction.editReply({ content: answer.content ?? '', embeds: answer.embeds ?? [], components: answer.components ?? [] });
  else await interaction.reply({ ...answer, flags: MessageFlags.Ephemeral });
}

/** One structured line per moderator action: what, by whom, on which claim, where, and how it ended. */
export function logAction(deps: Pick<ModeratorDeps, 'logger'>, interaction: Interaction, actor: Actor, record: ActionRecord, outcome: string, message: string, level: 'error' | 'info' | 'debug' = 'info'): void {
  deps.logger[level](
    { interactionId: interaction.id, ...record, channelId: record.channelId ?? interaction.channelId, actor: actor.name, actorId: actor.id, moderator: actor.isModerator, outcome },
    message,
  );
}

/** The private answer to a refused action, or undefined for an error that is not a refusal. */
export function refusalOf(error: unknown): { outcome: 'refused' | 'invalid' | 'conflict' | 'failed'; content: string } | undefined {
  if (error instanceof PermissionDenied) return { outcome: 'refused', content: `${error.message}\n(Moderators have Manage Messages in this channel, or a moderator role.)` };
  if (error instanceof VersionConflict) return { outcome: 'conflict', content: `Not changed: ${error.message}.` };
  if (error instanceof ModerationInputError) return { outcome: 'invalid', content: `Not changed: ${error.describe(CHAT_COMMANDS)}` };
  if (error instanceof DiscordUnavailable) return { outcome: 'failed', content: error.message };
  if (error instanceof StoreFailure) return { outcome: 'failed', content: error.forPeople };
  return undefined;
}

function refusedAction(action: string): string {
  if (action.startsWith('push-correction')) return 'push corrections';
  if (action.startsWith('review')) return 'review suggestions';
  return 'use /claim';
}

/**
 * Runs one moderator action and answers privately with what it returns; a refusal (rights,
 * input, a concurrent edit) is answered and logged the same way, and anything else propagates.
 */
export async function act(
  interaction: RepliableInteraction,
  deps: ModeratorDeps,
  actor: Actor,
  record: ActionRecord,
  /** Returns the private answer, or undefined when it answered itself (opened a form). */
  run: () => Promise<PrivateAnswer | undefined> | PrivateAnswer | undefined,
  /** A step towards an action (a picker, a form) logs at debug; the action itself at info. */
  kind: 'action' | 'step' = 'action',
): Promise<void> {
  try {
    if (!actor.isModerator) throw new PermissionDenied(refusedAction(record.action));
    const answer = await run();
    if (answer !== undefined) await answerPrivately(interaction, answer);
    if (kind === 'action') logAction(deps, interaction, actor, record, 'done', `moderator action: ${record.action}`);
    else logAction(deps, interaction, actor, record, 'asked', `moderator step: ${record.action}`, 'debug');
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    await answerPrivately(interaction, { content: refusal.content });
    const level = refusal.outcome === 'failed' ? 'error' : 'info';
    logAction(deps, interaction, actor, { ...record, reason: (error as Error).message }, refusal.outcome, `moderator action ${refusal.outcome}: ${record.action}`, level);
  }
}
