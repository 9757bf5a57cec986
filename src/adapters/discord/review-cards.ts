import {
  ButtonStyle,
  ComponentType,
  DiscordAPIError,
  Routes,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIMessage,
  type Client,
  type Message,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Claim } from '../../core/claim.ts';
import type { IncomingMessage } from '../../core/message.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import { replyFor } from '../../core/reply.ts';
import { decisionText, holdBackText, type Suggestion, type SuggestionDraft } from '../../core/review/suggestion.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { customId } from './custom-ids.ts';
import { echoedMarkdown } from './echoed-text.ts';
import { EMBED_LIMIT, fit } from './embed-limits.ts';
import { moderatorEmbed, NO_PINGS } from './moderator-messages.ts';
import { onceOnly } from './rest-calls.ts';

export interface ReviewCardDeps {
  moderation: ModerationService;
  client: Client;
  logger: Logger;
  /** DISCORD_REVIEW_CHANNEL_ID. */
  channelId: string;
}

const COLOUR = { pending: 0x5865f2, accepted: 0x188038, rejected: 0xd93025, expired: 0x9aa0a6 } as const;

/** The link Discord gives a message ("Copy Message Link"). */
export function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/**
 * The review card of a suggestion: the message (a link, and its first 300 characters), the
 * candidate claims with their scores, why the bot held back; while it waits, one button per
 * candidate ("It is <claim>"), "Another claim…" and "Not a claim"; once settled, who decided
 * what, and no buttons.
 */
export function reviewCard(suggestion: Suggestion, claimOf: (id: string) => Claim | undefined): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const candidates = suggestion.candidates.map((c, i) => {
    const claim = claimOf(c.claimId);
    const what = claim === undefined ? '(no longer a claim)' : `${VERDICT_STYLE[claim.verdict].label}: ${claim.claim}`;
    return `**${i + 1}.** \`${c.claimId}\` · ${Math.round(c.score * 100)}%\n${fit(what, 200)}`;
  });
  const where = suggestion.link === undefined ? `in <#${suggestion.channelId}>` : `[Open the message](${suggestion.link}) in <#${suggestion.channelId}>`;
  const settled = suggestion.status !== 'pending';
  const embed: APIEmbed = {
    title: 'Did this message repeat a known claim?',
    color: COLOUR[suggestion.status],
    description: fit(`${quoted(suggestion.excerpt)}\n\n${where}`, EMBED_LIMIT.description),
    fields: [
      { name: 'Candidates', value: fit(candidates.join('\n'), EMBED_LIMIT.fieldValue) },
      { name: 'Why the bot held back', value: fit(capitalised(holdBackText(suggestion)), EMBED_LIMIT.fieldValue) },
      ...(settled ? [{ name: 'Decision', value: fit(capitalised(decisionText(suggestion)), EMBED_LIMIT.fieldValue) }] : []),
    ],
    footer: { text: settled ? `Suggestion ${suggestion.id}` : `Suggestion ${suggestion.id} · ${decisionText(suggestion)}` },
  };
  return { embeds: [embed], components: settled ? [] : buttons(suggestion) };
}

function buttons(suggestion: Suggestion): APIActionRowComponent<APIButtonComponent>[] {
  const button = (custom_id: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger): APIButtonComponent => ({ type: ComponentType.Button, style, custom_id, label: fit(label, 80) });
  const id = suggestion.id;
  return [
    {
      type: ComponentType.ActionRow,
      components: suggestion.candidates.map((c, i) => button(customId({ step: 'review-accept', suggestionId: id, claimId: c.claimId }), `It is ${c.claimId}`, i === 0 ? ButtonStyle.Success : ButtonStyle.Secondary)),
    },
    {
      type: ComponentType.ActionRow,
      components: [
        button(customId({ step: 'review-other', suggestionId: id }), 'Another claim…', ButtonStyle.Secondary),
        button(customId({ step: 'review-reject', suggestionId: id }), 'Not a claim', ButtonStyle.Danger),
      ],
    },
  ];
}

/** "Reply with the note", offered privately to the moderator who accepted. */
export function replyButton(suggestionId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId({ step: 'review-reply', suggestionId }), label: 'Reply to the message with the note' }],
  };
}

