import { pino, type Logger } from 'pino';

/** Paths of secrets that must never reach a log line, whatever object carries them. */
export const REDACTED_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'config.discord.token', 'config.slack.botToken', 'config.slack.appToken', 'config.slack.signingSecret',
  'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
];

/** JSON logs for machines; readable lines when a person watches a terminal. */
export function createLogger(level: string, pretty = process.stdout.isTTY === true && process.env['CI'] === undefined): Logger {
  return pino({
    level,
    base: { app: 'factcheck-bot' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
