/**
 * How the bot calls Discord's REST API: every call is abandoned after a timeout and retried a
 * bounded number of times, and every message it creates carries a nonce that Discord enforces,
 * so a retried create returns the first message instead of posting a second.
 */
import { DefaultRestOptions, HTTPError, SnowflakeUtil, type RESTOptions } from 'discord.js';

/** One REST call may take this long before it is abandoned (and retried). */
export const REST_TIMEOUT_MS = 5_000;
/** Retries after a timeout, a closed connection or a 5xx, on top of the first attempt. */
export const REST_RETRIES = 2;

// undici's codes for a connection that closed, or never opened, before Discord answered.
const CLOSED_CONNECTION = new Set(['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/**
 * @discordjs/rest retries a timeout or ECONNRESET but gives up on a socket closed any other way,
 * which loses a reply Discord never received. Those are passed on as ECONNRESET so the same
 * bounded retry covers them; the nonce on message creates makes a retry after Discord did act safe.
 */
const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
  try {
    return await DefaultRestOptions.makeRequest(url, init);
  } catch (error) {
    if (!isClosedConnection(error)) throw error;
    throw Object.assign(new Error(`ECONNRESET: ${error.message}`, { cause: error }), { code: 'ECONNRESET' });
  }
};

function isClosedConnection(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CLOSED_CONNECTION.has(code);
}

/** The REST options of the bot's client (the API URL only when pointed elsewhere, as in tests). */
export function restOptions(apiUrl: string | undefined, timeoutMs = REST_TIMEOUT_MS): Partial<RESTOptions> {
  return { timeout: timeoutMs, retries: REST_RETRIES, makeRequest, ...(apiUrl === undefined ? {} : { api: apiUrl }) };
}

/**
 * Discord failed the same call on every attempt (5xx, timeouts, closed connections): nothing a
 * moderator did was wrong, and trying again later may work. The message says so in words.
 */
export class DiscordUnavailable extends Error {
  override readonly name = 'DiscordUnavailable';
}

/** Whether a REST error means Discord could not be reached or kept failing, rather than refusing the call. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof HTTPError) return error.status >= 500;
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || (error as { code?: unknown }).code === 'ECONNRESET' || isClosedConnection(error);
}

/** What a message create sent straight through REST adds to its body: a fresh nonce Discord must enforce. */
export function onceOnly(): { nonce: string; enforce_nonce: true } {
  return { nonce: SnowflakeUtil.generate().toString(), enforce_nonce: true };
}
