import { pino, type DestinationStream, type Logger } from 'pino';

/** Paths of secrets that must never reach a log line, whatever object carries them. */
export const REDACTED_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'config.discord.token', 'config.slack.botToken', 'config.slack.appToken', 'config.slack.signingSecret',
  'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
];

export interface LoggerOptions {
  /** Readable lines instead of JSON (default: when stdout is a terminal). */
  pretty?: boolean;
  /** Called for every error or fatal line, with the adapter that logged it (for metrics). */
  onError?: (component: string) => void;
  /** Where JSON lines go (default stdout). */
  destination?: DestinationStream;
}

/** JSON logs for machines; readable lines when a person watches a terminal. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && process.env['CI'] === undefined);
  const { onError } = options;
  const settings = {
    level,
    base: { app: 'factcheck-bot' },
    ...(onError === undefined
      ? {}
      : {
          hooks: {
            logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void, levelValue: number) {
              if (levelValue >= 50) onError(String((this.bindings() as { adapter?: unknown }).adapter ?? 'core'));
              method.apply(this, args);
            },
          },
        }),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
