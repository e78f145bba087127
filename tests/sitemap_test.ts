import assert from "node:assert/strict";
import { runCli, tempHome } from "./_helpers.ts";
import { readJob } from "./_worker_helpers.ts";

async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("submit --sitemap queues the page URLs of a sitemap index, gzip and text included", async (t) => {
  await using home = await tempHome();
  let base = "";
  const files = new Map<string, () => Promise<Uint8Array<ArrayBuffer>> | string>();
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const body = files.get(new URL(req.url).pathname);
      if (body === undefined) return new Response("not found", { status: 404 });
      const value = await body();
      return new Response(value, {
        headers: {
          "content-type": typeof value === "string" ? "application/xml" : "application/gzip",
        },
      });
    },
  );
  base = `http://127.0.0.1:${server.addr.port}`;
  files.set(
    "/sitemap_index.xml",
    () =>
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
      `<sitemap><loc>${base}/posts.xml.gz</loc></sitemap>` +
      `<sitemap><loc>${base}/pages.txt</loc></sitemap></sitemapindex>`,
  );
  files.set(
    "/posts.xml.gz",
    () =>
      gzip(
        `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<url><loc>${base}/post/1?a=1&amp;b=2</loc></url><url><loc>${base}/post/2</loc></url>` +
          `</urlset>`,
      ),
  );
  files.set("/pages.txt", () => `${base}/about\n${base}/post/2\n`);

  await t.step(
    "the job's URLs are the --url ones, then the sitemaps' pages, once each",
    async () => {
      const r = await runCli([
        "job-local",
        "submit",
        "--url",
        `${base}/first`,
        "--sitemap",
        `${base}/sitemap_index.xml`,
        "--no-worker",
        "-o",
        "json",
      ], { home: home.path });
      assert.equal(r.code, 0, r.stderr);
      const job = await readJob(home.path, JSON.parse(r.stdout).job_id);
      assert.deepEqual(job.urls, [
        `${base}/first`,
        `${base}/post/1?a=1&b=2`,
        `${base}/post/2`,
        `${base}/about`,
      ]);
      assert.equal(job.progress.total, 4);
    },
  );

  await t.step("a sitemap with no pages is a one-line error and stores no job", async () => {
    const jobs = async () =>
      JSON.parse((await runCli(["job-local", "list", "-o", "json"], { home: home.path })).stdout)
        .total;
    const before = await jobs();
    const r = await runCli(
      ["job-local", "submit", "--sitemap", `${base}/missing.xml`, "--no-worker"],
      { home: home.path },
    );
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `error: Could not read the sitemap ${base}/missing.xml: HTTP 404 Not Found\n`,
    );
    assert.equal(await jobs(), before, "a job was stored");
  });

  await t.step("a sitemap that is not http(s) is a usage error", async () => {
    const r = await runCli(
      ["job-local", "submit", "--sitemap", "file:///tmp/sitemap.xml", "--no-worker"],
      { home: home.path },
    );
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'error: Invalid --sitemap "file:///tmp/sitemap.xml": expected an http or https URL\n',
    );
  });
});
