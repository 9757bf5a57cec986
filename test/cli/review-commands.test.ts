import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFactCheckCore } from '../../src/fact-check-core.ts';
import { UNSURE, UNSURE_CLAIM as CLAIM } from '../fixtures/review-messages.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'factcheck.js');

function factcheck(dataDir: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: '', REVIEW_THRESHOLD: '0.2' } });
}

/** A suggestion as the Discord listener queues it, in the store of `dataDir`; resolves with its id. */
async function suggested(dataDir: string, text: string): Promise<string> {
  const core = await openFactCheckCore({ knowledge: [path.join(root, 'knowledge')], dataDir, review: { reviewThreshold: 0.2 } });
  try {
    const message = { platform: 'discord' as const, teamId: 'g1', channelId: 'c1', messageId: 'm1', authorId: 'u1', authorIsBot: false, authorIsSelf: false, text };
    const heard = await core.checker.hear(message);
    if (heard.action !== 'ignore' || heard.suggestion === undefined) throw new Error(`"${text}" is no suggestion: ${JSON.stringify(heard)}`);
    const queued = await core.moderation.suggest(message, heard.suggestion, { link: 'https://discord.com/channels/g1/c1/m1' });
    if (queued.outcome !== 'queued') throw new Error(`not queued: ${queued.outcome}`);
    return queued.suggestion.id;
  } finally {
    await core.close();
  }
}

describe('factcheck review (the review queue from the shell)', { timeout: 60_000 }, () => {
  it('lists what waits, accepts it once (naming who decided when asked again), and claim stats counts it', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-review-'));
    const id = await suggested(data, UNSURE);
    const listed = factcheck(data, ['review', 'list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(new RegExp(`^${id}  discord  \\S+ \\S+ UTC  \\(waiting for a moderator until \\d{4}-\\d{2}-\\d{2}\\)\\n  "${UNSURE.replace('?', '\\?')}"\\n  https://discord.com/channels/g1/c1/m1\\n  held back: the best match scored \\d+%, under the 50% it needs to reply on its own\\n  1\\. ${CLAIM}  \\d+%  `));
    expect(factcheck(data, ['review', 'accept', id]).stderr).toContain('--by NAME is required');

    const accepted = factcheck(data, ['review', 'accept', id, '--by', 'nadia', '--reply']);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toBe(`Accepted ${id}: the message is a phrasing of ${CLAIM}; messages like it are now answered on their own.\nThe bot replies to the message with the note of ${CLAIM} from discord, where the card is.\n`);
    const again = factcheck(data, ['review', 'reject', id, '--by', 'omar']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^factcheck: suggestion ${id} was already accepted by nadia \\(cli, .* UTC\\): it is ${CLAIM}; the bot is replying to the message with the note\\nNothing was stored.`));
    expect(factcheck(data, ['review', 'list']).stdout).toBe('No suggestions are waiting for review.\n');
    expect(factcheck(data, ['claim', 'stats']).stdout).toMatch(new RegExp(`  ${CLAIM}: 0 replies, 0 helpful, 0 not relevant, 0 corrections, suggestions 1 accepted / 0 rejected`));
  });

  it('in chat --moderator, queues what the bot held back on and decides it with /review', () => {
    const data = mkdtempSync(path.join(tmpdir(), 'cli-review-'));
    const first = factcheck(data, ['chat', '--moderator'], `${UNSURE}\n/review\n/quit\n`);
    const id = first.stdout.match(/\(not sure: suggested for review as ([0-9a-f]{12}); \/review lists it\)/)?.[1];
    expect(id, first.stdout).toBeDefined();
    expect(first.stdout).toContain(`${id}  terminal  `);
    expect(first.stdout).toContain(`  1. ${CLAIM}  `);

    const second = factcheck(data, ['chat', '--moderator'], `/review reject ${id}\n/review reject ${id}\n/claim stats\n/quit\n`);
    expect(second.stdout).toMatch(new RegExp(`Rejected ${id}: not a claim. It is now a counter-example of ${CLAIM}`));
    expect(second.stdout).toMatch(new RegExp(`Not changed: suggestion ${id} was already rejected by \\S+ \\(terminal, .*\\): not a claim`));
    expect(second.stdout).toContain('suggestions 0 accepted / 1 rejected');

    const member = factcheck(data, ['chat'], '/review\n/quit\n');
    expect(member.stdout).toContain('Only moderators can use /review. Start the chat with: npx factcheck chat --moderator');
  });
});
