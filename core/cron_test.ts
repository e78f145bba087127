import assert from "node:assert/strict";
import {
  nextCronTime,
  nextCronTimes,
  nextCronWall,
  parseCron,
  parseTimeZone,
  UsageError,
  zoneOffset,
} from "./mod.ts";

const iso = (ms: number | null): string | null => ms === null ? null : new Date(ms).toISOString();
const at = (s: string): number => Date.parse(s);

/** The next `count` runs after `from`, as ISO strings. */
function runs(expr: string, from: string, tz = "UTC", count = 5): string[] {
  return nextCronTimes(parseCron(expr), at(from), { timeZone: tz, count }).map((t) =>
    new Date(t).toISOString()
  );
}

/** Brute force: every minute in [from, to) whose wall time in `tz` matches, by hand. */
function bruteForce(expr: string, from: number, to: number, tz: string): number[] {
  const cron = parseCron(expr);
  const out: number[] = [];
  for (let t = from; t < to; t += 60_000) {
    const wall = new Date(t + zoneOffset(tz, t));
    const dom = cron.dayOfMonth[wall.getUTCDate()]!;
    const dow = cron.dayOfWeek[wall.getUTCDay()]!;
    const day = cron.dayOfMonthStar || cron.dayOfWeekStar ? dom && dow : dom || dow;
    if (
      cron.minute[wall.getUTCMinutes()] && cron.hour[wall.getUTCHours()] &&
      cron.month[wall.getUTCMonth() + 1] && day
    ) out.push(t);
  }
  return out;
}

Deno.test("parseCron() reads fields, lists, ranges, steps and names", async (t) => {
  await t.step("a star sets every value", () => {
    const cron = parseCron("* * * * *");
    assert.equal(cron.minute.filter(Boolean).length, 60);
    assert.equal(cron.hour.filter(Boolean).length, 24);
    assert.equal(cron.dayOfWeek.length, 7);
    assert.equal(cron.everyHour, true);
  });
  await t.step("lists, ranges and steps", () => {
    const cron = parseCron("1,5-7,*/20 0-12/6 1-31/10 */5 *");
    assert.deepEqual(indexes(cron.minute), [0, 1, 5, 6, 7, 20, 40]);
    assert.deepEqual(indexes(cron.hour), [0, 6, 12]);
    assert.deepEqual(indexes(cron.dayOfMonth), [1, 11, 21, 31]);
    assert.deepEqual(indexes(cron.month), [1, 6, 11]);
    assert.equal(cron.everyHour, false);
  });
  await t.step("a start with a step runs to the end of the field", () => {
    assert.deepEqual(indexes(parseCron("50/3 * * * *").minute), [50, 53, 56, 59]);
  });
  await t.step("month and day names in any case", () => {
    const cron = parseCron("0 0 * JAN,mar-May Mon-fri");
    assert.deepEqual(indexes(cron.month), [1, 3, 4, 5]);
    assert.deepEqual(indexes(cron.dayOfWeek), [1, 2, 3, 4, 5]);
  });
  await t.step("7 is Sunday like 0", () => {
    assert.deepEqual(indexes(parseCron("0 0 * * 7").dayOfWeek), [0]);
    assert.deepEqual(indexes(parseCron("0 0 * * 5-7").dayOfWeek), [0, 5, 6]);
    assert.deepEqual(indexes(parseCron("0 0 * * */2").dayOfWeek), [0, 2, 4, 6]);
  });
  await t.step("macros", () => {
    assert.deepEqual(indexes(parseCron("@hourly").minute), [0]);
    assert.equal(parseCron("@hourly").everyHour, true);
    assert.deepEqual(indexes(parseCron("@weekly").dayOfWeek), [0]);
    assert.deepEqual(indexes(parseCron("@YEARLY").month), [1]);
    assert.equal(parseCron("  @daily ").source, "@daily");
  });
  await t.step("star flags of the day fields", () => {
    const cron = parseCron("0 0 */2 * mon");
    assert.equal(cron.dayOfMonthStar, true);
    assert.equal(cron.dayOfWeekStar, false);
  });
});

