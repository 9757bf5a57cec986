import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { SentenceEncoder } from './sentence-encoder.ts';
import { VECTOR_SIZE } from './sentence-vectors.ts';

/** What the main thread asks of the worker: the vectors of some texts. */
export interface EncodeRequest {
  id: number;
  texts: string[];
}

/** What the worker answers: a request's vectors end to end, or why not; `ready` once the model is loaded. */
export type WorkerReply = { id: number; vectors: Float32Array } | { id: number; error: string } | { ready: true } | { failed: string };

/** What the worker is started with (`workerData`). */
export interface WorkerSettings {
  /** Whether the worker yields the CPU to everything else (the bot); a command that waits for it does not. */
  background: boolean;
}

const port = parentPort;
if (port === null) throw new Error('sentence-worker.ts runs as a worker thread (see SentenceVectors)');
// On Linux a thread has its own nice value: in the background the encoder gets the CPU the event
// loop leaves, so acknowledgements and words-alone decisions never queue behind it on a busy core.
if ((workerData as WorkerSettings).background) {
  try {
    setPriority(0, 19);
  } catch {
    // Not permitted here: the worker runs at the process's priority.
  }
}
try {
  const encoder = await SentenceEncoder.load();
  port.on('message', ({ id, texts }: EncodeRequest) => {
    try {
      const vectors = new Float32Array(texts.length * VECTOR_SIZE);
      encoder.encode(texts).forEach((vector, i) => vectors.set(vector, i * VECTOR_SIZE));
      port.postMessage({ id, vectors } satisfies WorkerReply, [vectors.buffer]);
    } catch (error) {
      port.postMessage({ id, error: String(error) } satisfies WorkerReply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (error) {
  port.postMessage({ failed: String(error) } satisfies WorkerReply);
}
