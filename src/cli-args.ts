import { parseArgs } from 'node:util';

/**
 * A command line that does not fit a command's usage. `usage` is that command's own usage line;
 * the CLI prints the message, then the line, and exits 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Parses one command's arguments. Every flag must be one the command takes: an unknown flag,
 * a missing value or a value given to a switch is a UsageError naming that one flag, never
 * taken as a file name or silently dropped. After `--` everything is a positional.
 */
export function parse(args: string[], options: OptionSpec, usage?: string): ParsedArgs {
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = token.rawName;
    const spec = options[token.name];
    if (spec === undefined) throw new UsageError(`unknown flag ${flag}`, usage);
    // `--knowledge --json` is a forgotten value, not a folder named --json (write --flag=-x for one).
    if (spec.type === 'string' && (token.value === undefined || (token.inlineValue === false && token.value.startsWith('-')))) {
      throw new UsageError(`${flag} needs a value`, usage);
    }
    if (spec.type === 'boolean' && token.inlineValue === true) throw new UsageError(`${flag} takes no value`, usage);
  }
  return { values, positionals };
}