Deno.test("parseCron() refuses malformed expressions with one line naming the problem", () => {
  const cases: [string, RegExp][] = [
    ["", /expected 5 fields .* got 0/],
    ["* * * *", /expected 5 fields .* got 4/],
    ["* * * * * *", /got 6/],
    ["60 * * * *", /minute 60 is out of range \(0-59\)/],
    ["* 24 * * *", /hour 24 is out of range/],
    ["* * 0 * *", /day-of-month 0 is out of range \(1-31\)/],
    ["* * * 13 *", /month 13 is out of range/],
    ["* * * * 8", /day-of-week 8 is out of range/],
    ["5-1 * * * *", /range 5-1 in the minute field runs backwards/],
    ["*/0 * * * *", /step \/0 in the minute field is out of range/],
    ["*/61 * * * *", /step/],
    ["a * * * *", /"a" is not a minute value/],
    ["* * * foo *", /"foo" is not a month value \(a number or a name such as feb\)/],
    ["1,,2 * * * *", /"" in the minute field is malformed/],
    ["1/2/3 * * * *", /malformed/],
    ["@reboot", /unknown macro/],
    ["0 0 30 2 *", /never matches/],
    ["0 0 31 4,6,9,11 *", /never matches/],
    ["-1 * * * *", /not a minute value/],
  ];
  for (const [expr, message] of cases) {
    assert.throws(() => parseCron(expr), (err: unknown) => {
      assert.ok(err instanceof UsageError, expr);
      assert.match(err.message, message, expr);
      assert.match(err.message, /^Invalid cron expression ".*": /);
      assert.doesNotMatch(err.message, /\n|\.$/);
      return true;
    });
  }
  // Possible, if rarely: 29 February, and 30 February OR a Monday.
  parseCron("0 0 29 2 *");
  parseCron("0 0 30 2 mon");
});

Deno.test("nextCronTime() in UTC", async (t) => {
  await t.step("every minute, strictly after", () => {
    assert.deepEqual(runs("* * * * *", "2026-01-01T00:00:00Z", "UTC", 2), [
      "2026-01-01T00:01:00.000Z",
      "2026-01-01T00:02:00.000Z",
    ]);
    assert.deepEqual(runs("* * * * *", "2026-01-01T00:00:30.500Z", "UTC", 1), [
      "2026-01-01T00:01:00.000Z",
    ]);
  });
  await t.step("steps roll over hours, days, months and years", () => {
    assert.deepEqual(runs("*/20 * * * *", "2026-12-31T23:30:00Z", "UTC", 3), [
      "2026-12-31T23:40:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2027-01-01T00:20:00.000Z",
    ]);
  });
  await t.step("weekdays at 9:30", () => {
    // 2026-03-06 is a Friday.
    assert.deepEqual(runs("30 9 * * mon-fri", "2026-03-06T10:00:00Z", "UTC", 3), [
      "2026-03-09T09:30:00.000Z",
      "2026-03-10T09:30:00.000Z",
      "2026-03-11T09:30:00.000Z",
    ]);
  });
  await t.step("the day-of-month OR day-of-week rule", () => {
    // The 13th, or any Friday (2026-03-06, 13, 20; 13 March is a Friday).
    assert.deepEqual(runs("0 0 13 * fri", "2026-03-01T00:00:00Z", "UTC", 4), [
      "2026-03-06T00:00:00.000Z",
      "2026-03-13T00:00:00.000Z",
      "2026-03-20T00:00:00.000Z",
      "2026-03-27T00:00:00.000Z",
    ]);
    // A star (even with a step) in one day field makes it AND: odd days that are Mondays.
    assert.deepEqual(runs("0 0 */2 * mon", "2026-03-01T00:00:00Z", "UTC", 2), [
      "2026-03-09T00:00:00.000Z",
      "2026-03-23T00:00:00.000Z",
    ]);
  });
  await t.step("the 31st skips short months; 29 February waits for a leap year", () => {
    assert.deepEqual(runs("0 12 31 * *", "2026-01-31T12:00:00Z", "UTC", 2), [
      "2026-03-31T12:00:00.000Z",
      "2026-05-31T12:00:00.000Z",
    ]);
    assert.deepEqual(runs("0 0 29 2 *", "2026-01-01T00:00:00Z", "UTC", 2), [
      "2028-02-29T00:00:00.000Z",
      "2032-02-29T00:00:00.000Z",
    ]);
  });
  await t.step("yearly", () => {
    assert.deepEqual(runs("@yearly", "2026-06-01T00:00:00Z", "UTC", 1), [
      "2027-01-01T00:00:00.000Z",
    ]);
  });
});

