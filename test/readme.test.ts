import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { CORRECTABLE_VERDICTS } from '../src/core/verdict.ts';
import { openFactCheckCore } from '../src/fact-check-core.ts';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const flat = readme.replace(/\s+/g, ' ');
const bin = path.join(root, 'bin', 'factcheck.js');
// A message that shares words with most claims, so that every list is as long as it can be.
const BROAD = 'Trump Imran Khan Pakistan America army election prison video release promise';

/** Runs factcheck with a data folder of its own; resolves with what it printed and what it wrote there. */
function factcheck(args: string[]): Promise<{ stdout: string; stderr: string; wrote: string[] }> {
  const data = mkdtempSync(path.join(tmpdir(), 'readme-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KNOWLEDGE_DIR: '', DATA_DIR: data } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', () => resolve({ stdout, stderr, wrote: readdirSync(data) }));
  });
}

describe('the README', () => {
  it('lists only factcheck commands that exist', async () => {
    const listed = [...readme.matchAll(/^npx factcheck (\w+)(?: (\w+))?/gm)].map((m) => (['claim', 'knowledge', 'review'].includes(m[1] ?? '') ? [m[1] ?? '', m[2] ?? ''] : [m[1] ?? '']));
    const commands = [...new Map(listed.map((c) => [c.join(' '), c])).values()];
    expect(commands.length).toBeGreaterThanOrEqual(12);
    const results = await Promise.all(commands.map((command) => factcheck([...command, '--no-such-flag'])));
    commands.forEach((command, i) => {
      // A command that exists refuses the unknown flag with its own usage line; one that does not is an unknown command.
      expect(results[i]?.stderr, command.join(' ')).toMatch(new RegExp(`^factcheck: unknown flag --no-such-flag\\nUsage: factcheck ${command.join(' ')}`));
      expect(results[i]?.wrote).toEqual([]);
    });
  }, 60_000);

  it('gives the number of matches check lists and /factcheck shows, as the code does', async () => {
    const [, checkCount, askCount] = /`matches` is the ranked top (\d+), of which `\/factcheck` shows the first (\d+)/.exec(flat) ?? [];
    const matches = JSON.parse((await factcheck(['check', '--json', BROAD])).stdout).matches as unknown[];
    expect(matches).toHaveLength(Number(checkCount));
    const core = await openFactCheckCore({ knowledge: [path.join(root, 'knowledge')], dataDir: null });
    const shown = (await core.checker.ask(BROAD)).matches.length;
    await core.close();
    expect(shown).toBe(Number(askCount));
    for (const doc of ['docs/discord.md', 'docs/slack.md', 'src/adapters/terminal/terminal-chat.ts']) {
      expect(read(doc), doc).toContain(`top ${shown} match`);
    }
  });

  it('names the verdicts the bot corrects unprompted, as the reply policy has them', () => {
    const sentence = /repeats a known ((?:\w+, )*\w+ or \w+) claim/.exec(flat)?.[1] ?? '';
    expect(new Set(sentence.split(/, | or /))).toEqual(new Set(CORRECTABLE_VERDICTS));
    for (const doc of ['docs/discord.md', 'docs/slack.md']) expect(read(doc).replace(/\s+/g, ' '), doc).toContain(`a known ${sentence} claim`);
  });

  it('gives each variable the default the configuration uses', () => {
    const defaults = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \|/gm)].map((m) => [m[1] as string, m[2] as string]));
    const config = readConfig({});
    const used: Record<string, unknown> = {
      PORT: config.port, METRICS_PORT: config.metrics.port, METRICS_HOST: config.metrics.host, LOG_LEVEL: config.logLevel,
      REPLY_THRESHOLD: config.policy.replyThreshold, REPLY_MARGIN: config.policy.minMargin, ANSWER_THRESHOLD: config.policy.answerThreshold,
      REPLY_COOLDOWN_SECONDS: config.guard.cooldownMs / 1000, CHANNEL_REPLIES_PER_MINUTE: config.guard.channelRepliesPerMinute,
      GLOBAL_REPLIES_PER_MINUTE: config.guard.globalRepliesPerMinute, ASKS_PER_USER_PER_MINUTE: config.asksPerUserPerMinute,
      REPLY_UPDATE_DAYS: config.replyUpdateDays, KNOWLEDGE_DIR: path.relative(root, config.knowledgeDir), DATA_DIR: path.relative(root, config.dataDir),
    };
    for (const [name, value] of Object.entries(used)) expect(defaults.get(name), name).toBe(String(value));
  });
});
