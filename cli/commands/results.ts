/**
 * `riptide job-local results`: a job's extracted content, viewed or exported.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  defineEnum,
  type EnumSpec,
  type Extraction,
  type Job,
  type JobId,
  JobNotFoundError,
  type JobResults,
  summarizeResults,
  UsageError,
} from "@riptide/core/base";
import { atomicWriteFile, type JobStore } from "@riptide/storage/base";
import { unifiedDiff } from "../_diff.ts";
import { extname, isAbsolute, join } from "@riptide/core/path";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatBytes, formatDuration, plural, type Printer, table, truncate } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** Export formats of `--format`. */
export const EXPORT_FORMATS = ["json", "jsonl", "csv", "markdown"] as const;
/** One export format. */
export type ExportFormat = typeof EXPORT_FORMATS[number];
/** The `results --format` values as one descriptor. */
export const EXPORT_FORMAT: EnumSpec<ExportFormat> = defineEnum("format", EXPORT_FORMATS);

function parseExportFormat(raw: string): ExportFormat {
  return EXPORT_FORMAT.parse(raw);
}

function parseOutputPath(raw: string): string {
  if (raw.trim() === "") throw new UsageError("Invalid --output: empty path");
  if (raw.endsWith("/")) throw new UsageError(`Invalid --output "${raw}": it names a directory`);
  return raw;
}

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Serializes results in an export format. */
export function serializeResults(results: JobResults, format: ExportFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(results, null, 2)}\n`;
    case "jsonl":
      return results.extractions.map((e) => `${JSON.stringify(e)}\n`).join("");
    case "csv": {
      const head = "url,status,title,characters,extraction_time_ms,error,content\r\n";
      return head + results.extractions.map((e) =>
        [
          e.url,
          e.status,
          e.metadata.title,
          e.content.length,
          e.metadata.extraction_time_ms,
          e.error ?? e.reason,
          e.content,
        ].map(csvCell).join(",") + "\r\n"
      ).join("");
    }
    case "markdown": {
      const parts = [
        `# Results for job ${results.job_id}`,
        "",
        `${plural(results.total_urls, "URL")}: ${counts(results)}`,
      ];
      results.extractions.forEach((e, i) => {
        parts.push("", `## ${i + 1}. ${e.metadata.title ?? e.url}`, "", `Source: <${e.url}>`, "");
        if (e.status === "failed") parts.push(`**Failed:** ${e.error ?? "unknown error"}`);
        else if (e.status === "skipped") parts.push(`**Skipped:** ${skipReason(e)}`);
        else if (e.warning !== undefined && e.content.trim() === "") {
          parts.push(`**Warning:** ${e.warning}`);
        } else parts.push((e.markdown ?? e.content).trim());
      });
      return `${parts.join("\n")}\n`;
    }
  }
}

/** `3 successful, 1 failed` (`, 2 skipped` when any were). */
function counts(results: JobResults): string {
  const skipped = results.skipped ?? 0;
  return `${results.successful} successful, ${results.failed} failed` +
    (skipped > 0 ? `, ${skipped} skipped` : "");
}

/** `, 2 not run (cancelled)` for a cancelled job's URLs that never ran, else "". */
function notRun(job: Job, results: JobResults): string {
  if (job.status !== "cancelled") return "";
  const left = results.total_urls - results.successful - results.failed - (results.skipped ?? 0);
  return left > 0 ? `, ${left} not run (cancelled)` : "";
}

function skipReason(e: Extraction): string {
  return e.reason === "robots.txt" ? "disallowed by robots.txt" : e.reason ?? "skipped";
}

