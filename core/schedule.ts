/**
 * Schedules (`riptide job-local schedule`): a job made again on a cron
 * expression or a fixed interval. The record every store keeps, the name
 * and interval rules, and the pure decisions of a tick: whether a schedule
 * is due, which tick runs after a gap (the catch-up policy), the job it
 * makes and the schedule after it.
 *
 * @module
 */

import { type CronExpression, nextCronTime, parseCron, parseTimeZone } from "./cron.ts";
import { UsageError } from "./errors.ts";
import type { JobPriority, Strategy, StrategyOptions } from "./job.ts";
import type { NewJob } from "./lifecycle.ts";
import { humanList, parseDuration } from "./parse.ts";

/** What a schedule does with ticks that fell due while no worker ran. */
export const CATCH_UP_POLICIES = ["one", "none"] as const;
/** A catch-up policy: `one` runs one job for all missed ticks, `none` runs none. */
export type CatchUpPolicy = typeof CATCH_UP_POLICIES[number];

/** The shortest `--every` interval, in ms. */
export const MIN_EVERY_MS = 1000;

/**
 * A tick is late when a worker reaches it this long after its time (capped
 * at half the interval to the tick after it, at least a second); under
 * `catch_up: none` a late tick is not run.
 */
export const CATCH_UP_GRACE_MS = 60_000;

/** The job a schedule makes at each tick: a submission without its time. */
export interface ScheduledJob {
  /** The job's name (null: the schedule's name). */
  name: string | null;
  /** Queue priority. */
  priority: JobPriority;
  /** The URLs, in order. */
  urls: string[];
  /** The extraction strategy. */
  strategy: Strategy;
  /** The job's own tags (`schedule:NAME` is added at each tick). */
  tags: string[];
  /** Strategy options, as `submit` stores them. */
  options: StrategyOptions;
}

/** A stored schedule (the filesystem store's `schedules/NAME.json`, a row in PostgreSQL). */
export interface Schedule {
  /** The name (see {@linkcode parseScheduleName}); jobs are tagged `schedule:NAME`. */
  name: string;
  /** The cron expression, or null for an interval schedule. */
  cron: string | null;
  /** The interval in ms (`--every`), or null for a cron schedule. */
  every_ms: number | null;
  /** The IANA time zone cron times are read in. */
  tz: string;
  /** What happens to ticks missed while no worker ran. */
  catch_up: CatchUpPolicy;
  /** Whether ticks are suspended (`schedule pause`). */
  paused: boolean;
  /** The template the job came from (`--template`), or null. */
  template: string | null;
  /** The job made at each tick. */
  job: ScheduledJob;
  /** When the schedule was added (ISO-8601). */
  created_at: string;
  /** When the schedule last changed (ISO-8601). */
  updated_at: string;
  /** The next tick (ISO-8601); null when it never runs again. */
  next_run_at: string | null;
  /** The last tick that made a job (ISO-8601), or null. */
  last_tick: string | null;
  /** The job the last tick made, or null. */
  last_job_id: string | null;
  /** Jobs made so far. */
  runs: number;
  /** Ticks that fell due and made no job of their own (missed, then caught up or dropped). */
  missed: number;
}

/** What a scheduled job records about its tick (`options.schedule`). */
export interface ScheduledRun {
  /** The schedule's name. */
  name: string;
  /** The tick this job stands for (ISO-8601): unique per schedule. */
  tick: string;
  /** Earlier ticks missed while no worker ran that this job catches up (0: on time). */
  missed: number;
}

/** The decision for one due schedule (see {@linkcode planTick}). */
export interface TickPlan {
  /** The tick claimed: the schedule's `next_run_at` as read (the key of the claim). */
  due: string;
  /** The tick the job stands for (the latest one due), ISO-8601. */
  tick: string;
  /** Ticks due before `tick` that get no job of their own. */
  missed: number;
  /** Whether a job is made (false: a late tick under `catch_up: none`). */
  run: boolean;
  /** The schedule's next tick, after now (ISO-8601), or null. */
  next_run_at: string | null;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,54}$/;

/**
 * Checks a schedule name: letters, digits, `_`, `.` and `-`, starting with a
 * letter or digit, at most 55 characters (so `schedule:NAME` is a valid tag).
 */
export function parseScheduleName(raw: string): string {
  const name = raw.trim();
  if (!NAME_RE.test(name)) {
    throw new UsageError(
      `Invalid schedule name "${raw}": use letters, digits, "_", "." or "-", starting with a ` +
        `letter or digit (at most 55)`,
    );
  }
  return name;
}

/** Parses an `--every` interval: a duration (`2s`, `15m`, `1h`) of at least a second. */
export function parseEvery(raw: string): number {
  let ms: number;
  try {
    ms = parseDuration(raw);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(`Invalid --every "${raw}": expected a duration such as 30s, 15m or 1h`, {
      cause: err,
    });
  }
  if (ms < MIN_EVERY_MS) {
    throw new UsageError(`Invalid --every "${raw}": the shortest interval is 1s`);
  }
  return ms;
}

