import assert from "node:assert/strict";
import { join } from "node:path";
import { isoNow, type JobId, transition } from "@riptide/core";
import { ROOT, runCli, storeEnv, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { readJobFile, storeAt, writeConfig } from "./_cli_fixtures.ts";
import { waitForNoWorker } from "./_worker_helpers.ts";

async function metadata(home: string, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readJobFile(home, id, "metadata.json"));
}

Deno.test("submit stores a pending job and says how to follow it", async (t) => {
  await using home = await tempHome();

  await t.step("table mode prints the full id, the short id and the follow commands", async () => {
    const r = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/a",
      "--url",
      "https://example.com/b",
      "--url",
      "https://example.com/a",
      "--name",
      "my-extraction",
      "--priority",
      "high",
      "--tags",
      "production, important,production",
      "--no-worker",
    ], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const m = /^Submitted job (job_[0-9a-f]{8}_[0-9a-f]{8}) \(short id (job_[0-9a-f]+)\)$/m.exec(
      r.stdout,
    );
    assert.ok(m, r.stdout);
    const [, id, short] = m;
    assert.ok(id!.slice(13).startsWith(short!.slice(4)));
    assert.match(r.stdout, /^ {2}2 URLs, strategy auto, priority high$/m);
    assert.match(r.stdout, /Queued only \(--no-worker\): a worker started later runs it/);
    assert.ok(r.stdout.includes(`riptide job-local status --id ${short} --watch`));
    assert.ok(r.stdout.includes(`riptide job-local logs --id ${short} --follow`));
    const job = await metadata(home.path, id!);
    assert.equal(job.status, "pending");
    assert.equal(job.name, "my-extraction");
    assert.equal(job.priority, "high");
    assert.equal(job.strategy, "auto");
    assert.deepEqual(job.urls, ["https://example.com/a", "https://example.com/b"]);
    assert.deepEqual(job.tags, ["production", "important"]);
    assert.equal(job.stream, false);
  });

  await t.step("-o json prints only a JSON object whose job_id is the full id", async () => {
    const r = await runCli(
      ["job-local", "submit", "--url", "https://example.com/", "-o", "json", "--no-worker"],
      { home: home.path },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.job_id, /^job_[0-9a-f]{8}_[0-9a-f]{8}$/);
    assert.ok(out.job_id.slice(13).startsWith(out.short_id.slice(4)));
    assert.equal(out.status, "pending");
    assert.equal(out.url_count, 1);
    assert.equal(out.worker_started, false);
    assert.equal((await metadata(home.path, out.job_id)).status, "pending");
  });

  await t.step("--urls-file reads one URL per line with # comments", async () => {
    const file = join(home.path, "urls.txt");
    await Deno.writeTextFile(
      file,
      "# my batch\nhttps://example.com/1\n\n  https://example.com/2  # second\nhttps://example.com/1\n",
    );
    const r = await runCli(
      [
        "job-local",
        "submit",
        "--urls-file",
        file,
        "--url",
        "https://example.com/0",
        "-o",
        "json",
        "--no-worker",
      ],
      { home: home.path },
    );
    assert.equal(r.code, 0, r.stderr);
    const job = await metadata(home.path, JSON.parse(r.stdout).job_id);
    assert.deepEqual(job.urls, [
      "https://example.com/0",
      "https://example.com/1",
      "https://example.com/2",
    ]);
  });

  await t.step("--urls-file - reads stdin", async () => {
    const r = await runCli(
      ["job-local", "submit", "--urls-file", "-", "-o", "json", "--no-worker"],
      { home: home.path, stdin: "https://example.com/x\nhttps://example.com/y\n" },
    );
    assert.equal(r.code, 0, r.stderr);
    const job = await metadata(home.path, JSON.parse(r.stdout).job_id);
    assert.deepEqual(job.urls, ["https://example.com/x", "https://example.com/y"]);
  });

  await t.step("strategy options are stored on the job", async () => {
    const css = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/",
      "--selector",
      "title=h1",
      "--selector",
      "article p",
      "-o",
      "json",
      "--no-worker",
    ], { home: home.path });
    assert.equal(css.code, 0, css.stderr);
    const cssJob = await metadata(home.path, JSON.parse(css.stdout).job_id);
    assert.equal(cssJob.strategy, "css");
    assert.deepEqual(cssJob.options, { selectors: { title: "h1", content: "article p" } });

    const regex = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/",
      "--strategy",
      "regex",
      "--pattern",
      "email",
      "--pattern",
      "sku=SKU-\\d{4}",
      "--format",
      "markdown",
      "-o",
      "json",
      "--no-worker",
    ], { home: home.path });
    assert.equal(regex.code, 0, regex.stderr);
    const regexJob = await metadata(home.path, JSON.parse(regex.stdout).job_id);
    assert.equal(regexJob.strategy, "regex");
    assert.deepEqual(regexJob.options, {
      patterns: { email: "email", sku: "SKU-\\d{4}" },
      markdown: true,
    });

    const schemaFile = join(home.path, "schema.json");
    await Deno.writeTextFile(
      schemaFile,
      '{"type":"object","properties":{"price":{"type":"number"}}}',
    );
    const llm = await runCli([
      "job-local",
      "submit",
      "--url",
      "https://example.com/",
      "--prompt",
      "Extract the price",
      "--schema",
      `@${schemaFile}`,
      "-o",
      "json",
      "--no-worker",
    ], { home: home.path, env: { RIPTIDE_LLM_BASE_URL: "http://127.0.0.1:9/v1" } });
    assert.equal(llm.code, 0, llm.stderr);
    const llmJob = await metadata(home.path, JSON.parse(llm.stdout).job_id);
    assert.equal(llmJob.strategy, "llm");
    assert.deepEqual(llmJob.options, {
      prompt: "Extract the price",
      schema: { type: "object", properties: { price: { type: "number" } } },
    });
  });

  await t.step("config defaults apply and flags win over them", async () => {
    await Deno.writeTextFile(
      join(home.path, "config.jsonc"),
      '{\n  // team defaults\n  "defaults": { "priority": "critical", "strategy": "css" },\n}\n',
    );
    const fromConfig = await runCli(
      ["job-local", "submit", "--url", "https://example.com/", "-o", "json", "--no-worker"],
      { home: home.path },
    );
    const a = await metadata(home.path, JSON.parse(fromConfig.stdout).job_id);
    assert.equal(a.priority, "critical");
    assert.equal(a.strategy, "css");
    const flags = await runCli(
      [
        "job-local",
        "submit",
        "--url",
        "https://example.com/",
        "--priority",
        "low",
        "--strategy",
        "auto",
        "-o",
        "json",
        "--no-worker",
      ],
      { home: home.path },
    );
    const b = await metadata(home.path, JSON.parse(flags.stdout).job_id);
    assert.equal(b.priority, "low");
    assert.equal(b.strategy, "auto");
    await Deno.remove(join(home.path, "config.jsonc"));
  });
});

