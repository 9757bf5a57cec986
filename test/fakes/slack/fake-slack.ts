import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';
import { FaultPlan } from '../faults.ts';

/** One Web API call the bot made, with its arguments decoded as Slack would read them. */
export interface ApiCall {
  method: string;
  /** Form fields; `blocks`/`attachments` JSON-decoded, "true"/"false" turned into booleans. */
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  response?: Record<string, unknown>;
}

/** A message the bot posted, as the channel keeps it for conversations.history and conversations.replies. */
export interface PostedMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  metadata?: unknown;
}

/** One POST to a response_url (what Bolt's respond() sends). */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

/** One acknowledgement the bot sent back over the Socket Mode websocket. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  /** Which connection it came over (see `SocketDelivery.connection`). */
  connection?: number;
}

/** One envelope the fake sent over a Socket Mode connection. */
export interface SocketDelivery {
  envelopeId: string;
  type: SocketEnvelopeType;
  /** The connection it went to: 1 for the first that connected, 2 for the next, and so on. */
  connection: number;
  retryAttempt: number;
  /** The first delivery's envelope id, which its redeliveries share here (Slack gives each its own envelope_id). */
  firstEnvelopeId: string;
}

export type SocketEnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface FakeSlackOptions {
  identity?: FakeSlackIdentity;
  /**
   * How long an `events_api` envelope may go unacknowledged before it is delivered again, to
   * another open connection (the same one if it is the only one), at most 3 times. Slack waits
   * about 3 s; tests shorten it.
   */
  redeliverAfterMs?: number;
}

/** How many times Slack delivers an unacknowledged Events API envelope again. */
export const SOCKET_MODE_RETRIES = 3;

export interface FakeSlackIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export const FAKE_IDENTITY: FakeSlackIdentity = { teamId: 'T0FAKE', botUserId: 'U0FACTBOT', botId: 'B0FACTBOT', appId: 'A0FACTBOT' };

