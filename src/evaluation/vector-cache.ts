import path from 'node:path';

/**
 * Where the evaluations and the bench keep the sentence vectors of claim texts between runs (the
 * 14,231 CheckThat! claims take minutes to encode once), beside the installed packages.
 */
export const EVALUATION_VECTOR_CACHE = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'factcheck-sentence-vectors');
