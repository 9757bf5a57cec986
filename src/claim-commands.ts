/**
 * The `claim …` commands, shared by the shell (`factcheck claim …`) and the terminal chat
 * (`/claim …`). Every message that names a command writes it the way its surface does.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { claimToFile, type Claim } from './core/claim.ts';
import { claimReviewFeed } from './core/knowledge/claim-review-export.ts';
import { CHAT_COMMANDS, SHELL_COMMANDS, type Actor, type CommandSurface } from './core/moderation/actor.ts';
import type { ClaimCatalog } from './core/moderation/claim-catalog.ts';
import type { ClaimInput, ModerationService } from './core/moderation/moderation-service.ts';
import { VERDICT_STYLE } from './core/verdict.ts';
import { parse, UsageError, type OptionSpec } from './cli-args.ts';
import { describeClaimStats } from './claim-stats.ts';
import type { ClaimVersion } from './core/store/moderation-store.ts';

/** Where a claim command was typed: the shell names who acts with --by; the chat knows its moderator. */
export type ClaimSurface = 'shell' | 'chat';

const FIELD_FLAGS = {
  id: { type: 'string' },
  verdict: { type: 'string' },
  claim: { type: 'string' },
  note: { type: 'string' },
  phrasing: { type: 'string', multiple: true },
  evidence: { type: 'string', multiple: true },
  source: { type: 'string' },
  tag: { type: 'string', multiple: true },
} as const satisfies OptionSpec;
const BY_FLAG = { by: { type: 'string' } } as const satisfies OptionSpec;
const LIST_FLAGS = { status: { type: 'string' }, json: { type: 'boolean' } } as const satisfies OptionSpec;
const PUSH_FLAGS = { channel: { type: 'string' }, platform: { type: 'string' } } as const satisfies OptionSpec;
const LIST_STATUSES = ['published', 'retired', 'all'] as const;

const FIELDS = '--verdict V --claim TEXT --note TEXT [--phrasing TEXT]... [--evidence TEXT]... [--source TEXT] [--tag T]...';
const EDIT_FIELDS = '[--verdict V] [--claim TEXT] [--note TEXT] [--phrasing TEXT]... [--evidence TEXT]... [--source TEXT] [--tag T]...';

/** Each claim command's usage, in words; `claimUsage` writes it for a surface. */
const USAGE: Record<string, { words: string; acts: boolean; chat?: string }> = {
  add: { words: `claim add --id ID ${FIELDS}`, acts: true },
  edit: { words: `claim edit ID ${EDIT_FIELDS}`, acts: true },
  retire: { words: 'claim retire ID', acts: true },
  show: { words: 'claim show ID', acts: false },
  history: { words: 'claim history ID', acts: false },
  list: { words: 'claim list [--status published|retired|all] [--json]', acts: false },
  stats: { words: 'claim stats', acts: false },
  push: { words: 'claim push ID --channel CHANNEL [--platform discord|slack]', acts: true, chat: 'claim push ID' },
};

export const CLAIM_SUBCOMMANDS = Object.keys(USAGE);

function surfaceOf(surface: ClaimSurface): CommandSurface {
  return surface === 'shell' ? SHELL_COMMANDS : CHAT_COMMANDS;
}

/** One claim command's usage line as its surface writes it (`factcheck claim show ID`, `/claim show ID`). */
export function claimUsage(command: string, surface: ClaimSurface): string {
  const usage = USAGE[command];
  if (usage === undefined) return CLAIM_SUBCOMMANDS.map((c) => claimUsage(c, surface)).join('\n');
  const words = surface === 'chat' ? (usage.chat ?? usage.words) : `${usage.words}${usage.acts ? ' --by NAME' : ''}`;
  return `${surfaceOf(surface).command(words)}`;
}

/** Posts a claim's fact-check for everyone (`claim push`); resolves with what to tell the moderator. */
export type ClaimAnnouncer = (claim: Claim, actor: Actor, target: { channel?: string; platform?: string }) => Promise<string>;

export interface ClaimCommandContext {
  moderation: ModerationService;
  surface: ClaimSurface;
  /** Where the answer goes, a block of lines at a time. */
  out: (text: string) => void;
  /** The chat's moderator; in the shell the actor comes from --by. */
  actor?: Actor;
  /** How `claim push` posts, where the surface can post at all. */
  announce?: ClaimAnnouncer;
}

/** A claim command line, checked against its usage before anything is opened or written. */
export interface ClaimCommandLine {
  command: string;
  usage: string;
  surface: ClaimSurface;
  values: Record<string, unknown>;
  /** The claim id, for the commands that take one. */
  id: string | undefined;
  /** Who acts, for the commands that change something: the chat's moderator or the shell's --by. */
  actor: Actor | undefined;
}

// The flags of each claim command, besides the shell's --by for those that change something.
const COMMAND_FLAGS: Record<string, OptionSpec> = { add: FIELD_FLAGS, edit: FIELD_FLAGS, retire: {}, show: {}, history: {}, list: LIST_FLAGS, stats: {}, push: PUSH_FLAGS };
const TAKES_ID = new Set(['edit', 'retire', 'show', 'history', 'push']);

