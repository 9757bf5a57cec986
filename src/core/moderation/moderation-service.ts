import { CLAIM_ID, claimToFile, type Claim, type ClaimSource } from '../claim.ts';
import { checkClaimData } from '../knowledge/claim-files.ts';
import type { KnowledgeProblem } from '../knowledge/problem.ts';
import { termsOf } from '../matching/terms.ts';
import type { FactCheckReply, IncomingMessage, Platform } from '../message.ts';
import type { CardUpdate, ReviewQueue } from '../review/review-queue.ts';
import { SuggestionClosed, UnknownSuggestion, type Suggestion, type SuggestionDraft } from '../review/suggestion.ts';
import type { QueueOutcome } from '../store/reviews.ts';
import { replyFor } from '../reply.ts';
import type { ClaimStats, ClaimVersion, FeedbackKind, ModerationStore, SentReply } from '../store/moderation-store.ts';
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
  /** The review queue over the same store. */
  review: ReviewQueue;
  /** Sees every change and feedback press (for metrics and logs); must not throw. */
  onAction?: (action: string, actor: Actor, claimId: string) => void;
  now?: () => Date;
}

export type FeedbackOutcome = 'counted' | 'already-counted' | 'removed' | 'unknown-reply';

/** What a moderator's decision on a suggestion did. */
export interface ReviewOutcome {
  suggestion: Suggestion;
  /** Claims that learnt the message: as a phrasing (accepted) or a counter-example (rejected); empty when they knew it. */
  taught: string[];
}

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

  async history(id: string): Promise<ClaimVersion[]> {
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

  async add(actor: Actor, input: ClaimInput): Promise<Claim> {
    this.allow(actor, 'add claims');
    const id = input.id?.trim() ?? '';
    if (!CLAIM_ID.test(id)) throw ModerationInputError.single('id', 'id must be 2-80 characters of lower-case letters, digits and dashes, e.g. trump-video-2025');
    const exists = () => ModerationInputError.single('id', `a claim with the id "${id}" already exists; edit it instead`, `claim edit ${id}`);
    if (this.catalog.current(id) !== undefined) throw exists();
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
    // Another process may have added the same id a moment ago: the store's latest version says so.
    return this.written(await this.write(actor, 'add', id, (current) => {
      if (current !== undefined) throw exists();
      return claim;
    }));
  }

  /**
   * Edits a claim. With `expectedVersion` (the version a form was opened at), a change made
   * since is refused; the new claim is always built from the latest stored version.
   */
  async edit(actor: Actor, id: string, input: ClaimInput, expectedVersion?: number): Promise<Claim> {
    this.allow(actor, 'edit claims');
    if (input.id !== undefined && input.id !== id) throw ModerationInputError.single('id', 'a claim id cannot change; retire it and add a new one');
    const source = input.source === undefined ? undefined : this.sourceFrom(input.source);
    const verdict = input.verdict === undefined ? undefined : this.verdictFrom(input.verdict);
    return this.written(await this.write(actor, 'edit', id, (before) => {
      if (before === undefined) throw new UnknownClaim(id);
      const after: Claim = {
        ...before,
        ...(input.claim !== undefined ? { claim: input.claim } : {}),
        ...(verdict !== undefined ? { verdict } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.evidence !== undefined && input.evidence.length > 0 ? { evidence: input.evidence } : {}),
        ...(input.phrasings !== undefined && input.phrasings.length > 0 ? { phrasings: unique([...before.phrasings, ...input.phrasings]) } : {}),
        ...(input.tags !== undefined && input.tags.length > 0 ? { tags: input.tags } : {}),
      };
      if (source !== undefined) after.source = source;
      if (after.note !== before.note || after.verdict !== before.verdict) after.updated = this.today();
      if (JSON.stringify(after) === JSON.stringify(before)) throw ModerationInputError.single(undefined, 'nothing to change: give at least one field with a new value');
      return after;
    }, expectedVersion));
  }

  async retire(actor: Actor, id: string, expectedVersion?: number): Promise<Claim> {
    this.allow(actor, 'retire claims');
    return this.written(await this.write(actor, 'retire', id, (before) => {
      if (before === undefined) throw new UnknownClaim(id);
      if (before.status === 'retired') throw ModerationInputError.single('id', `${id} is already retired`);
      return { ...before, status: 'retired' };
    }, expectedVersion));
  }

  /**
   * A moderator's correction on a message the bot missed: the message becomes a phrasing of
   * the claim (so the next one is caught), and the reply to post is returned.
   */
  async pushCorrection(actor: Actor, claimId: string, messageText: string, comment?: string): Promise<{ reply: FactCheckReply; taught: boolean }> {
    this.allow(actor, 'push corrections');
    const taught = await this.teachPhrasing(actor, claimId, messageText, comment);
    return { reply: replyFor(this.show(claimId).claim, 1), taught };
  }

  /** Queues a message the passive listener left unanswered for moderators to review (see ReviewPolicy). */
  suggest(message: IncomingMessage, draft: SuggestionDraft, where?: { link?: string | undefined; threadId?: string | undefined }): Promise<QueueOutcome> {
    return this.options.review.suggest(message, draft, where);
  }

  /** Suggestions waiting for a moderator, oldest first. */
  suggestions(limit?: number): Promise<Suggestion[]> {
    return this.options.review.pending(limit);
  }

  /** One suggestion, whatever became of it, or UnknownSuggestion. */
  async suggestion(id: string): Promise<Suggestion> {
    const found = await this.options.review.find(id);
    if (found === undefined) throw new UnknownSuggestion(id);
    return found;
  }

  /** Remembers where a suggestion's card was posted, so every later change reaches it. */
  attachSuggestionCard(id: string, card: { channelId: string; messageId: string }): Promise<void> {
    return this.options.review.attachCard(id, card);
  }

  /** Calls `update` for each suggestion of `platform` whose card should change (decided anywhere, replied to, expired). */
  onSuggestionUpdate(platform: Platform, update: CardUpdate): void {
    this.options.review.onCardUpdate(platform, update);
  }

  /**
   * "It is <claim>": the message becomes a phrasing of the claim (by default the best
   * candidate). Decided once across every process; a later decision gets SuggestionClosed
   * naming who decided first. With `reply`, the bot also replies to the message with the note.
   */
  async acceptSuggestion(actor: Actor, id: string, claimId?: string, options: { reply?: boolean } = {}): Promise<ReviewOutcome> {
    this.allow(actor, 'review suggestions');
    const current = await this.suggestion(id);
    const chosen = claimId?.trim().toLowerCase() || current.candidates[0]?.claimId || '';
    const { claim } = this.show(chosen);
    if (claim.status !== 'published') throw ModerationInputError.single('id', `${chosen} is retired; pick another claim`);
    const suggestion = await this.decide(actor, current.id, { status: 'accepted', claimId: chosen, reply: options.reply === true });
    const taught = (await this.teachPhrasing(actor, chosen, suggestion.excerpt, `review suggestion ${suggestion.id}`)) ? [chosen] : [];
    this.options.review.outcome(suggestion.platform, chosen === suggestion.candidates[0]?.claimId ? 'accepted' : 'accepted-other');
    this.options.onAction?.('review-accept', actor, chosen);
    void this.options.review.refresh();
    return { suggestion, taught };
  }

  /** "Not a claim": the message becomes a counter-example of each claim it was suggested for. Decided once, like acceptSuggestion. */
  async rejectSuggestion(actor: Actor, id: string): Promise<ReviewOutcome> {
    this.allow(actor, 'review suggestions');
    const suggestion = await this.decide(actor, (await this.suggestion(id)).id, { status: 'rejected', reply: false });
    const taught: string[] = [];
    for (const { claimId } of suggestion.candidates) {
      if (this.catalog.current(claimId) !== undefined && (await this.learnCounterExample(actor, claimId, suggestion.excerpt))) taught.push(claimId);
    }
    this.options.review.outcome(suggestion.platform, 'rejected');
    this.options.onAction?.('review-reject', actor, suggestion.candidates[0]?.claimId ?? '');
    void this.options.review.refresh();
    return { suggestion, taught };
  }

  /** After "It is <claim>": the bot replies to the message with the claim's note, once (posted by the card's platform). */
  async replyToSuggestion(actor: Actor, id: string): Promise<Suggestion> {
    this.allow(actor, 'review suggestions');
    const suggestion = await this.suggestion(id);
    const outcome = await this.store.requestSuggestionReply(suggestion.id);
    if (outcome === 'not-accepted') throw ModerationInputError.single(undefined, `suggestion ${suggestion.id} was not accepted as a claim, so there is no note to reply with`);
    if (outcome === 'already-requested') throw ModerationInputError.single(undefined, `the bot already replied (or is replying) to the message of suggestion ${suggestion.id}`);
    if (outcome === 'unknown') throw new UnknownSuggestion(id);
    this.options.onAction?.('review-reply', actor, suggestion.decision?.claimId ?? '');
    void this.options.review.refresh();
    return { ...suggestion, reply: 'requested' };
  }

  /** The reply a moderator asked for was posted: remembered as a correction by the moderator who accepted. */
  async suggestionReplied(suggestion: Suggestion, reply: Omit<SentReply, 'kind' | 'claimId' | 'postedBy' | 'triggerText' | 'sentAt'>): Promise<void> {
    const claimId = suggestion.decision?.claimId;
    if (claimId === undefined) return;
    await this.recordReply({ ...reply, kind: 'correction', claimId, sentAt: this.now().toISOString(), triggerText: suggestion.excerpt, postedBy: suggestion.decision?.by ?? 'a moderator' });
    await this.store.markSuggestionReplied(suggestion.id);
  }

  /** The one atomic transition of a suggestion; SuggestionClosed when another decision (or the expiry) came first. */
  private async decide(actor: Actor, id: string, request: { status: 'accepted' | 'rejected'; claimId?: string; reply: boolean }): Promise<Suggestion> {
    await this.options.review.expire();
    const at = this.now().toISOString();
    const { decided, suggestion } = await this.store.decideSuggestion(id, { ...request, by: actor.name, byId: actor.id, platform: actor.platform, at });
    if (suggestion === undefined) throw new UnknownSuggestion(id);
    if (!decided) throw new SuggestionClosed(suggestion);
    return suggestion;
  }

  /** Adds a message as a phrasing of a published claim; false when the claim already knew those words. */
  private async teachPhrasing(actor: Actor, claimId: string, messageText: string, comment?: string): Promise<boolean> {
    const phrasing = messageText.replace(/\s+/g, ' ').trim().slice(0, 500);
    const written = await this.write(actor, 'teach', claimId, (claim) => {
      if (claim === undefined) throw new UnknownClaim(claimId);
      if (claim.status !== 'published') throw ModerationInputError.single('id', `${claimId} is retired; restore or pick another claim`);
      const known = new Set(claim.phrasings.map(termKey));
      if (termsOf(phrasing).length === 0 || known.has(termKey(phrasing))) return undefined;
      return { ...claim, phrasings: [...claim.phrasings, phrasing] };
    }, undefined, comment);
    return written !== undefined;
  }

  /** Adds a message as a counter-example of a claim; false when it already was one. */
  private async learnCounterExample(actor: Actor, claimId: string, text: string): Promise<boolean> {
    const example = text.replace(/\s+/g, ' ').trim().slice(0, 500);
    // Built on the latest stored version: a change another process made a moment ago is kept.
    const written = await this.write(actor, 'counter-example', claimId, (claim) => {
      if (claim === undefined || claim.counterExamples.includes(example)) return undefined;
      return { ...claim, counterExamples: [...claim.counterExamples, example] };
    });
    return written !== undefined;
  }

  /** A reply's "Helpful" / "Not relevant" button. A moderator's "Not relevant" teaches a counter-example. */
  async feedback(actor: Actor, platform: Platform, channelId: string, replyMessageId: string, kind: FeedbackKind): Promise<FeedbackOutcome> {
    const sent = await this.store.findReply(platform, channelId, replyMessageId);
    if (sent === undefined) return 'unknown-reply';
    const at = this.now().toISOString();
    const counted = await this.store.recordFeedback({ platform, channelId, replyMessageId, userId: actor.id, kind, byModerator: actor.isModerator, at });
    if (counted) this.options.onAction?.(`feedback-${kind}`, actor, sent.claimId);
    if (kind !== 'not-relevant' || !actor.isModerator) return counted ? 'counted' : 'already-counted';
    const { triggerText } = sent;
    if (triggerText !== undefined && this.catalog.current(sent.claimId) !== undefined) await this.learnCounterExample(actor, sent.claimId, triggerText);
    await this.store.markReplyRemoved(platform, channelId, replyMessageId, at);
    return 'removed';
  }

  /**
   * Calls `edit` for each recent reply on `platform` whose claim's note or verdict changed,
   * with the reply as it should now read. Each reply is handed to one process only, whichever
   * sent it. Adapters render it with an "Updated" marker.
   */
  onReplyUpdate(platform: Platform, edit: (sent: SentReply, reply: FactCheckReply) => Promise<void> | void): void {
    this.catalog.onNoteChange(async (change) => {
      const reply = replyFor(change.after, 1);
      const work = { platform, claimId: change.after.id, version: change.version.version, since: this.updateSince() };
      for (const sent of await this.store.claimReplyUpdates(work)) await edit(sent, reply);
    });
  }

  /** Remembers a message the bot sent, so it can be edited or rated later. */
  async recordReply(reply: SentReply): Promise<void> {
    const claimVersion = reply.claimVersion ?? this.catalog.current(reply.claimId)?.version;
    await this.store.recordReply(claimVersion === undefined ? reply : { ...reply, claimVersion });
  }

  /** Replies about a claim recent enough to be edited when its note changes. */
  repliesToUpdate(claimId: string): Promise<SentReply[]> {
    return this.store.repliesAbout(claimId, this.updateSince());
  }

  /** Replies, feedback, corrections and review decisions per claim over the last 7 and 30 days. */
  async stats(): Promise<{ days7: ClaimStats[]; days30: ClaimStats[] }> {
    const ago = (days: number) => new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return { days7: await this.store.stats(ago(7)), days30: await this.store.stats(ago(30)) };
  }

  private updateSince(): string {
    return new Date(this.now().getTime() - this.updateWindowDays * 86_400_000).toISOString();
  }

  private allow(actor: Actor, action: string): void {
    if (!actor.isModerator) throw new PermissionDenied(action);
  }

  /** The claim a write made; a write that found nothing to change never reaches here. */
  private written(version: ClaimVersion | undefined): Claim {
    if (version === undefined) throw ModerationInputError.single(undefined, 'nothing to change: give at least one field with a new value');
    return version.after;
  }

  /**
   * Writes one change: `change` gets the claim as the store has it now (the latest version, or
   * the base), inside the store's transaction, and returns the claim to store (or undefined for
   * no change). Resolves once the change is durable and this process's matcher has it.
   */
  private async write(
    actor: Actor,
    action: ClaimVersion['action'],
    claimId: string,
    change: (current: Claim | undefined) => Claim | undefined,
    expectedVersion?: number,
    comment?: string,
  ): Promise<ClaimVersion | undefined> {
    const version = await this.store.appendVersion(claimId, (latest) => {
      const before = latest?.after ?? this.catalog.baseClaim(claimId);
      const after = change(before);
      if (after === undefined) return undefined;
      const problems = this.introducedProblems(before, after);
      if (problems.length > 0) throw new ModerationInputError(problems);
      return {
        claimId,
        action,
        actor: actor.name,
        platform: actor.platform,
        at: this.now().toISOString(),
        before,
        after,
        ...(comment !== undefined && comment.trim() !== '' ? { comment: comment.trim() } : {}),
      };
    }, expectedVersion);
    if (version === undefined) return undefined;
    this.options.onAction?.(action, actor, claimId);
    await this.catalog.sync();
    return version;
  }

  /**
   * What a change breaks: the problems of the claim after it that the claim before did not have.
   * Knowledge imported under other rules (a ClaimReview feed has no evidence quotes) can then
   * still learn a phrasing, while a moderator can never add a problem of their own.
   */
  private introducedProblems(before: Claim | undefined, after: Claim): KnowledgeProblem[] {
    const check = (claim: Claim) => checkClaimData(claimToFile(claim), `claim ${claim.id}`, this.options.knowledgeRoot).problems;
    const known = new Set(before === undefined ? [] : check(before).map((p) => `${p.field ?? ''}\u0000${p.message}`));
    return check(after).filter((p) => !known.has(`${p.field ?? ''}\u0000${p.message}`));
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
