import assert from "node:assert/strict";
import { InvalidTransitionError } from "./errors.ts";
import {
  compareRunOrder,
  emptyProgress,
  type Job,
  JOB_STATUSES,
  type JobStatus,
  type RunOrderKey,
} from "./job.ts";
import type { JobId } from "./job_id.ts";
import {
  applyJobUpdate,
  canTransition,
  finishJob,
  jobFailure,
  newPendingJob,
  recoverJob,
  transition,
} from "./lifecycle.ts";
import type { Extraction } from "./result.ts";

const T0 = new Date("2024-10-16T10:30:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function pendingJob(): Job {
  return {
    id: "job_670f95a8_5e6f7a8b" as JobId,
    name: "my-extraction",
    status: "pending",
    priority: "high",
    urls: ["https://example.com/", "https://another.com/", "https://third.com/"],
    strategy: "auto",
    created_at: "2024-10-16T10:30:00Z",
    updated_at: "2024-10-16T10:30:00Z",
    started_at: null,
    completed_at: null,
    progress: emptyProgress(3),
    tags: [],
    error: null,
    results_path: "/h/.riptide/jobs/job_670f95a8_5e6f7a8b/results.json",
    log_path: "/h/.riptide/jobs/job_670f95a8_5e6f7a8b/logs.jsonl",
    stream: false,
    options: {},
    history: [{ from: null, to: "pending", at: "2024-10-16T10:30:00Z" }],
    attempts: 0,
  };
}

const ALLOWED: [JobStatus, JobStatus][] = [
  ["pending", "running"],
  ["pending", "cancelled"],
  ["running", "completed"],
  ["running", "failed"],
  ["running", "cancelled"],
  ["running", "pending"],
  ["completed", "pending"],
  ["failed", "pending"],
  ["cancelled", "pending"],
];

Deno.test("canTransition() allows exactly the lifecycle's moves", () => {
  for (const from of JOB_STATUSES) {
    for (const to of JOB_STATUSES) {
      const expected = ALLOWED.some(([f, t]) => f === from && t === to);
      assert.equal(canTransition(from, to), expected, `${from} → ${to}`);
    }
  }
});

Deno.test("transition() moves a job and records the audit trail", async (t) => {
  const pending = pendingJob();
  const running = transition(pending, "running", { now: at(5) });

  await t.step("pending → running sets started_at and counts the attempt", () => {
    assert.equal(running.status, "running");
    assert.equal(running.started_at, "2024-10-16T10:30:05Z");
    assert.equal(running.updated_at, "2024-10-16T10:30:05Z");
    assert.equal(running.attempts, 1);
    assert.equal(running.completed_at, null);
    assert.deepEqual(running.history.at(-1), {
      from: "pending",
      to: "running",
      at: "2024-10-16T10:30:05Z",
    });
  });
  await t.step("the input job is left untouched", () => {
    assert.deepEqual(pending, pendingJob());
  });
  await t.step("running → completed sets completed_at and the final percentage", () => {
    const partway = { ...running, progress: { ...running.progress, completed: 2, failed: 1 } };
    const done = transition(partway, "completed", { now: at(65) });
    assert.equal(done.completed_at, "2024-10-16T10:31:05Z");
    assert.equal(done.started_at, "2024-10-16T10:30:05Z");
    assert.equal(done.progress.percentage, 100);
    assert.equal(done.error, null);
    assert.deepEqual(done.history.map((h) => h.to), ["pending", "running", "completed"]);
  });
  await t.step("running → failed keeps an error message", () => {
    assert.equal(
      transition(running, "failed", { error: "All URLs failed" }).error,
      "All URLs failed",
    );
    assert.equal(transition(running, "failed").error, "Job failed");
    assert.equal(transition(running, "failed").progress.percentage, 0);
  });
  await t.step("a reason is kept in the history", () => {
    const requeued = transition(running, "pending", { now: at(9), reason: "worker crashed" });
    assert.deepEqual(requeued.history.at(-1), {
      from: "running",
      to: "pending",
      at: "2024-10-16T10:30:09Z",
      reason: "worker crashed",
    });
    const again = transition(requeued, "running", { now: at(20) });
    assert.equal(again.started_at, "2024-10-16T10:30:05Z", "the first start is kept");
    assert.equal(again.attempts, 2);
  });
  await t.step("pending → cancelled finishes the job", () => {
    const cancelled = transition(pending, "cancelled", { now: at(1) });
    assert.equal(cancelled.completed_at, "2024-10-16T10:30:01Z");
    assert.equal(cancelled.started_at, null);
  });
});