/** Someone's words as the card repeats them: read as typed, formatting nothing, hiding no link. */
function quoted(text: string): string {
  return `> ${echoedMarkdown(text)}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The review queue on Discord: a suggestion from the server the review channel is in becomes a
 * card there; every later change to it (a decision on any instance or in the shell, a reply
 * asked for, the expiry) edits the card, and a reply asked for is posted to the message.
 */
export class DiscordReviewCards {
  constructor(private readonly deps: ReviewCardDeps) {}

  /** Messages from other servers are never shown there: the review channel belongs to one community. */
  servesGuild(guildId: string): boolean {
    const channel = this.deps.client.channels.cache.get(this.deps.channelId);
    return channel !== undefined && 'guildId' in channel && channel.guildId === guildId;
  }

  /** Queues a message the bot left unanswered and posts its card; never throws. */
  async suggest(message: Message<true>, incoming: IncomingMessage, draft: SuggestionDraft): Promise<void> {
    const where = { channelId: message.channelId, messageId: message.id };
    if (!this.servesGuild(message.guildId)) {
      this.deps.logger.debug({ ...where, outcome: 'not-suggested' }, 'not suggesting for review: the review channel is in another server');
      return;
    }
    try {
      const queued = await this.deps.moderation.suggest(incoming, draft, { link: messageLink(message.guildId, message.channelId, message.id) });
      if (queued.outcome !== 'queued') {
        this.deps.logger.debug({ ...where, reason: queued.outcome }, 'not suggesting for review again');
        return;
      }
      const { suggestion } = queued;
      const posted = (await this.deps.client.rest.post(Routes.channelMessages(this.deps.channelId), {
        body: { ...reviewCard(suggestion, (id) => this.claim(id)), allowed_mentions: NO_PINGS, ...onceOnly() },
      })) as APIMessage;
      await this.deps.moderation.attachSuggestionCard(suggestion.id, { channelId: this.deps.channelId, messageId: posted.id });
      this.deps.logger.info({ ...where, suggestionId: suggestion.id, claimId: suggestion.candidates[0]?.claimId, reason: suggestion.reason }, 'suggested a message for review');
    } catch (error) {
      this.deps.logger.warn(
        { ...where, error: error instanceof Error ? error.message : String(error) },
        `could not post a review card in DISCORD_REVIEW_CHANNEL_ID ${this.deps.channelId}; give the bot View Channel, Send Messages and Embed Links there`,
      );
    }
  }

  /** Brings a card up to date with its suggestion, and posts the reply a moderator asked for. */
  async show(suggestion: Suggestion): Promise<void> {
    const where = { suggestionId: suggestion.id, status: suggestion.status };
    const { card } = suggestion;
    if (card !== undefined) {
      try {
        await this.deps.client.rest.patch(Routes.channelMessage(card.channelId, card.messageId), { body: reviewCard(suggestion, (id) => this.claim(id)) });
        this.deps.logger.info({ ...where, outcome: 'card-updated' }, `review card shows: ${decisionText(suggestion)}`);
      } catch (error) {
        this.deps.logger.warn({ ...where, error: error instanceof Error ? error.message : String(error) }, 'could not update a review card (deleted, or no access any more)');
      }
    }
    if (suggestion.reply === 'requested') await this.reply(suggestion);
  }

  private async reply(suggestion: Suggestion): Promise<void> {
    const claimId = suggestion.decision?.claimId;
    const claim = claimId === undefined ? undefined : this.claim(claimId);
    if (claim === undefined) return;
    const where = { suggestionId: suggestion.id, channelId: suggestion.channelId, targetMessageId: suggestion.messageId, claimId: claim.id };
    try {
      const posted = (await this.deps.client.rest.post(Routes.channelMessages(suggestion.channelId), {
        body: {
          embeds: [moderatorEmbed('correction', replyFor(claim, 1))],
          message_reference: { message_id: suggestion.messageId, fail_if_not_exists: false },
          allowed_mentions: NO_PINGS,
          ...onceOnly(),
        },
      })) as APIMessage;
      await this.deps.moderation.suggestionReplied(suggestion, { platform: 'discord', channelId: suggestion.channelId, messageId: posted.id, inReplyTo: suggestion.messageId });
      this.deps.logger.info({ ...where, outcome: 'replied' }, 'replied to a reviewed message with the note');
    } catch (error) {
      const why = error instanceof DiscordAPIError ? error.message : String(error);
      this.deps.logger.warn({ ...where, error: why }, 'could not reply to a reviewed message; give the bot Send Messages and Embed Links in its channel');
    }
  }

  private claim(id: string): Claim | undefined {
    try {
      return this.deps.moderation.show(id).claim;
    } catch {
      return undefined;
    }
  }
}
