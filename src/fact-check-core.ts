import type { Claim, ClaimSource } from './core/claim.ts';
import { FactChecker, type FactCheckerOptions } from './core/fact-checker.ts';
import { KnowledgeBase } from './core/knowledge-base.ts';
import type { SentenceEncoder } from './core/matching/sentence-encoder.ts';
import { loadKnowledge } from './core/knowledge/load.ts';
import { knowledgeRoot } from './core/knowledge/claim-files.ts';
import { ClaimCatalog } from './core/moderation/claim-catalog.ts';
import { ModerationService, type ModerationOptions } from './core/moderation/moderation-service.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { ModerationStore } from './store/store.ts';

/** The claim core with its knowledge, moderator store and services, as the CLI and the bot use it. */
export interface FactCheckCore {
  knowledge: KnowledgeBase;
  checker: FactChecker;
  catalog: ClaimCatalog;
  moderation: ModerationService;
  store: ModerationStore;
  close(): void;
}

export interface CoreOptions extends FactCheckerOptions {
  /** Knowledge locations: folders of claim files or ClaimReview files. The first folder is the root of `sources/`. */
  knowledge: string[];
  /** Folder of the moderators' store; null keeps it in memory (knowledge given for one run). */
  dataDir: string | null;
  updateWindowDays?: number;
  onModeratorAction?: ModerationOptions['onAction'];
  /** Sentence vectors for the matcher's second stage (`SentenceEncoder.load()`); without it, words alone decide. */
  encoder?: SentenceEncoder;
}

/** The one source every base claim cites, offered as the default source of a new claim. */
function sharedSource(claims: readonly Claim[]): ClaimSource | undefined {
  const files = new Set(claims.map((c) => c.source.file ?? c.source.url));
  return files.size === 1 ? claims[0]?.source : undefined;
}

/** Loads the knowledge (throws KnowledgeError), opens the store in `dataDir`, and wires the services. */
export function openFactCheckCore(options: CoreOptions): FactCheckCore {
  const base = loadKnowledge(options.knowledge);
  const knowledge = new KnowledgeBase(base, options.encoder === undefined ? {} : { encoder: options.encoder });
  const store = options.dataDir === null ? new SqliteStore(':memory:') : SqliteStore.inDataDir(options.dataDir);
  const catalog = new ClaimCatalog(base, store, knowledge);
  const first = options.knowledge[0] ?? '.';
  const root = knowledgeRoot(first);
  const defaultSource = sharedSource(base);
  const moderation = new ModerationService({
    catalog,
    store,
    knowledgeRoot: root,
    ...(defaultSource === undefined ? {} : { defaultSource }),
    ...(options.updateWindowDays === undefined ? {} : { updateWindowDays: options.updateWindowDays }),
    ...(options.onModeratorAction === undefined ? {} : { onAction: options.onModeratorAction }),
  });
  const checker = new FactChecker(knowledge, options);
  return {
    knowledge,
    checker,
    catalog,
    moderation,
    store,
    close() {
      catalog.stopWatching();
      store.close();
    },
  };
}
