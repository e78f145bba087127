import assert from "node:assert/strict";
import type { MetricsSummary } from "@riptide/core";
import { runCli, tempHome } from "./_helpers.ts";
import { submit, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

const ARTICLE = (title: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p>${"The tide came in slowly over the flat grey sand of the estuary. ".repeat(8)}</p>` +
  `<p>${"Birds gathered on the last dry banks before the water covered them. ".repeat(8)}</p>` +
  `</article></body></html>`;

Deno.test("a real job run feeds metrics that match a hand count and job-local stats", async () => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/missing") return new Response("gone", { status: 404 });
    return new Response(ARTICLE(`Page ${path}`), {
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;

  // Job 1: two pages extracted, one 404 → completed. Job 2: only the 404 → failed.
  const mixed = await runCli(
    [
      "job-local",
      "submit",
      "--url",
      `${base}/a`,
      "--url",
      `${base}/b`,
      "--url",
      `${base}/missing`,
      "--stream",
    ],
    { home: home.path },
  );
  assert.equal(mixed.code, 0, mixed.stderr);
  const failing = await runCli(
    ["job-local", "submit", "--url", `${base}/missing`, "--stream"],
    { home: home.path },
  );
  assert.equal(failing.code, 1, failing.stderr);
  // A pending job that is cancelled before it runs (once the idle worker is
  // gone, so that nothing picks it up first).
  await waitForNoWorker(home.path);
  const queued = await submit(home.path, ["--url", `${base}/c`, "--no-worker"]);
  const cancel = await runCli(["job-local", "cancel", "--id", queued], { home: home.path });
  assert.equal(cancel.code, 0, cancel.stderr);
  // The worker records its last events before it exits.
  await waitForNoWorker(home.path);

  const show = await runCli(["metrics", "show", "-o", "json"], { home: home.path });
  assert.equal(show.code, 0, show.stderr);
  const summary: MetricsSummary = JSON.parse(show.stdout);
  assert.equal(summary.jobs.submitted, 3);
  assert.equal(summary.jobs.started, 2);
  assert.equal(summary.jobs.completed, 1);
  assert.equal(summary.jobs.failed, 1);
  assert.equal(summary.jobs.cancelled, 1);
  assert.equal(summary.jobs.success_rate, 0.5);
  assert.equal(summary.urls.extracted, 2);
  assert.equal(summary.urls.failed, 2);
  assert.ok(summary.urls.bytes > 0);
  assert.deepEqual(summary.failure_reasons, [{ reason: "http_4xx", count: 2 }]);
  const submits = summary.commands.find((c) => c.name === "job-local submit");
  assert.equal(submits?.count, 3);
  assert.equal(submits?.failed, 1, "the streamed job that failed exits 1");

  const stats = await runCli(["job-local", "stats", "-o", "json"], { home: home.path });
  assert.equal(stats.code, 0, stats.stderr);
  const s = JSON.parse(stats.stdout);
  assert.equal(s.success_rate, summary.jobs.success_rate);
  assert.equal(s.by_status.completed, summary.jobs.completed);
  assert.equal(s.by_status.failed, summary.jobs.failed);
  assert.equal(s.by_status.cancelled, summary.jobs.cancelled);
  assert.equal(s.average_duration_ms, summary.jobs.duration.avg_ms);
});