/** Parses a `--catch-up` policy (`one` or `none`). */
export function parseCatchUp(raw: string): CatchUpPolicy {
  const value = raw.trim().toLowerCase();
  if (!(CATCH_UP_POLICIES as readonly string[]).includes(value)) {
    throw new UsageError(
      `Unknown catch-up policy "${raw}": expected ${humanList(CATCH_UP_POLICIES)}`,
    );
  }
  return value as CatchUpPolicy;
}

/** When a schedule runs: its cron expression or interval and its time zone. */
export type ScheduleTiming = Pick<Schedule, "cron" | "every_ms" | "tz">;

const parsedCron = new Map<string, CronExpression>();

function cronOf(source: string): CronExpression {
  let cron = parsedCron.get(source);
  if (cron === undefined) {
    cron = parseCron(source);
    if (parsedCron.size > 256) parsedCron.clear();
    parsedCron.set(source, cron);
  }
  return cron;
}

/**
 * The first tick of `timing` strictly after the instant `after` (ms), or
 * null when there is none. An interval schedule's ticks are `anchor + k ×
 * every_ms` (the anchor is a past tick, or the time it was added).
 */
export function nextTick(
  timing: ScheduleTiming,
  after: number,
  anchor: number = after,
): number | null {
  if (timing.every_ms !== null) {
    const every = timing.every_ms;
    if (anchor > after) return anchor;
    return anchor + (Math.floor((after - anchor) / every) + 1) * every;
  }
  if (timing.cron === null) {
    throw new TypeError("A schedule needs a cron expression or an interval");
  }
  return nextCronTime(cronOf(timing.cron), after, timing.tz);
}

/** The next `count` ticks after `after` (fewer if the schedule stops), for `schedule show`. */
export function nextTicks(
  timing: ScheduleTiming,
  after: number,
  options: { count: number; anchor?: number },
): number[] {
  const out: number[] = [];
  let t = after;
  let anchor = options.anchor ?? after;
  while (out.length < options.count) {
    const next = nextTick(timing, t, anchor);
    if (next === null) break;
    out.push(next);
    t = next;
    anchor = next;
  }
  return out;
}

/**
 * Checks a timing given by the user (exactly one of cron and interval, a
 * valid expression and zone) and returns it with the zone's canonical name.
 */
export function checkTiming(
  input: { cron?: string; every?: string; tz?: string },
  localZone: string,
): ScheduleTiming {
  if ((input.cron === undefined) === (input.every === undefined)) {
    throw new UsageError(
      input.cron === undefined
        ? 'A schedule needs --cron "EXPR" or --every DURATION'
        : "Options --cron and --every cannot be combined: give one",
    );
  }
  const tz = parseTimeZone(input.tz ?? localZone);
  if (input.cron !== undefined) {
    const cron = parseCron(input.cron);
    return { cron: cron.source, every_ms: null, tz };
  }
  return { cron: null, every_ms: parseEvery(input.every!), tz };
}

/** A new schedule's record (first tick after `now`). */
export function newSchedule(
  init: {
    name: string;
    timing: ScheduleTiming;
    catchUp: CatchUpPolicy;
    template: string | null;
    job: ScheduledJob;
    paused?: boolean;
  },
  now: Date,
): Schedule {
  const at = now.toISOString();
  const next = nextTick(init.timing, now.getTime());
  return {
    name: init.name,
    cron: init.timing.cron,
    every_ms: init.timing.every_ms,
    tz: init.timing.tz,
    catch_up: init.catchUp,
    paused: init.paused ?? false,
    template: init.template,
    job: init.job,
    created_at: at,
    updated_at: at,
    next_run_at: next === null ? null : new Date(next).toISOString(),
    last_tick: null,
    last_job_id: null,
    runs: 0,
    missed: 0,
  };
}

/** Whether a worker should look at `schedule` now: active and its tick has come. */
export function isDue(schedule: Schedule, now: number): boolean {
  return !schedule.paused && schedule.next_run_at !== null &&
    Date.parse(schedule.next_run_at) <= now;
}

/** Most missed ticks counted one by one (a long outage of a frequent schedule). */
const MAX_COUNTED_TICKS = 100_000;

/**
 * What a worker does with a due schedule at `now` (null when it is not
 * due): every tick from `next_run_at` to now is due; the latest of them is
 * the one run, the earlier ones are missed. `catch_up: one` runs that one
 * job however late; `none` runs it only if it is not late (see
 * {@linkcode CATCH_UP_GRACE_MS}). The next tick is the first after now, so
 * missed ticks are never run one by one.
 */
