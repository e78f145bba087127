/**
 * Standard 5-field cron expressions and their run times in a time zone:
 * {@linkcode parseCron} reads `minute hour day-of-month month day-of-week`
 * (lists, ranges, steps, month and day names, `@daily` and the other
 * macros), {@linkcode nextCronTime} finds the next run after an instant.
 * Pure: time zones come from the runtime's `Intl` data, nothing is read.
 *
 * Daylight saving time, the way cronie and Vixie cron handle it:
 *
 * - A schedule whose hour field is `*` follows real time: a wall time the
 *   clocks skip is not run, and a wall time that occurs twice runs twice
 *   (`0 * * * *` runs once per real hour across both changes).
 * - A schedule at fixed hours runs once per matching day: a wall time the
 *   clocks skip runs at the moment they jump (`30 2 * * *` runs at 03:00 on
 *   the day 02:00 becomes 03:00), and a wall time that occurs twice runs only
 *   the first time.
 *
 * @module
 */

import { UsageError } from "./errors.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A parsed cron expression (see {@linkcode parseCron}). */
export interface CronExpression {
  /** The expression as given (trimmed, macros kept). */
  readonly source: string;
  /** `minute[m]` for m in 0–59. */
  readonly minute: readonly boolean[];
  /** `hour[h]` for h in 0–23. */
  readonly hour: readonly boolean[];
  /** `dayOfMonth[d]` for d in 1–31 (index 0 unused). */
  readonly dayOfMonth: readonly boolean[];
  /** `month[m]` for m in 1–12 (index 0 unused). */
  readonly month: readonly boolean[];
  /** `dayOfWeek[d]` for d in 0–6, Sunday 0. */
  readonly dayOfWeek: readonly boolean[];
  /**
   * Whether the day-of-month field starts with `*`. When neither day field
   * does, a day matches if either matches (the usual cron OR rule);
   * otherwise both must.
   */
  readonly dayOfMonthStar: boolean;
  /** Whether the day-of-week field starts with `*` (see `dayOfMonthStar`). */
  readonly dayOfWeekStar: boolean;
  /** Whether the hour field is `*`: the schedule then follows real time across DST changes. */
  readonly everyHour: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Names start at this value (months at 1, days at 0). */
  namesFrom?: number;
}

const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  // 7 is Sunday too, as in every cron.
  { name: "day-of-week", min: 0, max: 7, names: DAY_NAMES, namesFrom: 0 },
];

const MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Days in each month of a leap year: a day-of-month is possible if it is at most this. */
const MAX_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function cronError(source: string, why: string): UsageError {
  return new UsageError(`Invalid cron expression "${source}": ${why}`);
}

function parseValue(raw: string, spec: FieldSpec, source: string): number {
  if (/^\d+$/.test(raw)) {
    const value = Number(raw);
    if (value < spec.min || value > spec.max) {
      throw cronError(
        source,
        `${spec.name} ${value} is out of range (${spec.min}-${spec.max})`,
      );
    }
    return value;
  }
  const index = spec.names?.indexOf(raw.toLowerCase()) ?? -1;
  if (index < 0) {
    throw cronError(
      source,
      `"${raw}" is not a ${spec.name} value` +
        (spec.names === undefined ? "" : ` (a number or a name such as ${spec.names[1]})`),
    );
  }
  return index + (spec.namesFrom ?? 0);
}

function parseField(raw: string, spec: FieldSpec, source: string): boolean[] {
  const out = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of raw.split(",")) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (m === null) throw cronError(source, `"${item}" in the ${spec.name} field is malformed`);
    const [, range, stepRaw] = m as unknown as [string, string, string | undefined];
    const step = stepRaw === undefined ? 1 : Number(stepRaw);
    if (step < 1 || step > spec.max) {
      throw cronError(source, `step /${stepRaw} in the ${spec.name} field is out of range`);
    }
    let lo: number;
    let hi: number;
    if (range === "*") {
      lo = spec.min;
      hi = spec.name === "day-of-week" ? 6 : spec.max;
    } else {
      const dash = range.indexOf("-", 1);
      lo = parseValue(dash < 0 ? range : range.slice(0, dash), spec, source);
      // `5/15` means 5 to the end of the field by 15, as in cronie.
      hi = dash < 0
        ? (stepRaw === undefined ? lo : spec.name === "day-of-week" ? 6 : spec.max)
        : parseValue(range.slice(dash + 1), spec, source);
      if (hi < lo) {
        throw cronError(source, `range ${range} in the ${spec.name} field runs backwards`);
      }
    }
    for (let v = lo; v <= hi; v += step) out[v] = true;
  }
  return out;
}

