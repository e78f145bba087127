/**
 * Hostile pages against every strategy, through the CLI's worker: 2,000 and
 * 100,000 nested `<div>`s, a 5 MB text node and an element with a million
 * attributes. Each URL must end within its deadline, the worker's heartbeat
 * must keep beating, a critical job submitted meanwhile must start at once,
 * and a cancel must take effect mid-extraction.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { Job } from "@riptide/core";
import { fsOnly, runCli, tempHome } from "./_helpers.ts";
import { readJob, readJsonLines, startWorker, submit, waitFor } from "./_worker_helpers.ts";

const DEADLINE_MS = 10_000;
/*
 * The limits below tell a worker that extraction cannot block from one that it can
 * (before extraction left the worker's thread, one 2k-nesting page held the heartbeat,
 * cancel and a critical job for minutes), on any machine: this test runs beside the
 * whole suite and CPU hogs. The targets (critical start ≤ 2 s, cancel ≤ 1 s,
 * heartbeat gaps ≤ 2 s) are measured on a quiet machine with RIPTIDE_TEST_FIGURES=1,
 * which prints the figures: speed belongs in measurements, not in a pass/fail line.
 */
/**
 * Slack on top of the deadline: robots.txt, recording, a deadline timer firing late.
 * At load ~30 (the suite run in parallel beside other work on 2 cores) a 10 s deadline
 * was seen ending a page at 21.5 s, the worker's thread starved; a blocked extraction
 * takes minutes.
 */
const SLACK_MS = 30_000;
/**
 * Largest gap allowed between two heartbeats of worker.json (they are 1 s apart). A
 * blocked worker misses them for minutes; at load 20 (the suite beside two CPU hogs on
 * 2 cores) a working one was seen at 10.7 s, its thread getting a tenth of a core.
 */
const HEARTBEAT_GAP_MS = 30_000;
/** Longest wait for the critical job to start (minutes when extraction blocks). */
const CRITICAL_START_MS = 30_000;
/** How long after a cancel a URL of the cancelled job may still log work. */
const AFTER_CANCEL_MS = 5_000;

function nested(n: number): string {
  return `<!doctype html><html><head><title>Deep</title></head><body>${"<div>".repeat(n)}` +
    `<p>The bottom of the page.</p>${"</div>".repeat(n)}</body></html>`;
}

function manyAttributes(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`a${i}="v"`);
  return `<!doctype html><html><body><div ${parts.join(" ")}>Attributes.</div></body></html>`;
}

const PAGES: Record<string, string> = {
  "/nest2k": nested(2_000),
  "/nest100k": nested(100_000),
  "/text5m": `<!doctype html><html><body><p>${"word ".repeat(1_000_000)}</p></body></html>`,
  "/attr1m": manyAttributes(1_000_000),
  "/ok": `<!doctype html><html><head><title>Fine</title></head><body><article><h1>Fine</h1><p>${
    "Tide pools hold small worlds of their own between the rocks. ".repeat(12)
  }</p></article></body></html>`,
};

const STRATEGIES: readonly (readonly string[])[] = [
  ["--strategy", "auto"],
  ["--strategy", "css", "--selector", "body=body"],
  ["--strategy", "regex"],
  ["--strategy", "wasm"],
  ["--strategy", "llm"],
];

interface HeartbeatWatch {
  /** Largest gap between two heartbeats seen, in ms. */
  maxGapMs(): number;
  stop(): Promise<void>;
}

/** Polls worker.json and keeps the largest gap between successive heartbeat times. */
function watchHeartbeat(home: string): HeartbeatWatch {
  let last: number | null = null;
  let maxGap = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const state = JSON.parse(await Deno.readTextFile(join(home, "worker.json")));
        const beat = Date.parse(state.heartbeat_at);
        if (last !== null && beat > last) maxGap = Math.max(maxGap, beat - last);
        if (last === null || beat > last) last = beat;
      } catch (err) {
        // Not written yet, or caught mid-rename: the next read sees it.
        if (!(err instanceof Deno.errors.NotFound || err instanceof SyntaxError)) throw err;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    maxGapMs: () => maxGap,
    async stop() {
      running = false;
      await loop;
    },
  };
}

