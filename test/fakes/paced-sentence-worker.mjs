// A stand-in for the sentence encoder's worker thread (src/core/matching/sentence-worker.ts) that
// answers at a pace the test sets: a batch holding a text with "[slow]" takes 500 ms, any other 2 ms,
// as a worker starved of CPU on a saturated core and one on a free core would. Its vectors are zeros
// with a 1 where the text's length falls, enough to tell texts apart.
import { parentPort } from 'node:worker_threads';

const SIZE = 512;
parentPort.on('message', ({ id, texts }) => {
  const delay = texts.some((text) => text.includes('[slow]')) ? 500 : 2;
  setTimeout(() => {
    const vectors = new Float32Array(texts.length * SIZE);
    texts.forEach((text, i) => (vectors[i * SIZE + (text.length % SIZE)] = 1));
    parentPort.postMessage({ id, vectors }, [vectors.buffer]);
  }, delay);
});
parentPort.postMessage({ ready: true });