/** A workspace member as users.info describes them (only the fields the bot reads). */
export interface FakeUser {
  name: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** A modal the bot opened (views.open) and, later, what views.update put in its place. */
export interface OpenedView {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  updates: Array<Record<string, unknown>>;
}

/**
 * A local stand-in for slack.com: the Web API methods the bot uses, response_url endpoints,
 * and a Socket Mode websocket. It records everything so tests assert on what Slack received.
 */
export class FakeSlack {
  /** Web API calls Slack acted on (answered ok or with an error), in order. */
  readonly calls: ApiCall[] = [];
  /** Every Web API call that reached the fake, including those a fault kept Slack from acting on. */
  readonly attempts: Array<ApiCall & { fault?: string }> = [];
  /** Failures to apply to Web API calls, named `method` or `method channel` (`chat.postMessage C1`). */
  readonly faults = new FaultPlan();
  /** Messages the bot posted, per channel, oldest first. */
  readonly posted: PostedMessage[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: SocketAck[] = [];
  /** Every envelope sent over Socket Mode, redeliveries included, in order. */
  readonly deliveries: SocketDelivery[] = [];
  /** Events API envelopes still unacknowledged after their last redelivery, by first envelope id. */
  readonly undelivered: string[] = [];
  readonly identity: FakeSlackIdentity;
  private readonly redeliverAfterMs: number;
  /** Members users.info knows; anyone else is an ordinary member named after their id. */
  readonly users = new Map<string, FakeUser>();
  /** Channel messages conversations.replies can read, by `channel:ts` (tests add the ones they deliver as events). */
  readonly history = new Map<string, { text: string; user: string }>();
  /** Modals opened with views.open, in order. */
  readonly views: OpenedView[] = [];
  /** Errors to answer on the next call of a method (e.g. `not_in_channel`), consumed in order. */
  readonly failNext = new Map<string, string[]>();
  private readonly held = new Map<string, Array<() => void>>();
  private readonly holding = new Set<string>();
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  // Open, greeted connections by number, in the order they connected.
  private readonly connections = new Map<number, WebSocket>();
  private connectionCount = 0;
  private lastConnection = 0;
  // Events API envelopes waiting for an ack, by first envelope id.
  private readonly awaitingAck = new Map<string, { timer?: NodeJS.Timeout; envelopeIds: Set<string> }>();
  private tsCounter = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.identity = options.identity ?? FAKE_IDENTITY;
    this.redeliverAfterMs = options.redeliverAfterMs ?? 3_000;
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (!(req.url ?? '').startsWith('/link')) return socket.destroy();
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const { timer } of this.awaitingAck.values()) clearTimeout(timer);
    this.awaitingAck.clear();
    for (const release of [...this.held.values()].flat()) release();
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What SLACK_API_URL points at. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A fresh response_url, as Slack puts in a command or interaction payload. */
  responseUrl(): string {
    return `${this.origin}/respond/${randomUUID()}`;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(url: string): ResponseUrlPost[] {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return this.responses.filter((r) => r.id === id);
  }

  /** Keeps calls of `method` (or every response_url post: `respond`) unanswered until `release()` (to catch the bot with work in flight). */
  hold(method: string): { waiting: () => number; release: () => void } {
    this.holding.add(method);
    return {
      waiting: () => this.held.get(method)?.length ?? 0,
      release: () => {
        this.holding.delete(method);
        for (const go of this.held.get(method) ?? []) go();
        this.held.delete(method);
      },
    };
  }

  private heldUntilReleased(method: string): Promise<void> {
    return new Promise<void>((resolve) => this.held.set(method, [...(this.held.get(method) ?? []), resolve]));
  }

  /** Whether a Socket Mode client is connected and greeted. */
  get socketConnected(): boolean {
    return this.connections.size > 0;
  }

  /** The numbers of the open Socket Mode connections (1 for the first that connected, and so on). */
  get openConnections(): number[] {
    return [...this.connections.keys()];
  }

  /**
   * Sends an envelope over one open connection as Slack does (each in turn, or `connection` when
   * given) and returns its envelope_id. An `events_api` envelope not acknowledged in time is
   * delivered again; commands and interactions never are.
   */
  deliver(type: SocketEnvelopeType, payload: unknown, options: { retryAttempt?: number; connection?: number } = {}): string {
    const connection = options.connection ?? this.nextConnection();
    if (connection === undefined) throw new Error('no Socket Mode client is connected to the fake');
    const envelopeId = this.send(connection, type, payload, options.retryAttempt ?? 0);
    if (type === 'events_api') this.awaitAck(envelopeId, payload, 0, connection);
    return envelopeId;
  }

  /** Whether any delivery of the envelope first sent as `envelopeId` was acknowledged. */
  acknowledged(envelopeId: string): boolean {
    const ids = new Set(this.deliveries.filter((d) => d.firstEnvelopeId === envelopeId).map((d) => d.envelopeId));
    return this.acks.some((a) => ids.has(a.envelope_id));
  }

  private send(connection: number, type: SocketEnvelopeType, payload: unknown, retryAttempt: number, firstEnvelopeId?: string): string {
    const ws = this.connections.get(connection);
    if (ws === undefined) throw new Error(`Socket Mode connection ${connection} is not open`);
    const envelopeId = randomUUID();
    this.deliveries.push({ envelopeId, type, connection, retryAttempt, firstEnvelopeId: firstEnvelopeId ?? envelopeId });
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: retryAttempt, retry_reason: retryAttempt > 0 ? 'timeout' : '' }));
    return envelopeId;
  }

  /** Arms the redelivery of an Events API envelope; an ack of any of its deliveries disarms it. */
  private awaitAck(firstEnvelopeId: string, payload: unknown, retryAttempt: number, lastConnection: number): void {
    const waiting = this.awaitingAck.get(firstEnvelopeId) ?? { envelopeIds: new Set([firstEnvelopeId]) };
    waiting.timer = setTimeout(() => {
      if (retryAttempt >= SOCKET_MODE_RETRIES) {
        this.awaitingAck.delete(firstEnvelopeId);
        this.undelivered.push(firstEnvelopeId);
        return;
      }
      const open = this.openConnections;
      // Nowhere to send it yet: Slack keeps it until a connection is open.
      if (open.length === 0) return this.awaitAck(firstEnvelopeId, payload, retryAttempt, lastConnection);
      const connection = open.find((c) => c !== lastConnection) ?? lastConnection;
      const envelopeId = this.send(connection, 'events_api', payload, retryAttempt + 1, firstEnvelopeId);
      waiting.envelopeIds.add(envelopeId);
      this.awaitAck(firstEnvelopeId, payload, retryAttempt + 1, connection);
    }, this.redeliverAfterMs);
    this.awaitingAck.set(firstEnvelopeId, waiting);
  }

  private acked(envelopeId: string): void {
    for (const [first, waiting] of this.awaitingAck) {
      if (!waiting.envelopeIds.has(envelopeId)) continue;
      clearTimeout(waiting.timer);
      this.awaitingAck.delete(first);
      return;
    }
  }

  // Slack spreads envelopes over the open connections; here each in turn.
  private nextConnection(): number | undefined {
    const open = this.openConnections;
    if (open.length === 0) return undefined;
    const next = open.find((c) => c > this.lastConnection) ?? open[0]!;
    this.lastConnection = next;
    return next;
  }

  private onSocket(ws: WebSocket): void {
    const connection = ++this.connectionCount;
    this.connections.set(connection, ws);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as SocketAck;
      if (typeof message.envelope_id !== 'string') return;
      this.acks.push({ ...message, connection });
      this.acked(message.envelope_id);
    });
    ws.on('close', () => this.connections.delete(connection));
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.connections.size, connection_info: { app_id: this.identity.appId }, debug_info: { host: 'fake-slack' } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    if (url.pathname.startsWith('/respond/')) {
      // `respond` names every response_url for the fault plan.
      const fault = this.faults.take('respond');
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'drop-before') return void res.socket?.destroy();
      if (this.holding.has('respond')) await this.heldUntilReleased('respond');
      this.responses.push({ id: url.pathname.slice('/respond/'.length), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args: decodeArgs(raw, req.headers['content-type']), token: auth?.replace(/^Bearer /, '') };
    const channel = call.args['channel'];
    const fault = this.faults.take(typeof channel === 'string' ? `${method} ${channel}` : method);
    this.attempts.push({ ...call, ...(fault === undefined ? {} : { fault: fault.kind }) });
    if (fault?.kind === 'drop-before') return void res.socket?.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' });
      res.end(`fake Slack failed with ${fault.status}`);
      return;
    }
    if (this.holding.has(method)) await this.heldUntilReleased(method);
    this.calls.push(call);
    const failure = this.failNext.get(method)?.shift();
    const body = failure === undefined ? this.answer(call) : { ok: false, error: failure };
    call.response = body;
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (fault?.kind === 'drop-after') res.socket?.destroy();
    else if (fault?.kind === 'late') setTimeout(() => !res.destroyed && answer(), fault.delayMs);
    else answer();
  }

  /** Messages of a channel as conversations.history or .replies list them, with metadata only when asked for. */
  private listed(messages: PostedMessage[], args: Record<string, unknown>): Record<string, unknown>[] {
    const oldest = Number(args['oldest'] ?? 0);
    const withMetadata = args['include_all_metadata'] === true;
    return messages
      .filter((m) => Number(m.ts) >= oldest)
      .map((m) => ({
        type: 'message', ts: m.ts, text: m.text, bot_id: this.identity.botId, user: this.identity.botUserId,
        ...(m.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
        ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
      }));
  }

  private answer({ method, args, token }: ApiCall): Record<string, unknown> {
    const { teamId, botUserId, botId, appId } = this.identity;
    switch (method) {
      case 'auth.test':
        if (!token?.startsWith('xoxb-')) return { ok: false, error: 'invalid_auth' };
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'factbot', team_id: teamId, user_id: botUserId, bot_id: botId, is_enterprise_install: false };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const channel = String(args['channel']);
        const threadTs = typeof args['thread_ts'] === 'string' ? args['thread_ts'] : undefined;
        this.posted.push({ channel, ts, text: String(args['text'] ?? ''), ...(threadTs === undefined ? {} : { threadTs }), ...(args['metadata'] === undefined ? {} : { metadata: args['metadata'] }) });
        return { ok: true, channel, ts, message: { ...args, ts, bot_id: botId, user: botUserId, type: 'message' } };
      }
      case 'conversations.replies': {
        // The thread's parent first, as Slack answers, then the bot's replies in it.
        const channel = String(args['channel']);
        const parent = this.history.get(`${channel}:${String(args['ts'])}`);
        const replies = this.listed(this.posted.filter((m) => m.channel === channel && m.threadTs === args['ts']), args);
        if (parent === undefined && replies.length === 0) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: [...(parent === undefined ? [] : [{ type: 'message', ts: args['ts'], ...parent }]), ...replies], has_more: false };
      }
      case 'conversations.history': {
        const channel = String(args['channel']);
        // Newest first, as Slack lists a channel; thread replies stay in their threads.
        return { ok: true, messages: this.listed(this.posted.filter((m) => m.channel === channel && m.threadTs === undefined), args).reverse(), has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'], text: args['text'] };
      case 'chat.delete':
        return { ok: true, channel: args['channel'], ts: args['ts'] };
      case 'users.info': {
        const id = String(args['user']);
        const user = this.users.get(id) ?? { name: id.toLowerCase() };
        return { ok: true, user: { id, team_id: teamId, deleted: false, is_bot: false, is_admin: false, is_owner: false, is_primary_owner: false, ...user } };
      }
      case 'views.open': {
        const view = (args['view'] ?? {}) as Record<string, unknown>;
        const opened: OpenedView = { id: `V${String(this.views.length + 1).padStart(8, '0')}`, triggerId: String(args['trigger_id']), view, updates: [] };
        this.views.push(opened);
        return { ok: true, view: { ...view, id: opened.id, team_id: teamId, app_id: appId, bot_id: botId, hash: `h${opened.id}` } };
      }
      case 'views.update': {
        const opened = this.views.find((v) => v.id === args['view_id']);
        if (opened === undefined) return { ok: false, error: 'not_found' };
        const view = (args['view'] ?? {}) as Record<string, unknown>;
        opened.updates.push(view);
        return { ok: true, view: { ...view, id: opened.id } };
      }
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'invalid_auth' };
        return { ok: true, url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=${randomUUID()}&app_id=${appId}` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  // Slack's ts is the posting time in seconds; the counter keeps two in one second apart.
  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// @slack/web-api sends form fields, with arrays and objects as JSON strings; Slack decodes them so.
function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === 'true' || text === 'false') args[key] = text === 'true';
    else if ((key === 'blocks' || key === 'attachments' || key === 'metadata' || key === 'view') && text !== undefined) args[key] = JSON.parse(text);
    else args[key] = text;
  }
  return args;
}
