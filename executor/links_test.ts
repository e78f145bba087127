import assert from "node:assert/strict";
import { discoverLinks } from "./links.ts";

const PAGE = "http://example.com/dir/page.html";

Deno.test("discoverLinks() follows a href, link rel=next and canonical, normalized, once each", () => {
  const html = `<!doctype html><html><head>
    <link rel="canonical" href="/dir/page.html?utm_source=feed">
    <link rel="stylesheet" href="/style.css">
    <link rel="alternate" href="/feed">
    <link rel="Next" href="page2.html">
  </head><body>
    <a href="other.html">relative</a>
    <a href="/dir/other.html#section">same page, fragment</a>
    <A HREF="HTTP://EXAMPLE.COM:80/dir/other.html">case and port</A>
    <a href='/q?b=1&amp;utm_medium=x&amp;c=2'>entities</a>
    <a href=/unquoted>unquoted</a>
    <a data-x=">" href="/after-gt">quoted &gt; before href</a>
    <area href="/map-area" alt="">
    <a href="https://other.test/x">other host</a>
    <a>no href</a><a href="">empty</a><a href="#top">fragment only</a>
    <a href="mailto:a@example.com">mail</a><a href="javascript:void(0)">js</a>
  </body></html>`;
  assert.deepEqual(discoverLinks(html, PAGE), {
    links: [
      "http://example.com/dir/page.html",
      "http://example.com/dir/page2.html",
      "http://example.com/dir/other.html",
      "http://example.com/q?b=1&c=2",
      "http://example.com/unquoted",
      "http://example.com/after-gt",
      "http://example.com/map-area",
      "https://other.test/x",
    ],
    nofollow: false,
  });
});

Deno.test("discoverLinks() resolves against the first <base href>", () => {
  const html = `<head><base href="/base/"><base href="/ignored/"></head>
    <a href="a.html">a</a><a href="../up">up</a>`;
  assert.deepEqual(discoverLinks(html, PAGE).links, [
    "http://example.com/base/a.html",
    "http://example.com/up",
  ]);
  const absolute = `<base href="https://cdn.example.com/x/"><a href="y">y</a>`;
  assert.deepEqual(discoverLinks(absolute, PAGE).links, ["https://cdn.example.com/x/y"]);
  const broken = `<base href="http://[bad/"><a href="y">y</a>`;
  assert.deepEqual(discoverLinks(broken, PAGE).links, ["http://example.com/dir/y"]);
});

Deno.test("discoverLinks() skips rel=nofollow links and links to files that are not pages", () => {
  const html = `<a rel="nofollow" href="/nf">nf</a><a rel="external NoFollow" href="/nf2">nf2</a>
    <a href="/doc.PDF">pdf</a><a href="/img.jpg?size=2">img</a><a href="/a.tar.gz">gz</a>
    <a href="/page.php?file=x.pdf">php</a><a href="/dir/">dir</a>`;
  assert.deepEqual(discoverLinks(html, PAGE).links, [
    "http://example.com/page.php?file=x.pdf",
    "http://example.com/dir/",
  ]);
});

Deno.test("discoverLinks() ignores links in comments, scripts, styles and templates", () => {
  const html = `<!-- <a href="/commented">x</a> -->
    <script>document.write('<a href="/scripted">x</a>')</script>
    <style>a[href="/styled"] {}</style><template><a href="/templated">t</a></template>
    <title><a href="/titled"></title>
    <a href="/real">real</a>`;
  assert.deepEqual(discoverLinks(html, PAGE).links, ["http://example.com/real"]);
});

Deno.test("discoverLinks() follows nothing on a page with meta robots nofollow", () => {
  for (
    const meta of [
      `name="robots" content="noindex, nofollow"`,
      `name=ROBOTS content=none`,
      `name="RipTide" content="nofollow"`,
    ]
  ) {
    const html = `<head><meta ${meta}></head><a href="/x">x</a>`;
    assert.deepEqual(discoverLinks(html, PAGE), { links: [], nofollow: true }, meta);
  }
  const other =
    `<meta name="googlebot" content="nofollow"><meta name="robots" content="noindex"><a href="/x">x</a>`;
  assert.deepEqual(discoverLinks(other, PAGE), {
    links: ["http://example.com/x"],
    nofollow: false,
  });
});

Deno.test("discoverLinks() survives unfinished markup", () => {
  assert.equal(
    discoverLinks(`<a href="/ok">ok</a><a href="/cut`, PAGE).links[0],
    "http://example.com/ok",
  );
  assert.deepEqual(discoverLinks("<a", PAGE).links, []);
  assert.deepEqual(discoverLinks("", PAGE).links, []);
});
