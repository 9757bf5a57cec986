import { webApi } from '@slack/bolt';

/** Slack Web API error codes a person can fix, with what to do about each. */
const FIXES: Record<string, string> = {
  not_in_channel: 'the bot is not a member of this channel; invite it with /invite @<bot name>',
  channel_not_found: 'the channel is private or gone and the bot is not in it; invite it with /invite @<bot name>',
  is_archived: 'the channel is archived',
  missing_scope: 'the app lacks a scope; add it from slack/manifest.yml and reinstall the app',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid for this workspace; copy the Bot User OAuth Token again',
  not_authed: 'SLACK_BOT_TOKEN is missing',
  account_inactive: 'the app was uninstalled or its token revoked; reinstall the app and update SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked; reinstall the app and update SLACK_BOT_TOKEN',
  ratelimited: 'Slack rate-limited the bot; it will retry',
  msg_too_long: 'the reply is longer than Slack allows',
};

/** A one-line explanation of a Web API failure: Slack's error code and, when known, the fix. */
export function describeSlackError(error: unknown): string {
  if (error instanceof webApi.WebAPIHTTPError) return `Slack did not answer or kept failing (HTTP ${error.statusCode}); try again in a minute`;
  if (error instanceof webApi.WebAPIRequestError) return `Slack could not be reached or did not answer in time (${error.original.message}); try again in a minute`;
  const code = slackErrorCode(error);
  if (code !== undefined) return FIXES[code] === undefined ? `Slack answered "${code}"` : `Slack answered "${code}": ${FIXES[code]}`;
  return error instanceof Error ? error.message : String(error);
}

/** The `error` field of a failed Web API call (`data.error` on @slack/web-api's platform errors). */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data: unknown }).data;
  if (typeof data !== 'object' || data === null || !('error' in data)) return undefined;
  const code = (data as { error: unknown }).error;
  return typeof code === 'string' ? code : undefined;
}