Deno.test({
  name:
    "hostile pages never stop the worker: deadlines hold, heartbeats go on, critical jobs start",
  ignore: fsOnly("reads worker.json and the job files") !== null,
  async fn() {
    await using home = await tempHome();
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      async (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/v1/chat/completions") {
          await req.body?.cancel();
          return Response.json({ choices: [{ message: { content: "A summary." } }] });
        }
        const page = PAGES[path];
        return page === undefined
          ? new Response("not found", { status: 404 })
          : new Response(page, { headers: { "content-type": "text/html; charset=utf-8" } });
      },
    );
    const base = `http://127.0.0.1:${server.addr.port}`;
    await Deno.writeTextFile(
      join(home.path, "config.jsonc"),
      JSON.stringify({
        worker: {
          idle_timeout: 1,
          request_timeout: 10,
          retries: 0,
          // A slot stays free for the critical job.
          concurrency: STRATEGIES.length + 1,
          url_concurrency: 2,
        },
        llm: { base_url: `${base}/v1`, model: "fake" },
      }),
    );
    const hostile = ["/nest2k", "/nest100k", "/text5m", "/attr1m"];
    const ids: string[] = [];
    for (const strategy of STRATEGIES) {
      const urls = hostile.flatMap((p) => ["--url", `${base}${p}`]);
      ids.push(await submit(home.path, [...urls, ...strategy, "--no-worker"]));
    }
    await using _worker = startWorker(home.path, ["--deadline", `${DEADLINE_MS / 1000}s`]);
    const heartbeat = watchHeartbeat(home.path);
    try {
      // Every hostile job is running (its pages are being fetched and extracted).
      await waitFor("the hostile jobs to run", async () => {
        for (const id of ids) if ((await readJob(home.path, id)).status === "pending") return;
        return true;
      }, 60_000);
      await waitFor("a hostile page in extraction", async () => {
        for (const id of ids) {
          const logs = await readJsonLines(home.path, id, "logs.jsonl");
          if (logs.some((l) => String(l.message).startsWith("Processing URL"))) return true;
        }
        return undefined;
      }, 60_000);

      // A critical job, submitted meanwhile, starts at once (2 s on a quiet machine).
      const critical = await submit(home.path, [
        "--url",
        `${base}/ok`,
        "--priority",
        "critical",
        "--no-worker",
      ]);
      const started: Job = await waitFor("the critical job to start", async () => {
        const job = await readJob(home.path, critical);
        return job.started_at === null ? undefined : job;
      }, 60_000);
      const startDelay = Date.parse(started.started_at!) - Date.parse(started.created_at);

      // A cancel takes effect at once, mid-extraction (1 s on a quiet machine): no URL of the
      // job is worked on after.
      const victim = ids[0]!;
      const cancel = await runCli(["job-local", "cancel", "--id", victim], { home: home.path });
      assert.equal(cancel.code, 0, cancel.stderr);
      const cancelledAt = Date.parse((await readJob(home.path, victim)).updated_at);
      const ended = await waitFor("the cancelled job to end", async () => {
        const logs = await readJsonLines(home.path, victim, "logs.jsonl");
        return logs.find((l) => String(l.message).startsWith("Job cancelled"));
      }, 60_000);
      // Its URLs stop at once: a page still extracting would log its result later.
      const afterCancel = (await readJsonLines(home.path, victim, "logs.jsonl")).filter((l) =>
        l.url && Date.parse(String(l.timestamp)) > cancelledAt + AFTER_CANCEL_MS
      );
      const cancelDelay = Date.parse(String(ended.timestamp)) - cancelledAt;

      // Every URL ends within its deadline.
      const finals = await waitFor("every job to end", async () => {
        const jobs = await Promise.all([...ids, critical].map((id) => readJob(home.path, id)));
        return jobs.every((j) => ["completed", "failed", "cancelled"].includes(j.status))
          ? jobs
          : undefined;
      }, 300_000);
      const criticalResults = await readJsonLines(home.path, critical, "results.jsonl");
      assert.equal(finals.at(-1)!.status, "completed", JSON.stringify(criticalResults));
      const totals: number[] = [];
      const late: string[] = [];
      for (const id of ids) {
        for (const r of await readJsonLines(home.path, id, "results.jsonl")) {
          const meta = r.metadata as Record<string, number>;
          totals.push(meta.total_time_ms!);
          if (meta.total_time_ms! > DEADLINE_MS + SLACK_MS) {
            late.push(
              `${r.url} ${r.status}: total ${meta.total_time_ms} ms, fetch ${meta.fetch_time_ms} ms, ` +
                `extraction ${meta.extraction_time_ms} ms (${r.error ?? ""})`,
            );
          }
          if (r.status === "failed") {
            assert.match(String(r.error), /timed out|deadline|Extraction failed/, String(r.url));
          }
        }
      }
      const gap = heartbeat.maxGapMs();
      if (Deno.env.get("RIPTIDE_TEST_FIGURES") === "1") {
        Deno.stderr.writeSync(new TextEncoder().encode(
          `figures: critical start ${startDelay} ms, cancel to job end ${cancelDelay} ms, ` +
            `heartbeat max gap ${gap} ms, URL totals max ${Math.max(...totals)} ms ` +
            `(${totals.length} URLs)\n`,
        ));
      }
      assert.ok(
        startDelay <= CRITICAL_START_MS,
        `the critical job started ${startDelay} ms after submit`,
      );
      assert.deepEqual(late, [], "URLs that overran their deadline");
      assert.deepEqual(afterCancel, [], "URL work logged long after the cancel");
      // On a quiet machine the largest gap is ~1.2 s; at load 10-13 the worker's own thread
      // (fetching and recording 10 MB pages) lags, and gaps reach ~2.6 s. Before
      // extraction left the thread they were minutes.
      assert.ok(gap <= HEARTBEAT_GAP_MS, `the heartbeat stopped for ${gap} ms`);
    } finally {
      await heartbeat.stop();
    }
  },
});
