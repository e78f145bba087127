/**
 * `riptide metrics show | tail | export`: what RipTide recorded about its
 * commands, jobs and URLs (see `@riptide/core` metrics for the definitions of
 * success rate, percentiles and URLs/s).
 *
 * - `show [--since 24h|7d|ISO] [-o table|json]`: the summary; `-o json`
 *   prints a `MetricsSummary`. Without `--since`: every retained event.
 * - `tail [--interval 2s] [--limit 10] [-o json]`: the last N events, then
 *   new ones as they are appended (only the new bytes are read), one compact
 *   line each (JSON lines with `-o json`); Ctrl-C ends it quietly, exit 130.
 * - `export --format json|csv|prom [--output FILE] [--since …]`:
 *   `json` is `{"summary": MetricsSummary, "events": MetricEvent[]}`;
 *   `csv` has the stable header `CSV_HEADER`
 *   (`ts,type,job_id,command,strategy,status,duration_ms,bytes,chars,http_status,retries,reason,ok`);
 *   `prom` is the Prometheus text format of `renderMetricsPrometheus`.
 *   `--output` replaces FILE atomically.
 *
 * @module
 */

import { isAbsolute, resolve } from "@riptide/core/path";
import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  defineEnum,
  type EnumSpec,
  type MetricEvent,
  parseDuration,
  parseInteger,
  UsageError,
} from "@riptide/core/base";
import { type MetricsSummary, summarizeMetrics } from "@riptide/core/metrics";
import { renderMetricsCsv, renderMetricsPrometheus } from "@riptide/core/metrics_export";
import {
  atomicWriteFile,
  type MetricsCursor,
  readLastMetricEvents,
  readMetricEvents,
  readNewMetricEvents,
} from "@riptide/storage/base";
import {
  type CommandContext,
  type CommonOptions,
  createContext,
  interruptSignal,
  parseOutputMode,
  sleep,
} from "../context.ts";
import { CliRuntimeError, EXIT } from "../errors.ts";
import {
  formatBytes,
  formatDuration,
  formatTime,
  formatTimeLabelled,
  type Printer,
  table,
} from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** Export formats of `metrics export`. */
export const EXPORT_FORMATS = ["json", "csv", "prom"] as const;
/** An export format. */
export type ExportFormat = typeof EXPORT_FORMATS[number];
/** The `metrics export --format` values as one descriptor (`prometheus` is `prom`). */
export const EXPORT_FORMAT: EnumSpec<ExportFormat> = defineEnum("export format", EXPORT_FORMATS, {
  aliases: { prometheus: "prom" },
});

/** A `--since` value: a duration back from now, or an ISO-8601 date. */
interface Since {
  /** The flag as given, for the heading. */
  raw: string;
  /** Milliseconds back from now, or an absolute date. */
  value: { ago: number } | { at: Date };
}

/** Parses `--since`: `24h`, `7d`, `90m` (back from now) or an ISO-8601 date/time. */
export function parseSince(raw: string): Since {
  const value = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return { raw, value: { at } };
  }
  try {
    return { raw, value: { ago: parseDuration(value) } };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(
      `Invalid --since "${raw}": expected a duration such as 24h or 7d, or an ISO date`,
      { cause: err },
    );
  }
}

function sinceDate(since: Since | undefined, now: Date): Date | null {
  if (since === undefined) return null;
  return "at" in since.value ? since.value.at : new Date(now.getTime() - since.value.ago);
}

/** Parses `--format` of `metrics export`. */
export function parseExportFormat(raw: string): ExportFormat {
  return EXPORT_FORMAT.parse(raw);
}

function parseInterval(raw: string): number {
  let ms: number;
  try {
    ms = parseDuration(raw);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(`Invalid --interval "${raw}": expected a duration such as 2s or 500ms`, {
      cause: err,
    });
  }
  if (ms < 100 || ms > 3_600_000) {
    throw new UsageError(`Invalid --interval "${raw}": expected 100ms to 1h`);
  }
  return ms;
}

