/**
 * The filesystem job store, RipTide's embedded default.
 *
 * Layout under the home directory:
 *
 * ```text
 * jobs/<id>/metadata.json   the job (atomic replace)
 * jobs/<id>/progress.json   a running job's latest progress and updated_at (atomic replace;
 *                           read over metadata.json's, folded into it by the next update)
 * jobs/<id>/logs.jsonl      one log entry per line (whole-line appends)
 * jobs/<id>/results.jsonl   one extraction per line as each URL finishes (removed once
 *                           results.json holds them and the job is finished)
 * jobs/<id>/frontier.jsonl  crawl jobs: each URL found, once, before it is fetched
 * jobs/<id>/results.json    the final results (atomic replace, written a record at a time)
 * jobs/<id>/claims.jsonl    URLs the worker took and gave back, and worker deaths (crash counts)
 * jobs/<id>/fetched/        pages fetched and not yet recorded (see _fs_spool.ts)
 * jobs/<id>/.lock           the per-job lock for read-modify-write
 * jobs/index.jsonl          compact index for listing (see _index.ts)
 * jobs/index.lock           guards index appends, compaction and rebuilds
 * notify/outbox/            events of ended jobs waiting for their webhooks (see _fs_notify.ts)
 * schedules/NAME.json       a schedule (see schedule_store.ts); schedules/.lock guards them
 * tmp/                      jobs being created (renamed into jobs/ when complete)
 * trash/                    jobs being removed (renamed out of jobs/ first)
 * ```
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  applyJobUpdate,
  assertJobId,
  compileNameGlob,
  DEFAULT_SEARCH_LIMIT,
  dependenciesOf,
  dependencyVerdict,
  type Extraction,
  type ExtractionOutcome,
  type FrontierEntry,
  isJobId,
  isoNow,
  isTerminal,
  type Job,
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobId,
  jobIdQuery,
  JobNotFoundError,
  type JobPriority,
  type JobProgress,
  type JobResults,
  type JobStatus,
  type LogEntry,
  newJobId,
  newPendingJob,
  normalizeSearchText,
  notificationFor,
  parseJobIdPrefix,
  roundMs,
  roundRatio,
  searchDocument,
  SHORT_ID_MIN_DIGITS,
} from "@riptide/core";
import { isAbsolute, resolve } from "@riptide/core/path";
import { FsHttpCache, type HttpCache } from "./http_cache.ts";
import { FsTemplateStore, type TemplateStore } from "./templates.ts";
import { FsNotifyOutbox } from "./_fs_notify.ts";
import type { NotifyOutbox } from "./notify_outbox.ts";
import { FsScheduleStore, type ScheduleStore } from "./schedule_store.ts";
import {
  appendLines,
  assertNotLink,
  atomicWriteFile,
  fsyncDirectory,
  lockFile,
  makeOwnDir,
  makePrivateDir,
  PRIVATE_DIR_MODE,
} from "./atomic.ts";
import {
  encodeDel,
  encodePut,
  indexedFieldsDiffer,
  type IndexRow,
  rowOf,
  sameRow,
} from "./_index.ts";
import {
  exists,
  FileTooLargeError,
  isNotFound,
  kindOf,
  mapLimit,
  NotRegularFileError,
  readRegularTextFile,
  readRegularTextFileSync,
  sizeOf,
} from "./_fs.ts";
import { parseFrontierLines } from "./_fs_frontier.ts";
import { dropKeptPage, dropKeptPages, keepPage, keptPages } from "./_fs_spool.ts";
import { logLine, parseLogLines, readLinesFrom, ResultFiles, storeLog } from "./_fs_files.ts";
import { isIndexFile, JobIndex } from "./_fs_index.ts";
import { type LineSpan, scanResultLog, SpanReader, writeResultsFile } from "./_fs_results.ts";
import {
  buildSearchIndex,
  openSearchIndex,
  readSearchedPage,
  removeSearchIndex,
  type SearchIndex,
  searchIndexed,
} from "./_fs_search.ts";
import {
  formatJobMetadata,
  MetadataError,
  parseJobMetadata,
  parseProgressFile,
} from "./_metadata.ts";
import type {
  CleanupOptions,
  CleanupReport,
  CorruptEntry,
  JobFilter,
  JobList,
  JobRecord,
  JobStats,
  JobStore,
  LogCursor,
  NewJob,
  PendingQueueOptions,
  ReadLogsOptions,
  Requeue,
  SearchAnswer,
  SearchMatch,
  SearchOptions,
  StorageInfo,
} from "./job_store.ts";
import {
  type ClaimRecord,
  isClaimRecord,
  LocalWorkQueue,
  type ResultLog,
  type WorkQueue,
  type WorkQueueOptions,
} from "./work_queue.ts";

const DAY_MS = 86_400_000;
/** How many files are read at once during scans. */
const SCAN_CONCURRENCY = 64;
/** Leftovers in tmp/ older than this belong to a crashed creation. */
const STALE_TMP_MS = 3_600_000;
/**
 * Largest `metadata.json` read (a job of a million long URLs stays well
 * below it); a larger one is reported as corrupted instead of being read.
 */
const MAX_METADATA_BYTES = 256 * 1024 * 1024;
/** Largest other job file read whole (about the longest string JavaScript can hold). */
const MAX_JOB_FILE_BYTES = 512 * 1024 * 1024;
/** A `metadata.json` at least this long is kept parsed while it is unchanged. */
const CACHED_METADATA_BYTES = 256 * 1024;
/** Most parsed `metadata.json` files kept (a worker runs a few jobs at once). */
const MAX_CACHED_JOBS = 8;
/** Largest `progress.json` read (it holds one progress object). */
const MAX_PROGRESS_BYTES = 64 * 1024;
/** Most `results.jsonl` files a store keeps open at once (a worker runs a few jobs at once). */
const MAX_OPEN_RESULT_FILES = 16;

