import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';

/** The PostgreSQL server of this run (see global-setup.ts), or undefined when there is none. */
export const postgresUrl = inject('postgresUrl');

/** `describe` for suites that need PostgreSQL; skipped (global-setup said why, once) when there is none. */
export const describeWithPostgres = describe.skipIf(postgresUrl === undefined);

/** Creates an empty database on the test server, so each test file has its own; returns its URL. */
export async function freshDatabase(): Promise<string> {
  if (postgresUrl === undefined) throw new Error('no PostgreSQL server for this run');
  const name = `factcheck_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
