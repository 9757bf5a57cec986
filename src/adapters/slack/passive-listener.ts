import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelFilter } from '../../core/channel-filter.ts';
import { DIRECT_MESSAGE_HINT, isRoutineIgnore, type FactChecker, type IgnoreReason, type MentionOutcome } from '../../core/fact-checker.ts';
import { cleanMessage } from '../../core/matching/normalise.ts';
import type { IncomingMessage } from '../../core/message.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { answerMessage, noticeMessage, PUBLIC_POST, replyMessage } from './fact-check-blocks.ts';
import { messageWords } from './mrkdwn.ts';
import { slackMessageLink, type SlackReviewCards } from './review-cards.ts';
import type { ReplyPoster } from './reply-poster.ts';
import { recordPosted } from '../reply-records.ts';
import { describeSlackError } from './slack-errors.ts';

/** Who the bot is in the workspace, from auth.test. */
export interface BotIdentity {
  userId: string;
  botId: string;
  teamId: string;
  /** The workspace's URL (auth.test), for links to messages. */
  url?: string;
}

/** Why the adapter itself let an event go before the core saw it. */
export type SkipReason = 'repeated-delivery' | 'unhandled-subtype' | 'not-a-channel' | 'channel-filtered';

/** What became of one message event; main.ts may count these (metrics), tests wait on them. */
export interface HeardEvent {
  channelId: string;
  messageId: string;
  /** `answered` and `hint` are for messages that @-mention the bot. */
  outcome: 'replied' | 'answered' | 'hint' | 'ignored' | 'failed';
  reason?: IgnoreReason | SkipReason | Extract<MentionOutcome, { action: 'ignore' }>['reason'];
  claimId?: string;
}

/** Handles one Events API `message` or `app_mention` event, given with its envelope and the client to call Slack with. */
export type MessageEventHandler = (event: unknown, body: unknown, client: webApi.WebClient) => Promise<void>;

export interface PassiveListenerOptions {
  checker: FactChecker;
  channels: ChannelFilter;
  logger: Logger;
  identity: BotIdentity;
  onHeard?: (event: HeardEvent) => void;
  /** When set, replies carry Helpful / Not relevant buttons and are remembered, so they can be rated and updated. */
  moderation?: ModerationService | undefined;
  /** With SLACK_REVIEW_CHANNEL_ID: messages the bot was unsure about become review cards. */
  review?: SlackReviewCards | undefined;
  /** Posts replies and answers exactly once. */
  replies: ReplyPoster;
}

// Subtypes that carry someone's new words. Edits, deletions, joins and the rest are not claims made now.
const HEARD_SUBTYPES: ReadonlySet<string | undefined> = new Set([undefined, 'thread_broadcast', 'file_share', 'bot_message']);
// Slack retries an event for up to about an hour; this many ids covers a busy workspace's retries.
const REMEMBERED_EVENT_IDS = 10_000;

const MessageEvent = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  // A shared message (or an unfurled message link) arrives as an attachment.
  attachments: z.array(z.object({ text: z.string().optional(), is_share: z.boolean().optional(), is_msg_unfurl: z.boolean().optional() }).passthrough()).optional(),
});
const EventEnvelope = z.object({ event_id: z.string().optional(), team_id: z.string().optional() });

type MessageEvent = z.infer<typeof MessageEvent>;

const MENTION_HINT =
  'Mention me with the claim you want checked (`@factcheck Trump promised to free Imran Khan`), or mention me in the thread of a message to check it. `/factcheck` and the "Fact-check this message" shortcut work too.';

/**
 * Hubot's "hear": every message in a channel the bot is in (`message.channels`, `message.groups`)
 * goes to the core, which decides whether to answer. A message that @-mentions the bot is an ask,
 * answered in its thread in any channel, like `/factcheck` made public; a direct message to the bot
 * (`message.im`) is an ask answered in the DM. Both events for one mention (`message` and
 * `app_mention`) carry the same ts, so the core's dedupe answers it once. A bare mention in a
 * thread checks the thread's first message. Returns the handler of both events (routeMessageEvents
 * hands them to it).
 */
