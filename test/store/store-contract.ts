/**
 * The behaviour every store engine promises, run against each (store-contract-*.test.ts). `open`
 * gives a fresh store; `second` opens another handle on the same data, as another process would.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/core/claim.ts';
import { VersionConflict, type ClaimChange, type ClaimVersion, type DecisionRequest, type ModerationStore, type NewSuggestion, type ReplyLimits } from '../../src/core/store/moderation-store.ts';

export interface StoreUnderTest {
  open(): Promise<{ store: ModerationStore; second: () => Promise<ModerationStore> }>;
}

const base: Claim = {
  id: 'khan-impeached', claim: 'Imran Khan was impeached.', verdict: 'misleading', note: 'A vote of no confidence, not an impeachment.',
  evidence: [], source: { title: 'Analysis', file: 'sources/article-2024-11-11.txt' }, phrasings: ['Imran Khan was impeached'],
  counterExamples: [], tags: [], status: 'published', updated: '2024-11-11',
};

/** A change adding a phrasing to whatever is latest (the base when nothing is stored). */
function addPhrasing(phrasing: string, actor = 'Sara') {
  return (latest: ClaimVersion | undefined): ClaimChange => {
    const before = latest?.after ?? base;
    return { claimId: base.id, action: 'edit', actor, platform: 'cli', at: new Date().toISOString(), before, after: { ...before, phrasings: [...before.phrasings, phrasing] } };
  };
}

/** A suggestion from channel `channel` at minute `minute` after T0, about `claimId` by default. */
function suggestion(id: string, fields: Partial<NewSuggestion> & { minute?: number } = {}): NewSuggestion {
  const { minute = 0, ...rest } = fields;
  const at = T0 + minute * 60_000;
  return {
    id, platform: 'discord', teamId: 'g1', channelId: 'c1', messageId: `m-${id}`, link: `https://discord.com/channels/g1/c1/m-${id}`,
    excerpt: `IK was impeached, ${id}`, textKey: `key-${id}`, reason: 'unsure', candidates: [{ claimId: base.id, score: 0.27 }, { claimId: 'other-claim', score: 0.22 }],
    replyThreshold: 0.32, createdAt: new Date(at).toISOString(), expiresAt: new Date(at + 14 * 86_400_000).toISOString(), ...rest,
  };
}
const REVIEW_LIMITS = { perChannelPerHour: 2, perTeamPerHour: 3 };
const decision = (by: string, fields: Partial<DecisionRequest> = {}): DecisionRequest => ({
  status: 'accepted', claimId: base.id, by, byId: `id-${by}`, platform: 'discord', at: new Date(T0 + 3_600_000).toISOString(), reply: false, ...fields,
});

const LIMITS: ReplyLimits = { cooldownMs: 600_000, channelRepliesPerMinute: 2, globalRepliesPerMinute: 3 };
const T0 = Date.parse('2026-11-27T10:00:00.000Z');

