/**
 * The `factcheck` command. Its `check --json` output is a contract that scripts rely on:
 * one line per message, in input order.
 */
import { createInterface } from 'node:readline';
import path from 'node:path';
import { TerminalChat } from './adapters/terminal/terminal-chat.ts';
import { checkKnowledge } from './core/knowledge/load.ts';
import { formatProblem, KnowledgeError } from './core/knowledge/problem.ts';
import { ModerationInputError, PermissionDenied } from './core/moderation/actor.ts';
import { VERDICT_STYLE } from './core/verdict.ts';
import { claimCommand, exportClaimReview, exportKnowledge } from './claim-commands.ts';
import { parse, UsageError } from './cli-args.ts';
import { SentenceVectors, type SentenceVectorSource } from './core/matching/sentence-vectors.ts';
import { ConfigError, readDatabaseUrl } from './config.ts';
import { openFactCheckCore, type FactCheckCore } from './fact-check-core.ts';
import { VersionConflict } from './core/store/moderation-store.ts';
import { StoreFailure } from './core/store/store-failure.ts';

const USAGE = `Usage: factcheck <command>

  check [--knowledge PATH]... [--json] [TEXT...]
      Checks each TEXT, or each line of standard input when no TEXT is given.
      --knowledge  a folder of claim files or a ClaimReview JSON-LD file (repeatable;
                   replaces the default knowledge/ folder)
      --json       one JSON line per message: {"text","decision","claim","matches"}
  knowledge validate [PATH...]
      Checks claim files (default knowledge/) and prints every problem; exits 1 if any.
  knowledge export [DIR]
      Writes the claims in force, moderators' changes included, as claim files (default
      ./knowledge-export) that pass knowledge validate.
  knowledge export --format claimreview FILE [--url PAGE] [--author NAME] [--phrasings]
      Writes them as a schema.org ClaimReview DataFeed (JSON-LD): --url is the page they are
      published on, --author who publishes them, --phrasings adds how people say each claim.
  claim add --id ID --verdict V --claim TEXT --note TEXT [--phrasing TEXT]... [--evidence TEXT]...
            [--source TEXT] [--tag T]... --by NAME
  claim edit ID [any of those flags] --by NAME
  claim retire ID --by NAME
  claim show ID
  claim history ID
      Moderators' changes, stored in DATA_DIR (default ./data) on top of knowledge/.
  chat [--knowledge PATH]... [--moderator]
      A terminal chat: each line is a channel message; /factcheck TEXT asks;
      with --moderator, /claim commands change claims.
  start
      Starts the bot on every configured platform (same as npm start).
  help
      This text.`;

const DEFAULT_KNOWLEDGE = path.resolve(import.meta.dirname, '..', 'knowledge');

function knowledgeFrom(values: Record<string, unknown>): string[] {
  const given = values['knowledge'];
  return Array.isArray(given) && given.length > 0 ? given.map(String) : [process.env['KNOWLEDGE_DIR'] || DEFAULT_KNOWLEDGE];
}

/**
 * The claim core over the given knowledge. The moderators' store in DATA_DIR belongs to the
 * configured knowledge base; knowledge named with --knowledge is checked as it is.
 */
export function coreFor(locations: string[], given = false, sentences?: SentenceVectorSource): Promise<FactCheckCore> {
  const withSentences = sentences === undefined ? {} : { sentences };
  if (given) return openFactCheckCore({ knowledge: locations, dataDir: null, ...withSentences });
  const url = readDatabaseUrl(process.env);
  return openFactCheckCore({ knowledge: locations, dataDir: process.env['DATA_DIR'] || 'data', database: url === undefined ? undefined : { url, poolSize: 2 }, ...withSentences });
}

/**
 * The matcher's second stage as the bot runs it, unless SENTENCE_ENCODER=off; its claim vectors
 * kept in DATA_DIR unless the knowledge was given for one run. A command waits for the vectors
 * (the bot sheds what waits past its deadline, which only happens when its encoder is overloaded).
 */
