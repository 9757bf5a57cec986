import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer } from '../../core/message.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';
import { EMBED_LIMIT, fit } from './embed-limits.ts';
import { echoedMarkdown, echoedPlain } from './echoed-text.ts';
import { evidenceAndSource } from './fact-check-embed.ts';

/** What `/factcheck` and "Fact-check this message" edit their deferred reply to. */
export interface AnswerReply {
  content: string;
  embeds: APIEmbed[];
}

const NEUTRAL_COLOUR = 0x9aa0a6;

/**
 * The answer to someone who asked: the top matches with verdict and score, and the best one's
 * note when it fits well enough. Nothing known is said plainly, without implying true or false.
 */
export function answerReply(answer: Answer): AnswerReply {
  const question = fit(answer.text.replace(/\s+/g, ' ').trim(), 300);
  // The question is shown back in markdown (content, description) and as plain text (footer).
  const asked = echoedMarkdown(question);
  if (answer.matches.length === 0) {
    return {
      content:
        `I couldn't find a fact-checked claim that matches “${asked}”. ` +
        "That doesn't mean it is true or false, only that it isn't one of the claims I know about.",
      embeds: [],
    };
  }
  const fields: APIEmbedField[] = [{ name: 'Closest known claims', value: fit(matchLines(answer), EMBED_LIMIT.fieldValue) }];
  const { best } = answer;
  if (best === undefined) {
    return {
      content: '',
      embeds: [{
        title: 'No close match',
        color: NEUTRAL_COLOUR,
        description: fit(`None of the claims I know matches “${asked}” closely enough to be sure it is the same claim.`, EMBED_LIMIT.description),
        fields,
      }],
    };
  }
  return {
    content: '',
    embeds: [{
      title: fit(`Fact check: ${best.verdictLabel}`, EMBED_LIMIT.title),
      color: VERDICT_STYLE[best.verdict].colour,
      description: fit(`**Claim:** ${best.claim}\n\n${best.note}`, EMBED_LIMIT.description),
      fields: [...evidenceAndSource(best), ...fields],
      footer: { text: fit(`Claim ${best.claimId} · note updated ${best.updated} · you asked about: ${echoedPlain(question)}`, EMBED_LIMIT.footer) },
    }],
  };
}

function matchLines(answer: Answer): string {
  return answer.matches
    .map((m, i) => `${i + 1}. **${m.verdictLabel}** · ${m.claim} (match ${Math.round(m.score * 100)}%) · \`${m.claimId}\``)
    .join('\n');
}
