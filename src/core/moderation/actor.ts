import type { KnowledgeProblem } from '../knowledge/problem.ts';
import type { Platform } from '../message.ts';

/** Who asks for a moderation action; the adapter decides `isModerator` from platform roles. */
export interface Actor {
  id: string;
  /** Shown in the audit log and in "changed by X" messages. */
  name: string;
  platform: Platform | 'cli';
  isModerator: boolean;
}

/** Someone without moderator rights tried a moderator action; nothing changed. */
export class PermissionDenied extends Error {
  constructor(action: string) {
    super(`Only moderators can ${action}. Nothing was changed. Ask a moderator of this community if you think a note is wrong.`);
    this.name = 'PermissionDenied';
  }
}

/**
 * How a surface writes a command: `/claim edit ID` in a chat, `factcheck claim edit ID` in the
 * shell. The core names commands in words (`claim edit ID`) and the caller's surface writes them.
 */
export interface CommandSurface {
  command(words: string): string;
  /** How to find a claim's id there. */
  findClaim: string;
}

export const CHAT_COMMANDS: CommandSurface = { command: (words) => `/${words}`, findClaim: '/factcheck with its words finds it' };
export const SHELL_COMMANDS: CommandSurface = { command: (words) => `factcheck ${words}`, findClaim: 'factcheck claim list shows every claim in force' };

/** A moderator's input that cannot be stored as it is; nothing was stored. */
export class ModerationInputError extends Error {
  constructor(
    readonly problems: KnowledgeProblem[],
    /** A command that helps, in words (`claim edit ID`), for `describe` to write the surface's way. */
    readonly suggestedCommand?: string,
  ) {
    super(problems.map((p) => (p.field === undefined ? p.message : `${p.field}: ${p.message}`)).join('\n'));
    this.name = 'ModerationInputError';
  }

  static single(field: string | undefined, message: string, suggestedCommand?: string): ModerationInputError {
    return new ModerationInputError([{ file: 'input', ...(field === undefined ? {} : { field }), message }], suggestedCommand);
  }

  /** The message with the suggested command as `surface` writes it. */
  describe(surface: CommandSurface): string {
    return this.suggestedCommand === undefined ? this.message : `${this.message} (${surface.command(this.suggestedCommand)})`;
  }
}

/** A claim id that does not exist (or no longer matches). */
export class UnknownClaim extends ModerationInputError {
  constructor(readonly id: string) {
    super([{ file: 'input', field: 'id', message: `no claim has the id "${id}"` }]);
  }

  override describe(surface: CommandSurface): string {
    return `no claim has the id "${this.id}"; ${surface.findClaim}`;
  }
}

/** A refusal's text for a surface: a ModerationInputError's suggested command written its way. */
export function describeRefusal(error: Error, surface: CommandSurface): string {
  return error instanceof ModerationInputError ? error.describe(surface) : error.message;
}
