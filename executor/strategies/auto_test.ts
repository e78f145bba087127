import assert from "node:assert/strict";
import { extractAuto, findMainContent, parsePage } from "./auto.ts";
import { blockText } from "./_clean.ts";
import type { Page } from "../extract.ts";

const TESTDATA = new URL("../testdata/", import.meta.url);

function page(html: string, extra: Partial<Page> = {}): Page {
  return {
    url: "https://news.example/2024/tidal-pools",
    finalUrl: "https://news.example/2024/tidal-pools",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
    ...extra,
  };
}

async function fixture(name: string): Promise<string> {
  return await Deno.readTextFile(new URL(name, TESTDATA));
}

Deno.test("extractAuto() keeps the article and drops the page chrome", async (t) => {
  const out = await extractAuto(page(await fixture("article.html")), {});
  const paragraphs = out.content.split("\n\n");

  await t.step("paragraphs, headings and list items are separate paragraphs", () => {
    assert.equal(
      paragraphs[0],
      "Rock pools along the Atlantic coast are heating up roughly twice as fast as the open water only a few metres away, according to a three-year survey published this week by marine ecologists at the Northshore Field Station.",
    );
    assert.ok(paragraphs.includes("Why the pools heat so quickly"));
    assert.ok(paragraphs.includes("a south-facing position with no afternoon shade;"));
    assert.ok(paragraphs.at(-1)?.startsWith("Volunteers can help extend the record."));
    assert.equal(paragraphs.length, 12);
  });

  await t.step("navigation, byline, caption, related links, newsletter and footer are gone", () => {
    for (
      const chrome of [
        "Environment",
        "Maren Okafor",
        "Share on Facebook",
        "Photo: Field Station archive",
        "Related stories",
        "Kelp forests retreat",
        "in your inbox",
        "All rights reserved",
        "Privacy",
        "window.analytics",
        "Tidal Pools Are Warming Faster", // the headline is metadata, not body text
      ]
    ) {
      assert.ok(!out.content.includes(chrome), `content should not include ${chrome}`);
    }
  });

  await t.step("metadata comes from the page head", () => {
    assert.equal(out.metadata.title, "Tidal Pools Are Warming Faster Than the Open Sea");
    assert.equal(out.metadata.byline, "Maren Okafor");
    assert.equal(out.metadata.published_at, "2024-06-12T08:30:00.000Z");
    assert.equal(out.metadata.language, "en");
    assert.equal(out.metadata.site_name, "The Coastal Ledger");
    assert.match(out.metadata.description ?? "", /^A three-year survey of rock pools/);
    assert.equal(out.metadata.links, 1);
    assert.equal(out.metadata.word_count, out.content.match(/[\p{L}\p{N}]+/gu)?.length);
    assert.ok((out.metadata.quality_score ?? 0) >= 0.9);
  });

  await t.step("no markdown unless asked for", () => {
    assert.equal(out.markdown, undefined);
  });
});

Deno.test("extractAuto() returns Markdown of the main content when asked", async () => {
  const out = await extractAuto(page(await fixture("article.html")), { markdown: true });
  const md = out.markdown ?? "";
  assert.ok(md.includes("\n\n## Why the pools heat so quickly\n\n"));
  assert.ok(md.includes("- depth of less than thirty centimetres;\n- a south-facing position"));
  assert.ok(md.includes("like a _puddle_ than"));
  assert.ok(md.includes("[on its website](https://northshore.example/pools)"));
  assert.ok(!md.includes("Kelp forests"));
});

Deno.test("extractAuto() gives an all-navigation page a low quality score", async () => {
  const out = await extractAuto(page(await fixture("auto_navigation.html")), {});
  assert.ok((out.metadata.quality_score ?? 1) < 0.3, `quality ${out.metadata.quality_score}`);
  assert.ok(!out.content.includes("Power tools\n\nTool storage"));
});

Deno.test("extractAuto() scores listing and error pages low", async (t) => {
  await t.step("a listing of teasers", async () => {
    const items = Array.from(
      { length: 20 },
      (_, i) =>
        `<div class="item"><h2><a href="/n/${i}">Headline number ${i} about the council</a></h2>` +
        `<p>A short teaser sentence for story ${i}.</p><a href="/n/${i}">Read more</a></div>`,
    ).join("");
    const out = await extractAuto(
      page(`<html><body><h1>Latest news</h1>${items}</body></html>`),
      {},
    );
    assert.ok((out.metadata.quality_score ?? 1) < 0.3, `quality ${out.metadata.quality_score}`);
  });
  await t.step("a not-found page", async () => {
    const out = await extractAuto(
      page(
        `<html><head><title>404 Not Found</title></head><body><nav><a href="/">Home</a></nav>` +
          `<h1>Page not found</h1><p>Sorry, the page you are looking for does not exist.</p>` +
          `<footer>© 2024</footer></body></html>`,
        { status: 404 },
      ),
      {},
    );
    assert.ok((out.metadata.quality_score ?? 1) < 0.3, `quality ${out.metadata.quality_score}`);
  });
});

Deno.test("extractAuto() reads malformed HTML", async () => {
  const out = await extractAuto(page(await fixture("auto_malformed.html")), {});
  const paragraphs = out.content.split("\n\n");
  assert.equal(paragraphs.length, 4);
  assert.equal(
    paragraphs[1],
    "The second paragraph has bold text that never closes properly and an unquoted attribute link in the middle of the sentence.",
  );
  assert.ok(paragraphs[3]?.startsWith("Stray closing tags above"));
  assert.ok(!out.content.includes("Home"));
  assert.equal(out.metadata.title, "Broken markup still reads");
});

Deno.test("extractAuto() reads the article past a stray </html> in the middle of the page", async () => {
  const para = (n: number) =>
    `<p>Paragraph ${n} of the report on the tide pools, long enough to be read as prose by anyone.</p>`;
  // A template that ends its document too early (or writes a second one) leaves the rest
  // of the page after `</body></html>`: a browser still shows it, in the body.
  const html = `<!doctype html><html><head><title>Tide pools</title></head><body><article>` +
    `${para(1)}${para(2)}</body></html>${para(3)}${para(4)}</article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.deepEqual(out.content.split("\n\n").map((p) => p.split(" ")[1]), ["1", "2", "3", "4"]);
});

Deno.test("extractAuto() titles a manual's page by its <title> when its <h1> is the manual's name", async () => {
  const para = (text: string) =>
    `<p>${text} ${"The stack stores values in the order it gets them. ".repeat(4)}</p>`;
  const body = `<header><h1>The Rust Programming Language</h1></header><main>` +
    `<h2>What Is Ownership?</h2>${para("Ownership is a set of rules.")}${
      para("Memory is managed.")
    }</main>`;
  const out = await extractAuto(
    page(
      `<html><head><title>What is Ownership? - The Rust Programming Language</title></head>` +
        `<body>${body}</body></html>`,
    ),
    {},
  );
  assert.match(out.metadata.title ?? "", /^What is Ownership\?/);
  // An <h1> that names the page (a part of the <title> before the site's name) is its title.
  const named = await extractAuto(
    page(
      `<html><head><title>Ownership - The Rust Programming Language</title></head>` +
        `<body><main><h1>Ownership in Rust</h1>${
          para("Ownership is a set of rules.")
        }</main></body></html>`,
    ),
    {},
  );
  assert.equal(named.metadata.title, "Ownership in Rust");
});

Deno.test("extractAuto() handles empty pages", async (t) => {
  for (
    const html of ["", "   ", "<html></html>", "<html><head><title>Empty</title></head></html>"]
  ) {
    await t.step(`input ${JSON.stringify(html)}`, async () => {
      const out = await extractAuto(page(html), {});
      assert.equal(out.content, "");
      assert.equal(out.metadata.quality_score, 0);
      assert.equal(out.metadata.word_count, 0);
    });
  }
});

Deno.test("extractAuto() reads a non-UTF-8 page once it is decoded", async () => {
  const bytes = await Deno.readFile(new URL("auto_latin1.html", TESTDATA));
  const html = new TextDecoder("windows-1252").decode(bytes);
  const out = await extractAuto(page(html), {});
  assert.equal(out.metadata.title, "Café du marché");
  assert.equal(out.metadata.language, "fr");
  assert.ok(out.content.startsWith("Le café du marché ouvre ses portes dès sept heures."));
  assert.ok(out.content.includes("À midi, la cuisine propose un plat du jour préparé"));
  assert.ok(!out.content.includes("Accueil"));
});

Deno.test("extractAuto() handles a huge page", async () => {
  const nav = `<nav>${
    Array.from({ length: 500 }, (_, i) => `<a href="/s/${i}">Section ${i}</a>`).join(" ")
  }</nav>`;
  const paragraph = (i: number): string =>
    `<p>Paragraph ${i} of a very long report, with enough ordinary words, commas, and clauses ` +
    `to read like prose, so that the scorer treats it as part of the article body.</p>`;
  const body = Array.from({ length: 12_000 }, (_, i) => paragraph(i)).join("\n");
  const html = `<html><head><title>Long report</title></head><body>${nav}` +
    `<article>${body}</article><footer>Footer text</footer></body></html>`;
  assert.ok(html.length > 2_000_000);
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.startsWith("Paragraph 0 of a very long report"));
  assert.ok(out.content.includes("Paragraph 11999 of a very long report"));
  assert.equal(out.content.split("\n\n").length, 12_000);
  assert.ok(!out.content.includes("Section 12"));
});

Deno.test("extractAuto() returns text/plain pages as they are", async () => {
  const text = "Line one.\r\n\r\nLine two, after a blank line.\n";
  const out = await extractAuto(page(text, { contentType: "text/plain" }), { markdown: true });
  assert.equal(out.content, "Line one.\n\nLine two, after a blank line.");
  assert.equal(out.markdown, out.content);
  assert.equal(out.metadata.word_count, 8);
  assert.equal(out.metadata.quality_score, 1);
});

Deno.test("extractAuto() drops boilerplate that sits inside the article container", async () => {
  const prose = (n: number): string =>
    `<p>Sentence ${n} of the story goes on for a while, with details, names, and numbers, ` +
    `so that it reads like real reporting rather than a caption or a label.</p>`;
  const html = `<html><body><div class="story">
    <p>Published 12:40 March 3, 2024</p>
    ${prose(1)}${prose(2)}
    <p><a href="/other">Related: Council approves the new harbour wall</a></p>
    ${prose(3)}
    <div class="caption-text">The harbour at dawn.</div>
    ${prose(4)}
    <p>Reporting by Ana Lind; Editing by Tom Reyes</p>
    <p>Follow us on Twitter and Facebook for more local news.</p>
    <hr><p>More Stories</p>
    <ul><li>Storm closes <a href="/a">coastal road</a></li><li>Ferry <a href="/b">timetable changes</a></li></ul>
  </div></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.deepEqual(out.content.split("\n\n").map((p) => p.slice(0, 10)), [
    "Sentence 1",
    "Sentence 2",
    "Sentence 3",
    "Sentence 4",
  ]);
});

Deno.test("extractAuto() keeps the story's own sentences that name a social network", async () => {
  const prose = (n: number): string =>
    `<p>Sentence ${n} of the story goes on for a while, with details, names, and numbers, ` +
    `so that it reads like real reporting rather than a caption or a label.</p>`;
  // Sentences of the text, not plugs for the site's channels: "like", "join" and a
  // network's name are words of the story here.
  const own = [
    "Residents who would like the wall built higher have started a group on Facebook.",
    "Fishermen join the debate on local forums, where photos of the flooded quay circulate.",
  ];
  const html = `<html><body><div class="story">
    ${prose(1)}<p>${own[0]}</p>${prose(2)}<p>${own[1]}</p>${prose(3)}
  </div></body></html>`;
  const out = await extractAuto(page(html), {});
  for (const sentence of own) assert.ok(out.content.includes(sentence), sentence);
});

Deno.test("extractAuto() keeps the name under a quotation, not taken for the byline", async () => {
  const prose = (n: number): string =>
    `<p>Sentence ${n} of the story goes on for a while, with details, names, and numbers, ` +
    `so that it reads like real reporting rather than a caption or a label.</p>`;
  // No author in the page's metadata: Readability takes the first short element whose
  // class names an author as the byline, here the name of the person quoted.
  const quote = (said: string): string =>
    `<figure class="quote"><blockquote><p>${said}</p></blockquote>` +
    `<figcaption><strong class="quote-author">Ana Lind, </strong>` +
    `<span>harbour master</span></figcaption></figure>`;
  const html = `<html><head><title>Tidal pools</title></head><body><article>
    ${prose(1)}${prose(2)}${quote("The wall has to be built higher before the winter.")}
    ${prose(3)}${quote("Every storm now reaches the quay.")}${prose(4)}
  </article></body></html>`;
  const lines = (await extractAuto(page(html), {})).content.split("\n\n");
  assert.deepEqual(lines.filter((l) => l.includes("harbour master")), [
    "Ana Lind, harbour master",
    "Ana Lind, harbour master",
  ]);
});

Deno.test("extractAuto() reads a page whose markup starts before <html>", async () => {
  // A framework writes its first style before the document: linkedom would take it as
  // the document element and lose the body.
  const html = `<!doctype html><style>.a{color:red}</style><html lang="en"><head>` +
    `<title>Early style</title></head><body><main><h1>Early style</h1>` +
    `<p>The body of this page follows a style element that stands before the html tag, ` +
    `which a browser moves into the head without a second thought.</p>` +
    `<p>A second paragraph makes sure that the page reads as an article and is kept whole.</p>` +
    `</main></body></html>`;
  const document = parsePage(html);
  assert.equal(document.documentElement.tagName, "HTML");
  assert.ok(document.body.textContent?.includes("A second paragraph makes sure"));
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("The body of this page follows a style element"), out.content);
  assert.ok(out.content.includes("A second paragraph makes sure"), out.content);
  assert.ok(!out.content.includes("color:red"));
  assert.equal(out.metadata.title, "Early style");
});

/** A shop's JSON-LD for the product `name`, as many shops render it in the body. */
function declaredTee(name: string, description: string): string {
  const product = { "@context": "https://schema.org", "@type": "Product", name, description };
  return `<script type="application/ld+json">${JSON.stringify(product)}</script>`;
}

/** auto's output for a page at a shop's product address. */
function shopPage(html: string) {
  const url = "https://shop.example/products/arrival-tee";
  return extractAuto(page(html, { url, finalUrl: url }), {});
}

Deno.test("extractAuto() drops the heading a product page's removed popover leaves at its end", async () => {
  const description = "Lightweight training top made from recycled fibres that wick sweat " +
    "away and dry fast, cut slim with flat seams that never rub during a long session.";
  const html = `<!doctype html><html><head><title>Arrival Tee</title></head><body>` +
    `<main><h1>Arrival Tee</h1><div class="price">$22</div>` +
    `<button class="add-to-cart">Add to cart</button>` +
    `<div class="description"><p>${description}</p>` +
    `<p>Machine wash cold with like colours and hang to dry; do not iron the printed logo.</p>` +
    `<h3>Fabric</h3><p>Recycled polyester knit, 140 grams per square metre.</p></div>` +
    // The popover goes once the content is settled: the heading over it is left last.
    `<section><h4>Seller</h4>` +
    `<div class="a-popover-preload">Ships from our warehouse in Porto, and the seller ` +
    `usually answers questions within a day.</div></section></main>` +
    `${declaredTee("Arrival Tee", description)}</body></html>`;
  const out = await shopPage(html);
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes("140 grams per square metre"), out.content);
  assert.ok(out.content.includes("Fabric"), out.content);
  assert.ok(!out.content.includes("warehouse in Porto"), out.content);
  assert.ok(!out.content.includes("Seller"), out.content);
});

