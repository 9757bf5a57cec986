/**
 * Why the bot could not connect to Discord, in words a person can act on. discord.js reports
 * these as a gateway close code and a terse error ("Used disallowed intents").
 */

import { PlatformStartError } from '../adapter.ts';
import { networkProblem } from '../network-problems.ts';

const PORTAL = 'https://discord.com/developers/applications';

/** Advice for the gateway close codes after which discord.js stops reconnecting. */
const CLOSE_CODE_ADVICE: Record<number, string> = {
  4004:
    `Discord refused DISCORD_TOKEN (gateway close 4004 "Authentication failed"). Open your app in ${PORTAL}, ` +
    'Bot page, press "Reset Token", and set DISCORD_TOKEN to the new token.',
  4010:
    'Discord refused the shard settings (gateway close 4010 "Invalid shard"): a shard id in DISCORD_SHARD_IDS is not below DISCORD_SHARD_COUNT, ' +
    'or the count is not the one every process of the bot uses. Set the same DISCORD_SHARD_COUNT everywhere and ids from 0 to count - 1.',
  4011:
    'The bot is in too many servers for its gateway connections (gateway close 4011 "Sharding required"): Discord needs a shard per ' +
    'about 1,000-2,500 servers. Set DISCORD_SHARD_COUNT=auto (as many shards as Discord recommends, all in this process), or a number ' +
    'with DISCORD_SHARD_IDS to share the shards between processes; see "Running more than one instance" in the README and docs/operations.md.',
  4012: 'Discord refused the gateway API version (close 4012); update discord.js.',
  4013: 'Discord refused the gateway intents as invalid (close 4013); this is a bug in the bot, please report it.',
  4014:
    'Discord refused the Message Content intent (gateway close 4014 "Disallowed intents"). Without it the bot cannot read ' +
    `messages to fact-check them. Open your app in ${PORTAL}, Bot page, "Privileged Gateway Intents", turn on ` +
    '"MESSAGE CONTENT INTENT", save, and start the bot again (see docs/discord.md).',
};

/** What to do about a gateway close, or undefined for codes discord.js recovers from by itself. */
export function closeCodeAdvice(code: number): string | undefined {
  return CLOSE_CODE_ADVICE[code];
}

/** Why `client.login()` failed, from the last close code when there was one, else from the error; whether to try again. */
export function explainStartFailure(error: unknown, lastCloseCode: number | undefined): DiscordConnectionError {
  const refused = (message: string) => new DiscordConnectionError(message, false, { cause: error });
  const advice = lastCloseCode === undefined ? undefined : closeCodeAdvice(lastCloseCode);
  if (advice !== undefined) return refused(advice);
  const code = errorCode(error) ?? errorCode(error instanceof Error ? error.cause : undefined);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'TokenInvalid' || /401|unauthori[sz]ed/i.test(message)) {
    return refused(`Discord refused DISCORD_TOKEN (401 Unauthorized). Open your app in ${PORTAL}, Bot page, press "Reset Token", and set DISCORD_TOKEN to the new token.`);
  }
  if (/disallowed intents/i.test(message)) return refused(CLOSE_CODE_ADVICE[4014]!);
  if (/authentication failed/i.test(message)) return refused(CLOSE_CODE_ADVICE[4004]!);
  const retry = (text: string) => new DiscordConnectionError(`${text}: check the network, or DISCORD_API_URL if you set it`, true, { cause: error });
  const problem = networkProblem(error, 'discord.com');
  if (problem !== undefined) return retry(problem);
  const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : undefined;
  if (typeof status === 'number' && status >= 500) return retry(`Discord answered HTTP ${status} (it may be down for a while)`);
  return retry(`could not connect to Discord (${message})`);
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
}

/** The bot could not connect to Discord; the message says what to change, `retry` whether waiting can help. */
export class DiscordConnectionError extends PlatformStartError {
  constructor(message: string, retry: boolean, options?: { cause: unknown }) {
    super(message, retry, options);
    this.name = 'DiscordConnectionError';
  }
}
