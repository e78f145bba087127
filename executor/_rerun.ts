/**
 * Reruns (`rerun --id J`, private to the executor): the earlier job's results
 * are the cache a rerun's requests are made conditional with, and what each
 * new result is compared against.
 *
 * @module
 */

import {
  type ChangeKind,
  changeKind,
  conditionalHeaders,
  contentHash,
  type HttpValidators,
} from "@riptide/core/http_cache";
import {
  type Extraction,
  type ExtractionSummary,
  type JobId,
  JobNotFoundError,
} from "@riptide/core/base";
import type { CachedPage } from "@riptide/storage/http_cache";
import type { JobStore } from "@riptide/storage/base";

/** The earlier job's results, as a rerun compares with them. */
export interface Previous {
  /**
   * Its result per URL (empty when that job is gone): without the text where
   * the store can leave it out, always with the `content_hash` of a success.
   */
  readonly byUrl: ReadonlyMap<string, ExtractionSummary>;
  /**
   * Its whole extraction of `url`: its results are read whole the first
   * time this is asked (only for a URL the HTTP cache has no entry for).
   */
  full(url: string): Promise<Extraction | undefined>;
}

/**
 * The earlier job's results: their summaries when the store gives them
 * (`JobStore.readResultSummaries`, a fraction of the bytes), else whole.
 */
export async function loadPrevious(store: JobStore, id: string): Promise<Previous> {
  let summaries: ExtractionSummary[] | null;
  try {
    summaries = await store.readResultSummaries?.(id as JobId) ?? null;
  } catch (err) {
    if (err instanceof JobNotFoundError) return wholePrevious(new Map());
    throw err;
  }
  // Results from before content hashes were kept: the content is needed to compare.
  const hashed = summaries?.every((e) =>
    e.status !== "success" || typeof e.metadata?.content_hash === "string"
  );
  if (summaries === null || !hashed) return wholePrevious(await readWhole(store, id));
  let whole: Promise<Map<string, Extraction>> | null = null;
  return {
    byUrl: new Map(summaries.map((e) => [e.url, e] as const)),
    full: async (url) => (await (whole ??= readWhole(store, id))).get(url),
  };
}

function wholePrevious(byUrl: Map<string, Extraction>): Previous {
  return { byUrl, full: (url) => Promise.resolve(byUrl.get(url)) };
}

/** The earlier job's whole results per URL (empty when that job is gone). */
async function readWhole(store: JobStore, id: string): Promise<Map<string, Extraction>> {
  try {
    const final = await store.readResults(id as JobId);
    const list = final?.extractions ?? await store.readPartialResults(id as JobId);
    return new Map(list.map((e) => [e.url, e] as const));
  } catch (err) {
    if (err instanceof JobNotFoundError) return new Map();
    throw err;
  }
}

/** Whether J's result for a URL is a success that kept validators (ETag, Last-Modified). */
export function hasValidators(previous: ExtractionSummary | undefined): boolean {
  return previous?.status === "success" &&
    ((previous.metadata.etag ?? null) !== null ||
      (previous.metadata.last_modified ?? null) !== null);
}

/**
 * J's result for a URL as a cache entry, for a rerun whose store's cache has
 * none (pruned, or J was imported from another store): null unless J
 * extracted the URL and kept validators.
 */
export async function asCachedPage(
  previous: Extraction | undefined,
  variant: string,
): Promise<CachedPage | null> {
  if (previous?.status !== "success") return null;
  const etag = previous.metadata.etag ?? null;
  const last_modified = previous.metadata.last_modified ?? null;
  if (etag === null && last_modified === null) return null;
  return {
    url: previous.url,
    variant,
    etag,
    last_modified,
    body_hash: "",
    content_hash: previous.metadata.content_hash ?? await contentHash(previous.content),
    // Unknown: J's result says when it ended, not when the page was fetched.
    fetched_at: new Date(0).toISOString(),
    extraction: previous,
  };
}

/** The conditional request headers for a cache entry's validators, else undefined. */
export function conditionalFor(entry: CachedPage | null): Record<string, string> | undefined {
  if (entry === null) return undefined;
  const headers = conditionalHeaders({ etag: entry.etag, last_modified: entry.last_modified });
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** The extraction with the response's validators in its metadata (absent ones removed). */
export function withValidators(
  extraction: Extraction,
  validators: HttpValidators | null,
): Extraction {
  const { etag: _etag, last_modified: _lm, ...metadata } = extraction.metadata;
  return {
    ...extraction,
    metadata: {
      ...metadata,
      ...(validators?.etag ? { etag: validators.etag } : {}),
      ...(validators?.last_modified ? { last_modified: validators.last_modified } : {}),
    },
  };
}

/** How an outcome now compares with the earlier extraction of the URL. */
export async function changeOf(
  previous: (ExtractionSummary & { content?: string }) | undefined,
  now: { status: number; hash: string | null },
): Promise<ChangeKind> {
  const before = previous?.status === "success"
    ? previous.metadata.content_hash ?? await contentHash(previous.content ?? "")
    : null;
  return changeKind(before, now);
}
