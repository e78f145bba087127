/**
 * The metric event model (part of core's metrics): the events recorded in
 * `$RIPTIDE_HOME/metrics/events.jsonl`, one JSON object per line with `ts`
 * first, how a line is read back and written, and the builders that make
 * each event from a job or a URL's result. The summary over them is in
 * `metrics.ts`.
 *
 * @module
 */

import type { Job, JobPriority, Strategy } from "./job.ts";
import type { Extraction } from "./result.ts";

/** Every metric event type, in lifecycle order. */
export const METRIC_EVENT_TYPES = [
  "command",
  "job_submitted",
  "job_started",
  "url_extracted",
  "url_failed",
  "job_finished",
  "job_cancelled",
  "job_recovered",
] as const;
/** The `type` of a metric event. */
export type MetricEventType = typeof METRIC_EVENT_TYPES[number];

/** One CLI command run. */
export interface CommandEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "command";
  /** Command path without the program, e.g. `job-local submit`. */
  name: string;
  /** Wall time of the command in milliseconds. */
  duration_ms: number;
  /** Whether the command exited 0. */
  ok: boolean;
  /** Class name of the error that ended it (`UsageError`, ...), or null. */
  error_class: string | null;
}

/** A job was stored as pending. */
export interface JobSubmittedEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "job_submitted";
  /** The job that was submitted. */
  job_id: string;
  /** The job's priority. */
  priority: JobPriority;
  /** The job's strategy. */
  strategy: Strategy;
  /** Number of URLs in the job. */
  urls: number;
}

/** A worker started (or resumed) a job. */
export interface JobStartedEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "job_started";
  /** The job that started. */
  job_id: string;
  /** The job's attempt count after starting (1 for a first run). */
  attempt: number;
}

/** One URL was extracted successfully. */
export interface UrlExtractedEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "url_extracted";
  /** The job the URL belongs to. */
  job_id: string;
  /** Host of the URL (never the full URL: metrics stay small and non-identifying). */
  host: string;
  /** Fetch plus extraction wall time in milliseconds. */
  duration_ms: number;
  /** Body bytes fetched. */
  bytes: number;
  /** Characters of extracted content. */
  chars: number;
  /** Final HTTP status, or null for `file://` URLs. */
  http_status: number | null;
  /** Retries before success (0 when the first attempt succeeded). */
  retries: number;
  /** The strategy that extracted it. */
  strategy: Strategy;
}

/** One URL failed for good (after retries). */
export interface UrlFailedEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "url_failed";
  /** The job the URL belongs to. */
  job_id: string;
  /** Host of the URL (never the full URL). */
  host: string;
  /** Short, stable failure class, e.g. `timeout`, `http_404`, `dns`, `non_html`. */
  reason_class: string;
  /** The strategy the job uses. */
  strategy: Strategy;
  /** Wall time spent on the URL until it failed, in milliseconds. */
  duration_ms: number;
  /** Final HTTP status when there was a response, else null. */
  http_status: number | null;
  /** Retries before giving up. */
  retries: number;
}

/** A job reached `completed` or `failed`. */
export interface JobFinishedEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "job_finished";
  /** The job that finished. */
  job_id: string;
  /** How the job ended. */
  status: "completed" | "failed";
  /** `completed_at - started_at` in milliseconds. */
  duration_ms: number;
  /** URLs extracted successfully. */
  successful: number;
  /** URLs that failed. */
  failed: number;
}

/** A job was cancelled (pending by the CLI, running by the worker). */
export interface JobCancelledEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "job_cancelled";
  /** The job that was cancelled. */
  job_id: string;
  /** `completed_at - started_at` in ms when it was running, else null. */
  duration_ms: number | null;
}

/** A worker found a job left `running` by a dead worker and resumed it. */
export interface JobRecoveredEvent {
  /** ISO-8601 time with milliseconds, when the event was recorded. */
  ts: string;
  /** Event discriminator. */
  type: "job_recovered";
  /** The job that was recovered. */
  job_id: string;
  /** Attempts so far, including the one that died. */
  attempt: number;
}

