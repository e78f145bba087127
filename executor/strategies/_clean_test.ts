import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { collapse } from "./_dom_text.ts";
import { markCards } from "./_listing.ts";
import { POST_BODY_ATTR, segmentThread } from "./_thread.ts";
import {
  blockText,
  cleanArticle,
  cleanLight,
  cleanThread,
  dropAfterTypedRule,
  dropAudioLabels,
  dropBylineStack,
  dropCallBoxes,
  dropCardTitleEchoes,
  dropClosingLinkBlocks,
  dropCommentLists,
  dropDateBlocks,
  dropDateStamps,
  dropDocumentSections,
  dropEchoedLabels,
  dropFigureSheets,
  dropFileBoxes,
  dropFramingTwins,
  dropImageCredits,
  dropItemButtons,
  dropLeadBylines,
  dropLeadDatelines,
  dropLeadFactsLines,
  dropLeadReadingTimes,
  dropLineGutters,
  dropLinkBlockHeads,
  dropLoneButtonLinks,
  dropNewsletterPitches,
  dropPlayerClocks,
  dropPlayerControls,
  dropPreviewTwins,
  dropReadingTimeRails,
  dropRepeatedCalls,
  dropResponsiveTwins,
  dropSiteFooters,
  dropStepCounters,
  dropSwipeHints,
  dropTogglePairs,
  dropTrailingStoryCards,
  dropVersionBadges,
  inlineSentenceButtons,
  markLinkBlockHeads,
  NOTE_CALL,
  NOTE_CALL_BOXES,
  spaceInlineBoxes,
  titlesItsLists,
  trimTail,
  unwrapTextCaptions,
} from "./_clean.ts";

function textOf(html: string): string {
  return blockText(parsePage(`<html><body>${html}</body></html>`).body as unknown as Element);
}

/** The text `stage` leaves of a page's `<article>` holding `html`. */
function articleAfter(html: string, stage: (root: Element) => unknown): string {
  const body = parsePage(`<html><body><article>${html}</article></body></html>`)
    .body as unknown as Element;
  const root = body.querySelector("article")!;
  stage(root);
  return blockText(root);
}

/** The text cleanArticle() leaves of an article holding `html`, on a page titled `title`. */
function cleanedArticle(html: string, title: string | null = null): string {
  return articleAfter(html, (article) => cleanArticle(article, title));
}

Deno.test("cleanLight() drops the title's <h1> when the template escaped it twice", () => {
  const title = "12 Must-Have Data Analysis Tools for 2026 | Python, SQL & AI";
  const body = "<p>Data analysis is crucial in today's businesses and organizations.</p>";
  // The heading shows "&#x26;" where the title reads "&".
  const twice = "<h1>12 Must-Have Data Analysis Tools for 2026 | Python, SQL &amp;#x26; AI</h1>";
  const out = articleAfter(twice + body, (root) => cleanLight(root, title));
  assert.ok(!out.includes("Must-Have"), out);
  assert.ok(out.includes("Data analysis is crucial"), out);
  // Another heading that shows a reference is the text's own.
  const other = "<h1>Escaping &amp;#x26; in SQL strings</h1>";
  const kept = articleAfter(other + body, (root) => cleanLight(root, title));
  assert.ok(kept.includes("Escaping &#x26; in SQL strings"), kept);
});

Deno.test("cleanLight() drops an <h2> that repeats the title over the text, not one below", async (t) => {
  const title = "Mental Health Services";
  const lead = "<p>Our counsellors offer therapy for adults, teens and families.</p>";
  const more = "<p>Sessions are held in person or online, in the evenings too.</p>";
  await t.step("the title set as an <h2> over the text goes", () => {
    const out = articleAfter(`<h2>${title}</h2>${lead}${more}`, (root) => cleanLight(root, title));
    assert.ok(!out.includes(title), out);
    assert.ok(out.includes("Our counsellors") && out.includes("Sessions are held"), out);
  });
  await t.step("the same words heading a section below the lead stay", () => {
    const out = articleAfter(`${lead}<h2>${title}</h2>${more}`, (root) => cleanLight(root, title));
    assert.ok(out.includes(title), out);
  });
});

Deno.test("cleanLight() drops the title's <h1> set on two lines, read as shown or as written", () => {
  const body = "<p>Empower your career with the expertise to lead a newsroom's products.</p>";
  const heading = "<h1>News Product<br>Management Certification</h1>";
  // The <title>'s words, the line break a space between two of them.
  const shown = articleAfter(
    heading + body,
    (root) => cleanLight(root, "News Product Management Certification"),
  );
  assert.ok(!shown.includes("Certification"), shown);
  assert.ok(shown.includes("Empower your career"), shown);
  // A title taken from the heading itself glues them, as its text does.
  const glued = articleAfter(
    heading + body,
    (root) => cleanLight(root, "News ProductManagement Certification"),
  );
  assert.ok(!glued.includes("Certification"), glued);
  // A heading of other words stays.
  const other = articleAfter(
    "<h1>Product<br>Management</h1>" + body,
    (root) => cleanLight(root, "News Product Management Certification"),
  );
  assert.ok(other.includes("Management"), other);
});

Deno.test("cleanLight() drops a documentation page's <h1> that is its title's first part", () => {
  const title = "Functions - JavaScript | MDN";
  const body = "<p>Functions are one of the fundamental building blocks in JavaScript.</p>";
  const heading = "<h1>Functions</h1>";
  const out = articleAfter(heading + body, (root) => cleanLight(root, title, true));
  assert.ok(!out.includes("Functions\n"), out);
  assert.ok(out.includes("Functions are one of"), out);
  // Without `byLead` (a product's name before its variant) only the whole title goes.
  const kept = articleAfter(heading + body, (root) => cleanLight(root, title));
  assert.ok(kept.startsWith("Functions\n"), kept);
  // A heading that is another part of the title (the section's name) is the text's own.
  const section = articleAfter(
    "<h1>JavaScript</h1>" + body,
    (root) => cleanLight(root, title, true),
  );
  assert.ok(section.startsWith("JavaScript\n"), section);
});

Deno.test("cleanLight() drops an opening <h2> or <h3> that is the page's <title>", () => {
  // The site's name is its <h1> (read as the page's title); the <title> names the page.
  const region = (title: string, html: string, byLead = true): string => {
    const doc = parsePage(
      `<html><head><title>${title}</title></head><body><main>${html}</main></body></html>`,
    );
    const root = (doc.body as unknown as Element).querySelector("main")!;
    cleanLight(root, "nginx", byLead);
    return blockText(root);
  };
  const body = "<p>This guide gives a basic introduction to nginx and its configuration.</p>" +
    "<h2>Configuration File’s Structure</h2><p>nginx consists of modules controlled by " +
    "directives specified in the configuration file.</p>";
  const out = region("Beginner’s Guide", "<h2>Beginner’s Guide</h2>" + body);
  assert.ok(out.startsWith("This guide gives"), out);
  assert.ok(out.includes("Configuration File’s Structure\n"), out);
  // After the text's first lines, the same heading is a section of its own.
  const later = region(
    "Beginner’s Guide",
    body + "<h2>Beginner’s Guide</h2><p>Start with the simplest configuration first.</p>",
  );
  assert.ok(later.includes("Beginner’s Guide\n"), later);
  // Only the whole title: a heading that is its first part stays (a book's chapter).
  const part = region("Beginner’s Guide - nginx documentation", "<h2>Beginner’s Guide</h2>" + body);
  assert.ok(part.startsWith("Beginner’s Guide\n"), part);
  // On any page taken whole (a service's) the opening heading that is the title goes too.
  const service = region("Beginner’s Guide", "<h3>Beginner’s Guide</h3>" + body, false);
  assert.ok(service.startsWith("This guide gives"), service);
});

Deno.test("cleanArticle() drops an opening headline that is the <title>'s first part", () => {
  const cleaned = (html: string): string => {
    const doc = parsePage(
      "<html><head><title>Homestead gardening makes rural communities more self-reliant | " +
        `District</title></head><body><article>${html}</article></body></html>`,
    );
    const root = (doc.body as unknown as Element).querySelector("article")!;
    // The page's title as read: its <title> whole (the site is another's name).
    cleanArticle(root, "Homestead gardening makes rural communities more self-reliant | District");
    return blockText(root);
  };
  const story = "<p>Homestead gardening has been contributing to food security in the region.</p>" +
    "<p>According to officials, thousands of families now grow their own vegetables.</p>";
  const out = cleaned(
    "<h4>Homestead gardening makes rural communities more self-reliant</h4>" + story,
  );
  assert.ok(out.startsWith("Homestead gardening has been"), out);
  // Below the story's first lines, the same words are a section's heading.
  const later = cleaned(
    story + "<h4>Homestead gardening makes rural communities more self-reliant</h4>" +
      "<p>The programme runs until the end of next year in every district.</p>",
  );
  assert.ok(later.includes("more self-reliant\n"), later);
  // A template may set the headline as a paragraph styled as a heading.
  const styled = cleaned(
    '<p class="post-title h2">Homestead gardening makes rural communities more self-reliant</p>' +
      story,
  );
  assert.ok(styled.startsWith("Homestead gardening has been"), styled);
});

Deno.test("dropLinkBlockHeads() drops the heading left over a block of links the scorer cut", () => {
  const tools = (title: string, names: string[]): string =>
    `<div class="column"><h3>${title}</h3>` +
    names.map((n) => `<a href="/tools/${n.length}">${n} Checker</a>`).join("") + "</div>";
  const block = (id: string, heading: string, line: string): string =>
    `<section id="${id}"><div class="inner"><h2>${heading}</h2><p>${line}</p>` +
    `<div class="columns">${tools("On-page", ["Site", "Keyword", "Redirect"])}` +
    `${tools("Off-page", ["Backlink", "Ranking", "Snippet"])}</div></div></section>`;
  const prose = "<section><h2>How can I check my ranking?</h2><p>Several online tools show " +
    "where a page ranks: enter the domain and the search term, and the tool shows the " +
    'ranking with the top pages for the term. See <a href="/guide">our guide</a>.</p></section>';
  const body = parsePage(
    `<html><body><article>${prose}` +
      block("cut", "More free SEO tools", "Try all of these tools for free!") +
      block("kept", "Our checkers", "Each one runs in your browser.") +
      "</article></body></html>",
  ).body as unknown as Element;
  markLinkBlockHeads(body);
  // The scorer cuts the first block's columns as boxes of links, and keeps the second's.
  body.querySelector("#cut .columns")!.remove();
  const root = body.querySelector("article")!;
  dropLinkBlockHeads(root);
  const text = blockText(root);
  assert.ok(!text.includes("More free SEO tools") && !text.includes("Try all"), text);
  assert.ok(text.includes("Our checkers") && text.includes("runs in your browser"), text);
  // A section's heading over its prose is no such block's, with a link in its prose.
  assert.ok(text.includes("How can I check my ranking?"), text);
  assert.equal(root.querySelectorAll("[data-riptide-link-block-head]").length, 0);
});

/** The text cleanArticle() leaves of a `<div>` holding `html`, the body's only block. */
function cleanedDiv(html: string): string {
  const body = parsePage(`<html><body><div>${html}</div></body></html>`).body as unknown as Element;
  const root = body.firstElementChild!;
  cleanArticle(root, null);
  return blockText(root);
}

Deno.test("cleanArticle() keeps a box of several lists of links under headings that lead nowhere", () => {
  const prose = "<p>Eat a mix of vegetables, fruit and whole grains at every meal of the day.</p>";
  const links = (a: string, b: string) =>
    `<ul><li><a href="/${a}">Healthy eating guide: ${a}</a></li>` +
    `<li><a href="/${b}">Healthy eating guide: ${b}</a></li>` +
    `<li><a href="/${a}-${b}">Healthy eating guide: ${a} and ${b}</a></li></ul>`;
  const box = `<div><h2>More information</h2><h3>General</h3>${links("Meals", "Snacks")}` +
    `<h3>For parents</h3>${links("Toddlers", "Teens")}</div>`;
  const out = cleanedArticle(prose + box);
  assert.match(
    out,
    /More information\n\nGeneral\n\nHealthy eating guide: Meals[\s\S]*For parents\n\n/,
  );
  // One list under one heading (a card's "More on X:" links) is no such box.
  const one = parsePage(
    `<html><body><div><h4>More on HBS:</h4>${links("Essay", "Interview")}</div>` +
      `<div><h3><a href="/g">Guides</a></h3>${links("A", "B")}${links("C", "D")}</div>` +
      `</body></html>`,
  ).body as unknown as Element;
  assert.deepEqual([...one.children].map(titlesItsLists), [false, false]);
});

Deno.test("dropDocumentSections() drops a section of documents to download, not a text's links", () => {
  const page = parsePage(
    `<html><body><main><h1>Shelf unit</h1><p>Stands or lies down.</p>` +
      `<div><h3>Assembly and documents</h3><div><h3>Assembly instructions</h3>` +
      `<a href="/manuals/shelf-aa-105.pdf">Shelf unit 802.758.87</a><h3>Care instructions</h3>` +
      `<a href="/manuals/shelf-aa-218.pdf">Shelf unit 802.758.87</a></div></div>` +
      `<div><h3>Good to know</h3><p>See the <a href="/manuals/care.pdf">care guide</a> ` +
      `before you clean it.</p></div><div><a href="/sheet.pdf">Data sheet</a></div></main></body></html>`,
  ).body as unknown as Element;
  assert.equal(dropDocumentSections(page), 1);
  assert.equal(
    blockText(page),
    "Shelf unit\n\nStands or lies down.\n\nGood to know\n\nSee the care guide before you " +
      "clean it.\n\nData sheet",
  );
});

Deno.test("blockText() writes the numbers a numbered list shows", async (t) => {
  await t.step("an article's steps carry their numbers, from the list's start", () => {
    const out = textOf(
      "<ol><li>Cut the stems back.</li><li><p>Feed the roots.</p></li></ol>" +
        '<ol start="3"><li>Water well.</li></ol><ol reversed><li>Two</li><li>One</li></ol>',
    );
    assert.equal(
      out,
      "1. Cut the stems back.\n\n2. Feed the roots.\n\n3. Water well.\n\n2. Two\n\n1. One",
    );
  });

  await t.step("lists without markers and lists of cards show no numbers", () => {
    const out = textOf(
      '<ol class="list-none"><li>Plain</li></ol><ol style="list-style: none"><li>Bare</li></ol>' +
        "<ol><li><h3>Story</h3><p>Teaser</p></li><li><div>Tile</div></li></ol>" +
        "<ol><li>1. Typed by hand</li></ol><ul><li>Bullet</li></ul>",
    );
    assert.equal(out, "Plain\n\nBare\n\nStory\n\nTeaser\n\nTile\n\n1. Typed by hand\n\nBullet");
  });

  await t.step(
    "a list of numbered sections, each a heading over its paragraphs, shows them",
    () => {
      const out = textOf(
        "<ol><li><h3>Drones</h3><p>Aerial shots.</p></li><li><h3>Selfies</h3><p>Faces.</p></li></ol>" +
          '<ol><li><h3><a href="/a">Story</a></h3><p>Teaser</p></li><li><h3><a href="/b">Other</a>' +
          "</h3><p>Teaser</p></li></ol>" +
          "<ol><p>For example,</p><li><h3>Uber</h3><p>Rides.</p></li><li><h3>Maps</h3><p>Roads.</p></li></ol>",
      );
      assert.equal(
        out,
        "1. Drones\n\nAerial shots.\n\n2. Selfies\n\nFaces.\n\nStory\n\nTeaser\n\nOther\n\nTeaser\n\n" +
          "For example,\n\nUber\n\nRides.\n\nMaps\n\nRoads.",
      );
    },
  );

  await t.step("breadcrumb trails, bulleted and flex or grid lists show no numbers", () => {
    const out = textOf(
      '<ol class="breadcrumb"><li><a href="/">Inicio</a></li><li><a href="/guia">Guía</a></li></ol>' +
        '<ol typeof="BreadcrumbList"><li>Documentación</li></ol>' +
        '<ol class="ml-4 flex items-center"><li>Primeros pasos</li></ol>' +
        '<ol class="articulo-list-style-disc"><li>Un disco NVMe</li></ol>' +
        '<ol style="display: grid"><li>Rejilla</li></ol><ol><li>Instale el paquete.</li></ol>',
    );
    assert.equal(
      out,
      "Inicio\n\nGuía\n\nDocumentación\n\nPrimeros pasos\n\nUn disco NVMe\n\nRejilla\n\n" +
        "1. Instale el paquete.",
    );
  });

  await t.step("lettered and roman-numbered lists show no decimal numbers", () => {
    const out = textOf(
      '<ol type="a"><li>Created by me</li><li>Based on earlier work</li></ol>' +
        '<ol class="loweralpha simple"><li>Reviewed</li></ol>' +
        '<ol style="list-style-type: upper-roman"><li>Preface</li></ol>' +
        '<ol type="1"><li>Submit the patch.</li><li>Wait for review.</li></ol>',
    );
    assert.equal(
      out,
      "Created by me\n\nBased on earlier work\n\nReviewed\n\nPreface\n\n" +
        "1. Submit the patch.\n\n2. Wait for review.",
    );
  });
});

Deno.test("cleanArticle() keeps headings, lists and quotes that are links, drops link teasers", () => {
  const out = cleanedDiv(
    "<p>Pruning early keeps the plant strong through the season, the growers say.</p>" +
      '<h3 id="tools"><a href="#tools">The tools you need</a></h3>' +
      "<p>Sharp secateurs and a clean blade matter more than anything else you buy.</p>" +
      '<ul><li><a href="/a">Bypass secateurs</a></li><li><a href="/b">Folding saw</a></li></ul>' +
      "<p>Clean the blades between plants so that no disease travels along the row.</p>" +
      '<blockquote><a href="/c">Cut above an outward-facing bud.</a></blockquote>' +
      '<p><a href="/more">Seven more gardening stories</a></p>',
  );
  for (const kept of ["The tools you need", "Bypass secateurs", "Folding saw", "outward-facing"]) {
    assert.ok(out.includes(kept), `keeps ${kept}`);
  }
  assert.ok(!out.includes("Seven more gardening stories"));
});

Deno.test("cleanArticle() drops a heading that repeats the title when it opens the text only", async (t) => {
  const title = "Bezpieczeństwo pracy przy instalacjach elektrycznych";
  const lead = "<p>Od 2015 roku w zakładach doszło do 289 wypadków z łukiem elektrycznym lub " +
    "porażeniem prądem, z czego wiele można było uniknąć.</p>";
  const rules = "<p>Przed każdą pracą odłącz zasilanie, sprawdź brak napięcia i zabezpiecz " +
    "wyłącznik przed ponownym załączeniem.</p>";
  await t.step("the title over the text goes", () => {
    const out = cleanedArticle(`<h2>${title}</h2>${lead}${rules}`, title);
    assert.ok(!out.includes(title));
    assert.ok(out.includes("289 wypadków") && out.includes("odłącz zasilanie"));
  });
  await t.step("so does the title set as a paragraph of its own over the text", () => {
    const out = cleanedArticle(`<p class="titulo">${title}</p>${lead}${rules}`, title);
    assert.ok(!out.includes(title));
    assert.ok(out.includes("289 wypadków") && out.includes("odłącz zasilanie"));
  });
  await t.step("the same words heading a section below the lead stay", () => {
    const out = cleanedArticle(`${lead}<h2>${title}</h2>${rules}`, title);
    assert.ok(out.includes(title));
    assert.ok(out.indexOf("289 wypadków") < out.indexOf(title));
    assert.ok(out.indexOf(title) < out.indexOf("odłącz zasilanie"));
  });
});

Deno.test("cleanArticle() drops a date standing as a block of its own, not one in a line", () => {
  const out = cleanedArticle(
    "<h2>Le point sur le compilateur</h2>" +
      '<time datetime="2025-12-17">17 déc. 2025</time>' +
      "<div><p>Depuis le <time>3 mars 2024</time>, la chaîne compile le noyau sans correctif " +
      "et les tests passent sur toutes les architectures prises en charge.</p></div>",
  );
  assert.ok(!out.includes("17 déc. 2025"), out);
  assert.ok(out.includes("Depuis le 3 mars 2024, la chaîne compile"), out);
});

Deno.test("dropDateBlocks() keeps a date a list's item or a cell says", () => {
  const body = parsePage(
    "<html><body><section><h2>Versionen</h2>" +
      "<time>2. Mai 2024</time>" +
      "<ul><li><time>1. April 2024</time></li></ul>" +
      "<p>Die neue Version bringt schnellere Builds und weniger Speicherbedarf.</p>" +
      "</section></body></html>",
  ).body as unknown as Element;
  dropDateBlocks(body);
  const out = blockText(body);
  assert.ok(!out.includes("2. Mai 2024"), out);
  assert.ok(out.includes("1. April 2024"), out);
});

Deno.test("dropBylineStack() reads a stack's date or reading time in other scripts", () => {
  const lead = (prose: string, stack: string): Element =>
    parsePage(
      `<html><body><section><h2>عنوان</h2><p>${prose}</p>${stack}<p>${prose}</p>` +
        "</section></body></html>",
    ).body as unknown as Element;
  // A date in Arabic-Indic digits; a reading time whose words carry vowel marks (Hindi).
  const arabic = lead(
    "شهد الأسبوع نقاشاً واسعاً حول المنصات الرقمية ومن يتحكم في توزيع الأخبار على القراء.",
    '<div class="meta"><div><a href="/k/ahmad">أحمد علي</a></div>' +
      "<div><p>١٩ ديسمبر ٢٠٢٥</p><p>•</p><p>قسم التقنية</p></div></div>",
  );
  dropBylineStack(arabic);
  assert.ok(!blockText(arabic).includes("أحمد علي"), blockText(arabic));
  const hindi = lead(
    "इस सप्ताह डिजिटल मंचों पर व्यापक बहस हुई कि पाठकों तक खबरें पहुँचाने पर किसका नियंत्रण है।",
    '<div class="meta"><div><a href="/lekhak/anita">अनीता शर्मा</a></div>' +
      "<div><p>•</p><p>4 मिनट पढ़ें</p></div></div>",
  );
  dropBylineStack(hindi);
  assert.ok(!blockText(hindi).includes("अनीता शर्मा"), blockText(hindi));
});

Deno.test("dropBylineStack() keeps a plan's features, one template's like blocks", () => {
  // A pricing page (Webflow): each plan lists its features as like blocks with a tick,
  // and "1 GB Speicher" reads as a count with its unit.
  const page = (line: string): Element =>
    parsePage(
      '<html><body><div class="pricing-card"><div class="pricing-card-top"><h3>Starter</h3>' +
        "<div>0 €</div><p>Für Einzelpersonen, die ihre ersten Projekte planen.</p></div>" +
        `<div class="pricing-feature-list">${
          ["Bis zu 3 Projekte", "1 GB Speicher", "E-Mail-Support"].map((f) => line.replace("%", f))
            .join("")
        }</div></div></body></html>`,
    ).body as unknown as Element;
  const features = page('<div class="pricing-feature"><img alt=""><div>%</div></div>');
  dropBylineStack(features);
  assert.ok(blockText(features).includes("1 GB Speicher"), blockText(features));
  // Blocks without a class name, or each of its own kind, are still a byline's.
  const byline = page("<div><div>%</div></div>");
  dropBylineStack(byline);
  assert.ok(!blockText(byline).includes("1 GB Speicher"), blockText(byline));
});

Deno.test("dropBylineStack() keeps a band of figures under a hero: no byline states them", () => {
  // A software maker's page (in Portuguese) sets its customers' results under its hero, each
  // a figure over its label: "3X" reads as a count, and the labels hold no number.
  const body = parsePage(
    '<html><body><section><h2>Gestão de trabalho</h2><div class="results">' +
      "<div><p>20%</p><p>Mais clientes satisfeitos</p></div>" +
      "<div><p>3X</p><p>Produção criativa</p></div>" +
      "<div><p>$4.14M</p><p>Poupados nos processos</p></div></div>" +
      "<p>Planeie projetos, acompanhe recursos e alcance metas num só lugar, com a equipa toda.</p>" +
      "</section></body></html>",
  ).body as unknown as Element;
  dropBylineStack(body);
  const out = blockText(body);
  assert.ok(out.includes("Produção criativa"), out);
  assert.ok(out.includes("$4.14M"), out);
});

Deno.test("dropBylineStack() drops the byline's short blocks above the text, not after its prose", async (t) => {
  const prose =
    "<p>La settimana è stata dominata dalle piattaforme: chi controlla la distribuzione " +
    "controlla anche le nuove abitudini dei lettori, e i modelli contano meno di prima.</p>";
  const stack = '<div class="meta"><div><a href="/autori/giulia">Giulia Bianchi</a></div>' +
    "<div><p>19 dic 2025</p><p>•</p><p>12 min di lettura</p></div></div>";
  await t.step("under the headline and its standfirst", () => {
    const body = parsePage(
      `<html><body><section><h2>Il mondo senza lavoro?</h2>${prose}${stack}${prose}` +
        "</section></body></html>",
    ).body as unknown as Element;
    dropBylineStack(body);
    const out = blockText(body);
    assert.ok(!out.includes("Giulia Bianchi"), out);
    assert.ok(!out.includes("12 min di lettura"), out);
    assert.ok(out.includes("Il mondo senza lavoro?"), out);
    assert.ok(out.includes("La settimana è stata dominata"), out);
  });
  await t.step("not after the text's prose has begun", () => {
    const body = parsePage(
      `<html><body><section>${prose}${prose}${stack}</section></body></html>`,
    ).body as unknown as Element;
    dropBylineStack(body);
    assert.ok(blockText(body).includes("Giulia Bianchi"));
  });
});

Deno.test("dropLeadDatelines() drops a page's opening date line, not a heading or a later date", () => {
  const body = parsePage(
    "<html><body><div><p>Version 3.1 | Veröffentlicht am 2. März 2026</p>" +
      "<h2>Installation 2026</h2><p>Das Paket wird mit dem Paketverwalter installiert und " +
      "braucht keine weiteren Abhängigkeiten.</p><p>Stand: 4. Mai 2025, 10:30</p>" +
      "<p>Danach startet der Dienst beim nächsten Anmelden von selbst.</p>" +
      "<p>Geändert am 5. Mai 2025</p></div></body></html>",
  ).body as unknown as Element;
  dropLeadDatelines(body);
  const out = blockText(body);
  assert.ok(!out.includes("Veröffentlicht am"), out);
  assert.ok(out.includes("Installation 2026"), out);
  assert.ok(out.includes("Geändert am 5. Mai 2025"), out);
});

