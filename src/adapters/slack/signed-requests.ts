import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from 'pino';

export type SignedReceiverOptions = Pick<HTTPReceiverOptions, 'port' | 'customRoutes' | 'logger' | 'processBeforeResponse'> & {
  signingSecret: string;
  /** The one path Slack posts events, commands and interactions to. */
  endpoint: string;
  log: Logger;
};

/**
 * Bolt's HTTPReceiver for Slack's signed requests, with every request to the endpoint checked
 * here before Bolt sees it:
 * - the signature (v0, HMAC-SHA256 of the timestamp and the raw body) and the timestamp's age,
 *   both ways: one more than five minutes old or ahead gets 401 (Bolt's own check lets a request
 *   signed ahead of time through until then, to be replayed). Bolt's check is turned off: it
 *   compares the signatures with tsscmp, two more HMACs and 32 random bytes a request, a tenth of
 *   the receiving cost in the load run; timingSafeEqual here compares in constant time as well.
 *   Slack's unsigned `ssl_check` is passed on stripped to `ssl_check=1`, as Bolt does, so nothing
 *   can ride in with it.
 * - the body: one that does not parse gets 400; one that parses to `null` would crash the process
 *   (Bolt reads `body.ssl_check` in an unguarded promise), and one Bolt cannot route (`{}`, `[]`,
 *   `{"type":"x"}`) is never acked and only gets a 404 after 3 seconds, so both get 400 at once.
 */
export function signedHttpReceiver(options: SignedReceiverOptions): HTTPReceiver {
  const { signingSecret, endpoint, log, ...bolt } = options;
  const receiver = new HTTPReceiver({ ...bolt, signingSecret, endpoints: endpoint, signatureVerification: false });
  const next: RequestListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if ((req.method ?? '').toUpperCase() !== 'POST' || path !== endpoint) return next(req, res);
    void screen(req, res, next, { signingSecret, log }).catch((error: unknown) => {
      log.error({ err: error }, 'could not read an incoming Slack request');
      if (!res.headersSent) reply(res, 400);
    });
  };
  return receiver;
}

async function screen(req: IncomingMessage, res: ServerResponse, bolt: RequestListener, options: { signingSecret: string; log: Logger }): Promise<void> {
  const { log } = options;
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    // Bolt reuses a request that already carries its raw body, so reading it here costs nothing later.
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    log.warn({ err: error }, tooLarge ? 'refused a Slack request: body too large' : 'refused a Slack request: body could not be read');
    return reply(res, tooLarge ? 413 : 400);
  }
  const raw = buffered.rawBody.toString();
  if (req.headers['content-type'] === 'application/x-www-form-urlencoded' && parseQuery(raw)['ssl_check'] === '1') {
    buffered.rawBody = Buffer.from('ssl_check=1');
    return bolt(buffered, res);
  }
  const unsigned = signatureProblem(req, raw, options.signingSecret);
  if (unsigned !== undefined) {
    log.warn({ reason: unsigned, timestamp: header(req, 'x-slack-request-timestamp') }, `refused a Slack request: ${unsigned}`);
    return reply(res, 401);
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    log.warn('refused a signed Slack request whose body does not parse');
    return reply(res, 400);
  }
  if (isRoutable(body)) return bolt(buffered, res);
  log.warn('refused a signed Slack request whose body is not an event, command or interaction');
  return reply(res, 400);
}

// Slack's own window for a request's age, applied the other way too.
const TIMESTAMP_WINDOW_S = 5 * 60;

/** Why a request is not one Slack signed just now (Slack's v0 scheme), or undefined when it is. */
function signatureProblem(req: IncomingMessage, raw: string, signingSecret: string): string | undefined {
  const signature = header(req, 'x-slack-signature');
  const timestamp = header(req, 'x-slack-request-timestamp');
  if (signature === '' || timestamp === '') return 'no signature or timestamp';
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return 'timestamp is not a number';
  if (Math.abs(seconds - Date.now() / 1000) > TIMESTAMP_WINDOW_S) return 'timestamp more than five minutes away (stale, or signed ahead)';
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'missing or wrong signature';
}

/** Mirrors Bolt's getTypeAndConversation: the bodies it knows how to dispatch. */
function isRoutable(body: unknown): boolean {
  if (!isRecord(body)) return false;
  if ('event' in body) return isRecord(body['event']);
  if (body['ssl_check'] === '1' || body['type'] === 'url_verification') return true;
  if (typeof body['command'] === 'string' || typeof body['name'] === 'string' || Array.isArray(body['actions'])) return true;
  return ['shortcut', 'message_action', 'view_submission', 'view_closed', 'block_suggestion', 'dialog_submission'].includes(String(body['type']));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : '';
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
