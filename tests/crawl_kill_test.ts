/**
 * `kill -9` of the worker while a page it fetched is being extracted: the
 * page was kept in the store as it arrived, so the next worker extracts it
 * without asking the site again. The extraction is held at will: the job
 * uses the llm strategy against a local endpoint that answers only when the
 * test lets it, so each kill lands while a known page is in extraction.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { readJob, startWorker, submit, waitFor } from "./_worker_helpers.ts";

interface Result {
  url: string;
  status: string;
  content: string;
  change?: string;
  from_cache?: string;
}

/** A site of four pages with ETags, and an LLM endpoint whose answers can be held per page. */
function startSite() {
  const texts: Record<string, string> = {
    "/": "PAGE-HOME",
    "/a": "PAGE-A",
    "/b": "PAGE-B",
    "/c": "PAGE-C",
  };
  const versions: Record<string, number> = { "/": 1, "/a": 1, "/b": 1, "/c": 1 };
  const requests: { path: string; conditional: boolean }[] = [];
  const asked: string[] = [];
  let held: string | null = null;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/v1/chat/completions") {
      const body = await req.text();
      const marker = /PAGE-[A-Z]+(-v\d+)?/.exec(body)?.[0] ?? "?";
      asked.push(marker);
      // Held until the worker asking is killed (its connection goes) or the hold moves on.
      while (held === marker) await new Promise((r) => setTimeout(r, 20));
      return Response.json({ choices: [{ message: { content: `Summary of ${marker}` } }] });
    }
    if (path === "/robots.txt") return new Response("", { status: 404 });
    const text = texts[path];
    if (text === undefined) return new Response("not found", { status: 404 });
    const etag = `"${path}-v${versions[path]}"`;
    const conditional = req.headers.get("if-none-match") === etag;
    requests.push({ path, conditional: req.headers.has("if-none-match") });
    if (conditional) return new Response(null, { status: 304, headers: { etag } });
    const links = path === "/" ? `<a href="/a">a</a> <a href="/b">b</a> <a href="/c">c</a>` : "";
    const marker = versions[path]! > 1 ? `${text}-v${versions[path]}` : text;
    return new Response(
      `<!doctype html><html><head><title>${path}</title></head><body><article>` +
        `<h1>${marker}</h1><p>${`The text of ${marker}. `.repeat(20)}</p>${links}` +
        `</article></body></html>`,
      { headers: { "content-type": "text/html; charset=utf-8", etag } },
    );
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    asked,
    hold(marker: string | null) {
      held = marker;
    },
    edit(path: string) {
      versions[path] = versions[path]! + 1;
    },
    hits(path: string, from = 0): number {
      return requests.slice(from).filter((r) => r.path === path).length;
    },
    async [Symbol.asyncDispose]() {
      held = null;
      await server.shutdown();
    },
  };
}

async function writeConfig(home: string, base: string): Promise<void> {
  await Deno.writeTextFile(
    join(home, "config.jsonc"),
    JSON.stringify({
      ...TEST_CONFIG_SECTIONS,
      // One URL at a time: each kill catches exactly the page whose extraction is held.
      worker: { idle_timeout: 0.3, request_timeout: 30, retries: 0, url_concurrency: 1 },
      llm: { base_url: `${base}/v1`, model: "fake" },
    }),
  );
}

/** Runs a worker until the page `marker` is in extraction (its LLM call held), then kills it. */
async function killDuring(home: string, site: ReturnType<typeof startSite>, marker: string) {
  site.hold(marker);
  await using worker = startWorker(home, ["--idle-timeout", "60s"]);
  await waitFor(
    `${marker} to be in extraction`,
    () => site.asked.includes(marker) || undefined,
    60_000,
  );
  worker.child.kill("SIGKILL");
  await worker.exit();
}

async function finish(home: string, id: string): Promise<Result[]> {
  await using worker = startWorker(home, ["--idle-timeout", "0"]);
  assert.equal(await worker.exit(), 0, worker.stderr());
  const job = await readJob(home, id);
  assert.equal(job.status, "completed", job.error ?? "");
  const out = await runCli(["job-local", "results", "--id", id, "-o", "json"], { home });
  return JSON.parse(out.stdout).extractions as Result[];
}

Deno.test("kill -9 during extraction: the next worker extracts the fetched page without a new request", async (t) => {
  await using home = await tempHome();
  await using site = startSite();
  await writeConfig(home.path, site.url);
  const id = await submit(home.path, [
    "--crawl",
    `${site.url}/`,
    "--max-depth",
    "1",
    "--strategy",
    "llm",
    "--prompt",
    "Summarize the page",
    "--no-worker",
  ]);

  await t.step(
    "three kills, each while a fetched page is extracted: every page requested once",
    async () => {
      for (const marker of ["PAGE-A", "PAGE-B", "PAGE-C"]) {
        await killDuring(
          home.path,
          site,
          marker,
        );
      }
      site.hold(null);
      const results = await finish(home.path, id);
      for (const path of ["/", "/a", "/b", "/c"]) {
        assert.equal(site.hits(path), 1, `${path} requested ${site.hits(path)} times`);
      }
      assert.deepEqual(
        results.map((r) => [new URL(r.url).pathname, r.status, r.content]).sort(),
        [
          ["/", "success", "Summary of PAGE-HOME"],
          ["/a", "success", "Summary of PAGE-A"],
          ["/b", "success", "Summary of PAGE-B"],
          ["/c", "success", "Summary of PAGE-C"],
        ],
      );
      // Each held page was extracted twice (killed, then again), requested once.
      for (const marker of ["PAGE-A", "PAGE-B", "PAGE-C"]) {
        assert.equal(site.asked.filter((m) => m === marker).length, 2, marker);
      }
    },
  );

  await t.step(
    "a rerun killed while a changed page (a conditional request answered 200) is extracted",
    async () => {
      site.edit("/b");
      const from = site.requests.length;
      const out = await runCli(["job-local", "rerun", "--id", id, "--no-worker", "-o", "json"], {
        home: home.path,
      });
      assert.equal(out.code, 0, out.stderr);
      const rerun = JSON.parse(out.stdout).job_id as string;
      await killDuring(home.path, site, "PAGE-B-v2");
      site.hold(null);
      const results = await finish(home.path, rerun);
      // Every page requested once, each conditionally; only /b answered in full.
      assert.deepEqual(
        site.requests.slice(from).map((r) => [r.path, r.conditional]).sort(),
        [["/", true], ["/a", true], ["/b", true], ["/c", true]],
      );
      assert.deepEqual(
        results.map((r) => [new URL(r.url).pathname, r.change, r.content]).sort(),
        [
          ["/", "same", "Summary of PAGE-HOME"],
          ["/a", "same", "Summary of PAGE-A"],
          ["/b", "changed", "Summary of PAGE-B-v2"],
          ["/c", "same", "Summary of PAGE-C"],
        ],
      );
    },
  );
});