/**
 * Checks a claim command line (the words after `claim`): every flag known, the id present, who
 * acts named. `actor` is the chat's moderator; in the shell it comes from --by.
 */
export function parseClaimCommand(args: string[], surface: ClaimSurface, actor?: Actor): ClaimCommandLine {
  const [command = '', ...rest] = args;
  const spec = COMMAND_FLAGS[command];
  if (spec === undefined) {
    throw new UsageError(command === '' ? 'claim needs a command' : `unknown claim command "${command}"`, surfaceOf(surface).command(`claim ${CLAIM_SUBCOMMANDS.join('|')} ...`));
  }
  const usage = claimUsage(command, surface);
  const acts = USAGE[command]?.acts === true;
  const shell = actor === undefined;
  // In the chat, push posts where the chat is: no channel or platform to name.
  const flags = command === 'push' && !shell ? {} : spec;
  const { values, positionals } = parse(rest, { ...flags, ...(shell && acts ? BY_FLAG : {}) }, usage);
  const [first, ...extra] = positionals;
  if (TAKES_ID.has(command) && first === undefined) throw new UsageError(`claim ${command} needs a claim id`, usage);
  const unexpected = TAKES_ID.has(command) ? extra[0] : first;
  if (unexpected !== undefined) throw new UsageError(`unexpected argument "${unexpected}"${command === 'add' ? ': every field of claim add is a flag' : ''}`, usage);
  if (command === 'list' && values['status'] !== undefined && !(LIST_STATUSES as readonly unknown[]).includes(values['status'])) {
    throw new UsageError(`--status must be one of ${LIST_STATUSES.join(', ')} (got "${String(values['status'])}")`, usage);
  }
  if (command === 'push' && shell && (typeof values['channel'] !== 'string' || values['channel'].trim() === '')) {
    throw new UsageError('--channel is required: the id of the channel to post in', usage);
  }
  return { command, usage, surface, values, id: TAKES_ID.has(command) ? first?.trim().toLowerCase() : undefined, actor: acts ? actorFrom(values, actor, usage) : undefined };
}

/** Who acts: the chat's moderator, or in the shell the operator named with --by. */
export function actorFrom(values: Record<string, unknown>, given: Actor | undefined, usage?: string): Actor {
  if (given !== undefined) return given;
  const by = typeof values['by'] === 'string' ? values['by'].trim() : '';
  if (by === '') throw new UsageError('--by NAME is required: the audit log records who made each change', usage);
  // The shell is for the bot's operators, who hold the data directory: they are moderators.
  return { id: `cli:${by}`, name: by, platform: 'cli', isModerator: true };
}

/** Runs one `claim` command line (the words after `claim`); resolves with the exit code. Refusals are thrown for the surface to show. */
export async function claimCommand(args: string[], context: ClaimCommandContext): Promise<number> {
  return runClaimCommand(parseClaimCommand(args, context.surface, context.actor), context);
}

/** Runs a checked claim command line. */
export async function runClaimCommand(line: ClaimCommandLine, context: ClaimCommandContext): Promise<number> {
  const { moderation, out } = context;
  const { command, usage, values } = line;
  const id = line.id ?? '';
  const actor = line.actor as Actor;

  switch (command) {
    case 'add': {
      const claim = await moderation.add(actor, inputFrom(values));
      out(`Added ${claim.id} (version 1). It is matched from now on.`);
      return 0;
    }
    case 'edit':
      await moderation.edit(actor, id, inputFrom(values));
      out(`Edited ${id} (version ${(await moderation.show(id)).version}).`);
      return 0;
    case 'retire':
      await moderation.retire(actor, id);
      out(`Retired ${id}: the bot no longer matches it.`);
      return 0;
    case 'show': {
      const { claim, version } = moderation.show(id);
      out(`# version ${version}${version === 0 ? ' (as in the knowledge files)' : ''}`);
      out(YAML.stringify(claimToFile(claim), { lineWidth: 100 }).trimEnd());
      return 0;
    }
    case 'history': {
      const versions = await moderation.history(id);
      if (versions.length === 0) out(`${id}: no changes since the knowledge files (version 0).`);
      // Newest first, as on every platform: the change someone looks for is usually the last one.
      for (const version of [...versions].reverse()) out(describeVersion(version));
      return 0;
    }
    case 'list': {
      const status = typeof values['status'] === 'string' ? (values['status'] as (typeof LIST_STATUSES)[number]) : 'published';
      out(await listClaims(moderation, status, values['json'] === true));
      return 0;
    }
    case 'stats':
      out(describeClaimStats(await moderation.stats()));
      return 0;
    case 'push': {
      const { claim } = moderation.show(id);
      if (claim.status !== 'published') throw new UsageError(`${id} is retired; only claims in force are posted`, usage);
      if (context.announce === undefined) throw new UsageError('claim push cannot post from here', usage);
      const target = { ...(typeof values['channel'] === 'string' ? { channel: values['channel'] } : {}), ...(typeof values['platform'] === 'string' ? { platform: values['platform'] } : {}) };
      out(await context.announce(claim, actor, target));
      return 0;
    }
    default:
      throw new UsageError(`unknown claim command "${command}"`, usage);
  }
}

