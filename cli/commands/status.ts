/**
 * `riptide job-local status`: one job in detail, optionally watched live.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { type Extraction, isTerminal, type Job, UsageError } from "@riptide/core/base";
import { type JobStore, waitingFor } from "@riptide/storage/base";
import {
  type CommandContext,
  createContext,
  interruptSignal,
  parseOutputMode,
  shortIdOf,
  sleep,
} from "../context.ts";
import { DETACHED_MESSAGE, EXIT, exitCodeForStatus } from "../errors.ts";
import {
  attempted,
  formatDuration,
  formatProgress,
  formatTime,
  formatTimeLabelled,
  type Printer,
  progressBar,
  statusLabel,
  table,
  truncate,
  zoneLabel,
} from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** The state of one URL of a job, as `status --detailed` shows it. */
export interface UrlState {
  url: string;
  /**
   * `pending` (not attempted yet), `success`, `failed`, or `skipped` (the job
   * ended first, or robots.txt disallows the URL: then `error` says so).
   */
  state: "pending" | "success" | "failed" | "skipped";
  error: string | null;
  title: string | null;
  characters: number | null;
  extraction_time_ms: number | null;
  fetch_time_ms: number | null;
  total_time_ms: number | null;
}

/** `fetch 120ms + extraction 2ms`, or null when nothing was timed. */
function describeTimes(s: UrlState): string | null {
  const parts = [
    s.fetch_time_ms === null ? null : `fetch ${formatDuration(s.fetch_time_ms)}`,
    s.extraction_time_ms === null ? null : `extraction ${formatDuration(s.extraction_time_ms)}`,
  ].filter((x) => x !== null);
  return parts.length === 0 ? null : parts.join(" + ");
}

/** Per-URL states from the results recorded so far (final or partial). */
export async function urlStates(store: JobStore, job: Job): Promise<UrlState[]> {
  const final = await store.readResults(job.id);
  const extractions: Extraction[] = final?.extractions ?? await store.readPartialResults(job.id);
  const byUrl = new Map(extractions.map((e) => [e.url, e] as const));
  const notRun = isTerminal(job.status) ? "skipped" : "pending";
  // A crawl's URLs: its start URLs, then each URL found, in the order found.
  const urls = job.options.crawl === undefined ? job.urls : [
    ...new Set([
      ...job.urls,
      ...(await store.readFrontier(job.id)).map((e) => e.url),
      ...extractions.map((e) => e.url),
    ]),
  ];
  return urls.map((url) => {
    const e = byUrl.get(url);
    if (e === undefined) {
      return {
        url,
        state: notRun,
        error: null,
        title: null,
        characters: null,
        extraction_time_ms: null,
        fetch_time_ms: null,
        total_time_ms: null,
      };
    }
    return {
      url,
      state: e.status,
      error: e.error ?? (e.reason === "robots.txt" ? "disallowed by robots.txt" : e.reason) ??
        null,
      title: e.metadata.title ?? null,
      characters: e.status === "success" ? e.content.length : null,
      extraction_time_ms: e.metadata.extraction_time_ms ?? null,
      fetch_time_ms: e.metadata.fetch_time_ms ?? null,
      total_time_ms: e.metadata.total_time_ms ?? null,
    };
  });
}

function durationLine(job: Job, now: Date): string | null {
  if (job.started_at === null) return null;
  // Stored times carry milliseconds, so a 0.2 s job says 200ms (not "1s").
  const start = Date.parse(job.started_at);
  if (job.completed_at !== null) return formatDuration(Date.parse(job.completed_at) - start);
  if (job.status === "running") return `${formatDuration(now.getTime() - start)} (running)`;
  return null;
}

/**
 * A crawl's counts: URLs discovered (start URLs included), fetched (a
 * request was made: extracted or failed) and queued (no result yet).
 */
