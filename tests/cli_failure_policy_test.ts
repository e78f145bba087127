import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import {
  waitFor,
  waitForNoHomeProcess,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

/** 13 pages, 8 of which are gone: the job of the issue report. */
function serve(): Deno.HttpServer<Deno.NetAddr> & { urls: string[] } {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) =>
      new URL(req.url).pathname.startsWith("/gone")
        ? new Response("gone", { status: 404 })
        : new Response(
          `<!doctype html><title>Page</title><article><p>${"Some text. ".repeat(40)}</p></article>`,
          { headers: { "content-type": "text/html" } },
        ),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const urls = [
    ...Array.from({ length: 5 }, (_, i) => `${base}/ok${i}`),
    ...Array.from({ length: 8 }, (_, i) => `${base}/gone${i}`),
  ];
  return Object.assign(server, { urls });
}

Deno.test("the failure policy decides whether a partly failed job fails", async (t) => {
  await using server = serve();
  await using home = await tempHome();
  await writeFastConfig(home.path, { retries: 0 });
  const run = async (...policy: string[]) => {
    const r = await runCli([
      "job-local",
      "submit",
      ...server.urls.flatMap((u) => ["--url", u]),
      "--stream",
      ...policy,
    ], { home: home.path });
    const id = /^Submitted job (job_\S+)/m.exec(r.stdout)?.[1];
    return { ...r, id: id! };
  };

  await t.step("by default 8 of 13 failed is completed, shown as such", async () => {
    const r = await run();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Job job_\S+ completed \(8 failed\)$/m);
    const status = await runCli(["job-local", "status", "--id", r.id], { home: home.path });
    assert.match(status.stdout, /^Status: completed \(8 failed\)$/m);
    const list = await runCli(["job-local", "list"], { home: home.path });
    assert.match(list.stdout, /│ completed \(8 failed\) │/);
  });

  await t.step("--max-failed-ratio 0.1 fails it: exit 1 and the reason", async () => {
    const r = await run("--max-failed-ratio", "0.1");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^Job job_\S+ failed: 8 of 13 URL\(s\) failed, more than the allowed 10%; first error: .*404/m,
    );
    const status = await runCli(["job-local", "status", "--id", r.id, "-o", "json"], {
      home: home.path,
    });
    const job = JSON.parse(status.stdout);
    assert.equal(job.status, "failed");
    assert.equal(job.options.max_failed_ratio, 0.1);
  });

  await t.step("--max-failed-ratio 0.7 allows it", async () => {
    const r = await run("--max-failed-ratio", "0.7");
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  await t.step("--fail-on url-error fails it; --fail-on all-failed does not", async () => {
    const strict = await run("--fail-on", "url-error");
    assert.equal(strict.code, 1, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /failed: 8 of 13 URL\(s\) failed, none allowed/);
    const lenient = await run("--fail-on", "ALL-FAILED");
    assert.equal(lenient.code, 0, lenient.stdout + lenient.stderr);
  });

  await t.step("bad values are usage errors that store nothing", async () => {
    await waitForNoHomeProcess(home.path);
    await waitForNoWorker(home.path);
    // A worker's last write, its command metric event, comes after it lets go of
    // the lock: wait until every worker that started has written one.
    const count = async (file: string, text: string) =>
      (await Deno.readTextFile(join(home.path, file)).catch(() => "")).split(text).length - 1;
    await waitFor(
      "each worker's metric event",
      async () =>
        await count("metrics/events.jsonl", `"name":"job-local worker"`) >=
          await count("worker.log", "] Worker started (pid ") || undefined,
      60_000,
    );
    const before = await snapshotTree(home.path);
    for (
      const [args, error] of [
        [["--fail-on", "some"], 'Unknown --fail-on "some": expected all-failed or url-error'],
        [
          ["--max-failed-ratio", "1.5"],
          'Invalid --max-failed-ratio "1.5": expected a number from 0 to 1',
        ],
        [
          ["--max-failed-ratio", "10%"],
          'Invalid --max-failed-ratio "10%": expected a number from 0 to 1',
        ],
        [
          ["--fail-on", "url-error", "--max-failed-ratio", "0.1"],
          "Options --fail-on and --max-failed-ratio cannot be combined: give one",
        ],
      ] as const
    ) {
      const r = await runCli(
        ["job-local", "submit", "--url", server.urls[0]!, "--no-worker", ...args],
        { home: home.path },
      );
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `error: ${error}\n`);
    }
    assert.deepEqual(await snapshotTree(home.path), before);
  });
});
