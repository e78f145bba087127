/**
 * The `JobStore` conformance suite: every behaviour the executor and the CLI
 * rely on, run against each store (the filesystem store, and PostgreSQL when
 * `RIPTIDE_TEST_PG_URL` names a server). One suite, parametrised by a store
 * factory; file-format details stay in fs_store_test.ts.
 */

import assert from "node:assert/strict";
import {
  AmbiguousJobIdError,
  type Extraction,
  InvalidTransitionError,
  isoNow,
  type JobId,
  JobNotFoundError,
  newJobId,
  shortIdOf,
  summarizeResults,
  transition,
} from "@riptide/core/base";
import { FsJobStore } from "./fs_store.ts";
import type { JobStore, NewJob } from "./job_store.ts";
import type { CachedPage } from "./http_cache.ts";
import { exportJobs, parseJobRecord } from "./transfer.ts";
import { PG_SKIP_REASON, tempPgDatabase, testPgUrl } from "./testing.ts";
import type { FinishDecision } from "./work_queue.ts";

const T0 = new Date("2024-10-16T10:30:00Z");
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    name: "my-extraction",
    priority: "medium",
    urls: ["https://example.com/", "https://another.com/"],
    strategy: "auto",
    tags: [],
    stream: true,
    options: {},
    ...overrides,
  };
}

function extraction(url: string, status: Extraction["status"], content = ""): Extraction {
  return {
    url,
    status,
    content,
    ...(status === "skipped" ? { reason: "robots.txt" } : {}),
    metadata: { title: null, extraction_time_ms: 5 },
  };
}

/** A store for one test, removed afterwards. */
interface StoreKind {
  name: string;
  /** Why this kind is skipped, or null. */
  skip: string | null;
  open(): Promise<{ store: JobStore } & AsyncDisposable>;
}

const KINDS: StoreKind[] = [
  {
    name: "filesystem",
    skip: null,
    async open() {
      const home = await Deno.makeTempDir({ prefix: "riptide_conformance_" });
      const store = new FsJobStore(home);
      return {
        store,
        async [Symbol.asyncDispose]() {
          await store.close();
          await Deno.remove(home, { recursive: true });
        },
      };
    },
  },
  {
    name: "postgres",
    skip: testPgUrl() === null ? PG_SKIP_REASON : null,
    async open() {
      const { PgJobStore } = await import("./pg_store.ts");
      const db = await tempPgDatabase(testPgUrl()!);
      const store = new PgJobStore(db.url);
      return {
        store,
        async [Symbol.asyncDispose]() {
          await store.close();
          await db[Symbol.asyncDispose]();
        },
      };
    },
  },
];

/** Registers one conformance test for every store kind. */
function conformance(
  name: string,
  fn: (store: JobStore, t: Deno.TestContext) => Promise<void>,
): void {
  for (const kind of KINDS) {
    Deno.test({
      name: `[${kind.name}] ${name}${kind.skip === null ? "" : ` (skipped: ${kind.skip})`}`,
      ignore: kind.skip !== null,
      sanitizeResources: false,
      sanitizeOps: false,
      async fn(t) {
        await using handle = await kind.open();
        await fn(handle.store, t);
      },
    });
  }
}

conformance("create() stores a pending job that get() reads back", async (store, t) => {
  const job = await store.create(newJob({ tags: ["a", "b"], now: T0 }));
  await t.step("every specified field is set", () => {
    assert.match(job.id, /^job_670f95a8_[0-9a-f]{8}$/);
    assert.equal(job.status, "pending");
    assert.equal(job.created_at, "2024-10-16T10:30:00Z");
    assert.deepEqual(job.progress, {
      total: 2,
      completed: 0,
      failed: 0,
      percentage: 0,
      current_item: null,
    });
    assert.deepEqual(job.history, [{ from: null, to: "pending", at: job.created_at }]);
    assert.equal(job.attempts, 0);
    assert.equal(typeof job.results_path, "string");
    assert.equal(typeof job.log_path, "string");
  });
  await t.step("get() returns the same job, keys in the same order", async () => {
    const read = await store.get(job.id);
    assert.deepEqual(read, job);
    assert.deepEqual(Object.keys(read), Object.keys(job));
  });
  await t.step("the log starts with 'Job created'", async () => {
    const logs = await store.readLogs(job.id);
    assert.equal(logs.length, 1);
    assert.equal(logs[0]!.message, "Job created");
    assert.equal(logs[0]!.level, "Info");
  });
  await t.step("a missing job is JobNotFoundError, a path-like id a TypeError", async () => {
    await assert.rejects(store.get("job_00000000_00000000" as JobId), JobNotFoundError);
    await assert.rejects(store.get("../etc" as JobId), TypeError);
  });
  await t.step("a wrong shape is a TypeError", async () => {
    await assert.rejects(store.create(newJob({ priority: "urgent" as "high" })), TypeError);
    await assert.rejects(store.create(newJob({ strategy: "magic" as "auto" })), TypeError);
  });
});

conformance("update() is a read-modify-write with an audit trail", async (store, t) => {
  const job = await store.create(newJob());
  await t.step("a transition is recorded in history and in the log", async () => {
    const running = await store.update(job.id, (j) => transition(j, "running"));
    assert.equal(running.status, "running");
    assert.equal(running.attempts, 1);
    assert.deepEqual(running.history.map((h) => h.to), ["pending", "running"]);
    const logs = await store.readLogs(job.id);
    assert.equal(logs.at(-1)!.message, "Status changed: pending → running");
  });
  await t.step("a status set by hand still gets a history entry", async () => {
    const done = await store.update(job.id, (j) => ({ ...j, status: "completed" }));
    assert.deepEqual(done.history.at(-1)?.from, "running");
    assert.deepEqual(done.history.at(-1)?.to, "completed");
  });
  await t.step("a refused transition changes nothing", async () => {
    const before = await store.get(job.id);
    await assert.rejects(
      store.update(job.id, (j) => transition(j, "failed")),
      InvalidTransitionError,
    );
    await assert.rejects(
      store.update(job.id, (j) => ({ ...j, status: "running" })),
      InvalidTransitionError,
    );
    assert.deepEqual(await store.get(job.id), before);
  });
  await t.step("the id cannot be changed", async () => {
    await assert.rejects(
      store.update(job.id, (j) => ({ ...j, id: "job_00000000_00000000" as JobId })),
      TypeError,
    );
  });
  await t.step("a missing job is JobNotFoundError", async () => {
    await assert.rejects(
      store.update("job_00000000_00000000" as JobId, (j) => j),
      JobNotFoundError,
    );
  });
  await t.step("concurrent updates lose nothing", async () => {
    const other = await store.create(newJob());
    await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => store.update(other.id, (j) => ({ ...j, tags: [...j.tags, `t${i}`] })),
      ),
    );
    assert.equal((await store.get(other.id)).tags.length, 20);
  });
  await t.step("updated_at moves forward even when fn leaves it", async () => {
    const other = await store.create(newJob({ now: at(0) }));
    const after = await store.update(other.id, (j) => ({ ...j, name: "renamed" }));
    assert.ok(Date.parse(after.updated_at) > Date.parse(other.updated_at));
    assert.equal((await store.get(other.id)).name, "renamed");
  });
});

