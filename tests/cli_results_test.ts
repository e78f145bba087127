import assert from "node:assert/strict";
import { join } from "node:path";
import { PG_RUN, runCli, tempHome } from "./_helpers.ts";
import {
  failure,
  readJobFile,
  seedJob,
  seedResults,
  storeAt,
  success,
  writeConfig,
} from "./_cli_fixtures.ts";

const A = "https://example.com/a";
const B = "https://example.com/b";
const C = "https://example.com/c";

Deno.test("results shows, exports and writes a job's results", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const done = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    status: "completed",
    urls: [A, B],
    completed: 1,
    failed: 1,
  });
  await seedResults(store, done, {
    extractions: [
      success(A, {
        title: "Example Page",
        content: 'First paragraph.\n\nSecond, with "quotes".',
        ms: 1234,
      }),
      failure(B, "HTTP 404 Not Found"),
    ],
    final: true,
  });
  const running = await seedJob(store, {
    created: "2024-10-14T10:30:00Z",
    status: "running",
    urls: [A, B, C],
    completed: 1,
  });
  await seedResults(store, running, {
    extractions: [success(A, { title: "Example Page", content: "So far.", ms: 50 })],
    final: false,
  });
  const pending = await seedJob(store, { created: "2024-10-12T10:30:00Z" });
  const cancelledPending = await seedJob(store, {
    created: "2024-10-11T10:30:00Z",
    status: "cancelled",
  });
  const cancelledRunning = await seedJob(store, {
    created: "2024-10-10T10:30:00Z",
    status: "cancelled",
    startAfter: 5,
    urls: [A, B, C],
    completed: 1,
  });
  await seedResults(store, cancelledRunning, {
    extractions: [success(A, { title: "Example Page", content: "Got this far." })],
    final: true,
  });
  await store.close();
  const results = (...args: string[]) =>
    runCli(["job-local", "results", ...args], { home: home.path });

  await t.step("the table view: a per-URL summary, then the readable content", async () => {
    const r = await results("--id", "job_670f");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.split("\n").slice(0, 7).join("\n"),
      [
        `Results for job ${done.id} (completed): 2 URLs, 1 successful, 1 failed`,
        "┌───┬───────────────────────┬─────────┬──────────────┬────────────┬───────┬────────────┐",
        "│ # │ URL                   │ Status  │ Title        │ Characters │ Fetch │ Extraction │",
        "├───┼───────────────────────┼─────────┼──────────────┼────────────┼───────┼────────────┤",
        "│ 1 │ https://example.com/a │ success │ Example Page │         40 │  80ms │       1.2s │",
        "│ 2 │ https://example.com/b │ failed  │ -            │          0 │  50ms │        0ms │",
        "└───┴───────────────────────┴─────────┴──────────────┴────────────┴───────┴────────────┘",
      ].join("\n"),
    );
    assert.match(
      r.stdout,
      /── 1\. Example Page ──\nhttps:\/\/example\.com\/a\n\nFirst paragraph\.\n\nSecond/,
    );
    assert.match(
      r.stdout,
      /── 2\. https:\/\/example\.com\/b ──\nhttps:\/\/example\.com\/b\n\nFailed: HTTP 404 Not Found/,
    );
  });

  await t.step("-o json prints results.json exactly", async () => {
    const r = await results("--id", done.id, "-o", "json");
    assert.equal(r.code, 0, r.stderr);
    const file = await readJobFile(home.path, done.id, "results.json");
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(file));
  });

  await t.step("--format jsonl, csv and markdown export", async () => {
    const jsonl = await results("--id", done.id, "--format", "jsonl");
    const rows = jsonl.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.url), [A, B]);
    const csv = await results("--id", done.id, "--format", "csv");
    assert.equal(
      csv.stdout,
      "url,status,title,characters,extraction_time_ms,error,content\r\n" +
        `${A},success,Example Page,40,1234,,"First paragraph.\n\nSecond, with ""quotes""."\r\n` +
        `${B},failed,,0,0,HTTP 404 Not Found,\r\n`,
    );
    const md = await results("--id", done.id, "--format", "markdown");
    assert.match(
      md.stdout,
      /^# Results for job job_670f95a8_[0-9a-f]{8}\n\n2 URLs: 1 successful, 1 failed\n/,
    );
    assert.match(
      md.stdout,
      /## 1\. Example Page\n\nSource: <https:\/\/example\.com\/a>\n\nFirst paragraph\./,
    );
    assert.match(
      md.stdout,
      /## 2\. https:\/\/example\.com\/b\n\nSource: <https:\/\/example\.com\/b>\n\n\*\*Failed:\*\* HTTP 404/,
    );
  });

  await t.step("--output writes the file atomically and says where", async () => {
    const out = join(home.path, "export.json");
    const r = await results("--id", done.id, "--output", out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Wrote 2 results \\(json, [0-9.]+ [KB ]+\\) to ${out}\\n$`));
    const file = await readJobFile(home.path, done.id, "results.json");
    assert.deepEqual(JSON.parse(await Deno.readTextFile(out)), JSON.parse(file));
    const leftovers = [...Deno.readDirSync(home.path)].filter((e) => e.name.includes(".tmp"));
    assert.deepEqual(leftovers, []);

    const csvOut = join(home.path, "export.csv");
    const j = await results("--id", done.id, "--output", csvOut, "--format", "csv", "-o", "json");
    assert.equal(j.code, 0, j.stderr);
    const info = JSON.parse(j.stdout);
    assert.equal(info.path, csvOut);
    assert.equal(info.format, "csv");
    assert.equal(info.extractions, 2);
    assert.equal(info.partial, false);
    assert.match(await Deno.readTextFile(csvOut), /^url,status,title/);
  });

  await t.step("--output takes the format from the file's extension", async () => {
    for (
      const [file, head] of [
        ["r.csv", /^url,status,title/],
        ["r.md", /^# Results for job /],
        ["r.jsonl", /^\{"url":/],
        ["r.JSON", /^\{\n {2}"job_id"/],
        ["r.txt", /^\{\n {2}"job_id"/],
      ] as const
    ) {
      const out = join(home.path, file);
      const r = await results("--id", done.id, "--output", out);
      assert.equal(r.code, 0, r.stderr);
      assert.match(await Deno.readTextFile(out), head, file);
    }
  });

  await t.step("a --format the extension contradicts is a usage error", async () => {
    const out = join(home.path, "clash.csv");
    const r = await results("--id", done.id, "--output", out, "--format", "json");
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `error: Conflicting --format json and --output "${out}" (a .csv file is csv): ` +
        "give one of them, or make them agree\n",
    );
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  });

  await t.step("a running job shows its results so far", async () => {
    const r = await results("--id", running.id);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[0], "Partial results: 1 of 3 URLs so far (status: running)");
    assert.match(r.stdout, /So far\./);
    const json = await results("--id", running.id, "-o", "json");
    const data = JSON.parse(json.stdout);
    assert.equal(data.total_urls, 3);
    assert.equal(data.extractions.length, 1);
    assert.equal(json.stderr, "Partial results: 1 of 3 URLs so far (status: running)\n");
  });

  await t.step("a job without results says so plainly", async () => {
    const r = await results("--id", pending.id);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `No results yet for job ${pending.id} (status: pending)\n`);
    const json = await results("--id", pending.id, "-o", "json");
    assert.deepEqual(JSON.parse(json.stdout).extractions, []);
  });

  await t.step("a job cancelled while pending says no URL ran", async () => {
    const r = await results("--id", cancelledPending.id);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `No results: job ${cancelledPending.id} was cancelled while pending, before any URL ran\n`,
    );
  });

  await t.step("a cancelled job's header counts the URLs the cancel left unrun", async () => {
    const r = await results("--id", cancelledRunning.id);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.split("\n")[0],
      `Results for job ${cancelledRunning.id} (cancelled): 3 URLs, 1 successful, 0 failed, ` +
        "2 not run (cancelled)",
    );
  });
});

Deno.test("stats, storage and cleanup report on the whole store", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const now = Date.now();
  const daysAgo = (d: number) => new Date(now - d * 86_400_000 - 3_600_000).toISOString();
  const old = await seedJob(store, {
    created: daysAgo(40),
    status: "completed",
    completed: 1,
    priority: "critical",
    runFor: 10,
  });
  await seedJob(store, {
    created: daysAgo(20),
    status: "failed",
    failed: 1,
    runFor: 30,
    error: "x",
    priority: "high",
  });
  await seedJob(store, { created: daysAgo(10), status: "completed", completed: 1, runFor: 20 });
  await seedJob(store, { created: daysAgo(50), priority: "low" }); // pending, never cleaned
  await store.close();
  await Deno.mkdir(join(home.path, "jobs", "job_00000001_deadbeef"), { recursive: true });
  await Deno.writeTextFile(
    join(home.path, "jobs", "job_00000001_deadbeef", "metadata.json"),
    '{"id": "job_',
  );

  await t.step("stats: totals, then By Status and By Priority in a fixed order", async () => {
    const r = await runCli(["job-local", "stats"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "Job Statistics",
        "",
        "Total Jobs: 4",
        "Average Duration: 20.00s",
        "Success Rate: 66.7%",
        "",
        "By Status:",
        "┌───────────┬───────┬───────┐",
        "│ Status    │ Count │ Share │",
        "├───────────┼───────┼───────┤",
        "│ pending   │     1 │ 25.0% │",
        "│ running   │     0 │  0.0% │",
        "│ completed │     2 │ 50.0% │",
        "│ failed    │     1 │ 25.0% │",
        "│ cancelled │     0 │  0.0% │",
        "└───────────┴───────┴───────┘",
        "",
        "By Priority:",
        "┌──────────┬───────┬───────┐",
        "│ Priority │ Count │ Share │",
        "├──────────┼───────┼───────┤",
        "│ critical │     1 │ 25.0% │",
        "│ high     │     1 │ 25.0% │",
        "│ medium   │     1 │ 25.0% │",
        "│ low      │     1 │ 25.0% │",
        "└──────────┴───────┴───────┘",
        "",
      ].join("\n"),
    );
    const json = await runCli(["job-local", "stats", "-o", "json"], { home: home.path });
    const data = JSON.parse(json.stdout);
    assert.equal(data.total_jobs, 4);
    assert.equal(data.average_duration_ms, 20_000);
    assert.deepEqual(Object.keys(data.by_status), [
      "pending",
      "running",
      "completed",
      "failed",
      "cancelled",
    ]);
    assert.deepEqual(Object.keys(data.by_priority), ["critical", "high", "medium", "low"]);
  });

  // Corrupted entries and job directories exist only in the filesystem store.
  await t.step({
    name: "storage: base directory, totals, human size and corrupted entries",
    ignore: PG_RUN,
    fn: async () => {
      const r = await runCli(["job-local", "storage"], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split("\n");
      assert.deepEqual(lines.splice(0, 2), ["Job Storage Information", ""]);
      assert.equal(lines[0], `Base Directory: ${JSON.stringify(join(home.path, "jobs"))}`);
      assert.equal(lines[1], "Total Jobs: 4");
      assert.match(lines[2]!, /^Total Size: \d+\.\d\d KB$/);
      assert.equal(lines[3], "Corrupted Entries: 1");
      assert.match(lines[4]!, /^ {2}job_00000001_deadbeef: .+ \(\d+ B\)$/);
      const json = JSON.parse(
        (await runCli(["job-local", "storage", "-o", "json"], { home: home.path })).stdout,
      );
      assert.equal(json.total_jobs, 4);
      assert.equal(typeof json.total_bytes, "number");
      assert.ok(json.total_bytes > 0);
      assert.equal(json.corrupted[0].name, "job_00000001_deadbeef");
    },
  });

  // Corrupted entries and job directories exist only in the filesystem store.
  await t.step({
    name: "cleanup --dry-run lists what would go and deletes nothing",
    ignore: PG_RUN,
    fn: async () => {
      const r = await runCli(["job-local", "cleanup", "--days", "30", "--dry-run"], {
        home: home.path,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^Would delete 1 job and 1 corrupted entry, freeing .+ \(dry run: nothing deleted\)$/m,
      );
      assert.match(r.stdout, new RegExp(`│ ${old.id} │ completed │`));
      assert.match(r.stdout, /^Corrupted entries:\n {2}job_00000001_deadbeef: /m);
      await Deno.stat(join(home.path, "jobs", old.id));
    },
  });

  // Corrupted entries and job directories exist only in the filesystem store.
  await t.step({
    name: "cleanup --days N deletes old finished jobs and corrupted entries",
    ignore: PG_RUN,
    fn: async () => {
      const r = await runCli(["job-local", "cleanup", "--days", "30", "-o", "json"], {
        home: home.path,
      });
      assert.equal(r.code, 0, r.stderr);
      const data = JSON.parse(r.stdout);
      assert.equal(data.dry_run, false);
      assert.deepEqual(data.removed.map((x: { id: string }) => x.id), [old.id]);
      assert.equal(data.corrupted.length, 1);
      assert.ok(data.bytes_freed > 0);
      await assert.rejects(Deno.stat(join(home.path, "jobs", old.id)), Deno.errors.NotFound);
    },
  });

  // Corrupted entries and job directories exist only in the filesystem store.
  await t.step({
    name: "cleanup --days 0 removes every finished job but never a pending one",
    ignore: PG_RUN,
    fn: async () => {
      const r = await runCli(["job-local", "cleanup", "--days", "0"], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Deleted 2 jobs and 0 corrupted entries, freed /);
      const list = JSON.parse(
        (await runCli(["job-local", "list", "-o", "json"], { home: home.path })).stdout,
      );
      assert.deepEqual(list.jobs.map((j: { status: string }) => j.status), ["pending"]);
      const again = await runCli(["job-local", "cleanup", "--days", "0"], { home: home.path });
      assert.equal(
        again.stdout,
        "Nothing to clean up: no finished jobs older than 0 days and no corrupted entries\n",
      );
    },
  });
});

Deno.test("stats -o json rounds its average and rate (no float tails)", async () => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  // Runs of 1, 1 and 2 s: a mean of 1333.33… ms; 2 of 3 decided jobs completed.
  for (
    const [i, runFor, status] of [[1, 1, "completed"], [2, 1, "completed"], [
      3,
      2,
      "failed",
    ]] as const
  ) {
    await seedJob(store, {
      created: `2024-10-0${i}T10:30:00Z`,
      status,
      runFor,
      ...(status === "failed" ? { failed: 1, error: "HTTP 500" } : { completed: 1 }),
    });
  }
  await store.close();
  const r = await runCli(["job-local", "stats", "-o", "json"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"average_duration_ms": 1333\.33,/);
  assert.match(r.stdout, /"success_rate": 0\.6667,/);
});
