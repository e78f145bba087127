import assert from "node:assert/strict";
import { startFaultServer } from "@riptide/executor/testing";
import { runCli, tempHome } from "./_helpers.ts";
import { readJsonLines, startWorker, submit, writeFastConfig } from "./_worker_helpers.ts";

Deno.test("a job over a server of faults ends each URL as specified and completes", async () => {
  await using home = await tempHome();
  await using server = startFaultServer();
  await writeFastConfig(home.path, {
    request_timeout: 0.5,
    // Spare retries: on a loaded machine a healthy request can miss 0.5 s.
    retries: 3,
    max_body_bytes: 1024 * 1024,
    url_concurrency: 8,
    per_host: 4,
  });
  const u = (p: string): string => `${server.url}${p}`;
  const expected: [string, "success" | "failed", RegExp?][] = [
    [u("/hang"), "failed", /^Request to \S+ timed out after 0\.5s$/],
    [u("/drip"), "failed", /^Request to \S+ timed out after 0\.5s$/],
    // The host's robots.txt is asked for first and meets the same reset; on a
    // loaded machine a retry can instead miss the 0.5 s timeout, also no answer.
    [
      server.resetUrl,
      "failed",
      /^(Connection to 127\.0\.0\.1:\d+ failed: |Request to \S+\/robots\.txt timed out after 0\.5s ).*\(robots\.txt could not be fetched; page not requested\)$/,
    ],
    [u("/flaky/500-once"), "success"],
    [u("/flaky/429-once"), "success"],
    [u("/missing"), "failed", /^HTTP 404 Not Found from /],
    [u("/loop/a"), "failed", /^Redirect loop: /],
    [u("/redirect/3"), "success"],
    [u("/huge"), "success"],
    [u("/wrong-charset"), "success"],
    [u("/sjis"), "success"],
    [u("/binary"), "failed", /^Unsupported content type image\/png: binary content/],
    [u("/text"), "success"],
    [u("/invalid-html"), "success"],
  ];
  const id = await submit(home.path, [
    ...expected.flatMap(([url]) => ["--url", url]),
    "--no-worker",
  ]);
  await using worker = startWorker(home.path, ["--idle-timeout", "0", "--backoff", "10ms"]);
  assert.equal(await worker.exit(), 0, worker.stderr());

  const status = JSON.parse(
    (await runCli(["job-local", "status", "--id", id, "-o", "json"], { home: home.path })).stdout,
  );
  assert.equal(status.status, "completed");
  const results = JSON.parse(
    (await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path })).stdout,
  );
  assert.deepEqual(
    results.extractions.map((e: { url: string }) => e.url),
    expected.map((e) => e[0]),
  );
  for (const [i, [url, state, error]] of expected.entries()) {
    const e = results.extractions[i];
    assert.equal(e.status, state, `${url}: ${e.error}`);
    if (error) assert.match(e.error, error, `${url}: ${e.error}`);
  }
  const by = (p: string) => results.extractions.find((e: { url: string }) => e.url === u(p));
  assert.match(by("/wrong-charset").content, /naïve façade/);
  assert.match(by("/sjis").content, /日本語のページ/);
  assert.equal(by("/text").content, "Just words.");
  assert.equal(by("/huge").metadata.bytes, 1024 * 1024);
  assert.equal(by("/redirect/3").metadata.final_url, u("/page/final"));
  assert.equal(status.progress.completed, results.successful);
  assert.equal(status.progress.failed, results.failed);
  assert.equal(results.successful + results.failed, expected.length);

  const logs = await readJsonLines(home.path, id, "logs.jsonl");
  const line = (level: string, p: string, text: RegExp): boolean =>
    logs.some((l) => l.level === level && l.url === u(p) && text.test(String(l.message)));
  assert.ok(line("Warn", "/huge", /^Body larger than 1 MB truncated to 1 MB$/));
  assert.ok(line("Warn", "/text", /^Non-HTML content \(text\/plain\)/));
  assert.ok(line("Warn", "/flaky/500-once", /^Retrying in \d+ ms \(retry 1 of 3\): HTTP 500/));
  assert.ok(line("Warn", "/flaky/429-once", /^Retrying in 1000 ms \(retry 1 of 3\): HTTP 429/));
  assert.ok(line("Error", "/missing", /^Failed: HTTP 404/));
  assert.ok(!logs.some((l) => l.url === u("/missing") && /Retrying/.test(String(l.message))));
});
