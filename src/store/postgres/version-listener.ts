import pg from 'pg';

/** The channel every instance LISTENs on; a committed version NOTIFYs it. */
export const VERSIONS_CHANNEL = 'factcheck_claim_versions';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * One connection that LISTENs for new claim versions, outside the pool. When it is lost it
 * reconnects with backoff and reports a catch-up (a notification may have been missed meanwhile).
 */
export class VersionListener {
  private client: pg.Client | undefined;
  private connected = false;
  private closed = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onVersion: () => void,
    private readonly onProblem: (message: string, error: unknown) => void,
    /** Runs on every new connection, after LISTEN (the store takes its liveness lock there). */
    private readonly onConnect: (client: pg.Client) => Promise<void> = async () => undefined,
  ) {}

  get isConnected(): boolean {
    return this.connected;
  }

  async start(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', () => this.onVersion());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${VERSIONS_CHANNEL}`);
    await this.onConnect(client);
    this.client = client;
    this.connected = true;
    this.retryMs = RETRY_MIN_MS;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.connected = false;
    await this.client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.connected = false;
    client.end().catch(() => undefined);
    this.onProblem('lost the PostgreSQL connection that listens for claim changes; reconnecting', error);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    this.retryTimer = setTimeout(() => {
      this.start().then(
        () => {
          this.onProblem('PostgreSQL connection for claim changes is back; catching up', undefined);
          this.onVersion();
        },
        (error: unknown) => {
          this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
          this.onProblem(`could not reconnect to PostgreSQL; trying again in ${this.retryMs} ms`, error);
          this.reconnectLater();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
