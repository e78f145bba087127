import assert from "node:assert/strict";
import { compilePathGlob, normalizeCrawlUrl, parseHostScope, PathFilter } from "./crawl_url.ts";
import { UsageError } from "./errors.ts";

Deno.test("normalizeCrawlUrl() gives variants of one page one form", async (t) => {
  const cases: [string, string][] = [
    ["HTTP://Example.COM/a", "http://example.com/a"],
    ["http://example.com:80/a", "http://example.com/a"],
    ["https://example.com:443/a", "https://example.com/a"],
    ["http://example.com:8080/a", "http://example.com:8080/a"],
    ["http://example.com", "http://example.com/"],
    ["http://example.com/a#top", "http://example.com/a"],
    ["http://example.com/a?#", "http://example.com/a"],
    ["http://example.com/a/./b/../c", "http://example.com/a/c"],
    ["http://example.com/a?utm_source=x&id=2&utm_medium=y", "http://example.com/a?id=2"],
    ["http://example.com/a?UTM_Campaign=x", "http://example.com/a"],
    ["http://example.com/a?fbclid=1&gclid=2", "http://example.com/a"],
    ["http://example.com/a?b=2&a=1", "http://example.com/a?b=2&a=1"],
    ["http://example.com/a?q=a%20b&utm_id=1", "http://example.com/a?q=a%20b"],
    ["http://example.com/a?&&x=1&", "http://example.com/a?x=1"],
    ["http://example.com/utm_source", "http://example.com/utm_source"],
    ["http://example.com/Dir/Index.html", "http://example.com/Dir/Index.html"],
    ["http://example.com/dir/index.html", "http://example.com/dir/index.html"],
    ["http://user:pw@example.com/a", "http://example.com/a"],
    ["http://EXAMPLE.com./a", "http://example.com./a"],
  ];
  for (const [input, expected] of cases) {
    await t.step(input, () => assert.equal(normalizeCrawlUrl(input), expected));
  }
});

Deno.test("normalizeCrawlUrl() resolves against a base and refuses what a crawl never follows", () => {
  assert.equal(
    normalizeCrawlUrl("../c?utm_x=1", "http://example.com/a/b/"),
    "http://example.com/a/c",
  );
  assert.equal(normalizeCrawlUrl("//other.test/x", "https://example.com/"), "https://other.test/x");
  assert.equal(normalizeCrawlUrl("mailto:a@example.com"), null);
  assert.equal(normalizeCrawlUrl("javascript:void(0)", "http://example.com/"), null);
  assert.equal(normalizeCrawlUrl("ftp://example.com/a"), null);
  assert.equal(normalizeCrawlUrl("file:///etc/passwd"), null);
  assert.equal(normalizeCrawlUrl("http://[bad"), null);
  assert.equal(normalizeCrawlUrl("relative/only"), null);
});

Deno.test("compilePathGlob() matches whole paths", async (t) => {
  const cases: [string, string, boolean][] = [
    ["/blog/*", "/blog/post-1", true],
    ["/blog/*", "/blog/2024/post-1", false],
    ["/blog/*", "/blog", false],
    ["/blog/**", "/blog", true],
    ["/blog/**", "/blog/", true],
    ["/blog/**", "/blog/2024/post-1", true],
    ["/blog/**", "/blogs/x", false],
    ["blog/*", "/blog/x", true],
    ["/**/*.pdf", "/a.pdf", true],
    ["/**/*.pdf", "/a/b/c.pdf", true],
    ["/**/*.pdf", "/a/b/c.pdfx", false],
    ["/docs/v?/*", "/docs/v2/intro", true],
    ["/docs/v?/*", "/docs/v10/intro", false],
    ["/a.b", "/axb", false],
    ["/a+(b)", "/a+(b)", true],
    ["/*", "/", true],
    ["**", "/any/thing", true],
  ];
  for (const [glob, path, expected] of cases) {
    await t.step(`${glob} ${expected ? "matches" : "does not match"} ${path}`, () => {
      assert.equal(compilePathGlob(glob).test(path), expected);
    });
  }
  assert.throws(() => compilePathGlob("  "), UsageError);
});

Deno.test("PathFilter: excludes win, includes narrow, paths compare decoded", () => {
  const all = new PathFilter();
  assert.equal(all.allows("http://example.com/anything"), true);
  const filter = new PathFilter({ include: ["/docs/**", "/blog/*"], exclude: ["/docs/old/**"] });
  assert.equal(filter.allows("http://example.com/docs/a/b"), true);
  assert.equal(filter.allows("http://example.com/blog/x?page=2"), true);
  assert.equal(filter.allows("http://example.com/docs/old/a"), false);
  assert.equal(filter.allows("http://example.com/about"), false);
  const exclude = new PathFilter({ exclude: ["/café*"] });
  assert.equal(exclude.allows(new URL("http://example.com/caf%C3%A9-menu")), false);
  assert.equal(exclude.allows(new URL("http://example.com/cafe")), true);
});

Deno.test("parseHostScope() names the three scopes and rejects others", () => {
  assert.equal(parseHostScope("same-host"), "same-host");
  assert.equal(parseHostScope(" Same-Domain "), "same-domain");
  assert.equal(parseHostScope("any-host"), "any-host");
  assert.throws(
    () => parseHostScope("nearby"),
    new UsageError('Unknown host scope "nearby": expected same-host, same-domain or any-host'),
  );
});
