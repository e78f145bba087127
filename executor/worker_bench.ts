// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Worker benchmark (a script, not a test): `./deno task bench:worker`.
 *
 * Serves pages from a local server in a child process and, in this process,
 * compares the job system (store, worker, fetch, extract, logs, progress,
 * metrics events as the CLI worker records them) with plain loops over the
 * same pages:
 *
 * - `small`: jobs of 1,000, 5,000 and 10,000 small pages (peak RSS per size
 *   shows whether memory stays flat as the URL count grows);
 * - `articles`: the 121 pages of `../shared/bench-data/article-extraction-benchmark`;
 * - `e2e`: `riptide job-local submit` of 1,000 small pages from 4 hosts
 *   (127.0.0.1–4) until the job is completed with results.json on disk,
 *   against two bare loops over the same pages, 8 at a time and 2 per host:
 *   1. the baseline (its Done-when ≤ 1.0×): a fresh `node` process
 *      running `toolchain/readability_loop.mjs`, which fetches each page and
 *      extracts it with Readability.js on linkedom (the versions deno.json
 *      pins, installed as toolchain devDependencies) and writes the results
 *      to a file, timed from spawn to exit as the job is from the submit's
 *      spawn to results.json on disk;
 *   2. a stricter one: the same fetch + `extract` with the job's strategy in
 *      this process, JIT-warm (after the job has run), no process start;
 *   job, Node loop and in-process loop interleaved, best of 2 each;
 * - `scale` (only with `--only=scale`, default 100,000 pages): one job, timed
 *   once, with its peak RSS from start to finish and what the finished job
 *   leaves on disk (`results.json`, and whether `results.jsonl` remains).
 *
 * Baselines, measured in the same process: the same fetch + extract work with
 * the worker's concurrency (8 lanes, 2 requests per host) but no job system
 * — the fair measure of its overhead, interleaved with the job runs and best
 * of two — then `extract` alone over pages already in memory and a plain
 * sequential `fetchPage` + `extract` loop. Memory: the job's peak RSS, and
 * its live heap after a full GC (a third, untimed run), each over the first
 * and the second half of the job.
 *
 * Flags: `--sizes=1000,5000,10000`, `--only=small|articles|e2e|scale`, `--strategy=auto`. Each case
 * runs in a fresh process (`--case=small:1000 --base=URL`), so peak RSS is per case.
 *
 * @module
 */

import { join } from "node:path";
import { STRATEGIES, type Strategy } from "@riptide/core/base";
import { MetricsBuffer, openJobStore } from "@riptide/storage/base";
import { extract } from "./extract.ts";
import { runWorker } from "./worker.ts";
import { WORKER_V8_FLAGS } from "./worker_state.ts";
import {
  buildCase,
  cpuSeconds,
  timeExtractOnly,
  timePlainConcurrent,
  timePlainLoop,
} from "./_worker_bench_loops.ts";
import { loadArticles, serve } from "./_worker_bench_site.ts";

interface Row {
  label: string;
  urls: number;
  extractOnlyS: number;
  plainLoopS: number;
  plainConcurrentS: number;
  jobS: number;
  plainConcurrentCpu: number;
  jobCpu: number;
  urlsPerS: number;
  peakRssMb: number;
  firstHalfRssMb: number;
  secondHalfRssMb: number;
  firstHalfLiveMb: number;
  secondHalfLiveMb: number;
  ok: number;
}

interface JobRun {
  seconds: number;
  cpu: number;
  /** Peak RSS over the whole job, and over its first and second half (by time). */
  peakRss: number;
  firstHalfRss: number;
  secondHalfRss: number;
  ok: number;
}

/**
 * Runs a job of `urls` and samples memory every 50 ms: RSS, or with
 * `liveHeap` the V8 heap right after a full GC (what the job really keeps
 * alive; needs `--v8-flags=--expose-gc`, and the GCs slow the run down).
 */
