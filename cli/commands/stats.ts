/**
 * `riptide job-local stats`: counts, average duration and success rate.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { JOB_PRIORITIES, JOB_STATUSES } from "@riptide/core/base";
import type { JobStats } from "@riptide/storage/base";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatDuration, type Printer, table } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** Priorities from critical to low, as stats shows them. */
const PRIORITIES_DESC = [...JOB_PRIORITIES].reverse();

/** `12.34s` as the specification shows it (from millisecond times); a minute or more as `2m 05s`. */
function formatSeconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(2)}s` : formatDuration(ms);
}

function share(n: number, total: number): string {
  return total === 0 ? "0.0%" : `${((n / total) * 100).toFixed(1)}%`;
}

/** The stats view: totals, then By Status (lifecycle order) and By Priority (critical first). */
export function renderStats(stats: JobStats, p: Printer): string {
  return [
    "Job Statistics",
    "",
    `Total Jobs: ${stats.total}`,
    `Average Duration: ${
      stats.averageDurationMs === null ? "-" : formatSeconds(stats.averageDurationMs)
    }`,
    `Success Rate: ${
      stats.successRate === null ? "-" : `${(stats.successRate * 100).toFixed(1)}%`
    }`,
    "",
    "By Status:",
    table(
      ["Status", "Count", "Share"],
      JOB_STATUSES.map((s) => [
        p.status(s),
        String(stats.byStatus[s]),
        share(stats.byStatus[s], stats.total),
      ]),
      { align: ["left", "right", "right"] },
    ),
    "",
    "By Priority:",
    table(
      ["Priority", "Count", "Share"],
      PRIORITIES_DESC.map((s) => [
        s,
        String(stats.byPriority[s]),
        share(stats.byPriority[s], stats.total),
      ]),
      { align: ["left", "right", "right"] },
    ),
  ].join("\n");
}

/** What `stats -o json` prints (and `GET /v1/stats` answers). */
export function statsRecord(result: JobStats): Record<string, unknown> {
  return {
    total_jobs: result.total,
    average_duration_ms: result.averageDurationMs,
    success_rate: result.successRate,
    by_status: Object.fromEntries(JOB_STATUSES.map((s) => [s, result.byStatus[s]])),
    by_priority: Object.fromEntries(PRIORITIES_DESC.map((s) => [s, result.byPriority[s]])),
  };
}

async function stats(ctx: CommandContext): Promise<void> {
  const result = await (await ctx.store()).stats();
  if (ctx.json) {
    ctx.print.json(statsRecord(result));
    return;
  }
  ctx.print.out(renderStats(result, ctx.print));
}

/** Builds the `stats` command. */
export function statsCommand(): CommandUnknownOpts {
  return new Command("stats")
    .description("Job statistics: totals, average duration, success rate, by status and priority")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (_flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await stats(ctx);
    });
}
