/**
 * `submit --after ID[,ID…]` end to end, on the store the run uses: a job
 * waits (shown as `waiting for …` in status and list) until its dependencies
 * complete, is cancelled when one fails (unless `--after-any-outcome`), and
 * unknown ids and cycles are usage errors that change nothing.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

Deno.test("submit --after makes a job wait for others", async (t) => {
  await using home = await tempHome();
  // The held page must not time out while the second job waits for it.
  await writeFastConfig(home.path, { request_timeout: 90 });
  const gate = Promise.withResolvers<void>();
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      if (path === "/robots.txt") return new Response("", { status: 404 });
      if (path.startsWith("/broken")) return new Response("no", { status: 404 });
      if (path === "/slow") await gate.promise;
      return new Response(
        `<!doctype html><html><head><title>Page ${path}</title></head><body><article>` +
          `<h1>Page ${path}</h1><p>${`Words of the page ${path}. `.repeat(10)}</p>` +
          `</article></body></html>`,
        { headers: { "content-type": "text/html" } },
      );
    },
  );
  // Released on the way out too (before the server closes), should a step fail early.
  using _release = { [Symbol.dispose]: () => gate.resolve() };
  const base = `http://127.0.0.1:${server.addr.port}`;
  const jobsDir = join(home.path, "jobs");
  const ended = (id: string) =>
    waitFor(`job ${id} to end`, async () => {
      const job = await readJob(home.path, id);
      return ["completed", "failed", "cancelled"].includes(job.status) ? job : undefined;
    }, 60_000);
  const cli = (args: string[]) => runCli(["job-local", ...args], { home: home.path });

  await t.step("a job waits for a running one, then runs after it completes", async () => {
    const first = await submit(home.path, ["--url", `${base}/slow`]);
    await waitFor(
      "the first job to run",
      async () => (await readJob(home.path, first)).status === "running" || undefined,
      60_000,
    );
    const out = await cli(["submit", "--url", `${base}/next`, "--after", first, "-o", "json"]);
    assert.equal(out.code, 0, out.stderr);
    const second = JSON.parse(out.stdout);
    assert.deepEqual(second.after, [first]);
    const status = await cli(["status", "--id", second.job_id]);
    assert.match(status.stdout, new RegExp(`^Status: waiting for ${first}$`, "m"));
    const json = JSON.parse((await cli(["status", "--id", second.job_id, "-o", "json"])).stdout);
    assert.equal(json.status, "pending");
    assert.deepEqual(json.waiting_for, [first]);
    const list = await cli(["list"]);
    assert.match(list.stdout, /waiting for job_[0-9a-f]+/);
    // Still waiting while the first job runs (the worker polls meanwhile).
    assert.equal((await readJob(home.path, second.job_id)).status, "pending");
    gate.resolve();
    const a = await ended(first);
    const b = await ended(second.job_id);
    assert.equal(a.status, "completed");
    assert.equal(b.status, "completed");
    assert.ok(Date.parse(b.started_at!) >= Date.parse(a.completed_at!), "ran after it");
  });

  await t.step("a failed dependency cancels the waiter; --after-any-outcome runs", async () => {
    const bad = await submit(home.path, ["--url", `${base}/broken`, "--no-worker"]);
    const waiter = await submit(home.path, ["--url", `${base}/w`, "--after", bad]);
    const any = await submit(home.path, [
      "--url",
      `${base}/any`,
      "--after",
      bad,
      "--after-any-outcome",
    ]);
    await runCli(["job-local", "worker", "--background"], { home: home.path });
    assert.equal((await ended(bad)).status, "failed");
    const cancelled = await ended(waiter);
    assert.equal(cancelled.status, "cancelled");
    assert.equal(cancelled.error, `dependency ${bad} failed`);
    assert.equal(cancelled.started_at, null);
    assert.equal((await ended(any)).status, "completed");
    const status = await cli(["status", "--id", waiter]);
    assert.match(status.stdout, new RegExp(`^Error: dependency ${bad} failed$`, "m"));
    await waitForNoWorker(home.path, 60_000);
  });

  await t.step("unknown ids and a cycle are usage errors that change nothing", async () => {
    const exported = await cli(["submit", "--url", `${base}/x`, "--no-worker", "-o", "json"]);
    const known = JSON.parse(exported.stdout).job_id as string;
    // Two jobs waiting for each other, as only a store import can make them.
    const dump = await runCli(["store", "export"], { home: home.path });
    assert.equal(dump.code, 0, dump.stderr);
    const [header, ...records] = dump.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const record = records.find((r) => r.job.id === known);
    const ids = ["job_6b000001_c1c1c1c1", "job_6b000002_c2c2c2c2"];
    const lines = ids.map((id, i) =>
      JSON.stringify({
        ...record,
        job: { ...record.job, id, options: { after: [ids[1 - i]] } },
      })
    );
    const imported = await runCli(["store", "import", "-"], {
      home: home.path,
      stdin: [JSON.stringify(header), ...lines].join("\n") + "\n",
    });
    assert.equal(imported.code, 0, imported.stderr);
    // Nothing left pending, so no command below starts a worker (that would write).
    for (const id of [known, ...ids]) await cli(["cancel", "--id", id]);
    await waitForNoWorker(home.path, 60_000);
    for (
      const [args, error] of [
        [
          ["--after", "job_ffffffff"],
          'error: Unknown job "job_ffffffff" in --after: no stored job has that id',
        ],
        [
          ["--after", `${known},`],
          `error: Invalid --after "${known},": expected job ids separated by commas`,
        ],
        [["--after-any-outcome"], "error: Option --after-any-outcome needs --after ID"],
        [
          ["--after", ids[0]!],
          `error: Dependency cycle in --after: ${ids[0]} → ${ids[1]} → ${
            ids[0]
          } wait for each other`,
        ],
      ] as const
    ) {
      const before = await snapshotTree(jobsDir);
      const listed = (await cli(["list", "-o", "json"])).stdout;
      const r = await cli(["submit", "--url", `${base}/y`, "--no-worker", ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, `${error}\n`);
      assert.deepEqual(await snapshotTree(jobsDir), before);
      assert.equal(
        JSON.parse((await cli(["list", "-o", "json"])).stdout).total,
        JSON.parse(listed).total,
      );
    }
  });
});
