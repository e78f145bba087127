import assert from "node:assert/strict";
import {
  dependencyVerdict,
  findDependencyCycle,
  type Job,
  type JobStatus,
  newPendingJob,
  type StrategyOptions,
} from "./mod.ts";
import type { JobId } from "./job_id.ts";

const A = "job_670f95a8_1a1a1a1a";
const B = "job_670f95a8_2b2b2b2b";

function waiter(options: StrategyOptions): Job {
  return newPendingJob("job_670f95a9_5e6f7a8b" as JobId, {
    name: null,
    priority: "medium",
    urls: ["https://example.com/"],
    strategy: "auto",
    tags: [],
    stream: false,
    options,
  }, { results_path: "/r", log_path: "/l" });
}

const of = (a: JobStatus | null, b: JobStatus | null) =>
  new Map<string, JobStatus | null>([[A, a], [B, b]]);

Deno.test("dependencyVerdict() lets a job run only after its dependencies", async (t) => {
  const job = waiter({ after: [A, B] });
  await t.step("both completed: ready", () => {
    assert.deepEqual(dependencyVerdict(job, of("completed", "completed")), { kind: "ready" });
  });
  await t.step("one still running: waiting for it", () => {
    assert.deepEqual(dependencyVerdict(job, of("completed", "running")), {
      kind: "waiting",
      on: [B],
    });
    assert.deepEqual(dependencyVerdict(job, of("pending", "running")), {
      kind: "waiting",
      on: [A, B],
    });
  });
  await t.step("one failed or cancelled: cancelled at once, with that reason", () => {
    assert.deepEqual(dependencyVerdict(job, of("running", "failed")), {
      kind: "cancel",
      reason: `dependency ${B} failed`,
    });
    assert.deepEqual(dependencyVerdict(job, of("cancelled", "completed")), {
      kind: "cancel",
      reason: `dependency ${A} was cancelled`,
    });
    assert.deepEqual(dependencyVerdict(job, of(null, "completed")), {
      kind: "cancel",
      reason: `dependency ${A} no longer exists`,
    });
  });
  await t.step("with after_any_outcome, any end will do", () => {
    const any = waiter({ after: [A, B], after_any_outcome: true });
    assert.deepEqual(dependencyVerdict(any, of("failed", "cancelled")), { kind: "ready" });
    assert.deepEqual(dependencyVerdict(any, of("failed", "running")), {
      kind: "waiting",
      on: [B],
    });
  });
  await t.step("a job without dependencies is ready", () => {
    assert.deepEqual(dependencyVerdict(waiter({}), new Map()), { kind: "ready" });
  });
});

Deno.test("findDependencyCycle() names the jobs around a cycle", () => {
  assert.equal(findDependencyCycle(new Map([["a", ["b"]], ["b", ["c"]]])), null);
  assert.deepEqual(
    findDependencyCycle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]])),
    ["a", "b", "c", "a"],
  );
  assert.deepEqual(findDependencyCycle(new Map([["a", ["a"]]])), ["a", "a"]);
});
