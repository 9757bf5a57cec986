#!/usr/bin/env node
// The `factcheck` command: runs the compiled JavaScript in dist/, which `npm install` builds.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('factcheck: dist/ is missing; run `npm install` (or `npm run build`) in the project folder first.\n');
  process.exit(1);
}
const { runFromShell } = await import(cli.href);
await runFromShell();
