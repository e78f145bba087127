/**
 * Moving jobs between stores (`riptide store export` / `import`): one JSON
 * line per job holding the job, its log and its results, so a user can start
 * on the filesystem and move to PostgreSQL, or back.
 *
 * @module
 */

import { type FrontierEntry, isJobId, type Job } from "@riptide/core";
import type { JobRecord, JobStore } from "./job_store.ts";
import { MetadataError, parseJobMetadata } from "./_metadata.ts";

/** The first line of an export. */
export interface ExportHeader {
  /** Format version of the export. */
  riptide_export: 1;
  /** Where the jobs came from (a directory or a redacted database URL). */
  source: string;
  /** ISO-8601 time of the export. */
  exported_at: string;
}

/**
 * Every job of `store`, oldest first, with its log and results.
 *
 * @example
 * ```ts
 * import { exportJobs, openJobStore } from "@riptide/storage";
 * const store = await openJobStore({ home: await Deno.makeTempDir() });
 * for await (const record of exportJobs(store)) console.log(JSON.stringify(record));
 * ```
 */
export async function* exportJobs(store: JobStore): AsyncGenerator<JobRecord> {
  const { jobs } = await store.list();
  for (const job of jobs.reverse()) {
    yield {
      job,
      logs: await store.readLogs(job.id),
      partial: await store.readPartialResults(job.id),
      results: await store.readResults(job.id),
      ...(job.options.crawl === undefined ? {} : { frontier: await store.readFrontier(job.id) }),
    };
  }
}

/** Parses one line of an export (`TypeError` naming the problem when it is not a job record). */
export function parseJobRecord(line: string): JobRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new TypeError(`Not valid JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  const record = value as Partial<JobRecord>;
  if (typeof record !== "object" || record === null || typeof record.job !== "object") {
    throw new TypeError("Not a job record: expected an object with a job");
  }
  const id = String(record.job?.id ?? "");
  if (!isJobId(id)) throw new TypeError(`Not a job record: invalid job id "${id}"`);
  let job: Job;
  try {
    job = parseJobMetadata(JSON.stringify(record.job), id);
  } catch (err) {
    if (err instanceof MetadataError) {
      throw new TypeError(`Job ${id} is not valid: ${err.reason.replace("metadata.json", "job")}`);
    }
    throw err;
  }
  const logs = Array.isArray(record.logs) ? record.logs : [];
  const partial = Array.isArray(record.partial) ? record.partial : [];
  const frontier = Array.isArray(record.frontier)
    ? record.frontier.filter((e: unknown) => isFrontierEntry(e))
    : undefined;
  return {
    job,
    logs,
    partial,
    results: record.results ?? null,
    ...(frontier === undefined ? {} : { frontier }),
  };
}

function isFrontierEntry(value: unknown): value is FrontierEntry {
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.url === "string" &&
    Number.isInteger(v.depth) && (v.referrer === null || typeof v.referrer === "string");
}

/** Whether a line is an export header rather than a job. */
export function isExportHeader(line: string): boolean {
  try {
    const value = JSON.parse(line);
    return typeof value === "object" && value !== null && "riptide_export" in value;
  } catch {
    return false;
  }
}

/**
 * Stores one exported job in `store` under its own id (the store's
 * {@linkcode JobStore.importJob}). Returns `"exists"`, changing nothing, when
 * a job with that id is already there.
 */
export async function importJob(
  store: JobStore,
  record: JobRecord,
): Promise<"imported" | "exists"> {
  return await store.importJob(record);
}
