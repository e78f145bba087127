/**
 * Small async helpers shared by the members (timers only, no I/O).
 *
 * @module
 */

/**
 * Resolves after `ms` milliseconds (a delay below zero, or NaN, waits none), or
 * as soon as `signal` aborts (at once when it already has). It never rejects: a caller that must stop on abort checks
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
    // Never a negative delay: a caller's deadline may pass before it calls,
    // and the runtime warns about one on stderr (under a watch's frame).
    const timer = setTimeout(done, ms > 0 ? ms : 0);
    signal?.addEventListener("abort", done, { once: true });
  });
}
