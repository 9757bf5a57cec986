/**
 * The behaviour every store engine promises, run against each (store-contract-*.test.ts). `open`
 * gives a fresh store; `second` opens another handle on the same data, as another process would.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/core/claim.ts';
import { VersionConflict, type ClaimChange, type ClaimVersion, type ModerationStore, type ReplyLimits } from '../../src/core/store/moderation-store.ts';

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
        expect(await store.stats('2026-11-20T00:00:00.000Z')).toEqual([{ claimId: base.id, replies: 1, helpful: 1, notRelevant: 1, corrections: 0 }]);
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
