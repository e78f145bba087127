/**
 * `riptide job-local cleanup`: remove old finished jobs and corrupted entries.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { parseDays } from "@riptide/core";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatBytes, formatTime, plural, table, zoneLabel } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

async function cleanup(flags: { days: number; dryRun?: boolean }, ctx: CommandContext) {
  const dryRun = flags.dryRun ?? false;
  const report = await (await ctx.store()).cleanup({ days: flags.days, dryRun });
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      dry_run: report.dryRun,
      days: flags.days,
      removed: report.removed,
      corrupted: report.corrupted,
      bytes_freed: report.bytesFreed,
    });
    return;
  }
  const jobs = plural(report.removed.length, "job");
  const corrupted = plural(report.corrupted.length, "corrupted entry", "corrupted entries");
  if (report.removed.length === 0 && report.corrupted.length === 0) {
    p.out(
      `Nothing to clean up: no finished jobs older than ${plural(flags.days, "day")} ` +
        "and no corrupted entries",
    );
    return;
  }
  p.out(
    dryRun
      ? `Would delete ${jobs} and ${corrupted}, freeing ${
        formatBytes(report.bytesFreed)
      } (dry run: nothing deleted)`
      : `Deleted ${jobs} and ${corrupted}, freed ${formatBytes(report.bytesFreed)}`,
  );
  if (report.removed.length > 0) {
    p.out(table(
      ["ID", "Status", `Finished (${zoneLabel()})`, "Size"],
      report.removed.map((r) => [
        r.id,
        p.status(r.status),
        formatTime(r.finished_at),
        formatBytes(r.bytes),
      ]),
      { align: ["left", "left", "left", "right"] },
    ));
  }
  if (report.corrupted.length > 0) {
    p.out("Corrupted entries:");
    for (const c of report.corrupted) p.out(`  ${c.name}: ${c.reason} (${formatBytes(c.bytes)})`);
  }
}

/** Builds the `cleanup` command. */
export function cleanupCommand(): CommandUnknownOpts {
  return new Command("cleanup")
    .description(
      "Delete finished jobs older than N days and corrupted job data (pending and running jobs " +
        "are never deleted); --days 0 removes every finished job and all corrupted entries",
    )
    .addOption(
      new Option("--days <n>", "age in days of finished jobs to delete, 0 to 36500")
        .argParser(parseDays)
        .makeOptionMandatory(),
    )
    .option("--dry-run", "only list what would be deleted")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)").argParser(
        parseOutputMode,
      ),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await cleanup(flags, ctx);
    });
}
