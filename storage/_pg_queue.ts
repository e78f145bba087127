/**
 * The PostgreSQL work queue (private to storage): URL claims under leases
 * for workers on any number of machines, over handles the store gives it.
 *
 * @module
 */

import {
  type Extraction,
  type FrontierEntry,
  isoNow,
  isTerminal,
  type Job,
  type JobId,
  JobNotFoundError,
  transition,
} from "@riptide/core/base";
import type { PgSql, PgTx } from "./_pg.ts";
import {
  appendLog,
  type JobRow,
  lockJob,
  parseJob,
  partialResults,
  updateJob,
  waitingJob,
} from "./_pg_rows.ts";
import { insertFrontier, selectPlaces } from "./_pg_frontier.ts";
import { searchColumns } from "./_pg_search.ts";
import type {
  DiscoverOutcome,
  DiscoverRecordedOutcome,
  Finish,
  FinishDecision,
  RecordOutcome,
  StartedJob,
  WorkQueue,
} from "./work_queue.ts";

/** What the queue may do with the store's connection: its private handles. */
export interface PgHandles {
  /** Runs `fn` in a transaction once the schema is ready. */
  tx<T>(fn: (tx: PgTx) => Promise<T>): Promise<T>;
  /** Runs `fn` with the pool once the schema is ready. */
  query<T>(fn: (sql: PgSql) => Promise<T>): Promise<T>;
}

/** The queue's settings, defaults resolved. */
export interface PgQueueSettings {
  /** This worker's id, recorded on its claims. */
  workerId: string;
  /** How long a claim holds without renewal. */
  leaseMs: number;
  /** Claims of one URL before it is given up as failed. */
  maxAttempts: number;
  /** Worker id prefix of a dead predecessor whose claims end at once, or null. */
  predecessors: string | null;
}

/**
 * The PostgreSQL {@linkcode WorkQueue}: URLs are claimed with
 * `FOR UPDATE SKIP LOCKED` (so N workers never take the same URL twice) under
 * a lease renewed by {@linkcode PgWorkQueue.renew}; a URL whose lease ran out
 * is claimed again by any worker, and given up as failed after
 * `maxAttempts` claims.
 */
export class PgWorkQueue implements WorkQueue {
  readonly workerId: string;
  readonly shared = true;
  readonly #db: PgHandles;
  readonly #leaseMs: number;
  readonly #maxAttempts: number;
  readonly #predecessors: string | null;

  constructor(db: PgHandles, settings: PgQueueSettings) {
    this.#db = db;
    this.workerId = settings.workerId;
    this.#leaseMs = settings.leaseMs;
    this.#maxAttempts = settings.maxAttempts;
    this.#predecessors = settings.predecessors;
  }