conformance("logs are appended whole and can be followed with a cursor", async (store, t) => {
  const job = await store.create(newJob());
  const line = (message: string, url: string | null = null) => ({
    timestamp: isoNow(),
    level: "Info" as const,
    message,
    url,
  });
  await t.step("appendLog() takes one entry or many", async () => {
    await store.appendLog(job.id, line("one"));
    await store.appendLog(job.id, [line("two", "https://example.com/"), line("three")]);
    const logs = await store.readLogs(job.id);
    assert.deepEqual(logs.map((l) => l.message), ["Job created", "one", "two", "three"]);
    assert.equal(logs[2]!.url, "https://example.com/");
    assert.equal(logs[1]!.url, null);
  });
  await t.step("readLogs() returns the last N lines", async () => {
    assert.deepEqual((await store.readLogs(job.id, { lines: 2 })).map((l) => l.message), [
      "two",
      "three",
    ]);
    assert.deepEqual(await store.readLogs(job.id, { lines: 0 }), []);
    await assert.rejects(store.readLogs(job.id, { lines: -1 }), RangeError);
  });
  await t.step("a bad level is a TypeError and writes nothing", async () => {
    await assert.rejects(
      store.appendLog(job.id, { ...line("x"), level: "Loud" as "Info" }),
      TypeError,
    );
    assert.equal((await store.readLogs(job.id)).length, 4);
  });
  await t.step("readLogsSince() reads only what is new", async () => {
    const first = await store.readLogsSince(job.id, null);
    assert.equal(first.entries.length, 4);
    const idle = await store.readLogsSince(job.id, first.cursor);
    assert.deepEqual(idle.entries, []);
    await store.appendLog(job.id, [line("four"), line("five")]);
    const next = await store.readLogsSince(job.id, idle.cursor);
    assert.deepEqual(next.entries.map((l) => l.message), ["four", "five"]);
  });
  await t.step("lines appended concurrently are all followed, in order, once", async () => {
    let cursor = (await store.readLogsSince(job.id, null)).cursor;
    const seen: string[] = [];
    const writers = Promise.all(
      Array.from({ length: 10 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++) await store.appendLog(job.id, line(`w${w}-${i}`));
        })()),
    );
    let done = false;
    writers.then(() => done = true);
    while (!done) {
      const next = await store.readLogsSince(job.id, cursor);
      seen.push(...next.entries.map((e) => e.message));
      cursor = next.cursor;
    }
    const rest = await store.readLogsSince(job.id, cursor);
    seen.push(...rest.entries.map((e) => e.message));
    assert.equal(seen.length, 100);
    assert.equal(new Set(seen).size, 100);
  });
  await t.step("a missing job is JobNotFoundError", async () => {
    const missing = "job_00000000_00000000" as JobId;
    await assert.rejects(store.appendLog(missing, line("x")), JobNotFoundError);
    await assert.rejects(store.readLogs(missing), JobNotFoundError);
    await assert.rejects(store.readLogsSince(missing, null), JobNotFoundError);
  });
});

conformance("updateProgress() stores a running job's progress, and only then", async (store) => {
  const job = await store.update(
    (await store.create(newJob())).id,
    (j) => transition(j, "running"),
  );
  const progress = {
    total: 2,
    completed: 1,
    failed: 0,
    percentage: 50,
    current_item: "https://example.com/",
  };
  assert.ok(store.updateProgress !== undefined, "both stores have it");
  assert.equal(await store.updateProgress(job.id, progress), "running");
  const read = await store.get(job.id);
  assert.deepEqual(read.progress, progress);
  // Compared as times: isoNow() leaves out ".000", so "…:00Z" sorts after "…:00.001Z".
  assert.ok(Date.parse(read.updated_at) > Date.parse(job.updated_at));
  // A later update keeps it; a job that is not running is left as it is.
  const cancelled = await store.update(job.id, (j) => transition(j, "cancelled"));
  assert.deepEqual(cancelled.progress, progress);
  assert.equal(await store.updateProgress(job.id, { ...progress, completed: 2 }), "cancelled");
  assert.deepEqual((await store.get(job.id)).progress, progress);
  await assert.rejects(
    store.updateProgress("job_00000000_00000000" as JobId, progress),
    JobNotFoundError,
  );
});

conformance("results are recorded per URL and written whole at the end", async (store, t) => {
  const job = await store.create(newJob());
  await t.step("no results yet", async () => {
    assert.deepEqual(await store.readPartialResults(job.id), []);
    assert.equal(await store.readResults(job.id), null);
  });
  await t.step("the last record per URL wins, without duplicates", async () => {
    await store.appendResult(job.id, extraction("https://example.com/", "failed"));
    await store.appendResult(job.id, extraction("https://another.com/", "success", "B"));
    await store.appendResult(job.id, extraction("https://example.com/", "success", "A"));
    const partial = await store.readPartialResults(job.id);
    assert.deepEqual(partial.map((e) => [e.url, e.status, e.content]), [
      ["https://example.com/", "success", "A"],
      ["https://another.com/", "success", "B"],
    ]);
  });
  await t.step("writeResults() then readResults() gives the same object", async () => {
    const results = summarizeResults(job.id, job.urls, await store.readPartialResults(job.id));
    await store.writeResults(job.id, results);
    assert.deepEqual(await store.readResults(job.id), results);
  });
  await t.step("a missing job is JobNotFoundError", async () => {
    const missing = "job_00000000_00000000" as JobId;
    await assert.rejects(store.readResults(missing), JobNotFoundError);
    await assert.rejects(store.readPartialResults(missing), JobNotFoundError);
    await assert.rejects(
      store.appendResult(missing, extraction("https://x.test/", "success")),
      JobNotFoundError,
    );
    await assert.rejects(
      store.writeResults(missing, summarizeResults(missing, [], [])),
      JobNotFoundError,
    );
  });
});

conformance("readResultSummaries() gives the final results without their text", async (store) => {
  const job = await store.create(newJob({ urls: ["https://example.com/", "https://b.test/"] }));
  assert.equal(await store.readResultSummaries?.(job.id), null, "no results.json yet");
  const rich: Extraction = {
    ...extraction(
      "https://example.com/",
      "success",
      'a "quoted"\nline, \u00e9\u20ac, {"not": "json"}',
    ),
    markdown: "# Title\n\ntext",
    fields: { h: ["x", "y"] },
    data: { nested: { content: "kept: not the extraction's" }, list: [1, { a: null }] },
    metadata: {
      title: "T",
      extraction_time_ms: 5,
      etag: '"v1"',
      content_hash: "sha256:00",
    },
    change: "same",
  };
  const failed = { ...extraction("https://b.test/", "failed"), error: "HTTP 500", depth: 1 };
  await store.writeResults(job.id, summarizeResults(job.id, job.urls, [rich, failed]));
  const { content: _c, markdown: _m, ...richSummary } = rich;
  const { content: _f, ...failedSummary } = failed;
  assert.deepEqual(await store.readResultSummaries?.(job.id), [richSummary, failedSummary]);
  await assert.rejects(
    store.readResultSummaries!("job_00000000_00000000" as JobId),
    JobNotFoundError,
  );
});

conformance("list() filters, sorts newest first and limits", async (store, t) => {
  const a = await store.create(newJob({ name: "Alpha news", priority: "high", now: at(0) }));
  const b = await store.create(
    newJob({ name: null, priority: "low", tags: ["prod"], now: at(10) }),
  );
  const c = await store.create(
    newJob({ name: "beta", priority: "high", tags: ["prod", "x"], now: at(20) }),
  );
  await store.update(c.id, (j) => transition(j, "cancelled"));
  await t.step("everything, newest first", async () => {
    const all = await store.list();
    assert.deepEqual(all.jobs.map((j) => j.id), [c.id, b.id, a.id]);
    assert.equal(all.total, 3);
    assert.deepEqual(all.warnings, []);
  });
  await t.step("a limit keeps the newest and reports the total", async () => {
    const two = await store.list({ limit: 2 });
    assert.deepEqual(two.jobs.map((j) => j.id), [c.id, b.id]);
    assert.equal(two.total, 3);
    const none = await store.list({ limit: 0 });
    assert.deepEqual(none.jobs, []);
    assert.equal(none.total, 3);
    await assert.rejects(store.list({ limit: -1 }), RangeError);
  });
  await t.step("each filter narrows the list", async () => {
    const ids = async (f: Parameters<JobStore["list"]>[0]) =>
      (await store.list(f)).jobs.map((j) => j.id);
    assert.deepEqual(await ids({ status: "cancelled" }), [c.id]);
    assert.deepEqual(await ids({ status: "pending" }), [b.id, a.id]);
    assert.deepEqual(await ids({ priority: "high" }), [c.id, a.id]);
    assert.deepEqual(await ids({ tag: "prod" }), [c.id, b.id]);
    assert.deepEqual(await ids({ tag: "x" }), [c.id]);
    assert.deepEqual(await ids({ name: "ALPHA" }), [a.id]);
    assert.deepEqual(await ids({ createdAfter: at(10) }), [c.id, b.id]);
    assert.deepEqual(await ids({ createdBefore: at(10) }), [a.id]);
    assert.deepEqual(await ids({ priority: "high", status: "pending" }), [a.id]);
  });
  await t.step("short ids are unique and resolve to their job", async () => {
    const { jobs, shortIds } = await store.list();
    const shorts = jobs.map((j) => shortIds.get(j.id)!);
    assert.equal(new Set(shorts).size, shorts.length);
    for (const job of jobs) {
      const short = shortIds.get(job.id)!;
      assert.equal(short, shortIdOf(job.id, jobs.map((j) => j.id)));
      assert.equal(await store.resolve(short), job.id);
      assert.equal(await store.resolve(short.toUpperCase()), job.id);
    }
  });
});

