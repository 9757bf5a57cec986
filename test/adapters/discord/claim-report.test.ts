import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyText } from '../../../src/adapters/discord/claim-report.ts';
import { claimHistory } from '../../../src/adapters/slack/claim-reports.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import type { ClaimVersion } from '../../../src/core/store/moderation-store.ts';

const [claim] = loadKnowledge([path.resolve(import.meta.dirname, '../../../knowledge')]);

describe('claim history on every surface', () => {
  // The shell's order is checked where the command runs: test/cli/claim-commands.test.ts.
  it('lists the newest change first on Discord, as on Slack', () => {
    if (claim === undefined) throw new Error('no shipped claim');
    const versions: ClaimVersion[] = [
      { claimId: claim.id, version: 1, action: 'edit', actor: 'first-editor', platform: 'discord', at: '2025-01-01T10:00:00.000Z', before: claim, after: { ...claim, note: 'one' } },
      { claimId: claim.id, version: 2, action: 'edit', actor: 'second-editor', platform: 'slack', at: '2025-01-02T10:00:00.000Z', before: { ...claim, note: 'one' }, after: { ...claim, note: 'two' } },
    ];
    const discord = historyText(claim.id, versions);
    const slack = JSON.stringify(claimHistory(claim.id, versions));
    for (const text of [discord, slack]) expect(text.indexOf('second-editor')).toBeLessThan(text.indexOf('first-editor'));
    expect(discord).toContain('(newest first)');
  });
});

