import { LRUCache } from 'lru-cache';

export interface ReplyGuardConfig {
  /** Time before the same claim is answered again in the same channel. */
  cooldownMs: number;
  /** Passive replies allowed per channel per minute. */
  channelRepliesPerMinute: number;
  /** Passive replies allowed per minute across all channels. */
  globalRepliesPerMinute: number;
}

export const DEFAULT_GUARD: ReplyGuardConfig = { cooldownMs: 10 * 60_000, channelRepliesPerMinute: 5, globalRepliesPerMinute: 60 };

export type GuardVerdict = 'ok' | 'duplicate' | 'cooldown' | 'channel-cap' | 'global-cap';

const MINUTE = 60_000;

/**
 * Keeps a passive listener polite: one answer per message, no repeat of a claim in a channel
 * within the cooldown, and caps per channel and overall. Memory is bounded by LRU caches.
 */
export class ReplyGuard {
  private readonly seen = new LRUCache<string, true>({ max: 50_000, ttl: 6 * 60 * MINUTE });
  private readonly lastReply = new LRUCache<string, number>({ max: 50_000 });
  private readonly channelReplies = new LRUCache<string, number[]>({ max: 10_000 });
  private globalReplies: number[] = [];

  constructor(
    readonly config: ReplyGuardConfig = DEFAULT_GUARD,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that a message was seen; false if it was seen before (a retry or a second event for it). */
  firstSight(messageKey: string): boolean {
    if (this.seen.has(messageKey)) return false;
    this.seen.set(messageKey, true);
    return true;
  }

  /** Whether a reply about `claimId` may go to `channelKey` now; if so, it is counted. */
  admit(channelKey: string, claimId: string): GuardVerdict {
    const now = this.now();
    const last = this.lastReply.get(`${channelKey}\u0000${claimId}`);
    if (last !== undefined && now - last < this.config.cooldownMs) return 'cooldown';
    const recent = (this.channelReplies.get(channelKey) ?? []).filter((t) => now - t < MINUTE);
    if (recent.length >= this.config.channelRepliesPerMinute) return 'channel-cap';
    this.globalReplies = this.globalReplies.filter((t) => now - t < MINUTE);
    if (this.globalReplies.length >= this.config.globalRepliesPerMinute) return 'global-cap';
    recent.push(now);
    this.channelReplies.set(channelKey, recent);
    this.globalReplies.push(now);
    this.lastReply.set(`${channelKey}\u0000${claimId}`, now);
    return 'ok';
  }
}