export function listenToChannels(options: PassiveListenerOptions): MessageEventHandler {
  const { checker, channels, identity, onHeard, moderation, replies, review } = options;
  const log = options.logger;
  const deliveredEventIds = new LRUCache<string, true>({ max: REMEMBERED_EVENT_IDS });
  const handling = new Map<string, Promise<void>>();

  const hear: MessageEventHandler = async (rawEvent, rawBody, client) => {
    const parsed = MessageEvent.safeParse(rawEvent);
    if (!parsed.success) {
      log.debug({ issues: parsed.error.issues }, 'message event without channel or ts; not heard');
      return;
    }
    const event = parsed.data;
    const envelope = EventEnvelope.safeParse(rawBody);
    const { event_id: eventId, team_id: envelopeTeamId } = envelope.success ? envelope.data : {};
    const skip = (reason: SkipReason) => {
      log.debug({ channel: event.channel, ts: event.ts, subtype: event.subtype, reason }, 'message not heard');
      onHeard?.({ channelId: event.channel, messageId: event.ts, outcome: 'ignored', reason });
    };

    // A retry (X-Slack-Retry-Num) repeats the event id; the core would catch it too, this is cheaper and says why.
    if (eventId !== undefined) {
      if (deliveredEventIds.has(eventId)) {
        // Still being handled here: the retry waits, so that when acks follow handling it is not acknowledged first.
        await handling.get(eventId)?.catch(() => undefined);
        return skip('repeated-delivery');
      }
      deliveredEventIds.set(eventId, true);
      const first = respond(event, envelopeTeamId, client, skip);
      handling.set(eventId, first);
      return first.finally(() => handling.delete(eventId));
    }
    return respond(event, envelopeTeamId, client, skip);
  };

  const respond = async (event: MessageEvent, envelopeTeamId: string | undefined, client: webApi.WebClient, skip: (reason: SkipReason) => void) => {
    if (!HEARD_SUBTYPES.has(event.subtype)) return skip('unhandled-subtype');
    const teamId = envelopeTeamId ?? event.team ?? identity.teamId;
    const incoming = incomingMessage(event, teamId, identity);
    // Written to the bot, or naming it: someone asked, whatever the channel filter says about speaking unprompted.
    if (event.channel_type === 'im') return answerMention(event, incoming, client, true);
    if (mentionsBot(event.text ?? '', identity.userId)) return answerMention(event, incoming, client, false);
    if (event.channel_type === 'mpim') return skip('not-a-channel');
    if (!channels.listensIn(event.channel)) return skip('channel-filtered');

    const receivedAt = performance.now();
    const outcome = await checker.hear(incoming);
    if (outcome.action === 'ignore') {
      if (outcome.suggestion !== undefined && review !== undefined) {
        const where = { link: slackMessageLink(identity.url, event.channel, event.ts, event.thread_ts), threadId: event.thread_ts };
        await review.suggest(incoming, outcome.suggestion, where);
      }
      log.debug({ channel: event.channel, ts: event.ts, reason: outcome.reason, claimId: outcome.match?.claim.id }, 'message heard, no reply');
      onHeard?.({ channelId: event.channel, messageId: event.ts, outcome: 'ignored', reason: outcome.reason });
      return;
    }
    const { reply } = outcome;
    const threadTs = event.thread_ts ?? event.ts;
    if (outcome.resumed === true && (await alreadyAnswered(client, event.channel, threadTs, event.ts, identity))) {
      log.info({ channel: event.channel, ts: event.ts, claimId: reply.claimId }, 'an instance that stopped had answered this message already; not answering twice');
      onHeard?.({ channelId: event.channel, messageId: event.ts, outcome: 'ignored', reason: 'duplicate' });
      return;
    }
    let postedTs: string | undefined;
    try {
      const posted = await replies.post({
        channel: event.channel,
        thread_ts: threadTs,
        ...replyMessage(reply, { feedback: moderation !== undefined }),
        // Names the message answered, so an instance taking over after a crash can see it was.
        metadata: { event_type: REPLY_EVENT, event_payload: { in_reply_to: event.ts } },
        // Belt and braces with the escaping: no previews, no @group linking, no parsing of plain words into mentions.
        ...PUBLIC_POST,
      });
      postedTs = posted.ts;
    } catch (error) {
      log.error({ err: error, channel: event.channel, ts: event.ts, claimId: reply.claimId }, `could not post the fact-check reply: ${describeSlackError(error)}`);
      onHeard?.({ channelId: event.channel, messageId: event.ts, outcome: 'failed', claimId: reply.claimId });
      return;
    }
    if (postedTs !== undefined) {
      const ts = postedTs;
      const sent = { platform: 'slack', channelId: event.channel, messageId: ts, inReplyTo: event.ts, threadId: threadTs, claimId: reply.claimId, kind: 'passive', sentAt: new Date().toISOString(), triggerText: incoming.text } as const;
      await recordPosted({ moderation, logger: log }, sent, () => client.chat.update({ channel: event.channel, ts, ...replyMessage(reply), link_names: false, parse: 'none' }));
    }
    log.info(
      { channel: event.channel, ts: event.ts, claimId: reply.claimId, score: reply.score, latencyMs: Math.round(performance.now() - receivedAt) },
      'replied to a claim',
    );
    onHeard?.({ channelId: event.channel, messageId: event.ts, outcome: 'replied', claimId: reply.claimId });
  };

  /** A mention is answered in its thread, for everyone; a direct message in the DM (its thread if it has one), privately. */
  const answerMention = async (event: MessageEvent, mention: IncomingMessage, client: webApi.WebClient, direct: boolean) => {
    let incoming = mention;
    const where = { channel: event.channel, ts: event.ts };
    const heard = (outcome: HeardEvent['outcome'], extra: Partial<HeardEvent> = {}) => onHeard?.({ channelId: event.channel, messageId: event.ts, outcome, ...extra });
    // A bare mention in a thread asks about the thread's first message.
    if (cleanMessage(incoming.text) === '' && event.thread_ts !== undefined && event.thread_ts !== event.ts) {
      try {
        const replies = await client.conversations.replies({ channel: event.channel, ts: event.thread_ts, limit: 1, inclusive: true });
        const parent = replies.messages?.[0];
        if (parent !== undefined) incoming = { ...incoming, text: messageWords(parent as Parameters<typeof messageWords>[0], identity.userId) };
      } catch (error) {
        log.debug({ err: error, ...where }, `could not read the thread a mention was in: ${describeSlackError(error)}`);
      }
    }
    const outcome = await checker.mention(incoming);
    if (outcome.action === 'ignore' && outcome.reason !== 'empty') {
      // Its own answers come back as DM events: not worth a line at info.
      log[isRoutineIgnore(outcome.reason) ? 'debug' : 'info']({ ...where, reason: outcome.reason }, direct ? 'direct message, not answering' : 'mentioned, not answering');
      return heard('ignored', { reason: outcome.reason });
    }
    const threadTs = direct ? event.thread_ts : (event.thread_ts ?? event.ts);
    const message = outcome.action === 'ignore' ? noticeMessage(direct ? DIRECT_MESSAGE_HINT : MENTION_HINT) : answerMessage(outcome.answer, null);
    let postedTs: string | undefined;
    try {
      postedTs = (await replies.post({ channel: event.channel, ...(threadTs === undefined ? {} : { thread_ts: threadTs }), ...message, ...PUBLIC_POST })).ts;
    } catch (error) {
      log.error({ err: error, ...where }, `could not answer a mention: ${describeSlackError(error)}`);
      return heard('failed');
    }
    if (outcome.action === 'ignore') {
      log.info(where, 'mentioned without anything to check; sent how to ask');
      return heard('hint');
    }
    const best = outcome.answer.best;
    // A direct answer is seen by one person, like a private /factcheck: not kept for note updates.
    if (!direct && best !== undefined && postedTs !== undefined) {
      await recordPosted({ moderation, logger: log }, { platform: 'slack', channelId: event.channel, messageId: postedTs, inReplyTo: event.ts, threadId: threadTs, claimId: best.claimId, kind: 'answer', sentAt: new Date().toISOString() });
    }
    log.info({ ...where, best: best?.claimId, matches: outcome.answer.matches.length }, direct ? 'answered a direct message' : 'answered a mention');
    return heard('answered', best === undefined ? {} : { claimId: best.claimId });
  };

  return hear;
}

