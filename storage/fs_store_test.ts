import assert from "node:assert/strict";
import {
  AmbiguousJobIdError,
  type Extraction,
  InvalidTransitionError,
  type Job,
  type JobId,
  JobNotFoundError,
  shortIdOf,
  summarizeResults,
  transition,
} from "@riptide/core/base";
import { CorruptedJobError, FsJobStore } from "./fs_store.ts";
import type { NewJob } from "./job_store.ts";
import { openJobStore } from "./open.ts";

const T0 = new Date("2024-10-16T10:30:00Z");

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

function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "riptide_store_test_" });
  try {
    await fn(home);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir), (e) => e.name)).sort();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
}

/** Makes the index look older than the jobs directory, as after a change behind its back. */
async function ageIndex(home: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await Deno.utime(`${home}/jobs/index.jsonl`, past, past);
}

Deno.test("create() writes a pending job in the documented on-disk format", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const job = await store.create(newJob({ tags: ["production", "important"], now: T0 }));
    const dir = `${home}/jobs/${job.id}`;

    await t.step("the id encodes the creation time", () => {
      assert.equal(T0.getTime() / 1000, 0x670f95a8);
      assert.match(job.id, /^job_670f95a8_[0-9a-f]{8}$/);
    });
    await t.step("metadata.json holds every specified field", async () => {
      const raw = JSON.parse(await Deno.readTextFile(`${dir}/metadata.json`));
      assert.deepEqual(raw, {
        id: job.id,
        name: "my-extraction",
        status: "pending",
        priority: "medium",
        urls: ["https://example.com/", "https://another.com/"],
        strategy: "auto",
        created_at: "2024-10-16T10:30:00Z",
        updated_at: "2024-10-16T10:30:00Z",
        started_at: null,
        completed_at: null,
        progress: { total: 2, completed: 0, failed: 0, percentage: 0, current_item: null },
        tags: ["production", "important"],
        error: null,
        results_path: `${dir}/results.json`,
        log_path: `${dir}/logs.jsonl`,
        stream: true,
        options: {},
        history: [{ from: null, to: "pending", at: "2024-10-16T10:30:00Z" }],
        attempts: 0,
      });
      assert.deepEqual(raw, job);
    });
    await t.step("the log starts with a whole 'Job created' line", async () => {
      const text = await Deno.readTextFile(`${dir}/logs.jsonl`);
      assert.equal(
        text,
        '{"timestamp":"2024-10-16T10:30:00Z","level":"Info","message":"Job created","url":null}\n',
      );
    });
    await t.step("no staging directory is left behind", async () => {
      assert.deepEqual(await names(`${home}/tmp`), []);
    });
    await t.step("get() reads it back", async () => {
      assert.deepEqual(await store.get(job.id), job);
    });
    await t.step("openJobStore() opens the same store", async () => {
      const other = await openJobStore({ home });
      assert.equal(other.location, `${home}/jobs`);
      assert.deepEqual(await other.get(job.id), job);
      await other.close();
    });
    await t.step("a wrong shape is a TypeError", async () => {
      await assert.rejects(store.create(newJob({ priority: "urgent" as "high" })), TypeError);
      await assert.rejects(store.create(newJob({ strategy: "magic" as "auto" })), TypeError);
    });
  });
});

Deno.test("get() tells a missing job from a bad id and a corrupted one", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    await t.step("a missing job is JobNotFoundError", async () => {
      await assert.rejects(store.get("job_00000000_00000000" as JobId), JobNotFoundError);
    });
    await t.step("a path-like id is a TypeError", async () => {
      await assert.rejects(store.get("../etc" as JobId), TypeError);
    });
    await t.step("a truncated metadata.json is CorruptedJobError", async () => {
      const job = await store.create(newJob());
      const path = `${home}/jobs/${job.id}/metadata.json`;
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(path, text.slice(0, 40));
      await assert.rejects(store.get(job.id), CorruptedJobError);
    });
  });
});

Deno.test("update() is a locked read-modify-write with an audit trail", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const job = await store.create(newJob({ now: T0 }));

    await t.step("a transition is recorded in history and in the log", async () => {
      const running = await store.update(job.id, (j) => transition(j, "running", { now: at(5) }));
      assert.equal(running.status, "running");
      assert.equal(running.started_at, "2024-10-16T10:30:05Z");
      assert.deepEqual(running.history.at(-1), {
        from: "pending",
        to: "running",
        at: "2024-10-16T10:30:05Z",
      });
      assert.deepEqual(await store.get(job.id), running);
      const logs = await store.readLogs(job.id);
      assert.deepEqual(logs.map((l) => l.message), [
        "Job created",
        "Status changed: pending → running",
      ]);
    });
    await t.step("a status set by hand still gets a history entry", async () => {
      const requeued = await store.update(job.id, (j) => ({ ...j, status: "pending" }));
      assert.equal(requeued.history.length, 3);
      assert.deepEqual(
        [requeued.history[2]!.from, requeued.history[2]!.to],
        ["running", "pending"],
      );
      const last = (await store.readLogs(job.id, { lines: 1 }))[0]!;
      assert.equal(last.message, "Status changed: running → pending");
    });
    await t.step("a refused transition changes nothing", async () => {
      const before = await Deno.readTextFile(`${home}/jobs/${job.id}/metadata.json`);
      await assert.rejects(
        store.update(job.id, (j) => ({ ...j, status: "completed" })),
        InvalidTransitionError,
      );
      await assert.rejects(
        store.update(job.id, (j) => transition(j, "failed")),
        InvalidTransitionError,
      );
      assert.equal(await Deno.readTextFile(`${home}/jobs/${job.id}/metadata.json`), before);
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
    await t.step("concurrent updates in one process lose nothing", async () => {
      await Promise.all(Array.from({ length: 25 }, () =>
        store.update(job.id, (j) => ({
          ...j,
          progress: { ...j.progress, completed: j.progress.completed + 1 },
        }))));
      assert.equal((await store.get(job.id)).progress.completed, 25);
    });
    await t.step("updated_at moves forward even when fn leaves it", async () => {
      const updated = await store.update(job.id, (j) => ({ ...j, name: "renamed" }));
      assert.notEqual(updated.updated_at, job.updated_at);
    });
  });
});

