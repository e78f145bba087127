/**
 * Many machines, one queue: three workers (separate processes, separate
 * RIPTIDE_HOMEs, one PostgreSQL database) share one job from a local server.
 * Skipped, with the reason, when `RIPTIDE_TEST_PG_URL` is not set.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { Job, JobId } from "@riptide/core";
import { queryPg } from "@riptide/storage/testing";
import { PG_ONLY_SKIP, runCli } from "./_helpers.ts";
import { pgCluster, startPgWorker } from "./_pg_workers.ts";
import { waitFor } from "./_worker_helpers.ts";

/**
 * A local site of small article pages that remembers who fetched what. With
 * `holdUntilAgents`, every request waits until that many user agents (workers)
 * have asked for something, or 60 s have passed.
 */
function startSite(delayMs: number, holdUntilAgents = 0) {
  const byAgent = new Map<string, string[]>();
  /** When each request arrived (ms since the epoch). */
  const arrivals: number[] = [];
  const allHere = Promise.withResolvers<void>();
  const fallback = setTimeout(allHere.resolve, 60_000);
  if (holdUntilAgents === 0) allHere.resolve();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const agent = req.headers.get("user-agent") ?? "?";
    byAgent.set(agent, [...(byAgent.get(agent) ?? []), path]);
    arrivals.push(Date.now());
    if (byAgent.size >= holdUntilAgents) allHere.resolve();
    await allHere.promise;
    await new Promise((r) => setTimeout(r, delayMs));
    const n = path.slice(3);
    return new Response(
      `<!doctype html><html><head><title>Page ${n}</title></head><body><article>` +
        `<h1>Page ${n}</h1><p>${
          `Paragraph of page ${n} with enough words to extract. `.repeat(8)
        }</p>` +
        `</article></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  });
  const { port } = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${port}`,
    byAgent,
    arrivals,
    async [Symbol.asyncDispose]() {
      clearTimeout(fallback);
      await server.shutdown();
    },
  };
}

async function submitUrls(home: string, store: string, urls: string[]): Promise<JobId> {
  const file = join(home, "urls.txt");
  await Deno.writeTextFile(file, urls.join("\n") + "\n");
  const r = await runCli(
    ["job-local", "submit", "--urls-file", file, "--no-worker", "--name", "shared", "-o", "json"],
    { home, env: { RIPTIDE_STORE: store } },
  );
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).job_id;
}

Deno.test({
  name: "three workers on three homes share one 1,000-URL job: every URL once, load spread" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(3, "riptide_pg_worker_");
    // Held until all three workers have asked for a page: on a busy machine the
    // first one started could otherwise do most of the job before the others.
    await using site = startSite(5, 3);
    const urls = Array.from({ length: 1000 }, (_, i) => `${site.url}/p/${i}`);
    const id = await submitUrls(c.homes[0]!, c.db.url, urls);
    const workers = c.homes.map((h, i) =>
      startPgWorker(h, c.db.url, { name: `w${i}`, lease: "10s", idle: "2s" })
    );
    try {
      const job = await waitFor("the job to finish", async () => {
        const j = await c.store.get(id);
        return j.status === "completed" || j.status === "failed" ? j : undefined;
      }, 180_000);
      assert.equal(job.status, "completed", job.error ?? "");
      const codes = await Promise.all(workers.map((w) => w.exit()));
      assert.deepEqual(codes, [0, 0, 0], workers.map((w) => w.stderr()).join("\n"));

      const results = await c.store.readResults(id);
      assert.ok(results !== null);
      assert.equal(results.total_urls, 1000);
      assert.equal(results.successful, 1000);
      assert.deepEqual(results.extractions.map((e) => e.url), urls, "each URL once, in job order");
      assert.deepEqual(
        { completed: job.progress.completed, failed: job.progress.failed },
        { completed: 1000, failed: 0 },
      );

      // Each worker reads robots.txt once for the job; pages are fetched once in all.
      for (const paths of site.byAgent.values()) {
        assert.ok(paths.filter((p) => p === "/robots.txt").length <= 1, "robots.txt read twice");
      }
      const fetched = [...site.byAgent.values()].flat().filter((p) => p !== "/robots.txt");
      assert.equal(fetched.length, 1000, "no URL fetched twice");
      assert.equal(new Set(fetched).size, 1000);
      for (const name of ["w0", "w1", "w2"]) {
        const share = (site.byAgent.get(name) ?? []).filter((p) => p !== "/robots.txt").length;
        assert.ok(share >= 50, `${name} fetched only ${share} of 1000 pages`);
      }
      const logs = await c.store.readLogs(id);
      assert.equal(logs.filter((l) => /^Job completed/.test(l.message)).length, 1);
    } finally {
      for (const w of workers) {
        try {
          w.child.kill("SIGKILL");
        } catch {
          // Already exited.
        }
        await w.exit();
      }
    }
  },
});