function parseTailLimit(raw: string): number {
  return parseInteger("--limit", raw, { min: 0, max: 100_000 });
}

async function loadEvents(ctx: CommandContext, since: Date | null): Promise<MetricEvent[]> {
  const events: MetricEvent[] = [];
  for await (
    const event of readMetricEvents(ctx.home, { since, onWarning: (m) => ctx.print.warn(m) })
  ) {
    events.push(event);
  }
  return events;
}

// ---------------------------------------------------------------- show

function percent(value: number | null): string {
  return value === null ? "-" : `${(value * 100).toFixed(1)}%`;
}

function ms(value: number | null): string {
  return value === null ? "-" : formatDuration(value);
}

/** The human summary of `metrics show`. */
export function renderSummary(summary: MetricsSummary, heading: string, p: Printer): string {
  const out: string[] = [];
  const w = summary.window;
  out.push(p.bold(heading));
  out.push(
    w.events === 0
      ? "No events recorded in this window"
      : `Events: ${w.events} (${formatTime(w.first_event)} to ${formatTimeLabelled(w.last_event)})`,
  );
  const j = summary.jobs;
  out.push("", p.bold("Jobs"));
  out.push(
    table(
      ["Submitted", "Completed", "Failed", "Cancelled", "Recovered", "Success Rate"],
      [
        [j.submitted, j.completed, j.failed, j.cancelled, j.recovered].map(String).concat(
          percent(j.success_rate),
        ),
      ],
      { align: ["right", "right", "right", "right", "right", "right"] },
    ),
  );
  out.push(
    `Duration: average ${ms(j.duration.avg_ms)}, p50 ${ms(j.duration.p50_ms)}, ` +
      `p95 ${ms(j.duration.p95_ms)} (${j.duration.count} job(s) that ran)`,
  );
  const u = summary.urls;
  out.push("", p.bold("URLs"));
  out.push(
    table(
      ["Extracted", "Failed", "URLs/s", "Bytes Fetched", "Avg Time", "p95 Time"],
      [[
        String(u.extracted),
        String(u.failed),
        u.per_second === null ? "-" : u.per_second.toFixed(2),
        formatBytes(u.bytes),
        ms(u.duration.avg_ms),
        ms(u.duration.p95_ms),
      ]],
      { align: ["right", "right", "right", "right", "right", "right"] },
    ),
  );
  out.push(
    `URLs/s: extracted URLs per second of busy time (${
      u.busy_seconds.toFixed(1)
    }s with a job running)`,
  );
  if (summary.failure_reasons.length > 0) {
    out.push("", p.bold("Top Failure Reasons"));
    out.push(
      table(
        ["Reason", "URLs"],
        summary.failure_reasons.map((r) => [r.reason, String(r.count)]),
        { align: ["left", "right"] },
      ),
    );
  }
  if (summary.strategies.length > 0) {
    out.push("", p.bold("By Strategy"));
    out.push(
      table(
        ["Strategy", "Extracted", "Failed", "Success Rate", "Avg Time"],
        summary.strategies.map((s) => [
          s.strategy,
          String(s.extracted),
          String(s.failed),
          percent(s.success_rate),
          ms(s.avg_extraction_ms),
        ]),
        { align: ["left", "right", "right", "right", "right"] },
      ),
    );
  }
  if (summary.commands.length > 0) {
    out.push("", p.bold("Commands"));
    out.push(
      table(
        ["Command", "Runs", "Failed", "p50", "p95"],
        summary.commands.map((c) => [
          c.name,
          String(c.count),
          String(c.failed),
          ms(c.p50_ms),
          ms(c.p95_ms),
        ]),
        { align: ["left", "right", "right", "right", "right"] },
      ),
    );
  }
  return out.join("\n");
}

