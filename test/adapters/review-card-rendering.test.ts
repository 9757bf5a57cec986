import { describe, expect, it } from 'vitest';
import { reviewCard } from '../../src/adapters/discord/review-cards.ts';
import { reviewCardMessage } from '../../src/adapters/slack/review-cards.ts';
import type { Suggestion } from '../../src/core/review/suggestion.ts';
import { pingingMarkup, readableText } from '../fakes/slack/mentions.ts';

const suggestion: Suggestion = {
  id: '0123456789ab', platform: 'slack', teamId: 'T1', channelId: 'C0GENERAL', messageId: '1700000000.000100',
  link: 'https://fake.slack.test/archives/C0GENERAL/p1700000000000100',
  excerpt: 'trump will free IK <!channel> <@U0MEMBER> [Official notice](http://evil.example) *now*',
  reason: 'unsure', candidates: [{ claimId: 'trump-will-intervene-for-khan', score: 0.27 }], replyThreshold: 0.32,
  createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2026-12-11T10:00:00.000Z', status: 'pending', reply: 'none',
};
const expired: Suggestion = { ...suggestion, status: 'expired' };
const claimOf = () => undefined;

describe('review cards as rendered', () => {
  it('repeat the message on Slack without anything that pings or links, and drop the buttons once expired', () => {
    const card = reviewCardMessage(suggestion, claimOf);
    expect(pingingMarkup(card as unknown as Record<string, unknown>)).toEqual([]);
    expect(readableText(card as unknown as Record<string, unknown>)).toContain('&lt;!channel&gt; &lt;@U0MEMBER&gt;');
    const later = reviewCardMessage(expired, claimOf);
    expect(later.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(readableText(later as unknown as Record<string, unknown>)).toContain('Expired unreviewed on 2026-12-11');
  });

  it('repeat the message on Discord as typed, hiding no link behind a label, and drop the buttons once expired', () => {
    const { embeds, components } = reviewCard(suggestion, claimOf);
    expect(embeds[0]?.description).toContain('\\[Official notice\\](http://evil.example) \\*now\\*');
    expect(components).toHaveLength(2);
    const later = reviewCard(expired, claimOf);
    expect(later.components).toEqual([]);
    expect(later.embeds[0]?.fields?.find((f) => f.name === 'Decision')?.value).toBe('Expired unreviewed on 2026-12-11');
  });
});
