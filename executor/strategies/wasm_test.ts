import assert from "node:assert/strict";
import { extract, type Page } from "../extract.ts";
import { countWords } from "../_words.ts";
import { CHUNK_CHARS, extractWasm } from "./wasm.ts";
import { MAX_TEXT_CHARS } from "./_wasm_collect.ts";

function page(html: string, contentType = "text/html"): Page {
  return {
    url: "http://127.0.0.1/a",
    finalUrl: "http://127.0.0.1/a",
    status: 200,
    contentType,
    html,
    bytes: html.length,
  };
}

function fixture(name: string): Promise<string> {
  return Deno.readTextFile(new URL(`../testdata/${name}`, import.meta.url));
}

Deno.test("extractWasm() keeps the article and drops the page chrome", async (t) => {
  const out = await extractWasm(page(await fixture("wasm_article.html")), {});
  const paragraphs = out.content.split("\n\n");

  await t.step("the article's paragraphs, headings and list items come out in order", () => {
    assert.deepEqual(paragraphs, [
      "The moon pulls the oceans into two bulges, and the earth turns beneath them, so most coasts see two high tides a day.",
      "The sun adds a smaller pull of its own. When sun and moon line up, at new and full moon, the tides are strongest: these are the spring tides.",
      "Between them, at the quarter moons, come the weaker neap tides, when the two pulls partly cancel each other out.",
      "Reading a tide table",
      "A tide table lists, for each day, the times and heights of high and low water at one place, usually a harbour.",
      "Heights are given above chart datum, a low reference level.",
      "Times are local, and summer time may need adding.",
      "Café owners on the quay know the table by heart — a spring tide brings the water to their door.",
    ]);
  });

  await t.step("scripts, styles, navigation, share bars, captions and comments are gone", () => {
    for (
      const junk of [
        "not text",
        "late script",
        "World",
        "Share on Facebook",
        "Photo: Jane Doe",
        "Great article",
        "newsletter",
        "Sign up now",
        "All rights reserved",
        "Why the sea is salty",
        "By Ada Lovelace",
        "Tide tables explained",
      ]
    ) {
      assert.ok(!out.content.includes(junk), `"${junk}" should be dropped`);
    }
  });

  await t.step("metadata comes from the head", () => {
    assert.equal(out.metadata.title, "Tide tables explained");
    assert.equal(out.metadata.language, "en");
    assert.equal(out.metadata.description, "Why most coasts see two tides a day.");
    // Confidence saturates at 250 words; this short article has fewer.
    const words = countWords(out.content);
    assert.ok(words > 0 && words < 250);
    assert.equal(out.metadata.quality_score, Math.round((words / 250) * 100) / 100);
  });
});

