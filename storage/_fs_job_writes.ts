/**
 * The filesystem store's writes to a job's record (private to storage): a
 * new or imported job built in tmp/ and renamed into jobs/ whole, and each
 * read-modify-write under the job's lock (update, progress, requeue).
 * `FsJobStore` loads this module at its first write: `list` and `status`
 * never write a job.
 *
 * @module
 */

import {
  applyJobUpdate,
  type Extraction,
  isoNow,
  isTerminal,
  type Job,
  type JobId,
  JobNotFoundError,
  type JobProgress,
  type JobStatus,
  newJobId,
  newPendingJob,
} from "@riptide/core/base";
import {
  appendLines,
  atomicWriteFile,
  fsyncDirectory,
  lockFile,
  makeOwnDir,
  makePrivateDir,
  PRIVATE_DIR_MODE,
} from "./atomic.ts";
import { encodePut, indexedFieldsDiffer, rowOf } from "./_index.ts";
import { exists, isNotFound } from "./_fs.ts";
import { logLine, storeLog } from "./_fs_files.ts";
import type { JobIndex } from "./_fs_index.ts";
import type { JobFiles } from "./_fs_job_files.ts";
import type { FsResults } from "./_fs_results.ts";
import { formatJobMetadata } from "./_metadata.ts";
import type { JobRecord, NewJob, Requeue } from "./job_store.ts";
import type { LazyFsNotifyOutbox } from "./_fs_lazy_stores.ts";

/** What {@linkcode JobWrites} writes through, all owned by the store. */
export interface JobWritesParts {
  /** The jobs' files. */
  files: JobFiles;
  /** The jobs' index, told of each new job and each change of an indexed field. */
  index: JobIndex;
  /** The home's notification outbox, given a job's event before its change is stored. */
  outbox: LazyFsNotifyOutbox;
  /** Where jobs are built before they are renamed into jobs/ (`<home>/tmp`). */
  tmpDir: string;
  /** The results side of the store (a requeue rewrites the job's results). */
  results: () => Promise<FsResults>;
}

/**
 * Whether a finished job's `results.json` holds each of its recorded results
 * as recorded (then its append log adds nothing).
 */
function holdsAll(record: JobRecord): boolean {
  if (record.results === null || !isTerminal(record.job.status)) return false;
  const final = new Map(record.results.extractions.map((e) => [e.url, JSON.stringify(e)]));
  return record.partial.every((e) => final.get(e.url) === JSON.stringify(e));
}

/** The writes of `FsJobStore` to its jobs' records (ids are checked by the store). */
export class JobWrites {
  readonly #files: JobFiles;
  readonly #index: JobIndex;
  readonly #outbox: LazyFsNotifyOutbox;
  readonly #tmpDir: string;
  readonly #results: () => Promise<FsResults>;

  /** Writes through the store's `parts`. */
  constructor(parts: JobWritesParts) {
    this.#files = parts.files;
    this.#index = parts.index;
    this.#outbox = parts.outbox;
    this.#tmpDir = parts.tmpDir;
    this.#results = parts.results;
  }

