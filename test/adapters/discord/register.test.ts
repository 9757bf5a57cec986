import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/index.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'scripts', 'discord-register.ts');

interface CommandBody {
  name: string;
  type?: number;
  description: string;
  options?: { name: string; type: number; required?: boolean; autocomplete?: boolean; options?: { name: string; type: number; autocomplete?: boolean }[] }[];
  default_member_permissions?: string | null;
  contexts?: number[];
}

/** Runs `npm run discord:register`'s script with only the given environment, away from any .env. */
async function register(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [SCRIPT], { cwd: os.tmpdir(), env: { PATH: process.env['PATH'] ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run discord:register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(() => fake.stop());

  const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });

  it('registers /factcheck, the message command and the moderator tools in the guild named by DISCORD_GUILD_ID', async () => {
    const result = await register({ ...env(), DISCORD_GUILD_ID: fake.guild.id });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Registered 4 commands for guild ${fake.guild.id}: factcheck, Fact-check this message, claim, Push correction`);
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
    expect(put?.authorization).toBe(`Bot ${fake.token}`);
    const [slash, menu, claim, correction] = put!.body as CommandBody[];
    expect(slash).toMatchObject({ name: 'factcheck', type: 1 });
    expect(slash!.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([['text', 3, true], ['public', 5, false]]);
    expect(menu).toMatchObject({ name: 'Fact-check this message', type: 3 });
    expect(claim).toMatchObject({ name: 'claim', type: 1, contexts: [0] });
    expect(claim!.options?.map((o) => [o.name, o.type])).toEqual([['add', 1], ['edit', 1], ['retire', 1], ['show', 1], ['history', 1], ['push', 1], ['stats', 1]]);
    const push = claim!.options?.find((o) => o.name === 'push');
    expect(push?.options?.map((o) => [o.name, o.type, o.autocomplete ?? false])).toEqual([['id', 3, true], ['channel', 7, false]]);
    expect(correction).toMatchObject({ name: 'Push correction', type: 3, contexts: [0] });
    // Members with a role in DISCORD_MODERATOR_ROLE_IDS may lack Manage Messages; the bot checks rights itself.
    expect(claim!.default_member_permissions ?? null).toBeNull();
    expect(correction!.default_member_permissions ?? null).toBeNull();
  });

  // The script is a thin shell over registerCommands(); the other cases run it in-process, as child processes cost seconds.
  const config = () => ({ token: fake.token, applicationId: fake.applicationId, guildId: undefined, apiUrl: fake.apiUrl });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const result = await registerCommands(config());
    expect(result).toEqual({ scope: 'every server (global)', names: ['factcheck', 'Fact-check this message', 'claim', 'Push correction'] });
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`)).toBe(true);
  });

  it('says which variable to fix when Discord refuses the token', async () => {
    await expect(registerCommands({ ...config(), token: 'wrong.token.value' })).rejects.toThrow(/^Discord refused DISCORD_TOKEN: reset the bot token/);
  });

  it('says which variable to fix when the application id belongs to another app', async () => {
    await expect(registerCommands({ ...config(), applicationId: '123456789012345678' })).rejects.toThrow(
      /^Discord refused application 123456789012345678 for this token: DISCORD_APPLICATION_ID must be/,
    );
  });

  it('says where to find the application id when it is missing', async () => {
    await expect(registerCommands({ ...config(), applicationId: undefined })).rejects.toThrow(/^DISCORD_APPLICATION_ID is not set: copy the Application ID/);
  });
});
