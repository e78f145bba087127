/**
 * Crawls on the shared PostgreSQL queue: workers in separate homes share one
 * crawl's frontier (no URL fetched twice) and one robots.txt Crawl-delay per
 * host. Skipped, with the reason, when `RIPTIDE_TEST_PG_URL` is not set.
 */

import assert from "node:assert/strict";
import type { JobId } from "@riptide/core";
import { PG_ONLY_SKIP, runCli } from "./_helpers.ts";
import { pgCluster, startPgWorker } from "./_pg_workers.ts";
import { startCrawlSite, treePaths } from "./_crawl_site.ts";
import { waitFor } from "./_worker_helpers.ts";

async function submitJob(home: string, store: string, args: string[]): Promise<JobId> {
  const r = await runCli(["job-local", "submit", ...args, "--no-worker", "-o", "json"], {
    home,
    env: { RIPTIDE_STORE: store },
  });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).job_id;
}

Deno.test({
  name: "three workers share one crawl: each page fetched once, by one of them" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(3, "riptide_pg_crawl_");
    // The tree's lower levels wait for a second worker: on a busy machine the
    // first one started could otherwise crawl it all before the others begin.
    await using site = startCrawlSite({ fanout: 4, levels: 4, delayMs: 10, holdUntilAgents: 2 });
    const id = await submitJob(c.homes[0]!, c.db.url, [
      "--crawl",
      `${site.url}/`,
      "--max-depth",
      "3",
    ]);
    c.workers.push(
      ...c.homes.map((h, i) => startPgWorker(h, c.db.url, { name: `w${i}`, lanes: 4 })),
    );
    const job = await waitFor("the crawl to finish", async () => {
      const j = await c.store.get(id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    }, 180_000);
    assert.equal(job.status, "completed", job.error ?? "");
    const codes = await Promise.all(c.workers.map((w) => w.exit()));
    assert.deepEqual(codes, [0, 0, 0], c.workers.map((w) => w.stderr()).join("\n"));

    const pages = [...treePaths(3, 4), "/from-sitemap"];
    // 1 + 4 + 16 + 64 tree pages, /from-sitemap and /private/secret (skipped).
    assert.equal(job.progress.total, pages.length + 1);
    const fetched = site.requests.filter((r) => r.path !== "/robots.txt");
    const byPath = Map.groupBy(fetched, (r) => r.path);
    for (const path of pages) assert.equal(byPath.get(path)?.length, 1, `${path} fetched twice`);
    const results = await c.store.readResults(id);
    assert.equal(results?.extractions.length, pages.length + 1);
    assert.equal(new Set(results?.extractions.map((e) => e.url)).size, pages.length + 1);
    const agents = new Set(fetched.filter((r) => r.path.startsWith("/n/")).map((r) => r.agent));
    assert.ok(agents.size >= 2, `only ${[...agents].join(", ")} fetched pages`);
  },
});

Deno.test({
  name: "robots.txt Crawl-delay spaces the requests of every worker together" +
    (PG_ONLY_SKIP === null ? "" : ` (skipped: ${PG_ONLY_SKIP})`),
  ignore: PG_ONLY_SKIP !== null,
  async fn() {
    await using c = await pgCluster(2, "riptide_pg_crawl_");
    await using site = startCrawlSite({ robots: "Crawl-delay: 0.3\n" });
    const urls = Array.from({ length: 16 }, (_, i) => `${site.url}/flat/${i}`);
    const id = await submitJob(c.homes[0]!, c.db.url, urls.flatMap((u) => ["--url", u]));
    c.workers.push(
      ...c.homes.map((h, i) => startPgWorker(h, c.db.url, { name: `w${i}`, lanes: 2 })),
    );
    const job = await waitFor("the job to finish", async () => {
      const j = await c.store.get(id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    }, 120_000);
    assert.equal(job.status, "completed", job.error ?? "");
    const pages = site.requests.filter((r) => r.path.startsWith("/flat/"));
    assert.equal(pages.length, 16);
    // From the moment the later worker fetched its first page, both fetch.
    const joined = Math.max(
      ...["w0", "w1"].map((w) => pages.find((r) => r.agent === w)?.at ?? Infinity),
    );
    const both = pages.filter((r) => r.at >= joined);
    assert.ok(both.length >= 6, `only ${both.length} requests after both workers started`);
    // N starts 300 ms apart span (N - 1) × 300 ms; each worker pacing only
    // itself would take about half that. (The spread, not each gap: a busy
    // machine can delay one request's arrival and shorten the next gap.)
    const spread = both.at(-1)!.at - both[0]!.at;
    const wanted = (both.length - 1) * 300 * 0.8;
    assert.ok(spread >= wanted, `${both.length} requests within ${spread} ms`);
  },
});
