import assert from "node:assert/strict";
import type { Job } from "./job.ts";
import { transition } from "./lifecycle.ts";
import {
  CSV_HEADER,
  escapeLabelValue,
  metricEventCsvRow,
  renderMetricsCsv,
  renderMetricsPrometheus,
} from "./metrics_export.ts";
import {
  failureReasonClass,
  formatMetricLine,
  jobEndMetric,
  jobRecoveredMetric,
  jobStartedMetric,
  jobSubmittedMetric,
  type MetricEvent,
  parseMetricEvent,
  urlMetric,
} from "./metric_events.ts";
import { percentile, roundMs, summarizeMetrics } from "./metrics.ts";

const T0 = Date.parse("2026-03-01T12:00:00.000Z");
const NOW = new Date(T0 + 3_600_000);

function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

/** A hand-made history whose numbers are counted by hand in the tests below. */
function scenario(): MetricEvent[] {
  const ev: MetricEvent[] = [];
  for (const [i, d] of [100, 200, 300].entries()) {
    ev.push({
      ts: at(i),
      type: "command",
      name: "job-local submit",
      duration_ms: d,
      ok: true,
      error_class: null,
    });
  }
  for (let i = 1; i <= 10; i++) {
    ev.push({
      ts: at(60 + i),
      type: "command",
      name: "job-local list",
      duration_ms: i * 10,
      ok: i !== 3,
      error_class: i === 3 ? "UsageError" : null,
    });
  }
  const url = { host: "127.0.0.1", http_status: 200, retries: 0 } as const;
  // j1: runs 0-10 s, 2 extracted + 1 timeout, completed.
  ev.push(
    { ts: at(0), type: "job_submitted", job_id: "j1", priority: "high", strategy: "auto", urls: 3 },
    { ts: at(0), type: "job_started", job_id: "j1", attempt: 1 },
    {
      ts: at(2),
      type: "url_extracted",
      job_id: "j1",
      ...url,
      duration_ms: 400,
      bytes: 1000,
      chars: 500,
      strategy: "auto",
    },
    {
      ts: at(3),
      type: "url_extracted",
      job_id: "j1",
      ...url,
      duration_ms: 600,
      bytes: 3000,
      chars: 700,
      retries: 2,
      strategy: "auto",
    },
    {
      ts: at(9),
      type: "url_failed",
      job_id: "j1",
      host: "127.0.0.1",
      reason_class: "timeout",
      strategy: "auto",
      duration_ms: 5000,
      http_status: null,
      retries: 3,
    },
    {
      ts: at(10),
      type: "job_finished",
      job_id: "j1",
      status: "completed",
      duration_ms: 10_000,
      successful: 2,
      failed: 1,
    },
  );
  // j2: runs 5-10 s (overlaps j1), both URLs fail, failed.
  ev.push(
    { ts: at(4), type: "job_submitted", job_id: "j2", priority: "low", strategy: "auto", urls: 2 },
    { ts: at(5), type: "job_started", job_id: "j2", attempt: 1 },
    {
      ts: at(6),
      type: "url_failed",
      job_id: "j2",
      host: "a.test",
      reason_class: "http_404",
      strategy: "auto",
      duration_ms: 50,
      http_status: 404,
      retries: 0,
    },
    {
      ts: at(7),
      type: "url_failed",
      job_id: "j2",
      host: "a.test",
      reason_class: "timeout",
      strategy: "auto",
      duration_ms: 5000,
      http_status: null,
      retries: 3,
    },
    {
      ts: at(10),
      type: "job_finished",
      job_id: "j2",
      status: "failed",
      duration_ms: 5000,
      successful: 0,
      failed: 2,
    },
  );
  // j3: cancelled while pending.
  ev.push(
    {
      ts: at(11),
      type: "job_submitted",
      job_id: "j3",
      priority: "medium",
      strategy: "css",
      urls: 1,
    },
    { ts: at(12), type: "job_cancelled", job_id: "j3", duration_ms: null },
  );
  // j4: runs 20-30 s, cancelled while running, reported twice (CLI and worker).
  ev.push(
    {
      ts: at(19),
      type: "job_submitted",
      job_id: "j4",
      priority: "medium",
      strategy: "css",
      urls: 5,
    },
    { ts: at(20), type: "job_started", job_id: "j4", attempt: 1 },
    {
      ts: at(25),
      type: "url_extracted",
      job_id: "j4",
      ...url,
      duration_ms: 200,
      bytes: 500,
      chars: 100,
      strategy: "css",
    },
    { ts: at(30), type: "job_cancelled", job_id: "j4", duration_ms: 10_000 },
    { ts: at(30), type: "job_cancelled", job_id: "j4", duration_ms: 10_000 },
  );
  // j5: recovered after a crash, runs 40-50 s, completed.
  ev.push(
    { ts: at(40), type: "job_recovered", job_id: "j5", attempt: 1 },
    { ts: at(40), type: "job_started", job_id: "j5", attempt: 2 },
    {
      ts: at(45),
      type: "url_extracted",
      job_id: "j5",
      ...url,
      http_status: null,
      duration_ms: 800,
      bytes: 6000,
      chars: 1200,
      strategy: "auto",
    },
    {
      ts: at(50),
      type: "job_finished",
      job_id: "j5",
      status: "completed",
      duration_ms: 12_000,
      successful: 1,
      failed: 0,
    },
  );
  return ev;
}

