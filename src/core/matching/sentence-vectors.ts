import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { EncodeRequest, WorkerReply, WorkerSettings } from './sentence-worker.ts';
import { WORKER_ENTRY } from './sentence-worker-entry.ts';

/** Dimensions of a sentence vector (Universal Sentence Encoder lite). */
export const VECTOR_SIZE = 512;
/**
 * Texts per model call at most: a batch shares the graph's fixed cost per call, but its attention
 * grows with the batch's tokens (chat messages on one idle core: 24 ms a text alone, 42-46 ms for
 * two, 70-87 ms for four), so batching saves little and a message waits for its whole batch.
 */
export const BATCH = 4;
/**
 * How long the bot lets a message wait for its vectors (SENTENCE_ENCODER_DEADLINE_MS): under the
 * 50 ms a chat decision may take, so an overloaded encoder costs the paraphrases, never the latency.
 */
export const DEFAULT_SENTENCE_DEADLINE_MS = 40;

/**
 * What became of one request for vectors: `encoded` by the worker, `cached` (nothing to compute),
 * or shed, the decision then made on the words alone: `busy` (the worker could not have answered
 * before the deadline, or too many were waiting), `late` (the deadline passed while waiting),
 * `unavailable` (the worker is loading, failed or stopped).
 */
export type VectorOutcome = 'encoded' | 'cached' | 'busy' | 'late' | 'unavailable';

export interface SentenceVectorsOptions {
  /** A folder where the vectors of claim texts are kept between runs, keyed by a hash of the text. */
  cacheDir?: string;
  /** How long a message may wait for its vectors, in ms, before it is decided on its words (default: no limit). */
  deadlineMs?: number;
  /**
   * Whether the encoder only gets the CPU nothing else wants (the lowest priority: the bot, whose
   * event loop must never wait on it), or computes at the process's priority (a command, an evaluation).
   */
  background?: boolean;
  /** Messages that may wait for the worker at once; more are shed at once (default 8). */
  maxWaiting?: number;
  /** Told of every request's outcome and how long it waited; must not throw. */
  onOutcome?: (outcome: VectorOutcome, waitedMs: number) => void;
  /** Told when the worker fails or cannot load the model (it is started again on a later request). */
  onProblem?: (message: string, error: unknown) => void;
  /** The worker's module (default: the sentence encoder's; a test gives a stand-in that answers at its own pace). */
  workerEntry?: URL;
}

/** Sentence vectors of a message and of claim texts, as the second stage asks for them. */
export interface SentenceVectorSource {
  /** The vectors, or undefined when they could not be had in time (the words alone then decide). */
  vectorsOf(message: string, kept: readonly string[]): Promise<{ message: Float32Array; kept: Float32Array[] } | undefined>;
  /** Computes claim texts' vectors ahead of need, when nothing else waits. */
  prepare(kept: readonly string[]): void;
}

interface Job {
  texts: string[];
  keys: string[];
  started: number;
  settle: (vectors: Float32Array[] | undefined, outcome: VectorOutcome) => void;
  settled: boolean;
  timer?: NodeJS.Timeout;
}

const MESSAGE_CACHE = 2_000;
// After the worker fails, requests are shed this long before it is started again.
const RESTART_AFTER_MS = 30_000;
// While the worker is too slow to meet the deadline, one request this often is let through anyway,
// to learn whether it has caught up (a busy core was freed); the rest are shed at once.
const PROBE_EVERY_MS = 1_000;

/**
 * The sentence encoder in a worker thread, so the event loop never computes a vector: requests
 * that arrive together go in one batch, claim texts' vectors are kept (in memory and in
 * `cacheDir`), the last few thousand messages' too (by their cleaned text), and a bounded queue
 * with a deadline sheds what cannot be answered in time rather than queueing without end.
 */
export class SentenceVectors implements SentenceVectorSource {
  /** Outcomes so far, for `npm run bench` and the metrics. */
  readonly counts: Record<VectorOutcome, number> = { encoded: 0, cached: 0, busy: 0, late: 0, unavailable: 0 };
  private readonly kept = new Map<string, Float32Array>();
  private readonly messages = new LRUCache<string, Float32Array>({ max: MESSAGE_CACHE });
  private readonly waiting: Job[] = [];
  private readonly toPrepare = new Set<string>();
  private readonly deadlineMs: number;
  private readonly maxWaiting: number;
  private cacheFile: string | undefined;
  private worker: Worker | undefined;
  private ready = false;
  private failedAt = -Infinity;
  private inFlight: { id: number; jobs: Job[]; texts: string[]; sent: number; probe: boolean } | undefined;
  private nextId = 1;
  private pumpScheduled = false;
  /** Recent wall time per text of a batch, ms (what a request may expect to wait for each text before it and its own). */
  private textMs = 0;
  /** When a batch was last sent, to let a probe through now and then while the worker is slow. */
  private lastSent = -Infinity;
  /** Set when the next batch is a probe: its time replaces the recent figure rather than being blended in. */
  private probing = false;
  private closed = false;
  /** Set when the worker is started by the first message that needs it (see `onDemand`). */
  private spawning: Promise<void> | undefined;
  private startWhenNeeded = false;
  private waitingMessages = 0;

