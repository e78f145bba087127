/**
 * `rerun --id J` end to end: conditional requests with J's validators, the
 * earlier extraction kept on 304, and each result marked new / same /
 * changed / removed against J; `results --changed`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
  change?: string;
  metadata: { http_status?: number; etag?: string; content_hash?: string };
}

Deno.test("rerun sends conditional requests and marks what changed", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  const version = new Map<string, number>();
  const gone = new Set<string>();
  const requests: { path: string; conditional: boolean; status: number }[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("", { status: 404 });
    const v = version.get(path) ?? 1;
    const etag = `"${path}-v${v}"`;
    const conditional = req.headers.has("if-none-match");
    const answer = (status: number, body: string | null) => {
      requests.push({ path, conditional, status });
      return new Response(body, {
        status,
        headers: { "content-type": "text/html", etag },
      });
    };
    if (gone.has(path)) return answer(404, "gone");
    if (req.headers.get("if-none-match") === etag) return answer(304, null);
    return answer(
      200,
      `<!doctype html><html><head><title>Page ${path}</title></head><body><article>` +
        `<h1>Page ${path}</h1><p>${`Version ${v} of the words on ${path}. `.repeat(8)}</p>` +
        `</article></body></html>`,
    );
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const paths = Array.from({ length: 10 }, (_, i) => `/p${i}`);
  const finished = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const job = await readJob(home.path, id);
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    });
  const resultsOf = async (id: string, extra: string[] = []): Promise<Result[]> => {
    const out = await runCli(["job-local", "results", "--id", id, "-o", "json", ...extra], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    return JSON.parse(out.stdout).extractions;
  };
  const rerun = async (id: string): Promise<string> => {
    const out = await runCli(["job-local", "rerun", "--id", id, "-o", "json"], { home: home.path });
    assert.equal(out.code, 0, out.stderr);
    const record = JSON.parse(out.stdout);
    assert.equal(record.rerun_of, id);
    return record.job_id;
  };

  const first = await submit(home.path, paths.flatMap((p) => ["--url", base + p]));
  await finished(first);
  await waitForNoWorker(home.path);
  const before = await resultsOf(first);
  assert.ok(before.every((e) => e.metadata.etag !== undefined && e.metadata.content_hash));

  await t.step("an unchanged site: every request conditional, every result the same", async () => {
    requests.length = 0;
    const id = await rerun(first);
    assert.equal((await finished(id)).status, "completed");
    await waitForNoWorker(home.path);
    assert.equal(requests.length, 10);
    assert.ok(requests.every((r) => r.conditional && r.status === 304), JSON.stringify(requests));
    const now = await resultsOf(id);
    assert.deepEqual(now.map((e) => e.change), Array(10).fill("same"));
    assert.deepEqual(now.map((e) => e.content), before.map((e) => e.content));
    assert.deepEqual(await resultsOf(id, ["--changed"]), []);
  });

  await t.step(
    "with the HTTP cache off, J's own validators make each request conditional",
    async () => {
      // J's whole results are read for their extractions (the rerun reads only
      // their summaries while the cache has the pages).
      await Deno.writeTextFile(
        join(home.path, "config.jsonc"),
        JSON.stringify({
          ...TEST_CONFIG_SECTIONS,
          store: { ...TEST_CONFIG_SECTIONS.store, cache_max_bytes: 0 },
          worker: { idle_timeout: 0.3, request_timeout: 2, retries: 1 },
        }),
      );
      requests.length = 0;
      const id = await rerun(first);
      assert.equal((await finished(id)).status, "completed");
      await waitForNoWorker(home.path);
      assert.equal(requests.length, 10);
      assert.ok(requests.every((r) => r.conditional && r.status === 304), JSON.stringify(requests));
      const now = await resultsOf(id);
      assert.deepEqual(now.map((e) => e.change), Array(10).fill("same"));
      assert.deepEqual(now.map((e) => e.content), before.map((e) => e.content));
      await writeFastConfig(home.path);
    },
  );

  await t.step("after editing 3 pages and removing 1: changed, removed, same", async () => {
    for (const p of ["/p1", "/p4", "/p7"]) version.set(p, 2);
    gone.add("/p9");
    const id = await rerun(first);
    await finished(id);
    await waitForNoWorker(home.path);
    const now = await resultsOf(id);
    const change = (p: string) => now.find((e) => e.url === base + p)?.change;
    assert.deepEqual(
      paths.map(change),
      ["same", "changed", "same", "same", "changed", "same", "same", "changed", "same", "removed"],
    );
    assert.match(now.find((e) => e.url === `${base}/p4`)!.content, /Version 2/);
    const changed = await resultsOf(id, ["--changed"]);
    assert.deepEqual(changed.map((e) => e.url.slice(base.length)), ["/p1", "/p4", "/p7", "/p9"]);
    const table = await runCli(["job-local", "results", "--id", id, "--changed"], {
      home: home.path,
    });
    assert.match(table.stdout, /── \d+\. Page \/p4 ── \(changed\)/);
    const detailed = await runCli(
      ["job-local", "results", "--id", id, "--changed", "--detailed"],
      { home: home.path },
    );
    assert.equal(detailed.code, 0, detailed.stderr);
    assert.match(detailed.stdout, new RegExp(`^--- ${first} ${base}/p4$`, "m"));
    assert.match(detailed.stdout, new RegExp(`^\\+\\+\\+ ${id} ${base}/p4$`, "m"));
    assert.match(detailed.stdout, /^-.*Version 1 of the words on \/p4/m);
    assert.match(detailed.stdout, /^\+.*Version 2 of the words on \/p4/m);
  });

  await t.step("--changed on a job that is not a rerun is a usage error", async () => {
    const out = await runCli(["job-local", "results", "--id", first, "--changed"], {
      home: home.path,
    });
    assert.equal(out.code, 2);
    assert.match(out.stderr, /is not a rerun: --changed compares a rerun/);
    const alone = await runCli(["job-local", "results", "--id", first, "--detailed"], {
      home: home.path,
    });
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--detailed goes with --changed/);
  });
});
