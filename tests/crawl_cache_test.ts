/**
 * A crawl over the HTTP cache: a page the server answers `304 Not Modified`
 * has no body to take links from, so the cache keeps each crawled page's
 * links with it. A second crawl and a rerun of an unchanged site reach every
 * page through conditional requests alone.
 */

import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob, startWorker, submit, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  change?: string;
  from_cache?: string;
  depth?: number;
  referrer?: string | null;
  warning?: string;
}

/** `/` → `/a`, `/b`; `/a` → `/a/1`; every page with an ETag. */
function etagSite() {
  const links: Record<string, string[]> = {
    "/": ["/a", "/b"],
    "/a": ["/a/1"],
    "/b": [],
    "/a/1": [],
  };
  const requests: { path: string; conditional: boolean }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("", { status: 404 });
    const out = links[path];
    if (out === undefined) return new Response("not found", { status: 404 });
    const etag = `"${path}-v1"`;
    requests.push({ path, conditional: req.headers.has("if-none-match") });
    if (req.headers.get("if-none-match") === etag) {
      return new Response(null, { status: 304, headers: { etag } });
    }
    return new Response(
      `<!doctype html><html><head><title>${path}</title></head><body><article><h1>Page ${path}</h1>` +
        `<p>${`The text of page ${path}. `.repeat(20)}</p>` +
        out.map((l) => `<a href="${l}">${l}</a>`).join(" ") + `</article></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8", etag } },
    );
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

async function run(home: string, id: string): Promise<Result[]> {
  await using worker = startWorker(home, ["--idle-timeout", "0"]);
  assert.equal(await worker.exit(), 0, worker.stderr());
  const job = await readJob(home, id);
  assert.equal(job.status, "completed", job.error ?? "");
  const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], { home });
  return (JSON.parse(out.stdout).extractions as Result[])
    .sort((a, b) => a.url.localeCompare(b.url));
}

Deno.test("pages answered 304 still lead a crawl on: a second crawl and a rerun reach every page", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using site = etagSite();
  const crawl = ["--crawl", `${site.url}/`, "--max-depth", "3", "--no-worker"];
  const first = await submit(home.path, crawl);
  const firstResults = await run(home.path, first);
  const paths = (rs: Result[]) => rs.map((r) => new URL(r.url).pathname);
  assert.deepEqual(paths(firstResults), ["/", "/a", "/a/1", "/b"]);

  await t.step(
    "a second crawl: every page requested once, conditionally, answered 304",
    async () => {
      const from = site.requests.length;
      const second = await submit(home.path, crawl);
      const results = await run(home.path, second);
      assert.deepEqual(paths(results), ["/", "/a", "/a/1", "/b"]);
      assert.deepEqual(
        site.requests.slice(from).map((r) => [r.path, r.conditional]).sort(),
        [["/", true], ["/a", true], ["/a/1", true], ["/b", true]],
      );
      assert.ok(results.every((r) => r.from_cache === "not-modified"), JSON.stringify(results));
      // Found as before: the same depth and referrer.
      assert.deepEqual(
        results.map((r) => [r.depth, r.referrer]),
        firstResults.map((r) => [r.depth, r.referrer]),
      );
    },
  );

  await t.step(
    "a rerun of the unchanged crawl: 100% conditional, every page the same",
    async () => {
      const from = site.requests.length;
      const out = await runCli(["job-local", "rerun", "--id", first, "--no-worker", "-o", "json"], {
        home: home.path,
      });
      assert.equal(out.code, 0, out.stderr);
      const results = await run(home.path, JSON.parse(out.stdout).job_id);
      assert.deepEqual(
        results.map((r) => [new URL(r.url).pathname, r.change, r.warning ?? null]),
        [["/", "same", null], ["/a", "same", null], ["/a/1", "same", null], ["/b", "same", null]],
      );
      assert.equal(site.requests.length - from, 4);
      assert.ok(site.requests.slice(from).every((r) => r.conditional));
    },
  );
});
