import type { APIEmbed } from 'discord.js';
import type { FactCheckReply } from '../../core/message.ts';
import type { SentReply } from '../../core/store/moderation-store.ts';
import { echoedMarkdown } from './echoed-text.ts';
import { EMBED_LIMIT, fit } from './embed-limits.ts';
import { factCheckEmbed } from './fact-check-embed.ts';

/** Discord's limit for a message's text content. */
export const CONTENT_MAX = 2000;

/** Sent with every message posted through REST: nothing the bot writes may ping anyone. */
export const NO_PINGS = { parse: [], replied_user: false } as const;

const AUTHOR: Partial<Record<SentReply['kind'], string>> = {
  correction: 'Moderator correction',
  announcement: 'Announcement from the moderators',
};

/** A fact-check embed marked with who stands behind it: a moderator's correction or announcement. */
export function moderatorEmbed(kind: 'correction' | 'announcement', reply: FactCheckReply): APIEmbed {
  return { author: { name: AUTHOR[kind]! }, ...factCheckEmbed(reply) };
}

/** The moderator's own words above a correction; kept out of the embed so an update leaves them. */
export function correctionComment(comment: string | undefined, moderator: string): string | undefined {
  const text = comment?.replace(/\s+/g, ' ').trim() ?? '';
  return text === '' ? undefined : fit(`**${echoedMarkdown(moderator)} (moderator):** ${echoedMarkdown(text)}`, CONTENT_MAX);
}

/** An earlier reply as it reads after its claim's note or verdict changed, marked "Updated". */
export function updatedEmbed(sent: SentReply, reply: FactCheckReply): APIEmbed {
  const author = AUTHOR[sent.kind];
  const embed = factCheckEmbed(reply);
  return {
    ...(author === undefined ? {} : { author: { name: author } }),
    ...embed,
    footer: { text: fit(`Claim ${reply.claimId} · Updated ${reply.updated}: the note changed after this reply was posted`, EMBED_LIMIT.footer) },
  };
}
