/**
 * Settling a job's dependencies before a worker starts it (private to the
 * executor): the queue offers a job with dependencies once they have ended
 * or one of them failed; this decides, with the statuses read now, whether
 * it runs or is cancelled.
 *
 * @module
 */

import { dependenciesOf, dependencyVerdict, type Job, transition } from "@riptide/core/base";
import { dependencyStatuses, type JobStore } from "@riptide/storage/base";

/**
 * Whether the worker may start `job` now: yes without dependencies or when
 * they are met; a job whose dependency failed, was cancelled or is gone is
 * cancelled here with that reason (returned as `cancelled`, the job as
 * stored; another worker doing the same at once changes nothing twice);
 * `wait` when a dependency has not ended after all.
 */
export async function settleDependencies(
  store: JobStore,
  job: Job,
): Promise<{ kind: "run" } | { kind: "wait" } | { kind: "cancelled"; job: Job }> {
  if (dependenciesOf(job).length === 0) return { kind: "run" };
  const verdict = dependencyVerdict(job, await dependencyStatuses(store, job));
  if (verdict.kind === "ready") return { kind: "run" };
  if (verdict.kind === "waiting") return { kind: "wait" };
  let cancelled = false;
  const stored = await store.update(job.id, (j) => {
    if (j.status !== "pending") return j;
    cancelled = true;
    // The reason is the job's error too, so status says why it never ran.
    return { ...transition(j, "cancelled", { reason: verdict.reason }), error: verdict.reason };
  });
  return cancelled ? { kind: "cancelled", job: stored } : { kind: "wait" };
}
