import assert from "node:assert/strict";
import { join } from "node:path";
import type { MetricEventInput, MetricsSummary } from "@riptide/core";
import { MetricsRecorder } from "@riptide/storage";
import { LAUNCHER, ROOT, runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { parsePrometheusText, promValue } from "./_prom.ts";

const MIN = 60_000;

/**
 * Records a small, hand-counted history: 17 events, one of them two days
 * old, the rest within the last hour.
 */
async function recordHistory(home: string): Promise<void> {
  const base = Date.now() - 30 * MIN;
  const at = (seconds: number): string => new Date(base + seconds * 1000).toISOString();
  const r = new MetricsRecorder(home);
  const rec = (e: MetricEventInput): Promise<void> => r.record(e);
  const url = { host: "127.0.0.1", http_status: 200, retries: 0, strategy: "auto" } as const;
  // Two days ago: outside --since 24h.
  await rec({
    ts: new Date(Date.now() - 2 * 1440 * MIN).toISOString(),
    type: "job_submitted",
    job_id: "job_old",
    priority: "low",
    strategy: "auto",
    urls: 1,
  });
  // job_a: 3 URLs, 2 extracted, 1 failed (timeout), completed in 8 s.
  await rec({
    ts: at(0),
    type: "job_submitted",
    job_id: "job_a",
    priority: "high",
    strategy: "auto",
    urls: 3,
  });
  await rec({ ts: at(1), type: "job_started", job_id: "job_a", attempt: 1 });
  await rec({
    ts: at(2),
    type: "url_extracted",
    job_id: "job_a",
    ...url,
    duration_ms: 300,
    bytes: 2048,
    chars: 900,
  });
  await rec({
    ts: at(3),
    type: "url_extracted",
    job_id: "job_a",
    ...url,
    duration_ms: 500,
    bytes: 1024,
    chars: 400,
  });
  await rec({
    ts: at(8),
    type: "url_failed",
    job_id: "job_a",
    host: "slow.test",
    reason_class: "timeout",
    strategy: "auto",
    duration_ms: 5000,
    http_status: null,
    retries: 2,
  });
  await rec({
    ts: at(9),
    type: "job_finished",
    job_id: "job_a",
    status: "completed",
    duration_ms: 8000,
    successful: 2,
    failed: 1,
  });
  // job_b: 1 URL, 404, failed in 1 s.
  await rec({
    ts: at(20),
    type: "job_submitted",
    job_id: "job_b",
    priority: "medium",
    strategy: "css",
    urls: 1,
  });
  await rec({ ts: at(21), type: "job_started", job_id: "job_b", attempt: 1 });
  await rec({
    ts: at(22),
    type: "url_failed",
    job_id: "job_b",
    host: "a.test",
    reason_class: "http_404",
    strategy: "css",
    duration_ms: 40,
    http_status: 404,
    retries: 0,
  });
  await rec({
    ts: at(22),
    type: "job_finished",
    job_id: "job_b",
    status: "failed",
    duration_ms: 1000,
    successful: 0,
    failed: 1,
  });
  // job_c: cancelled while pending.
  await rec({
    ts: at(30),
    type: "job_submitted",
    job_id: "job_c",
    priority: "low",
    strategy: "auto",
    urls: 2,
  });
  await rec({ ts: at(31), type: "job_cancelled", job_id: "job_c", duration_ms: null });
  for (const [i, d] of [120, 80, 100].entries()) {
    await rec({
      ts: at(40 + i),
      type: "command",
      name: "job-local submit",
      duration_ms: d,
      ok: true,
      error_class: null,
    });
  }
  await rec({
    ts: at(50),
    type: "command",
    name: "job-local list",
    duration_ms: 60,
    ok: false,
    error_class: "UsageError",
  });
}

async function showJson(home: string, ...args: string[]): Promise<MetricsSummary> {
  const r = await runCli(["metrics", "show", "-o", "json", ...args], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

Deno.test("metrics show reports the numbers of a hand count", async (t) => {
  await using home = await tempHome();
  await recordHistory(home.path);

  await t.step("-o json over all retained events", async () => {
    const s = await showJson(home.path);
    assert.equal(s.window.events, 17);
    assert.deepEqual(
      [s.jobs.submitted, s.jobs.started, s.jobs.completed, s.jobs.failed, s.jobs.cancelled],
      [4, 2, 1, 1, 1],
    );
    assert.equal(s.jobs.success_rate, 0.5);
    assert.deepEqual([s.jobs.duration.avg_ms, s.jobs.duration.p50_ms, s.jobs.duration.p95_ms], [
      4500,
      1000,
      8000,
    ]);
    assert.deepEqual([s.urls.extracted, s.urls.failed, s.urls.bytes, s.urls.retries], [
      2,
      2,
      3072,
      2,
    ]);
    // Busy time: job_a 1-9 s plus job_b 21-22 s = 9 s.
    assert.equal(s.urls.busy_seconds, 9);
    assert.equal(s.urls.per_second, 2 / 9);
    assert.deepEqual(s.failure_reasons, [{ reason: "http_404", count: 1 }, {
      reason: "timeout",
      count: 1,
    }]);
    assert.deepEqual(
      s.commands.map((c) => [c.name, c.count, c.failed, c.p50_ms, c.p95_ms]),
      [["job-local submit", 3, 0, 100, 120], ["job-local list", 1, 1, 60, 60]],
    );
    assert.deepEqual(
      s.strategies.map((
        x,
      ) => [x.strategy, x.extracted, x.failed, x.success_rate, x.avg_extraction_ms]),
      [["auto", 2, 1, 0.6667, 400], ["css", 0, 1, 0, null]],
    );
  });

  await t.step("--since 24h leaves out the event from two days ago", async () => {
    const s = await showJson(home.path, "--since", "24h");
    assert.equal(s.window.events, 16);
    assert.equal(s.jobs.submitted, 3);
    assert.ok(s.window.since !== null);
  });

  await t.step("the table view prints every section", async () => {
    const r = await runCli(["metrics", "show", "--since", "7d"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    for (
      const heading of [
        "Metrics since",
        "Jobs",
        "URLs",
        "Top Failure Reasons",
        "By Strategy",
        "Commands",
      ]
    ) {
      assert.ok(r.stdout.includes(heading), `missing ${heading} in\n${r.stdout}`);
    }
    assert.match(r.stdout, /│\s+4 │\s+1 │\s+1 │\s+1 │\s+0 │\s+50\.0% │/);
    assert.match(r.stdout, /│ job-local submit │\s+3 │\s+0 │\s+100ms │\s+120ms │/);
    assert.ok(!r.stdout.includes("\x1b["), "no colour when stdout is not a terminal");
  });
});

Deno.test("metrics show works before anything was recorded", async (t) => {
  await using home = await tempHome();
  await t.step("the table says there are no events", async () => {
    const r = await runCli(["metrics", "show"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No events recorded in this window/);
  });
  await t.step("json has zeros and nulls", async () => {
    const s = await showJson(home.path);
    assert.equal(s.jobs.submitted, 0);
    assert.equal(s.jobs.success_rate, null);
    assert.equal(s.urls.per_second, null);
  });
});

Deno.test("a corrupted metrics line is skipped with one warning", async () => {
  await using home = await tempHome();
  await recordHistory(home.path);
  const path = join(home.path, "metrics", "events.jsonl");
  await Deno.writeTextFile(path, "{not json\n\u0000\u0000garbage\n", { append: true });
  const r = await runCli(["metrics", "show", "-o", "json"], { home: home.path });
  assert.equal(r.code, 0);
  assert.equal(
    r.stderr,
    `warning: Skipped 2 corrupted line(s) in ${join(home.path, "metrics")}\n`,
  );
  assert.equal(JSON.parse(r.stdout).window.events, 17);
});

Deno.test("metrics export writes JSON, CSV and Prometheus text", async (t) => {
  await using home = await tempHome();
  await recordHistory(home.path);

  await t.step("json is {summary, events} and parses", async () => {
    const r = await runCli(["metrics", "export", "--format", "json"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["summary", "events"]);
    assert.equal(doc.events.length, 17);
    assert.equal(doc.summary.jobs.completed, 1);
    assert.equal(doc.events[1].type, "job_submitted");
  });

  await t.step("csv has the documented header and one row per event", async () => {
    const r = await runCli(["metrics", "export", "--format", "csv", "--since", "24h"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(
      lines[0],
      "ts,type,job_id,command,strategy,status,duration_ms,bytes,chars,http_status,retries,reason,ok",
    );
    assert.equal(lines.length, 17);
    assert.ok(lines.every((l) => l.split(",").length === 13));
    assert.ok(lines.some((l) => /,url_failed,job_b,,css,,40,,,404,0,http_404,false$/.test(l)));
    assert.ok(lines.some((l) => /,job_finished,job_a,,,completed,8000,,,,,,$/.test(l)));
  });

  await t.step("prom passes the strict format check and carries the numbers", async () => {
    const r = await runCli(["metrics", "export", "--format", "prom"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const families = parsePrometheusText(r.stdout);
    assert.ok(families.length >= 10);
    for (const f of families) {
      assert.ok(f.help !== null && f.help !== "", `${f.name} has HELP`);
      assert.notEqual(f.type, "untyped");
    }
    assert.equal(promValue(families, "riptide_jobs_submitted_total"), 4);
    assert.equal(promValue(families, "riptide_jobs_finished_total", { status: "failed" }), 1);
    assert.equal(
      promValue(families, "riptide_urls_failed_total", { strategy: "auto", reason: "timeout" }),
      1,
    );
    assert.equal(
      promValue(families, "riptide_command_duration_seconds", {
        command: "job-local submit",
        quantile: "0.95",
      }),
      0.12,
    );
    assert.equal(promValue(families, "riptide_job_duration_seconds_count"), 2);
  });

  await t.step("--output writes the file atomically and says where on stderr", async () => {
    const outDir = await Deno.makeTempDir({ prefix: "riptide_export_" });
    try {
      const file = join(outDir, "metrics.prom");
      const r = await runCli(["metrics", "export", "--format", "prom", "--output", file], {
        home: home.path,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^Wrote 17 event\(s\) as prom to .*metrics\.prom\n$/);
      parsePrometheusText(await Deno.readTextFile(file));
      const names = [];
      for await (const e of Deno.readDir(outDir)) names.push(e.name);
      assert.deepEqual(names, ["metrics.prom"], "no temporary file is left behind");
    } finally {
      await Deno.remove(outDir, { recursive: true });
    }
  });
});

Deno.test("the Prometheus format check rejects invalid text", async (t) => {
  const ok = "# HELP a_total A.\n# TYPE a_total counter\na_total 1\n";
  await t.step("a valid family passes", () => assert.equal(parsePrometheusText(ok).length, 1));
  const bad: [string, string][] = [
    ["a sample without TYPE", "a_total 1\n"],
    ["TYPE after samples", "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\n"],
    ["a counter without _total", "# TYPE a counter\na 1\n"],
    ["a bad metric name", "# TYPE 1a gauge\n1a 1\n"],
    ["a bad label name", '# TYPE a gauge\na{1x="v"} 1\n'],
    ["a bad escape", '# TYPE a gauge\na{x="\\t"} 1\n'],
    ["an unterminated label", '# TYPE a gauge\na{x="v} 1\n'],
    ["a bad value", "# TYPE a gauge\na one\n"],
    ["a duplicate series", "# TYPE a gauge\na 1\na 2\n"],
    ["a summary without quantile", "# TYPE s summary\ns 1\ns_sum 1\ns_count 1\n"],
    ["a summary without _count", '# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\n'],
    ["a quantile out of range", '# TYPE s summary\ns{quantile="2"} 1\ns_sum 1\ns_count 1\n'],
    ["no final newline", "# TYPE a gauge\na 1"],
    ["interleaved families", "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\n"],
  ];
  for (const [what, text] of bad) {
    await t.step(
      `rejects ${what}`,
      () => assert.throws(() => parsePrometheusText(text), SyntaxError),
    );
  }
});

Deno.test("metrics commands refuse bad input with exit 2 and change nothing", async (t) => {
  await using home = await tempHome();
  await recordHistory(home.path);
  const before = await snapshotTree(home.path);
  const cases: [string[], RegExp][] = [
    [["metrics", "show", "--since", "yesterday"], /^error: Invalid --since "yesterday"/],
    [["metrics", "show", "--since", "-3h"], /^error: Invalid --since "-3h"/],
    [["metrics", "show", "-o", "xml"], /^error: Unknown output format "xml"/],
    [["metrics", "export", "--format", "xml"], /^error: Unknown export format "xml"/],
    [["metrics", "export", "--since", "0"], /^error: Invalid --since "0"/],
    [["metrics", "tail", "--interval", "0"], /^error: Invalid --interval "0"/],
    [["metrics", "tail", "--interval", "2h"], /^error: Invalid --interval "2h"/],
    [["metrics", "tail", "--limit", "-1"], /^error: Invalid --limit "-1"/],
    [["metrics", "show", "--bogus"], /^error: Unknown option '--bogus'/],
    [["metrics", "frobnicate"], /^error: Unknown command "frobnicate"/],
    [["metrics"], /^error: Missing command: see riptide metrics --help/],
  ];
  for (const [args, message] of cases) {
    await t.step(args.slice(1).join(" "), async () => {
      const r = await runCli(args, { home: home.path });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.equal(r.stdout, "");
    });
  }
  await t.step("export --output into a missing directory is a runtime error", async () => {
    const r = await runCli(
      ["metrics", "export", "--output", join(home.path, "nope", "m.json")],
      { home: home.path },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: Cannot write ".*m\.json": its directory does not exist\n$/);
  });
  assert.deepEqual(await snapshotTree(home.path), before);
});

Deno.test("metrics tail prints the last events, then new ones, and ends quietly on Ctrl-C", async () => {
  await using home = await tempHome();
  const recorder = new MetricsRecorder(home.path);
  for (const name of ["first", "second", "third"]) {
    await recorder.record({ type: "command", name, duration_ms: 5, ok: true, error_class: null });
  }
  const child = new Deno.Command(LAUNCHER, {
    args: ["metrics", "tail", "--interval", "100ms", "--limit", "2"],
    cwd: ROOT,
    env: { RIPTIDE_HOME: home.path },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  async function waitFor(re: RegExp): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!re.test(seen)) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${re} in:\n${seen}`);
      const { value, done } = await reader.read();
      assert.ok(!done, `tail ended early:\n${seen}`);
      seen += value;
    }
  }
  try {
    await waitFor(/third/);
    await recorder.record({
      type: "job_finished",
      job_id: "job_live",
      status: "completed",
      duration_ms: 1500,
      successful: 3,
      failed: 0,
    });
    await waitFor(/job_live/);
  } finally {
    child.kill("SIGINT");
  }
  // Drain the rest so the process can exit.
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
  }
  const status = await child.status;
  const lines = seen.trimEnd().split("\n");
  assert.equal(lines.length, 3, seen);
  assert.match(lines[0]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d command\s+second 5ms ok$/);
  assert.match(lines[2]!, /job_finished\s+job_live completed 1\.5s 3 ok, 0 failed$/);
  assert.equal(status.code, 130);
  assert.equal(await stderr, "");
});
