/**
 * Moving jobs between stores (`riptide store export` / `import`): one JSON
 * line per job holding the job, its log and its results, so a user can start
 * on the filesystem and move to PostgreSQL, or back. The templates
 * (`{"template": …}`, the document `template export` writes) and the
 * schedules (`{"schedule": …}`) come first, one line each.
 *
 * @module
 */

import { checkSchedule, type Schedule, scheduledJobInput } from "@riptide/core/schedule";
import {
  type FrontierEntry,
  isJobId,
  type Job,
  newJobId,
  newPendingJob,
  parseUrl,
  UsageError,
} from "@riptide/core/base";
import { parseCron, parseTimeZone } from "@riptide/core/cron";
import { templateDocument } from "@riptide/core/template";
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

/** A line of an export that holds a template (the document `template export` writes). */
export interface TemplateRecord {
  /** The template document (`riptide_template`, `name`, `fields`, times). */
  template: Record<string, unknown>;
}

/** A line of an export that holds a schedule, as stored. */
export interface ScheduleRecord {
  /** The schedule. */
  schedule: Schedule;
}

/**
 * The templates and the schedules of `store`, by name, one record each
 * (damaged entries, which `list` reports as warnings, are left out).
 */
export async function* exportSettings(
  store: JobStore,
): AsyncGenerator<TemplateRecord | ScheduleRecord> {
  for (const template of (await store.templates().list()).templates) {
    yield { template: templateDocument(template) };
  }
  const schedules = store.schedules?.();
  if (schedules === undefined) return;
  for (const schedule of (await schedules.list()).schedules) yield { schedule };
}

/** What a line of an export holds once it is not the header. */
export type ExportLine =
  | { kind: "job"; record: JobRecord }
  | { kind: "template"; document: unknown }
  | { kind: "schedule"; schedule: Schedule };

/** One line's JSON value (`TypeError` naming the problem when it is not JSON). */
function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw new TypeError(`Not valid JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
}

/**
 * Parses one line of an export: a job, a template (its document, which the
 * caller checks: templates' flags are the CLI's) or a schedule (checked
 * here: its fields, its cron expression and time zone, and its job as a job
 * record would be). A `TypeError` naming the problem otherwise.
 */
export function parseExportLine(line: string): ExportLine {
  const value = parseJson(line);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    if ("template" in value && !("job" in value)) {
      return { kind: "template", document: (value as TemplateRecord).template };
    }
    if ("schedule" in value && !("job" in value)) {
      return { kind: "schedule", schedule: parseSchedule((value as ScheduleRecord).schedule) };
    }
  }
  return { kind: "job", record: parseJobRecord(line) };
}

function parseSchedule(value: unknown): Schedule {
  const schedule = checkSchedule(value);
  const name = schedule.name;
  try {
    if (schedule.cron !== null) parseCron(schedule.cron);
    parseTimeZone(schedule.tz);
  } catch (err) {
    throw new TypeError(
      `Schedule ${name} is not valid: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  for (const field of ["created_at", "updated_at", "next_run_at", "last_tick"] as const) {
    const at = schedule[field];
    if (at !== null && Number.isNaN(Date.parse(at))) {
      throw new TypeError(`Schedule ${name} is not valid: "${field}" is not a time`);
    }
  }
  // The job a tick makes must be one a job record could hold.
  const now = new Date(schedule.created_at);
  const id = newJobId(now);
  try {
    const input = scheduledJobInput(schedule, {
      due: schedule.created_at,
      run: true,
      tick: schedule.created_at,
      missed: 0,
      next_run_at: null,
    }, now);
    const job = newPendingJob(id, input, { results_path: "-", log_path: "-", now });
    parseJobMetadata(JSON.stringify(job), id);
    for (const url of job.urls) parseUrl(url);
  } catch (err) {
    if (err instanceof MetadataError) {
      throw new TypeError(
        `Schedule ${name} is not valid: its job ${err.reason.replace("metadata.json", "has")}`,
        { cause: err },
      );
    }
    if (err instanceof TypeError || err instanceof RangeError || err instanceof UsageError) {
      throw new TypeError(`Schedule ${name} is not valid: its job: ${err.message}`, {
        cause: err,
      });
    }
    throw err;
  }
  return schedule;
}

/** Parses one line of an export (`TypeError` naming the problem when it is not a job record). */
export function parseJobRecord(line: string): JobRecord {
  const value = parseJson(line);
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
