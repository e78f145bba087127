/**
 * The `JobStore` seam: everything the executor and the CLI need from storage.
 * The filesystem store is the embedded default; a database-backed store
 * implements the same interface.
 *
 * @module
 */

import type {
  Extraction,
  ExtractionSummary,
  FrontierEntry,
  Job,
  JobId,
  JobPriority,
  JobProgress,
  JobResults,
  JobStatus,
  LogEntry,
  NewJob,
  Strategy,
} from "@riptide/core/base";
import type { WorkQueue, WorkQueueOptions } from "./work_queue.ts";
import type { HttpCache } from "./http_cache.ts";
import type { TemplateStore } from "./templates.ts";
import type { NotifyOutbox } from "./notify_outbox.ts";
import type { ScheduleStore } from "./schedule_store.ts";

/** What a caller supplies to create a job (the type lives in `@riptide/core`). */
export type { NewJob } from "@riptide/core/base";

/**
 * One job with everything stored for it: what `riptide store export` writes,
 * one JSON line per job, and {@linkcode JobStore.importJob} stores again.
 */
export interface JobRecord {
  /** The job's metadata. */
  job: Job;
  /** The job's log, oldest first. */
  logs: LogEntry[];
  /** Per-URL results recorded so far (as the worker recorded them). */
  partial: Extraction[];
  /** The final results, when the job has them. */
  results: JobResults | null;
  /**
   * Crawl jobs: the URLs found beyond the start URLs, in the order found, so
   * a crawl moved to another store before it ended keeps the URLs it found
   * and had not fetched yet. Absent for other jobs (and in older exports).
   */
  frontier?: FrontierEntry[];
}

/** Options for {@linkcode JobStore.pendingQueue}. */
export interface PendingQueueOptions {
  /** At most this many jobs, from the head of the queue (default: all). */
  limit?: number;
  /**
   * Leave out jobs waiting for their dependencies (`submit --after`; see
   * core's `dependencyVerdict`): what a worker may take now.
   */
  runnable?: boolean;
}

/** What a {@linkcode JobStore.requeue} plan returns: the job to store and the URLs to run again. */
export interface Requeue {
  /** The job as it must be stored (back in `pending`). */
  job: Job;
  /** URLs whose recorded results are dropped, so they are claimed and recorded again. */
  urls: readonly string[];
}

/** Filters for {@linkcode JobStore.list}. All given filters must match. */
export interface JobFilter {
  /** Only jobs in this status. */
  status?: JobStatus;
  /** Only jobs with this priority. */
  priority?: JobPriority;
  /** Only jobs with this tag. */
  tag?: string;
  /** Case-insensitive substring of the name. */
  name?: string;
  /** Case-insensitive glob (`*`, `?`) the whole name matches (`list --name`). */
  nameGlob?: string;
  /** Only jobs with this strategy. */
  strategy?: Strategy;
  /** Case-insensitive substring of one of the job's URLs (`list --url`). */
  url?: string;
  /** Only jobs created after this time. */
  createdAfter?: Date;
  /** Only jobs created before this time. */
  createdBefore?: Date;
  /** At most this many jobs (newest first). */
  limit?: number;
}

/** The answer of {@linkcode JobStore.list}. */
export interface JobList {
  /** Matching jobs, newest first, at most `limit`. */
  jobs: Job[];
  /** How many jobs matched before the limit. */
  total: number;
  /** Unique short id per listed job (unique among all stored jobs). */
  shortIds: Map<string, string>;
  /** Entries skipped (corrupted or half-deleted), one message each. */
  warnings: string[];
}

/** Aggregate numbers for `stats`. */
export interface JobStats {
  /** Number of stored jobs. */
  total: number;
  /** Jobs per status. */
  byStatus: Record<JobStatus, number>;
  /** Jobs per priority. */
  byPriority: Record<JobPriority, number>;
  /** Mean of completed_at - started_at over finished jobs with both, in ms; null if none. */
  averageDurationMs: number | null;
  /** completed / (completed + failed), 0-1; null when neither exists. */
  successRate: number | null;
}

/** A stored entry that is not a readable job. */
export interface CorruptEntry {
  /** Directory name under the jobs root. */
  name: string;
  /** What is wrong, one line. */
  reason: string;
  /** Bytes it occupies. */
  bytes: number;
}