Deno.test("submit --stream follows the log until the job ends, with its exit code", async (t) => {
  await using home = await tempHome();
  const store = await storeAt(home.path);
  await writeConfig(home.path);

  async function streamed(
    finish: (id: JobId) => Promise<void>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const child = new Deno.Command(join(ROOT, "riptide"), {
      args: ["job-local", "submit", "--url", "https://example.com/", "--stream", "--no-worker"],
      cwd: ROOT,
      env: { RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Wait until the job exists, then play the worker's part.
    let id: JobId | undefined;
    const deadline = Date.now() + 60_000;
    while (id === undefined && Date.now() < deadline) {
      const { jobs } = await store.list({ status: "pending" });
      id = jobs[0]?.id;
      if (id === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(id, "the job was created");
    await finish(id);
    const out = await child.output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  }

  await t.step("completed: every log line in order, exit 0", async () => {
    const r = await streamed(async (id) => {
      await store.update(id, (j) => transition(j, "running"));
      await store.appendLog(id, {
        timestamp: isoNow(),
        level: "Info",
        message: "Processing URL",
        url: "https://example.com/",
      });
      await new Promise((r) => setTimeout(r, 400));
      await store.appendLog(id, { timestamp: isoNow(), level: "Warn", message: "Slow response" });
      // Written before the final status: no worker runs here, and a viewer
      // waits for lines after it only while one does (a loaded machine could
      // let it stop between the two writes).
      await store.appendLog(id, { timestamp: isoNow(), level: "Info", message: "Job finished" });
      await store.update(id, (j) => transition(j, "completed"));
    });
    assert.equal(r.code, 0, r.stderr);
    const messages = r.stdout.split("\n").filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /.test(l))
      .map((l) => l.slice(20));
    assert.deepEqual(messages, [
      "INFO Job created",
      "INFO Status changed: pending → running",
      "INFO Processing URL: https://example.com/",
      "WARN Slow response",
      "INFO Job finished",
      "INFO Status changed: running → completed",
    ]);
    assert.match(r.stdout, /^Job job_\S+ completed$/m);
  });

  await t.step("failed: exit 1", async () => {
    const r = await streamed(async (id) => {
      await store.update(id, (j) => transition(j, "running"));
      await store.update(id, (j) => transition(j, "failed", { error: "All URLs failed" }));
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Job job_\S+ failed: All URLs failed$/m);
  });

  await t.step("cancelled: exit 3", async () => {
    const r = await streamed(async (id) => {
      await store.update(id, (j) => transition(j, "cancelled"));
    });
    assert.equal(r.code, 3, r.stderr);
  });
  await store.close();
});

Deno.test("submit starts a worker that runs the job end to end (file:// page)", async () => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 1 } }),
  );
  const page = join(ROOT, "executor", "testdata", "article.html");
  const r = await runCli(
    ["job-local", "submit", "--url", `file://${page}`, "--name", "demo", "--stream"],
    { home: home.path },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /INFO Processing URL: file:\/\//);
  const id = /^Submitted job (job_\S+)/m.exec(r.stdout)![1]!;
  const results = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
    home: home.path,
  });
  assert.equal(results.code, 0, results.stderr);
  const data = JSON.parse(results.stdout);
  assert.equal(data.job_id, id);
  assert.equal(data.successful, 1);
  assert.match(data.extractions[0].content, /Rock pools along the Atlantic coast/);
  // The idle worker exits before the home is removed (it may be slow to on a busy machine).
  await waitForNoWorker(home.path);
});

Deno.test("submit --stream detaches on Ctrl-C: exit 130, the job stays queued", async () => {
  await using home = await tempHome();
  const child = new Deno.Command(join(ROOT, "riptide"), {
    args: ["job-local", "submit", "--url", "https://example.com/", "--stream", "--no-worker"],
    cwd: ROOT,
    env: { RIPTIDE_HOME: home.path, ...storeEnv(home.path) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // The first streamed line ("Job created") means the follower is running.
  const reader = child.stdout.getReader();
  let seen = "";
  while (!seen.includes("INFO Job created")) {
    const chunk = await reader.read();
    if (chunk.done) break;
    seen += new TextDecoder().decode(chunk.value);
  }
  reader.releaseLock();
  child.kill("SIGINT");
  const out = await child.output();
  assert.equal(out.code, 130);
  assert.equal(
    new TextDecoder().decode(out.stderr),
    "Detached; the job keeps running in the background\n",
  );
  const id = /Submitted job (job_\S+)/.exec(seen)![1]!;
  assert.equal((await metadata(home.path, id)).status, "pending");
});
