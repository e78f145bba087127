import assert from "node:assert/strict";
import { type Job, type JobId, newPendingJob, transition } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import { followJob, WorkerWatch, type WorkerWatchOptions } from "./_follow.ts";

const queued = newPendingJob("job_670f95a8_5e6f7a8b" as JobId, {
  name: null,
  priority: "medium",
  urls: ["https://example.com/"],
  strategy: "auto",
  tags: [],
  stream: false,
  options: {},
}, { results_path: "/h/r.json", log_path: "/h/l.jsonl" });
const job = transition(queued, "running");

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
    assert.equal(await f.w.check(queued), null);
    f.advance(1000);
  }
  assert.deepEqual(f.revived, [], "within the 5 s grace");
  assert.equal(await f.w.check(queued), null);
  assert.deepEqual(f.revived, [5000], "a worker that never took its lock is replaced after it");
  assert.deepEqual(f.notes, [], "a worker never seen is not reported as stopped");
  alive = true;
  f.advance(1000);
  assert.equal(await f.w.check(queued), null);
  assert.deepEqual(f.revived, [5000]);
});

Deno.test("WorkerWatch reports the stop of a running job's worker it never saw alive", async () => {
  // On a busy machine the viewer may look first after the worker that ran the
  // job died: the job's status says a worker had it.
  const f = watch({ alive: () => false, spawnedAt: 0 });
  f.advance(5000);
  assert.equal(await f.w.check(job), null);
  assert.deepEqual(f.revived, [5000]);
  assert.deepEqual(f.notes, [`The worker running job ${job.id} stopped; starting a new one`]);
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

/**
 * A store whose job `states` are read one per `get`, whose log grows by one
 * scripted batch per read, and which counts the reads.
 */
function scriptedStore(states: Job[], batches: string[][]) {
  let gets = 0;
  let reads = 0;
  const store = {
    get: () => Promise.resolve(states[Math.min(gets++, states.length - 1)]!),
    readLogsSince: (_id: JobId, cursor: { position: number } | null) => {
      const position = cursor?.position ?? 0;
      reads++;
      const batch = batches[position] ?? [];
      return Promise.resolve({
        entries: batch.map((message) => ({ timestamp: "t", level: "Info", message })),
        cursor: { position: position + 1 },
      });
    },
  };
  return { store: store as unknown as JobStore, reads: () => reads };
}

const started = { ...job, started_at: "2026-12-03T08:00:00.000Z" };
const ended = transition(started, "completed");

Deno.test("followJob waits for the worker's summary line after a job it saw running", async () => {
  // The final status is read at the second look; the summary line comes four reads later.
  const { store } = scriptedStore(
    [started, ended],
    [["Job started"], [], [], [], [], ["Job completed: 1 of 1 URL(s) succeeded, 0 failed, in 1s"]],
  );
  const lines: string[] = [];
  const outcome = await followJob(store, job.id, {
    cursor: null,
    intervalMs: 1,
    signal: new AbortController().signal,
    onEntries: (entries) => lines.push(...entries.map((e) => e.message)),
  });
  assert.equal(outcome.job.status, "completed");
  assert.deepEqual(lines, [
    "Job started",
    "Job completed: 1 of 1 URL(s) succeeded, 0 failed, in 1s",
  ]);
});

Deno.test("followJob does not wait for a summary no worker will write", async (t) => {
  await t.step("the job had ended at the first look", async () => {
    const s = scriptedStore([ended], []);
    await followJob(s.store, job.id, {
      cursor: null,
      intervalMs: 1,
      signal: new AbortController().signal,
      onEntries: () => {},
    });
    assert.equal(s.reads(), 2, "one read, then one more look");
  });
  await t.step("a job cancelled while queued", async () => {
    const s = scriptedStore([queued, transition(queued, "cancelled")], []);
    await followJob(s.store, job.id, {
      cursor: null,
      intervalMs: 1,
      signal: new AbortController().signal,
      onEntries: () => {},
    });
    assert.equal(s.reads(), 3);
  });
  await t.step("its worker is gone", async () => {
    const s = scriptedStore([started, ended], []);
    const f = watch({ alive: () => false, revive: null });
    await followJob(s.store, job.id, {
      cursor: null,
      intervalMs: 1,
      signal: new AbortController().signal,
      onEntries: () => {},
      worker: f.w,
    });
    assert.equal(s.reads(), 3, "the lines written before it died are read once more");
  });
});
