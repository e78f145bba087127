// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Rerun benchmark (the report is the output): a 1,000-URL job against a
 * local site that answers `If-None-Match` with 304, then `rerun` of it
 * against the unchanged site (share of conditional requests, time against
 * the first run, identical content), then a rerun after editing 10 pages
 * (how many results are `changed`).
 *
 * Each run is timed as a user meets it: `submit` (or `rerun`) starts the
 * background worker itself (the home's config sets `worker.idle_timeout`
 * to 10 ms, so it exits when the job is done), and the run is over when the
 * job's status reads completed (its `metadata.json`, what `status` reads,
 * looked at every 20 ms). Also reported: until the worker has exited (it
 * builds the job's search index after the status change), and the job's own
 * time (`started_at` to `completed_at`: no worker start-up or exit).
 *
 *   deno run -A scripts/rerun_bench.ts [--urls N] [--paragraphs N]
 *
 * @module
 */

import { join } from "node:path";

const arg = (name: string, fallback: number): number => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const N = arg("--urls", 1000);
// Paragraphs per article: 30 makes a page of about 21 KB, an ordinary news or
// blog article with its navigation and a related-links box; --paragraphs 1
// gives a 5 KB page close to the tiny page of the benchmark's first version
// (there, extraction is so quick that requests and recording are the run).
const PARAGRAPHS = arg("--paragraphs", 30);
const LAUNCHER = join(import.meta.dirname ?? ".", "..", "riptide");
const version = new Map<string, number>();
const requests: { conditional: boolean; status: number }[] = [];
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
  const path = new URL(req.url).pathname;
  if (path === "/robots.txt") return new Response("User-agent: *\nAllow: /\n");
  const v = version.get(path) ?? 1;
  const etag = `"${path}-${v}"`;
  const conditional = req.headers.has("if-none-match");
  if (req.headers.get("if-none-match") === etag) {
    requests.push({ conditional, status: 304 });
    return new Response(null, { status: 304, headers: { etag } });
  }
  requests.push({ conditional, status: 200 });
  return new Response(page(path, v), {
    headers: { "content-type": "text/html; charset=utf-8", etag },
  });
});
function page(path: string, v: number): string {
  const nav = Array.from({ length: 60 }, (_, k) => `<li><a href="/s/${k}">Section ${k}</a></li>`)
    .join("");
  const paragraphs = Array.from(
    { length: PARAGRAPHS },
    (_, k) =>
      `<p>Paragraph ${k} of version ${v} of ${path}: ${
        `the harbour committee met on Tuesday to discuss item ${k}, and the minutes say so. `
          .repeat(6)
      }</p>`,
  ).join("\n");
  return `<!doctype html><html><head><title>Page ${path}</title>` +
    `<meta name="description" content="Page ${path}"></head><body>` +
    `<header><nav><ul>${nav}</ul></nav></header><main><article><h1>Page ${path}</h1>` +
    `${paragraphs}</article><aside><h2>Related</h2><ul>${nav}</ul></aside></main>` +
    `<footer>footer ${"<a href='/about'>about</a> ".repeat(20)}</footer></body></html>`;
}
const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
const home = await Deno.makeTempDir({ prefix: "riptide_rerun_bench_" });
const env = { RIPTIDE_HOME: home };
async function cli(args: string[]): Promise<string> {
  const out = await new Deno.Command(LAUNCHER, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}
await Deno.writeTextFile(join(home, "config.jsonc"), `{ "worker": { "idle_timeout": "10ms" } }\n`);
/** Seconds from the start of a command to a status that is terminal, and to the worker's exit. */
interface Timing {
  id: string;
  /** Submit (or rerun) to the job's status reading completed (or failed, cancelled). */
  visible: number;
  /** Submit to the background worker's exit (it let go of `worker.lock`). */
  done: number;
}
async function timed(args: string[]): Promise<Timing> {
  const started = performance.now();
  const id = JSON.parse(await cli([...args, "-o", "json"])).job_id as string;
  const metadata = join(home, "jobs", id, "metadata.json");
  for (;;) {
    const status = await Deno.readTextFile(metadata).then((t) => JSON.parse(t).status, () => "");
    if (["completed", "failed", "cancelled"].includes(status)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const visible = (performance.now() - started) / 1000;
  // The worker holds worker.lock for its whole life: this waits for its exit.
  using lock = await Deno.open(join(home, "worker.lock"), { read: true, write: true });
  await lock.lock(true);
  await lock.unlock();
  return { id, visible, done: (performance.now() - started) / 1000 };
}
/** What a worker costs with nothing to do (start, lock, queue check, exit). */
async function idleWorker(): Promise<number> {
  const started = performance.now();
  const out = await new Deno.Command(LAUNCHER, {
    args: ["job-local", "worker", "--idle-timeout", "0"],
    env,
    stdout: "null",
    stderr: "null",
  }).output();
  if (!out.success) throw new Error("worker failed");
  return (performance.now() - started) / 1000;
}
type Extraction = { url: string; content: string; change?: string; from_cache?: string };
/** The job's own time, started_at to completed_at (no worker start-up or exit). */
async function jobSeconds(id: string): Promise<number> {
  const job = JSON.parse(await cli(["job-local", "status", "--id", id, "-o", "json"]));
  return (Date.parse(job.completed_at) - Date.parse(job.started_at)) / 1000;
}
const results = async (id: string): Promise<Extraction[]> =>
  JSON.parse(await cli(["job-local", "results", "--id", id, "-o", "json"])).extractions;

const file = join(home, "urls.txt");
await Deno.writeTextFile(
  file,
  Array.from({ length: N }, (_, k) => `${base}/p/${k}`).join("\n") + "\n",
);
const first = await timed(["job-local", "submit", "--urls-file", file]);
const before = await results(first.id);

requests.length = 0;
const again = await timed(["job-local", "rerun", "--id", first.id]);
const after = await results(again.id);
const asked = requests.length;
const conditional = requests.filter((r) => r.conditional).length;
const notModified = requests.filter((r) => r.status === 304).length;
const identical = after.length === before.length &&
  after.every((e, k) => e.url === before[k]!.url && e.content === before[k]!.content);

for (let k = 0; k < 10; k++) version.set(`/p/${k * 97}`, 2);
const third = await timed(["job-local", "rerun", "--id", first.id]);
const changes = new Map<string, number>();
for (const e of await results(third.id)) {
  changes.set(e.change ?? "-", (changes.get(e.change ?? "-") ?? 0) + 1);
}

const firstJob = await jobSeconds(first.id);
const rerunJob = await jobSeconds(again.id);
const fromCache = after.filter((e) => e.from_cache === "not-modified").length;
const idleSeconds = await idleWorker();
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
console.log(
  `first run: ${N} URLs (pages of ${(page("/p/0", 1).length / 1024).toFixed(0)} KB): ` +
    `submit to completed ${first.visible.toFixed(2)} s, to the worker's exit ` +
    `${first.done.toFixed(2)} s`,
);
console.log(
  `rerun, unchanged site: submit to completed ${again.visible.toFixed(2)} s ` +
    `(${times(first.visible, again.visible)} faster), to the worker's exit ` +
    `${again.done.toFixed(2)} s (${times(first.done, again.done)}); ` +
    `${conditional}/${asked} conditional requests, ${notModified} answered 304, ` +
    `results identical: ${identical}`,
);
console.log(
  `rerun after editing 10 pages: submit to completed ${third.visible.toFixed(2)} s, changes ${
    JSON.stringify(Object.fromEntries(changes))
  }`,
);
console.log(
  `job time (started_at to completed_at): first ${firstJob.toFixed(2)} s, rerun ` +
    `${rerunJob.toFixed(2)} s (${times(firstJob, rerunJob)} faster); ` +
    `${fromCache}/${N} results from the cache (304); an idle worker (start to exit) takes ` +
    `${idleSeconds.toFixed(2)} s`,
);
await server.shutdown();
await Deno.remove(home, { recursive: true });
