// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Notification delay benchmark (the report is the output): N jobs with one
 * local page each and `--notify` to a local receiver that is up, run by a
 * foreground `riptide job-local worker` subprocess (the real path: outbox
 * write with the job's end, the worker's nudge, claim, sign, POST). The
 * delay of an event is its arrival at the receiver minus the job's end
 * (`occurred_at`, the job's `completed_at`): p50, p95 and max. Target: p95
 * under 1 s.
 *
 *   deno run -A scripts/notify_bench.ts [--jobs N] [--store postgres://…]
 *
 * @module
 */

import { join } from "node:path";
import { openJobStore } from "@riptide/storage";
import { verifyNotifySignature } from "@riptide/core";

const arg = (name: string): string | undefined => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
};
const N = Number(arg("--jobs") ?? 100);
const STORE = arg("--store");
const SECRET = "bench-secret";
const LAUNCHER = join(import.meta.dirname ?? ".", "..", "riptide");

const delays: number[] = [];
let badSignatures = 0;
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
  if (req.method === "GET") {
    return new Response("<html><head><title>p</title></head><body><p>page</p></body></html>", {
      headers: { "content-type": "text/html" },
    });
  }
  const body = await req.text();
  const arrived = Date.now();
  if (!(await verifyNotifySignature(SECRET, body, req.headers.get("x-riptide-signature")))) {
    badSignatures++;
  }
  delays.push(arrived - Date.parse(JSON.parse(body).occurred_at));
  return new Response(null, { status: 204 });
});
const base = `http://127.0.0.1:${server.addr.port}`;

const home = await Deno.makeTempDir({ prefix: "riptide_notify_bench_" });
try {
  await Deno.writeTextFile(
    join(home, "config.jsonc"),
    JSON.stringify({
      worker: { idle_timeout: 1, autostart: false },
      notify: { secret: SECRET },
    }),
  );
  const store = await openJobStore({ home, ...(STORE === undefined ? {} : { url: STORE }) });
  for (let i = 0; i < N; i++) {
    await store.create({
      name: `bench-${i}`,
      priority: "medium",
      urls: [`${base}/page/${i}`],
      strategy: "auto",
      tags: [],
      stream: false,
      options: { notify: [`${base}/hook`] },
    });
  }
  await store.close();
  const started = performance.now();
  const worker = await new Deno.Command(LAUNCHER, {
    args: ["job-local", "worker"],
    env: { RIPTIDE_HOME: home, ...(STORE === undefined ? {} : { RIPTIDE_STORE: STORE }) },
    stdout: "null",
    stderr: "null",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...delays].sort((a, b) => a - b);
  const pct = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const load = Deno.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(
    `notify_bench: ${N} jobs on ${STORE === undefined ? "the filesystem store" : "PostgreSQL"}, ` +
      `worker exit ${worker.code} after ${seconds.toFixed(1)} s, load ${load}`,
  );
  console.log(
    `  events received ${delays.length} (bad signatures ${badSignatures}); delay after the ` +
      `job's end: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${sorted.at(-1)} ms ` +
      `(target p95 < 1000 ms: ${pct(95) < 1000 ? "met" : "MISSED"})`,
  );
  if (delays.length !== N || badSignatures > 0) Deno.exitCode = 1;
} finally {
  await server.shutdown();
  await Deno.remove(home, { recursive: true });
}
