/**
 * Registers the bot's application commands (`/factcheck`, "Fact-check this message", and the
 * moderator tools `/claim` and "Push correction"):
 * in DISCORD_GUILD_ID when set (instant, for testing), otherwise globally.
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL from the environment or .env,
 * as the bot does.
 */
import { parse, UsageError } from '../src/cli-args.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { CommandRegistrationError, registerCommands } from '../src/adapters/discord/index.ts';

try {
  const { positionals } = parse(process.argv.slice(2), {}, 'npm run discord:register');
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'npm run discord:register');
  const config = loadConfig();
  if (config.discord === undefined) {
    throw new CommandRegistrationError('DISCORD_TOKEN is not set: copy the bot token from the Bot page of your app in the Discord developer portal (see docs/discord.md)');
  }
  const { scope, names } = await registerCommands(config.discord);
  console.log(`Registered ${names.length} commands for ${scope}: ${names.join(', ')}`);
  if (config.discord.guildId === undefined) console.log('Global commands can take a few minutes to appear in every server.');
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}; settings go in .env or the environment\nUsage: ${error.usage ?? ''}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError || error instanceof CommandRegistrationError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
