/**
 * A disk that can be filled, without root: the command runs in its own user and mount namespace
 * (`unshare -rm`) with DATA_DIR on a small tmpfs, and the test fills that tmpfs through
 * /proc/<pid>/root, so SQLite meets a real ENOSPC (SQLITE_FULL).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Whether this machine lets an unprivileged process mount a tmpfs in a namespace of its own. */
export function smallDisksWork(): boolean {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /tmp && echo ok'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() === 'ok';
}

/** Runs `command` with `dataDir` replaced, inside its namespace, by an empty tmpfs of `sizeKb`. */
export function spawnOnSmallDisk(command: string[], options: { dataDir: string; sizeKb: number; cwd: string; env: NodeJS.ProcessEnv }): ChildProcess {
  const script = 'mount -t tmpfs -o size="$SMALL_DISK_KB"k tmpfs "$SMALL_DISK" && exec "$@"';
  return spawn('unshare', ['-rm', 'sh', '-c', script, 'sh', ...command], {
    cwd: options.cwd,
    env: { ...options.env, SMALL_DISK: options.dataDir, SMALL_DISK_KB: String(options.sizeKb) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The path of `dataDir` as the namespaced process sees it (its tmpfs), from outside. */
function inside(pid: number, dataDir: string): string {
  return path.join(`/proc/${pid}/root`, dataDir);
}

/** Fills the process's small disk to the last byte. */
export function fillSmallDisk(pid: number, dataDir: string): void {
  const fd = openSync(path.join(inside(pid, dataDir), 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          writeSync(fd, chunk, 0, size);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Gives the space back. */
export function emptySmallDisk(pid: number, dataDir: string): void {
  rmSync(path.join(inside(pid, dataDir), 'filler'), { force: true });
}
