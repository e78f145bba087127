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
 * - `schema_migrations`: the applied schema versions.
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  applyJobUpdate,
  assertJobId,
  checkLogEntry,
  type Extraction,
  isJobId,
  isoNow,
  type Job,
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobId,
  jobIdQuery,
  JobNotFoundError,
  type JobPriority,
  type JobResults,
  type JobStatus,
  type LogEntry,
  type LogLevel,
  newJobId,
  newPendingJob,
  parseJobIdPrefix,
  pickJobId,
  priorityRank,
  SHORT_ID_MIN_DIGITS,
  shortIdKey,
  shortIds,
  transition,
} from "@riptide/core";
import { connectPg, type PgSql, type PgTx } from "./_pg.ts";
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
  ReadLogsOptions,
  StorageInfo,
} from "./job_store.ts";
import type {
  Finish,
  FinishDecision,
  RecordOutcome,
  StartedJob,
  WorkQueue,
  WorkQueueOptions,
} from "./work_queue.ts";

/** The schema version this build of RipTide creates and understands. */
export const PG_SCHEMA_VERSION = 1;

const DAY_MS = 86_400_000;
/** Advisory lock key that serialises migrations ("riptide" in ASCII, as a bigint). */
const MIGRATION_LOCK = 0x72697074696465n;

/** Migration N (1-based) is `MIGRATIONS[N - 1]`, run in one transaction with its version row. */
const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE jobs (
      id text COLLATE "C" PRIMARY KEY,
      status text NOT NULL,
      priority text NOT NULL,
      priority_rank smallint NOT NULL,
      name text,
      tags text[] NOT NULL,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      completed_at timestamptz,
      data json NOT NULL,
      results json,
      ok_count integer NOT NULL DEFAULT 0,
      failed_count integer NOT NULL DEFAULT 0,
      log_seq bigint NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC)`,
    `CREATE INDEX jobs_queue_idx ON jobs (status, priority_rank DESC, created_at, id)`,
    `CREATE TABLE job_logs (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      entry json NOT NULL,
      PRIMARY KEY (job_id, seq)
    )`,
    `CREATE TABLE job_urls (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      position integer NOT NULL,
      url text NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'done')),
      worker text,
      lease_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      PRIMARY KEY (job_id, position),
      UNIQUE (job_id, url)
    )`,
    `CREATE INDEX job_urls_open_idx ON job_urls (job_id, position) WHERE state <> 'done'`,
    `CREATE INDEX job_urls_worker_idx ON job_urls (worker) WHERE state = 'claimed'`,
    `CREATE TABLE job_results (
      job_id text COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      url text NOT NULL,
      seq bigserial NOT NULL,
      extraction json NOT NULL,
      PRIMARY KEY (job_id, url)
    )`,
  ],
];

/** The database holds a schema this build does not know (a newer RipTide migrated it). */
export class SchemaVersionError extends Error {
  /** The version found in the database. */
  readonly found: number;
  /** The newest version this build supports. */
  readonly supported: number;
  /** Creates the error for the two versions. */
  constructor(found: number, supported: number, options?: ErrorOptions) {
    super(
      `The database schema is version ${found}, newer than this RipTide supports ` +
        `(version ${supported}): upgrade RipTide`,
      options,
    );
    this.name = "SchemaVersionError";
    this.found = found;
    this.supported = supported;
  }
}

/** Options for {@linkcode PgJobStore}. */
export interface PgJobStoreOptions {
  /** Connection pool size (default 4). */
  max?: number;
  /** Run migrations on first use (default true). */
  autoMigrate?: boolean;
}

/** What {@linkcode PgJobStore.migrate} did. */
export interface MigrateReport {
  /** Version before. */
  from: number;
  /** Version after. */
  to: number;
  /** Versions applied now. */
  applied: number[];
}

interface JobRow {
  data: string;
}

function storeLog(level: LogLevel, message: string, at: Date = new Date()): LogEntry {
  return { timestamp: isoNow(at), level, message, url: null };
}

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function parseJob(text: string): Job {
  return JSON.parse(text) as Job;
}

/** The row columns derived from a job. */
function columnsOf(job: Job): {
  status: JobStatus;
  priority: JobPriority;
  rank: number;
  name: string | null;
  tags: string;
  created: string;
  started: string | null;
  completed: string | null;
  data: string;
} {
  return {
    status: job.status,
    priority: job.priority,
    rank: priorityRank(job.priority),
    name: job.name,
    tags: JSON.stringify(job.tags),
    created: job.created_at,
    started: job.started_at,
    completed: job.completed_at,
    data: JSON.stringify(job),
  };
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
 * import { PgJobStore } from "@riptide/storage";
 * const store = new PgJobStore("postgres://riptide@127.0.0.1:5432/riptide");
 * const { jobs } = await store.list({ status: "pending" });
 * await store.close();
 * ```
 */