Deno.test({
  name: "a worker killed with SIGKILL mid-job: its URLs are taken over when the lease runs out" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(3, "riptide_pg_worker_");
    await using site = startSite(20);
    const urls = Array.from({ length: 600 }, (_, i) => `${site.url}/p/${i}`);
    const id = await submitUrls(c.homes[0]!, c.db.url, urls);
    // Idle longer than the lease, so the others are still there when it runs out.
    const workers = c.homes.map((h, i) =>
      startPgWorker(h, c.db.url, { name: `w${i}`, lease: "2s", idle: "6s" })
    );
    try {
      await waitFor(
        "w0 to be working",
        () => (site.byAgent.get("w0")?.length ?? 0) >= 20 || undefined,
        60_000,
      );
      workers[0]!.child.kill("SIGKILL");
      assert.notEqual(await workers[0]!.exit(), 0);

      const job: Job = await waitFor("the job to finish", async () => {
        const j = await c.store.get(id);
        return j.status === "completed" || j.status === "failed" ? j : undefined;
      }, 180_000);
      assert.equal(job.status, "completed", job.error ?? "");
      const results = await c.store.readResults(id);
      assert.equal(results?.successful, 600);
      assert.deepEqual(results?.extractions.map((e) => e.url), urls, "each URL once");

      // The killed worker's claims were taken over after their lease ran out.
      const retaken = await queryPg(
        c.db.url,
        `SELECT count(*)::int AS n FROM job_urls WHERE job_id = '${id}' AND attempts >= 2`,
      );
      assert.ok(Number(retaken[0]?.n) > 0, "some URLs were claimed a second time");
      const partial = await c.store.readPartialResults(id);
      assert.equal(partial.length, 600);
      assert.equal(new Set(partial.map((e) => e.url)).size, 600);
      const codes = await Promise.all(workers.slice(1).map((w) => w.exit()));
      assert.deepEqual(codes, [0, 0], workers.map((w) => w.stderr()).join("\n"));
    } finally {
      for (const w of workers) {
        try {
          w.child.kill("SIGKILL");
        } catch {
          // Already exited.
        }
        await w.exit();
      }
    }
  },
});

Deno.test({
  name: "cancel from a third machine stops every worker on the job within a second" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(3, "riptide_pg_worker_");
    await using site = startSite(50);
    const urls = Array.from({ length: 400 }, (_, i) => `${site.url}/p/${i}`);
    const id = await submitUrls(c.homes[2]!, c.db.url, urls);
    const workers = c.homes.slice(0, 2).map((h, i) =>
      startPgWorker(h, c.db.url, { name: `w${i}`, lease: "10s", idle: "1s" })
    );
    try {
      await waitFor(
        "both workers to be fetching",
        () =>
          ((site.byAgent.get("w0")?.length ?? 0) >= 10 &&
            (site.byAgent.get("w1")?.length ?? 0) >= 10) || undefined,
        60_000,
      );
      const r = await runCli(["job-local", "cancel", "--id", id], {
        home: c.homes[2]!,
        env: { RIPTIDE_STORE: c.db.url },
      });
      assert.equal(r.code, 0, r.stderr);
      const cancelledAt = Date.now();
      const codes = await Promise.all(workers.map((w) => w.exit()));
      assert.deepEqual(codes, [0, 0], workers.map((w) => w.stderr()).join("\n"));
      const last = Math.max(...site.arrivals);
      assert.ok(
        last - cancelledAt < 1000,
        `a request started ${last - cancelledAt} ms after the cancel`,
      );
      const job = await c.store.get(id);
      assert.equal(job.status, "cancelled");
      const partial = await c.store.readPartialResults(id);
      assert.ok(partial.length > 0 && partial.length < 400);
      assert.equal(new Set(partial.map((e) => e.url)).size, partial.length);
      const results = await c.store.readResults(id);
      assert.equal(results?.extractions.length, partial.length, "results obtained are kept");
    } finally {
      for (const w of workers) {
        try {
          w.child.kill("SIGKILL");
        } catch {
          // Already exited.
        }
        await w.exit();
      }
    }
  },
});

Deno.test({
  name: "a worker restarted in the same home takes back its dead predecessor's URLs at once" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(1, "riptide_pg_worker_");
    await using site = startSite(20);
    const urls = Array.from({ length: 200 }, (_, i) => `${site.url}/p/${i}`);
    const id = await submitUrls(c.homes[0]!, c.db.url, urls);
    // A lease far longer than the test may wait: only the same-home rule can recover in time.
    const options = { name: "w", lease: "5m", idle: "1s" };
    const first = startPgWorker(c.homes[0]!, c.db.url, options);
    await waitFor(
      "the first worker to be working",
      () => (site.byAgent.get("w")?.length ?? 0) >= 20 || undefined,
      60_000,
    );
    first.child.kill("SIGKILL");
    await first.exit();
    const second = startPgWorker(c.homes[0]!, c.db.url, options);
    try {
      const job = await waitFor("the job to finish", async () => {
        const j = await c.store.get(id);
        return j.status === "completed" || j.status === "failed" ? j : undefined;
      }, 60_000);
      assert.equal(job.status, "completed", job.error ?? "");
      assert.equal(await second.exit(), 0, second.stderr());
      const results = await c.store.readResults(id);
      assert.deepEqual(results?.extractions.map((e) => e.url), urls, "each URL once");
      const retaken = await queryPg(
        c.db.url,
        `SELECT count(*)::int AS n FROM job_urls WHERE job_id = '${id}' AND attempts >= 2`,
      );
      assert.ok(Number(retaken[0]?.n) > 0, "the dead worker's URLs were claimed again");
    } finally {
      try {
        second.child.kill("SIGKILL");
      } catch {
        // Already exited.
      }
      await second.exit();
    }
  },
});