Deno.test("dropVersionBadges() drops a docs page's opening release badge, not the text's versions", () => {
  const body = parsePage(
    '<html><body><div><nav><a href="/">Inicio</a></nav>' +
      '<span class="insignia">Versión: 2.4.1</span><div class="contenido">' +
      "<h1>v2.4.1</h1><p>Añadido en la versión 2.4.1.</p><ul><li>v1.9.0</li></ul>" +
      "<p>La herramienta genera un sitio estático a partir de archivos Markdown y lo " +
      "publica en cualquier servidor.</p><p>v3.0.0</p></div></div></body></html>",
  ).body as unknown as Element;
  dropVersionBadges(body);
  const out = blockText(body);
  assert.ok(!out.includes("Versión: 2.4.1"), out);
  // A heading, a sentence, a list's item and a line after the opening lines stay.
  for (const kept of ["v2.4.1", "Añadido en la versión 2.4.1.", "v1.9.0", "v3.0.0"]) {
    assert.ok(out.includes(kept), `${kept}: ${out}`);
  }
  // A release line ("Version: 2.x") is one too; the same line in a list is the text's.
  const line = parsePage(
    '<html><body><div><span class="badge">Version: 2.x</span><div class="markdown">' +
      "<p>Mit Webhooks benachrichtigt der Dienst Ihren Server, sobald sich eine Zahlung " +
      "ändert.</p><ul><li>1.x</li></ul></div></div></body></html>",
  ).body as unknown as Element;
  dropVersionBadges(line);
  assert.ok(!blockText(line).includes("Version: 2.x"), blockText(line));
  assert.ok(blockText(line).includes("1.x"), blockText(line));
});

Deno.test("dropLineGutters() drops the line numbers a highlighter sets beside or in code", () => {
  // A gutter cell beside the code's cell (Pygments' table), a box after the <pre>
  // (VitePress), a number in each line's box (Expressive Code), a number opening each line
  // (Pygments inline, counting from an excerpt's first line).
  const table = '<div class="highlight"><table class="highlighttable"><tr>' +
    '<td class="linenos"><div class="linenodiv"><pre>1\n2\n3</pre></div></td>' +
    '<td class="code"><div><pre><code>mqtt:\n  host: 192.168.0.2\n  port: 1883\n</code></pre></div></td>' +
    "</tr></table></div>";
  const after =
    '<div class="language-ts"><pre><code><span class="line">import { app } from "x"</span>\n' +
    '<span class="line">app.listen(3000)</span></code></pre>' +
    '<div class="line-numbers-wrapper" aria-hidden="true"><span>1</span><br><span>2</span><br></div></div>';
  const boxes = "<pre><code>" +
    '<div class="ec-line"><div class="gutter"><div class="ln">1</div></div><div class="code">wolke env set A 1</div></div>' +
    '<div class="ec-line"><div class="gutter"><div class="ln">2</div></div><div class="code">wolke env set B 2</div></div>' +
    "</code></pre>";
  const inline = '<pre><span class="linenos">12</span><span class="kn">import</span> os\n' +
    '<span class="linenos">13</span>print(os.getcwd())\n</pre>';
  const out = articleAfter(`<ul><li>${table}</li></ul>` + after + boxes + inline, dropLineGutters);
  assert.equal(
    out,
    'mqtt:\n  host: 192.168.0.2\n  port: 1883\n\nimport { app } from "x"\napp.listen(3000)\n\n' +
      "wolke env set A 1\nwolke env set B 2\n\nimport os\nprint(os.getcwd())",
  );
  // Numbers that are not one per line of the code beside them stay: a column of counts
  // in a table beside a block, a program's output of numbers, a list of steps.
  const kept = "<table><tr><td><pre>5\n9</pre></td><td><pre>a\nb\nc\nd\ne</pre></td></tr></table>" +
    "<pre><span>1</span>\n<span>2</span>\n<span>3</span></pre>" +
    "<div><ol><li>1</li><li>2</li></ol><pre>make\nmake install</pre></div>";
  assert.equal(articleAfter(kept, dropLineGutters), articleAfter(kept, () => {}));
});

Deno.test("dropStepCounters() drops the zero-padded counters set beside a run of steps' headings", () => {
  const step = (n: string, title: string, text: string): string =>
    `<div class="grid"><div><div class="badge">${n}</div></div>` +
    `<div><h4>${title}</h4><p>${text}</p></div></div>`;
  const html = step("01", "Créer le projet", "Commencez par créer un nouveau projet.") +
    step("02", "Installer le paquet", "Installez le paquet avec le gestionnaire.") +
    step("03", "Lancer la compilation", "Lancez la compilation de votre projet.");
  const out = articleAfter(html, dropStepCounters);
  for (const gone of ["01", "02", "03"]) {
    assert.ok(!out.split("\n").includes(gone), `${gone}: ${out}`);
  }
  assert.ok(out.includes("Installer le paquet"), out);
  // A counter in its heading's own line, or one whose next text is not a heading, stays;
  // so do counters that do not count from 01 in order.
  const inline = '<div><span class="n">01.</span>Puis-je exporter mes données ?</div>' +
    '<div><span class="n">02.</span>Puis-je changer de formule ?</div>';
  assert.equal(articleAfter(inline, dropStepCounters), articleAfter(inline, () => {}));
  const prose = "<div><div>01</div><p>Le premier point.</p></div>" +
    "<div><div>02</div><p>Le second point.</p></div>";
  assert.ok(articleAfter(prose, dropStepCounters).includes("01"));
  const unordered = step("03", "Créer le projet", "Texte.") + step("07", "Installer", "Texte.");
  assert.ok(articleAfter(unordered, dropStepCounters).includes("07"));
});

Deno.test("cleanArticle() keeps the linked line that names a quote's source, not a lone link", () => {
  const out = cleanedDiv(
    "<p>Before the details of indexing, it helps to say what a journal index is at all.</p>" +
      '<p>Per this <a href="/guide">university library guide</a>:</p>' +
      "<blockquote><p>An index is a list of journals, organized by discipline or subject.</p></blockquote>" +
      "<p>Most journals apply to several indexes over the years, the large ones first.</p>" +
      '<p><a href="/more">More publishing guides</a>:</p>' +
      "<blockquote><p>Editors pick the indexes their readers search the most.</p></blockquote>",
  );
  assert.ok(out.includes("Per this university library guide:"), `keeps the source line:\n${out}`);
  assert.ok(!out.includes("More publishing guides"), `drops a bare link before a quote:\n${out}`);
});

Deno.test("cleanArticle() drops a paragraph that is a row of links, however long", () => {
  const out = cleanedDiv(
    "<p>El ayuntamiento aprobó ayer el nuevo plan de carriles bici para el centro de la ciudad.</p>" +
      '<p>Lee también: <a href="/a">Las obras del tranvía se retrasan otra vez hasta el verano</a> | ' +
      '<a href="/b">Los vecinos del barrio norte piden más zonas verdes y menos tráfico</a> | ' +
      '<a href="/c">El puerto recibe un récord de cruceros durante el último trimestre</a></p>' +
      '<p>Según <a href="/d">el informe municipal</a>, los trayectos en bicicleta crecieron un ' +
      'tercio desde 2020, y <a href="/e">la asociación de ciclistas</a> celebra que la red ' +
      "llegue por fin a los barrios del sur, donde hasta ahora no había ningún carril.</p>" +
      '<p><a href="/f">El plan completo, con los mapas de cada barrio, los plazos de las obras ' +
      "y el presupuesto de cada tramo, puede consultarse en la web del ayuntamiento desde hoy " +
      "mismo y hasta el final del periodo de alegaciones.</a></p>",
  );
  assert.ok(!out.includes("tranvía"), `drops the row of links:\n${out}`);
  assert.ok(out.includes("informe municipal"), `keeps a paragraph with words of its own:\n${out}`);
  assert.ok(out.includes("El plan completo"), `keeps a long paragraph that is one link:\n${out}`);
});

Deno.test("cleanArticle() keeps a card's linked title set in a box of its own", () => {
  const card = (slug: string, title: string, teaser: string): string =>
    `<div class="entrada"><div class="entrada-titulo"><h4><a href="/noticias/${slug}">${title}` +
    `</a></h4></div><p class="entrada-resumen">${teaser}</p></div>`;
  const body = parsePage(
    "<html><body><div>" +
      card(
        "tarifas",
        "Las tarifas de la televisión por cable suben en enero",
        "Tres operadores anuncian subidas de hasta un diez por ciento para sus paquetes básicos.",
      ) +
      card(
        "partidos",
        "Dónde ver los partidos de la liga esta temporada",
        "Los derechos se reparten entre dos plataformas, y cada una emite una parte de la jornada.",
      ) +
      card(
        "series",
        "Las series más vistas del mes en las plataformas",
        "Una comedia de época encabeza la lista, seguida de dos documentales sobre deporte.",
      ) +
      card(
        "fibra",
        "La fibra llega a otros doscientos pueblos",
        "El plan de despliegue cubre este año las comarcas de interior que seguían sin conexión.",
      ) +
      '<div class="mas"><a href="/noticias?pagina=2">Más noticias</a></div>' +
      '<div><div class="aviso"><h4><a href="/boletin">Reciba el boletín</a></h4></div>' +
      "<p>Cada semana, en su correo.</p></div>" +
      "</div></body></html>",
  ).body as unknown as Element;
  // The article route numbers the page's cards before it cleans its block.
  markCards(body);
  const root = body.firstElementChild!;
  cleanArticle(root, null);
  const out = blockText(root);
  for (const kept of ["Las tarifas de la televisión", "La fibra llega", "Tres operadores"]) {
    assert.ok(out.includes(kept), `keeps ${kept}: ${out}`);
  }
  // A box of one link that is no heading is a teaser still, and so is a linked heading's
  // box outside the cards.
  assert.ok(!out.includes("Más noticias"), out);
  assert.ok(!out.includes("Reciba el boletín"), out);
});

Deno.test("blockText() joins a drop cap to its word, and keeps side-by-side items apart", () => {
  assert.equal(
    textOf(
      '<p><strong><span style="font-size:30px">I</span></strong><span>f you cater, read on.</span>' +
        "</p><div><span>Brand</span><span>Model 5</span></div><div><b>A</b><b>B</b></div>",
    ),
    "If you cater, read on.\n\nBrand Model 5\n\nA B",
  );
});

Deno.test("blockText() joins a word's first letter, set in a box of its own, to the rest", () => {
  // An editor restyles a word from its second letter on, after the capital that closes
  // the element before; an acronym's letters are set apart in bold, each opening its word.
  assert.equal(
    textOf(
      '<p><span>He wrote the #1 N</span><span class="italic">ew York Times</span>' +
        "<span> bestseller.</span></p>" +
        "<p><b><i>s</i></b><span>pecific, </span><b><i>m</i></b><span>easurable.</span></p>",
    ),
    "He wrote the #1 New York Times bestseller.\n\nspecific, measurable.",
  );
  // Single letters side by side (an index, a title animated letter by letter) stay apart,
  // and so does a word after a box that closes with a word of its own.
  assert.equal(
    textOf(
      "<div><a>a</a><a>b</a><a>c</a></div><div><span>F</span><span>l</span></div>" +
        "<div><span>Plan</span><span>for teams</span></div>",
    ),
    "a b c\n\nF l\n\nPlan for teams",
  );
});

Deno.test("blockText() joins a word a paragraph's styling runs split, not a card's boxes", () => {
  // A word processor's paste writes a new run wherever the letters' formatting changed,
  // mid-word: in a paragraph or a list's item the runs read as one word. Links side by side
  // (a row of tags) and a card's boxes stay apart.
  assert.equal(
    textOf(
      '<ul><li><span style="font-weight:400">outlining up to 30 colleges f</span>' +
        '<span style="font-weight:400">or consideration</span></li></ul>' +
        "<p><b>s</b><span>pecific, </span><b>m</b><span>easurable goals</span></p>" +
        '<p>Tags: <a href="/t/cloud">cloud</a><a href="/t/data">data</a></p>' +
        "<div><span>Brand</span><span>model five</span></div>",
    ),
    "outlining up to 30 colleges for consideration\n\nspecific, measurable goals\n\n" +
      "Tags: cloud data\n\nBrand model five",
  );
});

Deno.test("blockText() joins a word split by styling runs in a link of a paragraph or beside a post's own words", () => {
  // A link inside a paragraph and a box that holds words of its own (a post written with
  // line breaks) are running text too, and two links to one address are one link split;
  // a card's boxes and letters animated one by one stay apart.
  assert.equal(
    textOf(
      '<p>our <a href="/minor"><b>Analytics Mino</b><span>r</span></a> is smart</p>' +
        "<div>RB - Porro (and <span><b>Spence </b>i</span><span>n PL squad</span>)<br>CB</div>" +
        "<div><span>F</span><span>l</span><span>o</span><span>w</span></div>" +
        '<p>The <a href="/mba"><u>University o</u></a><a href="/mba">f Minnesota</a></p>' +
        "<div><span>Brand</span><span>model five</span></div>",
    ),
    "our Analytics Minor is smart\n\nRB - Porro (and Spence in PL squad)\nCB\n\n" +
      "F l o w\n\nThe University of Minnesota\n\nBrand model five",
  );
});

Deno.test("blockText() keeps a menu's options apart", () => {
  // A shop's sort control and page size (in Italian), its options written with nothing
  // between them: each is an entry of its own, not one word with the next.
  assert.equal(
    textOf(
      '<div><span>Ordina per:</span> <select><option value="1">In evidenza</option>' +
        '<option value="2">Prezzo crescente</option><option value="3">Prezzo decrescente' +
        '</option></select></div><div><span>Mostra:</span> <select><optgroup label="Pagina">' +
        "<option>36</option><option>60</option><option>96</option></optgroup></select></div>",
    ),
    "Ordina per: In evidenza Prezzo crescente Prezzo decrescente\n\nMostra: 36 60 96",
  );
});

Deno.test("blockText() keeps a menu apart from the choice it shows beside it", () => {
  // A shop's page size (in Italian): the menu, then the option it shows as chosen, in a
  // box of its own written right after it.
  assert.equal(
    textOf(
      '<div><span>Mostra:</span> <label><select><option value="36">36</option>' +
        '<option value="60">60</option></select><span class="scelta">36</span></label></div>',
    ),
    "Mostra: 36 60 36",
  );
});

Deno.test("blockText() keeps an icon apart from the boxes beside it", () => {
  // A shop's rating (in Spanish): its value, the stars drawn as an icon with their
  // caption inside, then the count of reviews, written with nothing between them.
  assert.equal(
    textOf(
      '<div class="valoracion"><span class="valor">4,5</span><i class="estrellas">' +
        '<span class="alt">4,5 de 5 estrellas</span></i><span class="total">187</span></div>',
    ),
    "4,5 4,5 de 5 estrellas 187",
  );
});

Deno.test("blockText() keeps a sale price apart from its label for screen readers", () => {
  // A shop's price (in Spanish): the former price struck out, the sale price inserted,
  // then what a screen reader says of it, written right after.
  assert.equal(
    textOf(
      '<p class="precio"><del>€ 24,95</del> <ins>€ 14,97</ins><span class="lector">' +
        "Precio actual: € 14,97.</span></p>",
    ),
    "€ 24,95 € 14,97 Precio actual: € 14,97.",
  );
});

Deno.test("blockText() writes a word whole where soft hyphens may break it", () => {
  // A German shop's text: long words carry soft hyphens (&shy;) where a line may break;
  // a reader sees each word whole.
  assert.equal(
    textOf(
      "<p>Die Kaffee&shy;maschine mit Edel&shy;stahl&shy;gehäuse ist spül\u00admaschinen&shy;fest.</p>",
    ),
    "Die Kaffeemaschine mit Edelstahlgehäuse ist spülmaschinenfest.",
  );
});

Deno.test("blockText() drops a line that holds only characters a reader does not see", () => {
  // A blog editor keeps a blank line open with a paragraph of one zero-width space; a line
  // break of a paragraph may hold one too. A word's own joiner (Thai, Persian) stays.
  assert.equal(
    textOf(
      "<p><span>안녕하세요, 하늘바다입니다.</span></p><p><span>\u200b</span></p>" +
        "<p>첫째 날은 애월로 갔어요.<br>\u200b<br>둘째 날은 성산일출봉에 올랐어요.</p>" +
        "<p>می\u200cخواهم</p><p>\u200e</p>",
    ),
    "안녕하세요, 하늘바다입니다.\n\n첫째 날은 애월로 갔어요.\n둘째 날은 성산일출봉에 올랐어요.\n\nمی\u200cخواهم",
  );
});

Deno.test("blockText() keeps a code point apart from its bytes written beside it", () => {
  // A note on Unicode (in German): each letter with its code point and its UTF-8 bytes,
  // two <code> boxes stacked side by side with nothing between them.
  assert.equal(
    textOf(
      '<p>Das Eszett <span class="zeichen"><strong>ß</strong><span class="stapel">' +
        "<code>U+00DF</code><code>0x C3 9F</code></span></span> hat zwei Bytes.</p>",
    ),
    "Das Eszett ß U+00DF 0x C3 9F hat zwei Bytes.",
  );
});

Deno.test("dropSiteFooters() drops a footer block that opens with its copyright line", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<h2>Inicio rápido</h2><p>Declare primero los modelos de la aplicación; cada clase " +
      "corresponde a una tabla y cada atributo a una de sus columnas.</p>" +
      "<p>Después cree el motor con la dirección de la base de datos y emita las sentencias " +
      "que crean las tablas que todavía no existen.</p>" +
      "<p>Las consultas se escriben con select() y devuelven objetos de los modelos.</p>" +
      '<div id="pie">© <a href="/copyright">Copyright</a> 2007-2026, los autores del proyecto.' +
      "<p><b>El dragón</b> del logotipo es obra de una ilustradora.</p>" +
      'Generado con <a href="https://ejemplo.org">un generador</a> 9.1.</div>' +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  dropSiteFooters(root);
  const out = blockText(root);
  assert.ok(!out.includes("Copyright"), out);
  assert.ok(!out.includes("Generado con"), out);
  assert.ok(out.endsWith("objetos de los modelos."), out);
});

Deno.test("dropSiteFooters() drops the fine print under the copyright line that opens its block", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<h2>Nos services de conseil</h2><p>Nous accompagnons les entreprises dans leur " +
      "transformation, de la stratégie à la mise en œuvre, avec des équipes qui connaissent " +
      "leur secteur et leurs contraintes réglementaires.</p>" +
      "<p>Nos spécialistes de l'audit, de la fiscalité et du conseil travaillent ensemble " +
      "pour offrir une vision complète des risques et des occasions de croissance.</p>" +
      "<p>Chaque mission commence par un diagnostic partagé avec vos équipes, puis un plan " +
      "d'action chiffré dont nous suivons les résultats trimestre après trimestre.</p>" +
      "<p>Nos bureaux régionaux travaillent au plus près des dirigeants, des collectivités " +
      "et des associations, avec la même méthode et les mêmes exigences de qualité.</p>" +
      "<p>Nous formons aussi vos collaborateurs, afin que les outils et les pratiques mis en " +
      "place continuent de porter leurs fruits longtemps après la fin de la mission.</p>" +
      '<div class="bas"><p>© 2026. Voir les <a href="/mentions">conditions d\'utilisation</a>.</p>' +
      "<p>Le nom du cabinet désigne un ou plusieurs membres de son réseau international, " +
      "chacun étant une entité juridique distincte et indépendante.</p></div>" +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropSiteFooters(root), 1);
  const out = blockText(root);
  assert.ok(!out.includes("© 2026"), out);
  assert.ok(!out.includes("entité juridique"), out);
  assert.ok(out.endsWith("après la fin de la mission."), out);
});

Deno.test("dropFramingTwins() drops a line shown above and below the text alone", () => {
  const banner = "<p><em>*** Sígueme en las redes para una dosis diaria de viajes ***</em></p>";
  const root = parsePage(
    "<html><body><div>" + banner +
      "<h2>Tres días en Cádiz</h2>" +
      "<p>Párrafo 1 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      "<p>Párrafo 2 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      '<p class="idea">Lo mejor de Cádiz es perderse por sus calles sin mirar el mapa.</p>' +
      "<p>Párrafo 3 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      "<p>Párrafo 4 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      '<p class="idea">Lo mejor de Cádiz es perderse por sus calles sin mirar el mapa.</p>' +
      "<p>Párrafo 5 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      "<p>Párrafo 6 del viaje: caminamos por el casco antiguo, probamos la comida local y " +
      "terminamos el día mirando la puesta de sol desde el mirador del puerto.</p>" +
      "<p>Volveremos pronto, esta vez con más tiempo para las playas.</p>" + banner +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropFramingTwins(root), 2);
  const out = blockText(root);
  assert.ok(!out.includes("Sígueme"), out);
  // A sentence the writer repeats inside the text stays, both times.
  assert.equal(out.split("perderse por sus calles").length, 3, out);
});

Deno.test("dropFramingTwins() measures a Chinese banner line as its English would be", () => {
  // Fourteen Chinese characters say as much as some forty Latin letters: the banner the
  // template sets above and below the text goes, in any script.
  const banner = "<p><em>关注我们的公众号，每天获取旅行灵感</em></p>";
  const para = (i: number): string =>
    `<p>第${i}段游记：我们在老城区散步，品尝了当地的美食，傍晚在港口的观景台上看日落，` +
    "一直待到天完全黑下来才回到酒店休息。</p>";
  const root = parsePage(
    "<html><body><div>" + banner + "<h2>加的斯三日游</h2>" +
      [1, 2, 3, 4, 5, 6].map(para).join("") +
      "<p>我们很快还会再来，下次会留出更多时间去海边。</p>" + banner +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropFramingTwins(root), 2);
  const out = blockText(root);
  assert.ok(!out.includes("关注我们的公众号"), out);
  assert.ok(out.includes("下次会留出更多时间去海边。"), out);
});

Deno.test("dropDateStamps() drops the closing stamp of when a docs page last changed", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<h2>Instalación</h2><p>Instale el paquete con el gestor de su sistema y compruebe la versión " +
      "instalada antes de seguir con la configuración del servidor.</p>" +
      "<pre>apt install paquete</pre><p>El servidor lee su configuración al arrancar, de modo que " +
      "cada cambio pide un reinicio del servicio.</p>" +
      "<div><p>Última modificación: 19 de diciembre de 2025</p></div><!--googleoff: index-->" +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  dropDateStamps(root);
  const out = blockText(root);
  assert.ok(!out.includes("Última modificación"), out);
  assert.ok(out.endsWith("un reinicio del servicio."), out);
  // A short page that is little more than its date keeps it.
  const short = parsePage(
    "<html><body><div><p>Cerrado.</p><p>Actualizado el 2026-01-26</p></div></body></html>",
  ).body.firstElementChild as unknown as Element;
  dropDateStamps(short);
  assert.ok(blockText(short).includes("2026-01-26"));
});

Deno.test("dropDateStamps() reads the year-first dates of East Asian pages", () => {
  for (
    const stamp of [
      "最終更新日: 2025年12月19日",
      "마지막 수정: 2025. 12. 19.",
      "最后更新于 2025/12/19",
    ]
  ) {
    const root = parsePage(
      "<html><body><div>" +
        "<h2>インストール</h2><p>パッケージをインストールしたら、設定ファイルを開いてサーバーのアドレスを書き換えてください。</p>" +
        "<pre>apt install paquete</pre><p>サーバーは起動時に設定を読み込むため、変更のたびに再起動が必要です。</p>" +
        `<div><p>${stamp}</p></div>` +
        "</div></body></html>",
    ).body.firstElementChild as unknown as Element;
    dropDateStamps(root);
    const out = blockText(root);
    assert.ok(!out.includes("2025"), `drops ${stamp}:\n${out}`);
    assert.ok(out.endsWith("再起動が必要です。"), out);
  }
});

Deno.test("dropDateStamps() reads dates in other scripts' digits and letters", () => {
  for (
    const stamp of [
      "अंतिम अपडेट: 19 दिसंबर 2025",
      "آخر تحديث: ١٩ ديسمبر ٢٠٢٥",
      "آخرین به‌روزرسانی: ۲۰۲۵/۱۲/۱۹",
      "Dernière mise à jour : 1er décembre 2025",
      "Última atualização: 1º de dezembro de 2025",
      "最終更新日: ２０２５年１２月１９日",
      "آخرین به‌روزرسانی: ۱۵ خرداد ۱۴۰۳",
      "آخرین به‌روزرسانی: ۱۴۰۳/۰۳/۱۵",
      "آخر تحديث: ٥ رمضان ١٤٤٥",
      "ปรับปรุงล่าสุด: 15 มิถุนายน 2567",
    ]
  ) {
    const root = parsePage(
      "<html><body><div>" +
        "<h2>Instalação</h2><p>Depois de instalar o pacote, abra o arquivo de configuração e " +
        "altere o endereço do servidor para o da sua rede local.</p>" +
        "<pre>apt install pacote</pre><p>O servidor lê a configuração ao iniciar, então cada " +
        "mudança pede que ele seja reiniciado.</p>" +
        `<div><p>${stamp}</p></div>` +
        "</div></body></html>",
    ).body.firstElementChild as unknown as Element;
    dropDateStamps(root);
    const out = blockText(root);
    assert.ok(out.endsWith("seja reiniciado."), `drops ${stamp}:\n${out}`);
  }
});

