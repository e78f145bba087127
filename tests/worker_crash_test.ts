import assert from "node:assert/strict";
import { join } from "node:path";
import { startFaultServer } from "@riptide/executor/testing";
import { fsOnly, tempHome } from "./_helpers.ts";
import {
  readJob,
  readJsonLines,
  startWorker,
  submit,
  waitFor,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

/** Every state file of the home parses as JSON (metadata, results, each JSONL line). */
async function assertAllValidJson(home: string, id: string): Promise<void> {
  await readJob(home, id);
  await readJsonLines(home, id, "logs.jsonl");
  await readJsonLines(home, id, "results.jsonl");
  try {
    JSON.parse(await Deno.readTextFile(join(home, "jobs", id, "results.json")));
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

Deno.test({
  name: "a worker killed mid-job is recovered and the job completes with every URL once",
  // PostgreSQL recovers a killed worker's URLs when their leases run out
  // (tests/pg_workers_test.ts), not by requeueing the whole job.
  ignore: fsOnly("recovery is by lease expiry, tested in pg_workers_test.ts") !== null,
}, async (t) => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path, { url_concurrency: 2, per_host: 2 });
  const urls = Array.from({ length: 16 }, (_, i) => `${server.url}/slow/120/p${i}`);
  const id = await submit(home.path, [...urls.flatMap((u) => ["--url", u]), "--no-worker"]);

  // Kill points: as soon as the job is running (nothing recorded yet), then
  // after several results have been recorded.
  const killPoints: [string, (results: number, status: string) => boolean][] = [
    ["right after the job started", (_n, status) => status === "running"],
    ["after 6 results", (n) => n >= 6],
  ];
  for (const [label, reached] of killPoints) {
    await t.step(`SIGKILL ${label} leaves valid state behind`, async () => {
      await using worker = startWorker(home.path, ["--idle-timeout", "30s"]);
      await waitFor(label, async () => {
        const n = (await readJsonLines(home.path, id, "results.jsonl")).length;
        return reached(n, (await readJob(home.path, id)).status) || undefined;
      });
      worker.child.kill("SIGKILL");
      await worker.exit();
      await assertAllValidJson(home.path, id);
      const job = await readJob(home.path, id);
      assert.equal(job.status, "running");
      assert.ok(job.progress.completed <= job.progress.total);
    });
  }

  await t.step("the next worker recovers the job and completes it", async () => {
    await using worker = startWorker(home.path, ["--idle-timeout", "0"]);
    assert.equal(await worker.exit(), 0, worker.stderr());
    assert.match(worker.stderr(), /Recovered job \S+ left running by a worker that stopped/);
    const job = await readJob(home.path, id);
    assert.equal(job.status, "completed", job.error ?? "");
    assert.equal(job.attempts, 3);
    assert.deepEqual(
      { total: job.progress.total, completed: job.progress.completed, failed: job.progress.failed },
      { total: 16, completed: 16, failed: 0 },
    );
    await assertAllValidJson(home.path, id);

    const results = JSON.parse(await Deno.readTextFile(job.results_path));
    assert.deepEqual(results.extractions.map((e: { url: string }) => e.url), urls);
    const lines = await readJsonLines(home.path, id, "results.jsonl");
    assert.deepEqual(lines.map((l) => l.url).sort(), [...urls].sort(), "each URL recorded once");

    const logs = await readJsonLines(home.path, id, "logs.jsonl");
    const recovered = logs.filter((l) => /recovered and requeued/.test(String(l.message)));
    assert.equal(recovered.length, 2);
    assert.ok(logs.some((l) => /resuming with \d+ already done/.test(String(l.message))));
  });
});

Deno.test({
  name: "a job that keeps killing its worker fails after 3 attempts with a clear error",
  // On PostgreSQL attempts are counted per URL under leases (tests/pg_workers_test.ts).
  ignore: fsOnly("attempts are counted per URL, tested in pg_workers_test.ts") !== null,
}, async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path);
  const id = await submit(home.path, [
    "--url",
    `${server.url}/slow/60000/poison`,
    "--no-worker",
  ]);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await using worker = startWorker(home.path, ["--idle-timeout", "30s"]);
    await waitFor(`attempt ${attempt}`, async () => {
      const job = await readJob(home.path, id);
      return (job.status === "running" && job.attempts === attempt) || undefined;
    });
    worker.child.kill("SIGKILL");
    await worker.exit();
  }
  // Any submit starts a worker, which finds the orphan on start.
  await submit(home.path, ["--url", `${server.url}/page/bystander`]);
  const job = await waitFor("the job to be failed", async () => {
    const j = await readJob(home.path, id);
    return j.status === "failed" ? j : undefined;
  });
  await waitForNoWorker(home.path);
  assert.equal(
    job.error,
    "Job failed after 3 attempts: the worker stopped while running it each time " +
      "(crash, kill or out of memory)",
  );
  assert.equal(job.attempts, 3);
});