export class PgJobStore implements JobStore {
  /** The database URL with its password redacted. */
  readonly location: string;
  readonly #url: string;
  readonly #sql: PgSql;
  readonly #autoMigrate: boolean;
  #ready: Promise<void> | null = null;

  /** Creates the store for a `postgres://` URL (`TypeError` when malformed). */
  constructor(url: string, options: PgJobStoreOptions = {}) {
    this.#url = url;
    this.location = redactPgUrl(url);
    this.#sql = connectPg(url, { max: options.max ?? 4 });
    this.#autoMigrate = options.autoMigrate ?? true;
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
    const version = await this.#currentVersion(this.#sql);
    if (version > PG_SCHEMA_VERSION) throw new SchemaVersionError(version, PG_SCHEMA_VERSION);
    if (version < PG_SCHEMA_VERSION) {
      if (!this.#autoMigrate) {
        throw new Error(
          `The database schema is version ${version}, older than this RipTide needs ` +
            `(version ${PG_SCHEMA_VERSION}): run riptide store migrate`,
        );
      }
      await this.#migrate();
    }
  }

  async #currentVersion(sql: PgSql | PgTx): Promise<number> {
    const [exists] = await sql<{ t: string | null }[]>`
      SELECT to_regclass('schema_migrations')::text AS t`;
    if (exists?.t === null || exists === undefined) return 0;
    const [row] = await sql<{ v: number | null }[]>`
      SELECT max(version)::int AS v FROM schema_migrations`;
    return row?.v ?? 0;
  }

  async #migrate(): Promise<MigrateReport> {
    return await this.#sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`;
      await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
      const from = await this.#currentVersion(tx);
      if (from > PG_SCHEMA_VERSION) throw new SchemaVersionError(from, PG_SCHEMA_VERSION);
      const applied: number[] = [];
      for (let v = from + 1; v <= PG_SCHEMA_VERSION; v++) {
        for (const statement of MIGRATIONS[v - 1]!) await tx.unsafe(statement);
        await tx`INSERT INTO schema_migrations (version) VALUES (${v})`;
        applied.push(v);
      }
      return { from, to: Math.max(from, PG_SCHEMA_VERSION), applied };
    }) as MigrateReport;
  }

  /**
   * Creates or upgrades the schema to {@linkcode PG_SCHEMA_VERSION} in one
   * transaction under an advisory lock (concurrent callers wait, then find
   * nothing to do). A newer schema is a {@linkcode SchemaVersionError}.
   */
  async migrate(): Promise<MigrateReport> {
    try {
      const report = await this.#migrate();
      this.#ready = Promise.resolve();
      return report;
    } catch (err) {
      throw this.#wrap(err);
    }
  }

  /** The schema version in the database (0 before the first migration). */
  async schemaVersion(): Promise<number> {
    try {
      return await this.#currentVersion(this.#sql);
    } catch (err) {
      throw this.#wrap(err);
    }
  }

  async #lockJob(tx: PgTx, id: string): Promise<Job> {
    const [row] = await tx<
      JobRow[]
    >`SELECT data::text AS data FROM jobs WHERE id = ${id} FOR UPDATE`;
    if (row === undefined) throw new JobNotFoundError(id);
    return parseJob(row.data);
  }

  async #writeJob(tx: PgTx, job: Job): Promise<void> {
    const c = columnsOf(job);
    await tx`UPDATE jobs SET
      status = ${c.status}, priority = ${c.priority}, priority_rank = ${c.rank}, name = ${c.name},
      tags = ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)),
      created_at = ${c.created}::timestamptz, started_at = ${c.started}::timestamptz,
      completed_at = ${c.completed}::timestamptz, data = ${c.data}::text::json
      WHERE id = ${job.id}`;
  }

  async #appendLogTx(tx: PgSql | PgTx, id: string, entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const objects = JSON.stringify(entries.map(checkLogEntry));
    // One statement: numbering the lines takes the job's row lock, held to the
    // commit, so the lines of one job commit in number order and a follower's
    // cursor never passes a line that commits later.
    const rows = await tx<{ n: number }[]>`
      WITH numbered AS (
        UPDATE jobs SET log_seq = log_seq + ${entries.length} WHERE id = ${id}
        RETURNING log_seq
      ), inserted AS (
        INSERT INTO job_logs (job_id, seq, entry)
        SELECT ${id}, numbered.log_seq - ${entries.length} + ord, e
        FROM numbered, json_array_elements(${objects}::text::json) WITH ORDINALITY AS t(e, ord)
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM inserted`;
    if ((rows[0]?.n ?? 0) === 0) throw new JobNotFoundError(id);
  }

  /**
   * Applies `fn` to the job read under its row lock, with the same rules as
   * the filesystem store: the id cannot change, `updated_at` moves, a status
   * change must be allowed and is recorded in `history` and the log.
   */
  async #updateTx(tx: PgTx, id: string, fn: (job: Job) => Job): Promise<Job> {
    const before = await this.#lockJob(tx, id);
    const { job: after, statusLog } = applyJobUpdate(before, fn);
    await this.#writeJob(tx, after);
    if (statusLog !== null) await this.#appendLogTx(tx, id, [statusLog]);
    return after;
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
        const placed = await sql.begin(async (tx) => {
          const c = columnsOf(job);
          const rows = await tx`INSERT INTO jobs
            (id, status, priority, priority_rank, name, tags, created_at, data)
            VALUES (${id}, ${c.status}, ${c.priority}, ${c.rank}, ${c.name},
              ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)),
              ${c.created}::timestamptz, ${c.data}::text::json)
            ON CONFLICT (id) DO NOTHING RETURNING 1`;
          if (rows.length === 0) return false;
          await tx`INSERT INTO job_urls (job_id, position, url)
            SELECT DISTINCT ON (u) ${id}, (ord - 1)::int, u
            FROM json_array_elements_text(${JSON.stringify(job.urls)}::text::json)
              WITH ORDINALITY AS t(u, ord)
            ORDER BY u, ord`;
          await this.#appendLogTx(tx, id, [storeLog("Info", "Job created", now)]);
          return true;
        });
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
    return await this.#run((sql) => sql.begin((tx) => this.#updateTx(tx, id, fn)) as Promise<Job>);
  }

  /** Resolves a full id, a unique prefix or a short id, in any letter case. */
  async resolve(idOrPrefix: string): Promise<JobId> {
    const value = parseJobIdPrefix(idOrPrefix);
    return await this.#run(async (sql) => {
      if (isJobId(value)) {
        const rows = await sql`SELECT 1 FROM jobs WHERE id = ${value}`;
        if (rows.length === 0) throw new JobNotFoundError(value);
        return value;
      }
      const query = jobIdQuery(value);
      // Ids hold only [0-9a-z_], all below "~", so this range is exactly the prefix;
      // a short id's digits are hex, so starts_with() needs no escaping.
      const random = query.random ?? "";
      // Each side is limited on its own, so the earliest short-id match is always seen.
      const rows = await sql<{ id: string }[]>`
        (SELECT id FROM jobs WHERE id >= ${value} AND id < ${value + "~"} ORDER BY id LIMIT 50)
        UNION
        (SELECT id FROM jobs WHERE ${
        query.random !== null
      } AND starts_with(substr(id, 14), ${random})
          ORDER BY id LIMIT 50)
        ORDER BY id`;
      const candidates = rows.map((r) => r.id);
      if (candidates.length === 0) throw new JobNotFoundError(value);
      const picked = pickJobId(query, candidates, await this.#sameShortKey(sql, candidates));
      if (picked !== null) return picked as JobId;
      if (rows.length >= 50) {
        const [{ n } = { n: rows.length }] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM jobs
          WHERE (id >= ${value} AND id < ${value + "~"})
            OR (${query.random !== null} AND starts_with(substr(id, 14), ${random}))`;
        while (candidates.length < n) candidates.push("…");
      }
      throw new AmbiguousJobIdError(value, candidates);
    });
  }

  /** Lists jobs newest first with filters; the filters run in SQL. */
  async list(filter: JobFilter = {}): Promise<JobList> {
    const limit = filter.limit ?? Infinity;
    if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
      throw new RangeError(`Invalid list limit ${limit}: expected a whole number from 0`);
    }
    return await this.#run(async (sql) => {
      const status = filter.status ?? null;
      const priority = filter.priority ?? null;
      const tag = filter.tag ?? null;
      const name = filter.name?.toLowerCase() ?? null;
      const after = filter.createdAfter?.toISOString() ?? null;
      const before = filter.createdBefore?.toISOString() ?? null;
      const lim = limit === Infinity ? null : limit;
      const rows = await sql<{ data: string; total: number }[]>`
        SELECT data::text AS data, (count(*) OVER ())::int AS total FROM jobs
        WHERE (${status}::text IS NULL OR status = ${status}::text)
          AND (${priority}::text IS NULL OR priority = ${priority}::text)
          AND (${tag}::text IS NULL OR ${tag}::text = ANY (tags))
          AND (${name}::text IS NULL OR strpos(lower(coalesce(name, '')), ${name}::text) > 0
            AND name IS NOT NULL)
          AND (${after}::timestamptz IS NULL OR created_at >= ${after}::timestamptz)
          AND (${before}::timestamptz IS NULL OR created_at < ${before}::timestamptz)
        ORDER BY created_at DESC, id DESC
        LIMIT ${lim}::bigint`;
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && lim === 0) {
        const [row] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM jobs
          WHERE (${status}::text IS NULL OR status = ${status}::text)
            AND (${priority}::text IS NULL OR priority = ${priority}::text)
            AND (${tag}::text IS NULL OR ${tag}::text = ANY (tags))
            AND (${name}::text IS NULL OR strpos(lower(coalesce(name, '')), ${name}::text) > 0
              AND name IS NOT NULL)
            AND (${after}::timestamptz IS NULL OR created_at >= ${after}::timestamptz)
            AND (${before}::timestamptz IS NULL OR created_at < ${before}::timestamptz)`;
        total = row?.n ?? 0;
      }
      const jobs = rows.map((r) => parseJob(r.data));
      return {
        jobs,
        total,
        shortIds: await this.#shortIds(sql, jobs.map((j) => j.id)),
        warnings: [],
      };
    });
  }

  /** Short ids (core's `shortIds()`), decided against every stored id. */
  async #shortIds(sql: PgSql, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return shortIds(ids, await this.#sameShortKey(sql, ids));
  }

  /** Stored ids whose random part starts like one of `ids'` (all a short id depends on). */
  async #sameShortKey(sql: PgSql, ids: readonly string[]): Promise<string[]> {
    const keys = [...new Set(ids.map(shortIdKey))];
    const rows = await sql<{ id: string }[]>`
      SELECT id FROM jobs
      WHERE substr(id, 14, ${SHORT_ID_MIN_DIGITS}) IN
        (SELECT json_array_elements_text(${JSON.stringify(keys)}::text::json))`;
    return rows.map((r) => r.id);
  }

  /** Pending jobs in run order: priority (critical first), then oldest first. */
  async pendingQueue(): Promise<Job[]> {
    return await this.#run(async (sql) => {
      const rows = await sql<JobRow[]>`SELECT data::text AS data FROM jobs
        WHERE status = 'pending' ORDER BY priority_rank DESC, created_at, id`;
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
    return await this.#run(async (sql) => {
      const rows = await sql<{ status: JobStatus; priority: JobPriority; n: number }[]>`
        SELECT status, priority, count(*)::int AS n FROM jobs GROUP BY status, priority`;
      const [avg] = await sql<{ sum: number | null; n: number }[]>`
        SELECT sum(floor(extract(epoch FROM completed_at) * 1000)
            - floor(extract(epoch FROM started_at) * 1000))::float8 AS sum,
          count(*)::int AS n
        FROM jobs WHERE status IN ('completed', 'failed', 'cancelled')
          AND started_at IS NOT NULL AND completed_at IS NOT NULL`;
      const byStatus = emptyCounts(JOB_STATUSES);
      const byPriority = emptyCounts(JOB_PRIORITIES);
      let total = 0;
      for (const r of rows) {
        if (r.status in byStatus) byStatus[r.status] += r.n;
        if (r.priority in byPriority) byPriority[r.priority] += r.n;
        total += r.n;
      }
      const decided = byStatus.completed + byStatus.failed;
      return {
        total,
        byStatus,
        byPriority,
        averageDurationMs: avg === undefined || avg.n === 0 ? null : (avg.sum ?? 0) / avg.n,
        successRate: decided === 0 ? null : byStatus.completed / decided,
      };
    });
  }

  // ---------------------------------------------------------------- logs and results

  /** Appends log lines in one transaction, numbered after the job's last line. */
  async appendLog(id: JobId, entries: LogEntry | readonly LogEntry[]): Promise<void> {
    assertJobId(id);
    const list = Array.isArray(entries) ? entries : [entries as LogEntry];
    list.forEach(checkLogEntry); // validate before touching the database
    await this.#run((sql) => this.#appendLogTx(sql, id, list));
  }

  async #assertExists(sql: PgSql, id: string): Promise<void> {
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
    const text = JSON.stringify(extraction);
    await this.#run((sql) =>
      sql.begin(async (tx) => {
        const [job] = await tx`SELECT 1 FROM jobs WHERE id = ${id} FOR UPDATE`;
        if (job === undefined) throw new JobNotFoundError(id);
        await tx`INSERT INTO job_results (job_id, url, extraction)
          VALUES (${id}, ${extraction.url}, ${text}::text::json)
          ON CONFLICT (job_id, url) DO UPDATE SET extraction = EXCLUDED.extraction`;
        await tx`UPDATE job_urls SET state = 'done', worker = NULL, lease_until = NULL
          WHERE job_id = ${id} AND url = ${extraction.url}`;
        await this.#recount(tx, id);
      })
    );
  }

  async #recount(tx: PgTx, id: string): Promise<{ completed: number; failed: number }> {
    const [row] = await tx<{ ok: number; failed: number }[]>`
      UPDATE jobs SET
        ok_count = (SELECT count(*) FROM job_results
          WHERE job_id = ${id} AND extraction->>'status' = 'success'),
        failed_count = (SELECT count(*) FROM job_results
          WHERE job_id = ${id} AND extraction->>'status' IS DISTINCT FROM 'success')
      WHERE id = ${id} RETURNING ok_count AS ok, failed_count AS failed`;
    return { completed: row?.ok ?? 0, failed: row?.failed ?? 0 };
  }

  /** Results recorded so far, one per URL, in the order they were first recorded. */
  async readPartialResults(id: JobId): Promise<Extraction[]> {
    assertJobId(id);
    return await this.#run(async (sql) => {
      await this.#assertExists(sql, id);
      return await this.#partial(sql, id);
    });
  }

  async #partial(sql: PgSql | PgTx, id: string): Promise<Extraction[]> {
    const rows = await sql<{ e: string }[]>`
      SELECT extraction::text AS e FROM job_results WHERE job_id = ${id} ORDER BY seq`;
    return rows.map((r) => JSON.parse(r.e) as Extraction);
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

  // ---------------------------------------------------------------- storage

  /** Jobs and the bytes the store's tables take (a database has no corrupted entries). */
  async storageInfo(): Promise<StorageInfo> {
    return await this.#run(async (sql) => {
      const [row] = await sql<{ n: number; bytes: string }[]>`
        SELECT (SELECT count(*) FROM jobs)::int AS n,
          (pg_total_relation_size('jobs') + pg_total_relation_size('job_logs') +
            pg_total_relation_size('job_urls') + pg_total_relation_size('job_results'))::text
            AS bytes`;
      return {
        baseDirectory: this.location,
        totalJobs: row?.n ?? 0,
        totalBytes: Number(row?.bytes ?? 0),
        corrupted: [],
      };
    });
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
    const all = days === 0;
    return await this.#run((sql) =>
      sql.begin(async (tx) => {
        const rows = await tx<
          { id: string; status: JobStatus; finished: string | null; bytes: string }[]
        >`
          SELECT j.id, j.status, j.data->>'completed_at' AS finished,
            (octet_length(j.data::text) + coalesce(octet_length(j.results::text), 0)
              + coalesce((SELECT sum(octet_length(l.entry::text)) FROM job_logs l
                WHERE l.job_id = j.id), 0)
              + coalesce((SELECT sum(octet_length(r.extraction::text)) FROM job_results r
                WHERE r.job_id = j.id), 0))::text AS bytes
          FROM jobs j
          WHERE j.status IN ('completed', 'failed', 'cancelled')
            AND (${all} OR coalesce(j.completed_at, j.created_at) < ${cutoff}::timestamptz)
          ORDER BY j.id
          FOR UPDATE OF j`;
        const report: CleanupReport = { removed: [], corrupted: [], bytesFreed: 0, dryRun };
        for (const r of rows) {
          const bytes = Number(r.bytes);
          report.removed.push({ id: r.id, status: r.status, bytes, finished_at: r.finished });
          report.bytesFreed += bytes;
        }
        if (!dryRun && rows.length > 0) {
          const ids = JSON.stringify(rows.map((r) => r.id));
          await tx`DELETE FROM jobs WHERE id IN (SELECT json_array_elements_text(${ids}::text::json))`;
        }
        return report;
      }) as Promise<CleanupReport>
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
    const data = record;
    return await this.#run((sql) =>
      sql.begin(async (tx) => {
        const c = columnsOf(job);
        const rows = await tx`INSERT INTO jobs
          (id, status, priority, priority_rank, name, tags, created_at, started_at, completed_at,
            data, results)
          VALUES (${job.id}, ${c.status}, ${c.priority}, ${c.rank}, ${c.name},
            ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)), ${c.created}::timestamptz,
            ${c.started}::timestamptz, ${c.completed}::timestamptz, ${c.data}::text::json,
            ${data.results === null ? null : JSON.stringify(data.results)}::text::json)
          ON CONFLICT (id) DO NOTHING RETURNING 1`;
        if (rows.length === 0) return "exists";
        await tx`INSERT INTO job_urls (job_id, position, url)
          SELECT DISTINCT ON (u) ${job.id}, (ord - 1)::int, u
          FROM json_array_elements_text(${JSON.stringify(job.urls)}::text::json)
            WITH ORDINALITY AS t(u, ord)
          ORDER BY u, ord`;
        await this.#appendLogTx(tx, job.id, data.logs);
        for (const e of data.partial) {
          await tx`INSERT INTO job_results (job_id, url, extraction)
            VALUES (${job.id}, ${e.url}, ${JSON.stringify(e)}::text::json)
            ON CONFLICT (job_id, url) DO UPDATE SET extraction = EXCLUDED.extraction`;
        }
        await tx`UPDATE job_urls u SET state = 'done' FROM job_results r
          WHERE u.job_id = ${job.id} AND r.job_id = u.job_id AND r.url = u.url`;
        await this.#recount(tx, job.id);
        return "imported";
      }) as Promise<"imported" | "exists">
    );
  }

  // ---------------------------------------------------------------- the worker's queue

  /** The shared queue: URL claims under leases, for workers on any number of machines. */
  workQueue(options: WorkQueueOptions): WorkQueue {
    return new PgWorkQueue(this, {
      workerId: options.workerId,
      leaseMs: options.leaseMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 3,
      predecessors: options.predecessors ?? null,
    });
  }

  /** @internal Runs `fn` in a transaction with the schema ready (for {@linkcode PgWorkQueue}). */
  tx<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.#run((sql) => sql.begin(fn) as Promise<T>);
  }

  /** @internal Runs `fn` with the pool (for {@linkcode PgWorkQueue}). */
  query<T>(fn: (sql: PgSql) => Promise<T>): Promise<T> {
    return this.#run(fn);
  }

  /** @internal The update rules inside a transaction (for {@linkcode PgWorkQueue}). */
  updateInTx(tx: PgTx, id: string, fn: (job: Job) => Job): Promise<Job> {
    return this.#updateTx(tx, id, fn);
  }

  /** @internal Reads a job under its row lock inside a transaction. */
  lockInTx(tx: PgTx, id: string): Promise<Job> {
    return this.#lockJob(tx, id);
  }

  /** @internal Appends log lines inside a transaction. */
  logInTx(tx: PgSql | PgTx, id: string, entries: readonly LogEntry[]): Promise<void> {
    return this.#appendLogTx(tx, id, entries);
  }

  /** @internal Recorded extractions inside a transaction. */
  partialInTx(tx: PgTx, id: string): Promise<Extraction[]> {
    return this.#partial(tx, id);
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}

