import path from 'node:path';
import type { Config } from './config.ts';
import { openFactCheckCore, type CoreOptions, type FactCheckCore } from './fact-check-core.ts';
import { loadKnowledgeCached } from './knowledge-cache.ts';

/**
 * The claim core as the configuration describes it: the bot, `factcheck check`, `factcheck claim`
 * and the terminal chat all open it here, so they share the thresholds, the caps, the review
 * queue's settings, the matcher's stages and the store. Knowledge named on the command line
 * replaces the configured one and is checked as given, without the moderators' store (which
 * belongs to the configured knowledge).
 */
export async function openConfiguredCore(config: Config, extra: Partial<CoreOptions> & { givenKnowledge?: string[] } = {}): Promise<FactCheckCore> {
  const { givenKnowledge, ...options } = extra;
  const given = givenKnowledge !== undefined && givenKnowledge.length > 0;
  // The matcher's second stage, when asked for (SENTENCE_ENCODER=on); imported only then, as it
  // loads TensorFlow.js and the model. Claim vectors are kept in DATA_DIR for the configured knowledge.
  const encoder = config.sentenceEncoder
    ? await (await import('./core/matching/sentence-encoder.ts')).SentenceEncoder.load(given ? {} : { cacheDir: path.join(config.dataDir, 'sentence-vectors') })
    : undefined;
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
    ...(encoder === undefined ? {} : { encoder }),
    ...options,
  });
}
