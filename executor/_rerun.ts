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
  type Extraction,
  type JobId,
  JobNotFoundError,
} from "@riptide/core";
import type { JobStore } from "@riptide/storage";

/** The earlier job's result per URL (empty when that job is gone). */
export async function loadPrevious(
  store: JobStore,
  id: string,
): Promise<Map<string, Extraction>> {
  try {
    const final = await store.readResults(id as JobId);
    const list = final?.extractions ?? await store.readPartialResults(id as JobId);
    return new Map(list.map((e) => [e.url, e] as const));
  } catch (err) {
    if (err instanceof JobNotFoundError) return new Map();
    throw err;
  }
}

/** The conditional request headers for a URL extracted before with validators, else undefined. */
export function conditionalFor(
  previous: Extraction | undefined,
): Record<string, string> | undefined {
  if (previous?.status !== "success") return undefined;
  const headers = conditionalHeaders({
    etag: previous.metadata.etag ?? null,
    last_modified: previous.metadata.last_modified ?? null,
  });
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** How an outcome now compares with the earlier extraction of the URL. */
export async function changeOf(
  previous: Extraction | undefined,
  now: { status: number; hash: string | null },
): Promise<ChangeKind> {
  const before = previous?.status === "success"
    ? previous.metadata.content_hash ?? await contentHash(previous.content)
    : null;
  return changeKind(before, now);
}
