/**
 * The exporters of `riptide metrics export`: CSV (one row per event) and the
 * Prometheus text format (over one {@linkcode MetricsSummary}, so windows,
 * job outcomes and durations are computed once, as `metrics show` shows them).
 *
 * @module
 */

import type { MetricEvent } from "./metric_events.ts";
import {
  type DurationStats,
  type MetricsSummary,
  summarizeMetrics,
  type SummaryOptions,
} from "./metrics.ts";

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The header of `riptide metrics export --format csv`; stable: columns are
 * only ever appended. One row per event; fields an event type does not have
 * are empty.
 *
 * - `job_id`: job events; `command`: the command path (`command` events)
 * - `strategy`: `job_submitted`, `url_extracted`, `url_failed`
 * - `status`: `job_finished` (completed|failed), `job_cancelled` (cancelled)
 * - `duration_ms`: `command`, `url_*`, `job_finished`, `job_cancelled`
 * - `bytes`, `chars`: `url_extracted`; `http_status`, `retries`: `url_*`
 * - `reason`: `url_failed` reason class, `command` error class
 * - `ok`: `command` (exit 0), `url_extracted` (true), `url_failed` (false)
 */
export const CSV_HEADER: readonly string[] = [
  "ts",
  "type",
  "job_id",
  "command",
  "strategy",
  "status",
  "duration_ms",
  "bytes",
  "chars",
  "http_status",
  "retries",
  "reason",
  "ok",
];

/** Quotes a CSV field when it needs it (RFC 4180). */
function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV row of one event, in {@linkcode CSV_HEADER} order. */
export function metricEventCsvRow(event: MetricEvent): string[] {
  const row: Record<string, string | number | boolean | null | undefined> = {
    ts: event.ts,
    type: event.type,
  };
  switch (event.type) {
    case "command":
      Object.assign(row, {
        command: event.name,
        duration_ms: event.duration_ms,
        reason: event.error_class,
        ok: event.ok,
      });
      break;
    case "job_submitted":
      Object.assign(row, { job_id: event.job_id, strategy: event.strategy });
      break;
    case "job_started":
    case "job_recovered":
      row.job_id = event.job_id;
      break;
    case "url_extracted":
      Object.assign(row, {
        job_id: event.job_id,
        strategy: event.strategy,
        duration_ms: event.duration_ms,
        bytes: event.bytes,
        chars: event.chars,
        http_status: event.http_status,
        retries: event.retries,
        ok: true,
      });
      break;
    case "url_failed":
      Object.assign(row, {
        job_id: event.job_id,
        strategy: event.strategy,
        duration_ms: event.duration_ms,
        http_status: event.http_status,
        retries: event.retries,
        reason: event.reason_class,
        ok: false,
      });
      break;
    case "job_finished":
      Object.assign(row, {
        job_id: event.job_id,
        status: event.status,
        duration_ms: event.duration_ms,
      });
      break;
    case "job_cancelled":
      Object.assign(row, {
        job_id: event.job_id,
        status: "cancelled",
        duration_ms: event.duration_ms,
      });
      break;
  }
  return CSV_HEADER.map((column) => csvField(row[column]));
}