Deno.test("extractAuto() drops a product's cart box named in one word", async () => {
  const description = "Lightweight training top made from recycled fibres that wick sweat " +
    "away and dry fast, cut slim with flat seams that never rub during a long session.";
  const html = `<!doctype html><html><head><title>Arrival Tee</title></head><body>` +
    `<main><div class="hero"><h1>Arrival Tee</h1>` +
    `<div class="product-hero__addtocart"><p class="stock">Out of stock</p>` +
    `<div class="price-label">Total amount:</div>` +
    // The amount's sign in an element of its own, as a shop's template writes it.
    `<p class="price"><bdi>22<span class="currency">€</span></bdi></p>` +
    `<button class="single_add_to_cart_button" disabled>Out of Stock</button></div></div>` +
    `<div class="description"><p>${description}</p>` +
    `<p>Machine wash cold with like colours and hang to dry; do not iron the printed logo.</p>` +
    `</div></main>${declaredTee("Arrival Tee", description)}</body></html>`;
  const out = await shopPage(html);
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes("hang to dry"), out.content);
  for (const gone of ["Out of stock", "Total amount"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("extractAuto() drops a product template's placeholder titles where a layout repeats its placeholder", async () => {
  const description = "Lightweight training top made from recycled fibres that wick sweat " +
    "away and dry fast, cut slim with flat seams that never rub during a long session.";
  const lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod " +
    "tempor incididunt ut labore et dolore magna aliqua.";
  const html = `<!doctype html><html><head><title>Arrival Tee</title></head><body>` +
    `<main><h1>Arrival Tee</h1><div class="price">$22</div>` +
    `<button class="add-to-cart">Add to cart</button>` +
    `<div class="description"><p>${description}</p>` +
    `<p>Machine wash cold with like colours and hang to dry; do not iron the printed logo.</p>` +
    `</div>` +
    // The theme's block left unwritten, once per layout: the second copy's placeholder
    // repeats the first's, its titles do not.
    `<div class="mobile"><p>THE EVERYDAY TEE</p><p>${lorem}</p></div>` +
    `<div class="desktop"><div class="title"><p>DOLOR SIT AMET ET</p><p>AL YADA YADA</p></div>` +
    `<div class="subtitle"><p>THIS CAN BE ANOTHER SUBJECT LINE</p></div>` +
    `<p><span>${lorem}</span></p></div></main>` +
    `${declaredTee("Arrival Tee", description)}</body></html>`;
  const out = await shopPage(html);
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes("hang to dry"), out.content);
  for (const gone of ["Lorem", "EVERYDAY", "YADA", "SUBJECT LINE"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("extractAuto() adds a product's declared description that only a script shows", async () => {
  const description = "Lightweight training top made from recycled fibres that wick sweat " +
    "away and dry fast, cut slim with flat seams that never rub during a long session.";
  const html = `<!doctype html><html><head><title>Arrival Tee</title></head><body>` +
    `<main><h1>Arrival Tee</h1><div class="price">$22</div><div>Select a size</div>` +
    `<div role="dialog" class="sheet"><h5>Description</h5><p>${description}</p></div></main>` +
    // JSON-LD in the body, as many shops render it: read before the scripts are dropped.
    declaredTee("Arrival Tee", description) +
    `<script type="application/ld+json">${
      JSON.stringify({
        "@type": "FAQPage",
        mainEntity: [{
          "@type": "Question",
          name: "Does it shrink?",
          acceptedAnswer: { "@type": "Answer", text: "No, it keeps its shape after many washes." },
        }],
      })
    }</script></body></html>`;
  const out = await shopPage(html);
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes(description), out.content);
  // A product page's FAQ is not its description.
  assert.ok(!out.content.includes("keeps its shape"), out.content);
});

Deno.test("extractAuto() keeps the heading a product page shows over the description it declares", async () => {
  const description = "Lightweight training top made from recycled fibres that wick sweat " +
    "away and dry fast, cut slim with flat seams that never rub during a long session. " +
    "Its cut follows the body without clinging, and the fabric keeps its shape wash after wash.";
  // The page shows its product's name, a fit and a price: too little against what it
  // declares, which stands in for it, under the heading the page shows (the name it
  // declares as well, which its title words for search results).
  const html = `<!doctype html><html><head><title>Shop Arrival Tee - Black | Shop</title>` +
    `<meta property="og:title" content="Shop Arrival Tee - Black"></head>` +
    `<body><main><h1>Arrival Tee</h1><span>slim fit</span><div class="price">$22</div></main>` +
    `${declaredTee("Arrival Tee", description)}</body></html>`;
  const out = await shopPage(html);
  assert.equal(out.metadata.page_type, "product");
  const lines = out.content.split("\n").filter((l) => l.trim() !== "");
  assert.match(lines[0]!, /^#* ?Arrival Tee$/, out.content);
  assert.ok(lines[1]!.includes("Lightweight training top"), out.content);
  assert.ok(!out.content.includes("slim fit"), out.content);
});

Deno.test("extractAuto() shows a ticker's items once and keeps repeats in tables and code", async () => {
  const prose =
    "<p>Our studio designs packaging for small cosmetic brands, from the first sketch to the printed box, and we work with three local printers on every run.</p>"
      .repeat(3);
  const ticker = "<span>Book now <span>*</span></span>".repeat(12);
  const row = "<td>Yes</td>".repeat(7);
  const code = "<span>pass</span>".repeat(8);
  const html = `<html><body><main><h1>Packaging design</h1>${prose}
    <div class="marquee">${ticker}</div>
    <table><tr><th>Feature</th>${row}</tr></table>
    <pre><code>${code}</code></pre></main></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.equal(out.content.match(/Book now/g)?.length, 1, out.content);
  assert.equal(out.content.match(/Yes/g)?.length, 7, out.content);
  assert.equal(out.content.match(/pass/g)?.length, 8, out.content);
});

Deno.test("extractAuto() keeps a code block's highlighted comments", async () => {
  // Highlighters name their token kinds in `class`: "hljs-comment", "token comment".
  const prose =
    "<p>Version control keeps the history of a project, and these few commands cover most of what a newcomer needs on the first day.</p>"
      .repeat(3);
  const html = `<html><body><article><h1>Git in five minutes</h1>${prose}
    <pre><code class="language-bash"><span class="hljs-comment"># start a repository here</span>
git init
<span class="token comment"># stage every change</span>
git add -A</code></pre></article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("# start a repository here\ngit init"), out.content);
  assert.ok(out.content.includes("# stage every change"), out.content);
});

Deno.test("extractAuto() drops tooltip bubbles and keeps their triggers", async () => {
  const prose =
    "<p>Planting a hedge takes a season of care, and the first year decides how dense it grows along the fence.</p>"
      .repeat(3);
  const html = `<html><body><article><h1>Hedges</h1>${prose}
    <p>Water the <dfn aria-labelledby="t1">root ball</dfn><span class="Term_tooltip__x" id="t1"><strong>Root ball</strong> The mass of roots and soil a plant is sold with.</span>
    every week, and cut the <a class="glossary-tooltip" data-toggle="tooltip" title="Side shoots" href="/g/laterals">laterals</a> back in spring.</p>
    <div role="tooltip">Press and hold to see more</div></article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(!out.content.includes("mass of roots"), out.content);
  assert.ok(!out.content.includes("Press and hold"), out.content);
  assert.ok(out.content.includes("Water the root ball"), out.content);
  assert.ok(out.content.includes("cut the laterals back in spring"), out.content);
});

Deno.test("extractAuto() keeps a list in a table named after a script hook", async () => {
  // The table's class names the script that adds its tooltips ("js-dataTooltip"), and
  // the tooltips held its prose: once they went, the table is judged again, and a table
  // with 24 rows of titles, authors and ratings is not a copyright line.
  const books = Array.from({ length: 24 }, (_, i) => `Sea Novel Number ${i + 1}`);
  const rows = books.map((t, i) =>
    `<tr itemscope><td class="number">${
      i + 1
    }</td><td><a class="bookTitle" href="/book/${i}">${t}</a>
    <span class="by">by</span> <a class="authorName" href="/author/${i}">Marit Vos ${i}</a>
    <span class="minirating">4.${i % 10} avg rating, ${1000 + i * 37} ratings</span>
    <div class="tooltip" hidden><p>A long description of the novel that appears when the pointer rests on its title, told in several sentences of prose.</p></div></td></tr>`
  ).join("\n");
  const html = `<html><body><header><nav><a href="/">Home</a></nav></header>
    <div class="leftContainer"><h1>Best Sea Novels</h1>
    <table class="tableList js-dataTooltip">${rows}</table></div>
    <footer><p>Copyright 2025 Book Lists</p></footer></body></html>`;
  const url = "https://books.example/list/show/12.Best_Sea_Novels";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const t of [books[0]!, books[11]!, books[20]!]) {
    assert.ok(out.content.includes(t), `${t}:\n${out.content}`);
  }
});

Deno.test("extractAuto() drops a footer whose prose sat in its own chrome", async () => {
  // The footer holds more prose than a short page may lose at once, all of it in an
  // "about" column named as footer; once that column goes, the footer is judged again.
  // No <main>: the region is the whole body.
  const stories = [
    "New wiring rules for older homes",
    "When a breaker keeps tripping",
    "Surge protection after the storms",
    "Our apprentices pass their exams",
    "Ceiling fans that save on heating",
    "Free safety checks this winter",
  ].map((t, i) =>
    `<article class="story"><h2><a href="/news/${i}">${t}</a></h2><p>A short note from the team on what changed and what it means for your home.</p></article>`
  ).join("\n");
  const about =
    "<p>Harbour Electricians has wired homes and shops along the coast since 1998, with licensed electricians on call every day of the year and a workmanship guarantee on every job we finish.</p>";
  const html = `<html><body><header><nav><a href="/">Home</a></nav></header>
    <div class="page"><h1>News</h1>${stories}</div>
    <footer><div class="footer-about">${about}</div>
    <div class="bottom-line"><p>Copyright © 2025 Harbour Electricians LLC. All rights reserved.</p></div></footer>
    </body></html>`;
  const url = "https://electricians.example/news/";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.metadata.page_type, "listing");
  assert.ok(out.content.includes("New wiring rules for older homes"), out.content);
  assert.ok(out.content.includes("Free safety checks this winter"), out.content);
  assert.ok(!out.content.includes("since 1998"), out.content);
  assert.ok(!out.content.includes("All rights reserved"), out.content);
});

Deno.test("extractAuto() keeps an FAQ's questions written on its accordion buttons", async () => {
  const prose =
    "<p>Our bakery delivers fresh bread to offices across the city every weekday morning, packed in paper and still warm.</p>"
      .repeat(3);
  const html = `<html><body><main><h1>Office bread</h1>${prose}
    <button aria-expanded="false" aria-controls="menu">Menu</button>
    <h2>Questions</h2>
    <h3><button aria-expanded="false" aria-controls="a1">How early does the bread arrive?</button></h3>
    <div id="a1"><p>Before eight, so that the first meeting of the day has something to eat.</p></div>
    <h3><button aria-expanded="false" aria-controls="a2">Can we pause deliveries over the holidays?</button></h3>
    <div id="a2"><p>Yes, tell us a week ahead and we skip the days you name, at no cost.</p></div>
    <button type="submit">Order now</button></main></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("How early does the bread arrive?"), out.content);
  assert.ok(out.content.includes("Can we pause deliveries over the holidays?"), out.content);
  assert.ok(out.content.includes("Before eight"), out.content);
  assert.ok(!out.content.includes("Menu"), out.content);
  assert.ok(!out.content.includes("Order now"), out.content);
});

Deno.test("extractAuto() keeps an FAQ's questions on buttons a script toggles without ARIA", async () => {
  const prose =
    "<p>Nuestra panadería reparte pan recién hecho en las oficinas de la ciudad cada mañana laborable, envuelto en papel.</p>"
      .repeat(3);
  const answer = (text: string) =>
    `<div class="panel" style="height:0"><div class="prose">${text}</div></div>`;
  const html = `<html><body><main><h1>Pan para oficinas</h1>${prose}
    <h2>Preguntas frecuentes</h2>
    <div class="faq"><button class="toggle" onclick="t(0)"><span>¿A qué hora llega el pan cada mañana?</span></button>
    ${
    answer(
      "Antes de las ocho, para que la primera reunión del día tenga algo que comer, y siempre en cajas de cartón reciclado.",
    )
  }</div>
    <div class="faq"><button class="toggle" onclick="t(1)"><span>¿Podemos pausar los repartos en vacaciones?</span></button>
    ${
    answer(
      "Sí: avísenos con una semana de antelación y saltamos los días que nos indique, sin ningún coste para su empresa.",
    )
  }</div>
    <button class="cta" onclick="buy()">Pedir ahora mismo por teléfono</button>
    <a href="/contacto">Contacto</a></main></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("¿A qué hora llega el pan cada mañana?"), out.content);
  assert.ok(out.content.includes("¿Podemos pausar los repartos en vacaciones?"), out.content);
  assert.ok(out.content.includes("Antes de las ocho"), out.content);
  // A button with no panel after it is a control, however long its label.
  assert.ok(!out.content.includes("Pedir ahora mismo"), out.content);
});

Deno.test("extractAuto() keeps a table or a listing written as a figure", async () => {
  const prose =
    "<p>Each spring the club counts the birds that nest along the river, and this year's survey covered more ground than ever before.</p>"
      .repeat(3);
  const html = `<html><body><article><h1>River survey</h1>${prose}
    <figure class="wp-block-image"><img src="/heron.jpg"><figcaption>A heron at the weir, photographed by a member.</figcaption></figure>
    <figure class="wp-block-table"><table><thead><tr><th>Species</th><th>Nests</th></tr></thead>
    <tbody><tr><td>Grey heron</td><td>14</td></tr><tr><td>Kingfisher</td><td>6</td></tr></tbody></table></figure>
    <figure><pre><code>nests = count(river, "2025")</code></pre></figure>
    <p>The full counts go to the county records office in the autumn, as every year.</p></article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("Grey heron"), out.content);
  assert.ok(out.content.includes("Kingfisher"), out.content);
  assert.ok(out.content.includes('nests = count(river, "2025")'), out.content);
  assert.ok(!out.content.includes("photographed by a member"), out.content);
});

Deno.test("extractAuto() drops a menu built from named blocks and keeps a menu of dishes", async () => {
  const prose =
    "<p>Our kitchen cooks with what the valley grows, and the menu changes with the seasons and with what the farmers bring on Monday.</p>"
      .repeat(3);
  const links = ["Lunch", "Dinner", "Private events", "Gift cards", "Careers", "Press"]
    .map((t) => `<li><a href="/${t.toLowerCase().replace(/ /g, "-")}">${t} at the Mill</a></li>`)
    .join("");
  const html = `<html><body><main>
    <div class="side-menu"><ul>${links}</ul></div>
    <h1>The Mill Kitchen</h1>${prose}
    <div class="menu"><h2>Spring menu</h2>
      <p>Nettle soup with brown butter and rye crumbs, 9 euros</p>
      <p>Trout from the upper pond with new potatoes and dill, 21 euros</p></div>
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://mill.example/services/",
      finalUrl: "https://mill.example/services/",
    }),
    {},
  );
  assert.ok(!out.content.includes("Gift cards at the Mill"), out.content);
  assert.ok(out.content.includes("Trout from the upper pond"), out.content);
});

Deno.test("extractAuto() reads a page's fallback for readers without scripts, not a notice about them", async (t) => {
  await t.step("a one-block notice in <noscript> is not content", async () => {
    const html =
      `<html><head><title>Kontroll</title></head><body><main><h1>Vi kontrollerar att du inte är en robot</h1>
      <p>Den här sidan skyddas av ett program som låter din webbläsare lösa en liten uppgift innan du släpps in.</p>
      <p>Uppgiften tar bara några sekunder på en vanlig dator och behöver inte göras om förrän nästa vecka.</p>
      <noscript><p>Tyvärr måste du slå på JavaScript för att ta dig förbi den här kontrollen. Det behövs eftersom
      automatiska insamlare har ändrat villkoren för hur webbplatser kan drivas, och en lösning utan skript är ännu
      inte klar. Vi ber om ursäkt för besväret och hoppas kunna erbjuda en annan väg in senare.</p></noscript>
      </main></body></html>`;
    const out = await extractAuto(
      page(html, { url: "https://skog.example/", finalUrl: "https://skog.example/" }),
      {},
    );
    assert.ok(out.content.includes("Uppgiften tar bara några sekunder"), out.content);
    assert.ok(!out.content.includes("slå på JavaScript"), out.content);
  });
  await t.step("a fallback of several blocks in <noscript> is", async () => {
    const html = `<html><head><title>Båtklubben</title></head><body><div id="app"></div>
      <noscript><h1>Vinterförvaring av utombordare</h1>
      <p>Hur förbereder ni utombordaren för vintern? Jag har hört olika råd om bränslet och vill inte göra fel.</p>
      <p>Kör slut på bränslet i förgasaren, byt växellådsolja och spola kylsystemet med sötvatten innan förvaringen.</p>
      <p>Förvara motorn stående i ett torrt utrymme, och smörj tändstiftshålen med lite olja före våren.</p></noscript>
      </body></html>`;
    const out = await extractAuto(page(html), {});
    assert.ok(out.content.includes("Kör slut på bränslet i förgasaren"), out.content);
  });
});

Deno.test("extractAuto() reads once a block and its fallback for readers without scripts", async () => {
  // A bakery's shop (in Dutch): a shelf of guides its scripts render, then the same
  // shelf in <noscript>; the next shelf's fallback follows a block that says other things.
  const guide = (title: string, text: string): string =>
    `<div class="kaart"><h3>${title}</h3><p>${text}</p></div>`;
  const guides = guide("Welk brood past bij jou?", "Vergelijk onze broden op korst en kruim.") +
    guide("Bakken met zuurdesem", "Een gratis les in de winkel, elke zaterdag om tien uur.") +
    guide("Bewaren en invriezen", "Zo blijft een vers brood drie dagen lekker.");
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="product"><h3><a href="/p/brood-${i}">Desembrood nummer ${i}</a></h3>
      <span class="prijs">€ ${4 + i},50</span></li>`,
  ).join("");
  const html = `<html><head><title>Broden</title></head><body><main><h1>Alle broden</h1>
    <ul class="raster">${cards}</ul>
    <section><h2>Hulp bij het kiezen.</h2><div class="plank">${guides}</div>
    <noscript><h2>Hulp bij het kiezen.</h2>${guides}</noscript></section>
    <section><h2>Onze winkels.</h2><div class="plank"></div>
    <noscript><h2>Onze winkels.</h2><p>Amsterdam, aan de Prinsengracht: open van zeven tot zes.</p>
    <p>Utrecht, aan de Oudegracht: open van acht tot vijf, zondag gesloten.</p>
    <p>Haarlem, op de Grote Markt: open van zeven tot zes, ook op zondag tot vier uur.</p></noscript></section>
    </main></body></html>`;
  const url = "https://bakkerij.example/collections/broden";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Desembrood nummer 7"), out.content);
  assert.equal(out.content.split("Bakken met zuurdesem").length, 2, out.content);
  assert.equal(out.content.split("Hulp bij het kiezen").length, 2, out.content);
  // A fallback whose block before it shows nothing else is the text.
  assert.ok(out.content.includes("Utrecht, aan de Oudegracht"), out.content);
  assert.ok(!out.content.includes("data-riptide"), out.content);
});

Deno.test("extractAuto() leaves unread the fallback of a block the scripts render elsewhere", async () => {
  // A news site's front page (in Spanish): its stories, then in <noscript> a list of
  // trending stories that its scripts render in a drawer at the end of the body, with the
  // same links. A reader with scripts sees the drawer, never the fallback.
  const slugs = ["puerto-nuevo", "tren-costa", "mercado-central", "lluvias-abril"];
  const stories = slugs.map((slug, i) =>
    `<article><h2><a href="/noticias/${slug}-${i}">Noticia del día número ${i}</a></h2>
    <p>El ayuntamiento presentó ayer el plan ${i}, que se votará en el pleno del próximo mes.</p></article>`
  ).join("");
  const trending = slugs.slice(0, 3).map((slug) =>
    `<div class="tarjeta"><h4><a href="/tendencias/${slug}">Lo más leído: ${slug}</a></h4>
    <p>Un resumen de la noticia que más se lee hoy en la ciudad.</p><div>Por Redacción Central</div></div>`
  ).join("");
  const drawer = slugs.slice(0, 3).map((slug) =>
    `<div><a href="/tendencias/${slug}"><p>Lo más leído: ${slug}</p></a><span>1.200 lecturas</span></div>`
  ).join("");
  // A fallback whose pages no other block links to is the only copy of its list.
  const opinion = ["alcaldia", "puerto", "barrios"].map((slug) =>
    `<div class="tarjeta"><h4><a href="/opinion/${slug}">Columna sobre ${slug}</a></h4>
    <p>Una mirada a lo que cambia en la ciudad esta semana, escrita por nuestros columnistas.</p></div>`
  ).join("");
  const html = `<html><head><title>Portada</title></head><body><main><h1>Últimas noticias</h1>
    ${stories}<noscript><div><h3>Tendencias</h3><div class="rejilla">${trending}</div></div></noscript>
    <noscript><div><h3>Opinión</h3><div class="rejilla">${opinion}</div></div></noscript>
    </main><aside class="cajon"><h3><a href="/tendencias">Tendencias</a></h3>${drawer}</aside></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("Noticia del día número 3"), out.content);
  assert.ok(!out.content.includes("Por Redacción Central"), out.content);
  assert.ok(out.content.includes("Columna sobre barrios"), out.content);
});

Deno.test("extractAuto() leaves a form's fallback for readers without scripts unread", async () => {
  // A coffee roaster's shop (in Italian): some cards hold, in <noscript>, the picker of
  // their sizes (a label over a menu of each size with its price), the control that the
  // card's scripts draw for readers with them.
  const picker = (i: number): string =>
    `<noscript><div class="variante"><label for="v${i}">Formato della confezione</label>
    <select id="v${i}"><option>Macinato / 1 sacchetto da 250 grammi - 12,90 €</option>
    <option>Macinato / 2 sacchetti da 250 grammi - 24,90 €</option>
    <option>In grani / 1 sacchetto da 1 chilogrammo - 39,90 €</option>
    <option>In grani / 2 sacchetti da 1 chilogrammo - 74,90 €</option></select></div></noscript>`;
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="scheda"><h3><a href="/p/miscela-${i}">Miscela della casa ${i}</a></h3>
      <span class="scheda__prezzo">${12 + i},90 €</span>${i % 3 === 0 ? picker(i) : ""}</li>`,
  ).join("");
  const html = `<html><head><title>Caffè</title></head><body><main><h1>Caffè in grani e
    macinato</h1><ul class="griglia">${cards}</ul></main></body></html>`;
  const url = "https://torrefazione.example/collections/caffe";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Miscela della casa 7"), out.content);
  assert.ok(!out.content.includes("Formato della confezione"), out.content);
});

Deno.test("extractAuto() drops the author box whose bio the page declares", async () => {
  const ld = {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: "Growing tomatoes on a balcony",
    author: {
      "@type": "Person",
      name: "Ada Greenhill",
      description:
        "<p>Ada Greenhill writes about gardens and the science of growing things in small spaces.</p>",
    },
  };
  const prose =
    "<p>A balcony that gets six hours of sun can feed a household with tomatoes from July to October, if the pots are deep enough.</p>"
      .repeat(3);
  // The author box has no class word: only the declared bio tells it from the article.
  const html = `<html><head><script type="application/ld+json">${
    JSON.stringify(ld)
  }</script></head><body><article><h1>Growing tomatoes on a balcony</h1>${prose}
    <p>Water in the morning, and feed every second week once the first fruits set.</p>
    <div class="x1"><img src="/ada.jpg"><div class="x2"><a href="/people/ada">Ada Greenhill</a>
    <p>Ada Greenhill writes about gardens and the science of growing things in small spaces.</p></div></div>
    </article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("feed every second week"), out.content);
  assert.ok(!out.content.includes("science of growing things"), out.content);
});

Deno.test("extractAuto() drops links that jump back up the page, alone in their blocks", async () => {
  // A listing in sections, each closed by a link back to the list of sections.
  const sections = ["Estuaries", "Salt marshes", "Dunes", "Cliffs"].map((name, i) =>
    `<h2 id="s${i}">${name} <a href="#s${i}">#</a></h2>
    <p>The ${name.toLowerCase()} of the coast shelter birds and plants found nowhere else, and the survey counted them on foot over three summers.</p>
    <p>As the section on <a href="#s0">estuaries</a> above explains, counts were taken at low tide.</p>
    <p class="back"><a href="#sections">Retour aux milieux</a></p>
    <div><a href="#top">↑</a></div>`
  ).join("");
  const html = `<html><body><main><h1 id="sections">Coastal habitats</h1>
    <p>See <a href="#s3">cliffs</a> for the seabird colonies, counted separately.</p>${sections}
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://coast.example/events",
      finalUrl: "https://coast.example/events",
    }),
    {},
  );
  assert.equal(out.metadata.page_type, "listing");
  assert.ok(!out.content.includes("Retour aux milieux"), out.content);
  assert.ok(!out.content.includes("↑"), out.content);
  // Links inside text, forward or back, are the text's.
  assert.ok(out.content.includes("See cliffs for the seabird colonies"), out.content);
  assert.ok(out.content.includes("As the section on estuaries above explains"), out.content);
  assert.ok(out.content.includes("Salt marshes"), out.content);
});

