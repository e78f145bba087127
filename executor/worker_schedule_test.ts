import assert from "node:assert/strict";
import { newSchedule, setPaused } from "@riptide/core/schedule";
import { FsJobStore } from "@riptide/storage/base";
import { runWorker } from "./worker.ts";
import { fastWorkerOptions } from "./_test_options.ts";
import { startFaultServer } from "./testing.ts";

const FAST = fastWorkerOptions({ retries: 0 });

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  // A condition wait, generous for a loaded machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

Deno.test("runWorker() stays up while a schedule is active and runs the job of each tick", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_worker_schedule_" });
  await using server = startFaultServer();
  const store = new FsJobStore(home);
  const lines: string[] = [];
  const stop = new AbortController();
  try {
    await store.schedules().add(newSchedule({
      name: "tick",
      timing: { cron: null, every_ms: 1000, tz: "UTC" },
      catchUp: "one",
      template: null,
      job: {
        name: null,
        priority: "medium",
        urls: [`${server.url}/page/a`],
        strategy: "auto",
        tags: [],
        options: {},
      },
    }, new Date()));
    const worker = runWorker(store, {
      ...FAST,
      signal: stop.signal,
      onEvent: (l) => lines.push(l),
    });
    await t.step("two ticks make two completed jobs, one per tick", async () => {
      const jobs = await waitFor("two completed scheduled jobs", async () => {
        const { jobs } = await store.list({ tag: "schedule:tick", status: "completed" });
        return jobs.length >= 2 ? jobs : undefined;
      });
      const ticks = jobs.map((job) => job.options.schedule!.tick);
      assert.equal(new Set(ticks).size, ticks.length);
      assert.ok(
        lines.some((l) => /^Schedule tick: job job_\S+ for tick /.test(l)),
        lines.join("\n"),
      );
    });
    await t.step("paused, the worker idles out", async () => {
      await store.schedules().update("tick", (s) => setPaused(s, true, new Date()));
      const summary = await worker;
      assert.equal(summary.reason, "idle");
      assert.ok(summary.jobsRun >= 2);
    });
  } finally {
    stop.abort();
    await store.close();
    await Deno.remove(home, { recursive: true });
  }
});
