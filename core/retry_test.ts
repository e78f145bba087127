import assert from "node:assert/strict";
import {
  type Extraction,
  type Job,
  newPendingJob,
  NotRetryableError,
  retryJob,
  transition,
} from "./mod.ts";
import type { JobId } from "./job_id.ts";

const T0 = new Date("2024-10-16T10:30:00Z");
const URLS = ["https://a.example/", "https://b.example/", "https://c.example/"];

function ended(status: "completed" | "failed" | "cancelled", urls = URLS): Job {
  const job = newPendingJob("job_670f95a8_5e6f7a8b" as JobId, {
    name: null,
    priority: "medium",
    urls,
    strategy: "auto",
    tags: [],
    stream: false,
    options: {},
  }, { results_path: "/r", log_path: "/l", now: T0 });
  return transition(transition(job, "running", { now: T0 }), status, { now: T0, error: "x" });
}

function result(url: string, status: Extraction["status"]): Extraction {
  return { url, status, content: "", metadata: { title: null, extraction_time_ms: 1 } };
}

Deno.test("retryJob() requeues the failed URLs and keeps the rest", () => {
  const plan = retryJob(
    ended("completed"),
    [result(URLS[0]!, "success"), result(URLS[1]!, "failed"), result(URLS[2]!, "skipped")],
    { now: new Date("2024-10-16T11:00:00Z") },
  );
  assert.deepEqual(plan.urls, [URLS[1]]);
  assert.equal(plan.failed, 1);
  assert.equal(plan.job.status, "pending");
  assert.equal(plan.job.completed_at, null);
  assert.equal(plan.job.error, null);
  assert.deepEqual(plan.job.history.at(-1), {
    from: "completed",
    to: "pending",
    at: "2024-10-16T11:00:00Z",
    reason: "retry of 1 failed URL(s)",
  });
  assert.equal(plan.job.progress.completed, 1);
  assert.equal(plan.job.progress.failed, 0);
  assert.equal(plan.job.progress.skipped, 1);
});

Deno.test("retryJob() with skipped also requeues the skipped URLs", () => {
  const plan = retryJob(
    ended("failed"),
    [result(URLS[0]!, "failed"), result(URLS[1]!, "skipped"), result(URLS[2]!, "success")],
    { skipped: true },
  );
  assert.deepEqual(plan.urls, [URLS[0], URLS[1]]);
  assert.equal(plan.job.history.at(-1)?.reason, "retry of 1 failed, 1 skipped URL(s)");
  assert.equal(plan.job.progress.skipped, undefined);
});

Deno.test("retryJob() runs a cancelled job's unrun URLs too", () => {
  const plan = retryJob(ended("cancelled"), [result(URLS[0]!, "success")]);
  assert.deepEqual(plan.urls, []);
  assert.equal(plan.unrun, 2);
  assert.equal(plan.job.status, "pending");
});

Deno.test("retryJob() refuses a job that has not ended or has nothing to retry", async (t) => {
  await t.step("a running job", () => {
    const running = transition(ended("completed"), "pending");
    assert.throws(() => retryJob(running, []), NotRetryableError);
  });
  await t.step("a job whose URLs all succeeded", () => {
    assert.throws(
      () => retryJob(ended("completed"), URLS.map((u) => result(u, "success"))),
      { name: "NotRetryableError", message: /has no failed URL to retry/ },
    );
  });
  await t.step("skipped URLs without --skipped", () => {
    assert.throws(
      () => retryJob(ended("completed"), URLS.map((u) => result(u, "skipped"))),
      NotRetryableError,
    );
  });
});