Deno.test("extractAuto() keeps a list of recommendations written around their links", async () => {
  const prose =
    "<p>Hotel groups differ less in their rooms than in how they treat a guest who arrives late, tired and with a child asleep on one arm.</p>"
      .repeat(3);
  // Mostly links (link density over 0.5), with a sentence of their own around them.
  const picks = ([
    ["Harbour House Riverside Hotel, Lisbon", "rooftop pools in Europe", "hotels in Portugal"],
    ["Pine Lodge by the Fjord, Oslo", "breakfasts in Scandinavia", "hotels in Norway"],
    ["Dune Camp Desert Retreat, Agadir", "beach camps in Africa", "hotels in Morocco"],
  ] as const).map(([name, a, b]) =>
    `<li>Flagship hotel: <a href="/h/${name.length}">${name}</a>. It also features in my lists of ` +
    `<a href="/l/${a.length}">the best ${a}</a> and <a href="/l/${b.length}">the best ${b}</a>.</li>`
  ).join("");
  const related = ["Ten quiet spa hotels", "Where to stay in Porto", "Our best city breaks"]
    .map((t) => `<li><a href="/s/${t.length}">${t}</a></li>`).join("");
  const html = `<html><body><article><h1>Hotel groups</h1>${prose}
    <h2>Our picks</h2><ul>${picks}</ul>
    <p>Prices were checked in the spring and change with the season, so check before you book.</p>
    <ul>${related}</ul></article></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(
    out.content.includes("Flagship hotel: Harbour House Riverside Hotel, Lisbon."),
    out.content,
  );
  assert.ok(out.content.includes("the best beach camps in Africa"), out.content);
  assert.ok(!out.content.includes("Where to stay in Porto"), out.content);
});

/** A service page's section: a heading over a paragraph. */
function section(heading: string, text: string): string {
  return `<section><h2>${heading}</h2><p>${text}</p></section>`;
}

Deno.test("extractAuto() keeps a landing page's hero header inside <main>", async () => {
  const html = `<html><body>
    <header><a href="/">Brightside</a><p>Call us on weekdays from nine to five for a quote.</p></header>
    <main><header class="hero"><h1>Window cleaning for offices</h1>
    <p>We clean the glass of offices and shops across the city, inside and out, before your staff arrive.</p></header>
    ${
    section(
      "Regular rounds",
      "Weekly, fortnightly or monthly visits, at a fixed price agreed for the year ahead.",
    )
  }
    ${
    section(
      "High windows",
      "Our teams work from water-fed poles up to four floors, and from lifts above that.",
    )
  }
    ${
    section(
      "Insurance",
      "Every visit is covered by our liability insurance, and our staff are trained each spring.",
    )
  }
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://brightside.example/services/",
      finalUrl: "https://brightside.example/services/",
    }),
    {},
  );
  assert.ok(out.content.includes("We clean the glass of offices"), out.content);
  assert.ok(out.content.includes("water-fed poles"), out.content);
  assert.ok(!out.content.includes("Call us on weekdays"), out.content);
});

Deno.test("extractAuto() keeps a service's title and the tagline under it", async () => {
  // The hero sits in a theme's "banner" and its <h1> repeats the page's title: both went.
  const html = `<html lang="es"><head><title>Alquiler de equipos de gimnasio</title></head><body>
    <header><a href="/">Gimnasia Sur</a><nav><a href="/tienda">Tienda</a> <a href="/contacto">Contacto</a></nav></header>
    <main><section class="banner has-hover"><div class="text-inner">
    <h1>Alquiler de equipos de gimnasio</h1><h2>Máquinas profesionales para rodajes y eventos</h2>
    <a class="button" href="#form">Pida precio</a></div></section>
    ${
    section(
      "Alquileres por día, semana o mes",
      "Montamos cintas, bicicletas y máquinas de fuerza para un rodaje de un día o una feria de un mes entero.",
    )
  }
    ${
    section(
      "Entrega e instalación",
      "Nuestro equipo lleva las máquinas, las instala y comprueba cada una antes de irse del lugar.",
    )
  }
    ${
    section(
      "Marcas de calidad",
      "Trabajamos solo con máquinas comerciales revisadas con piezas nuevas en nuestro taller.",
    )
  }
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://gimnasiasur.example/services/alquiler/",
      finalUrl: "https://gimnasiasur.example/services/alquiler/",
    }),
    {},
  );
  assert.equal(out.metadata.page_type, "service");
  assert.ok(out.content.includes("Alquiler de equipos de gimnasio"), out.content);
  assert.ok(out.content.includes("Máquinas profesionales para rodajes y eventos"), out.content);
  assert.ok(out.content.includes("comprueba cada una"), out.content);
  assert.ok(!out.content.includes("Tienda"), out.content);
});

Deno.test("extractAuto() reads a hero's tagline set in a box of its own after the <h1>'s box", async () => {
  // A page builder wraps each line of its hero ("banner") in boxes and sets a picture
  // between them: the tagline is no sibling of the <h1>.
  const html = `<html lang="pt"><head><title>Consultoria de dados</title></head><body>
    <header><a href="/">Dados Claros</a><nav><a href="/blog">Blog</a> <a href="/contato">Contato</a></nav></header>
    <main><div class="hero-banner"><div class="hero__title"><div class="msg"><h1>Consultoria de dados</h1></div></div>
    <img src="/hero.png" alt="">
    <div class="hero__subtext"><p>Transforme os seus dados em decisões melhores</p></div>
    <a class="button" href="#contato">Fale connosco</a></div>
    ${
    section(
      "Estratégia e governança",
      "Definimos com a sua equipa quem cuida de cada dado, como se guarda e quem o pode consultar.",
    )
  }
    ${
    section(
      "Painéis e relatórios",
      "Construímos painéis que mostram os números do negócio todas as manhãs, sem folhas de cálculo.",
    )
  }
    ${
    section(
      "Migração para a nuvem",
      "Levamos os seus dados para a nuvem sem parar as operações e com cópias verificadas a cada passo.",
    )
  }
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://dadosclaros.example/servicos/consultoria/",
      finalUrl: "https://dadosclaros.example/servicos/consultoria/",
    }),
    {},
  );
  assert.equal(out.metadata.page_type, "service");
  assert.ok(out.content.includes("Transforme os seus dados em decisões melhores"), out.content);
  assert.ok(out.content.includes("sem folhas de cálculo"), out.content);
  assert.ok(!out.content.includes("Contato"), out.content);
});

Deno.test("extractAuto() drops the call to action each card of a service page repeats", async () => {
  const card = (slug: string, h: string, p: string): string =>
    `<div class="servizio"><h3>${h}</h3><p>${p}</p>` +
    `<div class="bottone"><a href="/servizi/${slug}">Scopri di più</a></div></div>`;
  const html = `<html lang="it"><head><title>Consulenza sui dati</title></head><body>
    <header><a href="/">Studio Dati</a><nav><a href="/chi-siamo">Chi siamo</a></nav></header>
    <main><h1>Consulenza sui dati</h1>
    <p>Aiutiamo le aziende a mettere ordine nei loro dati e a prendere decisioni con cifre affidabili.</p>
    ${
    card(
      "strategia",
      "Strategia del dato",
      "Definiamo le regole, i ruoli e gli strumenti per governare i dati.",
    )
  }
    ${
    card(
      "analisi",
      "Analisi avanzata",
      "Costruiamo modelli che prevedono vendite, scorte e domanda dei clienti.",
    )
  }
    ${
    card(
      "cruscotti",
      "Cruscotti e report",
      "Disegniamo i cruscotti che ogni reparto consulta ogni mattina.",
    )
  }
    <div class="contatto"><a href="/contatti">Scrivici</a></div>
    <p>Lavoriamo con aziende di ogni dimensione, dalle botteghe di quartiere ai gruppi industriali.</p>
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://studiodati.example/servizi/consulenza/",
      finalUrl: "https://studiodati.example/servizi/consulenza/",
    }),
    {},
  );
  assert.equal(out.metadata.page_type, "service");
  assert.ok(!out.content.includes("Scopri di più"), out.content);
  assert.ok(out.content.includes("Costruiamo modelli"), out.content);
  assert.ok(out.content.includes("Cruscotti e report"), out.content);
  // A link the page shows once stays.
  assert.ok(out.content.includes("Scrivici"), out.content);
});

Deno.test("extractAuto() keeps each item's author in a list of items, not an author's box", async () => {
  const books = [
    ["The Sea Around Us", "Rachel Carson"],
    ["Moby-Dick", "Herman Melville"],
    ["The Old Man and the Sea", "Ernest Hemingway"],
    ["Twenty Thousand Leagues Under the Seas", "Jules Verne"],
    ["The Outermost House", "Henry Beston"],
  ];
  const rows = books.map(([title, author], i) =>
    `<tr><td>${i + 1}</td><td><a href="/book/${i}">${title}</a> by
    <div class="authorName__container"><a class="authorName" href="/author/${i}">${author}</a></div>
    <span>4.${i} avg rating, ${i + 2} 000 ratings</span></td></tr>`
  ).join("");
  const html = `<html><body><main><h1>Best books about the sea</h1>
    <p>Readers voted for the books about the sea they love most; the list is re-scored every hour.</p>
    <table class="tableList">${rows}</table>
    <div class="author-box"><a href="/users/gull">Gull</a> made this list. Gull reads about boats,
    tides and lighthouses, and has kept lists of sea books since the forum opened in 2009.</div>
    </main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://books.example/archives",
      finalUrl: "https://books.example/archives",
    }),
    {},
  );
  for (const [title, author] of books) {
    assert.ok(out.content.includes(title!), out.content);
    assert.ok(out.content.includes(author!), out.content);
  }
  assert.ok(!out.content.includes("has kept lists of sea books"), out.content);
});

