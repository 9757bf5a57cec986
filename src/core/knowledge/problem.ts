/** One thing wrong with the knowledge: where it is and what to do about it. */
export interface KnowledgeProblem {
  file: string;
  /** Dotted path of the field, e.g. `evidence.1`; absent when the whole file is at fault. */
  field?: string;
  message: string;
}

export function formatProblem(problem: KnowledgeProblem): string {
  return problem.field === undefined ? `${problem.file}: ${problem.message}` : `${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Knowledge that cannot be loaded; nothing of it is used. */
export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    const shown = problems.slice(0, 20).map(formatProblem);
    const more = problems.length > 20 ? [`... and ${problems.length - 20} more`] : [];
    super(`The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${[...shown, ...more].join('\n')}`);
    this.name = 'KnowledgeError';
  }
}