async function timeJob(
  urls: string[],
  label: string,
  strategy: Strategy,
  liveHeap = false,
  inspect?: (jobDir: string) => Promise<void>,
): Promise<JobRun> {
  const home = await Deno.makeTempDir({ prefix: "riptide_bench_" });
  const store = await openJobStore({ home });
  try {
    const job = await store.create({
      name: label,
      priority: "medium",
      urls,
      strategy,
      tags: [],
      stream: false,
      options: {},
    });
    const samples: [number, number][] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    const sample = (): void => {
      if (liveHeap) gc?.();
      const m = Deno.memoryUsage();
      samples.push([performance.now(), liveHeap ? m.heapUsed : m.rss]);
    };
    const c0 = cpuSeconds();
    const t0 = performance.now();
    sample();
    const sampler = setInterval(sample, liveHeap ? 500 : 50);
    // As `riptide job-local worker` does: URL and job events go to the
    // home's metrics file, batched.
    const metrics = new MetricsBuffer(home);
    await runWorker(store, {
      idleTimeoutMs: 0,
      concurrency: 1,
      metric: (event) => metrics.add(event),
    });
    await metrics.close();
    clearInterval(sampler);
    sample();
    const t1 = performance.now();
    const cpu = cpuSeconds() - c0;
    const mid = (t0 + t1) / 2;
    const peak = (from: number, to: number): number =>
      Math.max(0, ...samples.filter(([t]) => t >= from && t <= to).map(([, rss]) => rss));
    const done = await store.get(job.id);
    await inspect?.(join(home, "jobs", job.id));
    if (done.status !== "completed") {
      throw new Error(`Bench job ended ${done.status}: ${done.error}`);
    }
    return {
      seconds: (t1 - t0) / 1000,
      cpu,
      peakRss: peak(t0, t1),
      firstHalfRss: peak(t0, mid),
      secondHalfRss: peak(mid, t1),
      ok: done.progress.completed,
    };
  } finally {
    await store.close();
    await Deno.remove(home, { recursive: true });
  }
}

/** What `--only=scale` reports for one job. */
interface ScaleRow {
  urls: number;
  ok: number;
  jobS: number;
  peakRssMb: number;
  /** Bytes of each file the finished job left in its directory. */
  files: Record<string, number>;
}

/** The scale case: one job of `n` small pages, its peak RSS and the files it leaves. */
async function runScale(
  n: number,
  base: string,
  strategy: Strategy,
  liveHeap: boolean,
): Promise<ScaleRow> {
  const urls = Array.from({ length: n }, (_, i) => `${base}/p/${i}`);
  const files: Record<string, number> = {};
  const run = await timeJob(urls, `scale x${n}`, strategy, liveHeap, async (dir) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile) files[e.name] = (await Deno.stat(join(dir, e.name))).size;
    }
  });
  return {
    urls: n,
    ok: run.ok,
    jobS: run.seconds,
    peakRssMb: run.peakRss / 1024 / 1024,
    files,
  };
}

/** What the end-to-end case reports. */
interface E2eRow {
  urls: number;
  /** `riptide job-local submit` until the job is completed with results.json on disk, best of 2. */
  jobS: number;
  /**
   * The baseline: a fresh `node` process fetching the same pages and
   * extracting them with Readability.js on linkedom (8 at a time, 2 per host),
   * results written to a file, spawn to exit, best of 2.
   */
  nodeS: number;
  /**
   * The stricter baseline: the same pages fetched and extracted with the job's
   * strategy by a loop in this (warm) process (8 at a time, 2 per host), best of 2.
   */
  loopS: number;
  /** Of the best job: from submit to the job's `started_at` (CLI and worker start-up). */
  startS: number;
  /** Of the best job: from `started_at` to `completed_at`. */
  runS: number;
}

/** The Node.js baseline script (see the module doc) and where it finds its packages. */
const NODE_LOOP = join(import.meta.dirname ?? ".", "..", "toolchain", "readability_loop.mjs");

/**
 * Runs the Node.js baseline over `urls` in a fresh `node` process; seconds
 * from spawn to exit. Throws when a page failed or the packages are missing.
 */
