import assert from "node:assert/strict";
import {
  afterTick,
  checkSchedule,
  checkTiming,
  isDue,
  newSchedule,
  nextTicks,
  parseCatchUp,
  parseEvery,
  parseScheduleName,
  planTick,
  type Schedule,
  type ScheduledJob,
  scheduledJobInput,
  setPaused,
  UsageError,
} from "./mod.ts";

const JOB: ScheduledJob = {
  name: null,
  priority: "medium",
  urls: ["https://a.example/"],
  strategy: "auto",
  tags: ["nightly"],
  options: { markdown: true },
};
const T0 = new Date("2026-03-01T10:00:00.000Z");
const at = (s: string): number => Date.parse(s);

function every(ms: number, catchUp: "one" | "none" = "one"): Schedule {
  return newSchedule({
    name: "feed",
    timing: { cron: null, every_ms: ms, tz: "UTC" },
    catchUp,
    template: null,
    job: JOB,
  }, T0);
}

function cron(expr: string, catchUp: "one" | "none" = "one", tz = "UTC"): Schedule {
  return newSchedule({
    name: "daily",
    timing: { cron: expr, every_ms: null, tz },
    catchUp,
    template: null,
    job: JOB,
  }, T0);
}

Deno.test("newSchedule() sets the first tick after now", () => {
  assert.equal(every(2000).next_run_at, "2026-03-01T10:00:02.000Z");
  assert.equal(cron("30 10 * * *").next_run_at, "2026-03-01T10:30:00.000Z");
  assert.equal(cron("0 9 * * *", "one", "Europe/Paris").next_run_at, "2026-03-02T08:00:00.000Z");
});

Deno.test("planTick() runs a tick on time once and moves to the next", async (t) => {
  await t.step("not due yet", () => {
    assert.equal(planTick(every(2000), at("2026-03-01T10:00:01.999Z")), null);
  });
  await t.step("due, a little late", () => {
    const plan = planTick(every(2000), at("2026-03-01T10:00:02.300Z"))!;
    assert.deepEqual(plan, {
      due: "2026-03-01T10:00:02.000Z",
      tick: "2026-03-01T10:00:02.000Z",
      missed: 0,
      run: true,
      next_run_at: "2026-03-01T10:00:04.000Z",
    });
    const after = afterTick(every(2000), plan, { jobId: "job_x", now: new Date() });
    assert.equal(after.next_run_at, "2026-03-01T10:00:04.000Z");
    assert.equal(after.runs, 1);
    assert.equal(after.last_job_id, "job_x");
    assert.equal(after.last_tick, "2026-03-01T10:00:02.000Z");
    assert.equal(planTick(after, at("2026-03-01T10:00:02.900Z")), null);
  });
  await t.step("paused: never due", () => {
    const paused = setPaused(every(2000), true, T0);
    assert.equal(isDue(paused, at("2030-01-01T00:00:00Z")), false);
    assert.equal(planTick(paused, at("2030-01-01T00:00:00Z")), null);
  });
});

Deno.test("planTick() catches missed ticks up once (catch_up one)", async (t) => {
  await t.step("an interval: the latest due tick runs, the others are counted missed", () => {
    // Due from 10:00:02; at 10:00:11.5 the ticks 02, 04, 06, 08, 10 are due.
    const plan = planTick(every(2000), at("2026-03-01T10:00:11.500Z"))!;
    assert.equal(plan.tick, "2026-03-01T10:00:10.000Z");
    assert.equal(plan.missed, 4);
    assert.equal(plan.run, true);
    assert.equal(plan.next_run_at, "2026-03-01T10:00:12.000Z");
    const after = afterTick(every(2000), plan, { jobId: "job_x", now: new Date() });
    assert.equal(after.missed, 4);
    assert.equal(after.runs, 1);
  });
  await t.step("a cron schedule: the ticks grid is the cron's", () => {
    const plan = planTick(cron("*/15 * * * *"), at("2026-03-01T11:20:00Z"))!;
    assert.equal(plan.due, "2026-03-01T10:15:00.000Z");
    assert.equal(plan.tick, "2026-03-01T11:15:00.000Z");
    assert.equal(plan.missed, 4);
    assert.equal(plan.next_run_at, "2026-03-01T11:30:00.000Z");
  });
  await t.step("a day late daily job runs once, the next one is tomorrow", () => {
    const plan = planTick(cron("30 10 * * *"), at("2026-03-03T09:00:00Z"))!;
    assert.equal(plan.tick, "2026-03-02T10:30:00.000Z");
    assert.equal(plan.missed, 1);
    assert.equal(plan.run, true);
    assert.equal(plan.next_run_at, "2026-03-03T10:30:00.000Z");
  });
});