export function planTick(schedule: Schedule, now: number): TickPlan | null {
  if (!isDue(schedule, now)) return null;
  const due = schedule.next_run_at!;
  let tick = Date.parse(due);
  let missed = 0;
  let next = nextTick(schedule, tick, tick);
  if (schedule.every_ms !== null) {
    const behind = Math.floor((now - tick) / schedule.every_ms);
    missed = behind;
    tick += behind * schedule.every_ms;
    next = tick + schedule.every_ms;
  } else {
    while (next !== null && next <= now && missed < MAX_COUNTED_TICKS) {
      tick = next;
      missed++;
      next = nextTick(schedule, tick, tick);
    }
    if (next !== null && next <= now) next = nextTick(schedule, now);
  }
  const spacing = next === null ? CATCH_UP_GRACE_MS : next - tick;
  const grace = Math.max(1000, Math.min(CATCH_UP_GRACE_MS, spacing / 2));
  const late = now - tick > grace;
  return {
    due,
    tick: new Date(tick).toISOString(),
    missed,
    run: schedule.catch_up === "one" || !late,
    next_run_at: next === null ? null : new Date(next).toISOString(),
  };
}

/** The tag every job of schedule `name` carries. */
export function scheduleTag(name: string): string {
  return `schedule:${name}`;
}

/** The job a tick makes: the schedule's job, tagged `schedule:NAME`, with its tick recorded. */
export function scheduledJobInput(schedule: Schedule, plan: TickPlan, now: Date): NewJob {
  const tag = scheduleTag(schedule.name);
  const run: ScheduledRun = { name: schedule.name, tick: plan.tick, missed: plan.missed };
  return {
    name: schedule.job.name ?? schedule.name,
    priority: schedule.job.priority,
    urls: schedule.job.urls,
    strategy: schedule.job.strategy,
    tags: [tag, ...schedule.job.tags.filter((t) => t !== tag)],
    stream: false,
    options: { ...schedule.job.options, schedule: run },
    now,
  };
}

/** The schedule after a tick was claimed (and its job, if any, made as `jobId`). */
export function afterTick(
  schedule: Schedule,
  plan: TickPlan,
  init: { jobId: string | null; now: Date },
): Schedule {
  const ran = plan.run && init.jobId !== null;
  return {
    ...schedule,
    updated_at: init.now.toISOString(),
    next_run_at: plan.next_run_at,
    last_tick: ran ? plan.tick : schedule.last_tick,
    last_job_id: ran ? init.jobId : schedule.last_job_id,
    runs: schedule.runs + (ran ? 1 : 0),
    missed: schedule.missed + plan.missed + (ran ? 0 : 1),
  };
}

/** The schedule paused, or resumed with its next tick after `now` (ticks while paused are dropped). */
export function setPaused(schedule: Schedule, paused: boolean, now: Date): Schedule {
  if (schedule.paused === paused) return schedule;
  const next = paused ? null : nextTick(schedule, now.getTime());
  return {
    ...schedule,
    paused,
    updated_at: now.toISOString(),
    next_run_at: paused
      ? schedule.next_run_at
      : next === null
      ? null
      : new Date(next).toISOString(),
  };
}

/**
 * Checks a stored schedule's shape (a file or row read back), so damage is
 * one message rather than a crash later. Throws a `TypeError` naming the field.
 */
export function checkSchedule(value: unknown): Schedule {
  const v = value as Record<string, unknown> | null;
  const fail = (field: string): never => {
    throw new TypeError(`Invalid schedule: field "${field}" is missing or malformed`);
  };
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new TypeError("Invalid schedule: not an object");
  }
  if (typeof v.name !== "string" || !NAME_RE.test(v.name)) fail("name");
  if (v.cron !== null && typeof v.cron !== "string") fail("cron");
  if (v.every_ms !== null && !(typeof v.every_ms === "number" && v.every_ms >= MIN_EVERY_MS)) {
    fail("every_ms");
  }
  if ((v.cron === null) === (v.every_ms === null)) fail("cron");
  if (typeof v.tz !== "string") fail("tz");
  if (!(CATCH_UP_POLICIES as readonly unknown[]).includes(v.catch_up)) fail("catch_up");
  if (typeof v.paused !== "boolean") fail("paused");
  const job = v.job as Record<string, unknown> | null;
  if (job === null || typeof job !== "object" || !Array.isArray(job.urls)) fail("job");
  for (const field of ["created_at", "updated_at"]) {
    if (typeof v[field] !== "string") fail(field);
  }
  for (const field of ["next_run_at", "last_tick", "last_job_id", "template"]) {
    if (v[field] !== null && typeof v[field] !== "string") fail(field);
  }
  for (const field of ["runs", "missed"]) {
    if (typeof v[field] !== "number") fail(field);
  }
  return v as unknown as Schedule;
}
