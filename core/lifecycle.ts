/**
 * The job lifecycle as a pure transition function:
 * pending → running → completed | failed | cancelled, pending → cancelled,
 * running → pending for crash recovery or requeue, and completed | failed |
 * cancelled → pending for a retry of the URLs that did not succeed.
 *
 * @module
 */

import { InvalidTransitionError } from "./errors.ts";
import {
  countProgress,
  emptyProgress,
  isoNow,
  type Job,
  JOB_PRIORITIES,
  type JobPriority,
  type JobStatus,
  type LogEntry,
  STRATEGIES,
  type Strategy,
  type StrategyOptions,
} from "./job.ts";
import type { JobId } from "./job_id.ts";
import {
  type Extraction,
  type ExtractionOutcome,
  type JobResults,
  summarizeResults,
} from "./result.ts";
import { humanList } from "./parse.ts";

const ALLOWED: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  pending: ["running", "cancelled"],
  running: ["completed", "failed", "cancelled", "pending"],
  // A finished job goes back to pending only by a retry (`retryJob`).
  completed: ["pending"],
  failed: ["pending"],
  cancelled: ["pending"],
};

/** Whether the lifecycle allows moving from `from` to `to`. */
export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Options for {@linkcode transition}. */
export interface TransitionOptions {
  /** Time of the transition (defaults to now). */
  now?: Date;
  /** Why, recorded in the history (e.g. "recovered after worker crash"). */
  reason?: string;
  /** Error message for a `failed` job. */
  error?: string;
}

/**
 * Returns a copy of `job` moved to status `to`, with timestamps and the audit
 * trail updated. Throws `InvalidTransitionError` for a transition the
 * lifecycle does not allow.
 *
 * @example
 * ```ts
 * import { newJobId, newPendingJob, transition } from "@riptide/core";
 * const job = newPendingJob(newJobId(), {
 *   name: null, priority: "high", urls: ["https://example.com/"], strategy: "auto",
 *   tags: [], stream: false, options: {},
 * }, { results_path: "/tmp/results.json", log_path: "/tmp/logs.jsonl" });
 * const running = transition(job, "running"); // started_at set, attempts 1
 * ```
 */
export function transition(job: Job, to: JobStatus, options: TransitionOptions = {}): Job {
  if (!canTransition(job.status, to)) throw new InvalidTransitionError(job.status, to);
  const at = isoNow(options.now);
  const next: Job = {
    ...job,
    status: to,
    updated_at: at,
    history: [
      ...job.history,
      {
        from: job.status,
        to,
        at,
        ...(options.reason === undefined ? {} : { reason: options.reason }),
      },
    ],
  };
  if (to === "running") {
    next.started_at = job.started_at ?? at;
    next.attempts = job.attempts + 1;
  }
  if (to === "completed" || to === "failed" || to === "cancelled") {
    next.completed_at = at;
    next.progress = countProgress(job.progress, job.progress);
  }
  if (to === "failed") next.error = options.error ?? job.error ?? "Job failed";
  return next;
}

/** The outcome of {@linkcode applyJobUpdate}. */
export interface JobUpdate {
  /** The job after the update, checked and with its history complete. */
  job: Job;
  /** The log line recording a status change, or null when the status did not change. */
  statusLog: LogEntry | null;
}

/**
 * Applies a store update `fn` to `before` under the rules every store keeps:
 * the id cannot change, `updated_at` moves, a status change must be allowed
 * by the lifecycle (else `InvalidTransitionError`) and is recorded in
 * `history` (added here when `fn` did not use {@linkcode transition}) and in
 * the returned log line (`Status changed: running → failed (reason)`).
 */
export function applyJobUpdate(before: Job, fn: (job: Job) => Job): JobUpdate {
  const after = fn(structuredClone(before));
  if (after.id !== before.id) {
    throw new TypeError(`A job update cannot change the id of "${before.id}" to "${after.id}"`);
  }
  if (after.updated_at === before.updated_at) after.updated_at = isoNow();
  if (after.status === before.status) return { job: after, statusLog: null };
  if (!canTransition(before.status, after.status)) {
    throw new InvalidTransitionError(before.status, after.status);
  }
  const recorded = after.history.at(-1);
  if (
    after.history.length === before.history.length || recorded?.from !== before.status ||
    recorded.to !== after.status
  ) {
    after.history = [...after.history, {
      from: before.status,
      to: after.status,
      at: after.updated_at,
    }];
  }
  const last = after.history.at(-1)!;
  const when = new Date(last.at);
  return {
    job: after,
    statusLog: {
      timestamp: isoNow(Number.isNaN(when.getTime()) ? new Date() : when),
      level: after.status === "failed" ? "Error" : "Info",
      message: `Status changed: ${before.status} → ${after.status}` +
        (last.reason === undefined ? "" : ` (${last.reason})`),
      url: null,
    },
  };
}

