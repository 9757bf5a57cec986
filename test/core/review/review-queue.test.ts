import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionDenied, type Actor } from '../../../src/core/moderation/actor.ts';
import type { IncomingMessage } from '../../../src/core/message.ts';
import { SuggestionClosed } from '../../../src/core/review/suggestion.ts';
import { openFactCheckCore, type CoreOptions, type FactCheckCore } from '../../../src/fact-check-core.ts';
import { BotMetrics } from '../../../src/observability/metrics.ts';
import { UNSURE, AMBIGUOUS, AMBIGUOUS_CLAIMS } from '../../fixtures/review-messages.ts';

const knowledge = path.resolve(import.meta.dirname, '../../../knowledge');
const sara: Actor = { id: 'u-sara', name: 'Sara', platform: 'discord', isModerator: true };
const omar: Actor = { id: 'u-omar', name: 'Omar', platform: 'slack', isModerator: true };
const member: Actor = { id: 'u-ali', name: 'Ali', platform: 'discord', isModerator: false };

const opened: FactCheckCore[] = [];
async function core(options: Partial<CoreOptions> = {}): Promise<FactCheckCore> {
  const c = await openFactCheckCore({ knowledge: [knowledge], dataDir: mkdtempSync(path.join(tmpdir(), 'review-')), review: { reviewThreshold: 0.2 }, ...options });
  opened.push(c);
  return c;
}
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

let sequence = 0;
const message = (text: string, channelId = 'c1'): IncomingMessage => ({ platform: 'discord', teamId: 'g1', channelId, messageId: `m${++sequence}`, authorId: 'u1', authorIsBot: false, authorIsSelf: false, text });

/** Hears a message as the listener would; resolves with what the review policy made of it. */
async function heard(c: FactCheckCore, text: string) {
  const outcome = await c.checker.hear(message(text));
  return outcome.action === 'ignore' ? outcome.suggestion : undefined;
}

describe('the review queue', () => {
  it('suggests only what the bot was unsure about or could not tell apart, never what it answers or stays silent on for another reason', async () => {
    const c = await core();
    expect(await heard(c, UNSURE)).toMatchObject({ reason: 'unsure', replyThreshold: 0.5, candidates: [{ claimId: 'us-conspiracy-khan-ouster', score: expect.any(Number) }] });
    expect(await heard(c, AMBIGUOUS)).toMatchObject({
      reason: 'ambiguous',
      candidates: AMBIGUOUS_CLAIMS.map((claimId) => ({ claimId })),
    });
    // Answered; nothing to do with a known claim; a claim whose verdict needs no correction; a message that already corrects it.
    expect((await c.checker.hear(message('america ne khan sahab ki hukumat giraayi'))).action).toBe('reply');
    expect(await heard(c, 'good morning everyone, chai is ready')).toBeUndefined();
    expect(await heard(c, 'trump loves imran khan they are best friends')).toBeUndefined();
    expect(await heard(c, 'stop spreading the US conspiracy stuff, it was never proven')).toBeUndefined();
    // Below REVIEW_THRESHOLD, and with no review threshold at all.
    expect(await heard(await core({ review: { reviewThreshold: 0.45 } }), UNSURE)).toBeUndefined();
    expect(await heard(await core({ review: undefined }), UNSURE)).toBeUndefined();
  });

  it('lets moderators only decide, once: a second decision names the first, and an acceptance teaches the claim', async () => {
    const c = await core();
    const incoming = message(UNSURE);
    const draft = (await c.checker.hear(incoming)) as { suggestion: NonNullable<Awaited<ReturnType<typeof heard>>> };
    const queued = await c.moderation.suggest(incoming, draft.suggestion);
    expect(queued.outcome).toBe('queued');
    const { id } = (queued as { suggestion: { id: string } }).suggestion;
    expect((await c.moderation.suggest(message(`  ${UNSURE.toUpperCase()}!`, 'c2'), draft.suggestion)).outcome).toBe('duplicate');

    await expect(c.moderation.acceptSuggestion(member, id)).rejects.toThrow(PermissionDenied);
    const { taught } = await c.moderation.acceptSuggestion(sara, id);
    expect(taught).toEqual(['us-conspiracy-khan-ouster']);
    await expect(c.moderation.rejectSuggestion(omar, id)).rejects.toThrow(SuggestionClosed);
    await expect(c.moderation.rejectSuggestion(omar, id)).rejects.toThrow(/already accepted by Sara \(discord, /);
    expect((await c.checker.judge(UNSURE)).decision).toMatchObject({ decision: 'reply', match: { claim: { id: 'us-conspiracy-khan-ouster' } } });
    expect((await c.moderation.stats()).days7).toContainEqual(expect.objectContaining({ claimId: 'us-conspiracy-khan-ouster', suggestionsAccepted: 1, suggestionsRejected: 0 }));
  });

  it('expires a suggestion after REVIEW_DAYS, and counts every outcome in /metrics', async () => {
    const metrics = new BotMetrics();
    let clock = Date.parse('2026-11-27T10:00:00.000Z');
    const c = await core({ reviewDays: 3, now: () => clock, onSuggestion: (platform, outcome) => metrics.suggestion(platform, outcome) });
    const queue = async (text: string, channelId: string) => {
      const incoming = message(text, channelId);
      const outcome = await c.checker.hear(incoming);
      if (outcome.action !== 'ignore' || outcome.suggestion === undefined) throw new Error(`"${text}" is no suggestion`);
      return c.moderation.suggest(incoming, outcome.suggestion);
    };
    const first = await queue(UNSURE, 'c1');
    await queue(UNSURE, 'c2');
    const second = await queue(AMBIGUOUS, 'c3');
    if (first.outcome !== 'queued' || second.outcome !== 'queued') throw new Error('not queued');
    await c.moderation.rejectSuggestion(sara, second.suggestion.id);

    clock += 3 * 86_400_000 + 1;
    await expect(c.moderation.acceptSuggestion(sara, first.suggestion.id)).rejects.toThrow(/already expired unreviewed on 2026-11-30/);
    expect(await c.moderation.suggestions()).toEqual([]);
    const exported = await metrics.registry.metrics();
    expect(exported).toContain('factcheck_review_suggestions_total{platform="discord",outcome="queued"} 2');
    expect(exported).toContain('factcheck_review_suggestions_total{platform="discord",outcome="duplicate"} 1');
    expect(exported).toContain('factcheck_review_suggestions_total{platform="discord",outcome="rejected"} 1');
    expect(exported).toContain('factcheck_review_suggestions_total{platform="discord",outcome="expired"} 1');
  });
});