Deno.test("nextCronTime() in a time zone without DST changes nearby", () => {
  // Paris is UTC+1 in winter: 09:00 local is 08:00Z.
  assert.deepEqual(runs("0 9 * * *", "2026-01-10T12:00:00Z", "Europe/Paris", 2), [
    "2026-01-11T08:00:00.000Z",
    "2026-01-12T08:00:00.000Z",
  ]);
  // Kolkata is UTC+5:30 all year.
  assert.deepEqual(runs("0 0 * * *", "2026-07-01T00:00:00Z", "Asia/Kolkata", 1), [
    "2026-07-01T18:30:00.000Z",
  ]);
  // A zone name is checked and spelled canonically.
  assert.equal(parseTimeZone("utc"), "UTC");
  assert.throws(() => parseTimeZone("Mars/Olympus"), /Unknown time zone "Mars\/Olympus"/);
  assert.throws(() => parseTimeZone(""), UsageError);
});

Deno.test("nextCronTime() across a spring-forward gap (New York, 2026-03-08 02:00 → 03:00)", async (t) => {
  const tz = "America/New_York";
  await t.step("a fixed time in the gap runs once, when the clocks jump", () => {
    assert.deepEqual(runs("30 2 * * *", "2026-03-07T12:00:00Z", tz, 3), [
      "2026-03-08T07:00:00.000Z", // 03:00 EDT, the jump
      "2026-03-09T06:30:00.000Z", // 02:30 EDT
      "2026-03-10T06:30:00.000Z",
    ]);
  });
  await t.step("several fixed times in the gap collapse into the one run at the jump", () => {
    assert.deepEqual(runs("0,15,30 2 * * *", "2026-03-08T06:00:00Z", tz, 2), [
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:00:00.000Z",
    ]);
  });
  await t.step("with hour * the skipped wall times are skipped (real time kept)", () => {
    assert.deepEqual(runs("30 * * * *", "2026-03-08T06:00:00Z", tz, 3), [
      "2026-03-08T06:30:00.000Z", // 01:30 EST
      "2026-03-08T07:30:00.000Z", // 03:30 EDT: one real hour later
      "2026-03-08T08:30:00.000Z",
    ]);
  });
  await t.step("times after the gap are unaffected", () => {
    assert.deepEqual(runs("0 3 * * *", "2026-03-08T06:00:00Z", tz, 1), [
      "2026-03-08T07:00:00.000Z",
    ]);
  });
});

Deno.test("nextCronTime() across a fall-back overlap (New York, 2026-11-01 02:00 → 01:00)", async (t) => {
  const tz = "America/New_York";
  await t.step("a fixed time in the repeated hour runs only the first time", () => {
    assert.deepEqual(runs("30 1 * * *", "2026-10-31T12:00:00Z", tz, 2), [
      "2026-11-01T05:30:00.000Z", // 01:30 EDT
      "2026-11-02T06:30:00.000Z", // 01:30 EST the next day
    ]);
  });
  await t.step("asked from inside the second pass, it waits for the next day", () => {
    // 06:10Z is 01:10 EST, the second 01:10.
    assert.deepEqual(runs("30 1 * * *", "2026-11-01T06:10:00Z", tz, 1), [
      "2026-11-02T06:30:00.000Z",
    ]);
  });
  await t.step("with hour * the repeated hour runs again (every real hour)", () => {
    assert.deepEqual(runs("30 * * * *", "2026-11-01T04:00:00Z", tz, 4), [
      "2026-11-01T04:30:00.000Z", // 00:30 EDT
      "2026-11-01T05:30:00.000Z", // 01:30 EDT
      "2026-11-01T06:30:00.000Z", // 01:30 EST
      "2026-11-01T07:30:00.000Z", // 02:30 EST
    ]);
    // From inside the second pass too.
    assert.deepEqual(runs("*/20 * * * *", "2026-11-01T06:05:00Z", tz, 2), [
      "2026-11-01T06:20:00.000Z",
      "2026-11-01T06:40:00.000Z",
    ]);
  });
});