async function show(flags: { since?: Since }, ctx: CommandContext): Promise<void> {
  const now = new Date();
  const since = sinceDate(flags.since, now);
  const events = await loadEvents(ctx, since);
  const summary = summarizeMetrics(events, { since, now });
  if (ctx.json) {
    ctx.print.json(summary);
    return;
  }
  const heading = flags.since === undefined
    ? "Metrics (all retained events)"
    : `Metrics since ${formatTimeLabelled(since!.toISOString())} (${flags.since.raw.trim()})`;
  ctx.print.out(renderSummary(summary, heading, ctx.print));
}

// ---------------------------------------------------------------- tail

/** One compact line per event, for `metrics tail`. */
export function formatEventLine(event: MetricEvent, p: Printer): string {
  let detail: string;
  switch (event.type) {
    case "command":
      detail = `${event.name} ${formatDuration(event.duration_ms)} ` +
        (event.ok ? p.paint("ok", 32) : p.paint(`error ${event.error_class ?? ""}`.trim(), 31));
      break;
    case "job_submitted":
      detail = `${event.job_id} ${event.priority} ${event.strategy} ${event.urls} URL(s)`;
      break;
    case "job_started":
    case "job_recovered":
      detail = `${event.job_id} attempt ${event.attempt}`;
      break;
    case "url_extracted":
      detail = `${event.job_id} ${event.host} ${event.http_status ?? "-"} ` +
        `${formatDuration(event.duration_ms)} ${formatBytes(event.bytes)} ${event.chars} chars ` +
        `${event.strategy}${event.retries > 0 ? ` ${event.retries} retries` : ""}`;
      break;
    case "url_failed":
      detail = `${event.job_id} ${event.host} ${p.paint(event.reason_class, 31)} ` +
        `${formatDuration(event.duration_ms)} ${event.strategy}` +
        `${event.retries > 0 ? ` ${event.retries} retries` : ""}`;
      break;
    case "job_finished":
      detail = `${event.job_id} ${p.status(event.status)} ${formatDuration(event.duration_ms)} ` +
        `${event.successful} ok, ${event.failed} failed`;
      break;
    case "job_cancelled":
      detail = `${event.job_id} ${p.status("cancelled")}` +
        (event.duration_ms === null
          ? " while pending"
          : ` after ${formatDuration(event.duration_ms)}`);
      break;
  }
  return `${formatTime(event.ts)} ${p.dim(event.type.padEnd(13))} ${detail}`;
}

async function tail(
  flags: { interval?: number; limit?: number },
  ctx: CommandContext,
): Promise<void> {
  const p = ctx.print;
  const emit = (events: MetricEvent[]): void => {
    for (const e of events) ctx.json ? p.jsonLine(e) : p.out(formatEventLine(e, p));
  };
  using interrupt = interruptSignal();
  const first = await readLastMetricEvents(ctx.home, flags.limit ?? 10, {
    onWarning: (m) => p.warn(m),
  });
  emit(first.events);
  let cursor: MetricsCursor = first.cursor;
  const interval = flags.interval ?? 2000;
  while (!interrupt.signal.aborted) {
    await sleep(interval, interrupt.signal);
    if (interrupt.signal.aborted) break;
    const next = await readNewMetricEvents(ctx.home, cursor, { onWarning: (m) => p.warn(m) });
    emit(next.events);
    cursor = next.cursor;
  }
  // Ctrl-C is the normal way out: no message, the conventional 130.
  Deno.exitCode = EXIT.interrupted;
}

// ---------------------------------------------------------------- export

async function exportMetrics(
  flags: { format?: ExportFormat; output?: string; since?: Since },
  ctx: CommandContext,
): Promise<void> {
  const now = new Date();
  const since = sinceDate(flags.since, now);
  const events = await loadEvents(ctx, since);
  const format = flags.format ?? "json";
  let text: string;
  if (format === "csv") text = renderMetricsCsv(events);
  else if (format === "prom") text = renderMetricsPrometheus(events, { since, now });
  else {
    text = JSON.stringify({ summary: summarizeMetrics(events, { since, now }), events }, null, 2) +
      "\n";
  }
  if (flags.output === undefined) {
    ctx.print.exact(text); // an export, exact like -o json
    return;
  }
  const path = isAbsolute(flags.output) ? resolve(flags.output) : resolve(Deno.cwd(), flags.output);
  try {
    await atomicWriteFile(path, text);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new CliRuntimeError(`Cannot write "${flags.output}": its directory does not exist`, {
        cause: err,
      });
    }
    if (err instanceof Deno.errors.IsADirectory) {
      throw new CliRuntimeError(`Cannot write "${flags.output}": it is a directory`, {
        cause: err,
      });
    }
    throw err;
  }
  ctx.print.err(`Wrote ${events.length} event(s) as ${format} to ${path}`);
}

