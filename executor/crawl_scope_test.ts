import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { CrawlScope, registrableDomain } from "./crawl_scope.ts";

Deno.test("registrableDomain() uses the Public Suffix List, private suffixes included", () => {
  assert.equal(registrableDomain("www.example.com"), "example.com");
  assert.equal(registrableDomain("a.b.example.co.uk"), "example.co.uk");
  assert.equal(registrableDomain("alice.github.io"), "alice.github.io");
  assert.equal(registrableDomain("127.0.0.1"), "127.0.0.1");
  assert.equal(registrableDomain("localhost"), "localhost");
});

Deno.test("CrawlScope same-host (the default) stays on the start URLs' hosts and ports", () => {
  const scope = new CrawlScope(["https://www.example.com/start", "http://127.0.0.1:8080/"]);
  assert.equal(scope.allows("https://www.example.com/other"), true);
  assert.equal(scope.allows("http://www.example.com/other"), true);
  assert.equal(scope.allows("https://docs.example.com/"), false);
  assert.equal(scope.allows("http://127.0.0.1:8080/x"), true);
  assert.equal(scope.allows("http://127.0.0.1:8081/x"), false);
  assert.equal(scope.allows("ftp://www.example.com/x"), false);
  assert.equal(scope.allows("not a url"), false);
});

Deno.test("CrawlScope same-domain follows subdomains of the registrable domain", () => {
  const scope = new CrawlScope(["https://www.example.co.uk/"], { scope: "same-domain" });
  assert.equal(scope.allows("https://example.co.uk/"), true);
  assert.equal(scope.allows("https://shop.example.co.uk/a"), true);
  assert.equal(scope.allows("https://other.co.uk/"), false);
  const gh = new CrawlScope(["https://alice.github.io/"], { scope: "same-domain" });
  assert.equal(gh.allows("https://bob.github.io/"), false);
});

Deno.test("CrawlScope any-host follows every http(s) host, path globs still apply", () => {
  const scope = new CrawlScope(["https://example.com/"], {
    scope: "any-host",
    include: ["/docs/**"],
    exclude: ["/docs/private/**"],
  });
  assert.equal(scope.allows("https://elsewhere.test/docs/a"), true);
  assert.equal(scope.allows("https://elsewhere.test/blog/a"), false);
  assert.equal(scope.allows("https://example.com/docs/private/x"), false);
  assert.throws(() => new CrawlScope(["https://example.com/"], { include: [""] }), UsageError);
});
