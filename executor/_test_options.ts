/**
 * Worker options shared by the executor's tests (not part of the public `testing`
 * module, whose importers in other members do not load the worker).
 *
 * @module
 */

import type { WorkerOptions } from "./worker.ts";

/**
 * Worker options for tests: no idle wait, fast polls and flushes, and fetch limits
 * generous enough for a machine under load (a URL's deadline covers its extraction,
 * and the first page waits for the extraction threads to load). `fetch` overrides
 * single fetch settings (`retries: 0` where a test counts requests).
 */
export function fastWorkerOptions(fetch: WorkerOptions["fetch"] = {}): WorkerOptions {
  return {
    idleTimeoutMs: 0,
    pollIntervalMs: 20,
    cancelPollMs: 50,
    progressIntervalMs: 20,
    logFlushMs: 10,
    fetch: {
      timeoutMs: 60_000,
      retries: 2,
      backoffMs: 5,
      maxBackoffMs: 50,
      deadlineMs: 120_000,
      ...fetch,
    },
  };
}
