import assert from "node:assert/strict";
import { shortIdOf, transition } from "@riptide/core";
import { LAUNCHER, ROOT, runCli, storeEnv, tempHome } from "./_helpers.ts";
import { waitFor } from "./_worker_helpers.ts";
import {
  failure,
  readJobFile,
  seedJob,
  seedResults,
  storeAt,
  success,
  writeConfig,
} from "./_cli_fixtures.ts";

const URLS = Array.from({ length: 10 }, (_, i) => `https://example.com/page${i + 1}`);

Deno.test("status shows one job in the specified layout", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const running = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    name: "my-extraction",
    priority: "high",
    status: "running",
    urls: URLS,
    completed: 5,
    currentItem: "https://example.com/page5",
    tags: ["production", "important"],
  });
  await seedResults(store, running, {
    extractions: [
      success(URLS[0]!, { title: "Page One", content: "Hello world", ms: 1234 }),
      failure(URLS[1]!, "HTTP 404 Not Found"),
    ],
    final: false,
  });
  const done = await seedJob(store, {
    created: "2024-10-12T08:00:00Z",
    name: null,
    status: "failed",
    urls: ["https://example.org/"],
    failed: 1,
    runFor: 75,
    error: "All URLs failed",
  });
  await store.close();

  await t.step("a running job: the lines of the specification, plus tags", async () => {
    const r = await runCli(["job-local", "status", "--id", "job_670f"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.deepEqual(lines.slice(0, 9), [
      `Job: ${running.id} (short id ${shortIdOf(running.id, [running.id, done.id])})`,
      "Name: my-extraction",
      "Status: running",
      "Priority: high",
      "Strategy: auto",
      "Progress: 5/10 (50%)",
      "Current: https://example.com/page5",
      "Created: 2024-10-16 10:30:00 UTC",
      "Started: 2024-10-16 10:30:05 UTC",
    ]);
    assert.match(r.stdout, /^Duration: .+ \(running\)$/m);
    assert.match(r.stdout, /^Tags: production, important$/m);
    assert.doesNotMatch(r.stdout, /^Completed:/m);
    assert.doesNotMatch(r.stdout, /^Error:/m);
  });

  await t.step("a failed job shows Completed, Duration and Error", async () => {
    const r = await runCli(["job-local", "status", "--id", done.id], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `Job: ${done.id} (short id ${shortIdOf(done.id, [running.id, done.id])})`,
        "Name: -",
        "Status: failed",
        "Priority: medium",
        "Strategy: auto",
        "Progress: 1/1 (100%)",
        "Failed URLs: 1",
        "Created: 2024-10-12 08:00:00 UTC",
        "Started: 2024-10-12 08:00:05 UTC",
        "Completed: 2024-10-12 08:01:20 UTC",
        "Duration: 1m 15s",
        "Error: All URLs failed",
        "",
      ].join("\n"),
    );
  });

  await t.step("--detailed lists every URL with its state and the history", async () => {
    const r = await runCli(["job-local", "status", "--id", "job_670f", "--detailed"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /│ +1 │ https:\/\/example\.com\/page1 +│ success │ Page One, 11 chars, fetch 80ms \+ extraction 1\.2s │/,
    );
    assert.match(r.stdout, /│ +2 │ https:\/\/example\.com\/page2 +│ failed +│ HTTP 404 Not Found/);
    assert.match(r.stdout, /│ 10 │ https:\/\/example\.com\/page10 +│ pending +│/);
    assert.match(r.stdout, /^History \(UTC\):$/m);
    assert.match(r.stdout, /^ {2}2024-10-16 10:30:00 {2}created → pending$/m);
    assert.match(r.stdout, /^ {2}2024-10-16 10:30:05 {2}pending → running$/m);
  });

  await t.step("-o json prints metadata.json exactly", async () => {
    const r = await runCli(["job-local", "status", "--id", "job_670f", "-o", "json"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    const file = await readJobFile(home.path, running.id, "metadata.json");
    assert.equal(r.stdout, file);
  });

  await t.step("-o json --detailed adds url_states and nothing else", async () => {
    const r = await runCli(
      ["job-local", "status", "--id", "job_670f", "-o", "json", "--detailed"],
      { home: home.path },
    );
    const data = JSON.parse(r.stdout);
    const file = JSON.parse(
      await readJobFile(home.path, running.id, "metadata.json"),
    );
    const { url_states: states, ...rest } = data;
    assert.deepEqual(rest, file);
    assert.equal(states.length, 10);
    assert.deepEqual(states[0], {
      url: URLS[0],
      state: "success",
      error: null,
      title: "Page One",
      characters: 11,
      extraction_time_ms: 1234,
      fetch_time_ms: 80,
      total_time_ms: 1314,
    });
    assert.equal(states[1].state, "failed");
    assert.equal(states[1].error, "HTTP 404 Not Found");
    assert.equal(states[9].state, "pending");
  });
});

Deno.test("short ids: a unique prefix resolves, an ambiguous one is an error listing both", async () => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const a = await seedJob(store, { created: "2024-10-16T10:30:00Z", name: "a" });
  const b = await seedJob(store, { created: "2024-10-16T10:30:00Z", name: "b" });
  await store.close();
  assert.equal(a.id.slice(0, 13), b.id.slice(0, 13));

  const ambiguous = await runCli(["job-local", "status", "--id", "job_670f95a8"], {
    home: home.path,
  });
  assert.equal(ambiguous.code, 1);
  assert.equal(ambiguous.stdout, "");
  assert.equal(ambiguous.stderr.trimEnd().split("\n").length, 1);
  assert.match(ambiguous.stderr, /^error: Ambiguous job id "job_670f95a8": matches /);
  assert.ok(ambiguous.stderr.includes(a.id) && ambiguous.stderr.includes(b.id));

  // list shows ids long enough to tell the two apart, and they resolve.
  const list = await runCli(["job-local", "list", "-o", "json"], { home: home.path });
  const shorts: string[] = JSON.parse(list.stdout).jobs.map((j: { short_id: string }) =>
    j.short_id
  );
  assert.equal(new Set(shorts).size, 2);
  for (const short of shorts) {
    const r = await runCli(["job-local", "status", "--id", short, "-o", "json"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(shortIdOf(JSON.parse(r.stdout).id, [a.id, b.id]), short);
  }
  const full = await runCli(["job-local", "status", "--id", a.id], { home: home.path });
  assert.match(full.stdout, /^Name: a$/m);
});

Deno.test("status --watch exits by itself with the job's outcome", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const completed = await seedJob(store, {
    created: "2024-10-16T10:30:00Z",
    status: "completed",
    completed: 1,
  });
  const failed = await seedJob(store, {
    created: "2024-10-14T10:30:00Z",
    status: "failed",
    failed: 1,
    error: "boom",
  });
  const cancelled = await seedJob(store, { created: "2024-10-12T10:30:00Z", status: "cancelled" });
  const pending = await seedJob(store, {
    created: "2024-10-10T10:30:00Z",
    urls: ["https://example.com/a", "https://example.com/b"],
  });

  for (
    const [job, code] of [[completed, 0], [failed, 1], [cancelled, 3]] as const
  ) {
    await t.step(`a ${job.status} job: one frame and exit ${code}`, async () => {
      const r = await runCli(["job-local", "status", "--id", job.id, "--watch"], {
        home: home.path,
      });
      assert.equal(r.code, code, r.stderr);
      assert.equal(r.stdout.match(/^Job: /gm)?.length, 1);
      assert.match(r.stdout, /^Progress: .*\[[█░]{30}\] \d+%$/m);
    });
  }

  await t.step("a job that finishes while watched: frames until it completes, exit 0", async () => {
    const child = new Deno.Command(LAUNCHER, {
      args: ["job-local", "status", "--id", pending.id, "--watch", "--interval", "0.1"],
      cwd: ROOT,
      env: { RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    // Change the job only once the first frame (pending) is on screen.
    let stdout = "";
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    while (!/^Status: pending$/m.test(stdout)) {
      const { value, done } = await reader.read();
      if (done) break;
      stdout += value;
    }
    const watcher = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        stdout += value;
      }
      return { code: (await child.status).code, stdout, stderr: await stderr };
    })();
    await store.update(pending.id, (j) => ({
      ...transition(j, "running"),
      progress: { ...j.progress, completed: 1, percentage: 50, current_item: j.urls[0]! },
    }));
    // Completed only once the running frame is on screen (a busy machine may take long).
    await waitFor("the running frame", () => /^Status: running$/m.test(stdout) || undefined);
    await store.update(pending.id, (j) => ({
      ...transition(j, "completed"),
      progress: { ...j.progress, completed: 2, percentage: 100, current_item: null },
    }));
    const r = await watcher;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Status: pending$/m);
    assert.match(r.stdout, /^Status: running$/m);
    assert.match(r.stdout, /^Status: completed$/m);
    assert.match(r.stdout, /^Progress: 1\/2 \[█{15}░{15}\] 50%$/m);
  });

  await t.step("-o json --watch prints one JSON object per change", async () => {
    const r = await runCli(["job-local", "status", "--id", completed.id, "--watch", "-o", "json"], {
      home: home.path,
    });
    assert.equal(r.code, 0);
    const objects = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(objects.length, 1);
    assert.equal(objects[0].status, "completed");
  });
  await store.close();
});

Deno.test("status --watch detaches on Ctrl-C with exit 130 and says the job keeps running", async () => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);
  const job = await seedJob(store, { created: "2024-10-16T10:30:00Z" });
  await store.close();
  const { LAUNCHER, ROOT } = await import("./_helpers.ts");
  const child = new Deno.Command(LAUNCHER, {
    args: ["job-local", "status", "--id", job.id, "--watch", "--interval", "0.2"],
    cwd: ROOT,
    env: { RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Wait for the first frame, then interrupt.
  const reader = child.stdout.getReader();
  const first = await reader.read();
  assert.match(new TextDecoder().decode(first.value), /^Job: /);
  reader.releaseLock();
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  assert.equal(
    new TextDecoder().decode(out.stderr),
    "Detached; the job keeps running in the background\n",
  );
});
