import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, PROJECT_DIR, readConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { Writable } from 'node:stream';

function problems(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with nothing set: no platform, defaults everywhere', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ discord: undefined, slack: undefined, port: 3000, logLevel: 'info' });
    expect(config).toMatchObject({ knowledgeDir: path.join(PROJECT_DIR, 'knowledge'), dataDir: path.join(PROJECT_DIR, 'data') });
    expect(config.metrics).toEqual({ port: 3001, host: '127.0.0.1' });
    expect(config.guard.cooldownMs).toBe(600_000);
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    expect(readConfig({ DISCORD_TOKEN: '', PORT: '', KNOWLEDGE_DIR: '' })).toMatchObject({ discord: undefined, port: 3000, knowledgeDir: path.join(PROJECT_DIR, 'knowledge') });
  });

  it('reads the review queue settings, and refuses a review threshold above the reply threshold or a review channel that is no channel id', () => {
    const config = readConfig({ DISCORD_TOKEN: 't', DISCORD_REVIEW_CHANNEL_ID: '123456789012345678', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_REVIEW_CHANNEL_ID: 'C0REVIEWS', REVIEW_DAYS: '7' });
    expect(config.review).toEqual({ threshold: 0.35, days: 7 });
    expect(config.discord?.reviewChannelId).toBe('123456789012345678');
    expect(config.slack?.reviewChannelId).toBe('C0REVIEWS');
    expect(problems({ REVIEW_THRESHOLD: '0.6' })).toMatch(/REVIEW_THRESHOLD: must be at most REPLY_THRESHOLD \(0.5\)/);
    expect(problems({ DISCORD_REVIEW_CHANNEL_ID: '#reviews' })).toMatch(/DISCORD_REVIEW_CHANNEL_ID: must be a Discord channel id/);
    expect(problems({ SLACK_REVIEW_CHANNEL_ID: 'reviews' })).toMatch(/SLACK_REVIEW_CHANNEL_ID: must be a Slack channel id such as C0123ABCD/);
  });

  it('names a malformed number and says what is expected', () => {
    expect(problems({ PORT: 'eighty' })).toMatch(/PORT: must be a number from 1 to 65535 \(got "eighty"\)/);
    expect(problems({ REPLY_THRESHOLD: '2' })).toMatch(/REPLY_THRESHOLD: must be a number from 0 to 1/);
  });

  it('keeps the metrics port apart from the port Slack\'s requests arrive on', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '8080', METRICS_PORT: '8080' })).toMatch(/METRICS_PORT: must differ from PORT \(8080\)/);
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '8080', METRICS_PORT: '8080' }).metrics.port).toBe(8080);
  });

  it('names an unknown log level', () => {
    expect(problems({ LOG_LEVEL: 'loud' })).toMatch(/LOG_LEVEL: must be one of/);
  });

  it('asks for the signing secret when Slack runs over HTTP', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET: required/);
    expect(readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken).toBe('xapp-1');
  });

  it('recognises a token pasted into the wrong variable', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' })).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
  });

  it('names a malformed URL', () => {
    expect(problems({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'not a url' })).toMatch(/DISCORD_API_URL: must be a full URL/);
  });

  it('reads channel and moderator lists', () => {
    const config = readConfig({ LISTEN_CHANNELS: 'a, b,c', DISCORD_TOKEN: 't', DISCORD_MODERATOR_ROLE_IDS: '1 2' });
    expect(config.listenChannels).toEqual(['a', 'b', 'c']);
    expect(config.discord?.moderatorRoleIds).toEqual(['1', '2']);
  });

  it('never writes secrets to the log', async () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    const config = readConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret', SLACK_SIGNING_SECRET: 'shh-secret', DISCORD_TOKEN: 'discord-secret' });
    const logger = createLogger('info', { pretty: false, destination: sink });
    logger.info({ config }, 'config');
    logger.info({ token: 'discord-secret', headers: { authorization: 'Bearer xoxb-very-secret' } }, 'request');
    expect(written).toContain('[redacted]');
    expect(written).not.toMatch(/very-secret|shh-secret|discord-secret/);
  });
});

describe('loadConfig: one configuration for the bot, every command and the terminal chat', () => {
  function project(env: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'project-'));
    writeFileSync(path.join(dir, '.env'), env);
    return dir;
  }

  it('reads .env from the project folder, and the environment wins over it', () => {
    const dir = project('REPLY_THRESHOLD=0.5\nLOG_LEVEL=warn\nDATA_DIR=/var/lib/factcheck\n');
    const config = loadConfig({ LOG_LEVEL: 'debug' }, dir);
    expect(config.policy.replyThreshold).toBe(0.5);
    expect(config.logLevel).toBe('debug');
    expect(config.dataDir).toBe('/var/lib/factcheck');
  });

  it('takes relative KNOWLEDGE_DIR and DATA_DIR from the project folder, not from the current one', () => {
    const dir = project('DATA_DIR=state\nKNOWLEDGE_DIR=kb\n');
    const config = loadConfig({}, dir);
    expect(config.dataDir).toBe(path.join(dir, 'state'));
    expect(config.knowledgeDir).toBe(path.join(dir, 'kb'));
  });

  it('runs on defaults when there is no .env, and names the file when one is wrong', () => {
    expect(loadConfig({}, mkdtempSync(path.join(tmpdir(), 'project-'))).port).toBe(3000);
    const dir = project('PORT=eighty\n');
    expect(() => loadConfig({}, dir)).toThrow(ConfigError);
    expect(() => loadConfig({}, dir)).toThrow(/PORT: must be a number from 1 to 65535 \(got "eighty"\)\n.*in the environment or in .*\.env/);
  });
});