Deno.test("transition() refuses every other move with InvalidTransitionError", () => {
  const jobIn = (status: JobStatus): Job => ({ ...pendingJob(), status });
  for (const from of JOB_STATUSES) {
    for (const to of JOB_STATUSES) {
      if (ALLOWED.some(([f, t]) => f === from && t === to)) continue;
      assert.throws(() => transition(jobIn(from), to), (err: Error) => {
        assert.ok(err instanceof InvalidTransitionError);
        assert.equal(err.message, `Invalid job transition from "${from}" to "${to}"`);
        assert.deepEqual([err.from, err.to], [from, to]);
        return true;
      });
    }
  }
});

Deno.test("applyJobUpdate() checks an update and records a status change", async (t) => {
  await t.step("a change without a status change logs nothing and moves updated_at", () => {
    const before = pendingJob();
    const { job, statusLog } = applyJobUpdate(before, (j) => ({ ...j, name: "renamed" }));
    assert.equal(job.name, "renamed");
    assert.notEqual(job.updated_at, before.updated_at);
    assert.equal(statusLog, null);
    assert.equal(before.name === "renamed", false, "the input is not mutated");
  });
  await t.step("a transition is logged with its reason at its own time", () => {
    const { job, statusLog } = applyJobUpdate(
      pendingJob(),
      (j) => transition(j, "running", { now: at(5), reason: "worker picked it" }),
    );
    assert.equal(job.history.length, 2);
    assert.deepEqual(statusLog, {
      timestamp: "2024-10-16T10:30:05Z",
      level: "Info",
      message: "Status changed: pending → running (worker picked it)",
      url: null,
    });
  });
  await t.step("a bare status change gets its history entry and an Error line for failed", () => {
    const running = transition(pendingJob(), "running", { now: at(1) });
    const { job, statusLog } = applyJobUpdate(running, (j) => ({ ...j, status: "failed" }));
    assert.deepEqual(job.history.at(-1)?.from, "running");
    assert.deepEqual(job.history.at(-1)?.to, "failed");
    assert.equal(statusLog?.level, "Error");
  });
  await t.step("a forbidden transition and an id change are refused", () => {
    assert.throws(
      () => applyJobUpdate(pendingJob(), (j) => ({ ...j, status: "completed" })),
      InvalidTransitionError,
    );
    assert.throws(
      () => applyJobUpdate(pendingJob(), (j) => ({ ...j, id: "job_00000000_00000000" as JobId })),
      TypeError,
    );
  });
});

Deno.test("newPendingJob() builds a pending job with its creation recorded", async (t) => {
  const input = {
    name: null,
    priority: "high" as const,
    urls: ["https://a.test/", "https://b.test/"],
    strategy: "auto" as const,
    tags: ["x"],
    stream: false,
    options: {},
  };
  const paths = { results_path: "/h/jobs/j/results.json", log_path: "/h/jobs/j/logs.jsonl" };
  await t.step("fields, progress and history", () => {
    const job = newPendingJob("job_670f95a8_00000001" as JobId, input, { ...paths, now: T0 });
    assert.equal(job.status, "pending");
    assert.equal(job.created_at, "2024-10-16T10:30:00Z");
    assert.deepEqual(job.progress, emptyProgress(2));
    assert.deepEqual(job.history, [{ from: null, to: "pending", at: "2024-10-16T10:30:00Z" }]);
    assert.equal(job.attempts, 0);
    assert.equal(job.results_path, paths.results_path);
  });
  await t.step("an unchecked priority or strategy is a TypeError", () => {
    const id = "job_670f95a8_00000001" as JobId;
    assert.throws(
      () => newPendingJob(id, { ...input, priority: "urgent" as "high" }, paths),
      TypeError,
    );
    assert.throws(
      () => newPendingJob(id, { ...input, strategy: "magic" as "auto" }, paths),
      TypeError,
    );
  });
});

