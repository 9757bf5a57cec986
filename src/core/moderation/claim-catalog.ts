import type { ModerationStore, ClaimVersion } from '../../store/store.ts';
import type { Claim } from '../claim.ts';
import type { KnowledgeBase } from '../knowledge-base.ts';

/** A claim's note or verdict changed: earlier replies about it should follow. */
export interface NoteChange {
  before: Claim | undefined;
  after: Claim;
  version: ClaimVersion;
}

export type NoteChangeListener = (change: NoteChange) => void | Promise<void>;

/**
 * The claims in force: the reviewed YAML base with every moderator's latest version on top.
 * `sync` picks up versions written by this process or another (the `factcheck claim` CLI) and
 * rebuilds the matcher, so every adapter sees a change at once.
 */
export class ClaimCatalog {
  private readonly base: Map<string, Claim>;
  private applied = new Map<string, ClaimVersion>();
  private mark = -1;
  private readonly listeners: NoteChangeListener[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    base: readonly Claim[],
    readonly store: ModerationStore,
    readonly knowledge: KnowledgeBase,
  ) {
    this.base = new Map(base.map((c) => [c.id, c]));
    this.sync();
  }

  /** The claim in force and its version (0 = as in the YAML base). */
  current(id: string): { claim: Claim; version: number } | undefined {
    const version = this.applied.get(id);
    if (version !== undefined) return { claim: version.after, version: version.version };
    const claim = this.base.get(id);
    return claim === undefined ? undefined : { claim, version: 0 };
  }

  /** Every claim in force, retired ones included. */
  all(): Claim[] {
    const claims = new Map(this.base);
    for (const [id, version] of this.applied) claims.set(id, version.after);
    return [...claims.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  onNoteChange(listener: NoteChangeListener): void {
    this.listeners.push(listener);
  }

  /** Applies versions written since the last sync; returns the note changes it announced. */
  sync(): NoteChange[] {
    const mark = this.store.changeMark();
    if (mark === this.mark) return [];
    const first = this.mark === -1;
    this.mark = mark;
    const changes: NoteChange[] = [];
    for (const version of this.store.latestVersions()) {
      const previous = this.applied.get(version.claimId);
      if (previous !== undefined && previous.version === version.version) continue;
      const before = previous?.after ?? this.base.get(version.claimId);
      this.applied.set(version.claimId, version);
      if (!first && before !== undefined && (before.note !== version.after.note || before.verdict !== version.after.verdict)) {
        changes.push({ before, after: version.after, version });
      }
    }
    this.knowledge.replace(this.all());
    for (const change of changes) for (const listener of this.listeners) void Promise.resolve(listener(change)).catch(() => undefined);
    return changes;
  }

  /** Polls the store for changes made by other processes. */
  watch(intervalMs = 2000): void {
    this.timer ??= setInterval(() => this.sync(), intervalMs);
    this.timer.unref();
  }

  stopWatching(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
