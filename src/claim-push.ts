/** `factcheck claim push`: posts a claim's fact-check from the shell, through the platform's API alone. */
import { UsageError } from './cli-args.ts';
import type { Config } from './config.ts';
import type { Claim } from './core/claim.ts';
import type { Actor } from './core/moderation/actor.ts';
import type { ModerationService } from './core/moderation/moderation-service.ts';
import { claimUsage } from './claim-commands.ts';

const PLATFORMS = ['discord', 'slack'] as const;

/** Picks the platform (--platform, or the only one configured) and posts there; resolves with what to say. */
export async function pushFromShell(config: Config, moderation: ModerationService, claim: Claim, actor: Actor, target: { channel?: string; platform?: string }): Promise<string> {
  const usage = claimUsage('push', 'shell');
  const configured = PLATFORMS.filter((p) => config[p] !== undefined);
  const platform = target.platform ?? (configured.length === 1 ? configured[0] : undefined);
  if (platform === undefined) {
    throw new UsageError(
      configured.length === 0
        ? 'claim push posts through Discord or Slack, and neither is configured: set DISCORD_TOKEN or SLACK_BOT_TOKEN'
        : 'both Discord and Slack are configured: say which with --platform discord or --platform slack',
      usage,
    );
  }
  if (!(PLATFORMS as readonly string[]).includes(platform)) throw new UsageError(`--platform must be discord or slack (got "${platform}")`, usage);
  const channel = target.channel?.trim() ?? '';
  // What goes wrong is thrown and printed by the command; a log would say it twice.
  const { pino } = await import('pino');
  const logger = pino({ level: 'silent' });
  if (platform === 'discord') {
    if (config.discord === undefined) throw new UsageError('--platform discord needs DISCORD_TOKEN to be set', usage);
    const { announceFromShell } = await import('./adapters/discord/index.ts');
    return announceFromShell(config.discord, moderation, claim, channel, actor.name, logger);
  }
  if (config.slack === undefined) throw new UsageError('--platform slack needs SLACK_BOT_TOKEN to be set', usage);
  const { announceFromShell } = await import('./adapters/slack/index.ts');
  return announceFromShell(config.slack, moderation, claim, channel, actor.name, logger);
}
