import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { StoreFailure } from '../../core/store/store-failure.ts';
import { answerReply } from './answer-reply.ts';
import { messageText } from './incoming-message.ts';
import { FACTCHECK_COMMAND, FACTCHECK_MESSAGE_COMMAND, FACTCHECK_PUBLIC_OPTION, FACTCHECK_TEXT_OPTION } from './commands.ts';
import { recordPosted } from '../reply-records.ts';

export interface CommandDeps {
  checker: FactChecker;
  logger: Logger;
  /** Records public answers, so they are edited when their claim's note changes. */
  moderation?: Pick<ModerationService, 'recordReply'> | undefined;
}

const RATE_LIMITED = "You've asked for a lot of fact-checks in the last minute. Please try again shortly.";

/**
 * Answers `/factcheck` and "Fact-check this message". The reply is deferred first, so the
 * interaction is acknowledged inside Discord's 3-second window however long matching takes.
 */
export async function answerCommand(interaction: Interaction, deps: CommandDeps): Promise<void> {
  const asks =
    (interaction.isChatInputCommand() && interaction.commandName === FACTCHECK_COMMAND) ||
    (interaction.isMessageContextMenuCommand() && interaction.commandName === FACTCHECK_MESSAGE_COMMAND);
  if (asks && !deps.checker.admitAsk('discord', interaction.user.id)) {
    await interaction.reply({ content: RATE_LIMITED, flags: MessageFlags.Ephemeral });
    deps.logger.info({ interactionId: interaction.id, userId: interaction.user.id, outcome: 'rate-limited' }, 'fact-check request over the per-user limit');
    return;
  }
  if (interaction.isChatInputCommand() && interaction.commandName === FACTCHECK_COMMAND) {
    const isPublic = interaction.options.getBoolean(FACTCHECK_PUBLIC_OPTION) ?? false;
    await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
    return answer(interaction, interaction.options.getString(FACTCHECK_TEXT_OPTION, true), deps, isPublic);
  }
  if (interaction.isMessageContextMenuCommand() && interaction.commandName === FACTCHECK_MESSAGE_COMMAND) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const text = messageText(interaction.targetMessage);
    if (text.trim() === '') {
      await interaction.editReply({ content: 'That message has no text I can check (only attachments or embeds), sorry.' });
      deps.logger.info({ interactionId: interaction.id, outcome: 'answered', matches: 0 }, 'asked to check a message without text');
      return;
    }
    return answer(interaction, text, deps);
  }
  if (interaction.isCommand()) {
    // A command from an older registration: say so rather than let Discord show "did not respond".
    await interaction.reply({ content: 'This command is not supported any more; ask a server admin to update the bot.', flags: MessageFlags.Ephemeral });
    deps.logger.warn(
      { interactionId: interaction.id, outcome: 'unknown-command', command: interaction.commandName },
      'unknown command; run `npm run discord:register` to update the registered commands',
    );
  }
}

async function answer(interaction: RepliableInteraction, text: string, deps: CommandDeps, isPublic = false): Promise<void> {
  const result = await deps.checker.ask(text);
  const sent = await interaction.editReply(answerReply(result));
  // A public answer stays in the channel: it follows its claim's note like any other reply.
  if (isPublic && result.best !== undefined && interaction.channelId !== null) {
    await recordPosted(deps, { platform: 'discord', channelId: interaction.channelId, messageId: sent.id, claimId: result.best.claimId, kind: 'answer', sentAt: new Date().toISOString() });
  }
  deps.logger.info({ interactionId: interaction.id, outcome: 'answered', best: result.best?.claimId, matches: result.matches.length }, 'answered a fact-check request');
}

/** After a failure: tell the person who acted, if the interaction still takes a reply; a store failure in words. */
export async function apologise(interaction: Interaction, error?: unknown): Promise<void> {
  if (!interaction.isRepliable()) return;
  const content = error instanceof StoreFailure ? error.forPeople : 'Sorry, something went wrong while checking that. Please try again in a moment.';
  if (interaction.deferred || interaction.replied) await interaction.editReply({ content, embeds: [] });
  else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
}