/** What a caller supplies to create a job (the store adds its id and where its files live). */
export interface NewJob {
  /** A name for the job, or null. */
  name: string | null;
  /** Queue priority. */
  priority: JobPriority;
  /** The URLs to extract, in order. */
  urls: readonly string[];
  /** The extraction strategy. */
  strategy: Strategy;
  /** Labels for filtering. */
  tags: readonly string[];
  /** Whether the job is submitted with `--stream`. */
  stream: boolean;
  /** Strategy options (selectors, patterns, prompt, schema). */
  options: StrategyOptions;
  /** Creation time (defaults to now; injectable for tests and benchmarks). */
  now?: Date;
}

/** Where a store keeps a new job's results and log. */
export interface PendingJobPaths {
  /** Where the job's final results are (a path, or a store's name for them). */
  results_path: string;
  /** Where the job's log is (a path, or a store's name for it). */
  log_path: string;
}

/**
 * A new job in `pending` with its creation in the history, as every store
 * creates it. Throws a `TypeError` for a priority, strategy or URL list a
 * caller let through unchecked.
 */
export function newPendingJob(
  id: JobId,
  input: NewJob,
  options: PendingJobPaths & { now?: Date },
): Job {
  if (!JOB_PRIORITIES.includes(input.priority)) {
    throw new TypeError(
      `Invalid priority "${input.priority}": expected ${humanList(JOB_PRIORITIES)}`,
    );
  }
  if (!STRATEGIES.includes(input.strategy)) {
    throw new TypeError(`Invalid strategy "${input.strategy}": expected ${humanList(STRATEGIES)}`);
  }
  if (!Array.isArray(input.urls) || input.urls.some((u) => typeof u !== "string")) {
    throw new TypeError("A job needs a list of URLs");
  }
  const at = isoNow(options.now);
  return {
    id,
    name: input.name,
    status: "pending",
    priority: input.priority,
    urls: [...input.urls],
    strategy: input.strategy,
    created_at: at,
    updated_at: at,
    started_at: null,
    completed_at: null,
    progress: emptyProgress(input.urls.length),
    tags: [...input.tags],
    error: null,
    results_path: options.results_path,
    log_path: options.log_path,
    stream: input.stream,
    options: input.options,
    history: [{ from: null, to: "pending", at }],
    attempts: 0,
  };
}

/**
 * Why a job whose URLs all ran fails, or null when it completes: every URL
 * failed, or more than `options.max_failed_ratio` of them did.
 *
 * @example
 * ```ts
 * import { jobFailure } from "@riptide/core";
 * jobFailure({ max_failed_ratio: 0.1 }, { succeeded: 5, failed: 8, firstError: "HTTP 404" });
 * // "8 of 13 URL(s) failed, more than the allowed 10%; first error: HTTP 404"
 * ```
 */
export function jobFailure(
  options: StrategyOptions,
  counts: { succeeded: number; failed: number; skipped?: number; firstError: string },
): string | null {
  const skipped = counts.skipped ?? 0;
  // URLs skipped on purpose (robots.txt) are no failures: the ratio is over
  // the URLs requested.
  const total = counts.succeeded + counts.failed;
  if (total + skipped === 0) return "Job has no URLs";
  if (counts.succeeded === 0) {
    if (skipped === 0) return `All ${total} URL(s) failed; first error: ${counts.firstError}`;
    if (counts.failed === 0) {
      return `No URL extracted: all ${skipped} URL(s) are disallowed by robots.txt`;
    }
    return `No URL extracted: ${counts.failed} failed, ${skipped} disallowed by robots.txt; ` +
      `first error: ${counts.firstError}`;
  }
  const limit = options.max_failed_ratio;
  if (limit === undefined || counts.failed === 0 || counts.failed / total <= limit) return null;
  const allowed = limit === 0 ? "none allowed" : `more than the allowed ${formatShare(limit)}`;
  return `${counts.failed} of ${total} URL(s) failed, ${allowed}; first error: ${counts.firstError}`;
}