Deno.test("jobFailure() applies the failure policy to a finished job", async (t) => {
  const counts = (succeeded: number, failed: number) => ({ succeeded, failed, firstError: "E" });
  await t.step("without a policy only all-failed fails", () => {
    assert.equal(jobFailure({}, counts(5, 8)), null);
    assert.equal(jobFailure({}, counts(0, 3)), "All 3 URL(s) failed; first error: E");
    assert.equal(jobFailure({}, counts(0, 0)), "Job has no URLs");
  });
  await t.step("a ratio fails a job with more than that share failed", () => {
    assert.equal(
      jobFailure({ max_failed_ratio: 0.1 }, counts(5, 8)),
      "8 of 13 URL(s) failed, more than the allowed 10%; first error: E",
    );
    assert.equal(jobFailure({ max_failed_ratio: 0.5 }, counts(5, 5)), null);
    assert.equal(jobFailure({ max_failed_ratio: 0 }, counts(5, 0)), null);
    assert.equal(
      jobFailure({ max_failed_ratio: 0 }, counts(12, 1)),
      "1 of 13 URL(s) failed, none allowed; first error: E",
    );
  });
  await t.step("URLs skipped by robots.txt are not failures", () => {
    const skipped = { succeeded: 1, failed: 1, skipped: 8, firstError: "E" };
    assert.equal(jobFailure({ max_failed_ratio: 0.5 }, skipped), null);
    assert.equal(
      jobFailure({}, { succeeded: 0, failed: 0, skipped: 2, firstError: "E" }),
      "No URL extracted: all 2 URL(s) are disallowed by robots.txt",
    );
  });
});

function extraction(url: string, ok: boolean, error = "HTTP 500"): Extraction {
  return {
    url,
    status: ok ? "success" : "failed",
    content: ok ? "text" : "",
    ...(ok ? {} : { error }),
    metadata: { title: null, extraction_time_ms: 1 },
  };
}

