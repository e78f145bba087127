/**
 * The store's HTTP cache end to end (both stores): every job sends
 * conditional requests with it and keeps the cached extraction on a 304 or
 * an unchanged body; `submit --max-age` reuses young entries without any
 * request; another strategy is another entry; `cleanup` prunes it.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
  from_cache?: string;
  cached_at?: string;
  metadata: { http_status?: number; etag?: string; extraction_time_ms: number };
}

Deno.test("the HTTP cache is shared by every job of the store", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  const requests: { path: string; conditional: boolean; status: number }[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    const conditional = req.headers.has("if-none-match") || req.headers.has("if-modified-since");
    const answer = (status: number, body: string | null, headers: Record<string, string>) => {
      requests.push({ path, conditional, status });
      return new Response(body, { status, headers: { "content-type": "text/html", ...headers } });
    };
    if (path === "/robots.txt") return answer(404, "", {});
    const page = `<!doctype html><html><head><title>Page ${path}</title></head><body><article>` +
      `<h1>Page ${path}</h1><p>${`The words on ${path} stay the same. `.repeat(8)}</p>` +
      `</article></body></html>`;
    // /plain/ pages send no validators: only their body's hash tells they are the same.
    if (path.startsWith("/plain/")) return answer(200, page, {});
    const etag = `"${path}"`;
    if (req.headers.get("if-none-match") === etag) return answer(304, null, { etag });
    return answer(200, page, { etag });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const urls = [...["/a", "/b", "/c"].map((p) => base + p), `${base}/plain/d`];
  const urlArgs = urls.flatMap((u) => ["--url", u]);
  const run = async (extra: string[] = []): Promise<Result[]> => {
    const id = await submit(home.path, [...urlArgs, ...extra]);
    const job = await waitFor(`job ${id} to finish`, async () => {
      const j = await readJob(home.path, id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    }, 60_000);
    assert.equal(job.status, "completed");
    await waitForNoWorker(home.path, 60_000);
    const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    return JSON.parse(out.stdout).extractions;
  };
  const pages = () => requests.filter((r) => r.path !== "/robots.txt");

  const first = await run();
  assert.ok(first.every((e) => e.status === "success" && e.from_cache === undefined));
  assert.equal(pages().length, 4);

  await t.step("a second job revalidates: 304 or the same body keeps the extraction", async () => {
    requests.length = 0;
    const second = await run();
    assert.deepEqual(
      pages().map((r) => [r.path, r.conditional, r.status]).sort(),
      [["/a", true, 304], ["/b", true, 304], ["/c", true, 304], ["/plain/d", false, 200]],
    );
    assert.deepEqual(
      second.map((e) => e.from_cache),
      ["not-modified", "not-modified", "not-modified", "same-body"],
    );
    assert.deepEqual(second.map((e) => e.content), first.map((e) => e.content));
    assert.ok(second.every((e) => e.metadata.extraction_time_ms === 0));
    assert.ok(second.every((e) => typeof e.cached_at === "string"));
  });

  await t.step("--max-age reuses young entries without any request", async () => {
    requests.length = 0;
    const third = await run(["--max-age", "1h"]);
    assert.deepEqual(requests, [], "not even robots.txt is requested");
    assert.deepEqual(third.map((e) => e.from_cache), Array(4).fill("max-age"));
    assert.deepEqual(third.map((e) => e.content), first.map((e) => e.content));
  });

  await t.step("another strategy is another cache entry", async () => {
    requests.length = 0;
    const css = await run(["--strategy", "css", "--selector", "h1"]);
    assert.ok(pages().every((r) => !r.conditional && r.status === 200));
    assert.ok(css.every((e) => e.from_cache === undefined));
  });

  await t.step("a bad --max-age is a usage error", async () => {
    const out = await runCli(["job-local", "submit", ...urlArgs, "--max-age", "soon"], {
      home: home.path,
    });
    assert.equal(out.code, 2);
    assert.equal(
      out.stderr,
      'error: Invalid --max-age "soon": expected a duration such as 30m, 1h or 7d\n',
    );
  });

  await t.step("cleanup prunes the cache; the next job fetches afresh", async () => {
    const dry = await runCli(["job-local", "cleanup", "--days", "0", "--dry-run", "-o", "json"], {
      home: home.path,
    });
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).cache.removed, 8); // 4 URLs x auto and css
    const out = await runCli(["job-local", "cleanup", "--days", "0", "-o", "json"], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    const report = JSON.parse(out.stdout).cache;
    assert.deepEqual([report.removed, report.entries, report.bytes], [8, 0, 0]);
    requests.length = 0;
    const fresh = await run();
    assert.ok(pages().every((r) => !r.conditional && r.status === 200));
    assert.ok(fresh.every((e) => e.from_cache === undefined));
  });

  await t.step("store.cache_max_bytes 0 turns the cache off", async () => {
    await Deno.writeTextFile(
      join(home.path, "config.jsonc"),
      JSON.stringify({
        ...TEST_CONFIG_SECTIONS,
        store: { ...TEST_CONFIG_SECTIONS.store, cache_max_bytes: 0 },
        worker: { idle_timeout: 0.3, request_timeout: 2, retries: 1 },
      }),
    );
    await runCli(["job-local", "cleanup", "--days", "0"], { home: home.path });
    requests.length = 0;
    const off = await run();
    await run();
    assert.equal(pages().length, 8);
    assert.ok(pages().every((r) => !r.conditional && r.status === 200));
    assert.ok(off.every((e) => e.from_cache === undefined));
  });
});
