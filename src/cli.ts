/**
 * The `factcheck` command. Its `check --json` output is a contract that scripts rely on:
 * one line per message, in input order.
 */
import { createInterface } from 'node:readline';
import { CLAIM_SUBCOMMANDS, claimUsage, exportClaimReview, exportKnowledge, parseClaimCommand, runClaimCommand } from './claim-commands.ts';
import { pushFromShell } from './claim-push.ts';
import { parseReviewCommand, reviewCommand, reviewUsage } from './review-commands.ts';
import { parse, UsageError } from './cli-args.ts';
import { ConfigError, loadConfig, PROJECT_DIR, type Config } from './config.ts';
import { openConfiguredCore } from './configured-core.ts';
import { checkKnowledge } from './core/knowledge/load.ts';
import { knowledgeRoot } from './core/knowledge/claim-files.ts';
import { formatProblem, KnowledgeError } from './core/knowledge/problem.ts';
import { describeRefusal, ModerationInputError, PermissionDenied, SHELL_COMMANDS, UnknownClaim } from './core/moderation/actor.ts';
import { VERDICT_STYLE } from './core/verdict.ts';
import { VersionConflict } from './core/store/moderation-store.ts';
import { StoreFailure } from './core/store/store-failure.ts';

/** How many ranked claims `check` lists per message (`/factcheck` shows fewer: FactChecker.ask). */
export const CHECK_MATCHES = 5;

/** Each command's usage line, as `factcheck help` and its usage errors show it. */
const USAGE = {
  check: 'factcheck check [--knowledge PATH]... [--json] [TEXT...]',
  validate: 'factcheck knowledge validate [PATH...]',
  export: 'factcheck knowledge export [DIR]',
  exportClaimReview: 'factcheck knowledge export --format claimreview FILE [--url PAGE] [--author NAME] [--phrasings]',
  chat: 'factcheck chat [--knowledge PATH]... [--moderator]',
  start: 'factcheck start',
  help: 'factcheck help',
} as const;

const HELP = `Usage: factcheck <command>

  ${USAGE.check}
      Checks each TEXT, or each line of standard input when no TEXT is given, as the running
      bot would (same thresholds, same claims).
      --knowledge  a folder of claim files or a ClaimReview JSON-LD file (repeatable; replaces
                   KNOWLEDGE_DIR, and is checked as given, without the moderators' changes)
      --json       one JSON line per message: {"text","decision","claim","matches"}
  ${USAGE.validate}
      Checks claim files (default KNOWLEDGE_DIR) and prints every problem; exits 1 if any.
  ${USAGE.export}
      Writes the claims in force, moderators' changes included, as claim files (default
      ./knowledge-export) that pass knowledge validate.
  ${USAGE.exportClaimReview}
      Writes them as a schema.org ClaimReview DataFeed (JSON-LD): --url is the page they are
      published on, --author who publishes them, --phrasings adds how people say each claim.
${CLAIM_SUBCOMMANDS.map((c) => `  ${claimUsage(c, 'shell')}`).join('\n')}
      Moderators' changes, stored in DATA_DIR on top of KNOWLEDGE_DIR.
${reviewUsage('', false).split('\n').map((line) => `  ${line}`).join('\n')}
      The review queue: messages the bot was unsure about. accept teaches the message as a
      phrasing of the claim (the best candidate unless --claim); reject, as a counter-example.
  ${USAGE.chat}
      A terminal chat: each line is a channel message; /help lists its commands (with
      --moderator, /claim, /correct, /notrelevant and /review too).
  ${USAGE.start}
      Starts the bot on every configured platform (same as npm start).
  ${USAGE.help}
      This text.

Configuration: the environment, then .env in ${PROJECT_DIR}; relative KNOWLEDGE_DIR and
DATA_DIR are taken from that folder (see .env.example).`;

function givenKnowledge(values: Record<string, unknown>): string[] | undefined {
  const given = values['knowledge'];
  return Array.isArray(given) && given.length > 0 ? given.map(String) : undefined;
}

async function check(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { knowledge: { type: 'string', multiple: true }, json: { type: 'boolean' } }, USAGE.check);
  const knowledge = givenKnowledge(values);
  const core = await openConfiguredCore(config, knowledge === undefined ? {} : { givenKnowledge: knowledge });
  const json = values['json'] === true;
  const write = async (text: string) => {
    const { matches, decision } = await core.checker.judge(text, CHECK_MATCHES);
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
    if (process.stdin.isTTY === true) {
      process.stderr.write('Type a message to check and press Enter, one per line; Ctrl-D ends. (Or: factcheck check "TEXT")\n');
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) if (line.trim() !== '') await write(line);
    return 0;
  } finally {
    await core.close();
  }
}