/** Any metric event (one line of `events.jsonl`). */
export type MetricEvent =
  | CommandEvent
  | JobSubmittedEvent
  | JobStartedEvent
  | UrlExtractedEvent
  | UrlFailedEvent
  | JobFinishedEvent
  | JobCancelledEvent
  | JobRecoveredEvent;

/** `Omit<T, K>` applied to each member of the union `T` (plain `Omit` merges the union). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K>
  : never;

/** A metric event as a caller supplies it: `ts` is filled in when absent. */
export type MetricEventInput = DistributiveOmit<MetricEvent, "ts"> & { ts?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNum(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isStr(value: unknown): value is string {
  return typeof value === "string";
}

function isNumOrNull(value: unknown): boolean {
  return value === null || isNum(value);
}

/**
 * Checks one parsed line. Returns the event when it has a valid `ts`, a known
 * `type` and the fields that type needs with the right JSON types, else null.
 * Extra fields are kept (newer writers may add some).
 */
export function parseMetricEvent(value: unknown): MetricEvent | null {
  if (!isRecord(value) || !isStr(value.ts) || Number.isNaN(Date.parse(value.ts))) return null;
  const v = value;
  const jobOk = isStr(v.job_id);
  let ok: boolean;
  switch (v.type) {
    case "command":
      ok = isStr(v.name) && isNum(v.duration_ms) && typeof v.ok === "boolean" &&
        (v.error_class === null || isStr(v.error_class));
      break;
    case "job_submitted":
      ok = jobOk && isStr(v.priority) && isStr(v.strategy) && isNum(v.urls);
      break;
    case "job_started":
    case "job_recovered":
      ok = jobOk && isNum(v.attempt);
      break;
    case "url_extracted":
      ok = jobOk && isStr(v.host) && isNum(v.duration_ms) && isNum(v.bytes) && isNum(v.chars) &&
        isNumOrNull(v.http_status) && isNum(v.retries) && isStr(v.strategy);
      break;
    case "url_failed":
      ok = jobOk && isStr(v.host) && isStr(v.reason_class) && isStr(v.strategy) &&
        isNum(v.duration_ms) && isNumOrNull(v.http_status) && isNum(v.retries);
      break;
    case "job_finished":
      ok = jobOk && (v.status === "completed" || v.status === "failed") &&
        isNum(v.duration_ms) && isNum(v.successful) && isNum(v.failed);
      break;
    case "job_cancelled":
      ok = jobOk && isNumOrNull(v.duration_ms);
      break;
    default:
      ok = false;
  }
  return ok ? value as unknown as MetricEvent : null;
}

/**
 * Serializes an event as one line of `events.jsonl` (without the newline),
 * `ts` and `type` first so that the file reads well and `ts` can be found
 * without parsing the whole line.
 */
export function formatMetricLine(event: MetricEvent): string {
  const { ts, type, ...rest } = event;
  return JSON.stringify({ ts, type, ...rest });
}

/**
 * `completed_at - started_at` of a job in ms, exactly as `job-local stats`
 * averages it; null when the job never ran or has not ended.
 */
export function jobDurationMs(job: Job): number | null {
  if (job.started_at === null || job.completed_at === null) return null;
  const ms = Date.parse(job.completed_at) - Date.parse(job.started_at);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** The `job_submitted` event of a newly stored job. */
export function jobSubmittedMetric(job: Job): MetricEventInput {
  return {
    type: "job_submitted",
    job_id: job.id,
    priority: job.priority,
    strategy: job.strategy,
    urls: job.urls.length,
  };
}

/** The `job_started` event of a job a worker just moved to `running`. */
export function jobStartedMetric(job: Job): MetricEventInput {
  return { type: "job_started", job_id: job.id, attempt: job.attempts };
}

/** The `job_recovered` event of a job found running after a worker died. */
export function jobRecoveredMetric(job: Job): MetricEventInput {
  return { type: "job_recovered", job_id: job.id, attempt: job.attempts };
}

/**
 * The event for a job that reached a terminal status: `job_finished`
 * (completed or failed) or `job_cancelled`, with the duration taken from the
 * job's own timestamps so that `metrics show` and `job-local stats` agree.
 * Throws a `RangeError` for a job that is not terminal.
 */
export function jobEndMetric(job: Job): MetricEventInput {
  const duration = jobDurationMs(job);
  if (job.status === "cancelled") {
    return { type: "job_cancelled", job_id: job.id, duration_ms: duration };
  }
  if (job.status !== "completed" && job.status !== "failed") {
    throw new RangeError(`Job ${job.id} is ${job.status}, not terminal`);
  }
  return {
    type: "job_finished",
    job_id: job.id,
    status: job.status,
    duration_ms: duration ?? 0,
    successful: job.progress.completed,
    failed: job.progress.failed,
  };
}

/**
 * A short, stable failure class for a URL error: `http_4xx` or `http_5xx`
 * when the server answered with an error status, else a class read from the
 * message: `timeout`, `dns`, `tls`, `connection` (refused, reset, closed),
 * `too_large`, `not_html` (binary or another content type), `redirect`,
 * `not_found` (a missing file), `permission`, `extraction`, else `other`.
 */
export function failureReasonClass(message: string, httpStatus?: number | null): string {
  if (httpStatus !== undefined && httpStatus !== null && httpStatus >= 400) {
    return httpStatus >= 500 ? "http_5xx" : "http_4xx";
  }
  const m = message.toLowerCase();
  const rules: [RegExp, string][] = [
    [/\bhttp ([45])\d\d\b/, "http_$1xx"],
    [/timed? ?out|timeout|deadline/, "timeout"],
    [/dns|name resolution|not known|resolve host|lookup address|getaddrinfo/, "dns"],
    [/certificate|\btls\b|ssl|handshake|corrupt message/, "tls"],
    [/denied|permission|notcapable|requires .*access/, "permission"],
    [/too large|body size|exceeds/, "too_large"],
    [/content[- ]type|binary|non-html|not html/, "not_html"],
    [/redirect/, "redirect"],
    [/no such file|file not found|not found: \//, "not_found"],
    [
      /refused|reset|closed|broken pipe|aborted by the server|connection|connect error/,
      "connection",
    ],
    [/extract/, "extraction"],
  ];
  for (const [re, cls] of rules) {
    const match = re.exec(m);
    if (match !== null) return cls.replace("$1", match[1] ?? "");
  }
  return "other";
}

/** What the worker knows about one URL beyond its {@linkcode Extraction}. */
export interface UrlMetricInfo {
  /** Strategy the job used. */
  strategy: Strategy;
  /** Fetch plus extraction wall time in ms. */
  duration_ms: number;
  /** Retries made (requests - 1). */
  retries: number;
  /** Failure class, when the caller knows better than {@linkcode failureReasonClass}. */
  reason_class?: string;
}

/** The `url_extracted` or `url_failed` event for one URL's result. */
export function urlMetric(
  jobId: string,
  extraction: Extraction,
  info: UrlMetricInfo,
): MetricEventInput {
  let host = "";
  try {
    host = new URL(extraction.url).host || "file";
  } catch {
    // Stored URLs were validated at submit; an unparsable one still gets counted.
    host = "invalid";
  }
  const httpStatus = extraction.metadata.http_status ?? null;
  if (extraction.status === "success") {
    return {
      type: "url_extracted",
      job_id: jobId,
      host,
      duration_ms: info.duration_ms,
      bytes: extraction.metadata.bytes ?? 0,
      chars: extraction.content.length,
      http_status: httpStatus,
      retries: info.retries,
      strategy: info.strategy,
    };
  }
  return {
    type: "url_failed",
    job_id: jobId,
    host,
    reason_class: info.reason_class ?? failureReasonClass(extraction.error ?? "", httpStatus),
    strategy: info.strategy,
    duration_ms: info.duration_ms,
    http_status: httpStatus,
    retries: info.retries,
  };
}
