import { createHmac } from 'node:crypto';

/** Slack's request signature: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (a forgery); `null` leaves the header out. */
  signature?: string | null;
  retryNum?: number;
}

export interface SentRequest {
  status: number;
  body: string;
  /** Milliseconds until Slack would have had its answer. */
  elapsedMs: number;
}

/** Sends requests to the bot as Slack does: signed, JSON for events, form fields for commands and interactions. */
export class SlackSender {
  constructor(
    private readonly url: string,
    private readonly secret: string,
  ) {}

  event(envelope: Record<string, unknown>, options: SendOptions = {}): Promise<SentRequest> {
    return this.send(JSON.stringify(envelope), 'application/json', options);
  }

  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SentRequest> {
    return this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  interaction(payload: Record<string, unknown>, options: SendOptions = {}): Promise<SentRequest> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SentRequest> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp) };
    const signature = options.signature === undefined ? slackSignature(this.secret, timestamp, body) : options.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const started = Date.now();
    const response = await fetch(this.url, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text(), elapsedMs: Date.now() - started };
  }
}