/** The extractions of a `results.jsonl` text, one per URL (the last record wins), in first-seen order. */
function parseResultLines(text: string): Extraction[] {
  const byUrl = new Map<string, Extraction>();
  for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
    if (line === "") continue;
    try {
      const value = JSON.parse(line);
      if (typeof value?.url === "string") byUrl.set(value.url, value);
    } catch {
      // A damaged line is skipped; the URL's other records (if any) still count.
    }
  }
  return [...byUrl.values()];
}

/** A stored job exists but its `metadata.json` cannot be read or is not a valid job. */
export class CorruptedJobError extends Error {
  /** The job id. */
  readonly id: string;
  /** What is wrong, one line. */
  readonly reason: string;
  /** Creates the error for job `id`. */
  constructor(id: string, reason: string, options?: ErrorOptions) {
    super(`Job "${id}" is corrupted: ${reason}`, options);
    this.name = "CorruptedJobError";
    this.id = id;
    this.reason = reason;
  }
}

/** Options for {@linkcode FsJobStore}. */
export interface FsJobStoreOptions {
  /**
   * Compact the index once it holds more than `2 × jobs + compactSlack`
   * lines (default 1000).
   */
  compactSlack?: number;
}

interface ScanResult {
  jobs: Map<string, Job>;
  corrupt: CorruptEntry[];
  bytes: Map<string, number>;
  totalBytes: number;
}

type ReadOutcome =
  | { kind: "ok"; job: Job }
  | { kind: "missing" }
  | { kind: "corrupt"; reason: string };

