import { describe, expect, it } from 'vitest';
import { answerMessage, replyMessage, SHARE_ACTION_ID } from '../../../src/adapters/slack/fact-check-blocks.ts';
import type { Answer, FactCheckReply } from '../../../src/core/message.ts';
import { pingingMarkup, readableText } from '../../fakes/slack/mentions.ts';

const hostileReply: FactCheckReply = {
  claimId: 'test-claim',
  claim: 'Everyone <!channel> must read <@U1>',
  verdict: 'misleading',
  verdictLabel: 'Misleading',
  note: 'A note with @here and <#C1> & more.',
  evidence: 'First line\n<!everyone> second line',
  source: { title: 'Report | part <2>', date: '2024-11-11', url: 'https://example.com/r?a=1&b=2' },
  score: 0.91,
  updated: '2024-11-12',
};

describe('replyMessage', () => {
  it('shows verdict and emoji, the claim, the note, one quote, the source and the claim id', () => {
    const message = replyMessage(hostileReply);
    const shown = readableText(message as unknown as Record<string, unknown>);
    expect(shown).toContain(':warning: *Misleading:*');
    expect(shown).toContain('A note with @here');
    expect(shown).toContain('>First line\n>&lt;!everyone&gt; second line');
    expect(shown).toContain('<https://example.com/r?a=1&amp;b=2|Report ¦ part &lt;2&gt; (2024-11-11)>');
    expect(shown).toContain('Claim `test-claim`');
    expect(message.text).toContain('Misleading:');
  });

  it('cannot ping anyone, whatever the knowledge text says', () => {
    const message = replyMessage(hostileReply, { sharedBy: '<!here> mallory', correction: { by: '<@U1> eve', comment: '<!channel> read this' }, announcedBy: '@here', revised: '<!x>', feedback: true });
    expect(pingingMarkup(message as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('marks every mrkdwn object verbatim, so Slack does not parse plain @here into a mention', () => {
    const objects = JSON.stringify(replyMessage(hostileReply).blocks).match(/"type":"mrkdwn"[^}]*/g) ?? [];
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(object).toContain('"verbatim":true');
  });
});

describe('answerMessage', () => {
  const ranked = { claimId: 'test-claim', claim: 'c', verdict: 'false' as const, verdictLabel: 'False', score: 0.876 };

  it('lists the matches with their score and offers to share the best one', () => {
    const answer: Answer = { text: '<!channel> is it true?', matches: [ranked, { ...ranked, claimId: 'other', score: 0.4 }], best: hostileReply };
    const message = answerMessage(answer, { threadTs: '1.2' });
    const shown = readableText(message as unknown as Record<string, unknown>);
    expect(shown).toContain('88% match');
    expect(shown).toContain('40% match');
    expect(pingingMarkup(message as unknown as Record<string, unknown>)).toEqual([]);
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ action_id: SHARE_ACTION_ID }] });
    const value = JSON.parse((actions as { elements: Array<{ value: string }> }).elements[0]!.value) as unknown;
    expect(value).toEqual({ claimId: 'test-claim', score: 0.91, threadTs: '1.2' });
  });

  it('offers nothing to share when no claim fits well enough', () => {
    const message = answerMessage({ text: 'hmm', matches: [ranked] });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(message.text).toContain('No checked claim');
  });

  it('says so when nothing at all matches', () => {
    expect(answerMessage({ text: 'hmm', matches: [] }).text).toBe('No checked claim matches this text.');
  });

  it('clips a very long question so the block stays under Slack\'s 3000 characters', () => {
    const message = answerMessage({ text: 'x'.repeat(5000), matches: [] });
    expect(JSON.stringify(message.blocks[0]).length).toBeLessThan(400);
  });
});
