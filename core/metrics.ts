/**
 * Metrics: the event model recorded in `$RIPTIDE_HOME/metrics/events.jsonl`
 * (one JSON object per line, `ts` first), the summary shown by
 * `riptide metrics show` (the exporters of `riptide metrics export`, CSV and
 * Prometheus, are in `metrics_export.ts`, over this summary). Pure functions;
 * the recorder and the reader live in `@riptide/storage`.
 *
 * Definitions used by {@linkcode summarizeMetrics}:
 * - A job's outcome is its last terminal event in the window (`job_finished`
 *   or `job_cancelled`), counted once per job id, so a job that both the CLI
 *   and the worker report as cancelled counts once.
 * - Success rate is `completed / (completed + failed)`, as in
 *   `riptide job-local stats`; null when neither occurred.
 * - Job duration is `duration_ms` of the job's terminal event when the job
 *   ever ran (completed, failed, and cancelled while running), matching the
 *   average of `completed_at - started_at` in `job-local stats`.
 * - Percentiles use the nearest-rank method: p95 of n values is the
 *   `ceil(0.95 n)`-th smallest, always an observed value.
 * - URLs/s is URLs extracted divided by the busy wall time: the union of the
 *   intervals during which at least one job was running (`job_started` to its
 *   terminal event; to its last URL event while still running, or when it was
 *   started again after a worker crash). Idle time between jobs does not
 *   dilute it and concurrent jobs are not double counted.
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
 * Nearest-rank percentile of `values` (`q` in 0..1): the `ceil(q n)`-th
 * smallest value, or null for no values. `values` need not be sorted.
 *
 * @example
 * ```ts
 * import { percentile } from "@riptide/core";
 * percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95); // 10
 * percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5); // 5
 * ```
 */
