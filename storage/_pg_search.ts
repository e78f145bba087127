/**
 * The PostgreSQL store's search plan (private to storage): which result rows
 * match, newest job first and in the order recorded, without reading the
 * extractions (the caller reads only the rows it shows).
 *
 * Checking a row costs the same whatever plan finds it (its `search_text`
 * decompressed and scanned, about 10 µs), so the plan is about how many rows
 * are checked:
 *
 * 1. The newest results in order, at most {@linkcode ORDERED_BUDGET} rows,
 *    stopping at the limit: a common word is answered from the first rows
 *    (the trigram index would hand over every row to check, then sort).
 * 2. Otherwise (fewer matches than asked for in those rows, and more rows
 *    than that), the trigram index's candidates (pg_trgm, migration 11), all
 *    of them, sorted: a rare word is answered from its few candidates. Without
 *    pg_trgm this is a scan of the table. A phrase's pairs of whole words
 *    (core's `searchPhrasePairs`) narrow the candidates down through the
 *    pair index (migration 13) where trigrams cannot: trigrams never span
 *    words, so a phrase of common words has every row as candidate.
 *
 * @module
 */

import type { Extraction, JobId } from "@riptide/core/base";
import { searchDocument, searchPairs, searchPhrasePairs } from "@riptide/core/search";
import type { PgSql } from "./_pg.ts";
import type { SearchAnswer } from "./job_store.ts";

/**
 * A result's `search_text` (core's `searchDocument`; empty for a page that
 * is not a success) and `search_pairs` (core's `searchPairs`, as an array
 * literal for `::int[]`).
 */
export function searchColumns(extraction: Extraction): { text: string; pairs: string } {
  const text = searchDocument(extraction) ?? "";
  return { text, pairs: `{${searchPairs(text).join(",")}}` };
}

/** Result rows checked in order before the index is asked (about 10 ms of checks). */
export const ORDERED_BUDGET = 1000;

/** A matching row: its job and its place in the job's results. */
export interface SearchKey {
  /** The job. */
  job_id: string;
  /** The row's `seq` (as text: a bigint). */
  seq: string;
}

/** What {@linkcode searchKeys} looks for. */
export interface SearchQuery {
  /** The `LIKE` pattern (`%text%`, escaped). */
  pattern: string;
  /** Pair hashes every matching row holds (may be empty). */
  pairs: readonly number[];
  /** Only this job's results, unless null. */
  id: string | null;
  /** Rows wanted. */
  want: number;
}

/**
 * Up to `want` rows whose `search_text` is `LIKE pattern`, newest job
 * first, then in the order recorded.
 */
