import { FAKE_IDENTITY } from './fake-slack.ts';

/** Payloads as Slack sends them, for both HTTP and Socket Mode. Only the fields the bot reads, plus the usual envelope. */

export const MEMBER = 'U0MEMBER';
/** Listed in SLACK_MODERATOR_IDS by the moderation tests. */
export const MODERATOR = 'U0MODERATOR';
/** A workspace admin (users.info is_admin), not listed. */
export const ADMIN = 'U0ADMIN';

/** The handle Slack sends beside each user id in payloads. */
export function userName(id: string): string {
  return { [MEMBER]: 'ana', [MODERATOR]: 'mona', [ADMIN]: 'adam' }[id] ?? id.toLowerCase();
}

function userOf(id: string): Record<string, string> {
  return { id, username: userName(id), name: userName(id), team_id: FAKE_IDENTITY.teamId };
}
export const OTHER_BOT = { userId: 'U0OTHERBOT', botId: 'B0OTHERBOT' };

let sequence = 0;

/** A fresh message ts, unique across the test run. */
let triggers = 0;
/** A fresh trigger_id, as Slack gives every command and interaction its own. */
export function nextTriggerId(): string {
  return `${Date.now()}.${++triggers}.fake`;
}

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

export function slashCommand(fields: { text: string; channel: string; responseUrl: string; user?: string; command?: string; triggerId?: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_IDENTITY.teamId,
    team_domain: 'fake',
    channel_id: fields.channel,
    channel_name: 'general',
    user_id: fields.user ?? MEMBER,
    user_name: userName(fields.user ?? MEMBER),
    command: fields.command ?? '/factcheck',
    text: fields.text,
    api_app_id: FAKE_IDENTITY.appId,
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? nextTriggerId(),
  };
}

export function messageShortcut(fields: { text: string; channel: string; ts: string; responseUrl: string; threadTs?: string; user?: string; callbackId?: string; triggerId?: string }): Record<string, unknown> {
  const message: Record<string, unknown> = { type: 'message', user: 'U0AUTHOR', text: fields.text, ts: fields.ts };
  if (fields.threadTs !== undefined) message['thread_ts'] = fields.threadTs;
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: nextTs(),
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: userOf(fields.user ?? MEMBER),
    channel: { id: fields.channel, name: 'general' },
    is_enterprise_install: false,
    callback_id: fields.callbackId ?? 'factcheck_message',
    trigger_id: fields.triggerId ?? nextTriggerId(),
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
    trigger_id: nextTriggerId(),
    channel: { id: fields.channel, name: 'general' },
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'Share in channel' }, value: fields.value, action_ts: nextTs() }],
  };
}

/** A click on a button of a public message the bot posted (its ts), e.g. Helpful / Not relevant. */
export function messageButtonClick(fields: { actionId: string; value: string; channel: string; messageTs: string; responseUrl: string; user?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    token: 'legacy-verification-token',
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: userOf(fields.user ?? MEMBER),
    api_app_id: FAKE_IDENTITY.appId,
    container: { type: 'message', message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false },
    trigger_id: nextTriggerId(),
    channel: { id: fields.channel, name: 'general' },
    message: { type: 'message', user: FAKE_IDENTITY.botUserId, bot_id: FAKE_IDENTITY.botId, ts: fields.messageTs, text: 'fact-check' },
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'reply_feedback', text: { type: 'plain_text', text: 'button' }, value: fields.value, action_ts: nextTs() }],
  };
}

/** What a person entered in one input block: typed text, or the value of the option they picked. */
export type FieldValue = string | { selected: string } | null;

/**
 * The view_submission Slack sends when a modal the bot opened is submitted: the view as opened
 * (callback_id, private_metadata, blocks) with `state.values` filled from `values` by block id
 * (each block's one element has action_id = block id, as the bot builds them).
 */
export function viewSubmission(opened: { id: string; view: Record<string, unknown> }, values: Record<string, FieldValue>, user = MEMBER): Record<string, unknown> {
  const state: Record<string, Record<string, Record<string, unknown>>> = {};
  const blocks = (opened.view['blocks'] ?? []) as Array<{ type: string; block_id?: string; element?: { type: string; action_id: string; initial_value?: string; initial_option?: unknown } }>;
  for (const block of blocks) {
    if (block.type !== 'input' || block.block_id === undefined || block.element === undefined) continue;
    const { element } = block;
    const given = block.block_id in values ? values[block.block_id] : undefined;
    if (element.type === 'plain_text_input') {
      state[block.block_id] = { [element.action_id]: { type: element.type, value: typeof given === 'string' ? given : given === null ? null : (element.initial_value ?? null) } };
    } else {
      const selected = typeof given === 'object' && given !== null ? { text: { type: 'plain_text', text: given.selected }, value: given.selected } : given === null ? null : (element.initial_option ?? null);
      state[block.block_id] = { [element.action_id]: { type: element.type, selected_option: selected } };
    }
  }
  return {
    type: 'view_submission',
    token: 'legacy-verification-token',
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: userOf(user),
    api_app_id: FAKE_IDENTITY.appId,
    trigger_id: nextTriggerId(),
    view: { ...opened.view, id: opened.id, team_id: FAKE_IDENTITY.teamId, state: { values: state }, hash: `h${opened.id}`, app_id: FAKE_IDENTITY.appId, bot_id: FAKE_IDENTITY.botId },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** What a modal's external select asks for while someone types (block_suggestion). */
export function blockSuggestion(fields: { actionId: string; value: string; user?: string }): Record<string, unknown> {
  return {
    type: 'block_suggestion',
    token: 'legacy-verification-token',
    team: { id: FAKE_IDENTITY.teamId, domain: 'fake' },
    user: userOf(fields.user ?? MEMBER),
    api_app_id: FAKE_IDENTITY.appId,
    container: { type: 'view', view_id: 'V00000001' },
    block_id: fields.actionId,
    action_id: fields.actionId,
    value: fields.value,
  };
}
