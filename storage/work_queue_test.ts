import assert from "node:assert/strict";
import type { Extraction, JobId } from "@riptide/core/base";
import { FsJobStore } from "./fs_store.ts";
import { LocalWorkQueue } from "./work_queue.ts";

const extraction = (url: string): Extraction => ({
  url,
  status: "success",
  content: `text of ${url}`,
  metadata: { title: null, extraction_time_ms: 1 },
});

Deno.test("LocalWorkQueue.record() removes a kept page only for URLs that had one", async () => {
  const home = await Deno.makeTempDir({ prefix: "riptide_queue_test_" });
  const store = new FsJobStore(home);
  try {
    const urls = ["https://example.com/a", "https://example.com/b", "https://example.com/c"];
    const job = await store.create({
      name: "spool",
      priority: "medium",
      urls,
      strategy: "auto",
      tags: [],
      stream: true,
      options: {},
    });
    // A page kept by a worker that stopped: found when its URL is claimed.
    await store.keepPage(job.id, urls[1]!, "page b");
    const dropped: string[] = [];
    // The store with its spool removals counted (its methods use private fields: bound to it).
    const watched = new Proxy(store, {
      get(target, key) {
        if (key === "dropKeptPage") {
          return (id: JobId, url: string): Promise<void> => {
            dropped.push(url);
            return target.dropKeptPage(id, url);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const queue = new LocalWorkQueue(watched, { workerId: "w1", leaseMs: 60_000 });
    await queue.start(job.id);
    assert.deepEqual(await queue.claim(job.id, 3), urls);
    assert.deepEqual([...(await queue.keptPages(job.id, urls)).keys()], [urls[1]]);
    await queue.keepPage(job.id, urls[2]!, "page c");
    for (const url of urls) await queue.record(job.id, extraction(url));
    // a had no page (a 304, say): its result costs no spool operation.
    assert.deepEqual(dropped, [urls[1], urls[2]]);
    assert.equal((await store.keptPages(job.id, urls)).size, 0);
    await queue.close();
  } finally {
    await store.close();
    await Deno.remove(home, { recursive: true });
  }
});
