/**
 * Cost of recording one metric event: `deno bench --allow-all storage/metrics_bench.ts`.
 * A CLI run records one `command` event with a fresh recorder (open, lock,
 * stat, head read, write, close); the worker reuses one recorder per process.
 */
import { appendLines, MetricsRecorder, recordMetric } from "@riptide/storage";
import { join } from "node:path";

const home = await Deno.makeTempDir({ prefix: "riptide_metrics_bench_" });
const event = {
  type: "url_extracted",
  job_id: "job_6a1b2c3d_0a1b2c3d",
  host: "example.com",
  duration_ms: 123.4,
  bytes: 48_213,
  chars: 9_120,
  http_status: 200,
  retries: 0,
  strategy: "auto",
} as const;

const recorder = new MetricsRecorder(home);
await recorder.record(event);

Deno.bench("MetricsRecorder.record() with a reused recorder (worker)", async () => {
  await recorder.record(event);
});

Deno.bench("recordMetric() with a fresh recorder (one CLI command)", async () => {
  await recordMetric(home, {
    type: "command",
    name: "job-local list",
    duration_ms: 41,
    ok: true,
    error_class: null,
  });
});

const plain = join(home, "plain.jsonl");
Deno.bench("baseline: appendLines() of one line", { baseline: true }, async () => {
  await appendLines(plain, [JSON.stringify(event)]);
});

globalThis.addEventListener("unload", () => {
  Deno.removeSync(home, { recursive: true });
});
