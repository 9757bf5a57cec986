import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { FaultPlan, type Fault } from '../faults.ts';
import { message, snowflake, type User } from './payloads.ts';

/** One REST call the bot made, as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The JSON body, or undefined for none. */
  body: unknown;
  /** What the fake answered. */
  status: number;
  /** The JSON the fake answered with, if any. */
  response?: unknown;
  /** When the request arrived (Date.now()). */
  at: number;
  /** The fault the fake applied to this request, if any (a `drop-after` one was acted on, but never answered). */
  fault?: Fault['kind'];
  /** A message create whose nonce (with enforce_nonce) matched an earlier one: Discord returned that message again. */
  duplicateOf?: string;
}

/** A canned refusal for the next request that matches. */
interface Refusal {
  method: string;
  path: RegExp;
  status: number;
  retryAfterSeconds?: number;
}

export interface RestState {
  token: string;
  applicationId: string;
  bot: User;
  gatewayUrl: () => string;
  guildIdOf: (channelId: string) => string | undefined;
  /** The channel an interaction (by its token) came from. */
  channelOfInteraction: (token: string) => string | undefined;
  /** What GET /gateway/bot recommends. */
  gatewayBot?: { shards?: number; maxConcurrency?: number };
}

const EPHEMERAL = 64;

export const API_PREFIX = '/api/v10';

