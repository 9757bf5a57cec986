import type { RequestListener } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

// Long enough for the instance to be gone, short enough for a restarted one to take the retry.
const RETRY_AFTER_S = 5;

/**
 * While the bot stops, Events API requests (JSON bodies) are answered 503 without being read:
 * Slack then delivers the event again, to another instance or to this one once it is back,
 * instead of it being acknowledged and dropped. Commands and interactions (form bodies) are
 * still handled, because Slack never delivers those twice.
 */
export function deferEventsWhileStopping(receiver: HTTPReceiver, options: { endpoint: string; stopping: () => boolean; logger: Logger }): void {
  const next: RequestListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const isEvent = req.method === 'POST' && path === options.endpoint && (req.headers['content-type'] ?? '').startsWith('application/json');
    if (!isEvent || !options.stopping()) return next(req, res);
    options.logger.info({ retryNum: req.headers['x-slack-retry-num'] }, 'Slack event arrived while stopping; answered 503 so Slack delivers it again');
    req.resume();
    res.writeHead(503, { 'retry-after': String(RETRY_AFTER_S), connection: 'close' });
    res.end();
  };
}
