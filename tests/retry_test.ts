/**
 * `retry --id J [--skipped]` end to end, on the store the run uses: only the
 * failed (and skipped) URLs run again, in place, the other results stay, the
 * history records the retry; bad input changes nothing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
}

Deno.test("retry runs a job's failed URLs again in place", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  let broken = true;
  const requests = new Map<string, number>();
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("User-agent: *\nDisallow: /blocked\n");
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (path === "/flaky" && broken) return new Response("down", { status: 503 });
    return new Response(
      `<!doctype html><html><head><title>Page ${path}</title></head><body><article>` +
        `<h1>Page ${path}</h1><p>${
          `The words of ${path}, request ${requests.get(path)}. `
            .repeat(8)
        }</p></article></body></html>`,
      { headers: { "content-type": "text/html" } },
    );
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  // The job files (on PostgreSQL, status -o json shows the stored job); the
  // home's command metrics grow with every run, refused ones too.
  const jobsDir = join(home.path, "jobs");
  const ended = (id: string) =>
    waitFor(`job ${id} to end`, async () => {
      const job = await readJob(home.path, id);
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    }, 60_000);
  const resultsOf = async (id: string): Promise<Result[]> => {
    const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    return JSON.parse(out.stdout).extractions;
  };
  const statusOf = (id: string) =>
    runCli(["job-local", "status", "--id", id, "-o", "json"], { home: home.path });

  const id = await submit(
    home.path,
    ["/ok", "/flaky", "/blocked"].flatMap((p) => ["--url", base + p]),
  );
  assert.equal((await ended(id)).status, "completed");
  await waitForNoWorker(home.path, 60_000);
  const before = await resultsOf(id);
  const ok = before.find((e) => e.url === `${base}/ok`)!;
  assert.equal(before.find((e) => e.url === `${base}/flaky`)?.status, "failed");
  const okRequests = requests.get("/ok");

  await t.step("bad input is one line, exit 2, and changes nothing", async () => {
    for (
      const [args, error] of [
        [["job-local", "retry"], /^error: .*--id/],
        [["job-local", "retry", "--id", "../etc"], /^error: .*job id/i],
        [["job-local", "retry", "--id", id, "--bogus"], /^error: .*--bogus/],
      ] as const
    ) {
      const files = await snapshotTree(jobsDir);
      const state = (await statusOf(id)).stdout;
      const r = await runCli(args, { home: home.path });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, error);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.deepEqual(await snapshotTree(jobsDir), files);
      assert.equal((await statusOf(id)).stdout, state);
    }
  });

  await t.step("a job that is not over, or has nothing to retry, is refused (exit 1)", async () => {
    const queued = await submit(home.path, ["--url", `${base}/later`, "--no-worker"]);
    const files = await snapshotTree(jobsDir);
    const r = await runCli(["job-local", "retry", "--id", queued], { home: home.path });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stderr,
      `error: Job ${queued} is pending: only a completed, failed or cancelled job can be retried\n`,
    );
    assert.deepEqual(await snapshotTree(jobsDir), files);
    assert.equal((await readJob(home.path, queued)).status, "pending");
    await runCli(["job-local", "cancel", "--id", queued], { home: home.path });
  });

  await t.step("the failed URL runs again; the other results are untouched", async () => {
    broken = false;
    const r = await runCli(["job-local", "retry", "--id", id, "-o", "json"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.job_id, id);
    assert.equal(out.status, "pending");
    assert.deepEqual(out.retried, { failed: 1, skipped: 0, not_run: 0 });
    assert.deepEqual(out.urls, [`${base}/flaky`]);
    const job = await ended(id);
    assert.equal(job.status, "completed");
    assert.equal(job.progress.completed, 2);
    assert.equal(job.progress.failed, 0);
    const retried = job.history.find((h) => h.to === "pending" && h.from === "completed");
    assert.equal(retried?.reason, "retry of 1 failed URL(s)");
    const after = await resultsOf(id);
    assert.equal(after.length, 3);
    assert.equal(after.find((e) => e.url === `${base}/flaky`)?.status, "success");
    assert.deepEqual(after.find((e) => e.url === `${base}/ok`), ok);
    assert.equal(after.find((e) => e.url === `${base}/blocked`)?.status, "skipped");
    assert.equal(requests.get("/ok"), okRequests, "the succeeded URL is not fetched again");
    assert.equal(requests.get("/blocked"), undefined);
    const logs = await runCli(["job-local", "logs", "--id", id], { home: home.path });
    assert.match(logs.stdout, /Status changed: completed → pending \(retry of 1 failed URL\(s\)\)/);
    await waitForNoWorker(home.path, 60_000);
  });

  await t.step("nothing failed any more: a plain retry is refused", async () => {
    const files = await snapshotTree(jobsDir);
    const r = await runCli(["job-local", "retry", "--id", id], { home: home.path });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, `error: Job ${id} has no failed URL to retry\n`);
    assert.deepEqual(await snapshotTree(jobsDir), files);
  });

  await t.step("--skipped runs the skipped URL again (robots.txt decides anew)", async () => {
    const r = await runCli(["job-local", "retry", "--id", id, "--skipped"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Retrying job .* 1 skipped URL$/m);
    const job = await ended(id);
    assert.equal(job.history.filter((h) => h.to === "pending").length, 3);
    assert.equal(job.history.at(-3)?.reason, "retry of 1 skipped URL(s)");
    const after = await resultsOf(id);
    assert.equal(after.length, 3);
    assert.equal(after.find((e) => e.url === `${base}/blocked`)?.status, "skipped");
    assert.deepEqual(after.find((e) => e.url === `${base}/ok`), ok);
    await waitForNoWorker(home.path, 60_000);
  });
});
