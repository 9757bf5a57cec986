/** A burst of channel messages for the tests of several instances, and what became of it at the fake Slack. */
import { CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import type { FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, nextTs } from '../../fakes/slack/payloads.ts';

const CHAT = ['chai time, who is in?', 'the match starts at 8', 'good morning everyone', 'anyone seen my charger?'];
const CLAIMS = [CLAIM_MESSAGE, OTHER_CLAIM_MESSAGE];

export interface BurstMessage {
  ts: string;
  /** Whether it repeats a known claim (and so must get one reply). */
  claim: boolean;
  envelope: Record<string, unknown>;
}

/** The burst: every fifth message repeats a claim, each in its own thread (ts). */
export function burst(count: number, channel = 'C-BURST'): BurstMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const ts = nextTs();
    const claim = i % 5 === 0;
    const text = claim ? CLAIMS[(i / 5) % 2]! : `${CHAT[i % CHAT.length]} (${i})`;
    return { ts, claim, envelope: eventCallback(messageEvent({ channel, text, ts })) };
  });
}

/** How many replies the bot posted in each thread, by the ts of the message it answered. */
export function repliesPerMessage(fake: FakeSlack): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of fake.callsTo('chat.postMessage')) {
    const thread = String(post.args['thread_ts']);
    counts.set(thread, (counts.get(thread) ?? 0) + 1);
  }
  return counts;
}

/** What a user of the channel sees: claim messages left unanswered, messages answered twice, chat answered at all. */
export function tally(fake: FakeSlack, messages: BurstMessage[]): { lost: number; doubled: number; unexpected: number } {
  const replies = repliesPerMessage(fake);
  return {
    lost: messages.filter((m) => m.claim && !replies.has(m.ts)).length,
    doubled: messages.filter((m) => (replies.get(m.ts) ?? 0) > 1).length,
    unexpected: messages.filter((m) => !m.claim && replies.has(m.ts)).length,
  };
}
