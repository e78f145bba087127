// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Rerun benchmark (the report is the output): a 1,000-URL job against a
 * local site that answers `If-None-Match` with 304, then `rerun` of it
 * against the unchanged site (share of conditional requests, time against
 * the first run, identical content), then a rerun after editing 10 pages
 * (how many results are `changed`).
 *
 *   deno run -A scripts/rerun_bench.ts [--urls N]
 *
 * @module
 */

import { join } from "node:path";

const i = Deno.args.indexOf("--urls");
const N = i >= 0 ? Number(Deno.args[i + 1]) : 1000;
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
  return new Response(
    `<!doctype html><html><head><title>Page ${path}</title></head><body><nav>` +
      `<a href="/">home</a></nav><article><h1>Page ${path}</h1>` +
      `<p>${
        `Version ${v} of the text of ${path}, long enough to be the main content. `.repeat(20)
      }</p>` +
      `</article><footer>footer</footer></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8", etag } },
  );
});
const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
const home = await Deno.makeTempDir({ prefix: "riptide_rerun_bench_" });
const env = { RIPTIDE_HOME: home };
async function cli(args: string[]): Promise<string> {
  const out = await new Deno.Command(LAUNCHER, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}
async function runWorker(): Promise<number> {
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
const first = JSON.parse(
  await cli(["job-local", "submit", "--urls-file", file, "--no-worker", "-o", "json"]),
).job_id;
const firstSeconds = await runWorker();
const before = await results(first);

requests.length = 0;
const again =
  JSON.parse(await cli(["job-local", "rerun", "--id", first, "--no-worker", "-o", "json"]))
    .job_id;
const rerunSeconds = await runWorker();
const after = await results(again);
const asked = requests.length;
const conditional = requests.filter((r) => r.conditional).length;
const notModified = requests.filter((r) => r.status === 304).length;
const identical = after.length === before.length &&
  after.every((e, k) => e.url === before[k]!.url && e.content === before[k]!.content);

for (let k = 0; k < 10; k++) version.set(`/p/${k * 97}`, 2);
const third =
  JSON.parse(await cli(["job-local", "rerun", "--id", first, "--no-worker", "-o", "json"]))
    .job_id;
const thirdSeconds = await runWorker();
const changes = new Map<string, number>();
for (const e of await results(third)) {
  changes.set(e.change ?? "-", (changes.get(e.change ?? "-") ?? 0) + 1);
}

const firstJob = await jobSeconds(first);
const rerunJob = await jobSeconds(again);
const fromCache = after.filter((e) => e.from_cache === "not-modified").length;

// What a worker costs with nothing to do (start, lock, queue check, exit).
const idleSeconds = await runWorker();
const net = (s: number) => Math.max(0.001, s - idleSeconds);
console.log(`first run: ${N} URLs in ${firstSeconds.toFixed(1)} s`);
console.log(
  `rerun, unchanged site: ${rerunSeconds.toFixed(1)} s (${
    (firstSeconds / rerunSeconds).toFixed(1)
  }× faster), ` +
    `${conditional}/${asked} conditional requests, ${notModified} answered 304, ` +
    `results identical: ${identical}`,
);
console.log(
  `rerun after editing 10 pages: ${thirdSeconds.toFixed(1)} s, changes ${
    JSON.stringify(Object.fromEntries(changes))
  }`,
);
console.log(
  `an idle worker (start to exit) takes ${idleSeconds.toFixed(1)} s; without it: first ` +
    `${net(firstSeconds).toFixed(2)} s, rerun ${net(rerunSeconds).toFixed(2)} s ` +
    `(${(net(firstSeconds) / net(rerunSeconds)).toFixed(1)}× faster)`,
);
console.log(
  `job time (started_at to completed_at): first ${firstJob.toFixed(2)} s, rerun ` +
    `${rerunJob.toFixed(2)} s (${(firstJob / rerunJob).toFixed(1)}× faster); ` +
    `${fromCache}/${N} results from the cache (304)`,
);
await server.shutdown();
await Deno.remove(home, { recursive: true });
