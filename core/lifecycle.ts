/**
 * The job lifecycle as a pure transition function:
 * pending → running → completed | failed | cancelled, pending → cancelled,
 * and running → pending for crash recovery or requeue.
 *
 * @module
 */

import { InvalidTransitionError } from "./errors.ts";
import { isoNow, type Job, type JobStatus, percentage } from "./job.ts";

const ALLOWED: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  pending: ["running", "cancelled"],
  running: ["completed", "failed", "cancelled", "pending"],
  completed: [],
  failed: [],
  cancelled: [],
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
 * import { transition } from "@riptide/core";
 * declare const job: import("@riptide/core").Job;
 * const running = transition(job, "running");
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
    next.progress = {
      ...job.progress,
      percentage: percentage(job.progress.completed + job.progress.failed, job.progress.total),
    };
  }
  if (to === "failed") next.error = options.error ?? job.error ?? "Job failed";
  return next;
}