Deno.test("percentile() uses the nearest-rank method", async (t) => {
  const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  await t.step("p50 and p95 of 1..10 are 5 and 10", () => {
    assert.equal(percentile(ten, 0.5), 5);
    assert.equal(percentile(ten, 0.95), 10);
  });
  await t.step("a single value is every percentile", () => {
    assert.equal(percentile([7], 0), 7);
    assert.equal(percentile([7], 0.95), 7);
  });
  await t.step("no values give null", () => assert.equal(percentile([], 0.5), null));
  await t.step("an out-of-range quantile is a RangeError", () => {
    assert.throws(() => percentile([1], 1.5), RangeError);
  });
});

Deno.test("summarizeMetrics() matches a hand count", async (t) => {
  // Shuffled input: the summary must not depend on line order.
  const events = scenario().reverse();
  const s = summarizeMetrics(events, { now: NOW });

  await t.step("counts jobs once per job id by their last terminal event", () => {
    assert.deepEqual(
      {
        submitted: s.jobs.submitted,
        started: s.jobs.started,
        completed: s.jobs.completed,
        failed: s.jobs.failed,
        cancelled: s.jobs.cancelled,
        recovered: s.jobs.recovered,
      },
      { submitted: 4, started: 4, completed: 2, failed: 1, cancelled: 2, recovered: 1 },
    );
  });
  await t.step("success rate is completed / (completed + failed)", () => {
    assert.equal(s.jobs.success_rate, 0.6667); // rounded to 4 decimals
  });
  await t.step("job durations cover jobs that ran (5, 10, 10, 12 s)", () => {
    assert.equal(s.jobs.duration.count, 4);
    assert.equal(s.jobs.duration.avg_ms, 9250);
    assert.equal(s.jobs.duration.p50_ms, 10_000);
    assert.equal(s.jobs.duration.p95_ms, 12_000);
  });
  await t.step("URL totals add up", () => {
    assert.equal(s.urls.extracted, 4);
    assert.equal(s.urls.failed, 3);
    assert.equal(s.urls.bytes, 10_500);
    assert.equal(s.urls.chars, 2500);
    assert.equal(s.urls.retries, 8);
    assert.equal(s.urls.duration.avg_ms, 500);
  });
  await t.step("URLs/s divides by the union of job run intervals (30 s)", () => {
    assert.equal(s.urls.busy_seconds, 30);
    assert.equal(s.urls.per_second, 4 / 30);
  });
  await t.step("failure reasons are ranked by count", () => {
    assert.deepEqual(s.failure_reasons, [
      { reason: "timeout", count: 2 },
      { reason: "http_404", count: 1 },
    ]);
  });
  await t.step("commands have counts, failures and nearest-rank latency", () => {
    assert.deepEqual(
      s.commands.map((c) => [c.name, c.count, c.failed, c.p50_ms, c.p95_ms]),
      [["job-local list", 10, 1, 50, 100], ["job-local submit", 3, 0, 200, 300]],
    );
  });
  await t.step("strategies have success rates and mean extraction time", () => {
    assert.deepEqual(
      s.strategies.map((x) => [x.strategy, x.extracted, x.failed, x.success_rate]),
      [["auto", 3, 3, 0.5], ["css", 1, 0, 1]],
    );
    assert.equal(s.strategies[0]!.avg_extraction_ms, 600);
    assert.equal(s.strategies[1]!.avg_extraction_ms, 200);
    assert.deepEqual(
      s.strategies.map((x) => x.failure_reasons.reduce((n, r) => n + r.count, 0)),
      s.strategies.map((x) => x.failed),
      "each strategy's failure classes add up to its failures",
    );
  });
  await t.step("the window reports the events it covers", () => {
    assert.equal(s.window.events, events.length);
    assert.equal(s.window.first_event, at(0));
    assert.equal(s.window.last_event, at(70));
    assert.equal(s.window.since, null);
  });
});

