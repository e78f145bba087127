/**
 * `submit --block-private` and config `fetch.block_private_addresses`: no
 * request reaches a private address (the tests' own pages on 127.0.0.1
 * stand for one), robots.txt included, and the URL fails saying why.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { readJsonLines, waitForNoWorker } from "./_worker_helpers.ts";

Deno.test("private addresses are blocked by --block-private and by the config", async (t) => {
  const hits: string[] = [];
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    hits.push(new URL(req.url).pathname);
    return new Response(
      "<html><head><title>Inside</title></head><body><p>inside</p></body></html>",
      {
        headers: { "content-type": "text/html" },
      },
    );
  });
  const url = `http://127.0.0.1:${server.addr.port}/inside`;
  const cases: [string, string[], Record<string, unknown>][] = [
    ["submit --block-private", ["--block-private"], {}],
    ["fetch.block_private_addresses", [], { fetch: { block_private_addresses: true } }],
  ];
  for (const [name, flags, config] of cases) {
    await t.step(name, async () => {
      await using home = await tempHome();
      await Deno.writeTextFile(
        join(home.path, "config.jsonc"),
        JSON.stringify({
          ...TEST_CONFIG_SECTIONS,
          ...config,
          worker: { idle_timeout: 0.3, request_timeout: 2, retries: 0 },
        }),
      );
      const r = await runCli(
        ["job-local", "submit", "--url", url, ...flags, "--stream", "-o", "json"],
        { home: home.path },
      );
      await waitForNoWorker(home.path);
      const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
      const id = lines[0].job_id;
      assert.equal(lines.at(-1).status, "failed", r.stdout + r.stderr);
      const [result] = await readJsonLines(home.path, id, "results.jsonl");
      assert.match(
        String(result?.error),
        /Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/\S*: 127\.0\.0\.1 is a loopback address/,
      );
      assert.deepEqual(hits, []);
    });
  }
  await t.step("off by default: the same URL is fetched", async () => {
    await using home = await tempHome();
    await Deno.writeTextFile(
      join(home.path, "config.jsonc"),
      JSON.stringify({ ...TEST_CONFIG_SECTIONS, worker: { idle_timeout: 0.3 } }),
    );
    const r = await runCli(["job-local", "submit", "--url", url, "--stream"], { home: home.path });
    await waitForNoWorker(home.path);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(hits.includes("/inside"));
  });
});