Deno.test("extractAuto() drops a list of notes whose items link back to their calls", async () => {
  const rows = ["Lisbon", "Porto", "Faro", "Sines", "Aveiro", "Viana"].map((port, i) =>
    `<tr><td>${port}</td><td>${1900 + i}<sup id="call-${i}"><a href="#note-${i}">[${
      i + 1
    }]</a></sup></td></tr>`
  ).join("");
  const notes = [0, 1, 2, 3, 4, 5].map((i) =>
    `<li id="note-${i}"><a href="#call-${i}">↑</a> Harbour register, volume ${i + 3}, page ${
      i * 7 + 11
    }.</li>`
  ).join("");
  const html = `<html><body><main><h1>Tide gauges of the coast</h1>
    <p>The first gauges of each port and the year each began to record, from the harbour registers.</p>
    <table>${rows}</table><h2>Notes</h2><ol class="notes">${notes}</ol></main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://ports.example/archives",
      finalUrl: "https://ports.example/archives",
    }),
    {},
  );
  assert.ok(out.content.includes("Sines"), out.content);
  assert.ok(out.content.includes("Viana"), out.content);
  assert.ok(!out.content.includes("Harbour register, volume"), out.content);
});

Deno.test("extractAuto() keeps the writer's notes that each close with a return arrow", async () => {
  const para = (text: string, i: number): string =>
    `<p>${text}<sup id="fnref:${i}"><a href="#fn:${i}">${i}</a></sup> ` +
    "The server keeps one log of every key it hands out, and anyone can read it back. ".repeat(2) +
    "</p>";
  const notes = [
    "The tool is not meant to encrypt messages to strangers, nor does it keep long-term keys. " +
    "Keys are short strings that can be exchanged through any channel that is safe enough.",
    "I like to use the database's built-in JSON support as a simple document store, to avoid " +
    "tedious table migrations each time a column is added to the records.",
    "One thing is special, but it has nothing to do with the log: sign-in links by email, " +
    "which authenticate the original session rather than whatever browser opens them.",
  ].map((n, i) =>
    `<li id="fn:${i + 1}"><p>${n}&#160;<a href="#fnref:${i + 1}">&#8617;</a></p></li>`
  )
    .join("");
  const html = `<html><body><main><article><h1>A keyserver with a log</h1>
    ${para("We start from a plain keyserver", 1)}${para("Entries are stored as JSON", 2)}
    ${para("Users sign in as they always did", 3)}
    <div class="footnote"><hr><ol>${notes}</ol></div></article></main></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://words.example/keyserver",
      finalUrl: "https://words.example/keyserver",
    }),
    {},
  );
  assert.ok(out.content.includes("not meant to encrypt messages to strangers"), out.content);
  assert.ok(out.content.includes("sign-in links by email"), out.content);
});

Deno.test("extractAuto() leaves out a declared description on a page that shows as much text", async () => {
  const declared = "Der Standmixer zerkleinert Eis, Nüsse und gefrorenes Obst in Sekunden, " +
    "mit sechs Programmen, einem Krug aus bruchfestem Kunststoff und Klingen aus Edelstahl, " +
    "die sich für die Reinigung ganz einfach herausnehmen lassen.";
  const shown = "Ein kräftiger Mixer für die Küche mit zwei Litern Inhalt und leisem Motor. " +
    "Er bereitet Suppen, Saucen und Smoothies für die ganze Familie zu und passt unter jeden " +
    "Hängeschrank. Der Deckel schließt dicht, der Fuß steht sicher auf der Arbeitsplatte, " +
    "und das Kabel lässt sich im Sockel aufwickeln.";
  const html = `<!doctype html><html><head><title>Mixer M2</title></head><body>` +
    `<main><h1>Mixer M2</h1><div class="price">129 €</div><p>${shown}</p></main>` +
    `<script type="application/ld+json">${
      JSON.stringify({
        "@context": "https://schema.org",
        "@type": "Product",
        name: "Mixer M2",
        description: declared,
      })
    }</script></body></html>`;
  const out = await extractAuto(
    page(html, {
      url: "https://laden.example/produkte/mixer-m2",
      finalUrl: "https://laden.example/produkte/mixer-m2",
    }),
    {},
  );
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes("Kabel lässt sich"), out.content);
  // The page shows more words (about 50) than it declares (33): what it shows is its text.
  assert.ok(!out.content.includes("zerkleinert Eis"), out.content);
});

Deno.test("auto keeps an article's section headings whose names say header", async () => {
  // A blogging platform names each section title of a post "header-anchor-post";
  // Readability drops whatever "header" names, headings too.
  const h = (t: string): string => `<h2 class="header-anchor-post">${t}</h2>`;
  const p = (t: string): string => `<p>${t}</p>`;
  const html = '<html lang="it"><head><title>Come fare il pane in casa</title>' +
    '<meta property="og:type" content="article"></head><body><div class="site">' +
    '<div class="nav"><a href="/">Home</a> <a href="/archivio">Archivio</a></div>' +
    '<main><article class="post"><h1>Come fare il pane in casa</h1>' +
    '<p class="data"><time datetime="2025-07-18">18 luglio 2025</time></p>' +
    '<div class="body markup">' +
    p(
      "Il pane fatto in casa richiede pazienza, farina buona e un forno ben caldo; ogni " +
        "passaggio conta, e la lievitazione lenta regala profumo e sapore che durano per " +
        "giorni interi.",
    ) +
    h("Scegliere la farina giusta") +
    p(
      "Una farina di tipo uno, macinata a pietra, assorbe più acqua e dà una mollica " +
        "morbida, mentre la semola rimacinata rende la crosta croccante e dorata.",
    ) +
    p(
      "Chi inizia può mescolare le due farine in parti uguali, così da imparare a " +
        "riconoscere come cambia l'impasto sotto le mani, giorno dopo giorno.",
    ) +
    h("Impastare con calma") +
    p(
      "L'impasto va lavorato per almeno dieci minuti, finché diventa liscio ed elastico; " +
        "poi riposa coperto, lontano dalle correnti d'aria, per qualche ora.",
    ) +
    p(
      "Durante il riposo conviene fare due o tre pieghe, che rinforzano la maglia " +
        "glutinica senza stancare l'impasto né chi lo prepara in cucina.",
    ) +
    h("La cottura nel forno") +
    p(
      "Il forno deve essere caldissimo, con una ciotola d'acqua sul fondo per il vapore; " +
        "dopo venti minuti si abbassa la temperatura e si lascia asciugare la crosta.",
    ) +
    p(
      "Il pane è pronto quando, battuto sul fondo, suona vuoto: va lasciato raffreddare " +
        "su una griglia prima di tagliarlo, anche se il profumo invita ad assaggiarlo subito.",
    ) +
    "</div></article></main></div></body></html>";
  const url = "https://www.cucina-quotidiana.example/ricette/2025/07/18/pane-in-casa";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.metadata.page_type, "article");
  for (
    const title of ["Scegliere la farina giusta", "Impastare con calma", "La cottura nel forno"]
  ) {
    assert.ok(out.content.includes(title), `keeps ${title}`);
  }
});

Deno.test("auto keeps a heading whose words sit in a <div> inside it", async () => {
  // GitBook boxes each heading's words in a <div> beside its anchor's: Readability drops a
  // box that holds no text-holding blocks, and the heading lost its words.
  const h = (id: string, t: string): string =>
    `<h2 id="${id}" class="text-2xl font-semibold flex group/hash"><div class="relative grid">` +
    `<a href="#${id}" aria-label="Direkter Link zur Überschrift"><svg></svg></a></div>` +
    `<div class="grid-area-1-1 text-left">${t}</div></h2>`;
  const p = (t: string): string => `<p class="w-full max-w-3xl">${t}</p>`;
  const html = "<html><head><title>Rechnungen herunterladen</title></head><body>" +
    '<header><a href="/">Kassenbuch Hilfe</a></header><main><h1>Rechnungen herunterladen</h1>' +
    '<div class="grid max-w-3xl">' +
    p(
      "Für jede Zahlung erstellt das Programm automatisch eine Rechnung, die den Anforderungen " +
        "an eine ordnungsgemäße Buchführung entspricht und zehn Jahre gespeichert bleibt.",
    ) +
    h("finden", "Rechnungen im Konto finden") +
    p(
      "Klicken Sie oben rechts auf Ihr Profilbild, wählen Sie Einstellungen und öffnen Sie " +
        "den Reiter Abrechnung, in dem alle Rechnungen nach Datum sortiert stehen.",
    ) +
    h("adresse", "Rechnungsadresse ändern") +
    p(
      "Eine geänderte Adresse gilt nur für künftige Rechnungen; bereits ausgestellte " +
        "Rechnungen dürfen aus steuerlichen Gründen nicht nachträglich geändert werden.",
    ) +
    "</div></main></body></html>";
  const url = "https://hilfe.kassenbuch.example/konto/rechnungen";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const title of ["Rechnungen im Konto finden", "Rechnungsadresse ändern"]) {
    assert.ok(out.content.includes(title), `keeps ${title}: ${out.content}`);
  }
});

Deno.test("auto keeps an article's section headings named for where they scroll to", async () => {
  // Utility styles and documentation generators name each anchored section title for
  // where it stops when a link scrolls to it ("scroll-mt-20"); Readability weighs
  // "scroll" against an element and drops such <h2>s.
  const h = (t: string): string => `<h2 class="scroll-mt-20 font-bold">${t}</h2>`;
  const p = (t: string): string => `<p>${t}</p>`;
  const html = '<html lang="nl"><head><title>Een moestuin aanleggen</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/tips">Tips</a></div>' +
    "<main><article><h1>Een moestuin aanleggen</h1>" +
    '<p><time datetime="2025-04-02">2 april 2025</time></p>' +
    p(
      "Een moestuin vraagt weinig ruimte maar wel een goed plan: wie vooraf nadenkt over " +
        "zon, water en grond, oogst de hele zomer zonder veel moeite.",
    ) +
    h("De juiste plek kiezen") +
    p(
      "Groenten willen minstens zes uur zon per dag; een plek beschut tegen de wind en " +
        "dicht bij een kraan bespaart later veel gesjouw met gieters.",
    ) +
    p(
      "Kijk ook naar de grond: zware klei houdt water vast, zand laat het weglopen, en " +
        "compost helpt in beide gevallen om de bodem luchtig te maken.",
    ) +
    h("Bedden uitzetten") +
    p(
      "Bedden van een meter breed laten zich van twee kanten bewerken zonder dat je op de " +
        "grond hoeft te staan, zodat de bodem los en levend blijft.",
    ) +
    p(
      "Leg tussen de bedden smalle paden van houtsnippers aan; die houden onkruid tegen en " +
        "blijven ook na een regenbui goed begaanbaar.",
    ) +
    h("Wat eerst zaaien") +
    p(
      "Radijs, sla en spinazie groeien snel en verdragen een koude nacht; tomaten en " +
        "courgettes gaan pas na half mei naar buiten, als de vorst voorbij is.",
    ) +
    "</article></main></body></html>";
  const url = "https://tuin.example/x/q1";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.metadata.page_type, "article");
  for (const title of ["De juiste plek kiezen", "Bedden uitzetten", "Wat eerst zaaien"]) {
    assert.ok(out.content.includes(title), `keeps ${title}`);
  }
});

Deno.test("auto reads a page that uses the attribute its heading shield uses", async () => {
  // A page's own data-riptide-heading-names (not JSON) must neither stop the extraction nor
  // be taken for names the shield hid.
  const html = '<html lang="es"><head><title>Notas de campo</title></head><body><main>' +
    '<article><h1>Notas de campo</h1><h2 class="header-anchor" ' +
    'data-riptide-heading-names="[1,2]">Primera salida</h2>' +
    "<p>Salimos temprano hacia la sierra, con el cielo despejado y el viento en calma; " +
    "a media mañana encontramos el primer nido, escondido entre las rocas del barranco.</p>" +
    '<h3 data-riptide-heading-names="[no es json">Segunda salida</h3>' +
    "<p>La segunda jornada fue más corta: la lluvia llegó pronto y volvimos al refugio " +
    "con las libretas mojadas y solo tres observaciones anotadas en el cuaderno.</p>" +
    "</article></main></body></html>";
  const url = "https://campo.example/notas/2025/05/salidas";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Salimos temprano"), out.content);
  assert.ok(out.content.includes("La segunda jornada"), out.content);
});

Deno.test("extractAuto() keeps the FAQ an article declares and shows after its body", async () => {
  // The FAQ sits beside the article's block, not in it; the page declares its questions
  // in JSON-LD (FAQPage). The article's own paragraphs hold none of them.
  const paragraphs = [
    "Il lievito madre nasce da farina e acqua lasciate fermentare per alcuni giorni in un barattolo di vetro, al caldo della cucina.",
    "Ogni giorno si toglie metà dell'impasto e si aggiungono farina e acqua fresche: i lieviti e i batteri lattici si moltiplicano e l'impasto raddoppia in poche ore.",
    "Dopo una settimana il lievito è pronto quando raddoppia in quattro ore e profuma di yogurt e di mela, senza odore di acetone.",
    "Per il pane si usa il lievito al suo massimo, quando la superficie è bombata e piena di bolle: un cucchiaino galleggia nell'acqua.",
    "L'impasto del pane riposa poi una notte in frigorifero, dove la fermentazione lenta sviluppa sapore e una crosta più scura.",
    "In forno il pane cuoce coperto per i primi venti minuti, così il vapore lascia crescere la pagnotta prima che la crosta si formi.",
    "Il pane si taglia solo quando è freddo: la mollica finisce di cuocere mentre il vapore esce, e tagliata calda resta gommosa.",
  ];
  const faq = [
    ["Quanto dura il lievito madre in frigorifero?", "Una settimana senza rinfresco."],
    ["Si può usare farina integrale?", "Sì, fermenta anche più in fretta."],
  ];
  const ld = {
    "@context": "https://schema.org",
    "@type": "FAQPage",
    mainEntity: faq.map(([q, a]) => ({
      "@type": "Question",
      name: q,
      acceptedAnswer: { "@type": "Answer", text: a },
    })),
  };
  const html = `<html><head><title>Il lievito madre</title>
    <script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>
    <main><div class="contenuto"><article class="post"><h1>Il lievito madre</h1>
    ${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>
    <div class="domande"><h2>Domande frequenti</h2><div class="fisarmonica">${
    faq.map(([q, a]) =>
      `<div class="voce"><div role="button"><h3>${q}</h3></div><div class="risposta">${a}</div></div>`
    ).join("")
  }</div></div></div></main></body></html>`;
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes(paragraphs[6]!), out.content);
  assert.ok(out.content.includes("Quanto dura il lievito madre in frigorifero?"), out.content);
  assert.ok(out.content.includes("Sì, fermenta anche più in fretta."), out.content);
  assert.ok(
    out.content.indexOf(paragraphs[6]!) < out.content.indexOf("Si può usare farina integrale?"),
  );
});

Deno.test("auto keeps an article's introduction in a block named a header", async () => {
  // A magazine's list article opens with its introduction in a block named
  // "listicle-header"; Readability drops whatever "header" names.
  const p = (t: string): string => `<p>${t}</p>`;
  const item = (n: number, name: string, text: string): string =>
    `<div class="slide"><h2>${n}. ${name}</h2>${p(text)}</div>`;
  const html = '<html lang="es"><head><title>Cinco servicios de diseño en línea</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Inicio</a> <a href="/casa">Casa</a></div>' +
    "<main><h1>Cinco servicios de diseño en línea</h1>" +
    '<div class="listicle-body"><section class="listicle-header"><div class="intro">' +
    p(
      "Renovar la casa empieza con una pregunta sencilla: por dónde empezar, entre cientos " +
        "de muestras de pintura, muebles sin fin y estilos que cambian cada temporada.",
    ) +
    p(
      "En los últimos años han llegado servicios de decoración en línea que ofrecen la " +
        "mirada de un profesional a un precio razonable, sin salir del salón de casa.",
    ) +
    "</div></section>" +
    item(
      1,
      "Estudio Norte",
      "Empieza con un cuestionario de estilo y deja elegir al diseñador después de ver sus " +
        "trabajos; el paquete completo incluye planos y una lista de compras.",
    ) +
    item(
      2,
      "Casa Clara",
      "Ofrece una videollamada de una hora con una decoradora, que revisa el espacio y " +
        "propone cambios de color, luz y distribución para cada habitación.",
    ) +
    item(
      3,
      "Taller Sur",
      "Entrega tres propuestas en renderizado, acepta revisiones hasta dar con la buena y " +
        "envía al final una lista de muebles de tiendas conocidas.",
    ) +
    item(
      4,
      "Hogar Vivo",
      "Trabaja con fotos y medidas del cuarto, devuelve un plano en tres dimensiones y " +
        "mantiene abierto un chat con la diseñadora durante un mes entero.",
    ) +
    item(
      5,
      "Espacio Uno",
      "Cobra una tarifa fija por habitación, propone dos estilos para elegir y añade una " +
        "guía de montaje para quien prefiere colgar los cuadros por su cuenta.",
    ) +
    "</div></main></body></html>";
  const url = "https://www.revista-casa.example/diseno/servicios-en-linea";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("por dónde empezar"), out.content);
  assert.ok(out.content.includes("servicios de decoración en línea"), out.content);
  assert.ok(out.content.includes("Taller Sur"), out.content);
});

Deno.test("auto keeps a section's heading in a block named a header over its prose", async () => {
  // A health agency's page builder wraps each section's title in `div.section__header`;
  // Readability drops whatever "header" names. An accordion's header, and the site's
  // header of links, stay out.
  const p = (t: string): string => `<p>${t}</p>`;
  const section = (title: string, text: string): string =>
    `<div class="dfe-section"><div class="dfe-section__header"><h2>${title}</h2></div>` +
    `<div class="dfe-section__content">${p(text)}</div></div>`;
  const html = '<html lang="pt"><head><title>Dicas de alimentação</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="site-header"><h2>Saúde Pública</h2><a href="/">Início</a> ' +
    '<a href="/temas">Temas</a></div><main><h1>Dicas de alimentação</h1>' +
    section(
      "Em resumo",
      "A maioria das pessoas precisa de mais fibras, cálcio e potássio; esta página reúne " +
        "dicas rápidas para escolher melhor o que se come em casa e fora dela.",
    ) +
    section(
      "Frutas e legumes",
      "Metade do prato com frutas e legumes de cores variadas garante vitaminas e fibras, e " +
        "os congelados sem sal nem açúcar valem tanto quanto os frescos.",
    ) +
    p(
      "Trocar o refrigerante por água com rodelas de limão corta boa parte do açúcar do dia, " +
        "e o hábito se firma em poucas semanas.",
    ) +
    '<div class="card"><div class="card-header" id="h1"><h3>Posso comer pão?</h3></div>' +
    '<div class="collapse" aria-labelledby="h1"><p>Sim, de preferência integral, que tem ' +
    "mais fibras e sacia por mais tempo do que o pão branco comum.</p></div></div>" +
    "</main></body></html>";
  const url = "https://www.saude.example/alimentacao/dicas";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Em resumo"), out.content);
  assert.ok(out.content.indexOf("Em resumo") < out.content.indexOf("A maioria das pessoas"));
  assert.ok(out.content.includes("Frutas e legumes"), out.content);
  assert.ok(!out.content.includes("Saúde Pública"), out.content);
  assert.ok(!out.content.includes("Posso comer pão?"), out.content);
});

Deno.test("auto keeps a summary box set between the headline's block and the body", async () => {
  // A guide titles itself in a head block, with its deadline in a box of that block, sums
  // itself up in a box of its own, and writes its body in another block; Readability keeps
  // the body. Both boxes go before it; the standfirst beside the <h1> and a side column of
  // links before the body stay out.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "Die Abgabefrist für die Steuererklärung endet für die meisten Haushalte am 31. Juli, " +
    "wer einen Steuerberater beauftragt, hat bis zum Ende des Februars im Folgejahr Zeit.",
    "Wer die Frist versäumt, muss mit einem Verspätungszuschlag rechnen, der sich nach der " +
    "Höhe der festgesetzten Steuer und der Dauer der Verspätung in Monaten richtet.",
    "Belege wie Spendenquittungen, Rechnungen für Handwerker und Nachweise über Fahrtkosten " +
    "sollten bis zur Abgabe gesammelt und nach Jahren geordnet aufbewahrt werden.",
    "Das Finanzamt prüft die Angaben nach Eingang und schickt einen Bescheid, gegen den " +
    "innerhalb eines Monats Einspruch eingelegt werden kann, wenn etwas nicht stimmt.",
    "Eine Erstattung wird meist wenige Wochen nach dem Bescheid auf das angegebene Konto " +
    "überwiesen, Nachzahlungen sind dagegen innerhalb eines Monats fällig.",
    "Wer im Laufe des Jahres umzieht, gibt die Erklärung beim Finanzamt des neuen Wohnorts " +
    "ab, das die Unterlagen beim bisherigen Amt anfordert, sobald sie eingegangen ist.",
    "Ehepaare und eingetragene Lebenspartner können zwischen der Einzelveranlagung und der " +
    "Zusammenveranlagung wählen, die sich bei unterschiedlich hohen Einkommen oft lohnt.",
    "Rentner, deren Einkünfte den Grundfreibetrag übersteigen, sind ebenfalls zur Abgabe " +
    "verpflichtet, auch wenn von der Rente bereits Beiträge abgezogen wurden.",
  ];
  const links = ["Rente", "Kindergeld", "Elterngeld", "Wohngeld", "Pflege", "Erbschaft"]
    .map((w) => `<li><a href="/${w.toLowerCase()}">Ratgeber ${w}</a></li>`).join("");
  const html = '<html lang="de"><head><title>Steuererklärung 2025: der Leitfaden</title>' +
    "</head><body><main>" +
    '<div class="oben"><div class="kopf"><h1>Steuererklärung 2025: der Leitfaden</h1>' +
    p("Alles, was Sie zur Abgabe wissen müssen, in einem Überblick zusammengefasst.") +
    '<div class="frist">' +
    p("Die Frist für 2025 endet am 31. Juli 2026, mit Steuerberater am 1. März 2027.") +
    "</div></div></div>" +
    '<div class="hinweis"><div class="kasten">' +
    p(
      "Mit dem kostenlosen Online-Portal der Finanzverwaltung lässt sich die Erklärung " +
        "ohne Software einreichen. Es steht allen Steuerpflichtigen offen.",
    ) +
    "</div></div>" +
    '<div class="spalte">' +
    p("Weitere Ratgeber zu Rente, Familie und Pflege finden Sie in unserer Übersicht.") +
    `<ul>${links}</ul></div>` +
    `<div class="block"><div class="gruppe"><div class="text">${body.map(p).join("")}</div>` +
    "</div></div>" +
    "</main></body></html>";
  const url = "https://www.verbraucher.example/ratgeber/steuererklaerung";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  const at = out.content.indexOf("Online-Portal der Finanzverwaltung");
  assert.ok(at >= 0, out.content);
  assert.ok(out.content.includes("Die Frist für 2025"), out.content);
  assert.ok(at < out.content.indexOf("Die Abgabefrist"), out.content);
  assert.ok(!out.content.includes("unserer Übersicht"), out.content);
  assert.ok(!out.content.includes("in einem Überblick"), out.content);
});

Deno.test("auto gives a lead's list back whole, its short items with it", async () => {
  // A health guide opens with a box of its own (a paragraph and a list of what its
  // resource center offers, each item a paragraph), then writes its body in another
  // block; Readability keeps the body. The box goes back before it, the list's short
  // items ("Find a dentist.") with the long one that reads as prose.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "There are many reasons to pay attention to the health of your teeth and gums, and " +
    "everyone wants a confident smile and the ability to eat without discomfort.",
    "Experts say you should brush your teeth twice a day with a soft toothbrush, for two " +
    "minutes each time, with a toothpaste that contains fluoride.",
    "Replace your toothbrush every three to four months, floss and use mouthwash daily, " +
    "and avoid tobacco, which stains the teeth and harms the gums.",
    "Most people should see a dentist twice a year, when a hygienist cleans the teeth and " +
    "the dentist follows up with an oral exam to look for problems.",
    "These visits matter because a dentist may find signs of decay early, and problems " +
    "found early are likely to respond better to treatment.",
    "Limit your intake of starchy and sugary foods, which feed the bacteria that can cause " +
    "tooth decay and gum disease, and avoid carbonated soft drinks.",
    "Fiber-rich fruits and vegetables, cheese, milk and plain yogurt help keep your teeth " +
    "clean, as they help the mouth produce more saliva.",
    "Some studies have suggested a link between poor oral health and heart problems, as " +
    "bacteria from gum disease may travel through the body.",
  ];
  const html = '<html lang="en"><head><title>Keep your teeth healthy</title></head><body>' +
    '<div class="top"><div class="head"><h1>Keep your teeth healthy</h1></div></div>' +
    '<div class="intro"><div class="richtext">' +
    p(
      "Proper oral care is important for overall health. The resource center can help " +
        "you learn about oral care any time of day or night. With it, you can:",
    ) +
    "<ul><li><p>Find a dentist.</p></li><li><p>Get dental health tips.</p></li>" +
    "<li><p>Use interactive tools to assess dental health risks and have a dentist " +
    "answer your questions.</p></li></ul></div></div>" +
    `<div class="block"><div class="group"><div class="text">${body.map(p).join("")}</div>` +
    "</div></div></body></html>";
  const url = "https://health.example/live-healthy/teeth";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  const text = out.content;
  const order = [
    "Proper oral care",
    "Find a dentist.",
    "Get dental health tips.",
    "Use interactive tools",
    "There are many reasons",
  ].map((t) => text.indexOf(t));
  assert.ok(order.every((at) => at >= 0), text);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), text);
});

Deno.test("auto keeps the headings over a lead paragraph set between the title and the body", async () => {
  // A page of offers titles itself, sets each offer in a section under the section's
  // heading and the offer's own, then writes its body; Readability keeps the body and
  // the offers' paragraphs go back before it, each under its headings.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "Our technicians have treated homes for decades and customise each plan to the house, " +
    "the yard and the pests that live around them, season after season.",
    "Whether you look for the latest promo code or for a plan that covers several pests, " +
    "these offers help you save while you protect your home with expert service.",
    "Every plan comes with follow-up visits between treatments, and with a guarantee that " +
    "we come back at no cost when the pests come back before the next visit.",
    "Termites, ants, spiders and rodents each need their own treatment, and our plans " +
    "combine them so that one visit covers what would otherwise take several.",
    "Before the first treatment, a technician inspects the house, the attic, the crawl " +
    "space and the yard, and writes down what he finds and what he recommends.",
    "Prices depend on the size of the home, on the pests and on how often we visit, and " +
    "the offers above take their savings off the first treatment or the first year.",
    "You can pause, change or cancel a plan at any time, and the technician who knows " +
    "your home comes back for each visit whenever that is possible for the team.",
  ];
  const offer = (section: string, title: string, line: string): string =>
    `<section><div class="wrapper"><h2>${section}</h2><hr><div class="box">` +
    `<div class="inner"><h3>${title}</h3>${p(line)}</div></div></div></section>`;
  const html = '<html lang="en"><head><title>Pest control offers</title></head><body>' +
    '<div class="top"><h1>Pest control discounts and promo codes</h1></div>' +
    offer(
      "Pest control specials",
      "Save $50 on pest control!",
      "Save $50 on your first pest control service when you use the code at checkout.",
    ) +
    offer(
      "Wildlife offers",
      "Save $100 on wildlife control",
      "Protect your home from unwanted animals and damage with expert exclusion work.",
    ) +
    `<section><div class="wrapper"><div class="intro"><h2>Deals from the experts</h2>` +
    `${body.map(p).join("")}</div></div></section></body></html>`;
  const url = "https://pests.example/offers/";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  const text = out.content;
  const order = [
    "Pest control specials",
    "Save $50 on pest control!",
    "Save $50 on your first",
    "Wildlife offers",
    "Save $100 on wildlife control",
    "Protect your home from unwanted",
    "Our technicians have treated",
  ].map((t) => text.indexOf(t));
  assert.ok(order.every((at) => at >= 0), text);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), text);
});

Deno.test("auto gives a lead back after the title when the body's block opens with it", async () => {
  // A page of offers opens its wrapper with a hero that holds its title, then sets each
  // offer in a section of its own (named as a banner, which Readability cuts from its
  // choice) before the section of its body. The wrapper is Readability's choice, hero
  // and all: the offers go back after the title, as the page sets them, not above it.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "Nuestros técnicos tratan viviendas desde hace décadas y adaptan cada plan a la casa, " +
    "al jardín y a las plagas que viven a su alrededor, temporada tras temporada.",
    "Tanto si busca el último código promocional como un plan que cubra varias plagas, " +
    "estas ofertas le ayudan a ahorrar mientras protege su hogar con un servicio experto.",
    "Cada plan incluye visitas de seguimiento entre tratamientos y la garantía de que " +
    "volvemos sin coste si las plagas regresan antes de la siguiente visita.",
    "Termitas, hormigas, arañas y roedores necesitan cada uno su propio tratamiento, y " +
    "nuestros planes los combinan para que una sola visita cubra lo que llevaría varias.",
    "Antes del primer tratamiento, un técnico inspecciona la casa, el desván y el jardín, " +
    "y anota lo que encuentra y lo que recomienda hacer en cada uno de ellos.",
    "Los precios dependen del tamaño de la vivienda, de las plagas y de la frecuencia de " +
    "las visitas, y las ofertas descuentan su ahorro del primer tratamiento.",
  ];
  const offer = (section: string, title: string, line: string): string =>
    `<section class="texto"><div class="wrapper"><h2>${section}</h2><hr>` +
    `<div class="cta-banner--opt"><div class="content-container"><h3>${title}</h3>` +
    `${p(line)}<a class="cta-button" href="/pedir">Empezar</a></div>` +
    '<div class="image-container"><p class="badge">NO SE LO PIERDA</p></div></div></div>' +
    "</section>";
  const title = "Cupones de control de plagas para su hogar | Plagas";
  const html = `<html lang="es"><head><title>${title}</title>` +
    `<meta property="og:title" content="${title}"></head><body>` +
    '<div class="page-wrapper"><div class="cabecera"><div class="cabecera-contenido">' +
    "<h1>Descuentos y códigos promocionales de control de plagas</h1></div></div>" +
    offer(
      "Promociones de temporada",
      "¡Ahorre 50 € en el control de plagas!",
      "Ahorre 50 € en su primer servicio de control de plagas con el código al pagar.",
    ) +
    offer(
      "Ofertas de fauna silvestre",
      "Ahorre 100 € en el control de fauna",
      "Proteja su hogar de animales no deseados y de sus daños con un trabajo experto.",
    ) +
    '<section class="texto"><div class="wrapper"><div class="intro">' +
    `<h2>Ofertas de los expertos</h2><hr>${body.map(p).join("")}</div></div></section>` +
    "</div></body></html>";
  const url = "https://plagas.example/ofertas/";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  const text = out.content;
  const order = [
    "Descuentos y códigos promocionales",
    "Promociones de temporada",
    "Ahorre 50 € en su primer",
    "Ofertas de fauna silvestre",
    "Proteja su hogar",
    "Nuestros técnicos tratan",
  ].map((t) => text.indexOf(t));
  assert.ok(order.every((at) => at >= 0), text);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), text);
});

Deno.test("auto keeps a summary of paragraphs set in the title's block above the marked body", async () => {
  // A chart's page titles itself, sums itself up in a table of several paragraphs and writes
  // its body ("article-body"), all in one block; Readability keeps the body's block, and the
  // summary goes back before it. A single paragraph there (a pitch) stays out.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "Agencies in the northeast charge the most per hour, with three states above the " +
    "national median by more than a fifth, while rural states sit well below it.",
    "The median rate across all agencies in the survey was close to one hundred dollars an " +
    "hour, though the spread between the cheapest and dearest quarter was wide.",
    "Search and social media work cost about the same per hour in most states, while " +
    "development and design work were priced higher almost everywhere.",
    "Smaller agencies, those with fewer than ten people, tended to quote lower rates but " +
    "also reported longer minimum engagements than the larger firms did.",
    "Brands that buy services across state lines can save by hiring outside the costliest " +
    "markets, as long as they plan for the time zones and the travel.",
    "The data come from several thousand agencies that listed their rates on a directory " +
    "over the past year, grouped by the state where each has its main office.",
  ];
  const html = (summary: string[]): string =>
    '<html lang="en"><head><title>Agency rates by state</title></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/charts">Charts</a></div>' +
    '<div class="article"><h1><a href="#">Agency rates by state</a></h1>' +
    `<div class="summary-box"><table><tr><td>${summary.map(p).join("")}</td></tr></table></div>` +
    `<div class="article-body">${body.map(p).join("")}</div></div></body></html>`;
  const url = "https://charts.example/article/agency-rates";
  const summary = [
    "Setting the right hourly rate can make or break an agency's bottom line, so how do " +
    "you stack up against thousands of others?",
    "Today we bring you benchmark figures, to see where your rates stand in a national " +
    "context or which states offer the most cost-effective services.",
  ];
  const out = await extractAuto(page(html(summary), { url, finalUrl: url }), {});
  const at = out.content.indexOf("Setting the right hourly rate");
  assert.ok(at >= 0, out.content);
  assert.ok(out.content.includes("Today we bring you benchmark figures"), out.content);
  assert.ok(at < out.content.indexOf("Agencies in the northeast"), out.content);
  const pitch =
    "Chat with us in our app to find out what is happening in the markets as it unfolds.";
  const alone = await extractAuto(page(html([pitch]), { url, finalUrl: url }), {});
  assert.ok(alone.content.includes("Agencies in the northeast"), alone.content);
  assert.ok(!alone.content.includes("Chat with us"), alone.content);
});

Deno.test("auto keeps a list of links that a text utility's class styles", async () => {
  // "marker:text-teal-600" makes Readability weigh the list up for "text", then drop it
  // as a weighty block of links; a list of the studies a sentence cites is its text.
  const p = (t: string): string => `<p class="text-gray-800">${t}</p>`;
  const li = (href: string, t: string): string =>
    `<li class="text-gray-800"><a class="hover:text-teal-800" href="${href}">${t}</a></li>`;
  const html = '<html lang="pt"><head><title>Os benefícios da caminhada</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Início</a> <a href="/saude">Saúde</a></div>' +
    "<main><article><h1>Os benefícios da caminhada</h1>" +
    p(
      "Caminhar meia hora por dia, em passo firme, é um dos hábitos mais simples e mais " +
        "estudados para quem quer cuidar do corpo e da cabeça sem gastar nada com isso.",
    ) +
    p(
      "Os estudos mostram que, com o tempo, a caminhada regular ajuda a melhorar:",
    ) +
    '<ul class="list-disc marker:text-teal-600">' +
    li("https://estudos.example/1", "A pressão arterial") +
    li("https://estudos.example/2", "O humor") +
    li("https://estudos.example/3", "A qualidade do sono") +
    "</ul>" +
    p(
      "Não é preciso equipamento especial: um par de sapatos confortáveis e um percurso " +
        "seguro bastam, e o ritmo pode subir aos poucos, semana após semana.",
    ) +
    p(
      "Quem passa o dia sentado pode dividir a caminhada em três voltas de dez minutos, " +
        "que trazem quase os mesmos ganhos de uma só volta mais longa.",
    ) +
    p(
      "Com chuva, vale caminhar dentro de casa ou num centro comercial, desde que o passo " +
        "se mantenha firme e a respiração fique um pouco mais rápida do que o normal.",
    ) +
    "</article></main></body></html>";
  const url = "https://saude.example/caminhada";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const line of ["A pressão arterial", "O humor", "A qualidade do sono"]) {
    assert.ok(out.content.includes(line), out.content);
  }
  assert.ok(out.content.includes("Não é preciso equipamento especial"), out.content);
});

Deno.test("auto keeps the boxes that a utility class clips inside the article", async () => {
  // "overflow-hidden" makes Readability weigh each panel down for "hidden" and drop it as
  // it trims the article; the answers an accordion folds are the article's text.
  const p = (t: string): string => `<p class="text-gray-700">${t}</p>`;
  const card = (name: string, t: string): string =>
    `<h3>${name}</h3><div class="overflow-hidden transition-all"><p>${t}</p><p>Gemiddeld ` +
    "twee tot drie uur.</p></div>";
  const html = '<html lang="nl"><head><title>De beste fietsroutes</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Start</a> <a href="/routes">Routes</a></div>' +
    "<main><article><h1>De beste fietsroutes</h1>" +
    p(
      "Wie een weekend wil fietsen, heeft in dit land de keuze uit honderden routes, van " +
        "korte rondjes langs de rivier tot lange tochten over de heide en door de bossen.",
    ) +
    p(
      "Wij reden ze dit voorjaar allemaal en zetten de drie mooiste op een rij, met wat " +
        "je onderweg ziet en hoe lang je erover doet als je rustig doortrapt.",
    ) +
    card(
      "Hoe lang is de Rivierroute?",
      "Zestig kilometer langs de dijk met uitzicht op het water en drie pontjes onderweg.",
    ) +
    card(
      "Wat zie je op de Heideroute?",
      "Veertig kilometer over paarse heide waar je in de zomer schapen tegenkomt.",
    ) +
    card(
      "Waar stop je op de Bossenroute?",
      "Vijftig kilometer onder hoge bomen met onderweg een theehuis bij de vijver.",
    ) +
    p(
      "Neem genoeg water mee en controleer je banden voor vertrek, want fietsenmakers " +
        "zijn op zondag buiten de steden maar dun gezaaid en vaak gesloten.",
    ) +
    "</article></main></body></html>";
  const url = "https://fietsen.example/beste-routes";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const line of ["langs de dijk", "paarse heide", "onder hoge bomen"]) {
    assert.ok(out.content.includes(line), out.content);
  }
  assert.ok(out.content.includes("Neem genoeg water mee"), out.content);
});

Deno.test("auto keeps a chat's copied answer whose boxes hide only when empty", async () => {
  // "empty:hidden" hides a box with nothing in it; Readability weighs the box down for
  // "hidden" and drops it, with the paragraph and the chart it holds.
  const p = (t: string): string => `<p>${t}</p>`;
  const answer = (t: string): string =>
    '<div class="flex w-full flex-col gap-1 empty:hidden first:pt-[3px]"><div class="prose">' +
    `<p>${t}</p><p><img src="/chart.png" alt="Chart"></p></div></div>`;
  const html = '<html lang="en"><head><title>Comparing garden hoses</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/blog">Blog</a></div>' +
    "<main><article><h1>Comparing garden hoses</h1>" +
    p(
      "A garden hose looks like the simplest tool in the shed, yet the one you pick decides " +
        "how long watering takes and how often you end up untangling knots on the lawn.",
    ) +
    p(
      "We tested rubber, vinyl and expandable hoses over a whole summer of watering beds, " +
        "washing cars and filling paddling pools in three gardens of different sizes.",
    ) +
    "<h2>How they compare</h2>" +
    answer(
      "Weight and kinking set the three kinds apart more than price does, and the chart " +
        "below shows how each one fared after a summer of daily use in our gardens.",
    ) +
    p(
      "Rubber lasted longest and vinyl cost least, while the expandable hose was the " +
        "lightest to carry but the first to split along its outer sleeve in the heat.",
    ) +
    p(
      "Whichever you choose, drain it before the first frost and hang it on a reel out of " +
        "the sun, which adds years to any hose whatever it is made of or what it cost.",
    ) +
    p(
      "A brass coupling outlasts a plastic one by far, and a nozzle with a thumb lever " +
        "saves a wrist on long evenings of watering a vegetable patch by hand.",
    ) +
    "</article></main></body></html>";
  const url = "https://garden.example/hoses";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Weight and kinking set the three kinds apart"), out.content);
  assert.ok(out.content.includes("Rubber lasted longest"), out.content);
});

Deno.test("auto keeps a folded answer whose one sentence links a long phrase", async () => {
  // Each question folds its answer in a <details> of a box of its own; a fifth of a short
  // answer's text is its link, and Readability drops such a box as one of links.
  const p = (t: string): string => `<p>${t}</p>`;
  const fold = (q: string, a: string): string =>
    `<div class="faq"><details><summary>${q}</summary>\n<p><br> ${a}</p></details></div>`;
  const html = '<html lang="en"><head><title>Planning a vegetable bed</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/guides">Guides</a></div>' +
    "<main><article><h1>Planning a vegetable bed</h1>" +
    p(
      "A vegetable bed pays back the work of one weekend with a summer of salads, as long " +
        "as it gets six hours of sun and soil that drains after a heavy shower of rain.",
    ) +
    p(
      "Start small: a bed of two metres by one is easy to weed from both sides, and you " +
        "can add a second one next spring once you know what your household eats.",
    ) +
    p(
      "Raise the bed when the ground is heavy clay, fill it with compost and topsoil, and " +
        "water it well a week before you sow so the soil settles around the edges.",
    ) +
    "<h2>Questions</h2>" +
    fold(
      "Can I grow tomatoes in a shady bed?",
      'Tomatoes need full sun to ripen, so a shady bed suits leafy crops better. See <a href="/guides/shade">our list of vegetables that grow well in partial shade</a>.',
    ) +
    p(
      "Whatever you grow, rotate the crops each year so that pests and diseases of one " +
        "family do not build up in the same patch of soil season after season.",
    ) +
    "</article></main></body></html>";
  const url = "https://garden.example/vegetable-bed";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Tomatoes need full sun to ripen"), out.content);
  assert.ok(out.content.includes("rotate the crops"), out.content);
});

Deno.test("auto keeps a documentation generator's admonition of links", async () => {
  // A "see also" box names each linked page with a line that says what it leads to; a
  // fifth of its text is links, and Readability drops such a box of no weight.
  const p = (t: string): string => `<p>${t}</p>`;
  const entry = (href: string, name: string, what: string): string =>
    `<dt><a href="${href}">${name}</a></dt><dd><p>${what}</p></dd>`;
  const html = '<html lang="sv"><head><title>Säkerhetskopiering</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Start</a> <a href="/guider">Guider</a></div>' +
    '<div class="document"><h1>Säkerhetskopiering</h1>' +
    p(
      "Verktyget kopierar databasens filer till en annan disk medan servern är igång, så " +
        "att inga skrivningar går förlorade och ingen användare märker något.",
    ) +
    p(
      "Välj ett mål med gott om plats: varje kopia sparas i en egen katalog med datum i " +
        "namnet, och gamla kopior tas bort först när en ny har kontrollerats.",
    ) +
    p(
      "Kör kommandot med flaggan för kontroll efteråt om du vill vara säker på att kopian " +
        "går att läsa tillbaka innan den gamla raderas från disken.",
    ) +
    p(
      "Kopiorna komprimeras som standard; en stor databas tar då ungefär en tredjedel av " +
        "sin ursprungliga storlek, och komprimeringen kan stängas av för snabbare körning.",
    ) +
    p(
      "Loggen skrivs till samma katalog som kopian och visar hur lång tid varje steg tog, " +
        "vilka filer som hoppades över och om kontrollen efteråt lyckades eller inte.",
    ) +
    '<div class="admonition seealso"><p class="admonition-title">Se även</p><dl>' +
    entry("/aterstallning", "Återställning från en kopia", "Läs tillbaka en kopia") +
    entry("/schema", "Schemaläggning av kopior", "Kör kopieringen varje natt") +
    entry("/diskar", "Diskar och nätverksmappar", "Vilka mål som fungerar") +
    "</dl></div></div></body></html>";
  const url = "https://docs.example/x/q1";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const line of ["Schemaläggning av kopior", "Kör kopieringen varje natt"]) {
    assert.ok(out.content.includes(line), `keeps ${line}`);
  }
});

Deno.test("auto keeps a box of facts about the work an article reviews", async () => {
  // Under each book's title, a review lists its author, its release and its genres as
  // bold labels with their values; the genres link to the site's index pages, a fifth of
  // the box's text, and Readability drops such a box of no weight.
  const p = (t: string): string => `<p>${t}</p>`;
  const genre = (g: string): string =>
    `<a href="/genre/${g.toLowerCase().replace(" ", "-")}/" rel="tag">${g}</a>`;
  const html = '<html lang="en"><head><title>New books this month</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/reviews">Reviews</a></div>' +
    '<div class="post"><h1>New books this month</h1>' +
    p(
      "Every month we read the new releases so that you don't have to guess, and this " +
        "month brought a gothic mystery, a road trip and a fantasy of old libraries.",
    ) +
    "<h4>The Lantern House</h4>" +
    '<div class="book-box"><p><strong>Author:</strong> Mara Ellis <br>' +
    "<strong>Released:</strong> March 4, 2025 by Harbor Books <br>" +
    `<strong>Genre:</strong> ${genre("Historical Mystery")}, ${genre("Gothic Fiction")}, ${
      genre("Romance")
    }</p></div>` +
    p(
      "A widow inherits a house on the cliffs whose lantern burns every night, though no " +
        "one in the village admits to lighting it, and the keeper's diary has lost pages.",
    ) +
    p(
      "The mystery unfolds slowly, with letters, storms and a housekeeper who knows more " +
        "than she says, and the ending rewards readers who kept track of the tides.",
    ) +
    p(
      "If you like your suspense with sea air, candlelight and a slow-burning romance, " +
        "this is the book to take on a rainy weekend, ideally near a window.",
    ) +
    "</div></body></html>";
  const url = "https://books.example/2025/03/new-books";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const line of ["Mara Ellis", "Harbor Books", "Gothic"]) {
    assert.ok(out.content.includes(line), `keeps ${line}: ${out.content}`);
  }
});

Deno.test("auto keeps the block of an article's opening written in its body's template", async () => {
  // A site builder writes a post's opening and its body in two blocks of the same rich-text
  // template ("rich-text intro" and "rich-text"), with a disclosure and an empty embed
  // between them; the scorer keeps the body, and the opening is no sibling it weighs.
  const p = (t: string): string => `<p>${t}</p>`;
  const body = [
    "La prima tappa è Siena, dove conviene arrivare il mattino presto, quando la piazza è ancora vuota e i bar aprono le serrande.",
    "Da lì la strada scende verso la Val d'Orcia, tra colline e cipressi, e in un'ora si raggiunge Pienza con le sue mura sul vuoto.",
    "A Montepulciano si cammina in salita per tutto il corso, tra cantine scavate nel tufo che offrono una degustazione a chi passa.",
    "Chi ha più tempo può fermarsi a Bagno Vignoni, dove la piazza è una vasca d'acqua termale che fuma nelle mattine d'inverno.",
    "La sera si torna verso la costa, e al tramonto il mare davanti a Castiglione della Pescaia prende il colore del rame lucido.",
    "Il giorno dopo conviene visitare le isole, partendo col traghetto delle otto che in un'ora porta all'Elba con l'auto a bordo.",
    "Sull'isola le strade sono strette, con curve, salite e discese, e un'auto piccola si parcheggia meglio nei paesi sul porto.",
    "Per mangiare, in ogni borgo c'è una trattoria con pici, ribollita, pecorino e vino della casa, a prezzi ancora onesti.",
    "Per dormire, gli agriturismi costano meno degli alberghi in città, e quasi tutti hanno piscina, orto, cani e gatti.",
    "Il noleggio conviene prenotarlo mesi prima, all'aeroporto di Pisa o di Firenze, con l'assicurazione completa inclusa.",
  ].map(p).join("");
  const html = '<html lang="it"><head><title>Dieci giorni in Toscana in auto</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="menu"><a href="/">Home</a> <a href="/viaggi">Viaggi</a></div>' +
    '<div class="colonna"><h1>Dieci giorni in Toscana in auto</h1>' +
    '<div class="testo-ricco blocco intro">' +
    p("Girare la Toscana in auto è il modo migliore per vedere i borghi che i treni non toccano.") +
    p("Noi l'abbiamo fatto due volte e qui raccontiamo come.") +
    "</div>" +
    '<div class="disclosure">Alcuni link sono affiliati: <a href="/note">leggi le note</a></div>' +
    '<div class="testo-ricco blocco vuoto"></div>' +
    '<div class="blocco testo-ricco">' + body + "</div>" +
    "</div></body></html>";
  const url = "https://www.viaggi.example/blog/toscana-in-auto";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.startsWith("Girare la Toscana in auto"), out.content);
  assert.ok(out.content.includes("Noi l'abbiamo fatto due volte"), out.content);
  assert.ok(out.content.includes("Bagno Vignoni"), out.content);
  assert.ok(!out.content.includes("link sono affiliati"), out.content);
});

Deno.test("auto gives back a section of a run that the scorer's cleaning cut", async () => {
  // An article in sections of one template ("seccion interior"), each a heading, two
  // paragraphs and a list, too long to be cards; in the second, each item links to the
  // site's glossary, and the scorer's cleaning takes that section for a box of links.
  const section = (title: string, intro: string, items: string[]): string =>
    `<div class="seccion interior"><div class="envoltura fila"><div class="mitad ancho">` +
    `<h2>${title}</h2><p>${intro}</p>` +
    `<p>La herramienta revisa cada página y muestra los problemas en una lista ordenada, ` +
    `de los más graves a los más leves, con una explicación breve de cada uno y de lo que ` +
    `cuesta resolverlo. Así el equipo sabe por dónde empezar, qué puede esperar y cuánto ` +
    `tiempo le llevará cada cambio antes de la próxima revisión.</p>` +
    `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul></div></div></div>`;
  const link = (t: string): string => `<a href="/glosario/${t.replace(/ /g, "-")}">${t}</a>`;
  const html = '<html lang="es"><head><title>Qué revisa un análisis SEO</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<nav><a href="/">Inicio</a> <a href="/blog">Blog</a></nav><main>' +
    "<h1>Qué revisa un análisis SEO</h1>" +
    '<div class="secciones">' +
    section(
      "Calidad de la página",
      "El contenido de calidad es uno de los factores más importantes para posicionar una página en los buscadores, y conviene cuidarlo desde el principio.",
      ["poco texto en una página", "contenido duplicado", "imágenes sin texto alternativo"],
    ) +
    section(
      "Metainformación",
      "Para que los buscadores entiendan de qué trata su sitio, debe ofrecer metainformación que les ayude a clasificar su contenido correctamente.",
      [
        `${link("títulos meta demasiado cortos o demasiado largos")}`,
        `${link("etiquetas meta que impiden la indexación")}`,
        `${link("enlaces canónicos que faltan en la página")}`,
        `${link("declaraciones de idioma incoherentes")}`,
        `${link("nombres de dominio o direcciones problemáticas")}`,
      ],
    ) +
    section(
      "Estructura de enlaces",
      "Los buscadores prefieren los sitios con una estructura clara, que se recorren sin esfuerzo y en los que cada página está a pocos clics de la portada.",
      ["encabezados vacíos", "enlaces internos con parámetros", "textos de anclaje repetidos"],
    ) +
    section(
      "Configuración del servidor",
      "Una configuración técnica sin errores y con buen rendimiento facilita el rastreo de su sitio, y es necesaria para alcanzar las primeras posiciones.",
      [
        "redirecciones mal configuradas",
        "tiempos de respuesta largos",
        "archivos HTML muy grandes",
      ],
    ) +
    section(
      "Factores externos",
      "El posicionamiento no depende solo del propio sitio: para tener éxito a largo plazo también hay que vigilar los enlaces que recibe de otros sitios.",
      [
        "pocos enlaces entrantes",
        "enlaces de sitios de poca calidad",
        "textos de anclaje poco variados",
      ],
    ) +
    "</div></main></body></html>";
  const url = "https://www.analizador.example/es/blog/que-revisa-un-analisis-seo";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Calidad de la página"), out.content);
  assert.ok(out.content.includes("debe ofrecer metainformación"), out.content);
  assert.ok(out.content.includes("que impiden la indexación"), out.content);
  // In its place, between the first section and the third.
  assert.ok(
    out.content.indexOf("Metainformación") < out.content.indexOf("Estructura de enlaces"),
    out.content,
  );
  assert.ok(out.content.includes("Factores externos"), out.content);
});

Deno.test("auto gives back the heading blocks of a run that the scorer's cleaning cut", async () => {
  // A ranked article (in Portuguese) written as a run of boxes of one template
  // ("caixa caixa--texto"), one per paragraph; each item opens with a box that holds only
  // its heading and its key figure, which the scorer cuts as a box of little text.
  const box = (inner: string): string =>
    `<div class="caixa caixa--texto"><div class="caixa__corpo">${inner}</div></div>`;
  const item = (n: number, name: string, share: string, text: string): string =>
    box(
      `<h2><a id="${n}" name="${n}"><strong>${n}. ${name}</strong></a></h2>` +
        `<p><strong>Quota de mercado: ${share}</strong></p>`,
    ) +
    box(
      `<p>${text} A empresa cresceu depressa nos últimos anos e hoje serve milhões de ` +
        `clientes em todo o país, com agentes próprios e uma rede de parceiros independentes.</p>`,
    ) +
    box(
      `<p>Os analistas destacam a solidez financeira do grupo, a variedade dos seus ` +
        `produtos e a qualidade do atendimento, que os clientes avaliam acima da média.</p>`,
    );
  const html = '<html lang="pt"><head><title>As maiores seguradoras do país</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<nav><a href="/">Início</a> <a href="/guias">Guias</a></nav><main>' +
    '<h1>As maiores seguradoras do país</h1><div class="artigo">' +
    item(1, "Grupo Atlântico", "12,9%", "O Grupo Atlântico lidera o mercado desde 1990.") +
    item(2, "Seguros Horizonte", "6,2%", "A Seguros Horizonte nasceu como seguradora automóvel.") +
    item(3, "Mútua do Norte", "4,5%", "A Mútua do Norte é a maior mútua do país.") +
    item(4, "Previdência Sul", "4,4%", "A Previdência Sul vende sobretudo seguros de vida.") +
    "</div></main></body></html>";
  const url = "https://www.seguros.example/guias/maiores-seguradoras";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  for (const line of ["2. Seguros Horizonte", "Quota de mercado: 6,2%", "3. Mútua do Norte"]) {
    assert.ok(out.content.includes(line), `keeps ${line}: ${out.content}`);
  }
  // Each in its place, over its item's text.
  assert.ok(
    out.content.indexOf("3. Mútua do Norte") < out.content.indexOf("A Mútua do Norte é"),
    out.content,
  );
  assert.ok(
    out.content.indexOf("3. Mútua do Norte") > out.content.indexOf("A Seguros Horizonte"),
    out.content,
  );
});

Deno.test("auto keeps the label named a header over a card's text in an article", async () => {
  // A review of editors (in Dutch): each tool's pros and cons in a card whose label sits
  // in a box named a header ("kaart_kop"), over the box of its text.
  const tool = (name: string, pro: string, con: string): string =>
    `<h2>${name}</h2><p>${name} is een editor die veel ontwikkelaars dagelijks gebruiken, ` +
    `op elk besturingssysteem en voor bijna elke programmeertaal die er bestaat.</p>` +
    `<div class="kaart_omhulsel"><div class="kaart_header__x1"><p class="tekst_klein">` +
    `Voor- en nadelen</p></div><div class="kaart_tekst"><p><b>Voor:</b> ${pro}</p>` +
    `<p><b>Tegen:</b> ${con}</p></div></div>`;
  const html = '<html lang="nl"><head><title>De beste editors voor ontwikkelaars</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<header class="site-header"><a href="/">Start</a> <a href="/blog">Blog</a></header>' +
    "<main><article><h1>De beste editors voor ontwikkelaars</h1>" +
    tool(
      "Teksteditor Een",
      "licht en snel, ook met grote bestanden, zodat het werken op oudere computers vlot blijft",
      "de vele uitbreidingen maken de instellingen voor nieuwe gebruikers soms onoverzichtelijk",
    ) +
    tool(
      "Teksteditor Twee",
      "slimme aanvullingen en een ingebouwde terminal besparen elke dag veel tijd bij het werk",
      "het programma vraagt veel geheugen en start op een trage laptop merkbaar langzamer op",
    ) +
    "</article></main></body></html>";
  const url = "https://www.ontwikkelaars.example/blog/beste-editors";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.equal(out.content.split("Voor- en nadelen").length - 1, 2, out.content);
  assert.ok(
    out.content.indexOf("Voor- en nadelen") < out.content.indexOf("licht en snel"),
    out.content,
  );
  assert.ok(!out.content.includes("Start"), out.content);
});

Deno.test("auto keeps an article's first section heading that echoes the page's title", async () => {
  // A guide (in German) whose title sits in the site's <header>, and whose first section
  // is titled with the title's second half.
  const para = (s: string): string =>
    `<p>${s} Wer das beachtet, bekommt einen kräftigen Teig, der gleichmäßig aufgeht und ` +
    `nach dem Backen eine schöne, offene Krume zeigt.</p>`;
  const html = '<html lang="de"><head><title>Sauerteig füttern: die richtige Menge Mehl' +
    '</title><meta property="og:type" content="article"></head><body>' +
    '<header class="kopf"><a href="/">Brotblog</a><h1>Sauerteig füttern: die richtige Menge ' +
    "Mehl</h1></header><main><article>" +
    "<h2>Die richtige Menge Mehl</h2>" +
    para("Ein Sauerteig braucht jeden Tag frisches Mehl und Wasser, zu gleichen Teilen.") +
    para("Im Sommer arbeitet er schneller, im Winter langsamer, und das Füttern folgt ihm.") +
    "<h2>Wann gefüttert wird</h2>" +
    para("Am besten füttert man ihn morgens, damit er abends für den Teig bereit ist.") +
    para("Ein Glas mit Gummiband zeigt, wie hoch er seit dem Füttern gestiegen ist.") +
    "</article></main></body></html>";
  const url = "https://www.brotblog.example/sauerteig-fuettern";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Die richtige Menge Mehl"), out.content);
  assert.ok(!out.content.includes("Sauerteig füttern: die richtige"), out.content);
  assert.ok(out.content.includes("Wann gefüttert wird"), out.content);
});

Deno.test("auto keeps a heading whose id is its own text with a chrome word in it", async (t) => {
  // A ranked list, each heading with the anchor id a publishing tool writes from its text.
  const ranked = (lang: string, tag: string, title: string, items: string[][]): string =>
    `<html lang="${lang}"><head><title>${title}</title>` +
    '<meta property="og:type" content="article"></head><body><main><article>' +
    `<h1>${title}</h1>` +
    items.map(([name, text], i) =>
      `<${tag} id="${i + 1}-${name!.toLowerCase()}">${i + 1}. ${name}</${tag}><p>${text} ` +
      `${text} ${text}</p>`
    ).join("") +
    "</article></main></body></html>";
  const extract = (html: string) => {
    const url = "https://www.ranking.example/lista";
    return extractAuto(page(html, { url, finalUrl: url }), {});
  };
  await t.step("an unlikely word: Readability drops the heading", async () => {
    // "socialmente" holds "social", which Readability reads as chrome.
    const out = await extract(ranked("es", "h3", "Las mejores agencias de marketing", [
      ["Socialmente", "Socialmente nació en Madrid y se centra en las redes sociales."],
      ["Altavoz", "Altavoz lleva veinte años creando campañas de radio y prensa."],
      ["Brujula", "Brujula ayuda a pequeñas empresas a encontrar su público."],
    ]));
    assert.ok(out.content.includes("1. Socialmente"), out.content);
    assert.ok(out.content.indexOf("1. Socialmente") < out.content.indexOf("nació en Madrid"));
    assert.ok(out.content.includes("2. Altavoz"), out.content);
  });
  await t.step("a word weighed against: Readability drops an <h2> so weighed", async () => {
    // "metabase" holds "meta", which Readability weighs against an element.
    const out = await extract(ranked("fr", "h2", "Les meilleurs outils d'analyse", [
      ["Metabase", "Metabase est un outil libre que l'on installe en quelques minutes."],
      ["Superset", "Superset vient de la fondation Apache et vise les grandes équipes."],
      ["Redash", "Redash mise sur les requêtes SQL et les alertes par courriel."],
    ]));
    assert.ok(out.content.includes("1. Metabase"), out.content);
    assert.ok(out.content.includes("2. Superset"), out.content);
  });
  await t.step("a chrome word whole, in a heading the table of contents leads to", async () => {
    // A guide (in Italian) whose contents list its sections; "social" is a word of its
    // headings, and Readability reads it as chrome.
    const sections = [
      ["il-social-media-marketing-oggi", "Il social media marketing oggi"],
      ["corsi-di-social-media-marketing", "Corsi di social media marketing"],
      ["quanto-costa", "Quanto costa"],
    ];
    const text = "Una campagna sui social si pianifica con obiettivi, budget e un calendario.";
    const html = '<html lang="it"><head><title>Certificazioni di marketing</title>' +
      '<meta property="og:type" content="article"></head><body><main><article>' +
      "<h1>Certificazioni di marketing</h1>" +
      '<div class="indice"><h2>Indice</h2><ol>' +
      sections.map(([id, title]) => `<li><a href="#${id}">${title}</a></li>`).join("") +
      "</ol></div>" +
      sections.map(([id, title]) =>
        `<h2 id="${id}">${title}</h2><p>${text} ${text} ${text} ${text}</p>`
      )
        .join("") +
      "</article></main></body></html>";
    const out = await extract(html);
    assert.ok(out.content.includes("Il social media marketing oggi"), out.content);
    assert.ok(out.content.includes("Corsi di social media marketing"), out.content);
    assert.ok(out.content.includes("Quanto costa"), out.content);
    // The contents themselves go.
    assert.ok(!out.content.includes("Indice"), out.content);
  });

  await t.step(
    "a chrome word whole: a numbered entry, or a heading linking to itself",
    async () => {
      // "social" is a word of its own in "2-social-club" and "social-benefits".
      const url = "https://www.musica.example/guida";
      const html = '<html lang="it"><head><title>Imparare la musica</title>' +
        '<meta property="og:type" content="article"></head><body><main><article>' +
        "<h1>Imparare la musica</h1>" +
        '<h3 id="1-banda-cittadina">1. Banda cittadina</h3><p>' +
        "La banda cittadina prova ogni martedì sera nella sala del comune. ".repeat(3) + "</p>" +
        '<h3 id="2-social-club">2. Social Club</h3><p>' +
        "Il Social Club riunisce i chitarristi del quartiere la domenica. ".repeat(3) + "</p>" +
        '<h3 id="social-benefits"><a href="#social-benefits">Social benefits</a></h3><p>' +
        "Suonare insieme insegna ad ascoltare gli altri e ad aspettare il proprio turno. "
          .repeat(3) +
        "</p></article></main></body></html>";
      const out = await extractAuto(page(html, { url, finalUrl: url }), {});
      assert.ok(out.content.includes("2. Social Club"), out.content);
      assert.ok(out.content.includes("Social benefits"), out.content);
      assert.ok(
        out.content.indexOf("Social benefits") < out.content.indexOf("Suonare insieme"),
        out.content,
      );
    },
  );
  await t.step("a chrome word whole in an id as long as a sentence", async () => {
    const url = "https://www.rete.example/notizie/anno";
    const html = '<html lang="it"><head><title>Il nostro anno in rete</title>' +
      '<meta property="og:type" content="article"></head><body><main><article>' +
      "<h1>Il nostro anno in rete</h1><p>" +
      "Quest'anno abbiamo rinnovato gli apparati di tre centri dati e due dorsali. ".repeat(4) +
      '</p><h3 id="rollout-of-the-extra-checks">Rollout of the extra checks</h3><p>' +
      "I controlli in più sui pacchetti in ingresso sono attivi su tutte le linee. ".repeat(4) +
      '</p><h3 id="nuovi-apparati">Nuovi apparati</h3><p>' +
      "I nuovi apparati consumano meno e reggono il doppio del traffico di prima. ".repeat(4) +
      "</p></article></main></body></html>";
    const out = await extractAuto(page(html, { url, finalUrl: url }), {});
    assert.ok(out.content.includes("Rollout of the extra checks"), out.content);
    assert.ok(out.content.includes("Nuovi apparati"), out.content);
  });
  await t.step("a generator's prefix before the title: WordPress's h-", async () => {
    const url = "https://www.telefono.example/abitudini";
    const html = '<html lang="it"><head><title>Usare meno il telefono</title>' +
      '<meta property="og:type" content="article"></head><body><main><article>' +
      "<h1>Usare meno il telefono</h1>" +
      '<h2 id="h-1-spegnere-le-notifiche">1. Spegnere le notifiche</h2><p>' +
      "Ogni notifica interrompe il lavoro e chiede minuti per tornare concentrati. ".repeat(4) +
      '</p><h2 id="h-2-orari-fissi-per-i-social">2. Orari fissi per i social</h2><p>' +
      "Decidere quando aprire le app aiuta a usarle meglio e a non perderci la sera. "
        .repeat(4) +
      '</p><h2 id="h-3-lo-schermo-in-grigio">3. Lo schermo in grigio</h2><p>' +
      "Senza colori le icone attirano meno lo sguardo e il telefono resta in tasca. ".repeat(4) +
      "</p></article></main></body></html>";
    const out = await extractAuto(page(html, { url, finalUrl: url }), {});
    assert.ok(out.content.includes("2. Orari fissi per i social"), out.content);
    assert.ok(out.content.includes("1. Spegnere le notifiche"), out.content);
  });
});

Deno.test("auto drops the label every card wears on a page of goods taken for a product's", () => {
  // A shop's category (in German) at a product's address: no product declared, no cart;
  // each card of its grid wears the same stock note, one a sale badge.
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="raster__eintrag"><div class="karte"><img src="/b/${i}.jpg" alt="">` +
      `<div class="karte__info"><h3 class="karte__titel"><a href="/produkte/kh-${i}">` +
      `Kopfhörer KH ${100 + i}</a></h3></div><div class="karte__etikett"><span>` +
      `${i === 2 ? "Im Angebot</span> <span>" : ""}Nachbestellt</span></div>` +
      `<div class="karte__preis">${199 + 10 * i},95 €</div></div></li>`,
  ).join("");
  const html = `<html><head><title>Kopfhörer</title></head><body><main>` +
    `<h1>Kopfhörer</h1><ul class="raster">${cards}</ul></main></body></html>`;
  const { root, pageType } = findMainContent(
    html,
    "https://laden.example/produkte/kopfhoerer-kh-100",
    "product",
  );
  assert.equal(pageType, "product");
  const text = root === null ? "" : blockText(root);
  assert.ok(text.includes("Kopfhörer KH 107") && text.includes("269,95 €"), text);
  assert.ok(text.includes("Im Angebot"), text);
  assert.ok(!text.includes("Nachbestellt"), text);
});

