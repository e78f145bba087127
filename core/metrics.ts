/**
 * Metrics: the summary shown by `riptide metrics show` over the events of
 * `metric_events.ts` (the exporters of `riptide metrics export`, CSV and
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

import type { MetricEvent } from "./metric_events.ts";

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