  private constructor(private readonly options: SentenceVectorsOptions) {
    this.deadlineMs = options.deadlineMs ?? Infinity;
    this.maxWaiting = options.maxWaiting ?? 8;
    if (options.cacheDir !== undefined) this.cacheFile = this.readCache(options.cacheDir);
  }

  /** Starts the worker and waits until its model is loaded (about a second; the model ships in the package). */
  static async start(options: SentenceVectorsOptions = {}): Promise<SentenceVectors> {
    const vectors = new SentenceVectors(options);
    await vectors.spawn();
    return vectors;
  }

  /**
   * The worker started only when a message first needs vectors, which then waits for the model
   * (about a second): a command whose messages never reach the second stage never loads it.
   */
  static onDemand(options: SentenceVectorsOptions = {}): SentenceVectors {
    const vectors = new SentenceVectors(options);
    vectors.startWhenNeeded = true;
    return vectors;
  }

  async vectorsOf(message: string, kept: readonly string[]): Promise<{ message: Float32Array; kept: Float32Array[] } | undefined> {
    // While a message waits for its vectors, the worker keeps the process alive; idle, it does not.
    this.waitingMessages++;
    this.worker?.ref();
    try {
      if (this.startWhenNeeded && !this.closed) await (this.spawning ??= this.spawn());
      return await this.vectorsNow(message, kept);
    } finally {
      if (--this.waitingMessages === 0) this.worker?.unref();
    }
  }

  private async vectorsNow(message: string, kept: readonly string[]): Promise<{ message: Float32Array; kept: Float32Array[] } | undefined> {
    const started = performance.now();
    const keptKeys = kept.map(keyOf);
    const missing = new Map<string, string>();
    if (!this.messages.has(message)) missing.set(`m:${message}`, message);
    kept.forEach((text, i) => {
      if (!this.kept.has(keptKeys[i] as string)) missing.set(keptKeys[i] as string, text);
    });
    const collect = () => ({ message: this.messages.get(message) as Float32Array, kept: keptKeys.map((key) => this.kept.get(key) as Float32Array) });
    if (missing.size === 0) {
      this.report('cached', started);
      return collect();
    }
    const outcome = this.admit(missing.size);
    if (outcome !== undefined) {
      if (outcome === 'unavailable') this.restartIfDue();
      this.report(outcome, started);
      return undefined;
    }
    const vectors = await new Promise<Float32Array[] | undefined>((resolve) => {
      const job: Job = {
        texts: [...missing.values()],
        keys: [...missing.keys()],
        started,
        settled: false,
        settle: (result, how) => {
          if (job.settled) return;
          job.settled = true;
          if (job.timer !== undefined) clearTimeout(job.timer);
          this.report(how, started);
          resolve(result);
        },
      };
      if (Number.isFinite(this.deadlineMs)) {
        job.timer = setTimeout(() => {
          const at = this.waiting.indexOf(job);
          if (at >= 0) this.waiting.splice(at, 1);
          job.settle(undefined, 'late');
        }, Math.max(0, this.deadlineMs - (performance.now() - started)));
      }
      this.waiting.push(job);
      this.schedulePump();
    });
    return vectors === undefined ? undefined : collect();
  }

  prepare(kept: readonly string[]): void {
    for (const text of kept) if (!this.kept.has(keyOf(text))) this.toPrepare.add(text);
    this.schedulePump();
  }

  /** Claim texts still waiting to be prepared. */
  get preparing(): number {
    return this.toPrepare.size;
  }

  /** Resolves once every claim text asked for is prepared (or the worker stopped). */
  async whenPrepared(): Promise<void> {
    while ((this.toPrepare.size > 0 || this.inFlight !== undefined) && this.worker !== undefined) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Stops the worker; later requests are shed as `unavailable`. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.fail();
    await worker?.terminate();
  }

  /**
   * Why a request is shed before it waits, or undefined to let it wait: it must be able to get its
   * vectors before the deadline, behind the batch in flight and the texts already waiting. A batch
   * in flight for longer than the deadline means the worker is starved of CPU (it yields to the
   * event loop on a saturated core): then nothing waits for it, so a message in doubt costs no
   * more latency than one the words decide.
   */
  private admit(texts: number): VectorOutcome | undefined {
    if (!this.ready) return 'unavailable';
    if (!Number.isFinite(this.deadlineMs)) return undefined;
    if (this.waiting.length >= this.maxWaiting) return 'busy';
    const now = performance.now();
    let expected = 0;
    if (this.inFlight !== undefined) {
      const age = now - this.inFlight.sent;
      if (age > this.deadlineMs) return 'busy';
      expected += Math.max(0, this.inFlight.texts.length * this.textMs - age);
    }
    expected += (this.waiting.reduce((sum, job) => sum + job.texts.length, 0) + texts) * this.textMs;
    if (expected <= this.deadlineMs) return undefined;
    // Too slow of late: a probe now and then, when nothing else waits, measures it afresh.
    if (this.inFlight === undefined && this.waiting.length === 0 && now - this.lastSent >= PROBE_EVERY_MS) {
      this.probing = true;
      return undefined;
    }
    return 'busy';
  }

