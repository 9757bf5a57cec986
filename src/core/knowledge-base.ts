import type { Claim } from './claim.ts';
import { ClaimMatcher, type Match, type MatcherOptions } from './matching/matcher.ts';
import { MeaningStage } from './matching/meaning-stage.ts';
import type { SentenceVectorSource } from './matching/sentence-vectors.ts';

export interface KnowledgeBaseOptions extends MatcherOptions {
  /** Sentence vectors for the second stage (English messages the words leave in doubt); without them, words alone decide. */
  sentences?: SentenceVectorSource;
  /** Weights of the second stage's features (default `MEANING_WEIGHTS`); for fitting them. */
  meaningWeights?: readonly number[];
}

/**
 * The claims the bot knows, with a matcher over the published ones. Replacing the claims
 * rebuilds the matcher at once, so every adapter in the process sees a change without a restart.
 */
export class KnowledgeBase {
  private claimsById = new Map<string, Claim>();
  private matcher: ClaimMatcher;
  /** The second stage, when sentence vectors were given. */
  readonly meaning: MeaningStage | undefined;

  constructor(claims: readonly Claim[], private readonly options: KnowledgeBaseOptions = {}) {
    this.meaning = options.sentences === undefined ? undefined : new MeaningStage(options.sentences, options.meaningWeights);
    this.matcher = this.build(claims);
  }

  private build(claims: readonly Claim[]): ClaimMatcher {
    this.claimsById = new Map(claims.map((c) => [c.id, c]));
    const matcher = new ClaimMatcher(claims.filter((c) => c.status === 'published'), this.options);
    // The vectors of the texts a message can match are computed ahead, when the encoder has nothing else to do.
    this.options.sentences?.prepare(matcher.searchedTexts());
    return matcher;
  }

  /** Swaps in a new set of claims. */
  replace(claims: readonly Claim[]): void {
    this.matcher = this.build(claims);
  }

  get(id: string): Claim | undefined {
    return this.claimsById.get(id);
  }

  all(): Claim[] {
    return [...this.claimsById.values()];
  }

  get size(): number {
    return this.claimsById.size;
  }

  /** Published claims that a text may repeat, best first: by its words, then by meaning when its words leave it in doubt. */
  async rank(text: string, limit = 5): Promise<Match[]> {
    return (await this.rankCleaned(text, limit)).matches;
  }

  /** `rank`, with the text as cleaned for matching (what the reply policy reads stance from). */
  async rankCleaned(text: string, limit = 5): Promise<{ matches: Match[]; clean: string }> {
    const ranking = this.matcher.rankWords(text, limit);
    const matches = this.meaning === undefined ? ranking.matches.slice(0, limit) : await this.meaning.rank(ranking, limit);
    return { matches, clean: ranking.clean };
  }

  /** The ranking by words alone, with what the second stage's gate reads (for fitting and measuring). */
  rankWords(text: string, limit = 5): ReturnType<ClaimMatcher['rankWords']> {
    return this.matcher.rankWords(text, limit);
  }
}