  /** See `FsJobStore.create`. */
  async create(input: NewJob): Promise<Job> {
    const now = input.now ?? new Date();
    const at = isoNow(now);
    await makePrivateDir(this.#files.location);
    await makeOwnDir(this.#tmpDir);
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = newJobId(now);
      if (await exists(this.#files.dir(id))) continue;
      const job = newPendingJob(id, input, { now, ...this.#files.paths(id) });
      const placed = await this.#place(job, async (stage) => {
        await appendLines(`${stage}/logs.jsonl`, [storeLog("Info", "Job created", now)], {
          sync: true,
        });
      });
      if (placed) return job;
    }
    throw new Error(`Could not find a free job id for ${at}`);
  }

  /**
   * Builds a job's directory in tmp/ (its `metadata.json`, then whatever
   * `fill` writes) and renames it into jobs/ whole, so jobs/ never holds a
   * half-made job; the jobs directory's new mtime makes the index pick the job
   * up. False, leaving nothing behind, when the id is taken.
   */
  async #place(job: Job, fill: (stage: string) => Promise<void>): Promise<boolean> {
    const dir = this.#files.dir(job.id);
    const stage = `${this.#tmpDir}/${job.id}.${crypto.randomUUID().slice(0, 8)}`;
    await Deno.mkdir(stage, { mode: PRIVATE_DIR_MODE });
    let placed = false;
    try {
      await atomicWriteFile(`${stage}/metadata.json`, formatJobMetadata(job));
      await fill(stage);
      if (!(await exists(dir))) {
        await Deno.rename(stage, dir);
        placed = true;
      }
    } finally {
      if (!placed) {
        // A leftover in tmp/ is harmless (never read) and removed by the next
        // cleanup's sweep of stale creations; the original error matters more.
        await Deno.remove(stage, { recursive: true }).catch(() => {});
      }
    }
    if (!placed) return false;
    await fsyncDirectory(this.#files.location);
    await this.#index.append([encodePut(rowOf(job))]);
    return true;
  }

  /** See `FsJobStore.importJob`. */
  async importJob(record: JobRecord): Promise<"imported" | "exists"> {
    const id = record.job.id;
    if (await exists(this.#files.dir(id))) return "exists";
    await makePrivateDir(this.#files.location);
    await makeOwnDir(this.#tmpDir);
    const job: Job = { ...record.job, ...this.#files.paths(id) };
    const placed = await this.#place(job, async (stage) => {
      await appendLines(`${stage}/logs.jsonl`, record.logs.map((l) => JSON.stringify(l)), {
        sync: true,
      });
      // A finished job's log is not kept beside results.json that holds it all.
      if (record.partial.length > 0 && !holdsAll(record)) {
        await appendLines(`${stage}/results.jsonl`, record.partial.map((e) => JSON.stringify(e)), {
          sync: true,
        });
      }
      if (record.results !== null) {
        await atomicWriteFile(`${stage}/results.json`, JSON.stringify(record.results, null, 2));
      }
      if (record.frontier !== undefined && record.frontier.length > 0) {
        await appendLines(
          `${stage}/frontier.jsonl`,
          record.frontier.map((e) => JSON.stringify(e)),
          { sync: true },
        );
      }
    });
    return placed ? "imported" : "exists";
  }

  /** See `FsJobStore.update`. */
  async update(id: JobId, fn: (job: Job) => Job): Promise<Job> {
    return await this.underLock(id, (before) => this.#store(before, fn));
  }

  /** See `FsJobStore.updateProgress`. */
  async updateProgress(id: JobId, progress: JobProgress): Promise<JobStatus> {
    return await this.underLock(id, async (job) => {
      if (job.status !== "running") return job.status;
      // Later than the job's last change, so it is read over metadata.json's.
      const at = new Date(Math.max(Date.now(), Date.parse(job.updated_at) + 1));
      await atomicWriteFile(
        `${this.#files.dir(id)}/progress.json`,
        JSON.stringify({ progress, updated_at: isoNow(at) }) + "\n",
      );
      return job.status;
    });
  }

  /** See `FsJobStore.requeue`. */
  async requeue<T extends Requeue>(
    id: JobId,
    plan: (job: Job, extractions: Extraction[]) => T,
  ): Promise<T> {
    return await this.underLock(id, async (before) => {
      const results = await this.#results();
      // A finished job's results are in results.json (its log was removed): both are read.
      const recorded = await results.readPartial(id);
      const decided = plan(structuredClone(before), recorded);
      await this.#store(before, () => decided.job);
      const dropped = new Set(decided.urls);
      const kept = recorded.filter((e) => !dropped.has(e.url));
      results.forget(id);
      const dir = this.#files.dir(id);
      await atomicWriteFile(
        `${dir}/results.jsonl`,
        kept.map((e) => JSON.stringify(e) + "\n").join(""),
      );
      for (const file of ["results.json", "claims.jsonl"]) {
        await Deno.remove(`${dir}/${file}`).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
      }
      const { removeSearchIndex } = await import("./_fs_search.ts");
      await removeSearchIndex(dir);
      return decided;
    });
  }

  /**
   * Runs `fn` with the job read under its lock (`<job>/.lock`);
   * `JobNotFoundError` when the job is gone.
   */
  async underLock<T>(id: JobId, fn: (before: Job) => Promise<T>): Promise<T> {
    let lock;
    try {
      lock = await lockFile(`${this.#files.dir(id)}/.lock`);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
    try {
      return await fn(await this.#files.job(id));
    } finally {
      await lock.release();
    }
  }

  /** Stores `fn(before)` (the caller holds the job's lock). */
  async #store(before: Job, fn: (job: Job) => Job): Promise<Job> {
    const { job: after, statusLog } = applyJobUpdate(before, fn);
    // Write-ahead: the event goes first, so a crash before the metadata
    // loses none (the outbox drops it if the transition never got stored).
    // The rules load at the first update (a module import is cached), not
    // with the store: read-only commands never update a job.
    const { notificationFor } = await import("@riptide/core/notify");
    const message = notificationFor(before, after);
    if (message !== null) await this.#outbox.enqueue(message, after);
    await atomicWriteFile(this.#files.metadataPath(after.id), formatJobMetadata(after));
    // metadata.json now holds the latest progress (`before` was read with it).
    await Deno.remove(`${this.#files.dir(after.id)}/progress.json`).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
    if (statusLog !== null) await appendLines(this.#files.logPath(after.id), [logLine(statusLog)]);
    // Still under the job lock, so index records of one job land in the order they happened.
    if (indexedFieldsDiffer(before, after)) await this.#index.append([encodePut(rowOf(after))]);
    return after;
  }
}
