import { claimCommand } from '../../claim-commands.ts';
import { UsageError } from '../../cli-args.ts';
import { ModerationInputError, PermissionDenied, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { VersionConflict } from '../../core/store/moderation-store.ts';
import { renderReply } from './render.ts';

export interface ModeratorContext {
  moderation: ModerationService;
  moderator: Actor;
  /** The last channel message typed, the target of /correct. */
  lastMessage: string | undefined;
  /** The bot's last reply, the target of /notrelevant. */
  lastReplyId: string | undefined;
}

/** Splits a command line into words, keeping "quoted phrases" together. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  }
  return words;
}

/** Runs one moderator command typed in the terminal chat; returns what to show. */
export async function moderatorCommand(line: string, context: ModeratorContext): Promise<string> {
  const { moderation, moderator } = context;
  try {
    const [command, ...args] = splitCommandLine(line);
    if (command === '/correct') {
      const [claimId, ...comment] = args;
      if (claimId === undefined) return 'Usage: /correct CLAIM-ID [comment]  (applies to your previous message)';
      if (context.lastMessage === undefined) return 'Type the message to correct first, then /correct CLAIM-ID.';
      const { reply, taught } = await moderation.pushCorrection(moderator, claimId, context.lastMessage, comment.join(' '));
      const heading = `Moderator correction by ${moderator.name}`;
      return `${renderReply(reply, heading)}${comment.length > 0 ? `\n  Comment: ${comment.join(' ')}` : ''}\n${taught ? '(taught: messages like it are now caught)' : '(already known phrasing)'}`;
    }
    if (command === '/notrelevant') {
      if (context.lastReplyId === undefined) return 'There is no reply to mark.';
      const outcome = await moderation.feedback(moderator, 'terminal', 'terminal', context.lastReplyId, 'not-relevant');
      return outcome === 'removed' ? 'Reply removed; messages like that one no longer trigger that claim.' : `Not changed (${outcome}).`;
    }
    if (command === '/claim' && args[0] === 'stats') {
      const { days7, days30 } = await moderation.stats();
      const rows = (label: string, stats: typeof days7) =>
        [`${label}:`, ...(stats.length === 0 ? ['  nothing yet'] : stats.map((s) => `  ${s.claimId}: ${s.replies} replies, ${s.helpful} helpful, ${s.notRelevant} not relevant, ${s.corrections} corrections`))].join('\n');
      return `${rows('Last 7 days', days7)}\n${rows('Last 30 days', days30)}`;
    }
    if (command === '/claim') {
      const lines: string[] = [];
      await claimCommand(moderation, args, (text) => lines.push(text), moderator);
      return lines.join('\n');
    }
    return 'Unknown command; /help lists them.';
  } catch (error) {
    if (error instanceof ModerationInputError || error instanceof PermissionDenied || error instanceof VersionConflict || error instanceof UsageError) {
      return `Not changed: ${error.message}`;
    }
    throw error;
  }
}
