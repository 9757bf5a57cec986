/** The `factcheck claim …` and `factcheck knowledge export` commands: moderation from the shell. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { claimToFile, type Claim } from './core/claim.ts';
import { claimReviewFeed } from './core/knowledge/claim-review-export.ts';
import type { Actor } from './core/moderation/actor.ts';
import type { ClaimInput, ModerationService } from './core/moderation/moderation-service.ts';
import type { ClaimCatalog } from './core/moderation/claim-catalog.ts';
import { parse, UsageError } from './cli-args.ts';
import type { ClaimVersion } from './core/store/moderation-store.ts';

const FIELD_FLAGS = {
  id: { type: 'string' },
  verdict: { type: 'string' },
  claim: { type: 'string' },
  note: { type: 'string' },
  phrasing: { type: 'string', multiple: true },
  evidence: { type: 'string', multiple: true },
  source: { type: 'string' },
  tag: { type: 'string', multiple: true },
  by: { type: 'string' },
} as const;

function actorFrom(values: Record<string, unknown>, given?: Actor): Actor {
  if (given !== undefined) return given;
  const by = typeof values['by'] === 'string' ? values['by'].trim() : '';
  if (by === '') throw new UsageError('--by NAME is required: the audit log records who made each change');
  // The shell is for the bot's operators, who hold the data directory: they are moderators.
  return { id: `cli:${by}`, name: by, platform: 'cli', isModerator: true };
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

function onlyId(positionals: string[], command: string): string {
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw new UsageError(`factcheck claim ${command} takes one claim id`);
  return id;
}

/**
 * Runs one `claim` command. From the shell the actor comes from --by; the terminal chat passes
 * its moderator, and `out` collects what to show.
 */
export async function claimCommand(
  moderation: ModerationService,
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  actor?: Actor,
): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'add': {
      const { values, positionals } = parse(rest, FIELD_FLAGS);
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}": every field of claim add is a flag`);
      const claim = await moderation.add(actorFrom(values, actor), inputFrom(values));
      out(`Added ${claim.id} (version 1). It is matched from now on.`);
      return 0;
    }
    case 'edit': {
      const { values, positionals } = parse(rest, FIELD_FLAGS);
      const id = onlyId(positionals, 'edit');
      await moderation.edit(actorFrom(values, actor), id, inputFrom(values));
      out(`Edited ${id} (version ${moderation.show(id).version}).`);
      return 0;
    }
    case 'retire': {
      const { values, positionals } = parse(rest, { by: { type: 'string' } });
      const id = onlyId(positionals, 'retire');
      await moderation.retire(actorFrom(values, actor), id);
      out(`Retired ${id}: the bot no longer matches it.`);
      return 0;
    }
    case 'show': {
      const { positionals } = parse(rest, {});
      const { claim, version } = moderation.show(onlyId(positionals, 'show'));
      out(`# version ${version}${version === 0 ? ' (as in the knowledge files)' : ''}`);
      out(YAML.stringify(claimToFile(claim), { lineWidth: 100 }).trimEnd());
      return 0;
    }
    case 'history': {
      const { positionals } = parse(rest, {});
      const id = onlyId(positionals, 'history');
      const versions = await moderation.history(id);
      if (versions.length === 0) out(`${id}: no changes since the knowledge files (version 0).`);
      for (const version of versions) out(describeVersion(version));
      return 0;
    }
    default:
      throw new UsageError(`unknown claim command "${command ?? ''}"; use add, edit, retire, show or history`);
  }
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

/** Writes the claims in force as claim files, with the sources they cite, for review in git. */
export function exportKnowledge(catalog: ClaimCatalog, dir: string): number {
  const claimsDir = path.join(dir, 'claims');
  mkdirSync(claimsDir, { recursive: true });
  const knowledgeRoot = process.env['KNOWLEDGE_DIR'] || path.resolve(import.meta.dirname, '..', 'knowledge');
  const claims: Claim[] = catalog.all();
  for (const claim of claims) {
    writeFileSync(path.join(claimsDir, `${claim.id}.yaml`), YAML.stringify(claimToFile(claim), { lineWidth: 100 }));
    if (claim.source.file !== undefined) {
      const target = path.join(dir, claim.source.file);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(knowledgeRoot, claim.source.file), target);
    }
  }
  process.stdout.write(`Wrote ${claims.length} claim files to ${claimsDir}; check them with: npx factcheck knowledge validate ${dir}\n`);
  return 0;
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
