import { Routes } from 'discord.js';
import type { FactCheckReply } from '../../core/message.ts';
import type { SentReply } from '../../core/store/moderation-store.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import type { ModeratorDeps } from './moderator-answers.ts';
import { updatedEmbed } from './moderator-messages.ts';

/**
 * Edits an earlier reply in place after its claim's note or verdict changed: the new embed,
 * marked "Updated", and the feedback buttons again on a passive reply. A reply that cannot be
 * edited (deleted, no access any more) is logged and skipped; this never throws.
 */
export async function updateReply(sent: SentReply, reply: FactCheckReply, deps: Pick<ModeratorDeps, 'rest' | 'logger'>): Promise<void> {
  const where = { channelId: sent.channelId, replyMessageId: sent.messageId, claimId: sent.claimId, kind: sent.kind };
  try {
    await deps.rest.patch(Routes.channelMessage(sent.channelId, sent.messageId), {
      body: { embeds: [updatedEmbed(sent, reply)], ...(sent.kind === 'passive' ? { components: [feedbackButtons()] } : {}) },
    });
    deps.logger.info({ ...where, outcome: 'updated' }, 'updated an earlier reply to the new note');
  } catch (error) {
    deps.logger.warn({ ...where, outcome: 'update-failed', error: error instanceof Error ? error.message : String(error) }, 'could not update an earlier reply (deleted, or no access any more); skipped');
  }
}