Deno.test("cleanArticle() drops an interface's labels in the page's own language", () => {
  const out = cleanedDiv(
    "<p>Die Stadt hat den Bau der neuen Brücke über den Fluss im Frühjahr begonnen.</p>" +
      "<div>Anzeige</div><h3>Bild 2 von 7</h3>" +
      "<p>Die Arbeiten sollen bis zum Herbst des kommenden Jahres dauern, sagt die Stadt.</p>" +
      "<h2>12 Kommentare</h2><p>Teilen</p><div>Partager</div><p>Leer más</p>" +
      "<p>Stadtanzeiger GmbH – Alle Rechte vorbehalten</p>" +
      "<h3>Plus</h3><p>Mehr Verkehr auf der Umleitung erwartet die Polizei in diesen Wochen.</p>",
  );
  for (const label of ["Anzeige", "Bild 2", "Kommentare", "Teilen", "Partager", "Leer más"]) {
    assert.ok(!out.includes(label), `drops ${label}`);
  }
  assert.ok(!out.includes("Alle Rechte"), "drops the copyright line");
  for (const kept of ["Brücke", "Herbst", "Plus", "Mehr Verkehr"]) {
    assert.ok(out.includes(kept), `keeps ${kept}`);
  }
});

Deno.test("cleanArticle() drops a gallery's bare position, not a count in a sentence", () => {
  // A slide counter ("1 of 24", "3 von 12") is the gallery's chrome, with or without the
  // word for a picture before it; a line that counts something goes on to say what.
  const out = cleanedDiv(
    "<p>The city began building the new bridge over the river in the spring of this year.</p>" +
      "<div><div>1 of 24</div></div><p>3 von 12</p>" +
      "<p>3 of 4 residents said the works should go on through the winter months.</p>",
  );
  assert.ok(!/1 of 24|3 von 12/.test(out), out);
  for (const kept of ["new bridge", "3 of 4 residents"]) assert.ok(out.includes(kept), kept);
});

Deno.test("cleanArticle() drops a label that says a machine wrote a block, not a line about it", () => {
  // A shop's summary of its reviews, or a picture's caption, stamped as written by a
  // machine: the stamp is the layout's, in any language; a sentence that talks about such
  // texts is the writer's.
  const out = cleanedDiv(
    "<p>The blender crushes ice in seconds and holds up to 72 ounces of frozen drinks.</p>" +
      "<div>Generated by AI</div><p><span>AI Generated by ChatGPT</span></p>" +
      "<div>KI-generiert</div><p>Généré par l’IA</p>" +
      "<p>AI-generated clips may need manual tweaking before they are published.</p>" +
      "<p>Powered by AI agents</p>",
  );
  for (const label of ["Generated by AI", "by ChatGPT", "KI-generiert", "Généré"]) {
    assert.ok(!out.includes(label), `drops ${label}:\n${out}`);
  }
  for (const kept of ["72 ounces", "AI-generated clips", "Powered by AI agents"]) {
    assert.ok(out.includes(kept), `keeps ${kept}`);
  }
});

Deno.test("cleanArticle() drops a sponsored item's label, not the item", () => {
  const out = cleanedDiv(
    "<p>The city began building the new bridge over the river in the spring of this year.</p>" +
      "<div>Sponsored</div><p>Sponsored content from a partner: compare the best rates for your home loan.</p>" +
      "<div>Sponsored Content</div>" +
      "<p>The works are expected to last until the autumn of next year, the city says.</p>",
  );
  for (const label of [/(^|\n)Sponsored\n/, /Sponsored Content/]) {
    assert.ok(!label.test(out), `drops ${label}:\n${out}`);
  }
  for (const kept of ["bridge", "compare the best rates", "autumn"]) {
    assert.ok(out.includes(kept), `keeps ${kept}`);
  }
  // The same label as German and Spanish templates write it.
  const other = cleanedDiv(
    "<p>Die Stadt hat im Frühjahr mit dem Bau der neuen Brücke über den Fluss begonnen.</p>" +
      "<div>Gesponsert</div><p>Vergleichen Sie die besten Zinsen für Ihren Kredit.</p>" +
      "<div>Patrocinado</div><p>Las obras durarán hasta el otoño del año que viene.</p>",
  );
  assert.ok(!/Gesponsert|Patrocinado/.test(other), other);
  assert.ok(other.includes("besten Zinsen") && other.includes("otoño"), other);
});

Deno.test("cleanArticle() drops the label over a sponsor's logo, not a sentence", () => {
  // "In partnership with" or "Sponsored by" alone in a block is the caption of the logo
  // under it; the preposition that ends it says it is no line of the text.
  const out = cleanedDiv(
    "<p>This edition is all about where the race for better models is actually headed.</p>" +
      '<p><b>In partnership with</b></p><a href="https://ads.example.com/"><img src="logo.png" alt=""></a>' +
      "<div>Sponsored by</div><p>Historically, technology has replaced jobs but created new ones.</p>" +
      "<p>The study was written in partnership with the city's two universities.</p>",
  );
  assert.ok(!/In partnership with|Sponsored by/.test(out), out);
  for (const kept of ["actually headed", "created new ones", "in partnership with the city"]) {
    assert.ok(out.includes(kept), `keeps ${kept}:\n${out}`);
  }
  // The same label as German, French and Spanish templates write it.
  for (
    const label of [
      "In Zusammenarbeit mit",
      "En partenariat avec",
      "Patrocinado por",
      // Russian, Turkish, Arabic, Korean.
      "На правах рекламы",
      "İş birliğiyle",
      "برعاية",
      "협찬",
    ]
  ) {
    const other = cleanedDiv(
      `<p>Die Stadt hat im Frühjahr mit dem Bau der neuen Brücke begonnen.</p><div>${label}</div>`,
    );
    assert.ok(!other.includes(label) && other.includes("Brücke"), other);
  }
});

Deno.test("cleanArticle() keeps a heading that names a section with a label's word", () => {
  // "Highlights" as a heading over a course's key points is the text's; as a box's
  // caption (a block, not a heading) it is the layout's label.
  const out = cleanedDiv(
    "<p>The university offers four undergraduate certificate programs online.</p>" +
      "<h4>Highlights</h4><ul><li>Complete a certificate in as few as four months.</li>" +
      "<li>Access academic and career advising.</li></ul>" +
      "<div>HIGHLIGHTS</div><p>Graduate certificates require a minimum GPA for acceptance.</p>",
  );
  assert.equal((out.match(/highlights/gi) ?? []).length, 1, out);
  assert.ok(out.includes("Highlights\n\nComplete a certificate"), out);
});

Deno.test("cleanArticle() drops an interface's labels in scripts other than Latin", async (t) => {
  const cases: Array<[string, string[], string[]]> = [
    [
      "<p>Город начал строительство нового моста через реку весной этого года.</p>" +
      "<div>Реклама</div><h3>15 комментариев</h3><p>Поделиться:</p>" +
      "<h2>Поделиться мнением</h2><p>Работы продлятся до осени следующего года.</p>" +
      "<p>Читать далее</p><p>Все права защищены</p>",
      ["Реклама", "комментариев", "Поделиться:", "Читать далее", "Все права"],
      ["моста", "Поделиться мнением", "до осени"],
    ],
    [
      "<p>市は今年の春、川に架かる新しい橋の建設を始めました。</p>" +
      "<div>スポンサーリンク</div><h3>関連記事</h3><p>シェアする</p>" +
      "<h2>関連記事の書き方</h2><p>工事は来年の秋まで続く予定だと市は説明しています。</p>" +
      "<p>無断転載を禁じます</p>",
      ["スポンサーリンク", "関連記事\n", "シェアする", "無断転載"],
      ["新しい橋", "関連記事の書き方", "来年の秋"],
    ],
    [
      "<p>Miasto rozpoczęło wiosną budowę nowego mostu na rzece w centrum.</p>" +
      "<div>Reklama</div><h3>12 komentarzy</h3><p>Udostępnij</p><p>Czytaj więcej</p>" +
      "<p>Prace potrwają do jesieni przyszłego roku, mówi rzecznik miasta.</p>" +
      "<p>Wszelkie prawa zastrzeżone</p>",
      ["Reklama", "komentarzy", "Udostępnij", "Czytaj", "Wszelkie prawa"],
      ["mostu", "do jesieni"],
    ],
    [
      "<p>Belediye bu bahar nehrin üzerindeki yeni köprünün yapımına başladı.</p>" +
      "<div>Reklam</div><h3>3 Yorum</h3><p>Paylaş</p><h2>İlgili Haberler</h2>" +
      "<p>Çalışmaların gelecek sonbahara kadar sürmesi bekleniyor.</p>" +
      "<p>Tüm hakları saklıdır</p>",
      ["Reklam", "Yorum", "Paylaş", "İlgili", "Tüm hakları"],
      ["köprünün", "sonbahara"],
    ],
    [
      "<p>بدأت البلدية هذا الربيع بناء جسر جديد فوق النهر في وسط المدينة.</p>" +
      "<div>إعلان</div><h3>التعليقات ١٢</h3><p>اقرأ المزيد</p><p>اترك تعليقاً</p>" +
      "<p>ومن المتوقع أن تستمر الأعمال حتى خريف العام المقبل.</p>" +
      "<p>جميع الحقوق محفوظة</p>",
      ["إعلان", "التعليقات", "اقرأ المزيد", "اترك", "جميع الحقوق"],
      ["جسر جديد", "خريف"],
    ],
    [
      "<p>市政府今年春天开始在河上修建一座新桥。</p>" +
      "<div>广告</div><h3>相关文章</h3><p>分享</p><h2>分享经济的未来</h2>" +
      "<p>工程预计将持续到明年秋天。</p><p>版权所有</p>",
      ["广告", "相关文章", "分享\n", "版权所有"],
      ["新桥", "分享经济的未来", "明年秋天"],
    ],
    [
      "<p>시는 올봄 강 위에 새 다리를 짓기 시작했습니다.</p>" +
      "<div>광고</div><h3>댓글 12</h3><p>공유하기</p><p>본문 바로가기</p>" +
      "<p>공사는 내년 가을까지 계속될 예정입니다.</p><p>무단 전재 및 재배포 금지</p>",
      ["광고", "댓글", "공유하기", "본문 바로가기", "무단 전재"],
      ["새 다리", "내년 가을"],
    ],
  ];
  for (const [html, dropped, kept] of cases) {
    await t.step(kept[0]!, () => {
      const out = `${cleanedDiv(html)}\n`;
      for (const label of dropped) assert.ok(!out.includes(label), `drops ${label}:\n${out}`);
      for (const line of kept) assert.ok(out.includes(line), `keeps ${line}:\n${out}`);
    });
  }
});

Deno.test("cleanArticle() drops a reference's line whose number is in Persian digits", () => {
  // A note's line of a list of references ("[۱] https://…") is no address the text shows.
  const prose = "<p>شهرداری ساخت پل تازه‌ای را بر روی رودخانه در بهار امسال آغاز کرد و " +
    "کار تا پاییز ادامه دارد.</p>";
  for (const mark of ["1", "۱"]) {
    const out = cleanedDiv(
      `${prose}<p>[${mark}] <a href="https://khabar.example/a">https://khabar.example/a</a></p>`,
    );
    assert.ok(!out.includes("khabar.example"), `[${mark}]: ${out}`);
  }
});

Deno.test("cleanArticle() drops the labels WordPress writes in the page's language", () => {
  const out = cleanedDiv(
    "<p>Ga naar de inhoud</p>" +
      "<p>Die Stadt hat den Bau der neuen Brücke über den Fluss im Frühjahr begonnen.</p>" +
      "<h3>Schreibe einen Kommentar</h3><h3>Deja una respuesta</h3><h3>Lascia una risposta</h3>" +
      "<p>Pular para o conteúdo</p><h2>Das könnte dich auch interessieren</h2>" +
      "<p>Die Arbeiten sollen bis zum Herbst des kommenden Jahres dauern, sagt die Stadt.</p>",
  );
  for (const label of ["inhoud", "Schreibe", "Deja", "Lascia", "Pular", "interessieren"]) {
    assert.ok(!out.includes(label), `drops ${label}:\n${out}`);
  }
  assert.ok(out.includes("Brücke") && out.includes("Herbst"), out);
});

Deno.test("cleanArticle() drops credit lines and promotions in the page's language", () => {
  const out = cleanedDiv(
    "<p>Dieser Beitrag enthält Affiliate-Links.</p>" +
      "<p>Die Stadt hat den Bau der neuen Brücke über den Fluss im Frühjahr begonnen.</p>" +
      "<p>Mit Material von dpa und AFP</p>" +
      "<p>Hat Ihnen dieser Artikel gefallen? Dann abonnieren Sie unseren Newsletter.</p>" +
      "<p>Con información de la Fiscalía, la policía detuvo a tres personas. Ninguna tenía antecedentes.</p>" +
      "<p>Con información de EFE y Reuters.</p>",
  );
  for (const line of ["Affiliate", "dpa", "gefallen", "EFE"]) {
    assert.ok(!out.includes(line), `drops ${line}:\n${out}`);
  }
  assert.ok(out.includes("Brücke") && out.includes("detuvo a tres personas"), out);
});

Deno.test("cleanArticle() drops a Korean reporter's sign-off and a Chinese report's editor", () => {
  const out = cleanedDiv(
    "<p>서울 아파트값이 5주 연속 상승세를 이어갔다. 서울 아파트값은 전주보다 0.03% 올랐다.</p>" +
      "<p>김민수 기자 minsu@example.co.kr</p>" +
      "<p>分析人士认为，公司业绩的增长主要得益于海外市场的扩张。</p><p>责任编辑：王五</p>" +
      "<p>김민수 기자는 이 문제를 3년 동안 취재했다.</p>",
  );
  assert.ok(!out.includes("minsu@") && !out.includes("责任编辑"), out);
  assert.ok(out.includes("0.03%") && out.includes("海外市场") && out.includes("3년 동안"), out);
});

Deno.test("cleanArticle() drops the site's call to follow it on a network in other languages and scripts", () => {
  const out = cleanedDiv(
    "<p>Der Stadtrat hat am Dienstagabend ein neues Radverkehrskonzept beschlossen.</p>" +
      "<p>Folgen Sie uns auf Facebook und Instagram, um keine Nachrichten zu verpassen.</p>" +
      "<p>Folgen Sie uns auf unserem Rundgang durch die Altstadt bis zur Box am Markt.</p>" +
      "<p>Suivez-nous sur WhatsApp pour recevoir nos alertes.</p>" +
      "<p>喜欢这篇文章？关注我的微信公众号“小林的技术笔记”，第一时间获取更新。</p>" +
      "<p>地方ニュース速報の公式Xアカウントをフォローして最新ニュースを受け取ろう。</p>" +
      "<p>도움이 되셨다면 공감과 이웃추가 부탁드려요!</p>" +
      "<p>Вам понравилась статья? Поделитесь ею с друзьями.</p>",
  );
  const calls = ["Facebook", "WhatsApp", "公众号", "フォロー", "이웃추가", "понравилась"];
  assert.deepEqual(calls.filter((call) => out.includes(call)), [], out);
  // The writer's invitation to follow a walk is no call to follow the site.
  assert.ok(out.includes("Radverkehrskonzept") && out.includes("Rundgang durch die Altstadt"), out);
});

Deno.test("cleanArticle() drops the site's calls to share and follow and a disclaimer, not the writer's", () => {
  const out = cleanedDiv(
    "<p>Group small objects on a tray so that they read as one piece.</p>" +
      "<p>Enjoy the post? Pin it for later!</p>" +
      "<p>Enjoy the light of a north window when you choose the paint.</p>" +
      "<p>* Disclaimer: This post is no substitute for a designer's advice.</p>" +
      "<p>The disclaimer on the tin warns that the paint needs two coats.</p>" +
      // A template's note may stand in a <section> of its own.
      '<section><em>Your source for the best deals. Follow us at Twitter <a href="/x">@deals</a>.' +
      "</em></section>" +
      "<p>Follow Newsbeat on Instagram, Facebook and YouTube.</p>" +
      "<p>If you need help, you might also want to follow me on Bluesky.</p>",
  );
  assert.ok(!out.includes("Pin it") && !out.includes("substitute"), out);
  assert.ok(!out.includes("best deals") && !out.includes("Newsbeat"), out);
  assert.ok(out.includes("follow me on Bluesky"), out);
  assert.ok(out.includes("warns that the paint"), out);
  assert.ok(out.includes("tray") && out.includes("north window"), out);
});

Deno.test("cleanArticle() drops a note that the post holds affiliate links, however worded", () => {
  const out = cleanedDiv(
    "<p>This post may contain affiliate and/or referral links. Please see my disclosure page.</p>" +
      "<p>The city began building the new bridge over the river in the spring.</p>" +
      "<p><em>Some of the links in this article are affiliate ones.</em></p>" +
      "<p>We may be compensated when you click on a link or when an account is opened.</p>" +
      "<p>Our affiliate program pays partners a share of every sale they refer.</p>",
  );
  assert.ok(!out.includes("referral links") && !out.includes("affiliate ones"), out);
  assert.ok(!out.includes("compensated"), out);
  // A sentence about an affiliate program is no note about the post's links.
  assert.ok(out.includes("bridge") && out.includes("Our affiliate program"), out);
});

Deno.test("cleanArticle() drops a line that credits who contributed reporting", () => {
  const out = cleanedDiv(
    "<p>The factory will build 300,000 cars a year once its second line opens next spring.</p>" +
      "<p>Keith Bradsher contributed reporting from Hong Kong.</p>" +
      "<p>Two reporters who contributed reporting to the inquiry were later called as witnesses " +
      "before the committee.</p>",
  );
  assert.ok(!out.includes("Keith Bradsher"), out);
  assert.ok(out.includes("300,000 cars") && out.includes("called as witnesses"), out);
});

Deno.test("cleanArticle() keeps a heading that names a year, drops a line that dates the story", () => {
  const out = cleanedDiv(
    "<p>12.03.2025, 10:45 Uhr</p>" +
      "<p>Wer im Frühling wandert, findet auf den Höhenwegen noch Schnee und wenig Betrieb.</p>" +
      "<h2>Die 10 besten Wanderwege für 2025</h2>" +
      "<p>Der erste Weg führt in vier Stunden vom Dorf bis zur Hütte über dem See.</p>" +
      "<h3>5 Tipps für 2025</h3>" +
      "<p>Nehmen Sie Wasser mit und brechen Sie früh am Morgen auf, bevor es heiß wird.</p>",
  );
  assert.ok(!out.includes("10:45"), `drops the dateline:\n${out}`);
  assert.ok(out.includes("Die 10 besten Wanderwege für 2025"), `keeps the heading:\n${out}`);
  assert.ok(out.includes("5 Tipps für 2025"), `keeps the heading:\n${out}`);
});

Deno.test("cleanArticle() keeps lines that name a date and what it is of, drops a dateline", () => {
  const out = cleanedDiv(
    "<p>March 3, 2024 - 5 min read</p>" +
      "<p>By Anna Berg on March 3, 2024 – Updated March 5, 2024</p>" +
      "<p>The year's exhibitions ranged from a painter's first retrospective to photography.</p>" +
      "<p>Lee Miller, Tate Britain, October 2, 2025 – February 15, 2026</p>" +
      "<p>Her pictures of the war hang beside the portraits she took in her Paris studio.</p>" +
      "<p>Chart 2: Average hourly rates by state in 2024</p>" +
      "<p>The rates differ most between the coasts and the states of the Midwest and South.</p>" +
      "<p>Jeff (00:12:51): No, recordings are fully mutable</p>" +
      "<p>Fernando asked what changes when a recording points to its new version instead.</p>" +
      "<p>http://www.example.com/2013/02/the-story-we-quoted.html</p>" +
      '<div>{ "order_date": "2025-12-18T17:02:12+08:00", "items": 2 }</div>' +
      "<p>The order's record keeps its date in the form its service writes all its times.</p>",
  );
  assert.ok(!out.includes("5 min read"), `drops the dateline:\n${out}`);
  assert.ok(!out.includes("Anna Berg"), `drops the dateline with its byline:\n${out}`);
  for (
    const kept of [
      "Lee Miller, Tate Britain, October 2, 2025 – February 15, 2026",
      "Chart 2: Average hourly rates",
      "Jeff (00:12:51): No, recordings",
      "example.com/2013/02/the-story-we-quoted.html",
      '"order_date": "2025-12-18T17:02:12+08:00"',
    ]
  ) {
    assert.ok(out.includes(kept), `keeps ${kept}:\n${out}`);
  }
});

Deno.test("cleanArticle() keeps a figure in thousands and the year it is of", () => {
  const out = cleanedDiv(
    "<p>December 11, 2025 9:30 am</p>" +
      "<p>Certificates cost far less than degrees and take a year or less to finish.</p>" +
      "<div><p>$8,639 Average tuition for an online certificate (2020)</p></div>" +
      "<div><p>1,250,000 Students enrolled in 2021</p></div>" +
      "<p>Most programs are offered through schools' continuing education departments.</p>",
  );
  assert.ok(!out.includes("9:30 am"), `drops the dateline:\n${out}`);
  assert.ok(out.includes("$8,639 Average tuition"), `keeps the figure:\n${out}`);
  assert.ok(out.includes("1,250,000 Students enrolled in 2021"), `keeps the figure:\n${out}`);
});

Deno.test("cleanArticle() keeps a list's item written in a paragraph that reads as a date", () => {
  const out = cleanedDiv(
    "<p>12.03.2025, 10:45</p>" +
      "<p>The library targets several versions of the runtime to support a wide range of apps:</p>" +
      "<ul><li><p>Version 6.0 - supported through November 2024</p></li>" +
      "<li><p>Version 8.0 - supported through November 2026</p></li></ul>" +
      "<p>Each version gets the same features, built from one source tree for all of them.</p>",
  );
  assert.ok(!out.includes("10:45"), `drops the dateline:\n${out}`);
  assert.ok(out.includes("Version 6.0 - supported through November 2024"), out);
  assert.ok(out.includes("Version 8.0 - supported through November 2026"), out);
});

Deno.test("dropSiteFooters() drops the site's footer left at the end of the content", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<section><h2>Datenanalyse für Ihr Unternehmen</h2><p>Wir verbinden Ihre Datenquellen, " +
      "bereinigen die Bestände und bauen Berichte, die Ihre Teams jeden Tag nutzen. Unsere " +
      "Beraterinnen begleiten das Projekt von der ersten Bestandsaufnahme bis zum Betrieb.</p>" +
      "<figure><img src=a.jpg><figcaption>Foto © 2024 Agentur Nord, mit freundlicher " +
      "Genehmigung</figcaption></figure>" +
      "<p>Jede Auswertung wird mit Ihren Fachabteilungen abgestimmt, damit die Zahlen dort " +
      "ankommen, wo Entscheidungen fallen, und nicht in einer Schublade verschwinden.</p>" +
      "<p>Im zweiten Schritt automatisieren wir die Datenflüsse, damit Ihre Berichte jeden " +
      "Morgen aktuell sind, ohne dass jemand Tabellen von Hand zusammenführen muss.</p></section>" +
      '<div class="variante"><div><a href="/">Start</a><a href="/preise">Preise</a>' +
      '<a href="/blog">Blog</a></div><div><p>© 2026</p><a href="/agb">AGB</a>' +
      '<a href="/datenschutz">Datenschutz</a><a href="/impressum">Impressum</a></div></div>' +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropSiteFooters(root), 1);
  const out = blockText(root);
  for (const gone of ["© 2026", "Datenschutz", "Impressum", "Preise"]) {
    assert.ok(!out.includes(gone), out);
  }
  // A picture's rights inside the text are not the site's footer.
  assert.ok(out.includes("Foto © 2024 Agentur Nord"), out);
  assert.ok(out.includes("Im zweiten Schritt"), out);
});

Deno.test("dropAfterTypedRule() drops the standing notes after a rule typed as text", async (t) => {
  const corpo = "<p>Questa settimana parliamo di come isolare una casa degli anni Sessanta: " +
    "cappotto termico, serramenti nuovi e una pompa di calore al posto della caldaia.</p>" +
    "<p>Il nostro ospite è un ingegnere che da vent'anni segue ristrutturazioni in tutta " +
    "la provincia e ci racconta gli errori più comuni, dai ponti termici alle muffe.</p>" +
    "<p>Abbiamo parlato anche degli incentivi, di come scegliere un'impresa e di quanto " +
    "tempo serve davvero per chiudere un cantiere di questo tipo senza sorprese.</p>" +
    "<p>Alla fine della puntata trovate i consigli dell'ospite per chi comincia adesso.</p>";
  const clean = (html: string) => {
    const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
      .firstElementChild as unknown as Element;
    dropAfterTypedRule(root);
    return blockText(root);
  };

  await t.step("a podcast's calls to subscribe under a rule of stars go", () => {
    const out = clean(
      `${corpo}<p>**************************************</p>` +
        "<p>Aiutaci a far conoscere il podcast!</p><div><p>Iscriviti alla newsletter.</p></div>" +
        "<p>Musiche di Paolo Neri.</p>",
    );
    assert.ok(out.includes("pompa di calore"), out);
    assert.ok(!out.includes("****"), out);
    assert.ok(!out.includes("newsletter"), out);
    assert.ok(!out.includes("Musiche"), out);
  });

  await t.step("a rule that opens a paragraph goes with it", () => {
    const out = clean(`${corpo}<p>----------<br><strong>RACCONTACI LA TUA STORIA</strong></p>`);
    assert.ok(!out.includes("RACCONTACI"), out);
    assert.ok(out.includes("senza sorprese"), out);
  });

  await t.step("a rule before a headed part, in code or under a short text stays", () => {
    const headed = clean(`${corpo}<p>==========</p><h2>Seconda parte</h2><p>Il tetto.</p>`);
    assert.ok(headed.includes("Il tetto."), headed);
    const code = clean(`${corpo}<pre><code>----------\nfine</code></pre><p>Grazie.</p>`);
    assert.ok(code.includes("Grazie."), code);
    const short = clean("<p>Breve nota.</p><p>**********</p><p>Il resto del testo.</p>");
    assert.ok(short.includes("Il resto del testo."), short);
  });
});