Deno.test("extractWasm() copes with difficult pages", async (t) => {
  await t.step("malformed HTML: unclosed tags, stray end tags, comments, quoted >", async () => {
    const out = await extractWasm(page(await fixture("wasm_malformed.html")), {});
    const paragraphs = out.content.split("\n\n");
    assert.equal(
      paragraphs[0],
      "First paragraph of the broken page, which never closes its bold tag bold both italic and goes on.",
    );
    assert.match(paragraphs[1] ?? "", /^Second paragraph without a closing tag/);
    assert.equal(
      paragraphs[2],
      "Third & last paragraph: <p> is text here, été and — decoded, an attribute with a quoted greater-than survives.",
    );
    assert.ok(!out.content.includes("markup"));
    assert.equal(out.metadata.title, "Broken & unclosed");
  });

  await t.step("an empty page gives empty content", async () => {
    const out = await extractWasm(page(""), {});
    assert.equal(out.content, "");
    assert.equal(out.metadata.title, null);
    assert.equal(out.metadata.quality_score, 0);
  });

  await t.step("a page that is all navigation gives empty content and zero quality", async () => {
    const out = await extractWasm(page(await fixture("wasm_navigation.html")), {});
    assert.equal(out.content, "");
    assert.equal(out.metadata.quality_score, 0);
    assert.equal(out.metadata.title, "Site map");
  });

  await t.step("a page decoded from ISO-8859-1 keeps its accents", async () => {
    const bytes = await Deno.readFile(new URL("../testdata/wasm_latin1.html", import.meta.url));
    const out = await extractWasm(page(new TextDecoder("iso-8859-1").decode(bytes)), {});
    assert.equal(
      out.content,
      "Déjà vu à la crème brûlée, naïve et élégante, servie au café près de la gare.",
    );
    assert.equal(out.metadata.title, "Café crème");
  });

  await t.step("characters and entities across chunk boundaries survive", async () => {
    // Put an emoji (a surrogate pair) and an entity exactly on the first chunk boundary.
    const head = "<html><body><article><p>";
    const filler = "x".repeat(CHUNK_CHARS - head.length - 1);
    const html = `${head}${filler}🌊 caf&eacute;, and the tide, rises</p></article></body></html>`;
    const out = await extractWasm(page(html), {});
    assert.equal(out.content, `${filler}🌊 café, and the tide, rises`);
  });

  await t.step("a huge page is processed with the kept text capped", async () => {
    const paragraph =
      "<p>The tide came in, slowly, over the long flat sands of the bay, as it always did.</p>";
    const count = Math.ceil((MAX_TEXT_CHARS * 1.5) / 80);
    const html = `<html><body><div class="story">${paragraph.repeat(count)}</div></body></html>`;
    const out = await extractWasm(page(html), {});
    assert.ok(out.content.length > MAX_TEXT_CHARS * 0.9, `got ${out.content.length} characters`);
    assert.ok(out.content.length <= MAX_TEXT_CHARS * 1.1, `got ${out.content.length} characters`);
  });

  await t.step("deep nesting does not overflow the stack", async () => {
    const depth = 20_000;
    const html = `<html><body>${
      "<div>".repeat(depth)
    }<p>Deep inside, the text is found, all the same, after all.</p>${
      "</div>".repeat(depth)
    }</body></html>`;
    const out = await extractWasm(page(html), {});
    assert.equal(out.content, "Deep inside, the text is found, all the same, after all.");
  });

  await t.step("a wrapper with a boilerplate-looking name still yields its article", async () => {
    const paragraphs = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Paragraph ${i} of the story, long enough to count, with a comma or two, surely.</p>`,
    ).join("");
    const html =
      `<html><body><div class="container penci_sidebar">${paragraphs}</div></body></html>`;
    const out = await extractWasm(page(html), {});
    assert.equal(out.content.split("\n\n").length, 8);
  });

  await t.step("text/plain pages are passed through", async () => {
    const out = await extractWasm(page("  plain <b>text</b>  ", "text/plain"), {});
    assert.equal(out.content, "plain <b>text</b>");
  });

  await t.step("an aborted signal stops the extraction", async () => {
    await assert.rejects(
      extractWasm(page("<p>x</p>"), { signal: AbortSignal.abort(new Error("cancelled")) }),
      { message: "cancelled" },
    );
  });
});

Deno.test("extractWasm() reads attributes, comments and the title in its scanner", async (t) => {
  const story = (inner: string): string =>
    `<html><body><article>${inner}<p>The tide turns, and the boats lift, twice a day.</p></article></body></html>`;
  const content = async (html: string): Promise<string> =>
    (await extractWasm(page(html), {})).content;
  const last = "The tide turns, and the boats lift, twice a day.";

  await t.step("hidden elements are skipped with everything inside", async () => {
    for (
      const hidden of [
        "<div hidden><p>Hidden by attribute, not for readers at all.</p></div>",
        '<div aria-hidden="true"><p>Hidden from assistive tech, not text.</p></div>',
        '<section role="navigation"><p>Navigation by role, not text.</p></section>',
        '<div style="color:red; display: none"><p>Hidden by style, not text.</p></div>',
        "<DIV HIDDEN><P>Upper-case markup is hidden too.</P></DIV>",
      ]
    ) {
      assert.equal(await content(story(hidden)), last, hidden);
    }
  });

  await t.step(
    "a class with hidden in it, another role or aria-hidden=false is not hidden",
    async () => {
      const kept = "Visible, whatever the class, and long enough to stay.";
      assert.equal(
        await content(story(`<div class="unhidden" role="main"><p>${kept}</p></div>`)),
        `${kept}\n\n${last}`,
      );
      assert.equal(
        await content(story(`<div aria-hidden="false"><p>${kept}</p></div>`)),
        `${kept}\n\n${last}`,
      );
    },
  );

  await t.step("a boilerplate-named small element ends where HTML ends it", async () => {
    // An unclosed <p class="byline"> ends at the next block; an unclosed <span> at its parent's end.
    assert.equal(
      await content(story('<p class="byline">By Ada<p>Kept, after the byline.')),
      [
        "Kept, after the byline.",
        last,
      ].join("\n\n"),
    );
    assert.equal(
      await content(story('<div><span class="share">Share this</div><p>Kept, after the span.</p>')),
      ["Kept, after the span.", last].join("\n\n"),
    );
    assert.equal(
      await content(story('<ul><li class="related">Other story<li>Kept, the next item.</ul>')),
      ["Kept, the next item.", last].join("\n\n"),
    );
  });

  await t.step(
    "comments are dropped, also empty ones and ones across a chunk boundary",
    async () => {
      assert.equal(
        await content(story("<!--><p>After an empty comment.</p><!--->")),
        [
          "After an empty comment.",
          last,
        ].join("\n\n"),
      );
      const head = "<html><body><article><p>";
      const pad = "y".repeat(CHUNK_CHARS - head.length - 2);
      const html =
        `${head}${pad}<!-- <p>not text</p> -- > --><!-- x --></p><p>${last}</p></article>`;
      assert.equal(await content(html), `${pad}\n\n${last}`);
    },
  );

  await t.step("the title is raw text, also across a chunk boundary", async () => {
    const out = await extractWasm(page("<title>1 <b> 2 &amp; 3</title><p>x</p>"), {});
    assert.equal(out.metadata.title, "1 <b> 2 & 3");
    // The first chunk ends inside the title's text, then inside its end tag.
    for (const cut of ["<title>Tide tab", "<title>Tide tables</ti"]) {
      const pad = `<!--${"z".repeat(CHUNK_CHARS - cut.length - 7)}-->`;
      const out = await extractWasm(page(`${pad}<title>Tide tables</title><p>x</p>`), {});
      assert.equal(out.metadata.title, "Tide tables", cut);
    }
  });

  await t.step("meta tags give the description and the og:title", async () => {
    const out = await extractWasm(
      page(
        `<html lang="fr"><head><meta property="og:title" content="Mar&eacute;es">` +
          `<META NAME=description CONTENT='Deux mar\u00e9es par jour'></head><body></body></html>`,
      ),
      {},
    );
    assert.equal(out.metadata.title, "Marées");
    assert.equal(out.metadata.description, "Deux marées par jour");
    assert.equal(out.metadata.language, "fr");
  });
});

Deno.test("extractWasm() loads its WebAssembly without read permission", async () => {
  const script = new URL("../testdata/wasm_restricted.ts", import.meta.url);
  const config = new URL("../../deno.json", import.meta.url);
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      "--quiet",
      "--config",
      config.pathname,
      "--allow-read=/tmp",
      "--allow-env=HOME",
      script.pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  assert.equal(
    new TextDecoder().decode(stdout).trim(),
    '"Loaded without read access, still extracting."',
  );
});

Deno.test("extract() runs the wasm strategy through the loader", async () => {
  const out = await extract(
    page("<article><p>Through the loader, with a comma, and enough words.</p></article>"),
    "wasm",
  );
  assert.equal(out.content, "Through the loader, with a comma, and enough words.");
  assert.equal(out.metadata.strategy_used, "wasm");
});

Deno.test("extractWasm() gets through pathological markup", async (t) => {
  await t.step("a million unclosed tag starts", async () => {
    const out = await extractWasm(page("<a".repeat(500_000)), {});
    assert.equal(out.content, "");
  });

  await t.step("a stray quote in every tag", async () => {
    const html = `<html><body><div class="story"><p>Before the storm, the sea was calm.</p>${
      '<p><a x="'.repeat(50_000)
    }</div></body></html>`;
    const out = await extractWasm(page(html), {});
    assert.equal(out.content, "Before the storm, the sea was calm.");
  });

  await t.step("a lone < in text stays text", async () => {
    const out = await extractWasm(
      page("<article><p>1 < 2, and 3 <= 4, but 5 > 4.</p></article>"),
      {},
    );
    assert.equal(out.content, "1 < 2, and 3 <= 4, but 5 > 4.");
  });
});

Deno.test("extractWasm() returns Markdown of the paragraphs it keeps when asked", async (t) => {
  const prose = "with enough words, commas, and clauses to read like a paragraph of the article";
  const html = `<html><body><nav><a href="/">Home</a></nav><article>
    <h1>Headline</h1><p>First paragraph ${prose}.</p><h2>A *starred* section</h2>
    <p>- not a list item, but ${prose}.</p><ol><li>one</li><li>two &amp; three</li></ol>
    <pre><code>if (a &lt; b) {
  return \`x\`;
}</code></pre><blockquote><p>Quoted ${prose}.</p><ul><li>in a quote</li></ul></blockquote><p>Last ${prose}.</p>
    </article><footer>Footer</footer></body></html>`;
  const out = await extractWasm(page(html), { markdown: true });

  await t.step("headings, list items, quotes and code blocks are marked up", () => {
    assert.equal(
      out.markdown,
      [
        `First paragraph ${prose}.`,
        "## A \\*starred\\* section",
        `\\- not a list item, but ${prose}.`,
        "1. one\n2. two & three",
        "```\nif (a < b) {\n  return `x`;\n}\n```",
        `> Quoted ${prose}.\n>\n> - in a quote`,
        `Last ${prose}.`,
      ].join("\n\n"),
    );
  });

  await t.step("the text content is unchanged by asking for Markdown", async () => {
    const plain = await extractWasm(page(html), {});
    assert.equal(plain.content, out.content);
    assert.equal(plain.markdown, undefined);
  });

  await t.step("a text/plain page is its own Markdown", async () => {
    const text = await extractWasm(page("Just text.", "text/plain"), { markdown: true });
    assert.equal(text.markdown, "Just text.");
  });
});

Deno.test("extractWasm() marks quotes and numbered items as Markdown inside markup nested thousands deep", async () => {
  const prose = (n: number) =>
    `Sentence ${n} of the report on the tide pools, with a comma, long enough to be prose.`;
  // Tags that never close nest each block one deeper than the last.
  const deep = Array.from({ length: 3_000 }, (_, i) => `<div><p>${prose(i)}`).join("");
  const html = `<html><body><article>${deep}<blockquote><ol><li>${prose(-1)}</li></ol>` +
    `<p>${prose(-2)}</p></blockquote><ul><li>${prose(-3)}</li></ul></article></body></html>`;
  const out = await extractWasm(page(html), { markdown: true });
  const lines = out.markdown!.split(/\n+/);
  assert.ok(lines.includes(`> 1. ${prose(-1)}`), lines.slice(-3).join(" | "));
  assert.ok(lines.includes(`> ${prose(-2)}`));
  assert.ok(lines.includes(`- ${prose(-3)}`) || lines.includes(`* ${prose(-3)}`));
  assert.ok(lines.includes(prose(2_999)));
});

Deno.test("extractWasm() passes over end tags of elements not open, under deep nesting", async () => {
  const prose = (n: number) =>
    `Sentence ${n} of the report on the tide pools, with a comma, long enough to be prose.`;
  // A template's stray end tags ("</section>", "</p>" with none open) close nothing: the
  // paragraphs after them stay in the article, beside the ones before.
  const html = `<html><body>${"<div>".repeat(3_000)}<article><p>${prose(1)}</p>` +
    `${"</section></p>".repeat(3_000)}<p>${prose(2)}</p><p>${prose(3)}</p></article>` +
    `${
      "</div>".repeat(3_000)
    }<footer><p>Footer links and the site's copyright.</p></footer></body></html>`;
  const out = await extractWasm(page(html), {});
  assert.deepEqual(out.content.split("\n\n"), [prose(1), prose(2), prose(3)]);
});