export function percentile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Invalid percentile ${q}: expected 0 to 1`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * A mean duration in ms rounded to 2 decimals (10 µs), so JSON shows
 * `2194.44`, not `2194.4444444444443`.
 */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A ratio (success rate) rounded to 4 decimals: `0.6667`, a hundredth of a percent. */
export function roundRatio(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return roundMs(sum / values.length);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : roundRatio(part / whole);
}

/** Count, mean and nearest-rank percentiles of a set of durations, in ms. */
export interface DurationStats {
  /** Number of values. */
  count: number;
  /** Sum of all values (for Prometheus `_sum`). */
  sum_ms: number;
  /** Mean, or null when there are no values. */
  avg_ms: number | null;
  /** Median (nearest rank), or null when there are no values. */
  p50_ms: number | null;
  /** 95th percentile (nearest rank), or null when there are no values. */
  p95_ms: number | null;
}

/** Statistics of a list of durations in ms. */
export function durationStats(values: readonly number[]): DurationStats {
  let sum = 0;
  for (const v of values) sum += v;
  return {
    count: values.length,
    sum_ms: sum,
    avg_ms: mean(values),
    p50_ms: percentile(values, 0.5),
    p95_ms: percentile(values, 0.95),
  };
}

/** Per-command numbers in a {@linkcode MetricsSummary}. */
export interface CommandSummary {
  /** Command path, e.g. `job-local submit`. */
  name: string;
  /** Runs of this command in the window. */
  count: number;
  /** Runs that did not exit 0. */
  failed: number;
  /** Median duration in milliseconds, or null. */
  p50_ms: number | null;
  /** 95th-percentile duration in milliseconds, or null. */
  p95_ms: number | null;
  /** All durations (ms) of this command in the window. */
  duration: DurationStats;
}

/** Per-strategy numbers in a {@linkcode MetricsSummary}. */
export interface StrategySummary {
  /** The strategy's name. */
  strategy: string;
  /** URLs extracted with this strategy. */
  extracted: number;
  /** URLs that failed with this strategy. */
  failed: number;
  /** extracted / (extracted + failed), 0-1; null when neither. */
  success_rate: number | null;
  /** Mean `duration_ms` of extracted URLs; null when none. */
  avg_extraction_ms: number | null;
  /** Durations of extracted URLs. */
  duration: DurationStats;
  /** This strategy's URL failure classes, all of them, by name. */
  failure_reasons: { reason: string; count: number }[];
}

/** What `riptide metrics show -o json` prints. */
export interface MetricsSummary {
  /** The window summarized. */
  window: {
    /** Lower bound (ISO-8601), or null for all retained events. */
    since: string | null;
    /** When the summary was made. */
    until: string;
    /** Events in the window. */
    events: number;
    first_event: string | null;
    last_event: string | null;
  };
  /** Job counts in the window, by event. */
  jobs: {
    submitted: number;
    started: number;
    completed: number;
    failed: number;
    cancelled: number;
    recovered: number;
    /** completed / (completed + failed), 0-1, as in `job-local stats`; null when neither. */
    success_rate: number | null;
    /** Durations of jobs that ran and ended in the window. */
    duration: DurationStats;
  };
  /** URL counts in the window. */
  urls: {
    extracted: number;
    failed: number;
    /** Body bytes fetched by extracted URLs. */
    bytes: number;
    /** Characters extracted. */
    chars: number;
    /** Retries summed over extracted and failed URLs. */
    retries: number;
    /** Busy wall time in seconds (union of job run intervals). */
    busy_seconds: number;
    /** extracted / busy_seconds; null when there was no busy time. */
    per_second: number | null;
    /** Durations of extracted URLs. */
    duration: DurationStats;
  };
  /** URL failure classes, most frequent first (ties by name), at most 10. */
  failure_reasons: { reason: string; count: number }[];
  /** Per command, most used first (ties by name). */
  commands: CommandSummary[];
  /** Per strategy, by name. */
  strategies: StrategySummary[];
}

/** Options for {@linkcode summarizeMetrics}. */
export interface SummaryOptions {
  /** Only events at or after this time count. */
  since?: Date | null;
  /** The summary's "until" (defaults to now); events after it are ignored. */
  now?: Date;
}

interface JobTrack {
  /** Start of the run in progress, or null when the job is not running. */
  open: number | null;
  /** Time of the job's latest event. */
  lastSeen: number;
}

/**
 * Summarizes events (in any order; they are taken in time order) into the
 * numbers of `riptide metrics show`. See the module doc for the definitions.
 *
 * @example
 * ```ts
 * import { summarizeMetrics } from "@riptide/core";
 * const s = summarizeMetrics([
 *   { ts: "2026-01-01T00:00:00.000Z", type: "command", name: "job-local list",
 *     duration_ms: 40, ok: true, error_class: null },
 * ], { now: new Date("2026-01-02T00:00:00Z") });
 * s.commands[0]?.count; // 1
 * ```
 */
export function summarizeMetrics(
  events: Iterable<MetricEvent>,
  options: SummaryOptions = {},
): MetricsSummary {
  const now = options.now ?? new Date();
  const sinceMs = options.since ? options.since.getTime() : -Infinity;
  const nowMs = now.getTime();
  const inWindow: { event: MetricEvent; t: number }[] = [];
  for (const event of events) {
    const t = Date.parse(event.ts);
    if (t >= sinceMs && t <= nowMs) inWindow.push({ event, t });
  }
  inWindow.sort((a, b) => a.t - b.t);

  const submitted = new Set<string>();
  const started = new Set<string>();
  const recovered = new Set<string>();
  /** Final outcome per job: the last terminal event wins. */
  const outcome = new Map<string, { status: string; duration: number | null }>();
  const tracks = new Map<string, JobTrack>();
  const commandDurations = new Map<string, number[]>();
  const commandFailed = new Map<string, number>();
  const strategyDurations = new Map<string, number[]>();
  const strategyFailed = new Map<string, number>();
  const strategyReasons = new Map<string, Map<string, number>>();
  const reasons = new Map<string, number>();
  const urlDurations: number[] = [];
  let urlsFailed = 0;
  let bytes = 0;
  let chars = 0;
  let retries = 0;

  /** Closed run intervals of all jobs, for the busy time. */
  const intervals: [number, number][] = [];
  function track(jobId: string, t: number): JobTrack {
    let tr = tracks.get(jobId);
    if (!tr) {
      tr = { open: null, lastSeen: t };
      tracks.set(jobId, tr);
    }
    return tr;
  }

  for (const { event, t } of inWindow) {
    switch (event.type) {
      case "command": {
        push(commandDurations, event.name, event.duration_ms);
        if (!event.ok) bump(commandFailed, event.name);
        break;
      }
      case "job_submitted":
        submitted.add(event.job_id);
        break;
      case "job_started": {
        started.add(event.job_id);
        const tr = track(event.job_id, t);
        // Started again without an end (worker crash or stop): the earlier
        // run ended with its last event; the gap before this start is idle.
        if (tr.open !== null) intervals.push([tr.open, tr.lastSeen]);
        tr.open = t;
        tr.lastSeen = t;
        break;
      }
      case "job_recovered":
        recovered.add(event.job_id);
        break;
      case "url_extracted": {
        track(event.job_id, t).lastSeen = t;
        urlDurations.push(event.duration_ms);
        push(strategyDurations, event.strategy, event.duration_ms);
        bytes += event.bytes;
        chars += event.chars;
        retries += event.retries;
        break;
      }
      case "url_failed": {
        track(event.job_id, t).lastSeen = t;
        urlsFailed++;
        retries += event.retries;
        bump(strategyFailed, event.strategy);
        let byReason = strategyReasons.get(event.strategy);
        if (!byReason) strategyReasons.set(event.strategy, byReason = new Map());
        bump(byReason, event.reason_class);
        if (!strategyDurations.has(event.strategy)) strategyDurations.set(event.strategy, []);
        bump(reasons, event.reason_class);
        break;
      }
      case "job_finished":
      case "job_cancelled": {
        const status = event.type === "job_finished" ? event.status : "cancelled";
        outcome.set(event.job_id, { status, duration: event.duration_ms });
        const tr = tracks.get(event.job_id);
        if (tr && tr.open !== null) {
          intervals.push([tr.open, t]);
          tr.open = null;
        }
        break;
      }
    }
  }

  let completed = 0;
  let failed = 0;
  let cancelled = 0;
  const jobDurations: number[] = [];
  for (const { status, duration } of outcome.values()) {
    if (status === "completed") completed++;
    else if (status === "failed") failed++;
    else cancelled++;
    if (duration !== null) jobDurations.push(duration);
  }

  // A job still running counts up to its latest event.
  for (const tr of tracks.values()) if (tr.open !== null) intervals.push([tr.open, tr.lastSeen]);
  const busyMs = unionLength(intervals);
  const busySeconds = busyMs / 1000;

  const commands: CommandSummary[] = [...commandDurations].map(([name, ds]) => {
    const duration = durationStats(ds);
    return {
      name,
      count: ds.length,
      failed: commandFailed.get(name) ?? 0,
      p50_ms: duration.p50_ms,
      p95_ms: duration.p95_ms,
      duration,
    };
  }).sort((a, b) => b.count - a.count || compareStrings(a.name, b.name));

  const strategies: StrategySummary[] = [...strategyDurations].map(([strategy, ds]) => {
    const failedN = strategyFailed.get(strategy) ?? 0;
    const duration = durationStats(ds);
    return {
      strategy,
      extracted: ds.length,
      failed: failedN,
      success_rate: ratio(ds.length, ds.length + failedN),
      avg_extraction_ms: duration.avg_ms,
      duration,
      failure_reasons: [...(strategyReasons.get(strategy) ?? [])]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([reason, count]) => ({ reason, count })),
    };
  }).sort((a, b) => compareStrings(a.strategy, b.strategy));

  const failureReasons = [...reasons].map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || compareStrings(a.reason, b.reason))
    .slice(0, 10);

  return {
    window: {
      since: options.since ? options.since.toISOString() : null,
      until: now.toISOString(),
      events: inWindow.length,
      first_event: inWindow[0]?.event.ts ?? null,
      last_event: inWindow[inWindow.length - 1]?.event.ts ?? null,
    },
    jobs: {
      submitted: submitted.size,
      started: started.size,
      completed,
      failed,
      cancelled,
      recovered: recovered.size,
      success_rate: ratio(completed, completed + failed),
      duration: durationStats(jobDurations),
    },
    urls: {
      extracted: urlDurations.length,
      failed: urlsFailed,
      bytes,
      chars,
      retries,
      busy_seconds: busySeconds,
      per_second: busyMs > 0 ? urlDurations.length / busySeconds : null,
      duration: durationStats(urlDurations),
    },
    failure_reasons: failureReasons,
    commands,
    strategies,
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total length covered by a set of possibly overlapping intervals. */
function unionLength(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of sorted) {
    if (a > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) {
      curEnd = b;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

// ---------------------------------------------------------------- event builders

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

// ---------------------------------------------------------------- CSV
