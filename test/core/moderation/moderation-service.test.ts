import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModerationInputError, PermissionDenied, UnknownClaim, type Actor } from '../../../src/core/moderation/actor.ts';
import { openFactCheckCore, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { VersionConflict } from '../../../src/store/store.ts';

const knowledge = path.resolve(import.meta.dirname, '../../../knowledge');
const sara: Actor = { id: 'u-sara', name: 'Sara', platform: 'discord', isModerator: true };
const omar: Actor = { id: 'u-omar', name: 'Omar', platform: 'slack', isModerator: true };
const member: Actor = { id: 'u-ali', name: 'Ali', platform: 'discord', isModerator: false };
const EVIDENCE = "Trump has a non-interventionist, anti-war stance and has said he opposes regime change operations on foreign soil.";

const opened: FactCheckCore[] = [];
function core(dataDir = mkdtempSync(path.join(tmpdir(), 'mod-'))): FactCheckCore {
  const c = openFactCheckCore({ knowledge: [knowledge], dataDir });
  opened.push(c);
  return c;
}
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

describe('moderation service', () => {
  it('adds a claim that is matched at once, and records who added it', () => {
    const c = core();
    c.moderation.add(sara, {
      id: 'trump-regime-change-khan', verdict: 'misleading', claim: 'Trump will order regime change to bring Imran Khan back',
      note: 'The analysis of 11 November 2024 says Trump has said he opposes regime change operations on foreign soil.',
      evidence: [EVIDENCE], phrasings: ['trump regime change karwa ke imran khan ko wapis laye ga'],
    });
    expect(c.checker.judge('trump regime change karwa ke imran khan ko wapis laye ga').decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-regime-change-khan' } } });
    const [version] = c.moderation.history('trump-regime-change-khan');
    expect(version).toMatchObject({ version: 1, action: 'add', actor: 'Sara', platform: 'discord', before: undefined });
  });

  it('refuses a member who is not a moderator, and changes nothing', () => {
    const c = core();
    expect(() => c.moderation.edit(member, 'khan-impeached', { note: 'changed' })).toThrow(PermissionDenied);
    expect(() => c.moderation.pushCorrection(member, 'khan-impeached', 'Khan ka impeachment')).toThrow(/Only moderators/);
    expect(c.moderation.history('khan-impeached')).toEqual([]);
  });

  it.each([
    [{ note: '' }, 'note'],
    [{ note: 'x'.repeat(501) }, 'note'],
    [{ verdict: 'pants-on-fire' }, 'verdict'],
    [{ evidence: ['words that are not in the source document'] }, 'evidence.0'],
  ])('refuses bad input %j with a message naming the field, and stores nothing', (input, field) => {
    const c = core();
    try {
      c.moderation.edit(sara, 'khan-impeached', input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModerationInputError);
      expect((error as ModerationInputError).problems[0]?.field ?? (error as Error).message).toContain(field);
    }
    expect(c.moderation.history('khan-impeached')).toEqual([]);
  });

  it('refuses to add a claim whose id exists', () => {
    expect(() => core().moderation.add(sara, { id: 'khan-impeached', verdict: 'false', claim: 'x', note: 'y', evidence: [EVIDENCE] })).toThrow(/already exists/);
  });

  it('names an unknown claim id', () => {
    expect(() => core().moderation.show('no-such-claim')).toThrow(UnknownClaim);
  });

  it('refuses the second of two edits made from the same version, naming who changed it', () => {
    const c = core();
    const { version } = c.moderation.show('khan-impeached');
    c.moderation.edit(sara, 'khan-impeached', { note: 'The analysis says Khan was removed by a vote of no confidence in 2022.' }, version);
    expect(() => c.moderation.edit(omar, 'khan-impeached', { note: 'Another note.' }, version)).toThrow(VersionConflict);
    expect(() => c.moderation.edit(omar, 'khan-impeached', { note: 'Another note.' }, version)).toThrow(/changed by Sara a moment ago/);
  });

  it('retires a claim so it is no longer matched', () => {
    const c = core();
    const text = 'Trump ne Imran Khan ko riha karwane ka wada kiya';
    expect(c.checker.judge(text).decision.decision).toBe('reply');
    c.moderation.retire(sara, 'trump-promised-khan-release');
    expect(c.checker.judge(text).matches.map((m) => m.claim.id)).not.toContain('trump-promised-khan-release');
  });

  it('teaches a pushed correction so the same words from someone else are caught', () => {
    const c = core();
    const missed = 'Orange man ne sign kar diya, qaidi number 804 ghar aa raha hai';
    expect(c.checker.judge(missed).decision.decision).toBe('none');
    const { reply, taught } = c.moderation.pushCorrection(sara, 'trump-promised-khan-release', missed, 'not true');
    expect(taught).toBe(true);
    expect(reply.claimId).toBe('trump-promised-khan-release');
    expect(c.checker.judge('orange man ne sign kar diya!! qaidi number 804 ghar aa raha hai').decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-promised-khan-release' } } });
    expect(c.moderation.history('trump-promised-khan-release')[0]).toMatchObject({ action: 'teach', comment: 'not true' });
  });

  it("counts members' feedback once each, and a moderator's 'not relevant' stops the text triggering the claim", () => {
    const c = core();
    const text = 'the trump video where he promises to free imran khan';
    expect(c.checker.judge(text).decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-khan-release-video' } } });
    c.moderation.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'r1', claimId: 'trump-khan-release-video', kind: 'passive', sentAt: new Date().toISOString(), triggerText: text });
    expect(c.moderation.feedback(member, 'discord', 'c1', 'r1', 'helpful')).toBe('counted');
    expect(c.moderation.feedback(member, 'discord', 'c1', 'r1', 'helpful')).toBe('already-counted');
    expect(c.moderation.feedback(member, 'discord', 'c1', 'r1', 'not-relevant')).toBe('counted');
    expect(c.checker.judge(text).decision.decision).toBe('reply');
    expect(c.moderation.feedback(sara, 'discord', 'c1', 'r1', 'not-relevant')).toBe('removed');
    expect(c.checker.judge(text).decision).not.toMatchObject({ decision: 'reply', match: { claim: { id: 'trump-khan-release-video' } } });
    expect(c.moderation.stats().days7).toEqual([{ claimId: 'trump-khan-release-video', replies: 1, helpful: 1, notRelevant: 2, corrections: 0 }]);
  });

  it('hands each platform its recent replies to edit when a note changes', async () => {
    const c = core();
    const edited: string[] = [];
    c.moderation.onReplyUpdate('slack', (sent, reply) => {
      edited.push(`${sent.messageId}:${reply.note}`);
    });
    const sentAt = new Date().toISOString();
    c.moderation.recordReply({ platform: 'slack', channelId: 'C1', messageId: '1.1', claimId: 'khan-impeached', kind: 'passive', sentAt });
    c.moderation.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'd1', claimId: 'khan-impeached', kind: 'passive', sentAt });
    c.moderation.recordReply({ platform: 'slack', channelId: 'C1', messageId: '0.9', claimId: 'khan-impeached', kind: 'passive', sentAt: '2020-01-01T00:00:00.000Z' });
    c.moderation.edit(sara, 'khan-impeached', { note: 'New note from the analysis.' });
    await new Promise((r) => setTimeout(r, 10));
    expect(edited).toEqual(['1.1:New note from the analysis.']);
  });

  it('sees changes made by another process through the shared store', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mod-'));
    const bot = core(dataDir);
    const cli = core(dataDir);
    cli.moderation.retire({ ...sara, platform: 'cli' }, 'trump-promised-khan-release');
    expect(bot.moderation.show('trump-promised-khan-release').claim.status).toBe('published');
    bot.catalog.sync();
    expect(bot.moderation.show('trump-promised-khan-release').claim.status).toBe('retired');
  });
});
