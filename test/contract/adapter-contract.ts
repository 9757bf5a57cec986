import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** One reply the fake platform received from the bot, reduced to what every platform shares. */
export interface SeenReply {
  /** Channel the reply went to. */
  channelId: string;
  /** Message the reply answers (Discord message reference, Slack thread_ts). */
  inReplyTo: string | undefined;
  /** Claim id the reply names. */
  claimId: string | undefined;
  /** Everything the bot wrote, as the platform received it (JSON of the payload). */
  raw: string;
  /** Whether the payload lets the platform ping anyone (Discord allowed_mentions, Slack mention syntax). */
  canPing: boolean;
}

/** What a platform's test harness must offer so the shared contract can drive it. */
export interface ContractHarness {
  /** Starts the fake platform and the real bot client against it. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Delivers a channel message; returns its message id. `author` picks who wrote it. */
  post(channelId: string, text: string, author?: 'member' | 'self' | 'other-bot'): Promise<string>;
  /** Delivers the same message event again (a retry or a duplicate gateway event). */
  redeliver(channelId: string, messageId: string, text: string): Promise<void>;
  /** Waits until the bot has had time to answer everything delivered so far. */
  settle(): Promise<void>;
  /** Replies the bot has sent so far. */
  replies(): SeenReply[];
}

export const CLAIM_MESSAGE = 'bro did you see the Trump video where he promises to get Imran Khan released from jail?';
export const CLAIM_ID = 'trump-khan-release-video';
export const OTHER_CLAIM_MESSAGE = 'Amreeka ne generals ke sath mil kar Imran Khan ki hakumat giraayi, sab ko pata hai';
export const SMALL_TALK = ['good morning everyone, chai time', 'Trump released a new video on tariffs', 'anyone have the Khan Academy video on integrals?'];

/**
 * Behaviour every adapter shares: one reply per claim message, none for small talk or bots,
 * no pings, and the cooldown. The harness's bot must run with a cooldown of at least a minute.
 */
export function adapterContract(platform: string, makeHarness: () => ContractHarness): void {
  describe(`${platform} adapter contract`, () => {
    const harness = makeHarness();
    beforeAll(() => harness.start(), 30_000);
    afterAll(() => harness.stop(), 30_000);

    it('replies once to a message that repeats a known claim, naming the claim, in reply to that message', async () => {
      const id = await harness.post('c-claims', CLAIM_MESSAGE);
      await harness.settle();
      const replies = harness.replies().filter((r) => r.inReplyTo === id);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.claimId).toBe(CLAIM_ID);
      expect(replies[0]?.channelId).toBe('c-claims');
    });

    it('stays silent on small talk and hard negatives', async () => {
      const ids: string[] = [];
      for (const text of SMALL_TALK) ids.push(await harness.post('c-quiet', text));
      await harness.settle();
      expect(harness.replies().filter((r) => ids.includes(r.inReplyTo ?? ''))).toEqual([]);
    });

    it('does not reply to its own message or to another bot', async () => {
      const own = await harness.post('c-bots', CLAIM_MESSAGE, 'self');
      const bot = await harness.post('c-bots', OTHER_CLAIM_MESSAGE, 'other-bot');
      await harness.settle();
      expect(harness.replies().filter((r) => r.inReplyTo === own || r.inReplyTo === bot)).toEqual([]);
    });

    it('answers a message delivered twice only once', async () => {
      const id = await harness.post('c-twice', OTHER_CLAIM_MESSAGE);
      await harness.redeliver('c-twice', id, OTHER_CLAIM_MESSAGE);
      await harness.settle();
      expect(harness.replies().filter((r) => r.inReplyTo === id)).toHaveLength(1);
    });

    it('cannot ping anyone, even when the message carries @everyone and @here', async () => {
      const id = await harness.post('c-pings', `@everyone @here <!channel> ${CLAIM_MESSAGE}`);
      await harness.settle();
      const replies = harness.replies().filter((r) => r.inReplyTo === id);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.canPing).toBe(false);
    });

    it('waits out the cooldown before repeating the same claim in the same channel', async () => {
      const first = await harness.post('c-cool', CLAIM_MESSAGE);
      await harness.settle();
      const second = await harness.post('c-cool', `${CLAIM_MESSAGE} for real`);
      await harness.settle();
      expect(harness.replies().filter((r) => r.inReplyTo === first)).toHaveLength(1);
      expect(harness.replies().filter((r) => r.inReplyTo === second)).toEqual([]);
    });
  });
}