/** The metadata event type of the bot's passive replies. */
const REPLY_EVENT = 'factcheck_reply';
const ThreadMessages = z.object({ messages: z.array(z.object({ bot_id: z.string().optional(), metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional() }).loose()).optional() });

/** Whether the thread already holds the bot's reply to message `ts` (read back when taking over from a stopped instance). */
async function alreadyAnswered(client: webApi.WebClient, channel: string, threadTs: string, ts: string, identity: BotIdentity): Promise<boolean> {
  const thread = ThreadMessages.safeParse(await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 }).catch(() => ({})));
  return (thread.success ? (thread.data.messages ?? []) : []).some(
    (m) => m.bot_id === identity.botId && m.metadata?.event_type === REPLY_EVENT && m.metadata.event_payload?.['in_reply_to'] === ts,
  );
}

function incomingMessage(event: MessageEvent, teamId: string, identity: BotIdentity): IncomingMessage {
  const fromSelf = (event.user !== undefined && event.user === identity.userId) || (event.bot_id !== undefined && event.bot_id === identity.botId);
  return {
    platform: 'slack',
    teamId,
    channelId: event.channel,
    messageId: event.ts,
    authorId: event.user ?? event.bot_id ?? '',
    authorIsBot: fromSelf || event.bot_id !== undefined || event.subtype === 'bot_message',
    authorIsSelf: fromSelf,
    text: messageWords(event, identity.userId),
  };
}

/** Whether Slack text @-mentions the bot (`<@U123>` or `<@U123|name>`). */
function mentionsBot(text: string, botUserId: string): boolean {
  return text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`);
}
