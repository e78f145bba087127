// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Benchmark of the shared queue: claims/s of the work queue itself and URLs/s
 * of whole workers, with 1, 2 and 4 workers on PostgreSQL and the same job on
 * the filesystem store for comparison.
 *
 *   RIPTIDE_TEST_PG_URL=postgres://… ./deno run --allow-all scripts/pg_bench.ts [URLS] [DELAY_MS]
 *
 * (scripts/pg_cluster.sh start DIR prints such a URL.) Part 1 claims and
 * records URLs in-process (no fetching: the store's own cost); part 2 runs
 * `riptide job-local worker` processes against a local server.
 *
 * @module
 */

import { type Extraction, summarizeResults, transition } from "@riptide/core";
import { type FinishDecision, FsJobStore, type JobStore, type NewJob } from "@riptide/storage";
import { tempPgDatabase, testPgUrl } from "@riptide/storage/testing";
import { PgJobStore } from "@riptide/storage/pg";

const admin = testPgUrl();
if (admin === null) {
  console.error("error: set RIPTIDE_TEST_PG_URL (scripts/pg_cluster.sh start DIR prints one)");
  Deno.exit(2);
}
const URLS = Number(Deno.args[0] ?? 1000);
const DELAY = Number(Deno.args[1] ?? 0);
const ROOT = new URL("..", import.meta.url).pathname;

function job(urls: string[]): NewJob {
  return {
    name: "bench",
    priority: "medium",
    urls,
    strategy: "auto",
    tags: [],
    stream: false,
    options: {},
  };
}

function ok(url: string): Extraction {
  return {
    url,
    status: "success",
    content: "x".repeat(200),
    metadata: { title: "t", extraction_time_ms: 1 },
  };
}

const finishWhenDone: FinishDecision = (j, extractions, open) =>
  j.status === "running" && open === 0
    ? { job: transition(j, "completed"), results: summarizeResults(j.id, j.urls, extractions) }
    : null;

/** Part 1: N in-process queues (each with its own pool) drain one job. */
async function claimBench(open: () => Promise<JobStore>, workers: number): Promise<number> {
  const stores = await Promise.all(Array.from({ length: workers }, open));
  const urls = Array.from({ length: URLS }, (_, i) => `https://bench.test/${i}`);
  const created = await stores[0]!.create(job(urls));
  const started = performance.now();
  await Promise.all(stores.map(async (store, i) => {
    const q = store.workQueue({ workerId: `b${i}`, leaseMs: 60_000 });
    await q.start(created.id);
    for (;;) {
      const batch = await q.claim(created.id, 8);
      if (batch.length === 0) break;
      await Promise.all(batch.map((u) => q.record(created.id, ok(u))));
    }
    await q.finish(created.id, finishWhenDone);
  }));
  const seconds = (performance.now() - started) / 1000;
  const final = await stores[0]!.get(created.id);
  if (final.status !== "completed") throw new Error(`job ended ${final.status}`);
  await Promise.all(stores.map((s) => s.close()));
  return URLS / seconds;
}

/** A local site of small pages. */
function site() {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    if (DELAY > 0) await new Promise((r) => setTimeout(r, DELAY));
    const n = new URL(req.url).pathname;
    return new Response(
      `<html><head><title>${n}</title></head><body><article><h1>${n}</h1><p>${
        "Some words of the article body. ".repeat(20)
      }</p></article></body></html>`,
      { headers: { "content-type": "text/html" } },
    );
  });
  return { url: `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`, server };
}

async function riptide(args: string[], env: Record<string, string>): Promise<string> {
  const out = await new Deno.Command(`${ROOT}riptide`, {
    args,
    env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

/** Part 2: N worker processes (own homes) run one job of URLS pages. */
async function workerBench(storeUrl: string | null, workers: number): Promise<number> {
  const { url, server } = site();
  const homes = await Promise.all(Array.from({ length: workers }, () => Deno.makeTempDir()));
  const env = (home: string): Record<string, string> => ({
    RIPTIDE_HOME: home,
    ...(storeUrl === null ? {} : { RIPTIDE_STORE: storeUrl }),
  });
  const file = `${homes[0]}/urls.txt`;
  await Deno.writeTextFile(
    file,
    Array.from({ length: URLS }, (_, i) => `${url}/p/${i}`).join("\n"),
  );
  const id = JSON.parse(
    await riptide(
      ["job-local", "submit", "--urls-file", file, "--no-worker", "-o", "json"],
      env(homes[0]!),
    ),
  ).job_id;
  const started = performance.now();
  const children = homes.map((home) =>
    new Deno.Command(`${ROOT}riptide`, {
      args: [
        "job-local",
        "worker",
        "--concurrency",
        "1",
        "--url-concurrency",
        "8",
        "--per-host",
        "16",
        "--idle-timeout",
        "0",
      ],
      env: env(home),
      stdout: "null",
      stderr: "null",
    }).spawn()
  );
  await Promise.all(children.map((c) => c.status));
  const seconds = (performance.now() - started) / 1000;
  const status = JSON.parse(
    await riptide(["job-local", "status", "--id", id, "-o", "json"], env(homes[0]!)),
  );
  if (status.status !== "completed") throw new Error(`job ended ${status.status}`);
  await server.shutdown();
  for (const h of homes) await Deno.remove(h, { recursive: true });
  return URLS / seconds;
}

const rows: string[][] = [];
for (const n of [1, 2, 4]) {
  await using db = await tempPgDatabase(admin);
  const migrator = new PgJobStore(db.url);
  await migrator.migrate();
  await migrator.close();
  const claims = await claimBench(() => Promise.resolve(new PgJobStore(db.url)), n);
  rows.push(["postgres", String(n), claims.toFixed(0), (await workerBench(db.url, n)).toFixed(1)]);
}
{
  const home = await Deno.makeTempDir();
  const claims = await claimBench(() => Promise.resolve(new FsJobStore(home)), 1);
  await Deno.remove(home, { recursive: true });
  rows.push(["filesystem", "1", claims.toFixed(0), (await workerBench(null, 1)).toFixed(1)]);
}
console.log(`${URLS} URLs, server delay ${DELAY} ms, ${navigator.hardwareConcurrency} CPUs`);
console.log("store       workers  claims+records/s  URLs/s (worker processes)");
for (const [store, n, c, u] of rows) {
  console.log(`${store!.padEnd(11)} ${n!.padStart(7)}  ${c!.padStart(16)}  ${u!.padStart(10)}`);
}
