import type { App } from '@slack/bolt';
import type { InFlightWork } from '../in-flight-work.ts';
import type { MessageEventHandler } from './passive-listener.ts';

export interface MessageEventRouteOptions {
  /** The passive listener: every `message` and `app_mention` event goes to it. */
  hear: MessageEventHandler;
  inFlight: InFlightWork;
  /** Where a failure in handling one event is reported (the app's error handler). */
  onError: (error: Error, body: unknown) => void;
}

/**
 * Message events (`message`, `app_mention`) go to the passive listener here, before Bolt's
 * dispatch. Bolt runs the middleware chain of every registered listener (a dozen: commands,
 * shortcuts, buttons, modals) for every event, copying the listener arguments at each step; in
 * the load run that was a fifth of the bot's CPU per message. What Bolt did for these events
 * stays: the event is acknowledged first (the receiver decides when the response goes out, and
 * holdEventAcks, installed over this, when the ack happens), the handling is tracked so a stop
 * waits for it, and a failure goes to the error handler. Commands, interactions and any other
 * event still go through Bolt.
 */
export function routeMessageEvents(app: App, { hear, inFlight, onError }: MessageEventRouteOptions): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const body: unknown = event.body;
    if (!isMessageEvent(body)) return processEvent(event);
    await event.ack();
    try {
      // The app's own client (the bot token); Bolt would give a copy of it that names the envelope's team.
      await inFlight.run(() => hear(body.event, body, app.client));
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)), body);
    }
  };
}

function isMessageEvent(body: unknown): body is { type: 'event_callback'; event: { type: string } } {
  if (typeof body !== 'object' || body === null || (body as Record<string, unknown>)['type'] !== 'event_callback') return false;
  const event = (body as Record<string, unknown>)['event'];
  if (typeof event !== 'object' || event === null) return false;
  const type = (event as Record<string, unknown>)['type'];
  return type === 'message' || type === 'app_mention';
}
