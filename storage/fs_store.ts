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
  assertJobId,
  type Extraction,
  type ExtractionOutcome,
  type ExtractionSummary,
  type FrontierEntry,
  isJobId,
  type Job,
  type JobId,
  jobIdQuery,
  JobNotFoundError,
  type JobProgress,
  type JobResults,
  type JobStatus,
  type LogEntry,
  parseJobIdPrefix,
  SHORT_ID_MIN_DIGITS,
} from "@riptide/core/base";
import { isAbsolute, resolve } from "@riptide/core/path";
import type { HttpCache } from "./http_cache.ts";
import type { TemplateStore } from "./templates.ts";
import type { NotifyOutbox } from "./notify_outbox.ts";
import type { ScheduleStore } from "./schedule_store.ts";
import {
  LazyFsHttpCache,
  LazyFsNotifyOutbox,
  LazyFsScheduleStore,
  LazyFsTemplateStore,
  LazyLocalWorkQueue,
} from "./_fs_lazy_stores.ts";
import { exists } from "./_fs.ts";
import { logLine } from "./_fs_files.ts";
import { JobIndex } from "./_fs_index.ts";
import { CorruptedJobError, JobFiles } from "./_fs_job_files.ts";
import type { JobWrites } from "./_fs_job_writes.ts";
import type { FsResults } from "./_fs_results.ts";
import { IndexedJobs } from "./_fs_queries.ts";
import type { JobSearch } from "./_fs_job_search.ts";
import type {
  CleanupOptions,
  CleanupReport,
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
  SearchOptions,
  StorageInfo,
} from "./job_store.ts";
import type { ClaimRecord, ResultLog, WorkQueue, WorkQueueOptions } from "./work_queue.ts";

export { CorruptedJobError };

/** Options for {@linkcode FsJobStore}. */
export interface FsJobStoreOptions {
  /**
   * Compact the index once it holds more than `2 × jobs + compactSlack`
   * lines (default 1000).
   */
  compactSlack?: number;
}

let spoolModule: Promise<typeof import("./_fs_spool.ts")> | undefined;
/**
 * The page spool's module, loaded at its first use (a worker's first page;
 * `list` and `status` never spool) and then kept: the spool runs twice per
 * URL, where a dynamic import each time would go to the module loader again.
 */
