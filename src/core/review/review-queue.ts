import { createHash, randomBytes } from 'node:crypto';
import { termsOf } from '../matching/terms.ts';
import type { IncomingMessage, Platform } from '../message.ts';
import type { QueueOutcome, ReviewStore, SuggestionLimits } from '../store/reviews.ts';
import { excerptOf, type Suggestion, type SuggestionDraft } from './suggestion.ts';

export interface ReviewQueueConfig {
  /** Days a suggestion waits for a moderator before it expires (REVIEW_DAYS). */
  reviewDays: number;
  limits: SuggestionLimits;
}

/** How long a suggestion waits for a moderator by default (REVIEW_DAYS). */
export const DEFAULT_REVIEW_DAYS = 14;

export const DEFAULT_REVIEW_LIMITS: SuggestionLimits = { perChannelPerHour: 3, perTeamPerHour: 20 };

/** What became of a suggestion, for metrics: queued or skipped, then decided or expired. */
export type SuggestionOutcome = QueueOutcome['outcome'] | 'accepted' | 'accepted-other' | 'rejected' | 'expired';

export interface ReviewQueueOptions {
  /** Sees every suggestion queued, skipped, decided or expired; must not throw. */
  onSuggestion?: (platform: Platform, outcome: SuggestionOutcome) => void;
  /** Told when following the queue fails (a lost database); following carries on. */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/** Shows a suggestion's card as it now stands (decided, replied to, expired); must not throw. */
export type CardUpdate = (suggestion: Suggestion) => Promise<void> | void;

// Where nothing pushes a decision made elsewhere (another instance, the shell), cards catch up this often.
const FOLLOW_MS = 2_000;

/**
 * The review queue over the store: what is suggested (once per text and claim, within the caps),
 * what waits, and the cards to bring up to date. Every instance follows the same store, and each
 * change to a card is handed to one of them.
 */
export class ReviewQueue {
  private readonly updates = new Map<Platform, CardUpdate[]>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly store: ReviewStore,
    readonly config: ReviewQueueConfig,
    private readonly options: ReviewQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Queues a message the listener left unanswered; `link` is where moderators can read it in full, `threadId` the thread it is in. */
  async suggest(message: IncomingMessage, draft: SuggestionDraft, where: { link?: string | undefined; threadId?: string | undefined } = {}): Promise<QueueOutcome> {
    const created = this.now();
    const queued = await this.store.queueSuggestion(
      {
        ...draft,
        id: randomBytes(6).toString('hex'),
        platform: message.platform,
        ...(message.teamId === undefined ? {} : { teamId: message.teamId }),
        channelId: message.channelId,
        messageId: message.messageId,
        ...(where.link === undefined ? {} : { link: where.link }),
        ...(where.threadId === undefined ? {} : { threadId: where.threadId }),
        excerpt: excerptOf(message.text),
        textKey: textKeyOf(message.text),
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + this.config.reviewDays * 86_400_000).toISOString(),
      },
      this.config.limits,
    );
    this.options.onSuggestion?.(message.platform, queued.outcome);
    return queued;
  }

  async pending(limit = 50): Promise<Suggestion[]> {
    await this.expire();
    return this.store.pendingSuggestions(this.now().toISOString(), limit);
  }

  /** Marks what waited longer than REVIEW_DAYS as expired (each counted once, by whichever process marks it). */
  async expire(): Promise<void> {
    for (const expired of await this.store.expireSuggestions(this.now().toISOString())) this.options.onSuggestion?.(expired.platform, 'expired');
  }

  find(id: string): Promise<Suggestion | undefined> {
    return this.store.findSuggestion(id.trim().toLowerCase());
  }

  /**
   * Remembers the card posted for a suggestion. A decision made before the card was attached
   * (from the shell, a moment after queueing) reaches the card on the next refresh.
   */
  async attachCard(id: string, card: { channelId: string; messageId: string }): Promise<void> {
    const attached = await this.store.attachCard(id, card);
    if (attached !== undefined && attached.status !== 'pending') void this.refresh();
  }

  /** Calls `update` for each change to a card on `platform`, whichever process made it. */
  onCardUpdate(platform: Platform, update: CardUpdate): void {
    this.updates.set(platform, [...(this.updates.get(platform) ?? []), update]);
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.refresh(), FOLLOW_MS);
    this.timer.unref();
  }

  /** Expires what waited too long and brings this process's share of cards up to date; one refresh at a time. */
  refresh(): Promise<void> {
    const next = this.refreshing.then(() => this.refreshOnce()).catch((error: unknown) => this.options.onError?.(error));
    this.refreshing = next;
    return next;
  }

  /** Counts what a moderator decided, for metrics. */
  outcome(platform: Platform, outcome: SuggestionOutcome): void {
    this.options.onSuggestion?.(platform, outcome);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async refreshOnce(): Promise<void> {
    await this.expire();
    for (const [platform, updates] of this.updates) {
      for (const suggestion of await this.store.claimCardUpdates(platform)) {
        for (const update of updates) await Promise.resolve(update(suggestion)).catch((error: unknown) => this.options.onError?.(error));
      }
    }
  }
}

/** Case, punctuation and filler words aside, the same words are the same text; a hash keeps the key short. */
export function textKeyOf(text: string): string {
  return createHash('sha256').update(termsOf(text).join(' ')).digest('hex').slice(0, 32);
}
