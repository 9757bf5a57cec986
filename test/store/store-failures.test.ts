import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ModerationStore, SentReply } from '../../src/core/store/moderation-store.ts';
import { StoreFailure } from '../../src/core/store/store-failure.ts';
import { openStore } from '../../src/store/open-store.ts';
import { describeWithPostgres, freshDatabase } from '../postgres/database.ts';
import { capSqlite } from './full-sqlite.ts';

const reply = (messageId: string, triggerText = 'a message'): SentReply => ({
  platform: 'slack', channelId: 'C1', messageId, claimId: 'khan-impeached', kind: 'passive', sentAt: new Date().toISOString(), triggerText,
});

/** What a caller catches: a StoreFailure of this kind, never the engine's own error. */
async function failure(work: Promise<unknown>): Promise<StoreFailure> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreFailure);
  return error as StoreFailure;
}

describe('SQLite store failures come out as StoreFailure, naming DATA_DIR', () => {
  it('a full disk (SQLITE_FULL from SQLite itself) on a write', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sqlite-full-'));
    const store = await openStore({ engine: 'sqlite', dataDir });
    await store.recordReply(reply('1'));
    capSqlite(store);
    // A reply that needs a page the database may not grow into.
    const full = await failure(store.recordReply(reply('2', 'x'.repeat(8_000))));
    expect(full.kind).toBe('full');
    expect(full.message).toBe(`DATA_DIR=${dataDir}: no space left to write factcheck.db (SQLITE_FULL); free space on that disk or set DATA_DIR to one with room. Nothing was saved.`);
    expect(full.forPeople).toMatch(/^Not saved: the bot's storage is full/);
    expect(await store.findReply('slack', 'C1', '1')).toBeDefined(); // reads still work
    await store.close();
  });

  it('a corrupt file at open, left byte for byte as it was', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sqlite-corrupt-'));
    writeFileSync(path.join(dataDir, 'factcheck.db'), 'SQLite format 3\0 but then nothing that makes sense'.repeat(200));
    const before = readFileSync(path.join(dataDir, 'factcheck.db'));
    const corrupt = await failure(openStore({ engine: 'sqlite', dataDir }));
    expect(corrupt.kind).toBe('corrupt');
    expect(corrupt.message).toMatch(/^DATA_DIR=.*: factcheck\.db is damaged or not a SQLite database \(SQLITE_(NOTADB|CORRUPT)\); the bot leaves it untouched/);
    expect(readFileSync(path.join(dataDir, 'factcheck.db')).equals(before)).toBe(true);
  });

  it('a DATA_DIR that cannot be created', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'sqlite-unwritable-'));
    writeFileSync(path.join(parent, 'file'), '');
    const unwritable = await failure(openStore({ engine: 'sqlite', dataDir: path.join(parent, 'file', 'data') }));
    expect(unwritable.kind).toBe('unwritable');
    expect(unwritable.message).toMatch(/cannot create or write factcheck\.db there \(ENOTDIR\)/);
  });
});

describeWithPostgres('PostgreSQL store failures come out as StoreFailure, naming DATABASE_URL but never its value', () => {
  it('a server that cannot be reached', async () => {
    const unreachable = await failure(openStore({ engine: 'postgres', url: 'postgres://bot:s3cret-password@127.0.0.1:9/factcheck' }));
    expect(unreachable.kind).toBe('unreachable');
    expect(unreachable.message).toMatch(/^DATABASE_URL: PostgreSQL cannot be reached \(ECONNREFUSED\)/);
    expect(unreachable.message).not.toContain('s3cret-password');
  });

  it('a database that turned read-only under a running store', async () => {
    const url = await freshDatabase();
    const store: ModerationStore = await openStore({ engine: 'postgres', url, poolSize: 1 });
    await store.recordReply(reply('1'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      // The pool's connection started before the change; end it so the next one is read-only.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name = $2', [name, 'factcheck-bot']);
    } finally {
      await admin.end();
    }
    let readOnly: StoreFailure | undefined;
    // The first query after the kill may meet the closed connection; the next is on a fresh one.
    for (let attempt = 0; attempt < 5 && readOnly?.kind !== 'unwritable'; attempt++) readOnly = await failure(store.recordReply(reply(`r${attempt}`)));
    expect(readOnly?.kind).toBe('unwritable');
    expect(readOnly?.message).toMatch(/^DATABASE_URL: the database user may not write \(25006\)/);
    await store.close();
  });
});

