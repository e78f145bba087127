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
  name: "a page in flight during 3 worker deaths fails alone; the job completes",
  // On PostgreSQL attempts are counted per URL under leases (tests/pg_workers_test.ts).
  ignore: fsOnly("attempts are counted per URL, tested in pg_workers_test.ts") !== null,
}, async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  // The poison page must still be in flight at each kill: no timeout ends it first.
  await writeFastConfig(home.path, { request_timeout: 120 });
  const poison = `${server.url}/slow/60000/poison`;
  const good = [1, 2, 3].map((i) => `${server.url}/page/good${i}`);
  const id = await submit(home.path, [
    ...[poison, ...good].flatMap((u) => ["--url", u]),
    "--no-worker",
  ]);
  for (let attempt = 1; attempt <= 3; attempt++) {
    await using worker = startWorker(home.path, ["--idle-timeout", "30s"]);
    // Killed while the poison page is in flight (it never answers), once the
    // other pages have their results.
    await waitFor(`attempt ${attempt}`, async () => {
      const job = await readJob(home.path, id);
      const done = (await readJsonLines(home.path, id, "results.jsonl")).length;
      return (job.status === "running" && job.attempts === attempt && done >= 3 &&
        server.hits("/slow/60000/poison") >= attempt) || undefined;
    });
    worker.child.kill("SIGKILL");
    await worker.exit();
  }
  // Any submit starts a worker, which finds the orphan on start.
  await submit(home.path, ["--url", `${server.url}/page/bystander`]);
  const job = await waitFor("the job to end", async () => {
    const j = await readJob(home.path, id);
    return j.status === "completed" || j.status === "failed" ? j : undefined;
  });
  await waitForNoWorker(home.path);
  assert.equal(job.status, "completed", job.error ?? "");
  const results = JSON.parse(await Deno.readTextFile(join(home.path, "jobs", id, "results.json")));
  const byUrl = new Map(
    results.extractions.map((e: { url: string; status: string; error?: string }) => [e.url, e]),
  );
  assert.deepEqual(
    byUrl.get(poison),
    {
      url: poison,
      status: "failed",
      content: "",
      error: "Gave up after 3 attempts: the worker processing this URL stopped each time " +
        "(crash, kill or out of memory)",
      metadata: { title: null, extraction_time_ms: 0 },
    },
  );
  for (const url of good) assert.equal((byUrl.get(url) as { status: string }).status, "success");
  const lines = await readJsonLines(home.path, id, "results.jsonl");
  assert.deepEqual(lines.map((l) => l.url).sort(), [poison, ...good].sort(), "each URL once");
});