export function crawlCounts(
  job: Job,
): { discovered: number; fetched: number; queued: number } | null {
  if (job.options.crawl === undefined) return null;
  const { total, completed, failed } = job.progress;
  const skipped = job.progress.skipped ?? 0;
  return {
    discovered: total,
    fetched: completed + failed,
    queued: Math.max(0, total - completed - failed - skipped),
  };
}

/** The status view (without the detailed sections). */
export function renderStatus(
  job: Job,
  p: Printer,
  options: { watch?: boolean; now?: Date; shortId?: string; waitingFor?: readonly string[] } = {},
): string {
  const lines: string[] = [
    `Job: ${job.id}` + (options.shortId === undefined ? "" : ` (short id ${options.shortId})`),
    `Name: ${job.name ?? "-"}`,
    `Status: ${statusLabel(job, p, options.waitingFor)}`,
    `Priority: ${job.priority}`,
    `Strategy: ${job.strategy}`,
    // The bar ends in the percentage, so the watch frame does not print it twice.
    options.watch
      ? `Progress: ${attempted(job.progress)}/${job.progress.total} ${
        progressBar(job.progress, 30)
      }`
      : `Progress: ${formatProgress(job.progress)}`,
  ];
  const crawl = crawlCounts(job);
  const settings = job.options.crawl;
  if (crawl !== null && settings !== undefined) {
    lines.push(
      `Crawl: ${crawl.discovered} discovered, ${crawl.fetched} fetched, ${crawl.queued} queued ` +
        `(depth ≤ ${settings.max_depth}, at most ${settings.max_pages} pages, ${settings.scope})`,
    );
  }
  if (job.progress.failed > 0) lines.push(`Failed URLs: ${job.progress.failed}`);
  const skipped = job.progress.skipped ?? 0;
  if (skipped > 0) lines.push(`Skipped URLs: ${skipped} (disallowed by robots.txt)`);
  if (job.progress.current_item && !isTerminal(job.status)) {
    lines.push(`Current: ${job.progress.current_item}`);
  }
  lines.push(`Created: ${formatTimeLabelled(job.created_at)}`);
  if (job.started_at !== null) lines.push(`Started: ${formatTimeLabelled(job.started_at)}`);
  if (job.completed_at !== null) lines.push(`Completed: ${formatTimeLabelled(job.completed_at)}`);
  const duration = durationLine(job, options.now ?? new Date());
  if (duration !== null) lines.push(`Duration: ${duration}`);
  if (job.tags.length > 0) lines.push(`Tags: ${job.tags.join(", ")}`);
  if (job.error) lines.push(`Error: ${job.error}`);
  return lines.join("\n");
}

/** The `--detailed` sections: every URL with its state, and the history. */
function renderDetails(job: Job, states: readonly UrlState[], p: Printer): string {
  const rows = states.map((s, i) => {
    const detail = s.state === "failed" || s.state === "skipped"
      ? s.error ?? ""
      : s.state === "success"
      ? [
        s.title ? truncate(s.title, 40) : null,
        s.characters !== null ? `${s.characters} chars` : null,
        describeTimes(s),
      ].filter((x) => x !== null).join(", ")
      : "";
    const state = s.state === "success"
      ? p.paint(s.state, 32)
      : s.state === "failed"
      ? p.paint(s.state, 31)
      : s.state;
    return [String(i + 1), truncate(s.url, 70), state, truncate(detail, 60)];
  });
  const history = job.history.map((h) =>
    `  ${formatTime(h.at)}  ${h.from === null ? "created" : h.from} → ${h.to}` +
    (h.reason ? ` (${h.reason})` : "")
  );
  return [
    "",
    "URLs:",
    table(["#", "URL", "State", "Detail"], rows, { align: ["right"] }),
    "",
    `History (${zoneLabel()}):`,
    ...(history.length > 0 ? history : ["  (none recorded)"]),
  ].join("\n");
}

function parseInterval(raw: string): number {
  const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < 0.1 || value > 3600) {
    throw new UsageError(`Invalid --interval "${raw}": expected seconds from 0.1 to 3600`);
  }
  return value;
}