function renderResults(job: Job, results: JobResults, p: Printer): string {
  const rows = results.extractions.map((e, i) => [
    String(i + 1),
    truncate(e.url, 60),
    e.status === "success"
      ? e.warning === undefined ? p.paint("success", 32) : p.paint("success (no text)", 33)
      : e.status === "skipped"
      ? p.paint("skipped", 33)
      : p.paint("failed", 31),
    truncate(e.metadata.title ?? "-", 40),
    String(e.status === "success" ? e.content.length : 0),
    e.metadata.fetch_time_ms === undefined ? "-" : formatDuration(e.metadata.fetch_time_ms),
    formatDuration(e.metadata.extraction_time_ms),
  ]);
  const out = [
    `Results for job ${job.id} (${job.status}): ${plural(results.total_urls, "URL")}, ` +
    counts(results) + notRun(job, results),
    table(["#", "URL", "Status", "Title", "Characters", "Fetch", "Extraction"], rows, {
      align: ["right", "left", "left", "left", "right", "right", "right"],
    }),
  ];
  results.extractions.forEach((e, i) => {
    out.push(
      "",
      p.bold(`── ${i + 1}. ${e.metadata.title ?? e.url} ──`) +
        (e.change === undefined ? "" : ` (${e.change})`),
      p.dim(e.url),
      "",
    );
    out.push(
      e.status === "failed"
        ? `Failed: ${e.error ?? "unknown error"}`
        : e.status === "skipped"
        ? `Skipped: ${skipReason(e)}`
        : e.warning !== undefined && e.content.trim() === ""
        ? `Warning: ${e.warning}`
        : e.content.trim(),
    );
  });
  return out.join("\n");
}

interface ResultFlags {
  id: string;
  changed?: boolean;
  detailed?: boolean;
  output?: string;
  format?: ExportFormat;
}

/**
 * The job's results: its final `results.json`, else (`partial`) a summary of
 * the URLs recorded so far.
 */
export async function readJobResults(
  store: JobStore,
  job: Job,
): Promise<{ results: JobResults; partial: boolean }> {
  const final = await store.readResults(job.id);
  if (final !== null) return { results: final, partial: false };
  const recorded = await store.readPartialResults(job.id);
  // A crawl's URLs so far: its start URLs and every URL with a result.
  const urls = job.options.crawl === undefined
    ? job.urls
    : [...new Set([...job.urls, ...recorded.map((e) => e.url)])];
  return { results: summarizeResults(job.id, urls, recorded), partial: true };
}

async function results(flags: ResultFlags, ctx: CommandContext): Promise<void> {
  // With --output, -o is about the report on stdout and --format about the file.
  if (
    ctx.json && flags.output === undefined && flags.format !== undefined && flags.format !== "json"
  ) {
    throw new UsageError(`Conflicting -o json and --format ${flags.format}: give one of them`);
  }
  const fileFormat = flags.output === undefined ? undefined : exportFormatFor(flags);
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const job = await store.get(id);
  const { results: read, partial } = await readJobResults(store, job);
  let data = read;
  if (flags.detailed && !flags.changed) {
    throw new UsageError(
      "Option --detailed goes with --changed: it shows what changed in the text",
    );
  }
  if (flags.changed) {
    if (job.options.rerun_of === undefined) {
      throw new UsageError(
        `Job ${job.id} is not a rerun: --changed compares a rerun with the job it reruns ` +
          "(riptide job-local rerun --id JOB)",
      );
    }
    // What is not the same as in the earlier job: new, changed and removed URLs.
    data = { ...data, extractions: data.extractions.filter((e) => e.change !== "same") };
  }
  const p = ctx.print;
  const note = partial
    ? data.extractions.length === 0
      ? job.status === "cancelled"
        ? `No results: job ${job.id} was cancelled ${
          job.history.some((h) => h.from === "running")
            ? "before any URL finished"
            : "while pending, before any URL ran"
        }`
        : `No results yet for job ${job.id} (status: ${job.status})`
      : `Partial results: ${data.extractions.length} of ${
        plural(Math.max(job.urls.length, job.progress.total), "URL")
      } so far (status: ${job.status})`
    : null;

  if (flags.output !== undefined && fileFormat !== undefined) {
    const format = fileFormat;
    const text = serializeResults(data, format);
    try {
      await atomicWriteFile(flags.output, text);
    } catch (err) {
      throw new UsageError(`Cannot write --output "${flags.output}": ${writeFailure(err)}`, {
        cause: err,
      });
    }
    const where = absolute(flags.output);
    if (ctx.json) {
      p.json({
        job_id: job.id,
        path: where,
        format,
        bytes: new TextEncoder().encode(text).length,
        extractions: data.extractions.length,
        partial,
      });
      if (note !== null) p.err(note);
    } else {
      if (note !== null) p.out(note);
      p.out(
        `Wrote ${plural(data.extractions.length, "result")} (${format}, ${
          formatBytes(new TextEncoder().encode(text).length)
        }) to ${where}`,
      );
    }
    return;
  }
  const format = flags.format ?? (ctx.json ? "json" : undefined);
  if (format !== undefined) {
    if (note !== null) p.err(note);
    p.exact(serializeResults(data, format)); // an export, exact like -o json
    return;
  }
  if (data.extractions.length === 0) {
    p.out(note ?? `No results for job ${job.id}`);
    return;
  }
  if (note !== null) p.out(note);
  p.out(renderResults(job, data, p));
  const earlierId = job.options.rerun_of;
  if (flags.detailed && earlierId !== undefined) {
    // The text each changed page had in the job rerun, against its text now.
    let earlier: Extraction[] = [];
    try {
      earlier = (await store.readResults(earlierId as JobId))?.extractions ??
        await store.readPartialResults(earlierId as JobId);
    } catch (err) {
      if (!(err instanceof JobNotFoundError)) throw err;
      p.err(`Job ${earlierId} (the job rerun) is gone: the diffs show the whole text as new`);
    }
    const before = new Map(earlier.map((e) => [e.url, e.content] as const));
    for (const e of data.extractions) {
      if (e.change !== "changed" && e.change !== "removed") continue;
      const diff = unifiedDiff(before.get(e.url) ?? "", e.content, {
        from: `${earlierId} ${e.url}`,
        to: `${job.id} ${e.url}`,
      });
      if (diff !== "") p.out(`\n${diff}`);
    }
  }
}

