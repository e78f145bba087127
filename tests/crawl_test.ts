/**
 * Crawl jobs end to end (`submit --crawl`), against a local site: which URLs
 * are fetched (the server's access log), what the results and `status` say,
 * the usage errors, and a worker killed mid-crawl resuming without fetching
 * a finished URL again.
 */

import assert from "node:assert/strict";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { startCrawlSite, treePaths } from "./_crawl_site.ts";
import {
  readJob,
  readJsonLines,
  startWorker,
  submit,
  waitFor,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  depth?: number;
  referrer?: string | null;
}

Deno.test("a crawl fetches each in-scope page once, to its depth, politely", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using site = startCrawlSite({ fanout: 3, levels: 4 });
  const base = site.url;
  const finished = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const job = await readJob(home.path, id);
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    }, 60_000);

  const id = await submit(home.path, ["--crawl", `${base}/`, "--max-depth", "2"]);
  const job = await finished(id);
  await waitForNoWorker(home.path);

  const tree = treePaths(2);
  await t.step("every page within depth 2 is fetched exactly once, nothing else", () => {
    const hits = site.hits();
    const pages = [...tree, "/from-sitemap"];
    for (const path of pages) assert.equal(hits.get(path), 1, `${path}: ${hits.get(path)}`);
    assert.deepEqual(
      [...hits.keys()].filter((p) => !pages.includes(p)).sort(),
      ["/robots.txt", "/sitemap.xml"],
    );
    assert.equal(hits.get("/robots.txt"), 1);
  });

  await t.step("the job counts what it discovered; disallowed URLs are skipped", () => {
    assert.equal(job.status, "completed", job.error ?? "");
    // 13 tree pages, /from-sitemap, and /private/secret (skipped).
    assert.equal(job.progress.total, 15);
    assert.equal(job.progress.completed, 14);
    assert.equal(job.progress.skipped, 1);
  });

  await t.step("each result has its depth and referrer", async () => {
    const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    const results = JSON.parse(out.stdout);
    assert.equal(results.total_urls, 15);
    const byUrl = new Map<string, Result>(
      results.extractions.map((e: Result) => [e.url, e] as const),
    );
    assert.equal(byUrl.size, 15);
    assert.deepEqual(pick(byUrl.get(`${base}/`)), [0, null, "success"]);
    assert.deepEqual(pick(byUrl.get(`${base}/n/0`)), [1, `${base}/`, "success"]);
    assert.deepEqual(pick(byUrl.get(`${base}/n/2/1`)), [2, `${base}/n/2`, "success"]);
    assert.deepEqual(pick(byUrl.get(`${base}/private/secret`)), [1, `${base}/`, "skipped"]);
    // Sitemap pages come after the links, at the depth limit (not followed further).
    assert.deepEqual(pick(byUrl.get(`${base}/from-sitemap`)), [
      2,
      `${base}/sitemap.xml`,
      "success",
    ]);
  });

  await t.step("status shows discovered, fetched and queued", async () => {
    const out = await runCli(["job-local", "status", "--id", id], { home: home.path });
    assert.equal(out.code, 0, out.stderr);
    assert.match(
      out.stdout,
      /Crawl: 15 discovered, 14 fetched, 0 queued \(depth ≤ 2, at most 1000 pages, same-host\)/,
    );
    const json = await runCli(["job-local", "status", "--id", id, "-o", "json", "--detailed"], {
      home: home.path,
    });
    const status = JSON.parse(json.stdout);
    assert.deepEqual(status.crawl_progress, { discovered: 15, fetched: 14, queued: 0 });
    assert.equal(status.options.crawl.max_depth, 2);
    assert.equal(status.url_states.length, 15);
  });

  await t.step("--max-pages caps the job's URLs; --include narrows the links", async () => {
    const before = site.log.length;
    const capped = await finished(
      await submit(home.path, ["--crawl", `${base}/`, "--max-pages", "4", "--ignore-robots"]),
    );
    assert.equal(capped.progress.total, 4);
    assert.equal(site.log.length - before, 4, site.log.slice(before).join(" "));
    await waitForNoWorker(home.path);

    const narrow = await finished(
      await submit(home.path, ["--crawl", `${base}/`, "--include", "/n/1/**", "--max-depth", "3"]),
    );
    await waitForNoWorker(home.path);
    const out = await runCli(["job-local", "results", "--id", narrow.id, "-o", "json"], {
      home: home.path,
    });
    const urls = JSON.parse(out.stdout).extractions.map((e: Result) => e.url.slice(base.length));
    // The start URL, then only /n/1 and below (the sitemap's page is outside the glob).
    assert.deepEqual(
      urls.sort(),
      ["/", ...treePaths(3).filter((p) => p === "/n/1" || p.startsWith("/n/1/"))].sort(),
    );
  });
});

