import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Actor } from '../../core/moderation/actor.ts';

/**
 * Who is acting, and whether they are a moderator: Manage Messages in the channel the
 * interaction comes from (Discord computes `member.permissions` there, Administrator included),
 * or one of the roles in DISCORD_MODERATOR_ROLE_IDS. Nobody is a moderator outside a server.
 */
export function actorOf(interaction: Interaction, moderatorRoleIds: readonly string[]): Actor {
  const { user, member } = interaction;
  const name = (member !== null && 'displayName' in member ? member.displayName : undefined) ?? user.globalName ?? user.username;
  return { id: user.id, name, platform: 'discord', isModerator: isModerator(interaction, moderatorRoleIds) };
}

function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true) return true;
  if (moderatorRoleIds.length === 0) return false;
  const { member } = interaction;
  // A cached member carries a role manager; an uncached one, the raw list of role ids.
  const roles: readonly string[] = member === null ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((role) => moderatorRoleIds.includes(role));
}
