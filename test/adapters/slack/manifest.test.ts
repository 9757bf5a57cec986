import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FACTCHECK_COMMAND, FACTCHECK_SHORTCUT } from '../../../src/adapters/slack/requests.ts';

interface Manifest {
  features: { slash_commands: Array<{ command: string }>; shortcuts: Array<{ type: string; callback_id: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync('slack/manifest.yml', 'utf8')) as Manifest;

describe('slack/manifest.yml', () => {
  it('declares the command and the message shortcut the adapter handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([FACTCHECK_COMMAND]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: FACTCHECK_SHORTCUT })]);
  });

  it('subscribes to the events the passive listener hears, with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.channels', 'message.groups']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history']);
  });

  it('turns on interactivity (the share button and the shortcut) and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