Deno.test("summarizeMetrics() only counts events inside the window", async (t) => {
  const events = scenario();
  await t.step("since drops earlier events", () => {
    const s = summarizeMetrics(events, { since: new Date(T0 + 35_000), now: NOW });
    assert.equal(s.jobs.submitted, 0);
    assert.equal(s.jobs.completed, 1);
    assert.equal(s.jobs.recovered, 1);
    assert.equal(s.urls.extracted, 1);
    assert.equal(s.urls.busy_seconds, 10);
    assert.equal(s.window.since, new Date(T0 + 35_000).toISOString());
  });
  await t.step("events after now are ignored", () => {
    const s = summarizeMetrics(events, { now: new Date(T0 + 10_500) });
    assert.equal(s.jobs.completed, 1);
    assert.equal(s.jobs.failed, 1);
    assert.equal(s.commands.length, 1);
  });
  await t.step("an empty window has zeros and nulls, not NaN", () => {
    const s = summarizeMetrics([], { now: NOW });
    assert.equal(s.jobs.success_rate, null);
    assert.equal(s.jobs.duration.avg_ms, null);
    assert.equal(s.urls.per_second, null);
    assert.equal(s.window.first_event, null);
    assert.doesNotMatch(JSON.stringify(s), /NaN/);
  });
  await t.step("a run cut short by a crash ends at its last URL event", () => {
    const url = {
      type: "url_extracted",
      job_id: "jc",
      host: "h",
      bytes: 1,
      chars: 1,
      http_status: 200,
      retries: 0,
      strategy: "auto",
      duration_ms: 1,
    } as const;
    const s = summarizeMetrics([
      { ts: at(0), type: "job_started", job_id: "jc", attempt: 1 },
      { ...url, ts: at(2) },
      { ts: at(100), type: "job_recovered", job_id: "jc", attempt: 1 },
      { ts: at(100), type: "job_started", job_id: "jc", attempt: 2 },
      { ...url, ts: at(101) },
      {
        ts: at(102),
        type: "job_finished",
        job_id: "jc",
        status: "completed",
        duration_ms: 102_000,
        successful: 2,
        failed: 0,
      },
    ], { now: NOW });
    assert.equal(s.urls.busy_seconds, 4);
    assert.equal(s.jobs.started, 1);
    assert.equal(s.jobs.recovered, 1);
  });
  await t.step("a job still running counts busy time up to its last URL event", () => {
    const s = summarizeMetrics(
      events.filter((e) => !(e.type === "job_finished" && e.job_id === "j5")),
      {
        now: NOW,
      },
    );
    assert.equal(s.urls.busy_seconds, 25);
  });
});

