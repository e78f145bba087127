import assert from "node:assert/strict";
import { UsageError } from "@riptide/core/base";
import { extract, type Page } from "../extract.ts";
import { extractCss, validateSelector } from "./css.ts";

function page(html: string): Page {
  return {
    url: "http://127.0.0.1/a",
    finalUrl: "http://127.0.0.1/a",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
  };
}

function fixture(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../testdata/${name}`, import.meta.url));
}

Deno.test("extractCss() returns the text of every match per named selector", async (t) => {
  const html = await fixture("css_article.html");

  await t.step("fields hold trimmed, collapsed texts in document order", async () => {
    const out = await extractCss(page(html), {
      selectors: { headline: "h1", tags: "li.tag", author: ".author" },
    });
    assert.deepEqual(out.fields, {
      headline: ["Tide tables explained"],
      tags: ["moon", "ocean"],
      author: ["Ada Lovelace"],
    });
  });

  await t.step("content joins the first field's texts with a blank line", async () => {
    const out = await extractCss(page(html), { selectors: { paras: "article > p", h: "h1" } });
    assert.equal(
      out.content,
      "By Ada Lovelace\n\nThe moon pulls the oceans into two bulges.\n\n" +
        "Most coasts see two high tides a day. Some see only one.",
    );
    assert.equal(out.fields?.paras?.length, 3);
  });

  await t.step("a selector that matches nothing gives an empty list", async () => {
    const out = await extractCss(page(html), { selectors: { none: ".missing", h: "h1" } });
    assert.deepEqual(out.fields?.none, []);
    assert.equal(out.content, "");
    assert.equal(out.metadata.quality_score, 0.5);
  });

  await t.step("blocks inside one match are separated and scripts are skipped", async () => {
    const out = await extractCss(page(html), { selectors: { nav: "nav", body: "body" } });
    assert.deepEqual(out.fields?.nav, ["World Sport"]);
    assert.ok(!out.fields?.body?.[0]?.includes("tracking"));
    assert.ok(!out.fields?.body?.[0]?.includes("document.write"));
  });

  await t.step("title metadata comes from og:title, then <title>", async () => {
    const out = await extractCss(page(html), { selectors: { h: "h1" } });
    assert.equal(out.metadata.title, "Tide tables explained");
    const plain = await extractCss(page("<title> Only  title </title><p>x</p>"), {});
    assert.equal(plain.metadata.title, "Only title");
  });
});

Deno.test("extractCss() without selectors uses the body, title and headline presets", async (t) => {
  await t.step("body is the article without navigation, header, footer or aside", async () => {
    const out = await extractCss(page(await fixture("css_article.html")), {});
    assert.deepEqual(Object.keys(out.fields ?? {}), ["body", "title", "headline"]);
    assert.equal(
      out.content,
      [
        "Tide tables explained",
        "By Ada Lovelace",
        "The moon pulls the oceans into two bulges.",
        "Most coasts see two high tides a day.",
        "Some see only one.",
        "moon",
        "ocean",
      ].join("\n\n"),
    );
    assert.deepEqual(out.fields?.title, ["Tide tables explained | Coastal News"]);
    assert.deepEqual(out.fields?.headline, ["Tide tables explained"]);
  });

  await t.step("[itemprop=articleBody] wins over article", async () => {
    const html = `<body><article><h1>H</h1><div itemprop="articleBody"><p>Only me</p></div>
      <p>Not me</p></article></body>`;
    const out = await extractCss(page(html), {});
    assert.equal(out.content, "Only me");
  });

  await t.step("a page that is all navigation has an empty body", async () => {
    const out = await extractCss(page(await fixture("css_navigation.html")), {});
    assert.equal(out.content, "");
    assert.deepEqual(out.fields?.body, []);
    assert.deepEqual(out.fields?.title, ["Site map"]);
  });

  await t.step("a bare fragment without <body> still yields its text", async () => {
    const out = await extractCss(page("<p>one</p><p>two</p>"), {});
    assert.equal(out.content, "one\n\ntwo");
  });
});

Deno.test("extractCss() copes with difficult pages", async (t) => {
  await t.step("an empty page yields empty fields", async () => {
    const out = await extractCss(page(""), { selectors: { p: "p" } });
    assert.deepEqual(out.fields, { p: [] });
    assert.equal(out.content, "");
    assert.equal(out.metadata.title, null);
  });

  await t.step("malformed HTML is parsed leniently and entities are decoded", async () => {
    const out = await extractCss(page(await fixture("css_malformed.html")), {
      selectors: { posts: ".post p" },
    });
    const texts = out.fields?.posts ?? [];
    assert.ok(texts.length >= 3, `expected at least 3 paragraphs, got ${texts.length}`);
    assert.ok(texts.some((s) => s.startsWith("First paragraph bold both")));
    assert.ok(texts.some((s) => s === "Third & last <p> été"));
  });

  await t.step("a page decoded from ISO-8859-1 keeps its accents", async () => {
    const bytes = await Deno.readFile(new URL("../testdata/css_latin1.html", import.meta.url));
    const html = new TextDecoder("iso-8859-1").decode(bytes);
    const out = await extractCss(page(html), {});
    assert.equal(out.content, "Déjà vu à la crème brûlée, naïve © 2024.");
    assert.equal(out.metadata.title, "Café crème");
  });

  await t.step("a huge page returns every match", async () => {
    const count = 20_000;
    const body = Array.from({ length: count }, (_, i) => `<p class="n">item ${i}</p>`).join("");
    const out = await extractCss(page(`<html><body>${body}</body></html>`), {
      selectors: { n: "p.n" },
    });
    assert.equal(out.fields?.n?.length, count);
    assert.equal(out.fields?.n?.[count - 1], `item ${count - 1}`);
  });

  await t.step("deep nesting does not overflow the stack", async () => {
    const depth = 20_000;
    const html = `<html><body>${"<div>".repeat(depth)}deep${"</div>".repeat(depth)}</body></html>`;
    const out = await extractCss(page(html), { selectors: { all: "body" } });
    assert.deepEqual(out.fields?.all, ["deep"]);
  });
});

Deno.test("validateSelector() rejects what the css strategy cannot use", async (t) => {
  await t.step("valid selectors pass", () => {
    for (
      const sel of ["p", "article > p", "[itemprop=articleBody]", "li.tag:nth-child(2)", "a, b"]
    ) {
      validateSelector(sel);
    }
  });

  await t.step("a syntax error is a UsageError naming the selector", () => {
    assert.throws(() => validateSelector("a["), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /^Invalid CSS selector "a\[": \S/);
      assert.ok(!err.message.includes("\n"));
      return true;
    });
  });

  await t.step("empty selectors and dangling combinators are rejected", () => {
    assert.throws(() => validateSelector("  "), UsageError);
    assert.throws(() => validateSelector("div >"), /ends with a combinator/);
  });

  await t.step("an unknown pseudo-class is rejected", () => {
    assert.throws(() => validateSelector("a:bogus"), /Invalid CSS selector "a:bogus"/);
  });

  await t.step("the strategy itself fails a page with an invalid selector", async () => {
    await assert.rejects(extractCss(page("<p>x</p>"), { selectors: { x: "p[" } }), UsageError);
  });
});

Deno.test("extract() runs the css strategy through the loader", async () => {
  const out = await extract(page("<h1>Hi</h1>"), "css", { selectors: { h: "h1" } });
  assert.deepEqual(out.fields, { h: ["Hi"] });
  assert.equal(out.metadata.strategy_used, "css");
});

Deno.test("extractCss() returns Markdown of the elements its content comes from", async (t) => {
  const html = await fixture("css_article.html");

  await t.step("the preset body: the article without its chrome", async () => {
    const out = await extractCss(page(html), { markdown: true });
    assert.equal(
      out.markdown,
      "# Tide tables explained\n\nBy Ada Lovelace\n\nThe moon pulls the oceans into two bulges.\n\n" +
        "Most coasts see two high tides a day.\nSome see only one.\n\n- moon\n- ocean",
    );
  });

  await t.step(
    "selectors: one block per match of the first selector, inline matches kept",
    async () => {
      const out = await extractCss(
        page(
          '<p>See <a href="/x">the <b>chart</b></a>.</p><p><a href="https://e.example/">e</a></p>',
        ),
        { markdown: true, selectors: { links: "a", paragraphs: "p" } },
      );
      assert.equal(out.markdown, "[the **chart**](http://127.0.0.1/x)\n\n[e](https://e.example/)");
    },
  );

  await t.step("no Markdown unless asked for, and none when nothing matched", async () => {
    assert.equal((await extractCss(page(html), {})).markdown, undefined);
    const none = await extractCss(page(html), { markdown: true, selectors: { x: "table" } });
    assert.equal(none.markdown, "");
  });
});