/** Why a job file was not read, as the reason of a corrupted entry. */
function refusedRead(file: string, err: NotRegularFileError | FileTooLargeError): string {
  return err instanceof NotRegularFileError
    ? `${file} is not a regular file (it is ${err.kind})`
    : `${file} is too large (${err.size} bytes, at most ${err.maxBytes} are read)`;
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

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The filesystem {@linkcode JobStore}: one directory per job under
 * `<home>/jobs`, crash-safe writes, cross-process locks and a compact index so
 * listing stays fast with 100,000 jobs. Corrupted entries are skipped with a
 * warning and reported by {@linkcode FsJobStore.storageInfo}.
 *
 * Requires `--allow-read` and `--allow-write` for `home`.
 *
 * @example
 * ```ts
 * import { FsJobStore } from "@riptide/storage";
 * const store = new FsJobStore(await Deno.makeTempDir());
 * const job = await store.create({
 *   name: "demo", priority: "high", urls: ["https://example.com/"], strategy: "auto",
 *   tags: [], stream: false, options: {},
 * });
 * await store.update(job.id, (j) => ({ ...j, name: "renamed" }));
 * ```
 */
export class FsJobStore implements JobStore, ResultLog {
  /** The home directory. */
  readonly home: string;
  /** The jobs directory, `<home>/jobs`. */
  readonly location: string;
  #tmpDir: string;
  #trashDir: string;
  #index: JobIndex;
  /** Open `results.jsonl` files of the jobs whose results this process is recording. */
  #resultFiles = new ResultFiles(MAX_OPEN_RESULT_FILES);
  /** Parsed large metadata.json files by job, with the file's identity (see #readMetadata). */
  #parsed = new Map<string, { key: string; job: Job }>();
  /** Where the outcomes {@linkcode FsJobStore.readOutcomes} gave out were recorded. */
  #recordedAt = new WeakMap<ExtractionOutcome, { path: string; span: LineSpan }>();
  #outbox: FsNotifyOutbox;

  /** Opens the store rooted at `home` (an absolute path); nothing is created until needed. */
  constructor(home: string, options: FsJobStoreOptions = {}) {
    this.home = isAbsolute(home) ? resolve(home) : resolve(Deno.cwd(), home);
    this.location = `${this.home}/jobs`;
    this.#tmpDir = `${this.home}/tmp`;
    this.#trashDir = `${this.home}/trash`;
    this.#index = new JobIndex(this.location, {
      compactSlack: options.compactSlack ?? 1000,
      scan: () => this.#scan(false),
    });
    this.#outbox = new FsNotifyOutbox(this.home, async (id, fn) => {
      try {
        await this.#underJobLock(id as JobId, (job) => fn(job));
      } catch (err) {
        if (!(err instanceof JobNotFoundError)) throw err;
        await fn(null);
      }
    });
  }

  #dir(id: string): string {
    return `${this.location}/${id}`;
  }

  #metadataPath(id: string): string {
    return `${this.location}/${id}/metadata.json`;
  }

  #logPath(id: string): string {
    return `${this.location}/${id}/logs.jsonl`;
  }

  // ---------------------------------------------------------------- jobs

  /** Creates a job in `pending`, with "Job created" in its history and log. */
  async create(input: NewJob): Promise<Job> {
    const now = input.now ?? new Date();
    const at = isoNow(now);
    await makePrivateDir(this.location);
    await makeOwnDir(this.#tmpDir);
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = newJobId(now);
      if (await exists(this.#dir(id))) continue;
      const job = newPendingJob(id, input, { now, ...this.#paths(id) });
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
    const dir = this.#dir(job.id);
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
    await fsyncDirectory(this.location);
    await this.#index.append([encodePut(rowOf(job))]);
    return true;
  }

  /** Where a job's results and log live in this store. */
  #paths(id: string): { results_path: string; log_path: string } {
    return { results_path: `${this.#dir(id)}/results.json`, log_path: this.#logPath(id) };
  }

  /**
   * Stores an exported job whole under its own id (built in tmp/ and renamed
   * in, as {@linkcode FsJobStore.create} does); `"exists"` when the id is taken.
   */
  async importJob(record: JobRecord): Promise<"imported" | "exists"> {
    const id = record.job.id;
    assertJobId(id);
    if (await exists(this.#dir(id))) return "exists";
    await makePrivateDir(this.location);
    await makeOwnDir(this.#tmpDir);
    const job: Job = { ...record.job, ...this.#paths(id) };
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

  /** Reads one job; `JobNotFoundError` when missing, `CorruptedJobError` when unreadable. */
  async get(id: JobId): Promise<Job> {
    assertJobId(id);
    const outcome = await this.#read(id);
    if (outcome.kind === "ok") return outcome.job;
    if (outcome.kind === "missing") throw new JobNotFoundError(id);
    throw new CorruptedJobError(id, outcome.reason);
  }

  async #read(id: string): Promise<ReadOutcome> {
    const outcome = await this.#readMetadata(id);
    if (outcome.kind !== "ok" || outcome.job.status !== "running") return outcome;
    return { kind: "ok", job: this.#withProgress(outcome.job) };
  }

  /**
   * A running job with its latest progress: `progress.json`'s, when it is
   * newer than metadata.json's (a damaged one is ignored: the progress of
   * the last update stands).
   */
  #withProgress(job: Job): Job {
    let text;
    try {
      text = readRegularTextFileSync(`${this.#dir(job.id)}/progress.json`, MAX_PROGRESS_BYTES);
    } catch (err) {
      if (isNotFound(err) || err instanceof NotRegularFileError) return job;
      if (err instanceof FileTooLargeError) return job;
      throw err;
    }
    try {
      const saved = parseProgressFile(text);
      if (saved === null || !(Date.parse(saved.updated_at) > Date.parse(job.updated_at))) {
        return job;
      }
      return { ...job, progress: saved.progress, updated_at: saved.updated_at };
    } catch {
      return job; // an unfinished or damaged file: the progress of the last update stands
    }
  }

  /**
   * metadata.json, parsed; a large one (a job of many URLs) from the cache
   * while the file is the same one, so that a running job's progress writes
   * and cancel checks cost the same however many URLs it has.
   */
  async #readMetadata(id: string): Promise<ReadOutcome> {
    const path = this.#metadataPath(id);
    // Taken before reading: a file replaced in between is read newer than
    // its key says, and is read again next time.
    // Synchronous, as the read below: `list` reads 20 of these at once, and
    // each async step waited for the thread pool and the main thread in turn.
    let key: string | null;
    try {
      const info = Deno.lstatSync(path);
      key = info.isFile ? `${info.ino}:${info.size}:${info.mtime?.getTime()}` : null;
    } catch {
      key = null;
    }
    const cached = this.#parsed.get(id);
    if (cached !== undefined && key !== null && cached.key === key) {
      this.#parsed.delete(id); // re-inserted as the most recently used
      this.#parsed.set(id, cached);
      return { kind: "ok", job: { ...cached.job, progress: { ...cached.job.progress } } };
    }
    let text: string;
    try {
      text = readRegularTextFileSync(path, MAX_METADATA_BYTES);
    } catch (err) {
      if (err instanceof NotRegularFileError || err instanceof FileTooLargeError) {
        return { kind: "corrupt", reason: refusedRead("metadata.json", err) };
      }
      if (!isNotFound(err)) {
        if (err instanceof Deno.errors.NotADirectory) return { kind: "missing" };
        if (
          err instanceof Deno.errors.PermissionDenied || err instanceof Deno.errors.IsADirectory
        ) {
          return { kind: "corrupt", reason: `metadata.json is unreadable (${err.message})` };
        }
        throw err;
      }
      return (await exists(this.#dir(id)))
        ? { kind: "corrupt", reason: "metadata.json is missing" }
        : { kind: "missing" };
    }
    try {
      const job = parseJobMetadata(text, id);
      const paths = this.#paths(id);
      job.results_path ??= paths.results_path;
      job.log_path ??= paths.log_path;
      if (key !== null && text.length >= CACHED_METADATA_BYTES) {
        this.#parsed.delete(id);
        this.#parsed.set(id, { key, job });
        if (this.#parsed.size > MAX_CACHED_JOBS) {
          this.#parsed.delete(this.#parsed.keys().next().value!);
        }
        return { kind: "ok", job: { ...job, progress: { ...job.progress } } };
      }
      return { kind: "ok", job };
    } catch (err) {
      if (err instanceof MetadataError) return { kind: "corrupt", reason: err.reason };
      throw err;
    }
  }

  /**
   * Read-modify-write under the job's lock. A status change must be allowed
   * by the lifecycle (`InvalidTransitionError` otherwise) and is recorded in
   * `history` (added if `fn` did not) and as a log line.
   */
  async update(id: JobId, fn: (job: Job) => Job): Promise<Job> {
    assertJobId(id);
    return await this.#underJobLock(id, (before) => this.#store(before, fn));
  }

  /**
   * Stores a running job's progress and `updated_at` (now) in `progress.json`,
   * a file of the same few hundred bytes however many URLs the job has;
   * metadata.json is not rewritten (the next {@linkcode FsJobStore.update}
   * folds the progress into it). A job in another status is left as it is.
   * Returns the job's status, so that the caller notices a cancel.
   */
  async updateProgress(id: JobId, progress: JobProgress): Promise<JobStatus> {
    assertJobId(id);
    return await this.#underJobLock(id, async (job) => {
      if (job.status !== "running") return job.status;
      // Later than the job's last change, so it is read over metadata.json's.
      const at = new Date(Math.max(Date.now(), Date.parse(job.updated_at) + 1));
      await atomicWriteFile(
        `${this.#dir(id)}/progress.json`,
        JSON.stringify({ progress, updated_at: isoNow(at) }) + "\n",
      );
      return job.status;
    });
  }

  /**
   * Requeues an ended job: under its lock, the plan's job is stored first (a
   * crash before the results are rewritten leaves a pending job whose worker
   * finds every URL recorded and ends it again), then `results.jsonl` is
   * rewritten without the plan's URLs, and `results.json` and the crash
   * counts of `claims.jsonl` go. A worker's start waits for the lock.
   */
  async requeue<T extends Requeue>(
    id: JobId,
    plan: (job: Job, extractions: Extraction[]) => T,
  ): Promise<T> {
    assertJobId(id);
    return await this.#underJobLock(id, async (before) => {
      // A finished job's results are in results.json (its log was removed): both are read.
      const recorded = await this.readPartialResults(id);
      const decided = plan(structuredClone(before), recorded);
      await this.#store(before, () => decided.job);
      const dropped = new Set(decided.urls);
      const kept = recorded.filter((e) => !dropped.has(e.url));
      await atomicWriteFile(
        `${this.#dir(id)}/results.jsonl`,
        kept.map((e) => JSON.stringify(e) + "\n").join(""),
      );
      for (const file of ["results.json", "claims.jsonl"]) {
        await Deno.remove(`${this.#dir(id)}/${file}`).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
      }
      await removeSearchIndex(this.#dir(id));
      return decided;
    });
  }

  async #underJobLock<T>(id: JobId, fn: (before: Job) => Promise<T>): Promise<T> {
    let lock;
    try {
      lock = await lockFile(`${this.#dir(id)}/.lock`);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
    try {
      return await fn(await this.get(id));
    } finally {
      await lock.release();
    }
  }

  /** Stores `fn(before)` (the caller holds the job's lock). */
  async #store(before: Job, fn: (job: Job) => Job): Promise<Job> {
    const { job: after, statusLog } = applyJobUpdate(before, fn);
    // Write-ahead: the event goes first, so a crash before the metadata
    // loses none (the outbox drops it if the transition never got stored).
    const message = notificationFor(before, after);
    if (message !== null) await this.#outbox.enqueue(message, after);
    await atomicWriteFile(this.#metadataPath(after.id), formatJobMetadata(after));
    // metadata.json now holds the latest progress (`before` was read with it).
    await Deno.remove(`${this.#dir(after.id)}/progress.json`).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
    if (statusLog !== null) await appendLines(this.#logPath(after.id), [logLine(statusLog)]);
    // Still under the job lock, so index records of one job land in the order they happened.
    if (indexedFieldsDiffer(before, after)) await this.#index.append([encodePut(rowOf(after))]);
    return after;
  }

  /**
   * Resolves a full id, a unique prefix (`job_670f`) or a short id (`job_5e6f`,
   * the start of the random part), in any letter case. A value that cannot
   * start a job id is a `TypeError` and never reaches the disk.
   */
  async resolve(idOrPrefix: string): Promise<JobId> {
    const value = parseJobIdPrefix(idOrPrefix);
    if (isJobId(value)) {
      if (await exists(this.#dir(value))) return value;
      throw new JobNotFoundError(value);
    }
    // Only the rows of ids the prefix can mean (and, for a short id, of the
    // ids that decide short ids with the same first digits) are decoded.
    const query = jobIdQuery(value);
    const fragments = [query.value];
    if (query.random !== null) fragments.push(`_${query.random.slice(0, SHORT_ID_MIN_DIGITS)}`);
    const found = (await this.#index.readMentioning(fragments)).resolve(value);
    if ("id" in found) return found.id as JobId;
    if (found.candidates.length === 0) throw new JobNotFoundError(value);
    throw new AmbiguousJobIdError(value, found.candidates);
  }

  /**
   * Lists jobs newest first. Filtering and sorting run on the index; only the
   * returned jobs' `metadata.json` files are read.
   */
  async list(filter: JobFilter = {}): Promise<JobList> {
    const limit = filter.limit ?? Infinity;
    if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError(`Invalid list limit ${limit}: expected a whole number from 0`);
    }
    const paged = await this.#listPage(filter, limit);
    if (paged !== null) return paged;
    const state = await this.#index.read();
    const warnings = [...state.corrupt].map(([name, reason]) => `Skipped "${name}": ${reason}`);
    const matches = this.#matcher(filter);
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
      const outcomes = await Promise.all(batch.map((row) => this.#read(row.id)));
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
   * {@linkcode FsJobStore.list} from a page of the index (`limit` rows, and
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
    const page = await this.#index.readPage(byIndex, limit);
    if (page === null) return null;
    const outcomes = await Promise.all(page.rows.map((row) => this.#read(row.id)));
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

  #matcher(filter: JobFilter): (row: IndexRow) => boolean {
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

  /**
   * Pending jobs in run order: priority (critical first), then oldest first.
   * The order comes from the index; only the returned jobs' metadata is read
   * (with `limit`, the head of the queue: a worker with a free slot reads a
   * few files however many jobs wait).
   */
  async pendingQueue(options: PendingQueueOptions = {}): Promise<Job[]> {
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
    return await this.#readRowsWithStatus(rows, "running");
  }

  async #readRowsWithStatus(rows: IndexRow[], status: JobStatus): Promise<Job[]> {
    return await this.#readRowsWhere(rows, (job) => job.status === status);
  }

  /** The jobs of `rows` that `wanted` accepts; rows whose job is not in the row's status are repaired. */
  async #readRowsWhere(rows: IndexRow[], wanted: (job: Job) => boolean): Promise<Job[]> {
    const outcomes = await mapLimit(rows, SCAN_CONCURRENCY, (row) => this.#read(row.id));
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

  // ---------------------------------------------------------------- logs and results

  /** Appends whole log lines (one write under the log file's lock). */
  async appendLog(id: JobId, entries: LogEntry | readonly LogEntry[]): Promise<void> {
    assertJobId(id);
    const list = Array.isArray(entries) ? entries : [entries as LogEntry];
    await this.#appendToJob(id, "logs.jsonl", list.map(logLine));
  }

  async #appendToJob(id: string, file: string, lines: string[]): Promise<void> {
    try {
      await appendLines(`${this.#dir(id)}/${file}`, lines);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
  }

  async #readJobFile(id: string, file: string): Promise<string | null> {
    try {
      return await readRegularTextFile(`${this.#dir(id)}/${file}`, MAX_JOB_FILE_BYTES);
    } catch (err) {
      if (err instanceof NotRegularFileError || err instanceof FileTooLargeError) {
        throw new CorruptedJobError(id, refusedRead(file, err), { cause: err });
      }
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.#dir(id)))) throw new JobNotFoundError(id, { cause: err });
      return null;
    }
  }

  /** Reads the log, skipping damaged lines and an unfinished last line. */
  async readLogs(id: JobId, options: ReadLogsOptions = {}): Promise<LogEntry[]> {
    assertJobId(id);
    const text = await this.#readJobFile(id, "logs.jsonl") ?? "";
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    const entries = parseLogLines(complete);
    if (options.lines === undefined) return entries;
    if (!Number.isInteger(options.lines) || options.lines < 0) {
      throw new RangeError(`Invalid number of log lines ${options.lines}: expected 0 or more`);
    }
    return options.lines === 0 ? [] : entries.slice(-options.lines);
  }

  /**
   * Reads the entries appended after `cursor` (a byte offset) without
   * re-reading the file; an unfinished last line waits for the next call.
   */
  async readLogsSince(
    id: JobId,
    cursor: LogCursor | null,
  ): Promise<{ entries: LogEntry[]; cursor: LogCursor }> {
    assertJobId(id);
    let file: Deno.FsFile;
    try {
      const info = await Deno.lstat(this.#logPath(id));
      if (!info.isFile) {
        // A FIFO would block the open (and `logs --follow`) forever.
        const err = new NotRegularFileError(this.#logPath(id), kindOf(info));
        throw new CorruptedJobError(id, refusedRead("logs.jsonl", err), { cause: err });
      }
      file = await Deno.open(this.#logPath(id), { read: true });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.#dir(id)))) throw new JobNotFoundError(id, { cause: err });
      return { entries: [], cursor: { position: 0 } };
    }
    using _file = file;
    // A log shorter than the cursor was replaced: reading starts again from the top.
    const { text, end } = await readLinesFrom(file, cursor?.position ?? 0);
    return { entries: parseLogLines(text), cursor: { position: end } };
  }

  /** Records one URL's result in `results.jsonl` as soon as it finishes. */
  async appendResult(id: JobId, extraction: Extraction): Promise<void> {
    assertJobId(id);
    if (typeof extraction?.url !== "string") throw new TypeError("An extraction needs a url");
    try {
      await this.#resultFiles.append(
        id,
        `${this.#dir(id)}/results.jsonl`,
        JSON.stringify(extraction),
      );
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
  }

  /**
   * Results recorded so far, one per URL (the last record wins), in
   * first-seen order: `results.jsonl`, and `results.json` for what the log
   * no longer holds (a finished job's log is removed once results.json holds it).
   */
  async readPartialResults(id: JobId): Promise<Extraction[]> {
    assertJobId(id);
    const text = await this.#readJobFile(id, "results.jsonl");
    const recorded = parseResultLines(text ?? "");
    const urls = new Set(recorded.map((e) => e.url));
    const earlier = (await this.#finalResults(id, text !== null))?.extractions ?? [];
    const before = earlier.filter((e) => typeof e?.url === "string" && !urls.has(e.url));
    return before.length === 0 ? recorded : [...before, ...recorded];
  }

  /**
   * `results.json`, or null. With `lenient` (the append log is there and
   * holds the job's results), a damaged one counts as none.
   */
  async #finalResults(id: JobId, lenient: boolean): Promise<JobResults | null> {
    try {
      return await this.readResults(id);
    } catch (err) {
      if (lenient && err instanceof CorruptedJobError) return null;
      throw err;
    }
  }

  /**
   * The outcome of each URL's last recorded result, in first-recorded order,
   * read a line at a time (the content is not kept; see
   * {@linkcode FsJobStore.writeRecordedResults}).
   */
  async readOutcomes(id: JobId): Promise<ExtractionOutcome[]> {
    assertJobId(id);
    const path = `${this.#dir(id)}/results.jsonl`;
    let spans;
    try {
      spans = await scanResultLog(path);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (!(await exists(this.#dir(id)))) throw new JobNotFoundError(id, { cause: err });
      spans = null;
    }
    // What only results.json holds: a finished job's, or one run again since.
    const earlier = (await this.#finalResults(id, spans !== null))?.extractions ?? [];
    const out: ExtractionOutcome[] = earlier.filter((e) =>
      typeof e?.url === "string" && !spans?.has(e.url)
    );
    for (const { outcome, span } of spans?.values() ?? []) {
      this.#recordedAt.set(outcome, { path, span });
      out.push(outcome);
    }
    return out;
  }

  /**
   * Writes `results.json` atomically, one extraction at a time: each outcome
   * {@linkcode FsJobStore.readOutcomes} gave is replaced by the line it was
   * read from; whole extractions are written as they are.
   */
  async writeRecordedResults(id: JobId, results: JobResults<ExtractionOutcome>): Promise<void> {
    assertJobId(id);
    await this.#resultFiles.close(id); // the job is ending: no more URL results
    const readers = new Map<string, SpanReader>();
    try {
      await writeResultsFile(`${this.#dir(id)}/results.json`, results, async (e) => {
        const at = this.#recordedAt.get(e);
        if (at === undefined) {
          if (typeof (e as Extraction).content !== "string") {
            throw new TypeError(`No recorded extraction for "${e.url}" in job ${id}`);
          }
          return e as Extraction;
        }
        let reader = readers.get(at.path);
        if (reader === undefined) readers.set(at.path, reader = new SpanReader(at.path));
        return JSON.parse(await reader.read(at.span)) as Extraction;
      });
    } catch (err) {
      if (isNotFound(err) && !(await exists(this.#dir(id)))) {
        throw new JobNotFoundError(id, { cause: err });
      }
      throw err;
    } finally {
      for (const reader of readers.values()) reader[Symbol.dispose]();
    }
  }

  /**
   * Removes `results.jsonl` once `results.json` holds the job's results
   * (call it when the job is finished): the results are not kept twice.
   */
  async compactResults(id: JobId): Promise<void> {
    assertJobId(id);
    await this.#resultFiles.close(id);
    if (!(await exists(`${this.#dir(id)}/results.json`))) return;
    try {
      await Deno.remove(`${this.#dir(id)}/results.jsonl`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    // The finished job's search index, now rather than at the first search.
    // The job has ended whatever happens here: a failure (a full disk) only
    // leaves the index to the first search, which builds it again or says why.
    await this.#searchIndex(id, true).catch(() => null);
  }

  /**
   * The job's current search index, built from `results.json` under the
   * job's lock when missing or stale (`build`); null when the job has no
   * `results.json`, or has no current index and `build` is false.
   */
  async #searchIndex(id: JobId, build: boolean): Promise<SearchIndex | null> {
    const dir = this.#dir(id);
    const current = await openSearchIndex(dir);
    if (current !== null || !build) return current;
    let lock;
    try {
      lock = await lockFile(`${dir}/.lock`);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
    try {
      // Another process may have built it while this one waited for the lock.
      const built = await openSearchIndex(dir);
      if (built !== null) return built;
      if (!(await buildSearchIndex(dir))) return null;
      return await openSearchIndex(dir);
    } finally {
      await lock.release();
    }
  }

  /**
   * Finds successful pages by title or content (see
   * {@linkcode JobStore.search}): a finished job through its index
   * (`search.txt`, `search.idx`, built when the job finished or at the first
   * search), any other through the results recorded so far.
   */
  async search(text: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    const query = normalizeSearchText(text).trim();
    if (query === "") throw new RangeError(`Search text "${text}" has nothing to search for`);
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Invalid search limit ${limit}: expected a whole number from 1`);
    }
    let jobs: { id: JobId; status: JobStatus }[];
    if (options.jobId !== undefined) {
      const job = await this.get(options.jobId);
      jobs = [{ id: job.id, status: job.status }];
    } else {
      jobs = (await this.#index.read()).newest().map((row) => ({
        id: row.id as JobId,
        status: row.status,
      }));
    }
    const matches: SearchMatch[] = [];
    const warnings: string[] = [];
    let more = false;
    let searched = 0;
    for (const { id, status } of jobs) {
      if (more) break;
      try {
        more = await this.#searchJob(id, isTerminal(status), query, limit, matches);
        searched++;
      } catch (err) {
        if (options.jobId !== undefined) throw err;
        // A job removed since the index was read has nothing to find.
        if (err instanceof JobNotFoundError) continue;
        if (
          err instanceof CorruptedJobError || err instanceof NotRegularFileError ||
          err instanceof FileTooLargeError || err instanceof SyntaxError
        ) {
          warnings.push(`Skipped "${id}": ${err.message}`);
          continue;
        }
        throw err;
      }
    }
    return { matches, more, jobs_searched: searched, warnings };
  }

  /** Adds one job's matches to `matches` up to `limit`; true when more pages match. */
  async #searchJob(
    id: JobId,
    ended: boolean,
    query: string,
    limit: number,
    matches: SearchMatch[],
  ): Promise<boolean> {
    let more = false;
    const index = await this.#searchIndex(id, ended);
    if (index !== null) {
      const found: string[] = [];
      await searchIndexed(index, query, (where) => {
        if (matches.length + found.length === limit) {
          more = true;
          return false;
        }
        found.push(where);
        return true;
      });
      for (const where of found) {
        matches.push({ job_id: id, extraction: await readSearchedPage(index.dir, where) });
      }
      return more;
    }
    for (const e of await this.readPartialResults(id)) {
      if (!(searchDocument(e)?.includes(query) ?? false)) continue;
      if (matches.length === limit) return true;
      matches.push({ job_id: id, extraction: e });
    }
    return false;
  }

  /** Appends crawl links to `frontier.jsonl`, one line each, in one write. */
  async appendFrontier(id: JobId, entries: readonly FrontierEntry[]): Promise<void> {
    assertJobId(id);
    if (entries.length === 0) return;
    await this.#appendToJob(id, "frontier.jsonl", entries.map((e) => JSON.stringify(e)));
  }

  /** Reads `frontier.jsonl`, skipping damaged lines and an unfinished last line. */
  async readFrontier(id: JobId): Promise<FrontierEntry[]> {
    assertJobId(id);
    return parseFrontierLines(await this.#readJobFile(id, "frontier.jsonl") ?? "");
  }

  /**
   * Appends records to the job's claim journal `claims.jsonl` (which URLs
   * the worker took and gave back, and the deaths that caught some in
   * flight), for crash attempts counted per URL (see `LocalWorkQueue`).
   */
  async appendClaims(id: JobId, records: readonly ClaimRecord[]): Promise<void> {
    assertJobId(id);
    if (records.length === 0) return;
    await this.#appendToJob(id, "claims.jsonl", records.map((r) => JSON.stringify(r)));
  }

  /** Reads the claim journal, skipping damaged lines and an unfinished last line. */
  async readClaims(id: JobId): Promise<ClaimRecord[]> {
    assertJobId(id);
    const text = await this.#readJobFile(id, "claims.jsonl") ?? "";
    const out: ClaimRecord[] = [];
    for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
      if (line === "") continue;
      try {
        const value = JSON.parse(line);
        if (isClaimRecord(value)) out.push(value);
      } catch {
        // A damaged line is skipped: at worst a crash is not counted against its URLs.
      }
    }
    return out;
  }

  /** Writes the final `results.json` atomically (an extraction at a time). */
  async writeResults(id: JobId, results: JobResults): Promise<void> {
    assertJobId(id);
    await this.#resultFiles.close(id); // the job is ending: no more URL results
    try {
      await writeResultsFile(`${this.#dir(id)}/results.json`, results, (e) => e);
    } catch (err) {
      if (isNotFound(err)) throw new JobNotFoundError(id, { cause: err });
      throw err;
    }
  }

  /** Reads `results.json`, or null when the job has none yet. */
  async readResults(id: JobId): Promise<JobResults | null> {
    assertJobId(id);
    const text = await this.#readJobFile(id, "results.json");
    if (text === null) return null;
    try {
      return JSON.parse(text) as JobResults;
    } catch (err) {
      throw new CorruptedJobError(id, "results.json is not valid JSON", { cause: err });
    }
  }

  // ---------------------------------------------------------------- storage

  /** Bytes used under `jobs/` and every corrupted entry (a full scan). */
  async storageInfo(): Promise<StorageInfo> {
    const scan = await this.#scan(true);
    await this.#index.reconcile(scan);
    return {
      baseDirectory: this.location,
      totalJobs: scan.jobs.size,
      totalBytes: scan.totalBytes,
      corrupted: scan.corrupt,
    };
  }

  /**
   * Removes terminal jobs whose `completed_at` (or `created_at`) is more than
   * `days` days old (`days: 0`: every terminal job) and corrupted job
   * directories. Pending and running jobs are never removed. Each directory is
   * renamed out of `jobs/` first, so a reader never sees it half-deleted.
   */
  async cleanup(options: CleanupOptions): Promise<CleanupReport> {
    const { days, dryRun } = options;
    if (!Number.isFinite(days) || days < 0) {
      throw new RangeError(`Invalid number of days ${days}: expected 0 or more`);
    }
    const now = (options.now ?? new Date()).getTime();
    const cutoff = now - days * DAY_MS;
    const isOld = (job: Job) =>
      isTerminal(job.status) &&
      (days === 0 || Date.parse(job.completed_at ?? job.created_at) < cutoff);
    const scan = await this.#scan(true);
    await this.#index.reconcile(scan);
    const report: CleanupReport = { removed: [], corrupted: [], bytesFreed: 0, dryRun };
    const candidates = [...scan.jobs.values()].filter(isOld).sort((a, b) => a.id < b.id ? -1 : 1);
    const corrupt = scan.corrupt.filter((c) => isJobId(c.name));
    if (dryRun) {
      for (const job of candidates) {
        const bytes = scan.bytes.get(job.id) ?? 0;
        report.removed.push({
          id: job.id,
          status: job.status,
          bytes,
          finished_at: job.completed_at,
        });
        report.bytesFreed += bytes;
      }
      report.corrupted = corrupt;
      report.bytesFreed += corrupt.reduce((s, c) => s + c.bytes, 0);
      return report;
    }
    await makeOwnDir(this.#trashDir);
    const deleted: string[] = [];
    for (const candidate of candidates) {
      const lock = await lockFile(`${this.#dir(candidate.id)}/.lock`).catch((err) => {
        if (isNotFound(err)) return null; // removed by someone else meanwhile
        throw err;
      });
      if (lock === null) continue;
      try {
        // Re-read under the lock: the job may have changed since the scan.
        const outcome = await this.#read(candidate.id);
        if (outcome.kind !== "ok" || !isOld(outcome.job)) continue;
        await this.#resultFiles.close(candidate.id);
        const bytes = await this.#moveToTrash(candidate.id);
        deleted.push(candidate.id);
        report.removed.push({
          id: candidate.id,
          status: outcome.job.status,
          bytes,
          finished_at: outcome.job.completed_at,
        });
        report.bytesFreed += bytes;
      } finally {
        await lock.release();
      }
    }
    for (const entry of corrupt) {
      if ((await this.#read(entry.name)).kind !== "corrupt") continue;
      const bytes = await this.#moveToTrash(entry.name);
      deleted.push(entry.name);
      report.corrupted.push({ ...entry, bytes });
      report.bytesFreed += bytes;
    }
    if (deleted.length > 0) {
      await fsyncDirectory(this.location);
      await this.#index.append(deleted.map(encodeDel));
    }
    await this.#emptyTrash();
    return report;
  }

  async #moveToTrash(name: string): Promise<number> {
    const bytes = await sizeOf(this.#dir(name));
    await Deno.rename(this.#dir(name), `${this.#trashDir}/${name}.${crypto.randomUUID()}`);
    return bytes;
  }

  /** Removes everything in trash/ and creations abandoned in tmp/ by a crash. */
  async #emptyTrash(): Promise<void> {
    for (const [dir, minAge] of [[this.#trashDir, 0], [this.#tmpDir, STALE_TMP_MS]] as const) {
      let entries: Deno.DirEntry[];
      try {
        // A link here would make cleanup empty whatever it points to.
        await assertNotLink(dir);
        entries = await Array.fromAsync(Deno.readDir(dir));
      } catch (err) {
        if (isNotFound(err)) continue;
        throw err;
      }
      for (const entry of entries) {
        const path = `${dir}/${entry.name}`;
        try {
          const mtime = (await Deno.lstat(path)).mtime?.getTime() ?? 0;
          if (Date.now() - mtime >= minAge) await Deno.remove(path, { recursive: true });
        } catch (err) {
          // Another cleanup removed it first.
          if (!isNotFound(err)) throw err;
        }
      }
    }
  }

  /** Keeps a fetched page in `fetched/` until its result is recorded (see `_fs_spool.ts`). */
  async keepPage(id: JobId, url: string, page: string): Promise<void> {
    assertJobId(id);
    await keepPage(this.#dir(id), url, page);
  }

  /** The pages `fetched/` holds for some of `urls`. */
  async keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>> {
    assertJobId(id);
    return await keptPages(this.#dir(id), urls);
  }

  /** Removes the page kept for `url`, if any. */
  async dropKeptPage(id: JobId, url: string): Promise<void> {
    assertJobId(id);
    await dropKeptPage(this.#dir(id), url);
  }

  /** Removes `fetched/`. */
  async dropKeptPages(id: JobId): Promise<void> {
    assertJobId(id);
    await dropKeptPages(this.#dir(id));
  }

  /** The worker's queue: claims in memory, as the home's worker lock admits one worker. */
  workQueue(options: WorkQueueOptions): WorkQueue {
    return new LocalWorkQueue(this, options);
  }

  /** The home's notification outbox, `<home>/notify/outbox/`. */
  notifyOutbox(): NotifyOutbox {
    return this.#outbox;
  }

  /** The home's HTTP cache, `<home>/cache/http/`. */
  httpCache(): HttpCache {
    return new FsHttpCache(this.home);
  }

  /** The home's job templates, `<home>/templates/`. */
  templates(): TemplateStore {
    return new FsTemplateStore(this.home);
  }

  /** The home's schedules, `<home>/schedules/` (see `schedule_store.ts`). */
  schedules(): ScheduleStore {
    return new FsScheduleStore(this.home, this);
  }

  /** Drops the in-memory index cache and closes held `results.jsonl` files. */
  async close(): Promise<void> {
    this.#index.forget();
    this.#parsed.clear();
    await this.#resultFiles.closeAll();
  }

  // ---------------------------------------------------------------- scanning

  /** Whether a name in jobs/ belongs to the store's own bookkeeping. */
  #isOwnFile(name: string): boolean {
    return name.startsWith(".") || isIndexFile(name);
  }

  /** Reads every entry of jobs/: valid jobs, corrupted entries and (optionally) sizes. */
  async #scan(withBytes: boolean): Promise<ScanResult> {
    const result: ScanResult = { jobs: new Map(), corrupt: [], bytes: new Map(), totalBytes: 0 };
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(this.location));
    } catch (err) {
      if (isNotFound(err)) return result;
      throw err;
    }
    await mapLimit(entries, SCAN_CONCURRENCY, async (entry) => {
      const bytes = withBytes ? await sizeOf(`${this.location}/${entry.name}`) : 0;
      result.totalBytes += bytes;
      if (this.#isOwnFile(entry.name)) return;
      result.bytes.set(entry.name, bytes);
      if (!isJobId(entry.name) || !entry.isDirectory) {
        const what = entry.isDirectory ? "directory" : "file";
        result.corrupt.push({
          name: entry.name,
          reason: `not a job ${what} (unexpected name in the jobs directory)`,
          bytes,
        });
        return;
      }
      const outcome = await this.#read(entry.name);
      if (outcome.kind === "ok") result.jobs.set(entry.name, outcome.job);
      else if (outcome.kind === "corrupt") {
        result.corrupt.push({ name: entry.name, reason: outcome.reason, bytes });
      }
    });
    result.corrupt.sort((a, b) => a.name < b.name ? -1 : 1);
    return result;
  }

  /** Re-syncs index rows with their metadata, under each job's lock. */
  async #repairRows(ids: readonly string[]): Promise<void> {
    const lines: string[] = [];
    for (const id of ids) {
      const lock = await lockFile(`${this.#dir(id)}/.lock`).catch((err) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (lock === null) {
        lines.push(encodeDel(id));
        continue;
      }
      try {
        // Under the job's lock, like update(), so this record cannot overtake a newer one.
        const outcome = await this.#read(id);
        if (outcome.kind === "ok") await this.#index.append([encodePut(rowOf(outcome.job))]);
        else if (outcome.kind === "missing") lines.push(encodeDel(id));
      } finally {
        await lock.release();
      }
    }
    if (lines.length > 0) await this.#index.append(lines);
  }
}
