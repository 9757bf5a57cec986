/** The Discord adapter, as main.ts and the register script use it. */
export { createDiscordAdapter, DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.ts';
export { commandDefinitions, CLAIM_COMMAND, FACTCHECK_COMMAND, FACTCHECK_MESSAGE_COMMAND, PUSH_CORRECTION_COMMAND } from './commands.ts';
export { registerCommands, CommandRegistrationError, type RegisteredCommands } from './command-registration.ts';
export { DiscordConnectionError } from './connection-problems.ts';
export { announceFromShell } from './announcement.ts';
