import type { Logger } from 'pino';
import { PlatformStartError, type Adapter } from './adapters/adapter.ts';

/** How long to wait between attempts to reach a platform at start. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1); the jitter. */
  random: () => number;
}

export const START_RETRY: RetryPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000, random: Math.random };

/**
 * The wait after failed attempt `attempt` (1, 2, ...): doubling from `firstDelayMs` up to
 * `maxDelayMs`, then a random half of it taken off, so that many bots restarted together do not
 * knock on the platform's door in step.
 */
export function retryDelay(attempt: number, policy: RetryPolicy = START_RETRY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

export type ConnectionState = 'connecting' | 'connected' | 'refused' | 'stopped';

/** One platform as /readyz reports it. */
export interface PlatformStatus {
  platform: string;
  connected: boolean;
  state: ConnectionState;
  /** Why it is not connected, in the words of the last log line. */
  problem?: string;
  attempts: number;
}

/**
 * Starts one platform and keeps trying while it cannot be reached, with backoff and jitter and
 * one log line per failed attempt. A refusal (invalid token, missing intent, port taken) ends
 * the attempts with one line that says what to fix.
 */
export class PlatformConnection {
  private state: ConnectionState = 'connecting';
  private cancelled = false;
  private problem: string | undefined;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  /** Settles once connected, refused, or stopped. */
  readonly settled: Promise<ConnectionState>;

  constructor(
    readonly adapter: Adapter,
    private readonly logger: Logger,
    private readonly policy: RetryPolicy = START_RETRY,
  ) {
    this.settled = this.run();
  }

  status(): PlatformStatus {
    const connected = this.state === 'connected' && this.adapter.isConnected();
    return {
      platform: this.adapter.platform,
      connected,
      state: this.state,
      ...(this.problem === undefined || connected ? {} : { problem: this.problem }),
      attempts: this.attempts,
    };
  }

  /** Stops trying; an attempt under way is let finish, and its connection closed. */
  cancel(): void {
    this.cancelled = true;
    if (this.state === 'connecting') this.state = 'stopped';
    clearTimeout(this.timer);
    this.wake?.();
  }

  private async run(): Promise<ConnectionState> {
    const { platform } = this.adapter;
    for (;;) {
      if (this.cancelled) return 'stopped';
      this.attempts += 1;
      try {
        await this.adapter.start();
      } catch (error) {
        const failure = error instanceof PlatformStartError ? error : new PlatformStartError((error as Error).message, false, { cause: error });
        this.problem = failure.message;
        if (!failure.retry) {
          this.state = 'refused';
          this.logger.error({ platform, attempt: this.attempts }, `${platform} failed to start: ${failure.message}`);
          return 'refused';
        }
        if (this.cancelled) return 'stopped';
        const delay = retryDelay(this.attempts, this.policy);
        this.logger.warn(
          { platform, attempt: this.attempts, retryInMs: delay },
          `${platform} cannot connect yet (attempt ${this.attempts}): ${failure.message}; trying again in ${(delay / 1000).toFixed(1)} s`,
        );
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
        });
        continue;
      }
      if (this.cancelled) {
        await this.adapter.stop();
        return 'stopped';
      }
      this.state = 'connected';
      this.problem = undefined;
      this.logger.info({ platform, attempt: this.attempts }, `${platform} connected`);
      return 'connected';
    }
  }
}
