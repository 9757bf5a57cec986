/** `factcheck review …` and the terminal chat's `/review`: the review queue from a shell. */
import { actorFrom } from './claim-commands.ts';
import { parse, UsageError, type OptionSpec } from './cli-args.ts';
import type { Actor } from './core/moderation/actor.ts';
import type { ModerationService } from './core/moderation/moderation-service.ts';
import { decisionText, holdBackText, type Suggestion } from './core/review/suggestion.ts';

const USAGE = 'use: review list | review show ID | review accept ID [--claim CLAIM] [--reply] | review reject ID';

function onlyId(positionals: string[], command: string): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw new UsageError(`review ${command} takes one suggestion id (review list shows them)`);
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

/**
 * Runs one `review` command. From the shell the actor comes from --by; the terminal chat passes
 * its moderator. A decision is the same one as a card's button: a card on Discord or Slack
 * shows it within seconds, and with --reply the bot there replies to the message.
 */
export async function reviewCommand(
  moderation: ModerationService,
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  actor?: Actor,
): Promise<number> {
  const [command, ...rest] = args;
  const claimText = (id: string) => {
    try {
      return moderation.show(id).claim.claim;
    } catch {
      return undefined;
    }
  };
  // The terminal chat's moderator is known; from the shell, --by names who decided.
  const byFlag: OptionSpec = actor === undefined ? { by: { type: 'string' } } : {};
  switch (command) {
    case 'list': {
      const { positionals } = parse(rest, {});
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}": review list takes none`);
      const pending = await moderation.suggestions();
      if (pending.length === 0) out('No suggestions are waiting for review.');
      for (const suggestion of pending) out(describeSuggestion(suggestion, claimText));
      if (pending.length > 0) out(`${pending.length} waiting. Decide with: review accept ID [--claim CLAIM] [--reply], or review reject ID`);
      return 0;
    }
    case 'show': {
      const { positionals } = parse(rest, {});
      out(describeSuggestion(await moderation.suggestion(onlyId(positionals, 'show')), claimText));
      return 0;
    }
    case 'accept': {
      const { values, positionals } = parse(rest, { ...byFlag, claim: { type: 'string' }, reply: { type: 'boolean', default: false } });
      const id = onlyId(positionals, 'accept');
      const claimId = typeof values['claim'] === 'string' ? values['claim'] : undefined;
      if (values['reply'] === true && (await moderation.suggestion(id)).platform === 'terminal') {
        throw new UsageError('--reply: a message typed in the terminal chat has no channel to reply in; accept it without --reply');
      }
      const { suggestion, taught } = await moderation.acceptSuggestion(actorFrom(values, actor), id, claimId, { reply: values['reply'] === true });
      const chosen = suggestion.decision?.claimId ?? '';
      out(`Accepted ${suggestion.id}: the message is a phrasing of ${chosen}${taught.length > 0 ? '; messages like it are now answered on their own' : ' (the claim already knew these words)'}.`);
      if (values['reply'] === true) out(`The bot replies to the message with the note of ${chosen} from ${suggestion.platform}, where the card is.`);
      return 0;
    }
    case 'reject': {
      const { values, positionals } = parse(rest, byFlag);
      const { suggestion, taught } = await moderation.rejectSuggestion(actorFrom(values, actor), onlyId(positionals, 'reject'));
      out(`Rejected ${suggestion.id}: not a claim.${taught.length > 0 ? ` It is now a counter-example of ${taught.join(', ')}.` : ''}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown review command "${command ?? ''}"; ${USAGE}`);
  }
}
