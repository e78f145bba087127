import assert from "node:assert/strict";
import { type LogEntry, transition } from "@riptide/core";
import { ROOT, runCli, storeEnv, tempHome } from "./_helpers.ts";
import { readJobFile, seedJob, storeAt, writeConfig } from "./_cli_fixtures.ts";

Deno.test("logs prints the log as specified, filtered by level, text and count", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const job = await seedJob(store, { created: "2024-10-16T10:30:00Z" });
  const entries: LogEntry[] = [
    { timestamp: "2024-10-16T10:30:05Z", level: "Info", message: "Job started" },
    {
      timestamp: "2024-10-16T10:30:06Z",
      level: "Debug",
      message: "Fetching",
      url: "https://a.example/",
    },
    {
      timestamp: "2024-10-16T10:30:07Z",
      level: "Info",
      message: "Processing URL",
      url: "https://Example.com/Page",
    },
    { timestamp: "2024-10-16T10:30:08Z", level: "Warn", message: "Slow response (12s)", url: null },
    { timestamp: "2024-10-16T10:30:09Z", level: "Error", message: "HTTP 500 from server" },
  ];
  await store.appendLog(job.id, entries);
  for (let i = 0; i < 150; i++) {
    await store.appendLog(job.id, {
      timestamp: "2024-10-16T10:31:00Z",
      level: "Debug",
      message: `tick ${i}`,
    });
  }
  await store.close();
  const run = (...args: string[]) =>
    runCli(["job-local", "logs", "--id", "job_670f", ...args], { home: home.path });

  await t.step("the format is `date time LEVEL message [url]`", async () => {
    const r = await run("--lines", "200", "--level", "info");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "2024-10-16 10:30:00 INFO Job created",
        "2024-10-16 10:30:05 INFO Job started",
        "2024-10-16 10:30:07 INFO Processing URL: https://Example.com/Page",
        "2024-10-16 10:30:08 WARN Slow response (12s)",
        "2024-10-16 10:30:09 ERROR HTTP 500 from server",
        "",
      ].join("\n"),
    );
  });

  await t.step("by default the last 100 lines", async () => {
    const r = await run();
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 100);
    assert.equal(lines.at(-1), "2024-10-16 10:31:00 DEBUG tick 149");
    assert.equal(lines[0], "2024-10-16 10:31:00 DEBUG tick 50");
  });

  await t.step("--level is a minimum: warn shows warn and error", async () => {
    const r = await run("--level", "warn");
    assert.deepEqual(r.stdout.trimEnd().split("\n").map((l) => l.split(" ")[2]), ["WARN", "ERROR"]);
  });

  await t.step("--grep is case-insensitive and also matches the URL", async () => {
    const byMessage = await run("--grep", "http 500");
    assert.equal(byMessage.stdout, "2024-10-16 10:30:09 ERROR HTTP 500 from server\n");
    const byUrl = await run("--grep", "example.COM/page");
    assert.equal(
      byUrl.stdout,
      "2024-10-16 10:30:07 INFO Processing URL: https://Example.com/Page\n",
    );
  });

  await t.step("--lines N keeps the last N matching lines", async () => {
    const r = await run("--lines", "2", "--level", "info");
    assert.equal(r.stdout.trimEnd().split("\n").length, 2);
    assert.match(r.stdout, /ERROR HTTP 500/);
  });

  await t.step("-o json prints a JSON array of log entries", async () => {
    const r = await run("-o", "json", "--level", "warn");
    assert.deepEqual(JSON.parse(r.stdout), [entries[3], { ...entries[4], url: null }]);
  });
});

Deno.test("logs --follow streams new lines and ends when the job ends", async () => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const job = await seedJob(store, { created: "2024-10-16T10:30:00Z" });
  const child = new Deno.Command(`${ROOT}/riptide`, {
    args: ["job-local", "logs", "--id", job.id, "--follow", "--grep", "step"],
    cwd: ROOT,
    env: { RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await store.update(job.id, (j) => transition(j, "running"));
  for (let i = 1; i <= 3; i++) {
    await store.appendLog(job.id, {
      timestamp: "2024-10-16T10:30:10Z",
      level: "Info",
      message: `step ${i}`,
    });
    await new Promise((r) => setTimeout(r, 300));
  }
  // The last line goes before the final status: no worker runs here, and a
  // viewer waits for lines after the final status only while one does.
  await store.appendLog(job.id, {
    timestamp: "2024-10-16T10:30:20Z",
    level: "Info",
    message: "last step",
  });
  await store.update(job.id, (j) => transition(j, "completed"));
  const out = await child.output();
  await store.close();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.equal(
    new TextDecoder().decode(out.stdout),
    [
      "2024-10-16 10:30:10 INFO step 1",
      "2024-10-16 10:30:10 INFO step 2",
      "2024-10-16 10:30:10 INFO step 3",
      "2024-10-16 10:30:20 INFO last step",
      "",
    ].join("\n"),
  );
});

Deno.test("cancel stops pending and running jobs and refuses finished ones", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const pending = await seedJob(store, { created: "2024-10-16T10:30:00Z" });
  const running = await seedJob(store, {
    created: "2024-10-14T10:30:00Z",
    status: "running",
    urls: ["https://example.com/1", "https://example.com/2"],
    completed: 1,
  });
  const done = await seedJob(store, { created: "2024-10-12T10:30:00Z", status: "completed" });
  await store.close();

  await t.step("a pending job is cancelled at once", async () => {
    const r = await runCli(["job-local", "cancel", "--id", "job_670f"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Cancelled job ${pending.id} (was pending): it will not run\n`);
    const meta = JSON.parse(
      await readJobFile(home.path, pending.id, "metadata.json"),
    );
    assert.equal(meta.status, "cancelled");
    assert.ok(meta.completed_at);
    assert.deepEqual(meta.history.at(-1).from, "pending");
  });

  await t.step("a running job is marked cancelled with a log line for the worker", async () => {
    const r = await runCli(["job-local", "cancel", "--id", running.id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      job_id: running.id,
      previous_status: "running",
      status: "cancelled",
    });
    const logs = await runCli(["job-local", "logs", "--id", running.id], { home: home.path });
    assert.match(logs.stdout, /INFO Cancellation requested$/m);
    // The request comes before the status change it causes.
    const at = (text: string) => logs.stdout.split("\n").findIndex((l) => l.includes(text));
    assert.ok(at("Cancellation requested") >= 0 && at("Status changed: running → cancelled") >= 0);
    assert.ok(
      at("Cancellation requested") < at("Status changed: running → cancelled"),
      logs.stdout,
    );
    const meta = JSON.parse(
      await readJobFile(home.path, running.id, "metadata.json"),
    );
    assert.equal(meta.progress.completed, 1);
  });

  await t.step("a finished job: one-line error, exit 1, nothing changed", async () => {
    const before = await readJobFile(home.path, done.id, "metadata.json");
    for (const id of [done.id, pending.id]) {
      const r = await runCli(["job-local", "cancel", "--id", id], { home: home.path });
      assert.equal(r.code, 1);
      assert.equal(r.stdout, "");
      assert.match(
        r.stderr,
        /^error: Job job_\S+ is already (completed|cancelled): only pending or running jobs can be cancelled\n$/,
      );
    }
    assert.equal(await readJobFile(home.path, done.id, "metadata.json"), before);
  });
});
