/**
 * A crawl reaching a page through a redirect (both stores): the target joins
 * the job already recorded, so a later link to it is not fetched again.
 */

import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
  from_cache?: string;
  metadata: { final_url?: string };
}

Deno.test("a crawl does not fetch a redirect's target again", async () => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  // / links /old, which redirects to /new; /new links /b, and /b links back
  // to /new: the only way to /new that is not the redirect.
  const links: Record<string, string[]> = { "/": ["/old"], "/new": ["/b"], "/b": ["/new"] };
  const requests: string[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (path === "/robots.txt") return new Response("", { status: 404 });
    if (path === "/old") {
      return new Response(null, { status: 301, headers: { location: "/new" } });
    }
    const to = links[path];
    if (to === undefined) return new Response("no", { status: 404 });
    return new Response(
      `<!doctype html><html><head><title>${path}</title></head><body><article>` +
        `<h1>Page ${path}</h1><p>${`The words of the page ${path}. `.repeat(10)}</p>` +
        to.map((l) => `<p><a href="${l}">to ${l}</a></p>`).join("") +
        `</article></body></html>`,
      { headers: { "content-type": "text/html" } },
    );
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const id = await submit(home.path, ["--crawl", `${base}/`, "--max-depth", "4"]);
  const job = await waitFor(`job ${id} to finish`, async () => {
    const j = await readJob(home.path, id);
    return j.status === "completed" || j.status === "failed" ? j : undefined;
  }, 60_000);
  assert.equal(job.status, "completed");
  await waitForNoWorker(home.path, 60_000);
  assert.deepEqual(
    requests.filter((p) => p !== "/robots.txt").sort(),
    ["/", "/b", "/new", "/old"],
    "/new once: as the target of /old, never for /b's link",
  );
  const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path });
  assert.equal(out.code, 0, out.stderr);
  const results: Result[] = JSON.parse(out.stdout).extractions;
  const by = new Map(results.map((e) => [e.url.slice(base.length), e]));
  assert.deepEqual([...by.keys()].sort(), ["/", "/b", "/new", "/old"]);
  assert.equal(by.get("/old")!.metadata.final_url, `${base}/new`);
  assert.equal(by.get("/new")!.from_cache, "redirect");
  assert.equal(by.get("/new")!.status, "success");
  assert.equal(by.get("/new")!.content, by.get("/old")!.content);
  assert.equal(job.progress.total, 4);
  assert.equal(job.progress.completed, 4);
});