Deno.test("logs are whole JSON lines that can be followed by byte offset", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const job = await store.create(newJob({ now: T0 }));
    const logPath = `${home}/jobs/${job.id}/logs.jsonl`;
    const entry = (message: string) => ({
      timestamp: "2024-10-16T10:30:06Z",
      level: "Info" as const,
      message,
      url: "https://example.com/",
    });

    await t.step("appendLog() takes one entry or many", async () => {
      await store.appendLog(job.id, entry("one"));
      await store.appendLog(job.id, [entry("two"), entry("three")]);
      const logs = await store.readLogs(job.id);
      assert.deepEqual(logs.map((l) => l.message), ["Job created", "one", "two", "three"]);
      assert.deepEqual(logs[1], entry("one"));
    });
    await t.step("readLogs() returns the last N lines", async () => {
      const logs = await store.readLogs(job.id, { lines: 2 });
      assert.deepEqual(logs.map((l) => l.message), ["two", "three"]);
      assert.deepEqual(await store.readLogs(job.id, { lines: 0 }), []);
    });
    await t.step("a bad level is a TypeError", async () => {
      await assert.rejects(
        store.appendLog(job.id, { ...entry("x"), level: "Loud" as "Info" }),
        TypeError,
      );
    });
    await t.step("readLogsSince() reads only what is new", async () => {
      const first = await store.readLogsSince(job.id, null);
      assert.equal(first.entries.length, 4);
      assert.equal(first.cursor.position, (await Deno.stat(logPath)).size);
      const none = await store.readLogsSince(job.id, first.cursor);
      assert.deepEqual(none, { entries: [], cursor: first.cursor });
      await store.appendLog(job.id, entry("four"));
      const next = await store.readLogsSince(job.id, first.cursor);
      assert.deepEqual(next.entries.map((l) => l.message), ["four"]);
    });
    await t.step("an unfinished last line waits until it is complete", async () => {
      const { cursor } = await store.readLogsSince(job.id, null);
      const line = JSON.stringify(entry("five")) + "\n";
      await Deno.writeTextFile(logPath, line.slice(0, 20), { append: true });
      const partial = await store.readLogsSince(job.id, cursor);
      assert.deepEqual(partial, { entries: [], cursor });
      assert.deepEqual((await store.readLogs(job.id)).at(-1)!.message, "four");
      await Deno.writeTextFile(logPath, line.slice(20), { append: true });
      const done = await store.readLogsSince(job.id, partial.cursor);
      assert.deepEqual(done.entries.map((l) => l.message), ["five"]);
    });
    await t.step("a damaged line is skipped, the rest stays readable", async () => {
      await Deno.writeTextFile(logPath, "{not json\n", { append: true });
      await store.appendLog(job.id, entry("six"));
      const messages = (await store.readLogs(job.id)).map((l) => l.message);
      assert.deepEqual(messages.slice(-2), ["five", "six"]);
    });
    await t.step("a cursor past the end starts again from the top", async () => {
      const again = await store.readLogsSince(job.id, { position: 10_000_000 });
      assert.equal(again.entries[0]!.message, "Job created");
    });
    await t.step("a missing job is JobNotFoundError", async () => {
      const missing = "job_00000000_00000000" as JobId;
      await assert.rejects(store.appendLog(missing, entry("x")), JobNotFoundError);
      await assert.rejects(store.readLogs(missing), JobNotFoundError);
      await assert.rejects(store.readLogsSince(missing, null), JobNotFoundError);
    });
  });
});

Deno.test("results are appended per URL and written whole at the end", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const job = await store.create(newJob());
    const extraction = (url: string, status: "success" | "failed", content: string) =>
      ({ url, status, content, metadata: { title: null, extraction_time_ms: 5 } }) as Extraction;

    await t.step("no results yet", async () => {
      assert.deepEqual(await store.readPartialResults(job.id), []);
      assert.equal(await store.readResults(job.id), null);
    });
    await t.step("the last record per URL wins, without duplicates", async () => {
      await store.appendResult(job.id, extraction("https://example.com/", "failed", ""));
      await store.appendResult(job.id, extraction("https://another.com/", "success", "B"));
      await store.appendResult(job.id, extraction("https://example.com/", "success", "A"));
      const partial = await store.readPartialResults(job.id);
      assert.deepEqual(partial.map((e) => [e.url, e.status, e.content]), [
        ["https://example.com/", "success", "A"],
        ["https://another.com/", "success", "B"],
      ]);
    });
    await t.step("writeResults() replaces results.json atomically", async () => {
      const results = {
        job_id: job.id,
        total_urls: 2,
        successful: 2,
        failed: 0,
        extractions: await store.readPartialResults(job.id),
      };
      await store.writeResults(job.id, results);
      assert.deepEqual(await store.readResults(job.id), results);
      assert.deepEqual(await names(`${home}/jobs/${job.id}`), [
        "logs.jsonl",
        "metadata.json",
        "results.json",
        "results.jsonl",
      ]);
    });
    await t.step("a missing job is JobNotFoundError", async () => {
      const missing = "job_00000000_00000000" as JobId;
      await assert.rejects(store.readResults(missing), JobNotFoundError);
      await assert.rejects(
        store.appendResult(missing, extraction("https://x.test/", "success", "")),
        JobNotFoundError,
      );
      await assert.rejects(
        store.writeResults(missing, {
          job_id: missing,
          total_urls: 0,
          successful: 0,
          failed: 0,
          extractions: [],
        }),
        JobNotFoundError,
      );
    });
  });
});

