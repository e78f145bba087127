/**
 * The Firecrawl v2 subset of `riptide serve`, driven by Firecrawl's official
 * SDK (`@mendable/firecrawl-js`) pointed at the server, over local pages.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import Firecrawl from "@mendable/firecrawl-js";
import { tempHome, TEST_CONFIG_SECTIONS } from "./_helpers.ts";
import { gatedSite, startServe } from "./_serve_helpers.ts";

const TOKEN = "firecrawl-sdk-token";

Deno.test("Firecrawl SDK: scrape, batchScrape, crawl and map return the pages' Markdown", async (t) => {
  await using home = await tempHome();
  await Deno.writeTextFile(
    join(home.path, "config.jsonc"),
    JSON.stringify({
      ...TEST_CONFIG_SECTIONS,
      worker: { request_timeout: 60, retries: 0, autostart: false },
    }),
  );
  await using site = gatedSite();
  await using server = await startServe(home.path, ["--workers", "2"], {
    env: { RIPTIDE_TOKEN: TOKEN },
    token: TOKEN,
  });
  const app = new Firecrawl({ apiKey: TOKEN, apiUrl: server.url });

  await t.step("scrape", async () => {
    const doc = await app.scrape(`${site.base}/page/1`, { formats: ["markdown"] });
    assert.match(doc.markdown ?? "", /The harbour page number 1 talks about tides/);
    assert.equal(doc.metadata?.title, "Page 1");
    assert.equal(doc.metadata?.sourceURL, `${site.base}/page/1`);
    // includeTags: only the chosen elements.
    const heading = await app.scrape(`${site.base}/page/4`, { includeTags: ["h1"] });
    assert.equal(heading.markdown?.trim(), "# Page 4");
  });

  await t.step("batchScrape", async () => {
    const job = await app.batchScrape([`${site.base}/page/2`, `${site.base}/page/3`], {
      options: { formats: ["markdown"] },
      pollInterval: 1,
      timeout: 60,
    });
    assert.equal(job.status, "completed");
    assert.equal(job.total, 2);
    const texts = job.data.map((d) => d.markdown ?? "").sort();
    assert.match(texts[0]!, /page number 2/);
    assert.match(texts[1]!, /page number 3/);
  });

  await t.step("crawl", async () => {
    const job = await app.crawl(`${site.base}/page/10`, {
      limit: 3,
      pollInterval: 1,
      timeout: 60,
    });
    assert.equal(job.status, "completed");
    const sources = job.data.map((d) => d.metadata?.sourceURL).sort();
    assert.deepEqual(sources, [10, 11, 12].map((n) => `${site.base}/page/${n}`));
    assert.ok(job.data.every((d) => /The harbour page number \d+/.test(d.markdown ?? "")));
  });

  await t.step("map", async () => {
    const map = await app.map(`${site.base}/page/20`, { limit: 10 });
    assert.deepEqual(map.links.map((l) => l.url).sort(), [
      `${site.base}/page/20`,
      `${site.base}/page/21`,
    ]);
  });

  await t.step("startCrawl, getCrawlStatus and cancelCrawl", async () => {
    const started = await app.startCrawl(`${site.base}/gate/1`, { limit: 2 });
    const status = await app.getCrawlStatus(started.id);
    assert.ok(["scraping", "completed"].includes(status.status), status.status);
    assert.equal(await app.cancelCrawl(started.id), true);
    assert.equal((await app.getCrawlStatus(started.id)).status, "cancelled");
  });

  await t.step("an unsupported option is a 400 naming it, through the SDK", async () => {
    await assert.rejects(
      app.scrape(`${site.base}/page/1`, { formats: ["html"] }),
      (err: Error & { status?: number }) => {
        assert.equal(err.status, 400);
        assert.match(err.message, /Option "formats: html" is not supported by RipTide/);
        return true;
      },
    );
  });

  await t.step("bad requests over HTTP: 4xx problems with success false", async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ["/v2/scrape", { url: `${site.base}/page/1`, excludeTags: ["nav"] }, 400, /excludeTags/],
      [
        "/v2/scrape",
        { url: `${site.base}/page/1`, onlyMainContent: false },
        400,
        /onlyMainContent/,
      ],
      ["/v2/scrape", { url: `${site.base}/page/1`, actions: [] }, 400, /Option "actions"/],
      ["/v2/scrape", { url: "nope" }, 422, /Invalid URL "nope"/],
      ["/v2/scrape", {}, 400, /"url"/],
      ["/v2/batch/scrape", { urls: [] }, 400, /"urls"/],
      ["/v2/crawl", { url: `${site.base}/`, includePaths: ["^/a"] }, 400, /includePaths/],
      ["/v2/crawl", { url: `${site.base}/`, sitemap: "only" }, 400, /sitemap/],
      ["/v2/crawl", { url: `${site.base}/`, maxDiscoveryDepth: 500 }, 422, /--max-depth/],
      ["/v2/map", { url: `${site.base}/`, search: "x" }, 400, /Option "search"/],
    ];
    for (const [path, body, status, detail] of cases) {
      const response = await server.api(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, status, `${path} ${JSON.stringify(body)}`);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      const problem = await response.json();
      assert.equal(problem.success, false);
      assert.match(problem.error, detail);
    }
    const missing = await server.api("/v2/crawl/job_ffffffff");
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  });
});
