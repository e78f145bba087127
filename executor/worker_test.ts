import assert from "node:assert/strict";
import type { Job, JobId, JobPriority, LogEntry } from "@riptide/core/base";
import { transition } from "@riptide/core/base";
import { type FsJobStore, type JobStore, openJobStore } from "@riptide/storage/base";
import { runWorker } from "./worker.ts";
import { fastWorkerOptions } from "./_test_options.ts";
import { type FaultServer, startFaultServer } from "./testing.ts";
import { mountTinyDisk, tinyDiskSkipReason } from "@riptide/storage/testing";

const FAST = fastWorkerOptions();

interface Fixture extends AsyncDisposable {
  store: JobStore;
  server: FaultServer;
  home: string;
  submit(urls: string[], priority?: JobPriority, name?: string): Promise<Job>;
}

async function fixture(): Promise<Fixture> {
  const home = await Deno.makeTempDir({ prefix: "riptide_worker_" });
  const store = await openJobStore({ home });
  const server = startFaultServer();
  let created = Date.parse("2024-10-16T10:00:00Z");
  return {
    store,
    server,
    home,
    submit: (urls, priority = "medium", name) =>
      store.create({
        name: name ?? null,
        priority,
        urls,
        strategy: "auto",
        tags: [],
        stream: false,
        options: {},
        // Distinct creation seconds give a deterministic age order.
        now: new Date(created += 1000),
      }),
    async [Symbol.asyncDispose]() {
      await server[Symbol.asyncDispose]();
      await store.close();
      await Deno.remove(home, { recursive: true });
    },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  // A condition wait: generous, as a loaded machine (CI beside CPU hogs) can be slow.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function messages(logs: LogEntry[]): string[] {
  return logs.map((l) => l.message);
}

/** The lines of a job's `results.jsonl`, or null once it is gone (the job finished). */
async function resultLines(home: string, id: string): Promise<{ url: string }[] | null> {
  const text = await Deno.readTextFile(`${home}/jobs/${id}/results.jsonl`).catch((err) => {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  });
  return text === null ? null : text.trim().split("\n").map((l) => JSON.parse(l));
}

Deno.test("runWorker() runs a job to completion and records everything", async () => {
  await using f = await fixture();
  const urls = ["a", "b", "c", "d", "e"].map((n) => `${f.server.url}/page/${n}`);
  const job = await f.submit(urls, "high", "five pages");
  const summary = await runWorker(f.store, FAST);
  assert.deepEqual(summary, { jobsRun: 1, recovered: 0, reason: "idle" });

  const done = await f.store.get(job.id);
  assert.equal(done.status, "completed");
  assert.equal(done.attempts, 1);
  assert.deepEqual(
    { ...done.progress, current_item: null },
    { total: 5, completed: 5, failed: 0, percentage: 100, current_item: null },
  );
  assert.ok(done.started_at !== null && done.completed_at !== null);

  const results = await f.store.readResults(job.id);
  assert.ok(results !== null);
  assert.equal(results.total_urls, 5);
  assert.equal(results.successful, 5);
  assert.deepEqual(results.extractions.map((e) => e.url), urls);
  for (const [i, e] of results.extractions.entries()) {
    const name = "abcde"[i];
    assert.equal(e.status, "success");
    assert.equal(e.metadata.title, `Page ${name}`);
    assert.match(e.content, new RegExp(`This is the body of page ${name}\\.`));
    assert.equal(e.metadata.http_status, 200);
  }
  // results.json holds them all now: the append log is not kept beside it.
  assert.equal(await resultLines(f.home, job.id), null);
  assert.deepEqual((await f.store.readPartialResults(job.id)).map((e) => e.url), urls);

  const log = messages(await f.store.readLogs(job.id));
  assert.ok(log.includes("Job started (attempt 1): 5 URL(s), strategy auto"));
  assert.equal(log.filter((m) => m === "Processing URL").length, 5);
  assert.equal(
    log.filter((m) =>
      /^Extracted \d+ characters \(fetch \d+ ms, extraction \d+ ms, total \d+ ms\)/.test(m)
    ).length,
    5,
  );
  assert.ok(log.some((m) => /^Job completed: 5 of 5 URL\(s\) succeeded, 0 failed, in /.test(m)));
});

Deno.test("runWorker() builds a finished job's search index once its end is stored and logged", async () => {
  await using f = await fixture();
  const job = await f.submit([`${f.server.url}/page/a`]);
  const store = f.store as FsJobStore;
  const index = `${f.home}/jobs/${job.id}/search.idx`;
  const seen: { status: string; logged: boolean; indexed: boolean }[] = [];
  // What a viewer could see when the worker turns to the index.
  const watched = new Proxy(store, {
    get(target, key) {
      if (key === "indexFinishedJob") {
        return async (id: JobId): Promise<void> => {
          seen.push({
            status: (await target.get(id)).status,
            logged: messages(await target.readLogs(id)).some((m) => m.startsWith("Job completed:")),
            indexed: await Deno.lstat(index).then(() => true, () => false),
          });
          await target.indexFinishedJob(id);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  await runWorker(watched, FAST);
  assert.deepEqual(seen, [{ status: "completed", logged: true, indexed: false }]);
  assert.ok((await Deno.lstat(index)).isFile);
  const found = await store.search("body of page a");
  assert.deepEqual(found.matches.map((m) => m.extraction.url), [`${f.server.url}/page/a`]);
});

Deno.test("runWorker() fails a job whose every URL fails, saying why", async () => {
  await using f = await fixture();
  const job = await f.submit([`${f.server.url}/missing`, `${f.server.url}/binary`]);
  await runWorker(f.store, FAST);
  const done = await f.store.get(job.id);
  assert.equal(done.status, "failed");
  assert.match(done.error ?? "", /^All 2 URL\(s\) failed; first error: HTTP 404 Not Found from /);
  assert.equal(done.progress.failed, 2);
  const results = await f.store.readResults(job.id);
  assert.equal(results?.failed, 2);
});

Deno.test("runWorker() ends each fault URL as specified and completes the job", async () => {
  await using f = await fixture();
  const u = (p: string): string => `${f.server.url}${p}`;
  const urls = [
    u("/hang"),
    u("/drip"),
    f.server.resetUrl,
    u("/flaky/500-once"),
    u("/flaky/429-once"),
    u("/missing"),
    u("/loop/a"),
    u("/huge"),
    u("/wrong-charset"),
    u("/binary"),
    u("/invalid-html"),
    u("/cp1252"),
  ];
  const job = await f.submit(urls);
  await runWorker(f.store, {
    ...FAST,
    fetch: {
      // Long enough that a healthy request on a loaded machine does not time out (1 s was
      // not: /binary timed out beside other suites at load 25).
      timeoutMs: 5000,
      retries: 1,
      backoffMs: 5,
      maxBackoffMs: 100,
      maxBodyBytes: 512 * 1024,
    },
  });
  const done = await f.store.get(job.id);
  assert.equal(done.status, "completed");
  const results = await f.store.readResults(job.id);
  assert.ok(results !== null);
  const by = new Map(results.extractions.map((e) => [e.url, e]));
  const expect = (url: string, status: "success" | "failed", error?: RegExp): void => {
    const e = by.get(url);
    assert.ok(e, `no result for ${url}`);
    assert.equal(e.status, status, `${url}: ${e.error}`);
    if (error) assert.match(e.error ?? "", error, url);
  };
  expect(u("/hang"), "failed", /timed out after 5s/);
  expect(u("/drip"), "failed", /timed out after 5s/);
  // robots.txt is asked for first and meets the same reset (on a loaded
  // machine a retry can instead time out): the page is never requested.
  expect(
    f.server.resetUrl,
    "failed",
    /^(Connection to 127\.0\.0\.1:\d+ failed|Request to \S+\/robots\.txt timed out).*\(robots\.txt could not be fetched; page not requested\)$/,
  );
  expect(u("/flaky/500-once"), "success");
  expect(u("/flaky/429-once"), "success");
  expect(u("/missing"), "failed", /^HTTP 404 Not Found/);
  expect(u("/loop/a"), "failed", /^Redirect loop/);
  expect(u("/huge"), "success");
  expect(u("/wrong-charset"), "success");
  expect(u("/binary"), "failed", /^Unsupported content type image\/png/);
  expect(u("/invalid-html"), "success");
  expect(u("/cp1252"), "success");
  assert.match(by.get(u("/wrong-charset"))!.content, /naïve façade/);
  assert.match(by.get(u("/cp1252"))!.content, /café – “quoted”/);
  assert.match(by.get(u("/invalid-html"))!.content, /Second paragraph of broken markup/);
  assert.equal(results.successful + results.failed, urls.length);
  assert.equal(done.progress.completed, results.successful);

  const logs = await f.store.readLogs(job.id);
  const warn = logs.filter((l) => l.level === "Warn").map((l) => `${l.url} ${l.message}`);
  assert.ok(warn.some((m) => m.includes("/huge Body larger than 512 KB truncated")));
  assert.ok(warn.some((m) => m.includes("/flaky/429-once Retrying in 100 ms")));
  assert.ok(warn.some((m) => /\/wrong-charset Body is not valid UTF-8/.test(m)));
  const errors = logs.filter((l) => l.level === "Error").map((l) => l.url);
  assert.ok(errors.includes(u("/missing")));
  assert.ok(errors.includes(u("/binary")));
});

Deno.test("runWorker() takes jobs by priority, then age, and a later critical job overtakes", async () => {
  await using f = await fixture();
  const older = await f.submit([`${f.server.url}/page/older`], "low", "older low");
  const low = await f.submit([`${f.server.url}/page/low`], "low", "low");
  const medium = await f.submit([`${f.server.url}/page/medium`], "medium", "medium");
  const high = await f.submit([`${f.server.url}/slow/400/high`], "high", "high");
  const order: string[] = [];
  const running = runWorker(f.store, {
    ...FAST,
    concurrency: 1,
    onEvent: (line) => {
      const m = /^Job (\S+) started/.exec(line);
      if (m) order.push(m[1]!);
    },
  });
  await waitFor(
    "the first job to start",
    () => Promise.resolve(order.length > 0 ? true : undefined),
  );
  const critical = await f.submit([`${f.server.url}/page/critical`], "critical", "critical");
  await running;
  // high runs first (queued before the worker started); critical, submitted while high ran,
  // overtakes medium and the two low ones; the two lows run oldest first.
  assert.deepEqual(order, [high.id, critical.id, medium.id, older.id, low.id]);
});

Deno.test("runWorker() limits concurrent requests per host", async () => {
  await using f = await fixture();
  const urls = Array.from({ length: 8 }, (_, i) => `${f.server.url}/slow/60/p${i}`);
  await f.submit(urls);
  await f.submit(urls.map((u) => `${u}-second-job`));
  await runWorker(f.store, { ...FAST, concurrency: 2, urlConcurrency: 8, perHost: 2 });
  assert.equal(f.server.maxInFlight, 2);
});

Deno.test("runWorker() stops a cancelled job, keeps its results and its status", async () => {
  await using f = await fixture();
  const urls = [
    `${f.server.url}/page/quick`,
    ...Array.from({ length: 6 }, (_, i) => `${f.server.url}/slow/30000/s${i}`),
  ];
  const job = await f.submit(urls);
  const running = runWorker(f.store, { ...FAST, urlConcurrency: 2, perHost: 2 });
  await waitFor("the first result", async () => {
    const got = await f.store.readPartialResults(job.id);
    return got.length > 0 ? true : undefined;
  });
  const cancelAt = Date.now();
  await f.store.update(job.id, (j) => transition(j, "cancelled"));
  await running;
  // The slow pages answer after 30 s: ending well before that means the cancel stopped them
  // (the bound leaves room for a loaded machine; the worker polls every 50 ms here).
  assert.ok(Date.now() - cancelAt < 20_000, "the worker stopped the job before its slow pages");
  const done = await f.store.get(job.id);
  assert.equal(done.status, "cancelled");
  assert.equal(done.progress.completed, 1);
  const results = await f.store.readResults(job.id);
  assert.deepEqual(results?.extractions.map((e) => e.url), [`${f.server.url}/page/quick`]);
  const log = messages(await f.store.readLogs(job.id));
  assert.ok(log.some((m) => /^Job cancelled: 1 of 7 URL\(s\) succeeded/.test(m)));
  assert.ok(!log.some((m) => /^Job completed/.test(m)));
});

Deno.test("runWorker() resumes a job left running by a dead worker without refetching", async (t) => {
  await using f = await fixture();
  const urls = ["r1", "r2", "r3", "r4"].map((n) => `${f.server.url}/page/${n}`);

  await t.step("recorded URLs are skipped and the attempt count is kept", async () => {
    const job = await f.submit(urls);
    await f.store.update(job.id, (j) => transition(j, "running")); // the dead worker's start
    await f.store.appendResult(job.id, {
      url: urls[0]!,
      status: "success",
      content: "kept from before the crash",
      metadata: { title: "Page r1", extraction_time_ms: 1 },
    });
    const summary = await runWorker(f.store, FAST);
    assert.equal(summary.recovered, 1);
    const done = await f.store.get(job.id);
    assert.equal(done.status, "completed");
    assert.equal(done.attempts, 2);
    assert.equal(f.server.hits("/page/r1"), 0);
    for (const u of urls.slice(1)) assert.equal(f.server.hits(new URL(u).pathname), 1);
    const results = await f.store.readResults(job.id);
    assert.deepEqual(results?.extractions.map((e) => e.url), urls);
    assert.equal(results?.extractions[0]?.content, "kept from before the crash");
    // One result per URL, and the append log gone once results.json holds them.
    assert.equal((await f.store.readPartialResults(job.id)).length, 4);
    assert.equal(await resultLines(f.home, job.id), null);
    assert.deepEqual(done.progress.completed, 4);
    const log = await f.store.readLogs(job.id);
    assert.ok(log.some((l) => l.level === "Warn" && /recovered and requeued/.test(l.message)));
    assert.ok(done.history.some((h) => h.reason === "recovered after worker crash"));
  });

  await t.step("a job whose worker died 3 times in a row without progress fails", async () => {
    const job = await f.submit([`${f.server.url}/page/doomed`]);
    const fs = f.store as FsJobStore;
    // Two deaths already counted, then a third run that died before recording anything.
    for (let i = 0; i < 3; i++) {
      await f.store.update(job.id, (j) => {
        const requeued = j.status === "running" ? transition(j, "pending") : j;
        return transition(requeued, "running");
      });
      await fs.appendClaims(job.id, [{ t: "start", recorded: 0 }]);
      if (i < 2) {
        await fs.appendClaims(job.id, [{ t: "crash", urls: [], progress: false, recorded: 0 }]);
      }
    }
    await runWorker(f.store, FAST);
    const done = await f.store.get(job.id);
    assert.equal(done.status, "failed");
    assert.equal(
      done.error,
      "Job failed: the worker stopped 3 times in a row without recording a result " +
        "(crash, kill or out of memory)",
    );
    assert.equal(f.server.hits("/page/doomed"), 0);
  });

  await t.step(
    "a job whose worker died many times while making progress is never failed",
    async () => {
      const urls = Array.from({ length: 6 }, (_, i) => `${f.server.url}/page/progress${i}`);
      const job = await f.submit(urls);
      const fs = f.store as FsJobStore;
      // Five deaths, each after one more result: attempts run far past 3.
      for (let i = 0; i < 5; i++) {
        await f.store.update(job.id, (j) => {
          const requeued = j.status === "running" ? transition(j, "pending") : j;
          return transition(requeued, "running");
        });
        await fs.appendClaims(job.id, [{ t: "start", recorded: i }, {
          t: "claim",
          urls: [urls[i]!],
        }]);
        await f.store.appendResult(job.id, {
          url: urls[i]!,
          status: "success",
          content: `page ${i}`,
          metadata: { title: null, extraction_time_ms: 1 },
        });
        if (i < 4) {
          const recovery = await fs.workQueue({ workerId: "next" }).recover!(job.id);
          assert.deepEqual(recovery, { poisoned: [], stalled: 0 });
        }
      }
      assert.equal((await f.store.get(job.id)).attempts, 5);
      await runWorker(f.store, FAST);
      const done = await f.store.get(job.id);
      assert.equal(done.status, "completed", done.error ?? "");
      assert.equal(done.progress.completed, 6);
    },
  );
});

Deno.test("runWorker() requeues running jobs when told to stop", async () => {
  await using f = await fixture();
  const urls = [`${f.server.url}/page/one`, `${f.server.url}/slow/30000/two`];
  const job = await f.submit(urls);
  const stop = new AbortController();
  const running = runWorker(f.store, { ...FAST, signal: stop.signal });
  await waitFor("the first result", async () => {
    return (await f.store.readPartialResults(job.id)).length > 0 ? true : undefined;
  });
  stop.abort();
  const summary = await running;
  assert.equal(summary.reason, "stopped");
  const after = await f.store.get(job.id);
  assert.equal(after.status, "pending");
  assert.equal(after.progress.completed, 1);
  assert.deepEqual((await f.store.readPartialResults(job.id)).map((e) => e.url), [urls[0]]);
});

Deno.test("runWorker() reports a failed log write through onEvent, not the console", async () => {
  await using f = await fixture();
  const job = await f.submit([`${f.server.url}/page/a`]);
  // The job's log cannot be written (a full disk, say); everything else works.
  const store = new Proxy(f.store, {
    get(target, key) {
      if (key === "appendLog") return () => Promise.reject(new Error("No space left on device"));
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const lines: string[] = [];
  const summary = await runWorker(store, { ...FAST, onEvent: (line) => lines.push(line) });
  assert.equal(summary.jobsRun, 1);
  assert.equal((await f.store.get(job.id)).status, "completed");
  assert.ok(
    lines.includes(`warning: could not write log of job ${job.id}: No space left on device`),
    lines.join("\n"),
  );
});

const TINY_DISK_SKIP = await tinyDiskSkipReason();

Deno.test({
  name: "runWorker() waits out a full disk: no result lost or torn, no crash, the job completes",
  ignore: TINY_DISK_SKIP !== null,
  async fn() {
    await using disk = await mountTinyDisk(4 * 1024 * 1024);
    await using server = startFaultServer();
    const store = await openJobStore({ home: disk.path });
    try {
      // Eight pages answer at once; the rest wait until the disk is full, so that the worker is
      // still recording when it fills, however slow the machine.
      const urls = Array.from(
        { length: 40 },
        (_, i) => `${server.url}/${i < 8 ? "page" : "gated"}/p${i}`,
      );
      const job = await store.create({
        name: null,
        priority: "medium",
        urls,
        strategy: "auto",
        tags: [],
        stream: false,
        options: { ignore_robots: true },
      });
      const events: string[] = [];
      const resultsFile = `${disk.path}/jobs/${job.id}/results.jsonl`;
      const run = runWorker(store, {
        ...FAST,
        // A held page must not time out while the disk fills on a slow machine.
        fetch: FAST.fetch!,
        urlConcurrency: 4,
        onEvent: (line) => events.push(line),
      });
      await waitFor("a few results", async () => {
        const text = await Deno.readTextFile(resultsFile).catch(() => "");
        return text.split("\n").length > 6 ? true : undefined;
      });
      await disk.fill();
      server.openGate();
      await waitFor(
        "the worker to notice",
        () => Promise.resolve(events.some((e) => /disk full while recording/.test(e)) || undefined),
      );
      await disk.free();
      const summary = await run;
      assert.equal(summary.jobsRun, 1);
      const done = await store.get(job.id);
      assert.equal(done.status, "completed", done.error ?? "");
      assert.equal(done.attempts, 1);
      // results.json is made from results.jsonl's lines (then removed): a torn line
      // would lose its URL and the next one.
      await assert.rejects(Deno.stat(resultsFile), Deno.errors.NotFound);
      const results = await store.readResults(job.id);
      const recorded = results?.extractions.map((e) => e.url) ?? [];
      assert.deepEqual([...recorded].sort(), [...urls].sort());
      assert.ok(!events.some((e) => /crashed the worker loop/.test(e)), events.join("\n"));
    } finally {
      await store.close();
    }
  },
});
