import assert from "node:assert/strict";
import { shortIdOf } from "@riptide/core";
import { ROOT, runCli, tempHome } from "./_helpers.ts";
import { readJobFile, seedJob, storeAt, writeConfig } from "./_cli_fixtures.ts";
import { waitFor, waitForNoWorker } from "./_worker_helpers.ts";

const URLS_10 = Array.from({ length: 10 }, (_, i) => `https://example.com/page${i + 1}`);
const URLS_8 = Array.from({ length: 8 }, (_, i) => `https://example.org/${i + 1}`);

Deno.test("list prints the specified table, newest first, and filters", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const running = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    name: "test",
    priority: "high",
    status: "running",
    urls: URLS_10,
    completed: 4,
    failed: 1,
    tags: ["production"],
  });
  const done = await seedJob(store, {
    created: "2024-10-14T09:15:00Z",
    status: "completed",
    urls: URLS_8,
    completed: 8,
  });
  const pending = await seedJob(store, {
    created: "2024-10-12T08:00:00Z",
    name: "a-very-long-job-name-that-goes-on-and-on-and-on",
    priority: "critical",
  });
  const broken = await seedJob(store, {
    created: "2024-10-10T07:00:00Z",
    name: "broken",
    priority: "low",
    status: "failed",
    completed: 0,
    failed: 1,
    error: "All URLs failed",
  });
  await store.close();
  // Short ids: job_ and the first 4 digits of the random part (5 for the rare job whose
  // first 4 an earlier job shares), padded to the column.
  const ids = [running, done, pending, broken].map((j) => j.id);
  const [r0, r1, r2, r3] = ids.map((id) => shortIdOf(id, ids));
  const pad = (short: string | undefined) =>
    short!.padEnd(Math.max(...ids.map((id) => shortIdOf(id, ids).length)));
  const rule = "─".repeat(pad(r0).length + 2);

  await t.step("the default table matches the specification exactly", async () => {
    const r = await runCli(["job-local", "list"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.equal(
      r.stdout,
      [
        "Found 4 job(s)",
        `┌${rule}┬────────────────────────────────┬───────────┬──────────┬────────────┬─────────────────────┐`,
        `│ ${
          pad("ID")
        } │ Name                           │ Status    │ Priority │ Progress   │ Created (UTC)       │`,
        `├${rule}┼────────────────────────────────┼───────────┼──────────┼────────────┼─────────────────────┤`,
        `│ ${
          pad(r0)
        } │ test                           │ running   │ high     │ 5/10 (50%) │ 2024-10-16 10:30:00 │`,
        `│ ${
          pad(r1)
        } │ -                              │ completed │ medium   │ 8/8 (100%) │ 2024-10-14 09:15:00 │`,
        `│ ${
          pad(r2)
        } │ a-very-long-job-name-that-goe… │ pending   │ critical │ 0/1 (0%)   │ 2024-10-12 08:00:00 │`,
        `│ ${
          pad(r3)
        } │ broken                         │ failed    │ low      │ 1/1 (100%) │ 2024-10-10 07:00:00 │`,
        `└${rule}┴────────────────────────────────┴───────────┴──────────┴────────────┴─────────────────────┘`,
        "",
      ].join("\n"),
    );
  });

  await t.step("the short ids in the ID column are accepted by other commands", async () => {
    // The short id in any case, and a prefix of the full id, all mean the same job.
    for (const raw of [r1!, r1!.toUpperCase(), "job_670c"]) {
      const r = await runCli(["job-local", "status", "--id", raw], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split("\n")[0], `Job: ${done.id} (short id ${r1})`);
    }
  });

  await t.step("--limit keeps the newest and says how many matched", async () => {
    const r = await runCli(["job-local", "list", "--limit", "2"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[0], "Found 4 job(s), showing the newest 2");
    assert.ok(r.stdout.includes(`${r0} `));
    assert.ok(r.stdout.includes(`${r1} `));
    assert.ok(!r.stdout.includes(`${r2} `));
  });

  await t.step("--status, --priority and --tag filter", async () => {
    const byStatus = await runCli(["job-local", "list", "--status", "failed"], { home: home.path });
    assert.equal(byStatus.stdout.split("\n")[0], "Found 1 job(s)");
    assert.ok(byStatus.stdout.includes(`${r3} │ broken`));
    const byPriority = await runCli(["job-local", "list", "--priority", "CRITICAL"], {
      home: home.path,
    });
    assert.equal(byPriority.stdout.split("\n")[0], "Found 1 job(s)");
    assert.ok(byPriority.stdout.includes(`${r2} `));
    const byTag = await runCli(["job-local", "list", "--tag", "production"], { home: home.path });
    assert.equal(byTag.stdout.split("\n")[0], "Found 1 job(s)");
    assert.ok(byTag.stdout.includes(`${r0} `));
    const none = await runCli(["job-local", "list", "--status", "cancelled"], { home: home.path });
    assert.equal(none.code, 0);
    assert.equal(none.stdout, "Found 0 job(s)\n");
  });

  await t.step("-o json prints only JSON with full jobs and short ids", async () => {
    const r = await runCli(["job-local", "list", "-o", "json", "--limit", "3"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    const data = JSON.parse(r.stdout);
    assert.equal(data.total, 4);
    assert.equal(data.count, 3);
    assert.deepEqual(
      data.jobs.map((j: { short_id: string }) => j.short_id),
      [r0, r1, r2],
    );
    assert.equal(data.jobs[0].progress.completed, 4);
    assert.equal(data.jobs[0].name, "test");
    assert.equal(data.jobs[1].name, null);
  });

  await t.step("defaults.output in the config file selects JSON; -o table wins", async () => {
    await Deno.writeTextFile(
      `${home.path}/config.jsonc`,
      '// defaults\n{ "defaults": { "output": "json", }, "worker": { "autostart": false } }\n',
    );
    const json = await runCli(["job-local", "list"], { home: home.path });
    assert.equal(JSON.parse(json.stdout).total, 4);
    const table = await runCli(["job-local", "list", "-o", "table"], { home: home.path });
    assert.equal(table.stdout.split("\n")[0], "Found 4 job(s)");
    await writeConfig(home.path);
  });

  await t.step("no colour when stdout is not a terminal, even with TERM set", async () => {
    const r = await runCli(["job-local", "list"], {
      home: home.path,
      env: { TERM: "xterm-256color" },
    });
    assert.ok(!r.stdout.includes("\x1b["), "no ANSI escape codes");
  });
});

Deno.test("list on an empty home finds nothing and does not fail", async () => {
  await using home = await tempHome();
  const r = await runCli(["job-local", "list"], { home: home.path });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "Found 0 job(s)\n");
  const json = await runCli(["job-local", "list", "-o", "json"], { home: home.path });
  assert.deepEqual(JSON.parse(json.stdout), { total: 0, count: 0, jobs: [] });
});

Deno.test("list starts a worker for a queued job when none is alive (worker.autostart)", async () => {
  await using home = await tempHome();
  await writeConfig(home.path, { worker: { autostart: true, idle_timeout: 1 } });
  const page = `file://${ROOT}/executor/testdata/article.html`;
  const submitted = await runCli(
    ["job-local", "submit", "--url", page, "--no-worker", "-o", "json"],
    { home: home.path },
  );
  const id = JSON.parse(submitted.stdout).job_id;
  const list = await runCli(["job-local", "list"], { home: home.path });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /pending/);
  // The worker list started runs the job (slowly on a busy machine).
  await waitFor("the job to complete", async () => {
    const meta = JSON.parse(await readJobFile(home.path, id, "metadata.json"));
    return meta.status === "completed" ? meta : undefined;
  }, 60_000);
  // The idle worker exits before the home is removed (it may be slow to on a busy machine).
  await waitForNoWorker(home.path);
});
