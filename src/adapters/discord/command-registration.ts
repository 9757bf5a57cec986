import { DiscordAPIError, HTTPError, REST, Routes } from 'discord.js';
import type { DiscordConfig } from '../../config.ts';
import { commandDefinitions } from './commands.ts';

export interface RegisteredCommands {
  /** "guild 123" or "every server (global)", for the person running the script. */
  scope: string;
  names: string[];
}

/** A registration Discord refused, worded so the person running the script knows what to fix. */
export class CommandRegistrationError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'CommandRegistrationError';
  }
}

/**
 * Replaces the application's commands with ours: in one guild when `guildId` is set
 * (visible at once, for testing), otherwise globally (Discord may take a while to show them).
 */
export async function registerCommands(config: DiscordConfig): Promise<RegisteredCommands> {
  const { applicationId, guildId } = config;
  if (applicationId === undefined) {
    throw new CommandRegistrationError(
      'DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page of your app in the Discord developer portal',
    );
  }
  const rest = new REST(config.apiUrl === undefined ? {} : { api: config.apiUrl }).setToken(config.token);
  const route = guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
  const scope = guildId === undefined ? 'every server (global)' : `guild ${guildId}`;
  try {
    const saved = (await rest.put(route, { body: commandDefinitions() })) as { name: string }[];
    return { scope, names: saved.map((c) => c.name) };
  } catch (error) {
    throw new CommandRegistrationError(explainRefusal(error, applicationId, guildId), { cause: error });
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function explainRefusal(error: unknown, applicationId: string, guildId: string | undefined): string {
  if (!(error instanceof DiscordAPIError) && !(error instanceof HTTPError)) {
    return `could not reach Discord to register the commands: ${error instanceof Error ? error.message : String(error)} (check your network, or DISCORD_API_URL if you set it)`;
  }
  const { status } = error;
  if (status === 401) return 'Discord refused DISCORD_TOKEN: reset the bot token on the Bot page of the developer portal and set DISCORD_TOKEN to it';
  if (status === 403 && guildId !== undefined) {
    return `Discord refused access to guild ${guildId}: invite the bot to that server with the applications.commands scope (see docs/discord.md), or unset DISCORD_GUILD_ID to register globally`;
  }
  if (status === 403 || status === 404) {
    return `Discord refused application ${applicationId} for this token: DISCORD_APPLICATION_ID must be the Application ID of the same app as DISCORD_TOKEN`;
  }
  if (status === 400) return `Discord rejected the command definitions: ${error.message}`;
  return `Discord answered ${status} when registering the commands: ${error.message}`;
}
