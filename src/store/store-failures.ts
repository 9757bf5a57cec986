import type { ModerationStore } from '../core/store/moderation-store.ts';

/**
 * The store as its callers see it: every method's engine error (a SqliteError, a pg error) comes
 * out as the StoreFailure `toFailure` makes of it, so no caller handles one engine's errors.
 * Errors that are not about storage (VersionConflict, a bug) pass through unchanged.
 */
export function raisingStoreFailures(store: ModerationStore, toFailure: (error: unknown) => unknown): ModerationStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(toFailure(error))) : result;
        } catch (error) {
          throw toFailure(error);
        }
      };
    },
  });
}
