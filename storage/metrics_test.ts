import assert from "node:assert/strict";
import { join } from "node:path";
import type { MetricEvent, MetricEventInput } from "@riptide/core/base";
import {
  METRICS_FILE,
  MetricsBuffer,
  metricsDir,
  MetricsRecorder,
  readLastMetricEvents,
  readMetricEvents,
  readNewMetricEvents,
  recordMetric,
} from "./metrics.ts";

const WRITER = join(import.meta.dirname ?? ".", "testdata", "metrics_writer.ts");
const DAY = 86_400_000;

async function tempHome(): Promise<{ path: string } & AsyncDisposable> {
  const path = await Deno.makeTempDir({ prefix: "riptide_metrics_test_" });
  return {
    path,
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true });
    },
  };
}

function command(name: string, duration = 1): MetricEventInput {
  return { type: "command", name, duration_ms: duration, ok: true, error_class: null };
}

async function collect(
  home: string,
  since: Date | null = null,
): Promise<{ events: MetricEvent[]; warnings: string[] }> {
  const warnings: string[] = [];
  const events: MetricEvent[] = [];
  for await (const e of readMetricEvents(home, { since, onWarning: (m) => warnings.push(m) })) {
    events.push(e);
  }
  return { events, warnings };
}

async function metricsFiles(home: string): Promise<{ name: string; size: number }[]> {
  const out: { name: string; size: number }[] = [];
  for await (const entry of Deno.readDir(metricsDir(home))) {
    out.push({
      name: entry.name,
      size: (await Deno.stat(join(metricsDir(home), entry.name))).size,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function clock(start: number): { now: () => Date; advance: (ms: number) => void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

Deno.test("MetricsRecorder appends whole JSON lines that the reader returns", async (t) => {
  await using home = await tempHome();
  const c = clock(Date.parse("2026-05-01T10:00:00.000Z"));
  const recorder = new MetricsRecorder(home.path, { now: c.now });

  await t.step("the first record creates the metrics directory", async () => {
    await recorder.record(command("job-local list", 12));
    const text = await Deno.readTextFile(join(home.path, "metrics", METRICS_FILE));
    assert.equal(
      text,
      '{"ts":"2026-05-01T10:00:00.000Z","type":"command","name":"job-local list",' +
        '"duration_ms":12,"ok":true,"error_class":null}\n',
    );
  });
  await t.step("a given ts is kept and events come back in order", async () => {
    await recorder.record({ ...command("job-local stats"), ts: "2026-05-01T09:00:00.000Z" });
    const { events, warnings } = await collect(home.path);
    assert.deepEqual(events.map((e) => e.ts), [
      "2026-05-01T10:00:00.000Z",
      "2026-05-01T09:00:00.000Z",
    ]);
    assert.deepEqual(warnings, []);
  });
  await t.step("since filters events by time", async () => {
    const { events } = await collect(home.path, new Date("2026-05-01T09:30:00.000Z"));
    assert.deepEqual(events.map((e) => e.type === "command" && e.name), ["job-local list"]);
  });
});

Deno.test("readMetricEvents() yields nothing when no metrics were recorded", async () => {
  await using home = await tempHome();
  const { events, warnings } = await collect(home.path);
  assert.deepEqual(events, []);
  assert.deepEqual(warnings, []);
});

Deno.test("concurrent writers leave a file where every line parses and none is lost", async (t) => {
  async function runWriters(home: string, writers: number, each: number, rotateBytes?: number) {
    const children = Array.from({ length: writers }, (_, i) =>
      new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          "--allow-read",
          "--allow-write",
          WRITER,
          home,
          String(i),
          String(each),
          ...(rotateBytes === undefined ? [] : [String(rotateBytes)]),
        ],
        stdout: "null",
        stderr: "piped",
      }).spawn());
    for (const child of children) {
      const out = await child.output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    }
  }

  function assertExactlyOnce(events: MetricEvent[], writers: number, each: number): void {
    const names = events.map((e) => (e.type === "command" ? e.name : "?"));
    assert.equal(names.length, writers * each);
    const expected = [];
    for (let w = 0; w < writers; w++) {
      for (let i = 0; i < each; i++) expected.push(`writer-${w} ${i}`);
    }
    assert.deepEqual([...names].sort(), expected.sort());
  }

  await t.step("20 processes x 100 events give exactly 2000 valid lines", async () => {
    await using home = await tempHome();
    await runWriters(home.path, 20, 100);
    const text = await Deno.readTextFile(join(metricsDir(home.path), METRICS_FILE));
    const lines = text.split("\n");
    assert.equal(lines.pop(), "");
    assert.equal(lines.length, 2000);
    for (const line of lines) JSON.parse(line);
    const { events, warnings } = await collect(home.path);
    assert.deepEqual(warnings, []);
    assertExactlyOnce(events, 20, 100);
  });

  await t.step("10 processes x 100 events while rotating every 8 KB lose nothing", async () => {
    await using home = await tempHome();
    await runWriters(home.path, 10, 100, 8_000);
    const files = await metricsFiles(home.path);
    assert.ok(files.length > 5, `expected rotated files, got ${files.map((f) => f.name)}`);
    const { events, warnings } = await collect(home.path);
    assert.deepEqual(warnings, []);
    assertExactlyOnce(events, 10, 100);
  });
});

Deno.test("rotation keeps the metrics files within their bounds", async (t) => {
  await t.step("by size: total stays within maxBytes plus one line", async () => {
    await using home = await tempHome();
    const c = clock(Date.parse("2026-05-01T10:00:00.000Z"));
    const recorder = new MetricsRecorder(home.path, {
      now: c.now,
      maxBytes: 20_000,
      rotateBytes: 4_000,
    });
    let maxLine = 0;
    for (let i = 0; i < 1000; i++) {
      c.advance(10);
      const event = command(`job-local list ${i}`, i);
      maxLine = Math.max(
        maxLine,
        JSON.stringify({ ts: c.now().toISOString(), ...event }).length + 1,
      );
      await recorder.record(event);
    }
    const files = await metricsFiles(home.path);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    assert.ok(total <= 20_000 + maxLine, `total ${total} bytes in ${files.length} files`);
    assert.ok(files.length >= 4, `expected rotated files, got ${files.length}`);
    assert.ok(files.every((f) => /^events(-\d{8}T\d{9}Z(-\d+)?)?\.jsonl$/.test(f.name)));
    const { events } = await collect(home.path);
    // The newest events survive, in order.
    const names = events.map((e) => e.type === "command" ? e.name : "");
    assert.equal(names.at(-1), "job-local list 999");
    assert.deepEqual(
      names,
      [...names].sort((a, b) => Number(a.split(" ")[2]) - Number(b.split(" ")[2])),
    );
  });

  await t.step("by age: the live file rotates daily and old files are deleted", async () => {
    await using home = await tempHome();
    const c = clock(Date.parse("2026-05-01T10:00:00.000Z"));
    const recorder = new MetricsRecorder(home.path, { now: c.now, maxAgeMs: 30 * DAY });
    await recorder.record(command("day 0"));
    c.advance(DAY / 2);
    await recorder.record(command("day 0.5"));
    assert.deepEqual((await metricsFiles(home.path)).map((f) => f.name), ["events.jsonl"]);
    c.advance(DAY);
    await recorder.record(command("day 1.5"));
    assert.deepEqual((await metricsFiles(home.path)).map((f) => f.name), [
      "events-20260502T220000000Z.jsonl",
      "events.jsonl",
    ]);
    c.advance(40 * DAY);
    await recorder.record(command("day 41.5"));
    // The file rotated on day 1.5 is older than 30 days: gone.
    assert.deepEqual((await metricsFiles(home.path)).map((f) => f.name), [
      "events-20260611T220000000Z.jsonl",
      "events.jsonl",
    ]);
    const { events } = await collect(home.path);
    assert.deepEqual(events.map((e) => e.type === "command" && e.name), ["day 1.5", "day 41.5"]);
  });

  await t.step("since skips rotated files that end before it", async () => {
    await using home = await tempHome();
    const c = clock(Date.parse("2026-05-01T10:00:00.000Z"));
    const recorder = new MetricsRecorder(home.path, { now: c.now });
    await recorder.record(command("old"));
    c.advance(2 * DAY);
    await recorder.record(command("mid"));
    c.advance(2 * DAY);
    await recorder.record(command("new"));
    // Damage the file rotated first: if it were read, the warning would show.
    const first = (await metricsFiles(home.path)).find((f) => f.name !== METRICS_FILE)!;
    await Deno.writeTextFile(join(metricsDir(home.path), first.name), "garbage\n", {
      append: true,
    });
    const { events, warnings } = await collect(home.path, new Date(c.now().getTime() - DAY));
    assert.deepEqual(events.map((e) => e.type === "command" && e.name), ["new"]);
    assert.deepEqual(warnings, []);
  });

  await t.step("invalid limits are refused", () => {
    assert.throws(() => new MetricsRecorder("/nowhere", { maxBytes: 0 }), RangeError);
    assert.throws(
      () => new MetricsRecorder("/nowhere", { maxBytes: 10, rotateBytes: 20 }),
      RangeError,
    );
  });
});

Deno.test("corrupted lines are skipped with one warning, not a crash", async () => {
  await using home = await tempHome();
  const recorder = new MetricsRecorder(home.path);
  await recorder.record(command("a"));
  const path = join(metricsDir(home.path), METRICS_FILE);
  await Deno.writeTextFile(path, '{"ts":"2026-01-01T00:00:00Z","type":"comm\n', { append: true });
  await Deno.writeTextFile(path, '{"ts":"2026-01-01T00:00:00Z","type":"alien"}\n\n', {
    append: true,
  });
  await recorder.record(command("b"));
  await Deno.writeTextFile(path, "\u0000\u0000\u0000", { append: true });
  const { events, warnings } = await collect(home.path);
  assert.deepEqual(events.map((e) => e.type === "command" && e.name), ["a", "b"]);
  assert.deepEqual(warnings, [`Skipped 3 corrupted line(s) in ${metricsDir(home.path)}`]);
});

Deno.test("the tail reader returns the last events, then only new ones", async (t) => {
  await using home = await tempHome();
  const c = clock(Date.parse("2026-05-01T10:00:00.000Z"));
  const recorder = new MetricsRecorder(home.path, { now: c.now });
  const path = join(metricsDir(home.path), METRICS_FILE);

  await t.step("no metrics yet: nothing, and a cursor that waits for the file", async () => {
    const first = await readLastMetricEvents(home.path, 5);
    assert.deepEqual(first.events, []);
    await recorder.record(command("e0"));
    const next = await readNewMetricEvents(home.path, first.cursor);
    assert.deepEqual(next.events.map((e) => e.type === "command" && e.name), ["e0"]);
  });

  for (let i = 1; i < 10; i++) await recorder.record(command(`e${i}`));
  let cursor = (await readLastMetricEvents(home.path, 0)).cursor;

  await t.step("the last N events come oldest first", async () => {
    const last = await readLastMetricEvents(home.path, 3);
    assert.deepEqual(last.events.map((e) => e.type === "command" && e.name), ["e7", "e8", "e9"]);
    assert.equal(last.cursor.offset, (await Deno.stat(path)).size);
  });
  await t.step("nothing new gives nothing", async () => {
    const r = await readNewMetricEvents(home.path, cursor);
    assert.deepEqual(r.events, []);
    assert.deepEqual(r.cursor, cursor);
  });
  await t.step("a half-written line waits until it is complete", async () => {
    await recorder.record(command("e10"));
    const half = '{"ts":"2026-05-01T10:00:00.000Z","type":"command","name":"e11",';
    await Deno.writeTextFile(path, half, { append: true });
    const r = await readNewMetricEvents(home.path, cursor);
    assert.deepEqual(r.events.map((e) => e.type === "command" && e.name), ["e10"]);
    await Deno.writeTextFile(path, '"duration_ms":1,"ok":true,"error_class":null}\n', {
      append: true,
    });
    const r2 = await readNewMetricEvents(home.path, r.cursor);
    assert.deepEqual(r2.events.map((e) => e.type === "command" && e.name), ["e11"]);
    cursor = r2.cursor;
  });
  await t.step("events around a rotation are all seen once", async () => {
    await recorder.record(command("before rotation"));
    c.advance(2 * DAY);
    await recorder.record(command("after rotation"));
    const r = await readNewMetricEvents(home.path, cursor);
    assert.deepEqual(r.events.map((e) => e.type === "command" && e.name), [
      "before rotation",
      "after rotation",
    ]);
    const last = await readLastMetricEvents(home.path, 3);
    assert.deepEqual(last.events.map((e) => e.type === "command" && e.name), [
      "e11",
      "before rotation",
      "after rotation",
    ]);
  });
});

Deno.test("MetricsBuffer writes events in batches, in order, and never throws", async (t) => {
  await t.step("events are stamped when added and all written by close", async () => {
    await using home = await tempHome();
    const c = clock(Date.UTC(2026, 0, 1));
    const buffer = new MetricsBuffer(home.path, { now: c.now, flushMs: 60_000 });
    for (let i = 0; i < 250; i++) {
      buffer.add(command(`cmd-${i}`));
      c.advance(1000);
    }
    // Nothing is written before the flush interval or close.
    await assert.rejects(
      Deno.stat(join(metricsDir(home.path), METRICS_FILE)),
      Deno.errors.NotFound,
    );
    await buffer.close();
    const { events } = await collect(home.path);
    assert.deepEqual(
      events.map((e) => (e.type === "command" ? e.name : e.type)),
      Array.from({ length: 250 }, (_, i) => `cmd-${i}`),
    );
    assert.equal(events[0]!.ts, new Date(Date.UTC(2026, 0, 1)).toISOString());
    assert.equal(events[249]!.ts, new Date(Date.UTC(2026, 0, 1) + 249_000).toISOString());
  });

  await t.step("a batch is written by itself after flushMs", async () => {
    await using home = await tempHome();
    const buffer = new MetricsBuffer(home.path, { flushMs: 20 });
    buffer.add(command("early"));
    let events: MetricEvent[] = [];
    for (let i = 0; i < 200 && events.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      events = (await collect(home.path)).events;
    }
    assert.equal(events.length, 1);
    await buffer.close();
  });

  await t.step("a failed write goes to onError and later events are still tried", async () => {
    await using home = await tempHome();
    const notADir = join(home.path, "file");
    await Deno.writeTextFile(notADir, "x");
    const errors: unknown[] = [];
    const buffer = new MetricsBuffer(notADir, { onError: (e) => errors.push(e) });
    buffer.add(command("lost"));
    await buffer.flush();
    buffer.add(command("lost too"));
    await buffer.close();
    assert.equal(errors.length, 2);
  });
});

Deno.test("recordMetric() reports a failure instead of throwing", async () => {
  await using home = await tempHome();
  // A file where the metrics directory should be makes every record fail.
  await Deno.writeTextFile(join(home.path, "metrics"), "not a directory");
  const errors: unknown[] = [];
  await recordMetric(home.path, command("x"), { onError: (e) => errors.push(e) });
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof Error);
});
