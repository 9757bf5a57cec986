import type { Claim, ClaimSource } from './core/claim.ts';
import { FactChecker, type FactCheckerOptions } from './core/fact-checker.ts';
import { KnowledgeBase } from './core/knowledge-base.ts';
import type { SentenceVectorSource } from './core/matching/sentence-vectors.ts';
import { loadKnowledge } from './core/knowledge/load.ts';
import { knowledgeRoot } from './core/knowledge/claim-files.ts';
import { ClaimCatalog } from './core/moderation/claim-catalog.ts';
import { ModerationService, type ModerationOptions } from './core/moderation/moderation-service.ts';
import { DEFAULT_REVIEW_DAYS, DEFAULT_REVIEW_LIMITS, ReviewQueue, type ReviewQueueOptions } from './core/review/review-queue.ts';
import type { ModerationStore, SuggestionLimits } from './core/store/moderation-store.ts';
import { openStore, type StoreLocation } from './store/open-store.ts';

/** The claim core with its knowledge, moderator store and services, as the CLI and the bot use it. */
export interface FactCheckCore {
  knowledge: KnowledgeBase;
  checker: FactChecker;
  catalog: ClaimCatalog;
  moderation: ModerationService;
  store: ModerationStore;
  close(): Promise<void>;
}

export interface CoreOptions extends Omit<FactCheckerOptions, 'deliveries'> {
  /** Knowledge locations: folders of claim files or ClaimReview files. The first folder is the root of `sources/`. */
  knowledge: string[];
  /** The claims of `knowledge` when the caller has them already (a cache); otherwise they are loaded. */
  claims?: Claim[];
  /** Folder of the moderators' SQLite store; null keeps it in memory (knowledge given for one run). */
  dataDir: string | null;
  /** PostgreSQL shared by every instance, instead of SQLite in dataDir. */
  database?: { url: string; poolSize?: number } | undefined;
  updateWindowDays?: number;
  /** Days a suggestion waits in the review queue (REVIEW_DAYS). */
  reviewDays?: number;
  /** Suggestions per hour allowed into the review queue (default DEFAULT_REVIEW_LIMITS). */
  reviewLimits?: SuggestionLimits;
  onModeratorAction?: ModerationOptions['onAction'];
  /** Sees every suggestion queued, skipped, decided or expired (for metrics). */
  onSuggestion?: ReviewQueueOptions['onSuggestion'];
  /** Told when the store reports a problem it recovers from (a lost connection). */
  onStoreProblem?: (message: string, error: unknown) => void;
  /** Sentence vectors for the matcher's second stage (`SentenceVectors.start()`); without them, words alone decide. */
  sentences?: SentenceVectorSource;
}

/** The one source every base claim cites, offered as the default source of a new claim. */
function sharedSource(claims: readonly Claim[]): ClaimSource | undefined {
  const files = new Set(claims.map((c) => c.source.file ?? c.source.url));
  return files.size === 1 ? claims[0]?.source : undefined;
}

function locationOf(options: CoreOptions): StoreLocation {
  if (options.database !== undefined) return { engine: 'postgres', ...options.database };
  return { engine: 'sqlite', dataDir: options.dataDir };
}

/** Loads the knowledge (throws KnowledgeError), opens the store, and wires the services. */
export async function openFactCheckCore(options: CoreOptions): Promise<FactCheckCore> {
  const base = options.claims ?? loadKnowledge(options.knowledge);
  const knowledge = new KnowledgeBase(base, options.sentences === undefined ? {} : { sentences: options.sentences });
  const store = await openStore(locationOf(options), options.onStoreProblem === undefined ? {} : { onProblem: options.onStoreProblem });
  let catalog: ClaimCatalog;
  try {
    catalog = await ClaimCatalog.open(base, store, knowledge);
  } catch (error) {
    await store.close();
    throw error;
  }
  const first = options.knowledge[0] ?? '.';
  const root = knowledgeRoot(first);
  const defaultSource = sharedSource(base);
  // One clock for the core: tests move it to see suggestions expire.
  const clock = options.now;
  const now = clock === undefined ? {} : { now: () => new Date(clock()) };
  const review = new ReviewQueue(
    store,
    { reviewDays: options.reviewDays ?? DEFAULT_REVIEW_DAYS, limits: options.reviewLimits ?? DEFAULT_REVIEW_LIMITS },
    {
      ...now,
      ...(options.onSuggestion === undefined ? {} : { onSuggestion: options.onSuggestion }),
      ...(options.onStoreProblem === undefined ? {} : { onError: (error: unknown) => options.onStoreProblem?.('could not bring the review cards up to date; trying again', error) }),
    },
  );
  const moderation = new ModerationService({
    catalog,
    store,
    review,
    ...now,
    knowledgeRoot: root,
    ...(defaultSource === undefined ? {} : { defaultSource }),
    ...(options.updateWindowDays === undefined ? {} : { updateWindowDays: options.updateWindowDays }),
    ...(options.onModeratorAction === undefined ? {} : { onAction: options.onModeratorAction }),
  });
  const checker = new FactChecker(knowledge, { ...options, deliveries: store });
  return {
    knowledge,
    checker,
    catalog,
    moderation,
    store,
    async close() {
      catalog.stopWatching();
      review.stop();
      await store.close();
    },
  };
}
