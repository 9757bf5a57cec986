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

/** A moderator's input that cannot be stored as it is; nothing was stored. */
export class ModerationInputError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(problems.map((p) => (p.field === undefined ? p.message : `${p.field}: ${p.message}`)).join('\n'));
    this.name = 'ModerationInputError';
  }

  static single(field: string | undefined, message: string): ModerationInputError {
    return new ModerationInputError([{ file: 'input', ...(field === undefined ? {} : { field }), message }]);
  }
}

/** A claim id that does not exist (or no longer matches). */
export class UnknownClaim extends ModerationInputError {
  constructor(id: string) {
    super([{ file: 'input', field: 'id', message: `no claim has the id "${id}"; /claim show lists it if it exists, or search with /factcheck` }]);
  }
}
