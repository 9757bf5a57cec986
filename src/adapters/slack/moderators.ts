import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Actor } from '../../core/moderation/actor.ts';
import { describeSlackError } from './slack-errors.ts';

/** Who pressed, typed or submitted something, as the payload names them. */
export interface SlackUser {
  id: string;
  /** The handle Slack puts in payloads (`user.name`, `user_name`); may be missing. */
  name?: string | undefined;
}

// An admin who loses the role is refused again within this long.
const ROLE_TTL_MS = 5 * 60_000;
// After a failed users.info, the user counts as a member this long before Slack is asked again.
const FAILED_LOOKUP_TTL_MS = 60_000;

/**
 * Decides who is a moderator on Slack: a user listed in SLACK_MODERATOR_IDS, or a workspace
 * admin or owner (users.info, scope users:read), remembered for a few minutes.
 */
export class SlackModerators {
  private readonly listed: ReadonlySet<string>;
  private readonly roles = new LRUCache<string, { admin: boolean; name: string | undefined }>({ max: 5_000, ttl: ROLE_TTL_MS });

  constructor(
    moderatorIds: readonly string[],
    private readonly log: Logger,
  ) {
    this.listed = new Set(moderatorIds);
  }

  /** The core's Actor for a Slack user; never throws (a failed users.info counts as "not an admin"). */
  async actor(client: webApi.WebClient, user: SlackUser): Promise<Actor> {
    const given = user.name !== undefined && user.name !== '' ? user.name : undefined;
    if (this.listed.has(user.id)) return { id: user.id, name: given ?? user.id, platform: 'slack', isModerator: true };
    const role = await this.role(client, user.id);
    return { id: user.id, name: given ?? role?.name ?? user.id, platform: 'slack', isModerator: role?.admin ?? false };
  }

  private async role(client: webApi.WebClient, userId: string): Promise<{ admin: boolean; name: string | undefined } | undefined> {
    const cached = this.roles.get(userId);
    if (cached !== undefined) return cached;
    try {
      const { user } = await client.users.info({ user: userId });
      const role = { admin: user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true, name: user?.name };
      this.roles.set(userId, role);
      return role;
    } catch (error) {
      // Remembered briefly, so a missing users:read scope costs one warning a minute per user, not one per click.
      this.log.warn({ err: error, user: userId }, `could not tell whether ${userId} is a workspace admin, so they count as a member: ${describeSlackError(error)}`);
      const unknown = { admin: false, name: undefined };
      this.roles.set(userId, unknown, { ttl: FAILED_LOOKUP_TTL_MS });
      return unknown;
    }
  }
}
