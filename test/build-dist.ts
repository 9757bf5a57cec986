import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The tests run bin/factcheck.js as people do, so they run the dist/ built from these sources. */
export default function buildDist(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