// ---------------------------------------------------------------- command

function sinceOption(help: string): Option<"--since <when>", undefined, undefined, Since> {
  return new Option("--since <when>", help).argParser(parseSince);
}

/**
 * Builds the top-level `metrics` command with `show`, `tail` and `export`.
 *
 * @example
 * ```ts
 * import { Command } from "@commander-js/extra-typings";
 * import { metricsCommand } from "./metrics.ts";
 * new Command("riptide").addCommand(metricsCommand());
 * ```
 */
export function metricsCommand(): CommandUnknownOpts {
  const showCmd = new Command("show")
    .description("Summarize jobs, URLs, commands and strategies")
    .addOption(
      sinceOption(
        "only events in this window: a duration back from now (24h, 7d, 90m) or an ISO date " +
          "(default: all retained events, up to 30 days)",
      ),
    )
    .addOption(
      new Option(
        "-o, --output-format <format>",
        OUTPUT_MODE.list + " (default: table, or defaults.output in the config)",
      ).argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await show(flags, ctx);
    });

  const tailCmd = new Command("tail")
    .description("Print the last events, then new ones as they happen, until Ctrl-C (exit 130)")
    .addOption(
      new Option(
        "--interval <duration>",
        "how often to look for new events, 100ms to 1h (default: 2s)",
      )
        .argParser(parseInterval),
    )
    .addOption(
      new Option("--limit <n>", "how many recent events to print first, 0 to 100000 (default: 10)")
        .argParser(parseTailLimit),
    )
    .addOption(
      new Option("-o, --output-format <format>", "table (one line per event) or json (JSON lines)")
        .argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await tail(flags, ctx);
    });

  const exportCmd = new Command("export")
    .description("Export events: json ({summary, events}), csv (one row per event) or prom")
    .addOption(
      new Option(
        "--format <format>",
        `${EXPORT_FORMAT.list} (Prometheus text format for a textfile collector) (default: json)`,
      ).argParser(parseExportFormat),
    )
    .addOption(
      new Option("--output <file>", "write to this file (atomically) instead of stdout"),
    )
    .addOption(
      sinceOption("only events in this window: 24h, 7d, 90m or an ISO date (default: all)"),
    )
    .addHelpText(
      "after",
      "\nCSV columns: ts,type,job_id,command,strategy,status,duration_ms,bytes,chars," +
        "http_status,retries,reason,ok",
    )
    .action(async (flags, cmd) => {
      // Export has no -o; only the program's --config matters here.
      await using ctx = await createContext(cmd.optsWithGlobals() as CommonOptions);
      await exportMetrics(flags, ctx);
    });

  return new Command("metrics")
    .description("What RipTide recorded: command latency, job and URL outcomes, throughput")
    .addCommand(showCmd)
    .addCommand(tailCmd)
    .addCommand(exportCmd)
    // Like the job-local group: a missing or unknown subcommand is one line, exit 2.
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command")
    .argument("[command]")
    .action((name) => {
      throw new UsageError(
        name === undefined
          ? "Missing command: see riptide metrics --help for the commands"
          : `Unknown command "${name}": see riptide metrics --help for the commands`,
      );
    }) as unknown as CommandUnknownOpts;
}

// The command-run metric lives in its own small module: every command records
// one, and loading this module (the metrics commands) on each run cost time.
export { commandPath, type CommandRun, recordCommandRun } from "../_command_metric.ts";