Deno.test("list() filters, sorts newest first and limits", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const a = await store.create(newJob({ name: "Alpha news", priority: "high", now: at(0) }));
    const b = await store.create(
      newJob({ name: "beta", priority: "low", tags: ["prod"], now: at(10) }),
    );
    const c = await store.create(newJob({ name: null, tags: ["prod", "x"], now: at(20) }));
    await store.update(b.id, (j) => transition(j, "running", { now: at(30) }));

    await t.step("everything, newest first", async () => {
      const list = await store.list();
      assert.deepEqual(list.jobs.map((j) => j.id), [c.id, b.id, a.id]);
      assert.equal(list.total, 3);
      assert.deepEqual(list.warnings, []);
      assert.equal(list.jobs[1]!.status, "running");
    });
    await t.step("a limit keeps the newest and reports the total", async () => {
      const list = await store.list({ limit: 2 });
      assert.deepEqual(list.jobs.map((j) => j.id), [c.id, b.id]);
      assert.equal(list.total, 3);
      assert.equal((await store.list({ limit: 0 })).jobs.length, 0);
      await assert.rejects(store.list({ limit: -1 }), RangeError);
    });
    await t.step("each filter narrows the list", async () => {
      const ids = async (filter: Parameters<FsJobStore["list"]>[0]) =>
        (await store.list(filter)).jobs.map((j) => j.id);
      assert.deepEqual(await ids({ status: "running" }), [b.id]);
      assert.deepEqual(await ids({ status: "pending" }), [c.id, a.id]);
      assert.deepEqual(await ids({ priority: "high" }), [a.id]);
      assert.deepEqual(await ids({ tag: "prod" }), [c.id, b.id]);
      assert.deepEqual(await ids({ tag: "x", status: "pending" }), [c.id]);
      assert.deepEqual(await ids({ name: "ALPHA" }), [a.id]);
      assert.deepEqual(await ids({ createdAfter: at(10) }), [c.id, b.id]);
      assert.deepEqual(await ids({ createdBefore: at(10) }), [a.id]);
      assert.deepEqual(await ids({ createdAfter: at(5), createdBefore: at(15) }), [b.id]);
      assert.deepEqual(await ids({ status: "failed" }), []);
    });
    await t.step("an empty home lists nothing and creates nothing", async () => {
      const empty = `${home}/empty-home`;
      const list = await new FsJobStore(empty).list();
      assert.deepEqual([list.jobs, list.total, list.warnings], [[], 0, []]);
      assert.deepEqual(await names(empty), []);
    });
  });
});

Deno.test("short ids are unique among all stored jobs, not only listed ones", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    // Same second: every id shares the 13-character time part.
    const jobs: Job[] = [];
    for (let i = 0; i < 40; i++) jobs.push(await store.create(newJob({ now: T0 })));
    const all = jobs.map((j) => j.id);

    await t.step("each listed short id matches exactly one stored id", async () => {
      const list = await store.list({ limit: 5 });
      assert.equal(list.shortIds.size, 5);
      for (const [id, short] of list.shortIds) {
        // job_ and the start of the random part: never the time part all 40 share.
        assert.equal(short, shortIdOf(id, all));
        assert.ok(id.slice(13).startsWith(short.slice(4)), short);
        assert.ok(short.length >= 8 && short.length <= 12, short);
        assert.equal(await store.resolve(short), id);
        assert.equal(await store.resolve(short.toUpperCase()), id);
      }
    });
  });
});

Deno.test("resolve() accepts a full id or a unique prefix", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const a = await store.create(newJob({ now: at(0) }));
    const b = await store.create(newJob({ now: at(0) }));
    const c = await store.create(newJob({ now: new Date("2025-01-01T00:00:00Z") }));

    await t.step("a full id resolves to itself", async () => {
      assert.equal(await store.resolve(a.id), a.id);
    });
    await t.step("a unique prefix resolves", async () => {
      assert.equal(await store.resolve(c.id.slice(0, 8)), c.id);
      let shared = 0;
      while (a.id[shared] === b.id[shared]) shared++;
      assert.equal(await store.resolve(a.id.slice(0, shared + 1)), a.id);
    });
    await t.step("an ambiguous prefix lists the candidates", async () => {
      const err = await store.resolve("job_670f95a8").catch((e) => e);
      assert.ok(err instanceof AmbiguousJobIdError);
      assert.deepEqual([...err.candidates].sort(), [a.id, b.id].sort());
    });
    await t.step("a prefix matching nothing is JobNotFoundError", async () => {
      await assert.rejects(store.resolve("job_ffff"), JobNotFoundError);
      await assert.rejects(store.resolve("job_00000000_00000000"), JobNotFoundError);
    });
    await t.step("path tricks are a TypeError and touch nothing", async () => {
      const elsewhere = `${home}/never-created`;
      const other = new FsJobStore(elsewhere);
      for (const bad of ["../x", "job_1/../..", "", "JOB_G", "/etc/passwd", "job_zz"]) {
        await assert.rejects(other.resolve(bad), TypeError, bad);
      }
      assert.deepEqual(await names(elsewhere), []);
    });
  });
});

Deno.test("stats() counts by status and priority, durations and success rate", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    await t.step("an empty store has no averages", async () => {
      const stats = await store.stats();
      assert.equal(stats.total, 0);
      assert.equal(stats.averageDurationMs, null);
      assert.equal(stats.successRate, null);
    });
    await t.step("finished jobs give the average and the rate", async () => {
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
  });
});

Deno.test("pendingQueue() runs critical first, then oldest; runningJobs() lists running", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const lowOld = await store.create(newJob({ priority: "low", now: at(0) }));
    const highNew = await store.create(newJob({ priority: "high", now: at(20) }));
    const highOld = await store.create(newJob({ priority: "high", now: at(10) }));
    const critical = await store.create(newJob({ priority: "critical", now: at(30) }));
    const running = await store.create(newJob({ priority: "critical", now: at(5) }));
    await store.update(running.id, (j) => transition(j, "running"));

    await t.step("the queue order", async () => {
      assert.deepEqual((await store.pendingQueue()).map((j) => j.id), [
        critical.id,
        highOld.id,
        highNew.id,
        lowOld.id,
      ]);
    });
    await t.step("running jobs", async () => {
      assert.deepEqual((await store.runningJobs()).map((j) => j.id), [running.id]);
    });
  });
});

