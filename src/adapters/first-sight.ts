import type { Logger } from 'pino';
import type { ReplyGuard } from '../core/reply-guard.ts';
import { StoreFailure } from '../core/store/store-failure.ts';

/**
 * Whether a command or interaction is seen for the first time (not a replay). When the store
 * cannot say, it is taken as new and the failure logged as an error: the action then runs, and a
 * change it cannot save is refused in words, instead of the command vanishing unanswered.
 */
export async function seenFirstTime(guard: Pick<ReplyGuard, 'firstSight'>, key: string, log: Logger): Promise<boolean> {
  try {
    return await guard.firstSight(key);
  } catch (error) {
    if (!(error instanceof StoreFailure)) throw error;
    log.error({ delivery: key, store: error.kind }, `could not record a command or interaction as seen, handling it anyway: ${error.message}`);
    return true;
  }
}