interface StatusFlags {
  id: string;
  detailed?: boolean;
  watch?: boolean;
  interval?: number;
}

async function frame(
  store: JobStore,
  job: Job,
  flags: StatusFlags & { shortId: string },
  ctx: CommandContext,
) {
  const p = ctx.print;
  const waiting = await waitingFor(store, job);
  if (ctx.json) {
    const crawl = crawlCounts(job);
    const shown = {
      ...job,
      ...(crawl === null ? {} : { crawl_progress: crawl }),
      ...(waiting.length === 0 ? {} : { waiting_for: waiting }),
    };
    return flags.detailed ? { ...shown, url_states: await urlStates(store, job) } : shown;
  }
  let text = renderStatus(job, p, {
    watch: flags.watch ?? false,
    shortId: flags.shortId,
    waitingFor: waiting,
  });
  if (flags.detailed) text += `\n${renderDetails(job, await urlStates(store, job), p)}`;
  return text;
}

async function status(flags: StatusFlags, ctx: CommandContext): Promise<number> {
  if (flags.interval !== undefined && !flags.watch) {
    throw new UsageError("Option --interval only applies with --watch");
  }
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const p = ctx.print;
  const shown = { ...flags, shortId: await shortIdOf(store, id) };
  if (!flags.watch) {
    const view = await frame(store, await store.get(id), shown, ctx);
    if (typeof view === "string") p.out(view);
    else p.json(view);
    await ctx.reviveWorker();
    return EXIT.ok;
  }
  const worker = await ctx.workerWatch();
  const intervalMs = (flags.interval ?? 2) * 1000;
  using interrupt = interruptSignal();
  let last = "";
  for (;;) {
    const job = await store.get(id);
    const view = await frame(store, job, shown, ctx);
    if (typeof view === "string") {
      if (p.tty) {
        p.frame(view);
      } else if (view !== last) {
        if (last !== "") p.out("");
        p.out(view);
      }
      last = view;
    } else {
      const line = JSON.stringify(view);
      if (line !== last) p.jsonLine(view);
      last = line;
    }
    if (isTerminal(job.status)) return exitCodeForStatus(job.status);
    // Looked for at least every second, whatever the redraw interval: a dead
    // worker is noticed (and replaced) within 2 s.
    const until = performance.now() + intervalMs;
    let seen = job;
    while (!interrupt.signal.aborted && performance.now() < until) {
      const stranded = await worker.check(seen);
      if (stranded !== null) {
        p.err(`error: ${stranded}`);
        return EXIT.failure;
      }
      await sleep(Math.min(1000, until - performance.now()), interrupt.signal);
      if (performance.now() >= until) break;
      // The job as it is now: one that ended is drawn at once, not at the next redraw.
      seen = await store.get(id);
      if (isTerminal(seen.status)) break;
    }
    if (interrupt.signal.aborted) {
      p.err(DETACHED_MESSAGE);
      return EXIT.interrupted;
    }
  }
}

/** Builds the `status` command. */
export function statusCommand(): CommandUnknownOpts {
  return new Command("status")
    .description("Show one job: status, progress, times, error")
    .requiredOption("--id <id>", "job id, a unique prefix of one, or the short id (e.g. job_5e6f)")
    .option(
      "--detailed",
      "also every URL with its state (pending, success, failed, skipped) and the state history",
    )
    .option(
      "--watch",
      "redraw until the job ends; exit 0 completed, 1 failed, 3 cancelled, 130 on Ctrl-C",
    )
    .addOption(
      new Option(
        "--interval <seconds>",
        "seconds between redraws with --watch, 0.1 to 3600 (default: 2)",
      )
        .argParser(parseInterval),
    )
    .addOption(
      new Option(
        "-o, --output-format <format>",
        OUTPUT_MODE.list + ": json prints metadata.json exactly (--detailed adds url_states; " +
          "--watch prints one JSON line per change) (default: table)",
      ).argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      Deno.exitCode = await status(flags, ctx);
    });
}
