/**
 * Binary data served as HTML or text, with no zero byte for the first-KB
 * sniffing to catch (random bytes: compressed data sent without its
 * `Content-Encoding`), ends its URL with a one-line error in the job's
 * results instead of megabytes of control characters as "content".
 *
 * @module
 */

import assert from "node:assert/strict";
import { junkBytes } from "@riptide/executor/testing";
import { runCli, tempHome } from "./_helpers.ts";
import { startWorker, submit, writeFastConfig } from "./_worker_helpers.ts";

const JUNK = junkBytes(200_000, 7);
const OK = "<!doctype html><html><head><title>Fine</title></head><body><article><h1>Fine</h1>" +
  `<p>${"Tide pools hold small worlds of their own between the rocks. ".repeat(6)}</p>` +
  "</article></body></html>";

Deno.test("binary junk served as text/html fails its URL with a one-line error", async () => {
  await using home = await tempHome();
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => {
      const path = new URL(req.url).pathname;
      const headers = (type: string) => ({ headers: { "content-type": type } });
      if (path === "/junk") return new Response(JUNK, headers("text/html"));
      if (path === "/junk-sjis") {
        return new Response(JUNK, headers("text/html; charset=shift_jis"));
      }
      if (path === "/ok") return new Response(OK, headers("text/html; charset=utf-8"));
      return new Response("", { status: 404 });
    },
  );
  await writeFastConfig(home.path);
  const u = (p: string): string => `http://127.0.0.1:${server.addr.port}${p}`;
  const urls = [u("/junk"), u("/junk-sjis"), u("/ok")];
  const id = await submit(home.path, [...urls.flatMap((url) => ["--url", url]), "--no-worker"]);
  await using worker = startWorker(home.path, ["--idle-timeout", "0", "--backoff", "10ms"]);
  assert.equal(await worker.exit(), 0, worker.stderr());

  const results = JSON.parse(
    (await runCli(["job-local", "results", "--id", id, "-o", "json"], { home: home.path })).stdout,
  );
  const by = (url: string) => results.extractions.find((e: { url: string }) => e.url === url);
  for (const url of [u("/junk"), u("/junk-sjis")]) {
    const e = by(url);
    assert.equal(e.status, "failed", url);
    assert.match(
      e.error,
      /^Binary content served as text\/html cannot be extracted: \d+% of its characters are control characters or bytes that could not be decoded$/,
    );
    assert.ok(!e.content, `${url}: no content`);
  }
  assert.equal(by(u("/ok")).status, "success");
  assert.match(by(u("/ok")).content, /Tide pools hold small worlds/);
  assert.deepEqual([results.successful, results.failed], [1, 2]);
});