/**
 * Parses a standard 5-field cron expression (`minute hour day-of-month
 * month day-of-week`): `*`, numbers, `a-b` ranges, `/n` steps, `,` lists,
 * month names (`jan`–`dec`) and day names (`sun`–`sat`, 0 or 7 is Sunday),
 * any letter case; or one of `@yearly`, `@annually`, `@monthly`, `@weekly`,
 * `@daily`, `@midnight`, `@hourly`. A malformed expression, or one that can
 * never match (`0 0 30 2 *`), is a `UsageError` naming the problem.
 *
 * @example
 * ```ts
 * import { parseCron } from "@riptide/core";
 * const cron = parseCron("*\/15 9-17 * * mon-fri");
 * cron.minute[30]; // true
 * cron.dayOfWeek[0]; // false (Sunday)
 * ```
 */
export function parseCron(raw: string): CronExpression {
  const source = raw.trim();
  const expanded = source.startsWith("@") ? MACROS[source.toLowerCase()] : source;
  if (expanded === undefined) {
    throw cronError(
      source,
      `unknown macro (expected ${Object.keys(MACROS).join(", ")}, or 5 fields)`,
    );
  }
  const parts = expanded.split(/\s+/).filter((p) => p !== "");
  if (parts.length !== 5) {
    throw cronError(
      source,
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    );
  }
  const [minute, hour, dom, month, dow] = parts.map((part, i) =>
    parseField(part, FIELDS[i]!, source)
  ) as [boolean[], boolean[], boolean[], boolean[], boolean[]];
  if (dow[7] === true) dow[0] = true;
  dow.length = 7;
  const cron: CronExpression = {
    source,
    minute,
    hour,
    dayOfMonth: dom,
    month,
    dayOfWeek: dow,
    dayOfMonthStar: parts[2]!.startsWith("*"),
    dayOfWeekStar: parts[4]!.startsWith("*"),
    everyHour: parts[1] === "*",
  };
  // With the OR rule any day of week matches some day; otherwise some chosen
  // month must have some chosen day (29 February counts: leap years come).
  const orRule = !cron.dayOfMonthStar && !cron.dayOfWeekStar;
  if (!orRule) {
    const possible = month.some((on, m) => on && dom.some((d, day) => d && day <= MAX_DAYS[m]!));
    if (!possible) throw cronError(source, "it never matches (no such day in the months given)");
  }
  return cron;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(cron: CronExpression, wall: Date): boolean {
  const dom = cron.dayOfMonth[wall.getUTCDate()] === true;
  const dow = cron.dayOfWeek[wall.getUTCDay()] === true;
  return cron.dayOfMonthStar || cron.dayOfWeekStar ? dom && dow : dom || dow;
}

/**
 * The first wall-clock minute at or after `fromWall` that matches `cron`.
 * Wall times are "naive" milliseconds: the calendar fields read with UTC
 * getters. Null when none within about 30 years (cannot happen for an
 * expression {@linkcode parseCron} accepted).
 */
export function nextCronWall(cron: CronExpression, fromWall: number): number | null {
  let t = Math.ceil(fromWall / MINUTE_MS) * MINUTE_MS;
  const limit = t + 30 * 366 * DAY_MS;
  while (t < limit) {
    const d = new Date(t);
    const month = d.getUTCMonth() + 1;
    if (!cron.month[month]) {
      t = Date.UTC(d.getUTCFullYear(), month, 1); // first day of the next month
      continue;
    }
    if (!dayMatches(cron, d) || d.getUTCDate() > daysInMonth(d.getUTCFullYear(), month)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    const hour = d.getUTCHours();
    if (!cron.hour[hour]) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour + 1);
      continue;
    }
    const minute = d.getUTCMinutes();
    let next = minute;
    while (next < 60 && !cron.minute[next]) next++;
    if (next === minute) return t;
    t += (next - minute) * MINUTE_MS; // 60 rolls over into the next hour
  }
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The offset of `timeZone` at `instant`: wall-clock time minus UTC, in ms
 * (`Europe/Paris` in summer: 7 200 000).
 */
export function zoneOffset(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const era = parts.find((p) => p.type === "era")?.value;
  const year = era === "BC" || era === "B" ? 1 - get("year") : get("year");
  const wall = Date.UTC(year, get("month") - 1, get("day"), get("hour"), get("minute"), 0) +
    get("second") * 1000;
  const whole = Math.floor(instant / 1000) * 1000;
  return wall - whole;
}

/**
 * Checks an IANA time zone name (`Europe/Paris`, `UTC`) against the
 * runtime's data and returns its canonical spelling; an unknown name is a
 * `UsageError`.
 */
export function parseTimeZone(raw: string): string {
  const name = raw.trim();
  if (name === "") throw new UsageError(`Invalid time zone "${raw}": it is empty`);
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new UsageError(
      `Unknown time zone "${raw}": expected an IANA name such as Europe/Paris, America/New_York or UTC`,
      { cause: err },
    );
  }
}