/** Export formats by file extension. */
const EXTENSION_FORMATS: Readonly<Record<string, ExportFormat>> = {
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
  ".md": "markdown",
  ".markdown": "markdown",
};

/**
 * The format of the `--output` file: `--format`, else the one its extension
 * names (`r.csv` is CSV), else JSON. A `--format` the extension contradicts
 * is a usage error.
 */
function exportFormatFor(flags: { output?: string; format?: ExportFormat }): ExportFormat {
  const path = flags.output ?? "";
  const ext = extname(path).toLowerCase();
  const implied = Object.hasOwn(EXTENSION_FORMATS, ext) ? EXTENSION_FORMATS[ext] : undefined;
  if (flags.format !== undefined && implied !== undefined && implied !== flags.format) {
    throw new UsageError(
      `Conflicting --format ${flags.format} and --output "${path}" (a ${ext} file is ${implied}): ` +
        "give one of them, or make them agree",
    );
  }
  return flags.format ?? implied ?? "json";
}

/** Why the export file could not be written, in a few words. */
function writeFailure(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "its directory does not exist";
  if (err instanceof Deno.errors.IsADirectory) return "it is a directory";
  if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
    return "permission denied";
  }
  return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}

function absolute(path: string): string {
  if (isAbsolute(path)) return path;
  try {
    return join(Deno.cwd(), path);
  } catch {
    // Reading the current directory may not be permitted; the given path still tells where.
    return path;
  }
}

/** Builds the `results` command. */
export function resultsCommand(): CommandUnknownOpts {
  return new Command("results")
    .description("Show or export a job's results (partial results while it runs)")
    .requiredOption("--id <id>", "job id, a unique prefix of one, or the short id (e.g. job_5e6f)")
    .addOption(
      new Option("--output <file>", "write the results to a file (atomically) instead of printing")
        .argParser(parseOutputPath),
    )
    .addOption(
      new Option(
        "--format <format>",
        `export format: ${EXPORT_FORMAT.list} (default with --output: from the file's ` +
          "extension, .json .jsonl .csv .md, else json; without: a table)",
      ).argParser(parseExportFormat),
    )
    .option(
      "--changed",
      "reruns: only the URLs that are new, changed or removed since the job rerun",
    )
    .option(
      "--detailed",
      "with --changed: a unified diff of each changed page's text against the job rerun",
    )
    .addOption(
      new Option(
        "-o, --output-format <format>",
        OUTPUT_MODE.list + ": json prints results.json exactly (default: table)",
      ).argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await results(flags, ctx);
    });
}
