/**
 * The PostgreSQL store's questions over many jobs (private to storage): an
 * id from a prefix or short id, a filtered list with short ids, and counts;
 * each one statement or a few, run by the store once its schema is ready.
 *
 * @module
 */

import {
  AmbiguousJobIdError,
  isJobId,
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobId,
  jobIdQuery,
  JobNotFoundError,
  type JobPriority,
  type JobStatus,
  nameGlobToLike,
  pickJobId,
  SHORT_ID_MIN_DIGITS,
  shortIdKey,
  shortIds,
} from "@riptide/core/base";
import { roundMs, roundRatio } from "@riptide/core/metrics";
import type { PgSql } from "./_pg.ts";
import { parseJob } from "./_pg_rows.ts";
import type { JobFilter, JobList, JobStats } from "./job_store.ts";

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** The job `value` (a full id, a unique prefix or a short id, parsed) names (see `PgJobStore.resolve`). */
export async function resolveJobId(sql: PgSql, value: string): Promise<JobId> {
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
    (SELECT id FROM jobs WHERE ${query.random !== null} AND starts_with(substr(id, 14), ${random})
      ORDER BY id LIMIT 50)
    ORDER BY id`;
  const candidates = rows.map((r) => r.id);
  if (candidates.length === 0) throw new JobNotFoundError(value);
  const picked = pickJobId(query, candidates, await sameShortKey(sql, candidates));
  if (picked !== null) return picked as JobId;
  if (rows.length >= 50) {
    const [{ n } = { n: rows.length }] = await sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM jobs
      WHERE (id >= ${value} AND id < ${value + "~"})
        OR (${query.random !== null} AND starts_with(substr(id, 14), ${random}))`;
    while (candidates.length < n) candidates.push("…");
  }
  throw new AmbiguousJobIdError(value, candidates);
}

/** Jobs newest first with `filter` (at most `limit`); the filters run in SQL. */
export async function listJobs(sql: PgSql, filter: JobFilter, limit: number): Promise<JobList> {
  const status = filter.status ?? null;
  const priority = filter.priority ?? null;
  const tag = filter.tag ?? null;
  const name = filter.name?.toLowerCase() ?? null;
  const like = filter.nameGlob === undefined ? null : nameGlobToLike(filter.nameGlob);
  const strategy = filter.strategy ?? null;
  const url = filter.url?.toLowerCase() ?? null;
  const after = filter.createdAfter?.toISOString() ?? null;
  const before = filter.createdBefore?.toISOString() ?? null;
  const lim = limit === Infinity ? null : limit;
  const where = sql`
    WHERE (${status}::text IS NULL OR status = ${status}::text)
      AND (${priority}::text IS NULL OR priority = ${priority}::text)
      AND (${tag}::text IS NULL OR ${tag}::text = ANY (tags))
      AND (${name}::text IS NULL OR strpos(lower(coalesce(name, '')), ${name}::text) > 0
        AND name IS NOT NULL)
      AND (${like}::text IS NULL OR name ILIKE ${like}::text ESCAPE '\\')
      AND (${strategy}::text IS NULL OR data->>'strategy' = ${strategy}::text)
      AND (${url}::text IS NULL OR EXISTS (
        SELECT 1 FROM json_array_elements_text(data->'urls') u(url)
        WHERE strpos(lower(u.url), ${url}::text) > 0))
      AND (${after}::timestamptz IS NULL OR created_at >= ${after}::timestamptz)
      AND (${before}::timestamptz IS NULL OR created_at < ${before}::timestamptz)`;
  const rows = await sql<{ data: string; total: number }[]>`
    SELECT data::text AS data, (count(*) OVER ())::int AS total FROM jobs ${where}
    ORDER BY created_at DESC, id DESC
    LIMIT ${lim}::bigint`;
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && lim === 0) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM jobs ${where}`;
    total = row?.n ?? 0;
  }
  const jobs = rows.map((r) => parseJob(r.data));
  return {
    jobs,
    total,
    shortIds: await shortIdsOf(sql, jobs.map((j) => j.id)),
    warnings: [],
  };
}

/** Short ids (core's `shortIds()`), decided against every stored id. */
async function shortIdsOf(sql: PgSql, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return shortIds(ids, await sameShortKey(sql, ids));
}

/** Stored ids whose random part starts like one of `ids'` (all a short id depends on). */
async function sameShortKey(sql: PgSql, ids: readonly string[]): Promise<string[]> {
  const keys = [...new Set(ids.map(shortIdKey))];
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM jobs
    WHERE substr(id, 14, ${SHORT_ID_MIN_DIGITS}) IN
      (SELECT json_array_elements_text(${JSON.stringify(keys)}::text::json))`;
  return rows.map((r) => r.id);
}

/** Counts by status and priority, average duration and success rate. */
export async function jobStats(sql: PgSql): Promise<JobStats> {
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
    averageDurationMs: avg === undefined || avg.n === 0 ? null : roundMs((avg.sum ?? 0) / avg.n),
    successRate: decided === 0 ? null : roundRatio(byStatus.completed / decided),
  };
}
