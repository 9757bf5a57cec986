import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake } from './payloads.ts';

/** One frame the bot sent to the gateway. */
export interface GatewayFrame {
  op: number;
  d: unknown;
}

export interface GatewayState {
  token: string;
  /** READY's user and application, and the dispatches that follow it (GUILD_CREATE). */
  ready: () => Record<string, unknown>;
  afterReady: () => { t: string; d: unknown }[];
  /** The URL READY names as resume_gateway_url. */
  url: () => string;
}

const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const MESSAGE_CONTENT_INTENT = 1 << 15;

/** The shard a guild's events go to, as Discord routes them: (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** One identified connection: a shard's session, with the dispatches it was sent (for RESUME). */
interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | undefined;
}

/**
 * A gateway speaking uncompressed JSON: HELLO, IDENTIFY -> READY, heartbeats, RESUME with replay
 * of what the bot missed, and dispatches with an increasing sequence number per session. It
 * honours IDENTIFY's `shard: [id, count]`: each guild's events go to shard
 * `(guild_id >> 22) % count` only, events without a guild (DMs) to shard 0.
 */
export class FakeGateway {
  readonly received: GatewayFrame[] = [];
  /** The URL of every connection the bot opened, query included (v, encoding, compress). */
  readonly connectUrls: string[] = [];
  /** The `shard` of every IDENTIFY, in order. */
  readonly identified: [number, number][] = [];
  /** Close code for the next IDENTIFY, as Discord sends for a bad token (4004) or a privileged intent not enabled (4014). */
  refuseIdentifyWith: number | undefined;
  /** Whether the app has the privileged Message Content intent enabled in the portal. */
  messageContentEnabled = true;

  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();

  constructor(server: Server, private readonly state: GatewayState, private readonly heartbeatIntervalMs: number) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, request) => {
      this.connectUrls.push(request.url ?? '');
      this.greet(socket);
    });
  }

  /**
   * Sends a dispatch to the session of the shard it belongs to (by its guild); a session between
   * connections gets it on RESUME. Dispatches without a guild go to every session with `all`.
   */
  dispatch(t: string, d: unknown, all = false): void {
    const guildId = guildOf(d);
    for (const session of this.sessions.values()) {
      const [id, count] = session.shard;
      if (!all && (guildId === undefined ? id !== 0 : shardOfGuild(guildId, count) !== id)) continue;
      this.send(session, t, d);
    }
  }

  /** Drops every connection with a close code, as Discord does on a restart (4000-4009 can resume). */
  disconnect(code: number): void {
    for (const session of this.sessions.values()) {
      session.socket?.close(code, 'closed by the fake');
      session.socket = undefined;
    }
  }

  /** Open, identified connections. */
  get connections(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined).length;
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private send(session: Session, t: string, d: unknown): void {
    const frame = { s: ++session.seq, t, d };
    session.sent.push(frame);
    if (session.socket !== undefined) send(session.socket, { op: OP.Dispatch, ...frame });
  }

  private greet(socket: WebSocket): void {
    send(socket, { op: OP.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      this.received.push(frame);
      this.answer(socket, frame);
    });
    socket.on('close', () => {
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = undefined;
    });
  }

  private answer(socket: WebSocket, frame: GatewayFrame): void {
    switch (frame.op) {
      case OP.Heartbeat:
        return send(socket, { op: OP.HeartbeatAck, d: null, s: null, t: null });
      case OP.Identify: {
        const { token, intents, shard } = frame.d as { token: string; intents: number; shard?: [number, number] };
        if (token !== this.state.token) return socket.close(4004, 'Authentication failed.');
        if (this.refuseIdentifyWith !== undefined) return socket.close(this.refuseIdentifyWith, 'refused by the fake');
        if ((intents & MESSAGE_CONTENT_INTENT) !== 0 && !this.messageContentEnabled) return socket.close(4014, 'Disallowed intent(s).');
        const [id, count] = shard ?? [0, 1];
        if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) return socket.close(4010, 'Invalid shard.');
        this.identified.push([id, count]);
        const session: Session = { id: snowflake(), shard: [id, count], seq: 0, sent: [], socket };
        this.sessions.set(session.id, session);
        const ready = this.state.ready();
        const guilds = ((ready['guilds'] ?? []) as { id: string }[]).filter((g) => shardOfGuild(g.id, count) === id);
        this.send(session, 'READY', { v: 10, session_id: session.id, resume_gateway_url: this.state.url(), shard: [id, count], ...ready, guilds });
        for (const { t, d } of this.state.afterReady()) {
          const guildId = guildOf(d);
          if (guildId === undefined || shardOfGuild(guildId, count) === id) this.send(session, t, d);
        }
        return;
      }
      case OP.Resume: {
        const { session_id: sessionId, seq } = frame.d as { session_id: string; seq: number };
        const session = this.sessions.get(sessionId);
        if (session === undefined) return send(socket, { op: OP.InvalidSession, d: false, s: null, t: null });
        session.socket = socket;
        for (const missed of session.sent.filter((f) => f.s > seq)) send(socket, { op: OP.Dispatch, ...missed });
        this.send(session, 'RESUMED', {});
        return;
      }
      default:
        return;
    }
  }
}

/** The guild a dispatch is about: `guild_id`, or the guild itself for GUILD_CREATE. */
function guildOf(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return undefined;
  const record = d as Record<string, unknown>;
  if (typeof record['guild_id'] === 'string') return record['guild_id'];
  if (typeof record['id'] === 'string' && Array.isArray(record['channels'])) return record['id'];
  return undefined;
}

function send(socket: WebSocket, frame: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}