Deno.test("planTick() with catch_up none drops a late tick and keeps an on-time one", () => {
  const late = planTick(cron("30 10 * * *", "none"), at("2026-03-02T09:00:00Z"))!;
  assert.equal(late.run, false);
  assert.equal(late.next_run_at, "2026-03-02T10:30:00.000Z");
  const after = afterTick(cron("30 10 * * *", "none"), late, { jobId: null, now: new Date() });
  assert.equal(after.runs, 0);
  assert.equal(after.missed, 1);
  assert.equal(after.last_job_id, null);
  const onTime = planTick(cron("30 10 * * *", "none"), at("2026-03-01T10:30:20Z"))!;
  assert.equal(onTime.run, true);
  // An interval of 2 s: late after a second (half the interval).
  assert.equal(planTick(every(2000, "none"), at("2026-03-01T10:00:02.500Z"))!.run, true);
  // Missed ticks are dropped; the latest runs when it is less than a second late.
  const some = planTick(every(2000, "none"), at("2026-03-01T10:00:10.500Z"))!;
  assert.equal(some.run, true);
  assert.equal(some.missed, 4);
  assert.equal(planTick(every(2000, "none"), at("2026-03-01T10:00:11.500Z"))!.run, false);
  assert.equal(planTick(every(4000, "none"), at("2026-03-01T10:00:07.000Z"))!.run, false);
});

Deno.test("nextTicks() lists the next runs", () => {
  assert.deepEqual(
    nextTicks({ cron: null, every_ms: 90_000, tz: "UTC" }, at("2026-03-01T10:00:00Z"), {
      count: 3,
      anchor: at("2026-03-01T10:00:30Z"),
    }).map((t) => new Date(t).toISOString()),
    ["2026-03-01T10:00:30.000Z", "2026-03-01T10:02:00.000Z", "2026-03-01T10:03:30.000Z"],
  );
  assert.equal(
    nextTicks({ cron: "0 0 * * *", every_ms: null, tz: "UTC" }, T0.getTime(), { count: 5 })
      .length,
    5,
  );
});

Deno.test("scheduledJobInput() tags the job and records its tick", () => {
  const schedule = every(2000);
  const plan = planTick(schedule, at("2026-03-01T10:00:05Z"))!;
  const input = scheduledJobInput(schedule, plan, new Date("2026-03-01T10:00:05Z"));
  assert.equal(input.name, "feed");
  assert.deepEqual(input.tags, ["schedule:feed", "nightly"]);
  assert.deepEqual(input.options, {
    markdown: true,
    schedule: { name: "feed", tick: "2026-03-01T10:00:04.000Z", missed: 1 },
  });
  assert.equal(input.stream, false);
});

Deno.test("setPaused() resumes with the next tick after now, dropping ticks while paused", () => {
  const paused = setPaused(every(2000), true, T0);
  assert.equal(paused.paused, true);
  const resumed = setPaused(paused, false, new Date("2026-03-01T12:00:00.500Z"));
  assert.equal(resumed.paused, false);
  assert.equal(resumed.next_run_at, "2026-03-01T12:00:02.500Z");
  assert.equal(setPaused(resumed, false, T0), resumed);
});

Deno.test("names, intervals, policies and timings are checked with one-line usage errors", () => {
  assert.equal(parseScheduleName(" nightly-feed.v2 "), "nightly-feed.v2");
  for (const bad of ["", "-x", "a b", "a/b", "a:b", "x".repeat(56), "../x"]) {
    assert.throws(() => parseScheduleName(bad), UsageError, bad);
  }
  assert.equal(parseEvery("1s"), 1000);
  assert.equal(parseEvery("2m"), 120_000);
  assert.throws(() => parseEvery("500ms"), /the shortest interval is 1s/);
  assert.throws(() => parseEvery("soon"), /Invalid --every "soon"/);
  assert.equal(parseCatchUp("NONE"), "none");
  assert.throws(() => parseCatchUp("all"), /Unknown catch-up policy "all": expected one or none/);
  assert.deepEqual(checkTiming({ every: "2s" }, "Europe/Paris"), {
    cron: null,
    every_ms: 2000,
    tz: "Europe/Paris",
  });
  assert.deepEqual(checkTiming({ cron: "@daily", tz: "utc" }, "Europe/Paris"), {
    cron: "@daily",
    every_ms: null,
    tz: "UTC",
  });
  assert.throws(() => checkTiming({}, "UTC"), /needs --cron "EXPR" or --every DURATION/);
  assert.throws(() => checkTiming({ cron: "* * * * *", every: "1s" }, "UTC"), /cannot be combined/);
  assert.throws(() => checkTiming({ cron: "* * *", tz: "UTC" }, "UTC"), /expected 5 fields/);
  assert.throws(() => checkTiming({ every: "1s", tz: "Nowhere/Land" }, "UTC"), /Unknown time zone/);
});

Deno.test("checkSchedule() accepts a stored schedule and names a damaged field", () => {
  const schedule = every(2000);
  assert.deepEqual(checkSchedule(JSON.parse(JSON.stringify(schedule))), schedule);
  assert.throws(() => checkSchedule({ ...schedule, name: "../x" }), /field "name"/);
  assert.throws(() => checkSchedule({ ...schedule, every_ms: 5 }), /field "every_ms"/);
  assert.throws(() => checkSchedule({ ...schedule, catch_up: "all" }), /field "catch_up"/);
  assert.throws(() => checkSchedule([]), TypeError);
});