Deno.test("dropTrailingStoryCards() drops other stories' cards after the article's body", async (t) => {
  const body =
    "<p>La nuova linea ferroviaria collega la valle alla città in quaranta minuti, la metà " +
    "del tempo che serviva finora ai pendolari per arrivare in ufficio.</p>" +
    "<p>I lavori sono durati sei anni e hanno richiesto tre gallerie nuove, scavate sotto i " +
    "vigneti senza interrompere la vendemmia di nessuna delle aziende della zona.</p>" +
    "<p>Il primo treno partirà lunedì alle sei, e per tutto il mese il biglietto costerà la " +
    "metà per chi abita nei comuni attraversati dalla linea.</p>";
  const card = (slug: string, title: string, summary: string) =>
    `<div class="scheda"><h3><a href="/${slug}">${title}</a></h3><p>${summary}</p></div>`;
  const cards =
    card("porto", "Il porto apre il nuovo molo", "Le navi da crociera attraccano da sabato.") +
    card(
      "museo",
      "Riapre il museo civico",
      "Dopo due anni di restauri tornano visibili gli affreschi.",
    ) +
    card("mercato", "Il mercato cambia piazza", "Le bancarelle si spostano per i lavori.");
  const clean = (html: string, afterProse = false) => {
    const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
      .firstElementChild as unknown as Element;
    dropTrailingStoryCards(root, afterProse);
    return blockText(root);
  };

  await t.step("the next stories in a block of their own go, their label too", () => {
    const out = clean(
      `<div class="corpo">${body}</div><div class="altre"><h2>Leggi anche</h2>` +
        `<div class="riga">${cards}</div></div>`,
    );
    assert.ok(out.includes("Il primo treno partirà lunedì"), out);
    for (const gone of ["Leggi anche", "Il porto apre", "Riapre il museo", "Le bancarelle"]) {
      assert.ok(!out.includes(gone), out);
    }
  });

  await t.step("a list article's entries beside its text, and a lone card, stay", () => {
    const list = clean(`<div class="corpo">${body}${cards}</div>`);
    assert.ok(list.includes("Il mercato cambia piazza"), list);
    const lone = clean(
      `<div class="corpo">${body}</div><div class="altre">` +
        `${card("porto", "Il porto apre il nuovo molo", "Le navi attraccano da sabato.")}</div>`,
    );
    assert.ok(lone.includes("Il porto apre il nuovo molo"), lone);
  });

  await t.step("a run of such blocks at the close goes block by block", () => {
    const more = card("teatro", "Il teatro cerca comparse", "Le prove iniziano a marzo.") +
      card("scuola", "La scuola apre la mensa", "Pasti caldi per tutte le classi.");
    const out = clean(
      `<div class="corpo">${body}</div><div class="altre"><h2>Argomenti correlati</h2>` +
        `<div class="riga">${cards}</div></div><div class="altre"><h2>Strumenti</h2>` +
        `<div class="riga">${more}</div></div>`,
    );
    assert.ok(out.includes("Il primo treno partirà lunedì"), out);
    for (const gone of ["Argomenti correlati", "Il porto apre", "Strumenti", "Il teatro"]) {
      assert.ok(!out.includes(gone), out);
    }
  });

  await t.step("cards of the page's without links on their titles go too", () => {
    // A script opens each card on a click: its title is no link, but the page repeats the
    // card's tag and class (marked by markCards, as the article route does).
    const plain = (title: string, summary: string) =>
      `<div class="scheda"><h3>${title}</h3><p>${summary}</p></div>`;
    const block = `<div class="altre"><h2>Leggi anche</h2><div class="riga">` +
      plain("Il porto apre il nuovo molo", "Le navi da crociera attraccano da sabato.") +
      plain("Riapre il museo civico", "Tornano visibili gli affreschi restaurati.") +
      plain("Il mercato cambia piazza", "Le bancarelle si spostano per i lavori.") +
      plain("La biblioteca allunga gli orari", "Aperta anche la domenica mattina.") +
      `</div></div>`;
    const page = (html: string) => {
      const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
        .firstElementChild as unknown as Element;
      markCards(root);
      dropTrailingStoryCards(root);
      return blockText(root);
    };
    const out = page(`<div class="corpo">${body}</div>${block}`);
    assert.ok(out.includes("Il primo treno partirà lunedì"), out);
    for (const gone of ["Leggi anche", "Il porto apre", "La biblioteca allunga"]) {
      assert.ok(!out.includes(gone), out);
    }
    // Unmarked, a heading with no link is a part of the text.
    const unmarked = clean(`<div class="corpo">${body}</div>${block}`);
    assert.ok(unmarked.includes("Il porto apre il nuovo molo"), unmarked);
  });

  await t.step("a grid of the page's cards beside the body goes; pros and cons stay", () => {
    const tile = (title: string) => `<div class="tessera"><h3>${title}</h3></div>`;
    const grid = `<div class="griglia">${tile("Il porto apre il nuovo molo")}` +
      `${tile("Riapre il museo civico")}${tile("Il mercato cambia piazza")}` +
      `${tile("La biblioteca allunga gli orari")}</div>`;
    const page = (html: string, afterProse = false) => {
      const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
        .firstElementChild as unknown as Element;
      markCards(root);
      dropTrailingStoryCards(root, afterProse);
      return blockText(root);
    };
    const out = page(`<div class="corpo">${body}</div>${grid}`);
    assert.ok(out.includes("Il primo treno partirà lunedì"), out);
    for (const gone of ["Il porto apre", "La biblioteca allunga"]) {
      assert.ok(!out.includes(gone), out);
    }
    // Not read as an article, a grid beside the text may be the page's items.
    const region = page(`<div class="corpo">${body}</div>${grid}`, true);
    assert.ok(region.includes("Il porto apre il nuovo molo"), region);
    const verdict = (title: string, items: string) =>
      `<div class="giudizio"><h3>${title}</h3><ul>${items}</ul></div>`;
    const verdicts = `<div class="giudizi">` +
      verdict("Pregi", "<li>Silenziosa</li><li>Consuma poco</li>") +
      verdict("Difetti", "<li>Cara</li><li>Pesante</li>") +
      verdict("Pregi", "<li>Robusta</li>") + verdict("Difetti", "<li>Lenta</li>") + `</div>`;
    const review = page(`<div class="corpo">${body}</div>${verdicts}`);
    assert.ok(review.includes("Consuma poco"), review);
  });

  await t.step("afterProse: the cards go after a paragraph of prose, not after short lines", () => {
    const prose = "<p>Il servizio di consulenza accompagna i comuni della valle dalla prima " +
      "analisi dei bisogni fino al collaudo delle opere, con un referente unico che segue le " +
      "gare, i cantieri e i rapporti con le aziende di trasporto per tutta la durata dei lavori.</p>";
    const block = `<div class="altre"><h2>Leggi anche</h2><div class="riga">${cards}</div></div>`;
    const after = clean(`<div class="corpo">${prose}${body}</div>${block}`, true);
    assert.ok(after.includes("Il servizio di consulenza"), after);
    for (const gone of ["Leggi anche", "Il porto apre", "Riapre il museo"]) {
      assert.ok(!after.includes(gone), after);
    }
    const items = clean(`<div class="corpo">${body}</div>${block}`, true);
    assert.ok(items.includes("Il porto apre il nuovo molo"), items);
    assert.ok(items.includes("Le bancarelle"), items);
  });
});

Deno.test("dropReadingTimeRails() drops rails of other posts' cards with their reading times", async (t) => {
  const body = "<h2>Consultoría de datos</h2><p>Ayudamos a las empresas a ordenar sus datos, a " +
    "medir lo que importa y a tomar decisiones con cifras fiables en cada departamento.</p>" +
    "<p>Nuestro equipo diseña la arquitectura, integra las fuentes y forma a las personas " +
    "que usarán los cuadros de mando cada día, sin depender de nadie más.</p>" +
    "<p>Trabajamos con empresas de todos los tamaños, desde tiendas familiares hasta " +
    "grupos industriales con fábricas en varios países y miles de proveedores.</p>" +
    "<ul><li>Estrategia y gobierno del dato</li><li>Analítica avanzada</li>" +
    "<li>Visualización e informes</li></ul>";
  const card = (slug: string, title: string, time: string, names = "read-time") =>
    `<div class="tarjeta"><a href="/${slug}"><p>${title}</p><div class="${names}">${time}</div>` +
    `<div>Cómo lo hicimos y qué aprendimos por el camino.</div></a></div>`;
  const cards = (names?: string) =>
    card("almacen", "Un almacén que predice sus pedidos", "6 min de lectura", names) +
    card("banco", "El banco que unificó sus clientes", "4 min de lectura", names) +
    card("hospital", "Un hospital sin listas de espera", "7 min de lectura", names);
  const clean = (html: string) => {
    const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
      .firstElementChild as unknown as Element;
    dropReadingTimeRails(root);
    return blockText(root);
  };

  await t.step("the rail goes with its label; the service's text stays", () => {
    const out = clean(
      `<div class="texto">${body}</div><section><h2>Casos destacados</h2>` +
        `<div class="carrusel">${cards()}</div></section>`,
    );
    assert.ok(out.includes("Visualización e informes"), out);
    for (const gone of ["Casos destacados", "Un almacén", "El banco", "6 min de lectura"]) {
      assert.ok(!out.includes(gone), out);
    }
  });

  await t.step("cards named readingTime or time-to-read go too", () => {
    for (const names of ["card__readingTime", "time-to-read"]) {
      const out = clean(`<div class="texto">${body}</div><div>${cards(names)}</div>`);
      assert.ok(!out.includes("Un hospital sin listas"), out);
    }
  });

  await t.step("cards whose reading time no class name marks go by its words", () => {
    // Generated class names say nothing; "6 min de lectura" says what the line is.
    const out = clean(`<div class="texto">${body}</div><div>${cards("c1k9z")}</div>`);
    assert.ok(out.includes("Visualización e informes"), out);
    assert.ok(!out.includes("Un hospital sin listas"), out);
  });

  await t.step("cards without a reading time, and a page that is the rail, stay", () => {
    const dated = card("almacen", "Un almacén que predice sus pedidos", "12 mar 2025", "fecha") +
      card("banco", "El banco que unificó sus clientes", "3 feb 2025", "fecha") +
      card("hospital", "Un hospital sin listas de espera", "9 ene 2025", "fecha");
    const plain = clean(`<div class="texto">${body}</div><div>${dated}</div>`);
    assert.ok(plain.includes("El banco que unificó"), plain);
    const index = clean(`<h1>Blog</h1><div>${cards()}</div>`);
    assert.ok(index.includes("Un hospital sin listas"), index);
  });
});

Deno.test("cleanThread() keeps a post's links with words of their own, drops a bare link", async (t) => {
  await t.step("lines of addresses by year and a link with a line about it stay", () => {
    const post = (name: string, date: string, body: string): string =>
      `<div class="messaggio"><div class="autore"><a class="username" href="/u/${name}">${name}</a>
      <span class="data">${date}</span></div><div class="testo">${body}</div></div>`;
    const body = parsePage(
      `<html><body><div class="discussione">${
        post(
          "Giulia",
          "3 gen 2025, 09:12",
          "<p>Qualcuno ricorda le discussioni degli anni passati sul bilancio di fine anno?</p>",
        )
      }${
        post(
          "Marco",
          "3 gen 2025, 10:40",
          '<p>2023: <a href="https://forum.example/t/81233">https://forum.example/t/81233</a></p>' +
            '<p>2022: <a href="https://forum.example/t/70119">https://forum.example/t/70119</a></p>' +
            '<p><a href="https://altro.example/lista">https://altro.example/lista</a></p>',
        )
      }${
        post(
          "Sara",
          "3 gen 2025, 11:05",
          '<a href="https://video.example/v/77">https://video.example/v/77</a><br>da vedere',
        )
      }</div></body></html>`,
    ).body as unknown as Element;
    assert.equal(segmentThread(body).posts, 3);
    const out = blockText(cleanThread(body.firstElementChild!, null));
    for (const kept of ["2023: https://forum.example/t/81233", "2022:", "da vedere", "Sara"]) {
      assert.ok(out.includes(kept), `keeps ${kept}:\n${out}`);
    }
    assert.ok(!out.includes("altro.example"), `drops the bare link:\n${out}`);
  });

  await t.step("a post laid out in a table of its own stays", () => {
    const row = (name: string, date: string, body: string): string =>
      `<tr class="commento"><td><table><tr><td class="voto"><a href="/vota">▲</a></td><td>
      <div class="intestazione"><a class="username" href="/u/${name}">${name}</a>
      <span class="data">${date}</span> | <a href="/risposta">rispondi</a></div>
      <div class="testo">${body}</div></td></tr></table></td></tr>`;
    const address = "https://video.example/v/7741?inizio=21m49s&amp;lista=preferiti";
    const body = parsePage(
      `<html><body><table class="discussione">${
        row(
          "Giulia",
          "3 gen 2025, 09:12",
          "Qualcuno ricorda le discussioni degli anni passati? Io ne ho perso il conto.",
        )
      }${row("Marco", "3 gen 2025, 10:40", `<a href="${address}">${address}</a><p>da vedere</p>`)}${
        row("Sara", "3 gen 2025, 11:05", "Grazie, lo guardo stasera con calma e poi vi dico.")
      }</table></body></html>`,
    ).body as unknown as Element;
    assert.equal(segmentThread(body).posts, 3);
    const out = blockText(cleanThread(body.firstElementChild!, null));
    for (const kept of ["Marco 3 gen 2025, 10:40", "inizio=21m49s", "da vedere", "Grazie"]) {
      assert.ok(out.includes(kept), `keeps ${kept}:\n${out}`);
    }
  });
});

Deno.test("cleanThread() drops a call to sign in beside the posts, keeps a post's link to sign up", () => {
  const body = parsePage(`<html><body><div class="thread">
    <ul class="Comments"><li class="Item"><div class="Message" ${POST_BODY_ATTR}="">Wer das Forum nutzen
    will, muss sich zuerst <a href="/entry/register">registrieren</a>, sonst sieht man keine Anhänge.</div></li>
    <li class="Item"><div class="Message" ${POST_BODY_ATTR}="">Die Anhänge sind nach dem Anmelden
    unter jedem Beitrag zu sehen, auch die älteren.</div></li></ul>
    <div class="Foot"><div class="Note">Zum Kommentieren <a href="/entry/signin">anmelden</a> oder
    <a href="/entry/register">registrieren</a>.</div></div></div></body></html>`).body;
  const out = blockText(cleanThread(body.firstElementChild!, null));
  assert.ok(out.includes("muss sich zuerst registrieren"), out);
  assert.ok(out.includes("auch die älteren"), out);
  assert.ok(!out.includes("Zum Kommentieren"), out);
});

Deno.test("cleanThread() drops a post's counters in the digits and words of other scripts", () => {
  // A Hindi forum's posts, each with its counts of likes and replies in Devanagari digits.
  const post = (text: string, likes: string, replies: string): string =>
    `<div class="post"><p>${text}</p><div class="stats"><span>${likes}</span>
    <span>${replies}</span></div></div>`;
  const body = parsePage(
    `<html><body><div class="thread">${
      post("नदी पर नया पुल अगले साल तक बन जाएगा, ऐसा नगर निगम ने कहा है।", "१२", "४ जवाब")
    }${post("काम की गति देखकर लगता है कि इसमें और समय लगेगा।", "७", "२ जवाब")}</div></body></html>`,
  ).body as unknown as Element;
  const out = blockText(cleanThread(body.firstElementChild!, null));
  assert.ok(out.includes("नया पुल") && out.includes("और समय"), out);
  for (const counter of ["१२", "जवाब", "७"]) {
    assert.ok(!out.includes(counter), `drops ${counter}:\n${out}`);
  }
});

Deno.test("cleanThread() drops a counter's label and the row's separators with its number", () => {
  // A thread's header row of labelled counts (Discuz!: "查看: 3521 | 回复: 27") and a post's
  // "Views: 3,521" with its label as a text of its own.
  const body = parsePage(
    `<html><body><div class="thread"><div class="hm"><span class="xg1">查看:</span>
    <span class="xi1">3521</span><span class="pipe">|</span><span class="xg1">回复:</span>
    <span class="xi1">27</span></div>
    <div class="post"><p>家里的照片和视频越来越多，想弄一台NAS统一存放。</p><div class="stats">Views: <span>3,521</span></div></div>
    <div class="post"><p>Antwort: 27 Leute haben das gleiche Problem gemeldet.</p></div>
    </div></body></html>`,
  ).body as unknown as Element;
  const out = blockText(cleanThread(body.firstElementChild!, null));
  assert.equal(
    out,
    "家里的照片和视频越来越多，想弄一台NAS统一存放。\n\nAntwort: 27 Leute haben das gleiche Problem gemeldet.",
  );
});

Deno.test("spaceInlineBoxes() with the footnote boxes spaces only a footnote's number", () => {
  // A maker's page for a phone (in Spanish): its footnotes' calls after the words, an
  // exponent's letters and a link that stay as they are.
  const body = parsePage(
    "<html><body><p>Hasta un 40 % más de rendimiento<sup>1</sup> y resistencia IP68<sup>[2]</sup>." +
      "</p><p>Pantalla de 6,8 pulgadas con Dolby Vision<sup>TM</sup> y <a>modo</a>cine.</p>" +
      "</body></html>",
  ).body as unknown as Element;
  assert.equal(spaceInlineBoxes(body, NOTE_CALL_BOXES, NOTE_CALL), 2);
  const text = collapse(body.textContent);
  assert.ok(text.includes("rendimiento 1 y resistencia IP68 [2]."), text);
  assert.ok(text.includes("Dolby VisionTM y modocine."), text);
});

Deno.test("words written with vowel marks: a footnote's number, a linked name", async (t) => {
  await t.step("spaceInlineBoxes() spaces a number after a word that ends in a vowel mark", () => {
    // A Hindi product sheet: "बैटरी" (battery) ends with the vowel sign ी, then its footnote.
    const body = parsePage(`<html><body><p>बैटरी<sup>1</sup> दस घंटे चलती है।</p></body></html>`)
      .body as unknown as Element;
    assert.equal(spaceInlineBoxes(body), 1);
    assert.equal(collapse(body.textContent), "बैटरी 1 दस घंटे चलती है।");
  });
  await t.step("a linked name of three letters with a vowel mark heads the prose about it", () => {
    // A Hindi review's list: each service's linked name ("कोश", letters and a vowel sign),
    // then a paragraph that names it again.
    const out = cleanedDiv(
      `<p><a href="/kosh">कोश</a></p><p>कोश एक भरोसेमंद शब्दकोश सेवा है जो हर शब्द का अर्थ, ` +
        `उच्चारण और उदाहरण देती है, और छात्रों के बीच बहुत लोकप्रिय है।</p>`,
    );
    assert.ok(out.startsWith("कोश\n"), out);
  });
});

Deno.test("blockText() breaks a block of code at the lines its highlighter wraps", () => {
  const out = textOf(
    "<p>Crea el proyecto:</p><pre><code>" +
      '<span class="line"><span>npm create vite@latest mi-proyecto</span></span>' +
      '<span class="line"><span>cd mi-proyecto</span></span></code></pre>' +
      "<pre><code><span>const a = 1;</span><span> // uno</span></code></pre>",
  );
  assert.equal(
    out,
    "Crea el proyecto:\n\nnpm create vite@latest mi-proyecto\ncd mi-proyecto\n\nconst a = 1; // uno",
  );
});

Deno.test("dropResponsiveTwins() keeps one copy of a block written per screen size", async (t) => {
  const testo = "Le nostre lenzuola in percalle di cotone sono tessute in Italia e diventano più " +
    "morbide a ogni lavaggio.";
  const loghi = "<li>Ferramenta Rossi</li><li>Pasticceria Bianchi</li><li>Studio Verdi</li>";
  const clean = (html: string) => {
    const root = parsePage(`<html><body><div>${html}</div></body></html>`).body
      .firstElementChild as unknown as Element;
    dropResponsiveTwins(root);
    return blockText(root);
  };
  const times = (out: string, s: string) => out.split(s).length - 1;

  await t.step("copies named for the screen sizes leave one", () => {
    const out = clean(
      `<h2>Lenzuola per la camera</h2><div class="estratto view--lrg"><p>${testo}</p></div>` +
        `<div class="estratto view--med"><p>${testo}</p></div>` +
        `<div class="estratto view--sml"><p>${testo}</p></div>` +
        `<div class="testoDesktop">${testo} Spedizione gratuita.</div>` +
        `<div class="testoMobile">${testo} Spedizione gratuita.</div>`,
    );
    assert.equal(times(out, "tessute in Italia"), 2, out);
    assert.ok(out.includes("Lenzuola per la camera"), out);
  });

  await t.step("a marquee's looped copy, hidden from readers, goes", () => {
    const out = clean(
      `<p>Si affidano a noi:</p><div class="nastro"><ul class="scorre">${loghi}</ul>` +
        `<ul class="scorre" aria-hidden="true">${loghi}</ul></div>`,
    );
    assert.equal(times(out, "Pasticceria Bianchi"), 1, out);
  });

  await t.step("a copy with no class of its own, or a carousel's clone, stays", () => {
    const out = clean(
      `<section class="vantaggi"><p>${testo}</p></section>` +
        `<section class="vantaggi mobile-2"><p>${testo}</p></section>` +
        `<div class="slide"><ul>${loghi}</ul></div>` +
        `<div class="slide slide-clone" aria-hidden="true"><ul>${loghi}</ul></div>`,
    );
    assert.equal(times(out, "tessute in Italia"), 2, out);
    assert.equal(times(out, "Pasticceria Bianchi"), 2, out);
  });

  await t.step(
    "copies that normalize alike are copies, whatever letters they are written in",
    () => {
      // The dotted capital I lower-cases to "i" and a dot above, the Kelvin sign to "k":
      // each copy normalizes to the other's text.
      const out = clean(
        `<div class="metin view--lrg"><p>İstanbul'da 300 \u212a sıcaklıkta üretilen seramik ` +
          `kaplar her mutfağa uyar.</p></div>` +
          `<div class="metin view--sml"><p>i\u0307stanbul'da 300 K sıcaklıkta üretilen ` +
          `seramik kaplar her mutfağa uyar.</p></div>`,
      );
      assert.equal(times(out, "seramik"), 1, out);
    },
  );

  await t.step("a headline in Chinese is weighed by what it says, not its characters", () => {
    // Fourteen characters say as much as a Latin line of forty.
    const out = clean(
      `<div class="biaoti view--lrg"><p>纯棉床单在意大利织造每洗一次更柔软</p></div>` +
        `<div class="biaoti view--sml"><p>纯棉床单在意大利织造每洗一次更柔软</p></div>`,
    );
    assert.equal(times(out, "意大利织造"), 1, out);
  });
});