Deno.test("auto drops a picture's credit line on a page read as a region that writes prose", () => {
  // A post (in Portuguese) taken for a service's page: ten paragraphs of prose, a picture
  // with its credit line under it. A service's page with a line of text under a picture
  // keeps the line.
  const para = (i: number) =>
    `<p>O projeto de reabilitação do bairro ${i} começou com uma consulta aos moradores, ` +
    "que apontaram as ruas mais perigosas, os passeios estreitos e as paragens de autocarro " +
    "sem abrigo; a câmara respondeu com um plano de obras faseado ao longo de três anos.</p>";
  const page = (paragraphs: number) =>
    `<html><head><title>Reabilitação urbana</title></head><body><main><h1>Reabilitação ` +
    `urbana</h1>${para(0)}<div class="imagem"><img src="/obra.jpg" alt=""></div>` +
    `<p>Fonte: Arquivo municipal</p>` +
    Array.from({ length: paragraphs - 1 }, (_, i) => para(i + 1)).join("") +
    "</main></body></html>";
  const text = (paragraphs: number) => {
    const { root } = findMainContent(
      page(paragraphs),
      "https://camara.example/servicos/reabilitacao",
      "service",
    );
    return root === null ? "" : blockText(root);
  };
  const prose = text(10);
  assert.ok(prose.includes("bairro 9") && !prose.includes("Arquivo municipal"), prose);
  const short = text(3);
  assert.ok(short.includes("bairro 2") && short.includes("Arquivo municipal"), short);
});

