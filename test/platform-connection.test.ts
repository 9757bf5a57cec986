import { describe, expect, it } from 'vitest';
import { retryDelay, START_RETRY } from '../src/platform-connection.ts';

describe('the wait between attempts to reach a platform', () => {
  it('doubles from one second up to a minute, with up to half of it taken off at random', () => {
    const at = (random: number) => [1, 2, 3, 4, 7, 8, 30].map((attempt) => retryDelay(attempt, { ...START_RETRY, random: () => random }));
    expect(at(0.999999)).toEqual([1000, 2000, 4000, 8000, 60000, 60000, 60000]);
    expect(at(0)).toEqual([500, 1000, 2000, 4000, 30000, 30000, 30000]);
  });

  it('spreads the waits of bots restarted together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelay(5)));
    expect(waits.size).toBeGreaterThan(10);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(8000);
  });
});
