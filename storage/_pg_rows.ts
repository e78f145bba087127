/**
 * Row-level statements shared by the PostgreSQL store and its work queue
 * (private to storage): reading a job under its row lock, writing it back,
 * numbered log appends, the update rules inside a transaction, and a job's
 * result rows and their counts.
 *
 * @module
 */

import {
  applyJobUpdate,
  checkLogEntry,
  type Extraction,
  type Job,
  JobNotFoundError,
  type JobPriority,
  type JobStatus,
  type LogEntry,
  priorityRank,
} from "@riptide/core/base";
import { notificationFor } from "@riptide/core/notify";
import type { PgFragment, PgSql, PgTx } from "./_pg.ts";
import { searchColumns } from "./_pg_search.ts";

/** A row holding a job's JSON as text (key order kept). */
export interface JobRow {
  /** The job as `metadata.json` holds it. */
  data: string;
}

/**
 * The condition (on a `jobs j` row) of a job that waits for its
 * dependencies: one of them is pending or running, and none has failed, been
 * cancelled or gone (which cancels the job at once, unless it runs after any
 * outcome). Core's `dependencyVerdict()` says the same; a worker offered a
 * job with dependencies settles it with that.
 */
export function waitingJob(sql: PgSql | PgTx): PgFragment {
  return sql`(EXISTS (
      SELECT 1 FROM json_array_elements_text(j.data->'options'->'after') d(id)
      JOIN jobs dj ON dj.id = d.id WHERE dj.status IN ('pending', 'running'))
    AND (COALESCE((j.data->'options'->>'after_any_outcome')::boolean, false)
      OR NOT EXISTS (
        SELECT 1 FROM json_array_elements_text(j.data->'options'->'after') d(id)
        LEFT JOIN jobs dj ON dj.id = d.id
        WHERE dj.id IS NULL OR dj.status IN ('failed', 'cancelled'))))`;
}

/** The job of a row. */
export function parseJob(text: string): Job {
  return JSON.parse(text) as Job;
}

/** The row columns derived from a job. */
export function columnsOf(job: Job): {
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

/** Reads a job under its row lock (`JobNotFoundError` when missing). */
export async function lockJob(tx: PgTx, id: string): Promise<Job> {
  const [row] = await tx<
    JobRow[]
  >`SELECT data::text AS data FROM jobs WHERE id = ${id} FOR UPDATE`;
  if (row === undefined) throw new JobNotFoundError(id);
  return parseJob(row.data);
}

/** Writes a job back, with its indexed columns. */
export async function writeJob(tx: PgTx, job: Job): Promise<void> {
  const c = columnsOf(job);
  await tx`UPDATE jobs SET
    status = ${c.status}, priority = ${c.priority}, priority_rank = ${c.rank}, name = ${c.name},
    tags = ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)),
    created_at = ${c.created}::timestamptz, started_at = ${c.started}::timestamptz,
    completed_at = ${c.completed}::timestamptz, data = ${c.data}::text::json
    WHERE id = ${job.id}`;
}

/** Appends log lines, numbered after the job's last line (`JobNotFoundError` when missing). */
export async function appendLog(
  tx: PgSql | PgTx,
  id: string,
  entries: readonly LogEntry[],
): Promise<void> {
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
export async function updateJob(tx: PgTx, id: string, fn: (job: Job) => Job): Promise<Job> {
  const before = await lockJob(tx, id);
  const { job: after, statusLog } = applyJobUpdate(before, fn);
  await writeJob(tx, after);
  if (statusLog !== null) await appendLog(tx, id, [statusLog]);
  // In the same transaction as the job's end: the event is stored exactly when the end is.
  const message = notificationFor(before, after);
  if (message !== null) {
    await tx`INSERT INTO notify_outbox (event_id, url, job_id, body)
      SELECT ${message.eventId}, u, ${message.jobId}, ${message.body}
      FROM json_array_elements_text(${JSON.stringify(message.urls)}::text::json) AS u
      ON CONFLICT DO NOTHING`;
  }
  return after;
}

/** The results recorded for a job, in the order they were first recorded. */
export async function partialResults(sql: PgSql | PgTx, id: string): Promise<Extraction[]> {
  const rows = await sql<{ e: string }[]>`
    SELECT extraction::text AS e FROM job_results WHERE job_id = ${id} ORDER BY seq`;
  return rows.map((r) => JSON.parse(r.e) as Extraction);
}

/**
 * Stores `extraction` as the job's result for its URL (replacing an earlier
 * one), with its search columns; the caller recounts.
 */
export async function upsertResult(tx: PgTx, id: string, extraction: Extraction): Promise<void> {
  const search = searchColumns(extraction);
  await tx`INSERT INTO job_results (job_id, url, extraction, search_text, search_pairs)
    VALUES (${id}, ${extraction.url}, ${JSON.stringify(extraction)}::text::json, ${search.text},
      ${search.pairs}::int[])
    ON CONFLICT (job_id, url) DO UPDATE
    SET extraction = EXCLUDED.extraction, search_text = EXCLUDED.search_text,
      search_pairs = EXCLUDED.search_pairs`;
}

/** Counts the job's results again into its `ok_count`, `skipped_count` and `failed_count`. */
export async function recountResults(tx: PgTx, id: string): Promise<void> {
  await tx`
    UPDATE jobs SET
      ok_count = (SELECT count(*) FROM job_results
        WHERE job_id = ${id} AND extraction->>'status' = 'success'),
      skipped_count = (SELECT count(*) FROM job_results
        WHERE job_id = ${id} AND extraction->>'status' = 'skipped'),
      failed_count = (SELECT count(*) FROM job_results
        WHERE job_id = ${id} AND extraction->>'status' IS DISTINCT FROM 'success'
          AND extraction->>'status' IS DISTINCT FROM 'skipped')
    WHERE id = ${id}`;
}
