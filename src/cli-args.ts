import { parseArgs } from 'node:util';

/** A command line that does not fit the usage; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}


export type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export function parse(args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

