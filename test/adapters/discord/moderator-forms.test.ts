import { describe, expect, it } from 'vitest';
import type { APILabelComponent, APIModalInteractionResponseCallbackData } from 'discord.js';
import { addForm, editForm } from '../../../src/adapters/discord/claim-forms.ts';
import { CUSTOM_ID_MAX, customId, stepOf, type ModeratorStep } from '../../../src/adapters/discord/custom-ids.ts';
import { updatedEmbed } from '../../../src/adapters/discord/moderator-messages.ts';
import type { Claim } from '../../../src/core/claim.ts';
import { replyFor } from '../../../src/core/reply.ts';

const LONGEST_ID = `a${'b'.repeat(79)}`;
const LARGEST_SNOWFLAKE = String(2n ** 64n - 1n);

const claim: Claim = {
  id: LONGEST_ID,
  claim: 'x'.repeat(300),
  verdict: 'misleading',
  note: 'A note.',
  evidence: ['One quote.', 'Another quote.'],
  source: { title: 'Report', file: 'sources/report.txt' },
  phrasings: [],
  counterExamples: [],
  tags: [],
  status: 'published',
  updated: '2026-01-02',
};

describe('moderator custom ids', () => {
  const steps: ModeratorStep[] = [
    { step: 'feedback', kind: 'helpful' },
    { step: 'feedback', kind: 'not-relevant' },
    { step: 'pick-claim', channelId: LARGEST_SNOWFLAKE, messageId: LARGEST_SNOWFLAKE },
    { step: 'search-claims', channelId: LARGEST_SNOWFLAKE, messageId: '1' },
    { step: 'searched', channelId: '1', messageId: LARGEST_SNOWFLAKE },
    { step: 'correct', messageId: LARGEST_SNOWFLAKE, claimId: LONGEST_ID },
    { step: 'add' },
    { step: 'edit', claimId: LONGEST_ID, version: 123456 },
  ];

  it.each(steps)('carries $step within Discord\'s 100 characters, even with the longest ids, and reads back the same', (step) => {
    const id = customId(step);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(stepOf(id)).toEqual(step);
  });

  it('does not mistake a custom_id it did not make for one of its steps', () => {
    for (const id of ['', 'fb:maybe', 'pk:abc:1', 'pc:!!:x', 'ce:-1:x', 'ce:1:', 'something-else']) expect(stepOf(id)).toBeUndefined();
  });
});

describe('claim forms', () => {
  const within = (form: APIModalInteractionResponseCallbackData) => {
    expect(form.title.length).toBeLessThanOrEqual(45);
    expect(form.components.length).toBeLessThanOrEqual(5);
    for (const c of form.components as APILabelComponent[]) {
      expect(c.label.length).toBeLessThanOrEqual(45);
      expect((c.description ?? '').length).toBeLessThanOrEqual(100);
      const input = c.component as { placeholder?: string; value?: string };
      expect((input.placeholder ?? '').length).toBeLessThanOrEqual(100);
      expect((input.value ?? '').length).toBeLessThanOrEqual(4000);
    }
  };

  it('keeps the add and edit forms inside Discord limits (title 45, label 45, description 100, five fields)', () => {
    within(addForm());
    within(editForm(claim, 7));
  });

  it('fills the edit form with the current values, evidence one quote per line, and the version in the custom_id', () => {
    const form = editForm(claim, 7);
    expect(form.custom_id).toBe(`ce:7:${LONGEST_ID}`);
    const values = Object.fromEntries((form.components as APILabelComponent[]).map((c) => [(c.component as { custom_id: string }).custom_id, (c.component as { value?: string }).value]));
    expect(values).toEqual({ verdict: 'misleading', claim: claim.claim, note: 'A note.', evidence: 'One quote.\nAnother quote.' });
  });
});

describe('updated replies', () => {
  const sent = { platform: 'discord' as const, channelId: '1', messageId: '2', claimId: claim.id, sentAt: '2026-01-01T00:00:00Z' };

  it('marks an edited reply "Updated" with the date of the new note, and keeps a correction marked as one', () => {
    const reply = replyFor(claim, 1);
    expect(updatedEmbed({ ...sent, kind: 'passive' }, reply).footer?.text).toBe(`Claim ${claim.id} · Updated 2026-01-02: the note changed after this reply was posted`);
    expect(updatedEmbed({ ...sent, kind: 'passive' }, reply).author).toBeUndefined();
    expect(updatedEmbed({ ...sent, kind: 'correction' }, reply).author).toEqual({ name: 'Moderator correction' });
  });
});
