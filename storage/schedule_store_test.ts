/**
 * The `ScheduleStore` conformance suite, run against the filesystem store
 * and PostgreSQL (when `RIPTIDE_TEST_PG_URL` names a server): storing,
 * pausing and removing schedules, and a due tick making exactly one job
 * however many stores fire it at once.
 */

import assert from "node:assert/strict";
import {
  newSchedule,
  planTick,
  type Schedule,
  type ScheduledJob,
  scheduledJobInput,
  setPaused,
} from "@riptide/core/schedule";
import { FsJobStore } from "./fs_store.ts";
import type { JobStore } from "./job_store.ts";
import { ScheduleNotFoundError, type ScheduleStore } from "./schedule_store.ts";
import { PG_SKIP_REASON, tempPgDatabase, testPgUrl } from "./testing.ts";

const T0 = new Date("2026-03-01T10:00:00.000Z");
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

const JOB: ScheduledJob = {
  name: null,
  priority: "high",
  urls: ["https://a.example/"],
  strategy: "auto",
  tags: ["feed"],
  options: {},
};

function every(name: string, ms: number, catchUp: "one" | "none" = "one"): Schedule {
  return newSchedule({
    name,
    timing: { cron: null, every_ms: ms, tz: "UTC" },
    catchUp,
    template: null,
    job: JOB,
  }, T0);
}

/** Stores for one test: `open()` gives another store over the same data (another process). */
interface Handle extends AsyncDisposable {
  store: JobStore;
  another(): JobStore;
}

const KINDS: { name: string; skip: string | null; open(): Promise<Handle> }[] = [
  {
    name: "filesystem",
    skip: null,
    async open() {
      const home = await Deno.makeTempDir({ prefix: "riptide_schedules_" });
      const opened: JobStore[] = [];
      const another = () => {
        const store = new FsJobStore(home);
        opened.push(store);
        return store;
      };
      return {
        store: another(),
        another,
        async [Symbol.asyncDispose]() {
          for (const store of opened) await store.close();
          await Deno.remove(home, { recursive: true });
        },
      };
    },
  },
  {
    name: "postgres",
    skip: testPgUrl() === null ? PG_SKIP_REASON : null,
    async open() {
      const { PgJobStore } = await import("./pg_store.ts");
      const db = await tempPgDatabase(testPgUrl()!);
      const opened: JobStore[] = [];
      const another = () => {
        const store = new PgJobStore(db.url, { max: 2 });
        opened.push(store);
        return store;
      };
      return {
        store: another(),
        another,
        async [Symbol.asyncDispose]() {
          for (const store of opened) await store.close();
          await db[Symbol.asyncDispose]();
        },
      };
    },
  },
];

function conformance(
  name: string,
  fn: (handle: Handle, schedules: ScheduleStore, t: Deno.TestContext) => Promise<void>,
): void {
  for (const kind of KINDS) {
    Deno.test({
      name: `[${kind.name}] ${name}${kind.skip === null ? "" : ` (skipped: ${kind.skip})`}`,
      ignore: kind.skip !== null,
      sanitizeResources: false,
      sanitizeOps: false,
      async fn(t) {
        await using handle = await kind.open();
        await fn(handle, handle.store.schedules!(), t);
      },
    });
  }
}

conformance("add(), get(), list(), update() and remove() keep schedules", async (_h, s, t) => {
  await t.step("added once; a taken name changes nothing", async () => {
    assert.equal(await s.add(every("b-feed", 2000)), "added");
    assert.equal(await s.add(every("a-feed", 60_000)), "added");
    assert.equal(await s.add({ ...every("b-feed", 9000), runs: 7 }), "exists");
    assert.deepEqual(await s.get("b-feed"), every("b-feed", 2000));
  });
  await t.step("list() by name", async () => {
    const { schedules, warnings } = await s.list();
    assert.deepEqual(schedules.map((x) => x.name), ["a-feed", "b-feed"]);
    assert.deepEqual(warnings, []);
  });
  await t.step("update() pauses and resumes", async () => {
    const paused = await s.update("a-feed", (x) => setPaused(x, true, at(1)));
    assert.equal(paused.paused, true);
    assert.equal((await s.get("a-feed")).paused, true);
    const resumed = await s.update("a-feed", (x) => setPaused(x, false, at(100)));
    assert.equal(resumed.next_run_at, at(160).toISOString());
    assert.deepEqual(await s.get("a-feed"), resumed);
  });
  await t.step("remove() returns the schedule; afterwards it is not found", async () => {
    assert.equal((await s.remove("a-feed")).name, "a-feed");
    await assert.rejects(s.get("a-feed"), ScheduleNotFoundError);
    await assert.rejects(s.remove("a-feed"), ScheduleNotFoundError);
    await assert.rejects(s.update("a-feed", (x) => x), ScheduleNotFoundError);
    assert.deepEqual((await s.list()).schedules.map((x) => x.name), ["b-feed"]);
  });
});

