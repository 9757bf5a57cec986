import { StoreFailure } from '../../core/store/store-failure.ts';

// SQLSTATE classes: 08 connection, 57P operator intervention (shutdown), 53 insufficient resources, XX internal.
const UNREACHABLE = /^(08|57P)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/;

/** A PostgreSQL or network error as the StoreFailure the operator can act on; anything else unchanged. Never shows the URL. */
export function postgresFailure(error: unknown): unknown {
  if (error instanceof StoreFailure || !(error instanceof Error)) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const cause = { cause: error };
  if (UNREACHABLE.test(code) || /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(error.message)) {
    return new StoreFailure('unreachable', `DATABASE_URL: PostgreSQL cannot be reached (${code || error.message}); check that the server is up and the address, user and password are right. Nothing was saved.`, cause);
  }
  if (code.startsWith('28') || code === '3D000') {
    return new StoreFailure('unreachable', `DATABASE_URL: PostgreSQL refused the connection (${code}: ${error.message}); check the user, password and database name in it.`, cause);
  }
  if (code === '53100') return new StoreFailure('full', `DATABASE_URL: the PostgreSQL server's disk is full (${code}); free space on it. Nothing was saved.`, cause);
  if (code === 'XX001' || code === 'XX002') return new StoreFailure('corrupt', `DATABASE_URL: PostgreSQL reports damaged data (${code}); restore the database from a backup.`, cause);
  if (code === '25006' || code === '42501') {
    return new StoreFailure('unwritable', `DATABASE_URL: the database user may not write (${code}); connect to a primary, not a read replica, as a user who owns the bot's tables.`, cause);
  }
  if (code.startsWith('53')) return new StoreFailure('failed', `DATABASE_URL: PostgreSQL is out of resources (${code}: ${error.message}); see the server's log.`, cause);
  return error;
}