Deno.test("dropResponsiveTwins() keeps one run of a ticker's looped items", () => {
  // A software maker's trust figures (in Spanish) scroll in a ticker: the track writes its
  // run twice back to back, and a copy hidden from readers (another class) sets its size.
  const cifras = [
    "Más de 2 millones de usuarios",
    "Nº 1 en atención al cliente (G2)",
    "El 40% de las empresas del IBEX",
  ].map((c) => `<p class="cifra">${c}</p>`).join("");
  const root = parsePage(
    `<html><body><div><h2>Confían en nosotros</h2><div class="cinta">` +
      `<div class="cinta-molde" aria-hidden="true">${cifras}</div>` +
      `<div class="cinta-pista">${cifras}${cifras}</div></div>` +
      // A list whose items repeat one value, and a table's rows, are no looped run.
      `<ul><li>★ Excelente servicio técnico</li><li>★ Excelente servicio técnico</li>` +
      `<li>★ Excelente servicio técnico</li><li>★ Excelente servicio técnico</li></ul>` +
      `</div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  const times = (s: string) => out.split(s).length - 1;
  assert.equal(times("Más de 2 millones"), 1, out);
  assert.equal(times("IBEX"), 1, out);
  assert.equal(times("Excelente servicio"), 4, out);
  assert.ok(out.includes("Confían en nosotros"), out);
});

Deno.test("dropResponsiveTwins() drops a headline's per-screen lines hidden from readers", () => {
  // A project tool's hero (in Italian): its headline broken into lines for phones and for
  // wider screens inside a box hidden from screen readers, beside the headline written
  // once for them. A carousel's clone of a slide, hidden and written once, is another rule's.
  const titolo = "Il sistema per progettare prodotti con squadre e agenti";
  const citazione = "Con questo strumento il team consegna ogni settimana senza stress.";
  const root = parsePage(
    `<html><body><div><h1><span aria-hidden="true"><span class="solo-telefono">Il ` +
      `sistema per</span><span class="solo-telefono">progettare prodotti</span>` +
      `<span class="solo-telefono">con squadre e agenti</span>` +
      `<span class="no-telefono">Il sistema per progettare prodotti<br>con squadre e ` +
      `agenti</span></span><span class="nascosto">${titolo}</span></h1>` +
      `<div class="giostra"><blockquote>${citazione}</blockquote>` +
      `<blockquote class="copia" aria-hidden="true">${citazione}</blockquote></div>` +
      `</div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  assert.equal(out.split("progettare prodotti").length - 1, 1, out);
  assert.equal(out.split("ogni settimana").length - 1, 2, out);
});

Deno.test("dropResponsiveTwins() keeps one copy of a block reworded per screen size", () => {
  const beneficios = [
    "Decisões guiadas por dados: veja o que os seus clientes procuram.",
    "Relatórios semanais com os números que importam para a sua equipa.",
    "Previsões de vendas feitas a partir do histórico da sua loja.",
    "Alertas quando um indicador sai do normal.",
  ];
  const lista = (n: number) =>
    `<ul>${beneficios.slice(0, n).map((b) => `<li>${b}</li>`).join("")}</ul>`;
  const root = parsePage(
    `<html><body><div><h2>Porquê análise de dados?</h2>` +
      `<div class="beneficios d-none d-lg-block"><h3>Vantagens</h3>${lista(4)}</div>` +
      `<div class="beneficios d-lg-none"><h3>Vantagens</h3>${lista(3)}<p>Ver mais</p></div>` +
      // Columns of a grid sized per screen are no copies, however alike their words.
      `<div class="linha"><div class="col-md-8">${lista(4)}</div>` +
      `<div class="col-md-4">${lista(4)} Fale connosco.</div></div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  const times = (s: string) => out.split(s).length - 1;
  assert.equal(times("Vantagens"), 1, out);
  assert.ok(!out.includes("Ver mais"), out);
  assert.equal(times("Alertas quando"), 3, out);
});

Deno.test("dropResponsiveTwins() reads a copy's switch on the block its wrapper holds", () => {
  // A team tool's benefits (in Polish): a carousel for small screens inside a wrapper of
  // its own, a grid with numbered cards for large ones.
  const zalety = [
    ["Stworzony do celu", "Kształtowany przez praktyki najlepszych zespołów produktowych."],
    ["Napędzany przez agentów", "Zaprojektowany dla pracy ludzi i agentów razem."],
    ["Zaprojektowany dla szybkości", "Mniej szumu, więcej tempa w każdym wydaniu."],
  ];
  const karty = (numbered: boolean) =>
    zalety.map(([h, p], i) =>
      `<div class="karta">${numbered ? `<span>${i + 1}</span>` : ""}<h3>${h}</h3><p>${p}</p></div>`
    ).join("");
  const root = parsePage(
    `<html><body><div><h2>Dlaczego my</h2>` +
      `<div class="bleed"><div class="show-laptop karuzela">${karty(false)}</div></div>` +
      `<div class="hide-laptop siatka">${karty(true)}</div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  assert.equal(out.split("Stworzony do celu").length - 1, 1, out);
});

Deno.test("dropResponsiveTwins() keeps one copy of a block switched per screen size at another depth", () => {
  // A features page (in Swedish) writes its security badge twice: inside a feature's
  // section for wide screens, and after the section for narrow ones. The two wrappers sit
  // at different depths and carry complementary switches: one copy stays. A live sample's
  // code, hidden where the page runs it and written again for the reader, carries a switch
  // that names no screen size: both copies stay.
  const badge = "Säkerhet i företagsklass med SOC2 typ II-certifiering för hela teamet.";
  const code = '<div class="box"><div>Ett</div><div>Två</div><div>Tre</div></div>';
  const root = parsePage(
    `<html><body><main><section><div class="feature"><h2>Ordna teamet</h2>` +
      `<p>Ge teamet en gemensam plats att samarbeta på, skild från egna uppgifter.</p>` +
      `<div class="hidden md:block"><div class="badge"><p>${badge}</p></div></div></div>` +
      `<div class="video"></div></section>` +
      `<div class="md:hidden"><div class="badge"><p>${badge}</p></div></div>` +
      `<pre class="brush html hidden">${code.replaceAll("<", "&lt;")}</pre>` +
      `<section><h3>Exempel</h3><pre class="brush html">${code.replaceAll("<", "&lt;")}</pre>` +
      `</section></main></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  const times = (s: string) => out.split(s).length - 1;
  assert.equal(times("SOC2 typ II"), 1, out);
  assert.ok(out.includes("Ge teamet en gemensam plats"), out);
  assert.equal(times("<div>Två</div>"), 2, out);
});

Deno.test("dropResponsiveTwins() keeps the fuller of two switched copies, one held in the other", () => {
  // A tool's customers' quotes (in Dutch): a carousel for large screens with each quote's
  // author, and a grid for the others with two of the quotes alone. The grid says nothing
  // the carousel does not: the carousel stays, the grid goes. A block switched on the
  // other way that says something else stays.
  const citaten = [
    ["Je moet het gewoon gebruiken, dan voel je het vanzelf.", "Gabriël de Vries, Atlas"],
    ["Ons tempo is hoog en dit gereedschap houdt ons scherp.", "Noor Bakker, Ramp"],
    ["Uitstekend, gewoon uitstekend, met de juiste keuzes.", "Kees Jansen, Opendeur"],
  ];
  const root = parsePage(
    `<html><body><div><h2>Klanten</h2><div class="bleed"><div class="show-laptop carrousel">` +
      citaten.map(([q, w]) => `<blockquote>${q}</blockquote><p>${w}</p>`).join("") +
      `</div></div><section class="citaten hide-laptop">` +
      citaten.slice(0, 2).map(([q]) => `<p>${q}</p>`).join("") + `</section>` +
      `<div class="hide-laptop oproep"><p>Probeer het dertig dagen gratis, zonder creditcard ` +
      `en zonder verplichtingen.</p></div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  const times = (s: string) => out.split(s).length - 1;
  assert.equal(times("Ons tempo is hoog"), 1, out);
  assert.ok(out.includes("Kees Jansen, Opendeur"), out);
  assert.ok(out.includes("dertig dagen gratis"), out);
  // Written grid first, the carousel stays all the same: the fuller copy, not the first.
  const swapped = parsePage(
    `<html><body><div><section class="citaten hide-laptop">` +
      citaten.slice(0, 2).map(([q]) => `<p>${q}</p>`).join("") + `</section>` +
      `<div class="show-laptop carrousel">` +
      citaten.map(([q, w]) => `<blockquote>${q}</blockquote><p>${w}</p>`).join("") +
      `</div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(swapped);
  const kept = blockText(swapped);
  assert.equal(kept.split("Ons tempo is hoog").length - 1, 1, kept);
  assert.ok(kept.includes("Noor Bakker, Ramp"), kept);
});

Deno.test("dropResponsiveTwins() drops a phone's short copy held in the wide screen's", () => {
  // A wallet's shop (in Spanish): the wide screen's title and line, and the phone's line
  // alone, a word shorter and under a twin's length. Every word of it is in the wide
  // screen's copy: it goes. A short line switched on for phones that says something else
  // stays, and so does a short line beside no longer copy.
  const root = parsePage(
    `<html><body><div><div class="desktop"><p>COMPARA TU CARTERA</p>` +
      `<p>Caben 1-12 tarjetas siempre tan delgada.</p></div>` +
      `<div class="mobile"><p>Caben 1-12 tarjetas tan delgada</p></div>` +
      `<div class="mobile"><p>Envío gratis a toda España hoy</p></div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  assert.equal(out.split("tarjetas").length - 1, 1, out);
  assert.ok(out.includes("siempre tan delgada"), out);
  assert.ok(out.includes("Envío gratis"), out);
  const alone = parsePage(
    `<html><body><div><div class="desktop"><p>Caben 1-12 tarjetas</p></div>` +
      `<div class="mobile"><p>Caben 1-12 tarjetas tan delgada</p></div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(alone);
  assert.equal(blockText(alone).split("tarjetas").length - 1, 2, blockText(alone));
});

Deno.test("dropResponsiveTwins() makes a marquee's runs one before it compares its twin", () => {
  // A to-do app's press quotes (in Hungarian): a grid for wide screens, and for narrow ones
  // a marquee that writes the quotes once shown and twice more hidden from readers. With
  // its looped copies gone, the marquee is the grid's twin, and one of them goes.
  const idezetek = ["Egyszerű, egyenes és nagyon erős", "A piac legjobb teendőlistája"]
    .map((q) => `<div class="idezet"><blockquote>${q}</blockquote></div>`).join("");
  const root = parsePage(
    `<html><body><div><h2>Rólunk írták</h2><div class="logok">` +
      `<div class="rejtett rejtett-lt-lg"><div class="racs">${idezetek}</div></div>` +
      `<div class="rejtett rejtett-gt-lg hidden-lg"><div class="tartaly">` +
      `<div class="futo" aria-hidden="false">${idezetek}</div>` +
      `<div class="futo" aria-hidden="true">${idezetek}</div>` +
      `<div class="futo" aria-hidden="true">${idezetek}</div></div></div>` +
      `</div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropResponsiveTwins(root);
  const out = blockText(root);
  assert.equal(out.split("A piac legjobb").length - 1, 1, out);
});

Deno.test("dropResponsiveTwins() reads copies nested in a root detached from the page", () => {
  // A phone's features (in Czech), each written once for large screens and once for small
  // ones, one level inside the chosen block, which the scorer hands back detached.
  const text = "Kruhem označte cokoli na obrazovce a hledejte, aniž byste přepínali aplikace.";
  const root = parsePage(
    `<html><body><div><h2>Funkce</h2><section class="funkce">` +
      `<p class="popis show-desktop">${text}</p><p class="popis show-mobile">${text}</p>` +
      `</section></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  root.remove();
  dropResponsiveTwins(root);
  const out = blockText(root);
  assert.equal(out.split("Kruhem označte").length - 1, 1, out);
});

Deno.test("dropRepeatedCalls() drops a label three links repeat on lines of their own", () => {
  const card = (slug: string, h: string) =>
    `<div class="karte"><h3>${h}</h3><p>Wir planen, bauen und betreuen es für Sie.</p>` +
    `<div><a href="/leistungen/${slug}">Mehr erfahren</a></div></div>`;
  const root = parsePage(
    `<html><body><div>${card("web", "Webseiten")}${card("shop", "Onlineshops")}` +
      `${
        card("app", "Apps")
      }<ul><li><a href="/a">Impressum</a></li><li><a href="/b">Impressum</a>` +
      `</li><li><a href="/c">Impressum</a></li></ul><div><a href="/kontakt">Kontakt</a></div>` +
      `<div><a href="/x">Angebot</a></div><div><a href="/y">Angebot</a></div></div></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropRepeatedCalls(root);
  const out = blockText(root);
  assert.ok(!out.includes("Mehr erfahren"), out);
  assert.ok(out.includes("Onlineshops"), out);
  // Links in a list, a link shown once and a label shown twice stay.
  assert.ok(out.includes("Impressum"), out);
  assert.ok(out.includes("Kontakt"), out);
  assert.ok(out.includes("Angebot"), out);
});

Deno.test("dropItemButtons() drops the button a listing's items show, not a section's call", () => {
  // A directory of open-source projects: some items carry a "Sponsor" button beside the
  // project's name and summary. A section after the list closes its paragraph with its own
  // button, which leads nowhere else; the list's "Follow" shows once.
  const item = (slug: string, summary: string, sponsor: boolean) =>
    `<article><h2><a href="/${slug}">${slug}</a></h2><p>${summary}</p><div>` +
    (sponsor ? `<a class="Button--secondary Button" href="/sponsors/${slug}">Sponsor</a>` : "") +
    `</div></article>`;
  const section = (h: string) =>
    `<div><h3>${h}</h3><p>Boost engagement by sending the right message to the right people.</p>` +
    `<a class="btn btn-primary" href="/signup">Start now</a></div>`;
  const items = [
    item("parser", "A fast parser for data files, written in Rust and tested on big inputs.", true),
    item("router", "A small router for web servers, with middleware and typed parameters.", false),
    item("charts", "Charts drawn with plain SVG, from bar charts to maps of the world.", true),
  ].join("");
  const root = parsePage(
    `<html><body><main><div>${items}</div>` +
      `<div>${section("Send more emails")}${section("Earn more revenue")}</div>` +
      `<div><p>Projects are ranked by stars. <a class="btn" href="/follow">Follow</a></p></div>` +
      `</main></body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropItemButtons(root);
  const out = blockText(root);
  assert.ok(!out.includes("Sponsor"), out);
  assert.ok(out.includes("A fast parser for data files"), out);
  assert.ok(out.includes("charts"), out);
  // The sections' calls and a button in a sentence stay.
  assert.equal(out.split("Start now").length - 1, 2, out);
  assert.ok(out.includes("Follow"), out);
});

Deno.test("dropRepeatedCalls() drops the label that closes cards which are links", () => {
  const card = (slug: string, h: string) =>
    `<a href="/servizi/${slug}"><div class="scheda"><h3>${h}</h3>` +
    `<p>Un gruppo dedicato segue il vostro progetto dall'analisi iniziale fino alla consegna finale.</p></div>` +
    `<div class="scheda__cta"><span>Scopri di più</span></div></a>`;
  const button = (n: number) =>
    `<a href="/prova/${n}"><span>Prova gratis</span><span>Limite</span></a>`;
  const root = parsePage(
    `<html><body><div>${card("audit", "Revisione contabile")}${card("paghe", "Paghe")}` +
      `${card("fisco", "Consulenza fiscale")}${button(1)}${button(2)}${button(3)}</div>` +
      `</body></html>`,
  ).body.firstElementChild as unknown as Element;
  dropRepeatedCalls(root);
  const out = blockText(root);
  assert.ok(!out.includes("Scopri di più"), out);
  assert.ok(out.includes("Consulenza fiscale"), out);
  assert.ok(out.includes("dall'analisi iniziale"), out);
  // A short button's last label is not a card's call: it stays.
  assert.equal(out.split("Limite").length - 1, 3, out);
});

Deno.test("dropPlayerClocks() drops a video player's clock, not a timetable's times", () => {
  // A Polish page about a film: its trailer's player writes where it is and how long the
  // trailer runs; the cinema's table of showings writes its times with a slash as well.
  const document = parsePage(
    `<html><body><main><h1>Zwiastun filmu „Rejs”</h1>` +
      `<div class="odtwarzacz"><video src="/zwiastun.mp4"></video><div class="sterowanie">` +
      `<button>Odtwórz</button><div class="czas"><span>0:01</span><span>/</span>` +
      `<span>2:33</span></div></div></div>` +
      `<p>Komedia o rejsie statkiem po Wiśle, nakręcona w 1970 roku.</p>` +
      `<table><tr><th>Seanse</th><td>17:30 / 20:15</td></tr></table>` +
      `</main></body></html>`,
  );
  assert.equal(dropPlayerClocks(document.body), 1);
  const text = collapse(document.body.textContent);
  assert.ok(!text.includes("0:01") && !text.includes("2:33"), text);
  assert.ok(text.includes("17:30 / 20:15") && text.includes("Odtwórz"), text);
  assert.ok(text.includes("Komedia o rejsie"), text);
  // The longest clock a player writes (hours, each side of the slash) is measured as one.
  const film = parsePage(
    `<html><body><div><video src="/film.mp4"></video>` +
      `<div class="czas">12:34:56  /  12:59:59</div></div></body></html>`,
  );
  assert.equal(dropPlayerClocks(film.body), 1);
});

Deno.test("dropAudioLabels() drops the labels beside an audio player, not a sentence's words", () => {
  // A regional paper's article read aloud: a label over the player, its length beside it.
  const document = parsePage(
    `<html><body><article><h1>Fernwärme für die Altstadt</h1>` +
      `<p>Die Stadtwerke bauen das Wärmenetz bis 2030 in allen Stadtteilen aus.</p>` +
      `<div class="c1x9"><span class="c7q2">Artikel anhören</span>` +
      `<audio controls src="/audio/48213.mp3"></audio><span class="c3k8">4:12 Min.</span></div>` +
      `<p>Hören Sie das Gespräch mit dem Bürgermeister: <audio controls src="/a.mp3"></audio></p>` +
      `</article></body></html>`,
  );
  assert.equal(dropAudioLabels(document.body), 2);
  const text = collapse(document.body.textContent);
  assert.ok(!text.includes("Artikel anhören"), text);
  assert.ok(!text.includes("4:12 Min."), text);
  assert.ok(text.includes("Hören Sie das Gespräch mit dem Bürgermeister"), text);
  assert.ok(text.includes("Wärmenetz bis 2030"), text);
});

Deno.test("dropPlayerControls() drops a player's control bar, not a carousel's text", () => {
  // A Czech news page: its player's video is a plugin's object, its scripts wrote the
  // controls as markup (a "loading" line, buttons, the times apart, a slider, a dialog).
  const document = parsePage(
    `<html><body><main><h1>Zprávy z Brna</h1>` +
      `<p>Radnice dnes schválila nový rozpočet města na příští rok.</p>` +
      `<div class="prehravac" role="region"><object data="/prehravac.swf"></object>` +
      `<div class="nacitani"><span>Přehrávač se načítá.</span></div>` +
      `<button>Přehrát video</button>` +
      `<div class="ovladani"><button>Přehrát</button><button>Ztlumit</button>` +
      `<div><span>Aktuální čas </span><span>0:00</span></div>` +
      `<div><span>Délka </span><span>0:00</span></div>` +
      `<div role="slider" aria-valuenow="0">Načteno: 0%</div>` +
      `<button>Celá obrazovka</button></div>` +
      `<div role="dialog"><p>Začátek dialogového okna. Klávesa Escape okno zavře.</p>` +
      `<label>Barva textu</label><select><option>Bílá</option></select></div>` +
      `<p class="popisek">Starosta města představuje rozpočet zastupitelům na radnici.</p>` +
      `</div></main></body></html>`,
  );
  assert.equal(dropPlayerControls(document.body), 4);
  const text = collapse(document.body.textContent);
  for (const gone of ["načítá", "Aktuální čas", "Délka", "Ztlumit", "Přehrát", "Escape"]) {
    assert.ok(!text.includes(gone), text);
  }
  assert.ok(text.includes("Radnice dnes schválila"), text);
  assert.ok(text.includes("Starosta města představuje"), text);
  assert.ok(document.querySelector("object") !== null);
  // A carousel's slider with buttons and no media in its box keeps its text.
  const carousel = parsePage(
    `<html><body><section><div role="slider"><p>Léto v horách</p></div>` +
      `<button>Předchozí</button><button>Další</button><button>Pauza</button></section>` +
      `</body></html>`,
  );
  assert.equal(dropPlayerControls(carousel.body), 0);
  assert.ok(collapse(carousel.body.textContent).includes("Léto v horách"));
});

Deno.test("dropEchoedLabels() reads a label a control writes twice once", () => {
  // A gym's page of classes (in Spanish): each accordion's trigger writes its label, then
  // a span with the same label drawn as its underline.
  const document = parsePage(
    `<html><body><main><h1>Entrenamiento personal</h1>` +
      `<a role="button" href="#tarifas" aria-controls="tarifas">Tarifas y paquetes` +
      `<i class="icono"></i><span class="linea">Tarifas y paquetes</span></a>` +
      `<div id="tarifas"><p>Cuatro sesiones al mes con un entrenador certificado.</p></div>` +
      `<h2><span class="ancla">Preguntas</span> Preguntas</h2>` +
      `<div class="precio"><span aria-hidden="true">12 € nuevo</span>` +
      `<span class="recortado">12 € nuevo</span></div>` +
      `<button>Reservar <span>ahora</span></button>` +
      `</main></body></html>`,
  );
  assert.equal(dropEchoedLabels(document.body), 2);
  const text = (document.body.textContent ?? "").replace(/\s+/g, " ");
  assert.ok(text.includes("Tarifas y paquetes"), text);
  assert.ok(!text.includes("Tarifas y paquetes Tarifas y paquetes"), text);
  assert.ok(!/Preguntas\s*Preguntas/.test(text), text);
  // Two elements that each hold the text, and a label with a word of its own in a span,
  // stay as they are.
  assert.equal(text.split("12 € nuevo").length, 3, text);
  assert.ok(text.includes("Reservar ahora"), text);
});

Deno.test("dropTogglePairs() drops the two state labels of a toggle", () => {
  const document = parsePage(
    `<html><body><main><h1>Curso de cerâmica</h1>` +
      `<p>Oito aulas de torno para principiantes, com barro e forno incluídos.</p>` +
      `<div class="mais"><span data-estado="0">ler menos</span>` +
      `<span data-estado="1">ler mais</span></div>` +
      `<div><a href="javascript:void(0)">Mostrar detalhes</a>` +
      `<a href="javascript:void(0)">Ocultar detalhes</a></div>` +
      `<nav><a href="/p/1">Página anterior</a><a href="/p/3">Página seguinte</a></nav>` +
      `<p><span>Preço total</span><span>Preço unitário</span> e mais texto.</p>` +
      `</main></body></html>`,
  );
  assert.equal(dropTogglePairs(document.body), 2);
  const text = document.body.textContent ?? "";
  for (const gone of ["ler menos", "ler mais", "Mostrar detalhes", "Ocultar detalhes"]) {
    assert.ok(!text.includes(gone), text);
  }
  // Links that lead somewhere, and labels among other text, stay.
  for (const kept of ["Página anterior", "Página seguinte", "Preço unitário", "Oito aulas"]) {
    assert.ok(text.includes(kept), text);
  }
});

Deno.test("dropTogglePairs() drops a toggle's one-word labels in scripts without spaces", () => {
  // Chinese, Japanese and Korean write a toggle's two states as one word each ("展开" /
  // "收起", expand / collapse), so the two labels never differ in one word of several.
  const document = parsePage(
    `<html><body><main><h1>陶艺课程</h1>` +
      `<p>八节拉坯课，适合初学者，包括黏土和窑烧。</p>` +
      `<div class="toggle"><span>展开</span><span>收起</span></div>` +
      `<div><a href="javascript:void(0)">もっと見る ▼</a><a href="javascript:void(0)">閉じる ▲</a></div>` +
      `<div><button>접기</button><button>더보기</button></div>` +
      `<div><span>价格</span><span>数量</span></div>` +
      `<nav><a href="/p/1">展开</a><a href="/p/3">收起</a></nav>` +
      `</main></body></html>`,
  );
  assert.equal(dropTogglePairs(document.body), 3);
  const text = document.body.textContent ?? "";
  for (const gone of ["もっと見る", "閉じる", "접기", "더보기"]) {
    assert.ok(!text.includes(gone), text);
  }
  assert.equal(text.match(/展开/g)?.length, 1, text);
  // Two labels that are not a toggle's, and links that lead somewhere, stay.
  for (const kept of ["价格", "数量", "八节拉坯课"]) assert.ok(text.includes(kept), text);
});

Deno.test("cleanArticle() keeps an admonition's title that reads as a teaser", () => {
  const out = cleanedDiv(
    "<p>Rotate the backups weekly so that one good copy always sits off the server.</p>" +
      '<div class="admonition seealso"><p class="admonition-title">See also</p><dl>' +
      '<dt><a href="/restore">Restoring a copy</a></dt>' +
      "<dd><p>Read a copy back onto the server while it keeps serving its users</p></dd>" +
      "</dl></div>" +
      "<p>Each copy is checked after it is written, before the oldest one is deleted.</p>" +
      "<p>Related stories from our blog</p>",
  );
  assert.ok(out.includes("See also"), "keeps the admonition's title");
  assert.ok(out.includes("Read a copy back"));
  assert.ok(!out.includes("Related stories"), "a teaser outside an admonition goes");
});

/** The text trimTail() leaves of an article holding `paragraph` then `tail`. */
function trimmedArticle(paragraph: string, tail: string): string {
  return articleAfter(paragraph + tail, trimTail);
}

Deno.test("trimTail() keeps a letter's closing and its signer, trims a widget's title", async (t) => {
  const letter =
    "<p>Diese Woche haben wir die Beete umgegraben, den Kompost verteilt und die ersten " +
    "Bohnen gesät. Im nächsten Brief erzähle ich euch, wie die Tomaten vorankommen.</p>";
  const trimmed = (tail: string): string => trimmedArticle(letter, tail);

  await t.step("a closing line ending with a comma, and the name below it, stay", () => {
    const out = trimmed("<p>Liebe Grüße,</p><p>Anna</p>");
    assert.ok(out.endsWith("Liebe Grüße,\n\nAnna"), out);
  });

  await t.step("a closing and its name split by a line break stay", () => {
    const out = trimmed("<p>Bis bald,<br>Jonas</p>");
    assert.ok(out.endsWith("Bis bald,\nJonas"), out);
  });

  await t.step("a widget's title and a run of links written with commas go", () => {
    const out = trimmed(
      '<p>Siehe auch: <a href="/rezepte">Rezepte</a>, <a href="/garten">Garten</a>,</p>' +
        "<p>Mehr zum Thema</p>",
    );
    assert.ok(out.endsWith("Tomaten vorankommen."), out);
  });
});

Deno.test("trimTail() keeps the list of sources that closes the text under its title", async (t) => {
  const report =
    "<p>Real estate is the largest store of wealth in the world, and investors who cannot " +
    "buy a building on their own can hold shares of a trust that owns many of them.</p>";

  await t.step('a list of links under "Sources:" stays', () => {
    const out = trimmedArticle(
      report,
      "<p>Sources:</p><ol>" +
        '<li>World research report: <a href="https://research.example/2016">https://research.example/2016</a></li>' +
        '<li>Appraisal standards: <a href="https://standards.example/#14">https://standards.example/#14</a></li>' +
        "</ol>",
    );
    assert.ok(out.endsWith("https://standards.example/#14"), out);
  });

  await t.step('so does one under a "Referencias" heading', () => {
    const out = trimmedArticle(
      report,
      '<h2>Referencias</h2><ul><li><a href="/informe">Informe anual</a></li>' +
        '<li><a href="/normas">Normas de tasación</a></li></ul>',
    );
    assert.ok(out.endsWith("Normas de tasación"), out);
  });

  await t.step("and under the titles of other languages", () => {
    for (const title of ["Einzelnachweise", "Bibliographie", "Riferimenti", "Bronnen", "Źródła:"]) {
      const out = trimmedArticle(
        report,
        `<h2>${title}</h2><ul><li><a href="/a">Rapport annuel</a></li>` +
          '<li><a href="/b">Normes d\'évaluation</a></li></ul>',
      );
      assert.ok(out.endsWith("Normes d'évaluation"), out);
    }
  });

  await t.step("and under those of Russian, Turkish, Arabic, Japanese, Chinese, Korean", () => {
    for (const title of ["Источники", "Kaynakça", "المراجع", "出典", "参考资料：", "참고 문헌"]) {
      const out = trimmedArticle(
        report,
        `<h2>${title}</h2><ul><li><a href="/a">Rapport annuel</a></li>` +
          '<li><a href="/b">Normes d\'évaluation</a></li></ul>',
      );
      assert.ok(out.endsWith("Normes d'évaluation"), `${title}: ${out}`);
    }
  });

  await t.step("a list of links under another title goes with it", () => {
    const out = trimmedArticle(
      report,
      '<h2>Read next</h2><ul><li><a href="/reits">What is a REIT?</a></li>' +
        '<li><a href="/crowdfunding">Crowdfunding explained</a></li></ul>',
    );
    assert.ok(out.endsWith("many of them."), out);
  });
});

Deno.test("trimTail() drops the comment section's policy note that closes the content", async (t) => {
  const story =
    "<p>The agency plans to launch the lander in 2027, two years later than it first said, " +
    "after a review found that its engines needed more testing before a crewed flight.</p>";

  await t.step("a note on how comments are moderated goes", () => {
    const out = trimmedArticle(
      story,
      "<p>Note: we are temporarily moderating all comments submitted to deal with a surge in spam.</p>",
    );
    assert.ok(out.endsWith("before a crewed flight."), out);
  });

  await t.step("so does one in another language", () => {
    const out = trimmedArticle(
      story,
      "<p>ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com respeito ao " +
        "usuário não serão aprovados pelo moderador.</p>",
    );
    assert.ok(out.endsWith("before a crewed flight."), out);
  });

  await t.step("a closing line on comments that says nothing of moderation stays", () => {
    const out = trimmedArticle(
      story,
      "<p>A spokesperson for the agency declined to comment on the new schedule.</p>",
    );
    assert.ok(out.endsWith("declined to comment on the new schedule."), out);
  });

  await t.step("a long closing paragraph that mentions both stays", () => {
    const long = "<p>Readers' comments on the plan were moderated by the agency's panel, " +
      "which approved most of them. " +
      "The panel will publish its report next spring. ".repeat(6) +
      "</p>";
    const out = trimmedArticle(story, long);
    assert.ok(out.includes("Readers' comments on the plan"), out);
  });
});

Deno.test("dropLeadReadingTimes() drops the post's reading time over its text, not a card's", async (t) => {
  const prose = "<p>A thoughtful comparison of the platforms lays the groundwork for a plan that " +
    "reaches the right people, and it starts with knowing who uses each of them and why.</p>";

  await t.step("a reading time named so over the text goes", () => {
    const out = articleAfter(
      '<span class="span-reading-time rt-reading-time"><span class="rt-label">Reading Time: ' +
        '</span><span class="rt-time">11</span> <span class="rt-label">minutes</span></span>' +
        prose,
      dropLeadReadingTimes,
    );
    assert.ok(!out.includes("Reading Time"), out);
    assert.ok(out.includes("A thoughtful comparison"), out);
  });

  await t.step("so does one set as a paragraph, in another language", () => {
    const out = articleAfter(
      '<p class="estimated-read-time">Tempo de leitura:<small> 1 minuto</small></p>' + prose,
      dropLeadReadingTimes,
    );
    assert.ok(!out.includes("Tempo de leitura"), out);
  });

  await t.step("a card's reading time after the text stays, as does a line not named so", () => {
    const out = articleAfter(
      "<p>Reading time: 11 minutes</p>" + prose + prose +
        '<div class="card"><h3><a href="/b">Another post</a></h3>' +
        '<span class="read-time">4 min read</span></div>',
      dropLeadReadingTimes,
    );
    assert.ok(out.startsWith("Reading time: 11 minutes"), out);
    assert.ok(out.includes("4 min read"), out);
  });
});

Deno.test("dropLeadFactsLines() drops the line of the post's facts under its title", async (t) => {
  const prose = "A equipe do Serviço de Atendimento Domiciliar registrou o arrombamento de dois " +
    "veículos estacionados em frente à unidade, na madrugada de quinta-feira.";
  const facts = "<small><b>05/10/2018</b> - Publicado por: Clarissa Borba - Categoria: " +
    '<a href="/c/19">Saúde</a> - Tags: <a href="/t/sad">sad</a> <a href="/t/v">veiculo</a></small>';

  await t.step("a date with labelled fields, set in small print, goes", () => {
    const out = articleAfter(
      `<div><p>Atendimento Domiciliar registra arrombamento</p>${facts}<br><br>${prose}</div>`,
      dropLeadFactsLines,
    );
    assert.ok(!out.includes("Publicado por") && !out.includes("05/10/2018"), out);
    assert.ok(out.includes("Atendimento Domiciliar registra") && out.includes("A equipe"), out);
  });

  await t.step("a sentence that opens with a date and names facts stays", () => {
    const line = "<p>05/10/2018 - A equipe registrou o caso - a polícia foi chamada.</p>";
    const out = articleAfter(line + `<p>${prose}</p>`, dropLeadFactsLines);
    assert.ok(out.includes("a polícia foi chamada"), out);
  });

  await t.step("so does a line of facts in a table of the text", () => {
    const row = "<table><tr><td>05/10/2018 - Autor: Ana - Categoria: Saúde</td></tr></table>";
    const out = articleAfter(row + `<p>${prose}</p>`, dropLeadFactsLines);
    assert.ok(out.includes("Autor: Ana"), out);
  });
});

Deno.test("dropLeadBylines() drops the line that names the writer over the text", async (t) => {
  const prose = "<p>RAJSHAHI, Dec 20, 2025 - Homestead gardening has been contributing to making " +
    "rural communities more self-reliant while enhancing food security in the region.</p>";

  await t.step("a byline set as a paragraph of its own goes", () => {
    const out = articleAfter(
      "<h1>Homestead gardening in Rajshahi</h1><p>By <strong>Md Aynal Haque</strong></p>" + prose,
      dropLeadBylines,
    );
    assert.ok(!out.includes("Aynal Haque"), out);
    assert.ok(out.includes("Homestead gardening in Rajshahi") && out.includes("RAJSHAHI"), out);
  });

  await t.step("so does one in another language", () => {
    const out = articleAfter("<p>Por María José Pérez</p>" + prose, dropLeadBylines);
    assert.ok(!out.includes("María José"), out);
  });

  await t.step("a line of the text, a heading and a later byline stay", () => {
    const out = articleAfter(
      "<p>By Air</p><h2>By Public Transport</h2>" + prose + "<p>By Rick Steves</p>",
      dropLeadBylines,
    );
    assert.ok(out.startsWith("By Air\n\nBy Public Transport"), out);
    assert.ok(out.endsWith("By Rick Steves"), out);
  });

  await t.step("a template's byline in an <h6> goes", () => {
    const out = articleAfter("<h6>By Rick Steves</h6>" + prose, dropLeadBylines);
    assert.ok(out.startsWith("RAJSHAHI"), out);
  });

  await t.step("so does a byline's label whose name went with its link", () => {
    const out = articleAfter(
      "<div><span>Edited by</span></div>" + prose + prose + prose + "<p>Written by:</p>",
      dropLeadBylines,
    );
    assert.ok(out.startsWith("RAJSHAHI"), out);
    // Past the lead, the same words are the text's.
    assert.ok(out.endsWith("Written by:"), out);
  });
});

Deno.test("trimTail() drops the post's closing line of tags", () => {
  const story = "<p>Mid-sized companies in the fitness business face a growing body of rules on " +
    "supplements, trainers' licences and the contracts their members sign.</p>";
  assert.ok(
    trimmedArticle(story, "<p>Tags: Employment, Health &amp; Fitness, Mid-sized Businesses</p>")
      .endsWith("the contracts their members sign."),
  );
  // A closing fact with one value, or a wiki's category, is no line of tags.
  const kept = trimmedArticle(story, "<p>Category:Portage</p>");
  assert.ok(kept.endsWith("Category:Portage"), kept);
});

Deno.test("trimTail() drops a closing line of tags in other languages", () => {
  const story = "<p>Die Stadt verlängert die Öffnungszeiten der Bibliotheken ab dem kommenden " +
    "Monat und stellt dafür zusätzliches Personal ein.</p>";
  for (
    const tags of [
      "<p>Schlagwörter: Bibliothek, Stadtrat, Kultur</p>",
      "<p>Mots-clés : bibliothèque, mairie, culture</p>",
      "<p>Argomenti: biblioteca, comune, cultura</p>",
      "<p>Trefwoorden: bibliotheek, gemeente, cultuur</p>",
      // Russian, Turkish, Arabic (its comma "،"), Japanese and Chinese (theirs, "、", "，").
      "<p>Теги: библиотека, город, культура</p>",
      "<p>Etiketler: kütüphane, belediye, kültür</p>",
      "<p>الوسوم: مكتبة، بلدية، ثقافة</p>",
      "<p>タグ：図書館、市役所、文化</p>",
      "<p>标签：图书馆，市政府，文化</p>",
      "<p>태그: 도서관, 시청, 문화</p>",
    ]
  ) {
    const out = trimmedArticle(story, tags);
    assert.ok(out.endsWith("zusätzliches Personal ein."), out);
  }
});

Deno.test("trimTail() drops the label over a closing line it trims", async (t) => {
  const story = "<p>Periodontal disease is the most common cause of tooth loss among adults, " +
    "and regular checkups help catch it early.</p>";

  await t.step("a stamp's label goes with its date", () => {
    const out = trimmedArticle(
      story,
      "<div><div>Date Last Reviewed:</div><div><time>April 2025</time></div></div>",
    );
    assert.ok(out.endsWith("catch it early."), out);
  });

  await t.step("a label over what stays is the text's", () => {
    const out = trimmedArticle(
      story,
      "<p>Ingredients:</p><ul><li>2 eggs</li><li>1 cup of flour</li></ul>",
    );
    assert.ok(out.includes("Ingredients:"), out);
    assert.ok(out.endsWith("1 cup of flour"), out);
  });
});

Deno.test("trimTail() keeps a closing list of links that the prose leads into", async (t) => {
  const list = '<ul><li><a href="https://try.example.org">An interactive tutorial</a></li>' +
    '<li><a href="https://book.example.org">The free book</a></li>' +
    '<li><a href="https://guides.example.org">The official guides</a></li></ul>';

  await t.step("a paragraph whose last sentence leads into the list with a colon keeps it", () => {
    const out = trimmedArticle(
      "<p>Each of these commands has many options and allows broad control over the history " +
        "of your project. There are a number of other resources I'd suggest for learning more:</p>",
      list,
    );
    assert.ok(out.endsWith("The official guides"), out);
  });

  await t.step("a short label over the list is a widget's title: the list goes", () => {
    const out = trimmedArticle(
      "<p>Each of these commands has many options and allows broad control over the history " +
        "of your project.</p><p>You may also like:</p>",
      list,
    );
    assert.ok(!out.includes("The free book"), out);
  });

  await t.step("a paragraph that does not lead into it leaves it a tail", () => {
    const out = trimmedArticle(
      "<p>Each of these commands has many options and allows broad control over the history " +
        "of your project, and the rest is practice with a repository of your own.</p>",
      list,
    );
    assert.ok(out.endsWith("a repository of your own."), out);
  });
});

Deno.test("trimTail() drops a closing note in italics that presents the writer", async (t) => {
  const story = "<p>Legal questions in the fitness industry are many, but careful contracts and " +
    "good advice help a studio through them.</p>";

  await t.step("a note set wholly in italics goes", () => {
    const note = '<p><em>(</em><a href="/people/pf"><em>Paul Fenaroli</em></a><em> is an ' +
      "Associate Attorney at Pastore admitted in Connecticut.)</em></p>";
    const out = trimmedArticle(story, note);
    assert.ok(out.endsWith("through them."), out);
  });

  await t.step("so does one set as a bare <em> after a rule", () => {
    const note = "<h2>______</h2><em>Eric Song is IGN's deal curator and spends 25% of his pay " +
      "on stuff he posts.</em>";
    const out = articleAfter(`<div>${story}${note}</div>`, trimTail);
    assert.ok(!out.includes("deal curator"), out);
    assert.ok(out.includes("through them."), out);
  });

  await t.step("the text's own closing sentence about someone, in roman type, stays", () => {
    const roman = "<p>Paul Fenaroli is an attorney who has advised gyms for a decade.</p>";
    const out = trimmedArticle(story, roman);
    assert.ok(out.endsWith("for a decade."), out);
  });

  await t.step("a closing line in italics that presents no one stays", () => {
    const aside = "<p><em>The studio reopened in March with a new lease.</em></p>";
    const out = trimmedArticle(story, aside);
    assert.ok(out.endsWith("a new lease."), out);
  });
});

Deno.test("trimTail() drops the writer's note under its label that closes the content", async (t) => {
  const story = "<p>Cloud providers now bill most new workloads by the second, and teams that " +
    "watch their usage closely report spending a third less than a year ago.</p>";
  const bio = "<p>Jane Doe is a content writer with five years of experience in cloud " +
    "computing, data science and the careers that lead into them.</p>";

  await t.step("the label and the bio go", async (t) => {
    for (
      const label of [
        "About the Author:",
        "About the author",
        "Über die Autorin",
        "Zur Autorin",
        "Sull'autore",
        "O autorze:",
      ]
    ) {
      await t.step(label, () => {
        const out = trimmedArticle(story, `<p>${label}</p>${bio}`);
        assert.ok(out.endsWith("a year ago."), out);
      });
    }
  });

  await t.step("so do the labels of Russian, Turkish, Arabic, Japanese, Chinese, Korean", () => {
    for (
      const label of [
        "Об авторе",
        "Yazar hakkında",
        "عن الكاتب",
        "著者について",
        "关于作者：",
        "저자 소개",
      ]
    ) {
      // A CJK character counts as wide text: a longer story keeps the label a small part.
      const out = trimmedArticle(story + story, `<p>${label}</p>${bio}`);
      assert.ok(out.endsWith("a year ago."), `${label}: ${out}`);
    }
  });

  await t.step("a heading over the bio goes with it", () => {
    const out = trimmedArticle(story, `<h3>Sobre el autor</h3>${bio}`);
    assert.ok(out.endsWith("a year ago."), out);
  });

  await t.step("a section on the author that is long, or under another heading, stays", () => {
    const long = "<p>" + "The novelist wrote her first book at nineteen. ".repeat(15) + "</p>";
    const kept = trimmedArticle(story, `<h2>About the author</h2>${long}`);
    assert.ok(kept.includes("About the author"), kept);
    const other = trimmedArticle(story, `<h2>About the study</h2>${bio}`);
    assert.ok(other.endsWith("lead into them."), other);
  });
});

Deno.test("trimTail() drops the bio of a box the page marks as its writer's", async (t) => {
  const story = "<p>Tomaten brauchen einen sonnigen Platz, einen großen Kübel und regelmäßig " +
    "Wasser, dann tragen sie bis in den Oktober hinein reichlich Früchte.</p>";
  const bio = "<p>Sabine gärtnert seit über zwanzig Jahren auf ihrem Balkon in Hamburg und " +
    "teilt hier ihre Erfahrungen mit Gemüse und Kräutern.</p>";

  await t.step("an author box's note (itemprop=author) goes", () => {
    const box = '<div itemprop="author" itemscope itemtype="http://schema.org/Person">' +
      `<div><div itemprop="description">${bio}</div></div></div>`;
    const out = trimmedArticle(story, box);
    assert.ok(out.endsWith("Oktober hinein reichlich Früchte."), out);
  });

  await t.step("so does one marked only as a schema.org Person", () => {
    const box = `<div itemscope itemtype="https://schema.org/Person"><div>${bio}</div></div>`;
    const out = trimmedArticle(story, box);
    assert.ok(!out.includes("zwanzig Jahren"), out);
  });

  await t.step("a page about a person, marked as one whole, keeps its closing paragraph", () => {
    const more = "<p>Sie leitet heute ein Team von zwanzig Forschenden, das Kommunen und " +
      "Verkehrsverbünde bei der Planung neuer Angebote im ländlichen Raum berät.</p>";
    const profile = '<div itemscope itemtype="https://schema.org/Person">' +
      `${story}${more.repeat(6)}${bio}</div>`;
    const out = articleAfter(profile, trimTail);
    assert.ok(out.includes("zwanzig Jahren"), out);
  });

  await t.step("the same closing paragraph outside such a box stays", () => {
    const out = trimmedArticle(story, `<div><div>${bio}</div></div>`);
    assert.ok(out.includes("zwanzig Jahren"), out);
  });
});

/** The text dropClosingLinkBlocks() leaves of an article holding `html`. */
function withoutClosingLinks(html: string): string {
  return articleAfter(html, dropClosingLinkBlocks);
}

Deno.test("dropClosingLinkBlocks() drops a list of links before an italic closing note", async (t) => {
  const body =
    "<p>The probe found water vapour above the moon's surface on one of seventeen nights, " +
    "a faint signal that suggests the plumes are rare or weak. A spacecraft due to fly past " +
    "the moon dozens of times could still pass through one, the team said.</p>";
  const list = '<ul><li><a href="/moon-mission">A mission could spot signs of life</a></li>' +
    '<li><a href="/photos-moon">Photos: the icy moon up close</a></li>' +
    '<li><a href="/observatory">The twin telescopes on the mountain</a></li></ul>';
  const note = '<p><em>The author\'s book, "</em><a href="/book"><em>Out There</em></a>' +
    '<em>", is out now. Follow him on </em><a href="/follow"><em>social media</em></a>.</p>';

  await t.step("the list and the note go", () => {
    assert.equal(withoutClosingLinks(body + list + note), collapse(body.replace(/<[^>]+>/g, "")));
  });

  await t.step("a list the prose leads into, or before a plain paragraph, stays", () => {
    const into = body.replace("the team said.</p>", "the team said of these:</p>");
    assert.ok(withoutClosingLinks(into + list + note).includes("Photos: the icy moon"));
    const plain = "<p>The team will look again next year with a larger telescope.</p>";
    assert.ok(withoutClosingLinks(body + list + plain).includes("Photos: the icy moon"));
  });
});

Deno.test("dropClosingLinkBlocks() drops a closing run of headed link lists", async (t) => {
  const body =
    "<p>Die Gemeinde hat den alten Bahnhof gekauft und will dort bis 2027 eine Bibliothek, " +
    "ein Café und Räume für Vereine einrichten. Die Umbaukosten werden auf 4,2 Millionen " +
    "Euro geschätzt, ein Drittel davon trägt das Land.</p>";
  const related = "<h3>Weitere Artikel</h3><p>Das könnte Sie auch interessieren:</p>" +
    '<ul><li><a href="/bahnhof-geschichte">Die Geschichte des Bahnhofs</a></li>' +
    '<li><a href="/bibliothek-plaene">Pläne für die neue Bibliothek</a></li></ul>' +
    '<div><h3>Veranstaltungen</h3><div><div><a href="/termine/fest">Bahnhofsfest</a></div>' +
    '<div><a href="/termine/lesung">Lesung im Wartesaal</a></div></div></div>';

  await t.step("the headings, the intro line, the links and a closing call go", () => {
    const out = withoutClosingLinks(
      body + related +
        '<p>Abonnieren Sie unseren <a href="/newsletter">Newsletter</a>, um nichts zu verpassen.</p>',
    );
    assert.equal(out, collapse(body.replace(/<[^>]+>/g, "")));
  });

  await t.step("a table of contents, and entries with words of their own, stay", () => {
    const toc = '<h3>Inhalt</h3><ul><li><a href="#kauf">Der Kauf</a></li>' +
      '<li><a href="#umbau">Der Umbau</a></li></ul>';
    assert.ok(withoutClosingLinks(body + toc).includes("Der Umbau"));
    const notes = "<h3>Quellen</h3><ul>" +
      '<li><a href="/protokoll">Protokoll</a> der Sitzung des Gemeinderats vom 3. Mai</li>' +
      '<li><a href="/haushalt">Haushalt</a> der Gemeinde für das Jahr 2025, Teil zwei</li></ul>';
    assert.ok(withoutClosingLinks(body + notes).includes("Teil zwei"));
  });

  await t.step("cards of a heading, a line of text and a link stay", () => {
    const cards = "<h3>Kurse</h3><h4>Buchhaltung</h4><p>Grundlagen für den Alltag im Verein.</p>" +
      '<p><a href="/kurse/buchhaltung">Buchhaltung</a></p><h4>Recht</h4>' +
      '<p>Was ein Vorstand wissen muss.</p><p><a href="/kurse/recht">Recht</a></p>';
    assert.ok(withoutClosingLinks(body + cards).includes("Recht"));
  });

  await t.step("links without prose before them are the content", () => {
    const out = withoutClosingLinks(related);
    assert.ok(out.includes("Lesung im Wartesaal"), out);
  });
});

Deno.test("dropClosingLinkBlocks() drops a closing feed of dated entries under its label", async (t) => {
  const body =
    "<p>The workforce office funds training programs run by local nonprofits: adult literacy, " +
    "job placement for people leaving prison, and vocational courses that lead to a " +
    "certificate recognised by employers across the county.</p>";

  await t.step("the label, the date and the one story's title go", () => {
    const feed = '<section><h4>Recent News</h4><div class="row"><div>March 7, 2025</div>' +
      '<div><a href="/news/friendship-cities">City signs a friendship agreement</a></div>' +
      "</div></section>";
    assert.equal(withoutClosingLinks(body + feed), collapse(body.replace(/<[^>]+>/g, "")));
  });

  await t.step("a list's last card, its title a link over its author and date, stays", () => {
    const card = '<h3><a href="/posts/survey">Most readers would vote for the cartoon</a></h3>' +
      '<p><a href="/authors/tw">By Trevor</a></p><p>Jul 23, 2024</p>';
    assert.ok(withoutClosingLinks(body + card).includes("By Trevor"));
    const summed = card + "<p>We combined survey and search data to find out who would win.</p>";
    assert.ok(withoutClosingLinks(body + summed).includes("By Trevor"));
  });

  await t.step("a session's date over the call to book it stays", () => {
    const session = "<h4>Next session</h4><p>March 7, 2025</p>" +
      '<p><a href="/register">Register now</a></p>';
    assert.ok(withoutClosingLinks(body + session).includes("March 7, 2025"));
  });

  await t.step("one undated link under a heading stays", () => {
    const one = '<h4>Source</h4><p><a href="/report">The county labour report</a></p>';
    assert.ok(withoutClosingLinks(body + one).includes("labour report"));
  });
});

Deno.test("trimTail() keeps a closing line of a label and its value", async (t) => {
  const review =
    "<p>La serie segue tre sorelle che tornano nella casa di famiglia dopo vent'anni, " +
    "tra segreti, vecchi rancori e un giardino che nessuno ha più curato.</p>";
  const trimmed = (tail: string): string => trimmedArticle(review, tail);

  await t.step("where to watch it and when it was updated stay", () => {
    const out = trimmed("<p>Dove vederla: RaiPlay</p><p>Aggiornato: 3 maggio 2025</p>");
    assert.ok(out.endsWith("Dove vederla: RaiPlay\n\nAggiornato: 3 maggio 2025"), out);
  });

  await t.step("a label that is a link, and a widget's title, go", () => {
    const out = trimmed(
      '<p>Leggi anche: <a href="/serie">Le serie del mese</a></p><p>Più letti</p>',
    );
    assert.ok(out.endsWith("più curato."), out);
  });

  await t.step("a linked value stays when its label closes each item above", () => {
    const film = (name: string, where: string): string =>
      `<h2>${name}</h2>` + review +
      `<p><strong>Dove vederla:</strong> <a href="https://example.com/${where}">${where}</a></p>`;
    const out = articleAfter(
      film("Le sorelle", "RaiPlay") + film("Il giardino", "Netflix"),
      trimTail,
    );
    assert.ok(out.endsWith("Dove vederla: Netflix"), out);
  });
});

Deno.test("trimTail() drops the closing call to sign up that titles a form", async (t) => {
  const post = "<p>Repot the plant in spring, in a pot one size larger, and water it only once " +
    "the top of the soil has dried out.</p>";

  await t.step("a sentence or a heading asking the reader to sign up goes", () => {
    assert.ok(
      trimmedArticle(post, "<p><em>Be sure to sign up below so we can stay in touch!</em></p>")
        .endsWith("has dried out."),
    );
    assert.ok(
      trimmedArticle(post, "<h2>Subscribe to receive monthly updates about our news.</h2>")
        .endsWith("has dried out."),
    );
  });

  await t.step("the same call in other languages goes", () => {
    for (
      const call of [
        "<p><em>Abonniere unseren Newsletter, um nichts zu verpassen!</em></p>",
        "<p>Inscrivez-vous pour recevoir nos conseils chaque mois.</p>",
        "<h2>Zapisz się do naszego newslettera</h2>",
      ]
    ) {
      const out = trimmedArticle(post, call);
      assert.ok(out.endsWith("has dried out."), out);
    }
  });

  await t.step("and in Russian, Turkish and Arabic", () => {
    for (
      const call of [
        "<p>Подпишитесь на нашу рассылку, чтобы ничего не пропустить!</p>",
        "<p><em>Bültenimize abone olun, yeni yazıları kaçırmayın!</em></p>",
        "<h2>اشتركوا في نشرتنا البريدية</h2>",
      ]
    ) {
      const out = trimmedArticle(post, call);
      assert.ok(out.endsWith("has dried out."), `${call}: ${out}`);
    }
  });

  await t.step("the writer's own pointer to the newsletter, a link, stays", () => {
    const out = trimmedArticle(
      post,
      '<p>You can also subscribe to this newsletter <a href="/nl">here</a>.</p>',
    );
    assert.ok(out.endsWith("newsletter here."), out);
  });

  await t.step("a paragraph of two sentences that mentions subscribing stays", () => {
    const out = trimmedArticle(
      post,
      "<p>Some readers asked how to subscribe. The plant club meets monthly.</p>",
    );
    assert.ok(out.endsWith("meets monthly."), out);
  });
});

Deno.test("trimTail() drops a closing question of a few words over nothing", async (t) => {
  const item = "<p>Each bowl is thrown by hand on the wheel and glazed in our studio, so no two " +
    "are quite alike in their colour.</p>";

  await t.step("a box's title of one to three words goes", () => {
    assert.ok(trimmedArticle(item, "<h3>Did you know?</h3>").endsWith("in their colour."));
    assert.ok(trimmedArticle(item, "<p>Questions?</p>").endsWith("in their colour."));
  });

  await t.step("a longer question the text closes with stays", () => {
    const out = trimmedArticle(item, "<p>Which glaze will you choose for yours?</p>");
    assert.ok(out.endsWith("choose for yours?"), out);
  });

  await t.step("in a script without spaces, a question is as long as its words", () => {
    // A box's title written with a wide question mark goes; a Chinese or Thai question of
    // many words, one token between spaces, stays.
    assert.ok(trimmedArticle(item, "<h3>还有疑问？</h3>").endsWith("in their colour."));
    for (
      const question of [
        "你觉得哪一种釉色最适合你家里的餐桌和碗柜?",
        "คุณคิดว่าเคลือบสีไหนเหมาะกับโต๊ะอาหารที่บ้านของคุณมากที่สุด?",
      ]
    ) {
      const out = trimmedArticle(item, `<p>${question}</p>`);
      assert.ok(out.endsWith(question), out);
    }
  });
});

Deno.test("trimTail() keeps a closing line that writes out an address", async (t) => {
  const page =
    "<p>Wir unterrichten Klavier, Gitarre und Gesang für alle Altersstufen, einzeln oder " +
    "in kleinen Gruppen, in unserem Studio oder bei Ihnen zu Hause.</p>";
  const trimmed = (tail: string): string => trimmedArticle(page, tail);

  await t.step("a web address and an e-mail address stay", () => {
    const out = trimmed(
      '<p><a href="https://musikschule.example.de">www.musikschule.example.de</a></p>' +
        '<p>E-Mail: <a href="mailto:info@musikschule.example.de">info@musikschule.example.de</a></p>',
    );
    assert.ok(
      out.endsWith("www.musikschule.example.de\n\nE-Mail: info@musikschule.example.de"),
      out,
    );
  });

  await t.step("a widget's title goes", () => {
    const out = trimmed("<p>Das könnte Sie auch interessieren</p>");
    assert.ok(out.endsWith("bei Ihnen zu Hause."), out);
  });
});

Deno.test("cleanArticle() keeps a line naming a date that leads into what follows", () => {
  const out = cleanedArticle(
    "<p>Le correctif publié par l'éditeur ferme la faille dans les deux branches.</p>" +
      "<p>Versions touchées avant le 12 mars 2025 :</p><ul><li>4.2</li><li>4.3</li></ul>" +
      "<p>Camille (00:12:49) : Et ensuite,</p>" +
      "<p>Mis à jour le 14 mars 2025</p>",
  );
  assert.ok(out.includes("Versions touchées avant le 12 mars 2025 :"), out);
  assert.ok(out.includes("Camille (00:12:49) : Et ensuite,"), out);
  assert.ok(!out.includes("Mis à jour"), out);
});

Deno.test("cleanArticle() keeps a roundup's linked items, drops the teasers", () => {
  const item = (name: string, prose: string) =>
    `<p><a href="/n/${name.length}">${name}</a></p><p>${prose}</p>`;
  const out = cleanedArticle(
    "<p>Resumimos las compras más sonadas del mes en el sector de la ciberseguridad europea.</p>" +
      '<p><a href="/otra">Lee también: el mercado de la nube crece</a></p>' +
      "<p>Los analistas esperan que la consolidación continúe durante todo el año que viene.</p>" +
      "<p>Tres de las operaciones se cerraron en la última semana, con precios por encima de lo previsto.</p>" +
      item(
        "Acme compra Brisa",
        "La firma de identidad Acme ha cerrado la compra de Brisa por una cifra no revelada.",
      ) +
      item(
        "Nube Sur se fusiona con Delta",
        "Las dos empresas de copias de seguridad unirán sus equipos de Madrid y de Lisboa.",
      ) +
      item(
        "Fondo Iberia saca de bolsa a Kappa",
        "El fondo pagará once euros por acción y espera cerrar la operación en primavera.",
      ) +
      '<p><a href="/a">Las diez brechas más graves del año</a></p>' +
      '<p><a href="/b">Qué pedir a un proveedor de correo seguro</a></p>',
  );
  assert.ok(out.includes("Acme compra Brisa"), out);
  assert.ok(out.includes("Nube Sur se fusiona con Delta"), out);
  assert.ok(out.includes("Fondo Iberia saca de bolsa a Kappa"), out);
  assert.ok(!out.includes("Lee también"), out);
  assert.ok(!out.includes("Las diez brechas"), out);
  assert.ok(!out.includes("Qué pedir"), out);
});

Deno.test("cleanArticle() keeps a linked name the next paragraph tells of", () => {
  const out = cleanedArticle(
    "<p>Wir haben vier Sprach-Apps einen Monat lang getestet, jeden Abend eine halbe Stunde.</p>" +
      '<p><a href="https://lernfix.example">Lernfix</a></p>' +
      "<p>Lernfix ist unser Testsieger: kurze Lektionen, gute Aussprache und kein Abo-Zwang.</p>" +
      "<p>Die Wiederholungen passen sich dem Lernstand an, was uns besonders gefallen hat.</p>" +
      '<p><a href="/ratgeber/woerterbuch">Die besten Wörterbücher im Vergleich</a></p>' +
      "<p>Wer lieber mit Büchern lernt, findet in der Stadtbibliothek eine große Auswahl.</p>" +
      '<p><a href="https://sprechzeit.example">Sprechzeit Plus</a></p>' +
      "<p>Bei Sprechzeit Plus übt man mit echten Lehrern per Video, was allerdings teurer ist.</p>",
  );
  assert.ok(out.includes("Lernfix\n"), out);
  assert.ok(out.includes("Sprechzeit Plus\n"), out);
  assert.ok(!out.includes("Die besten Wörterbücher"), out);
});

Deno.test("cleanArticle() keeps a linked paragraph that writes out its address", () => {
  const out = cleanedArticle(
    "<p>O editor é gratuito, abre ficheiros grandes sem esforço e tem extensões para tudo.</p>" +
      '<p>Site oficial: <a href="https://editor.example.pt/">https://editor.example.pt/</a></p>' +
      "<p>A versão paga acrescenta sincronização entre computadores e suporte por correio.</p>" +
      '<p><a href="http://www.fonte.example.org/estudo">www.fonte.example.org/estudo</a></p>' +
      '<p><a href="/artigos/como-escolher">Leia também: como escolher um editor de código</a></p>',
  );
  assert.ok(out.includes("Site oficial: https://editor.example.pt/"), out);
  assert.ok(out.includes("www.fonte.example.org/estudo"), out);
  assert.ok(!out.includes("Leia também"), out);
});

Deno.test("cleanArticle() keeps a source line whose source is a link", () => {
  const out = cleanedArticle(
    "<p>Die Mieten in den Großstädten sind im letzten Jahr deutlich stärker gestiegen als die Löhne.</p>" +
      '<p>Quelle: <a href="https://statistik.example/mieten">Statistisches Landesamt</a></p>' +
      "<p>Besonders betroffen sind junge Familien, die eine größere Wohnung suchen müssen.</p>" +
      '<p><em>Source: <a href="https://survey.example/2024">A Survey of Rents in Large Cities</a></em></p>' +
      '<p><a href="/artikel/wohngeld">Mehr dazu: So beantragen Sie Wohngeld</a></p>' +
      '<p><a href="/quellen">Quelle: unsere Leserumfrage</a></p>',
  );
  assert.ok(out.includes("Quelle: Statistisches Landesamt"), out);
  assert.ok(out.includes("Source: A Survey of Rents in Large Cities"), out);
  assert.ok(!out.includes("Mehr dazu"), out);
  assert.ok(!out.includes("Leserumfrage"), out);
});

Deno.test("cleanArticle() keeps a linked paragraph that is all of a list's item or a cell", () => {
  const out = cleanedArticle(
    "<p>Deze cursus leert je in negen lessen hoe je een eigen AI-agent bouwt, stap voor stap.</p>" +
      '<ul><li><p><a href="/les/1">Gestructureerde uitvoer</a></p></li>' +
      '<li><p><a href="/les/2">Gereedschap aanroepen</a></p></li></ul>' +
      "<p>Voor de prijzen van de verhuurders hebben we in mei dezelfde auto voor een week geboekt.</p>" +
      '<table><tr><td><p><a href="/verhuur/zon">Zonverhuur</a></p></td><td>€ 312</td></tr>' +
      '<tr><td><p><a href="/verhuur/dijk">Dijkauto</a></p></td><td>€ 298</td></tr></table>' +
      '<p><a href="/artikel/tanken">Lees ook: zo tank je goedkoper in het buitenland</a></p>' +
      "<p>Boek op tijd: in de zomer lopen de prijzen bij alle verhuurders snel op.</p>",
  );
  assert.ok(out.includes("Gestructureerde uitvoer"), out);
  assert.ok(out.includes("Gereedschap aanroepen"), out);
  assert.ok(out.includes("Zonverhuur"), out);
  assert.ok(out.includes("Dijkauto"), out);
  assert.ok(!out.includes("Lees ook"), out);
});

Deno.test("dropCallBoxes() drops an article's pitch boxes over a button, not its items", () => {
  const pitch = '<div class="caja"><h4>Prueba nuestra app de entrenamiento</h4>' +
    "<p>Treinta días gratis, sin tarjeta de crédito.</p>" +
    '<div><a class="btn btn-primario" href="/registro">Empezar ahora</a></div></div>';
  const lamp = (name: string, line: string) =>
    `<div class="ficha"><h3>${name}</h3><p>${line}</p>` +
    '<a class="boton" href="/tienda">Comprar</a></div>';
  const body = parsePage(
    `<html><body><article><p>El entrenamiento por intervalos quema calorías en poco tiempo.</p>` +
      `${pitch}<p>Además, ayuda a ganar algo de músculo sin aparatos.</p>` +
      lamp("Lámpara de pie", "Luz cálida o fría a elección, con mando por voz.") +
      lamp("Lámpara de mesa", "Una media esfera que brilla como un amanecer suave.") +
      '<div class="precios"><h3>Paquetes</h3><table><tr><td>4 sesiones</td><td>60 €</td></tr>' +
      '<tr><td>8 sesiones</td><td>120 €</td></tr></table><a class="btn" href="/compra">Comprar paquete</a></div>' +
      `${pitch}</article></body></html>`,
  ).body as unknown as Element;
  assert.equal(dropCallBoxes(body), 2);
  const out = blockText(body);
  assert.ok(!out.includes("Treinta días gratis"), out);
  assert.ok(out.includes("ayuda a ganar algo de músculo"), out);
  // A roundup's items, each over its button with the same label, stay; so does a price list.
  assert.ok(out.includes("Luz cálida") && out.includes("media esfera"), out);
  assert.ok(out.includes("8 sesiones"), out);
});

/** The body of an article of one paragraph, `lead`, followed by `box`. */
function articleWith(lead: string, box: string): Element {
  return parsePage(`<html><body><article><p>${lead}</p>${box}</article></body></html>`)
    .body as unknown as Element;
}

Deno.test("dropCallBoxes() drops a paywall's offer with its way in for subscribers", () => {
  // An offer set in the article where the text stops: its button, and below it the link
  // for those who have paid, after a short question ("Sei già abbonato? Accedi").
  const wall = (prompt: string) =>
    '<div class="articolo-chiuso"><h3>Questo articolo è riservato agli abbonati</h3>' +
    "<p>Per continuare a leggere abbonati a 1 € al mese per i primi tre mesi.</p>" +
    `<a class="btn" href="/abbonamenti">Abbonati ora</a><p>${prompt}</p></div>`;
  const page = (prompt: string) =>
    articleWith(
      "Il consiglio comunale ha approvato il nuovo piano del traffico per il centro storico.",
      wall(prompt),
    );
  const paid = page('Sei già abbonato? <a href="/accedi">Accedi</a>');
  assert.equal(dropCallBoxes(paid), 1);
  assert.ok(!blockText(paid).includes("riservato agli abbonati"));
  assert.ok(blockText(paid).includes("piano del traffico"));
  // A second link that closes no question is more than an offer's: the box stays.
  const other = page('Leggi anche <a href="/traffico">il piano del 2019</a>');
  assert.equal(dropCallBoxes(other), 0);
});

Deno.test("dropCallBoxes() reads an offer's call by the subscribers' prompt under it", () => {
  // Hashed class names: no name says the link is a button; the prompt beside it does.
  const wall = (prompt: string) =>
    '<div class="x8f2k1"><h2 class="u7i8o9">Weiterlesen mit NK+</h2>' +
    '<p class="p0a1s2">Alle Artikel und die App, im ersten Monat kostenlos.</p>' +
    `<a class="d3f4g5" href="/abo/plus">Jetzt gratis testen</a><p class="h6j7k8">${prompt}</p></div>`;
  const page = (prompt: string) =>
    articleWith("Die Stadtwerke wollen das Fernwärmenetz umstellen.", wall(prompt));
  const prompted = page('Bereits registriert? <a href="/login">Anmelden</a>');
  assert.equal(dropCallBoxes(prompted), 1);
  assert.ok(!blockText(prompted).includes("Weiterlesen mit NK+"));
  // Without the prompt, a plain link under a heading is the text's.
  assert.equal(dropCallBoxes(page("Mehr dazu im Lokalteil.")), 0);
});

Deno.test("dropCallBoxes() drops an untitled offer told by its subscribers' prompt", () => {
  // A Polish paywall titles itself with a paragraph, not a heading.
  const wall = (prompt: string) =>
    '<div class="premium-box"><p class="premium-box__title">Ten artykuł jest dostępny ' +
    "tylko dla subskrybentów</p><p>Wykup dostęp, aby czytać bez ograniczeń.</p>" +
    `<a class="premium-box__btn" href="/prenumerata">Kup dostęp</a>${prompt}</div>`;
  const page = (prompt: string) =>
    articleWith("Rada miasta przyjęła nowy plan ruchu dla starówki.", wall(prompt));
  const prompted = page('<p>Masz już konto? <a href="/logowanie">Zaloguj się</a></p>');
  assert.equal(dropCallBoxes(prompted), 1);
  assert.ok(!blockText(prompted).includes("dostępny tylko dla subskrybentów"));
  assert.ok(blockText(prompted).includes("nowy plan ruchu"));
  // Untitled and without the prompt, the box stays, as before.
  assert.equal(dropCallBoxes(page("")), 0);
});

Deno.test("dropCallBoxes() keeps an offer that is all a section says under its heading", () => {
  // A garden service's page of offers (in Portuguese): each section's heading (a rule
  // under it) over one offer with its button; the same pitch between an article's
  // paragraphs goes.
  const offer = (h: string, p: string) =>
    `<div class="cta-faixa"><div class="conteudo"><h3>${h}</h3><p>${p}</p>` +
    '<a class="cta-button button" href="/pedido">Começar</a></div></div>';
  const body = parsePage(
    "<html><body><main><h1>Promoções</h1>" +
      `<section><div><style>.cta-faixa{display:flex}</style><h2>Ofertas de poda</h2><hr>` +
      offer("Poupe 30 € na primeira poda", "Use o código PODA30 ao marcar a visita.") +
      "</div></section>" +
      `<section><div><h2>Relva nova</h2>` +
      offer("Relva semeada em 48 horas", "Preparamos o terreno e semeamos a relva.") +
      "</div></section>" +
      "<article><p>A poda de inverno fortalece as árvores de fruto para a primavera.</p>" +
      offer("Marque já a sua poda", "Técnicos certificados em todo o país, sem custos extra.") +
      "<p>Corte sempre acima de um gomo virado para fora.</p></article></main></body></html>",
  ).body as unknown as Element;
  assert.equal(dropCallBoxes(body), 1);
  const out = blockText(body);
  for (const kept of ["Poupe 30 €", "PODA30", "Relva semeada", "Corte sempre"]) {
    assert.ok(out.includes(kept), `keeps ${kept}`);
  }
  assert.ok(!out.includes("Técnicos certificados"), out);
});

Deno.test("dropCallBoxes() reads a button that leads somewhere, not a toggle", () => {
  const body = parsePage(
    "<html><body><article><p>Cada instalación eléctrica es distinta y su precio también.</p>" +
      '<div class="aviso"><h4>Pide un presupuesto a un profesional</h4>' +
      "<p>Nuestros electricistas te dan un precio justo hoy mismo.</p>" +
      "<button>Pedir presupuesto</button></div>" +
      '<div class="pregunta"><h3>¿Cuánto cuesta cambiar el cuadro?</h3>' +
      "<p>Entre trescientos y quinientos euros, según la potencia contratada.</p>" +
      '<button aria-expanded="false">Ver más</button></div></article></body></html>',
  ).body as unknown as Element;
  assert.equal(dropCallBoxes(body), 1);
  const out = blockText(body);
  assert.ok(!out.includes("precio justo"), out);
  assert.ok(out.includes("Entre trescientos"), out);
});

Deno.test("dropCallBoxes() measures the text a reader sees, not a widget's style sheet", () => {
  // A page builder writes each widget's rules in a <style> inside it: they are no pitch.
  const rules = ".widget-texto{margin:0 0 1em;font-size:1.1rem;line-height:1.6}".repeat(6);
  const body = parsePage(
    "<html><body><article><p>O treino intervalado queima calorias em pouco tempo.</p>" +
      '<section class="caixa"><div><h4>Experimente o Treinador</h4></div>' +
      `<div class="widget-texto"><style>${rules}</style>` +
      "<p>Um programa de treino intuitivo para os seus clientes.</p></div>" +
      "<div><p>Trinta dias grátis, sem cartão de crédito.</p></div>" +
      '<div><a class="botao" role="button" href="/registo">Começar</a></div></section>' +
      "<p>Além disso, ajuda a ganhar algum músculo sem aparelhos.</p></article></body></html>",
  ).body as unknown as Element;
  assert.equal(dropCallBoxes(body), 1);
  const out = blockText(body);
  assert.ok(!out.includes("Trinta dias grátis"), out);
  assert.ok(out.includes("ganhar algum músculo"), out);
});

Deno.test("dropCallBoxes() reads a link styled as a button by hand; styledOnly only that", () => {
  // A tutoring guide (in Dutch) with a pasted box whose link is drawn by its own style,
  // and a section's offer over a button its template names.
  const page = () =>
    parsePage(
      "<html><body><article><p>Een bijlesdocent helpt scholieren met wiskunde en scheikunde.</p>" +
        "<div><h3>Vind duizenden beurzen</h3>" +
        "<p>Maak een profiel aan en krijg toegang tot exclusieve beurzen.</p>" +
        '<a href="/aanmelden" style="padding: 11px 20px; background: #5d57fb; color: #fff">' +
        "Gratis profiel</a></div>" +
        "<p>Online bijles is handig voor wie weinig tijd heeft.</p>" +
        "<div><h3>Proefles</h3><p>De eerste les is gratis, zonder verplichtingen.</p>" +
        '<a class="btn" href="/proefles">Plan een les</a></div></article></body></html>',
    ).body as unknown as Element;
  const styled = page();
  assert.equal(dropCallBoxes(styled, true), 1);
  const kept = blockText(styled);
  assert.ok(!kept.includes("exclusieve beurzen"), kept);
  assert.ok(kept.includes("De eerste les is gratis"), kept);
  assert.ok(kept.includes("Online bijles is handig"), kept);
  const all = page();
  assert.equal(dropCallBoxes(all), 2);
  assert.ok(!blockText(all).includes("De eerste les is gratis"));
});

Deno.test("dropFigureSheets() drops each ranked item's sheet of figures, not a lone band", () => {
  // A ranking of universities (in German): each item's account beside a grid of figures
  // over their labels and rows of further figures, the same labels for every item.
  const item = (rank: number, name: string, account: string, figures: string[]) =>
    `<div class="eintrag"><h3>#${rank} ${name}</h3><div class="zeile">` +
    `<div class="text"><p>${account}</p></div><div class="zahlen"><div class="raster">` +
    [["Online eingeschrieben", figures[0]], ["Studiengebühr pro Jahr", figures[1]]].map(
      ([label, figure]) => `<div><p>${figure}</p><div>${label}</div></div>`,
    ).join("") +
    `</div><dl><dt>Zulassungsquote</dt><dd>${figures[2]}</dd></dl></div></div></div>`;
  const body = parsePage(
    "<html><body><article><p>Ein Fernstudium lässt sich neben dem Beruf abschließen.</p>" +
      item(1, "FernUni Hagen", "Die größte Fernuniversität des Landes, mit Studienzentren.", [
        "85%",
        "€1,200",
        "100%",
      ]) +
      item(2, "IU Erfurt", "Private Hochschule mit monatlichem Studienstart.", [
        "97%",
        "€7,900",
        "95%",
      ]) +
      item(3, "Hochschule Wismar", "Weiterbildende Master für Berufstätige.", [
        "64%",
        "€3,400",
        "80%",
      ]) +
      // A band of statistics a page states once keeps its figures.
      '<div class="bilanz"><div><p>40%</p><div>weniger Pendelzeit</div></div>' +
      "<div><p>3x</p><div>mehr Flexibilität</div></div></div>" +
      "</article></body></html>",
  ).body as unknown as Element;
  assert.equal(dropFigureSheets(body), 3);
  const lines = blockText(body).split("\n");
  // The items' names and accounts stay, as does the band; no figure or label of a sheet.
  assert.deepEqual(lines.filter((l) => /eingeschrieben|Studiengebühr|Zulassung|€/.test(l)), []);
  assert.ok(lines.includes("#2 IU Erfurt"), lines.join("\n"));
  assert.ok(lines.includes("Private Hochschule mit monatlichem Studienstart."));
  assert.ok(lines.includes("40%") && lines.includes("mehr Flexibilität"));
});

Deno.test("dropFigureSheets() keeps the rows of tables, however alike", () => {
  const table = (share: string) =>
    `<table><tbody><tr><td>${share}</td><td>Marktanteil</td></tr>` +
    "<tr><td>12%</td><td>Wachstum</td></tr></tbody></table>";
  const root = parsePage(
    `<html><body><article>${table("31%")}${table("22%")}${table("9%")}</article></body></html>`,
  ).body as unknown as Element;
  assert.equal(dropFigureSheets(root), 0);
  assert.equal(root.querySelectorAll("tr").length, 6);
});

Deno.test("dropImageCredits() drops a credit line under a picture, not a source under text", () => {
  const body = parsePage(
    "<html><body><article><p>Die Zahl der Haushalte mit Solaranlage hat sich verdoppelt.</p>" +
      '<div class="bild"><img src="grafik.png" alt="Grafik"></div>' +
      "<p>Quelle: Statistisches Bundesamt</p>" +
      '<p><img src="dach.jpg" alt="Dach">Foto: dpa</p>' +
      '<figure><img src="netz.jpg"></figure><div><p>Bildquelle: Netzbetreiber</p><p>Im Norden ' +
      "speisen die Anlagen mehr Strom ein, als das Netz aufnehmen kann.</p></div>" +
      "<p>Im Süden liegt der Anteil bei einem Drittel der Dächer.</p>" +
      "<p>Quelle: Statistisches Landesamt, Erhebung 2023</p>" +
      // The same credit in Dutch, Turkish, Arabic and Japanese.
      '<div><img src="a.jpg" alt=""></div><p>Bron: ANP</p>' +
      '<div><img src="b.jpg" alt=""></div><p>Fotoğraf: AA</p>' +
      '<div><img src="c.jpg" alt=""></div><p>المصدر: رويترز</p>' +
      '<div><img src="d.jpg" alt=""></div><p>写真：共同通信</p></article></body></html>',
  ).body as unknown as Element;
  dropImageCredits(body);
  const out = blockText(body);
  assert.ok(!out.includes("Bundesamt") && !out.includes("dpa"), out);
  // The line that opens the box after a picture is the picture's credit; the box's text stays.
  assert.ok(!out.includes("Netzbetreiber") && out.includes("speisen die Anlagen"), out);
  // A source under a paragraph cites the text's figures.
  assert.ok(out.includes("Quelle: Statistisches Landesamt"), out);
  for (const credit of ["ANP", "AA", "رويترز", "共同通信"]) {
    assert.ok(!out.includes(credit), `${credit}: ${out}`);
  }
});

Deno.test("dropImageCredits() drops a credit written in words under a picture", () => {
  const body = parsePage(
    "<html><body><article><p>The first box held three sweaters and a pair of jeans.</p>" +
      '<p><img src="box.jpg" alt="The box"></p>' +
      '<p style="text-align:center">Image from Mary\'s <a href="/review">April 2024 review</a>.</p>' +
      '<div><img src="cat.jpg"></div><p>Photo by Jane Roe on Unsplash</p>' +
      "<p>Photo from the archive shows the shop in 1950, before its first move.</p>" +
      "<p>The second box was mostly shoes.</p></article></body></html>",
  ).body as unknown as Element;
  dropImageCredits(body);
  const out = blockText(body);
  assert.ok(!out.includes("April 2024 review") && !out.includes("Jane Roe"), out);
  // The same words under a paragraph are the text's.
  assert.ok(out.includes("Photo from the archive"), out);
  assert.ok(out.includes("three sweaters") && out.includes("mostly shoes"), out);
});

Deno.test("dropNewsletterPitches() drops a pitch set apart in italics, not the writer's mention", () => {
  const body = parsePage(
    "<html><body><article><p>Five new films arrive on streaming this weekend.</p>" +
      "<p><em>Love movies? Our Watch Party newsletter has the best picks, delivered to your " +
      'inbox. <a href="/newsletters/watch-party">Sign up now</a> and be one of the cool kids.' +
      "</em></p>" +
      '<p><strong>Melde dich für unseren Newsletter an. <a href="/nl">Abonnieren</a>' +
      "</strong></p>" +
      '<p><em>Recevez nos bons plans par infolettre. <a href="/nl">Abonnez-vous</a></em></p>' +
      '<p><em>Receba o nosso boletim semanal. <a href="/nl">Subscreva</a></em></p>' +
      '<p><em>Лучшие статьи недели в нашей рассылке. <a href="/nl">Подписаться</a></em></p>' +
      '<p><em>Haftalık bültenimize katılın. <a href="/nl">Abone ol</a></em></p>' +
      '<p>You can also <a href="/join">subscribe to this newsletter</a> here: tick the box.</p>' +
      '<p><em>The cast list is <a href="/cast">here</a>; sign up for nothing.</em></p>' +
      '<h2><a href="/join">Click here to subscribe to The Weekly Newsletter</a></h2>' +
      "<h2>Subscribe to our newsletter to read the cast's picks</h2>" +
      "<p>The first is a thriller set on a night train.</p></article></body></html>",
  ).body as unknown as Element;
  assert.equal(dropNewsletterPitches(body), 7);
  assert.ok(!blockText(body).includes("Weekly Newsletter"));
  // A heading of the text's own, not a link, stays.
  assert.ok(blockText(body).includes("cast's picks"));
  const out = blockText(body);
  assert.ok(!out.includes("Watch Party") && !out.includes("Newsletter an"), out);
  assert.ok(!out.includes("infolettre") && !out.includes("boletim"), out);
  assert.ok(!out.includes("рассылке") && !out.includes("bültenimize"), out);
  // The writer's own line in roman type stays, and so does a note in italics with no newsletter.
  assert.ok(out.includes("subscribe to this newsletter") && out.includes("cast list"), out);
  assert.ok(out.includes("night train"), out);
});

Deno.test("dropNewsletterPitches() reads a pitch in Chinese, Japanese and Korean", () => {
  // These scripts glue a call's object or ending to its verb ("订阅我们的电子报"): no
  // boundary follows the call or the mailing's name.
  const body = parsePage(
    "<html><body><article><p>本周有五部新电影上线。</p>" +
      '<p><em>喜欢电影？我们的电子报每周推荐好片。<a href="/nl">立即订阅</a></em></p>' +
      '<p><em>毎週のおすすめをメルマガでお届けします。<a href="/nl">登録する</a></em></p>' +
      '<p><strong>매주 뉴스레터로 추천작을 받아보세요. <a href="/nl">구독하기</a></strong></p>' +
      '<p><em>演员表在<a href="/cast">这里</a>。</em></p>' +
      "<p>第一部是发生在夜间列车上的惊悚片。</p></article></body></html>",
  ).body as unknown as Element;
  assert.equal(dropNewsletterPitches(body), 3);
  const out = blockText(body);
  for (const gone of ["电子报", "メルマガ", "뉴스레터"]) assert.ok(!out.includes(gone), out);
  assert.ok(out.includes("演员表") && out.includes("夜间列车"), out);
});

Deno.test("dropSwipeHints() drops the lines that tell a phone's reader to swipe", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<p>Le tableau compare les cinq modèles de la gamme selon leur puissance.</p>" +
      '<div class="tabla-scroll-notice">Desliza para ver más</div>' +
      "<table><tr><td>Modèle</td><td>Puissance</td></tr></table>" +
      '<p class="small text-muted"><em>↔ Faites glisser pour voir tout le tableau.</em></p>' +
      '<div class="carrusel__swipe-text">Wischen</div>' +
      '<div class="swiper-slide">Grill compact</div>' +
      '<p>↔ <a href="/comparer">Comparer les modèles</a></p>' +
      '<div class="swipe-galerie"><img src="/a.jpg" alt=""><span>Vue de face</span></div>' +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropSwipeHints(root), 3);
  const out = blockText(root);
  for (const gone of ["Desliza", "Faites glisser", "Wischen"]) {
    assert.ok(!out.includes(gone), out);
  }
  for (
    const kept of [
      "cinq modèles",
      "Puissance",
      "Grill compact",
      "Comparer les modèles",
      "Vue de face",
    ]
  ) {
    assert.ok(out.includes(kept), out);
  }
});

Deno.test("dropSwipeHints() reads the names alone on a page without a two-headed arrow", () => {
  const root = parsePage(
    "<html><body><div>" +
      "<p>La tabla compara los cinco modelos de la gama según su potencia.</p>" +
      '<div id="Tabla-SCROLL-Hint">Desliza para ver más</div>' +
      '<div class="galeria"><span class="SwipeText">Desliza</span></div>' +
      "<table><tr><td>Modelo</td><td>Potencia</td></tr></table>" +
      '<p class="nota">Precios con IVA</p>' +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  assert.equal(dropSwipeHints(root), 2);
  const out = blockText(root);
  assert.ok(!out.includes("Desliza"), out);
  for (const kept of ["cinco modelos", "Potencia", "Precios con IVA"]) {
    assert.ok(out.includes(kept), out);
  }
});

Deno.test("blockText() reads a code line a highlighter ends with <br> as a line", () => {
  // Prism and CodeMirror write each line of a sample as a block closed by a <br>, with no
  // newline in the text: the last word of a line must not run into the next line's first.
  const root = parsePage(
    "<html><body><div><p>Instala el paquete y arranca el servidor:</p>" +
      '<pre><code><div class="token-line"><span>cd mi-sitio</span><br></div>' +
      '<div class="token-line"><span>npm run iniciar</span><br></div></code></pre>' +
      "</div></body></html>",
  ).body.firstElementChild as unknown as Element;
  const out = blockText(root);
  assert.ok(out.includes("cd mi-sitio\nnpm run iniciar"), out);
  assert.ok(!out.includes("mi-sitionpm"), out);
});

Deno.test("dropPreviewTwins() drops a preview written before its full text", () => {
  const document = parsePage(
    `<html><body><main><h1>Werft am Fluss</h1>` +
      `<p class="a"><span>Die Werft baut seit 1890 Boote aus Holz für den Fluss.</span>` +
      `<span>Die Werft baut seit 1890 Boote aus Holz für den Fluss. Im Winter repariert sie ` +
      `die Fähren der Stadt und bildet Lehrlinge aus.</span></p>` +
      `<div class="b"><p>Wer darf eine Führung durch die Werkstatt buchen? Alle…</p>` +
      `<div>Wer darf eine Führung durch die Werkstatt buchen? Alle Schulklassen und ` +
      `Vereine, nach Anmeldung.</div></div>` +
      `<h2>Führungen durch die Werkstatt jeden Samstag im Sommer</h2>` +
      `<p>Führungen durch die Werkstatt jeden Samstag im Sommer beginnen um zehn Uhr.</p>` +
      `<pre><span>boot.bauen("Eiche", 12);</span>\n<span>boot.bauen("Eiche", 12); boot.taufen();</span></pre>` +
      `<p class="u">&lt;https://werft.example/chronik/1890.html&gt;</p>` +
      `<p class="u">&lt;https://werft.example/chronik/1890-2.html&gt;</p>` +
      `</main></body></html>`,
  );
  // A detached copy, as the content's root may be.
  const root = document.querySelector("main")!.cloneNode(true) as Element;
  assert.equal(dropPreviewTwins(root), 2);
  assert.equal(root.querySelectorAll(".a span").length, 1, "the preview goes, the full text stays");
  assert.match(collapse(root.querySelector(".a")!.textContent), /Lehrlinge aus\.$/);
  assert.equal(root.querySelectorAll(".b > *").length, 1, "a question cut short goes");
  assert.ok(root.querySelector("h2") !== null, "a heading the paragraph repeats stays");
  assert.equal(root.querySelectorAll("pre span").length, 2, "lines of code stay");
  assert.equal(root.querySelectorAll("p.u").length, 2, "addresses of one opening stay");
});

Deno.test("dropPreviewTwins() drops a preview that writes a word of its text otherwise", () => {
  // Thirty words of a shop's excerpt; its full copy writes "start" for "starts".
  const excerpt = "The makings of a calm bedroom starts with intention, and with sheets that " +
    "feel soft on the first night and on every night after it, whatever the season or the " +
    "room brings.";
  const full = excerpt.replace("starts", "start") +
    " Our fabrics are woven for every kind of sleeper and space.";
  const root = parsePage(
    `<html><body><main><div class="seo"><span class="excerpt">${excerpt}</span><span class="copy">${full}</span></div>` +
      // Two short lines that differ by a word are two lines, not a preview.
      `<div class="pair"><p>Washed linen sheets ship in two days.</p>` +
      `<p>Washed cotton sheets ship in two days, gift wrapped.</p></div></main></body></html>`,
  ).querySelector("main") as unknown as Element;
  assert.equal(dropPreviewTwins(root), 1);
  assert.equal(root.querySelectorAll(".seo span").length, 1);
  assert.match(collapse(root.querySelector(".seo")!.textContent), /kind of sleeper and space\.$/);
  assert.equal(root.querySelectorAll(".pair p").length, 2);
});

Deno.test("dropLoneButtonLinks() drops a landing page's lone buttons, not a text's links", () => {
  const body = parsePage(
    "<html><body><main><h1>The platform for your APIs</h1>" +
      "<p>Design, test and ship APIs with your whole team.</p>" +
      '<div class="inline-block"><a class="rounded-sm px-2 py-1 text-white" href="/signup">' +
      "Try it free</a></div>" +
      '<div><a class="btn btn-primary" href="/demo">Book a demo</a></div>' +
      "<h2>Used by teams everywhere, every day</h2>" +
      '<p>Read <a class="rounded px-1 py-1" href="/docs">the guide</a> to start.</p>' +
      '<ul><li><a class="btn" href="/pricing">Pricing</a></li></ul>' +
      '<div><a href="/story">Our story</a></div>' +
      '<div><a class="rounded-md px-4 py-2" href="/why">Why teams move to us.</a></div>' +
      "</main></body></html>",
  ).body as unknown as Element;
  dropLoneButtonLinks(body);
  const text = blockText(body);
  assert.doesNotMatch(text, /Try it free|Book a demo/);
  // A link in a sentence or a list, a plain link, and a sentence styled as a button stay.
  for (const kept of ["the guide", "Pricing", "Our story", "Why teams move to us."]) {
    assert.match(text, new RegExp(kept));
  }
  assert.match(text, /Used by teams everywhere/);
});

Deno.test("cleanArticle() keeps a sentence that runs through its one link", () => {
  const out = cleanedDiv(
    "<p>State Farm writes more car insurance than any other company in the country.</p>" +
      '<p>You can <a href="/guides/state-farm-review">take a closer look at State Farm in our ' +
      "rating and review</a>.</p>" +
      "<p>Progressive sells most of its policies online and through independent agents.</p>" +
      '<p>Related: <a href="/news/merger">Two insurers announce a merger</a>.</p>' +
      '<p>Read more <a href="/guides/all">Insurance guides for brokers</a></p>',
  );
  assert.ok(out.includes("take a closer look at State Farm"), out);
  // A teaser's link is a title, and a line with no stop is no sentence.
  assert.ok(!out.includes("announce a merger"), out);
  assert.ok(!out.includes("Insurance guides for brokers"), out);
});

Deno.test("cleanArticle() keeps a Chinese sentence that runs through its link or is one", () => {
  // Chinese has no capitals to tell a title from the words of a sentence, and ends its
  // sentences with "。": words of its own before the link and a stop after it make one.
  const out = cleanedDiv(
    "<p>这家公司承保的汽车保险比国内其他任何一家保险公司都要多，而且理赔速度也很快。</p>" +
      '<p>你可以<a href="/guides/review">在我们的评分与评测文章中更详细地了解这家公司</a>。</p>' +
      "<p>另一家公司的大部分保单是通过网络和独立代理人销售的，价格也相对便宜。</p>" +
      '<p><a href="/reviews/washer">阅读我们对今年所有洗衣机的完整评测。</a></p>' +
      '<p>相关：<a href="/news/merger">两家保险公司宣布合并计划</a></p>',
  );
  assert.ok(out.includes("更详细地了解这家公司。"), out);
  assert.ok(out.includes("阅读我们对今年所有洗衣机的完整评测。"), out);
  // A teaser's link, with no stop after it, still goes.
  assert.ok(!out.includes("宣布合并计划"), out);
});

Deno.test("cleanArticle() reads a box around one paragraph as that paragraph", () => {
  const out = cleanedDiv(
    "<div><p>State Farm writes more car insurance than any other company in the country.</p></div>" +
      '<div class="wrapper"><div class="wrapper__body"><p>You can <a href="/guides/state-farm">' +
      "take a closer look at State Farm in our rating and review</a>.</p></div></div>" +
      "<div><p>Progressive sells most of its policies online and through independent agents.</p></div>" +
      '<div class="wrapper"><div class="wrapper__body"><p>Related: <a href="/news/merger">Two ' +
      "insurers announce a merger</a></p></div></div>",
  );
  assert.ok(out.includes("take a closer look at State Farm"), out);
  // The teaser goes as its paragraph would.
  assert.ok(!out.includes("announce a merger"), out);
});

Deno.test("cleanArticle() reads a call to sign up or follow set as a link in other languages", () => {
  const out = cleanedDiv(
    "<p>Die Induktionsplatte kocht einen Liter Wasser in weniger als zwei Minuten.</p>" +
      '<p><a href="/newsletter">Abonniere jetzt unseren wöchentlichen Newsletter.</a></p>' +
      "<p>Le lave-linge traite les allergènes sans programme séparé ni produit ajouté.</p>" +
      '<p><a href="/social">Suivez-nous sur Instagram pour les nouveaux tests !</a></p>' +
      '<p><a href="/social">Следите за нами в Telegram, там все новые обзоры.</a></p>' +
      '<p><a href="/social">Bizi takip edin, yeni testleri ilk siz görün!</a></p>' +
      '<p><a href="/social">تابعونا على إنستغرام لمعرفة كل جديد.</a></p>' +
      "<p>La secadora detiene el ciclo cuando la carga está seca y ahorra energía.</p>" +
      '<p><a href="/guia">Lee nuestra guía completa de secadoras de este año.</a></p>',
  );
  assert.ok(!out.includes("Abonniere jetzt"), out);
  assert.ok(!out.includes("Suivez-nous"), out);
  // And in Russian, Turkish and Arabic.
  assert.ok(!out.includes("Следите") && !out.includes("takip edin"), out);
  assert.ok(!out.includes("تابعونا"), out);
  // A sentence that points the reader to read on stays, in any language.
  assert.ok(out.includes("Lee nuestra guía completa"), out);
});

Deno.test("cleanArticle() keeps a sentence set as one link, not a teaser or a call", () => {
  const out = cleanedDiv(
    "<p>The induction range boils a litre of water in under two minutes and stays quiet.</p>" +
      '<p><a href="/reviews/range"><strong>Read more about the Samsung Bespoke induction ' +
      "range.</strong></a></p>" +
      "<p>The washer's steam cycle takes care of allergens without a separate program.</p>" +
      '<p><a href="/reviews/washer">See our washer picks!</a></p>' +
      "<p>The dryer's sensor stops the cycle once the load is dry, which saves energy.</p>" +
      '<p><a href="/news/merger">Read more: Two appliance makers announce a merger.</a></p>' +
      '<p><a href="/signup">Sign up now to get our weekly reviews in your inbox.</a></p>' +
      '<p><a href="/reviews">Read more reviews</a></p>',
  );
  assert.ok(out.includes("Read more about the Samsung Bespoke induction range."), out);
  assert.ok(out.includes("See our washer picks!"), out);
  // A title after a label, a call to sign up and a line with no stop are teasers.
  assert.ok(!out.includes("announce a merger"), out);
  assert.ok(!out.includes("Sign up now"), out);
  assert.ok(!out.includes("Read more reviews"), out);
});

Deno.test("inlineSentenceButtons() reads a tooltip's button in a sentence as its words", () => {
  const body = parsePage(
    "<html><body><main>" +
      "<div>We use trusted sources to inform the data for these schools.<!-- --> " +
      '<div class="tooltip"><button class="tooltip-label">Sponsored results</button></div> ' +
      "<!-- -->from our partners appear among these rankings.</div>" +
      "<div>Rated by our readers. <button>Show all</button></div>" +
      "<div><button>Menu</button> for the site</div>" +
      '<p>Pick a plan <button aria-label="Close"><svg></svg></button> below.</p>' +
      "</main></body></html>",
  ).body as unknown as Element;
  assert.equal(inlineSentenceButtons(body), 1);
  const text = collapse(body.textContent);
  assert.match(text, /these schools\. Sponsored results from our partners/);
  // A button after the text, one with no words before it, and an icon's button stay
  // buttons, for the chrome removal to take.
  assert.equal(body.querySelectorAll("button").length, 3);
  assert.equal(body.querySelector(".tooltip"), null);
});

Deno.test("inlineSentenceButtons() reads a button a comma follows in a sentence as its words", () => {
  const body = parsePage(
    "<html><body><main>" +
      "<p>Highly rated by customers for:<!-- --> <button>comfort</button>,  " +
      "<button>fit</button>, <button>value</button></p>" +
      "<div>Your bag <button>Close</button></div>" +
      "</main></body></html>",
  ).body as unknown as Element;
  assert.equal(inlineSentenceButtons(body), 1);
  assert.match(collapse(body.textContent), /customers for: comfort, fit, value/);
  // A button that closes the text, and one after a comma with no words before it, stay.
  assert.equal(body.querySelectorAll("button").length, 3);
});

Deno.test("unwrapTextCaptions() keeps a table's source line set outside a figure", () => {
  const body = parsePage(
    "<html><body><main><h2>Salaries</h2>" +
      "<table><tr><th>Accountants</th><td>$81,680</td></tr></table>" +
      "<figcaption>Source: Bureau of Labor Statistics</figcaption>" +
      '<div><img src="/team.jpg" alt=""></div><figcaption>Photo by Ana Ruiz</figcaption>' +
      "<div><figcaption>Studio Lumen</figcaption><p>Our studio opened in 2019.</p></div>" +
      '<figure><img src="/chart.png" alt=""><figcaption>Chart: growth by year</figcaption>' +
      "</figure></main></body></html>",
  ).body as unknown as Element;
  assert.equal(unwrapTextCaptions(body), 1);
  assert.equal(body.querySelector("table + p")?.textContent, "Source: Bureau of Labor Statistics");
  // A caption under a picture, one that opens its box, and a figure's caption stay captions.
  assert.equal(body.querySelectorAll("figcaption").length, 3);
});

Deno.test("trimTail() keeps a service page's closing row of tiles", async (t) => {
  const intro =
    "<p>Our help desk brings every conversation with your customers into one place, so " +
    "that each agent sees the whole story before answering, on any channel.</p>";
  const tile = (kind: string, name: string): string =>
    `<div class="slide"><a class="tile" href="/r"><p class="kind">${kind}</p>` +
    `<p class="name">${name}</p></a></div>`;
  const row = '<h2>Resources</h2><div class="row">' + tile("Event", "Relate 2025") +
    tile("Report", "CX Trends 2025") + tile("Guide", "Agents for service") +
    tile("Data sheet", "Complete solution") + "</div>";
  const trimmed = (keepCardRows: boolean): string =>
    articleAfter(intro + row, (root) => trimTail(root, true, false, keepCardRows));

  await t.step("on a page of sections the row stays, to its last tile", () => {
    const out = trimmed(true);
    assert.ok(out.endsWith("Data sheet\n\nComplete solution"), out);
    assert.ok(out.includes("Resources"), out);
  });

  await t.step("elsewhere its short lines trail the text and go", () => {
    const out = trimmed(false);
    assert.ok(!out.includes("Complete solution"), out);
  });
});

Deno.test("trimTail() keeps the price deep in the last tile of a grid of items", async (t) => {
  const tile = (name: string, price: string, blurb = ""): string =>
    `<div class="tile"><div class="body"><figure><a class="overlay" href="/p">${name}</a>` +
    `<div class="info"><div class="title">${name}</div><div class="kind">Running shoes</div>` +
    `${blurb}</div><div class="anim"><div class="box"><div class="wrap"><div class="now">` +
    `<div class="price">${price}</div></div></div></div></div></figure></div></div>`;
  const grid = (blurb: string): string =>
    '<div class="grid">' + tile("Pegasus 41", "$140", blurb) + tile("Vomero 18", "$150", blurb) +
    tile("Structure 26", "$145", blurb) + tile("Zoom Fly 6", "$170", blurb) + "</div>";
  const trimmed = (blurb: string): string =>
    articleAfter(grid(blurb), (root) => trimTail(root, true, true));

  await t.step("a grid's last tile keeps its price, however deep its boxes", () => {
    const out = trimmed("");
    assert.ok(out.endsWith("Zoom Fly 6\n\nRunning shoes\n\n$170"), out);
  });

  await t.step("a short line deep in blocks of prose too long for tiles goes", () => {
    const out = trimmed(
      "<p>" + "A long story of how this shoe was made and tested on the track. ".repeat(6) + "</p>",
    );
    assert.ok(!out.endsWith("$170"), out);
    assert.ok(out.endsWith("on the track."), out);
  });
});

Deno.test("trimTail() keeps the name and role under a closing quotation", async (t) => {
  const page = "<p>Connect the tools your team already uses, and let the work move between them " +
    "without anyone copying a line from one window to another.</p>";

  await t.step("a customer's name and role under their praise stay", () => {
    const out = trimmedArticle(
      page,
      "<p>“It makes our customers' lives easier when their tools talk to one another.”</p>" +
        "<p><strong>Ana Gómez</strong></p><p>Product Manager at Example</p>",
    );
    assert.ok(out.endsWith("Ana Gómez\n\nProduct Manager at Example"), out);
  });

  await t.step("the same short lines after a paragraph of prose go", () => {
    const out = trimmedArticle(
      page,
      "<p>Teams of every size rely on it every day.</p><p>Ana Gómez</p><p>Get started</p>",
    );
    assert.ok(out.endsWith("every day."), out);
  });
});

Deno.test("cleanArticle() keeps a box of links the text introduces with a colon", () => {
  const links = (names: string[]): string =>
    '<div class="table"><table><tbody><tr>' +
    names.map((n) => `<td><p><a href="/blog/${n.length}">${n}</a></p></td>`).join("") +
    "</tr></tbody></table></div>";
  const out = cleanedDiv(
    "<p>The blog has dozens of articles on search, from tracking to reports.</p>" +
      "<p><strong>Here are just a few of the most popular posts about SEO:</strong></p>" +
      links([
        "How to create a winning proposal",
        "The most important metrics to track",
        "Nine certifications and courses to level up your agency",
        "The benefits of search: what to tell clients about their return",
        "How to write an effective content brief for writers",
        "How to set realistic expectations",
      ]) +
      "<h2>Keyword research</h2>" +
      "<p>This is one of the most important parts of the work, and it comes first.</p>" +
      "<p>Read on for the tools we use every day.</p>" +
      links([
        "Our pricing and plans for agencies of every size",
        "Book a call with our team to see the dashboards",
        "Start a free trial of the reporting platform today",
        "Read the stories of the agencies that switched to us",
      ]) +
      "<p>Each tool has a free plan that covers a small site.</p>",
  );
  assert.ok(out.includes("How to create a winning proposal"), out);
  // Not introduced: the paragraph before it ends with a full stop.
  assert.ok(!out.includes("Book a call with our team"), out);
});

Deno.test("dropCardTitleEchoes() drops a card's line that links again where its title leads", () => {
  const card = (slug: string, h: string, call: string) =>
    `<article class="teaser"><h3><a href="/health/${slug}">${h}</a></h3>` +
    `<p>Good care at home keeps ${h.toLowerCase()} simple.</p>` +
    `<p><a href="/health/${slug}/">${call}</a></p></article>`;
  const out = articleAfter(
    `<p>The campaign offers materials for every age.</p>` +
      card("adults", "Adults", "Explore ways to maintain good oral health.") +
      card("children", "Children", "Learn best practices for your child.") +
      // A line linking elsewhere, a sentence around the link and a second heading stay.
      `<div><h3><a href="/shop/earbuds">The best budget earbuds</a></h3>` +
      `<h4><a href="/shop/earbuds">Free 2S</a></h4>` +
      `<p><a href="/shop/other">See the other picks.</a></p>` +
      `<p>Read <a href="/shop/earbuds">our full review</a> before you buy.</p></div>` +
      // A short label is left to the rules for calls.
      `<div><h3><a href="/cams/falls">Falls</a></h3><p><a href="/cams/falls">View webcam</a></p></div>` +
      // A line that leads to a part of the page (a tile's rating over its reviews) stays.
      `<div><h3><a href="/p/tent">Tent Nordkap 2</a></h3>` +
      `<p><a href="/p/tent#reviews">4.5 of 5 stars</a></p></div>`,
    dropCardTitleEchoes,
  );
  assert.ok(!out.includes("Explore ways"), out);
  assert.ok(!out.includes("Learn best practices"), out);
  assert.ok(out.includes("Good care at home keeps adults simple."), out);
  assert.ok(out.includes("Adults"), out);
  assert.ok(out.includes("Free 2S"), out);
  assert.ok(out.includes("See the other picks."), out);
  assert.ok(out.includes("our full review"), out);
  assert.ok(out.includes("View webcam"), out);
  assert.ok(out.includes("4.5 of 5 stars"), out);
});

Deno.test("dropFileBoxes() drops a label over links to documents, not a cited report", () => {
  const body = parsePage(
    `<html><body><article><div class="field"><div>PDF Version</div><div><div><span>` +
      `<a href="/files/Safety%20Alert.pdf" type="application/pdf">Safety Alert.pdf</a></span>` +
      ` <span>(619.83 KB)</span></div></div></div>` +
      `<h2>Safety Alert</h2><p>Since 2015, 289 arc flash accidents have occurred.</p>` +
      `<ul><li><p><strong>Social Engineering</strong>: attackers trick employees. ` +
      `<a href="/reports/dbir.pdf">74% of breaches</a> involve people.</p></li></ul>` +
      `<div><div>Sources</div><div><a href="/reports/dbir.pdf">Breach report</a>` +
      ` and <a href="https://example.org/study">a study</a></div></div>` +
      `</article></body></html>`,
  ).body as unknown as Element;
  assert.equal(dropFileBoxes(body), 1);
  const out = blockText(body);
  assert.ok(!out.includes("PDF Version"), out);
  assert.ok(!out.includes("619.83"), out);
  assert.ok(out.includes("Since 2015"), out);
  // A sentence citing a report, and a label over links to pages as well as files, stay.
  assert.ok(out.includes("74% of breaches"), out);
  assert.ok(out.includes("Sources"), out);
});

Deno.test("dropCommentLists() drops a list of dated articles and its heading, not teasers", () => {
  const comment = (who: string, said: string) =>
    `<li><article><footer><b>${who}</b> says: <a href="#c"><time datetime="2025-12-17">` +
    `December 17, 2025</time></a></footer><p>${said}</p></article></li>`;
  const teaser = (title: string) =>
    `<li><article><h3><a href="/p">${title}</a></h3><footer><time>May 2, 2025</time></footer>` +
    `</article></li>`;
  const body = parsePage(
    `<html><body><article class="c1"><h1>Ten things I wish I knew</h1>` +
      `<p>Learning embedded systems took me years of trial and error.</p>` +
      `<h3 class="c2">2 thoughts on “Ten things I wish I knew”</h3><ul class="c3">` +
      comment("Karl", "Great points, thanks for posting.") +
      comment("Ana", "I wish I had read this before my first board.") +
      `</ul><h3>More posts</h3><ul>${teaser("Soldering basics")}${
        teaser("Reading datasheets")
      }</ul>` +
      `</article></body></html>`,
  ).body as unknown as Element;
  assert.equal(dropCommentLists(body), 1);
  const out = blockText(body);
  for (const gone of ["thoughts on", "Karl", "Great points", "first board"]) {
    assert.ok(!out.includes(gone), gone);
  }
  for (const kept of ["Ten things I wish", "trial and error", "More posts", "Soldering basics"]) {
    assert.ok(out.includes(kept), kept);
  }
});

Deno.test("cleanArticle() keeps a one-line code block that reads as a date", () => {
  const prose =
    "<p>Jede Rechnung trägt eine Nummer, die mit dem Jahr ihrer Ausstellung beginnt.</p>";
  const code = '<div class="codeblock"><pre><code><span>KB-2024-001873</span></code></pre></div>';
  const out = cleanedArticle(prose + code + "<div><span>12. Mai 2024, 14:05</span></div>");
  assert.ok(out.includes("KB-2024-001873"), out);
  // A date line outside code still goes.
  assert.ok(!out.includes("14:05"), out);
});
