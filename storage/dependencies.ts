/**
 * Reading the statuses of the jobs a job waits for (`submit --after`), for
 * the worker that settles it and the views that show what it waits for.
 *
 * @module
 */

import {
  dependenciesOf,
  dependencyVerdict,
  type Job,
  type JobId,
  JobNotFoundError,
  type JobStatus,
} from "@riptide/core/base";
import type { JobStore } from "./job_store.ts";

/** The statuses of the jobs `job` waits for (null: no such job any more). */
export async function dependencyStatuses(
  store: JobStore,
  job: Job,
): Promise<Map<string, JobStatus | null>> {
  const out = new Map<string, JobStatus | null>();
  for (const id of dependenciesOf(job)) {
    try {
      out.set(id, (await store.get(id as JobId)).status);
    } catch (err) {
      if (!(err instanceof JobNotFoundError)) throw err;
      out.set(id, null);
    }
  }
  return out;
}

/**
 * The ids a pending job still waits for (empty when it waits for nothing:
 * no dependencies, or they have ended).
 */
export async function waitingFor(store: JobStore, job: Job): Promise<string[]> {
  if (job.status !== "pending" || dependenciesOf(job).length === 0) return [];
  const verdict = dependencyVerdict(job, await dependencyStatuses(store, job));
  return verdict.kind === "waiting" ? verdict.on : [];
}
