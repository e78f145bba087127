/**
 * The PostgreSQL store's HTTP cache (private to storage): the `http_cache`
 * table, one row per URL and extraction variant, keyed by
 * {@linkcode cacheKey}; see `http_cache.ts`.
 *
 * @module
 */

import type { PgHandles } from "./_pg_queue.ts";
import {
  type CachedPage,
  cacheKey,
  type HttpCache,
  type HttpCachePruneOptions,
  type HttpCachePruneReport,
  isCachedPage,
} from "./http_cache.ts";

/** Advisory lock key that serialises prunes ("riptidec" in ASCII, as a bigint). */
const PRUNE_LOCK = 0x7269707469646563n;

/** The `http_cache` table behind the {@linkcode HttpCache} seam. */
export class PgHttpCache implements HttpCache {
  readonly #db: PgHandles;

  /** The cache over the store's connection pool. */
  constructor(db: PgHandles) {
    this.#db = db;
  }

  /** The row for `url` and `variant`, or null. */
  async get(url: string, variant: string): Promise<CachedPage | null> {
    const key = cacheKey(url, variant);
    const [row] = await this.#db.query((sql) =>
      sql<{ entry: unknown; at: string }[]>`
        SELECT entry, to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM http_cache WHERE key = ${key}`
    );
    const value = row?.entry;
    if (!isCachedPage(value) || value.url !== url || value.variant !== variant) return null;
    // confirm() moves only the column.
    return { ...value, fetched_at: row!.at };
  }

  /** Moves the row's `fetched_at` forward (a `304`), leaving the entry as it is. */
  async confirm(url: string, variant: string, at: Date): Promise<void> {
    const key = cacheKey(url, variant);
    await this.#db.query((sql) =>
      sql`UPDATE http_cache SET fetched_at = greatest(fetched_at, ${at.toISOString()}::timestamptz)
        WHERE key = ${key}`
    );
  }

  /** Inserts or replaces the row in one statement. */
  async put(entry: CachedPage): Promise<void> {
    const key = cacheKey(entry.url, entry.variant);
    const text = JSON.stringify(entry);
    const bytes = new TextEncoder().encode(text).length;
    await this.#db.query((sql) =>
      sql`INSERT INTO http_cache (key, entry, bytes, fetched_at)
        VALUES (${key}, ${text}::text::json, ${bytes}, ${entry.fetched_at}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET entry = excluded.entry, bytes = excluded.bytes,
          fetched_at = excluded.fetched_at`
    );
  }

  /**
   * Removes rows older than `olderThan`, then the oldest rows beyond the cap,
   * in one transaction under an advisory lock (two prunes never race).
   */
  prune(options: HttpCachePruneOptions): Promise<HttpCachePruneReport> {
    const older = options.olderThan?.toISOString() ?? null;
    const dryRun = options.dryRun ?? false;
    return this.#db.tx(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${PRUNE_LOCK.toString()}::bigint)`;
      // Newest first, a running total: rows past the cap (or too old) go.
      const doomed = tx`
        SELECT key, bytes FROM (
          SELECT key, bytes, fetched_at,
            sum(bytes) OVER (ORDER BY fetched_at DESC, key) AS running
          FROM http_cache) s
        WHERE running > ${options.maxBytes}
          OR (${older}::timestamptz IS NOT NULL AND fetched_at < ${older}::timestamptz)`;
      const gone = dryRun
        ? await tx<{ bytes: number }[]>`SELECT d.bytes FROM (${doomed}) d`
        : await tx<{ bytes: number }[]>`
          DELETE FROM http_cache WHERE key IN (SELECT d.key FROM (${doomed}) d)
          RETURNING bytes`;
      const [left] = await tx<{ n: number; bytes: string | null }[]>`
        SELECT count(*)::int AS n, sum(bytes)::text AS bytes FROM http_cache`;
      const freed = gone.reduce((s, r) => s + r.bytes, 0);
      const n = left?.n ?? 0;
      const total = Number(left?.bytes ?? 0);
      return {
        removed: gone.length,
        bytesFreed: freed,
        entries: dryRun ? n - gone.length : n,
        bytes: dryRun ? total - freed : total,
      };
    });
  }
}