Deno.test("the index follows every change and repairs itself", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home, { compactSlack: 10 });
    const indexPath = `${home}/jobs/index.jsonl`;
    const first = await store.create(newJob({ name: "first", now: at(0) }));
    await store.list();

    await t.step("another process's changes are seen by a store with a warm cache", async () => {
      const other = new FsJobStore(home);
      const second = await other.create(newJob({ name: "second", now: at(1) }));
      await other.update(second.id, (j) => transition(j, "running"));
      assert.deepEqual((await store.list({ status: "running" })).jobs.map((j) => j.id), [
        second.id,
      ]);
    });
    await t.step("overlapping queries on one store read each new index line once", async () => {
      const other = new FsJobStore(home);
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) {
        work.push(other.create(newJob({ name: `overlap ${i}` })));
        work.push(store.list({ limit: 1 }), store.stats());
      }
      await Promise.all(work);
      assert.equal((await store.list({ name: "overlap" })).total, 10);
      // Three queries see the same new bytes at once; then one more line of the same length.
      await other.create(newJob({ name: "overlap a" }));
      await Promise.all([store.list(), store.stats(), store.resolve(first.id.slice(0, 20))]);
      await other.create(newJob({ name: "overlap b" }));
      assert.equal((await store.list({ name: "overlap" })).total, 12);
      const created = (await store.list({ name: "overlap" })).jobs;
      await Promise.all(
        created.map((job) => other.update(job.id, (j) => transition(j, "cancelled"))),
      );
      await store.cleanup({ days: 0, dryRun: false });
      assert.equal((await store.stats()).total, 2);
    });
    await t.step("a missing index is rebuilt", async () => {
      await Deno.remove(indexPath);
      const list = await new FsJobStore(home).list();
      assert.equal(list.total, 2);
      assert.ok((await Deno.readTextFile(indexPath)).startsWith('{"riptide_index":1,"sorted":'));
    });
    await t.step("a job directory added behind its back is picked up", async () => {
      const stray = "job_670f95aa_00000001";
      await Deno.mkdir(`${home}/jobs/${stray}`);
      const meta = JSON.parse(await Deno.readTextFile(`${home}/jobs/${first.id}/metadata.json`));
      await Deno.writeTextFile(
        `${home}/jobs/${stray}/metadata.json`,
        JSON.stringify({ ...meta, id: stray, name: "copied in" }),
      );
      await ageIndex(home);
      const list = await store.list({ name: "copied" });
      assert.deepEqual(list.jobs.map((j) => j.id), [stray]);
    });
    await t.step("an index of another version is rebuilt", async () => {
      await Deno.writeTextFile(indexPath, '{"riptide_index":99}\n');
      assert.equal((await new FsJobStore(home).list()).total, 3);
    });
    await t.step("a damaged index line triggers a rebuild", async () => {
      await Deno.writeTextFile(indexPath, "garbage\n", { append: true });
      assert.equal((await new FsJobStore(home).list()).total, 3);
    });
    await t.step("a row whose directory vanished is dropped with a warning", async () => {
      await Deno.remove(`${home}/jobs/${first.id}`, { recursive: true });
      const past = new Date(Date.now() + 60_000);
      await Deno.utime(indexPath, past, past); // hide the change from the staleness check
      const list = await store.list();
      assert.equal(list.total, 2);
      assert.equal(list.warnings.length, 1);
      assert.match(list.warnings[0]!, new RegExp(first.id));
      assert.equal((await store.list()).warnings.length, 0);
    });
    await t.step("many updates get compacted into one line per job", async () => {
      const job = await store.create(newJob({ name: "busy" }));
      for (let i = 0; i < 30; i++) {
        await store.update(job.id, (j) => ({ ...j, name: `busy ${i}` }));
      }
      await store.list();
      const lines = (await Deno.readTextFile(indexPath)).trimEnd().split("\n");
      assert.ok(lines.length < 20, `${lines.length} lines`);
      assert.deepEqual((await new FsJobStore(home).list({ name: "busy 29" })).jobs.length, 1);
    });
  });
});

Deno.test("corrupted entries are skipped with a warning and reported, never a crash", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const good = await store.create(newJob({ name: "good", now: at(0) }));
    const truncated = await store.create(newJob({ name: "truncated", now: at(1) }));
    assert.equal((await store.list()).total, 2); // builds the index before the damage
    const metaPath = `${home}/jobs/${truncated.id}/metadata.json`;
    await Deno.writeTextFile(metaPath, (await Deno.readTextFile(metaPath)).slice(0, 50));
    const noMeta = "job_670f95a9_0000dead";
    await Deno.mkdir(`${home}/jobs/${noMeta}`);
    await Deno.writeTextFile(`${home}/jobs/${noMeta}/logs.jsonl`, "");
    await Deno.mkdir(`${home}/jobs/holiday-photos`);
    await Deno.writeTextFile(`${home}/jobs/notes.txt`, "hello");
    await ageIndex(home);

    await t.step("list() returns the good job and warns about each bad entry", async () => {
      const list = await store.list();
      assert.deepEqual(list.jobs.map((j) => j.id), [good.id]);
      const text = list.warnings.join("\n");
      for (const name of [truncated.id, noMeta, "holiday-photos", "notes.txt"]) {
        assert.ok(text.includes(name), `warning for ${name} in:\n${text}`);
      }
    });
    await t.step("a warm store keeps warning", async () => {
      assert.equal((await store.list()).warnings.length, 4);
      assert.equal((await new FsJobStore(home).list()).warnings.length, 4);
    });
    await t.step("a job truncated after indexing is skipped when listed", async () => {
      const goodMeta = `${home}/jobs/${good.id}/metadata.json`;
      const text = await Deno.readTextFile(goodMeta);
      await Deno.writeTextFile(goodMeta, "");
      const list = await store.list();
      assert.deepEqual(list.jobs, []);
      assert.ok(list.warnings.some((w) => w.includes(good.id)));
      await Deno.writeTextFile(goodMeta, text);
    });
    await t.step("storageInfo() reports every corrupted entry with its size", async () => {
      const info = await store.storageInfo();
      assert.equal(info.baseDirectory, `${home}/jobs`);
      assert.equal(info.totalJobs, 1);
      assert.deepEqual(
        info.corrupted.map((c) => c.name),
        [
          "holiday-photos",
          truncated.id,
          noMeta,
          "notes.txt",
        ].sort(),
      );
      assert.equal(info.corrupted.find((c) => c.name === "notes.txt")!.bytes, 5);
      assert.match(info.corrupted.find((c) => c.name === noMeta)!.reason, /missing/);
      assert.match(info.corrupted.find((c) => c.name === truncated.id)!.reason, /JSON/);
    });
    await t.step("stats() and resolve() ignore the bad entries", async () => {
      assert.equal((await store.stats()).total, 1);
      assert.equal(await store.resolve(good.id.slice(0, 15)), good.id);
    });
    await t.step("a job repaired by hand is listed again after a storage scan", async () => {
      await Deno.writeTextFile(metaPath, JSON.stringify(truncated));
      await store.storageInfo();
      const list = await new FsJobStore(home).list();
      assert.deepEqual(list.jobs.map((j) => j.id), [truncated.id, good.id]);
      assert.equal(list.warnings.length, 3);
    });
  });
});