Deno.test("parseMetricEvent() accepts valid events and refuses malformed ones", async (t) => {
  await t.step("every scenario event round-trips through its line", () => {
    for (const e of scenario()) {
      assert.deepEqual(parseMetricEvent(JSON.parse(formatMetricLine(e))), e);
    }
  });
  await t.step("the line starts with ts then type", () => {
    const line = formatMetricLine({
      type: "job_started",
      job_id: "j",
      attempt: 1,
      ts: at(0),
    } as MetricEvent);
    assert.ok(line.startsWith(`{"ts":"${at(0)}","type":"job_started"`));
  });
  for (
    const bad of [
      null,
      [],
      "x",
      { type: "command" },
      { ts: "yesterday", type: "job_started", job_id: "j", attempt: 1 },
      { ts: at(0), type: "unknown_type" },
      { ts: at(0), type: "job_started", job_id: 5, attempt: 1 },
      { ts: at(0), type: "command", name: "x", duration_ms: "5", ok: true, error_class: null },
      {
        ts: at(0),
        type: "job_finished",
        job_id: "j",
        status: "done",
        duration_ms: 1,
        successful: 0,
        failed: 0,
      },
    ]
  ) {
    await t.step(`refuses ${JSON.stringify(bad)}`, () => assert.equal(parseMetricEvent(bad), null));
  }
});

Deno.test("renderMetricsCsv() writes the documented header and one row per event", async (t) => {
  const events = scenario();
  const csv = renderMetricsCsv(events);
  const lines = csv.trimEnd().split("\n");
  await t.step("the header is stable", () => {
    assert.equal(
      lines[0],
      "ts,type,job_id,command,strategy,status,duration_ms,bytes,chars,http_status,retries,reason,ok",
    );
    assert.equal(CSV_HEADER.length, 13);
  });
  await t.step("one row per event with every column", () => {
    assert.equal(lines.length, events.length + 1);
    for (const line of lines) assert.equal(line.split(",").length, 13);
  });
  await t.step("rows carry the event's fields in header order", () => {
    const failed = events.find((e) => e.type === "url_failed")!;
    assert.equal(
      metricEventCsvRow(failed).join(","),
      `${failed.ts},url_failed,j1,,auto,,5000,,,,3,timeout,false`,
    );
    const cmd = events.find((e) => e.type === "command" && !e.ok)!;
    assert.equal(
      metricEventCsvRow(cmd).join(","),
      `${cmd.ts},command,,job-local list,,,30,,,,,UsageError,false`,
    );
  });
  await t.step("fields with commas or quotes are quoted", () => {
    const row = metricEventCsvRow({
      ts: at(0),
      type: "command",
      name: 'odd, "name"',
      duration_ms: 1,
      ok: true,
      error_class: null,
    });
    assert.equal(row[3], '"odd, ""name"""');
  });
});

