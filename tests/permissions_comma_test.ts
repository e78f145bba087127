/**
 * Deno's permission lists are comma-separated: a path with a comma must be
 * refused (one line, exit 2, nothing stored), never split into two grants.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LAUNCHER, runCli, snapshotTree, tempHome } from "./_helpers.ts";

const COMMA_ERROR =
  /^error: Cannot grant access to ".*,.*": paths containing a comma are not supported/;

function assertCommaRefusal(r: { code: number; stdout: string; stderr: string }): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, "");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, COMMA_ERROR);
}

Deno.test("a path with a comma is never split into two permission grants", async (t) => {
  await using home = await tempHome();
  const outside = await Deno.makeTempDir({ prefix: "riptide_comma_" });
  try {
    await t.step("the launcher refuses --output with a comma before Deno starts", async () => {
      const before = await snapshotTree(home.path);
      const target = `${outside}/out,${outside}/x.json`;
      const printed = await new Deno.Command(LAUNCHER, {
        args: ["job-local", "results", "--id", "job_1", "--output", target],
        env: { RIPTIDE_HOME: home.path, RIPTIDE_LAUNCHER_PRINT: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const decoder = new TextDecoder();
      assertCommaRefusal({
        code: printed.code,
        stdout: decoder.decode(printed.stdout),
        stderr: decoder.decode(printed.stderr),
      });
      assert.deepEqual(await snapshotTree(home.path), before);
    });

    await t.step("so does --output=VALUE, --urls-file and a file:// --url", async () => {
      for (
        const args of [
          ["job-local", "results", "--id", "job_1", `--output=${outside}/a,b/r.json`],
          ["job-local", "submit", "--urls-file", `${outside}/a,b.txt`],
          ["job-local", "submit", "--url", `file://${outside}/a,b.html`],
        ]
      ) {
        assertCommaRefusal(await runCli(args, { home: home.path }));
      }
    });

    await t.step("submit refuses a file:// URL whose path has an encoded comma", async () => {
      // `%2C` passes the launcher untouched, but the worker's --allow-read
      // list would hold the decoded path.
      const list = join(outside, "urls.txt");
      const url = pathToFileURL(join(outside, "page,x.html")).href.replace(",", "%2C");
      await Deno.writeTextFile(list, url + "\n");
      const before = await snapshotTree(home.path);
      assertCommaRefusal(
        await runCli(["job-local", "submit", "--urls-file", list, "--no-worker"], {
          home: home.path,
        }),
      );
      assert.deepEqual(await snapshotTree(home.path), before);
    });
  } finally {
    await Deno.remove(outside, { recursive: true });
  }
});
