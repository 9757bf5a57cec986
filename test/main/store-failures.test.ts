import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillSmallDisk, smallDisksWork, spawnOnSmallDisk } from '../fakes/small-disk.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/factcheck.js');
// A platform is configured so `start` gets as far as the store; nothing answers at this address.
const START_ENV = { SLACK_BOT_TOKEN: 'xoxb-store-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9/api/', PORT: '9', LOG_LEVEL: 'info', CI: 'true' };

function run(args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env }, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What the operator sees: no engine error names or stack frames, and the line naming DATA_DIR. */
function expectOneClearLine(output: string, dataDir: string, says: RegExp): void {
  expect(output).not.toMatch(/SqliteError|\n\s+at |node:internal/);
  const lines = output.split('\n').filter((l) => l.includes(`DATA_DIR=${dataDir}`));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(says);
}

describe('a store that cannot be opened or written, at start and in the CLI', () => {
  it('refuses to start on a corrupt factcheck.db with one line naming DATA_DIR, and leaves the file as it was', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'corrupt-'));
    const file = path.join(dataDir, 'factcheck.db');
    writeFileSync(file, Buffer.from('this is not a SQLite database, but someone wants it back '.repeat(100)));
    const before = readFileSync(file);
    const started = run(['start'], { ...START_ENV, DATA_DIR: dataDir });
    expect(started.status).toBe(1);
    expectOneClearLine(started.output, dataDir, /factcheck\.db is damaged or not a SQLite database \(SQLITE_NOTADB\); the bot leaves it untouched\. Restore it from a backup, or move it aside/);
    const shown = run(['claim', 'show', 'khan-impeached'], { DATA_DIR: dataDir });
    expect(shown.status).toBe(1);
    expectOneClearLine(shown.output, dataDir, /^factcheck: DATA_DIR=.*damaged/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses to start when DATA_DIR cannot be created, saying what to do', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'unwritable-'));
    writeFileSync(path.join(parent, 'a-file'), 'not a folder');
    const dataDir = path.join(parent, 'a-file', 'data');
    const started = run(['start'], { ...START_ENV, DATA_DIR: dataDir });
    expect(started.status).toBe(1);
    expectOneClearLine(started.output, dataDir, /cannot create or write factcheck\.db there \(ENOTDIR\); make that folder writable by the user the bot runs as, or set DATA_DIR to one that is\./);
    const edited = run(['claim', 'retire', 'khan-impeached', '--by', 'ops'], { DATA_DIR: dataDir });
    expect(edited.status).toBe(1);
    expectOneClearLine(edited.output, dataDir, /^factcheck: DATA_DIR=.*cannot create or write/);
  });

  it.runIf(smallDisksWork())('on a full disk, start and `claim retire` each print one line naming DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'full-'));
    const onFullDisk = async (args: string[], env: NodeJS.ProcessEnv) => {
      // The command waits for the disk to be filled before it runs.
      const child = spawnOnSmallDisk(['sh', '-c', 'while [ ! -e "$SMALL_DISK/filler-done" ]; do sleep 0.05; done; exec "$@"', 'sh', process.execPath, bin, ...args], {
        dataDir, sizeKb: 256, cwd: root, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], DATA_DIR: dataDir, ...env },
      });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await new Promise((r) => setTimeout(r, 300));
      fillSmallDisk(child.pid!, dataDir);
      writeFileSync(path.join(`/proc/${child.pid}/root`, dataDir, 'filler-done'), '');
      return { status: await exited, output };
    };
    const started = await onFullDisk(['start'], START_ENV);
    expect(started.status).toBe(1);
    expectOneClearLine(started.output, dataDir, /no space left to write factcheck\.db \(SQLITE_FULL\); free space on that disk or set DATA_DIR to one with room\. Nothing was saved\./);
    const retired = await onFullDisk(['claim', 'retire', 'khan-impeached', '--by', 'ops'], {});
    expect(retired.status).toBe(1);
    expectOneClearLine(retired.output, dataDir, /^factcheck: DATA_DIR=.*no space left/);
  }, 60_000);
});