conformance("fire() makes one job per due tick, tagged and moved on", async (h, s, t) => {
  await s.add(every("feed", 2000));
  await t.step("not due: nothing", async () => {
    assert.equal(await s.fire("feed", at(1.9)), null);
    assert.equal(await s.fire("missing", at(100)), null);
  });
  await t.step("due: the job, the schedule after it", async () => {
    const outcome = (await s.fire("feed", at(2.3)))!;
    assert.equal(outcome.plan.tick, at(2).toISOString());
    assert.equal(outcome.schedule.next_run_at, at(4).toISOString());
    assert.equal(outcome.schedule.runs, 1);
    const job = await h.store.get(outcome.job!.id);
    assert.equal(job.status, "pending");
    assert.equal(job.name, "feed");
    assert.equal(job.priority, "high");
    assert.deepEqual(job.tags, ["schedule:feed", "feed"]);
    assert.deepEqual(job.options.schedule, { name: "feed", tick: at(2).toISOString(), missed: 0 });
    assert.equal((await s.get("feed")).last_job_id, job.id);
  });
  await t.step("the same tick again: nothing", async () => {
    assert.equal(await s.fire("feed", at(2.5)), null);
    assert.equal((await h.store.list({ tag: "schedule:feed" })).total, 1);
  });
  await t.step("missed ticks: one job catches them up", async () => {
    const outcome = (await s.fire("feed", at(11)))!;
    assert.equal(outcome.plan.tick, at(10).toISOString());
    assert.equal(outcome.plan.missed, 3);
    assert.equal(outcome.schedule.next_run_at, at(12).toISOString());
    assert.equal((await h.store.list({ tag: "schedule:feed" })).total, 2);
  });
  await t.step("paused: never fired", async () => {
    await s.update("feed", (x) => setPaused(x, true, at(11)));
    assert.equal(await s.fire("feed", at(30)), null);
  });
});

conformance("fire() under catch_up none drops a late tick without a job", async (h, s) => {
  await s.add(every("late", 10_000, "none"));
  const outcome = (await s.fire("late", at(37)))!;
  assert.equal(outcome.job, null);
  assert.equal(outcome.plan.run, false);
  assert.equal(outcome.schedule.next_run_at, at(40).toISOString());
  assert.equal(outcome.schedule.missed, 3);
  assert.equal((await h.store.list({ tag: "schedule:late" })).total, 0);
});

conformance("fire() by many stores at once makes exactly one job per tick", async (h, s) => {
  await s.add(every("race", 1000));
  const stores = Array.from({ length: 6 }, () => h.another());
  for (let tick = 1; tick <= 5; tick++) {
    const outcomes = await Promise.all(
      stores.map((store) => store.schedules!().fire("race", at(tick + 0.5))),
    );
    assert.equal(outcomes.filter((o) => o !== null).length, 1, `tick ${tick}`);
  }
  const { jobs } = await h.store.list({ tag: "schedule:race" });
  const ticks = jobs.map((job) => job.options.schedule!.tick).sort();
  assert.deepEqual(ticks, [1, 2, 3, 4, 5].map((n) => at(n).toISOString()));
  assert.equal((await s.get("race")).runs, 5);
});

Deno.test("[filesystem] fire() finishes a tick a crash interrupted, without a second job", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_schedules_" });
  const store = new FsJobStore(home);
  try {
    const s = store.schedules();
    const file = `${home}/schedules/feed.json`;
    const schedule = every("feed", 2000);
    await s.add(schedule);
    const plan = planTick(schedule, at(2.5).getTime())!;
    await t.step("crashed after the job was made: the job is not made again", async () => {
      await store.create(scheduledJobInput(schedule, plan, at(2.5)));
      await Deno.writeTextFile(file, JSON.stringify({ ...schedule, firing: plan }));
      const outcome = (await s.fire("feed", at(2.6)))!;
      assert.equal(outcome.plan.tick, at(2).toISOString());
      assert.equal((await store.list({ tag: "schedule:feed" })).total, 1);
      assert.equal(outcome.schedule.next_run_at, at(4).toISOString());
      assert.equal(outcome.schedule.last_job_id, outcome.job!.id);
      assert.equal("firing" in JSON.parse(await Deno.readTextFile(file)), false);
    });
    await t.step("crashed before the job was made: it is made once", async () => {
      const next = await s.get("feed");
      const plan2 = planTick(next, at(4.5).getTime())!;
      await Deno.writeTextFile(file, JSON.stringify({ ...next, firing: plan2 }));
      // Not due yet by the clock, but the interrupted tick is finished.
      const outcome = (await s.fire("feed", at(4.6)))!;
      assert.equal(outcome.plan.tick, at(4).toISOString());
      const { jobs } = await store.list({ tag: "schedule:feed" });
      assert.deepEqual(jobs.map((j) => j.options.schedule!.tick).sort(), [
        at(2).toISOString(),
        at(4).toISOString(),
      ]);
      assert.equal(await s.fire("feed", at(4.7)), null);
    });
    await t.step("a damaged file is a warning in list(), not a crash", async () => {
      await Deno.writeTextFile(`${home}/schedules/bad.json`, "{");
      const { schedules, warnings } = await s.list();
      assert.deepEqual(schedules.map((x) => x.name), ["feed"]);
      assert.match(warnings[0]!, /Skipped schedule bad: .*not JSON/);
    });
  } finally {
    await store.close();
    await Deno.remove(home, { recursive: true });
  }
});
