/**
 * `riptide job-local logs`: a job's log, filtered, optionally followed.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  type LogEntry,
  type LogLevel,
  logLevelRank,
  parseInteger,
  parseLogLevel,
  UsageError,
} from "@riptide/core/base";
import {
  type CommandContext,
  createContext,
  interruptSignal,
  parseOutputMode,
} from "../context.ts";
import { followJob } from "../_follow.ts";
import { DETACHED_MESSAGE, EXIT } from "../errors.ts";
import { formatLogEntry } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** Largest `--lines`. */
export const MAX_LINES = 1_000_000;

interface LogFlags {
  id: string;
  follow?: boolean;
  level?: LogLevel;
  grep?: string;
  lines?: number;
}

/** A predicate for `--level` (minimum) and `--grep` (case-insensitive, message and URL). */
export function logFilter(flags: { level?: LogLevel; grep?: string }): (e: LogEntry) => boolean {
  const min = flags.level === undefined ? 0 : logLevelRank(flags.level);
  const needle = flags.grep?.toLowerCase();
  return (entry) => {
    if (logLevelRank(entry.level) < min) return false;
    if (needle === undefined) return true;
    return entry.message.toLowerCase().includes(needle) ||
      (entry.url ?? "").toLowerCase().includes(needle);
  };
}

/** `--lines` as logs takes it. */
export function parseLines(raw: string): number {
  return parseInteger("--lines", raw, { min: 1, max: MAX_LINES });
}

/** `--grep` as logs takes it. */
export function parseGrep(raw: string): string {
  if (raw === "") throw new UsageError("Invalid --grep: it is empty");
  return raw;
}

async function logs(flags: LogFlags, ctx: CommandContext): Promise<number> {
  const id = await ctx.resolveId(flags.id);
  const store = await ctx.store();
  const p = ctx.print;
  const keep = logFilter(flags);
  const print = (entries: LogEntry[]): void => {
    for (const entry of entries) {
      if (!keep(entry)) continue;
      if (ctx.json) p.jsonLine(entry);
      else p.out(formatLogEntry(entry, p));
    }
  };
  // One read of the log so far; --follow continues from its end.
  const first = await store.readLogsSince(id, null);
  const last = first.entries.filter(keep).slice(-(flags.lines ?? 100));
  if (!flags.follow) {
    if (ctx.json) p.json(last);
    else print(last);
    return EXIT.ok;
  }
  print(last);
  using interrupt = interruptSignal();
  const outcome = await followJob(store, id, {
    cursor: first.cursor,
    signal: interrupt.signal,
    onEntries: print,
    worker: await ctx.workerWatch(),
  });
  if (outcome.interrupted) {
    p.err(DETACHED_MESSAGE);
    return EXIT.interrupted;
  }
  if (outcome.stranded !== undefined) {
    p.err(`error: ${outcome.stranded}`);
    return EXIT.failure;
  }
  return EXIT.ok;
}

/** Builds the `logs` command. */
export function logsCommand(): CommandUnknownOpts {
  return new Command("logs")
    .description("Show a job's log: 2024-10-16 10:30:05 INFO message [url]")
    .requiredOption("--id <id>", "job id, a unique prefix of one, or the short id (e.g. job_5e6f)")
    .option("--follow", "keep printing new lines as they are written; ends when the job ends")
    .addOption(
      new Option(
        "--level <level>",
        "minimum level: debug, info, warn or error (warn shows warn and error) (default: debug)",
      ).argParser(parseLogLevel),
    )
    .addOption(
      new Option("--grep <text>", "only lines containing text (case-insensitive; message or URL)")
        .argParser(parseGrep),
    )
    .addOption(
      new Option("--lines <n>", `show the last n matching lines, 1 to ${MAX_LINES} (default: 100)`)
        .argParser(parseLines),
    )
    .addOption(
      new Option(
        "-o, --output-format <format>",
        OUTPUT_MODE.list +
          ": a JSON array (with --follow one JSON object per line) (default: table)",
      ).argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      Deno.exitCode = await logs(flags, ctx);
    });
}
