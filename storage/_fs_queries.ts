/**
 * The filesystem store's questions over many jobs (private to storage):
 * listing, the pending queue, running jobs and counts. Each is answered from
 * the index; only the jobs returned have their `metadata.json` read, and an
 * index row that disagrees with its job is repaired on the way.
 *
 * @module
 */

import {
  compileNameGlob,
  dependenciesOf,
  dependencyVerdict,
  isTerminal,
  type Job,
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobPriority,
  type JobStatus,
} from "@riptide/core/base";
import { lockFile } from "./atomic.ts";
import { isNotFound, mapLimit, SCAN_CONCURRENCY } from "./_fs.ts";
import { encodeDel, encodePut, type IndexRow, rowOf, sameRow } from "./_index.ts";
import type { JobIndex } from "./_fs_index.ts";
import type { JobFiles } from "./_fs_job_files.ts";
import type { JobFilter, JobList, JobStats, PendingQueueOptions } from "./job_store.ts";

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function matcher(filter: JobFilter): (row: IndexRow) => boolean {
  const name = filter.name?.toLowerCase();
  const glob = filter.nameGlob === undefined ? undefined : compileNameGlob(filter.nameGlob);
  const after = filter.createdAfter?.getTime();
  const before = filter.createdBefore?.getTime();
  return (row) =>
    (filter.status === undefined || row.status === filter.status) &&
    (filter.priority === undefined || row.priority === filter.priority) &&
    (filter.tag === undefined || row.tags.includes(filter.tag)) &&
    (name === undefined || (row.name !== null && row.name.toLowerCase().includes(name))) &&
    (glob === undefined || (row.name !== null && glob.test(row.name))) &&
    (after === undefined || row.created >= after) &&
    (before === undefined || row.created < before);
}

/** The jobs of one filesystem store, looked up through its index. */
export class IndexedJobs {
  readonly #files: JobFiles;
  readonly #index: JobIndex;

  /** Questions over the jobs of `files`, answered from `index`. */
  constructor(files: JobFiles, index: JobIndex) {
    this.#files = files;
    this.#index = index;
  }

