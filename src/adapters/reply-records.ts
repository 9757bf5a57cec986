import type { Logger } from 'pino';
import type { ModerationService } from '../core/moderation/moderation-service.ts';
import type { SentReply } from '../core/store/moderation-store.ts';
import { StoreFailure } from '../core/store/store-failure.ts';

/** What a posted reply that was not recorded no longer does, said to the moderator who posted it. */
export const NOT_RECORDED = 'It is not recorded (the bot could not write to its store), so it will not be updated if the note changes.';

/**
 * Records a reply the bot posted, so its buttons work and it follows note updates. When the store
 * cannot keep it, that is logged as an error (and counted), `unrecorded` runs (a passive reply
 * drops its buttons, which would only answer "no record of this reply"), and false is returned.
 */
export async function recordPosted(
  deps: { moderation?: Pick<ModerationService, 'recordReply'> | undefined; logger: Logger },
  reply: SentReply,
  unrecorded?: () => Promise<unknown>,
): Promise<boolean> {
  if (deps.moderation === undefined) return true;
  try {
    await deps.moderation.recordReply(reply);
    return true;
  } catch (error) {
    if (!(error instanceof StoreFailure)) throw error;
    deps.logger.error(
      { channelId: reply.channelId, replyMessageId: reply.messageId, claimId: reply.claimId, kind: reply.kind, store: error.kind },
      `posted a reply but could not record it, so it will not follow note updates${unrecorded === undefined ? '' : ' and its buttons were removed'}: ${error.message}`,
    );
    await unrecorded?.().catch(() => undefined);
    return false;
  }
}