Deno.test("auto reads the main region inside a theme's <main> as a page of documentation's content", () => {
  // A manual (in German) whose theme wraps the page in <main> and marks the document's body
  // role="main" within it; between them, the bar a narrow screen shows: the neighbouring
  // chapters, and the page's contents set among the links to other pages.
  const para = (i: number) =>
    `<p>Im Abschnitt ${i} wird beschrieben, wie die Sitzung die geänderten Objekte sammelt, ` +
    "in welcher Reihenfolge sie beim nächsten Schreiben an die Datenbank geschickt werden und " +
    "was geschieht, wenn eine Transaktion unterwegs zurückgerollt wird.</p>";
  const html = '<html lang="de"><head><title>Schnellstart</title></head><body>' +
    '<main id="docs"><div id="schmal-navigation"><ul>' +
    '<li><b>Zurück:</b> <a href="orm.html">Das ORM</a></li>' +
    '<li><b>Weiter:</b> <a href="abbildung.html">Klassen abbilden</a></li>' +
    '<li><b>Inhalt:</b></li><ul><li><a href="#modelle">Modelle anlegen</a></li>' +
    '<li><a href="#abfragen">Einfache Abfragen</a></li></ul></ul></div>' +
    '<div id="docs-body" role="main"><h1>Schnellstart</h1><h2 id="modelle">Modelle anlegen</h2>' +
    Array.from({ length: 4 }, (_, i) => para(i)).join("") +
    '<h2 id="abfragen">Einfache Abfragen</h2>' +
    Array.from({ length: 4 }, (_, i) => para(i + 4)).join("") +
    "</div></main></body></html>";
  const { root } = findMainContent(
    html,
    "https://doku.example/orm/schnellstart.html",
    "documentation",
  );
  const text = root === null ? "" : blockText(root);
  assert.ok(text.includes("Abschnitt 7") && text.includes("Einfache Abfragen"), text);
  assert.ok(!text.includes("Klassen abbilden") && !text.includes("Zurück"), text);
});

