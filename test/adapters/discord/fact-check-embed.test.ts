import { describe, expect, it } from 'vitest';
import { answerReply } from '../../../src/adapters/discord/answer-reply.ts';
import { EMBED_LIMIT, fit } from '../../../src/adapters/discord/embed-limits.ts';
import { factCheckEmbed, sourceLine } from '../../../src/adapters/discord/fact-check-embed.ts';
import type { FactCheckReply } from '../../../src/core/message.ts';
import { VERDICT_STYLE } from '../../../src/core/verdict.ts';

const reply: FactCheckReply = {
  claimId: 'some-claim',
  claim: 'The moon is made of cheese.',
  verdict: 'misleading',
  verdictLabel: 'Misleading',
  note: 'It is mostly rock.',
  evidence: 'Samples returned were basalt.\nNo dairy was found.',
  source: { title: 'Lunar report', date: '2024-01-02', url: 'https://example.org/moon' },
  score: 0.91,
  updated: '2024-02-03',
};

describe('fact-check embed', () => {
  it('shows the verdict in title and colour, the claim and note, quoted evidence, a linked source and the claim id', () => {
    expect(factCheckEmbed(reply)).toEqual({
      title: 'Fact check: Misleading',
      color: VERDICT_STYLE.misleading.colour,
      description: '**Claim:** The moon is made of cheese.\n\nIt is mostly rock.',
      fields: [
        { name: 'Evidence', value: '> Samples returned were basalt.\n> No dairy was found.' },
        { name: 'Source', value: '[Lunar report (2024-01-02)](https://example.org/moon)' },
      ],
      footer: { text: 'Claim some-claim · note updated 2024-02-03' },
    });
  });

  it('leaves out evidence when the claim has none, and does not repeat a date the source title already has', () => {
    const { evidence: _, ...withoutEvidence } = reply;
    const embed = factCheckEmbed({ ...withoutEvidence, source: { title: 'Analysis (2024-01-02)', date: '2024-01-02', file: 'sources/a.txt' } });
    expect(embed.fields).toEqual([{ name: 'Source', value: 'Analysis (2024-01-02)' }]);
  });

  it('keeps every part inside Discord embed limits', () => {
    const long = 'word '.repeat(2000);
    const embed = factCheckEmbed({ ...reply, claim: long, note: long, evidence: long, source: { title: long, file: 'x' }, verdictLabel: long });
    expect(embed.title!.length).toBeLessThanOrEqual(EMBED_LIMIT.title);
    expect(embed.description!.length).toBeLessThanOrEqual(EMBED_LIMIT.description);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMIT.fieldValue);
    expect(embed.title!.endsWith('…')).toBe(true);
  });

  it('cuts text on a character boundary, never inside an emoji', () => {
    expect(fit('🙂🙂🙂🙂', 3)).toBe('🙂🙂…');
    expect(fit('short', 10)).toBe('short');
  });

  it('strips brackets from a linked source title so the link still renders', () => {
    expect(sourceLine({ title: 'Report [draft]', url: 'https://example.org' })).toBe('[Report draft](https://example.org)');
  });
});

describe('/factcheck answer', () => {
  const ranked = { claimId: 'some-claim', claim: reply.claim, verdict: reply.verdict, verdictLabel: reply.verdictLabel, score: 0.42 };

  it('says plainly that nothing known matches, without calling the text true or false', () => {
    expect(answerReply({ text: 'hello   there', matches: [] })).toEqual({
      content: "I couldn't find a fact-checked claim that matches “hello there”. That doesn't mean it is true or false, only that it isn't one of the claims I know about.",
      embeds: [],
    });
  });

  it('lists near matches without a verdict note when none fits closely enough', () => {
    const { embeds } = answerReply({ text: 'cheese', matches: [ranked] });
    expect(embeds[0]?.title).toBe('No close match');
    expect(embeds[0]?.fields).toEqual([{ name: 'Closest known claims', value: '1. **Misleading** · The moon is made of cheese. (match 42%) · `some-claim`' }]);
  });

  it('gives the best note with its evidence and source, then the list of matches', () => {
    const { embeds } = answerReply({ text: 'moon cheese', matches: [{ ...ranked, score: 0.91 }], best: reply });
    expect(embeds[0]?.fields?.map((f) => f.name)).toEqual(['Evidence', 'Source', 'Closest known claims']);
    expect(embeds[0]?.footer?.text).toBe('Claim some-claim · note updated 2024-02-03 · you asked about: moon cheese');
  });
});
