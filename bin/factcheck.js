#!/usr/bin/env node
// The `factcheck` command: runs the TypeScript sources through tsx, so a fresh clone needs no build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
