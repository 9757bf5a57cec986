import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { InFlightWork } from '../in-flight-work.ts';

export interface EventAckOptions {
  /** Whether the adapter is stopping: an event that arrives then is left for Slack to deliver again. */
  stopping: () => boolean;
  /** Acknowledge an Events API envelope only once it is handled (Socket Mode with a shared store). */
  afterHandling: boolean;
  inFlight: InFlightWork;
  logger: Logger;
}

/**
 * Decides when an Events API event is acknowledged, before Bolt sees it (Bolt acks an event
 * before any middleware runs). While stopping it is not acknowledged at all; with `afterHandling`
 * it is acknowledged once the reply is posted and recorded, or the bot has decided to stay silent.
 * Either way an event this instance does not finish is delivered again by Slack, to another
 * connection or after the restart, and the store's first-sight record gives it one reply.
 * Commands and interactions, which Slack never redelivers, keep Bolt's timing: their listeners
 * ack within 3 s.
 */
export function holdEventAcks(app: App, options: EventAckOptions): void {
  const { stopping, afterHandling, inFlight, logger } = options;
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    if (!isEventCallback(event.body)) return processEvent(event);
    if (stopping()) {
      logger.info({ retryNum: event.retryNum }, 'Slack event arrived while stopping; not acknowledged, so Slack delivers it again');
      return;
    }
    if (!afterHandling) return processEvent(event);
    // No ack at a deadline: past Slack's 3 s the event goes to another connection, whose store check stays silent while this instance lives, and a kill after an early ack would lose it.
    await inFlight.run(async () => {
      // A listener that throws leaves the event unacknowledged (Bolt's receiver decides, as it does for its own errors).
      await processEvent({ ...event, ack: async () => undefined });
      await event.ack().catch((error: unknown) => {
        logger.warn({ err: error, retryNum: event.retryNum }, 'could not acknowledge a handled Slack event; Slack delivers it again and the store keeps it to one reply');
      });
    });
  };
}

function isEventCallback(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)['type'] === 'event_callback';
}