Deno.test("renderMetricsPrometheus() writes valid exposition text", async (t) => {
  const text = renderMetricsPrometheus(scenario(), { now: NOW });
  const lines = text.trimEnd().split("\n");
  await t.step("every family has HELP then TYPE before its samples", () => {
    const declared = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith("# HELP ")) {
        const name = line.split(" ")[2]!;
        assert.match(lines[i + 1]!, new RegExp(`^# TYPE ${name} (counter|gauge|summary)$`));
        declared.add(name);
      } else if (!line.startsWith("#")) {
        const name = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/)![0];
        const base = name.replace(/_(sum|count)$/, "");
        assert.ok(declared.has(name) || declared.has(base), `undeclared sample ${line}`);
      }
    }
  });
  await t.step("counters end in _total", () => {
    for (const line of lines.filter((l) => l.startsWith("# TYPE ") && l.endsWith(" counter"))) {
      assert.match(line, /_total counter$/);
    }
  });
  await t.step("numbers match the summary", () => {
    assert.ok(lines.includes('riptide_jobs_finished_total{status="completed"} 2'));
    assert.ok(lines.includes('riptide_jobs_finished_total{status="cancelled"} 2'));
    assert.ok(lines.includes('riptide_urls_failed_total{strategy="auto",reason="timeout"} 2'));
    assert.ok(lines.includes('riptide_commands_total{command="job-local list",outcome="error"} 1'));
    assert.ok(
      lines.includes(
        'riptide_command_duration_seconds{command="job-local list",quantile="0.95"} 0.1',
      ),
    );
    assert.ok(lines.includes("riptide_job_duration_seconds_count 4"));
    assert.ok(lines.includes("riptide_job_duration_seconds_sum 37"));
    assert.ok(lines.includes("riptide_fetched_bytes_total 10500"));
  });
  await t.step("label values are escaped", () => {
    assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
    const out = renderMetricsPrometheus([{
      ts: at(0),
      type: "command",
      name: 'we"ird\\\n',
      duration_ms: 5,
      ok: true,
      error_class: null,
    }], { now: NOW });
    assert.ok(out.includes('riptide_commands_total{command="we\\"ird\\\\\\n",outcome="ok"} 1'));
  });
  await t.step("an empty history still declares every family", () => {
    const out = renderMetricsPrometheus([], { now: NOW });
    assert.ok(out.includes("# TYPE riptide_jobs_submitted_total counter"));
    assert.ok(out.includes('riptide_job_duration_seconds{quantile="0.5"} NaN'));
  });
});

function makeJob(id: string, created: Date): Job {
  const at = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    id: id as Job["id"],
    name: null,
    status: "pending",
    priority: "medium",
    urls: ["https://a.test/1", "https://b.test/2"],
    strategy: "auto",
    created_at: at,
    updated_at: at,
    started_at: null,
    completed_at: null,
    progress: { total: 2, completed: 0, failed: 0, percentage: 0, current_item: null },
    tags: [],
    error: null,
    results_path: "",
    log_path: "",
    stream: false,
    options: {},
    history: [{ from: null, to: "pending", at }],
    attempts: 0,
  };
}

Deno.test("event builders agree with the job-local stats definitions", async (t) => {
  const t0 = new Date(T0);
  const later = (s: number): Date => new Date(T0 + s * 1000);
  const a = makeJob("job_a", t0);
  const aDone = transition(
    {
      ...transition(a, "running", { now: later(1) }),
      progress: { ...a.progress, completed: 1, failed: 1 },
    },
    "completed",
    { now: later(9) },
  );
  const b = transition(transition(makeJob("job_b", t0), "running", { now: later(2) }), "failed", {
    now: later(4),
    error: "All URLs failed",
  });
  const c = transition(makeJob("job_c", t0), "cancelled", { now: later(3) });
  const d = transition(
    transition(makeJob("job_d", t0), "running", { now: later(5) }),
    "cancelled",
    {
      now: later(11),
    },
  );
  const jobs = [aDone, b, c, d];
  const events: MetricEvent[] = jobs.flatMap((j, i) => [
    { ...jobSubmittedMetric(j), ts: at(i) } as MetricEvent,
    { ...jobEndMetric(j), ts: j.completed_at! } as MetricEvent,
  ]);
  const s = summarizeMetrics(events, { now: NOW });

  await t.step("the average duration is that of stats over terminal jobs that ran", () => {
    // FsJobStore.stats(): mean of completed_at - started_at over terminal jobs with both.
    const ran = jobs.filter((j) => j.started_at !== null && j.completed_at !== null);
    const expected = ran.reduce(
      (sum, j) => sum + Date.parse(j.completed_at!) - Date.parse(j.started_at!),
      0,
    ) / ran.length;
    assert.equal(s.jobs.duration.avg_ms, roundMs(expected));
    assert.equal(s.jobs.duration.count, 3);
  });
  await t.step("the success rate is completed / (completed + failed)", () => {
    assert.equal(s.jobs.success_rate, 0.5);
    assert.deepEqual([s.jobs.completed, s.jobs.failed, s.jobs.cancelled], [1, 1, 2]);
  });
  await t.step("jobEndMetric() carries the progress counts and refuses a running job", () => {
    assert.deepEqual(jobEndMetric(aDone), {
      type: "job_finished",
      job_id: "job_a",
      status: "completed",
      duration_ms: 8000,
      successful: 1,
      failed: 1,
    });
    assert.deepEqual(jobEndMetric(c), {
      type: "job_cancelled",
      job_id: "job_c",
      duration_ms: null,
    });
    assert.throws(() => jobEndMetric(transition(makeJob("job_e", t0), "running")), RangeError);
  });
  await t.step("jobStartedMetric() and jobRecoveredMetric() carry the attempt", () => {
    const running = transition(makeJob("job_f", t0), "running");
    assert.deepEqual(jobStartedMetric(running), {
      type: "job_started",
      job_id: "job_f",
      attempt: 1,
    });
    assert.deepEqual(jobRecoveredMetric(running), {
      type: "job_recovered",
      job_id: "job_f",
      attempt: 1,
    });
  });
});