async function timeNodeLoop(urls: string[]): Promise<number> {
  const dir = await Deno.makeTempDir({ prefix: "riptide_bench_node_" });
  try {
    const list = join(dir, "urls.txt");
    await Deno.writeTextFile(list, urls.join("\n") + "\n");
    const t0 = performance.now();
    const out = await new Deno.Command("node", {
      args: [NODE_LOOP, list, join(dir, "results.json")],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = (performance.now() - t0) / 1000;
    if (!out.success) {
      throw new Error(
        `The Node.js baseline failed (needs Node.js 20 and \`cd toolchain && npm ci\`): ` +
          new TextDecoder().decode(out.stderr).trim().split("\n").slice(0, 3).join(" "),
      );
    }
    const { ok } = JSON.parse(new TextDecoder().decode(out.stdout));
    if (ok !== urls.length) throw new Error(`The Node.js baseline got ${ok}/${urls.length} pages`);
    return seconds;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The end-to-end case: `riptide job-local submit --urls-file` of `n` small
 * pages from 4 hosts (the CLI starts its background worker) until the job is
 * completed and its results.json is on disk, against the Node.js loop (the
 * issue's baseline) and the in-process loop (stricter), interleaved, best of
 * two each.
 */
async function runE2e(n: number, base: string, strategy: Strategy): Promise<E2eRow> {
  const port = new URL(base).port;
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.${1 + (i % 4)}:${port}/p/${i}`);
  const launcher = join(import.meta.dirname ?? ".", "..", "riptide");
  const submitOnce = async (): Promise<{ total: number; start: number; run: number }> => {
    const home = await Deno.makeTempDir({ prefix: "riptide_bench_e2e_" });
    try {
      const list = join(home, "urls.txt");
      await Deno.writeTextFile(list, urls.join("\n") + "\n");
      const t0 = performance.now();
      const wallStart = Date.now();
      const out = await new Deno.Command(launcher, {
        args: ["job-local", "submit", "--urls-file", list, "--strategy", strategy, "-o", "json"],
        env: { RIPTIDE_HOME: home },
        stdout: "piped",
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error("submit failed");
      const id: string = JSON.parse(new TextDecoder().decode(out.stdout)).job_id;
      const dir = join(home, "jobs", id);
      for (;;) {
        const meta = await Deno.readTextFile(join(dir, "metadata.json")).catch(() => "{}");
        const job = JSON.parse(meta);
        const status = job.status;
        if (
          status === "completed" && (await Deno.stat(join(dir, "results.json")).catch(() => null))
        ) {
          const total = (performance.now() - t0) / 1000;
          const run = (Date.parse(job.completed_at) - Date.parse(job.started_at)) / 1000;
          const start = (Date.parse(job.started_at) - wallStart) / 1000;
          return { total, start, run };
        }
        if (status === "failed" || status === "cancelled") throw new Error(`Bench job ${status}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      // The worker exits once idle; its lock and files go with the home.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const pid = await Deno.readTextFile(join(home, "worker.json")).then(
          (t) => JSON.parse(t).pid as number,
          () => null,
        );
        if (pid === null || !(await Deno.stat(`/proc/${pid}`).catch(() => null))) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await Deno.remove(home, { recursive: true });
    }
  };
  const job1 = await submitOnce();
  const node1 = await timeNodeLoop(urls);
  const loop1 = await timePlainConcurrent(urls, strategy);
  const job2 = await submitOnce();
  const node2 = await timeNodeLoop(urls);
  const loop2 = await timePlainConcurrent(urls, strategy);
  const best = job1.total <= job2.total ? job1 : job2;
  return {
    urls: n,
    jobS: best.total,
    nodeS: Math.min(node1, node2),
    loopS: Math.min(loop1.wall, loop2.wall),
    startS: best.start,
    runS: best.run,
  };
}

/** One case in a fresh process (so peak RSS belongs to that case alone); prints a Row. */
async function runCase(spec: string, base: string, strategy: Strategy): Promise<void> {
  const [kind, n] = spec.split(":");
  if (kind === "e2e") {
    console.log(JSON.stringify(await runE2e(Number(n), base, strategy)));
    return;
  }
  if (kind === "scale") {
    const live = Deno.args.includes("--live-heap");
    console.log(JSON.stringify(await runScale(Number(n), base, strategy, live)));
    return;
  }
  const label = kind === "small" ? `small x${n}` : "articles x121";
  const urls = kind === "small"
    ? Array.from({ length: Number(n) }, (_, i) => `${base}/p/${i}`)
    : [...(await loadArticles()).keys()].map((h) => `${base}/a/${h}`);
  // Warm-up: module loading and JIT are not what is measured.
  for (const page of (await buildCase(label, urls.slice(0, 300))).pages) {
    await extract(page, strategy, {});
  }
  // The job and the same work without the job system, interleaved and best
  // of two (the machine is shared), before the extract-only baseline holds
  // every page in memory, so the job's memory is its own. The third run
  // measures the live heap (GC before each sample), untimed.
  const first = await timeJob(urls, label, strategy);
  const concurrent1 = await timePlainConcurrent(urls, strategy);
  const second = await timeJob(urls, label, strategy);
  const concurrent2 = await timePlainConcurrent(urls, strategy);
  const live = await timeJob(urls, label, strategy, true);
  const plainConcurrentS = Math.min(concurrent1.wall, concurrent2.wall);
  const plainConcurrentCpu = Math.min(concurrent1.cpu, concurrent2.cpu);
  const c = await buildCase(label, urls);
  const extractOnlyS = await timeExtractOnly(c, strategy);
  const plainLoopS = await timePlainLoop(c, strategy);
  const jobS = Math.min(first.seconds, second.seconds);
  const jobCpu = Math.min(first.cpu, second.cpu);
  const mb = (bytes: number): number => bytes / 1024 / 1024;
  const row: Row = {
    label,
    urls: urls.length,
    extractOnlyS,
    plainLoopS,
    plainConcurrentS,
    jobS,
    plainConcurrentCpu,
    jobCpu,
    urlsPerS: urls.length / jobS,
    peakRssMb: mb(first.peakRss),
    firstHalfRssMb: mb(first.firstHalfRss),
    secondHalfRssMb: mb(first.secondHalfRss),
    firstHalfLiveMb: mb(live.firstHalfRss),
    secondHalfLiveMb: mb(live.secondHalfRss),
    ok: first.ok,
  };
  console.log(JSON.stringify(row));
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined =>
    Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const strategy = (arg("strategy") ?? "auto") as Strategy;
  if (!STRATEGIES.includes(strategy)) throw new RangeError(`Unknown strategy "${strategy}"`);
  const caseSpec = arg("case");
  const base = arg("base");
  if (caseSpec !== undefined && base !== undefined) return await runCase(caseSpec, base, strategy);

  const sizes = (arg("sizes") ?? "1000,5000,10000").split(",").map(Number);
  const only = arg("only");
  const server = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-net=127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4",
      import.meta.filename!,
      "--serve",
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const port = Number((await reader.read()).value?.trim());
  const url = `http://127.0.0.1:${port}`;
  try {
    if (only === "scale") {
      for (const n of arg("sizes") === undefined ? [100_000] : sizes) {
        const out = await new Deno.Command(Deno.execPath(), {
          args: [
            "run",
            "--allow-all",
            // As a background worker runs (cli/worker_spawn.ts).
            `--v8-flags=--expose-gc,${WORKER_V8_FLAGS}`,
            import.meta.filename!,
            `--case=scale:${n}`,
            `--base=${url}`,
            ...(Deno.args.includes("--live-heap") ? ["--live-heap"] : []),
          ],
          stdout: "piped",
          stderr: "inherit",
        }).output();
        if (!out.success) throw new Error(`Case scale:${n} failed`);
        const row: ScaleRow = JSON.parse(
          new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!,
        );
        const mb = (b: number | undefined) => b === undefined ? "-" : (b / 1048576).toFixed(1);
        console.log(
          `scale x${row.urls}: ${row.ok}/${row.urls} ok in ${row.jobS.toFixed(1)} s ` +
            `(${(row.urls / row.jobS).toFixed(0)} URLs/s); worker peak ` +
            `${Deno.args.includes("--live-heap") ? "live heap after GC" : "RSS"} ` +
            `${row.peakRssMb.toFixed(0)} MB; left on disk (MB): ` +
            Object.entries(row.files).sort().map(([f, b]) => `${f} ${mb(b)}`).join(", "),
        );
      }
      return;
    }
    if (only === undefined || only === "e2e") {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-all",
          // The background worker's V8 settings: the in-process loop loads the
          // strategies and the worker's modules too, and V8 rejects code cached
          // under other settings (--heap-growing-percent counts), so under its
          // own it would make every job's worker compile them all again.
          `--v8-flags=${WORKER_V8_FLAGS}`,
          import.meta.filename!,
          "--case=e2e:1000",
          `--base=${url}`,
          `--strategy=${strategy}`,
        ],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error("Case e2e failed");
      const row: E2eRow = JSON.parse(
        new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!,
      );
      console.log(
        `end to end: submit of ${row.urls} small pages from 4 hosts → completed, results.json ` +
          `on disk: ${row.jobS.toFixed(2)} s (${row.startS.toFixed(2)} s to start, ` +
          `${row.runS.toFixed(2)} s running); best of 2 each, 8 at a time and 2 per host:\n` +
          `  vs the issue's baseline, a fresh node process fetching and extracting with ` +
          `Readability.js on linkedom, spawn to exit: ${row.nodeS.toFixed(2)} s → ratio ` +
          `${(row.jobS / row.nodeS).toFixed(2)}× (Done when ≤ 1.0×)\n` +
          `  vs a stricter one, fetch + ${strategy} in the bench's own warm process: ` +
          `${row.loopS.toFixed(2)} s → ratio ${(row.jobS / row.loopS).toFixed(2)}×`,
      );
      if (only === "e2e") return;
    }
    const specs: string[] = [];
    if (only === undefined || only === "small") specs.push(...sizes.map((n) => `small:${n}`));
    if (only === undefined || only === "articles") specs.push("articles:121");
    const rows: Row[] = [];
    for (const spec of specs) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-all",
          "--v8-flags=--expose-gc",
          import.meta.filename!,
          `--case=${spec}`,
          `--base=${url}`,
          `--strategy=${strategy}`,
        ],
        stdout: "piped",
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error(`Case ${spec} failed`);
      const row: Row = JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
      rows.push(row);
      console.error(`${row.label}: job ${row.jobS.toFixed(2)} s`);
    }

    const pct = (a: number, b: number): string => `${((a / b - 1) * 100).toFixed(1)}%`;
    console.log(
      `strategy ${strategy}; job = runWorker (1 job, 8 URLs at once, 2 per host) over a ` +
        "local server; each case in a fresh process; job and concurrent loop: best of 2",
    );
    console.log(
      "| case | ok | extract only (s) | sequential fetch+extract (s) | " +
        "concurrent fetch+extract (s) | job (s) | job URLs/s | job overhead vs concurrent loop | " +
        "vs sequential loop | CPU s: concurrent loop / job (overhead) | " +
        "job peak RSS (MB): 1st half / 2nd half | " +
        "job live heap after GC (MB): 1st half / 2nd half |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      console.log(
        `| ${r.label} | ${r.ok}/${r.urls} | ${r.extractOnlyS.toFixed(2)} | ` +
          `${r.plainLoopS.toFixed(2)} | ${r.plainConcurrentS.toFixed(2)} | ${
            r.jobS.toFixed(2)
          } | ` +
          `${r.urlsPerS.toFixed(0)} | ${pct(r.jobS, r.plainConcurrentS)} | ` +
          `${pct(r.jobS, r.plainLoopS)} | ${r.plainConcurrentCpu.toFixed(2)} / ` +
          `${r.jobCpu.toFixed(2)} (${pct(r.jobCpu, r.plainConcurrentCpu)}) | ` +
          `${r.firstHalfRssMb.toFixed(0)} / ` +
          `${r.secondHalfRssMb.toFixed(0)} | ${r.firstHalfLiveMb.toFixed(0)} / ` +
          `${r.secondHalfLiveMb.toFixed(0)} |`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    await reader.cancel();
    await server.status;
  }
}

if (import.meta.main) {
  if (Deno.args.includes("--serve")) await serve();
  else await main();
}