  jobs(max = 200): Promise<Job[]> {
    return this.#db.query(async (sql) => {
      // Pending jobs, and running ones with a URL nobody holds (open, or its
      // worker's lease ran out) or with every URL recorded but not finished
      // (its finisher died): priority first, then age. The head of the queue
      // is enough: a worker takes at most its free slots from it.
      const rows = await sql<JobRow[]>`
        SELECT data::text AS data FROM jobs j
        WHERE (j.status = 'pending' AND NOT ${waitingJob(sql)})
          OR (j.status = 'running' AND (
            EXISTS (SELECT 1 FROM job_urls u WHERE u.job_id = j.id AND u.state <> 'done'
              AND (u.state = 'open' OR u.lease_until < now()))
            OR NOT EXISTS (SELECT 1 FROM job_urls u WHERE u.job_id = j.id AND u.state <> 'done')))
        ORDER BY j.priority_rank DESC, j.created_at, j.id
        LIMIT ${Math.min(max, 200)}`;
      return rows.map((r) => parseJob(r.data));
    });
  }

  async orphans(): Promise<Job[]> {
    // A dead predecessor's claims (same home, same lock) need not wait for
    // their leases: they end now. The attempt each one made still counts.
    if (this.#predecessors !== null) {
      const prefix = this.#predecessors;
      await this.#db.query((sql) =>
        sql`UPDATE job_urls SET lease_until = now() - interval '1 millisecond'
          WHERE state = 'claimed' AND worker <> ${this.workerId}
            AND left(worker, ${prefix.length}) = ${prefix}`
      );
    }
    return [];
  }

  start(id: JobId): Promise<StartedJob | null> {
    return this.#db.tx(async (tx) => {
      let started = false;
      const job = await updateJob(tx, id, (j) => {
        if (j.status !== "pending") return j;
        started = true;
        return transition(j, "running");
      });
      if (job.status !== "running") return null;
      const [c] = await tx<{ ok: number; failed: number; skipped: number; urls: number }[]>`
        SELECT ok_count AS ok, failed_count AS failed, skipped_count AS skipped,
          (SELECT count(*)::int FROM job_urls WHERE job_id = ${id}) AS urls
        FROM jobs WHERE id = ${id}`;
      const completed = c?.ok ?? 0;
      const failed = c?.failed ?? 0;
      const skipped = c?.skipped ?? 0;
      const urls = c?.urls ?? 0;
      return {
        job,
        started,
        recorded: completed + failed + skipped,
        completed,
        failed,
        skipped,
        urls,
      };
    });
  }

  claim(id: JobId, max: number): Promise<string[]> {
    if (max <= 0) return Promise.resolve([]);
    return this.#db.query(async (sql) => {
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
        INSERT INTO job_results (job_id, url, extraction, search_text, search_pairs)
        SELECT ${id}, url, json_build_object('url', url, 'status', 'failed', 'content', '',
          'error', error, 'metadata', json_build_object('title', NULL, 'extraction_time_ms', 0)),
          '', '{}'
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
    await appendLog(
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
    return this.#db.query((sql) => recordResult(sql, id, extraction));
  }

  async keepPage(id: JobId, url: string, page: string): Promise<void> {
    await this.#db.query((sql) =>
      sql`INSERT INTO job_fetched (job_id, url, page) VALUES (${id}, ${url}, ${page})
        ON CONFLICT (job_id, url) DO UPDATE SET page = EXCLUDED.page`
    );
  }

  keptPages(id: JobId, urls: readonly string[]): Promise<Map<string, string>> {
    return this.#db.query(async (sql) => {
      const rows = await sql<{ url: string; page: string }[]>`
        SELECT url, page FROM job_fetched WHERE job_id = ${id}
          AND url IN (SELECT json_array_elements_text(${JSON.stringify(urls)}::text::json))`;
      return new Map(rows.map((r) => [r.url, r.page]));
    });
  }

  discover(
    id: JobId,
    entries: readonly FrontierEntry[],
    maxUrls: number,
  ): Promise<DiscoverOutcome> {
    return this.#db.tx((tx) => insertFrontier(tx, id, entries, maxUrls));
  }

  /**
   * One transaction: the row is not visible to other workers' claims
   * before it holds its result.
   */
  discoverRecorded(
    id: JobId,
    entry: FrontierEntry,
    extraction: Extraction,
    maxUrls: number,
  ): Promise<DiscoverRecordedOutcome> {
    return this.#db.tx(async (tx) => {
      const found = await insertFrontier(tx, id, [entry], maxUrls);
      const [row] = await tx`SELECT 1 FROM job_urls WHERE job_id = ${id} AND url = ${entry.url}`;
      if (row === undefined) return { ...found, record: null };
      return { ...found, record: await recordResult(tx, id, extraction) };
    });
  }

  places(id: JobId, urls: readonly string[]): Promise<Map<string, FrontierEntry>> {
    return this.#db.query((sql) => selectPlaces(sql, id, urls));
  }

  release(id: JobId, urls: readonly string[]): Promise<{ othersActive: boolean }> {
    return this.#db.tx(async (tx) => {
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

  reserveHostSlot(host: string, delayMs: number): Promise<number | null> {
    // One statement: the row lock orders concurrent reservations, each
    // taking the slot after the previous one (or now, when that is past).
    return this.#db.query(async (sql) => {
      const [row] = await sql<{ wait_ms: number }[]>`
        INSERT INTO host_slots AS h (host, next_at)
        VALUES (${host}, clock_timestamp() + ${delayMs} * interval '1 millisecond')
        ON CONFLICT (host) DO UPDATE SET next_at =
          greatest(h.next_at, clock_timestamp()) + ${delayMs} * interval '1 millisecond'
        RETURNING greatest(0, extract(epoch FROM (h.next_at - clock_timestamp())) * 1000
          - ${delayMs})::float8 AS wait_ms`;
      return Math.ceil(row?.wait_ms ?? 0);
    });
  }

  async renew(): Promise<void> {
    await this.#db.query((sql) =>
      sql`UPDATE job_urls SET lease_until = now() + ${this.#leaseMs} * interval '1 millisecond'
        WHERE worker = ${this.workerId} AND state = 'claimed'`
    );
  }

  finish(id: JobId, decide: FinishDecision): Promise<Finish | null> {
    return this.#db.tx(async (tx) => {
      const job = await lockJob(tx, id);
      const [row] = await tx<{ open: number }[]>`
        SELECT count(*)::int AS open FROM job_urls WHERE job_id = ${id} AND state <> 'done'`;
      const extractions = await partialResults(tx, id);
      const decision = decide(job, extractions, row?.open ?? 0);
      if (decision === null) return null;
      await tx`UPDATE jobs SET results = ${JSON.stringify(decision.results)}::text::json
        WHERE id = ${id}`;
      const stored = await updateJob(tx, id, () => decision.job);
      if (isTerminal(stored.status)) await tx`DELETE FROM job_fetched WHERE job_id = ${id}`;
      return { job: stored, results: decision.results };
    });
  }

  async close(): Promise<void> {
    // Claims left behind are released so other workers need not wait for the lease.
    await this.#db.query((sql) =>
      sql`UPDATE job_urls SET state = 'open', worker = NULL, lease_until = NULL,
          attempts = greatest(attempts - 1, 0)
        WHERE worker = ${this.workerId} AND state = 'claimed'`
    );
  }
}

