import type { Claim } from '../claim.ts';
import type { Platform } from '../message.ts';

/** What a moderator did to a claim. */
export type ClaimAction = 'add' | 'edit' | 'retire' | 'teach' | 'counter-example' | 'restore';

/** One version of a claim written by a moderator, on top of the reviewed YAML base. */
export interface ClaimVersion {
  claimId: string;
  /** 1 for the first change; the YAML base counts as version 0. */
  version: number;
  action: ClaimAction;
  actor: string;
  platform: Platform | 'cli';
  at: string;
  /** The claim before the change (undefined when added). */
  before: Claim | undefined;
  after: Claim;
  comment?: string;
}

/** A version to write, before the store numbers it. */
export type ClaimChange = Omit<ClaimVersion, 'version'>;

/**
 * Builds a change from the latest stored version of the claim (undefined while it is as in the
 * YAML base), or undefined when there is nothing to change. It runs inside the store's
 * transaction, so it must be synchronous; it may throw, and then nothing is written.
 */
export type ChangeBuilder = (latest: ClaimVersion | undefined) => ClaimChange | undefined;

/** Thrown when a claim changed since the version a moderator edited. */
export class VersionConflict extends Error {
  constructor(
    readonly claimId: string,
    readonly current: ClaimVersion,
  ) {
    super(`${claimId} was changed by ${current.actor} a moment ago (version ${current.version}, ${current.at}); reload it and try again`);
    this.name = 'VersionConflict';
  }
}

/** The moderators' versions of claims. */
export interface ClaimVersionStore {
  /** The latest version of every claim a moderator changed. */
  latestVersions(): Promise<ClaimVersion[]>;
  /**
   * Writes the change `build` makes to the latest stored version, in one transaction with the
   * check: when `expectedVersion` is given (0 = the base) and is not the latest, nothing is written
   * and VersionConflict is thrown. Without it, the change applies to whatever is latest.
   * Resolves with the version written, or undefined when `build` found nothing to change.
   */
  appendVersion(claimId: string, build: ChangeBuilder, expectedVersion?: number): Promise<ClaimVersion | undefined>;
  /** Every version of a claim, oldest first. */
  history(claimId: string): Promise<ClaimVersion[]>;
  /** A number that grows with every version written, by this process or another. */
  changeMark(): Promise<number>;
  /**
   * Calls `listener` soon after any process writes a version. Engines that cannot push say so
   * with `pushesChanges` false, and readers poll `changeMark` instead.
   */
  onVersionWritten(listener: () => void): void;
  /** Whether `onVersionWritten` is called for versions other processes write. */
  readonly pushesChanges: boolean;
}