conformance("resolve() accepts a full id or a unique prefix", async (store, t) => {
  const x = await store.create(newJob({ now: at(0) }));
  const y = await store.create(newJob({ now: at(0) }));
  const z = await store.create(newJob({ now: at(100_000) }));
  await t.step("a full id resolves to itself", async () => {
    assert.equal(await store.resolve(x.id), x.id);
  });
  await t.step("a unique prefix resolves", async () => {
    assert.equal(await store.resolve(z.id.slice(0, 12)), z.id);
    assert.equal(await store.resolve(y.id.slice(0, 16)), y.id);
  });
  await t.step("an ambiguous prefix lists the candidates", async () => {
    const err = await store.resolve(x.id.slice(0, 13)).then(
      () => assert.fail("expected an ambiguous prefix"),
      (e) => e,
    );
    assert.ok(err instanceof AmbiguousJobIdError);
    assert.deepEqual([...err.candidates].sort(), [x.id, y.id].sort());
  });
  await t.step("a prefix matching nothing is JobNotFoundError", async () => {
    await assert.rejects(store.resolve("job_ffff"), JobNotFoundError);
    await assert.rejects(store.resolve("job_00000000_00000000"), JobNotFoundError);
  });
  await t.step("path tricks are a TypeError", async () => {
    await assert.rejects(store.resolve("../job_"), TypeError);
    await assert.rejects(store.resolve("job_%"), TypeError);
  });
});

conformance("stats() counts by status and priority, durations and success rate", async (store) => {
  const empty = await store.stats();
  assert.equal(empty.total, 0);
  assert.equal(empty.averageDurationMs, null);
  assert.equal(empty.successRate, null);
  const finish = async (seconds: number, to: "completed" | "failed" | "cancelled") => {
    const job = await store.create(newJob({ priority: "high", now: at(0) }));
    await store.update(job.id, (j) => transition(j, "running", { now: at(0) }));
    await store.update(job.id, (j) => transition(j, to, { now: at(seconds) }));
  };
  await finish(10, "completed");
  await finish(20, "completed");
  await finish(30, "failed");
  await finish(60, "cancelled");
  await store.create(newJob({ priority: "critical" }));
  const cancelledEarly = await store.create(newJob());
  await store.update(cancelledEarly.id, (j) => transition(j, "cancelled"));
  const stats = await store.stats();
  assert.equal(stats.total, 6);
  assert.deepEqual(stats.byStatus, {
    pending: 1,
    running: 0,
    completed: 2,
    failed: 1,
    cancelled: 2,
  });
  assert.deepEqual(stats.byPriority, { low: 0, medium: 1, high: 4, critical: 1 });
  assert.equal(stats.averageDurationMs, 30_000);
  assert.equal(stats.successRate, 0.6667); // rounded to 4 decimals
});

conformance(
  "pendingQueue() runs critical first, then oldest; runningJobs() lists running",
  async (store) => {
    const lowOld = await store.create(newJob({ priority: "low", now: at(0) }));
    const highNew = await store.create(newJob({ priority: "high", now: at(20) }));
    const highOld = await store.create(newJob({ priority: "high", now: at(10) }));
    const critical = await store.create(newJob({ priority: "critical", now: at(30) }));
    const running = await store.create(newJob({ priority: "critical", now: at(5) }));
    await store.update(running.id, (j) => transition(j, "running"));
    assert.deepEqual((await store.pendingQueue()).map((j) => j.id), [
      critical.id,
      highOld.id,
      highNew.id,
      lowOld.id,
    ]);
    assert.deepEqual((await store.runningJobs()).map((j) => j.id), [running.id]);
    assert.deepEqual(
      (await store.pendingQueue({ limit: 2 })).map((j) => j.id),
      [critical.id, highOld.id],
      "a limit keeps the head of the queue",
    );
    assert.deepEqual(await store.pendingQueue({ limit: 0 }), []);
  },
);

conformance("cleanup() removes old terminal jobs, never live ones", async (store, t) => {
  const now = at(40 * 86_400);
  const old = await store.create(newJob({ now: at(0) }));
  await store.update(old.id, (j) => transition(j, "cancelled", { now: at(0) }));
  const recent = await store.create(newJob({ now: at(39 * 86_400) }));
  await store.update(recent.id, (j) => transition(j, "running", { now: at(39 * 86_400) }));
  await store.update(recent.id, (j) => transition(j, "completed", { now: at(39 * 86_400) }));
  const pendingOld = await store.create(newJob({ now: at(0) }));
  await t.step("a dry run reports but removes nothing", async () => {
    const report = await store.cleanup({ days: 30, dryRun: true, now });
    assert.deepEqual(report.removed.map((r) => r.id), [old.id]);
    assert.ok(report.bytesFreed > 0);
    assert.equal(report.dryRun, true);
    assert.equal((await store.list()).total, 3);
  });
  await t.step("older than N days goes, the rest stays", async () => {
    const report = await store.cleanup({ days: 30, dryRun: false, now });
    assert.deepEqual(report.removed.map((r) => [r.id, r.status]), [[old.id, "cancelled"]]);
    await assert.rejects(store.get(old.id), JobNotFoundError);
    assert.equal((await store.storageInfo()).totalJobs, 2);
  });
  await t.step("days 0 removes every terminal job but no live one", async () => {
    const report = await store.cleanup({ days: 0, dryRun: false, now });
    assert.deepEqual(report.removed.map((r) => r.id), [recent.id]);
    assert.deepEqual((await store.list()).jobs.map((j) => j.id), [pendingOld.id]);
  });
  await t.step("a negative number of days is a RangeError", async () => {
    await assert.rejects(store.cleanup({ days: -1, dryRun: true }), RangeError);
  });
});

conformance("the HTTP cache keeps one entry per URL and variant, capped", async (store, t) => {
  const cache = store.httpCache();
  const entry = (url: string, variant: string, seconds: number, text = "words"): CachedPage => ({
    url,
    variant,
    etag: `"${url}"`,
    last_modified: null,
    body_hash: `sha256:body-${text}`,
    content_hash: `sha256:text-${text}`,
    fetched_at: at(seconds).toISOString(),
    extraction: { ...extraction(url, "success", `${text} `.repeat(50)) },
  });
  const url = (i: number) => `https://example.com/page/${i}`;
  await t.step("a miss is null; put() then get() reads the entry back", async () => {
    assert.equal(await cache.get(url(0), "auto {}"), null);
    await cache.put(entry(url(0), "auto {}", 0));
    assert.deepEqual(await cache.get(url(0), "auto {}"), entry(url(0), "auto {}", 0));
    assert.equal(await cache.get(url(0), 'css {"selectors":{"content":"h1"}}'), null);
  });
  await t.step("put() replaces the entry of the same URL and variant", async () => {
    await cache.put(entry(url(0), "auto {}", 10, "newer"));
    assert.equal((await cache.get(url(0), "auto {}"))?.content_hash, "sha256:text-newer");
  });
  await t.step("confirm() moves fetched_at forward without rewriting the entry", async () => {
    await cache.confirm(url(0), "auto {}", at(3600));
    const back = await cache.get(url(0), "auto {}");
    assert.equal(back?.fetched_at, at(3600).toISOString());
    assert.equal(back?.content_hash, "sha256:text-newer");
    await cache.confirm(url(99), "auto {}", at(3600)); // gone: nothing happens
    assert.equal(await cache.get(url(99), "auto {}"), null);
  });
  await t.step("a URL longer than a file name or an index row is fine", async () => {
    const long = `https://example.com/${"x".repeat(5000)}`;
    await cache.put(entry(long, "auto {}", 0));
    assert.equal((await cache.get(long, "auto {}"))?.url, long);
  });
  await t.step("prune() drops the least recently fetched entries beyond the cap", async () => {
    await cache.prune({ maxBytes: 0 });
    for (let i = 1; i <= 6; i++) await cache.put(entry(url(i), "auto {}", i * 60));
    const all = await cache.prune({ maxBytes: 1e9, dryRun: true });
    assert.deepEqual([all.entries, all.removed], [6, 0]);
    const each = all.bytes / 6;
    const dry = await cache.prune({ maxBytes: Math.floor(each * 3.5), dryRun: true });
    assert.deepEqual([dry.removed, dry.entries], [3, 3]);
    assert.notEqual(await cache.get(url(1), "auto {}"), null, "a dry run removes nothing");
    const done = await cache.prune({ maxBytes: Math.floor(each * 3.5) });
    assert.deepEqual([done.removed, done.entries], [3, 3]);
    assert.ok(done.bytes <= each * 3.5 && done.bytesFreed > 0);
    for (const i of [1, 2, 3]) assert.equal(await cache.get(url(i), "auto {}"), null);
    for (const i of [4, 5, 6]) assert.notEqual(await cache.get(url(i), "auto {}"), null);
  });
  await t.step("prune() with olderThan drops entries not fetched since", async () => {
    const report = await cache.prune({ maxBytes: 1e9, olderThan: at(5 * 60 + 30) });
    assert.deepEqual([report.removed, report.entries], [2, 1]);
    assert.notEqual(await cache.get(url(6), "auto {}"), null);
  });
});