function validate(args: string[], config: Config): number {
  const { positionals } = parse(args, {}, USAGE.validate);
  const locations = positionals.length > 0 ? positionals : [config.knowledgeDir];
  const { claims, problems } = checkKnowledge(locations);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const files = new Set(problems.map((p) => p.file)).size;
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was loaded.\n`);
    return 1;
  }
  process.stdout.write(`${claims.length} claims OK in ${locations.join(', ')}\n`);
  return 0;
}

async function exportCommand(args: string[], config: Config): Promise<number> {
  const usage = `${USAGE.export}\n       ${USAGE.exportClaimReview}`;
  const { values, positionals } = parse(args, { format: { type: 'string' }, url: { type: 'string' }, author: { type: 'string' }, phrasings: { type: 'boolean' } }, usage);
  const format = values['format'] ?? 'files';
  if (format !== 'files' && format !== 'claimreview') throw new UsageError(`unknown export format "${String(format)}"; use files or claimreview`, usage);
  if (format === 'files' && (values['url'] !== undefined || values['author'] !== undefined || values['phrasings'] !== undefined)) {
    throw new UsageError('--url, --author and --phrasings go with --format claimreview', usage);
  }
  if (format === 'claimreview' && positionals[0] === undefined) throw new UsageError('knowledge export --format claimreview needs a FILE to write', usage);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}": give one ${format === 'files' ? 'folder' : 'file'}`, usage);
  const core = await openConfiguredCore(config);
  try {
    if (format === 'claimreview') {
      const flags = { ...(typeof values['url'] === 'string' ? { url: values['url'] } : {}), ...(typeof values['author'] === 'string' ? { author: values['author'] } : {}), phrasings: values['phrasings'] === true };
      // Claims in force only, as for claim files: a retired fact-check is not published again.
      return exportClaimReview(core.catalog.all().filter((claim) => claim.status === 'published'), positionals[0] as string, flags);
    }
    process.stdout.write(`${exportKnowledge(core.catalog, positionals[0] ?? 'knowledge-export', knowledgeRoot(config.knowledgeDir))}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

async function claim(args: string[], config: Config): Promise<number> {
  const line = parseClaimCommand(args, 'shell');
  const core = await openConfiguredCore(config);
  try {
    return await runClaimCommand(line, {
      moderation: core.moderation,
      surface: 'shell',
      out: (text) => process.stdout.write(`${text}\n`),
      announce: (claim, actor, target) => pushFromShell(config, core.moderation, claim, actor, target),
    });
  } finally {
    await core.close();
  }
}

async function review(args: string[], config: Config): Promise<number> {
  const line = parseReviewCommand(args);
  const core = await openConfiguredCore(config);
  try {
    return await reviewCommand(core.moderation, line);
  } finally {
    await core.close();
  }
}

async function chat(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { knowledge: { type: 'string', multiple: true }, moderator: { type: 'boolean' } }, USAGE.chat);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE.chat);
  const knowledge = givenKnowledge(values);
  const core = await openConfiguredCore(config, knowledge === undefined ? {} : { givenKnowledge: knowledge });
  // Loaded here only: wrapping text to the terminal's width costs Unicode tables that check does without.
  const { TerminalChat } = await import('./adapters/terminal/terminal-chat.ts');
  const moderator = values['moderator'] === true ? { id: 'terminal', name: process.env['USER'] || 'terminal', platform: 'terminal' as const, isModerator: true } : undefined;
  await new Promise<void>((resolve) => {
    void new TerminalChat({ checker: core.checker, moderation: core.moderation, ...(moderator === undefined ? {} : { moderator }), onClose: resolve }).start();
  });
  await core.close();
  return 0;
}

/** Runs one `factcheck` command line; resolves with the exit code. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const config = () => loadConfig(env);
  switch (command) {
    case 'check':
      return check(rest, config());
    case 'knowledge': {
      const [sub, ...args] = rest;
      if (sub === 'validate') return validate(args, config());
      if (sub === 'export') return exportCommand(args, config());
      throw new UsageError(sub === undefined ? 'knowledge needs a command' : `unknown knowledge command "${sub}"`, `${USAGE.validate}\n       ${USAGE.export}`);
    }
    case 'claim':
      return claim(rest, config());
    case 'review':
      return review(rest, config());
    case 'chat':
      return chat(rest, config());
    case 'start': {
      parse(rest, {}, USAGE.start);
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, USAGE.start);
      const { startBot } = await import('./main.ts');
      // Exits once the bot has stopped: a platform call still open must not keep the process alive.
      process.exit(await startBot(env));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`, 'factcheck check|knowledge|claim|review|chat|start|help ...');
  }
}

/** What a failed command prints; resolves with the exit code. */
function report(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof KnowledgeError) {
    process.stderr.write(`${error.message}\nRun "factcheck knowledge validate" for the full list.\n`);
    return 1;
  }
  if (error instanceof UnknownClaim) {
    process.stderr.write(`factcheck: ${error.describe(SHELL_COMMANDS)}\n`);
    return 1;
  }
  if (error instanceof ModerationInputError || error instanceof PermissionDenied || error instanceof VersionConflict) {
    process.stderr.write(`factcheck: ${describeRefusal(error, SHELL_COMMANDS)}\nNothing was stored.\n`);
    return 1;
  }
  if (error instanceof StoreFailure) {
    process.stderr.write(`factcheck: ${error.message}\n`);
    return 1;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`factcheck: ${error.message}\nUsage: ${error.usage ?? 'factcheck <command>'}\n"factcheck help" lists every command.\n`);
    return 2;
  }
  throw error;
}

/** The `factcheck` executable: this process's arguments, exit code set, nothing thrown for a person's mistake. */
export async function runFromShell(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2)).catch(report);
}

if (import.meta.url === `file://${process.argv[1]}`) await runFromShell();