Deno.test("storageInfo() adds up the bytes of every job", async () => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const empty = await store.storageInfo();
    assert.deepEqual(empty, {
      baseDirectory: `${home}/jobs`,
      totalJobs: 0,
      totalBytes: 0,
      corrupted: [],
    });
    const a = await store.create(newJob());
    await store.appendLog(a.id, { timestamp: "2024-10-16T10:30:06Z", level: "Info", message: "x" });
    await store.create(newJob());
    let expected = 0;
    for await (const entry of Deno.readDir(`${home}/jobs`)) {
      const path = `${home}/jobs/${entry.name}`;
      if (!entry.isDirectory) expected += (await Deno.stat(path)).size;
      else {
        for await (const file of Deno.readDir(path)) {
          expected += (await Deno.stat(`${path}/${file.name}`)).size;
        }
      }
    }
    const info = await store.storageInfo();
    assert.equal(info.totalJobs, 2);
    assert.equal(info.totalBytes, expected);
    assert.ok(info.totalBytes > 1000);
  });
});

Deno.test("cleanup() removes old terminal jobs and corrupted ones, never live jobs", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
    const make = async (
      created: number,
      to: "pending" | "running" | "completed" | "failed" | "cancelled",
      finished = created,
    ) => {
      const job = await store.create(newJob({ now: day(created) }));
      if (to === "pending") return job;
      if (to === "cancelled") {
        return await store.update(job.id, (j) => transition(j, to, { now: day(finished) }));
      }
      await store.update(job.id, (j) => transition(j, "running", { now: day(created) }));
      if (to === "running") return await store.get(job.id);
      return await store.update(job.id, (j) => transition(j, to, { now: day(finished) }));
    };
    const oldDone = await make(0, "completed", 1);
    const oldFailed = await make(0, "failed", 2);
    const recentDone = await make(0, "completed", 9);
    const oldCancelled = await make(1, "cancelled");
    const oldPending = await make(0, "pending");
    const oldRunning = await make(0, "running");
    await store.list(); // builds the index before the damage
    const noMeta = "job_670f95a9_0000dead";
    await Deno.mkdir(`${home}/jobs/${noMeta}`);
    await Deno.mkdir(`${home}/jobs/not-a-job`);
    await ageIndex(home);
    const now = day(10);
    const ids = async () => (await store.list()).jobs.map((j) => j.id).sort();

    await t.step("a dry run reports but removes nothing", async () => {
      const before = await names(`${home}/jobs`);
      const report = await store.cleanup({ days: 5, dryRun: true, now });
      assert.equal(report.dryRun, true);
      assert.deepEqual(
        report.removed.map((r) => r.id).sort(),
        [oldDone.id, oldFailed.id, oldCancelled.id].sort(),
      );
      assert.deepEqual(report.corrupted.map((c) => c.name), [noMeta]);
      assert.ok(report.bytesFreed > 0);
      assert.deepEqual(await names(`${home}/jobs`), before);
    });
    await t.step("older than N days goes, the rest stays", async () => {
      const report = await store.cleanup({ days: 5, dryRun: false, now });
      const removed = report.removed.map((r) => r.id).sort();
      assert.deepEqual(removed, [oldDone.id, oldFailed.id, oldCancelled.id].sort());
      const done = report.removed.find((r) => r.id === oldDone.id)!;
      assert.deepEqual([done.status, done.finished_at], ["completed", "2024-10-17T10:30:00Z"]);
      assert.deepEqual(report.corrupted.map((c) => c.name), [noMeta]);
      assert.equal(
        report.bytesFreed,
        report.removed.reduce((s, r) => s + r.bytes, 0) +
          report.corrupted.reduce((s, c) => s + c.bytes, 0),
      );
      assert.deepEqual(await ids(), [recentDone.id, oldPending.id, oldRunning.id].sort());
      const left = await names(`${home}/jobs`);
      assert.ok(!left.includes(noMeta));
      assert.ok(left.includes("not-a-job"), "a foreign directory is left alone");
      assert.deepEqual(await names(`${home}/trash`), []);
    });
    await t.step("days 0 removes every terminal job but no live one", async () => {
      const report = await store.cleanup({ days: 0, dryRun: false, now: day(-100) });
      assert.deepEqual(report.removed.map((r) => r.id), [recentDone.id]);
      assert.deepEqual(await ids(), [oldPending.id, oldRunning.id].sort());
      assert.equal((await store.stats()).total, 2);
    });
    await t.step("leftovers of crashed creations and removals are cleared", async () => {
      const stale = `${home}/tmp/job_670f95a8_00000002.deadbeef`;
      const fresh = `${home}/tmp/job_670f95a8_00000003.deadbeef`;
      const trashed = `${home}/trash/job_670f95a8_00000004.x`;
      for (const dir of [stale, fresh, trashed]) await Deno.mkdir(dir, { recursive: true });
      const old = new Date(Date.now() - 2 * 3_600_000);
      await Deno.utime(stale, old, old);
      await store.cleanup({ days: 30, dryRun: false });
      assert.deepEqual(await names(`${home}/tmp`), ["job_670f95a8_00000003.deadbeef"]);
      assert.deepEqual(await names(`${home}/trash`), []);
    });
    await t.step("a negative number of days is a RangeError", async () => {
      await assert.rejects(store.cleanup({ days: -1, dryRun: true }), RangeError);
    });
  });
});

Deno.test("appendResult() keeps results.jsonl files open only while needed", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const extraction = (url: string) =>
      ({ url, status: "success", content: url, metadata: { title: null } }) as Extraction;
    // Open file descriptors of this process on a results.jsonl of this home (Linux only):
    // test files running beside this one in the same process hold their own.
    const real = Deno.realPathSync(home);
    const openResultFiles = (): number => {
      let n = 0;
      for (const fd of Deno.readDirSync("/proc/self/fd")) {
        try {
          const target = Deno.readLinkSync(`/proc/self/fd/${fd.name}`);
          if (target.startsWith(`${real}/`) && target.endsWith("results.jsonl")) n++;
        } catch {
          // The descriptor closed while listing.
        }
      }
      return n;
    };
    const linux = Deno.build.os === "linux";
    const jobs = await Promise.all(Array.from({ length: 20 }, () => store.create(newJob())));

    await t.step("concurrent appends over 20 jobs record every result once", async () => {
      await Promise.all(
        jobs.flatMap((job, j) =>
          Array.from({ length: 10 }, (_, i) => store.appendResult(job.id, extraction(`u${j}-${i}`)))
        ),
      );
      for (const [j, job] of jobs.entries()) {
        const urls = (await store.readPartialResults(job.id)).map((e) => e.url);
        assert.deepEqual(urls.sort(), Array.from({ length: 10 }, (_, i) => `u${j}-${i}`).sort());
      }
      if (linux) assert.ok(openResultFiles() <= 16, "at most 16 results.jsonl files stay open");
    });
    await t.step(
      "writeResults() closes the job's file; a later append opens it again",
      async () => {
        const job = jobs.at(-1)!; // the most recently used: its file is held
        const before = linux ? openResultFiles() : 0;
        await store.writeResults(job.id, summarizeResults(job.id, job.urls, []));
        if (linux) assert.equal(openResultFiles(), before - 1);
        await store.appendResult(job.id, extraction("late"));
        assert.ok((await store.readPartialResults(job.id)).some((e) => e.url === "late"));
      },
    );
    await t.step("close() closes every held file", async () => {
      await store.close();
      if (linux) assert.equal(openResultFiles(), 0);
    });
  });
});

