/**
 * The crawl frontier of the PostgreSQL store (private to storage): the URLs
 * a crawl finds are rows of `job_urls` (with their depth and referrer), so
 * every worker claims them like submitted URLs and none is fetched twice.
 *
 * @module
 */

import type { FrontierEntry } from "@riptide/core/base";
import type { PgSql, PgTx } from "./_pg.ts";

/**
 * Adds the entries not yet in the job, in the order given, while the job
 * holds fewer than `maxUrls` URLs; returns how many were added and how many
 * the job holds after. Takes a transaction-scoped advisory lock per job, so
 * two workers adding links at once never give two rows one position.
 */
export async function insertFrontier(
  tx: PgTx,
  id: string,
  entries: readonly FrontierEntry[],
  maxUrls: number,
): Promise<{ added: number; urls: number }> {
  await tx`SELECT pg_advisory_xact_lock(hashtext(${`riptide-frontier:${id}`}))`;
  const seen = new Set<string>();
  const unique = entries.filter((e) => !seen.has(e.url) && seen.add(e.url) !== undefined);
  const [before] = await tx<{ n: number; last: number }[]>`
    SELECT count(*)::int AS n, coalesce(max(position), -1)::int AS last
    FROM job_urls WHERE job_id = ${id}`;
  const n = before?.n ?? 0;
  const room = Math.max(0, maxUrls - n);
  if (room === 0 || unique.length === 0) return { added: 0, urls: n };
  const rows = await tx<{ position: number }[]>`
    INSERT INTO job_urls (job_id, position, url, depth, referrer)
    SELECT ${id}, ${before?.last ?? -1} + row_number() OVER (ORDER BY t.ord)::int,
      t.url, t.depth, t.referrer
    FROM (
      SELECT e.url, e.depth, e.referrer, e.ord
      FROM ROWS FROM (json_to_recordset(${JSON.stringify(unique)}::text::json)
        AS (url text, depth integer, referrer text)) WITH ORDINALITY AS e(url, depth, referrer, ord)
      WHERE NOT EXISTS (SELECT 1 FROM job_urls u WHERE u.job_id = ${id} AND u.url = e.url)
      ORDER BY e.ord
      LIMIT ${room}
    ) t
    ON CONFLICT DO NOTHING
    RETURNING position`;
  return { added: rows.length, urls: n + rows.length };
}

/** The URLs found beyond the start URLs (depth above 0, or with a referrer), in the order found. */
export async function selectFrontier(sql: PgSql | PgTx, id: string): Promise<FrontierEntry[]> {
  const rows = await sql<{ url: string; depth: number; referrer: string | null }[]>`
    SELECT url, depth, referrer FROM job_urls
    WHERE job_id = ${id} AND (depth > 0 OR referrer IS NOT NULL)
    ORDER BY position`;
  return rows.map((r) => ({ url: r.url, depth: r.depth, referrer: r.referrer }));
}

/** Depth and referrer of some URLs of a job (start URLs: depth 0, no referrer). */
export async function selectPlaces(
  sql: PgSql | PgTx,
  id: string,
  urls: readonly string[],
): Promise<Map<string, FrontierEntry>> {
  const out = new Map<string, FrontierEntry>();
  if (urls.length === 0) return out;
  const rows = await sql<{ url: string; depth: number; referrer: string | null }[]>`
    SELECT url, depth, referrer FROM job_urls WHERE job_id = ${id}
      AND url IN (SELECT json_array_elements_text(${JSON.stringify(urls)}::text::json))`;
  for (const r of rows) out.set(r.url, { url: r.url, depth: r.depth, referrer: r.referrer });
  for (const url of urls) if (!out.has(url)) out.set(url, { url, depth: 0, referrer: null });
  return out;
}
