import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

describe('the SQLite store', async () => {
  it("keeps who posted a correction and their comment, so an update can show them again", async () => {
    const store = new SqliteStore(':memory:');
    await store.recordReply({
      platform: 'slack', channelId: 'C1', messageId: '1.2', claimId: 'khan-impeached', kind: 'correction', sentAt: '2026-11-27T10:00:00.000Z',
      postedBy: 'Sara', comment: 'old clip, please read',
    });
    expect(await store.findReply('slack', 'C1', '1.2')).toMatchObject({ postedBy: 'Sara', comment: 'old clip, please read' });
    expect(await store.repliesAbout('khan-impeached', '2026-11-01T00:00:00.000Z')).toHaveLength(1);
    await store.markReplyRemoved('slack', 'C1', '1.2', '2026-11-27T11:00:00.000Z');
    expect(await store.repliesAbout('khan-impeached', '2026-11-01T00:00:00.000Z')).toEqual([]);
    await store.close();
  });

  it('opens a store written before replies kept their moderator and comment, and keeps its rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'old-store-'));
    const old = new Database(path.join(dir, 'factcheck.db'));
    old.exec(`CREATE TABLE replies (platform TEXT NOT NULL, channel_id TEXT NOT NULL, message_id TEXT NOT NULL, in_reply_to TEXT, thread_id TEXT,
      claim_id TEXT NOT NULL, kind TEXT NOT NULL, sent_at TEXT NOT NULL, trigger_text TEXT, removed_at TEXT, PRIMARY KEY (platform, channel_id, message_id))`);
    old.prepare(`INSERT INTO replies (platform, channel_id, message_id, claim_id, kind, sent_at) VALUES ('discord', 'c1', 'm1', 'khan-impeached', 'passive', '2026-11-20T00:00:00.000Z')`).run();
    old.close();
    const store = SqliteStore.inDataDir(dir);
    expect(await store.findReply('discord', 'c1', 'm1')).toMatchObject({ claimId: 'khan-impeached', kind: 'passive' });
    await store.recordReply({ platform: 'discord', channelId: 'c1', messageId: 'm2', claimId: 'khan-impeached', kind: 'announcement', sentAt: '2026-11-27T00:00:00.000Z', postedBy: 'Omar' });
    expect((await store.findReply('discord', 'c1', 'm2'))?.postedBy).toBe('Omar');
    expect(store.integrityCheck()).toBe('ok');
    await store.close();
  });
});
