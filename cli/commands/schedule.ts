/**
 * `riptide job-local schedule`: jobs made again on a cron expression or an
 * interval. `add NAME (--cron "EXPR" | --every DURATION) [--tz ZONE]
 * [--catch-up one|none] (--template T | submit flags)`, `list`, `show NAME`
 * (with the next 5 runs), `pause NAME`, `resume NAME`, `remove NAME`. The
 * background worker fires the ticks (one job each, tagged `schedule:NAME`)
 * and stays up while a schedule is active.
 *
 * @module
 */

import { Command, type CommandUnknownOpts, Option } from "../_commander.ts";
import {
  checkTiming,
  newSchedule,
  nextTicks,
  parseCatchUp,
  parseScheduleName,
  type Schedule,
  type ScheduledJob,
  setPaused,
} from "@riptide/core/schedule";
import { UsageError } from "@riptide/core/base";
import { zoneOffset } from "@riptide/core/cron";
import type { ScheduleStore } from "@riptide/storage/schedule_store";
import { type CommandContext, createContext, parseOutputMode } from "../context.ts";
import { CliRuntimeError, errorMessage } from "../errors.ts";
import { formatTimeLabelled, keyValues, plural, table } from "../render.ts";
import { OUTPUT_MODE } from "../config.ts";
import { submitCommand } from "./submit.ts";
import { prepareSubmit, type SubmitFlags } from "../_submit_prepare.ts";

/** How many upcoming runs `schedule show` prints. */
const SHOWN_RUNS = 5;

/** Submit options that make no sense for a job made again and again. */
const NOT_SCHEDULABLE = new Set([
  "--stream",
  "--after",
  "--after-any-outcome",
  "--no-worker",
  "--output-format",
]);

/** The flags of `schedule add` (its own, then submit's). */
interface AddFlags extends SubmitFlags {
  cron?: string;
  every?: string;
  tz?: string;
  catchUp?: "one" | "none";
  paused?: boolean;
  template?: string;
}

function outputFormat(): Option {
  return new Option("-o, --output-format <format>", OUTPUT_MODE.list + " (default: table)")
    .argParser(parseOutputMode);
}

function nameArgument(raw: string): string {
  return parseScheduleName(raw);
}

/** The local time zone (the runtime's, `TZ` when set), the default of `--tz`. */
function localZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

async function scheduleStore(ctx: CommandContext): Promise<ScheduleStore> {
  const store = await ctx.store();
  const schedules = store.schedules?.();
  if (schedules === undefined) {
    throw new CliRuntimeError(`The store at ${store.location} keeps no schedules`);
  }
  return schedules;
}