  // Requests made in the same turn of the event loop go to the worker in one batch.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const worker = this.worker;
    if (worker === undefined || !this.ready || this.inFlight !== undefined) return;
    const jobs: Job[] = [];
    const texts: string[] = [];
    while (this.waiting.length > 0 && (jobs.length === 0 || texts.length + (this.waiting[0] as Job).texts.length <= BATCH)) {
      const job = this.waiting.shift() as Job;
      jobs.push(job);
      texts.push(...job.texts);
    }
    // Claim texts are prepared only when no message waits.
    if (jobs.length === 0) {
      for (const text of this.toPrepare) {
        this.toPrepare.delete(text);
        if (this.kept.has(keyOf(text))) continue;
        texts.push(text);
        if (texts.length >= BATCH) break;
      }
    }
    if (texts.length === 0) return;
    const id = this.nextId++;
    const probe = this.probing && jobs.length > 0;
    if (probe) this.probing = false;
    this.inFlight = { id, jobs, texts, sent: performance.now(), probe };
    this.lastSent = this.inFlight.sent;
    worker.postMessage({ id, texts } satisfies EncodeRequest);
  }

  private received(reply: WorkerReply): void {
    if ('ready' in reply) {
      this.ready = true;
      this.schedulePump();
      return;
    }
    if ('failed' in reply) {
      this.options.onProblem?.('the sentence encoder could not load its model; messages are decided on their words', new Error(reply.failed));
      void this.worker?.terminate();
      return;
    }
    const flight = this.inFlight;
    if (flight === undefined || flight.id !== reply.id) return;
    this.inFlight = undefined;
    const perText = (performance.now() - flight.sent) / flight.texts.length;
    this.textMs = this.textMs === 0 || flight.probe ? perText : 0.7 * this.textMs + 0.3 * perText;
    if ('error' in reply) {
      this.options.onProblem?.('the sentence encoder failed on a batch; its messages were decided on their words', new Error(reply.error));
      for (const job of flight.jobs) job.settle(undefined, 'unavailable');
    } else {
      this.store(flight, reply.vectors);
      for (const job of flight.jobs) job.settle([], 'encoded');
    }
    this.schedulePump();
  }

  /** Keeps a batch's vectors: messages in the recent cache, claim texts in memory and on disk. */
  private store(flight: { jobs: Job[]; texts: string[] }, vectors: Float32Array): void {
    const keys = flight.jobs.length > 0 ? flight.jobs.flatMap((job) => job.keys) : flight.texts.map(keyOf);
    const lines: string[] = [];
    keys.forEach((key, i) => {
      const vector = vectors.slice(i * VECTOR_SIZE, (i + 1) * VECTOR_SIZE);
      if (key.startsWith('m:')) {
        this.messages.set(key.slice(2), vector);
        return;
      }
      if (this.kept.has(key)) return;
      this.kept.set(key, vector);
      lines.push(`${key}\t${Buffer.from(vector.buffer).toString('base64')}`);
    });
    if (this.cacheFile !== undefined && lines.length > 0) {
      try {
        appendFileSync(this.cacheFile, `${lines.join('\n')}\n`);
      } catch {
        this.cacheFile = undefined;
      }
    }
  }

  private spawn(): Promise<void> {
    return new Promise((resolve) => {
      const worker = new Worker(this.options.workerEntry ?? WORKER_ENTRY, { workerData: { background: this.options.background === true } satisfies WorkerSettings });
      this.worker = worker;
      const done = () => resolve();
      worker.on('message', (reply: WorkerReply) => {
        this.received(reply);
        if ('ready' in reply || 'failed' in reply) {
          // Loaded, an idle worker no longer keeps the process alive: a one-shot command exits when
          // it is done. (Not before: whoever awaits the start would see the process end.)
          if (this.waitingMessages === 0) worker.unref();
          done();
        }
      });
      worker.on('error', (error) => this.options.onProblem?.('the sentence encoder stopped with an error; messages are decided on their words until it restarts', error));
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = false;
          this.fail();
        }
        done();
      });

    });
  }

  /** Everything waiting or in flight is decided on its words. */
  private fail(): void {
    this.failedAt = performance.now();
    const flight = this.inFlight;
    this.inFlight = undefined;
    for (const job of [...(flight?.jobs ?? []), ...this.waiting.splice(0)]) job.settle(undefined, 'unavailable');
  }

  private restartIfDue(): void {
    if (this.closed || this.worker !== undefined || performance.now() - this.failedAt < RESTART_AFTER_MS) return;
    void this.spawn();
  }

  private report(outcome: VectorOutcome, started: number): void {
    this.counts[outcome]++;
    this.options.onOutcome?.(outcome, performance.now() - started);
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
          if (bytes?.length === VECTOR_SIZE * 4) this.kept.set(line.slice(0, tab), new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
        }
      }
      return file;
    } catch {
      return undefined;
    }
  }
}

function keyOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