/**
 * The REST routes the bot uses, on plain node:http. Unknown routes answer 404 the way Discord
 * does, and are recorded too, so a test sees a call it did not expect.
 */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  private readonly refusals: Refusal[] = [];
  /** Channel messages by id, as GET, PATCH and DELETE /channels/:channel/messages/:message see them. */
  readonly messages = new Map<string, Record<string, unknown>>();
  /** Per interaction token: the id of its original response, and whether that response is ephemeral. */
  private readonly originals = new Map<string, { id: string; ephemeral: boolean }>();
  /** Messages created with enforce_nonce, by channel and nonce, as Discord keeps them for a few minutes. */
  private readonly nonces = new Map<string, Record<string, unknown>>();
  /** Failures to apply to matching calls, keyed `METHOD /path` (e.g. `POST /channels/1/messages`). */
  readonly faults = new FaultPlan();

  constructor(private readonly state: RestState) {}

  /** Keeps a message someone posted, so the bot can fetch, edit or delete it. */
  remember(message: Record<string, unknown>): void {
    this.messages.set(message.id as string, message);
  }

  /** Makes the next matching request fail; a 429 carries the headers @discordjs/rest reads. */
  refuseNext(method: string, path: RegExp, status: number, retryAfterSeconds?: number): void {
    this.refusals.push({ method, path, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
  }

  async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const body = raw.length === 0 ? undefined : parseBody(raw, req.headers['content-type']);
    const method = req.method ?? 'GET';
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const record: RecordedRequest = { method, path, query: url.searchParams, authorization: req.headers.authorization, body, status: 0, at };
    const fault = this.faults.take(`${method} ${path}`);
    if (fault !== undefined) record.fault = fault.kind;
    const answer = (status: number, payload: unknown, headers: Record<string, string>) => {
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (payload !== undefined) record.response = payload;
      this.requests.push(record);
      if (fault?.kind === 'drop-after') res.socket?.destroy();
      else if (fault?.kind === 'late') setTimeout(() => !res.destroyed && answer(status, payload, headers), fault.delayMs);
      else answer(status, payload, headers);
    };

    if (fault?.kind === 'drop-before') {
      this.requests.push({ ...record, status: 0 });
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      this.requests.push(record);
      return;
    }
    if (fault?.kind === 'status') return send(fault.status, { message: `${fault.status}: failed in the fake`, code: 0 });
    if (!pathname.startsWith(API_PREFIX)) return send(404, { message: `404: Not Found (the fake serves ${API_PREFIX})`, code: 0 });
    const refusal = this.refusals.findIndex((r) => r.method === method && r.path.test(path));
    if (refusal >= 0) {
      const [r] = this.refusals.splice(refusal, 1);
      return r!.status === 429 ? send(429, ...rateLimited(r!.retryAfterSeconds ?? 0.2)) : send(r!.status, { message: `${r!.status}: refused by the fake`, code: 0 });
    }
    // Interaction callbacks and webhook edits are authenticated by the interaction token, not the bot token.
    const needsBotToken = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (needsBotToken && req.headers.authorization !== `Bot ${this.state.token}`) return send(401, { message: '401: Unauthorized', code: 0 });

    const { bot, applicationId } = this.state;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: this.state.gatewayUrl(),
        shards: this.state.gatewayBot?.shards ?? 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.state.gatewayBot?.maxConcurrency ?? 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return send(200, bot);
    if (method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channelId = m[1]!;
      const b = (body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[]; message_reference?: Record<string, unknown>; nonce?: string | number; enforce_nonce?: boolean };
      // Discord: with enforce_nonce, a nonce seen from the same author lately returns that message and creates none.
      const nonceKey = b.enforce_nonce === true && b.nonce !== undefined ? `${channelId}:${String(b.nonce)}` : undefined;
      const earlier = nonceKey === undefined ? undefined : this.nonces.get(nonceKey);
      if (earlier !== undefined) {
        record.duplicateOf = earlier.id as string;
        return send(200, earlier);
      }
      const created = {
        ...message({
          id: snowflake(), channelId, guildId: this.state.guildIdOf(channelId), author: bot, content: b.content ?? '',
          embeds: b.embeds ?? [], ...(b.message_reference === undefined ? {} : { messageReference: b.message_reference }),
        }),
        components: b.components ?? [],
        ...(b.nonce === undefined ? {} : { nonce: b.nonce }),
      };
      this.remember(created);
      if (nonceKey !== undefined) this.nonces.set(nonceKey, created);
      return send(200, created);
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && ['GET', 'PATCH', 'DELETE'].includes(method)) {
      const known = this.messages.get(m[2]!);
      if (known === undefined || known.channel_id !== m[1]) return send(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'GET') return send(200, known);
      if (method === 'DELETE') {
        this.messages.delete(m[2]!);
        return send(204);
      }
      // Discord changes only the fields a PATCH names.
      const edited = { ...known, ...(body as Record<string, unknown>), edited_timestamp: new Date().toISOString() };
      this.remember(edited);
      return send(200, edited);
    }
    if (method === 'POST' && (m = path.match(/^\/interactions\/\d+\/([^/]+)\/callback$/))) {
      // The callback decides whether the original response is ephemeral (a deferral's flags).
      const flags = ((body as { data?: { flags?: number } } | undefined)?.data?.flags ?? 0) as number;
      this.originals.set(m[1]!, { id: snowflake(), ephemeral: (flags & EPHEMERAL) !== 0 });
      return url.searchParams.get('with_response') === 'true' ? send(200, { interaction: { id: path.split('/')[2], type: 2 } }) : send(204);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/)) && (method === 'PATCH' || method === 'POST')) {
      if (m[1] !== applicationId) return send(404, { message: 'Unknown Webhook', code: 10015 });
      const b = (body ?? {}) as { content?: string; embeds?: unknown[]; flags?: number };
      const channelId = this.state.channelOfInteraction(m[2]!) ?? snowflake();
      // Editing the original response keeps its id; a public one is a channel message the bot may edit later.
      const original = m[3] === undefined ? undefined : this.originals.get(m[2]!);
      const ephemeral = original?.ephemeral ?? ((b.flags ?? 0) & EPHEMERAL) !== 0;
      const sent = message({ id: original?.id ?? snowflake(), channelId, guildId: this.state.guildIdOf(channelId), author: bot, content: b.content ?? '', embeds: b.embeds ?? [], flags: ephemeral ? EPHEMERAL : 0 });
      if (!ephemeral) this.remember(sent);
      return send(200, sent);
    }
    if (method === 'PUT' && (m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (m[1] !== applicationId) return send(403, { message: 'Missing Access', code: 50001 });
      const commands = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
      return send(200, commands.map((c) => ({ id: snowflake(), application_id: applicationId, version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}), ...c })));
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }
}

function rateLimited(retryAfter: number): [unknown, Record<string, string>] {
  return [
    { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfter),
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': 'user',
    },
  ];
}

async function readBody(req: HttpRequest): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.includes('application/json')) return JSON.parse(raw) as unknown;
  return raw;
}
