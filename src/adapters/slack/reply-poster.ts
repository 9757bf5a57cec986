/**
 * How the bot calls Slack's Web API. Every call times out; reads and edits are retried a bounded
 * number of times by the client. A post is never retried blindly: chat.postMessage has no
 * idempotency key, and a post whose connection closed after Slack acted on it would appear twice.
 * So each post carries a unique key in its message metadata, and after an unclear failure the
 * bot looks in the thread or channel for its own message with that key before posting again.
 */
import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from './bolt-logger.ts';
import { keptAliveFetch } from './web-transport.ts';

/** One Web API call may take this long before it is abandoned. */
export const SLACK_TIMEOUT_MS = 5_000;

/** Retries of reads and edits (the client's own), bounded so a hung Slack cannot hold the bot for long. */
export const CLIENT_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: false } as const;

/** Tries of one post, lookups before each retry included. */
export const POST_ATTEMPTS = 3;

const REPLY_EVENT = 'factcheck_reply';
// Platform errors after which Slack may or may not have acted on the call.
const UNCLEAR_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
// Slack's clock and this host's may differ; a lookup starts this much before the first attempt.
const CLOCK_SLACK_S = 60;
// A rate limit longer than this fails the post rather than holding the reply (and a shutdown) back.
const MAX_RATE_LIMIT_WAIT_S = 10;

export interface SlackClientSettings {
  botToken: string;
  apiUrl: string | undefined;
  logger: Logger;
  /** One call's timeout (default SLACK_TIMEOUT_MS; tests shorten it). */
  timeoutMs?: number;
}

// One pool of kept-alive connections for every client of the process, as Node's fetch has one.
const transport = keptAliveFetch();

/**
 * The options of every Web API client the adapter builds, Bolt's included. Bolt also posts to
 * response_urls with this `fetch`, which then times out like the Web API calls.
 */
export function clientOptions(settings: SlackClientSettings): webApi.WebClientOptions {
  const timeout = settings.timeoutMs ?? SLACK_TIMEOUT_MS;
  return {
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: settings.apiUrl }),
    timeout,
    retryConfig: { ...CLIENT_RETRIES },
    // The Web API client gives every call its own time-out signal; a response_url post gets one here.
    fetch: (url, init) => transport(url, init?.signal === undefined || init.signal === null ? { ...init, signal: AbortSignal.timeout(timeout) } : init),
  };
}

type PostArguments = webApi.ChatPostMessageArguments;

/** Posts the bot's messages so that a retried post cannot appear twice and a lost one is retried. */
export class ReplyPoster {
  private readonly web: webApi.WebClient;

  constructor(
    settings: SlackClientSettings,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.web = new webApi.WebClient(settings.botToken, {
      ...clientOptions(settings),
      logger: boltLogger(settings.logger),
      // This class decides when to try again; the client must not repeat a post by itself.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  }

  /**
   * Posts once: after a failure that leaves unclear whether Slack acted (a closed connection, a
   * timeout, a 5xx), it first looks for the message; only if it is not there does it post again.
   * Throws the last error after POST_ATTEMPTS, or at once when Slack refused the post.
   */
  async post(args: PostArguments): Promise<webApi.ChatPostMessageResponse> {
    const key = randomUUID();
    const since = Math.floor(Date.now() / 1000) - CLOCK_SLACK_S;
    // The key joins whatever metadata the caller gives (what the reply answers, say).
    const given = (args as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
    const metadata = { event_type: given?.event_type ?? REPLY_EVENT, event_payload: { ...given?.event_payload, key } };
    const withKey = { ...args, metadata } as PostArguments;
    let lastError: unknown;
    let mayExist = false;
    for (let attempt = 1; attempt <= POST_ATTEMPTS; attempt++) {
      if (mayExist) {
        const found = await this.find(args, key, since).catch((error: unknown) => {
          lastError = error;
          return 'unknown' as const;
        });
        if (found === 'unknown') {
          await this.pause(backoffMs(attempt));
          continue;
        }
        if (found !== undefined) return { ok: true, channel: args.channel, ts: found };
      }
      try {
        return await this.web.chat.postMessage(withKey);
      } catch (error) {
        lastError = error;
        const failure = classify(error);
        if (failure.kind === 'refused') throw error;
        if (failure.kind === 'rate-limited') {
          if (failure.retryAfterS > MAX_RATE_LIMIT_WAIT_S) throw error;
          await this.pause(failure.retryAfterS * 1000);
          continue;
        }
        mayExist = true;
        await this.pause(backoffMs(attempt));
      }
    }
    // The last try may have reached Slack too: a message that is there is not a failure.
    const found = mayExist ? await this.find(args, key, since).catch(() => undefined) : undefined;
    if (found !== undefined) return { ok: true, channel: args.channel, ts: found };
    throw lastError;
  }

  /** The ts of the bot's message with this key in the thread (or channel) posted to, if Slack has it. */
  private async find(args: PostArguments, key: string, since: number): Promise<string | undefined> {
    const channel = args.channel;
    const threadTs = 'thread_ts' in args && typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    const listing =
      threadTs === undefined
        ? await this.web.conversations.history({ channel, oldest: String(since), include_all_metadata: true, limit: 200 })
        : await this.web.conversations.replies({ channel, ts: threadTs, oldest: String(since), include_all_metadata: true, limit: 200 }).catch((error: unknown) => {
            // A thread Slack does not know cannot hold the reply.
            if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'thread_not_found') return undefined;
            throw error;
          });
    const mine = (listing?.messages ?? []).find((m) => (m.metadata?.event_payload as { key?: unknown } | undefined)?.key === key);
    return mine?.ts;
  }
}

type Failure = { kind: 'refused' } | { kind: 'unclear' } | { kind: 'rate-limited'; retryAfterS: number };

/** Whether Slack refused the post (it did nothing), rate-limited it (nothing yet), or may have acted on it. */
function classify(error: unknown): Failure {
  if (error instanceof webApi.WebAPIRateLimitedError) return { kind: 'rate-limited', retryAfterS: error.retryAfter };
  if (error instanceof webApi.WebAPIRequestError) return { kind: 'unclear' };
  if (error instanceof webApi.WebAPIHTTPError) return error.statusCode >= 500 ? { kind: 'unclear' } : { kind: 'refused' };
  if (error instanceof webApi.WebAPIPlatformError) return UNCLEAR_PLATFORM_ERRORS.has(error.data.error) ? { kind: 'unclear' } : { kind: 'refused' };
  return { kind: 'refused' };
}

function backoffMs(attempt: number): number {
  return 250 * 2 ** (attempt - 1);
}
