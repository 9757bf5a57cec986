import type { ClaimStats, ModerationStore, SentReply, ClaimVersion, FeedbackKind } from '../../store/store.ts';
import { CLAIM_ID, claimToFile, type Claim, type ClaimSource } from '../claim.ts';
import { checkClaimData } from '../knowledge/claim-files.ts';
import { termsOf } from '../matching/terms.ts';
import type { FactCheckReply, Platform } from '../message.ts';
import { replyFor } from '../reply.ts';
import { VERDICTS, type Verdict } from '../verdict.ts';
import { ModerationInputError, PermissionDenied, UnknownClaim, type Actor } from './actor.ts';
import type { ClaimCatalog } from './claim-catalog.ts';

/** The fields a moderator may set; absent fields keep their value on edit. */
export interface ClaimInput {
  id?: string;
  claim?: string;
  verdict?: string;
  note?: string;
  evidence?: string[];
  /** A URL, or a file under the knowledge folder's sources/. */
  source?: string;
  phrasings?: string[];
  tags?: string[];
}

export interface ModerationOptions {
  catalog: ClaimCatalog;
  store: ModerationStore;
  /** The knowledge folder that claim sources are relative to. */
  knowledgeRoot: string;
  /** Source used for a new claim when none is given. */
  defaultSource?: ClaimSource;
  /** How far back replies are edited when a note changes. */
  updateWindowDays?: number;
  /** Sees every change and feedback press (for metrics and logs); must not throw. */
  onAction?: (action: string, actor: Actor, claimId: string) => void;
  now?: () => Date;
}

export type FeedbackOutcome = 'counted' | 'already-counted' | 'removed' | 'unknown-reply';

/**
 * Everything a moderator can do, whatever the platform. Adapters translate their commands,
 * modals and buttons into these calls and render what comes back.
 */
export class ModerationService {
  private readonly catalog: ClaimCatalog;
  private readonly store: ModerationStore;
  private readonly now: () => Date;
  readonly updateWindowDays: number;

  constructor(private readonly options: ModerationOptions) {
    this.catalog = options.catalog;
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.updateWindowDays = options.updateWindowDays ?? 30;
  }

  /** The claim in force and its version, or UnknownClaim. */
  show(id: string): { claim: Claim; version: number } {
    const current = this.catalog.current(id);
    if (current === undefined) throw new UnknownClaim(id);
    return current;
  }

  /** Every claim with its version (0 = as in the knowledge files), retired ones included, by id. */
  list(): { claim: Claim; version: number }[] {
    return this.catalog.all().map((claim) => this.show(claim.id));
  }

  history(id: string): ClaimVersion[] {
    this.show(id);
    return this.store.history(id);
  }

  /** Claims whose id or text contains every word of the query, for pickers. */
  search(query: string, limit = 25): Claim[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return this.catalog
      .all()
      .filter((c) => c.status === 'published')
      .filter((c) => words.every((w) => c.id.includes(w) || c.claim.toLowerCase().includes(w)))
      .slice(0, limit);
  }

  add(actor: Actor, input: ClaimInput): Claim {
    this.allow(actor, 'add claims');
    const id = input.id?.trim() ?? '';
    if (!CLAIM_ID.test(id)) throw ModerationInputError.single('id', 'id must be 2-80 characters of lower-case letters, digits and dashes, e.g. trump-video-2025');
    if (this.catalog.current(id) !== undefined) throw ModerationInputError.single('id', `a claim with the id "${id}" already exists; edit it instead`, `claim edit ${id}`);
    const source = input.source === undefined ? this.options.defaultSource : this.sourceFrom(input.source);
    if (source === undefined) throw ModerationInputError.single('source', 'give a source: a URL, or a file in knowledge/sources/');
    const claim: Claim = {
      id,
      claim: input.claim ?? '',
      verdict: this.verdictFrom(input.verdict ?? ''),
      note: input.note ?? '',
      evidence: input.evidence ?? [],
      source,
      phrasings: input.phrasings ?? [],
      counterExamples: [],
      tags: input.tags ?? [],
      status: 'published',
      updated: this.today(),
    };
    return this.write(actor, 'add', undefined, claim, 0);
  }

  edit(actor: Actor, id: string, input: ClaimInput, expectedVersion?: number): Claim {
    this.allow(actor, 'edit claims');
    const { claim: before, version } = this.show(id);
    if (input.id !== undefined && input.id !== id) throw ModerationInputError.single('id', 'a claim id cannot change; retire it and add a new one');
    const after: Claim = {
      ...before,
      ...(input.claim !== undefined ? { claim: input.claim } : {}),
      ...(input.verdict !== undefined ? { verdict: this.verdictFrom(input.verdict) } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.evidence !== undefined && input.evidence.length > 0 ? { evidence: input.evidence } : {}),
      ...(input.phrasings !== undefined && input.phrasings.length > 0 ? { phrasings: unique([...before.phrasings, ...input.phrasings]) } : {}),
      ...(input.tags !== undefined && input.tags.length > 0 ? { tags: input.tags } : {}),
    };
    if (input.source !== undefined) after.source = this.sourceFrom(input.source);
    if (after.note !== before.note || after.verdict !== before.verdict) after.updated = this.today();
    if (JSON.stringify(after) === JSON.stringify(before)) throw ModerationInputError.single(undefined, 'nothing to change: give at least one field with a new value');
    return this.write(actor, 'edit', before, after, expectedVersion ?? version);
  }

  retire(actor: Actor, id: string, expectedVersion?: number): Claim {
    this.allow(actor, 'retire claims');
    const { claim: before, version } = this.show(id);
    if (before.status === 'retired') throw ModerationInputError.single('id', `${id} is already retired`);
    return this.write(actor, 'retire', before, { ...before, status: 'retired' }, expectedVersion ?? version);
  }

