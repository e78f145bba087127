import assert from "node:assert/strict";
import type { JobResults } from "@riptide/core";
import { runCli, snapshotTree, tempHome } from "./_helpers.ts";
import { startWorker, submit, writeFastConfig } from "./_worker_helpers.ts";

const PAGE = `<!doctype html>
<html lang="en"><head><title>Reading tide tables</title></head>
<body>
<header><a href="/">Coastal Notes</a> <a href="/about">About us</a></header>
<nav><ul><li><a href="/tides">Tides</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<article>
  <h1>Reading tide tables</h1>
  <p>Most coasts see two high tides and two low tides a day, and a tide table lists the time and
  height of each one for a given harbour, so that walkers and sailors can plan around them.</p>
  <h2>What the columns mean</h2>
  <p>The height is measured from <a href="/chart-datum">chart datum</a>, usually the lowest
  astronomical tide, and <em>never</em> from the average sea level, which surprises many readers.</p>
  <ul><li>time of the tide in local time;</li><li>height above chart datum in metres.</li></ul>
  <pre><code class="language-python">def next_tide(table, now):
    return min(t for t in table if t.time > now)</code></pre>
  <p>Questions about a table can go to the harbour office at harbour@coast.example, which answers
  within a day on weekdays and keeps printed tables for the whole year at its front desk.</p>
</article>
<aside>Popular: <a href="/storms">Storm season</a></aside>
<footer>© Coastal Notes · <a href="/privacy">Privacy</a></footer>
</body></html>`;

function serve(): { url: string } & AsyncDisposable {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } }),
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/guide/tides`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

const CHROME = ["Coastal Notes", "About us", "Weather", "Storm season", "Privacy"];

Deno.test("submit --format markdown keeps Markdown for every strategy that returns page content", async (t) => {
  await using home = await tempHome();
  await using page = serve();
  await writeFastConfig(home.path);
  const jobs: Record<string, string> = {};
  const runs: [string, string[]][] = [
    ["auto", ["--strategy", "auto"]],
    ["wasm", ["--strategy", "wasm"]],
    ["css", ["--strategy", "css"]],
    ["css selectors", ["--selector", "article h2", "--selector", "link=article p a"]],
    ["regex", ["--pattern", "email", "--pattern", "heading=What the \\w+"]],
  ];
  for (const [name, args] of runs) {
    jobs[name] = await submit(home.path, [
      "--url",
      page.url,
      ...args,
      "--format",
      "markdown",
      "--no-worker",
    ]);
  }
  await using worker = startWorker(home.path);
  assert.equal(await worker.exit(), 0, worker.stderr());

  const extraction = async (name: string) => {
    const r = await runCli(["job-local", "results", "--id", jobs[name]!, "-o", "json"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as JobResults;
    const e = results.extractions[0]!;
    assert.equal(e.status, "success", e.error);
    return e;
  };

  for (const name of ["auto", "wasm", "css"]) {
    await t.step(`${name}: the main content as Markdown, without the page chrome`, async () => {
      const e = await extraction(name);
      const md = e.markdown ?? "";
      assert.match(md, /^## What the columns mean$/m);
      assert.match(md, /^- time of the tide in local time;\n- height above chart datum/m);
      assert.ok(
        md.includes(
          "```\ndef next_tide(table, now):\n    return min(t for t in table if t.time > now)\n```",
        ) ||
          md.includes(
            "```python\ndef next_tide(table, now):\n    return min(t for t in table if t.time > now)\n```",
          ),
        `code block kept verbatim in:\n${md}`,
      );
      assert.match(md, /harbour@coast\.example/);
      for (const chrome of CHROME) assert.ok(!md.includes(chrome), `${chrome} in:\n${md}`);
    });
  }

  await t.step("auto and css keep links and emphasis, resolved against the page", async () => {
    for (const name of ["auto", "css"]) {
      const md = (await extraction(name)).markdown ?? "";
      const base = new URL(page.url);
      assert.ok(md.includes(`[chart datum](${base.origin}/chart-datum)`), md);
      assert.ok(md.includes("_never_"), md);
    }
  });

  await t.step("css with selectors: Markdown of the first selector's matches", async () => {
    const e = await extraction("css selectors");
    assert.equal(e.content, "What the columns mean");
    assert.equal(e.markdown, "## What the columns mean");
    assert.deepEqual(e.fields?.link, ["chart datum"]);
  });

  await t.step("regex: the matches as a list under each pattern's name", async () => {
    const e = await extraction("regex");
    assert.equal(
      e.markdown,
      "## email\n\n- harbour@coast.example\n\n## heading\n\n- What the columns",
    );
  });

  await t.step("results --format markdown exports the Markdown", async () => {
    const r = await runCli(["job-local", "results", "--id", jobs.wasm!, "--format", "markdown"], {
      home: home.path,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n## What the columns mean\n/);
  });

  await t.step("word_count follows one definition for every strategy", async () => {
    for (const name of ["auto", "wasm", "css"]) {
      const e = await extraction(name);
      const words = e.content.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
      assert.equal(e.metadata.word_count, words, name);
    }
  });
});

Deno.test("submit --format markdown with the llm strategy is a usage error", async () => {
  await using home = await tempHome();
  const before = await snapshotTree(home.path);
  const r = await runCli([
    "job-local",
    "submit",
    "--url",
    "https://example.com/",
    "--prompt",
    "Summarise",
    "--format",
    "markdown",
  ], {
    home: home.path,
    env: { RIPTIDE_LLM_BASE_URL: "http://127.0.0.1:9/v1", RIPTIDE_LLM_MODEL: "m" },
  });
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(
    r.stderr,
    /^error: Option --format markdown does not apply to strategy "llm": it returns the model's answer as written \(ask for Markdown in --prompt\)\n$/,
  );
  assert.deepEqual(await snapshotTree(home.path), before);
});
