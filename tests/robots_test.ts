import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

function article(title: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><article>` +
    `<h1>${title}</h1><p>${`The body of ${title}, long enough to be the main text. `.repeat(6)}` +
    `</p></article></body></html>`;
}

Deno.test("jobs honour robots.txt by default; --ignore-robots opts out", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  const requested: string[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    requested.push(path);
    if (path === "/robots.txt") {
      return new Response("User-agent: *\nDisallow: /private/\n", {
        headers: { "content-type": "text/plain" },
      });
    }
    return new Response(article(`Page ${path}`), { headers: { "content-type": "text/html" } });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const finished = (id: string) =>
    waitFor(`job ${id} to finish`, async () => {
      const job = await readJob(home.path, id);
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    });

  await t.step(
    "a disallowed URL ends skipped with reason robots.txt, never requested",
    async () => {
      const id = await submit(home.path, ["--url", `${base}/open`, "--url", `${base}/private/x`]);
      const job = await finished(id);
      assert.equal(job.status, "completed");
      assert.deepEqual([job.progress.completed, job.progress.failed, job.progress.skipped], [
        1,
        0,
        1,
      ]);
      assert.ok(!requested.includes("/private/x"), requested.join(" "));

      const json = await runCli(["job-local", "results", "--id", id, "-o", "json"], {
        home: home.path,
      });
      assert.equal(json.code, 0, json.stderr);
      const results = JSON.parse(json.stdout);
      assert.equal(results.skipped, 1);
      assert.deepEqual(results.extractions[1], {
        url: `${base}/private/x`,
        status: "skipped",
        content: "",
        reason: "robots.txt",
        metadata: { title: null, extraction_time_ms: 0 },
      });

      const table = await runCli(["job-local", "results", "--id", id], { home: home.path });
      assert.match(table.stdout, /2 URLs, 1 successful, 0 failed, 1 skipped/);
      assert.match(table.stdout, /Skipped: disallowed by robots\.txt/);

      const status = await runCli(["job-local", "status", "--id", id, "--detailed"], {
        home: home.path,
      });
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /Progress: 2\/2 \(100%\)/);
      assert.match(status.stdout, /Skipped URLs: 1 \(disallowed by robots\.txt\)/);
      assert.match(status.stdout, /private\/x +│ skipped +│ disallowed by robots\.txt/);
    },
  );

  await t.step("--ignore-robots fetches it and logs that robots.txt is ignored", async () => {
    const id = await submit(home.path, ["--url", `${base}/private/y`, "--ignore-robots"]);
    const job = await finished(id);
    assert.equal(job.status, "completed");
    assert.ok(requested.includes("/private/y"));
    const logs = await runCli(["job-local", "logs", "--id", id], { home: home.path });
    assert.match(logs.stdout, /WARN robots\.txt is ignored for this job \(--ignore-robots\)/);
  });
  await waitForNoWorker(home.path);
});
