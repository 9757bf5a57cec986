import {
  ApplicationCommandType,
  ChannelType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  SlashCommandBuilder,
  SlashCommandStringOption,
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

/** The moderator tools. The adapter checks the moderator rights itself at every step. */
export const CLAIM_COMMAND = 'claim';
export const CLAIM_ID_OPTION = 'id';
export const CLAIM_CHANNEL_OPTION = 'channel';
export const CLAIM_SUBCOMMANDS = ['add', 'edit', 'retire', 'show', 'history', 'push', 'stats'] as const;
export type ClaimSubcommand = (typeof CLAIM_SUBCOMMANDS)[number];
export const PUSH_CORRECTION_COMMAND = 'Push correction';

// No default_member_permissions: a member with a role in DISCORD_MODERATOR_ROLE_IDS is a
// moderator without Manage Messages, and would not see the commands if they required it.
// Server admins can hide them per role in Server Settings > Integrations (docs/discord.md).
const claim = new SlashCommandBuilder()
  .setName(CLAIM_COMMAND)
  .setDescription('Moderator tools: add, edit, retire and announce fact-checked claims')
  .setContexts([InteractionContextType.Guild])
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .addSubcommand((s) => s.setName('add').setDescription('Add a claim (opens a form)'))
  .addSubcommand((s) => s.setName('edit').setDescription("Edit a claim's verdict, text, note or evidence (opens a form)").addStringOption(claimIdOption))
  .addSubcommand((s) => s.setName('retire').setDescription('Stop answering about a claim').addStringOption(claimIdOption))
  .addSubcommand((s) => s.setName('show').setDescription('Show a claim as the bot answers it now').addStringOption(claimIdOption))
  .addSubcommand((s) => s.setName('history').setDescription('Who changed a claim, when, and what').addStringOption(claimIdOption))
  .addSubcommand((s) =>
    s
      .setName('push')
      .setDescription("Post a claim's current note in a channel for everyone")
      .addStringOption(claimIdOption)
      .addChannelOption((o) =>
        o
          .setName(CLAIM_CHANNEL_OPTION)
          .setDescription('Where to post it (default: this channel)')
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread),
      ),
  )
  .addSubcommand((s) => s.setName('stats').setDescription('Replies, feedback, corrections and review suggestions per claim, last 7 and 30 days'));

function claimIdOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o.setName(CLAIM_ID_OPTION).setDescription('Claim id (type words to search)').setRequired(true).setAutocomplete(true).setMaxLength(80);
}

const pushCorrection = new ContextMenuCommandBuilder()
  .setName(PUSH_CORRECTION_COMMAND)
  .setType(ApplicationCommandType.Message)
  .setContexts([InteractionContextType.Guild])
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

/** The JSON bodies Discord's bulk-overwrite endpoint takes. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [factcheck.toJSON(), factcheckMessage.toJSON(), claim.toJSON(), pushCorrection.toJSON()];
}