conformance("storageInfo() counts jobs and bytes", async (store) => {
  const before = await store.storageInfo();
  assert.equal(before.totalJobs, 0);
  await store.create(newJob());
  await store.create(newJob());
  const info = await store.storageInfo();
  assert.equal(info.totalJobs, 2);
  assert.ok(info.totalBytes > 0);
  assert.equal(info.baseDirectory, store.location);
  assert.deepEqual(info.corrupted, []);
});

conformance("importJob() stores a whole job once, with this store's paths", async (store, t) => {
  const job = await store.create(newJob({ now: T0 }));
  await store.update(job.id, (j) => transition(j, "running", { now: T0 }));
  await store.appendResult(job.id, extraction("https://example.com/", "success", "hi"));
  const finished = await store.update(job.id, (j) => transition(j, "completed", { now: at(5) }));
  const results = summarizeResults(job.id, job.urls, await store.readPartialResults(job.id));
  await store.writeResults(job.id, results);
  const record = {
    job: { ...finished, results_path: "/elsewhere/results.json", log_path: "/elsewhere/logs" },
    logs: await store.readLogs(job.id),
    partial: await store.readPartialResults(job.id),
    results,
  };
  await t.step("an id already stored is left as it is", async () => {
    assert.equal(await store.importJob(record), "exists");
    assert.deepEqual(await store.get(job.id), finished);
  });
  await store.cleanup({ days: 0, dryRun: false });
  await assert.rejects(store.get(job.id), JobNotFoundError);
  await t.step("a new id is stored with its log and results", async () => {
    assert.equal(await store.importJob(record), "imported");
    const back = await store.get(job.id);
    assert.deepEqual(back, finished, "the paths point into this store again");
    assert.deepEqual(await store.readLogs(job.id), record.logs);
    assert.deepEqual(await store.readPartialResults(job.id), record.partial);
    assert.deepEqual(await store.readResults(job.id), results);
    assert.deepEqual((await store.list()).jobs.map((j) => j.id), [job.id]);
  });
  await t.step("a path-like id is a TypeError", async () => {
    const bad = { ...record, job: { ...record.job, id: "../x" as JobId } };
    await assert.rejects(store.importJob(bad), TypeError);
  });
});

conformance("an exported pending crawl keeps its frontier when imported", async (store) => {
  const seed = "https://example.com/";
  const found = ["a", "b", "c"].map((p, i) => ({
    url: `https://example.com/${p}`,
    depth: 1,
    referrer: i === 2 ? null : seed,
  }));
  const job = await store.create(newJob({
    urls: [seed],
    options: {
      crawl: { max_depth: 2, max_pages: 10, scope: "same-host", include: [], exclude: [] },
    },
  }));
  {
    const q = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    await q.start(job.id);
    assert.deepEqual(await q.claim(job.id, 10), [seed]);
    await q.discover(job.id, found, 10);
    await q.record(job.id, extraction(seed, "success", "home"));
    await q.release(job.id, []);
    await q.close();
  }
  await store.update(job.id, (j) => transition(j, "pending", { reason: "worker stopped" }));
  const [record] = (await Array.fromAsync(exportJobs(store))).filter((r) => r.job.id === job.id);
  assert.ok(record !== undefined);
  assert.deepEqual(record.frontier, found);
  const moved = parseJobRecord(
    JSON.stringify({ ...record, job: { ...record.job, id: newJobId() } }),
  );
  assert.equal(await store.importJob(moved), "imported");
  assert.deepEqual(await store.readFrontier(moved.job.id), found);
  const q = store.workQueue({ workerId: "w2", leaseMs: 60_000 });
  try {
    assert.equal((await q.start(moved.job.id))?.urls, 4);
    assert.deepEqual(
      (await q.claim(moved.job.id, 10)).sort(),
      found.map((e) => e.url),
      "the found URLs, not the start URL that has a result",
    );
  } finally {
    await q.close();
  }
});

const decide: FinishDecision = (job, extractions, open) => {
  if (job.status !== "running" || open > 0) return null;
  const results = summarizeResults(job.id, job.urls, extractions);
  return {
    job: transition({
      ...job,
      progress: {
        ...job.progress,
        completed: results.successful,
        failed: results.failed,
      },
    }, results.successful > 0 ? "completed" : "failed"),
    results,
  };
};

conformance("the work queue hands out each URL once and finishes a job once", async (store, t) => {
  const urls = Array.from({ length: 10 }, (_, i) => `https://example.com/${i}`);
  const job = await store.create(newJob({ urls: [...urls, urls[0]!] }));
  await using queue = {
    q: store.workQueue({ workerId: "w1", leaseMs: 60_000 }),
    async [Symbol.asyncDispose]() {
      await this.q.close();
    },
  };
  const q = queue.q;
  await t.step("jobs() offers the pending job; start() runs it", async () => {
    assert.deepEqual((await q.jobs()).map((j) => j.id), [job.id]);
    const started = await q.start(job.id);
    assert.equal(started?.started, true);
    assert.equal(started?.job.status, "running");
    assert.equal(started?.recorded, 0);
  });
  const claimed: string[] = [];
  await t.step("claims come in job order, each distinct URL once", async () => {
    claimed.push(...await q.claim(job.id, 4));
    claimed.push(...await q.claim(job.id, 100));
    assert.deepEqual(claimed, urls);
    assert.deepEqual(await q.claim(job.id, 4), []);
  });
  await t.step("a released URL is claimed again", async () => {
    const { othersActive } = await q.release(job.id, [urls[9]!]);
    assert.equal(othersActive, false);
    assert.deepEqual(await q.claim(job.id, 4), [urls[9]!]);
  });
  await t.step("a result is recorded once; a second record is refused", async () => {
    const first = await q.record(job.id, extraction(urls[0]!, "success", "A"));
    assert.deepEqual(first, { recorded: true, completed: 1, failed: 0, skipped: 0 });
    const again = await q.record(job.id, extraction(urls[0]!, "failed"));
    assert.equal(again.recorded, false);
    assert.deepEqual(
      (await store.readPartialResults(job.id)).map((e) => [e.url, e.status]),
      [[urls[0]!, "success"]],
    );
  });
  await t.step("a skipped URL (robots.txt) is counted apart from failures", async () => {
    const skipped = await q.record(job.id, extraction(urls[1]!, "skipped"));
    assert.deepEqual(skipped, { recorded: true, completed: 1, failed: 0, skipped: 1 });
    // A worker that starts on the job later finds the same counts.
    await using other = {
      q: store.workQueue({ workerId: "w2", leaseMs: 60_000 }),
      async [Symbol.asyncDispose]() {
        await this.q.close();
      },
    };
    const joined = await other.q.start(job.id);
    assert.equal(joined?.recorded, 2);
    assert.equal(joined?.completed, 1);
    assert.equal(joined?.failed, 0);
    assert.equal(joined?.skipped, 1);
  });
  await t.step("finish() declines while URLs are open", async () => {
    assert.equal(await q.finish(job.id, decide), null);
    assert.equal((await store.get(job.id)).status, "running");
  });
  await t.step("the last result lets finish() end the job, exactly once", async () => {
    for (const [i, url] of urls.entries()) {
      if (i > 0) await q.record(job.id, extraction(url, i % 3 === 0 ? "failed" : "success", "x"));
    }
    const finished = await q.finish(job.id, decide);
    assert.equal(finished?.job.status, "completed");
    assert.equal(finished?.results.total_urls, 11);
    assert.equal(finished?.results.skipped, 1);
    assert.equal(finished?.results.extractions.length, 10);
    const stored = (await store.readResults(job.id))?.extractions.map((e) => e.url) ?? [];
    assert.deepEqual(stored.sort(), [...urls].sort());
    assert.equal(await q.finish(job.id, decide), null);
    const logs = await store.readLogs(job.id);
    assert.equal(logs.filter((l) => l.message === "Status changed: running → completed").length, 1);
    assert.deepEqual(await q.jobs(), []);
  });
});

