/** Work started for events that must be allowed to finish before an adapter disconnects (graceful stop). */
export class InFlightWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `work` and remembers it until it settles; the result (or error) passes through. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    this.pending.add(running);
    const forget = () => this.pending.delete(running);
    running.then(forget, forget);
    return running;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Waits until nothing is in flight or `limitMs` has passed; returns how much work was left unfinished. */
  async drain(limitMs: number): Promise<number> {
    const deadline = Date.now() + limitMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.allSettled([...this.pending]), timeout]);
      clearTimeout(timer);
    }
    return this.pending.size;
  }
}