Deno.test("get() never calls a job corrupted while its metadata.json is being replaced", async () => {
  const home = await Deno.makeTempDir();
  try {
    const store = new FsJobStore(home);
    const job = await store.create({
      name: "busy",
      priority: "medium",
      urls: ["https://example.com/"],
      strategy: "auto",
      tags: [],
      stream: false,
      options: {},
    });
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await store.update(job.id, (j) => ({ ...j, name: `busy ${i}` }));
      }
    })();
    try {
      for (let i = 0; i < 300; i++) assert.equal((await store.get(job.id)).id, job.id);
    } finally {
      writing = false;
      await writer;
    }
    await store.close();
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("a finished job keeps its results once: results.json, written a record at a time", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const urls = ["https://a.example/", "https://b.example/", "https://c.example/"];
    const job = await store.create(newJob({ urls }));
    const queue = store.workQueue({ workerId: "w1" });
    const record = (url: string, status: Extraction["status"], content: string): Extraction => ({
      url,
      status,
      content,
      ...(status === "failed" ? { error: `no ${content}` } : {}),
      metadata: { title: `T ${content}`, extraction_time_ms: 1 },
    });
    assert.ok(await queue.start(job.id));
    // Recorded out of the job's order, one URL twice (the last record wins).
    await store.appendResult(job.id, record(urls[2]!, "success", 'C\nwith "quotes"'));
    await store.appendResult(job.id, record(urls[0]!, "failed", "A"));
    await store.appendResult(job.id, record(urls[1]!, "success", "B"));
    await store.appendResult(job.id, record(urls[0]!, "success", "A again"));
    const recorded = await store.readPartialResults(job.id);
    const expected = summarizeResults(job.id, urls, recorded);
    const finished = await queue.finish(
      job.id,
      (j, outcomes, open) =>
        open > 0 || j.status !== "running" ? null : {
          job: transition(j, "completed"),
          results: summarizeResults(j.id, j.urls, outcomes),
        },
    );
    assert.equal(finished?.job.status, "completed");
    const dir = `${home}/jobs/${job.id}`;

    await t.step(
      "results.json is what JSON.stringify(results, null, 2) gives, byte for byte",
      async () => {
        assert.equal(
          await Deno.readTextFile(`${dir}/results.json`),
          JSON.stringify(expected, null, 2),
        );
      },
    );
    await t.step("results.jsonl is removed once the job is finished", async () => {
      assert.ok(!(await names(dir)).includes("results.jsonl"));
    });
    await t.step("every reader sees the same results", async () => {
      assert.deepEqual(await store.readResults(job.id), expected);
      assert.deepEqual(
        (await store.readPartialResults(job.id)).toSorted((a, b) => a.url < b.url ? -1 : 1),
        recorded.toSorted((a, b) => a.url < b.url ? -1 : 1),
      );
      assert.deepEqual(
        (await store.readOutcomes(job.id)).map((o) => [o.url, o.status]),
        urls.map((u) => [u, "success"]),
      );
    });
    await t.step("a result recorded later overlays results.json", async () => {
      await store.appendResult(job.id, record(urls[1]!, "failed", "B later"));
      const partial = await store.readPartialResults(job.id);
      assert.equal(partial.length, 3);
      assert.equal(partial.find((e) => e.url === urls[1])?.status, "failed");
      assert.equal(partial.find((e) => e.url === urls[0])?.content, "A again");
    });
    await t.step("an empty job's results.json is still the serializer's", async () => {
      const empty = await store.create(newJob({ urls: [] }));
      await store.writeResults(empty.id, summarizeResults(empty.id, [], []));
      assert.equal(
        await Deno.readTextFile(`${home}/jobs/${empty.id}/results.json`),
        JSON.stringify(summarizeResults(empty.id, [], []), null, 2),
      );
    });
    await store.close();
  });
});