/** Answer of {@linkcode JobStore.storageInfo}. */
export interface StorageInfo {
  /** Where jobs live (a directory, or a redacted database URL). */
  baseDirectory: string;
  /** Number of stored jobs. */
  totalJobs: number;
  /** Bytes the jobs occupy. */
  totalBytes: number;
  /** Entries that are not readable jobs. */
  corrupted: CorruptEntry[];
}

/** Options for {@linkcode JobStore.cleanup}. */
export interface CleanupOptions {
  /** Terminal jobs that finished (or were created) more than this many days ago go. */
  days: number;
  /** Only report what would be removed. */
  dryRun: boolean;
  /** The current time (injectable for tests). */
  now?: Date;
}

/** What cleanup removed (or would remove, in a dry run). */
export interface CleanupReport {
  /** Jobs removed, with the bytes each occupied. */
  removed: { id: string; status: JobStatus; bytes: number; finished_at: string | null }[];
  /** Corrupted entries removed. */
  corrupted: CorruptEntry[];
  /** Bytes freed in total. */
  bytesFreed: number;
  /** Whether nothing was actually removed. */
  dryRun: boolean;
}

/** Options for reading logs. */
export interface ReadLogsOptions {
  /** Only the last N matching entries. */
  lines?: number;
}

/** Where a log follower stands in the log, so it can continue from there. */
export interface LogCursor {
  /** Opaque position (a byte offset for the filesystem store). */
  position: number;
}

/** Options for {@linkcode JobStore.search}. */
export interface SearchOptions {
  /** Only this job's pages. */
  jobId?: JobId;
  /** At most this many matches (default: core's `DEFAULT_SEARCH_LIMIT`). */
  limit?: number;
}

/** One page a search found. */
export interface SearchMatch {
  /** The job holding the page. */
  job_id: JobId;
  /** The page's stored extraction (its title and content give the snippet). */
  extraction: Extraction;
}

/** The answer of {@linkcode JobStore.search}. */
export interface SearchAnswer {
  /** Matching pages: jobs newest first, each job's pages in results order; at most `limit`. */
  matches: SearchMatch[];
  /** Whether more pages match than were returned. */
  more: boolean;
  /** Jobs whose pages were searched. */
  jobs_searched: number;
  /** Jobs skipped (damaged files), one message each. */
  warnings: string[];
}

/** The storage seam used by the executor and the CLI. */
export interface JobStore {
  /** Human description of where jobs live (for `storage` and errors). */
  readonly location: string;

  /** Creates a job in `pending` and records its creation in the history and the log. */
  create(input: NewJob): Promise<Job>;
  /** Reads one job; throws `JobNotFoundError` when missing. */
  get(id: JobId): Promise<Job>;
  /**
   * Resolves a full id or any unique prefix to a full id. Throws
   * `JobNotFoundError` or `AmbiguousJobIdError` (with the candidates).
   */
  resolve(idOrPrefix: string): Promise<JobId>;
  /** Lists jobs newest first with filters. Corrupted entries become warnings. */
  list(filter?: JobFilter): Promise<JobList>;
  /**
   * Read-modify-write of one job under its lock, so concurrent processes never
   * lose an update. `fn` may throw (e.g. `InvalidTransitionError`) to abort.
   */
  update(id: JobId, fn: (job: Job) => Job): Promise<Job>;
  /**
   * Stores a running job's progress, with `updated_at` now, at a cost that
   * does not grow with the job's URLs (the worker writes it every few
   * hundred ms); a job in any other status is left as it is. Returns the
   * job's status, so the caller notices a cancel. Absent where a store has
   * no cheaper way than {@linkcode JobStore.update}.
   */
  updateProgress?(id: JobId, progress: JobProgress): Promise<JobStatus>;

  /**
   * Requeues an ended job in place (`retry`): under the job's lock, `plan`
   * sees the job and its recorded results and returns the job to store and
   * the URLs to run again; those URLs' results and crash counts are dropped
   * (the other results stay), the final results go, and the job is stored
   * as `plan` returned it, all at once. `plan` may throw to change nothing.
   */
  requeue<T extends Requeue>(
    id: JobId,
    plan: (job: Job, extractions: Extraction[]) => T,
  ): Promise<T>;

