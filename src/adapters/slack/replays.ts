import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ReplyGuard } from '../../core/reply-guard.ts';
import { seenFirstTime } from '../first-sight.ts';

// Slack gives every slash command, button click, shortcut and modal submission its own trigger_id.
const Interaction = z.object({
  trigger_id: z.string().min(1),
  team_id: z.string().optional(),
  team: z.object({ id: z.string() }).nullish(),
  command: z.string().optional(),
  type: z.string().optional(),
});

/**
 * A signed command or interaction sent again within Slack's 5-minute signature window (a replay,
 * or a retry to another instance) is acknowledged and not run again: the first sight of its
 * trigger_id is recorded in the store, so this holds across every instance of the bot.
 */
export function refuseReplays(app: App, guard: ReplyGuard, log: Logger): void {
  app.use(async (args) => {
    const parsed = Interaction.safeParse(args.body);
    // Events are deduplicated by the core (channel and message); a view_closed or options request changes nothing.
    if (!parsed.success || parsed.data.type === 'block_suggestion' || parsed.data.type === 'view_closed') return args.next();
    const { trigger_id: triggerId, command, type } = parsed.data;
    const team = parsed.data.team_id ?? parsed.data.team?.id ?? '';
    if (await seenFirstTime(guard, `slack:${team}:trigger:${triggerId}`, log)) return args.next();
    const { ack } = args as { ack?: () => Promise<void> };
    if (ack !== undefined) await ack();
    log.info({ triggerId, kind: command ?? type, outcome: 'replayed' }, 'a Slack command or interaction arrived again; acknowledged and not run twice');
  });
}