function pick(e: Result | undefined): unknown[] {
  return [e?.depth, e?.referrer, e?.status];
}

Deno.test("crawl flags are checked before anything is stored", async (t) => {
  await using home = await tempHome();
  const cases: [string[], RegExp][] = [
    [["--url", "http://127.0.0.1:9/", "--max-depth", "3"], /--max-depth applies to crawl jobs/],
    [["--crawl", "http://127.0.0.1:9/", "--url", "http://127.0.0.1:9/a"], /cannot be combined/],
    [
      ["--crawl", "http://127.0.0.1:9/", "--same-domain", "--any-host"],
      /--same-domain and --any-host/,
    ],
    [["--crawl", "http://127.0.0.1:9/", "--max-pages", "0"], /Invalid --max-pages "0"/],
    [["--crawl", "http://127.0.0.1:9/", "--max-depth", "-1"], /Invalid --max-depth/],
    [["--crawl", "file:///tmp/x.html"], /Invalid --crawl .*http or https/],
    [["--crawl", "http://127.0.0.1:9/", "--include", " "], /Empty path pattern/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.join(" "), async () => {
      const before = await snapshotTree(home.path);
      const out = await runCli(["job-local", "submit", ...args, "--no-worker"], {
        home: home.path,
      });
      assert.equal(out.code, 2, out.stderr);
      assert.match(out.stderr, message);
      assert.equal(out.stderr.trim().split("\n").length, 1, out.stderr);
      assert.deepEqual(await snapshotTree(home.path), before);
    });
  }
});

Deno.test("a worker killed mid-crawl resumes without fetching a finished URL again", async () => {
  await using home = await tempHome();
  await writeFastConfig(home.path, { url_concurrency: 2, per_host: 2 });
  await using site = startCrawlSite({ fanout: 3, levels: 3, delayMs: 40 });
  const id = await submit(home.path, [
    "--crawl",
    `${site.url}/`,
    "--max-depth",
    "3",
    "--no-worker",
  ]);
  // Kill twice: soon after the start, then with more results recorded.
  const done: string[] = [];
  for (const atLeast of [3, 14]) {
    await using worker = startWorker(home.path, ["--idle-timeout", "30s"]);
    await waitFor(`${atLeast} results`, async () => {
      const n = (await readJsonLines(home.path, id, "results.jsonl")).length;
      return n >= atLeast || undefined;
    }, 60_000);
    worker.child.kill("SIGKILL");
    await worker.exit();
    done.splice(
      0,
      done.length,
      ...(await readJsonLines(home.path, id, "results.jsonl")).map((r) => String(r.url)),
    );
  }
  const finishedBefore = new Set(done.map((u) => new URL(u).pathname));
  const hitsBefore = site.hits();

  await using worker = startWorker(home.path, ["--idle-timeout", "0"]);
  assert.equal(await worker.exit(), 0, worker.stderr());
  const job = await readJob(home.path, id);
  assert.equal(job.status, "completed", job.error ?? "");
  // 1 + 3 + 9 + 27 tree pages, /from-sitemap and /private/secret.
  assert.equal(job.progress.total, 42);
  const hits = site.hits();
  for (const path of finishedBefore) {
    assert.equal(
      hits.get(path),
      hitsBefore.get(path),
      `${path} was fetched again after its result`,
    );
  }
  for (const path of [...treePaths(3), "/from-sitemap"]) {
    assert.ok((hits.get(path) ?? 0) >= 1, `${path} never fetched`);
    // At most the page in flight at each kill is asked for twice.
    assert.ok((hits.get(path) ?? 0) <= 3, `${path}: ${hits.get(path)}`);
  }
  const results = JSON.parse(
    (await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path })).stdout,
  );
  assert.equal(results.extractions.length, 42);
  assert.equal(new Set(results.extractions.map((e: Result) => e.url)).size, 42);
});