Deno.test("a progress write costs the same at 100,000 URLs as at 100", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const jobs: Job[] = [];
    for (const n of [100, 100_000]) {
      const urls = Array.from({ length: n }, (_, i) => `https://example.com/page/${i}`);
      const job = await store.create(newJob({ urls }));
      jobs.push(await store.update(job.id, (j) => transition(j, "running")));
    }
    const progress = {
      total: 100,
      completed: 40,
      failed: 2,
      percentage: 42,
      current_item: "https://example.com/page/41",
    };
    const stat = (id: string, file: string) => Deno.stat(`${home}/jobs/${id}/${file}`);
    const written: number[] = [];
    // What progress.json holds: the progress and its time, whose text is shorter on a whole
    // second ("…:05Z", not "…:05.000Z"), so each size is checked against the time it holds.
    const expected: number[] = [];
    for (const job of jobs) {
      const before = await stat(job.id, "metadata.json");
      assert.equal(await store.updateProgress(job.id, progress), "running");
      const after = await stat(job.id, "metadata.json");
      assert.deepEqual([after.ino, after.mtime], [before.ino, before.mtime], "not rewritten");
      written.push((await stat(job.id, "progress.json")).size);
      const read = await store.get(job.id);
      assert.deepEqual(read.progress, progress);
      assert.ok(Date.parse(read.updated_at) > Date.parse(job.updated_at));
      assert.equal(read.urls.length, job.urls.length);
      const held = JSON.stringify({ progress, updated_at: read.updated_at }) + "\n";
      expected.push(new TextEncoder().encode(held).length);
    }
    await t.step("the bytes written do not depend on the URL count", () => {
      assert.deepEqual(written, expected);
      assert.ok(written[0]! < 512, `${written[0]} bytes`);
    });
    await t.step("the next update folds the progress into metadata.json", async () => {
      const [, big] = jobs;
      await store.update(big!.id, (j) => ({ ...j, name: "renamed" }));
      await assert.rejects(stat(big!.id, "progress.json"), Deno.errors.NotFound);
      const text = await Deno.readTextFile(`${home}/jobs/${big!.id}/metadata.json`);
      assert.deepEqual(JSON.parse(text).progress, progress);
      assert.equal((await store.get(big!.id)).name, "renamed");
    });
    await t.step("a job that is not running is left as it is", async () => {
      const [small] = jobs;
      await store.update(small!.id, (j) => transition(j, "cancelled"));
      const before = await store.get(small!.id);
      assert.equal(
        await store.updateProgress(small!.id, { ...progress, completed: 99 }),
        "cancelled",
      );
      assert.deepEqual(await store.get(small!.id), before);
      await assert.rejects(stat(small!.id, "progress.json"), Deno.errors.NotFound);
    });
    await t.step("a damaged progress.json is ignored", async () => {
      const job = await store.update(
        (await store.create(newJob())).id,
        (j) => transition(j, "running"),
      );
      await Deno.writeTextFile(`${home}/jobs/${job.id}/progress.json`, '{"progress": {"tot');
      assert.deepEqual(await store.get(job.id), job);
    });
    await store.close();
  });
});

Deno.test("readOutcomes() takes the lines this process appended from memory while results.jsonl is as it left it", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const urls = ["https://a.example/1", "https://a.example/2", "https://a.example/3"];
    const page = (url: string, status: "success" | "failed"): Extraction => ({
      url,
      status,
      content: status === "success" ? `Text of ${url}` : "",
      ...(status === "failed" ? { error: "HTTP 500 Internal Server Error" } : {}),
      metadata: { title: "Page", extraction_time_ms: 1 },
    });
    const job = await store.create(newJob({ urls }));
    const log = `${home}/jobs/${job.id}/results.jsonl`;
    await store.appendResult(job.id, page(urls[0]!, "failed"));
    await store.appendResult(job.id, page(urls[1]!, "success"));
    await store.appendResult(job.id, page(urls[0]!, "success")); // retried: its last line wins
    /** What a process that appended nothing finds (it reads the log). */
    const scanned = async (id: JobId) => {
      const other = new FsJobStore(home);
      try {
        return await other.readOutcomes(id);
      } finally {
        await other.close();
      }
    };

    await t.step("the outcomes a scan of the log finds, in first-recorded order", async () => {
      const outcomes = await store.readOutcomes(job.id);
      assert.deepEqual(outcomes, await scanned(job.id));
      assert.deepEqual(outcomes, [
        { url: urls[0], status: "success" },
        { url: urls[1], status: "success" },
      ]);
    });
    await t.step("the log is not read back: a line changed in place goes unseen", async () => {
      const text = await Deno.readTextFile(log);
      const changed = text.replace('"status":"success"', '"status":"skipped"'); // same size
      await Deno.writeTextFile(log, changed);
      assert.equal((await store.readOutcomes(job.id))[1]?.status, "success");
      assert.equal((await scanned(job.id))[1]?.status, "skipped");
      await Deno.writeTextFile(log, text);
    });
    await t.step("a line another process appended makes it read the log", async () => {
      const other = new FsJobStore(home);
      await other.appendResult(job.id, page(urls[2]!, "failed"));
      await other.close();
      await store.appendResult(job.id, page(urls[2]!, "success"));
      const outcomes = await store.readOutcomes(job.id);
      assert.deepEqual(outcomes, await scanned(job.id));
      assert.deepEqual(outcomes.map((o) => o.status), ["success", "success", "success"]);
    });
    await t.step("so does a log replaced by one of the same size", async () => {
      const second = await store.create(newJob({ urls }));
      const path = `${home}/jobs/${second.id}/results.jsonl`;
      await store.appendResult(second.id, page(urls[0]!, "success"));
      const text = await Deno.readTextFile(path);
      await Deno.writeTextFile(`${path}.new`, text.replace('"success"', '"skipped"'));
      await Deno.rename(`${path}.new`, path);
      assert.deepEqual(await store.readOutcomes(second.id), [{ url: urls[0], status: "skipped" }]);
    });
    await store.close();
  });
});

Deno.test("search keeps a finished job's index beside results.json and rebuilds it when stale", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const urls = ["https://a.example/1", "https://a.example/2"];
    const job = await store.create(newJob({ urls }));
    const dir = `${home}/jobs/${job.id}`;
    const page = (url: string, content: string): Extraction => ({
      url,
      status: "success",
      content,
      metadata: { title: "Page", extraction_time_ms: 1 },
    });
    await store.appendResult(job.id, page(urls[0]!, "Une crème brûlée"));
    await store.appendResult(job.id, page(urls[1]!, "Ein Apfelkuchen"));
    await store.update(job.id, (j) => transition(j, "running"));
    await store.update(job.id, (j) => transition(j, "completed"));
    const write = async () =>
      await store.writeResults(
        job.id,
        summarizeResults(job.id, urls, await store.readPartialResults(job.id)),
      );
    await write();
    const found = async (text: string) =>
      (await store.search(text)).matches.map((m) => m.extraction.url);

    await t.step(
      "a job finished before search existed is indexed at the first search",
      async () => {
        assert.ok(!(await names(dir)).includes("search.idx"));
        assert.deepEqual(await found("CREME"), [urls[0]]);
        const files = await names(dir);
        assert.ok(files.includes("search.idx") && files.includes("search.txt"), files.join());
        assert.ok(!files.some((f) => f.includes(".tmp-")), files.join());
        const text = await Deno.readTextFile(`${dir}/search.txt`);
        assert.match(text.replaceAll("\x1f", "|"), /^\d+,\d+\|page\|une creme brulee\n/);
      },
    );
    await t.step(
      "the index is used as long as results.json is the one it was built from",
      async () => {
        // A word only in the index: found, so the search read the index, not results.json.
        const text = await Deno.readTextFile(`${dir}/search.txt`);
        const idx = await Deno.readFile(`${dir}/search.idx`);
        await Deno.writeTextFile(`${dir}/search.txt`, text.replace("apfelkuchen", "apfelstrude"));
        assert.deepEqual(await found("apfelstrude"), []); // the word index does not hold it
        assert.deepEqual(await found("apfel"), [urls[1]]);
        await Deno.writeTextFile(`${dir}/search.txt`, text);
        await Deno.writeFile(`${dir}/search.idx`, idx);
      },
    );
    await t.step(
      "results.json written again makes the index stale: it is built again",
      async () => {
        await store.appendResult(job.id, page(urls[1]!, "Ein Käsekuchen"));
        await write();
        assert.deepEqual(await found("kasekuchen"), [urls[1]]);
        assert.deepEqual(await found("apfelkuchen"), []);
      },
    );
    await t.step("a damaged index is built again", async () => {
      await Deno.writeTextFile(`${dir}/search.idx`, "garbage");
      assert.deepEqual(await found("brulee"), [urls[0]]);
      assert.notEqual(await Deno.readTextFile(`${dir}/search.idx`), "garbage");
    });
    await t.step("a results.json not laid out as RipTide writes it is still searched", async () => {
      const results = await store.readResults(job.id);
      await Deno.writeTextFile(`${dir}/results.json`, JSON.stringify(results));
      assert.deepEqual(await found("brulee"), [urls[0]]);
      assert.ok((await Deno.readTextFile(`${dir}/search.txt`)).startsWith("#0\x1f"));
    });
    await store.close();
  });
});

