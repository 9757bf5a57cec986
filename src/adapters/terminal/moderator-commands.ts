import { claimCommand } from '../../claim-commands.ts';
import { reviewCommand } from '../../review-commands.ts';
import { UsageError } from '../../cli-args.ts';
import type { Claim } from '../../core/claim.ts';
import { CHAT_COMMANDS, describeRefusal, ModerationInputError, PermissionDenied, UnknownClaim, type Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { VersionConflict } from '../../core/store/moderation-store.ts';
import { renderReply } from './render.ts';

/** A reply the chat showed: moderator commands name it by its number, the number of the message it answered. */
export interface ShownReply {
  number: number;
  replyId: string;
  messageText: string;
  claimId: string;
  removed: boolean;
}

export interface ModeratorContext {
  moderation: ModerationService;
  moderator: Actor;
  /** The last channel message typed, the target of /correct. */
  lastMessage: { number: number; text: string } | undefined;
  /** Every reply shown, by number. */
  replies: Map<number, ShownReply>;
  /** The number of the last message typed, to tell whether the last reply answers it. */
  lastNumber: number;
}

/** Splits a command line into words, keeping "quoted phrases" together. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  }
  return words;
}

const quote = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;

/** Runs one moderator command typed in the terminal chat; resolves with what to show. */
export async function moderatorCommand(line: string, context: ModeratorContext): Promise<string> {
  const { moderation, moderator } = context;
  const [command, ...args] = splitCommandLine(line);
  try {
    if (command === '/correct') return await correct(args, context);
    if (command === '/notrelevant') return await notRelevant(args, context);
    if (command === '/review') {
      const lines: string[] = [];
      await reviewCommand(moderation, args.length === 0 ? ['list'] : args, (text) => lines.push(text), moderator);
      return lines.join('\n');
    }
    const lines: string[] = [];
    await claimCommand(args, { moderation, surface: 'chat', out: (text) => lines.push(text), actor: moderator, announce: (claim, actor) => announce(moderation, claim, actor) });
    return lines.join('\n');
  } catch (error) {
    if (error instanceof UsageError) return `${error.message}\nUsage: ${error.usage ?? '/help lists the commands'}`;
    if (error instanceof UnknownClaim) return error.describe(CHAT_COMMANDS);
    if (error instanceof ModerationInputError || error instanceof PermissionDenied || error instanceof VersionConflict) {
      return `Not changed: ${describeRefusal(error, CHAT_COMMANDS)}`;
    }
    throw error;
  }
}

/** `/correct ID [comment]`: a correction on the last message typed, which becomes a phrasing of ID. */
async function correct(args: string[], { moderation, moderator, lastMessage }: ModeratorContext): Promise<string> {
  const [claimId, ...comment] = args;
  if (claimId === undefined) throw new UsageError('/correct needs the claim id', '/correct CLAIM-ID [comment]  (corrects the last message you typed)');
  if (lastMessage === undefined) return 'Type the message to correct first, then /correct CLAIM-ID.';
  const { reply, taught } = await moderation.pushCorrection(moderator, claimId.toLowerCase(), lastMessage.text, comment.join(' '));
  return [
    `Correction on message #${lastMessage.number} ${quote(lastMessage.text)}:`,
    renderReply(reply, `Moderator correction by ${moderator.name}`),
    ...(comment.length > 0 ? [`  Comment: ${comment.join(' ')}`] : []),
    taught ? `Taught: messages like #${lastMessage.number} now trigger ${reply.claimId}.` : `Already known: messages like #${lastMessage.number} triggered ${reply.claimId} before.`,
  ].join('\n');
}

/**
 * `/notrelevant [N]`: removes reply #N, or the last reply when it answers the last message
 * typed; never a reply further back unless named, so a late command cannot hit the wrong one.
 */
async function notRelevant(args: string[], { moderation, moderator, replies, lastNumber }: ModeratorContext): Promise<string> {
  const usage = '/notrelevant [N]  (the reply to message #N; without N, the reply just shown)';
  const [named, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);
  let target: ShownReply | undefined;
  if (named !== undefined) {
    const number = Number(named.replace(/^#/, ''));
    if (!Number.isInteger(number)) throw new UsageError(`"${named}" is not a reply number`, usage);
    target = replies.get(number);
    if (target === undefined) return `There is no reply #${number}; replies show their number after the source.`;
  } else {
    target = replies.get(lastNumber);
    if (target === undefined) {
      const earlier = [...replies.values()].filter((r) => !r.removed).at(-1);
      return earlier === undefined
        ? 'There is no reply to mark.'
        : `The last message got no reply, so nothing was marked. To mark an earlier reply, name it: /notrelevant ${earlier.number} (the reply to ${quote(earlier.messageText)}).`;
    }
  }
  if (target.removed) return `Reply #${target.number} was already removed.`;
  const outcome = await moderation.feedback(moderator, 'terminal', 'terminal', target.replyId, 'not-relevant');
  if (outcome !== 'removed') return `Not changed (${outcome}).`;
  target.removed = true;
  return `Removed reply #${target.number} (${target.claimId}) to ${quote(target.messageText)}; messages like it no longer trigger ${target.claimId}.`;
}

/** `/claim push ID` in the terminal: the announcement is shown here, and remembered like any reply. */
async function announce(moderation: ModerationService, claim: Claim, actor: Actor): Promise<string> {
  await moderation.recordReply({
    platform: 'terminal', channelId: 'terminal', messageId: `announcement-${Date.now()}`, claimId: claim.id, kind: 'announcement', sentAt: new Date().toISOString(), postedBy: actor.name,
  });
  return renderReply(replyFor(claim, 1), `Announcement by ${actor.name}`);
}