Deno.test("auto keeps a section heading boxed with the bare slot of its picture", async () => {
  // The picture over the closing section's heading is the heading's again (its alt text);
  // once it goes, its empty paragraph makes Readability clean the box as a block, which
  // it drops as one without content (its text is all in the heading).
  const section = (t: string): string =>
    `<div class="article-content"><p>${t} ${
      "Ogni passaggio conta e va provato con calma. ".repeat(3)
    }</p></div>`;
  const html = '<html lang="it"><head><title>I migliori framework per il web</title>' +
    '<meta property="og:type" content="article"></head><body><main><article>' +
    "<h1>I migliori framework per il web</h1>" +
    section("Un framework dà una struttura comune al codice di un'applicazione.") +
    section("Django è un framework per Python che include un pannello di amministrazione.") +
    // The template indents the box: its white space is no text of the box's own.
    '<div class="ending-section">\n  <p class="center"><img class="lazy" data-src="/fine.png" ' +
    'alt="Considerazioni finali"></p>\n  <h2>\n    Considerazioni\u00a0 finali\n  </h2>\n</div>' +
    section("Abbiamo visto i framework più usati oggi, ma ne esistono molti altri.") +
    "</article></main></body></html>";
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("Django è un framework"), out.content);
  assert.ok(out.content.includes("ne esistono molti altri"), out.content);
  assert.ok(out.content.includes("Considerazioni finali"), out.content);
});

/** A box of a ranked article's template (see {@link INSURERS_OPEN}). */
const detailBox = (inner: string): string =>
  `<div class="wrapper wrapper--detail"><div class="wrapper--detail__body">${inner}</div></div>`;

/** A box of two paragraphs of prose about an insurer, in the template's box. */
const insurerProse = (t: string): string =>
  detailBox(
    `<p>${t} Nel ${t.length + 1990} ha chiuso l'anno con utili in crescita e nuovi clienti.</p>` +
      `<p>Gli agenti della compagnia sono ${t.length * 10}, in aumento sull'anno prima.</p>`,
  );

/** The opening of a ranked article that sets each paragraph in a box of one template. */
const INSURERS_OPEN =
  '<html lang="it"><head><title>Le dieci maggiori compagnie assicurative</title>' +
  '<meta property="og:type" content="article"></head><body><main><article>' +
  "<h1>Le dieci maggiori compagnie assicurative</h1>" +
  insurerProse("La prima compagnia raccoglie premi in tutte le regioni del paese.") +
  insurerProse("La seconda vende soprattutto polizze auto a privati e famiglie.");

Deno.test("auto gives back a run's block that is one sentence around a link", async () => {
  // Each paragraph sits in a box of the same template; the scorer cuts the box whose
  // sentence is mostly its link, as a box of links.
  const html = INSURERS_OPEN +
    detailBox(
      '<p><a href="/guide/valutazione-seconda-compagnia">Leggete la valutazione della ' +
        "seconda compagnia</a> nella nostra guida alle polizze per le famiglie.</p>",
    ) +
    insurerProse("La terza è una mutua con una forte presenza nelle campagne.") +
    detailBox(
      '<p>Correlati: <a href="/notizie/fusione">Due compagnie annunciano la fusione</a></p>',
    ) +
    insurerProse("La quarta assicura soprattutto imprese e grandi rischi industriali.") +
    "</article></main></body></html>";
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("La quarta assicura"), out.content);
  assert.ok(out.content.includes("nella nostra guida alle polizze"), out.content);
  // A "Related" line is no sentence of the text.
  assert.ok(!out.content.includes("annunciano la fusione"), out.content);
});

