import path from 'node:path';
import type { Config } from './config.ts';
import { SentenceVectors, type SentenceVectorsOptions } from './core/matching/sentence-vectors.ts';
import { openFactCheckCore, type CoreOptions, type FactCheckCore } from './fact-check-core.ts';
import { loadKnowledgeCached } from './knowledge-cache.ts';

/**
 * The claim core as the configuration describes it: the bot, `factcheck check`, `factcheck claim`
 * and the terminal chat all open it here, so they share the thresholds, the caps, the review
 * queue's settings, the matcher's stages and the store. Knowledge named on the command line
 * replaces the configured one and is checked as given, without the moderators' store (which
 * belongs to the configured knowledge).
 */
export async function openConfiguredCore(
  config: Config,
  extra: Partial<CoreOptions> & { givenKnowledge?: string[] } = {},
  bot?: BotSentenceOptions,
): Promise<FactCheckCore> {
  const { givenKnowledge, ...options } = extra;
  const given = givenKnowledge !== undefined && givenKnowledge.length > 0;
  const sentences = await sentenceVectorsFor(config, given, bot);
  return openFactCheckCore({
    knowledge: given ? givenKnowledge : [config.knowledgeDir],
    ...(given ? {} : { claims: loadKnowledgeCached(config.knowledgeDir, config.dataDir) }),
    dataDir: given ? null : config.dataDir,
    database: given ? undefined : config.database,
    policy: config.policy,
    guard: config.guard,
    asksPerUserPerMinute: config.asksPerUserPerMinute,
    updateWindowDays: config.replyUpdateDays,
    review: { reviewThreshold: config.review.threshold },
    reviewDays: config.review.days,
    ...(sentences === undefined ? {} : { sentences }),
    ...options,
  });
}

/** How the running bot's sentence encoder reports what it sheds and why it fails. */
export type BotSentenceOptions = Pick<SentenceVectorsOptions, 'onOutcome' | 'onProblem'>;

/**
 * The matcher's second stage unless SENTENCE_ENCODER=off, its claim vectors kept in DATA_DIR for
 * the configured knowledge. The bot loads the model at start and holds a message no longer than
 * SENTENCE_ENCODER_DEADLINE_MS; a command loads it only when a message first needs it (a check of
 * small talk never does) and waits for it, so it decides as the bot does when the bot is not overloaded.
 */
async function sentenceVectorsFor(config: Config, given: boolean, bot: BotSentenceOptions | undefined): Promise<SentenceVectors | undefined> {
  if (config.sentenceEncoder === undefined) return undefined;
  const cache = given ? {} : { cacheDir: path.join(config.dataDir, 'sentence-vectors') };
  if (bot === undefined) return SentenceVectors.onDemand(cache);
  return SentenceVectors.start({ ...cache, ...bot, deadlineMs: config.sentenceEncoder.deadlineMs, background: true });
}
