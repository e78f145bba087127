import assert from "node:assert/strict";
import type { JobId } from "@riptide/core/base";
import { openJobStore } from "@riptide/storage/base";
import { runWorker } from "./worker.ts";
import { fastWorkerOptions } from "./_test_options.ts";
import {} from "./testing.ts";

const FAST = fastWorkerOptions();

Deno.test("runWorker() starts extraction threads for a rerun only when a page changed", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_worker_rerun_" });
  const store = await openJobStore({ home });
  const version = new Map<string, number>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("", { status: 404 });
    const etag = `"${path}-${version.get(path) ?? 1}"`;
    if (req.headers.get("if-none-match") === etag) {
      return new Response(null, { status: 304, headers: { etag } });
    }
    return new Response(
      `<!doctype html><html><head><title>Page ${path}</title></head><body><article><p>${
        `Version ${version.get(path) ?? 1} of ${path}, in words enough for an article. `.repeat(6)
      }</p></article></body></html>`,
      { headers: { "content-type": "text/html", etag } },
    );
  });
  // Every thread is a Web Worker (the pool's supervisor first): count those started.
  const RealWorker = globalThis.Worker;
  let threads = 0;
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      threads++;
    }
  };
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const urls = ["/a", "/b", "/c"].map((p) => base + p);
    const submit = (options: { rerun_of?: JobId }) =>
      store.create({
        name: null,
        priority: "medium",
        urls,
        strategy: "auto",
        tags: [],
        stream: false,
        options,
      });
    const first = await submit({});
    await runWorker(store, FAST);
    const done = await store.get(first.id);
    assert.equal(done.status, "completed", done.error ?? "");
    assert.ok(threads > 0, "a job that extracts starts the threads");

    await t.step("an unchanged site: every page a 304, no thread started", async () => {
      threads = 0;
      const again = await submit({ rerun_of: first.id });
      await runWorker(store, FAST);
      const results = await store.readResults(again.id);
      assert.deepEqual(results?.extractions.map((e) => e.change), ["same", "same", "same"]);
      assert.ok(results?.extractions.every((e) => e.from_cache === "not-modified"));
      assert.equal(threads, 0);
    });
    await t.step("a page changed: the threads start for it", async () => {
      threads = 0;
      version.set("/b", 2);
      const again = await submit({ rerun_of: first.id });
      await runWorker(store, FAST);
      const results = await store.readResults(again.id);
      assert.deepEqual(results?.extractions.map((e) => e.change), ["same", "changed", "same"]);
      assert.match(results?.extractions[1]?.content ?? "", /Version 2 of \/b/);
      assert.ok(threads > 0);
    });
    await t.step(
      "the site gone: robots.txt unreachable, every URL failed with its change",
      async () => {
        await server.shutdown();
        const again = await submit({ rerun_of: first.id });
        await runWorker(store, FAST);
        const results = await store.readResults(again.id);
        assert.deepEqual(results?.extractions.map((e) => [e.status, e.change]), [
          ["failed", "changed"],
          ["failed", "changed"],
          ["failed", "changed"],
        ]);
        assert.match(results?.extractions[0]?.error ?? "", /robots\.txt could not be fetched/);
      },
    );
  } finally {
    globalThis.Worker = RealWorker;
    await server.shutdown().catch(() => {});
    await store.close();
    await Deno.remove(home, { recursive: true });
  }
});
