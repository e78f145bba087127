/**
 * `riptide job-local storage`: where jobs live, how many, how much space.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatBytes } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";
import { isJobId } from "@riptide/core/base";
import { join } from "@riptide/core/path";

async function storage(ctx: CommandContext): Promise<void> {
  const info = await (await ctx.store()).storageInfo();
  const p = ctx.print;
  if (ctx.json) {
    p.json({
      base_directory: info.baseDirectory,
      total_jobs: info.totalJobs,
      total_bytes: info.totalBytes,
      total_size: formatBytes(info.totalBytes),
      corrupted: info.corrupted.map((c) => ({ ...c, removed_by_cleanup: isJobId(c.name) })),
    });
    return;
  }
  p.out("Job Storage Information");
  p.out("");
  // Quoted as the spec shows it, so a path with spaces reads as one value.
  p.out(`Base Directory: ${JSON.stringify(info.baseDirectory)}`);
  p.out(`Total Jobs: ${info.totalJobs}`);
  p.out(`Total Size: ${formatBytes(info.totalBytes)}`);
  p.out(`Corrupted Entries: ${info.corrupted.length}`);
  for (const c of info.corrupted) p.out(`  ${c.name}: ${c.reason} (${formatBytes(c.bytes)})`);
  // cleanup removes damaged job entries only; a name that is not a job id may be
  // someone else's file, so it is left to the user (the advice says so).
  const damaged = info.corrupted.filter((c) => isJobId(c.name));
  const foreign = info.corrupted.filter((c) => !isJobId(c.name));
  if (damaged.length > 0) {
    p.out(
      `Remove the damaged job ${
        damaged.length === 1 ? "entry" : "entries"
      } with: riptide job-local cleanup --days 0 (finished jobs go too)`,
    );
  }
  for (const c of foreign) {
    p.out(
      `Not RipTide's, so cleanup leaves it: move or remove ${
        join(info.baseDirectory, c.name)
      } yourself`,
    );
  }
}

/** Builds the `storage` command. */
export function storageCommand(): CommandUnknownOpts {
  return new Command("storage")
    .description("Where jobs are stored, how many and how much space, and any corrupted entries")
    .addOption(
      new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (json includes bytes)")
        .argParser(
          parseOutputMode,
        ),
    )
    .action(async (_flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await storage(ctx);
    });
}
