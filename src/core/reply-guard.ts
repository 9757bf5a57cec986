import { LRUCache } from 'lru-cache';
import type { DeliveryStore, ReplyLimits, SpeakRequest, SpeakVerdict } from './store/moderation-store.ts';

export type ReplyGuardConfig = ReplyLimits;

export const DEFAULT_GUARD: ReplyGuardConfig = { cooldownMs: 10 * 60_000, channelRepliesPerMinute: 5, globalRepliesPerMinute: 60 };

export type GuardVerdict = SpeakVerdict;

const MINUTE = 60_000;

/**
 * Keeps a passive listener polite: one answer per message, no repeat of a claim in a channel
 * within the cooldown, and caps per channel and overall. The deliveries live in the store, so
 * every process of the bot agrees; the guard is consulted only when the bot is about to speak.
 */
export class ReplyGuard {
  constructor(
    readonly config: ReplyGuardConfig,
    private readonly deliveries: DeliveryStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that a delivery was seen; false if it was seen before (a retry, a replay, a second event for it). */
  firstSight(deliveryKey: string): Promise<boolean> {
    return this.deliveries.firstSight(deliveryKey, this.now());
  }

  /** Whether a reply about `claimId` to the message `deliveryKey` may go to `channelKey` now; if so, it is counted. */
  admit(deliveryKey: string, channelKey: string, claimId: string): Promise<GuardVerdict> {
    return this.deliveries.admitReply({ delivery: deliveryKey, channel: channelKey, claimId, at: this.now(), limits: this.config });
  }
}

/**
 * Deliveries kept in this process's memory, bounded by LRU caches: for a checker that runs
 * without a store (evaluations, a knowledge base given for one run).
 */
export class LocalDeliveries implements DeliveryStore {
  private readonly seen = new LRUCache<string, true>({ max: 50_000, ttl: 6 * 60 * MINUTE });
  private readonly lastReply = new LRUCache<string, number>({ max: 50_000 });
  private readonly channelReplies = new LRUCache<string, number[]>({ max: 10_000 });
  private globalReplies: number[] = [];

  async firstSight(delivery: string): Promise<boolean> {
    return this.see(delivery);
  }

  async admitReply({ delivery, channel, claimId, at, limits }: SpeakRequest): Promise<SpeakVerdict> {
    if (!this.see(delivery)) return 'duplicate';
    const last = this.lastReply.get(`${channel}\u0000${claimId}`);
    if (last !== undefined && at - last < limits.cooldownMs) return 'cooldown';
    const recent = (this.channelReplies.get(channel) ?? []).filter((t) => at - t < MINUTE);
    if (recent.length >= limits.channelRepliesPerMinute) return 'channel-cap';
    this.globalReplies = this.globalReplies.filter((t) => at - t < MINUTE);
    if (this.globalReplies.length >= limits.globalRepliesPerMinute) return 'global-cap';
    recent.push(at);
    this.channelReplies.set(channel, recent);
    this.globalReplies.push(at);
    this.lastReply.set(`${channel}\u0000${claimId}`, at);
    return 'ok';
  }

  private see(delivery: string): boolean {
    if (this.seen.has(delivery)) return false;
    this.seen.set(delivery, true);
    return true;
  }
}