Deno.test("urlMetric() turns a result into a URL event", async (t) => {
  await t.step("a success becomes url_extracted with bytes, chars and status", () => {
    const e = urlMetric("job_a", {
      url: "https://news.test:8443/a?b=1",
      status: "success",
      content: "hello world",
      metadata: { title: "T", extraction_time_ms: 5, http_status: 200, bytes: 4096 },
    }, { strategy: "css", duration_ms: 120, retries: 1 });
    assert.deepEqual(e, {
      type: "url_extracted",
      job_id: "job_a",
      host: "news.test:8443",
      duration_ms: 120,
      bytes: 4096,
      chars: 11,
      http_status: 200,
      retries: 1,
      strategy: "css",
    });
  });
  await t.step("a failure becomes url_failed with a reason class", () => {
    const e = urlMetric("job_a", {
      url: "file:///tmp/x.html",
      status: "failed",
      content: "",
      error: "Request to a.test timed out after 30000 ms",
      metadata: { title: null, extraction_time_ms: 30000 },
    }, { strategy: "auto", duration_ms: 30000, retries: 3 });
    assert.equal(e.type, "url_failed");
    assert.equal(e.type === "url_failed" && e.reason_class, "timeout");
    assert.equal(e.type === "url_failed" && e.host, "file");
  });
  await t.step("failureReasonClass() prefers the HTTP status, then the message", () => {
    assert.equal(failureReasonClass("Not Found", 404), "http_4xx");
    assert.equal(failureReasonClass("Bad Gateway", 502), "http_5xx");
    assert.equal(failureReasonClass("HTTP 503 Service Unavailable from https://x/"), "http_5xx");
    assert.equal(failureReasonClass("Too many redirects (10) for https://x"), "redirect");
    assert.equal(
      failureReasonClass("Connection to 127.0.0.1:9 failed: Connection refused (os error 111)"),
      "connection",
    );
    assert.equal(
      failureReasonClass("Cannot resolve host x.invalid: Name or service not known"),
      "dns",
    );
    assert.equal(failureReasonClass("TLS handshake with x:443 failed: bad certificate"), "tls");
    assert.equal(failureReasonClass("Request to https://x/ timed out after 30s"), "timeout");
    assert.equal(failureReasonClass("Body larger than 10 MB: too large"), "too_large");
    assert.equal(failureReasonClass("Extraction failed: bad selector"), "extraction");
    assert.equal(failureReasonClass("Unsupported binary content type image/png"), "not_html");
    assert.equal(failureReasonClass("No such file: /srv/pages/a.html"), "not_found");
    assert.equal(
      failureReasonClass("Deno denied network access to a.test: grant it with --allow-net"),
      "permission",
    );
    assert.equal(failureReasonClass("something odd"), "other");
  });
});
