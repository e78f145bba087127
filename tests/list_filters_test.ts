/**
 * `list --name GLOB --since --until --strategy --url` end to end, on the
 * store the run uses; bad values are one-line usage errors.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { submit } from "./_worker_helpers.ts";

Deno.test("list filters by name glob, time, strategy and URL text", async (t) => {
  await using home = await tempHome();
  // The jobs stay queued: list must not start a worker that would run them.
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { autostart: false } }),
  );
  const base = "http://127.0.0.1:9";
  const nightly = await submit(home.path, [
    "--url",
    `${base}/news/a`,
    "--name",
    "Nightly-news",
    "--no-worker",
  ]);
  const css = await submit(home.path, [
    "--url",
    `${base}/blog/b`,
    "--name",
    "nightly-blog",
    "--selector",
    "title=h1",
    "--no-worker",
  ]);
  const other = await submit(home.path, [
    "--url",
    `${base}/NEWS/c`,
    "--name",
    "weekly",
    "--no-worker",
  ]);
  const list = async (args: string[]): Promise<string[]> => {
    const r = await runCli(["job-local", "list", ...args, "-o", "json"], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).jobs.map((j: { id: string }) => j.id);
  };

  await t.step("--name matches the whole name as a glob, in any case", async () => {
    assert.deepEqual(await list(["--name", "nightly-*"]), [css, nightly]);
    assert.deepEqual(await list(["--name", "WEEK?Y"]), [other]);
    assert.deepEqual(await list(["--name", "nightly"]), []);
  });
  await t.step("--strategy and --url", async () => {
    assert.deepEqual(await list(["--strategy", "css"]), [css]);
    assert.deepEqual(await list(["--url", "/news/"]), [other, nightly]);
    assert.deepEqual(await list(["--url", "news", "--name", "weekly"]), [other]);
  });
  await t.step("--since and --until", async () => {
    assert.deepEqual(await list(["--since", "1h"]), [other, css, nightly]);
    assert.deepEqual(await list(["--until", "1h"]), []);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(await list(["--since", today, "--until", today]), [other, css, nightly]);
    const table = await runCli(["job-local", "list", "--name", "weekly"], { home: home.path });
    assert.match(table.stdout, /^Found 1 job\(s\)$/m);
  });
  await t.step("bad values are one-line usage errors that change nothing", async () => {
    for (
      const [args, error] of [
        [
          ["--since", "yesterday"],
          'Invalid --since "yesterday": expected a duration back from now (2d, 12h) or a date (2024-10-16)',
        ],
        [
          ["--until", "2024-13-40"],
          'Invalid --until "2024-13-40": expected a duration back from now (2d, 12h) or a date (2024-10-16)',
        ],
        [["--strategy", "fast"], /^Unknown strategy "fast"/],
        [["--name", " "], 'Invalid --name " ": it is empty'],
        [["--url", ""], 'Invalid --url "": it is empty'],
        [
          ["--since", "2024-10-16", "--until", "2024-10-01"],
          /^Options --since and --until select nothing/,
        ],
      ] as const
    ) {
      const before = await snapshotTree(join(home.path, "jobs"));
      const r = await runCli(["job-local", "list", ...args], { home: home.path });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      const line = r.stderr.replace(/^error: /, "").replace(/\n$/, "");
      assert.ok(!line.includes("\n"), r.stderr);
      if (typeof error === "string") assert.equal(line, error);
      else assert.match(line, error);
      assert.deepEqual(await snapshotTree(join(home.path, "jobs")), before);
    }
  });
});
