/**
 * Small async helpers shared by the members (timers only, no I/O).
 *
 * @module
 */

/**
 * Resolves after `ms` milliseconds, or as soon as `signal` aborts (at once when
 * it already has). It never rejects: a caller that must stop on abort checks
 * `signal.aborted` (or calls `signal.throwIfAborted()`) afterwards.
 *
 * @example
 * ```ts
 * import { sleep } from "@riptide/core";
 * const stop = new AbortController();
 * setTimeout(() => stop.abort(), 10);
 * await sleep(60_000, stop.signal); // ends after about 10 ms
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
