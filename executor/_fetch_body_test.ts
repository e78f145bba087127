import assert from "node:assert/strict";
import { decodePage, junkShare } from "./_fetch_body.ts";
import { FetchError } from "./_fetch_errors.ts";
import { junkBytes } from "./testing.ts";

function decode(bytes: Uint8Array, contentTypeHeader: string | null) {
  return decodePage({
    url: "https://example.com/page",
    finalUrl: "https://example.com/page",
    status: 200,
    contentTypeHeader,
    body: { bytes, truncated: false },
    warnings: [],
    maxBodyBytes: 10 * 1024 * 1024,
    onEvent: undefined,
  });
}

Deno.test("junkShare() tells binary data decoded as text from text", async (t) => {
  await t.step("random bytes (windows-1252 fallback) are junk", () => {
    const text = new TextDecoder("windows-1252").decode(junkBytes(100_000));
    const share = junkShare(text);
    assert.ok(share !== null && share > 0.08 && share < 0.15, String(share));
  });
  await t.step("undecodable bytes (U+FFFD) are junk", () => {
    assert.ok(junkShare("<p>" + "ab\ufffd\ufffd".repeat(100) + "</p>") !== null);
  });
  await t.step("a page with a few stray control characters is text", () => {
    const page = "<p>A line of prose\u0001 with a stray\u000b control.</p>\n".repeat(15);
    assert.equal(junkShare(page), null);
  });
  await t.step("whitespace controls (tab, line feed, form feed, return) are not junk", () => {
    assert.equal(junkShare("a\t\n\f\r".repeat(1000)), null);
  });
  await t.step("mojibake of UTF-8 read twice (C1 controls) is text", () => {
    const twice = new TextDecoder("windows-1252").decode(
      new TextEncoder().encode("中文页面的内容—“引用”".repeat(200)),
    );
    const latin1 = [...new TextEncoder().encode(twice)].map((b) => String.fromCharCode(b))
      .join("");
    assert.equal(junkShare(latin1), null);
  });
});

Deno.test("decodePage() refuses binary data served as HTML or text in one line", () => {
  for (const type of ["text/html", "text/html; charset=utf-8", "text/plain", null]) {
    assert.throws(
      () => decode(junkBytes(50_000), type),
      (err: unknown) => {
        assert.ok(err instanceof FetchError);
        assert.match(
          err.message,
          /^Binary content served as text\/(html|plain) cannot be extracted: \d+% of its characters are control characters or bytes that could not be decoded$/,
        );
        assert.equal(err.retryable, false);
        assert.equal(err.status, 200);
        return true;
      },
      String(type),
    );
  }
  const page = decode(
    new TextEncoder().encode("<!doctype html><p>Ordinary words — “quoted”, naïve.</p>"),
    "text/html",
  );
  assert.equal(page.html, "<!doctype html><p>Ordinary words — “quoted”, naïve.</p>");
});

Deno.test("decodePage() reads a <meta> charset declared after a long head", () => {
  // A page of the 2000s in windows-1251, its charset declared after 3 KB of inline
  // script: "Привет" in that charset is not valid UTF-8 and is no windows-1252 text.
  const head = `<html><head><script>${"var a = 1;\n".repeat(300)}</script>` +
    `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>`;
  const bytes = new Uint8Array([
    ...new TextEncoder().encode(head),
    0xcf,
    0xf0,
    0xe8,
    0xe2,
    0xe5,
    0xf2,
    ...new TextEncoder().encode("</p></body></html>"),
  ]);
  assert.ok(decode(bytes, "text/html").html.includes("<p>Привет</p>"));
});
