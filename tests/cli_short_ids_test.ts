import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { writeConfig } from "./_cli_fixtures.ts";

const SUBMITTED = /^Submitted job (job_[0-9a-f]{8}_[0-9a-f]{8}) \(short id (job_[0-9a-f]+)\)$/m;

Deno.test("short ids stay short and keep working as more jobs arrive", async (t) => {
  await using home = await tempHome();
  await writeConfig(home.path);
  const submit = async (name: string): Promise<{ id: string; short: string }> => {
    const r = await runCli(
      ["job-local", "submit", "--url", "https://example.com/", "--name", name, "--no-worker"],
      { home: home.path },
    );
    assert.equal(r.code, 0, r.stderr);
    const m = SUBMITTED.exec(r.stdout);
    assert.ok(m, r.stdout);
    return { id: m[1]!, short: m[2]! };
  };
  // All created within seconds: they share the time part of their ids.
  const first = await submit("first");
  const later = [await submit("second"), await submit("third"), await submit("fourth")];

  await t.step("submit prints job_ and 4 to 6 digits of the random part", () => {
    for (const job of [first, ...later]) {
      assert.match(job.short, /^job_[0-9a-f]{4,6}$/);
      assert.ok(job.id.slice(13).startsWith(job.short.slice(4)), `${job.short} ${job.id}`);
    }
  });

  await t.step("the short id submit printed still resolves after later jobs", async () => {
    const r = await runCli(["job-local", "status", "--id", first.short], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[0], `Job: ${first.id} (short id ${first.short})`);
    assert.match(r.stdout, /^Name: first$/m);
  });

  await t.step("ids resolve in any letter case", async () => {
    for (const raw of [first.short.toUpperCase(), first.id.toUpperCase()]) {
      const r = await runCli(["job-local", "status", "--id", raw, "-o", "json"], {
        home: home.path,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).id, first.id);
    }
  });

  await t.step("list and status print the short id submit printed", async () => {
    const r = await runCli(["job-local", "list", "-o", "json"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    const shorts = new Map(
      JSON.parse(r.stdout).jobs.map((j: { id: string; short_id: string }) => [j.id, j.short_id]),
    );
    for (const job of [first, ...later]) assert.equal(shorts.get(job.id), job.short);
    const table = await runCli(["job-local", "list"], { home: home.path });
    for (const job of [first, ...later]) assert.ok(table.stdout.includes(`│ ${job.short} `));
  });

  await t.step("the shared time prefix is ambiguous, a one-line error", async () => {
    let n = 4;
    while (first.id[n] === later[0]!.id[n]) n++;
    const prefix = first.id.slice(0, n);
    const r = await runCli(["job-local", "status", "--id", prefix], { home: home.path });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^error: Ambiguous job id "${prefix}": matches job_`));
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
  });
});
