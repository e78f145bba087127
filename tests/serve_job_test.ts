/**
 * `riptide job …` against a `riptide serve` subprocess: the same commands,
 * flags and output as `job-local` over the same store.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { gatedSite, startServe } from "./_serve_helpers.ts";
import { waitFor } from "./_worker_helpers.ts";

const TOKEN = "job-client-token-1";

Deno.test("riptide job: every command prints what job-local prints for the same store", async (t) => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({
      ...TEST_CONFIG_SECTIONS,
      worker: { request_timeout: 60, retries: 0, autostart: false },
    }),
  );
  await using site = gatedSite();
  await using server = await startServe(home.path, [], { env: { RIPTIDE_TOKEN: TOKEN } });
  // The client has a home of its own: everything it shows comes from the server.
  await using clientHome = await tempHome();
  const client = (args: string[], env: Record<string, string> = {}) =>
    runCli(["job", ...args], {
      home: clientHome.path,
      env: { RIPTIDE_SERVER: server.url, RIPTIDE_TOKEN: TOKEN, ...env },
    });
  const local = (args: string[]) => runCli(["job-local", ...args], { home: home.path });
  const urlsFile = join(clientHome.path, "urls.txt");
  await Deno.writeTextFile(urlsFile, `# two pages\n${site.base}/page/1\n${site.base}/page/2\n`);
  let id = "";

  await t.step(
    "submit --stream (URLs read from a file on the client) ends with the job",
    async () => {
      const out = await client([
        "submit",
        "--urls-file",
        urlsFile,
        "--name",
        "remote",
        "--tags",
        "a,b",
        "--format",
        "markdown",
        "--stream",
        "-o",
        "json",
      ]);
      assert.equal(out.code, 0, out.stderr);
      const [record, outcome] = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
      id = record.job_id;
      assert.equal(record.url_count, 2);
      assert.deepEqual(record.tags, ["a", "b"]);
      assert.equal(outcome.status, "completed");
      assert.match(out.stderr, /Job completed: 2 of 2/);
    },
  );

  await t.step("list, status, logs, results and stats match job-local's output", async () => {
    const cases: string[][] = [
      ["list", "-o", "json"],
      ["list", "--tag", "a", "--status", "completed"],
      ["status", "--id", id, "-o", "json"],
      ["status", "--id", id, "--detailed"],
      ["logs", "--id", id, "-o", "json"],
      ["logs", "--id", id, "--level", "info", "--lines", "3"],
      ["results", "--id", id, "--format", "jsonl"],
      ["results", "--id", id],
      ["stats", "-o", "json"],
      ["stats"],
    ];
    for (const args of cases) {
      const remote = await client(args);
      const own = await local(args);
      assert.equal(remote.code, 0, `${args.join(" ")}: ${remote.stderr}`);
      assert.equal(remote.stdout, own.stdout, args.join(" "));
    }
  });

  await t.step(
    "cancel: a pending job is cancelled; a finished one is exit 1, one line",
    async () => {
      const held = await client(["submit", "--url", `${site.base}/gate/9`, "-o", "json"]);
      const heldId = JSON.parse(held.stdout).short_id;
      const out = await client(["cancel", "--id", heldId, "-o", "json"]);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(JSON.parse(out.stdout).status, "cancelled");
      const again = await client(["cancel", "--id", id]);
      assert.equal(again.code, 1);
      assert.equal(
        again.stderr,
        `error: Job ${id} is already completed: only pending or running jobs can be cancelled\n`,
      );
    },
  );

  await t.step("status --watch follows the job to its end", async () => {
    const held = await client(["submit", "--url", `${site.base}/gate/3`, "-o", "json"]);
    const heldId = JSON.parse(held.stdout).job_id;
    const watching = client(["status", "--id", heldId, "--watch", "--interval", "1"]);
    await waitFor("the gated page to be requested", () => site.gateHits() > 0 || undefined, 60_000);
    site.release();
    const out = await watching;
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Status: completed/);
  });

  await t.step("bad input, a wrong token and no server are one line each", async () => {
    const bad = await client(["submit", "--url", "nope"]);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'error: Invalid URL "nope": expected an absolute http, https or file URL\n',
    );
    const wrong = await client(["list"], { RIPTIDE_TOKEN: "not-the-token" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^error: Invalid token: .*RIPTIDE_TOKEN.*\n$/);
    const none = await runCli(["job", "list"], { home: clientHome.path });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^error: No server given: pass --server URL/);
    const notHttp = await client(["--server", "ftp://x", "list"]);
    assert.equal(notHttp.code, 2);
    assert.match(notHttp.stderr, /^error: Invalid --server "ftp:\/\/x"/);
    const noWorker = await client(["submit", "--url", `${site.base}/page/5`, "--no-worker"]);
    assert.equal(noWorker.code, 2);
    assert.match(noWorker.stderr, /--no-worker does not apply to riptide job/);
  });
});
