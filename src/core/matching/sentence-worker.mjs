// Entry of the sentence-encoder worker thread: the TypeScript sources run through tsx here as in
// the main thread (hooks registered there do not reach a worker).
import { register } from 'tsx/esm/api';

register();
await import('./sentence-worker.ts');
