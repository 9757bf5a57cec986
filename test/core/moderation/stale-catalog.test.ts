import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/moderation/actor.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';

const knowledge = path.resolve(import.meta.dirname, '../../../knowledge');
const sara: Actor = { id: 'u-sara', name: 'Sara', platform: 'slack', isModerator: true };
const shell: Actor = { id: 'cli:omar', name: 'Omar', platform: 'cli', isModerator: true };
const CLI_NOTE = 'Khan was removed by a vote of no confidence in 2022, the analysis of 11 November 2024 says; not impeached.';

const opened: FactCheckCore[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

/** The bot and the `factcheck claim` shell on one store; the bot has not synced since the shell wrote. */
async function botAndShell(): Promise<{ bot: FactCheckCore; cli: FactCheckCore }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stale-'));
  const bot = await openFactCheckCore({ knowledge: [knowledge], dataDir });
  const cli = await openFactCheckCore({ knowledge: [knowledge], dataDir });
  opened.push(bot, cli);
  return { bot, cli };
}

describe('a change made while this process has not yet seen the latest version', () => {
  it("keeps the shell's change when a form carrying the latest version is submitted before the sync", async () => {
    const { bot, cli } = await botAndShell();
    await cli.moderation.edit(shell, 'khan-impeached', { note: CLI_NOTE });
    expect(bot.moderation.show('khan-impeached').version).toBe(0); // not synced yet
    await bot.moderation.edit(sara, 'khan-impeached', { phrasings: ['IK ko impeach kar diya tha'] }, 1);
    const [, second] = await cli.moderation.history('khan-impeached');
    expect(second).toMatchObject({ version: 2, actor: 'Sara', before: { note: CLI_NOTE }, after: { note: CLI_NOTE } });
    expect(second?.after.phrasings).toContain('IK ko impeach kar diya tha');
    expect(bot.moderation.show('khan-impeached')).toMatchObject({ version: 2, claim: { note: CLI_NOTE } });
  });

  it("removes the reply and learns the counter-example on a moderator's 'Not relevant' before the sync", async () => {
    const { bot, cli } = await botAndShell();
    const trigger = 'the impeachment of the governor of Punjab was in the news';
    await bot.moderation.recordReply({ platform: 'slack', channelId: 'C1', messageId: '1.1', claimId: 'khan-impeached', kind: 'passive', sentAt: new Date().toISOString(), triggerText: trigger });
    await cli.moderation.edit(shell, 'khan-impeached', { note: CLI_NOTE });
    expect(await bot.moderation.feedback(sara, 'slack', 'C1', '1.1', 'not-relevant')).toBe('removed');
    const latest = (await cli.moderation.history('khan-impeached')).at(-1);
    expect(latest).toMatchObject({ version: 2, action: 'counter-example', after: { note: CLI_NOTE, counterExamples: expect.arrayContaining([trigger]) } });
    expect(await bot.moderation.repliesToUpdate('khan-impeached')).toEqual([]);
  });
});
