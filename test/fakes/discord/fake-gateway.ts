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

/**
 * A gateway speaking uncompressed JSON: HELLO, IDENTIFY -> READY, heartbeats, RESUME with replay
 * of what the bot missed, and dispatches with an increasing sequence number.
 */
export class FakeGateway {
  readonly received: GatewayFrame[] = [];
  /** The URL of every connection the bot opened, query included (v, encoding, compress). */
  readonly connectUrls: string[] = [];
  /** Close code for the next IDENTIFY, as Discord sends for a bad token (4004) or a privileged intent not enabled (4014). */
  refuseIdentifyWith: number | undefined;
  /** Whether the app has the privileged Message Content intent enabled in the portal. */
  messageContentEnabled = true;

  private readonly wss: WebSocketServer;
  private readonly live = new Set<WebSocket>();
  private sessionId: string | undefined;
  private seq = 0;
  private readonly sent: { s: number; t: string; d: unknown }[] = [];

  constructor(server: Server, private readonly state: GatewayState, private readonly heartbeatIntervalMs: number) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, request) => {
      this.connectUrls.push(request.url ?? '');
      this.greet(socket);
    });
  }

  /** Sends a dispatch to the connected bot; if it is between connections, it gets it on RESUME. */
  dispatch(t: string, d: unknown): void {
    const frame = { s: ++this.seq, t, d };
    this.sent.push(frame);
    for (const socket of this.live) send(socket, { op: OP.Dispatch, ...frame });
  }

  /** Drops every connection with a close code, as Discord does on a restart (4000-4009 can resume). */
  disconnect(code: number): void {
    for (const socket of this.live) socket.close(code, 'closed by the fake');
    this.live.clear();
  }

  get connections(): number {
    return this.live.size;
  }

  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private greet(socket: WebSocket): void {
    send(socket, { op: OP.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      this.received.push(frame);
      this.answer(socket, frame);
    });
    socket.on('close', () => this.live.delete(socket));
  }

  private answer(socket: WebSocket, frame: GatewayFrame): void {
    switch (frame.op) {
      case OP.Heartbeat:
        return send(socket, { op: OP.HeartbeatAck, d: null, s: null, t: null });
      case OP.Identify: {
        const { token, intents } = frame.d as { token: string; intents: number };
        if (token !== this.state.token) return socket.close(4004, 'Authentication failed.');
        if (this.refuseIdentifyWith !== undefined) return socket.close(this.refuseIdentifyWith, 'refused by the fake');
        if ((intents & MESSAGE_CONTENT_INTENT) !== 0 && !this.messageContentEnabled) return socket.close(4014, 'Disallowed intent(s).');
        this.sessionId = snowflake();
        this.live.add(socket);
        this.dispatch('READY', { v: 10, session_id: this.sessionId, resume_gateway_url: this.state.url(), shard: [0, 1], ...this.state.ready() });
        for (const { t, d } of this.state.afterReady()) this.dispatch(t, d);
        return;
      }
      case OP.Resume: {
        const { session_id: sessionId, seq } = frame.d as { session_id: string; seq: number };
        if (sessionId !== this.sessionId) return send(socket, { op: OP.InvalidSession, d: false, s: null, t: null });
        this.live.add(socket);
        for (const missed of this.sent.filter((f) => f.s > seq)) send(socket, { op: OP.Dispatch, ...missed });
        this.dispatch('RESUMED', {});
        return;
      }
      default:
        return;
    }
  }
}

function send(socket: WebSocket, frame: Record<string, unknown>): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}
