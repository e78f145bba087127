/**
 * `search TEXT [--id J] [--limit N]` end to end, on the store the run uses:
 * pages found by content or title however cased and accented, in other
 * scripts too, one job or all, a limit, no match, and bad input as one
 * line with exit 2 and nothing changed.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { readJob, submit, waitFor, waitForNoWorker, writeFastConfig } from "./_worker_helpers.ts";

const PAGES: Record<string, { title: string; body: string }> = {
  "/cafe": {
    title: "Le Café du coin",
    body: "Au comptoir on sert une CRÈME brûlée et un café noir. ",
  },
  "/moscow": { title: "Москва", body: "Столица России — город МОСКВА на реке. " },
  "/tokyo": { title: "東京タワー", body: "東京の観光案内です。美術館と公園があります。" },
  "/anglaise": {
    title: "Crème anglaise",
    body: "A custard sauce of milk, sugar and egg yolks, served with desserts. ",
  },
  "/plain": { title: "Plain", body: "Nothing about desserts here, only plain words. " },
};

interface Match {
  job_id: string;
  short_id: string;
  url: string;
  title: string | null;
  field: "content" | "title";
  snippet: string;
  highlights: [number, number][];
}

Deno.test("search finds stored pages by content or title", async (t) => {
  await using home = await tempHome();
  await writeFastConfig(home.path);
  await using server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    const page = PAGES[path];
    if (page === undefined) return new Response("not found", { status: 404 });
    return new Response(
      `<!doctype html><html><head><title>${page.title}</title></head><body><article>` +
        `<p>${page.body.repeat(6)}</p></article></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8" } },
    );
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  const ended = (id: string) =>
    waitFor(`job ${id} to end`, async () => {
      const job = await readJob(home.path, id);
      return job.status === "completed" || job.status === "failed" ? job : undefined;
    }, 60_000);
  const first = await submit(home.path, ["/cafe", "/moscow"].flatMap((p) => ["--url", base + p]));
  assert.equal((await ended(first)).status, "completed");
  const second = await submit(
    home.path,
    ["/tokyo", "/anglaise", "/plain"].flatMap((p) => ["--url", base + p]),
  );
  assert.equal((await ended(second)).status, "completed");
  await waitForNoWorker(home.path, 60_000);

  const search = async (args: string[]) => {
    const r = await runCli(["job-local", "search", ...args], { home: home.path });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };
  const json = async (args: string[]) => {
    const out = JSON.parse(await search([...args, "-o", "json"]));
    return out as { count: number; more: boolean; jobs_searched: number; matches: Match[] };
  };

  await t.step("case and accents do not count; newest job first; JSON only", async () => {
    const out = await json(["creme"]);
    assert.deepEqual(out.matches.map((m) => [m.job_id, m.url, m.field]), [
      [second, `${base}/anglaise`, "title"],
      [first, `${base}/cafe`, "content"],
    ]);
    assert.equal(out.jobs_searched, 2);
    assert.equal(out.more, false);
    const cafe = out.matches[1]!;
    assert.equal(cafe.title, "Le Café du coin");
    assert.deepEqual(
      cafe.highlights.map(([s, e]) => cafe.snippet.slice(s, e)).slice(0, 1),
      ["CRÈME"],
    );
    const title = out.matches[0]!;
    assert.deepEqual(title.highlights.map(([s, e]) => title.snippet.slice(s, e)), ["Crème"]);
  });

  await t.step("human output shows job, URL, title and the match marked «»", async () => {
    const out = await search(["CAFE NOIR"]);
    const [head, titleLine, snippet] = out.split("\n");
    assert.match(head!, new RegExp(`^\\S+  ${base}/cafe$`));
    assert.equal(titleLine, "  Title: Le Café du coin");
    assert.match(snippet!, /«café noir»/);
    assert.ok(!snippet!.includes("\x1b"), "no colour when not a terminal");
    assert.match(out, /\n1 match in 1 job \(2 jobs searched\)\n$/);
  });

  await t.step("non-Latin scripts are found", async () => {
    assert.deepEqual((await json(["москва"])).matches.map((m) => m.url), [`${base}/moscow`]);
    assert.deepEqual((await json(["美術館"])).matches.map((m) => m.url), [`${base}/tokyo`]);
    const tokyo = (await json(["東京タワー"])).matches[0]!;
    assert.equal(tokyo.field, "title");
  });

  await t.step("--id searches one job; --limit stops early and says so", async () => {
    const one = await json(["creme", "--id", first.slice(0, 20)]);
    assert.deepEqual(one.matches.map((m) => m.url), [`${base}/cafe`]);
    assert.equal(one.jobs_searched, 1);
    const limited = await json(["desserts", "--limit", "1"]);
    assert.equal(limited.count, 1);
    assert.equal(limited.more, true);
    assert.match(await search(["desserts", "--limit", "1"]), /raise --limit/);
  });

  await t.step("text found nowhere prints so and exits 0", async () => {
    assert.equal(
      await search(["zzqx absent"]),
      'No page matches "zzqx absent" (2 jobs searched)\n',
    );
    assert.equal((await json(["zzqx"])).count, 0);
  });

  await t.step("bad input is one line, exit 2, and changes nothing", async () => {
    const jobsDir = join(home.path, "jobs");
    for (
      const [args, error] of [
        [[], /^error: .*text/],
        [["  "], /^error: Search text " {2}" has nothing to search for\n$/],
        [["x", "--limit", "0"], /^error: Invalid --limit "0"/],
        [["x", "--limit", "many"], /^error: Invalid --limit "many"/],
        [["x", "--id", "../etc"], /^error: .*job id/i],
        [["x", "--bogus"], /^error: .*--bogus/],
        [["x".repeat(1001)], /^error: Search text of 1001 characters is too long/],
      ] as const
    ) {
      const files = await snapshotTree(jobsDir);
      const r = await runCli(["job-local", "search", ...args], { home: home.path });
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, error);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.deepEqual(await snapshotTree(jobsDir), files);
    }
  });

  await t.step("an unknown job is one line, exit 1", async () => {
    const r = await runCli(["job-local", "search", "x", "--id", "job_00000000_00000000"], {
      home: home.path,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: Job not found: "job_00000000_00000000"\n$/);
  });
});