Deno.test("auto gives back a run's block that is one sentence around a few links", async () => {
  // The sentence links two of its words to other guides; a row of links with a word or
  // two between them is no sentence of the text.
  const html = INSURERS_OPEN +
    detailBox(
      '<p>La seconda è anche tra le <a href="/guide/lombardia">maggiori compagnie in altre ' +
        'regioni, come la Lombardia</a> e la <a href="/guide/toscana">Toscana</a>.</p>',
    ) +
    insurerProse("La terza è una mutua con una forte presenza nelle campagne.") +
    detailBox(
      '<p>Vedi <a href="/auto">Polizze auto</a>, <a href="/casa">Polizze casa</a> e ' +
        '<a href="/vita">Polizze vita</a>.</p>',
    ) +
    insurerProse("La quarta assicura soprattutto imprese e grandi rischi industriali.") +
    "</article></main></body></html>";
  const out = await extractAuto(page(html), {});
  assert.ok(out.content.includes("La quarta assicura"), out.content);
  assert.ok(out.content.includes("come la Lombardia e la Toscana."), out.content);
  assert.ok(!out.content.includes("Polizze casa"), out.content);
});

Deno.test("auto keeps a linked sentence that the page sets in a box of its own", async () => {
  // Readability never drops a <p> for its links, but drops a <div> whose links make a fifth
  // of its text: a page that boxes each paragraph (beside a slot for an advertisement)
  // loses a sentence whose links are its own words. A box of bare links still goes.
  const box = (inner: string): string =>
    `<div class="wrapper"><div class="wrapper-body"><p>${inner}</p><div class="slot"></div></div></div>`;
  const html = '<html lang="en"><head><title>The largest insurers</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/guides">Guides</a></div>' +
    "<main><article><h1>The largest insurers</h1>" +
    box(
      "Founded in 1922 and headquartered in San Antonio, the group has grown into one of the " +
        "ten largest insurers in the country, offering banking and a full suite of cover.",
    ) +
    box(
      'The group also rates among the <a href="/ma">top carriers in other states, like ' +
        'Massachusetts</a> and <a href="/fl">Florida</a>.',
    ) +
    box(
      "Its most popular products are auto and homeowners' insurance, where it ranks among the " +
        "top-rated carriers and writes a large share of the premiums of the whole market.",
    ) +
    box(
      "The second largest group grew from a single office in a small town into a company " +
        "with agents in every state, and it still sells most of its policies through them.",
    ) +
    box(
      "Its drivers can build their own cover online, picking each part of a policy by its " +
        "price, and reviewers count that tool among the most useful in the whole industry.",
    ) +
    box(
      "The third group writes more commercial cover than any other, from small shops to the " +
        "largest fleets of trucks, and its share of the market has grown for ten years.",
    ) +
    box('<a href="/a">Best car insurers</a> <a href="/b">Best home insurers</a>') +
    "</article></main></body></html>";
  const url = "https://insurance.example/largest-insurers";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("like Massachusetts and Florida."), out.content);
  assert.ok(out.content.includes("Founded in 1922"), out.content);
  assert.ok(!out.content.includes("Best home insurers"), out.content);
});

Deno.test("auto keeps a paragraph boxed twice whose links make under a quarter of it", async () => {
  // Readability reads a box that wraps one paragraph (under a quarter of it links) as the
  // paragraph, but it reads boxes from the outside in: once the inner box became the
  // paragraph, the box around it stays a box, and its trim drops a box a fifth of whose
  // text is links. A box of a paragraph that is mostly links still goes.
  const boxed = (inner: string): string =>
    `<div class="tile"><div class="tile-summary"><div class="tile-copy"><p>${inner}</p></div></div></div>`;
  const html = '<html lang="en"><head><title>Management certificates</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/guides">Guides</a></div>' +
    "<main><article><h1>Management certificates</h1>" +
    "<p>A certificate can boost the skills a manager needs in a business world that changes " +
    "quickly, and most programs take a few months of evenings rather than years of study.</p>" +
    boxed(
      "When you are seeking a certificate that will boost your management skills, look no " +
        'further than the association. Take the <a href="/mba">MBA Certificate Program</a> ' +
        "to learn to lead with confidence and to plan the work of a growing team. Or become " +
        'an expert trainer in the <a href="/training">Training Certificate Program</a>. The ' +
        '<a href="/writing">Business Writing Program</a> and the ' +
        '<a href="/speaking">Public Speaking Program</a> will help you become a strong and ' +
        "effective communicator who delivers messages that people read and remember well. " +
        'The <a href="/inclusion">Inclusion Program</a> closes the series for managers.',
    ) +
    "<p>Each program ends with a project that the student plans and carries out at work, " +
    "and a coach reads it and talks it through with the student before the certificate.</p>" +
    "<p>Most employers count these certificates when they weigh a promotion, and many pay " +
    "for them as part of the training budget they set aside for their managers each year.</p>" +
    [1, 2, 3, 4, 5, 6].map((i) =>
      `<p>Part ${i} of the course meets online once a week, and its students read a chapter ` +
      "of the handbook and write a short note on how its advice fits the team they lead.</p>"
    ).join("") +
    boxed(
      'See also <a href="/a">Leadership courses for new managers</a> and ' +
        '<a href="/b">Project management courses online</a>.',
    ) +
    "</article></main></body></html>";
  const url = "https://learn.example/management-certificates";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("look no further than the association"), out.content);
  assert.ok(out.content.includes("Each program ends with a project"), out.content);
  assert.ok(!out.content.includes("Project management courses online"), out.content);
});

Deno.test("auto keeps a titled callout whose sentence links its source", async () => {
  // Readability trims a <div> whose links make a fifth of its text: a callout box that sets
  // a title over one sentence citing its source by a link ("Price check", then the figure)
  // is the writer's text. A card whose title links to another story still goes.
  const html = '<html lang="en"><head><title>Online MBA programs</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/guides">Guides</a></div>' +
    "<main><article><h1>Online MBA programs</h1>" +
    [1, 2, 3, 4, 5].map((i) =>
      `<p>Step ${i} of choosing a program is to weigh what its courses teach against the ` +
      "roles you want to reach, and to ask its graduates how their careers went after it.</p>"
    ).join("") +
    '<div class="callout rounded border"><h3>Price check</h3><div><p>The average MBA costs ' +
    'about $17,000 in tuition and fees, according to the <a href="https://stats.example/">' +
    'National Center for Statistics</a> (NCES).</p><div class="slot"></div></div></div>' +
    "<p>Accredited programs hold both institutional and programmatic accreditation, which " +
    "employers and other schools check before they count a degree or its credits.</p>" +
    '<div class="card"><h3><a href="/story">Ten cities for new graduates</a></h3>' +
    '<p>Where <a href="/jobs">jobs</a> pay the most for <a href="/mba">new MBAs</a>.</p></div>' +
    "</article></main></body></html>";
  const url = "https://colleges.example/online-mba";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("Price check"), out.content);
  assert.ok(out.content.includes("about $17,000 in tuition"), out.content);
  assert.ok(!out.content.includes("Ten cities for new graduates"), out.content);
});

Deno.test("auto keeps a titled section whose paragraph of prose links its source", async () => {
  // Readability trims a <div> whose links make a fifth of its text: a section that sets a
  // heading over a paragraph of prose citing a guide by a link, then the site's address,
  // is the writer's text. A card whose title links to another story still goes.
  const html = '<html lang="en"><head><title>Meditation and health</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/topics">Topics</a></div>' +
    "<main><article><h1>Meditation and health</h1>" +
    [1, 2, 3, 4, 5].map((i) =>
      `<p>Study ${i} of the review found that people who meditated for eight weeks slept ` +
      "better and reported less stress than those who were put on the waiting list.</p>"
    ).join("") +
    '<div class="resource"><h3>PubMed</h3><p>A service of the national library, PubMed holds ' +
    "publication information and brief summaries of articles from medical journals. For help " +
    'searching it, see <a href="/guides/pubmed-searching">How to find studies of health ' +
    "practices on PubMed</a>.</p><p><b>Website: </b>" +
    '<a href="https://pubmed.example/">https://pubmed.example/</a></p></div>' +
    '<div class="card"><h3><a href="/story">Ten ways to sleep better</a></h3>' +
    '<p>What <a href="/sleep">sleep experts</a> say about <a href="/naps">naps</a>.</p></div>' +
    "</article></main></body></html>";
  const url = "https://health.example/meditation";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("How to find studies of health practices"), out.content);
  assert.ok(out.content.includes("brief summaries of articles"), out.content);
  assert.ok(!out.content.includes("Ten ways to sleep better"), out.content);
});

Deno.test("auto keeps a table of links the text introduces with a colon", async () => {
  // Readability trims a table whose text is all links; one that a paragraph ending with a
  // colon introduces, with the text going on after it, is the writer's list of reading.
  const cell = (t: string): string => `<td><p><a href="/blog/${t.length}">${t}</a></p></td>`;
  const html = '<html lang="en"><head><title>Learning SEO</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/blog">Blog</a></div>' +
    "<main><article><h1>Learning SEO</h1>" +
    [1, 2, 3, 4].map((i) =>
      `<p>Resource ${i} on the list teaches the basics of search in short lessons that a ` +
      "beginner can follow, with exercises at the end of each one.</p>"
    ).join("") +
    "<p><strong>Here are just a few of the most popular posts about SEO:</strong></p>" +
    '<div class="table"><table><tbody><tr>' +
    cell("How to create a winning proposal") + cell("The most important metrics to track") +
    "</tr><tr>" + cell("Nine certifications and courses to level up your agency") +
    cell("How to write an effective content brief for writers") + "</tr><tr>" +
    cell("The benefits of search: what to tell clients about their return") +
    cell("How to set realistic expectations") +
    "</tr></tbody></table></div>" +
    "<h2>Keyword research</h2>" +
    "<p>This is one of the most important parts of the work: even the strongest links bring " +
    "no one if nobody searches for the words the pages are written for.</p>" +
    "</article></main></body></html>";
  const url = "https://agency.example/learn-seo";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("How to create a winning proposal"), out.content);
  assert.ok(out.content.includes("Keyword research"), out.content);
});

Deno.test("auto keeps a list of linked stories set between paragraphs of prose", async () => {
  // Readability trims a list of weight whose text is all links; a news story links related
  // stories in its body, between two of its paragraphs, where the reader meets them.
  const html = '<html lang="en"><head><title>Court hears extradition case</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>' +
    '<main><article><h1>Court hears extradition case</h1><div class="story-body">' +
    [1, 2, 3].map((i) =>
      `<p>Day ${i} of the hearing turned on whether the charges were political, and the ` +
      "lawyers for both sides called witnesses who had followed the case for years.</p>"
    ).join("") +
    '<ul class="story-body__list"><li><a href="/news/conviction">How likely is a ' +
    "conviction in the US?</a></li></ul>" +
    "<p>The judge said she would give her ruling in writing, and that either side could " +
    "appeal it to the high court within fourteen days of the decision.</p>" +
    "</div></article></main></body></html>";
  const url = "https://news.example/extradition";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("How likely is a conviction in the US?"), out.content);
  assert.ok(out.content.includes("appeal it to the high court"), out.content);
});

Deno.test("auto keeps a box whose link writes out the address it leads to", async () => {
  // Readability trims a <div> whose links make a fifth of its text; an address written out
  // ("Email us at ...", "here: https://...") is text to read and copy, not a way through
  // the site. A box of links by name still goes.
  const box = (inner: string): string => `<div class="note"><p>${inner}</p></div>`;
  const p = (t: string): string => `<p>${t}</p>`;
  const html = '<html lang="en"><head><title>Small models at home</title>' +
    '<meta property="og:type" content="article"></head><body>' +
    '<div class="nav"><a href="/">Home</a> <a href="/posts">Posts</a></div>' +
    "<main><article><h1>Small models at home</h1>" +
    p(
      "I wanted to know whether a small language model could read news articles on a laptop " +
        "and tell me what they were about, without sending anything to a server.",
    ) +
    p(
      "So I loaded three of them, gave each the same six articles and compared what came " +
        "back, how long it took and how hot the machine ran while it worked.",
    ) +
    box(
      'The code for both versions is here: <a href="https://github.com/someone/slm-tests">' +
        "https://github.com/someone/slm-tests</a>",
    ) +
    box(
      'Questions about the tests? Email me at <a href="mailto:me@blog.example">me@blog.example</a>',
    ) +
    p(
      "The first thing I found is that these models are hungry: they took ten to twenty " +
        "minutes for the six articles and the fan never stopped while they ran.",
    ) +
    p(
      "The second thing I found is that the answers differ a lot: one model read every " +
        "article as good news, another found a crisis in each, and the third mostly agreed.",
    ) +
    p(
      "The third thing is that the prompt matters more than the model: with a short list of " +
        "what I wanted back, all three gave answers I could compare line by line.",
    ) +
    p(
      "Next I will try larger models on a rented machine, to see whether the gap between " +
        "them and these small ones is worth the money and the wait for my kind of work.",
    ) +
    box('Follow me: <a href="/fb">Facebook</a> <a href="/x">X</a> <a href="/in">LinkedIn</a>') +
    "</article></main></body></html>";
  const url = "https://blog.example/small-models";
  const out = await extractAuto(page(html, { url, finalUrl: url }), {});
  assert.ok(out.content.includes("https://github.com/someone/slm-tests"), out.content);
  assert.ok(out.content.includes("Email me at me@blog.example"), out.content);
  assert.ok(!out.content.includes("LinkedIn"), out.content);
});

Deno.test("findMainContent() reads the page's <main> when the scorer's block holds under half of its prose", () => {
  // A landing page whose names say nothing: a hero, four sections (each a heading and two
  // paragraphs beside a picture) and an FAQ. The FAQ is the densest block and the scorer's
  // choice, yet it holds only two fifths of the prose of <main>, which holds it all.
  const line = (topic: string, n: number): string =>
    `${topic} is covered in part ${n} with enough detail, figures and plain examples that ` +
    `it reads as a real paragraph of the page.`;
  const sections = ["Soil", "Water", "Light", "Shade"].map((t, i) =>
    `<div class="x${i}a"><div class="x${i}b"><div class="x${i}c"><h2>${t} for every bed</h2>` +
    `<p>${line(t, 1)}</p><p>${line(t, 2)}</p></div>` +
    `<div class="x${i}d"><img src="/${i}.png" alt=""></div></div></div>`
  ).join("");
  const faq = ["When", "How", "Why", "Where", "Who", "What"].map((q, i) =>
    `<div class="q${i}"><h3>${q} should I plan?</h3><p>${line(q, 3)}</p></div>`
  ).join("");
  const html = `<html><head><title>Garden planner</title></head><body>
    <header><nav><a href="/">Home</a> <a href="/tools">Tools</a> <a href="/blog">Blog</a></nav></header>
    <main><section class="h1x"><div class="h2x"><h1>Free garden planner</h1><p>${
    line("Planning", 0)
  }</p></div></section>
    <div class="sx">${sections}</div>
    <div class="fw"><section class="fq"><div class="fqa"><h2>Questions</h2><div class="fqb">${faq}</div></div></section></div></main>
    <footer><p>© 2024 Garden Co.</p></footer></body></html>`;
  const { root } = findMainContent(html, "https://garden.example/planner", "article");
  const text = root?.textContent ?? "";
  for (
    const kept of [
      "Planning is covered",
      "Soil for every bed",
      "Shade is covered in part 2",
      "Who is covered",
    ]
  ) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("extractAuto() keeps the <br><br> break after an old page's <font> title", async () => {
  // A table layout of the early 2000s: the title and the text each in a <font>, the
  // paragraphs parted by <br><br>, a <center> figure within the text's <font>.
  const text = (n: number): string =>
    `Absatz ${n} der Ortsgeschichte erzählt, wie das Dorf nach dem Krieg wieder wuchs, ` +
    `welche Höfe dazukamen und wer in den Steinbrüchen am Hang gearbeitet hat.`;
  const html = `<html><head><title>Gemeinde - Geschichte</title></head><body>
    <table width="780"><tr>
    <td width="160"><a href="index.html"><font size="2"><b>Startseite</b></font></a><br>
    <a href="rathaus.html"><font size="2"><b>Rathaus</b></font></a></td>
    <td width="610" valign="top">
    <font size="4"><b>Aus der Geschichte unserer Gemeinde</b></font><br>
    <br>
    <font size="2">${text(1)}<br>
    <br>
    ${text(2)}<br>
    <br>
    <center><img src="kirche.jpg" alt=""><br><font size="1"><i>Die alte Kirche</i></font></center>
    <br>
    ${text(3)}</font>
    </td></tr></table></body></html>`;
  const lines = (await extractAuto(page(html), {})).content.split("\n\n");
  const title = lines.indexOf("Aus der Geschichte unserer Gemeinde");
  assert.ok(title >= 0);
  assert.equal(lines[title + 1], text(1));
});

Deno.test("extractAuto() keeps only the content's cell of a table layout's row", async () => {
  // The text in a <td> beside a cell of navigation and a visitor counter: Readability
  // takes the row.
  const text = (n: number): string =>
    `<p>Absatz ${n} der Vereinschronik erzählt, wie der Verein nach dem Krieg neu begann, ` +
    `wer den Sportplatz baute und wann die erste Mannschaft aufstieg.</p>`;
  const html = `<html><head><title>Chronik</title></head><body>
    <table width="780"><tr>
    <td width="160" valign="top"><a href="index.html">Startseite</a><br>
    <a href="chronik.html">Chronik</a><br><a href="gaestebuch.html">Gästebuch</a><br><br>
    <center>Sie sind Besucher Nr.<br><img src="/cgi-bin/counter.pl" alt=""></center></td>
    <td width="10"><img src="spacer.gif" width="10" height="1"></td>
    <td width="610" valign="top">${text(1)}${text(2)}${text(3)}</td>
    </tr></table></body></html>`;
  const { content } = await extractAuto(page(html), {});
  assert.equal(content.split("\n\n").length, 3);
  assert.ok(!content.includes("Besucher"));
  assert.ok(!content.includes("Startseite"));
});