interface PgQueueSettings {
  workerId: string;
  leaseMs: number;
  maxAttempts: number;
  predecessors: string | null;
}

/**
 * The PostgreSQL {@linkcode WorkQueue}: URLs are claimed with
 * `FOR UPDATE SKIP LOCKED` (so N workers never take the same URL twice) under
 * a lease renewed by {@linkcode PgWorkQueue.renew}; a URL whose lease ran out
 * is claimed again by any worker, and given up as failed after
 * `maxAttempts` claims.
 */
class PgWorkQueue implements WorkQueue {
  readonly workerId: string;
  readonly shared = true;
  readonly #store: PgJobStore;
  readonly #leaseMs: number;
  readonly #maxAttempts: number;
  readonly #predecessors: string | null;

  constructor(store: PgJobStore, settings: PgQueueSettings) {
    this.#store = store;
    this.workerId = settings.workerId;
    this.#leaseMs = settings.leaseMs;
    this.#maxAttempts = settings.maxAttempts;
    this.#predecessors = settings.predecessors;
  }

  jobs(): Promise<Job[]> {
    return this.#store.query(async (sql) => {
      // Pending jobs, and running ones with a URL nobody holds (open, or its
      // worker's lease ran out) or with every URL recorded but not finished
      // (its finisher died): priority first, then age. The head of the queue
      // is enough: a worker takes at most its free slots from it.
      const rows = await sql<JobRow[]>`
        SELECT data::text AS data FROM jobs j
        WHERE j.status = 'pending'
          OR (j.status = 'running' AND (
            EXISTS (SELECT 1 FROM job_urls u WHERE u.job_id = j.id AND u.state <> 'done'
              AND (u.state = 'open' OR u.lease_until < now()))
            OR NOT EXISTS (SELECT 1 FROM job_urls u WHERE u.job_id = j.id AND u.state <> 'done')))
        ORDER BY j.priority_rank DESC, j.created_at, j.id
        LIMIT 200`;
      return rows.map((r) => parseJob(r.data));
    });
  }

  async orphans(): Promise<Job[]> {
    // A dead predecessor's claims (same home, same lock) need not wait for
    // their leases: they end now. The attempt each one made still counts.
    if (this.#predecessors !== null) {
      const prefix = this.#predecessors;
      await this.#store.query((sql) =>
        sql`UPDATE job_urls SET lease_until = now() - interval '1 millisecond'
          WHERE state = 'claimed' AND worker <> ${this.workerId}
            AND left(worker, ${prefix.length}) = ${prefix}`
      );
    }
    return [];
  }

  start(id: JobId): Promise<StartedJob | null> {
    return this.#store.tx(async (tx) => {
      let started = false;
      const job = await this.#store.updateInTx(tx, id, (j) => {
        if (j.status !== "pending") return j;
        started = true;
        return transition(j, "running");
      });
      if (job.status !== "running") return null;
      const [c] = await tx<{ ok: number; failed: number }[]>`
        SELECT ok_count AS ok, failed_count AS failed FROM jobs WHERE id = ${id}`;
      const completed = c?.ok ?? 0;
      const failed = c?.failed ?? 0;
      return { job, started, recorded: completed + failed, completed, failed };
    });
  }

  claim(id: JobId, max: number): Promise<string[]> {
    if (max <= 0) return Promise.resolve([]);
    return this.#store.query(async (sql) => {
      await this.#giveUp(sql, id);
      // One statement: the rows picked are locked (others skip them) until
      // they are marked claimed and the statement commits.
      const rows = await sql<{ url: string; position: number }[]>`
        WITH picked AS (
          SELECT u.job_id, u.position FROM job_urls u JOIN jobs j ON j.id = u.job_id
          WHERE u.job_id = ${id} AND j.status = 'running' AND u.state <> 'done'
            AND (u.state = 'open' OR u.lease_until < now())
          ORDER BY u.position
          LIMIT ${max}
          FOR UPDATE OF u SKIP LOCKED
        )
        UPDATE job_urls u SET state = 'claimed', worker = ${this.workerId},
          lease_until = now() + ${this.#leaseMs} * interval '1 millisecond',
          attempts = u.attempts + 1
        FROM picked WHERE u.job_id = picked.job_id AND u.position = picked.position
        RETURNING u.url, u.position`;
      return rows.sort((a, b) => a.position - b.position).map((r) => r.url);
    });
  }

  /**
   * URLs whose lease ran out `maxAttempts` times are recorded as failed, in
   * one statement (marked done, result inserted and counted together).
   */
  async #giveUp(sql: PgSql, id: string): Promise<void> {
    const rows = await sql<{ url: string; error: string }[]>`
      WITH dead AS (
        SELECT job_id, position FROM job_urls
        WHERE job_id = ${id} AND state = 'claimed' AND lease_until < now()
          AND attempts >= ${this.#maxAttempts}
        FOR UPDATE SKIP LOCKED
      ), marked AS (
        UPDATE job_urls u SET state = 'done', worker = NULL, lease_until = NULL
        FROM dead WHERE u.job_id = dead.job_id AND u.position = dead.position
        RETURNING u.url, format('Gave up after %s attempts: the worker processing this URL '
          || 'stopped each time (crash, kill or out of memory)', u.attempts) AS error
      ), inserted AS (
        INSERT INTO job_results (job_id, url, extraction)
        SELECT ${id}, url, json_build_object('url', url, 'status', 'failed', 'content', '',
          'error', error, 'metadata', json_build_object('title', NULL, 'extraction_time_ms', 0))
        FROM marked
        ON CONFLICT (job_id, url) DO NOTHING
        RETURNING 1
      ), counted AS (
        UPDATE jobs SET failed_count = failed_count + (SELECT count(*) FROM inserted)::int
        WHERE id = ${id} AND EXISTS (SELECT 1 FROM inserted)
        RETURNING 1
      )
      SELECT url, error FROM marked`;
    if (rows.length === 0) return;
    await this.#store.logInTx(
      sql,
      id,
      rows.map((row) => ({
        timestamp: isoNow(),
        level: "Error" as const,
        message: `Failed: ${row.error}`,
        url: row.url,
      })),
    );
  }

  record(id: JobId, extraction: Extraction): Promise<RecordOutcome> {
    const ok = extraction.status === "success" ? 1 : 0;
    // One statement (one round trip, one implicit transaction): mark the URL
    // done unless it already is, insert its result (the primary key refuses
    // a second one), and count it.
    return this.#store.query(async (sql) => {
      const [row] = await sql<{ recorded: number; ok: number | null; failed: number | null }[]>`
        WITH marked AS (
          UPDATE job_urls SET state = 'done', worker = NULL, lease_until = NULL
          WHERE job_id = ${id} AND url = ${extraction.url} AND state <> 'done'
          RETURNING url
        ), inserted AS (
          INSERT INTO job_results (job_id, url, extraction)
          SELECT ${id}, url, ${JSON.stringify(extraction)}::text::json FROM marked
          ON CONFLICT (job_id, url) DO NOTHING
          RETURNING 1
        ), counted AS (
          UPDATE jobs SET
            ok_count = ok_count + ${ok} * (SELECT count(*) FROM inserted)::int,
            failed_count = failed_count + ${1 - ok} * (SELECT count(*) FROM inserted)::int
          WHERE id = ${id}
          RETURNING ok_count, failed_count
        )
        SELECT (SELECT count(*) FROM inserted)::int AS recorded,
          (SELECT ok_count FROM counted) AS ok, (SELECT failed_count FROM counted) AS failed`;
      if (row === undefined || row.ok === null || row.failed === null) {
        throw new JobNotFoundError(id);
      }
      return { recorded: row.recorded > 0, completed: row.ok, failed: row.failed };
    });
  }

  release(id: JobId, urls: readonly string[]): Promise<{ othersActive: boolean }> {
    return this.#store.tx(async (tx) => {
      if (urls.length > 0) {
        await tx`UPDATE job_urls SET state = 'open', worker = NULL, lease_until = NULL,
            attempts = greatest(attempts - 1, 0)
          WHERE job_id = ${id} AND state = 'claimed' AND worker = ${this.workerId}
            AND url IN (SELECT json_array_elements_text(${JSON.stringify(urls)}::text::json))`;
      }
      const others = await tx`SELECT 1 FROM job_urls WHERE job_id = ${id} AND state = 'claimed'
        AND worker <> ${this.workerId} AND lease_until >= now() LIMIT 1`;
      return { othersActive: others.length > 0 };
    });
  }

  async renew(): Promise<void> {
    await this.#store.query((sql) =>
      sql`UPDATE job_urls SET lease_until = now() + ${this.#leaseMs} * interval '1 millisecond'
        WHERE worker = ${this.workerId} AND state = 'claimed'`
    );
  }

  finish(id: JobId, decide: FinishDecision): Promise<Finish | null> {
    return this.#store.tx(async (tx) => {
      const job = await this.#store.lockInTx(tx, id);
      const [row] = await tx<{ open: number }[]>`
        SELECT count(*)::int AS open FROM job_urls WHERE job_id = ${id} AND state <> 'done'`;
      const extractions = await this.#store.partialInTx(tx, id);
      const decision = decide(job, extractions, row?.open ?? 0);
      if (decision === null) return null;
      await tx`UPDATE jobs SET results = ${JSON.stringify(decision.results)}::text::json
        WHERE id = ${id}`;
      const stored = await this.#store.updateInTx(tx, id, () => decision.job);
      return { job: stored, results: decision.results };
    });
  }

  async close(): Promise<void> {
    // Claims left behind are released so other workers need not wait for the lease.
    await this.#store.query((sql) =>
      sql`UPDATE job_urls SET state = 'open', worker = NULL, lease_until = NULL,
          attempts = greatest(attempts - 1, 0)
        WHERE worker = ${this.workerId} AND state = 'claimed'`
    );
  }
}
