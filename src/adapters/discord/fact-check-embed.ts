import type { APIEmbed, APIEmbedField } from 'discord.js';
import { citationOf, type ClaimSource } from '../../core/claim.ts';
import type { FactCheckReply } from '../../core/message.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { EMBED_LIMIT, fit } from './embed-limits.ts';

/**
 * The passive reply: verdict in the title and colour, the claim as checked and the note in
 * the body, one evidence quote, the source, and the claim id in the footer for moderators.
 */
export function factCheckEmbed(reply: FactCheckReply): APIEmbed {
  return {
    title: fit(`Fact check: ${reply.verdictLabel}`, EMBED_LIMIT.title),
    color: VERDICT_STYLE[reply.verdict].colour,
    description: fit(`**Claim:** ${reply.claim}\n\n${reply.note}`, EMBED_LIMIT.description),
    fields: evidenceAndSource(reply),
    footer: { text: fit(`Claim ${reply.claimId} · note updated ${reply.updated}`, EMBED_LIMIT.footer) },
  };
}

export function evidenceAndSource(reply: FactCheckReply): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (reply.evidence !== undefined) fields.push({ name: 'Evidence', value: fit(`> ${reply.evidence.replace(/\n+/g, '\n> ')}`, EMBED_LIMIT.fieldValue) });
  fields.push({ name: 'Source', value: fit(sourceLine(reply.source), EMBED_LIMIT.fieldValue) });
  return fields;
}

/** The source's citation, as a link when it has a URL. */
export function sourceLine(source: ClaimSource): string {
  const cited = citationOf(source);
  return source.url === undefined ? cited : `[${cited.replace(/[[\]]/g, '')}](${source.url})`;
}
