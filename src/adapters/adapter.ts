/** A chat platform connection, as main.ts starts and stops it. */
export interface Adapter {
  /** The platform's name, for logs and health checks. */
  readonly platform: 'discord' | 'slack' | 'terminal';
  /**
   * Connects and starts handling events; resolves once connected. Rejects with a
   * PlatformStartError saying whether trying again can help; may be called again after that.
   */
  start(): Promise<void>;
  /** Stops taking events, lets in-flight replies finish, and disconnects. */
  stop(): Promise<void>;
  /** Whether the platform connection is up now. */
  isConnected(): boolean;
}

/**
 * Why a platform did not start, in one line that says what to do. `retry` is false when the
 * platform refused the credentials or settings (an invalid token, a missing intent) or the port
 * is taken: starting again cannot help until someone fixes them. True for a network that is down,
 * a name that does not resolve, a platform that answers 5xx: worth trying again later.
 */
export class PlatformStartError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformStartError';
  }
}

/** The line for a port another program holds, naming the variable to change. */
export function portInUse(variable: string, port: number, cause: unknown): PlatformStartError {
  return new PlatformStartError(`${variable}=${port} is already in use by another program: stop that program, or set ${variable} to a free port`, false, { cause });
}
