import { Server } from 'node:http';
import { App, SocketModeReceiver, webApi, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config.ts';
import type { ChannelFilter } from '../../core/channel-filter.ts';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { PlatformStartError, portInUse, type Adapter } from '../adapter.ts';
import { hostOf, networkProblem } from '../network-problems.ts';
import { boltLogger } from './bolt-logger.ts';
import { answerClaimCommand } from './claim-command.ts';
import { answerFeedbackButtons } from './feedback-buttons.ts';
import { InFlightWork } from '../in-flight-work.ts';
import { signedHttpReceiver } from './signed-requests.ts';
import { SlackModerators } from './moderators.ts';
import { listenToChannels, type BotIdentity, type HeardEvent } from './passive-listener.ts';
import { routeMessageEvents } from './message-events.ts';
import { offerCorrections } from './push-correction.ts';
import { followClaimChanges } from './reply-updates.ts';
import { clientOptions, ReplyPoster, type SlackClientSettings } from './reply-poster.ts';
import { refuseReplays } from './replays.ts';
import { answerReviewButtons } from './review-actions.ts';
import { SlackReviewCards } from './review-cards.ts';
import { answerRequests } from './requests.ts';
import { describeSlackError, slackErrorCode } from './slack-errors.ts';
import { deferEventsWhileStopping } from './stopping.ts';
import { holdEventAcks } from './event-acks.ts';

export type { HeardEvent } from './passive-listener.ts';
export type { CustomRoute } from '@slack/bolt';

/** Where Slack sends events, commands and interactions in HTTP mode (the manifest's request URLs). */
export const EVENTS_PATH = '/slack/events';
// How long stop() lets replies already being written finish before disconnecting (main.ts exits at 9 s).
const STOP_GRACE_MS = 8_000;

export interface SlackAdapterOptions {
  config: SlackConfig;
  checker: FactChecker;
  logger: Logger;
  channels: ChannelFilter;
  /**
   * Extra HTTP routes (health, metrics) served on PORT beside /slack/events. In Socket Mode they
   * get their own server on PORT, since Slack then needs no port at all.
   */
  routes?: CustomRoute[];
  /** Called once for every channel message the bot heard, with what it did (for metrics). */
  onHeard?: (event: HeardEvent) => void;
  /**
   * The moderation service shared by every adapter. Without it the bot only fact-checks:
   * replies carry no feedback buttons, and /claim and "Push correction" say moderation is not available.
   */
  moderation?: ModerationService;
  /** How long one Web API call may take (default SLACK_TIMEOUT_MS; tests shorten it). */
  apiTimeoutMs?: number;
  /**
   * Acknowledge an Events API event only once it is handled, not on receipt (HTTP and Socket Mode).
   * With several instances, an instance that dies mid-event then leaves it to Slack's retry (HTTP)
   * or redelivery to another connection (Socket Mode), which another instance answers.
   */
  ackAfterHandling?: boolean;
}

/** The Slack adapter, plus the port it listens on (PORT=0 lets the system pick one). */
export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  /** 'http' (Events API, signed requests) or 'socket' (SLACK_APP_TOKEN set). */
  readonly mode: 'http' | 'socket';
  /** The HTTP port in use once started, if any. */
  listeningPort(): number | undefined;
}

