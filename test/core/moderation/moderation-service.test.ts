import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModerationInputError, PermissionDenied, UnknownClaim, type Actor } from '../../../src/core/moderation/actor.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { VersionConflict } from '../../../src/core/store/moderation-store.ts';

const knowledge = path.resolve(import.meta.dirname, '../../../knowledge');
const sara: Actor = { id: 'u-sara', name: 'Sara', platform: 'discord', isModerator: true };
const omar: Actor = { id: 'u-omar', name: 'Omar', platform: 'slack', isModerator: true };
const member: Actor = { id: 'u-ali', name: 'Ali', platform: 'discord', isModerator: false };
const EVIDENCE = "Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.";

const opened: FactCheckCore[] = [];
async function core(dataDir = mkdtempSync(path.join(tmpdir(), 'mod-'))): Promise<FactCheckCore> {
  const c = await openFactCheckCore({ knowledge: [knowledge], dataDir });
  opened.push(c);
  return c;
}
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

describe('moderation service', () => {
  it('adds a claim that is matched at once, and records who added it', async () => {
    const c = await core();
    await c.moderation.add(sara, {
      id: 'trump-regime-change-khan', verdict: 'misleading', claim: 'Trump will order regime change to bring Imran Khan back',
      note: 'The analysis of 11 November 2024 says Trump has said he opposes regime change operations on foreign soil.',
      evidence: [EVIDENCE], phrasings: ['trump regime change karwa ke imran khan ko wapis laye ga'],
    });
    expect((await c.checker.judge('trump regime change karwa ke imran khan ko wapis laye ga')).decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-regime-change-khan' } } });
    const [version] = await c.moderation.history('trump-regime-change-khan');
    expect(version).toMatchObject({ version: 1, action: 'add', actor: 'Sara', platform: 'discord', before: undefined });
  });

  it('refuses a member who is not a moderator, and changes nothing', async () => {
    const c = await core();
    await expect(c.moderation.edit(member, 'khan-impeached', { note: 'changed' })).rejects.toThrow(PermissionDenied);
    await expect(c.moderation.pushCorrection(member, 'khan-impeached', 'Khan ka impeachment')).rejects.toThrow(/Only moderators/);
    expect(await c.moderation.history('khan-impeached')).toEqual([]);
  });

  it.each([
    [{ note: '' }, 'note'],
    [{ note: 'x'.repeat(501) }, 'note'],
    [{ verdict: 'pants-on-fire' }, 'verdict'],
    [{ evidence: ['words that are not in the source document'] }, 'evidence.0'],
  ])('refuses bad input %j with a message naming the field, and stores nothing', async (input, field) => {
    const c = await core();
    try {
      await c.moderation.edit(sara, 'khan-impeached', input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModerationInputError);
      expect((error as ModerationInputError).problems[0]?.field ?? (error as Error).message).toContain(field);
    }
    expect(await c.moderation.history('khan-impeached')).toEqual([]);
  });

  it('refuses to add a claim whose id exists', async () => {
    await expect((await core()).moderation.add(sara, { id: 'khan-impeached', verdict: 'false', claim: 'x', note: 'y', evidence: [EVIDENCE] })).rejects.toThrow(/already exists/);
  });

  it('names an unknown claim id', async () => {
    const c = await core();
    expect(() => c.moderation.show('no-such-claim')).toThrow(UnknownClaim);
  });

  it('refuses the second of two edits made from the same version, naming who changed it', async () => {
    const c = await core();
    const { version } = c.moderation.show('khan-impeached');
    await c.moderation.edit(sara, 'khan-impeached', { note: 'The analysis says Khan was removed by a vote of no confidence in 2022.' }, version);
    await expect(c.moderation.edit(omar, 'khan-impeached', { note: 'Another note.' }, version)).rejects.toThrow(VersionConflict);
    await expect(c.moderation.edit(omar, 'khan-impeached', { note: 'Another note.' }, version)).rejects.toThrow(/changed by Sara a moment ago/);
  });

  it('retires a claim so it is no longer matched', async () => {
    const c = await core();
    const text = 'Trump ne Imran Khan ko riha karwane ka wada kiya';
    expect((await c.checker.judge(text)).decision.decision).toBe('reply');
    await c.moderation.retire(sara, 'trump-promised-khan-release');
    expect((await c.checker.judge(text)).matches.map((m) => m.claim.id)).not.toContain('trump-promised-khan-release');
  });

  it('teaches a pushed correction so the same words from someone else are caught', async () => {
    const c = await core();
    const missed = 'Orange man ne sign kar diya, qaidi number 804 ghar aa raha hai';
    expect((await c.checker.judge(missed)).decision.decision).toBe('none');
    const { reply, taught } = await c.moderation.pushCorrection(sara, 'trump-promised-khan-release', missed, 'not true');
    expect(taught).toBe(true);
    expect(reply.claimId).toBe('trump-promised-khan-release');
    expect((await c.checker.judge('orange man ne sign kar diya!! qaidi number 804 ghar aa raha hai')).decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-promised-khan-release' } } });
    expect((await c.moderation.history('trump-promised-khan-release'))[0]).toMatchObject({ action: 'teach', comment: 'not true' });
  });

  it("counts members' feedback once each, and a moderator's 'not relevant' stops the text triggering the claim", async () => {
    const c = await core();
    const text = 'the trump video where he promises to free imran khan';
    expect((await c.checker.judge(text)).decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-khan-release-video' } } });
    await c.moderation.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'r1', claimId: 'trump-khan-release-video', kind: 'passive', sentAt: new Date().toISOString(), triggerText: text });
    expect(await c.moderation.feedback(member, 'discord', 'c1', 'r1', 'helpful')).toBe('counted');
    expect(await c.moderation.feedback(member, 'discord', 'c1', 'r1', 'helpful')).toBe('already-counted');
    expect(await c.moderation.feedback(member, 'discord', 'c1', 'r1', 'not-relevant')).toBe('counted');
    expect((await c.checker.judge(text)).decision.decision).toBe('reply');
    expect(await c.moderation.feedback(sara, 'discord', 'c1', 'r1', 'not-relevant')).toBe('removed');
    expect((await c.checker.judge(text)).decision).not.toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-khan-release-video' } } });
    expect((await c.moderation.stats()).days7).toEqual([{ claimId: 'trump-khan-release-video', replies: 1, helpful: 1, notRelevant: 2, corrections: 0, suggestionsAccepted: 0, suggestionsRejected: 0 }]);
  });

  it('hands each platform its recent replies to edit when a note changes', async () => {
    const c = await core();
    const edited: string[] = [];
    c.moderation.onReplyUpdate('slack', (sent, reply) => {
      edited.push(`${sent.messageId}:${reply.note}`);
    });
    const sentAt = new Date().toISOString();
    await c.moderation.recordReply({ platform: 'slack', channelId: 'C1', messageId: '1.1', claimId: 'khan-impeached', kind: 'passive', sentAt });
    await c.moderation.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'd1', claimId: 'khan-impeached', kind: 'passive', sentAt });
    await c.moderation.recordReply({ platform: 'slack', channelId: 'C1', messageId: '0.9', claimId: 'khan-impeached', kind: 'passive', sentAt: '2020-01-01T00:00:00.000Z' });
    await c.moderation.edit(sara, 'khan-impeached', { note: 'New note from the analysis.' });
    await new Promise((r) => setTimeout(r, 10));
    expect(edited).toEqual(['1.1:New note from the analysis.']);
  });

  it('sees changes made by another process through the shared store', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mod-'));
    const bot = await core(dataDir);
    const cli = await core(dataDir);
    await cli.moderation.retire({ ...sara, platform: 'cli' }, 'trump-promised-khan-release');
    expect(bot.moderation.show('trump-promised-khan-release').claim.status).toBe('published');
    await bot.catalog.sync();
    expect(bot.moderation.show('trump-promised-khan-release').claim.status).toBe('retired');
  });
});