export function storeContract(engine: string, subject: StoreUnderTest, describeFor: (name: string, suite: () => void) => void = describe): void {
  describeFor(`the ${engine} store`, () => {
    const opened: ModerationStore[] = [];
    const open = async () => {
      const { store, second } = await subject.open();
      opened.push(store);
      return {
        store,
        second: async () => {
          const other = await second();
          opened.push(other);
          return other;
        },
      };
    };
    const closeAll = async () => {
      for (const store of opened.splice(0)) await store.close();
    };

    it('numbers versions from 1, keeps each whole, and lists the latest of every claim', async () => {
      const { store } = await open();
      try {
        await store.appendVersion(base.id, addPhrasing('first'), 0);
        await store.appendVersion(base.id, addPhrasing('second'), 1);
        const history = await store.history(base.id);
        expect(history.map((v) => v.version)).toEqual([1, 2]);
        expect(history[1]?.after.phrasings.slice(-2)).toEqual(['first', 'second']);
        expect(history[1]?.before?.phrasings.at(-1)).toBe('first');
        expect((await store.latestVersions()).map((v) => [v.claimId, v.version])).toEqual([[base.id, 2]]);
      } finally {
        await closeAll();
      }
    });

    it('refuses a change made from an older version, naming who changed it, and writes nothing', async () => {
      const { store } = await open();
      try {
        await store.appendVersion(base.id, addPhrasing('by sara', 'Sara'), 0);
        await expect(store.appendVersion(base.id, addPhrasing('by omar', 'Omar'), 0)).rejects.toThrow(VersionConflict);
        await expect(store.appendVersion(base.id, addPhrasing('by omar', 'Omar'), 0)).rejects.toThrow(/changed by Sara/);
        expect(await store.history(base.id)).toHaveLength(1);
      } finally {
        await closeAll();
      }
    });

    it("builds a change on the latest stored version, so another process's change a moment ago is kept", async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        await other.appendVersion(base.id, addPhrasing('from the CLI'));
        // This process has not seen the CLI's version; the change still starts from it.
        const written = await store.appendVersion(base.id, addPhrasing('from a modal'));
        expect(written?.version).toBe(2);
        expect(written?.after.phrasings.slice(-2)).toEqual(['from the CLI', 'from a modal']);
      } finally {
        await closeAll();
      }
    });

    it('lets exactly one of two processes write from the same version at the same moment', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const results = await Promise.allSettled([store.appendVersion(base.id, addPhrasing('a'), 0), other.appendVersion(base.id, addPhrasing('b'), 0)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof VersionConflict)).toHaveLength(1);
        expect(await store.history(base.id)).toHaveLength(1);
      } finally {
        await closeAll();
      }
    });

    it('writes nothing when the change finds nothing to do or throws', async () => {
      const { store } = await open();
      try {
        expect(await store.appendVersion(base.id, () => undefined)).toBeUndefined();
        await expect(store.appendVersion(base.id, () => { throw new Error('bad input'); })).rejects.toThrow('bad input');
        expect(await store.history(base.id)).toEqual([]);
        expect(await store.changeMark()).toBe(0);
      } finally {
        await closeAll();
      }
    });

    it('moves its change mark with every version, whichever process wrote it', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const before = await store.changeMark();
        let told = 0;
        store.onVersionWritten(() => told++);
        await other.appendVersion(base.id, addPhrasing('elsewhere'));
        expect(await store.changeMark()).toBeGreaterThan(before);
        if (store.pushesChanges) await expect.poll(() => told, { timeout: 2_000 }).toBeGreaterThan(0);
      } finally {
        await closeAll();
      }
    });

    it('keeps replies, newest first, and leaves removed ones out', async () => {
      const { store } = await open();
      try {
        const reply = { platform: 'slack' as const, channelId: 'C1', claimId: base.id, kind: 'passive' as const, triggerText: 'IK impeached' };
        await store.recordReply({ ...reply, messageId: '1.1', sentAt: '2026-11-27T10:00:00.000Z', claimVersion: 0 });
        await store.recordReply({ ...reply, messageId: '1.2', sentAt: '2026-11-27T11:00:00.000Z', postedBy: 'Sara', comment: 'old clip' });
        expect((await store.repliesAbout(base.id, '2026-11-01T00:00:00.000Z')).map((r) => r.messageId)).toEqual(['1.2', '1.1']);
        expect(await store.findReply('slack', 'C1', '1.2')).toMatchObject({ postedBy: 'Sara', comment: 'old clip', triggerText: 'IK impeached' });
        expect(await store.findReply('slack', 'C1', '1.1')).toMatchObject({ claimVersion: 0, sentAt: '2026-11-27T10:00:00.000Z' });
        await store.markReplyRemoved('slack', 'C1', '1.2', '2026-11-27T12:00:00.000Z');
        expect((await store.repliesAbout(base.id, '2026-11-01T00:00:00.000Z')).map((r) => r.messageId)).toEqual(['1.1']);
      } finally {
        await closeAll();
      }
    });

    it('hands each earlier reply to one process for editing, once per version, and skips replies already showing it', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const sentAt = '2026-11-27T10:00:00.000Z';
        for (let i = 0; i < 20; i++) await store.recordReply({ platform: 'discord', channelId: 'c1', messageId: `m${i}`, claimId: base.id, kind: 'passive', sentAt, claimVersion: 0 });
        await store.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'fresh', claimId: base.id, kind: 'passive', sentAt, claimVersion: 1 });
        await store.recordReply({ platform: 'slack', channelId: 'C1', messageId: '9.9', claimId: base.id, kind: 'passive', sentAt, claimVersion: 0 });
        const work = { platform: 'discord' as const, claimId: base.id, version: 1, since: '2026-11-01T00:00:00.000Z' };
        const [mine, theirs] = await Promise.all([store.claimReplyUpdates(work), other.claimReplyUpdates(work)]);
        const taken = [...mine, ...theirs].map((r) => r.messageId).sort();
        expect(taken).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`).sort());
        expect(await store.claimReplyUpdates(work)).toEqual([]);
        expect((await store.claimReplyUpdates({ ...work, version: 2 })).length).toBe(21);
      } finally {
        await closeAll();
      }
    });

    it("counts one feedback press per person and kind, and sums them per claim", async () => {
      const { store } = await open();
      try {
        await store.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'r1', claimId: base.id, kind: 'passive', sentAt: '2026-11-27T10:00:00.000Z' });
        const press = { platform: 'discord' as const, channelId: 'c1', replyMessageId: 'r1', userId: 'u1', byModerator: false, at: '2026-11-27T10:01:00.000Z' };
        expect(await store.recordFeedback({ ...press, kind: 'helpful' })).toBe(true);
        expect(await store.recordFeedback({ ...press, kind: 'helpful' })).toBe(false);
        expect(await store.recordFeedback({ ...press, kind: 'not-relevant' })).toBe(true);
        expect(await store.stats('2026-11-20T00:00:00.000Z')).toEqual([{ claimId: base.id, replies: 1, helpful: 1, notRelevant: 1, corrections: 0, suggestionsAccepted: 0, suggestionsRejected: 0 }]);
      } finally {
        await closeAll();
      }
    });

    it('sees a delivery first in exactly one process, however many get it at once', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const seen = await Promise.all([store.firstSight('slack:trigger:1', T0), other.firstSight('slack:trigger:1', T0), store.firstSight('slack:trigger:1', T0)]);
        expect(seen.filter(Boolean)).toHaveLength(1);
        expect(await other.firstSight('slack:trigger:2', T0)).toBe(true);
      } finally {
        await closeAll();
      }
    });

    it('admits a reply once per message, waits out the cooldown, and holds the caps across processes', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const speak = (s: ModerationStore, delivery: string, channel: string, at = T0, claimId = base.id) => s.admitReply({ delivery, channel, claimId, at, limits: LIMITS });
        const both = await Promise.all([speak(store, 'm1', 'c1'), speak(other, 'm1', 'c1')]);
        expect(both.sort()).toEqual(['duplicate', 'ok']);
        expect(await speak(other, 'm2', 'c1', T0 + 1_000)).toBe('cooldown');
        expect(await speak(store, 'm3', 'c1', T0 + 2_000, 'other-claim')).toBe('ok');
        expect(await speak(other, 'm4', 'c1', T0 + 3_000, 'third-claim')).toBe('channel-cap');
        expect(await speak(store, 'm5', 'c2', T0 + 4_000)).toBe('ok');
        expect(await speak(other, 'm6', 'c3', T0 + 5_000)).toBe('global-cap');
        // After the minute the caps reopen; the claim's cooldown in c1 still holds.
        expect(await speak(store, 'm7', 'c1', T0 + 61_000, 'fourth-claim')).toBe('ok');
        expect(await speak(store, 'm8', 'c1', T0 + 62_000)).toBe('cooldown');
        expect(await speak(other, 'm9', 'c1', T0 + 601_000 + 60_000)).toBe('ok');
      } finally {
        await closeAll();
      }
    });

    it('queues a suggestion once per text and claim, within the caps per channel and per hour, and keeps it whole', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const queued = await store.queueSuggestion(suggestion('s1'), REVIEW_LIMITS);
        expect(queued.outcome).toBe('queued');
        expect(await other.findSuggestion('s1')).toEqual({
          id: 's1', platform: 'discord', teamId: 'g1', channelId: 'c1', messageId: 'm-s1', link: 'https://discord.com/channels/g1/c1/m-s1',
          excerpt: 'IK was impeached, s1', reason: 'unsure', candidates: [{ claimId: base.id, score: 0.27 }, { claimId: 'other-claim', score: 0.22 }],
          replyThreshold: 0.32, createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2026-12-11T10:00:00.000Z', status: 'pending', reply: 'none',
        });
        // The same words about the same claim, from another process and another channel: once is enough.
        expect((await other.queueSuggestion(suggestion('s2', { textKey: 'key-s1', channelId: 'c2' }), REVIEW_LIMITS)).outcome).toBe('duplicate');
        // The same words about another claim are another suggestion.
        const otherClaim = suggestion('s3', { textKey: 'key-s1', candidates: [{ claimId: 'other-claim', score: 0.3 }], minute: 1 });
        expect((await other.queueSuggestion(otherClaim, REVIEW_LIMITS)).outcome).toBe('queued');
        expect((await store.queueSuggestion(suggestion('s4', { minute: 2 }), REVIEW_LIMITS)).outcome).toBe('channel-cap');
        expect((await store.queueSuggestion(suggestion('s5', { channelId: 'c2', minute: 3 }), REVIEW_LIMITS)).outcome).toBe('queued');
        expect((await store.queueSuggestion(suggestion('s6', { channelId: 'c3', minute: 4 }), REVIEW_LIMITS)).outcome).toBe('team-cap');
        expect((await store.queueSuggestion(suggestion('s7', { teamId: 'g2', channelId: 'c9', minute: 4 }), REVIEW_LIMITS)).outcome).toBe('queued');
        // An hour later the channel may have suggestions again.
        expect((await store.queueSuggestion(suggestion('s8', { minute: 61 }), REVIEW_LIMITS)).outcome).toBe('queued');
        const pending = await other.pendingSuggestions(new Date(T0 + 62 * 60_000).toISOString(), 10);
        expect(pending.map((s) => s.id)).toEqual(['s1', 's3', 's5', 's7', 's8']);
      } finally {
        await closeAll();
      }
    });

    it('settles a suggestion once across processes: the second decision gets the first, and nothing after expiry', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        await store.queueSuggestion(suggestion('d1'), REVIEW_LIMITS);
        const both = await Promise.all([store.decideSuggestion('d1', decision('sara')), other.decideSuggestion('d1', decision('omar', { status: 'rejected' }))]);
        expect(both.filter((r) => r.decided)).toHaveLength(1);
        const winner = both.find((r) => r.decided)!.suggestion!;
        const loser = both.find((r) => !r.decided)!.suggestion!;
        expect(loser.decision).toEqual(winner.decision);
        expect(winner.status).toBe(winner.decision?.by === 'sara' ? 'accepted' : 'rejected');
        expect(await store.pendingSuggestions(new Date(T0).toISOString(), 10)).toEqual([]);

        await store.queueSuggestion(suggestion('d2', { textKey: 'key-d2' }), REVIEW_LIMITS);
        const late = await other.decideSuggestion('d2', decision('sara', { at: '2026-12-20T00:00:00.000Z' }));
        expect(late).toMatchObject({ decided: false, suggestion: { status: 'expired' } });
        expect((await store.decideSuggestion('nope', decision('sara'))).suggestion).toBeUndefined();
      } finally {
        await closeAll();
      }
    });

    it('hands each change to a card to one process, expires what waited too long, and asks for a reply once', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const roomy = { perChannelPerHour: 10, perTeamPerHour: 10 };
        for (const id of ['c1', 'c2', 'c3']) {
          await store.queueSuggestion(suggestion(id, { channelId: `ch-${id}` }), roomy);
          await store.attachCard(id, { channelId: 'reviews', messageId: `card-${id}` });
        }
        await store.queueSuggestion(suggestion('c4', { channelId: 'ch-c4', expiresAt: new Date(T0 + 60_000).toISOString() }), roomy);
        await store.attachCard('c4', { channelId: 'reviews', messageId: 'card-c4' });
        expect(await store.claimCardUpdates('discord')).toEqual([]);
        await store.decideSuggestion('c1', decision('sara', { reply: true }));
        await store.decideSuggestion('c2', decision('sara', { status: 'rejected', claimId: undefined }));
        const expired = await other.expireSuggestions(new Date(T0 + 120_000).toISOString());
        expect(expired.map((s) => [s.id, s.status])).toEqual([['c4', 'expired']]);
        const [mine, theirs] = await Promise.all([store.claimCardUpdates('discord'), other.claimCardUpdates('discord')]);
        const taken = [...mine, ...theirs].sort((a, b) => a.id.localeCompare(b.id));
        expect(taken.map((s) => [s.id, s.status, s.reply, s.card?.messageId])).toEqual([
          ['c1', 'accepted', 'requested', 'card-c1'],
          ['c2', 'rejected', 'none', 'card-c2'],
          ['c4', 'expired', 'none', 'card-c4'],
        ]);
        expect(await store.claimCardUpdates('discord')).toEqual([]);
        expect(await store.claimCardUpdates('slack')).toEqual([]);

        expect(await store.requestSuggestionReply('c2')).toBe('not-accepted');
        expect(await store.requestSuggestionReply('c1')).toBe('already-requested');
        await store.decideSuggestion('c3', decision('omar'));
        expect(await Promise.all([store.requestSuggestionReply('c3'), other.requestSuggestionReply('c3')])).toEqual(expect.arrayContaining(['requested', 'already-requested']));
        await other.markSuggestionReplied('c1');
        expect((await store.findSuggestion('c1'))?.reply).toBe('posted');
        expect((await store.claimCardUpdates('discord')).map((s) => s.id).sort()).toEqual(['c1', 'c3']);
      } finally {
        await closeAll();
      }
    });

    it('counts suggestions accepted and rejected per claim in its statistics', async () => {
      const { store } = await open();
      try {
        await store.queueSuggestion(suggestion('t1', { channelId: 'a' }), REVIEW_LIMITS);
        await store.queueSuggestion(suggestion('t2', { channelId: 'b' }), REVIEW_LIMITS);
        await store.queueSuggestion(suggestion('t3', { channelId: 'c' }), REVIEW_LIMITS);
        await store.decideSuggestion('t1', decision('sara'));
        await store.decideSuggestion('t2', decision('sara', { status: 'rejected', claimId: undefined }));
        await store.decideSuggestion('t3', decision('sara', { claimId: 'other-claim' }));
        const stats = await store.stats('2026-11-20T00:00:00.000Z');
        expect(stats.find((s) => s.claimId === base.id)).toMatchObject({ suggestionsAccepted: 1, suggestionsRejected: 2 });
        expect(stats.find((s) => s.claimId === 'other-claim')).toMatchObject({ suggestionsAccepted: 1, suggestionsRejected: 0 });
        expect(await store.stats('2026-11-28T00:00:00.000Z')).toEqual([]);
      } finally {
        await closeAll();
      }
    });

    it('holds a per-channel cap of one when two processes answer two messages in the same instant', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const limits = { ...LIMITS, channelRepliesPerMinute: 1 };
        const verdicts = await Promise.all([
          store.admitReply({ delivery: 'a', channel: 'c9', claimId: 'x', at: T0, limits }),
          other.admitReply({ delivery: 'b', channel: 'c9', claimId: 'y', at: T0, limits }),
        ]);
        expect(verdicts.sort()).toEqual(['channel-cap', 'ok']);
      } finally {
        await closeAll();
      }
    });

    it('holds no cooldown when it is zero, even for a reply another process timed a moment later', async () => {
      const { store, second } = await open();
      const other = await second();
      try {
        const limits = { cooldownMs: 0, channelRepliesPerMinute: 100, globalRepliesPerMinute: 100 };
        expect(await other.admitReply({ delivery: 'later', channel: 'c1', claimId: base.id, at: T0 + 5, limits })).toBe('ok');
        expect(await store.admitReply({ delivery: 'earlier', channel: 'c1', claimId: base.id, at: T0, limits })).toBe('ok');
      } finally {
        await closeAll();
      }
    });
  });
}
