/** The passive reply limits the store enforces across every process. */
export interface ReplyLimits {
  /** Time before the same claim is answered again in the same channel. */
  cooldownMs: number;
  /** Passive replies allowed per channel per minute. */
  channelRepliesPerMinute: number;
  /** Passive replies allowed per minute across all channels. */
  globalRepliesPerMinute: number;
}

/** What the bot is about to say, and where. */
export interface SpeakRequest {
  /** The message's first-sight key (platform, workspace, channel, message). */
  delivery: string;
  /** The channel's key, for its cooldown and cap. */
  channel: string;
  claimId: string;
  /** Milliseconds since the epoch. */
  at: number;
  limits: ReplyLimits;
}

/**
 * 'ok': answer. 'taken-over': answer too, but the message was taken by an instance that stopped
 * before it acknowledged the message, and may have sent its reply already: look before sending.
 */
export type SpeakVerdict = 'ok' | 'taken-over' | 'duplicate' | 'cooldown' | 'channel-cap' | 'global-cap';

/** What every process must agree on before the bot speaks: has this been seen, and may it answer. */
export interface DeliveryStore {
  /**
   * Records that a delivery (a message, an event, an interaction, a command) was seen; false if
   * any process saw it before. `at` is milliseconds since the epoch.
   */
  firstSight(delivery: string, at: number): Promise<boolean>;
  /**
   * The one atomic step before a passive reply: first sight of the message, the claim's cooldown
   * in the channel, and the per-channel and overall caps. When 'ok', the reply is counted.
   */
  admitReply(request: SpeakRequest): Promise<SpeakVerdict>;
}
