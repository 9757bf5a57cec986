/** The Discord adapter, as main.ts and the register script use it. */
export { createDiscordAdapter, DiscordAdapter, type DiscordAdapterOptions } from './discord-adapter.ts';
export { commandDefinitions, FACTCHECK_COMMAND, FACTCHECK_MESSAGE_COMMAND } from './commands.ts';
export { registerCommands, CommandRegistrationError, type RegisteredCommands } from './command-registration.ts';
export { DiscordConnectionError } from './connection-problems.ts';
