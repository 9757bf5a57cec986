import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { DEFAULT_REVIEW } from '../src/core/review/review-policy.ts';

const root = path.resolve(import.meta.dirname, '..');
const example = readFileSync(path.join(root, '.env.example'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const config = readFileSync(path.join(root, 'src/config.ts'), 'utf8');
const variables = [...config.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1] as string);

describe('.env.example and the README', () => {
  it('list, with a comment, every variable the configuration reads', () => {
    expect(variables.length).toBeGreaterThan(20);
    for (const name of variables) {
      expect(example, `${name} in .env.example`).toMatch(new RegExp(`#.*\\n#?${name}=`));
      expect(readme, `${name} in README`).toContain(`\`${name}\``);
    }
  });

  it('is a valid configuration as copied, with the defaults the code uses', () => {
    const env = Object.fromEntries([...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    const parsed = readConfig(env);
    expect(parsed.discord).toBeUndefined();
    expect(parsed.slack).toBeUndefined();
    const commented = Object.fromEntries([...example.matchAll(/^#([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(Number(commented['REPLY_THRESHOLD'])).toBe(DEFAULT_POLICY.replyThreshold);
    expect(readConfig(commented).policy.replyThreshold).toBe(DEFAULT_POLICY.replyThreshold);
    expect(Number(commented['REVIEW_THRESHOLD'])).toBe(DEFAULT_REVIEW.reviewThreshold);
  });
});
