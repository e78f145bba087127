/**
 * Extraction results, shaped exactly like `results.json` on disk.
 *
 * @module
 */

import type { ChangeKind } from "./http_cache.ts";
import type { Strategy } from "./job.ts";

/** The kinds of page `auto` tells apart (`metadata.page_type`). */
export const PAGE_TYPES = [
  "article",
  "forum",
  "product",
  "documentation",
  "listing",
  "collection",
  "service",
  "other",
] as const;

/** The kind of a page: where its main content lies depends on it. */
export type PageType = typeof PAGE_TYPES[number];

/** Metadata about one extracted page. */
export interface ExtractionMetadata {
  /** The page title, or null when none was found. */
  title: string | null;
  /** Time spent extracting (not fetching), in milliseconds. */
  extraction_time_ms: number;
  /** Time spent fetching (from a connection slot for the host to the last byte, retries included), in milliseconds. */
  fetch_time_ms?: number;
  /**
   * Time from the worker picking the URL to its result, in milliseconds:
   * waiting for a slot for the host, fetching and extracting.
   */
  total_time_ms?: number;
  /** The strategy that produced this extraction. */
  strategy_used?: Strategy;
  /** The author line, when found. */
  byline?: string | null;
  /** Publication time as found on the page. */
  published_at?: string | null;
  /** Language of the page, when declared. */
  language?: string | null;
  /** The site's name, when declared (e.g. `og:site_name`). */
  site_name?: string | null;
  /** The page's description, when declared. */
  description?: string | null;
  /** The kind of page (auto detects it; other strategies leave it out). */
  page_type?: PageType;
  /** Words in the extracted content: runs of letters and digits, each CJK character one word. */
  word_count?: number;
  /** Links in the extracted content. */
  links?: number;
  /** Heuristic quality of the extraction, 0 to 1. */
  quality_score?: number;
  /** Final HTTP status of the fetch. */
  http_status?: number;
  /** The response's `Content-Type`. */
  content_type?: string;
  /** Body bytes fetched. */
  bytes?: number;
  /** The URL after redirects. */
  final_url?: string;
  /** The response's `ETag`, kept for a conditional re-fetch (`rerun`). */
  etag?: string;
  /** The response's `Last-Modified`, kept for a conditional re-fetch (`rerun`). */
  last_modified?: string;
  /** `sha256:` and the hash of `content`: how a rerun tells changed content from the same. */
  content_hash?: string;
}

/** The result for one URL. */
export interface Extraction {
  /** The URL as submitted. */
  url: string;
  /**
   * Whether the URL was extracted, failed, or was skipped on purpose without
   * a request (its host's robots.txt disallows it).
   */
  status: "success" | "failed" | "skipped";
  /** The extracted main text (empty when the URL failed or was skipped). */
  content: string;
  /** Why the URL failed. */
  error?: string;
  /** Why the URL was skipped: `robots.txt`. */
  reason?: string;
  /**
   * A success that deserves a look: `no text extracted` when the page gave
   * no main text (an empty body, a page built by JavaScript, a selector or
   * pattern that matched nothing). Logged at warn level too.
   */
  warning?: string;
  /** What was found about the page. */
  metadata: ExtractionMetadata;
  /** The content as Markdown (`--format markdown`). */
  markdown?: string;
  /** css: the text of each named selector's matches. */
  fields?: Record<string, string[]>;
  /** regex: the matches of each named pattern. */
  matches?: Record<string, string[]>;
  /** llm: the model's answer (checked against the schema when one was given). */
  data?: unknown;
  /**
   * Reruns (`rerun --id J`): how this URL compares with J: `new` (not in J
   * or failed there), `same` (304, or the same content hash), `changed`, or
   * `removed` (404 or 410 now).
   */
  change?: ChangeKind;
  /**
   * The extraction was not made from this URL's own response: reused from
   * the store's HTTP cache without a request (`max-age`), after a
   * `304 Not Modified` (`not-modified`), or because the body had the cached
   * hash (`same-body`); or, in a crawl, it is the extraction of another URL of
   * the job that redirected here (`redirect`: this URL was not requested).
   */
  from_cache?: "max-age" | "not-modified" | "same-body" | "redirect";
  /** With `from_cache`: when the cached content was fetched or last confirmed (ISO-8601). */
  cached_at?: string;
  /** Crawl jobs: links from a start URL to this one (start URLs 0). */
  depth?: number;
  /** Crawl jobs: the page (or sitemap) this URL was found in; null for a start URL. */
  referrer?: string | null;
}

/**
 * What deciding a job's end needs of one URL's result: its URL, status and
 * error. A store finishing a large job hands these out instead of whole
 * extractions, so the decision never holds every page's content at once.
 */
export type ExtractionOutcome = Pick<Extraction, "url" | "status" | "error">;

/**
 * An extraction without its text (`content`, `markdown`): what a rerun
 * compares each URL with (status, depth, validators, `content_hash`), read
 * without the bulk of the earlier job's results.
 */
export type ExtractionSummary = Omit<Extraction, "content" | "markdown">;

/**
 * The content of `results.json`. `E` is what the extractions are: whole ones
 * in the file; the outcomes a store's finish works from while deciding.
 */
export interface JobResults<E extends ExtractionOutcome = Extraction> {
  /** The job these results belong to. */
  job_id: string;
  /** URLs in the job. */
  total_urls: number;
  /** URLs extracted. */
  successful: number;
  /** URLs that failed. */
  failed: number;
  /** URLs skipped without a request (robots.txt); absent in results written before. */
  skipped?: number;
  /** One extraction per URL, in the job's URL order. */
  extractions: E[];
}

/** Builds `results.json` content from extractions (or outcomes), in the job's URL order. */
export function summarizeResults<E extends ExtractionOutcome = Extraction>(
  jobId: string,
  urls: readonly string[],
  extractions: readonly E[],
): JobResults<E> {
  const order = new Map(urls.map((u, i) => [u, i] as const));
  const sorted = [...extractions].sort((a, b) =>
    (order.get(a.url) ?? Infinity) - (order.get(b.url) ?? Infinity)
  );
  const skipped = sorted.filter((e) => e.status === "skipped").length;
  return {
    job_id: jobId,
    total_urls: urls.length,
    successful: sorted.filter((e) => e.status === "success").length,
    failed: sorted.filter((e) => e.status === "failed").length,
    ...(skipped > 0 ? { skipped } : {}),
    extractions: sorted,
  };
}