/** `2026-03-09 09:00:00 +01:00` in `timeZone`. */
function inZone(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  const offset = zoneOffset(timeZone, t);
  const wall = new Date(t + offset).toISOString().slice(0, 19).replace("T", " ");
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? "-" : "+";
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${wall} ${sign}${hh}:${mm}`;
}

/** An interval as its non-zero units: `2s`, `1h`, `1m 30s`. */
function intervalText(ms: number): string {
  const units: [string, number][] = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], [
    "s",
    1000,
  ], ["ms", 1]];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join(" ");
}

function whenText(s: Schedule): string {
  return s.cron !== null ? `cron "${s.cron}" (${s.tz})` : `every ${intervalText(s.every_ms!)}`;
}

function stateText(s: Schedule): string {
  return s.paused ? "paused" : s.next_run_at === null ? "ended" : "active";
}

/** The next runs of an active schedule, ISO-8601. */
function upcoming(s: Schedule, now: number): string[] {
  if (s.paused || s.next_run_at === null) return [];
  const first = Date.parse(s.next_run_at);
  // A due tick (a worker is about to take it) is the next run; after it, the schedule's own.
  const rest = nextTicks(s, Math.max(first, now), {
    count: SHOWN_RUNS - 1,
    ...(s.every_ms === null ? {} : { anchor: first + s.every_ms }),
  });
  return [first, ...rest].slice(0, SHOWN_RUNS).map((t) => new Date(t).toISOString());
}

/** The job a schedule makes, from a prepared submission. */
function scheduledJob(input: Awaited<ReturnType<typeof prepareSubmit>>["input"]): ScheduledJob {
  return {
    name: input.name,
    priority: input.priority,
    urls: [...input.urls],
    strategy: input.strategy,
    tags: [...input.tags],
    options: input.options,
  };
}

async function add(name: string, flags: AddFlags, ctx: CommandContext): Promise<void> {
  // Every check first; nothing is written before the last one passed.
  const timing = checkTiming(
    {
      ...(flags.cron === undefined ? {} : { cron: flags.cron }),
      ...(flags.every === undefined ? {} : { every: flags.every }),
      ...(flags.tz === undefined ? {} : { tz: flags.tz }),
    },
    localZone(),
  );
  if (flags.every !== undefined && flags.tz !== undefined) {
    throw new UsageError("Option --tz applies to --cron schedules only (an interval has no zone)");
  }
  const { input } = await prepareSubmit({ ...flags, worker: false }, ctx);
  const schedules = await scheduleStore(ctx);
  const schedule = newSchedule({
    name,
    timing,
    catchUp: flags.catchUp ?? "one",
    template: flags.template ?? null,
    job: scheduledJob(input),
    paused: flags.paused === true,
  }, new Date());
  if (await schedules.add(schedule) === "exists") {
    throw new UsageError(
      `A schedule named "${name}" already exists: remove it first or choose another name`,
    );
  }
  const started = flags.worker && !schedule.paused ? await startWorker(ctx, name) : false;
  const p = ctx.print;
  if (ctx.json) {
    p.json({ ...schedule, next_runs: upcoming(schedule, Date.now()), worker_started: started });
    return;
  }
  p.out(`Added schedule ${p.bold(name)}: ${whenText(schedule)}`);
  p.out(
    `  each run makes a job of ${plural(schedule.job.urls.length, "URL")} tagged schedule:${name}` +
      (schedule.template === null ? "" : ` (from template ${schedule.template})`),
  );
  if (schedule.paused) p.out("  Paused: resume it with riptide job-local schedule resume " + name);
  else p.out(`  Next run: ${formatTimeLabelled(schedule.next_run_at)}`);
  if (!flags.worker && !schedule.paused) {
    p.out("  No worker started (--no-worker): the next list or status starts one");
  }
}

/** Starts the background worker that fires the ticks; true when one was started or alive. */
async function startWorker(ctx: CommandContext, name: string): Promise<boolean> {
  if (ctx.config.exists) Deno.env.set("RIPTIDE_CONFIG", ctx.config.path);
  const { ensureWorker } = await import("../worker_spawn.ts");
  try {
    await ensureWorker({ home: ctx.home, store: await ctx.store() });
    return true;
  } catch (err) {
    throw new CliRuntimeError(
      `Schedule ${name} is stored, but no background worker could be started (${
        errorMessage(err)
      }): run riptide job-local worker`,
      { cause: err },
    );
  }
}

async function list(ctx: CommandContext): Promise<void> {
  const { schedules, warnings } = await (await scheduleStore(ctx)).list();
  const p = ctx.print;
  for (const warning of warnings) p.warn(warning);
  // Like list and status: a worker that died while a schedule is active is started again.
  await ctx.reviveWorker();
  if (ctx.json) {
    p.json({ schedules, total: schedules.length });
    return;
  }
  if (schedules.length === 0) {
    p.out("No schedules (add one with riptide job-local schedule add NAME --every 1h --url URL)");
    return;
  }
  p.out(table(
    ["Name", "When", "State", "Next run", "Runs", "Last job"],
    schedules.map((s) => [
      s.name,
      whenText(s),
      stateText(s),
      s.paused ? "-" : formatTimeLabelled(s.next_run_at),
      String(s.runs),
      s.last_job_id ?? "-",
    ]),
  ));
}

async function show(name: string, ctx: CommandContext): Promise<void> {
  const schedule = await (await scheduleStore(ctx)).get(name);
  const next = upcoming(schedule, Date.now());
  const p = ctx.print;
  if (ctx.json) {
    p.json({ ...schedule, state: stateText(schedule), next_runs: next });
    return;
  }
  const job = schedule.job;
  p.out(keyValues([
    ["Schedule", schedule.name],
    ["When", whenText(schedule)],
    ["State", stateText(schedule)],
    [
      "Catch-up",
      `${schedule.catch_up} (missed ticks ${
        schedule.catch_up === "one" ? "run once when a worker is back" : "are not run"
      })`,
    ],
    [
      "Job",
      `${plural(job.urls.length, "URL")}, strategy ${job.strategy}, priority ${job.priority}` +
      (job.name === null ? "" : `, name ${job.name}`),
    ],
    ["Tags", [`schedule:${schedule.name}`, ...job.tags].join(", ")],
    ["Template", schedule.template ?? "-"],
    ["Runs", `${schedule.runs} (${plural(schedule.missed, "missed tick")})`],
    ["Last job", schedule.last_job_id ?? "-"],
    ["Created", formatTimeLabelled(schedule.created_at)],
  ]));
  if (next.length === 0) {
    p.out(schedule.paused ? "Paused: no runs until resumed" : "No further runs");
    return;
  }
  p.out(`Next ${plural(next.length, "run")}:`);
  const zone = schedule.cron === null ? "UTC" : schedule.tz;
  for (const iso of next) p.out(`  ${inZone(iso, zone)}  (${iso})`);
}

async function setState(
  name: string,
  paused: boolean,
  flags: { worker?: boolean },
  ctx: CommandContext,
): Promise<void> {
  const schedule = await (await scheduleStore(ctx)).update(
    name,
    (s) => setPaused(s, paused, new Date()),
  );
  const started = !paused && flags.worker !== false ? await startWorker(ctx, name) : false;
  const p = ctx.print;
  if (ctx.json) {
    p.json({ ...schedule, state: stateText(schedule), worker_started: started });
    return;
  }
  p.out(
    paused
      ? `Paused schedule ${p.bold(name)}: no jobs until it is resumed`
      : `Resumed schedule ${p.bold(name)}: next run ${formatTimeLabelled(schedule.next_run_at)}`,
  );
}

async function remove(name: string, ctx: CommandContext): Promise<void> {
  const schedule = await (await scheduleStore(ctx)).remove(name);
  const p = ctx.print;
  if (ctx.json) {
    p.json({ removed: schedule.name, runs: schedule.runs });
    return;
  }
  p.out(
    `Removed schedule ${p.bold(name)} (its ${plural(schedule.runs, "job")} stay; ` +
      `list them with riptide job-local list --tag schedule:${name})`,
  );
}

/** The `add` subcommand: its own options, then every schedulable option of `submit`. */
function addCommand(): Command {
  const cmd = new Command("add")
    .description(
      "Add a schedule: a job made on a cron expression or an interval, from a template or " +
        "the flags of submit",
    )
    .argument(
      "<name>",
      "the schedule's name (letters, digits, _ . -); jobs are tagged schedule:NAME",
      nameArgument,
    )
    .option("--cron <expr>", 'a 5-field cron expression, e.g. "0 6 * * mon-fri" or @daily')
    .option("--every <duration>", "an interval of at least 1s, e.g. 30s, 15m, 2h")
    .option("--tz <zone>", "the IANA time zone of --cron, e.g. Europe/Paris (default: local)")
    .addOption(
      new Option(
        "--catch-up <policy>",
        `ticks missed while no worker ran: one (one job for all of them) or none (skip them) ` +
          `(default: one)`,
      ).argParser(parseCatchUp),
    )
    .option("--paused", "add it paused (resume it later)")
    .option("--no-worker", "do not start a background worker (the next list or status starts one)")
    .addOption(outputFormat());
  for (const option of submitCommand().options) {
    const flag = option.long ?? option.short ?? "";
    if (!NOT_SCHEDULABLE.has(flag)) cmd.addOption(option as Option);
  }
  return cmd.action(async (name: string, flags: AddFlags, command: CommandUnknownOpts) => {
    await using ctx = await createContext(command.optsWithGlobals());
    await add(name, flags, ctx);
  }) as unknown as Command;
}

/** Builds the `schedule` command group (under `job-local`). */
export function scheduleCommand(): CommandUnknownOpts {
  const group = new Command("schedule")
    .description(
      "Make jobs on a schedule (cron or interval); the background worker runs them and " +
        "stays up while a schedule is active",
    )
    .usage("[options] <command>")
    .helpCommand("help [command...]", "show help for a command")
    .argument("[command]")
    .action((name: string | undefined) => {
      throw new UsageError(
        name === undefined
          ? "Missing command: see riptide job-local schedule --help for the commands"
          : `Unknown command "${name}": see riptide job-local schedule --help for the commands`,
      );
    });
  group.addCommand(addCommand());
  group.addCommand(
    new Command("list")
      .description("List the schedules with their next run")
      .addOption(outputFormat())
      .action(async (_flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await list(ctx);
      }),
  );
  group.addCommand(
    new Command("show")
      .description(`Show a schedule and its next ${SHOWN_RUNS} run times`)
      .argument("<name>", "the schedule", nameArgument)
      .addOption(outputFormat())
      .action(async (name, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await show(name, ctx);
      }),
  );
  group.addCommand(
    new Command("pause")
      .description("Stop making jobs until resumed (ticks meanwhile are not caught up)")
      .argument("<name>", "the schedule", nameArgument)
      .addOption(outputFormat())
      .action(async (name, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await setState(name, true, {}, ctx);
      }),
  );
  group.addCommand(
    new Command("resume")
      .description("Make jobs again from the next tick on")
      .argument("<name>", "the schedule", nameArgument)
      .option("--no-worker", "do not start a background worker")
      .addOption(outputFormat())
      .action(async (name, flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await setState(name, false, flags, ctx);
      }),
  );
  group.addCommand(
    new Command("remove")
      .description("Remove a schedule (the jobs it made stay)")
      .argument("<name>", "the schedule", nameArgument)
      .addOption(outputFormat())
      .action(async (name, _flags, cmd) => {
        await using ctx = await createContext(cmd.optsWithGlobals());
        await remove(name, ctx);
      }),
  );
  return group as unknown as CommandUnknownOpts;
}
