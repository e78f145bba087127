import assert from "node:assert/strict";
import { startFaultServer } from "@riptide/executor/testing";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob, startWorker, submit, waitFor, writeFastConfig } from "./_worker_helpers.ts";

Deno.test("with concurrency 1 queued jobs run by priority, then age, and critical overtakes", async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path);
  const queue = async (priority: string, path: string): Promise<string> =>
    await submit(home.path, [
      "--url",
      `${server.url}${path}`,
      "--priority",
      priority,
      "--name",
      priority,
      "--no-worker",
    ]);

  const older = await queue("low", "/page/older-low");
  // Age order is by creation second: let the clock tick before the second low job.
  const olderSecond = (await readJob(home.path, older)).created_at;
  await waitFor(
    "the next second",
    () => new Date().toISOString().slice(0, 19) + "Z" > olderSecond || undefined,
  );
  const newer = await queue("low", "/page/newer-low");
  const medium = await queue("medium", "/page/medium");
  const high = await queue("high", "/slow/800/high");

  await using worker = startWorker(home.path, ["--concurrency", "1", "--idle-timeout", "0"]);
  const started = (): string[] =>
    [...worker.stderr().matchAll(/Job (\S+) started/g)].map((m) => m[1]!);
  await waitFor("the first job to start", () => started().length > 0 || undefined);
  // Submitted while `high` runs: must overtake everything still queued.
  const critical = await submit(home.path, [
    "--url",
    `${server.url}/page/critical`,
    "--priority",
    "critical",
  ]);
  assert.equal(await worker.exit(), 0, worker.stderr());

  assert.deepEqual(started(), [high, critical, medium, older, newer]);
  const jobs = await Promise.all(
    [high, critical, medium, older, newer].map((id) => readJob(home.path, id)),
  );
  for (const job of jobs) assert.equal(job.status, "completed", `${job.name}: ${job.error}`);
  const starts = jobs.map((j) => j.started_at!);
  assert.deepEqual([...starts].sort(), starts, "started_at follows the run order");

  const list = await runCli(["job-local", "list", "--status", "pending", "-o", "json"], {
    home: home.path,
  });
  assert.equal(list.code, 0);
  assert.doesNotMatch(list.stdout, /job_/);
});