  /** Appends whole log lines atomically. */
  appendLog(id: JobId, entries: LogEntry | readonly LogEntry[]): Promise<void>;
  /** Reads the log (skipping damaged lines). */
  readLogs(id: JobId, options?: ReadLogsOptions): Promise<LogEntry[]>;
  /**
   * Reads log entries written after `cursor` (from the start when null) and
   * returns the new cursor. Used by `logs --follow` without re-reading the file.
   */
  readLogsSince(
    id: JobId,
    cursor: LogCursor | null,
  ): Promise<{ entries: LogEntry[]; cursor: LogCursor }>;

  /** Records one URL's result as soon as it finishes (append-only, whole line). */
  appendResult(id: JobId, extraction: Extraction): Promise<void>;
  /** Results recorded so far, one per URL (the last record for a URL wins). */
  readPartialResults(id: JobId): Promise<Extraction[]>;
  /**
   * Crawl jobs: adds URLs to the job's frontier (whole lines, append-only; the
   * caller has checked they are new and within the job's cap). Written before
   * the result of the page they were found in, so a resumed crawl never
   * loses a link.
   */
  appendFrontier(id: JobId, entries: readonly FrontierEntry[]): Promise<void>;
  /** Crawl jobs: the URLs found so far beyond the start URLs, in the order found (first wins). */
  readFrontier(id: JobId): Promise<FrontierEntry[]>;
  /** Writes the final `results.json` atomically. */
  writeResults(id: JobId, results: JobResults): Promise<void>;
  /** Reads `results.json`, or null when the job has none yet. */
  readResults(id: JobId): Promise<JobResults | null>;
  /**
   * The extractions of `results.json` without their text (`content`,
   * `markdown`), or null when the job has none yet: what a rerun compares
   * with, without reading the earlier job's pages. Optional: without it a
   * rerun reads {@linkcode JobStore.readResults}.
   */
  readResultSummaries?(id: JobId): Promise<ExtractionSummary[] | null>;

  /**
   * Finds successful pages whose title or content holds `text`, compared
   * as core's `normalizeSearchText` makes them (case, accents and
   * compatibility forms do not count): finished jobs through an index,
   * unfinished ones through the results recorded so far.
   */
  search(text: string, options?: SearchOptions): Promise<SearchAnswer>;
  /**
   * Builds a finished job's search index now rather than at its first
   * search (the worker calls it once the job's end is stored and logged).
   * Optional: a store whose search needs nothing built leaves it out.
   */
  indexFinishedJob?(id: JobId): Promise<void>;

  /** Counts and averages over all jobs. */
  stats(): Promise<JobStats>;
  /** Size and health of the store. */
  storageInfo(): Promise<StorageInfo>;
  /** Removes terminal jobs older than `days` (and corrupted entries). */
  cleanup(options: CleanupOptions): Promise<CleanupReport>;
  /**
   * Pending jobs in run order: priority (critical first), then oldest first
   * ({@linkcode compareRunOrder}); with `limit`, only the head of the queue.
   */
  pendingQueue(options?: PendingQueueOptions): Promise<Job[]>;
  /**
   * Stores a whole job under its own id (for `riptide store import`): its
   * metadata, with `results_path` and `log_path` pointing into this store, its
   * log and its results, all or nothing. `"exists"`, changing nothing, when a
   * job with that id is already stored.
   */
  importJob(record: JobRecord): Promise<"imported" | "exists">;
  /** Jobs in `running` (for crash recovery). */
  runningJobs(): Promise<Job[]>;
  /**
   * The worker's queue over this store (claims, exactly-once results and
   * finishing); see `work_queue.ts`.
   */
  workQueue(options: WorkQueueOptions): WorkQueue;
  /**
   * The store's HTTP cache, shared by every job (the home's `cache/http/`, or
   * the database's `http_cache` table); see `http_cache.ts`.
   */
  httpCache(): HttpCache;
  /**
   * The store's job templates (the home's `templates/`, or the database's
   * `job_templates` table); see `templates.ts`.
   */
  templates(): TemplateStore;
  /**
   * The store's notification outbox (`submit --notify`): the events its
   * updates wrote when jobs with webhooks ended; see `notify_outbox.ts`.
   */
  notifyOutbox(): NotifyOutbox;
  /**
   * The store's schedules (`schedule add|list|…`; the worker fires their
   * ticks); see `schedule_store.ts`. Absent where a store has none (a
   * server's store seen by `riptide job`).
   */
  schedules?(): ScheduleStore;
  /** Releases resources (files, connections). */
  close(): Promise<void>;
}