/**
 * The first instant in `(from, to]` where the offset of `timeZone` differs
 * from `offset`, to the second; null when it stays the same. Probes once a
 * day (two changes less than a day apart are not seen), then bisects.
 */
function nextTransition(timeZone: string, from: number, to: number, offset: number): number | null {
  let lo = from;
  let hi = to;
  for (let t = Math.min(from + DAY_MS, to);; t = Math.min(t + DAY_MS, to)) {
    if (zoneOffset(timeZone, t) !== offset) {
      hi = t;
      break;
    }
    lo = t;
    if (t >= to) return null;
  }
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (zoneOffset(timeZone, mid) !== offset) hi = mid;
    else lo = mid;
  }
  // Offsets change on whole seconds: the first second of the new offset.
  const second = Math.floor(hi / 1000) * 1000;
  return second > lo && zoneOffset(timeZone, second) !== offset ? second : hi;
}

/**
 * The first run of `cron` strictly after the instant `after` (ms since the
 * epoch) in `timeZone` (an IANA name checked with
 * {@linkcode parseTimeZone}), as an instant; null if it never runs again.
 * Across DST changes it follows the rules in this module's documentation.
 *
 * @example
 * ```ts
 * import { nextCronTime, parseCron } from "@riptide/core";
 * const cron = parseCron("0 9 * * mon");
 * const next = nextCronTime(cron, Date.parse("2026-03-04T12:00:00Z"), "Europe/Paris");
 * new Date(next!).toISOString(); // "2026-03-09T08:00:00.000Z"
 * ```
 */
export function nextCronTime(
  cron: CronExpression,
  after: number,
  timeZone: string,
): number | null {
  // Start a day early, so that an instant inside the second pass of a
  // repeated hour knows which wall times the first pass already ran.
  let start = after - DAY_MS;
  let offset = zoneOffset(timeZone, start);
  let wallLow = Math.ceil((start + offset) / MINUTE_MS) * MINUTE_MS;
  for (let segments = 0; segments < 1000; segments++) {
    // Wall times at or before `after`'s are not candidates.
    if (start <= after) {
      wallLow = Math.max(wallLow, Math.floor((after + offset) / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
    }
    const wall = nextCronWall(cron, wallLow);
    if (wall === null) return null;
    const candidate = wall - offset;
    const change = nextTransition(timeZone, start, Math.max(candidate, start), offset);
    if (change === null) return candidate;
    // The offset changes before the candidate: no wall time matched in
    // [wallLow, change + offset). Go on in the next stretch of one offset.
    const next = zoneOffset(timeZone, change);
    const endWall = change + offset;
    if (next > offset) {
      // Clocks jump forward over [endWall, change + next): at a fixed hour, a
      // skipped match runs at the jump; with hour `*` it is skipped.
      const skipped = nextCronWall(cron, Math.max(wallLow, endWall));
      if (
        !cron.everyHour && skipped !== null && skipped < change + next && change > after
      ) {
        return change;
      }
      wallLow = Math.max(wallLow, change + next);
    } else {
      // Clocks go back: wall times in [change + next, endWall) come again.
      // With hour `*` they run again; at fixed hours only the first time.
      wallLow = cron.everyHour
        ? Math.ceil((change + next) / MINUTE_MS) * MINUTE_MS
        : Math.max(wallLow, Math.ceil(endWall / MINUTE_MS) * MINUTE_MS);
    }
    start = change;
    offset = next;
  }
  return null;
}

/**
 * The next `count` runs of `cron` after `after` in `timeZone` (fewer if it
 * stops running), for `schedule show`.
 */
export function nextCronTimes(
  cron: CronExpression,
  after: number,
  options: { timeZone: string; count: number },
): number[] {
  const out: number[] = [];
  let t = after;
  while (out.length < options.count) {
    const next = nextCronTime(cron, t, options.timeZone);
    if (next === null) break;
    out.push(next);
    t = next;
  }
  return out;
}
