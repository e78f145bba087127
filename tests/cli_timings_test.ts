import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

Deno.test("a job's timings are labelled, per URL, and exact to the millisecond", async (t) => {
  // Each page takes 300 ms to answer, so fetching dominates a sub-second job.
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async () => {
      await new Promise((r) => setTimeout(r, 300));
      return new Response(
        `<!doctype html><title>Slow page</title><article><p>${
          "Words here. ".repeat(40)
        }</p></article>`,
        { headers: { "content-type": "text/html" } },
      );
    },
  );
  await using home = await tempHome();
  await writeFastConfig(home.path);
  const url = `http://127.0.0.1:${server.addr.port}/slow`;
  const r = await runCli(["job-local", "submit", "--url", url, "--stream"], { home: home.path });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const id = /^Submitted job (job_\S+)/m.exec(r.stdout)![1]!;

  await t.step("the log labels fetch, extraction and total time", () => {
    const m =
      /INFO Extracted \d+ characters \(fetch (\d+) ms, extraction (\d+) ms, total (\d+) ms\): Slow page/
        .exec(r.stdout);
    assert.ok(m, r.stdout);
    const [fetch, extraction, total] = m.slice(1).map(Number) as [number, number, number];
    assert.ok(fetch >= 290, `fetch ${fetch}`);
    assert.ok(total >= fetch + extraction, `total ${total}`);
  });

  await t.step("results.json records the three times per URL", async () => {
    const json = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
      home: home.path,
    });
    const meta = JSON.parse(json.stdout).extractions[0].metadata;
    assert.ok(meta.fetch_time_ms >= 290, JSON.stringify(meta));
    assert.equal(typeof meta.extraction_time_ms, "number");
    assert.ok(meta.total_time_ms >= meta.fetch_time_ms + meta.extraction_time_ms);
    const table = await runCli(["job-local", "results", "--id", id], { home: home.path });
    assert.match(table.stdout, /│ Fetch │ Extraction │/);
    assert.match(table.stdout, /│ +\d{3}ms │ +\d+ms │/);
  });

  await t.step("status and stats compute durations from millisecond times", async () => {
    const meta = JSON.parse(
      (await runCli(["job-local", "status", "--id", id, "-o", "json"], { home: home.path })).stdout,
    );
    const ms = Date.parse(meta.completed_at) - Date.parse(meta.started_at);
    // Stored with milliseconds: a sub-second job is not rounded to 0 or 1 s.
    assert.ok(ms >= 290 && ms % 1000 !== 0, `${meta.started_at} → ${meta.completed_at}`);
    const status = await runCli(["job-local", "status", "--id", id], { home: home.path });
    const duration = /^Duration: (.+)$/m.exec(status.stdout)![1]!;
    assert.match(duration, /^(\d{3}ms|\d+\.\ds)$/);
    assert.notEqual(duration, "under 1s");
    const stats = await runCli(["job-local", "stats"], { home: home.path });
    const average = /^Average Duration: (\d+\.\d\d)s$/m.exec(stats.stdout);
    assert.ok(average, stats.stdout);
    assert.ok(Number(average[1]) >= 0.29, average[1]);
  });
  await waitForNoWorker(home.path);
});