conformance(
  "a crawl's frontier is kept in the store: each URL once, resumed, capped",
  async (store, t) => {
    const seed = "https://example.com/";
    const [a, b, c, d] = ["a", "b", "c", "d"].map((p) => `https://example.com/${p}`) as [
      string,
      string,
      string,
      string,
    ];
    const job = await store.create(newJob({
      urls: [seed],
      options: {
        crawl: { max_depth: 2, max_pages: 4, scope: "same-host", include: [], exclude: [] },
      },
    }));
    const open = (workerId: string) => ({
      q: store.workQueue({ workerId, leaseMs: 60_000 }),
      async [Symbol.asyncDispose]() {
        await this.q.close();
      },
    });
    {
      await using first = open("w1");
      const q = first.q;
      await t.step("the start URL is depth 0 with no referrer", async () => {
        assert.equal((await q.start(job.id))?.urls, 1);
        assert.deepEqual(await q.claim(job.id, 10), [seed]);
        assert.deepEqual([...(await q.places(job.id, [seed])).values()], [
          { url: seed, depth: 0, referrer: null },
        ]);
      });
      await t.step("discover() adds each new URL once, in order, and can be claimed", async () => {
        const found = [a, b, a, seed].map((url) => ({ url, depth: 1, referrer: seed }));
        assert.deepEqual(await q.discover(job.id, found, 4), { added: 2, urls: 3 });
        assert.deepEqual(await q.discover(job.id, found, 4), { added: 0, urls: 3 });
        assert.deepEqual(await q.claim(job.id, 10), [a, b]);
        assert.deepEqual((await q.places(job.id, [b])).get(b), {
          url: b,
          depth: 1,
          referrer: seed,
        });
        assert.deepEqual((await store.readFrontier(job.id)).map((e) => [e.url, e.depth]), [
          [a, 1],
          [b, 1],
        ]);
      });
      await t.step("max pages is a hard cap on the job's URLs", async () => {
        const more = [c, d].map((url) => ({ url, depth: 2, referrer: a }));
        assert.deepEqual(await q.discover(job.id, more, 4), { added: 1, urls: 4 });
        assert.deepEqual(await q.discover(job.id, more, 4), { added: 0, urls: 4 });
        assert.deepEqual(await q.claim(job.id, 10), [c]);
      });
      await q.record(job.id, extraction(seed, "success", "home"));
      await q.record(job.id, extraction(a, "success", "a"));
      await q.release(job.id, [b, c]);
    }
    await t.step("a later worker resumes: only URLs without a result are claimed", async () => {
      await using second = open("w2");
      const q = second.q;
      const started = await q.start(job.id);
      assert.equal(started?.urls, 4);
      assert.equal(started?.recorded, 2);
      assert.deepEqual(await q.claim(job.id, 10), [b, c]);
      assert.deepEqual((await q.places(job.id, [c])).get(c), { url: c, depth: 2, referrer: a });
      await q.record(job.id, extraction(b, "success", "b"));
      assert.equal(await q.finish(job.id, decide), null, "c is still open");
      await q.record(job.id, extraction(c, "failed"));
      const finished = await q.finish(job.id, decide);
      assert.equal(finished?.job.status, "completed");
      assert.deepEqual(
        finished?.results.extractions.map((e) => e.url).sort(),
        [seed, a, b, c].sort(),
      );
    });
  },
);

