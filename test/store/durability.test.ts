import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('the moderation store', () => {
  it('keeps every acknowledged change when the writer is killed with SIGKILL mid-burst, and reopens cleanly', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'burst-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/store/write-burst.ts'), dataDir, path.join(root, 'knowledge')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked = new Map<string, number>();
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const [, id, version] = line.split(' ');
          if (id !== undefined && version !== undefined) acked.set(id, Number(version));
        }
        if ([...acked.values()].reduce((a, b) => a + b, 0) >= 60 && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code} before being killed`))));
    });
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');

    const store = SqliteStore.inDataDir(dataDir);
    try {
      for (const [id, version] of acked) {
        const stored = await store.history(id);
        expect(stored.length, id).toBeGreaterThanOrEqual(version);
        // Versions are whole: each one parses and adds exactly one phrasing to the one before.
        stored.forEach((v, i) => expect(v.version).toBe(i + 1));
        expect(stored[version - 1]?.after.phrasings.some((p) => p.startsWith('burst phrasing'))).toBe(true);
      }
      expect(store.integrityCheck()).toBe('ok');
    } finally {
      await store.close();
    }
  }, 60_000);
});
