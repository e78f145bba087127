/**
 * `riptide job-local cleanup`: remove old finished jobs and corrupted entries.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { DEFAULT_CACHE_MAX_BYTES } from "@riptide/core/http_cache";
import { parseDays } from "@riptide/core/base";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatBytes, formatTime, plural, table, zoneLabel } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

async function cleanup(flags: { days: number; dryRun?: boolean }, ctx: CommandContext) {
  const dryRun = flags.dryRun ?? false;
  const store = await ctx.store();
  const now = new Date();
  const report = await store.cleanup({ days: flags.days, dryRun, now });
  // The HTTP cache: entries not fetched or confirmed within the days go, then
  // the oldest ones beyond the cap.
  const maxBytes = ctx.config.store.cache_max_bytes ?? DEFAULT_CACHE_MAX_BYTES;
  const cache = await store.httpCache().prune({
    maxBytes,
    olderThan: new Date(now.getTime() - flags.days * 86_400_000),
    dryRun,
  });
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      dry_run: report.dryRun,
      days: flags.days,
      removed: report.removed,
      corrupted: report.corrupted,
      bytes_freed: report.bytesFreed,
      cache: {
        removed: cache.removed,
        bytes_freed: cache.bytesFreed,
        entries: cache.entries,
        bytes: cache.bytes,
        max_bytes: maxBytes,
      },
    });
    return;
  }
  const cacheLine = `HTTP cache: ${dryRun ? "would remove" : "removed"} ${
    plural(cache.removed, "entry", "entries")
  } (${formatBytes(cache.bytesFreed)}); ${plural(cache.entries, "entry", "entries")} (${
    formatBytes(cache.bytes)
  }) ${dryRun ? "would stay" : "left"}, cap ${formatBytes(maxBytes)}`;
  const jobs = plural(report.removed.length, "job");
  const corrupted = plural(report.corrupted.length, "corrupted entry", "corrupted entries");
  if (report.removed.length === 0 && report.corrupted.length === 0) {
    p.out(
      `Nothing to clean up: no finished jobs older than ${plural(flags.days, "day")} ` +
        "and no corrupted entries",
    );
    if (cache.removed > 0) p.out(cacheLine);
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
  if (cache.removed > 0) p.out(cacheLine);
}

/** Builds the `cleanup` command. */
export function cleanupCommand(): CommandUnknownOpts {
  return new Command("cleanup")
    .description(
      "Delete finished jobs older than N days and corrupted job data (pending and running jobs " +
        "are never deleted), and HTTP cache entries not fetched or confirmed within N days or " +
        "beyond the cache's cap (store.cache_max_bytes); --days 0 removes every finished job, " +
        "all corrupted entries and the whole cache",
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
