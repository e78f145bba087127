import assert from "node:assert/strict";
import { type JobId, newPendingJob, transition } from "@riptide/core";
import { WorkerWatch, type WorkerWatchOptions } from "./_follow.ts";

const job = transition(
  newPendingJob("job_670f95a8_5e6f7a8b" as JobId, {
    name: null,
    priority: "medium",
    urls: ["https://example.com/"],
    strategy: "auto",
    tags: [],
    stream: false,
    options: {},
  }, { results_path: "/h/r.json", log_path: "/h/l.jsonl" }),
  "running",
);

/** A watch over a fake worker and clock. */
function watch(
  options: Partial<Omit<WorkerWatchOptions, "alive">> & { alive: () => boolean },
) {
  let now = 0;
  const revived: number[] = [];
  const notes: string[] = [];
  const w = new WorkerWatch({
    workerLog: "/h/worker.log",
    note: (line) => notes.push(line),
    revive: () => {
      revived.push(now);
      return Promise.resolve();
    },
    ...options,
    alive: () => Promise.resolve(options.alive()),
    now: () => now,
  });
  return {
    w,
    revived,
    notes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

Deno.test("WorkerWatch restarts a dead worker at its next look, at most a second later", async () => {
  let alive = true;
  const f = watch({ alive: () => alive });
  assert.equal(await f.w.check(job), null);
  alive = false; // killed right after that look
  f.advance(500);
  assert.equal(await f.w.check(job), null, "not looked again within the second");
  assert.deepEqual(f.revived, []);
  f.advance(500);
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [1000], "noticed 1 s after the last look: within 2 s of the death");
  assert.deepEqual(f.notes, [`The worker running job ${job.id} stopped; starting a new one`]);
  // The new worker gets time to take its lock before it counts as dead.
  f.advance(1000);
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [1000]);
  alive = true;
  f.advance(5000);
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [1000]);
});

Deno.test("WorkerWatch gives the worker its own command started time to take its lock", async () => {
  // `submit --stream` has just spawned a worker that is still starting: the
  // watch must not spawn a second one at its first look.
  let alive = false;
  const f = watch({ alive: () => alive, spawnedAt: 0 });
  for (let t = 0; t < 5000; t += 1000) {
    assert.equal(await f.w.check(job), null);
    f.advance(1000);
  }
  assert.deepEqual(f.revived, [], "within the 5 s grace");
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [5000], "a worker that never took its lock is replaced after it");
  assert.deepEqual(f.notes, [], "a worker never seen is not reported as stopped");
  alive = true;
  f.advance(1000);
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [5000]);
});

Deno.test("WorkerWatch gives a reason to stop when it may not start a worker", async () => {
  let alive = false;
  const f = watch({ alive: () => alive, revive: null });
  assert.equal(await f.w.check(job), null, "no worker seen yet: one may be started by hand");
  alive = true;
  f.advance(1000);
  assert.equal(await f.w.check(job), null);
  alive = false;
  f.advance(1000);
  assert.equal(
    await f.w.check(job),
    `The worker running job ${job.id} stopped (see /h/worker.log) and worker.autostart is ` +
      "false: start one with riptide job-local worker",
  );
});

Deno.test("WorkerWatch gives up on a worker that keeps dying", async () => {
  const f = watch({ alive: () => false });
  let reason: string | null = null;
  for (let i = 0; i < 10 && reason === null; i++) {
    reason = await f.w.check(job);
    f.advance(6000);
  }
  assert.equal(f.revived.length, 5);
  assert.equal(
    reason,
    `The worker for job ${job.id} stopped 6 times without the job making progress: see ` +
      "/h/worker.log",
  );
});

Deno.test("WorkerWatch keeps restarting workers while the job makes progress", async () => {
  const f = watch({ alive: () => false });
  for (let i = 0; i < 12; i++) {
    const moving = { ...job, progress: { ...job.progress, completed: i } };
    assert.equal(await f.w.check(moving), null);
    f.advance(6000);
  }
  assert.equal(f.revived.length, 12);
});

Deno.test("WorkerWatch leaves a finished job alone", async () => {
  const f = watch({ alive: () => false });
  assert.equal(await f.w.check(transition(job, "completed")), null);
  assert.deepEqual(f.revived, []);
});