/** Builds the Slack adapter: Bolt in, Block Kit out; HTTP by default, Socket Mode with SLACK_APP_TOKEN. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  return new BoltSlackAdapter(options);
}

class BoltSlackAdapter implements SlackAdapter {
  readonly platform = 'slack' as const;
  readonly mode: 'http' | 'socket';
  private readonly log: Logger;
  private readonly inFlight = new InFlightWork();
  private readonly apiUrl: string | undefined;
  private readonly clients: SlackClientSettings;
  private readonly moderators: SlackModerators;
  private readonly review: SlackReviewCards | undefined;
  private app: App | undefined;
  private port: number | undefined;
  private connected = false;
  private stopping = false;
  // While Bolt starts, its own error lines are the failure start() reports in one line.
  private starting = false;

  constructor(private readonly options: SlackAdapterOptions) {
    this.log = options.logger.child({ adapter: 'slack' });
    const { config } = options;
    this.mode = config.appToken === undefined ? 'http' : 'socket';
    if (this.mode === 'http' && config.signingSecret === undefined) {
      throw new Error('SLACK_SIGNING_SECRET is required for HTTP mode (copy it from the Slack app\'s Basic Information page), or set SLACK_APP_TOKEN for Socket Mode');
    }
    this.apiUrl = normaliseApiUrl(config.apiUrl, this.log);
    this.clients = { botToken: config.botToken, apiUrl: this.apiUrl, logger: this.log, ...(options.apiTimeoutMs === undefined ? {} : { timeoutMs: options.apiTimeoutMs }) };
    this.moderators = new SlackModerators(config.moderatorIds ?? [], this.log);
    // Registered once for the adapter's life; messages are edited only while it is started.
    if (options.moderation !== undefined) followClaimChanges(options.moderation, () => this.app?.client, this.log);
    const { moderation } = options;
    const reviewChannelId = config.reviewChannelId;
    this.review =
      moderation === undefined || reviewChannelId === undefined ? undefined : new SlackReviewCards({ moderation, channelId: reviewChannelId, log: this.log, client: () => this.app?.client, poster: new ReplyPoster(this.clients) });
    if (this.review !== undefined) {
      const review = this.review;
      moderation?.onSuggestionUpdate('slack', (suggestion) => this.inFlight.run(() => review.show(suggestion)));
    }
  }

  async start(): Promise<void> {
    if (this.app !== undefined) throw new Error('the Slack adapter is already started');
    this.stopping = false;
    const identity = await this.whoAmI();
    const app = this.buildApp(identity);
    let started: unknown;
    this.starting = true;
    try {
      started = await app.start();
    } catch (error) {
      await app.stop().catch(() => undefined);
      throw this.startFailure(error);
    } finally {
      this.starting = false;
    }
    this.app = app;
    if (started instanceof Server) {
      const address = started.address();
      this.port = typeof address === 'object' && address !== null ? address.port : this.options.config.port;
    } else if ((this.options.routes ?? []).length > 0) {
      this.port = this.options.config.port;
    }
    this.connected = true;
    this.log.info(
      { mode: this.mode, port: this.port, team: identity.teamId, botUserId: identity.userId },
      this.mode === 'http' ? `listening for Slack on port ${this.port} at ${EVENTS_PATH}` : 'connected to Slack over Socket Mode',
    );
  }

  async stop(): Promise<void> {
    const app = this.app;
    if (app === undefined) return;
    this.stopping = true;
    const unfinished = await this.inFlight.drain(STOP_GRACE_MS);
    if (unfinished > 0) this.log.warn({ unfinished }, `stopping with ${unfinished} Slack event(s) still being handled after ${STOP_GRACE_MS / 1000} s`);
    try {
      await app.stop();
    } finally {
      this.app = undefined;
      this.connected = false;
      this.port = undefined;
    }
    this.log.info('Slack adapter stopped');
  }

  isConnected(): boolean {
    return this.connected;
  }

  listeningPort(): number | undefined {
    return this.port;
  }

  /** auth.test: checks the token before anything listens, and tells the bot its own user and bot ids. */
  private async whoAmI(): Promise<BotIdentity> {
    // One request per attempt, timed out like every call: the caller retries with backoff and logs one line for each.
    const client = new webApi.WebClient(this.options.config.botToken, { ...clientOptions(this.clients), retryConfig: { retries: 0 }, logger: boltLogger(this.log, () => true) });
    let result: webApi.AuthTestResponse;
    try {
      result = await client.auth.test();
    } catch (error) {
      throw this.startFailure(error, 'SLACK_BOT_TOKEN');
    }
    if (result.user_id === undefined || result.bot_id === undefined || result.team_id === undefined) {
      throw new PlatformStartError('SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot_id); use the Bot User OAuth Token starting with xoxb-', false);
    }
    return { userId: result.user_id, botId: result.bot_id, teamId: result.team_id, ...(result.url === undefined ? {} : { url: result.url }) };
  }

  private buildApp(identity: BotIdentity): App {
    const bolt = boltLogger(this.log);
    const app = new App({
      token: this.options.config.botToken,
      // Known from auth.test already; Bolt then skips its own auth.test.
      botId: identity.botId,
      botUserId: identity.userId,
      receiver: this.buildReceiver(),
      logger: bolt,
      // Every call times out and is retried at most twice; posts go through ReplyPoster instead.
      clientOptions: clientOptions(this.clients),
      // The core drops the bot's own messages (one rule, every platform), and reports why.
      ignoreSelf: false,
      extendedErrorHandler: true,
      // Nothing reads context.conversation; Bolt's in-memory store would look every event up
      // (and reject with a fresh Error for each conversation it has not seen).
      convoStore: false,
    });

    const replies = new ReplyPoster(this.clients);
    const hear = listenToChannels({
      replies,
      checker: this.options.checker,
      channels: this.options.channels,
      logger: this.log,
      identity,
      moderation: this.options.moderation,
      review: this.review,
      ...(this.options.onHeard === undefined ? {} : { onHeard: this.options.onHeard }),
    });
    // A failure in one event is logged here and goes no further: the bot keeps serving the rest.
    const failed = (error: Error, body: unknown) => {
      this.log.error({ err: error, kind: payloadKind(body) }, `failed to handle a Slack ${payloadKind(body)}: ${describeSlackError(error)}`);
    };
    app.error(async ({ error, body }: { error: Error; body?: unknown }) => failed(error, body));
    // Message events go straight to the listener; holdEventAcks, over it, decides when every event is acknowledged.
    routeMessageEvents(app, { hear, inFlight: this.inFlight, onError: failed });

    // When an Events API event is acknowledged: never while stopping, and in Socket Mode with a
    // shared store only once handled (the HTTP receiver does the same with processBeforeResponse).
    holdEventAcks(app, { stopping: () => this.stopping, afterHandling: this.mode === 'socket' && this.options.ackAfterHandling === true, inFlight: this.inFlight, logger: this.log });
    // Every other event, command and interaction runs through here, tracked so stop() can wait for it.
    app.use(async (args) => {
      await this.inFlight.run(() => args.next());
    });

    refuseReplays(app, this.options.checker.guard, this.log);

    answerRequests(app, { checker: this.options.checker, logger: this.log, botUserId: identity.userId, moderation: this.options.moderation, replies });
    const tools = { moderation: this.options.moderation, checker: this.options.checker, moderators: this.moderators, logger: this.log, botUserId: identity.userId, replies };
    answerClaimCommand(app, tools);
    offerCorrections(app, tools);
    answerFeedbackButtons(app, tools);
    answerReviewButtons(app, tools);
    return app;
  }

  private buildReceiver(): Receiver {
    const { config } = this.options;
    const routes = this.options.routes ?? [];
    const logger = boltLogger(this.log, () => this.starting);
    if (config.appToken !== undefined) {
      const receiver = new SocketModeReceiver({
        appToken: config.appToken,
        logger,
        customRoutes: routes,
        // A copy: the Socket Mode client writes its own retry policy into the options it is given.
        installerOptions: { port: config.port, clientOptions: clientOptions(this.clients) },
      });
      receiver.client.on('connected', () => this.markConnected(true));
      receiver.client.on('reconnecting', () => this.markConnected(false));
      receiver.client.on('disconnected', () => this.markConnected(false));
      return receiver;
    }
    // One instance: Slack gets its ack at once and the reply is written afterwards. Several: the ack
    // follows the reply, so an event is acknowledged only once it is answered.
    const processBeforeResponse = this.options.ackAfterHandling === true;
    const receiver = signedHttpReceiver({ signingSecret: config.signingSecret ?? '', endpoint: EVENTS_PATH, port: config.port, customRoutes: routes, logger, processBeforeResponse, log: this.log });
    deferEventsWhileStopping(receiver, { endpoint: EVENTS_PATH, stopping: () => this.stopping, logger: this.log });
    return receiver;
  }

  /**
   * Why Slack did not start, in one line: a refused token (fix it, no retry), the port taken, or
   * Slack out of reach (retried). `tokenVariable` is the token the failed call used.
   */
  private startFailure(error: unknown, tokenVariable = this.mode === 'socket' ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN'): PlatformStartError {
    if (error instanceof PlatformStartError) return error;
    const code = slackErrorCode(error);
    if (code !== undefined && REFUSED_TOKEN_CODES.has(code)) {
      return new PlatformStartError(`Slack refused ${tokenVariable} ("${code}"): ${TOKEN_FIXES[tokenVariable]}`, false, { cause: error });
    }
    if ((error as { code?: unknown }).code === 'EADDRINUSE' || (error as { original?: { code?: unknown } }).original?.code === 'EADDRINUSE') {
      return portInUse('PORT', this.options.config.port, error);
    }
    const host = hostOf(this.apiUrl ?? 'https://slack.com/api/');
    const problem = networkProblem(error, host);
    if (problem !== undefined) return new PlatformStartError(`${problem}: check the network or SLACK_API_URL`, true, { cause: error });
    if (code !== undefined) return new PlatformStartError(`Slack could not be used yet: ${describeSlackError(error)}`, true, { cause: error });
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return new PlatformStartError(`Slack answered HTTP ${status} at ${host}; check SLACK_API_URL, or wait if Slack is down`, true, { cause: error });
    return new PlatformStartError(`could not reach Slack at ${host} (${error instanceof Error ? error.message : String(error)}): check the network or SLACK_API_URL`, true, { cause: error });
  }

  private markConnected(up: boolean): void {
    if (this.connected !== up) this.log.info(up ? 'Socket Mode connection up' : 'Socket Mode connection lost; Bolt reconnects');
    this.connected = up;
  }
}

