import assert from "node:assert/strict";
import { newPendingJob } from "@riptide/core/base";
import { Crawl } from "./_crawl.ts";

const settings = {
  max_depth: 2,
  max_pages: 100,
  scope: "same-host" as const,
  include: [],
  exclude: ["/skip/*"],
};

Deno.test("Crawl follows a page's links in scope, one depth further", async (t) => {
  let base = "";
  await using server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<url><loc>${base}/a</loc></url><url><loc>${base}/skip/x</loc></url>` +
          `<url><loc>http://elsewhere.invalid/b</loc></url></urlset>`,
      ),
  );
  base = `http://127.0.0.1:${server.addr.port}`;
  const job = newPendingJob("job_6b103a58_bb04e4b5" as never, {
    name: null,
    priority: "medium",
    urls: [`${base}/`],
    strategy: "auto",
    tags: [],
    stream: false,
    options: { crawl: settings },
  }, { results_path: "/tmp/r.json", log_path: "/tmp/l.jsonl" });

  await t.step("links: in scope, not past the depth limit, not from non-HTML", () => {
    const crawl = new Crawl(job, settings);
    const page = {
      url: `${base}/`,
      finalUrl: `${base}/`,
      status: 200,
      contentType: "text/html",
      html: `<a href="/a#x">a</a><a href="/skip/y">s</a><a href="http://elsewhere.invalid/">o</a>`,
      bytes: 0,
    };
    const start = { url: `${base}/`, depth: 0, referrer: null };
    assert.deepEqual(crawl.linksOf(page, start), [
      { url: `${base}/a`, depth: 1, referrer: `${base}/` },
    ]);
    assert.deepEqual(crawl.linksOf(page, { ...start, depth: 2 }), []);
    assert.deepEqual(crawl.linksOf({ ...page, contentType: "text/plain" }, start), []);
  });

  await t.step("sitemap pages in scope come at the depth limit, once per origin", async () => {
    const crawl = new Crawl(job, settings);
    const entries = await crawl.sitemapEntries(`${base}/`, [`${base}/sitemap.xml`], 10);
    assert.deepEqual(entries, [{ url: `${base}/a`, depth: 2, referrer: `${base}/sitemap.xml` }]);
    assert.deepEqual(await crawl.sitemapEntries(`${base}/`, [`${base}/sitemap.xml`], 10), []);
  });

  await t.step("with private addresses blocked, a loopback sitemap is not requested", async () => {
    const crawl = new Crawl(job, settings);
    const warnings: string[] = [];
    const entries = await crawl.sitemapEntries(`${base}/`, [`${base}/sitemap.xml`], 10, {
      blockPrivateAddresses: true,
      onWarning: (m) => warnings.push(m),
    });
    assert.deepEqual(entries, []);
    assert.match(warnings.join("\n"), /loopback address \(private addresses are blocked\)/);
  });
});
