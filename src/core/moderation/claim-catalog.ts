import type { Claim } from '../claim.ts';
import type { KnowledgeBase } from '../knowledge-base.ts';
import type { ClaimVersion, ModerationStore } from '../store/moderation-store.ts';

/** A claim's note or verdict changed: earlier replies about it should follow. */
export interface NoteChange {
  before: Claim | undefined;
  after: Claim;
  version: ClaimVersion;
}

export type NoteChangeListener = (change: NoteChange) => void | Promise<void>;

// How often the catalog looks for versions it was not told about: often where nothing pushes
// (SQLite), rarely where the store notifies every process (PostgreSQL), to catch a missed one.
const POLL_MS = 1_000;
const CATCH_UP_MS = 5_000;

/**
 * The claims in force: the reviewed YAML base with every moderator's latest version on top.
 * `sync` picks up versions written by this process or another (another instance, the
 * `factcheck claim` CLI) and rebuilds the matcher, so every adapter sees a change at once.
 */
export class ClaimCatalog {
  private readonly base: Map<string, Claim>;
  private applied = new Map<string, ClaimVersion>();
  private mark = -1;
  private readonly listeners: NoteChangeListener[] = [];
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<NoteChange[]> = Promise.resolve([]);

  private constructor(
    base: readonly Claim[],
    readonly store: ModerationStore,
    readonly knowledge: KnowledgeBase,
  ) {
    this.base = new Map(base.map((c) => [c.id, c]));
  }

  /** The catalog over a base, with the store's versions applied. */
  static async open(base: readonly Claim[], store: ModerationStore, knowledge: KnowledgeBase): Promise<ClaimCatalog> {
    const catalog = new ClaimCatalog(base, store, knowledge);
    await catalog.sync();
    return catalog;
  }

  /** The claim in force and its version (0 = as in the YAML base). */
  current(id: string): { claim: Claim; version: number } | undefined {
    const version = this.applied.get(id);
    if (version !== undefined) return { claim: version.after, version: version.version };
    const claim = this.base.get(id);
    return claim === undefined ? undefined : { claim, version: 0 };
  }

  /** The claim as the YAML base has it, whatever moderators did since. */
  baseClaim(id: string): Claim | undefined {
    return this.base.get(id);
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

  /** Applies versions written since the last sync; resolves with the note changes it announced. One sync runs at a time. */
  sync(): Promise<NoteChange[]> {
    const next = this.syncing.catch(() => []).then(() => this.syncOnce());
    this.syncing = next;
    return next;
  }

  /**
   * Follows changes made by other processes: at once where the store pushes them, and by
   * polling (the only way with SQLite, a catch-up for missed notifications otherwise).
   */
  watch(onError: (error: unknown) => void = () => undefined): void {
    if (this.timer !== undefined) return;
    const sync = () => void this.sync().catch(onError);
    this.store.onVersionWritten(sync);
    this.timer = setInterval(sync, this.store.pushesChanges ? CATCH_UP_MS : POLL_MS);
    this.timer.unref();
  }

  stopWatching(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async syncOnce(): Promise<NoteChange[]> {
    const mark = await this.store.changeMark();
    if (mark === this.mark) return [];
    const first = this.mark === -1;
    const versions = await this.store.latestVersions();
    this.mark = mark;
    const changes: NoteChange[] = [];
    for (const version of versions) {
      const previous = this.applied.get(version.claimId);
      if (previous !== undefined && previous.version >= version.version) continue;
      const before = previous?.after ?? this.base.get(version.claimId);
      this.applied.set(version.claimId, version);
      if (!first && before !== undefined && (before.note !== version.after.note || before.verdict !== version.after.verdict)) {
        changes.push({ before, after: version.after, version });
      }
    }
    // On the first sync with nothing stored, the knowledge already holds the base: no second index build.
    if (!first || this.applied.size > 0) this.knowledge.replace(this.all());
    for (const change of changes) for (const listener of this.listeners) void Promise.resolve(listener(change)).catch(() => undefined);
    return changes;
  }
}
