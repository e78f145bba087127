import assert from "node:assert/strict";
import { startFaultServer } from "@riptide/executor/testing";
import { runCli, tempHome } from "./_helpers.ts";
import {
  readJob,
  readJsonLines,
  startWorker,
  submit,
  waitFor,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

Deno.test("cancel from another process stops a running job and keeps its results", async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path, { url_concurrency: 2, per_host: 2, request_timeout: 60 });
  const quick = `${server.url}/page/quick`;
  const slow = Array.from({ length: 6 }, (_, i) => `${server.url}/slow/60000/s${i}`);
  const id = await submit(home.path, [quick, ...slow].flatMap((u) => ["--url", u]));
  await waitFor("the quick page's result", async () => {
    const lines = await readJsonLines(home.path, id, "results.jsonl");
    return lines.length > 0 || undefined;
  });

  const out = await runCli(["job-local", "cancel", "--id", id], { home: home.path });
  assert.equal(out.code, 0, out.stderr);
  const cancelledAt = Date.now();
  const logs = await waitFor("the worker to stop the job", async () => {
    const lines = await readJsonLines(home.path, id, "logs.jsonl");
    return lines.some((l) => String(l.message).startsWith("Job cancelled")) ? lines : undefined;
  });
  // The slow pages answer after 60 s: ending well before that means the cancel aborted them
  // (the bound leaves room for a loaded machine).
  assert.ok(Date.now() - cancelledAt < 30_000, "the worker stopped the job before its slow pages");
  // In-flight requests were aborted: the worker exits without waiting for them.
  await waitForNoWorker(home.path, 30_000);

  const job = await readJob(home.path, id);
  assert.equal(job.status, "cancelled");
  assert.equal(job.progress.completed, 1);
  assert.equal(job.progress.failed, 0);
  assert.ok(!logs.some((l) => String(l.message).startsWith("Job completed")));
  const results = JSON.parse(
    (await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path })).stdout,
  );
  assert.deepEqual(results.extractions.map((e: { url: string }) => e.url), [quick]);
  assert.equal(results.successful, 1);
});

Deno.test("cancel of a pending job removes it from the queue", async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path);
  const id = await submit(home.path, ["--url", `${server.url}/page/never`, "--no-worker"]);
  const out = await runCli(["job-local", "cancel", "--id", id], { home: home.path });
  assert.equal(out.code, 0, out.stderr);

  await using worker = startWorker(home.path, ["--idle-timeout", "0"]);
  assert.equal(await worker.exit(), 0);
  assert.match(worker.stderr(), /0 job\(s\) run/);
  assert.equal(server.hits("/page/never"), 0);
  const job = await readJob(home.path, id);
  assert.equal(job.status, "cancelled");
  assert.equal(job.started_at, null);
});
