import assert from "node:assert/strict";
import { Command, type CommandUnknownOpts } from "../_commander.ts";
import { type MetricEvent, UsageError } from "@riptide/core/base";
import { readMetricEvents } from "@riptide/storage/base";
import { Printer } from "../render.ts";
import {
  commandPath,
  formatEventLine,
  parseExportFormat,
  parseSince,
  recordCommandRun,
} from "./metrics.ts";

function toyProgram(): CommandUnknownOpts {
  const jobLocal = new Command("job-local")
    .addCommand(new Command("status").option("--id <id>"))
    .addCommand(new Command("list"));
  const program = new Command("riptide").option("--config <file>").addCommand(jobLocal)
    .addCommand(new Command("metrics").addCommand(new Command("show")));
  return program as unknown as CommandUnknownOpts;
}

Deno.test("commandPath() names the command a run selects", async (t) => {
  const program = toyProgram();
  const cases: [string[], string][] = [
    [["job-local", "status", "--id", "job_1a2b"], "job-local status"],
    [["--config", "c.jsonc", "job-local", "list"], "job-local list"],
    [["metrics", "show", "-o", "json"], "metrics show"],
    [["job-local", "nope"], "job-local"],
    [["--version"], ""],
  ];
  for (const [args, expected] of cases) {
    await t.step(`${JSON.stringify(args)} → "${expected}"`, () => {
      assert.equal(commandPath(program, args), expected);
    });
  }
});

Deno.test("recordCommandRun() records runs except help, usage errors and metrics reads", async (t) => {
  const home = await Deno.makeTempDir({ prefix: "riptide_cli_metrics_" });
  const previous = Deno.env.get("RIPTIDE_HOME");
  Deno.env.set("RIPTIDE_HOME", home);
  const events = async (): Promise<MetricEvent[]> => {
    const out: MetricEvent[] = [];
    for await (const e of readMetricEvents(home)) out.push(e);
    return out;
  };
  try {
    const program = toyProgram();
    await t.step("a usage error writes nothing", async () => {
      await recordCommandRun(program, ["job-local", "list"], {
        durationMs: 3,
        code: 2,
        error: new UsageError("bad"),
      });
      assert.deepEqual(await events(), []);
    });
    await t.step("a success and a runtime failure are recorded", async () => {
      await recordCommandRun(program, ["job-local", "list"], { durationMs: 12.34, code: 0 });
      class JobNotFoundError extends Error {
        override name = "JobNotFoundError";
      }
      await recordCommandRun(program, ["job-local", "status", "--id", "job_9"], {
        durationMs: 20,
        code: 1,
        error: new JobNotFoundError("x"),
      });
      const got = (await events()).map((e) =>
        e.type === "command" ? [e.name, e.duration_ms, e.ok, e.error_class] : []
      );
      assert.deepEqual(got, [
        ["job-local list", 12.3, true, null],
        ["job-local status", 20, false, "JobNotFoundError"],
      ]);
    });
    await t.step("reading the metrics is not recorded", async () => {
      const before = (await events()).length;
      await recordCommandRun(program, ["metrics", "show"], { durationMs: 5, code: 0 });
      assert.equal((await events()).length, before);
    });
  } finally {
    if (previous === undefined) Deno.env.delete("RIPTIDE_HOME");
    else Deno.env.set("RIPTIDE_HOME", previous);
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("metrics flags are parsed strictly", async (t) => {
  await t.step("--since takes a duration or an ISO date", () => {
    assert.deepEqual(parseSince("24h").value, { ago: 86_400_000 });
    assert.deepEqual(parseSince("2026-01-02").value, { at: new Date("2026-01-02") });
    assert.throws(() => parseSince("soon"), UsageError);
    assert.throws(() => parseSince("2026-13-45"), UsageError);
  });
  await t.step("--format takes json, csv, prom (or prometheus)", () => {
    assert.equal(parseExportFormat("CSV"), "csv");
    assert.equal(parseExportFormat("prometheus"), "prom");
    assert.throws(() => parseExportFormat("xml"), /Unknown export format "xml"/);
  });
});

Deno.test("formatEventLine() prints one compact line per event", () => {
  const p = new Printer({ color: false, tty: false });
  assert.equal(
    formatEventLine({
      ts: "2026-01-02T03:04:05.678Z",
      type: "url_failed",
      job_id: "job_a",
      host: "a.test",
      reason_class: "http_404",
      strategy: "auto",
      duration_ms: 40,
      http_status: 404,
      retries: 0,
    }, p),
    "2026-01-02 03:04:05 url_failed    job_a a.test http_404 40ms auto",
  );
});
