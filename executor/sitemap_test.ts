import assert from "node:assert/strict";
import { collectSitemapUrls, decodeSitemapBody, parseSitemap } from "./sitemap.ts";

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<!-- generated <loc>https://example.com/commented</loc> -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://example.com/a?x=1&amp;y=2</loc><lastmod>2024-01-01</lastmod></url>
  <url>
    <loc>
      https://example.com/b
    </loc>
    <image:image><image:loc>https://example.com/pic.jpg</image:loc></image:image>
  </url>
  <url><loc><![CDATA[https://example.com/c?q=<x>]]></loc></url>
  <url><loc>/relative</loc></url>
  <url><loc>ftp://example.com/file</loc></url>
  <url><loc>https://example.com/caf&#xE9;</loc></url>
</urlset>`;

Deno.test("parseSitemap() reads a urlset's page URLs", () => {
  assert.deepEqual(parseSitemap(URLSET), {
    kind: "urlset",
    urls: [
      "https://example.com/a?x=1&y=2",
      "https://example.com/b",
      "https://example.com/c?q=%3Cx%3E",
      "https://example.com/caf%C3%A9",
    ],
  });
});

Deno.test("parseSitemap() reads a sitemap index, prefixed or not", () => {
  const index = `<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/s1.xml</loc></sitemap>
  <sitemap><loc>https://example.com/s2.xml.gz</loc></sitemap>
</sitemapindex>`;
  assert.deepEqual(parseSitemap(index), {
    kind: "index",
    urls: ["https://example.com/s1.xml", "https://example.com/s2.xml.gz"],
  });
  const prefixed = `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
<sm:url><sm:loc>https://example.com/p</sm:loc></sm:url></sm:urlset>`;
  assert.deepEqual(parseSitemap(prefixed), { kind: "urlset", urls: ["https://example.com/p"] });
});

Deno.test("parseSitemap() reads a plain-text list, skipping what is not an http(s) URL", () => {
  const text = "\uFEFFhttps://example.com/a\r\n\n  http://example.com/b  \n# comment\nnot a url\n";
  assert.deepEqual(parseSitemap(text), {
    kind: "text",
    urls: ["https://example.com/a", "http://example.com/b"],
  });
  assert.deepEqual(parseSitemap(""), { kind: "text", urls: [] });
});

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("decodeSitemapBody() gunzips by magic bytes and caps the size", async () => {
  const xml = "<urlset><url><loc>https://example.com/z</loc></url></urlset>";
  assert.equal(await decodeSitemapBody(await gzip(xml)), xml);
  assert.equal(await decodeSitemapBody(new TextEncoder().encode(xml)), xml);
  assert.equal(await decodeSitemapBody(await gzip("x".repeat(100_000)), 1000), "x".repeat(1000));
});

Deno.test("collectSitemapUrls() follows nested indexes to depth 3, each sitemap once", async () => {
  const index = (...locs: string[]) =>
    `<sitemapindex>${
      locs.map((l) => `<sitemap><loc>${l}</loc></sitemap>`).join("")
    }</sitemapindex>`;
  const urlset = (...locs: string[]) =>
    `<urlset>${locs.map((l) => `<url><loc>${l}</loc></url>`).join("")}</urlset>`;
  const h = "https://example.com";
  const files: Record<string, string | Uint8Array> = {
    [`${h}/root.xml`]: index(`${h}/l1.xml`, `${h}/pages0.txt`, `${h}/missing.xml`),
    [`${h}/l1.xml`]: index(`${h}/l2.xml.gz`, `${h}/root.xml`),
    [`${h}/l2.xml.gz`]: await gzip(index(`${h}/l3.xml`, `${h}/pages2.xml`)),
    [`${h}/l3.xml`]: index(`${h}/too-deep.xml`, `${h}/pages3.xml`),
    [`${h}/pages0.txt`]: `${h}/p0\n${h}/p-shared\n`,
    [`${h}/pages2.xml`]: urlset(`${h}/p2`, `${h}/p-shared`),
    [`${h}/pages3.xml`]: urlset(`${h}/p3`),
    [`${h}/too-deep.xml`]: urlset(`${h}/never`),
  };
  const loaded: string[] = [];
  const warnings: string[] = [];
  const urls = await collectSitemapUrls([`${h}/root.xml`], {
    load: (url) => {
      loaded.push(url);
      const body = files[url];
      if (body === undefined) return Promise.reject(new Error("HTTP 404"));
      return Promise.resolve(typeof body === "string" ? new TextEncoder().encode(body) : body);
    },
    onWarning: (m) => warnings.push(m),
  });
  // root (0) → l1 (1) → l2 (2) → l3 (3): l3 is an index at depth 3, not followed.
  assert.deepEqual(urls, [`${h}/p2`, `${h}/p-shared`, `${h}/p0`]);
  assert.equal(new Set(loaded).size, loaded.length, "a sitemap was loaded twice");
  assert.ok(!loaded.includes(`${h}/too-deep.xml`));
  assert.deepEqual(warnings, [
    `Sitemap index ${h}/l3.xml is nested deeper than 3 levels: not followed`,
    `Could not read the sitemap ${h}/missing.xml: HTTP 404`,
  ]);
});

Deno.test("collectSitemapUrls() stops at maxUrls", async () => {
  const list = Array.from({ length: 10 }, (_, i) => `https://example.com/${i}`).join("\n");
  const urls = await collectSitemapUrls(["https://example.com/s.txt", "https://example.com/t"], {
    load: () => Promise.resolve(new TextEncoder().encode(list)),
    maxUrls: 4,
  });
  assert.equal(urls.length, 4);
});