async function sentencesFor(given: boolean): Promise<SentenceVectorSource | undefined> {
  if (process.env['SENTENCE_ENCODER'] === 'off') return undefined;
  return SentenceVectors.start(given ? {} : { cacheDir: path.join(process.env['DATA_DIR'] || 'data', 'sentence-vectors') });
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    knowledge: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  });
  const given = Array.isArray(values['knowledge']);
  const core = await coreFor(knowledgeFrom(values), given, await sentencesFor(given));
  const { checker } = core;
  const json = values['json'] === true;
  const write = async (text: string) => {
    const { matches, decision } = await checker.judge(text, 5);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          text,
          decision: decision.decision,
          claim: decision.decision === 'reply' ? decision.match.claim.id : null,
          matches: matches.map((m) => ({ id: m.claim.id, score: Math.round(m.score * 1000) / 1000, verdict: m.claim.verdict })),
        })}\n`,
      );
      return;
    }
    const lines = [`> ${text}`];
    lines.push(
      decision.decision === 'reply'
        ? `  reply: ${decision.match.claim.id} (${VERDICT_STYLE[decision.match.claim.verdict].label}, score ${decision.match.score.toFixed(2)})`
        : `  no reply (${decision.reason})`,
    );
    matches.forEach((m, i) => lines.push(`  ${i + 1}. ${m.score.toFixed(2)} ${m.claim.verdict.padEnd(11)} ${m.claim.id}`));
    process.stdout.write(`${lines.join('\n')}\n`);
  };
  try {
    if (positionals.length > 0) {
      for (const text of positionals) await write(text);
      return 0;
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) if (line.trim() !== '') await write(line);
    return 0;
  } finally {
    await core.close();
  }
}

function validate(args: string[]): number {
  const { positionals } = parse(args, {});
  const locations = positionals.length > 0 ? positionals : [process.env['KNOWLEDGE_DIR'] || DEFAULT_KNOWLEDGE];
  const { claims, problems } = checkKnowledge(locations);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was loaded.\n`);
    return 1;
  }
  process.stdout.write(`${claims.length} claims OK in ${locations.join(', ')}\n`);
  return 0;
}

async function chat(args: string[]): Promise<number> {
  const { values } = parse(args, { knowledge: { type: 'string', multiple: true }, moderator: { type: 'boolean', default: false } });
  const given = Array.isArray(values['knowledge']);
  const core = await coreFor(knowledgeFrom(values), given, await sentencesFor(given));
  const moderator = values['moderator'] === true ? { id: 'terminal', name: process.env['USER'] || 'terminal', platform: 'terminal' as const, isModerator: true } : undefined;
  await new Promise<void>((resolve) => {
    void new TerminalChat({ checker: core.checker, moderation: core.moderation, ...(moderator === undefined ? {} : { moderator }), onClose: resolve }).start();
  });
  await core.close();
  return 0;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest);
    case 'knowledge':
      if (rest[0] === 'validate') return validate(rest.slice(1));
      if (rest[0] === 'export') {
        const { values, positionals } = parse(rest.slice(1), { format: { type: 'string', default: 'files' }, url: { type: 'string' }, author: { type: 'string' }, phrasings: { type: 'boolean' } });
        if (values.format !== 'files' && values.format !== 'claimreview') throw new UsageError(`unknown export format "${values.format}"; use files or claimreview`);
        if (values.format === 'claimreview' && positionals[0] === undefined) throw new UsageError('knowledge export --format claimreview needs a FILE to write');
        const core = await coreFor(knowledgeFrom({}));
        try {
          if (values.format === 'claimreview') return exportClaimReview(core.catalog.all(), positionals[0] as string, values);
          return exportKnowledge(core.catalog, positionals[0] ?? 'knowledge-export');
        } finally {
          await core.close();
        }
      }
      throw new UsageError(`unknown knowledge command "${rest[0] ?? ''}"; try: factcheck knowledge validate`);
    case 'claim': {
      const core = await coreFor(knowledgeFrom({}));
      try {
        return await claimCommand(core.moderation, rest);
      } finally {
        await core.close();
      }
    }
    case 'chat':
      return chat(rest);
    case 'start': {
      const { startBot } = await import('./main.ts');
      // Exits once the bot has stopped: a platform call still open must not keep the process alive.
      process.exit(await startBot());
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 1 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  if (error instanceof KnowledgeError) {
    process.stderr.write(`${error.message}\nRun "factcheck knowledge validate" for the full list.\n`);
    process.exitCode = 1;
  } else if (error instanceof ModerationInputError || error instanceof PermissionDenied || error instanceof VersionConflict) {
    process.stderr.write(`factcheck: ${error.message}\nNothing was stored.\n`);
    process.exitCode = 1;
  } else if (error instanceof StoreFailure) {
    process.stderr.write(`factcheck: ${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`factcheck: ${error.message}\nFix it in .env or the environment (see .env.example).\n`);
    process.exitCode = 1;
  } else if (error instanceof UsageError) {
    process.stderr.write(`factcheck: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
