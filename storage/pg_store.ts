/**
 * The PostgreSQL job store: the same `JobStore` behaviour as the filesystem
 * store, for teams whose workers run on several machines and share one queue.
 *
 * Tables (schema version {@linkcode PG_SCHEMA_VERSION}, created and upgraded
 * by {@linkcode PgJobStore.migrate}, automatically on first use):
 *
 * - `jobs`: the job exactly as `metadata.json` holds it (`data`, a `json`
 *   column, so the key order survives) plus indexed columns for listing and
 *   the queue, result counters and the final `results.json` content.
 * - `job_logs`: one row per log line, numbered per job under the job's row
 *   lock (so a follower's cursor never skips a line committed late).
 * - `job_urls`: one row per distinct URL of a job, the unit workers claim,
 *   with its lease and attempt count.
 * - `job_results`: one row per URL and job (`PRIMARY KEY (job_id, url)`), so
 *   a URL's result is recorded exactly once.
 * - `job_fetched` (unlogged): pages fetched and not yet recorded
 *   (`WorkQueue.keepPage`), so a worker killed while extracting one leaves
 *   it to the next.
 * - `job_templates`: one row per job template (`template save`), the
 *   document `template export` writes.
 * - `schedules`: one row per schedule (`data` as the filesystem store's
 *   `schedules/NAME.json` holds it), with its `next_run_at` and a `version`
 *   a tick moves on only if nobody changed it since it was read.
 * - `schema_migrations`: the applied schema versions.
 *
 * @module
 */

import { searchResults } from "./_pg_search.ts";
import { jobStats, listJobs, resolveJobId } from "./_pg_queries.ts";
import {
  assertJobId,
  checkLogEntry,
  type Extraction,
  type ExtractionSummary,
  type FrontierEntry,
  isoNow,
  type Job,
  type JobId,
  JobNotFoundError,
  type JobProgress,
  type JobResults,
  type JobStatus,
  type LogEntry,
  type LogLevel,
  newJobId,
  newPendingJob,
  parseJobIdPrefix,
} from "@riptide/core/base";
import { DEFAULT_SEARCH_LIMIT, normalizeSearchText } from "@riptide/core/search";
import { connectPg, type PgSql, type PgTx } from "./_pg.ts";
import { insertFrontier, selectFrontier } from "./_pg_frontier.ts";
import { PgHttpCache } from "./_pg_http_cache.ts";
import { PgNotifyOutbox } from "./_pg_notify.ts";
import type { NotifyOutbox } from "./notify_outbox.ts";
import { importJobRows, insertJob, requeueJob } from "./_pg_jobs.ts";
import { PgScheduleStore } from "./_pg_schedules.ts";
import type { ScheduleStore } from "./schedule_store.ts";
import type { HttpCache } from "./http_cache.ts";
import { PgTemplateStore } from "./_pg_templates.ts";
import type { TemplateStore } from "./templates.ts";
import { type PgHandles, PgWorkQueue } from "./_pg_queue.ts";
import {
  appendLog,
  type JobRow,
  parseJob,
  partialResults,
  recountResults,
  updateJob,
  upsertResult,
  waitingJob,
} from "./_pg_rows.ts";
import {
  currentSchemaVersion,
  type MigrateReport,
  migrateSchema,
  PG_SCHEMA_VERSION,
  SchemaVersionError,
} from "./_pg_schema.ts";
import { describePgFailure, redactPgUrl, StoreConnectionError } from "./_pg_url.ts";
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
import { QUEUE_DEFAULTS, type WorkQueue, type WorkQueueOptions } from "./work_queue.ts";

export { type MigrateReport, PG_SCHEMA_VERSION, SchemaVersionError } from "./_pg_schema.ts";

const DAY_MS = 86_400_000;

/** Options for {@linkcode PgJobStore}. */
export interface PgJobStoreOptions {
  /** Connection pool size (default 4). */
  max?: number;
  /** Run migrations on first use (default true). */
  autoMigrate?: boolean;
}

function storeLog(level: LogLevel, message: string, at: Date = new Date()): LogEntry {
  return { timestamp: isoNow(at), level, message, url: null };
}