function inputFrom(values: Record<string, unknown>): ClaimInput {
  const input: ClaimInput = {};
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const list = (key: string) => (Array.isArray(values[key]) ? (values[key] as string[]) : undefined);
  const set = <K extends keyof ClaimInput>(key: K, value: ClaimInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('id', text('id'));
  set('verdict', text('verdict'));
  set('claim', text('claim'));
  set('note', text('note'));
  set('source', text('source'));
  set('phrasings', list('phrasing'));
  set('evidence', list('evidence'));
  set('tags', list('tag'));
  return input;
}

/** `claim list`: one line per claim (id, verdict, status, version, claim), or one JSON line each. */
async function listClaims(moderation: ModerationService, status: (typeof LIST_STATUSES)[number], json: boolean): Promise<string> {
  const claims = (await moderation.list()).filter(({ claim }) => status === 'all' || claim.status === status);
  if (json) {
    return claims
      .map(({ claim, version }) => JSON.stringify({ id: claim.id, verdict: claim.verdict, status: claim.status, version, updated: claim.updated, claim: claim.claim }))
      .join('\n');
  }
  if (claims.length === 0) return status === 'all' ? 'No claims.' : `No ${status} claims.`;
  const idWidth = Math.max(...claims.map(({ claim }) => claim.id.length));
  return claims
    .map(({ claim, version }) => `${claim.id.padEnd(idWidth)}  ${VERDICT_STYLE[claim.verdict].label.padEnd(11)} ${claim.status.padEnd(9)} v${String(version).padEnd(3)} ${claim.claim}`)
    .join('\n');
}

/** One audit line: who, when, where, and each field before and after. */
export function describeVersion(version: ClaimVersion): string {
  const head = `v${version.version} ${version.at} ${version.action} by ${version.actor} (${version.platform})${version.comment === undefined ? '' : ` — "${version.comment}"`}`;
  const before = (version.before === undefined ? {} : claimToFile(version.before)) as Record<string, unknown>;
  const after = claimToFile(version.after) as Record<string, unknown>;
  const lines = [head];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      // Lists (phrasings, evidence) show what was added and removed, not the whole list twice.
      for (const item of b.filter((x) => !a.includes(x))) lines.push(`    ${key} + ${JSON.stringify(item)}`);
      for (const item of a.filter((x) => !b.includes(x))) lines.push(`    ${key} - ${JSON.stringify(item)}`);
    } else {
      lines.push(`    ${key}: ${JSON.stringify(a) ?? '(none)'} -> ${JSON.stringify(b) ?? '(none)'}`);
    }
  }
  return lines.join('\n');
}

/**
 * Writes the claims in force (published, moderators' changes included) as claim files, with the
 * sources they cite, for review in git. `knowledgeDir` is where those sources are.
 */
export function exportKnowledge(catalog: ClaimCatalog, dir: string, knowledgeDir: string): string {
  const claimsDir = path.join(dir, 'claims');
  mkdirSync(claimsDir, { recursive: true });
  const claims: Claim[] = catalog.all().filter((claim) => claim.status === 'published');
  for (const claim of claims) {
    writeFileSync(path.join(claimsDir, `${claim.id}.yaml`), YAML.stringify(claimToFile(claim), { lineWidth: 100 }));
    if (claim.source.file !== undefined) {
      const target = path.join(dir, claim.source.file);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(knowledgeDir, claim.source.file), target);
    }
  }
  return `Wrote ${claims.length} claims in force to ${claimsDir}; check them with: factcheck knowledge validate ${dir}`;
}

/** Writes the claims in force as a ClaimReview DataFeed, for search engines and other fact-checkers. */
export function exportClaimReview(claims: Claim[], file: string, flags: { url?: string; author?: string; phrasings?: boolean }): number {
  if (flags.url !== undefined && !/^https?:\/\/\S+$/.test(flags.url)) throw new UsageError(`--url must be the full http(s) address of the page the fact-checks are published on, not "${flags.url}"`);
  const author = flags.author?.trim() || 'Fact-check knowledge base';
  const feed = claimReviewFeed(claims, { author: { name: author }, ...(flags.url === undefined ? {} : { pageUrl: flags.url }), phrasings: flags.phrasings === true });
  const reviews = (feed['dataFeedElement'] as { item: { url?: string }[] }[]).flatMap((element) => element.item);
  writeFileSync(file, `${JSON.stringify(feed, null, 2)}\n`);
  process.stdout.write(`Wrote ${reviews.length} ClaimReviews to ${file}\n`);
  const unlinked = reviews.filter((review) => review.url === undefined).length;
  if (unlinked > 0) process.stderr.write(`${unlinked} of them have no url, which Google requires: pass --url with the page you publish them on.\n`);
  return 0;
}
