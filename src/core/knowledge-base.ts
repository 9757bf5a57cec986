import type { Claim } from './claim.ts';
import { ClaimMatcher, type Match, type MatcherOptions } from './matching/matcher.ts';

/**
 * The claims the bot knows, with a matcher over the published ones. Replacing the claims
 * rebuilds the matcher at once, so every adapter in the process sees a change without a restart.
 */
export class KnowledgeBase {
  private claimsById = new Map<string, Claim>();
  private matcher: ClaimMatcher;

  constructor(claims: readonly Claim[], private readonly options: MatcherOptions = {}) {
    this.matcher = this.build(claims);
  }

  private build(claims: readonly Claim[]): ClaimMatcher {
    this.claimsById = new Map(claims.map((c) => [c.id, c]));
    return new ClaimMatcher(
      claims.filter((c) => c.status === 'published'),
      this.options,
    );
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

  /** Published claims that a text may repeat, best first. */
  rank(text: string, limit = 5): Match[] {
    return this.matcher.rank(text, limit);
  }
}