/**
 * The PostgreSQL {@linkcode JobStore}. Opening it connects nothing; the first
 * operation connects, checks the schema version and migrates when needed
 * (under an advisory lock, in one transaction).
 *
 * Requires `--allow-net` to the database host.
 *
 * @example
 * ```ts
 * import { PgJobStore } from "@riptide/storage/pg";
 * import type { Job } from "@riptide/core/base";
 *
 * async function pendingJobs(url: string): Promise<Job[]> {
 *   const store = new PgJobStore(url); // e.g. postgres://riptide@127.0.0.1:5432/riptide
 *   try {
 *     return (await store.list({ status: "pending" })).jobs;
 *   } finally {
 *     await store.close();
 *   }
 * }
 * ```
 */
export class PgJobStore implements JobStore {
  /** The database URL with its password redacted. */
  readonly location: string;
  readonly #url: string;
  readonly #sql: PgSql;
  readonly #autoMigrate: boolean;
  #ready: Promise<void> | null = null;
  /** What the queue, outbox, cache, templates and schedules may do with the pool. */
  readonly #handles: PgHandles;

  /** Creates the store for a `postgres://` URL (`TypeError` when malformed). */
  constructor(url: string, options: PgJobStoreOptions = {}) {
    this.#url = url;
    this.location = redactPgUrl(url);
    this.#sql = connectPg(url, { max: options.max ?? 4 });
    this.#autoMigrate = options.autoMigrate ?? true;
    this.#handles = {
      tx: <T>(fn: (tx: PgTx) => Promise<T>) => this.#run((sql) => sql.begin(fn) as Promise<T>),
      query: (fn) => this.#run(fn),
    };
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * What a job's `results_path` and `log_path` say in this store: there are no
   * files, so they name the job's rows (`<redacted url>#jobs/<id>/results`).
   */
  #paths(id: string): { results_path: string; log_path: string } {
    return {
      results_path: `${this.location}#jobs/${id}/results`,
      log_path: `${this.location}#jobs/${id}/logs`,
    };
  }

  /** Runs `fn` once the schema is ready, turning connection failures into one line. */
  async #run<T>(fn: (sql: PgSql) => Promise<T>): Promise<T> {
    try {
      if (this.#ready === null) {
        this.#ready = this.#prepare();
        this.#ready.catch(() => {
          this.#ready = null; // retried on the next call
        });
      }
      await this.#ready;
      return await fn(this.#sql);
    } catch (err) {
      throw this.#wrap(err);
    }
  }

  #wrap(err: unknown): unknown {
    if (err instanceof StoreConnectionError) return err;
    const message = describePgFailure(err, this.#url);
    return message === null ? err : new StoreConnectionError(message, { cause: err });
  }

  async #prepare(): Promise<void> {
    const version = await currentSchemaVersion(this.#sql);
    if (version > PG_SCHEMA_VERSION) throw new SchemaVersionError(version, PG_SCHEMA_VERSION);
    if (version < PG_SCHEMA_VERSION) {
      if (!this.#autoMigrate) {
        throw new Error(
          `The database schema is version ${version}, older than this RipTide needs ` +
            `(version ${PG_SCHEMA_VERSION}): run riptide store migrate`,
        );
      }
      await migrateSchema(this.#sql);
    }
  }

  /**
   * Creates or upgrades the schema to {@linkcode PG_SCHEMA_VERSION} in one
   * transaction under an advisory lock (concurrent callers wait, then find
   * nothing to do). A newer schema is a {@linkcode SchemaVersionError}.
   */
  async migrate(): Promise<MigrateReport> {
    try {
      const report = await migrateSchema(this.#sql);
      this.#ready = Promise.resolve();
      return report;
    } catch (err) {
      throw this.#wrap(err);
    }
  }

  /** The schema version in the database (0 before the first migration). */
  async schemaVersion(): Promise<number> {
    try {
      return await currentSchemaVersion(this.#sql);
    } catch (err) {
      throw this.#wrap(err);
    }
  }

  // ---------------------------------------------------------------- jobs

  /** Creates a job in `pending`, with "Job created" in its history and log. */
  async create(input: NewJob): Promise<Job> {
    const now = input.now ?? new Date();
    const at = isoNow(now);
    return await this.#run(async (sql) => {
      for (let attempt = 0; attempt < 8; attempt++) {
        const id = newJobId(now);
        const job = newPendingJob(id, input, { now, ...this.#paths(id) });
        const placed = await sql.begin((tx) =>
          insertJob(tx, job, storeLog("Info", "Job created", now))
        );
        if (placed) return job;
      }
      throw new Error(`Could not find a free job id for ${at}`);
    });
  }

  /** Reads one job; `JobNotFoundError` when missing. */
  async get(id: JobId): Promise<Job> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      const [row] = await sql<JobRow[]>`SELECT data::text AS data FROM jobs WHERE id = ${id}`;
      if (row === undefined) throw new JobNotFoundError(id);
      return parseJob(row.data);
    });
  }

  /** Read-modify-write under the job's row lock (`SELECT … FOR UPDATE` in a transaction). */
  async update(id: JobId, fn: (job: Job) => Job): Promise<Job> {
    assertJobId(id);
    return await this.#run((sql) => sql.begin((tx) => updateJob(tx, id, fn)) as Promise<Job>);
  }

  /**
   * Requeues an ended job in one transaction under its row lock: the plan's
   * job is stored, its URLs' results go and their URL rows are open again
   * with no attempts counted, the counters are recounted and the final
   * results cleared.
   */
  async requeue<T extends Requeue>(
    id: JobId,
    plan: (job: Job, extractions: Extraction[]) => T,
  ): Promise<T> {
    assertJobId(id);
    return await this.#run((sql) => sql.begin((tx) => requeueJob(tx, id, plan)) as Promise<T>);
  }

  /**
   * Stores a running job's progress and `updated_at` (now), as
   * {@linkcode PgJobStore.update} would (the row holds the job whole);
   * returns the job's status.
   */
  async updateProgress(id: JobId, progress: JobProgress): Promise<JobStatus> {
    const job = await this.update(
      id,
      (j) => j.status === "running" ? { ...j, progress, updated_at: isoNow() } : j,
    );
    return job.status;
  }

  /** Resolves a full id, a unique prefix or a short id, in any letter case. */
  async resolve(idOrPrefix: string): Promise<JobId> {
    const value = parseJobIdPrefix(idOrPrefix);
    return await this.#run((sql) => resolveJobId(sql, value));
  }

  /** Lists jobs newest first with filters; the filters run in SQL. */
  async list(filter: JobFilter = {}): Promise<JobList> {
    const limit = filter.limit ?? Infinity;
    if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError(`Invalid list limit ${limit}: expected a whole number from 0`);
    }
    return await this.#run((sql) => listJobs(sql, filter, limit));
  }

  /** Pending jobs in run order: priority (critical first), then oldest first. */
  async pendingQueue(options: PendingQueueOptions = {}): Promise<Job[]> {
    const limit = options.limit ?? null;
    return await this.#run(async (sql) => {
      // compareRunOrder() in SQL (the jobs_queue_idx index serves it).
      const rows = await sql<JobRow[]>`SELECT data::text AS data FROM jobs j
        WHERE status = 'pending' ${
        options.runnable === true ? sql`AND NOT ${waitingJob(sql)}` : sql``
      }
        ORDER BY priority_rank DESC, created_at, id
        LIMIT ${limit}::bigint`;
      return rows.map((r) => parseJob(r.data));
    });
  }

  /** Jobs in `running`, oldest first. */
  async runningJobs(): Promise<Job[]> {
    return await this.#run(async (sql) => {
      const rows = await sql<JobRow[]>`SELECT data::text AS data FROM jobs
        WHERE status = 'running' ORDER BY created_at, id`;
      return rows.map((r) => parseJob(r.data));
    });
  }

  /** Counts by status and priority, average duration and success rate. */
  async stats(): Promise<JobStats> {
    return await this.#run((sql) => jobStats(sql));
  }

  // ---------------------------------------------------------------- logs and results

  /** Appends log lines in one transaction, numbered after the job's last line. */
  async appendLog(id: JobId, entries: LogEntry | readonly LogEntry[]): Promise<void> {
    assertJobId(id);
    const list = Array.isArray(entries) ? entries : [entries as LogEntry];
    list.forEach(checkLogEntry); // validate before touching the database
    await this.#run((sql) => appendLog(sql, id, list));
  }

  async #assertExists(sql: PgSql | PgTx, id: string): Promise<void> {
    const rows = await sql`SELECT 1 FROM jobs WHERE id = ${id}`;
    if (rows.length === 0) throw new JobNotFoundError(id);
  }

  /** Reads the log, oldest first (the last `lines` entries when given). */
  async readLogs(id: JobId, options: ReadLogsOptions = {}): Promise<LogEntry[]> {
    assertJobId(id);
    if (
      options.lines !== undefined && (!Number.isInteger(options.lines) || options.lines < 0)
    ) {
      throw new RangeError(`Invalid number of log lines ${options.lines}: expected 0 or more`);
    }
    return await this.#run(async (sql) => {
      await this.#assertExists(sql, id);
      const lines = options.lines ?? null;
      const rows = await sql<{ entry: string }[]>`
        SELECT entry FROM (
          SELECT seq, entry::text AS entry FROM job_logs WHERE job_id = ${id}
          ORDER BY seq DESC LIMIT ${lines}::bigint
        ) AS last ORDER BY seq`;
      return rows.map((r) => JSON.parse(r.entry) as LogEntry);
    });
  }

  /** Reads the entries after `cursor` (the last line number seen). */
  async readLogsSince(
    id: JobId,
    cursor: LogCursor | null,
  ): Promise<{ entries: LogEntry[]; cursor: LogCursor }> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      const [job] = await sql<{ last: string }[]>`
        SELECT log_seq::text AS last FROM jobs WHERE id = ${id}`;
      if (job === undefined) throw new JobNotFoundError(id);
      const last = Number(job.last);
      // A cursor past the end belongs to another log (the job was re-imported): start over.
      const from = cursor === null || cursor.position > last ? 0 : cursor.position;
      const rows = await sql<{ seq: string; entry: string }[]>`
        SELECT seq::text AS seq, entry::text AS entry FROM job_logs
        WHERE job_id = ${id} AND job_logs.seq > ${from} ORDER BY job_logs.seq`;
      const end = rows.length === 0 ? from : Number(rows.at(-1)!.seq);
      return {
        entries: rows.map((r) => JSON.parse(r.entry) as LogEntry),
        cursor: { position: end },
      };
    });
  }

  /** Records one URL's result (a later record of the same URL replaces it). */
  async appendResult(id: JobId, extraction: Extraction): Promise<void> {
    assertJobId(id);
    if (typeof extraction?.url !== "string") throw new TypeError("An extraction needs a url");
    await this.#run((sql) =>
      sql.begin(async (tx) => {
        const [job] = await tx`SELECT 1 FROM jobs WHERE id = ${id} FOR UPDATE`;
        if (job === undefined) throw new JobNotFoundError(id);
        await upsertResult(tx, id, extraction);
        await tx`UPDATE job_urls SET state = 'done', worker = NULL, lease_until = NULL
          WHERE job_id = ${id} AND url = ${extraction.url}`;
        await recountResults(tx, id);
      })
    );
  }

  /** Results recorded so far, one per URL, in the order they were first recorded. */
  async readPartialResults(id: JobId): Promise<Extraction[]> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      await this.#assertExists(sql, id);
      return await partialResults(sql, id);
    });
  }

  /**
   * Finds successful pages by title or content (see
   * {@linkcode JobStore.search}) in `job_results.search_text`, after filling
   * in the rows recorded before schema version 6 (NULL there).
   */
  async search(text: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    const query = normalizeSearchText(text).trim();
    if (query === "") throw new RangeError(`Search text "${text}" has nothing to search for`);
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Invalid search limit ${limit}: expected a whole number from 1`);
    }
    const id = options.jobId ?? null;
    if (id !== null) assertJobId(id);
    return await this.#run(async (sql) => {
      if (id !== null) await this.#assertExists(sql, id);
      return await searchResults(sql, query, limit, id);
    });
  }

  /** Adds crawl links to the job's URL rows (no cap: the caller has checked it). */
  async appendFrontier(id: JobId, entries: readonly FrontierEntry[]): Promise<void> {
    assertJobId(id);
    if (entries.length === 0) return;
    await this.#run(async (sql) => {
      await sql.begin(async (tx) => {
        await this.#assertExists(tx, id);
        await insertFrontier(tx, id, entries, Number.MAX_SAFE_INTEGER);
      });
    });
  }

  /** The URL rows a crawl found beyond its start URLs, in the order found. */
  async readFrontier(id: JobId): Promise<FrontierEntry[]> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      await this.#assertExists(sql, id);
      return await selectFrontier(sql, id);
    });
  }

  /** Stores the final results (what `results.json` holds in the filesystem store). */
  async writeResults(id: JobId, results: JobResults): Promise<void> {
    assertJobId(id);
    const text = JSON.stringify(results);
    await this.#run(async (sql) => {
      const rows =
        await sql`UPDATE jobs SET results = ${text}::text::json WHERE id = ${id} RETURNING 1`;
      if (rows.length === 0) throw new JobNotFoundError(id);
    });
  }

  /** The final results, or null when the job has none yet. */
  async readResults(id: JobId): Promise<JobResults | null> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      const [row] = await sql<{ r: string | null }[]>`
        SELECT results::text AS r FROM jobs WHERE id = ${id}`;
      if (row === undefined) throw new JobNotFoundError(id);
      return row.r === null ? null : JSON.parse(row.r) as JobResults;
    });
  }

  /**
   * The final results' extractions without their text (`content`,
   * `markdown`, dropped by the server), or null when the job has none yet.
   */
  async readResultSummaries(id: JobId): Promise<ExtractionSummary[] | null> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      const [row] = await sql<{ r: string | null }[]>`
        SELECT CASE WHEN results IS NULL THEN NULL ELSE coalesce(
          (SELECT json_agg(e::jsonb - 'content' - 'markdown' ORDER BY i)
            FROM json_array_elements(results->'extractions') WITH ORDINALITY AS x(e, i)),
          '[]'::json)::text END AS r
        FROM jobs WHERE id = ${id}`;
      if (row === undefined) throw new JobNotFoundError(id);
      return row.r === null ? null : JSON.parse(row.r) as ExtractionSummary[];
    });
  }

  // ---------------------------------------------------------------- storage

  /** Jobs and the bytes the store's tables take (a database has no corrupted entries). */
  async storageInfo(): Promise<StorageInfo> {
    // Loaded here, not with the store: list and status never clean up.
    const { storageInfo } = await import("./_pg_cleanup.ts");
    return await this.#run((sql) => storageInfo(sql, this.location));
  }

  /**
   * Removes terminal jobs whose `completed_at` (or `created_at`) is more than
   * `days` days old (`days: 0`: every terminal job); pending and running jobs
   * stay. Bytes are the stored JSON sizes of the job, its log and results.
   */
  async cleanup(options: CleanupOptions): Promise<CleanupReport> {
    const { days, dryRun } = options;
    if (!Number.isFinite(days) || days < 0) {
      throw new RangeError(`Invalid number of days ${days}: expected 0 or more`);
    }
    const cutoff = new Date((options.now ?? new Date()).getTime() - days * DAY_MS).toISOString();
    const scope = { all: days === 0, cutoff, dryRun };
    const { cleanupJobs } = await import("./_pg_cleanup.ts");
    return await this.#run((sql) =>
      sql.begin((tx) => cleanupJobs(tx, scope)) as Promise<CleanupReport>
    );
  }

  // ---------------------------------------------------------------- import and export

  /**
   * Stores a whole job as it is (for `riptide store import`): the job, its
   * log and its results, in one transaction. `"exists"`, changing nothing,
   * when the id is taken.
   */
  async importJob(record: JobRecord): Promise<"imported" | "exists"> {
    assertJobId(record.job.id);
    const job: Job = { ...record.job, ...this.#paths(record.job.id) };
    return await this.#run((sql) =>
      sql.begin(async (tx) =>
        (await importJobRows(tx, job, record)) ? "imported" : "exists"
      ) as Promise<"imported" | "exists">
    );
  }

  // ---------------------------------------------------------------- the worker's queue

  /** The shared queue: URL claims under leases, for workers on any number of machines. */
  workQueue(options: WorkQueueOptions): WorkQueue {
    return new PgWorkQueue(this.#handles, {
      workerId: options.workerId,
      leaseMs: options.leaseMs ?? QUEUE_DEFAULTS.leaseMs,
      maxAttempts: options.maxAttempts ?? QUEUE_DEFAULTS.maxAttempts,
      predecessors: options.predecessors ?? null,
    });
  }

  /** The database's notification outbox, the `notify_outbox` table. */
  notifyOutbox(): NotifyOutbox {
    return new PgNotifyOutbox(this.#handles);
  }

  /** The database's HTTP cache, the `http_cache` table. */
  httpCache(): HttpCache {
    return new PgHttpCache(this.#handles);
  }

  /** The database's job templates, the `job_templates` table. */
  templates(): TemplateStore {
    return new PgTemplateStore(this.#handles, this.location);
  }

  /** The database's schedules, the `schedules` table (see `schedule_store.ts`). */
  schedules(): ScheduleStore {
    return new PgScheduleStore(this.#handles, { paths: (id) => this.#paths(id) });
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}
