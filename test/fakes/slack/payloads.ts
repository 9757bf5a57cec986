import { FAKE_IDENTITY } from './fake-slack.ts';

/** Payloads as Slack sends them, for both HTTP and Socket Mode. Only the fields the bot reads, plus the usual envelope. */

export const MEMBER = 'U0MEMBER';
export const OTHER_BOT = { userId: 'U0OTHERBOT', botId: 'B0OTHERBOT' };

let sequence = 0;

/** A fresh message ts, unique across the test run. */
export function nextTs(): string {
  sequence += 1;
  return `${1_710_000_000 + sequence}.${String(sequence).padStart(6, '0')}`;
}

export function nextEventId(): string {
  sequence += 1;
  return `Ev${String(sequence).padStart(10, '0')}`;
}

export interface MessageFields {
  channel: string;
  text: string;
  ts?: string;
  user?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  channelType?: 'channel' | 'group' | 'im';
}

export function messageEvent(fields: MessageFields): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'message',
    channel: fields.channel,
    channel_type: fields.channelType ?? 'channel',
    text: fields.text,
    ts: fields.ts ?? nextTs(),
    team: FAKE_IDENTITY.teamId,
  };
  if (fields.user !== undefined || fields.botId === undefined) event['user'] = fields.user ?? MEMBER;
  if (fields.threadTs !== undefined) event['thread_ts'] = fields.threadTs;
  if (fields.subtype !== undefined) event['subtype'] = fields.subtype;
  if (fields.botId !== undefined) event['bot_id'] = fields.botId;
  return event;
}

export function appMentionEvent(fields: { channel: string; text: string; ts: string; user?: string }): Record<string, unknown> {
  return { type: 'app_mention', channel: fields.channel, text: fields.text, ts: fields.ts, user: fields.user ?? MEMBER, team: FAKE_IDENTITY.teamId };
}

/** The Events API envelope (`event_callback`) around one event. */
export function eventCallback(event: Record<string, unknown>, eventId = nextEventId()): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_IDENTITY.teamId,
    api_app_id: FAKE_IDENTITY.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_IDENTITY.teamId, user_id: FAKE_IDENTITY.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function slashCommand(fields: { text: string; channel: string; responseUrl: string; user?: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_IDENTITY.teamId,
    team_domain: 'fake',
    channel_id: fields.channel,
    channel_name: 'general',
    user_id: fields.user ?? MEMBER,
    user_name: 'ana',
    command: '/factcheck',
    text: fields.text,
    api_app_id: FAKE_IDENTITY.appId,
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  };
}

export function messageShortcut(fields: { text: string; channel: string; ts: string; responseUrl: string; threadTs?: string }): Record<string, unknown> {
  const message: Record<string, unknown> = { type: 'message', user: 'U0AUTHOR', text: fields.text, ts: fields.ts };
  if (fields.threadTs !== undefined) message['thread_ts'] = fields.threadTs;
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: nextTs(),
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: { id: MEMBER, name: 'ana', team_id: FAKE_IDENTITY.teamId },
    channel: { id: fields.channel, name: 'general' },
    is_enterprise_install: false,
    callback_id: 'factcheck_message',
    trigger_id: '1.2.3',
    response_url: fields.responseUrl,
    message_ts: fields.ts,
    message,
  };
}

/** A click on a button of an ephemeral answer (block_actions). */
export function buttonClick(fields: { actionId: string; value: string; channel: string; responseUrl: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    token: 'legacy-verification-token',
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: { id: MEMBER, username: 'ana', name: 'ana', team_id: FAKE_IDENTITY.teamId },
    api_app_id: FAKE_IDENTITY.appId,
    container: { type: 'message', message_ts: nextTs(), channel_id: fields.channel, is_ephemeral: true },
    trigger_id: '1.2.3',
    channel: { id: fields.channel, name: 'general' },
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'Share in channel' }, value: fields.value, action_ts: nextTs() }],
  };
}
