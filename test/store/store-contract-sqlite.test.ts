import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { storeContract } from './store-contract.ts';

storeContract('SQLite', {
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), 'contract-'));
    return { store: SqliteStore.inDataDir(dir), second: async () => SqliteStore.inDataDir(dir) };
  },
});