/**
 * Records one URL's result in one statement (one round trip; its own
 * implicit transaction, or part of `sql`'s): marks the URL done unless it
 * already is, inserts its result (the primary key refuses a second one),
 * and counts it.
 */
async function recordResult(
  sql: PgSql | PgTx,
  id: JobId,
  extraction: Extraction,
): Promise<RecordOutcome> {
  const ok = extraction.status === "success" ? 1 : 0;
  const skip = extraction.status === "skipped" ? 1 : 0;
  const search = searchColumns(extraction);
  const [row] = await sql<
    { recorded: number; ok: number | null; failed: number | null; skipped: number | null }[]
  >`
    WITH dropped AS (
      DELETE FROM job_fetched WHERE job_id = ${id} AND url = ${extraction.url}
    ), marked AS (
      UPDATE job_urls SET state = 'done', worker = NULL, lease_until = NULL
      WHERE job_id = ${id} AND url = ${extraction.url} AND state <> 'done'
      RETURNING url
    ), inserted AS (
      INSERT INTO job_results (job_id, url, extraction, search_text, search_pairs)
      SELECT ${id}, url, ${JSON.stringify(extraction)}::text::json,
        ${search.text}, ${search.pairs}::int[] FROM marked
      ON CONFLICT (job_id, url) DO NOTHING
      RETURNING 1
    ), counted AS (
      UPDATE jobs SET
        ok_count = ok_count + ${ok} * (SELECT count(*) FROM inserted)::int,
        failed_count = failed_count + ${1 - ok - skip} * (SELECT count(*) FROM inserted)::int,
        skipped_count = skipped_count + ${skip} * (SELECT count(*) FROM inserted)::int
      WHERE id = ${id}
      RETURNING ok_count, failed_count, skipped_count
    )
    SELECT (SELECT count(*) FROM inserted)::int AS recorded,
      (SELECT ok_count FROM counted) AS ok, (SELECT failed_count FROM counted) AS failed,
      (SELECT skipped_count FROM counted) AS skipped`;
  if (row === undefined || row.ok === null || row.failed === null || row.skipped === null) {
    throw new JobNotFoundError(id);
  }
  return {
    recorded: row.recorded > 0,
    completed: row.ok,
    failed: row.failed,
    skipped: row.skipped,
  };
}
