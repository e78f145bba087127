/**
 * Spacing of requests to one host by its robots.txt `Crawl-delay`.
 *
 * @module
 */

import { sleep } from "@riptide/core/base";

/** Longest Crawl-delay honoured, in ms; a site asking for more gets this. */
export const MAX_CRAWL_DELAY_MS = 60_000;

/**
 * Hands out request start times per host at least `delayMs` apart. Each call
 * reserves the next free slot before waiting, so concurrent callers line up
 * instead of all starting when the first delay ends.
 */
export class HostPacer {
  readonly #next = new Map<string, number>();
  readonly #now: () => number;

  /** A pacer with no host seen yet; `now` is injectable for tests (ms, monotonic). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /**
   * Waits until a request to `host` may start, `delayMs` after the previous
   * one's slot (capped at {@linkcode MAX_CRAWL_DELAY_MS}); returns at once for
   * a delay of 0. Returns early, without throwing, when `signal` aborts.
   */
  async wait(host: string, delayMs: number, signal?: AbortSignal): Promise<void> {
    if (!(delayMs > 0)) return;
    const delay = Math.min(delayMs, MAX_CRAWL_DELAY_MS);
    const now = this.#now();
    const at = Math.max(now, this.#next.get(host) ?? now);
    this.#next.set(host, at + delay);
    if (at > now) await sleep(at - now, signal);
  }
}