/** `0.1` → `10%`, `0.125` → `12.5%`. */
function formatShare(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/**
 * What {@linkcode finishJob} decides from. `E`: whole extractions, or only
 * their outcomes (url, status, error), which is all the decision reads.
 */
export interface FinishInput<E extends ExtractionOutcome = Extraction> {
  /** The results recorded for the job (the last record per URL), any order. */
  extractions: readonly E[];
  /** How many of the job's distinct URLs have no result yet (held by workers or never claimed). */
  open: number;
  /** The URL processed most recently, kept as `progress.current_item`. */
  currentItem: string | null;
  /** The time of the decision (defaults to now). */
  now?: Date;
}

/** A job's end: the job to store and its `results.json` (made of the given extractions). */
export interface JobEnd<E extends ExtractionOutcome = Extraction> {
  /** The job in its final state (or cancelled, with its progress). */
  job: Job;
  /** The job's final results. */
  results: JobResults<E>;
}

/**
 * How a job ends once its workers stop, read under the job's lock: a
 * cancelled job keeps its status and records what was obtained; a running job
 * with no open URL completes, or fails when its failure policy says so
 * ({@linkcode jobFailure}: by default only when every URL failed); anything else (finished by another worker, or URLs
 * still held) is null, nothing to do. Progress is counted from the results.
 *
 * @example
 * ```ts
 * import { finishJob, newJobId, newPendingJob, transition } from "@riptide/core";
 * const job = newPendingJob(newJobId(), {
 *   name: null, priority: "high", urls: ["https://example.com/"], strategy: "auto",
 *   tags: [], stream: false, options: {},
 * }, { results_path: "/tmp/results.json", log_path: "/tmp/logs.jsonl" });
 * const end = finishJob(transition(job, "running"), {
 *   extractions: [{
 *     url: "https://example.com/", status: "success", content: "Hello",
 *     metadata: { title: null, extraction_time_ms: 3 },
 *   }],
 *   open: 0,
 *   currentItem: "https://example.com/",
 * });
 * // end.job.status === "completed", end.results.successful === 1
 * ```
 */
export function finishJob<E extends ExtractionOutcome = Extraction>(
  job: Job,
  input: FinishInput<E>,
): JobEnd<E> | null {
  // A crawl's URLs are its start URLs and every URL its pages led to, in the
  // order they were recorded; a URL list job's are the ones submitted.
  const urls = job.options.crawl === undefined
    ? job.urls
    : [...new Set([...job.urls, ...input.extractions.map((e) => e.url)])];
  const wanted = new Set(urls);
  const recorded = input.extractions.filter((e) => wanted.has(e.url));
  const ok = recorded.filter((e) => e.status === "success").length;
  const skipped = recorded.filter((e) => e.status === "skipped").length;
  const results = summarizeResults(job.id, urls, recorded);
  const progress = job.options.crawl === undefined
    ? job.progress
    : { ...job.progress, total: recorded.length + input.open };
  const counted: Job = {
    ...job,
    progress: countProgress(progress, {
      completed: ok,
      failed: recorded.length - ok - skipped,
      skipped,
      current_item: input.currentItem,
    }),
    updated_at: isoNow(input.now),
  };
  if (job.status === "cancelled") return { job: counted, results };
  if (job.status !== "running" || input.open > 0) return null;
  const now = input.now === undefined ? {} : { now: input.now };
  const byUrl = new Map(recorded.map((e) => [e.url, e]));
  const firstError = urls.map((u) => byUrl.get(u)).find((e) => e?.status === "failed")
    ?.error ?? "unknown error";
  // The job's failure policy (submit --fail-on / --max-failed-ratio) decides.
  const error = jobFailure(job.options, {
    succeeded: ok,
    failed: recorded.length - ok - skipped,
    skipped,
    firstError,
  });
  if (error === null) return { job: transition(counted, "completed", now), results };
  return { job: transition(counted, "failed", { ...now, error }), results };
}

/**
 * What a worker holding the queue does with a job it finds `running` but
 * nobody runs (its worker died): back to `pending`, or `failed` once its
 * worker has died `maxAttempts` times without the job making progress. Any
 * other status is returned as it is.
 *
 * `stalled` is the number of those deaths in a row with no URL recorded in
 * between, where the store keeps count (the filesystem store counts them,
 * and crash attempts per URL, so a job whose worker died while it made
 * progress is never failed for it); without it, the job's starts count.
 */
export function recoverJob(
  job: Job,
  maxAttempts: number,
  options: { stalled?: number } = {},
): Job {
  if (job.status !== "running") return job;
  if (options.stalled !== undefined) {
    if (options.stalled >= maxAttempts) {
      return transition(job, "failed", {
        error: `Job failed: the worker stopped ${options.stalled} times in a row without ` +
          "recording a result (crash, kill or out of memory)",
      });
    }
  } else if (job.attempts >= maxAttempts) {
    return transition(job, "failed", {
      error: `Job failed after ${job.attempts} attempts: the worker stopped while running it ` +
        "each time (crash, kill or out of memory)",
    });
  }
  return transition(job, "pending", { reason: "recovered after worker crash" });
}