  /**
   * Lists jobs newest first (see `FsJobStore.list`). Filtering and sorting
   * run on the index; only the returned jobs' `metadata.json` files are read.
   */
  async list(filter: JobFilter): Promise<JobList> {
    const limit = filter.limit ?? Infinity;
    if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError(`Invalid list limit ${limit}: expected a whole number from 0`);
    }
    const paged = await this.#listPage(filter, limit);
    if (paged !== null) return paged;
    const state = await this.#index.read();
    const warnings = [...state.corrupt].map(([name, reason]) => `Skipped "${name}": ${reason}`);
    const matches = matcher(filter);
    const rows = state.newest().filter(matches);
    let total = rows.length;
    const jobs: Job[] = [];
    const repairs: string[] = [];
    // Strategy and URLs are not in the index: with those filters every
    // candidate's metadata is read, so the total counts only real matches.
    const url = filter.url?.toLowerCase();
    const deep = filter.strategy !== undefined || url !== undefined;
    const jobMatches = (job: Job): boolean =>
      (filter.strategy === undefined || job.strategy === filter.strategy) &&
      (url === undefined || job.urls.some((u) => u.toLowerCase().includes(url)));
    let next = 0;
    while ((deep || jobs.length < limit) && next < rows.length) {
      const batch = rows.slice(
        next,
        next + (deep ? 256 : Math.min(limit - jobs.length, 256)),
      );
      next += batch.length;
      const outcomes = await Promise.all(batch.map((row) => this.#files.read(row.id)));
      outcomes.forEach((outcome, i) => {
        const id = batch[i]!.id;
        if (outcome.kind === "ok") {
          const row = rowOf(outcome.job);
          if (!sameRow(row, batch[i]!)) repairs.push(id);
          if (!matches(row) || !jobMatches(outcome.job)) total--;
          else if (jobs.length < limit) jobs.push(outcome.job);
          return;
        }
        total--;
        if (outcome.kind === "missing") {
          repairs.push(id);
          warnings.push(`Skipped "${id}": its directory disappeared (removed meanwhile?)`);
        } else {
          warnings.push(`Skipped "${id}": ${outcome.reason}`);
        }
      });
    }
    if (repairs.length > 0) await this.#repairRows(repairs);
    return {
      jobs,
      total,
      shortIds: state.shortIdsFor(jobs.map((j) => j.id)),
      warnings,
    };
  }

  /**
   * {@linkcode IndexedJobs.list} from a page of the index (`limit` rows, and
   * a status or priority filter at most), when the index file gives one and
   * every listed job's metadata agrees with its row; else null, and the
   * whole index is read (which repairs what disagrees).
   */
  async #listPage(filter: JobFilter, limit: number): Promise<JobList | null> {
    const others = filter.tag ?? filter.name ?? filter.nameGlob ?? filter.strategy ??
      filter.url ?? filter.createdAfter ?? filter.createdBefore;
    if (others !== undefined || limit === Infinity) return null;
    const byIndex: { status?: JobStatus; priority?: JobPriority } = {};
    if (filter.status !== undefined) byIndex.status = filter.status;
    if (filter.priority !== undefined) byIndex.priority = filter.priority;
    const page = this.#index.readPage(byIndex, limit);
    if (page === null) return null;
    const outcomes = await Promise.all(page.rows.map((row) => this.#files.read(row.id)));
    const jobs: Job[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind !== "ok" || !sameRow(rowOf(outcome.job), page.rows[i]!)) return null;
      jobs.push(outcome.job);
    }
    return {
      jobs,
      total: page.total,
      shortIds: page.shortIds,
      warnings: [...page.corrupt].map(([name, reason]) => `Skipped "${name}": ${reason}`),
    };
  }

  /**
   * Pending jobs in run order: priority (critical first), then oldest first.
   * The order comes from the index; only the returned jobs' metadata is read
   * (with `limit`, the head of the queue: a worker with a free slot reads a
   * few files however many jobs wait).
   */
  async pendingQueue(options: PendingQueueOptions): Promise<Job[]> {
    const limit = options.limit ?? Infinity;
    const index = await this.#index.read();
    // The index keeps its pending rows in run order as it applies lines.
    const rows = [...index.pending()];
    // With `runnable`, a job waiting for its dependencies (their statuses
    // read from the index) is left out and does not count against the limit.
    const wanted = options.runnable !== true ? (job: Job) => job.status === "pending" : (
      job: Job,
    ) =>
      job.status === "pending" &&
      dependencyVerdict(
          job,
          new Map(dependenciesOf(job).map((id) => [id, index.rows.get(id)?.status ?? null])),
        ).kind !== "waiting";
    if (limit === Infinity) return await this.#readRowsWhere(rows, wanted);
    const jobs: Job[] = [];
    // Rows whose metadata disagrees (repaired on the way) do not count.
    for (let next = 0; jobs.length < limit && next < rows.length;) {
      const batch = rows.slice(next, next + (limit - jobs.length));
      next += batch.length;
      jobs.push(...await this.#readRowsWhere(batch, wanted));
    }
    return jobs;
  }

  /** Jobs in `running`, oldest first. */
  async runningJobs(): Promise<Job[]> {
    const rows = [...(await this.#index.read()).rows.values()].filter((r) =>
      r.status === "running"
    );
    rows.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    return await this.#readRowsWhere(rows, (job) => job.status === "running");
  }

  /** The jobs of `rows` that `wanted` accepts; rows whose job is not in the row's status are repaired. */
  async #readRowsWhere(rows: IndexRow[], wanted: (job: Job) => boolean): Promise<Job[]> {
    const outcomes = await mapLimit(rows, SCAN_CONCURRENCY, (row) => this.#files.read(row.id));
    const jobs: Job[] = [];
    const repairs: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === "ok" && outcome.job.status === rows[i]!.status) {
        if (wanted(outcome.job)) jobs.push(outcome.job);
      } else if (outcome.kind !== "corrupt") repairs.push(rows[i]!.id);
    });
    if (repairs.length > 0) await this.#repairRows(repairs);
    return jobs;
  }

  /** Counts by status and priority, average duration and success rate, from the index. */
  async stats(): Promise<JobStats> {
    // The rounding rules of the metrics, loaded here: list and status need none of that module.
    const { roundMs, roundRatio } = await import("@riptide/core/metrics");
    const state = await this.#index.read();
    const byStatus = emptyCounts(JOB_STATUSES);
    const byPriority = emptyCounts(JOB_PRIORITIES);
    let durationSum = 0;
    let durationCount = 0;
    for (const row of state.rows.values()) {
      byStatus[row.status]++;
      byPriority[row.priority]++;
      if (isTerminal(row.status) && row.started !== null && row.completed !== null) {
        durationSum += row.completed - row.started;
        durationCount++;
      }
    }
    const decided = byStatus.completed + byStatus.failed;
    return {
      total: state.rows.size,
      byStatus,
      byPriority,
      averageDurationMs: durationCount === 0 ? null : roundMs(durationSum / durationCount),
      successRate: decided === 0 ? null : roundRatio(byStatus.completed / decided),
    };
  }

  /** Re-syncs index rows with their metadata, under each job's lock. */
  async #repairRows(ids: readonly string[]): Promise<void> {
    const lines: string[] = [];
    for (const id of ids) {
      const lock = await lockFile(`${this.#files.dir(id)}/.lock`).catch((err) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (lock === null) {
        lines.push(encodeDel(id));
        continue;
      }
      try {
        // Under the job's lock, like update(), so this record cannot overtake a newer one.
        const outcome = await this.#files.read(id);
        if (outcome.kind === "ok") await this.#index.append([encodePut(rowOf(outcome.job))]);
        else if (outcome.kind === "missing") lines.push(encodeDel(id));
      } finally {
        await lock.release();
      }
    }
    if (lines.length > 0) await this.#index.append(lines);
  }
}
