/**
 * Gives the tests a PostgreSQL server: TEST_DATABASE_URL when set (.ci/run starts one), else a
 * throwaway cluster started here and stopped after the run. When none can be started, the tests
 * that need one are skipped with one line, except under CI=true, where that fails the run.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may create databases on; undefined when none could be started. */
    postgresUrl: string | undefined;
  }
}

const CLUSTER = path.join(import.meta.dirname, 'cluster.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env['TEST_DATABASE_URL'];
  if (given !== undefined && given !== '') {
    project.provide('postgresUrl', given);
    return undefined;
  }
  let output: string;
  try {
    output = execFileSync('bash', [CLUSTER, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const why = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? (error as Error).message;
    if (process.env['CI'] === 'true') throw new Error(`CI needs PostgreSQL for the store tests and none could be started: ${why}`);
    process.stdout.write(`PostgreSQL tests skipped: no server could be started (${why}); set TEST_DATABASE_URL or install postgresql.\n`);
    project.provide('postgresUrl', undefined);
    return undefined;
  }
  const values = Object.fromEntries(output.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  project.provide('postgresUrl', values['TEST_DATABASE_URL']);
  return () => {
    execFileSync('bash', [CLUSTER, 'stop', values['TEST_PG_DIR'] ?? ''], { stdio: 'ignore' });
  };
}
