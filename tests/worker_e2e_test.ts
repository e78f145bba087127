import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFaultServer } from "@riptide/executor/testing";
import { runCli, tempHome } from "./_helpers.ts";
import {
  readJob,
  startWorker,
  submit,
  waitFor,
  waitForNoWorker,
  writeFastConfig,
} from "./_worker_helpers.ts";

Deno.test("submit starts a background worker that runs the job to completion", async (t) => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path);

  await t.step("the job completes and its results match the served pages", async () => {
    const urls = ["one", "two", "three"].map((n) => `${server.url}/page/${n}`);
    const id = await submit(home.path, urls.flatMap((u) => ["--url", u]));
    const job = await waitFor("the job to finish", async () => {
      const j = await readJob(home.path, id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    });
    assert.equal(job.status, "completed");
    assert.deepEqual(job.progress.completed, 3);

    const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
      home: home.path,
    });
    assert.equal(out.code, 0, out.stderr);
    const results = JSON.parse(out.stdout);
    assert.equal(results.job_id, id);
    assert.equal(results.total_urls, 3);
    assert.equal(results.successful, 3);
    assert.deepEqual(results.extractions.map((e: { url: string }) => e.url), urls);
    for (const [i, name] of ["one", "two", "three"].entries()) {
      assert.equal(results.extractions[i].metadata.title, `Page ${name}`);
      assert.match(results.extractions[i].content, new RegExp(`body of page ${name}\\.`));
    }
  });

  await t.step("the worker exits once the queue stays empty and leaves no record", async () => {
    await waitForNoWorker(home.path);
    await assert.rejects(Deno.stat(join(home.path, "worker.json")), Deno.errors.NotFound);
    const log = await Deno.readTextFile(join(home.path, "worker.log"));
    assert.match(log, /Worker started \(pid \d+\)/);
    assert.match(log, /Worker exiting \(queue empty\): 1 job\(s\) run/);
  });

  await t.step("submit --stream prints the log live and exits with the outcome", async () => {
    const ok = await runCli(
      ["job-local", "submit", "--url", `${server.url}/page/streamed`, "--stream"],
      { home: home.path },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stdout + ok.stderr,
      /INFO Processing URL: http:\/\/127\.0\.0\.1:\d+\/page\/streamed/,
    );
    assert.match(ok.stdout + ok.stderr, /Job completed: 1 of 1 URL\(s\) succeeded/);

    const bad = await runCli(
      ["job-local", "submit", "--url", `${server.url}/missing`, "--stream"],
      { home: home.path },
    );
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout + bad.stderr,
      /Job failed: All 1 URL\(s\) failed; first error: HTTP 404/,
    );
  });

  await t.step("a file:// URL is read with the permission the launcher grants", async () => {
    const dir = await Deno.makeTempDir({ prefix: "riptide_file_url_" });
    try {
      const page = join(dir, "local page.html");
      await Deno.writeTextFile(
        page,
        "<html><head><title>Offline</title></head><body><article><h1>Offline</h1>" +
          "<p>This page was read from the local disk through a file URL, which is how the " +
          "README demo works without any network access at all.</p></article></body></html>",
      );
      const url = pathToFileURL(page).href;
      const id = await submit(home.path, ["--url", url]);
      const job = await waitFor("the file job to finish", async () => {
        const j = await readJob(home.path, id);
        return j.status === "completed" || j.status === "failed" ? j : undefined;
      });
      assert.equal(job.status, "completed", job.error ?? "");
      const results = JSON.parse(
        (await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path }))
          .stdout,
      );
      assert.match(results.extractions[0].content, /read from the local disk/);
    } finally {
      await waitForNoWorker(home.path);
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("a background worker hands a file:// job it may not read to a successor", async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  // The first job must still be running when the second is queued: its page takes 10 s,
  // room for a submit on a loaded machine (3 s was not, at load 17: the first worker had
  // gone idle and exited, and the second submit started a worker that could read the file).
  await writeFastConfig(home.path, { request_timeout: 30 });
  const dir = await Deno.makeTempDir({ prefix: "riptide_handoff_" });
  try {
    const page = join(dir, "later.html");
    await Deno.writeTextFile(
      page,
      "<html><head><title>Later</title></head><body><article><h1>Later</h1><p>This file " +
        "was queued while a worker without read access to it was already running, so " +
        "that worker handed the job over to a successor.</p></article></body></html>",
    );
    const first = await submit(home.path, ["--url", `${server.url}/slow/10000/first`]);
    await waitFor("the first job to run", async () => {
      return (await readJob(home.path, first)).status === "running" || undefined;
    });
    const second = await submit(home.path, ["--url", pathToFileURL(page).href]);
    const job = await waitFor("the file job to finish", async () => {
      const j = await readJob(home.path, second);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    }, 60_000);
    assert.equal(job.status, "completed", job.error ?? "");
    assert.equal((await readJob(home.path, first)).status, "completed");
    await waitForNoWorker(home.path);
    const log = await Deno.readTextFile(join(home.path, "worker.log"));
    assert.match(log, /needs permissions this worker lacks; handing over to a new worker/);
    assert.match(log, /Worker exiting \(handed over\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a second worker for the same home exits quietly", async () => {
  await using home = await tempHome();
  await using first = startWorker(home.path, ["--idle-timeout", "60s"]);
  await waitFor("the first worker", () => first.stderr().includes("Worker started") || undefined);
  const second = await runCli(["job-local", "worker", "--background"], { home: home.path });
  assert.equal(second.code, 0);
  assert.equal(second.stdout, "");
  assert.equal(second.stderr, "");
  const state = JSON.parse(await Deno.readTextFile(join(home.path, "worker.json")));
  assert.equal(state.pid, first.child.pid);
});

Deno.test({
  name: "a background worker runs with RipTide's V8 settings (a small young generation)",
  ignore: Deno.build.os !== "linux", // reads the worker's environment from /proc
  async fn() {
    await using home = await tempHome();
    await using server = startFaultServer();
    await writeFastConfig(home.path);
    const id = await submit(home.path, ["--url", `${server.url}/slow/3000/v8`]);
    const pid = await waitFor("the worker", async () => {
      const state = await Deno.readTextFile(join(home.path, "worker.json")).catch(() => null);
      return state === null ? undefined : JSON.parse(state).pid as number;
    });
    const environ = (await Deno.readTextFile(`/proc/${pid}/environ`)).split("\0");
    assert.ok(
      environ.some((v) =>
        v.startsWith("DENO_V8_FLAGS=") && v.includes("--max-semi-space-size=2") &&
        v.includes("--heap-growing-percent=25")
      ),
      environ.filter((v) => v.startsWith("DENO")).join("\n"),
    );
    await waitFor("the job to finish", async () => {
      const j = await readJob(home.path, id);
      return j.status === "completed" || j.status === "failed" ? j : undefined;
    });
    await waitForNoWorker(home.path);
  },
});
