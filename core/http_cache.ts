/**
 * Rules of conditional re-fetch and change detection: which response
 * validators (ETag, Last-Modified) are kept, the request headers they turn
 * into, when a cached result is young enough to reuse without a request,
 * content hashes, and how a re-fetched URL compares with an earlier run.
 *
 * Pure: where the cache is stored is the storage member's business.
 *
 * @module
 */

import { sha256Hex } from "./sha256.ts";

/** The validators of one response, as a cache entry stores them. */
export interface HttpValidators {
  /** The `ETag` header, as sent (weak tags included), or null. */
  etag: string | null;
  /** The `Last-Modified` header when it is a valid HTTP date, or null. */
  last_modified: string | null;
}

/**
 * The validators of a response worth keeping, or null when there are none or
 * the response forbids storing (`Cache-Control: no-store`).
 *
 * @example
 * ```ts
 * import { validatorsFrom } from "@riptide/core";
 * validatorsFrom(new Headers({ etag: '"v1"' })); // { etag: '"v1"', last_modified: null }
 * ```
 */
export function validatorsFrom(headers: Headers): HttpValidators | null {
  const cacheControl = (headers.get("cache-control") ?? "").toLowerCase();
  if (/(^|[\s,])no-store([\s,=]|$)/.test(cacheControl)) return null;
  const etag = headers.get("etag")?.trim() || null;
  const lastModifiedRaw = headers.get("last-modified")?.trim() ?? "";
  const last_modified = lastModifiedRaw !== "" && !Number.isNaN(Date.parse(lastModifiedRaw))
    ? lastModifiedRaw
    : null;
  if (etag === null && last_modified === null) return null;
  return { etag, last_modified };
}

/**
 * The headers of a conditional request for stored validators:
 * `If-None-Match` for an ETag and `If-Modified-Since` for a Last-Modified
 * date (both when both are known; servers must prefer `If-None-Match`,
 * RFC 9110 13.2.2).
 */
export function conditionalHeaders(validators: HttpValidators | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators === null) return headers;
  if (validators.etag !== null) headers["if-none-match"] = validators.etag;
  if (validators.last_modified !== null) headers["if-modified-since"] = validators.last_modified;
  return headers;
}

/**
 * Whether a result fetched at `fetchedAt` (ISO-8601) is younger than
 * `maxAgeMs` at `now`, so `--max-age` may reuse it without a request. A
 * time in the future (a clock that jumped back) is not trusted.
 */
export function isFresh(fetchedAt: string, maxAgeMs: number, now: Date = new Date()): boolean {
  const at = Date.parse(fetchedAt);
  if (Number.isNaN(at)) return false;
  const age = now.getTime() - at;
  return age >= 0 && age < maxAgeMs;
}

/**
 * One URL's entry in the HTTP cache of a store (the home's `cache/http/`, or
 * the `http_cache` table of a database store): the validators and hashes of
 * the last response and the extraction made from it, per URL and
 * {@linkcode cacheVariant} (the same page extracted another way is another
 * entry). Shared by every job.
 */
export interface HttpCacheEntry<E = unknown> {
  /** The URL as requested. */
  url: string;
  /** The extraction settings the stored extraction was made with ({@linkcode cacheVariant}). */
  variant: string;
  /** The response's `ETag`, or null. */
  etag: string | null;
  /** The response's `Last-Modified`, or null. */
  last_modified: string | null;
  /** `sha256:` of the response body as decoded text: an unchanged body is not extracted again. */
  body_hash: string;
  /** `sha256:` of the extracted content. */
  content_hash: string;
  /** When the server last gave or confirmed (304) this content, ISO-8601. */
  fetched_at: string;
  /** The extraction made from the body. */
  extraction: E;
  /**
   * Crawl jobs: the page's links (absolute; none for a page that is not
   * HTML or says nofollow), so that a page answered `304 Not Modified` or
   * reused by `--max-age` still leads the crawl on. Absent in an entry a
   * job that does not crawl stored.
   */
  links?: string[];
}

/** The size cap of a store's HTTP cache unless configured (`store.cache_max_bytes`): 256 MiB. */
export const DEFAULT_CACHE_MAX_BYTES: number = 256 * 1024 * 1024;

// Options that say how a job runs, not what an extraction of a page holds:
// a cached extraction made under other values of these is just as good.
const RUN_ONLY_OPTIONS = new Set([
  "max_failed_ratio",
  "ignore_robots",
  "file_origin",
  "block_private",
  "crawl",
  "rerun_of",
  "max_age_ms",
  "schedule",
]);

/**
 * The cache variant of a job's extractions: its strategy and the options
 * that shape an extraction (selectors, patterns, prompt, schema, markdown),
 * as one stable string. Options that only steer the run (crawl settings,
 * robots, failure policy, `rerun_of`, `max_age_ms`) are left out, so a crawl
 * and a URL list with the same strategy share entries.
 *
 * @example
 * ```ts
 * import { cacheVariant } from "@riptide/core";
 * cacheVariant("auto", { ignore_robots: true }); // 'auto {}'
 * ```
 */
export function cacheVariant(strategy: string, options: object): string {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options).sort(([a], [b]) => a < b ? -1 : 1)) {
    if (!RUN_ONLY_OPTIONS.has(key) && value !== undefined) kept[key] = value;
  }
  return `${strategy} ${stableJson(kept)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${
      Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) =>
        `${JSON.stringify(k)}:${stableJson(o[k])}`
      ).join(",")
    }}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Texts up to this many UTF-16 units are hashed in JavaScript, at once;
 * longer ones by `crypto.subtle` (faster per byte, off the calling thread).
 */
const SYNC_HASH_MAX = 64 * 1024;

/** A content hash: `sha256:` and the SHA-256 of the UTF-8 text in hex. */
export async function contentHash(text: string): Promise<string> {
  if (text.length <= SYNC_HASH_MAX) return `sha256:${sha256Hex(text)}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `sha256:${
    Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("")
  }`;
}

/** How a URL of a rerun compares with the job it reruns. */
export const CHANGE_KINDS = ["new", "same", "changed", "removed"] as const;
/**
 * `new`: not in the earlier job (or gone there); `same`: 304 or the same
 * content hash; `changed`: another hash; `removed`: 404 or 410 now.
 */
export type ChangeKind = typeof CHANGE_KINDS[number];

/** What a rerun saw for one URL. */
export interface RefetchOutcome {
  /** The final HTTP status (304 when the server confirmed the stored copy). */
  status: number;
  /** The content hash now, or null when there is no content. */
  hash: string | null;
}

/**
 * Compares a URL's outcome now with its content hash in the earlier job
 * (`undefined`: the URL was not in it; null: it had no content there).
 */
export function changeKind(
  previousHash: string | null | undefined,
  now: RefetchOutcome,
): ChangeKind {
  if (now.status === 404 || now.status === 410) return "removed";
  if (previousHash === undefined || previousHash === null) return "new";
  if (now.status === 304) return "same";
  return now.hash === previousHash ? "same" : "changed";
}
