import assert from "node:assert/strict";
import { transition } from "@riptide/core/base";
import type { JobStore } from "@riptide/storage/base";
import { PG_SKIP_REASON, tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { runWorker } from "./worker.ts";
import { fastWorkerOptions } from "./_test_options.ts";
import { startFaultServer } from "./testing.ts";

const FAST = fastWorkerOptions({ retries: 1 });

const skip = testPgUrl() === null;

async function pgStores(n: number): Promise<{ stores: JobStore[] } & AsyncDisposable> {
  const { PgJobStore } = await import("@riptide/storage/pg");
  const db = await tempPgDatabase(testPgUrl()!);
  const stores: JobStore[] = Array.from({ length: n }, () => new PgJobStore(db.url));
  return {
    stores,
    async [Symbol.asyncDispose]() {
      for (const s of stores) await s.close();
      await db[Symbol.asyncDispose]();
    },
  };
}

Deno.test({
  name: `runWorker() shares one job among workers on a PostgreSQL store${
    skip ? ` (skipped: ${PG_SKIP_REASON})` : ""
  }`,
  ignore: skip,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using pg = await pgStores(3);
    await using server = startFaultServer();
    const [a, b, c] = pg.stores as [JobStore, JobStore, JobStore];
    // The pages are held until a second worker has joined the running job, so a
    // first worker that starts much earlier on a busy machine cannot finish
    // the job alone (a deadline opens them anyway, and the assert below fails).
    const urls = Array.from({ length: 30 }, (_, i) => `${server.url}/gated/p${i}`);
    const fallback = setTimeout(() => server.openGate(), 60_000);
    const job = await a.create({
      name: "shared",
      priority: "high",
      urls,
      strategy: "auto",
      tags: [],
      stream: false,
      options: {},
    });
    const events: string[] = [];
    const worker = (store: JobStore, name: string) =>
      runWorker(store, {
        ...FAST,
        idleTimeoutMs: 300,
        urlConcurrency: 2,
        perHost: 2,
        workerId: name,
        onEvent: (line) => {
          events.push(`${name}: ${line}`);
          if (/^Job \S+ joined/.test(line)) server.openGate();
        },
      });
    try {
      await Promise.all([worker(a, "w1"), worker(b, "w2"), worker(c, "w3")]);
    } finally {
      clearTimeout(fallback);
    }

    const done = await a.get(job.id);
    assert.equal(done.status, "completed");
    assert.equal(done.attempts, 1);
    assert.deepEqual(
      [done.progress.completed, done.progress.failed, done.progress.total],
      [30, 0, 30],
    );
    const results = await a.readResults(job.id);
    assert.deepEqual(results?.extractions.map((e) => e.url), urls, "every URL exactly once");
    for (const u of urls) assert.equal(server.hits(new URL(u).pathname), 1, u);
    assert.ok(events.some((e) => /^w[123]: Job \S+ joined/.test(e)), "a second worker joined");
    const logs = await a.readLogs(job.id);
    assert.equal(logs.filter((l) => /^Job completed/.test(l.message)).length, 1);
  },
});

Deno.test({
  name: `runWorker() honours a cancel on a PostgreSQL store${
    skip ? ` (skipped: ${PG_SKIP_REASON})` : ""
  }`,
  ignore: skip,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await using pg = await pgStores(1);
    await using server = startFaultServer();
    const store = pg.stores[0]!;
    const quick = `${server.url}/page/quick`;
    const job = await store.create({
      name: null,
      priority: "medium",
      urls: [quick, ...Array.from({ length: 4 }, (_, i) => `${server.url}/slow/30000/s${i}`)],
      strategy: "auto",
      tags: [],
      stream: false,
      options: {},
    });
    const running = runWorker(store, { ...FAST, urlConcurrency: 2 });
    const deadline = Date.now() + 10_000;
    while ((await store.readPartialResults(job.id)).length === 0) {
      assert.ok(Date.now() < deadline, "the quick page is recorded");
      await new Promise((r) => setTimeout(r, 20));
    }
    await store.update(job.id, (j) => transition(j, "cancelled"));
    await running;
    const done = await store.get(job.id);
    assert.equal(done.status, "cancelled");
    assert.equal(done.progress.completed, 1);
    const results = await store.readResults(job.id);
    assert.deepEqual(results?.extractions.map((e) => e.url), [quick]);
  },
});
