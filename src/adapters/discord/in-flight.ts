/** Work the adapter has started and not finished, so stop() can let replies land before disconnecting. */
export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  /** Runs `task` and tracks it until it settles; `task` must handle its own errors. */
  run(task: () => Promise<void>): Promise<void> {
    const promise = task().finally(() => this.pending.delete(promise));
    this.pending.add(promise);
    return promise;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Waits for everything in flight, at most `timeoutMs`; true if it all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.pending.size > 0) {
        const finished = await Promise.race([Promise.allSettled([...this.pending]).then(() => true as const), timedOut]);
        if (!finished) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
