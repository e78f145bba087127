/**
 * `rerun` of a crawl job end to end (both stores): the rerun crawls again
 * from J's start URLs with J's crawl settings, so new pages are found, and
 * J's pages that now answer 404/410, or that the crawl no longer reaches,
 * are reported `removed`.
 */

import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
  change?: string;
  warning?: string;
  depth?: number;
  referrer?: string | null;
}

Deno.test("rerun of a crawl crawls again and reports removed pages", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  // The site: path -> [links, words]; edited between the runs.
  const site = new Map<string, { links: string[]; words: string }>([
    ["/", { links: ["/a", "/b", "/c"], words: "the home page" }],
    ["/a", { links: ["/a/1"], words: "page a" }],
    ["/a/1", { links: [], words: "page a one" }],
    ["/b", { links: [], words: "page b" }],
    ["/c", { links: [], words: "page c" }],
  ]);
  const gone = new Set<string>();
  const requests: { path: string; conditional: boolean; status: number }[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    const page = site.get(path);
    const answer = (status: number, body: string | null, etag?: string) => {
      requests.push({ path, conditional: req.headers.has("if-none-match"), status });
      return new Response(body, {
        status,
        headers: { "content-type": "text/html", ...(etag === undefined ? {} : { etag }) },
      });
    };
    if (path === "/robots.txt") return answer(404, "");
    if (gone.has(path)) return answer(410, "gone");
    if (page === undefined) return answer(404, "no such page");
    const body = `<!doctype html><html><head><title>${path}</title></head><body><article>` +
      `<h1>Title of ${path}</h1><p>${`These are the words of ${page.words}. `.repeat(6)}</p>` +
      page.links.map((l) => `<p><a href="${l}">link to ${l}</a></p>`).join("") +
      `</article></body></html>`;
    const etag = `"${body.length}-${page.words.length}-${page.links.join(",")}"`;
    if (req.headers.get("if-none-match") === etag) return answer(304, null, etag);
    return answer(200, body, etag);
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const finished = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
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

  const first = await submit(home.path, ["--crawl", `${base}/`, "--max-depth", "2"]);
  assert.equal((await finished(first)).status, "completed");
  await waitForNoWorker(home.path, 60_000);
  const before = await resultsOf(first);
  assert.deepEqual(before.map((e) => e.url.slice(base.length)).sort(), [
    "/",
    "/a",
    "/a/1",
    "/b",
    "/c",
  ]);

  await t.step("the rerun crawls with J's settings and marks every page", async () => {
    // The home page now links /d instead of /c; /b is edited; /a/1 is gone.
    site.set("/", { links: ["/a", "/b", "/d"], words: "the home page, now with d" });
    site.set("/b", { links: [], words: "page b, edited" });
    site.set("/d", { links: [], words: "page d" });
    gone.add("/a/1");
    requests.length = 0;
    const out = await runCli(["job-local", "rerun", "--id", first], { home: home.path });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /a crawl from 1 start URL, strategy auto, conditional requests/);
    const id = /Submitted job (job_\S+)/.exec(out.stdout)?.[1];
    assert.ok(id !== undefined, out.stdout);
    const job = await finished(id);
    assert.equal(job.status, "completed");
    assert.deepEqual(job.options.crawl, (await readJob(home.path, first)).options.crawl);
    await waitForNoWorker(home.path, 60_000);
    const now = await resultsOf(id);
    const by = new Map(now.map((e) => [e.url.slice(base.length), e]));
    assert.deepEqual(
      [...by.keys()].sort().map((p) => [p, by.get(p)!.change]),
      [
        ["/", "changed"],
        ["/a", "same"],
        ["/a/1", "removed"],
        ["/b", "changed"],
        ["/c", "removed"],
        ["/d", "new"],
      ],
    );
    assert.equal(by.get("/a/1")!.status, "failed");
    assert.equal(by.get("/c")!.status, "success");
    assert.match(by.get("/c")!.warning ?? "", /^no longer linked: this crawl did not find it/);
    assert.equal(by.get("/c")!.referrer, null);
    assert.equal(by.get("/d")!.referrer, `${base}/`);
    // Each page requested once; /c too (to tell a deleted page from an unlinked one).
    const pages = requests.filter((r) => r.path !== "/robots.txt").map((r) => r.path).sort();
    assert.deepEqual(pages, ["/", "/a", "/a/1", "/b", "/c", "/d"]);
    assert.ok(
      requests.filter((r) => r.path === "/a" || r.path === "/c").every((r) =>
        r.conditional && r.status === 304
      ),
      JSON.stringify(requests),
    );
    const changed = await runCli(["job-local", "results", "--id", id, "--changed", "-o", "json"], {
      home: home.path,
    });
    assert.deepEqual(
      JSON.parse(changed.stdout).extractions.map((e: Result) => e.url.slice(base.length)).sort(),
      ["/", "/a/1", "/b", "/c", "/d"],
    );
  });
});
