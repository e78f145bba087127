/**
 * Job dependencies (`submit --after ID[,ID…]`): a job waits in `pending`
 * until the jobs it names have ended; when one of them fails or is
 * cancelled, it is cancelled too (unless `--after-any-outcome`). Pure rules:
 * the stores and the worker ask them with the statuses they read.
 *
 * @module
 */

import { isTerminal, type Job, type JobStatus } from "./job.ts";

/** What a job's dependencies say, from {@linkcode dependencyVerdict}. */
export type DependencyVerdict =
  /** Every dependency ended as needed: the job may run. */
  | { kind: "ready" }
  /** Some dependencies have not ended (pending or running): the job waits for them. */
  | { kind: "waiting"; on: string[] }
  /** A dependency failed, was cancelled or is gone: the job is cancelled with `reason`. */
  | { kind: "cancel"; reason: string };

/** The ids a job waits for (`options.after`), empty when it has none. */
export function dependenciesOf(job: Job): readonly string[] {
  return job.options.after ?? [];
}

/**
 * Decides whether a job with dependencies may run, from the statuses of the
 * jobs it waits for (`null`: no such job any more). A failed, cancelled or
 * missing dependency cancels it at once (even while others still run),
 * unless it was submitted with `--after-any-outcome`, where only the end of
 * every dependency counts.
 *
 * @example
 * ```ts
 * import { dependencyVerdict, newJobId, newPendingJob } from "@riptide/core";
 * // A job submitted with --after job_1a2b3c4d_5e6f7a8b:
 * const job = newPendingJob(newJobId(), {
 *   name: null, priority: "medium", urls: ["https://example.com/"], strategy: "auto",
 *   tags: [], stream: false, options: { after: ["job_1a2b3c4d_5e6f7a8b"] },
 * }, { results_path: "/tmp/results.json", log_path: "/tmp/logs.jsonl" });
 * dependencyVerdict(job, new Map([["job_1a2b3c4d_5e6f7a8b", "failed"]]));
 * // { kind: "cancel", reason: "dependency job_1a2b3c4d_5e6f7a8b failed" }
 * ```
 */
export function dependencyVerdict(
  job: Job,
  statuses: ReadonlyMap<string, JobStatus | null>,
): DependencyVerdict {
  const anyOutcome = job.options.after_any_outcome === true;
  const waiting: string[] = [];
  for (const id of dependenciesOf(job)) {
    const status = statuses.get(id) ?? null;
    if (status !== null && !isTerminal(status)) {
      waiting.push(id);
      continue;
    }
    if (anyOutcome || status === "completed") continue;
    const what = status === null
      ? "no longer exists"
      : status === "failed"
      ? "failed"
      : "was cancelled";
    return { kind: "cancel", reason: `dependency ${id} ${what}` };
  }
  return waiting.length > 0 ? { kind: "waiting", on: waiting } : { kind: "ready" };
}

/**
 * A dependency cycle among `jobs` (each id and the ids it waits for), as the
 * ids around it, or null when there is none. Jobs outside `jobs` end the
 * walk (they wait for nothing here).
 */
export function findDependencyCycle(
  jobs: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const seen = state.get(id);
    if (seen === "done") return null;
    if (seen === "open") return [...path.slice(path.indexOf(id)), id];
    state.set(id, "open");
    path.push(id);
    for (const next of jobs.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    path.pop();
    state.set(id, "done");
    return null;
  };
  for (const id of jobs.keys()) {
    const cycle = visit(id);
    if (cycle !== null) return cycle;
  }
  return null;
}
