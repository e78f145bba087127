import assert from "node:assert/strict";
import type { Job, StrategyOptions } from "@riptide/core/base";
import { type JobStore, openJobStore } from "@riptide/storage/base";
import { runWorker } from "./worker.ts";
import { fastWorkerOptions } from "./_test_options.ts";
import {} from "./testing.ts";

const FAST = fastWorkerOptions({ retries: 0 });

function article(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><article>` +
    `<h1>${title}</h1><p>${`The body of ${title}, long enough to be the main text. `.repeat(6)}` +
    `</p></article></body></html>`;
}

interface Site extends AsyncDisposable {
  url: string;
  /** Paths requested, in order, with the time each arrived (performance.now()). */
  requests: { path: string; at: number }[];
  store: JobStore;
  run(paths: string[], options?: StrategyOptions): Promise<Job>;
}

async function site(robots: string | number): Promise<Site> {
  const requests: { path: string; at: number }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push({ path, at: performance.now() });
    if (path === "/robots.txt") {
      return typeof robots === "number"
        ? new Response("unavailable", { status: robots })
        : new Response(robots, { headers: { "content-type": "text/plain" } });
    }
    return new Response(article(`Page ${path}`), { headers: { "content-type": "text/html" } });
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  const home = await Deno.makeTempDir({ prefix: "riptide_robots_" });
  const store = await openJobStore({ home });
  return {
    url,
    requests,
    store,
    async run(paths, options = {}) {
      const job = await store.create({
        name: null,
        priority: "medium",
        urls: paths.map((p) => `${url}${p}`),
        strategy: "auto",
        tags: [],
        stream: false,
        options,
      });
      await runWorker(store, FAST);
      return await store.get(job.id);
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await store.close();
      await Deno.remove(home, { recursive: true });
    },
  };
}

Deno.test("a URL robots.txt disallows is skipped without a request", async () => {
  await using s = await site(
    "User-agent: *\nDisallow: /private/\n\nUser-agent: other\nDisallow: /",
  );
  const job = await s.run(["/public", "/private/a", "/private/b"]);
  assert.equal(job.status, "completed");
  assert.deepEqual(job.progress, {
    total: 3,
    completed: 1,
    failed: 0,
    skipped: 2,
    percentage: 100,
    current_item: job.progress.current_item,
  });
  assert.deepEqual(s.requests.map((r) => r.path), ["/robots.txt", "/public"]);
  const results = await s.store.readResults(job.id);
  assert.equal(results?.skipped, 2);
  assert.deepEqual(
    results?.extractions.map((e) => [e.status, e.reason ?? null]),
    [["success", null], ["skipped", "robots.txt"], ["skipped", "robots.txt"]],
  );
  const logs = (await s.store.readLogs(job.id)).map((l) => `${l.message} ${l.url ?? ""}`);
  assert.ok(logs.includes(`Skipped: disallowed by robots.txt ${s.url}/private/a`), logs.join("\n"));
  assert.ok(
    logs.some((l) => /Job completed: 1 of 3 URL\(s\) succeeded, 0 failed, 2 skipped/.test(l)),
  );
});

Deno.test("a job whose every URL is disallowed fails and says why", async () => {
  await using s = await site("User-agent: RipTide\nDisallow: /");
  const job = await s.run(["/a", "/b"]);
  assert.equal(job.status, "failed");
  assert.equal(job.error, "No URL extracted: all 2 URL(s) are disallowed by robots.txt");
  assert.deepEqual(s.requests.map((r) => r.path), ["/robots.txt"]);
});

Deno.test("robots.txt answering 5xx disallows the host; 4xx allows it", async (t) => {
  await t.step("503", async () => {
    await using s = await site(503);
    const job = await s.run(["/a"]);
    assert.equal(job.progress.skipped, 1);
    const logs = (await s.store.readLogs(job.id)).map((l) => l.message);
    assert.ok(logs.some((m) => /robots\.txt of .* answered HTTP 503/.test(m)), logs.join("\n"));
  });
  await t.step("404", async () => {
    await using s = await site(404);
    const job = await s.run(["/a"]);
    assert.equal(job.status, "completed");
    assert.equal(job.progress.completed, 1);
  });
});

Deno.test("--ignore-robots fetches disallowed URLs and says so once", async () => {
  await using s = await site("User-agent: *\nDisallow: /");
  const job = await s.run(["/a", "/b"], { ignore_robots: true });
  assert.equal(job.status, "completed");
  assert.equal(job.progress.completed, 2);
  assert.deepEqual(s.requests.map((r) => r.path).sort(), ["/a", "/b"]);
  const logs = (await s.store.readLogs(job.id)).map((l) => l.message);
  assert.equal(logs.filter((m) => /robots\.txt is ignored/.test(m)).length, 1);
});

Deno.test("Crawl-delay of the RipTide group spaces requests to the host", async () => {
  await using s = await site(
    "User-agent: *\nCrawl-delay: 30\n\nUser-agent: riptide\nCrawl-delay: 0.4\nDisallow:",
  );
  const job = await s.run(["/1", "/2", "/3"]);
  assert.equal(job.progress.completed, 3);
  const pages = s.requests.filter((r) => r.path !== "/robots.txt").map((r) => r.at);
  assert.equal(pages.length, 3);
  // The worker spaces the starts of its requests; the server sees arrivals, which a busy
  // machine can delay unevenly (a late first arrival shortens the first gap). Without
  // spacing the three requests arrive within a few milliseconds of one another. The *
  // group's 30 s does not apply (the test would time out).
  const span = pages.at(-1)! - pages[0]!;
  assert.ok(span >= 600, `3 requests spread over ${span} ms, expected about 800`);
});
