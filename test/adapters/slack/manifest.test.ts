import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLAIM_COMMAND } from '../../../src/adapters/slack/claim-reports.ts';
import { PUSH_CORRECTION_SHORTCUT } from '../../../src/adapters/slack/push-correction.ts';
import { FACTCHECK_COMMAND, FACTCHECK_SHORTCUT } from '../../../src/adapters/slack/requests.ts';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; should_escape: boolean }>;
    shortcuts: Array<{ type: string; callback_id: string }>;
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync('slack/manifest.yml', 'utf8')) as Manifest;

describe('slack/manifest.yml', () => {
  it('declares the commands and the message shortcuts the adapter handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([FACTCHECK_COMMAND, CLAIM_COMMAND]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: FACTCHECK_SHORTCUT }),
      expect.objectContaining({ type: 'message', callback_id: PUSH_CORRECTION_SHORTCUT }),
    ]);
  });

  it('has Slack escape /claim, so a #channel given to /claim push arrives as <#C…|name>', () => {
    expect(manifest.features.slash_commands.find((c) => c.command === CLAIM_COMMAND)?.should_escape).toBe(true);
  });

  it('subscribes to the events the passive listener hears, with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'users:read']);
  });

  it('lets people write to the bot in its Messages tab', () => {
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('turns on interactivity (buttons, shortcuts, modals) and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
