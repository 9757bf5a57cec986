/** `factcheck review …` and the terminal chat's `/review`: the review queue from a shell. */
import { actorFrom } from './claim-commands.ts';
import { parse, UsageError, type OptionSpec } from './cli-args.ts';
import { CHAT_COMMANDS, SHELL_COMMANDS, type Actor } from './core/moderation/actor.ts';
import type { ModerationService } from './core/moderation/moderation-service.ts';
import { decisionText, holdBackText, type Suggestion } from './core/review/suggestion.ts';

// Each review command's usage in words; the shell's deciding commands add --by NAME.
const USAGE: Record<string, { words: string; decides: boolean }> = {
  list: { words: 'review list', decides: false },
  show: { words: 'review show ID', decides: false },
  accept: { words: 'review accept ID [--claim CLAIM] [--reply]', decides: true },
  reject: { words: 'review reject ID', decides: true },
};

/** A review command's usage line as the shell (`factcheck review …`) or the chat (`/review …`) writes it. */
export function reviewUsage(command: string, inChat: boolean): string {
  const usage = USAGE[command];
  if (usage === undefined) return Object.keys(USAGE).map((c) => reviewUsage(c, inChat)).join('\n');
  return (inChat ? CHAT_COMMANDS : SHELL_COMMANDS).command(`${usage.words}${usage.decides && !inChat ? ' --by NAME' : ''}`);
}

function onlyId(positionals: string[], command: string, usage: string): string {
  const [id, ...extra] = positionals;
  if (id === undefined) throw new UsageError(`review ${command} needs a suggestion id (review list shows them)`, usage);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);
  return id;
}

/** A suggestion as the shell shows it: id, where and when, the words, why the bot held back, the candidates. */
export function describeSuggestion(suggestion: Suggestion, claimText: (id: string) => string | undefined): string {
  const lines = [
    `${suggestion.id}  ${suggestion.platform}  ${suggestion.createdAt.slice(0, 16).replace('T', ' ')} UTC  (${decisionText(suggestion)})`,
    `  "${suggestion.excerpt}"`,
  ];
  if (suggestion.link !== undefined) lines.push(`  ${suggestion.link}`);
  lines.push(`  held back: ${holdBackText(suggestion)}`);
  suggestion.candidates.forEach((c, i) => {
    const text = claimText(c.claimId);
    lines.push(`  ${i + 1}. ${c.claimId}  ${Math.round(c.score * 100)}%${text === undefined ? '' : `  ${text}`}`);
  });
  return lines.join('\n');
}

/** A review command line, checked against its usage before anything is opened or written. */
export interface ReviewCommandLine {
  command: 'list' | 'show' | 'accept' | 'reject';
  usage: string;
  values: Record<string, unknown>;
  /** The suggestion's id, for the commands that take one. */
  id: string | undefined;
  /** Who decides, for accept and reject: the chat's moderator or the shell's --by. */
  actor: Actor | undefined;
}

/** Checks a review command line (the words after `review`); `actor` is the chat's moderator. */
export function parseReviewCommand(args: string[], actor?: Actor): ReviewCommandLine {
  const [command, ...rest] = args;
  if (command !== 'list' && command !== 'show' && command !== 'accept' && command !== 'reject') {
    throw new UsageError(command === undefined ? 'review needs a command' : `unknown review command "${command}"`, (actor === undefined ? SHELL_COMMANDS : CHAT_COMMANDS).command('review list|show|accept|reject ...'));
  }
  const usage = reviewUsage(command, actor !== undefined);
  // The terminal chat's moderator is known; from the shell, --by names who decided.
  const byFlag: OptionSpec = actor === undefined ? { by: { type: 'string' } } : {};
  const spec: OptionSpec = command === 'accept' ? { ...byFlag, claim: { type: 'string' }, reply: { type: 'boolean' } } : command === 'reject' ? byFlag : {};
  const { values, positionals } = parse(rest, spec, usage);
  if (command === 'list') {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}": review list takes none`, usage);
    return { command, usage, values, id: undefined, actor: undefined };
  }
  const id = onlyId(positionals, command, usage);
  return { command, usage, values, id, actor: command === 'show' ? undefined : actorFrom(values, actor, usage) };
}

/**
 * Runs one `review` command. From the shell the actor comes from --by; the terminal chat passes
 * its moderator. A decision is the same one as a card's button: a card on Discord or Slack
 * shows it within seconds, and with --reply the bot there replies to the message.
 */
export async function reviewCommand(
  moderation: ModerationService,
  args: string[] | ReviewCommandLine,
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  actor?: Actor,
): Promise<number> {
  const line = Array.isArray(args) ? parseReviewCommand(args, actor) : args;
  const { values, usage } = line;
  const inChat = actor !== undefined;
  const claimText = (id: string) => {
    try {
      return moderation.show(id).claim.claim;
    } catch {
      return undefined;
    }
  };
  switch (line.command) {
    case 'list': {
      const pending = await moderation.suggestions();
      if (pending.length === 0) out('No suggestions are waiting for review.');
      for (const suggestion of pending) out(describeSuggestion(suggestion, claimText));
      if (pending.length > 0) out(`${pending.length} waiting. Decide with: ${reviewUsage('accept', inChat)}, or ${reviewUsage('reject', inChat)}`);
      return 0;
    }
    case 'show':
      out(describeSuggestion(await moderation.suggestion(line.id as string), claimText));
      return 0;
    case 'accept': {
      const id = line.id as string;
      const claimId = typeof values['claim'] === 'string' ? values['claim'] : undefined;
      if (values['reply'] === true && (await moderation.suggestion(id)).platform === 'terminal') {
        throw new UsageError('--reply: a message typed in the terminal chat has no channel to reply in; accept it without --reply', usage);
      }
      const { suggestion, taught } = await moderation.acceptSuggestion(line.actor as Actor, id, claimId, { reply: values['reply'] === true });
      const chosen = suggestion.decision?.claimId ?? '';
      out(`Accepted ${suggestion.id}: the message is a phrasing of ${chosen}${taught.length > 0 ? '; messages like it are now answered on their own' : ' (the claim already knew these words)'}.`);
      if (values['reply'] === true) out(`The bot replies to the message with the note of ${chosen} from ${suggestion.platform}, where the card is.`);
      return 0;
    }
    case 'reject': {
      const { suggestion, taught } = await moderation.rejectSuggestion(line.actor as Actor, line.id as string);
      out(`Rejected ${suggestion.id}: not a claim.${taught.length > 0 ? ` It is now a counter-example of ${taught.join(', ')}.` : ''}`);
      return 0;
    }
  }
}
