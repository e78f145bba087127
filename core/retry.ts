/**
 * Retrying a job in place (`retry --id J [--skipped]`): which of its URLs run
 * again and the job as it goes back to the queue. Pure rules; the stores
 * apply the plan under the job's lock.
 *
 * @module
 */

import { NotRetryableError } from "./errors.ts";
import { countProgress, isTerminal, type Job } from "./job.ts";
import { transition } from "./lifecycle.ts";
import type { Extraction } from "./result.ts";

/** Options for {@linkcode retryJob}. */
export interface RetryOptions {
  /** Also run the URLs skipped on purpose (robots.txt) again. */
  skipped?: boolean;
  /** Time of the retry (defaults to now). */
  now?: Date;
}

/** What a retry does, from {@linkcode retryJob}. */
export interface RetryPlan {
  /** The job back in `pending`, its history recording the retry. */
  job: Job;
  /** URLs whose recorded results are dropped, to be recorded again when they finish. */
  urls: string[];
  /** How many of `urls` had failed. */
  failed: number;
  /** How many of `urls` had been skipped. */
  skipped: number;
  /** URLs of the job that never ran (a cancelled job's rest): they run too. */
  unrun: number;
}

/**
 * Throws {@linkcode NotRetryableError} unless the job has ended (completed,
 * failed or cancelled): a pending or running job is not retried.
 */
export function assertRetryable(job: Job): void {
  if (!isTerminal(job.status)) {
    throw new NotRetryableError(
      `Job ${job.id} is ${job.status}: only a completed, failed or cancelled job can be retried`,
    );
  }
}

/**
 * Plans the retry of an ended job: its failed URLs (and, with `skipped`,
 * its skipped ones) run again while every other result stays; a cancelled
 * job's URLs that never ran run too. Throws {@linkcode NotRetryableError}
 * for a job that has not ended or has nothing to run again.
 *
 * @example
 * ```ts
 * import { newJobId, newPendingJob, retryJob, transition } from "@riptide/core";
 * const job = newPendingJob(newJobId(), {
 *   name: null, priority: "high", urls: ["https://example.com/"], strategy: "auto",
 *   tags: [], stream: false, options: {},
 * }, { results_path: "/tmp/results.json", log_path: "/tmp/logs.jsonl" });
 * const failed = transition(transition(job, "running"), "failed", { error: "HTTP 503" });
 * const plan = retryJob(failed, [{
 *   url: "https://example.com/", status: "failed", content: "", error: "HTTP 503",
 *   metadata: { title: null, extraction_time_ms: 3 },
 * }]);
 * // plan.job.status === "pending", plan.urls = ["https://example.com/"]
 * ```
 */
export function retryJob(
  job: Job,
  extractions: readonly Extraction[],
  options: RetryOptions = {},
): RetryPlan {
  assertRetryable(job);
  const all = job.options.crawl === undefined
    ? new Set(job.urls)
    : new Set([...job.urls, ...extractions.map((e) => e.url)]);
  const byUrl = new Map<string, Extraction>();
  for (const e of extractions) if (all.has(e.url)) byUrl.set(e.url, e);
  const urls: string[] = [];
  let failed = 0;
  let skipped = 0;
  let completed = 0;
  for (const e of byUrl.values()) {
    if (e.status === "success") completed++;
    else if (e.status === "skipped") {
      if (options.skipped !== true) continue;
      skipped++;
      urls.push(e.url);
    } else {
      failed++;
      urls.push(e.url);
    }
  }
  const unrun = job.status === "cancelled" ? all.size - byUrl.size : 0;
  if (urls.length === 0 && unrun === 0) {
    throw new NotRetryableError(
      `Job ${job.id} has no ${options.skipped === true ? "failed or skipped" : "failed"} URL ` +
        "to retry",
    );
  }
  const keptSkipped = [...byUrl.values()].filter((e) => e.status === "skipped").length - skipped;
  const parts = [
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
    ...(unrun > 0 ? [`${unrun} not run`] : []),
  ];
  const moved = transition(job, "pending", {
    ...(options.now === undefined ? {} : { now: options.now }),
    reason: `retry of ${parts.join(", ")} URL(s)`,
  });
  return {
    job: {
      ...moved,
      completed_at: null,
      error: null,
      progress: countProgress(job.progress, {
        completed,
        failed: 0, // every failed URL runs again
        skipped: keptSkipped,
        current_item: null,
      }),
    },
    urls,
    failed,
    skipped,
    unrun,
  };
}
