import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt's HTTPReceiver answers a bad signature, a stale timestamp (over five minutes) and
 * unparseable JSON with 401/400 by itself. Three holes remain, closed here before Bolt sees the request:
 * a timestamp far in the future passes Bolt's age check (a request signed ahead of time could be
 * replayed until then), so it gets 401 like a stale one; a body that parses to `null` crashes the
 * process (Bolt reads `body.ssl_check` in an unguarded promise), and a body Bolt cannot route
 * (`{}`, `[]`, `{"type":"x"}`) is never acked and only gets a 404 after 3 seconds. Those two now get
 * 400 at once, after the signature check (401 when it fails).
 */
export function refuseMalformedRequests(receiver: HTTPReceiver, options: { signingSecret: string; endpoint: string; logger: Logger }): void {
  const bolt: RequestListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== options.endpoint) return bolt(req, res);
    if (signedInTheFuture(req)) {
      options.logger.warn({ timestamp: header(req, 'x-slack-request-timestamp') }, 'refused a Slack request whose timestamp is more than five minutes ahead');
      return reply(res, 401);
    }
    void screen(req, res, bolt, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'could not read an incoming Slack request');
      if (!res.headersSent) reply(res, 400);
    });
  };
}

async function screen(req: IncomingMessage, res: ServerResponse, bolt: RequestListener, options: { signingSecret: string; logger: Logger }): Promise<void> {
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    // Bolt reuses a request that already carries its raw body, so reading it here costs nothing later.
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    options.logger.warn({ err: error }, tooLarge ? 'refused a Slack request: body too large' : 'refused a Slack request: body could not be read');
    return reply(res, tooLarge ? 413 : 400);
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return bolt(buffered, res); // unparseable: Bolt answers 401 (bad signature) or 400 itself
  }
  if (isRoutable(body)) return bolt(buffered, res);
  const signed = isValidSlackRequest({
    signingSecret: options.signingSecret,
    body: buffered.rawBody.toString(),
    headers: {
      'x-slack-signature': header(req, 'x-slack-signature'),
      'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
    },
  });
  options.logger.warn({ signed }, signed ? 'refused a signed Slack request whose body is not an event, command or interaction' : 'refused a Slack request with a missing or wrong signature');
  return reply(res, signed ? 400 : 401);
}

// Slack's own window for a request's age, applied the other way too.
const TIMESTAMP_WINDOW_S = 5 * 60;

function signedInTheFuture(req: IncomingMessage): boolean {
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  return Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > TIMESTAMP_WINDOW_S;
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