  /**
   * A moderator's correction on a message the bot missed: the message becomes a phrasing of
   * the claim (so the next one is caught), and the reply to post is returned.
   */
  pushCorrection(actor: Actor, claimId: string, messageText: string, comment?: string): { reply: FactCheckReply; taught: boolean } {
    this.allow(actor, 'push corrections');
    const { claim, version } = this.show(claimId);
    if (claim.status !== 'published') throw ModerationInputError.single('id', `${claimId} is retired; restore or pick another claim`);
    const phrasing = messageText.replace(/\s+/g, ' ').trim().slice(0, 500);
    const known = new Set(claim.phrasings.map(termKey));
    const taught = termsOf(phrasing).length > 0 && !known.has(termKey(phrasing));
    if (taught) {
      this.write(actor, 'teach', claim, { ...claim, phrasings: [...claim.phrasings, phrasing] }, version, comment);
    }
    return { reply: replyFor(this.show(claimId).claim, 1), taught };
  }

  /** A reply's "Helpful" / "Not relevant" button. A moderator's "Not relevant" teaches a counter-example. */
  feedback(actor: Actor, platform: Platform, channelId: string, replyMessageId: string, kind: FeedbackKind): FeedbackOutcome {
    const sent = this.store.findReply(platform, channelId, replyMessageId);
    if (sent === undefined) return 'unknown-reply';
    const at = this.now().toISOString();
    const counted = this.store.recordFeedback({ platform, channelId, replyMessageId, userId: actor.id, kind, byModerator: actor.isModerator, at });
    if (counted) this.options.onAction?.(`feedback-${kind}`, actor, sent.claimId);
    if (kind !== 'not-relevant' || !actor.isModerator) return counted ? 'counted' : 'already-counted';
    const current = this.catalog.current(sent.claimId);
    if (current !== undefined && sent.triggerText !== undefined) {
      const example = sent.triggerText.replace(/\s+/g, ' ').trim().slice(0, 500);
      if (!current.claim.counterExamples.includes(example)) {
        this.write(actor, 'counter-example', current.claim, { ...current.claim, counterExamples: [...current.claim.counterExamples, example] }, current.version);
      }
    }
    this.store.markReplyRemoved(platform, channelId, replyMessageId, at);
    return 'removed';
  }

  /**
   * Calls `edit` for each recent reply on `platform` whose claim's note or verdict changed,
   * with the reply as it should now read. Adapters render it with an "Updated" marker.
   */
  onReplyUpdate(platform: Platform, edit: (sent: SentReply, reply: FactCheckReply) => Promise<void> | void): void {
    this.catalog.onNoteChange(async (change) => {
      const reply = replyFor(change.after, 1);
      for (const sent of this.repliesToUpdate(change.after.id)) {
        if (sent.platform === platform) await edit(sent, reply);
      }
    });
  }

  /** Remembers a message the bot sent, so it can be edited or rated later. */
  recordReply(reply: SentReply): void {
    this.store.recordReply(reply);
  }

  /** Replies about a claim recent enough to be edited when its note changes. */
  repliesToUpdate(claimId: string): SentReply[] {
    const since = new Date(this.now().getTime() - this.updateWindowDays * 86_400_000).toISOString();
    return this.store.repliesAbout(claimId, since);
  }

  /** Replies, feedback and corrections per claim over the last 7 and 30 days. */
  stats(): { days7: ClaimStats[]; days30: ClaimStats[] } {
    const ago = (days: number) => new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return { days7: this.store.stats(ago(7)), days30: this.store.stats(ago(30)) };
  }

  private allow(actor: Actor, action: string): void {
    if (!actor.isModerator) throw new PermissionDenied(action);
  }

  private write(actor: Actor, action: ClaimVersion['action'], before: Claim | undefined, after: Claim, expectedVersion: number, comment?: string): Claim {
    const label = `claim ${after.id}`;
    const checked = checkClaimData(claimToFile(after), label, this.options.knowledgeRoot);
    if (checked.problems.length > 0) throw new ModerationInputError(checked.problems);
    const change: Omit<ClaimVersion, 'version'> = {
      claimId: after.id,
      action,
      actor: actor.name,
      platform: actor.platform,
      at: this.now().toISOString(),
      before,
      after,
    };
    if (comment !== undefined && comment.trim() !== '') change.comment = comment.trim();
    this.store.appendVersion(change, expectedVersion);
    this.options.onAction?.(action, actor, after.id);
    this.catalog.sync();
    return after;
  }

  private verdictFrom(value: string): Verdict {
    const verdict = value.trim().toLowerCase();
    if (!(VERDICTS as readonly string[]).includes(verdict)) {
      throw ModerationInputError.single('verdict', `verdict must be one of: ${VERDICTS.join(', ')} (got "${value}")`);
    }
    return verdict as Verdict;
  }

  private sourceFrom(value: string): ClaimSource {
    const text = value.trim();
    // A source another claim already cites keeps its title and date.
    const known = this.catalog.all().find((c) => c.source.url === text || c.source.file === text);
    if (known !== undefined) return known.source;
    if (/^https?:\/\/\S+$/.test(text)) return { title: text, url: text, date: this.today() };
    if (/^sources\/[\w.-]+$/.test(text)) return { title: text.slice('sources/'.length), file: text };
    throw ModerationInputError.single('source', `source must be a URL or a file in knowledge/sources/ written sources/NAME (got "${value}")`);
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function termKey(text: string): string {
  return termsOf(text).join(' ');
}