export async function searchKeys(sql: PgSql, query: SearchQuery): Promise<SearchKey[]> {
  const { pattern, id, want } = query;
  const pairs = `{${query.pairs.join(",")}}`;
  // The newest rows' keys first, sorted narrow (a row's text carried through the sort cost
  // half the time), then each row's text by its key: nested-loop lookups, as the match is
  // written so that the trigram index cannot take it (for a common word's trigrams that
  // would check every row).
  const ordered = await sql<SearchKey[]>`
    WITH o AS MATERIALIZED (
      SELECT r.job_id, r.seq, j.created_at
      FROM jobs j
      CROSS JOIN LATERAL (
        SELECT job_id, seq FROM job_results r WHERE r.job_id = j.id ORDER BY r.seq
      ) r
      WHERE (${id}::text IS NULL OR j.id = ${id})
      ORDER BY j.created_at DESC, j.id DESC, r.seq
      LIMIT ${ORDERED_BUDGET}
    )
    SELECT o.job_id, o.seq::text AS seq
    FROM o JOIN job_results x ON x.job_id = o.job_id AND x.seq = o.seq
    WHERE (x.search_text || '') LIKE ${pattern}
    ORDER BY o.created_at DESC, o.job_id DESC, o.seq
    LIMIT ${want}`;
  if (ordered.length >= want) return ordered;
  // Were those all the rows there are? Then that was the whole answer.
  const [rows] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM job_results WHERE (${id}::text IS NULL OR job_id = ${id})
      LIMIT ${ORDERED_BUDGET + 1}
    ) x`;
  if ((rows?.n ?? 0) <= ORDERED_BUDGET) return ordered;
  // MATERIALIZED: the match is planned on its own (the trigram index where
  // there is one), not as a filter of an ordered walk over every row.
  return await sql<SearchKey[]>`
    WITH m AS MATERIALIZED (
      SELECT job_id, seq FROM job_results
      WHERE search_text LIKE ${pattern} AND (${id}::text IS NULL OR job_id = ${id})
        ${query.pairs.length === 0 ? sql`` : sql`AND search_pairs @> ${pairs}::int[]`}
    )
    SELECT m.job_id, m.seq::text AS seq FROM m JOIN jobs j ON j.id = m.job_id
    ORDER BY j.created_at DESC, j.id DESC, m.seq
    LIMIT ${want}`;
}

/**
 * Up to `limit` successful pages whose `search_text` holds `query` (already
 * normalized), in job `id` or in every job, after filling in the rows
 * recorded before schema version 6 (NULL there).
 */
export async function searchResults(
  sql: PgSql,
  query: string,
  limit: number,
  id: string | null,
): Promise<SearchAnswer> {
  for (;;) {
    const rows = await sql<{ job_id: string; url: string; e: string }[]>`
      SELECT job_id, url, extraction::text AS e FROM job_results
      WHERE search_pairs IS NULL AND (${id}::text IS NULL OR job_id = ${id}) LIMIT 500`;
    if (rows.length === 0) break;
    const filled = rows.map((r) => {
      const search = searchColumns(JSON.parse(r.e) as Extraction);
      return [r.job_id, r.url, search.text, search.pairs];
    });
    // Only rows still NULL: a result recorded again meanwhile has its own text.
    await sql`UPDATE job_results r SET search_text = v.t, search_pairs = v.p::int[]
      FROM (SELECT x->>0 AS job_id, x->>1 AS url, x->>2 AS t, x->>3 AS p
        FROM json_array_elements(${JSON.stringify(filled)}::text::json) AS x) v
      WHERE r.job_id = v.job_id AND r.url = v.url AND r.search_pairs IS NULL`;
  }
  const pattern = "%" + query.replace(/[\\%_]/g, "\\$&") + "%";
  const keys = await searchKeys(sql, {
    pattern,
    pairs: searchPhrasePairs(query).slice(0, 8),
    id,
    want: limit + 1,
  });
  // Only the pages shown are read whole (an extraction is the page's text and more).
  const shown = keys.slice(0, limit);
  const pages = new Map<string, string>();
  if (shown.length > 0) {
    const found = await sql<{ job_id: string; seq: string; e: string }[]>`
      SELECT r.job_id, r.seq::text AS seq, r.extraction::text AS e FROM job_results r
      JOIN (SELECT x->>'job_id' AS job_id, (x->>'seq')::bigint AS seq
        FROM json_array_elements(${JSON.stringify(shown)}::text::json) AS x) k
      ON r.job_id = k.job_id AND r.seq = k.seq`;
    for (const f of found) pages.set(`${f.job_id} ${f.seq}`, f.e);
  }
  const rows = shown.flatMap((k) => {
    const e = pages.get(`${k.job_id} ${k.seq}`);
    return e === undefined ? [] : [{ job_id: k.job_id, e }];
  });
  const [count] = id !== null
    ? [{ n: 1 }]
    : await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM jobs`;
  return {
    matches: rows.map((r) => ({
      job_id: r.job_id as JobId,
      extraction: JSON.parse(r.e) as Extraction,
    })),
    more: keys.length > limit,
    jobs_searched: count?.n ?? 0,
    warnings: [],
  };
}
