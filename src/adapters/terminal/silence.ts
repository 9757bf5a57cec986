import type { HearOutcome, IgnoreReason } from '../../core/fact-checker.ts';
import type { ReplyGuardConfig } from '../../core/reply-guard.ts';

type Ignored = Extract<HearOutcome, { action: 'ignore' }>;

/**
 * Why the bot stayed silent on a message, in one line, or undefined when the reason is that
 * nothing matched (the usual silence, not worth a line). A channel would show nothing; the
 * terminal says why, so that someone trying the bot is not left guessing.
 */
export function silenceNote(outcome: Ignored, guard: ReplyGuardConfig): string | undefined {
  const id = outcome.match?.claim.id ?? 'that claim';
  const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} seconds`);
  const notes: Partial<Record<IgnoreReason, string>> = {
    cooldown: `silent: ${id} was already answered in this channel; the same claim waits ${minutes(guard.cooldownMs)} per channel (REPLY_COOLDOWN_SECONDS)`,
    'channel-cap': `silent: ${guard.channelRepliesPerMinute} replies in this channel in the last minute already (CHANNEL_REPLIES_PER_MINUTE)`,
    'global-cap': `silent: ${guard.globalRepliesPerMinute} replies in the last minute already, across channels (GLOBAL_REPLIES_PER_MINUTE)`,
    'already-corrected': `silent: the message already corrects ${id}`,
    ambiguous: `silent: the message is about as close to ${id} as to a claim marked accurate; /factcheck shows both`,
    'settled-verdict': `silent: the closest claim, ${id}, is accurate; the bot only speaks up to correct`,
    'counter-example': `silent: a moderator marked messages like this one as not about ${id}`,
    'off-topic': `silent: the message shares words with ${id} but not whom it is about`,
    retired: `silent: the closest claim, ${id}, is retired`,
  };
  return notes[outcome.reason];
}