conformance(
  "discoverRecorded() adds a URL with its result: no claim ever hands it out",
  async (store, t) => {
    const seed = "https://example.com/";
    const [old, target, other] = ["old", "new", "other"].map((p) => `https://example.com/${p}`) as [
      string,
      string,
      string,
    ];
    const job = await store.create(newJob({
      urls: [seed],
      options: {
        crawl: { max_depth: 2, max_pages: 3, scope: "same-host", include: [], exclude: [] },
      },
    }));
    const q = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    try {
      await q.start(job.id);
      assert.deepEqual(await q.claim(job.id, 10), [seed]);
      await q.discover(job.id, [{ url: old, depth: 1, referrer: seed }], 3);
      assert.deepEqual(await q.claim(job.id, 10), [old]);
      await t.step("claims made while it runs never see the URL", async () => {
        // A store whose queue writes results through appendResult() (the
        // filesystem's) is held there until a claim was made meanwhile;
        // where the queue writes otherwise (PostgreSQL, in one transaction),
        // the claims run while the call does.
        let held = false;
        const release = Promise.withResolvers<void>();
        const appendResult = store.appendResult;
        store.appendResult = async (id, e) => {
          held = true;
          await release.promise;
          return await appendResult.call(store, id, e);
        };
        let settled = false;
        const adding = q.discoverRecorded(
          job.id,
          { url: target, depth: 1, referrer: seed },
          { ...extraction(target, "success", "moved here"), from_cache: "redirect" },
          3,
        ).finally(() => {
          settled = true;
        });
        const handed: string[] = [];
        try {
          // A lane asking for work all along (as one with nothing to do does).
          while (!settled) {
            const during = held;
            handed.push(...await q.claim(job.id, 10));
            if (during) release.resolve();
            // Lets the store's I/O go on between two claims (no fixed wait).
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
        } finally {
          release.resolve();
          store.appendResult = appendResult;
        }
        const outcome = await adding;
        assert.deepEqual(handed, []);
        assert.equal(outcome.added, 1);
        assert.equal(outcome.urls, 3);
        assert.equal(outcome.record?.recorded, true);
        assert.equal(outcome.record?.completed, 1);
        assert.deepEqual(await q.claim(job.id, 10), []);
      });
      await t.step("a URL known already is recorded once; one past the cap is not", async () => {
        const again = await q.discoverRecorded(
          job.id,
          { url: target, depth: 1, referrer: seed },
          extraction(target, "success", "again"),
          3,
        );
        assert.deepEqual(again, {
          added: 0,
          urls: 3,
          record: { recorded: false, completed: 1, failed: 0, skipped: 0 },
        });
        const capped = await q.discoverRecorded(
          job.id,
          { url: other, depth: 1, referrer: seed },
          extraction(other, "success", "other"),
          3,
        );
        assert.deepEqual(capped, { added: 0, urls: 3, record: null });
        assert.deepEqual((await store.readFrontier(job.id)).map((e) => e.url), [old, target]);
      });
      await t.step("the job ends with the target's recorded result", async () => {
        await q.record(job.id, extraction(seed, "success", "home"));
        await q.record(job.id, extraction(old, "success", "moved here"));
        const finished = await q.finish(job.id, decide);
        assert.equal(finished?.job.status, "completed");
        const byUrl = new Map(finished?.results.extractions.map((e) => [e.url, e]));
        assert.deepEqual([...byUrl.keys()].sort(), [seed, target, old].sort());
      });
    } finally {
      await q.close();
    }
  },
);

conformance("workers adding the same links at once never store a URL twice", async (store, t) => {
  const seed = "https://example.com/";
  const job = await store.create(newJob({
    urls: [seed],
    options: {
      crawl: { max_depth: 3, max_pages: 1000, scope: "same-host", include: [], exclude: [] },
    },
  }));
  const q1 = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
  const q2 = store.workQueue({ workerId: "w2", leaseMs: 60_000 });
  try {
    await q1.start(job.id);
    if (!q1.shared) {
      // One worker per home: the filesystem store's queue is never shared.
      await t.step("(one worker per home: nothing to race)", () => {});
      return;
    }
    await q2.start(job.id);
    const links = (from: number) =>
      Array.from({ length: 60 }, (_, i) => ({
        url: `https://example.com/p${from + i}`,
        depth: 1,
        referrer: seed,
      }));
    const outcomes = await Promise.all([
      q1.discover(job.id, links(0), 100),
      q2.discover(job.id, links(30), 100),
      q1.discover(job.id, links(10), 100),
      q2.discover(job.id, links(20), 100),
    ]);
    // p0 … p89, each once, whoever added it.
    assert.equal(outcomes.reduce((n, o) => n + o.added, 0), 90);
    const frontier = await store.readFrontier(job.id);
    assert.equal(frontier.length, 90);
    assert.equal(new Set(frontier.map((e) => e.url)).size, 90);
    const claimed = [...await q1.claim(job.id, 50), ...await q2.claim(job.id, 100)];
    assert.equal(claimed.length, 91);
    assert.equal(new Set(claimed).size, 91);
  } finally {
    await q1.close();
    await q2.close();
  }
});

conformance(
  "Crawl-delay slots per host are shared by every worker of a shared store",
  async (store) => {
    const q1 = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    const q2 = store.workQueue({ workerId: "w2", leaseMs: 60_000 });
    try {
      if (!q1.shared) {
        // One worker per home: the worker spaces its own requests.
        assert.equal(await q1.reserveHostSlot("example.com", 1000), null);
        return;
      }
      const waits = await Promise.all([
        q1.reserveHostSlot("example.com", 1000),
        q2.reserveHostSlot("example.com", 1000),
        q1.reserveHostSlot("example.com", 1000),
        q2.reserveHostSlot("example.com", 1000),
        q1.reserveHostSlot("other.example", 1000),
      ]);
      assert.ok(waits.every((w) => typeof w === "number" && w >= 0), String(waits));
      // Each reservation is the one before it plus the delay (minus the time
      // between the statements, which a busy machine stretches).
      const sorted = (waits.slice(0, 4) as number[]).sort((a, b) => a - b);
      assert.ok(sorted[0]! <= 50, String(sorted));
      for (let i = 1; i < 4; i++) {
        assert.ok(sorted[i]! - sorted[i - 1]! > 500, String(sorted));
        assert.ok(sorted[i]! <= i * 1000 + 50, String(sorted));
      }
      assert.ok(waits[4]! <= 50, `another host waits for nobody: ${waits[4]}`);
    } finally {
      await q1.close();
      await q2.close();
    }
  },
);

conformance(
  "requeue() runs only a retried job's failed URLs again and keeps the rest",
  async (store, t) => {
    const urls = ["https://example.com/a", "https://example.com/b", "https://example.com/c"];
    const job = await store.create(newJob({ urls }));
    const q = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    try {
      await q.start(job.id);
      await q.claim(job.id, 10);
      await q.record(job.id, extraction(urls[0]!, "success", "A"));
      await q.record(job.id, extraction(urls[1]!, "failed"));
      await q.record(job.id, extraction(urls[2]!, "skipped"));
      const first = await q.finish(job.id, decide);
      assert.equal(first?.job.status, "completed");
      await t.step("a plan that throws changes nothing", async () => {
        await assert.rejects(
          store.requeue(job.id, () => {
            throw new RangeError("no");
          }),
          RangeError,
        );
        assert.equal((await store.get(job.id)).status, "completed");
        assert.equal((await store.readPartialResults(job.id)).length, 3);
        assert.notEqual(await store.readResults(job.id), null);
      });
      await t.step("the plan's URLs lose their results; the job is pending", async () => {
        const done = await store.requeue(job.id, (j, extractions) => {
          assert.equal(extractions.length, 3);
          return {
            job: transition(j, "pending", { reason: "retry" }),
            urls: [urls[1]!],
          };
        });
        assert.equal(done.job.status, "pending");
        const stored = await store.get(job.id);
        assert.equal(stored.status, "pending");
        assert.deepEqual(stored.history.at(-1)?.reason, "retry");
        assert.deepEqual(
          (await store.readPartialResults(job.id)).map((e) => e.url).sort(),
          [urls[0], urls[2]],
        );
        assert.equal(await store.readResults(job.id), null);
        const logs = await store.readLogs(job.id);
        assert.ok(logs.some((l) => l.message === "Status changed: completed → pending (retry)"));
      });
      await t.step("a worker claims only the requeued URL and ends the job again", async () => {
        const q2 = store.workQueue({ workerId: "w2", leaseMs: 60_000 });
        try {
          assert.deepEqual((await q2.jobs()).map((j) => j.id), [job.id]);
          const started = await q2.start(job.id);
          assert.equal(started?.recorded, 2);
          assert.deepEqual(await q2.claim(job.id, 10), [urls[1]]);
          const again = await q2.record(job.id, extraction(urls[1]!, "success", "B"));
          assert.equal(again.recorded, true);
          assert.equal(again.completed, 2);
          assert.equal(again.failed, 0);
          const end = await q2.finish(job.id, decide);
          assert.equal(end?.job.status, "completed");
          const results = await store.readResults(job.id);
          assert.deepEqual(
            results?.extractions.map((e) => [e.url, e.status, e.content]).sort(),
            [[urls[0], "success", "A"], [urls[1], "success", "B"], [urls[2], "skipped", ""]],
          );
        } finally {
          await q2.close();
        }
      });
    } finally {
      await q.close();
    }
  },
);

conformance(
  "a job waiting for its dependencies is not offered to workers",
  async (store, t) => {
    const first = await store.create(newJob({ name: "first" }));
    const other = await store.create(newJob({ name: "other" }));
    const waiter = await store.create(newJob({ name: "waiter", options: { after: [first.id] } }));
    const any = await store.create(
      newJob({ name: "any", options: { after: [other.id], after_any_outcome: true } }),
    );
    const q = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    const offered = async () => (await q.jobs()).map((j) => j.name);
    try {
      await t.step("while a dependency is pending, only the others are offered", async () => {
        assert.deepEqual(await offered(), ["first", "other"]);
        assert.deepEqual(
          (await store.pendingQueue({ runnable: true, limit: 1 })).map((j) => j.name),
          ["first"],
        );
        assert.equal((await store.pendingQueue()).length, 4);
      });
      await t.step("a dependency that failed makes the waiter offered (to cancel it)", async () => {
        for (const id of [other.id, first.id]) {
          await store.update(id, (j) => transition(j, "running"));
          await store.update(id, (j) => transition(j, "failed"));
        }
        assert.deepEqual(await offered(), ["waiter", "any"]);
      });
      await t.step("a completed dependency makes it runnable", async () => {
        assert.equal(waiter.status, "pending");
        const again = await store.create(newJob({ name: "again", options: { after: [any.id] } }));
        assert.deepEqual(await offered(), ["waiter", "any"]);
        await store.update(any.id, (j) => transition(j, "running"));
        await store.update(any.id, (j) => transition(j, "completed"));
        assert.deepEqual(await offered(), ["waiter", "again"]);
        assert.equal(again.options.after?.[0], any.id);
      });
    } finally {
      await q.close();
    }
  },
);

conformance("list() filters by name glob, strategy and URL text", async (store, t) => {
  const a = await store.create(
    newJob({ name: "Nightly-news", strategy: "css", urls: ["https://News.example/a"], now: at(0) }),
  );
  const b = await store.create(
    newJob({ name: "nightly_50%", urls: ["https://blog.example/b"], now: at(10) }),
  );
  const c = await store.create(
    newJob({ name: null, urls: ["https://news.example/c"], now: at(20) }),
  );
  const ids = async (filter: Parameters<JobStore["list"]>[0]) => {
    const list = await store.list(filter);
    return { ids: list.jobs.map((j) => j.id), total: list.total };
  };
  await t.step("a name glob matches whole names, in any case", async () => {
    assert.deepEqual(await ids({ nameGlob: "nightly-*" }), { ids: [a.id], total: 1 });
    assert.deepEqual(await ids({ nameGlob: "NIGHTLY?*" }), { ids: [b.id, a.id], total: 2 });
    assert.deepEqual(await ids({ nameGlob: "nightly_50%" }), { ids: [b.id], total: 1 });
    assert.deepEqual(await ids({ nameGlob: "nightly" }), { ids: [], total: 0 });
  });
  await t.step("strategy and URL text, with a limit and the true total", async () => {
    assert.deepEqual(await ids({ strategy: "css" }), { ids: [a.id], total: 1 });
    assert.deepEqual(await ids({ url: "NEWS.example" }), { ids: [c.id, a.id], total: 2 });
    assert.deepEqual(await ids({ url: "news.example", limit: 1 }), { ids: [c.id], total: 2 });
    assert.deepEqual(await ids({ url: "news", strategy: "auto", limit: 0 }), {
      ids: [],
      total: 1,
    });
  });
});

conformance("templates are saved, listed, replaced and deleted by name", async (store, t) => {
  const templates = store.templates();
  const css = { strategy: "css", selector: ["title=h1"], max_depth: "2", ignore_robots: true };
  await t.step("none at first; get() of an unknown name is null", async () => {
    assert.deepEqual(await templates.list(), { templates: [], warnings: [] });
    assert.equal(await templates.get("news"), null);
    assert.equal(await templates.delete("news"), false);
  });
  await t.step("save() creates one that get() and list() read back", async () => {
    const saved = await templates.save({ name: "news", fields: css, now: T0 });
    assert.equal(saved.outcome, "created");
    const want = {
      name: "news",
      fields: css,
      created_at: "2024-10-16T10:30:00Z",
      updated_at: "2024-10-16T10:30:00Z",
    };
    assert.deepEqual(saved.template, want);
    assert.deepEqual(await templates.get("news"), want);
    await templates.save({ name: "blog", fields: { priority: "high" }, now: at(5) });
    assert.deepEqual((await templates.list()).templates.map((x) => x.name), ["blog", "news"]);
  });
  await t.step("a second save of a name changes nothing unless it may replace", async () => {
    const again = await templates.save({ name: "news", fields: { priority: "low" }, now: at(60) });
    assert.equal(again.outcome, "exists");
    assert.deepEqual((await templates.get("news"))?.fields, css);
    const replaced = await templates.save(
      { name: "news", fields: { priority: "low" }, now: at(60) },
      { replace: true },
    );
    assert.equal(replaced.outcome, "replaced");
    assert.deepEqual(await templates.get("news"), {
      name: "news",
      fields: { priority: "low" },
      created_at: "2024-10-16T10:30:00Z",
      updated_at: isoNow(at(60)),
    });
  });
  await t.step("concurrent first saves of one name create it once", async () => {
    const outcomes = await Promise.all(
      Array.from(
        { length: 6 },
        (_, i) => templates.save({ name: "race", fields: { priority: String(i) } }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.outcome === "created").length, 1);
    const winner = outcomes.find((o) => o.outcome === "created")!;
    assert.deepEqual((await templates.get("race"))?.fields, winner.template.fields);
  });
  await t.step("delete() removes one template", async () => {
    assert.equal(await templates.delete("news"), true);
    assert.equal(await templates.get("news"), null);
    assert.deepEqual((await templates.list()).templates.map((x) => x.name), ["blog", "race"]);
  });
  await t.step("a name that is not lower-case and safe is a TypeError", async () => {
    for (const bad of ["../x", "News", ""]) {
      await assert.rejects(templates.get(bad), TypeError);
      await assert.rejects(templates.save({ name: bad, fields: {} }), TypeError);
      await assert.rejects(templates.delete(bad), TypeError);
    }
  });
});

conformance(
  "a job with webhooks that ends leaves one delivery per webhook in the outbox",
  async (store, t) => {
    const hooks = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"];
    const outbox = store.notifyOutbox();
    const lease = { limit: 10, leaseMs: 60_000 };

    await t.step("a job without webhooks, or one that has not ended, writes nothing", async () => {
      const plain = await store.create(newJob());
      await store.update(plain.id, (j) => transition(j, "cancelled"));
      const hooked = await store.create(newJob({ options: { notify: hooks } }));
      await store.update(hooked.id, (j) => transition(j, "running"));
      assert.equal(await outbox.pending(), 0);
      assert.deepEqual(await outbox.claim(lease), []);
      await store.update(hooked.id, (j) => transition(j, "completed"));
      const claimed = await outbox.claim(lease);
      assert.deepEqual(claimed.map((d) => d.url).sort(), hooks);
      for (const d of claimed) await outbox.settle(d, { kind: "delivered", status: 200 });
    });

    await t.step("claim() hands a delivery out once; settle() removes it", async () => {
      const job = await store.create(newJob({ options: { notify: hooks.slice(0, 1) } }));
      await store.update(job.id, (j) => transition(j, "cancelled"));
      assert.equal(await outbox.pending(), 1);
      const [d, ...rest] = await outbox.claim(lease);
      assert.ok(d !== undefined);
      assert.deepEqual(rest, []);
      assert.equal(d.jobId, job.id);
      assert.equal(d.attempt, 1);
      assert.equal(d.eventId, `${job.id}-end-1`);
      const body = JSON.parse(d.body);
      assert.equal(body.status, "cancelled");
      assert.equal(body.idempotency_key, d.eventId);
      assert.deepEqual(await outbox.claim(lease), [], "held by the first claim");
      await outbox.settle(d, { kind: "delivered", status: 204 });
      assert.equal(await outbox.pending(), 0);
      assert.deepEqual(await outbox.claim(lease), []);
    });

    await t.step("a retry is not due before its time", async () => {
      const job = await store.create(newJob({ options: { notify: hooks.slice(0, 1) } }));
      await store.update(job.id, (j) => transition(j, "cancelled"));
      const [first] = await outbox.claim(lease);
      await outbox.settle(first!, {
        kind: "retry",
        at: new Date(Date.now() + 3_600_000),
        error: "x",
      });
      assert.deepEqual(await outbox.claim(lease), [], "not due yet");
      assert.equal(await outbox.pending(), 1);
      const [held] = await store.notifyOutbox().claim(lease);
      assert.equal(held, undefined, "another handle of the store sees it not due either");
    });

    await t.step(
      "a claim whose lease ran out goes to the next claim; the stale settle is ignored",
      async () => {
        const job = await store.create(newJob({ options: { notify: hooks.slice(1) } }));
        await store.update(job.id, (j) => transition(j, "cancelled"));
        const [stale] = await outbox.claim({ limit: 10, leaseMs: 1 });
        assert.ok(stale !== undefined);
        const deadline = Date.now() + 60_000;
        let next: typeof stale | undefined;
        while (next === undefined && Date.now() < deadline) {
          next = (await outbox.claim(lease)).find((d) => d.jobId === job.id);
        }
        assert.ok(next !== undefined, "the delivery came back after its lease");
        assert.equal(next.attempt, 2);
        await outbox.settle(stale, { kind: "delivered", status: 200 });
        await outbox.settle(next, {
          kind: "retry",
          at: new Date(Date.now() - 1),
          error: "HTTP 503",
        });
        const [third] = (await outbox.claim(lease)).filter((d) => d.jobId === job.id);
        assert.equal(third?.attempt, 3);
        await outbox.settle(third!, { kind: "gave_up", error: "HTTP 503" });
        assert.deepEqual((await outbox.claim(lease)).filter((d) => d.jobId === job.id), []);
      },
    );

    await t.step("claims running at once never share a delivery", async () => {
      for (let i = 0; i < 12; i++) {
        const job = await store.create(newJob({ options: { notify: hooks.slice(0, 1) } }));
        await store.update(job.id, (j) => transition(j, "cancelled"));
      }
      const handles = [outbox, store.notifyOutbox(), store.notifyOutbox()];
      const batches = await Promise.all(
        [...handles, ...handles].map((h) => h.claim({ limit: 3, leaseMs: 60_000 })),
      );
      const keys = batches.flat().map((d) => d.eventId);
      assert.equal(new Set(keys).size, keys.length, "no event claimed twice");
      const rest = await outbox.claim({ limit: 100, leaseMs: 60_000 });
      assert.equal(keys.length + rest.length, 12);
      for (const d of [...batches.flat(), ...rest]) {
        await outbox.settle(d, { kind: "delivered", status: 200 });
      }
    });

    await t.step("a job that ends again after a retry makes a second event", async () => {
      const job = await store.create(newJob({ options: { notify: hooks.slice(0, 1) } }));
      await store.update(job.id, (j) => transition(j, "cancelled"));
      await store.requeue(job.id, (j) => ({ job: transition(j, "pending"), urls: [] }));
      await store.update(job.id, (j) => transition(j, "cancelled"));
      const ids = (await outbox.claim(lease)).filter((d) => d.jobId === job.id).map((d) =>
        d.eventId
      );
      assert.deepEqual(ids.sort(), [`${job.id}-end-1`, `${job.id}-end-2`]);
    });
  },
);

function page(url: string, title: string | null, content: string): Extraction {
  return { url, status: "success", content, metadata: { title, extraction_time_ms: 5 } };
}

conformance(
  "search() finds pages by content or title, however cased and accented",
  async (store, t) => {
    // Finished through the work queue (the filesystem store indexes it as it ends).
    const done = await store.create(
      newJob({
        urls: ["https://a.example/1", "https://a.example/2", "https://a.example/3"],
        now: at(0),
      }),
    );
    const q = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    try {
      await q.start(done.id);
      await q.claim(done.id, 10);
      await q.record(done.id, page("https://a.example/1", "Crème brûlée", "A French dessert."));
      await q.record(done.id, page("https://a.example/2", "Moscow", "Столица России — МОСКВА."));
      await q.record(done.id, { ...extraction("https://a.example/3", "failed"), error: "crème" });
      assert.equal((await q.finish(done.id, decide))?.job.status, "completed");
    } finally {
      await q.close();
    }
    // Finished with writeResults() alone: the filesystem store indexes it at the first search.
    const later = await store.create(
      newJob({ urls: ["https://b.example/1", "https://b.example/2"], now: at(10) }),
    );
    await store.appendResult(
      later.id,
      page("https://b.example/1", null, "Die STRASSE am See; CRÈME fraîche."),
    );
    await store.appendResult(later.id, page("https://b.example/2", "東京タワー", "東京の観光"));
    await store.update(later.id, (j) => transition(j, "running"));
    await store.update(later.id, (j) => transition(j, "completed"));
    await store.writeResults(
      later.id,
      summarizeResults(later.id, later.urls, await store.readPartialResults(later.id)),
    );
    // Still running: its recorded results are searched as they are.
    const running = await store.create(
      newJob({ urls: ["https://c.example/1", "https://c.example/2"], now: at(20) }),
    );
    await store.update(running.id, (j) => transition(j, "running"));
    await store.appendResult(running.id, page("https://c.example/1", "Crème", "nothing else"));

    const found = async (text: string, options = {}) =>
      (await store.search(text, options)).matches.map((m) =>
        `${
          m.job_id === done.id ? "done" : m.job_id === later.id ? "later" : "running"
        } ${m.extraction.url}`
      );

    await t.step(
      "accents and case do not count; jobs newest first; failed pages are not searched",
      async () => {
        assert.deepEqual(await found("CREME"), [
          "running https://c.example/1",
          "later https://b.example/1",
          "done https://a.example/1",
        ]);
        const answer = await store.search("crème");
        assert.equal(answer.more, false);
        assert.equal(answer.jobs_searched, 3);
        assert.equal(answer.matches[1]?.extraction.content, "Die STRASSE am See; CRÈME fraîche.");
      },
    );
    await t.step("the title is searched as well as the content", async () => {
      assert.deepEqual(await found("brulee"), ["done https://a.example/1"]);
      assert.deepEqual(await found("french DESSERT"), ["done https://a.example/1"]);
    });
    await t.step("non-Latin scripts and folded forms match", async () => {
      assert.deepEqual(await found("москва"), ["done https://a.example/2"]);
      assert.deepEqual(await found("東京"), ["later https://b.example/2"]);
      assert.deepEqual(await found("タワー"), ["later https://b.example/2"]);
      assert.deepEqual(await found("straße"), ["later https://b.example/1"]);
    });
    await t.step("a limit keeps the first matches and says there are more", async () => {
      const answer = await store.search("creme", { limit: 2 });
      assert.deepEqual(answer.matches.map((m) => m.extraction.url), [
        "https://c.example/1",
        "https://b.example/1",
      ]);
      assert.equal(answer.more, true);
    });
    await t.step("jobId searches one job", async () => {
      assert.deepEqual(await found("creme", { jobId: done.id }), ["done https://a.example/1"]);
      assert.equal((await store.search("creme", { jobId: done.id })).jobs_searched, 1);
      await assert.rejects(store.search("creme", { jobId: newJobId() }), JobNotFoundError);
    });
    await t.step(
      "text found nowhere, or across the title and the content, matches nothing",
      async () => {
        assert.deepEqual(await found("zzz absent"), []);
        assert.deepEqual(await found("brulee a french"), []);
        assert.deepEqual(await found("dessert crème"), []);
      },
    );
    await t.step("new results of a job are found once they are stored", async () => {
      await store.update(later.id, (j) => transition(j, "pending"));
      await store.update(later.id, (j) => transition(j, "running"));
      await store.appendResult(
        later.id,
        page("https://b.example/1", null, "Ersetzt: ein Apfelkuchen."),
      );
      await store.update(later.id, (j) => transition(j, "completed"));
      await store.writeResults(
        later.id,
        summarizeResults(later.id, later.urls, await store.readPartialResults(later.id)),
      );
      assert.deepEqual(await found("apfelkuchen"), ["later https://b.example/1"]);
      assert.deepEqual(await found("strasse"), []);
    });
    await t.step("% and _ are text like any other", async () => {
      await store.appendResult(running.id, page("https://c.example/2", null, "Sale: 50% off_all"));
      assert.deepEqual(await found("50% OFF_"), ["running https://c.example/2"]);
      assert.deepEqual(await found("5_%"), []);
      assert.deepEqual(await found("off%"), []);
    });
    await t.step("empty text is a RangeError", async () => {
      await assert.rejects(store.search("  \u0301 "), RangeError);
    });
  },
);

conformance(
  "a page kept by a worker that stopped is handed to the next until recorded",
  async (store) => {
    const urls = ["https://example.com/a", "https://example.com/b", "https://example.com/c"];
    const job = await store.create(newJob({ urls }));
    const extraction = (url: string) => ({
      url,
      status: "success" as const,
      content: `text of ${url}`,
      metadata: { title: null, extraction_time_ms: 1 },
    });
    const q1 = store.workQueue({ workerId: "w1", leaseMs: 60_000 });
    await q1.start(job.id);
    assert.deepEqual(await q1.claim(job.id, 3), urls);
    assert.equal((await q1.keptPages(job.id, urls)).size, 0);
    await q1.keepPage(job.id, urls[0]!, "page a");
    await q1.keepPage(job.id, urls[1]!, "page b, first");
    await q1.keepPage(job.id, urls[1]!, "page b"); // replaces
    await q1.record(job.id, extraction(urls[0]!));
    // The worker stops (as if killed): its claims go back.
    await q1.release(job.id, [urls[1]!, urls[2]!]);
    await q1.close();

    const q2 = store.workQueue({ workerId: "w2", leaseMs: 60_000 });
    try {
      await q2.start(job.id);
      const claimed = await q2.claim(job.id, 3);
      assert.deepEqual(claimed, [urls[1], urls[2]]);
      // a was recorded: its page went with it; b's is kept, c never had one.
      assert.deepEqual([...await q2.keptPages(job.id, urls)], [[urls[1], "page b"]]);
      await q2.record(job.id, extraction(urls[1]!));
      assert.equal((await q2.keptPages(job.id, urls)).size, 0);
      await q2.keepPage(job.id, urls[2]!, "page c");
      await q2.record(job.id, extraction(urls[2]!));
      await q2.keepPage(job.id, urls[2]!, "page c, late"); // kept after its result: goes at the end
      const finished = await q2.finish(job.id, decide);
      assert.equal(finished?.job.status, "completed");
      assert.equal((await q2.keptPages(job.id, urls)).size, 0);
    } finally {
      await q2.close();
    }
  },
);
