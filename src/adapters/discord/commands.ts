import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';

/**
 * The application commands, defined once: the adapter answers them by these names and
 * `npm run discord:register` sends these definitions to Discord.
 */
export const FACTCHECK_COMMAND = 'factcheck';
export const FACTCHECK_TEXT_OPTION = 'text';
export const FACTCHECK_PUBLIC_OPTION = 'public';
export const FACTCHECK_MESSAGE_COMMAND = 'Fact-check this message';

/** Longest text `/factcheck` accepts; Discord's own limit for a string option is 6000. */
export const FACTCHECK_TEXT_MAX = 2000;

// Guild installs only; DMs with the bot are allowed because asking is never intrusive.
const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];

const factcheck = new SlashCommandBuilder()
  .setName(FACTCHECK_COMMAND)
  .setDescription('Check a message against the known fact-checked claims')
  .setContexts(CONTEXTS)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addStringOption((o) =>
    o.setName(FACTCHECK_TEXT_OPTION).setDescription('The message or claim to check').setRequired(true).setMaxLength(FACTCHECK_TEXT_MAX),
  )
  .addBooleanOption((o) =>
    o.setName(FACTCHECK_PUBLIC_OPTION).setDescription('Post the answer in the channel for everyone (default: only you see it)'),
  );

const factcheckMessage = new ContextMenuCommandBuilder()
  .setName(FACTCHECK_MESSAGE_COMMAND)
  .setType(ApplicationCommandType.Message)
  .setContexts(CONTEXTS)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

/** The JSON bodies Discord's bulk-overwrite endpoint takes. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [factcheck.toJSON(), factcheckMessage.toJSON()];
}
