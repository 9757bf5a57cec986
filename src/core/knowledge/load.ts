import { statSync } from 'node:fs';
import type { Claim } from '../claim.ts';
import { readClaimFolder, type LoadResult } from './claim-files.ts';
import { readClaimReviewFile } from './claim-review.ts';
import { KnowledgeError, type KnowledgeProblem } from './problem.ts';

/** Reads one knowledge location: a folder of claim files or a ClaimReview JSON-LD file. */
export function readKnowledge(location: string): LoadResult {
  let isFolder: boolean;
  try {
    isFolder = statSync(location).isDirectory();
  } catch {
    return { claims: [], problems: [{ file: location, message: 'does not exist: pass a folder of claim files or a ClaimReview .json file' }] };
  }
  return isFolder ? readClaimFolder(location) : readClaimReviewFile(location);
}

/** Every problem of the given knowledge locations, duplicates across them included. */
export function checkKnowledge(locations: readonly string[]): LoadResult {
  const claims: Claim[] = [];
  const problems: KnowledgeProblem[] = [];
  const origin = new Map<string, string>();
  for (const location of locations) {
    const result = readKnowledge(location);
    problems.push(...result.problems);
    for (const claim of result.claims) {
      const first = origin.get(claim.id);
      if (first !== undefined) {
        problems.push({ file: location, field: 'id', message: `claim id "${claim.id}" is already defined in ${first}` });
        continue;
      }
      origin.set(claim.id, location);
      claims.push(claim);
    }
  }
  return { claims, problems };
}

/** Loads all the claims of the given locations, or throws a KnowledgeError listing every problem. */
export function loadKnowledge(locations: readonly string[]): Claim[] {
  const { claims, problems } = checkKnowledge(locations);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return claims;
}
