import { StoreFailure } from '../../core/store/store-failure.ts';

/** A SQLite or file-system error as the StoreFailure the operator can act on; anything else unchanged. */
export function sqliteFailure(error: unknown, dataDir: string | null): unknown {
  if (error instanceof StoreFailure || typeof error !== 'object' || error === null) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const where = dataDir === null ? 'the in-memory store' : `DATA_DIR=${dataDir}`;
  const file = dataDir === null ? 'the store' : 'factcheck.db';
  const cause = { cause: error };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreFailure('full', `${where}: no space left to write ${file} (${code}); free space on that disk or set DATA_DIR to one with room. Nothing was saved.`, cause);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StoreFailure('corrupt', `${where}: ${file} is damaged or not a SQLite database (${code}); the bot leaves it untouched. Restore it from a backup, or move it aside to start with an empty store (the moderators' changes in it are then lost).`, cause);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EEXIST') {
    return new StoreFailure('unwritable', `${where}: cannot create or write ${file} there (${code}); make that folder writable by the user the bot runs as, or set DATA_DIR to one that is.`, cause);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreFailure('failed', `${where}: the disk failed while reading or writing ${file} (${code}); check the disk, then restart the bot.`, cause);
  }
  return error;
}
