import { format } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt, its web client and its Socket Mode client log through this, so every line lands in pino.
 * While `quiet()` holds, warnings and errors go at debug: a failure the caller reports itself,
 * in one line (a failed start), is not logged twice.
 */
export function boltLogger(logger: Logger, quiet: () => boolean = () => false): BoltLogger {
  let log = logger.child({ component: 'bolt' });
  return {
    debug: (...msg: unknown[]) => log.debug(format(...msg)),
    info: (...msg: unknown[]) => log.info(format(...msg)),
    warn: (...msg: unknown[]) => (quiet() ? log.debug(format(...msg)) : log.warn(format(...msg))),
    error: (...msg: unknown[]) => (quiet() ? log.debug(format(...msg)) : log.error(format(...msg))),
    setLevel: (level: LogLevel) => {
      log.level = level;
    },
    getLevel: () => boltLevel(log.level),
    setName: (name: string) => {
      log = log.child({ component: name });
    },
  };
}

// Bolt asks for its level to decide whether to build debug strings; pino has more levels than Bolt.
function boltLevel(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}
