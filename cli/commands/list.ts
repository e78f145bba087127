/**
 * `riptide job-local list`: stored jobs, newest first.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  type Job,
  type JobPriority,
  type JobStatus,
  parseInteger,
  parseListTime,
  parsePriority,
  parseStatus,
  parseStrategy,
  parseTags,
  PRIORITY,
  STATUS,
  STRATEGY,
  type Strategy,
  UsageError,
} from "@riptide/core/base";
import { type JobFilter, type JobList, waitingFor } from "@riptide/storage/base";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { formatProgress, formatTime, statusLabel, table, truncate, zoneLabel } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";

/** Largest `--limit`. */
export const MAX_LIMIT = 100_000;

/** The list table exactly as specified (ID, Name, Status, Priority, Progress, Created). */
export function renderJobTable(
  list: JobList,
  ctx: CommandContext,
  waiting: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const p = ctx.print;
  const rows = list.jobs.map((job: Job) => [
    list.shortIds.get(job.id) ?? job.id,
    job.name === null ? "-" : truncate(job.name, 30),
    statusLabel(job, p, (waiting.get(job.id) ?? []).map((id) => list.shortIds.get(id) ?? id)),
    job.priority,
    formatProgress(job.progress),
    formatTime(job.created_at),
  ]);
  return table(["ID", "Name", "Status", "Priority", "Progress", `Created (${zoneLabel()})`], rows);
}

/** What `list -o json` prints (and `GET /v1/jobs` answers). */
export function listRecord(
  result: JobList,
  waiting: ReadonlyMap<string, readonly string[]> = new Map(),
): Record<string, unknown> {
  return {
    total: result.total,
    count: result.jobs.length,
    jobs: result.jobs.map((job) => ({
      short_id: result.shortIds.get(job.id) ?? job.id,
      ...job,
      ...(waiting.has(job.id) ? { waiting_for: waiting.get(job.id) } : {}),
    })),
  };
}

/** `--limit` as list takes it. */
export function parseLimit(raw: string): number {
  return parseInteger("--limit", raw, { min: 1, max: MAX_LIMIT });
}

/** `--tag` as list takes it (one tag). */
export function parseTag(raw: string): string {
  const tags = parseTags(raw);
  if (tags.length !== 1) throw new UsageError(`Invalid --tag "${raw}": give one tag`);
  return tags[0]!;
}

async function list(
  flags: ListFlags,
  ctx: CommandContext,
): Promise<void> {
  const filter: JobFilter = { limit: flags.limit ?? 50 };
  if (flags.status) filter.status = flags.status;
  if (flags.priority) filter.priority = flags.priority;
  if (flags.tag) filter.tag = flags.tag;
  if (flags.name !== undefined) filter.nameGlob = flags.name;
  if (flags.strategy !== undefined) filter.strategy = flags.strategy;
  if (flags.url !== undefined) filter.url = flags.url;
  if (flags.since !== undefined) filter.createdAfter = flags.since;
  if (flags.until !== undefined) filter.createdBefore = flags.until;
  if (flags.since !== undefined && flags.until !== undefined && flags.since >= flags.until) {
    throw new UsageError(
      `Options --since and --until select nothing: --since is ${flags.since.toISOString()}, ` +
        `not before --until ${flags.until.toISOString()}`,
    );
  }
  const store = await ctx.store();
  const result = await store.list(filter);
  const p = ctx.print;
  for (const warning of result.warnings) p.warn(warning);
  const waiting = new Map<string, string[]>();
  for (const job of result.jobs) {
    const on = await waitingFor(store, job);
    if (on.length > 0) waiting.set(job.id, on);
  }
  if (ctx.json) {
    p.json(listRecord(result, waiting));
    return;
  }
  const shown = result.jobs.length < result.total
    ? `Found ${result.total} job(s), showing the newest ${result.jobs.length}`
    : `Found ${result.total} job(s)`;
  p.out(shown);
  if (result.jobs.length > 0) p.out(renderJobTable(result, ctx, waiting));
}

/** The flags of `list`. */
interface ListFlags {
  status?: JobStatus;
  priority?: JobPriority;
  tag?: string;
  limit?: number;
  name?: string;
  since?: Date;
  until?: Date;
  strategy?: Strategy;
  url?: string;
}

/** A non-empty text flag value (`--name`, `--url`). */
function nonEmpty(flag: string): (raw: string) => string {
  return (raw) => {
    if (raw.trim() === "") throw new UsageError(`Invalid ${flag} "${raw}": it is empty`);
    return raw.trim();
  };
}

/** Builds the `list` command. */
export function listCommand(): CommandUnknownOpts {
  return new Command("list")
    .description("List jobs, newest first")
    .addOption(
      new Option(
        "--status <status>",
        `only jobs in this status: ${STATUS.list}`,
      ).argParser(parseStatus),
    )
    .addOption(
      new Option(
        "--priority <priority>",
        `only jobs with this priority: ${PRIORITY.list}`,
      )
        .argParser(parsePriority),
    )
    .addOption(new Option("--tag <tag>", "only jobs with this tag").argParser(parseTag))
    .addOption(
      new Option("--name <glob>", "only jobs whose name matches this glob (* and ?, any case)")
        .argParser(nonEmpty("--name")),
    )
    .addOption(
      new Option("--since <when>", "only jobs created since: a duration back (2d, 12h) or a date")
        .argParser((raw) => parseListTime("--since", raw)),
    )
    .addOption(
      new Option(
        "--until <when>",
        "only jobs created before: a duration back (1h) or a date (a bare date: through that day, UTC)",
      ).argParser((raw) => parseListTime("--until", raw, { endOfDay: true })),
    )
    .addOption(
      new Option("--strategy <strategy>", `only jobs with this strategy: ${STRATEGY.list}`)
        .argParser(parseStrategy),
    )
    .addOption(
      new Option("--url <text>", "only jobs with a URL containing this text (any case)")
        .argParser(nonEmpty("--url")),
    )
    .addOption(
      new Option("--limit <n>", `at most this many jobs, 1 to ${MAX_LIMIT} (default: 50)`)
        .argParser(parseLimit),
    )
    .addOption(
      new Option(
        "-o, --output-format <format>",
        OUTPUT_MODE.list + " (default: table, or defaults.output in the config)",
      ).argParser(parseOutputMode),
    )
    .action(async (flags, cmd) => {
      await using ctx = await createContext(cmd.optsWithGlobals());
      await list(flags, ctx);
      await ctx.reviveWorker();
    });
}