Deno.test("finishJob() decides how a job ends from its recorded results", async (t) => {
  const running = transition(pendingJob(), "running", { now: at(1) });
  const [a, b, c] = running.urls as [string, string, string];
  await t.step("any success completes it, with progress counted from the results", () => {
    const end = finishJob(running, {
      extractions: [extraction(a, true), extraction(b, false), extraction(c, true)],
      open: 0,
      currentItem: c,
      now: at(5),
    });
    assert.equal(end?.job.status, "completed");
    assert.deepEqual(end?.job.progress, {
      total: 3,
      completed: 2,
      failed: 1,
      percentage: 100,
      current_item: c,
    });
    assert.equal(end?.job.completed_at, "2024-10-16T10:30:05Z");
    assert.equal(end?.results.successful, 2);
  });
  await t.step("all failed fails it with the first URL's error, in job order", () => {
    const end = finishJob(running, {
      extractions: [extraction(c, false, "third"), extraction(a, false, "first")],
      open: 1,
      currentItem: null,
    });
    assert.equal(end, null, "a URL is still open");
    const done = finishJob(running, {
      extractions: [
        extraction(c, false, "third"),
        extraction(a, false, "first"),
        extraction(b, false, "second"),
      ],
      open: 0,
      currentItem: null,
    });
    assert.equal(done?.job.status, "failed");
    assert.equal(done?.job.error, "All 3 URL(s) failed; first error: first");
  });
  await t.step("skipped URLs (robots.txt) are counted apart and never complete a job", () => {
    const skip = (url: string): Extraction => ({
      url,
      status: "skipped",
      content: "",
      reason: "robots.txt",
      metadata: { title: null, extraction_time_ms: 0 },
    });
    const mixed = finishJob(running, {
      extractions: [extraction(a, true), skip(b), extraction(c, false, "third")],
      open: 0,
      currentItem: c,
    });
    assert.equal(mixed?.job.status, "completed");
    assert.deepEqual(
      [mixed?.job.progress.completed, mixed?.job.progress.failed, mixed?.job.progress.skipped],
      [1, 1, 1],
    );
    assert.equal(mixed?.job.progress.percentage, 100);
    assert.equal(mixed?.results.skipped, 1);
    const none = finishJob(running, {
      extractions: [skip(a), skip(b), extraction(c, false, "third")],
      open: 0,
      currentItem: null,
    });
    assert.equal(none?.job.status, "failed");
    assert.equal(
      none?.job.error,
      "No URL extracted: 1 failed, 2 disallowed by robots.txt; first error: third",
    );
    const all = finishJob(running, {
      extractions: [skip(a), skip(b), skip(c)],
      open: 0,
      currentItem: null,
    });
    assert.equal(all?.job.error, "No URL extracted: all 3 URL(s) are disallowed by robots.txt");
  });
  await t.step("results of URLs not in the job are ignored", () => {
    const end = finishJob(running, {
      extractions: [extraction("https://elsewhere.test/", true), extraction(a, false)],
      open: 0,
      currentItem: null,
    });
    assert.equal(end?.job.status, "failed");
    assert.equal(end?.job.progress.completed, 0);
  });
  await t.step("a cancelled job keeps its status; a finished one is left alone", () => {
    const cancelled = transition(running, "cancelled");
    const end = finishJob(cancelled, {
      extractions: [extraction(a, true)],
      open: 2,
      currentItem: a,
    });
    assert.equal(end?.job.status, "cancelled");
    assert.equal(end?.job.progress.completed, 1);
    const completed = transition(running, "completed");
    assert.equal(finishJob(completed, { extractions: [], open: 0, currentItem: null }), null);
  });
});

Deno.test("recoverJob() with a stalled count fails only after that many deaths without progress", () => {
  const running = transition(pendingJob(), "running");
  const many = { ...running, attempts: 9 };
  assert.equal(recoverJob(many, 3, { stalled: 0 }).status, "pending", "progress: never failed");
  assert.equal(recoverJob(many, 3, { stalled: 2 }).status, "pending");
  const failed = recoverJob(running, 3, { stalled: 3 });
  assert.equal(failed.status, "failed");
  assert.match(failed.error ?? "", /^Job failed: the worker stopped 3 times in a row without/);
});

Deno.test("recoverJob() requeues an orphan until its attempts run out", () => {
  const once = transition(pendingJob(), "running");
  assert.equal(recoverJob(once, 3).status, "pending");
  assert.equal(recoverJob(once, 3).history.at(-1)?.reason, "recovered after worker crash");
  const third = { ...once, attempts: 3 };
  const failed = recoverJob(third, 3);
  assert.equal(failed.status, "failed");
  assert.match(failed.error ?? "", /^Job failed after 3 attempts/);
  const pending = pendingJob();
  assert.equal(recoverJob(pending, 3), pending, "a job not running is left as it is");
});

Deno.test("compareRunOrder() puts higher priority first, then older, then by id", () => {
  const keys: RunOrderKey[] = [
    { id: "job_c", priority: "low", created: 1 },
    { id: "job_b", priority: "high", created: 20 },
    { id: "job_a", priority: "high", created: 20 },
    { id: "job_d", priority: "high", created: 10 },
    { id: "job_e", priority: "critical", created: 30 },
  ];
  assert.deepEqual(keys.sort(compareRunOrder).map((k) => k.id), [
    "job_e",
    "job_d",
    "job_a",
    "job_b",
    "job_c",
  ]);
});
