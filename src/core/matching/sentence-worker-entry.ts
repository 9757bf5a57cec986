/**
 * The file a sentence-encoder worker thread starts from: beside the sources, the .mjs that runs
 * sentence-worker.ts through tsx. The compiled bundle replaces this module (scripts/build.mjs)
 * with dist/sentence-worker.js, plain JavaScript.
 */
export const WORKER_ENTRY: URL = new URL('./sentence-worker.mjs', import.meta.url);