// Web API errors that mean the token itself was turned down: starting again cannot help.
const REFUSED_TOKEN_CODES = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'missing_scope', 'no_permission']);
const TOKEN_FIXES: Record<string, string> = {
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-…) again from the OAuth & Permissions page of the Slack app, and reinstall the app if it was removed',
  SLACK_APP_TOKEN: 'create an app-level token with the connections:write scope on the Basic Information page of the Slack app, and set SLACK_APP_TOKEN to it',
};

/** The web client appends method names to this URL, so it must end with `/api/` like https://slack.com/api/. */
function normaliseApiUrl(url: string | undefined, log: Logger): string | undefined {
  if (url === undefined) return undefined;
  const withSlash = url.endsWith('/') ? url : `${url}/`;
  if (!withSlash.endsWith('/api/')) {
    log.warn({ slackApiUrl: withSlash }, `SLACK_API_URL does not end with /api/; calls will go to ${withSlash}chat.postMessage and the like`);
  }
  return withSlash;
}

function payloadKind(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'request';
  const record = body as Record<string, unknown>;
  if (typeof record['command'] === 'string') return `command ${record['command']}`;
  const view = record['view'];
  if (record['type'] === 'view_submission' && typeof view === 'object' && view !== null) return `view_submission ${String((view as Record<string, unknown>)['callback_id'])}`;
  const event = record['event'];
  if (typeof event === 'object' && event !== null && typeof (event as Record<string, unknown>)['type'] === 'string') return `${String((event as Record<string, unknown>)['type'])} event`;
  return typeof record['type'] === 'string' ? `${record['type']} payload` : 'request';
}
export { announceFromShell } from './announcement.ts';