/** Renders events as CSV: the header, then one CRLF-free row per event, `\n`-terminated. */
export function renderMetricsCsv(events: Iterable<MetricEvent>): string {
  const lines = [CSV_HEADER.join(",")];
  for (const event of events) lines.push(metricEventCsvRow(event).join(","));
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------- Prometheus

/** Escapes a label value for the Prometheus text format. */
export function escapeLabelValue(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",")}}`;
}

class PromWriter {
  #lines: string[] = [];

  family(name: string, type: "counter" | "gauge" | "summary", help: string): void {
    this.#lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
  }

  sample(name: string, labels: Labels, value: number): void {
    this.#lines.push(`${name}${labelText(labels)} ${formatValue(value)}`);
  }

  /** Samples of one summary series from durations in ms, exposed in seconds. */
  summary(name: string, labels: Labels, stats: DurationStats): void {
    for (const [q, v] of [[0.5, stats.p50_ms], [0.95, stats.p95_ms]] as const) {
      this.sample(name, { ...labels, quantile: String(q) }, v === null ? NaN : v / 1000);
    }
    this.sample(`${name}_sum`, labels, stats.sum_ms / 1000);
    this.sample(`${name}_count`, labels, stats.count);
  }

  text(): string {
    return this.#lines.join("\n") + "\n";
  }
}

/**
 * Renders events in the Prometheus text exposition format (version 0.0.4),
 * for a node_exporter textfile collector. Counters (`_total`) count the
 * events given, so export without `--since` for monotonic counters; durations
 * are summaries in seconds with `quantile="0.5"` and `"0.95"` (nearest rank),
 * `_sum` and `_count`. Families:
 *
 * - `riptide_commands_total{command,outcome}` (outcome `ok` or `error`)
 * - `riptide_command_duration_seconds{command}` summary
 * - `riptide_jobs_submitted_total`, `riptide_jobs_started_total`,
 *   `riptide_jobs_recovered_total`
 * - `riptide_jobs_finished_total{status}` (completed, failed, cancelled; per job)
 * - `riptide_job_success_ratio` gauge (completed / (completed + failed))
 * - `riptide_job_duration_seconds` summary
 * - `riptide_urls_extracted_total{strategy}`, `riptide_urls_failed_total{strategy,reason}`
 * - `riptide_url_extraction_duration_seconds{strategy}` summary
 * - `riptide_fetched_bytes_total`, `riptide_extracted_chars_total`, `riptide_url_retries_total`
 */
export function renderMetricsPrometheus(
  events: Iterable<MetricEvent>,
  options: SummaryOptions = {},
): string {
  return renderSummaryPrometheus(summarizeMetrics(events, options));
}

/**
 * The Prometheus rendering of one {@linkcode MetricsSummary} (the families of
 * {@linkcode renderMetricsPrometheus}); windows, outcomes and durations are
 * the summary's, computed once.
 */
export function renderSummaryPrometheus(summary: MetricsSummary): string {
  const w = new PromWriter();
  const commands = [...summary.commands].sort((a, b) => compareStrings(a.name, b.name));
  w.family("riptide_commands_total", "counter", "RipTide CLI command runs by outcome.");
  for (const c of commands) {
    w.sample("riptide_commands_total", { command: c.name, outcome: "ok" }, c.count - c.failed);
    w.sample("riptide_commands_total", { command: c.name, outcome: "error" }, c.failed);
  }
  w.family(
    "riptide_command_duration_seconds",
    "summary",
    "RipTide CLI command wall time in seconds.",
  );
  for (const c of commands) {
    w.summary("riptide_command_duration_seconds", { command: c.name }, c.duration);
  }

  const jobs = summary.jobs;
  w.family("riptide_jobs_submitted_total", "counter", "Jobs submitted.");
  w.sample("riptide_jobs_submitted_total", {}, jobs.submitted);
  w.family("riptide_jobs_started_total", "counter", "Jobs started by a worker.");
  w.sample("riptide_jobs_started_total", {}, jobs.started);
  w.family("riptide_jobs_recovered_total", "counter", "Jobs resumed after a worker crash.");
  w.sample("riptide_jobs_recovered_total", {}, jobs.recovered);
  w.family("riptide_jobs_finished_total", "counter", "Jobs that reached a terminal status.");
  w.sample("riptide_jobs_finished_total", { status: "completed" }, jobs.completed);
  w.sample("riptide_jobs_finished_total", { status: "failed" }, jobs.failed);
  w.sample("riptide_jobs_finished_total", { status: "cancelled" }, jobs.cancelled);
  w.family(
    "riptide_job_success_ratio",
    "gauge",
    "Completed jobs / (completed + failed jobs); NaN when there are none.",
  );
  w.sample("riptide_job_success_ratio", {}, jobs.success_rate ?? NaN);
  w.family("riptide_job_duration_seconds", "summary", "Job run time in seconds.");
  w.summary("riptide_job_duration_seconds", {}, jobs.duration);

  w.family("riptide_urls_extracted_total", "counter", "URLs extracted successfully.");
  for (const s of summary.strategies) {
    w.sample("riptide_urls_extracted_total", { strategy: s.strategy }, s.extracted);
  }
  w.family("riptide_urls_failed_total", "counter", "URLs that failed, by failure class.");
  for (const s of summary.strategies) {
    for (const { reason, count } of s.failure_reasons) {
      w.sample("riptide_urls_failed_total", { strategy: s.strategy, reason }, count);
    }
  }
  w.family(
    "riptide_url_extraction_duration_seconds",
    "summary",
    "Fetch plus extraction time of extracted URLs in seconds.",
  );
  for (const s of summary.strategies) {
    w.summary("riptide_url_extraction_duration_seconds", { strategy: s.strategy }, s.duration);
  }
  w.family("riptide_fetched_bytes_total", "counter", "Body bytes fetched for extracted URLs.");
  w.sample("riptide_fetched_bytes_total", {}, summary.urls.bytes);
  w.family("riptide_extracted_chars_total", "counter", "Characters of content extracted.");
  w.sample("riptide_extracted_chars_total", {}, summary.urls.chars);
  w.family("riptide_url_retries_total", "counter", "Fetch retries over all URLs.");
  w.sample("riptide_url_retries_total", {}, summary.urls.retries);
  return w.text();
}