Deno.test("nextCronTime() with a half-hour DST shift (Lord Howe)", () => {
  // Australia/Lord_Howe goes from +10:30 to +11 at 02:00 on 2026-10-04.
  const tz = "Australia/Lord_Howe";
  // 02:00 at +10:30 is 15:30Z, when the clocks show 02:30 at +11.
  assert.deepEqual(runs("15 2 * * *", "2026-10-03T12:00:00Z", tz, 2), [
    "2026-10-03T15:30:00.000Z", // at the jump
    "2026-10-04T15:15:00.000Z", // 02:15 at +11
  ]);
});

Deno.test("nextCronTime() agrees with a minute-by-minute brute force outside DST changes", () => {
  const exprs = [
    "*/7 * * * *",
    "0 */5 * * *",
    "15 10 1,15 * *",
    "0 0 * * sat,sun",
    "5 4 * jan,jul mon",
    "59 23 28-31 * *",
    "0 12 13 * fri",
  ];
  const zones = ["UTC", "Europe/Paris", "America/Sao_Paulo"];
  const from = at("2026-04-26T00:00:00Z");
  const to = from + 8 * 86_400_000;
  for (const expr of exprs) {
    for (const tz of zones) {
      const expected = bruteForce(expr, from + 60_000, to, tz);
      const got: number[] = [];
      let t = from;
      for (;;) {
        const next = nextCronTime(parseCron(expr), t, tz);
        if (next === null || next >= to) break;
        got.push(next);
        t = next;
      }
      assert.deepEqual(got.map(iso), expected.map(iso), `${expr} in ${tz}`);
    }
  }
});

Deno.test("nextCronTime() with hour * matches real minutes across DST changes (brute force)", () => {
  // Such a schedule follows real time: every instant whose wall time matches,
  // the repeated hour twice, the skipped hour never.
  const windows: [string, string][] = [
    ["America/New_York", "2026-03-07T12:00:00Z"],
    ["America/New_York", "2026-10-31T12:00:00Z"],
    ["Europe/Paris", "2026-10-24T12:00:00Z"],
  ];
  for (const expr of ["*/7 * * * *", "30 * * * *", "0,45 * * * 0"]) {
    for (const [tz, start] of windows) {
      const from = at(start);
      const to = from + 2 * 86_400_000;
      const got: number[] = [];
      for (let t = from;;) {
        const next = nextCronTime(parseCron(expr), t, tz);
        if (next === null || next >= to) break;
        got.push(next);
        t = next;
      }
      assert.deepEqual(got.map(iso), bruteForce(expr, from + 60_000, to, tz).map(iso), expr);
    }
  }
});

Deno.test("nextCronTime() from an instant a few seconds before a run returns that run", () => {
  assert.equal(
    iso(nextCronTime(parseCron("0 * * * *"), at("2026-05-05T09:59:59.999Z"), "UTC")),
    "2026-05-05T10:00:00.000Z",
  );
  assert.equal(
    iso(nextCronTime(parseCron("0 * * * *"), at("2026-05-05T10:00:00Z"), "UTC")),
    "2026-05-05T11:00:00.000Z",
  );
});

Deno.test("nextCronWall() finds wall times by calendar, not minute by minute", () => {
  const cron = parseCron("0 0 29 2 *");
  assert.equal(iso(nextCronWall(cron, at("2029-03-01T00:00:00Z"))), "2032-02-29T00:00:00.000Z");
});

Deno.test("zoneOffset() reads the offset with the runtime's zone data", () => {
  assert.equal(zoneOffset("UTC", at("2026-01-01T00:00:00Z")), 0);
  assert.equal(zoneOffset("Europe/Paris", at("2026-01-01T00:00:00Z")), 3_600_000);
  assert.equal(zoneOffset("Europe/Paris", at("2026-07-01T00:00:00Z")), 7_200_000);
  assert.equal(zoneOffset("America/New_York", at("2026-07-01T00:00:00Z")), -4 * 3_600_000);
  assert.equal(zoneOffset("Asia/Kolkata", at("2026-07-01T00:00:00.750Z")), 19_800_000);
});

function indexes(values: readonly boolean[]): number[] {
  return values.flatMap((on, i) => on ? [i] : []);
}