Deno.test("search reads a large job's index segment by segment", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    // More pages than one segment of the word index holds (4096).
    const urls = Array.from({ length: 5000 }, (_, i) => `https://a.example/${i}`);
    const job = await store.create(newJob({ urls }));
    const extractions: Extraction[] = urls.map((url, i) => ({
      url,
      status: "success",
      content: `page number ${i} about ${i % 7 === 0 ? "seven" : "other"} things` +
        (i === 30 || i === 4500 ? " and a rare Zwölfton word" : ""),
      metadata: { title: `Title ${i}`, extraction_time_ms: 1 },
    }));
    await store.update(job.id, (j) => transition(j, "running"));
    await store.writeResults(job.id, summarizeResults(job.id, urls, extractions));
    await store.update(job.id, (j) => transition(j, "completed"));
    const found = async (text: string, limit = 20) =>
      (await store.search(text, { limit })).matches.map((m) => m.extraction.url);

    await t.step("a rare word, in both segments", async () => {
      assert.deepEqual(await found("zwolfton"), [urls[30], urls[4500]]);
      assert.deepEqual(await found("rare zwolfton word"), [urls[30], urls[4500]]);
    });
    await t.step("a common word stops at the limit, in results order", async () => {
      assert.deepEqual(await found("seven", 3), [urls[0], urls[7], urls[14]]);
      assert.equal((await found("seven", 10_000)).length, 715);
    });
    await t.step("a number is found in the text only, not in where a page is", async () => {
      assert.deepEqual(await found("number 4999"), [urls[4999]]);
      // Each line of search.txt starts with "offset,length" of its page in results.json.
      assert.deepEqual(await found(","), []);
      assert.deepEqual(await found("7,3"), []);
      assert.deepEqual(await found("page number 4321 "), [urls[4321]]);
    });
    await t.step(
      "a phrase of words on every page is read only where they follow each other",
      async () => {
        // "page number" and "number N" are pairs of every page; "about seven things" of one in
        // seven; "things and a" of two. Each phrase with whole pairs is found as before.
        assert.deepEqual(await found("x page number 4321 about"), []);
        assert.deepEqual(await found("page number 4321 about"), [urls[4321]]);
        assert.deepEqual(await found("s and a rare z"), [urls[30], urls[4500]]);
        assert.equal((await found("about seven things", 10_000)).length, 715);
        // A line of search.txt changed without the index, its words kept: the phrase is in its
        // text now, but not among its pairs, so the line is never read (its words let it in).
        const dir = `${home}/jobs/${job.id}`;
        const text = await Deno.readTextFile(`${dir}/search.txt`);
        await Deno.writeTextFile(
          `${dir}/search.txt`,
          text.replace(
            "page number 4000 about other things",
            "page number 4000 things about other",
          ),
        );
        assert.deepEqual(await found("4000 things about other"), []);
        assert.deepEqual(await found("4000 things about"), [urls[4000]]); // no whole pair
        await Deno.writeTextFile(`${dir}/search.txt`, text);
      },
    );
    await store.close();
  });
});

Deno.test("search gets past planted index files and skips a job whose results.json is not a file", async (t) => {
  await withHome(async (home) => {
    const store = new FsJobStore(home);
    const ids: JobId[] = [];
    for (const word of ["alpha", "beta"]) {
      const urls = [`https://${word}.example/`];
      const job = await store.create(newJob({ urls }));
      await store.update(job.id, (j) => transition(j, "running"));
      await store.writeResults(
        job.id,
        summarizeResults(job.id, urls, [{
          url: urls[0]!,
          status: "success",
          content: `the common ${word} page`,
          metadata: { title: null, extraction_time_ms: 1 },
        }]),
      );
      await store.update(job.id, (j) => transition(j, "completed"));
      ids.push(job.id);
    }
    const mkfifo = async (path: string) => {
      await Deno.remove(path).catch(() => {});
      assert.equal((await new Deno.Command("mkfifo", { args: [path] }).output()).code, 0);
    };
    await t.step("a FIFO as search.idx is replaced by a new index, not opened", async () => {
      await mkfifo(`${home}/jobs/${ids[0]}/search.idx`);
      const answer = await store.search("alpha");
      assert.deepEqual(answer.matches.map((m) => m.job_id), [ids[0]]);
      assert.ok((await Deno.lstat(`${home}/jobs/${ids[0]}/search.idx`)).isFile);
    });
    await t.step("a FIFO as results.json: that job is skipped with a warning", async () => {
      await mkfifo(`${home}/jobs/${ids[1]}/results.json`);
      const answer = await store.search("common");
      assert.deepEqual(answer.matches.map((m) => m.job_id), [ids[0]]);
      assert.equal(answer.warnings.length, 1);
      assert.match(answer.warnings[0]!, /results\.json is not a regular file \(it is a FIFO\)/);
      await assert.rejects(store.search("common", { jobId: ids[1]! }), /not a regular file/);
    });
    await store.close();
  });
});
