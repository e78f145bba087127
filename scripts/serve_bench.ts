/**
 * Load benchmark of `riptide serve`
 * (`deno task bench:serve [pollers] [posts] [clients] [--interval MS]`):
 *
 * 1. `pollers` (default 200) clients poll one job's status, each once every
 *    `--interval` ms (default 250; the Firecrawl SDK polls every 2 s) for 20
 *    rounds, starting at random points of the first interval: p50/p95/p99
 *    latency (target p95 < 50 ms). A poll answered later than its interval
 *    is followed at once by the next.
 * 2. The same clients polling back to back (no pause: each sends its next
 *    request when the last one is answered), ten rounds each: the
 *    throughput; latency is then the queue that 200 clients on the same
 *    cores build (Little's law: clients / throughput), shown beside the same
 *    run against `/healthz` (no store access: what HTTP alone costs here).
 * 3. `posts` (default 1000) `POST /v1/jobs` from `clients` (default 50)
 *    concurrent clients: every answer a 201, and afterwards every job stored
 *    exactly once (by its unique name), none lost or duplicated.
 *
 * The server runs with `--no-worker` over a temporary home, so the figures
 * are the API's and the store's; `RIPTIDE_STORE=postgres://…` benchmarks the
 * PostgreSQL store instead of the filesystem.
 *
 * @module
 */

// deno-lint-ignore-file no-console -- a benchmark prints its figures

const ROOT = new URL("..", import.meta.url).pathname;
const intervalAt = Deno.args.indexOf("--interval");
const intervalMs = intervalAt >= 0 ? Number(Deno.args[intervalAt + 1]) : 250;
const positional = intervalAt < 0
  ? Deno.args
  : Deno.args.filter((_, i) => i !== intervalAt && i !== intervalAt + 1);
const pollers = Number(positional[0] ?? 200);
const posts = Number(positional[1] ?? 1000);
const clients = Number(positional[2] ?? 50);
const ROUNDS = 10;
const PACED_ROUNDS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p95=${
    percentile(s, 95).toFixed(1)
  } ms p99=${percentile(s, 99).toFixed(1)} ms max=${s.at(-1)!.toFixed(1)} ms`;
}

const home = await Deno.makeTempDir({ prefix: "riptide_serve_bench_" });
const child = new Deno.Command(`${ROOT}riptide`, {
  args: ["serve", "--port", "0", "--no-worker"],
  env: { RIPTIDE_HOME: home },
  stdin: "null",
  stdout: "null",
  stderr: "piped",
}).spawn();
const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
let text = "";
let base: string | undefined;
while (base === undefined) {
  const { value, done } = await reader.read();
  if (done) throw new Error(`riptide serve did not start: ${text}`);
  text += value;
  base = /listening on (http:\/\/\S+)/.exec(text)?.[1];
}
// Keep draining stderr so the server never blocks on a full pipe.
(async () => {
  while (!(await reader.read()).done) { /* drain */ }
})();

try {
  const post = async (name: string): Promise<Response> =>
    await fetch(`${base}/v1/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: "http://127.0.0.1:9/page", name, tags: ["bench"] }),
    });
  const first = await (await post("poll-target")).json();

  // Warm-up (connections opened, code compiled), not measured.
  await Promise.all(Array.from({ length: pollers }, async () => {
    await (await fetch(`${base}/v1/jobs/${first.job_id}`)).arrayBuffer();
  }));
  // 1. Status pollers at an interval, as clients poll: by the full id submit
  // returns, then by the short id.
  for (const target of [first.job_id as string, first.short_id as string]) {
    const path = `/v1/jobs/${target}`;
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: pollers }, async () => {
      let due = performance.now() + Math.random() * intervalMs;
      for (let round = 0; round < PACED_ROUNDS; round++) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += intervalMs;
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) errors++;
      }
    }));
    const pollSecs = (performance.now() - started) / 1000;
    console.log(
      `polling ${path}, ${pollers} clients each every ${intervalMs} ms x ${PACED_ROUNDS}: ${
        summary(latencies)
      }; ${(latencies.length / pollSecs).toFixed(0)} req/s; errors ${errors}`,
    );
  }

  // 2. Back-to-back pollers (saturation): /healthz first, the floor that
  // HTTP itself costs on this machine.
  for (const target of ["healthz", first.job_id as string, first.short_id as string]) {
    const path = target === "healthz" ? "/healthz" : `/v1/jobs/${target}`;
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: pollers }, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) errors++;
      }
    }));
    const pollSecs = (performance.now() - started) / 1000;
    console.log(
      `polling ${path} back to back, ${pollers} clients x ${ROUNDS}: ${summary(latencies)}; ${
        (latencies.length / pollSecs).toFixed(0)
      } req/s; errors ${errors}`,
    );
  }

  // 3. Concurrent submissions.
  const postLatencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const t1 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      const i = next++;
      if (i >= posts) return;
      const t0 = performance.now();
      const response = await post(`bench-${i}`);
      await response.arrayBuffer();
      postLatencies.push(performance.now() - t0);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  }));
  const postSecs = (performance.now() - t1) / 1000;
  const list = await (await fetch(`${base}/v1/jobs?tag=bench&limit=100000`)).json();
  const names = (list.jobs as { name: string }[]).map((j) => j.name).filter((n) =>
    n.startsWith("bench-")
  );
  const unique = new Set(names);
  const lost = posts - unique.size;
  const duplicated = names.length - unique.size;
  console.log(
    `submissions, ${posts} from ${clients} concurrent clients: ${summary(postLatencies)}; ` +
      `${(posts / postSecs).toFixed(0)} jobs/s; statuses ${
        JSON.stringify(Object.fromEntries(statuses))
      }; stored ${unique.size}, lost ${lost}, duplicated ${duplicated}`,
  );
  if (lost !== 0 || duplicated !== 0 || statuses.get(201) !== posts) Deno.exitCode = 1;
} finally {
  child.kill("SIGTERM");
  await child.status;
  await Deno.remove(home, { recursive: true });
}
