/**
 * Inserting a new job's rows in PostgreSQL (private to storage): shared by
 * `PgJobStore.create` and a schedule's tick, which makes its job in the
 * transaction that claims the tick.
 *
 * @module
 */

import type { Job, LogEntry } from "@riptide/core/base";
import type { PgTx } from "./_pg.ts";
import { appendLog, columnsOf } from "./_pg_rows.ts";

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
  await tx`INSERT INTO job_urls (job_id, position, url)
    SELECT DISTINCT ON (u) ${job.id}, (ord - 1)::int, u
    FROM json_array_elements_text(${JSON.stringify(job.urls)}::text::json)
      WITH ORDINALITY AS t(u, ord)
    ORDER BY u, ord`;
  await appendLog(tx, job.id, [created]);
  return true;
}
