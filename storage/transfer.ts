/**
 * Moving jobs between stores (`riptide store export` / `import`): one JSON
 * line per job holding the job, its log and its results, so a user can start
 * on the filesystem and move to PostgreSQL, or back.
 *
 * @module
 */

import { type Extraction, isJobId, type Job, type JobResults, type LogEntry } from "@riptide/core";
import { appendLines, atomicWriteFile, fsyncDirectory } from "./atomic.ts";
import { FsJobStore } from "./fs_store.ts";
import type { JobStore } from "./job_store.ts";
import { formatJobMetadata, MetadataError, parseJobMetadata } from "./_metadata.ts";

/** The first line of an export. */
export interface ExportHeader {
  /** Format version of the export. */
  riptide_export: 1;
  /** Where the jobs came from (a directory or a redacted database URL). */
  source: string;
  /** ISO-8601 time of the export. */
  exported_at: string;
}

/** One job of an export: everything needed to recreate it elsewhere. */
export interface JobRecord {
  /** The job's metadata. */
  job: Job;
  /** The job's log, oldest first. */
  logs: LogEntry[];
  /** Per-URL results recorded so far (as the worker recorded them). */
  partial: Extraction[];
  /** The final results, when the job has them. */
  results: JobResults | null;
}

/**
 * Every job of `store`, oldest first, with its log and results.
 *
 * @example
 * ```ts
 * import { exportJobs, openJobStore } from "@riptide/storage";
 * const store = await openJobStore({ home: "/tmp/riptide-home" });
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
  return { job, logs, partial, results: record.results ?? null };
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
 * Stores one exported job in `store` under its own id. Returns `"exists"`,
 * changing nothing, when a job with that id is already there.
 */
export async function importJob(
  store: JobStore,
  record: JobRecord,
): Promise<"imported" | "exists"> {
  if (store instanceof FsJobStore) return await importToFs(store, record);
  const pg = store as JobStore & {
    importJob?: (job: Job, data: Omit<JobRecord, "job">) => Promise<boolean>;
  };
  if (typeof pg.importJob !== "function") {
    throw new TypeError(`The store at ${store.location} cannot import jobs`);
  }
  const job = {
    ...record.job,
    results_path: `${store.location}#jobs/${record.job.id}/results`,
    log_path: `${store.location}#jobs/${record.job.id}/logs`,
  };
  const created = await pg.importJob(job, {
    logs: record.logs,
    partial: record.partial,
    results: record.results,
  });
  return created ? "imported" : "exists";
}

/**
 * Builds the job's directory in tmp/ and renames it into jobs/ whole, as
 * `FsJobStore.create` does; the jobs directory's new mtime makes the index
 * pick the job up.
 */
async function importToFs(store: FsJobStore, record: JobRecord): Promise<"imported" | "exists"> {
  const id = record.job.id;
  const dir = `${store.location}/${id}`;
  if (await exists(dir)) return "exists";
  const job: Job = {
    ...record.job,
    results_path: `${dir}/results.json`,
    log_path: `${dir}/logs.jsonl`,
  };
  const tmp = `${store.home}/tmp`;
  await Deno.mkdir(store.location, { recursive: true });
  await Deno.mkdir(tmp, { recursive: true });
  const stage = `${tmp}/${id}.import.${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(stage);
  let placed = false;
  try {
    await atomicWriteFile(`${stage}/metadata.json`, formatJobMetadata(job));
    await appendLines(`${stage}/logs.jsonl`, record.logs.map((l) => JSON.stringify(l)), {
      sync: true,
    });
    if (record.partial.length > 0) {
      await appendLines(`${stage}/results.jsonl`, record.partial.map((e) => JSON.stringify(e)), {
        sync: true,
      });
    }
    if (record.results !== null) {
      await atomicWriteFile(`${stage}/results.json`, JSON.stringify(record.results, null, 2));
    }
    if (await exists(dir)) return "exists";
    await Deno.rename(stage, dir);
    placed = true;
  } finally {
    if (!placed) await Deno.remove(stage, { recursive: true }).catch(() => {});
  }
  await fsyncDirectory(store.location);
  return "imported";
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
