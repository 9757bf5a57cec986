import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactChecker } from '../../src/core/fact-checker.ts';
import { KnowledgeBase } from '../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import type { IncomingMessage } from '../../src/core/message.ts';
import { LocalDeliveries } from '../../src/core/reply-guard.ts';

const knowledge = new KnowledgeBase(loadKnowledge([path.resolve(import.meta.dirname, '../../knowledge')]));
const CLAIM = 'Trump ne Imran Khan ko jail se riha karwane ka wada kiya hai';

function checker(now: { t: number }, guard = { cooldownMs: 600_000, channelRepliesPerMinute: 2, globalRepliesPerMinute: 100 }) {
  return new FactChecker(knowledge, { guard, now: () => now.t });
}
let nextId = 0;
function message(text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage {
  return { platform: 'discord', channelId: 'c1', messageId: String(++nextId), authorId: 'u1', authorIsBot: false, authorIsSelf: false, text, ...extra };
}

describe('fact checker (passive listener)', () => {
  it('replies with the note, one evidence quote, the source and the claim id', async () => {
    const outcome = await checker({ t: 0 }).hear(message(CLAIM));
    expect(outcome.action).toBe('reply');
    if (outcome.action !== 'reply') return;
    expect(outcome.reply.claimId).toBe('trump-promised-khan-release');
    expect(outcome.reply.verdictLabel).toBe('Misleading');
    expect(outcome.reply.note.length).toBeGreaterThan(50);
    expect(outcome.reply.evidence).toBeDefined();
    expect(outcome.reply.source).toMatchObject({ title: 'Analysis article', date: '2024-11-11' });
  });

  it('ignores its own messages and other bots', async () => {
    const c = checker({ t: 0 });
    expect(await c.hear(message(CLAIM, { authorIsSelf: true, authorIsBot: true }))).toMatchObject({ action: 'ignore', reason: 'own-message' });
    expect(await c.hear(message(CLAIM, { authorIsBot: true }))).toMatchObject({ action: 'ignore', reason: 'bot-message' });
  });

  it('answers the same message once, however often it is delivered', async () => {
    const c = checker({ t: 0 });
    const m = message(CLAIM);
    expect((await c.hear(m)).action).toBe('reply');
    expect(await c.hear({ ...m })).toMatchObject({ action: 'ignore', reason: 'duplicate' });
  });

  it('waits out the cooldown before repeating a claim in the same channel, but not in another', async () => {
    const now = { t: 0 };
    const c = checker(now);
    expect((await c.hear(message(CLAIM))).action).toBe('reply');
    now.t = 5 * 60_000;
    expect(await c.hear(message(CLAIM))).toMatchObject({ action: 'ignore', reason: 'cooldown' });
    expect((await c.hear(message(CLAIM, { channelId: 'c2' }))).action).toBe('reply');
    now.t = 11 * 60_000;
    expect((await c.hear(message(CLAIM))).action).toBe('reply');
  });

  it('caps replies per channel per minute', async () => {
    const c = checker({ t: 0 }, { cooldownMs: 0, channelRepliesPerMinute: 2, globalRepliesPerMinute: 100 });
    expect((await c.hear(message(CLAIM))).action).toBe('reply');
    expect((await c.hear(message(CLAIM))).action).toBe('reply');
    expect(await c.hear(message(CLAIM))).toMatchObject({ action: 'ignore', reason: 'channel-cap' });
  });

  it('caps replies across all channels', async () => {
    const c = checker({ t: 0 }, { cooldownMs: 0, channelRepliesPerMinute: 10, globalRepliesPerMinute: 1 });
    expect((await c.hear(message(CLAIM))).action).toBe('reply');
    expect(await c.hear(message(CLAIM, { channelId: 'other' }))).toMatchObject({ action: 'ignore', reason: 'global-cap' });
  });

  it('stays silent on small talk and on an empty message', async () => {
    const c = checker({ t: 0 });
    expect((await c.hear(message('good morning everyone, chai time'))).action).toBe('ignore');
    expect(await c.hear(message('   '))).toMatchObject({ action: 'ignore', reason: 'empty' });
  });

  it('stays silent on names alone, which state no claim, and on the subject of a claim doing something else', async () => {
    const c = checker({ t: 0 });
    for (const names of ['amreeka aur khan', 'trump aur imran']) {
      // The score itself says names alone state little; were it sure, the reply gate would still hold.
      expect(await c.hear(message(names))).toMatchObject({ action: 'ignore', reason: 'below-threshold' });
      const { matches } = await c.judge(names);
      expect(c.policy.decide(names, [{ ...matches[0]!, score: 0.99 }, ...matches.slice(1)])).toMatchObject({ decision: 'none', reason: 'off-topic' });
    }
    expect(await c.hear(message('Trump released a new video on tariffs'))).toMatchObject({ action: 'ignore', reason: 'off-topic' });
    // One word more than the names, and it is a question about the claim.
    expect((await c.hear(message('Trump Imran video?', { channelId: 'c2' }))).action).toBe('reply');
  });

  it('answers someone who asks with the top 3 matches and the best note', async () => {
    const answer = await checker({ t: 0 }).ask('is the trump imran khan release video real?');
    expect(answer.matches.length).toBeLessThanOrEqual(3);
    expect(answer.matches[0]?.claimId).toBe('trump-khan-release-video');
    expect(answer.best?.claimId).toBe('trump-khan-release-video');
  });

  it('answers with no note when nothing known fits', async () => {
    expect((await checker({ t: 0 }).ask('recipe for nihari')).best).toBeUndefined();
  });

  it('answers a message that names it like an ask: in the open, once, even where passive replies stay silent', async () => {
    const c = new FactChecker(knowledge, { asksPerUserPerMinute: 2 });
    // A correction of the claim: the passive listener stays silent, someone who named the bot gets the answer.
    const doubting = message('the trump imran khan release video is fake, people');
    expect((await c.hear({ ...doubting, messageId: 'passive-twin' })).action).toBe('ignore');
    const answered = await c.mention(doubting);
    expect(answered).toMatchObject({ action: 'answer', answer: { best: { claimId: 'trump-khan-release-video' } } });
    expect(await c.mention({ ...doubting })).toEqual({ action: 'ignore', reason: 'duplicate' });
    const smallTalk = await c.mention(message('what a lovely morning'));
    expect(smallTalk.action).toBe('answer');
    expect(smallTalk.action === 'answer' ? smallTalk.answer.best : 'not answered').toBeUndefined();
    expect(await c.mention(message('and another one'))).toEqual({ action: 'ignore', reason: 'rate-limited' });
    expect(await c.mention(message('  ', { authorId: 'u2' }))).toEqual({ action: 'ignore', reason: 'empty' });
    expect(await c.mention(message(CLAIM, { authorIsBot: true }))).toEqual({ action: 'ignore', reason: 'bot-message' });
    expect(await c.mention(message(CLAIM, { authorIsSelf: true, authorIsBot: true }))).toEqual({ action: 'ignore', reason: 'own-message' });
  });

  it('asks the store nothing about a message it leaves silent, and once about one it answers', async () => {
    const local = new LocalDeliveries();
    const asked: string[] = [];
    const deliveries = {
      firstSight: (key: string, at: number) => (asked.push(`first-sight ${key}`), local.firstSight(key)),
      admitReply: (request: Parameters<LocalDeliveries['admitReply']>[0]) => (asked.push(`admit ${request.delivery}`), local.admitReply(request)),
    };
    const c = new FactChecker(knowledge, { deliveries });
    for (const text of ['good morning everyone, chai time', 'who is coming to the match tonight?', 'lol']) await c.hear(message(text));
    expect(asked).toEqual([]);
    const claim = message(CLAIM);
    expect((await c.hear(claim)).action).toBe('reply');
    expect(asked).toEqual([`admit discord::c1:${claim.messageId}`]);
  });
});
