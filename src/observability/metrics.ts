import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FactCheckObserver, HearOutcome } from '../core/fact-checker.ts';
import type { IncomingMessage } from '../core/message.ts';
import type { VectorOutcome } from '../core/matching/sentence-vectors.ts';

/** The bot's Prometheus metrics, served at GET /metrics. */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly seen = new Counter({ name: 'factcheck_messages_seen_total', help: 'Channel messages the passive listener saw', labelNames: ['platform'], registers: [this.registry] });
  private readonly matched = new Counter({ name: 'factcheck_messages_matched_total', help: 'Messages whose best claim passed the reply policy', labelNames: ['platform'], registers: [this.registry] });
  private readonly replied = new Counter({ name: 'factcheck_replies_total', help: 'Passive replies decided', labelNames: ['platform'], registers: [this.registry] });
  private readonly suppressed = new Counter({
    name: 'factcheck_replies_suppressed_total',
    help: 'Replies held back by the cooldown or a cap',
    labelNames: ['platform', 'reason'],
    registers: [this.registry],
  });
  private readonly matchSeconds = new Histogram({
    name: 'factcheck_match_seconds',
    help: 'Time to match one message and decide',
    labelNames: ['platform'],
    // Fine up to 50 ms, the budget of a decision, where the sentence encoder's deadline falls.
    buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly sentenceRequests = new Counter({
    name: 'factcheck_sentence_vectors_total',
    help: 'Messages the words left in doubt, by what the sentence encoder did: encoded, cached, or shed (busy, late, unavailable) and decided on their words',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly asks = new Counter({ name: 'factcheck_asks_total', help: '/factcheck and context-menu requests', labelNames: ['platform', 'outcome'], registers: [this.registry] });
  private readonly moderator = new Counter({ name: 'factcheck_moderator_actions_total', help: 'Moderator actions', labelNames: ['platform', 'action'], registers: [this.registry] });
  private readonly suggestions = new Counter({
    name: 'factcheck_review_suggestions_total',
    help: 'Review queue suggestions by outcome: queued, skipped (duplicate, channel-cap, team-cap), then accepted, accepted-other, rejected or expired',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({ name: 'factcheck_errors_total', help: 'Errors logged', labelNames: ['component'], registers: [this.registry] });
  private readonly shards = new Gauge({
    name: 'factcheck_discord_shard_up',
    help: 'Each Discord gateway shard this process runs: 1 while connected and ready, 0 otherwise',
    labelNames: ['shard'],
    registers: [this.registry],
  });

  constructor() {
    // prom-client's names already start with process_ or nodejs_: factcheck_process_cpu_user_seconds_total.
    collectDefaultMetrics({ register: this.registry, prefix: 'factcheck_' });
  }

  /** Feeds the counters from the claim core's decisions. */
  readonly observer: FactCheckObserver = {
    heard: (message: IncomingMessage, outcome: HearOutcome, matchMs: number) => {
      const platform = message.platform;
      this.seen.inc({ platform });
      this.matchSeconds.observe({ platform }, matchMs / 1000);
      if (outcome.action === 'reply') {
        this.matched.inc({ platform });
        this.replied.inc({ platform });
      } else if (outcome.reason === 'cooldown' || outcome.reason === 'channel-cap' || outcome.reason === 'global-cap') {
        this.matched.inc({ platform });
        this.suppressed.inc({ platform, reason: outcome.reason });
      }
    },
    asked: (platform, outcome) => this.asks.inc({ platform, outcome }),
  };

  /** A message went to the matcher's second stage: what the sentence encoder did with it. */
  sentenceVectors(outcome: VectorOutcome): void {
    this.sentenceRequests.inc({ outcome });
  }

  moderatorAction(platform: string, action: string): void {
    this.moderator.inc({ platform, action });
  }

  suggestion(platform: string, outcome: string): void {
    this.suggestions.inc({ platform, outcome });
  }

  /** A Discord shard of this process connected (ready) or lost its connection. */
  shardStatus(shardId: number, up: boolean): void {
    this.shards.set({ shard: String(shardId) }, up ? 1 : 0);
  }

  errorLogged(component: string): void {
    this.errors.inc({ component });
  }
}
