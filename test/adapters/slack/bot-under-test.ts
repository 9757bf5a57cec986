import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createSlackAdapter, type CustomRoute, type HeardEvent, type SlackAdapter } from '../../../src/adapters/slack/index.ts';
import { ChannelFilter } from '../../../src/core/channel-filter.ts';
import type { Claim } from '../../../src/core/claim.ts';
import { FactChecker } from '../../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import type { FactCheckCore } from '../../../src/fact-check-core.ts';
import type { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { SlackSender } from '../../fakes/slack/signed-requests.ts';
import { waitFor } from '../../fakes/slack/wait.ts';

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a';
export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';

let claims: Claim[] | undefined;
function knowledge(): Claim[] {
  claims ??= loadKnowledge(['knowledge']);
  return claims;
}

export interface BotOptions {
  mode: 'http' | 'socket';
  routes?: CustomRoute[];
  ignoreChannels?: string[];
  cooldownMs?: number;
  /** The claim core with its moderation service (openFactCheckCore); without it the bot runs without moderation. */
  core?: FactCheckCore;
  /** SLACK_MODERATOR_IDS. */
  moderatorIds?: string[];
  /** SLACK_REVIEW_CHANNEL_ID. */
  reviewChannelId?: string;
  /** How long one Web API call may take before the client abandons it. */
  apiTimeoutMs?: number;
}

/** The real adapter, wired as main.ts wires it, pointed at the fake Slack. */
export class BotUnderTest {
  readonly heard: HeardEvent[] = [];
  /** Every log line, parsed, so a test can show what went wrong or assert an error was logged. */
  readonly logs: Array<Record<string, unknown>> = [];
  readonly adapter: SlackAdapter;
  private sender: SlackSender | undefined;

  constructor(
    readonly fake: FakeSlack,
    options: BotOptions,
  ) {
    const logs = this.logs;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const checker =
      options.core?.checker ??
      new FactChecker(new KnowledgeBase(knowledge()), {
        guard: { cooldownMs: options.cooldownMs ?? 10 * 60_000, channelRepliesPerMinute: 100, globalRepliesPerMinute: 1000 },
      });
    this.adapter = createSlackAdapter({
      config: {
        botToken: BOT_TOKEN,
        signingSecret: options.mode === 'http' ? SIGNING_SECRET : undefined,
        appToken: options.mode === 'socket' ? APP_TOKEN : undefined,
        apiUrl: fake.apiUrl,
        port: 0,
        moderatorIds: options.moderatorIds ?? [],
        ...(options.reviewChannelId === undefined ? {} : { reviewChannelId: options.reviewChannelId }),
      },
      checker,
      logger: pino({ level: 'debug' }, sink),
      channels: new ChannelFilter([], options.ignoreChannels ?? []),
      ...(options.routes === undefined ? {} : { routes: options.routes }),
      onHeard: (event) => this.heard.push(event),
      ...(options.core === undefined ? {} : { moderation: options.core.moderation }),
      ...(options.apiTimeoutMs === undefined ? {} : { apiTimeoutMs: options.apiTimeoutMs }),
    });
  }

  async start(): Promise<this> {
    await this.adapter.start();
    return this;
  }

  /** Signs and posts to the running bot's /slack/events, as Slack would. */
  get slack(): SlackSender {
    const port = this.adapter.listeningPort();
    if (port === undefined) throw new Error('the bot is not listening on HTTP');
    this.sender ??= new SlackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
    return this.sender;
  }

  /** Waits until the bot has finished with the message `ts` in `channel` (`count` deliveries of it). */
  async handled(channel: string, ts: string, count = 1): Promise<HeardEvent[]> {
    return waitFor(`the bot to handle ${channel}/${ts} ${count} time(s)`, () => {
      const seen = this.heard.filter((h) => h.channelId === channel && h.messageId === ts);
      return seen.length >= count ? seen : undefined;
    });
  }

  errors(): Array<Record<string, unknown>> {
    return this.logs.filter((l) => typeof l['level'] === 'number' && l['level'] >= 50);
  }
}
