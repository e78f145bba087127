/**
 * The PostgreSQL store's storage report and cleanup (private to storage; the
 * filesystem store's are in `_fs_cleanup.ts`).
 *
 * @module
 */

import type { JobStatus } from "@riptide/core/base";
import type { PgSql, PgTx } from "./_pg.ts";
import type { CleanupReport, StorageInfo } from "./job_store.ts";

/** Jobs and the bytes the store's tables take (a database has no corrupted entries). */
export async function storageInfo(sql: PgSql, location: string): Promise<StorageInfo> {
  const [row] = await sql<{ n: number; bytes: string }[]>`
    SELECT (SELECT count(*) FROM jobs)::int AS n,
      (pg_total_relation_size('jobs') + pg_total_relation_size('job_logs') +
        pg_total_relation_size('job_urls') + pg_total_relation_size('job_results'))::text
        AS bytes`;
  return {
    baseDirectory: location,
    totalJobs: row?.n ?? 0,
    totalBytes: Number(row?.bytes ?? 0),
    corrupted: [],
  };
}

/** Which ended jobs {@linkcode cleanupJobs} removes. */
export interface CleanupScope {
  /** Every ended job, whatever its age. */
  all: boolean;
  /** Else the ended jobs whose `completed_at` (or `created_at`) is before this instant. */
  cutoff: string;
  /** Report what would go, removing nothing. */
  dryRun: boolean;
}

/**
 * Removes the ended jobs of `scope` in the transaction `tx` (their logs, URLs
 * and results go with them) and the Crawl-delay slots in the past; the bytes
 * reported are the stored JSON sizes of each job, its log and results.
 */
export async function cleanupJobs(tx: PgTx, scope: CleanupScope): Promise<CleanupReport> {
  const { all, cutoff, dryRun } = scope;
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
  // A Crawl-delay slot in the past holds nothing back (a reservation
  // takes the later of it and now): such rows are dead weight.
  if (!dryRun) await tx`DELETE FROM host_slots WHERE next_at < clock_timestamp()`;
  return report;
}