function spool(): Promise<typeof import("./_fs_spool.ts")> {
  return spoolModule ??= import("./_fs_spool.ts");
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
  #files: JobFiles;
  #index: JobIndex;
  #jobs: IndexedJobs;
  /**
   * Loaded at the first call that reads or writes results (see `#results()`):
   * `list` and `status` do not compile the results, spool, frontier and
   * cleanup modules (each module a command loads costs start-up time).
   */
  #resultsLoaded: FsResults | null = null;
  /**
   * Loaded at the first search or finished job: a read-only command (`list`,
   * `status`) does not load the search index's modules (see `#jobSearch()`).
   */
  #search: JobSearch | null = null;
  /**
   * Loaded at the first write (see `#writes()`): read-only commands do not
   * compile the code that creates and changes jobs.
   */
  #writesLoaded: JobWrites | null = null;
  #outbox: LazyFsNotifyOutbox;

  /** Opens the store rooted at `home` (an absolute path); nothing is created until needed. */
  constructor(home: string, options: FsJobStoreOptions = {}) {
    this.home = isAbsolute(home) ? resolve(home) : resolve(Deno.cwd(), home);
    this.location = `${this.home}/jobs`;
    this.#tmpDir = `${this.home}/tmp`;
    this.#trashDir = `${this.home}/trash`;
    this.#files = new JobFiles(this.location);
    this.#index = new JobIndex(this.location, {
      compactSlack: options.compactSlack ?? 1000,
      scan: async () => (await import("./_fs_cleanup.ts")).scanJobs(this.#files, false),
    });
    this.#jobs = new IndexedJobs(this.#files, this.#index);
    this.#outbox = new LazyFsNotifyOutbox(this.home, async (id, fn) => {
      try {
        await (await this.#writes()).underLock(id as JobId, (job) => fn(job));
      } catch (err) {
        if (!(err instanceof JobNotFoundError)) throw err;
        await fn(null);
      }
    });
  }

  #dir(id: string): string {
    return this.#files.dir(id);
  }

  async #jobSearch(): Promise<JobSearch> {
    if (this.#search === null) {
      const { JobSearch } = await import("./_fs_job_search.ts");
      const results = await this.#results();
      this.#search ??= new JobSearch(this.#files, results);
    }
    return this.#search;
  }

  /** The results side of the store, its module loaded at the first call. */
  async #results(): Promise<FsResults> {
    if (this.#resultsLoaded === null) {
      const { FsResults } = await import("./_fs_results.ts");
      this.#resultsLoaded ??= new FsResults(this.#files);
    }
    return this.#resultsLoaded;
  }

  /** The writes to jobs' records, their module loaded at the first write. */
  async #writes(): Promise<JobWrites> {
    if (this.#writesLoaded === null) {
      const { JobWrites } = await import("./_fs_job_writes.ts");
      this.#writesLoaded ??= new JobWrites({
        files: this.#files,
        index: this.#index,
        outbox: this.#outbox,
        tmpDir: this.#tmpDir,
        results: () => this.#results(),
      });
    }
    return this.#writesLoaded;
  }

  // ---------------------------------------------------------------- jobs

  /** Creates a job in `pending`, with "Job created" in its history and log. */
  async create(input: NewJob): Promise<Job> {
    return await (await this.#writes()).create(input);
  }

  /**
   * Stores an exported job whole under its own id (built in tmp/ and renamed
   * in, as {@linkcode FsJobStore.create} does); `"exists"` when the id is taken.
   */
  async importJob(record: JobRecord): Promise<"imported" | "exists"> {
    assertJobId(record.job.id);
    return await (await this.#writes()).importJob(record);
  }

  /** Reads one job; `JobNotFoundError` when missing, `CorruptedJobError` when unreadable. */
  async get(id: JobId): Promise<Job> {
    assertJobId(id);
    return await this.#files.job(id);
  }

  /**
   * Read-modify-write under the job's lock. A status change must be allowed
   * by the lifecycle (`InvalidTransitionError` otherwise) and is recorded in
   * `history` (added if `fn` did not) and as a log line.
   */
  async update(id: JobId, fn: (job: Job) => Job): Promise<Job> {
    assertJobId(id);
    return await (await this.#writes()).update(id, fn);
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
    return await (await this.#writes()).updateProgress(id, progress);
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
    return await (await this.#writes()).requeue(id, plan);
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
    // From the index header's id records when it has them; else only the rows
    // of ids the prefix can mean (and, for a short id, of the ids that decide
    // short ids with the same first digits) are decoded.
    const query = jobIdQuery(value);
    const fragments = [query.value];
    if (query.random !== null) fragments.push(`_${query.random.slice(0, SHORT_ID_MIN_DIGITS)}`);
    const found = await this.#index.resolve(value, fragments);
    if ("id" in found) return found.id as JobId;
    if (found.candidates.length === 0) throw new JobNotFoundError(value);
    throw new AmbiguousJobIdError(value, found.candidates);
  }

  /**
   * Lists jobs newest first. Filtering and sorting run on the index; only the
   * returned jobs' `metadata.json` files are read.
   */
  async list(filter: JobFilter = {}): Promise<JobList> {
    return await this.#jobs.list(filter);
  }

  /**
   * Pending jobs in run order: priority (critical first), then oldest first.
   * The order comes from the index; only the returned jobs' metadata is read
   * (with `limit`, the head of the queue: a worker with a free slot reads a
   * few files however many jobs wait).
   */
  async pendingQueue(options: PendingQueueOptions = {}): Promise<Job[]> {
    return await this.#jobs.pendingQueue(options);
  }

  /** Jobs in `running`, oldest first. */
  async runningJobs(): Promise<Job[]> {
    return await this.#jobs.runningJobs();
  }

  /** Counts by status and priority, average duration and success rate, from the index. */
  async stats(): Promise<JobStats> {
    return await this.#jobs.stats();
  }

  // ---------------------------------------------------------------- logs and results

  /** Appends whole log lines (one write under the log file's lock). */
  async appendLog(id: JobId, entries: LogEntry | readonly LogEntry[]): Promise<void> {
    assertJobId(id);
    const list = Array.isArray(entries) ? entries : [entries as LogEntry];
    await this.#files.append(id, "logs.jsonl", list.map(logLine));
  }

  /** Reads the log, skipping damaged lines and an unfinished last line. */
  async readLogs(id: JobId, options: ReadLogsOptions = {}): Promise<LogEntry[]> {
    assertJobId(id);
    const entries = await this.#files.readLogs(id);
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
    const { entries, end } = await this.#files.readLogsFrom(id, cursor?.position ?? 0);
    return { entries, cursor: { position: end } };
  }

  /** Records one URL's result in `results.jsonl` as soon as it finishes. */
  async appendResult(id: JobId, extraction: Extraction): Promise<void> {
    assertJobId(id);
    if (typeof extraction?.url !== "string") throw new TypeError("An extraction needs a url");
    await (await this.#results()).append(id, extraction);
  }

  /**
   * Results recorded so far, one per URL (the last record wins), in
   * first-seen order: `results.jsonl`, and `results.json` for what the log
   * no longer holds (a finished job's log is removed once results.json holds it).
   */
  async readPartialResults(id: JobId): Promise<Extraction[]> {
    assertJobId(id);
    return await (await this.#results()).readPartial(id);
  }

  /**
   * The outcome of each URL's last recorded result, in first-recorded order,
   * read a line at a time (the content is not kept; see
   * {@linkcode FsJobStore.writeRecordedResults}).
   */
  async readOutcomes(id: JobId): Promise<ExtractionOutcome[]> {
    assertJobId(id);
    return await (await this.#results()).readOutcomes(id);
  }

  /**
   * Writes `results.json` atomically, one extraction at a time: each outcome
   * {@linkcode FsJobStore.readOutcomes} gave is replaced by the line it was
   * read from; whole extractions are written as they are.
   */
  async writeRecordedResults(id: JobId, results: JobResults<ExtractionOutcome>): Promise<void> {
    assertJobId(id);
    await (await this.#results()).writeRecorded(id, results);
  }

  /**
   * Removes `results.jsonl` once `results.json` holds the job's results
   * (call it when the job is finished): the results are not kept twice.
   */
  async compactResults(id: JobId): Promise<void> {
    assertJobId(id);
    await (await this.#results()).compact(id);
  }

  /**
   * Builds a finished job's search index (`search.txt`, `search.idx`, from
   * `results.json`, under the job's lock) now rather than at its first
   * search; nothing when it is current or the job has no `results.json`.
   * The index is derived from results.json: a process that stops before or
   * while building it leaves it to the first search, which builds it then.
   */
  async indexFinishedJob(id: JobId): Promise<void> {
    assertJobId(id);
    await (await this.#jobSearch()).index(id, true);
  }

  /**
   * Finds successful pages by title or content (see
   * {@linkcode JobStore.search}): a finished job through its index
   * (`search.txt`, `search.idx`, built when the job finished or at the first
   * search), any other through the results recorded so far.
   */
  async search(text: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    // Loaded here, not with the store: list and status never search.
    const { DEFAULT_SEARCH_LIMIT, normalizeSearchText } = await import("@riptide/core/search");
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
    const search = await this.#jobSearch();
    return await search.search(jobs, query, limit, options.jobId !== undefined);
  }

  /** Appends crawl links to `frontier.jsonl`, one line each, in one write. */
  async appendFrontier(id: JobId, entries: readonly FrontierEntry[]): Promise<void> {
    assertJobId(id);
    if (entries.length === 0) return;
    await this.#files.append(id, "frontier.jsonl", entries.map((e) => JSON.stringify(e)));
  }

  /** Reads `frontier.jsonl`, skipping damaged lines and an unfinished last line. */
  async readFrontier(id: JobId): Promise<FrontierEntry[]> {
    assertJobId(id);
    const text = await this.#files.readFile(id, "frontier.jsonl") ?? "";
    return (await import("./_fs_frontier.ts")).parseFrontierLines(text);
  }

  /**
   * Appends records to the job's claim journal `claims.jsonl` (which URLs
   * the worker took and gave back, and the deaths that caught some in
   * flight), for crash attempts counted per URL (see `LocalWorkQueue`).
   */
  async appendClaims(id: JobId, records: readonly ClaimRecord[]): Promise<void> {
    assertJobId(id);
    if (records.length === 0) return;
    await this.#files.append(id, "claims.jsonl", records.map((r) => JSON.stringify(r)));
  }

  /** Reads the claim journal, skipping damaged lines and an unfinished last line. */
  async readClaims(id: JobId): Promise<ClaimRecord[]> {
    assertJobId(id);
    const text = await this.#files.readFile(id, "claims.jsonl") ?? "";
    const { isClaimRecord } = await import("./work_queue.ts");
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
    await (await this.#results()).writeFinal(id, results);
  }

  /** Reads `results.json`, or null when the job has none yet. */
  async readResults(id: JobId): Promise<JobResults | null> {
    assertJobId(id);
    return await (await this.#results()).readFinal(id);
  }

  /**
   * The extractions of `results.json` without their text, or null when the
   * job has none yet: each `content` and `markdown` line is skipped unread.
   */
  async readResultSummaries(id: JobId): Promise<ExtractionSummary[] | null> {
    assertJobId(id);
    return await (await this.#results()).readSummaries(id);
  }

  // ---------------------------------------------------------------- storage

  /** Bytes used under `jobs/` and every corrupted entry (a full scan). */
  async storageInfo(): Promise<StorageInfo> {
    const { scanJobs } = await import("./_fs_cleanup.ts");
    const scan = await scanJobs(this.#files, true);
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
    const { cleanupJobs } = await import("./_fs_cleanup.ts");
    return await cleanupJobs({
      files: this.#files,
      index: this.#index,
      results: await this.#results(),
      tmpDir: this.#tmpDir,
      trashDir: this.#trashDir,
    }, options);
  }

  /** Keeps a fetched page in `fetched/` until its result is recorded (see `_fs_spool.ts`). */
  async keepPage(id: JobId, url: string, page: string): Promise<void> {
    assertJobId(id);
    await (await spool()).keepPage(this.#dir(id), url, page);
  }

  /** The pages `fetched/` holds for some of `urls`. */
  async keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>> {
    assertJobId(id);
    return await (await spool()).keptPages(this.#dir(id), urls);
  }

  /** Removes the page kept for `url`, if any. */
  async dropKeptPage(id: JobId, url: string): Promise<void> {
    assertJobId(id);
    await (await spool()).dropKeptPage(this.#dir(id), url);
  }

  /** Removes `fetched/`. */
  async dropKeptPages(id: JobId): Promise<void> {
    assertJobId(id);
    await (await spool()).dropKeptPages(this.#dir(id));
  }

  /** The worker's queue: claims in memory, as the home's worker lock admits one worker. */
  workQueue(options: WorkQueueOptions): WorkQueue {
    return new LazyLocalWorkQueue(this, options);
  }

  /** The home's notification outbox, `<home>/notify/outbox/`. */
  notifyOutbox(): NotifyOutbox {
    return this.#outbox;
  }

  /** The home's HTTP cache, `<home>/cache/http/`. */
  httpCache(): HttpCache {
    return new LazyFsHttpCache(this.home);
  }

  /** The home's job templates, `<home>/templates/`. */
  templates(): TemplateStore {
    return new LazyFsTemplateStore(this.home);
  }

  /** The home's schedules, `<home>/schedules/` (see `schedule_store.ts`). */
  schedules(): ScheduleStore {
    return new LazyFsScheduleStore(this.home, this);
  }

  /** Drops the in-memory index cache and closes held `results.jsonl` files. */
  async close(): Promise<void> {
    this.#index.forget();
    this.#files.forget();
    await this.#resultsLoaded?.closeAll();
  }
}
