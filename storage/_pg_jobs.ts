/**
 * Writing a job's rows in PostgreSQL (private to storage): a new job's,
 * shared by `PgJobStore.create` and a schedule's tick (which makes its job in
 * the transaction that claims the tick); an imported job's; a requeue's.
 *
 * @module
 */

import type { Extraction, Job, LogEntry } from "@riptide/core/base";
import type { PgTx } from "./_pg.ts";
import { insertFrontier } from "./_pg_frontier.ts";
import {
  appendLog,
  columnsOf,
  lockJob,
  partialResults,
  recountResults,
  updateJob,
  upsertResult,
} from "./_pg_rows.ts";
import type { JobRecord, Requeue } from "./job_store.ts";

/** Inserts a row for each distinct URL of `job`, at its first position. */
async function insertUrls(tx: PgTx, job: Job): Promise<void> {
  await tx`INSERT INTO job_urls (job_id, position, url)
    SELECT DISTINCT ON (u) ${job.id}, (ord - 1)::int, u
    FROM json_array_elements_text(${JSON.stringify(job.urls)}::text::json)
      WITH ORDINALITY AS t(u, ord)
    ORDER BY u, ord`;
}

/**
 * Inserts `job` (new, pending), its URL rows and its first log line in the
 * transaction `tx`; false, inserting nothing, when its id is taken.
 */
export async function insertJob(tx: PgTx, job: Job, created: LogEntry): Promise<boolean> {
  const c = columnsOf(job);
  const rows = await tx`INSERT INTO jobs
    (id, status, priority, priority_rank, name, tags, created_at, data)
    VALUES (${job.id}, ${c.status}, ${c.priority}, ${c.rank}, ${c.name},
      ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)),
      ${c.created}::timestamptz, ${c.data}::text::json)
    ON CONFLICT (id) DO NOTHING RETURNING 1`;
  if (rows.length === 0) return false;
  await insertUrls(tx, job);
  await appendLog(tx, job.id, [created]);
  return true;
}

/**
 * Inserts an exported job whole (for `riptide store import`) in the
 * transaction `tx`: the job as it is, its URL rows, the URLs its crawl found,
 * its log and its results, with the URLs that have a result done; false,
 * inserting nothing, when its id is taken.
 */
export async function importJobRows(tx: PgTx, job: Job, record: JobRecord): Promise<boolean> {
  const c = columnsOf(job);
  const rows = await tx`INSERT INTO jobs
    (id, status, priority, priority_rank, name, tags, created_at, started_at, completed_at,
      data, results)
    VALUES (${job.id}, ${c.status}, ${c.priority}, ${c.rank}, ${c.name},
      ARRAY(SELECT json_array_elements_text(${c.tags}::text::json)), ${c.created}::timestamptz,
      ${c.started}::timestamptz, ${c.completed}::timestamptz, ${c.data}::text::json,
      ${record.results === null ? null : JSON.stringify(record.results)}::text::json)
    ON CONFLICT (id) DO NOTHING RETURNING 1`;
  if (rows.length === 0) return false;
  await insertUrls(tx, job);
  if (record.frontier !== undefined && record.frontier.length > 0) {
    // Found URLs after the start URLs, with how they were found; a
    // pending crawl resumes from them.
    await insertFrontier(tx, job.id, record.frontier, 1_000_000_000);
  }
  await appendLog(tx, job.id, record.logs);
  for (const e of record.partial) await upsertResult(tx, job.id, e);
  await tx`UPDATE job_urls u SET state = 'done' FROM job_results r
    WHERE u.job_id = ${job.id} AND r.job_id = u.job_id AND r.url = u.url`;
  await recountResults(tx, job.id);
  return true;
}

/**
 * Requeues an ended job in the transaction `tx`, under its row lock: the
 * plan's job is stored, its URLs' results go and their URL rows are open
 * again with no attempts counted, the counters are recounted and the final
 * results cleared.
 */
export async function requeueJob<T extends Requeue>(
  tx: PgTx,
  id: string,
  plan: (job: Job, extractions: Extraction[]) => T,
): Promise<T> {
  const before = await lockJob(tx, id);
  const decided = plan(structuredClone(before), await partialResults(tx, id));
  await updateJob(tx, id, () => decided.job);
  if (decided.urls.length > 0) {
    const urls = JSON.stringify(decided.urls);
    await tx`DELETE FROM job_results WHERE job_id = ${id}
      AND url IN (SELECT json_array_elements_text(${urls}::text::json))`;
    await tx`UPDATE job_urls SET state = 'open', worker = NULL, lease_until = NULL,
      attempts = 0 WHERE job_id = ${id}
      AND url IN (SELECT json_array_elements_text(${urls}::text::json))`;
  }
  await tx`UPDATE jobs SET results = NULL WHERE id = ${id}`;
  await recountResults(tx, id);
  return decided;
}
