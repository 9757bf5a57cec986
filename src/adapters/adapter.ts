/** A chat platform connection, as main.ts starts and stops it. */
export interface Adapter {
  /** The platform's name, for logs and health checks. */
  readonly platform: 'discord' | 'slack' | 'terminal';
  /** Connects and starts handling events; resolves once connected, rejects with a readable error. */
  start(): Promise<void>;
  /** Stops taking events, lets in-flight replies finish, and disconnects. */
  stop(): Promise<void>;
  /** Whether the platform connection is up now. */
  isConnected(): boolean;
}
