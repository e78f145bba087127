/**
 * Reading and validating `metadata.json` (private to storage). Older files
 * without the added fields (`history`, `options`, `attempts`) get defaults,
 * so the on-disk format stays readable as it grows.
 *
 * @module
 */

import {
  type Job,
  JOB_PRIORITIES,
  JOB_STATUSES,
  type JobPriority,
  type JobProgress,
  type JobStatus,
  type JobTransition,
} from "@riptide/core/base";

/** A job file is present but cannot be used; `reason` is one line. */
export class MetadataError extends Error {
  /** What is wrong, e.g. `metadata.json is not valid JSON`. */
  readonly reason: string;
  constructor(reason: string, options?: ErrorOptions) {
    super(reason, options);
    this.name = "MetadataError";
    this.reason = reason;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === "string" && Number.isFinite(Date.parse(value));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/**
 * Parses the text of a `metadata.json` stored under the directory `id`.
 * Throws `MetadataError` with a one-line reason when it is not a valid job.
 */
export function parseJobMetadata(text: string, id: string): Job {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new MetadataError(
      `metadata.json is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
  if (!isRecord(raw)) throw new MetadataError("metadata.json is not a JSON object");
  const bad = (field: string) =>
    new MetadataError(`metadata.json has an invalid "${field}": ${JSON.stringify(raw[field])}`);
  if (raw.id !== id) throw bad("id");
  if (!JOB_STATUSES.includes(raw.status as JobStatus)) throw bad("status");
  if (!JOB_PRIORITIES.includes(raw.priority as JobPriority)) throw bad("priority");
  if (raw.name !== null && typeof raw.name !== "string") throw bad("name");
  if (!isStringArray(raw.urls)) throw bad("urls");
  if (typeof raw.strategy !== "string") throw bad("strategy");
  if (!isTime(raw.created_at)) throw bad("created_at");
  if (!isTime(raw.updated_at)) throw bad("updated_at");
  if (raw.started_at != null && !isTime(raw.started_at)) throw bad("started_at");
  if (raw.completed_at != null && !isTime(raw.completed_at)) throw bad("completed_at");
  const progress = raw.progress;
  if (
    !isRecord(progress) || typeof progress.total !== "number" ||
    typeof progress.completed !== "number" || typeof progress.failed !== "number"
  ) {
    throw bad("progress");
  }
  if (raw.tags !== undefined && !isStringArray(raw.tags)) throw bad("tags");
  if (raw.history !== undefined && !Array.isArray(raw.history)) throw bad("history");
  return {
    ...raw,
    started_at: raw.started_at ?? null,
    completed_at: raw.completed_at ?? null,
    progress: {
      total: progress.total,
      completed: progress.completed,
      failed: progress.failed,
      ...(typeof progress.skipped === "number" && progress.skipped > 0
        ? { skipped: progress.skipped }
        : {}),
      percentage: typeof progress.percentage === "number" ? progress.percentage : 0,
      current_item: typeof progress.current_item === "string" ? progress.current_item : null,
    },
    tags: raw.tags ?? [],
    error: typeof raw.error === "string" ? raw.error : null,
    stream: raw.stream === true,
    options: isRecord(raw.options) ? raw.options : {},
    history: (raw.history ?? []) as JobTransition[],
    attempts: typeof raw.attempts === "number" ? raw.attempts : 0,
  } as unknown as Job;
}

/** Serializes a job as `metadata.json` (2-space indented, trailing newline). */
export function formatJobMetadata(job: Job): string {
  return JSON.stringify(job, null, 2) + "\n";
}

/**
 * Parses `progress.json` (a running job's latest progress and `updated_at`);
 * null when it does not hold them. Throws `SyntaxError` on broken JSON.
 */
export function parseProgressFile(
  text: string,
): { progress: JobProgress; updated_at: string } | null {
  const raw: unknown = JSON.parse(text);
  if (!isRecord(raw) || !isTime(raw.updated_at)) return null;
  const p = raw.progress;
  if (
    !isRecord(p) || typeof p.total !== "number" || typeof p.completed !== "number" ||
    typeof p.failed !== "number" || typeof p.percentage !== "number" ||
    (p.current_item !== null && typeof p.current_item !== "string") ||
    (p.skipped !== undefined && typeof p.skipped !== "number")
  ) {
    return null;
  }
  return { progress: p as unknown as JobProgress, updated_at: raw.updated_at };
}
