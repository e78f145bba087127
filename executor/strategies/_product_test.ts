import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { findMainContent, parsePage } from "./auto.ts";
import { blockText } from "./_clean.ts";
import { autoHtml } from "./_test_page.ts";
import {
  CART_BOX_WORDS,
  controlledIds,
  declaredBrands,
  declaresProduct,
  dropAwardCarousels,
  dropBareCarouselTitles,
  dropBrandLinks,
  dropCategoryCarousels,
  dropComparisons,
  dropControls,
  dropControlSections,
  dropDataOpinions,
  dropDeliveryDates,
  dropDocumentLists,
  dropErrorMessages,
  dropFeedbackPrompts,
  dropGridPromos,
  dropLinesBeforeTitle,
  dropLiveRegions,
  dropLoadingTitles,
  dropOfferBox,
  dropPlaceholders,
  dropPopovers,
  dropPriceNotes,
  dropProductCarousels,
  dropProductGrids,
  dropRegionMenus,
  dropRepeatedBlocks,
  dropShelves,
  dropSiblingCards,
  dropSwatchLabels,
  dropTaxonomyLines,
  dropTwinCardTitles,
  dropUnfilledLabels,
  dropUnselectedTabPanels,
  dropVariantPickers,
  GRID_ATTR,
  hasCartControl,
  isCollapsedPanel,
  isScreenReaderOnly,
  markProductGrids,
  markShopCards,
  markSiblingCards,
  markSwatchLabels,
  markTitledCarousels,
  markTitlePlace,
  markVariantPickers,
  productBlock,
  removeProductExtras,
  SHORT_REPEAT,
  showTabPanels,
} from "./_product.ts";

const PANEL =
  "<ul><li>Turned from one piece of solid brass and lacquered against salt air</li></ul>";

Deno.test("dropRepeatedBlocks() keeps the first of two copies of a panel", () => {
  const document = parsePage(
    `<html><body><div class="m">${PANEL}</div><p>Description of the clock.</p><div class="d">${PANEL}</div></body></html>`,
  );
  assert.equal(dropRepeatedBlocks(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.equal(text.split("Turned from one piece").length - 1, 1, text);
  assert.ok(document.querySelector("div.m li") !== null, "the first copy stays");
});

Deno.test("dropRepeatedBlocks() keeps wrappers, their only child and short repeated values", () => {
  const document = parsePage(
    `<html><body><div><div><p>One long paragraph that is wrapped twice and is not a repeat at all.</p></div></div><table><tr><td>100% cotton</td><td>100% cotton</td></tr></table></body></html>`,
  );
  assert.equal(dropRepeatedBlocks(document.body), 0);
  assert.equal((document.body.textContent ?? "").split("100% cotton").length - 1, 2);
});

Deno.test("declaresProduct() reads JSON-LD, microdata and og:type, not a software page", () => {
  const page = (head: string, body = ""): Document =>
    parsePage(`<html><head>${head}</head><body>${body}<p>text</p></body></html>`);
  assert.ok(declaresProduct(page(
    '<script type="application/ld+json">{"@type": "ProductGroup", "name": "Sheets"}</script>',
  )));
  assert.ok(
    declaresProduct(page("", '<div itemscope itemtype="http://schema.org/Product"></div>')),
  );
  assert.ok(declaresProduct(page('<meta property="og:type" content="product.group">')));
  assert.ok(
    !declaresProduct(page(
      '<script type="application/ld+json">{"@type": "SoftwareApplication", "name": "Boards"}</script>',
    )),
  );
});

Deno.test("isCollapsedPanel() leaves the status notices of Russian, Turkish, Arabic, CJK", () => {
  const statuses = [
    "Загрузка...",
    "Lütfen bekleyin",
    "يرجى الانتظار",
    "読み込み中…",
    "请稍候",
    "로딩 중",
  ];
  const document = parsePage(
    `<html><body>${
      statuses.map((s, i) => `<div id="s${i}" style="display:none">${s}</div>`).join("")
    }</body></html>`,
  );
  const controlled = controlledIds(document.body);
  for (const [i, s] of statuses.entries()) {
    assert.ok(!isCollapsedPanel(document.getElementById(`s${i}`) as Element, controlled), s);
  }
});

Deno.test("isCollapsedPanel() leaves the status notices of other languages", () => {
  const statuses = ["Bitte warten…", "Ładowanie...", "A carregar…", "Veuillez patienter"];
  const document = parsePage(
    `<html><body>${
      statuses.map((s, i) => `<div id="s${i}" style="display:none">${s}</div>`).join("")
    }<div id="t" style="display:none"><p>Bitte warten Sie nicht zu lange mit der Pflege.</p></div>` +
      `</body></html>`,
  );
  const controlled = controlledIds(document.body);
  const panel = (id: string): boolean =>
    isCollapsedPanel(document.getElementById(id) as Element, controlled);
  assert.deepEqual(["s0", "s1", "s2", "s3", "t"].map(panel), [false, false, false, false, true]);
});

Deno.test("isCollapsedPanel() takes folded panels and leaves aria-hidden decorations, hidden links, sign-in notices, dialogs and status notices", () => {
  const document = parsePage(
    `<html><body><button aria-controls="a b">Open</button><div id="a" aria-hidden="true">Care notes</div>` +
      `<div id="c" role="tabpanel" aria-hidden="true">Sizes</div><div id="d" hidden>Specs</div>` +
      `<div id="e" style="display: none">More</div><div id="f" aria-hidden="true">Zoom</div>` +
      `<a id="g" href="/accessibility" style="display:none">Click to view our Accessibility Policy</a>` +
      `<div id="fbSigninNotice" style="display:none"><p>Welcome back. Signing you in.</p></div>` +
      `<div id="h" style="display:none"><p>Add a note:</p><form><input name="q"></form></div>` +
      `<span id="i" style="display:none">Saving <img src="/spin.gif" alt="Loading"></span>` +
      `<div id="j" style="display:none">Loading…</div>` +
      `<div id="k" style="display:none"><p>Saving money on every order.</p></div>` +
      `</body></html>`,
  );
  const controlled = controlledIds(document.body);
  assert.deepEqual([...controlled], ["a", "b"]);
  const panel = (id: string): boolean =>
    isCollapsedPanel(document.getElementById(id) as Element, controlled);
  assert.deepEqual(
    ["a", "c", "d", "e", "f", "g", "fbSigninNotice", "h", "i", "j", "k"].map(panel),
    [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ],
  );
});

Deno.test("auto drops a hidden sign-in prompt on a product page and keeps its folded notes", () => {
  const prose = "Die Lampe leuchtet hell und warm, sie passt auf jeden Schreibtisch im Büro. ";
  const html = `<html><body><main><h1>Tischlampe TL-7</h1><p>${prose.repeat(4)}</p>` +
    `<div id="anmelden" style="display:none"><div class="title">Entdecke neue Lampen</div>` +
    `<div class="subtext">Finde deine nächste Lieblingslampe unter tausenden Modellen</div>` +
    `<a href="/user/sign_up?prompt=true">Beitreten</a></div>` +
    `<div id="pflege" style="display:none"><p>Pflegehinweise: nur mit einem trockenen Tuch ` +
    `abwischen.</p></div></main></body></html>`;
  const { root } = findMainContent(html, "https://lampen.example/products/tischlampe-tl-7");
  const text = blockText(root!);
  assert.ok(text.includes("Die Lampe leuchtet hell"), text);
  assert.ok(text.includes("Pflegehinweise"), text);
  assert.ok(!text.includes("Entdecke neue Lampen") && !text.includes("Beitreten"), text);
});

Deno.test("dropProductGrids() drops cards of other products after the product's own price", async (t) => {
  const cards = [1, 2, 3, 4].map((i) =>
    `<li class="card"><a href="/p/${i}">Lamp number ${i}</a> <span>€ ${i}9,00</span></li>`
  ).join("");
  await t.step("a product with its price, then a row of priced cards", () => {
    const document = parsePage(
      `<html><body><h1>Harbour lamp</h1><p class="price">€ 89,00</p><p>A lamp for the harbour wall, ` +
        `cast in bronze and wired for outdoor use. Its glass is thick enough for the spray of ` +
        `winter storms and its seals are rated for a life beside the sea.</p><ul>${cards}</ul></body></html>`,
    );
    assert.equal(dropProductGrids(document.body), 4);
    assert.ok((document.body.textContent ?? "").includes("cast in bronze"));
    assert.ok(!(document.body.textContent ?? "").includes("Lamp number"));
  });
  await t.step("a page whose first price is in the cards is a list of products", () => {
    const document = parsePage(
      `<html><body><h1>Lamps</h1><ul>${cards}</ul><p>Accessory € 5,00</p></body></html>`,
    );
    assert.equal(dropProductGrids(document.body), 0);
  });
  await t.step("two cards are not a grid", () => {
    const two = [1, 2].map((i) => `<li class="card"><a href="/p/${i}">Lamp ${i}</a> $${i}0</li>`)
      .join("");
    const document = parsePage(`<html><body><p>$80</p><ul>${two}</ul></body></html>`);
    assert.equal(dropProductGrids(document.body), 0);
  });
});

const PROSE = "A sentence about the product that a reader wants before buying it. ";

function region(inner: string): Element {
  const doc = parsePage(`<html><body><main>${inner}</main></body></html>`);
  return doc.querySelector("main")!;
}

Deno.test("productBlock is the block holding the heading, the description and the spec table", () => {
  const main = region(`
    <div class="product">
      <h1>Deck lamp DL-3</h1>
      <div class="gallery"><p>Photo 1 of 3</p></div>
      <div class="tabs">
        <div itemprop="description"><p>${PROSE.repeat(3)}</p></div>
        <table><tr><th>Height</th><td>31 cm</td></tr>
          <tr><th>Weight</th><td>2 kg</td></tr><tr><th>Finish</th><td>Copper</td></tr></table>
      </div>
    </div>
    <section><h2>Our story</h2><p>${"The shop tells how it began. ".repeat(4)}</p></section>`);
  const block = productBlock(main);
  assert.ok(block !== main, "a block smaller than the region");
  assert.ok(block.querySelector("h1") !== null && block.querySelector("table") !== null);
  assert.ok(!(block.textContent ?? "").includes("Our story"));
});

Deno.test("productBlock keeps the region when the marked description is a summary beside the title", () => {
  const main = region(`
    <div class="buy-box"><h1>Deck lamp DL-3</h1><p class="short-description">Copper, 31 cm.</p></div>
    <section class="details"><h2>Details</h2><p>${PROSE.repeat(12)}</p></section>`);
  assert.equal(productBlock(main), main);
});

Deno.test("productBlock keeps the region without a heading or a description", () => {
  const noHeading = region(`<div itemprop="description"><p>${PROSE}</p></div><p>${PROSE}</p>`);
  assert.equal(productBlock(noHeading), noHeading);
  const noDescription = region(`<div><h1>Deck lamp DL-3</h1><p>${PROSE}</p></div><p>${PROSE}</p>`);
  assert.equal(productBlock(noDescription), noDescription);
});

Deno.test("productBlock grows to hold a spec table kept apart from the description", () => {
  const main = region(`
    <div class="product-page">
      <div class="product">
        <h1>Deck lamp DL-3</h1>
        <div class="product-description"><p>${PROSE.repeat(3)}</p></div>
      </div>
      <div class="specs"><dl><dt>Height</dt><dd>31 cm</dd><dt>Weight</dt><dd>2 kg</dd>
        <dt>Finish</dt><dd>Copper</dd></dl></div>
    </div>
    <section><h2>Our story</h2><p>${"The shop tells how it began. ".repeat(4)}</p></section>`);
  const block = productBlock(main);
  assert.equal(block.getAttribute("class"), "product-page");
});

Deno.test("productBlock holds a full description shorter than the short one beside the price", () => {
  const main = region(`
    <p class="site-description">Kaffee aus eigener Röstung</p>
    <div class="product">
      <div class="summary"><h1>Espresso Santa Lucia 1 kg</h1>
        <div class="short-description"><p>${PROSE.repeat(3)}</p></div></div>
      <div class="panel panel--description"><h2>Beschreibung</h2><p>${PROSE}</p></div>
    </div>
    <section><h2>Our story</h2><p>${"The shop tells how it began. ".repeat(4)}</p></section>`);
  const block = productBlock(main);
  assert.equal(block.getAttribute("class"), "product");
});

Deno.test("auto drops cards of other products whose names and prices sit in their headers", () => {
  // Each card's name and price are in a <header>, which the chrome removal takes: judged
  // after it, a card is a badge and a link to nothing, and its badge was left behind.
  const cards = [1, 2, 3, 4].map((i) =>
    `<li class="tile"><article><span class="badge">Just in ${i}</span><a href="/products/lamp-${i}">` +
    `<header><h3>Harbour lamp ${i}</h3><p>€ ${i}9,00</p></header></a></article></li>`
  ).join("");
  const html = `<html><body><main><h1>Deck lamp DL-3</h1><p class="price">€ 89,00</p>` +
    `<p>${
      PROSE.repeat(4)
    }</p><section><h2>More lamps</h2><ul>${cards}</ul></section></main></body></html>`;
  const { root } = findMainContent(html, "https://lamps.example/products/deck-lamp-dl-3");
  const text = blockText(root!);
  assert.ok(text.includes("A sentence about the product"), text);
  assert.ok(!text.includes("Just in"), text);
  assert.ok(!text.includes("Harbour lamp"), text);
});

Deno.test("markProductGrids() marks whole cards for dropProductGrids() to judge later", () => {
  const cards = [1, 2, 3].map((i) =>
    `<li class="tile"><span>New</span><a href="/p/${i}"><header>Lamp ${i} $${i}9</header></a></li>`
  ).join("");
  const document = parsePage(
    `<html><body><p>$89</p><p>${PROSE.repeat(2)}</p><ul>${cards}</ul></body></html>`,
  );
  assert.equal(markProductGrids(document.body), 3);
  for (const h of [...document.querySelectorAll("header")]) h.remove();
  assert.equal(dropProductGrids(document.body), 3);
  assert.equal(document.querySelectorAll(`[${GRID_ATTR}]`).length, 0);
  assert.ok(!(document.body.textContent ?? "").includes("New"));
});

Deno.test("auto drops the text a product page writes for screen readers only", () => {
  const html = `<html><body><main><h1>Deck lamp DL-3</h1><div class="gallery">` +
    `<p class="sr-only">This is an image gallery carousel with clickable slides. Use Next and ` +
    `Previous buttons to navigate.</p></div><p class="price"><span class="visually-hidden">` +
    `Sale price</span>€ 89,00</p><p>${PROSE.repeat(4)}</p></main></body></html>`;
  const { root } = findMainContent(html, "https://lamps.example/products/deck-lamp-dl-3");
  const text = blockText(root!);
  assert.ok(text.includes("A sentence about the product"), text);
  assert.ok(!text.includes("image gallery carousel"), text);
  assert.ok(!text.includes("Sale price"), text);
});

Deno.test("isScreenReaderOnly() takes the frameworks' classes for short texts only", () => {
  const document = parsePage(
    `<html><body><span id="a" class="x sr-only">Opens in a new window</span>` +
      `<span id="b" class="visuallyhidden">Close</span><p id="c" class="screen-reader-text">Skip</p>` +
      `<div id="d" class="sr-only">${
        PROSE.repeat(8)
      }</div><p id="e" class="sr-only-focusable">Top</p>` +
      `</body></html>`,
  );
  const sr = (id: string): boolean => isScreenReaderOnly(document.getElementById(id) as Element);
  assert.deepEqual(["a", "b", "c", "d", "e"].map(sr), [true, true, true, false, false]);
});

/** A product page: heading, offer box, description, spec table, a sticky bar, a bundle. */
function offerPage(): string {
  return `<html><body><main><div class="info"><h1>Deck lamp DL-3</h1>` +
    `<div class="buy"><p><span>$76.00</span></p><fieldset><legend>Colour</legend>` +
    `<span>Black</span><span>Copper</span></fieldset><p>In stock, ships in 2 days</p></div></div>` +
    `<div class="about"><p>${PROSE.repeat(8)}</p><table><tr><th>Height</th><td>31 cm</td></tr>` +
    `<tr><th>Weight</th><td>2 kg</td></tr><tr><th>Finish</th><td>Copper</td></tr></table></div>` +
    `<div class="bundle"><p>Lamp with its stand for $98.00</p></div>` +
    `<div class="sticky"><span>Deck lamp DL-3</span> <span>$76.00</span></div></main></body></html>`;
}

Deno.test("dropOfferBox() drops the box of the product's price and its copies, not its text", () => {
  const document = parsePage(offerPage());
  assert.equal(dropOfferBox(document.body), 2);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("In stock") && !text.includes("Copper</span>"), text);
  assert.ok(!text.includes("$76.00"), text);
  for (const kept of ["Deck lamp DL-3", "A sentence about the product", "31 cm", "$98.00"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropOfferBox() keeps a price's block that holds the heading or prose", () => {
  const document = parsePage(
    `<html><body><div><h1>Deck lamp DL-3</h1><p>$76.00</p></div>` +
      `<div><p>${PROSE.repeat(3)} Only $76.00.</p></div></body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("Deck lamp DL-3") && text.includes("Only $76.00."), text);
});

Deno.test("dropOfferBox() takes no amount in millions for the product's price", () => {
  // The first amount after the title is what the page's customers saved, not a price.
  const document = parsePage(
    `<html><body><h1>Work management</h1><div class="band"><p>$4.14M</p>` +
      `<p>Saved by process optimization</p></div>` +
      `<div class="offer"><p>$76.00</p><p>In stock</p></div></body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("Saved by process optimization"), text);
  assert.ok(!text.includes("In stock"), text);
});

Deno.test("auto drops a product's offer box (price, picker, stock) and keeps its description", () => {
  const { root } = findMainContent(offerPage(), "https://lamps.example/products/deck-lamp-dl-3");
  const text = blockText(root!);
  assert.ok(text.includes("A sentence about the product") && text.includes("31 cm"), text);
  assert.ok(!text.includes("In stock"), text);
  assert.ok(!text.includes("$76.00"), text);
});

Deno.test("auto adds no declared product name when the page shows the declared description", () => {
  const description = "A deck lamp of cast bronze, wired for outdoor use and sealed against spray.";
  const ld = JSON.stringify({
    "@type": "Product",
    name: "Deck lamp DL-3 — Harbour Lamps",
    description,
  });
  const html = `<html><head><script type="application/ld+json">${ld}</script></head><body>` +
    `<main><h1>Deck lamp DL-3</h1><p>${description}</p></main></body></html>`;
  const { root } = findMainContent(html, "https://lamps.example/products/deck-lamp-dl-3");
  const text = blockText(root!);
  assert.ok(text.includes("cast bronze"), text);
  assert.ok(!text.includes("Harbour Lamps"), text);
});

/** A shop's product page with three tabs: the description, the nutrition facts, storage. */
function tabbedPage(selected = ""): string {
  const ld = JSON.stringify({ "@type": "Product", name: "Zonnebloempitten" });
  const tab = (id: string, label: string): string =>
    `<li role="tab" aria-controls="${id}"${
      id === selected ? ' aria-selected="true"' : ""
    }><a href="#${id}">${label}</a></li>`;
  return `<html><head><script type="application/ld+json">${ld}</script></head><body><main>` +
    `<h1>Zonnebloempitten</h1><p>€ 2,98</p><div class="tabs"><ul role="tablist">` +
    tab("t-desc", "Omschrijving") + tab("t-food", "Voedingswaarde") + tab("t-keep", "Bewaren") +
    `</ul><div id="t-desc" role="tabpanel"><p>${PROSE.repeat(3)}</p></div>` +
    `<div id="t-food" role="tabpanel"><table><tr><td>Energie</td><td>2410 kJ</td></tr>` +
    `<tr><td>Vet</td><td>47,5 g</td></tr></table></div>` +
    `<div id="t-keep" role="tabpanel"><p>Koel en droog bewaren, in een goed gesloten pot.</p></div>` +
    `</div></main></body></html>`;
}

Deno.test("dropUnselectedTabPanels() keeps the panel its tab selects, else the first", () => {
  const kept = (selected: string): string[] => {
    const document = parsePage(tabbedPage(selected));
    assert.equal(dropUnselectedTabPanels(document.body), 2);
    return [...document.querySelectorAll("[role=tabpanel]")].map((p) => p.id);
  };
  assert.deepEqual(kept(""), ["t-desc"]);
  assert.deepEqual(kept("t-keep"), ["t-keep"]);
  const lone = parsePage(
    `<html><body><div><div role="tabpanel">Slide 1</div></div><div><div role="tabpanel">Slide 2` +
      `</div></div></body></html>`,
  );
  assert.equal(dropUnselectedTabPanels(lone.body), 0, "panels that are not siblings stay");
});

Deno.test("showTabPanels() shows the hidden panels of a set of tabs, and nothing else", () => {
  const document = parsePage(
    `<html><body><div><div role="tabpanel">Safety</div><div role="tabpanel" hidden>Cooking</div>` +
      `<div role="tabpanel" hidden>Storage</div></div><div><div role="tabpanel" hidden>Lone</div>` +
      `</div><div hidden>Drawer</div></body></html>`,
  );
  assert.equal(showTabPanels(document.body), 2);
  assert.deepEqual(
    [...document.querySelectorAll("[hidden]")].map((el) => el.textContent),
    ["Lone", "Drawer"],
  );
});

Deno.test("auto reads every panel of a landing page's tabs, the hidden ones too", () => {
  const panel = (title: string, line: string, hidden: boolean): string =>
    `<div role="tabpanel"${
      hidden ? " hidden" : ""
    }><p class="title">${title}</p><p>${line}</p></div>`;
  const html = `<html><body><main><h1>Smokeless fire pits</h1><p>${PROSE.repeat(3)}</p>` +
    `<div class="tabs"><div role="tablist"><button role="tab" aria-selected="true">Safety</button>` +
    `<button role="tab">Cooking</button><button role="tab">Storage</button></div>` +
    panel(
      "Extra peace of mind",
      "Protective accessories keep safety front and center for everyone around the fire.",
      false,
    ) +
    panel(
      "Cook over smokeless flames",
      "Our cooking accessories turn the fire pit into a flavour hub for tailgates and camp-outs.",
      true,
    ) +
    panel(
      "Storage solutions",
      "Storage accessories tuck away fuel and fire pits while they tidy the outdoor space.",
      true,
    ) +
    `</div><p>${PROSE.repeat(2)}</p></main></body></html>`;
  const { root } = findMainContent(html, "https://example.com/page");
  const text = blockText(root!);
  assert.ok(text.includes("Protective accessories keep safety"), text);
  assert.ok(text.includes("Our cooking accessories turn the fire pit"), text);
  assert.ok(text.includes("Storage accessories tuck away fuel"), text);
});

Deno.test("auto keeps the tab a product page opens on, not the panels behind the others", () => {
  const { root } = findMainContent(tabbedPage(), "https://noten.example/product/zonnebloempitten");
  const text = blockText(root!);
  assert.ok(text.includes("A sentence about the product"), text);
  assert.ok(!text.includes("2410 kJ") && !text.includes("Koel en droog"), text);
});

Deno.test("auto keeps every slide of a gallery built as tabs, not a shop's other tabs", () => {
  // A gallery whose dots are tabs: each slide a picture with a line about the product.
  const slide = (n: number, line: string): string =>
    `<li id="s-${n}" role="tabpanel"${n > 1 ? ' aria-hidden="true"' : ""}>` +
    `<img src="pit-${n}.jpg" alt=""><p>${line}</p></li>`;
  const gallery = `<ul class="galerij">${slide(1, "Rijk aan vitamine E, van nature.")}` +
    `${slide(2, "Geroosterd zonder olie, met een snuf zeezout.")}` +
    `${slide(3, "Biologisch geteeld in Europa.")}</ul>`;
  const html = tabbedPage().replace(
    "<h1>Zonnebloempitten</h1>",
    `<h1>Zonnebloempitten</h1>${gallery}`,
  );
  const { root } = findMainContent(html, "https://noten.example/product/zonnebloempitten");
  const text = blockText(root!);
  for (const line of ["Rijk aan vitamine E", "Geroosterd zonder olie", "Biologisch geteeld"]) {
    assert.ok(text.includes(line), `keeps ${line}: ${text}`);
  }
  // The shop's tabs still show the one they open on.
  assert.ok(text.includes("A sentence about the product"), text);
  assert.ok(!text.includes("2410 kJ") && !text.includes("Koel en droog"), text);
});

Deno.test("auto keeps every slide of a gallery named so, whatever its slides hold", () => {
  // A maker's gallery of features built as tabs: its slides named as a gallery's items,
  // one with a long paragraph, one with a video's text and no picture.
  const slide = (n: number, body: string): string =>
    `<div id="features-gallery-item-${n}" class="gallery-item" role="tabpanel"` +
    `${n > 1 ? ' aria-hidden="true"' : ""}>${body}</div>`;
  const gallery = `<div class="item-container">` +
    slide(1, `<img src="pit-1.jpg" alt=""><p>${PROSE.repeat(4)}</p>`) +
    slide(2, "<p>Geroosterd zonder olie, met een snuf zeezout uit de Noordzee.</p>") +
    slide(3, `<img src="pit-3.jpg" alt=""><p>Biologisch geteeld in Europa.</p>`) + `</div>`;
  const html = tabbedPage().replace(
    "<h1>Zonnebloempitten</h1>",
    `<h1>Zonnebloempitten</h1>${gallery}`,
  );
  const { root } = findMainContent(html, "https://noten.example/product/zonnebloempitten");
  const text = blockText(root!);
  for (const line of ["Geroosterd zonder olie", "Biologisch geteeld"]) {
    assert.ok(text.includes(line), `keeps ${line}: ${text}`);
  }
  // The shop's tabs, named for what they hold, still show the one they open on.
  assert.ok(!text.includes("2410 kJ") && !text.includes("Koel en droog"), text);
});

Deno.test("auto keeps the offer box of a product page that shows little else", () => {
  // An Italian shop whose description its scripts render: the page shows the name, the
  // price, the sizes and the delivery options.
  const html = `<html><body><main><div class="scheda"><h1>Crema viso idratante 50 ml</h1>` +
    `<div class="acquisto"><p><span>€ 39,90</span></p><p>Formato: 30 ml · 50 ml</p>` +
    `<p>Spedizione gratuita sopra i 49 €</p><p>Ritiro in negozio disponibile</p></div>` +
    `</div></main></body></html>`;
  const { root } = findMainContent(html, "https://negozio.example/prodotto/crema-viso");
  const text = blockText(root!);
  assert.ok(text.includes("€ 39,90") && text.includes("Formato: 30 ml"), text);
  assert.ok(text.includes("Spedizione gratuita"), text);
});

const DESCRIPCION = "Una chaqueta ligera y cálida, rellena de plumón sintético, para el invierno. ";

/** A Spanish shop's page for a jacket: its description, its buttons and an accordion. */
function controlsPage(): string {
  const ld = JSON.stringify({ "@type": "Product", name: "Chaqueta acolchada Nieve" });
  return `<html><head><script type="application/ld+json">${ld}</script></head><body><main>` +
    `<h1>Chaqueta acolchada Nieve</h1><p>${DESCRIPCION.repeat(3)}</p>` +
    `<div class="product-form"><button class="btn btn-primary">Añadir a la cesta</button>` +
    `<a class="wishlist-link" href="/favoritos">Guardar en favoritos</a>` +
    `<a class="button" href="/tallas">Guía de tallas</a></div>` +
    `<div class="accordion"><button class="accordion-button" aria-expanded="false"` +
    ` aria-controls="comp">Composición y cuidados</button><div id="comp"><p>Exterior 100 %` +
    ` poliamida reciclada. Lavar a 30 grados.</p></div></div>` +
    `<section class="cart-offer"><h2 id="add-to-cart-title">Comprar la chaqueta con capucha</h2>` +
    `</section></main></body></html>`;
}

Deno.test("dropControls() drops a shop's buttons, not its toggles or headings", () => {
  const document = parsePage(controlsPage());
  assert.equal(dropControls(document.body), 3);
  const text = document.body.textContent ?? "";
  for (const gone of ["Añadir a la cesta", "Guardar en favoritos", "Guía de tallas"]) {
    assert.ok(!text.includes(gone), gone);
  }
  assert.ok(text.includes("Composición y cuidados") && text.includes("poliamida"), text);
  assert.ok(text.includes("Comprar la chaqueta"), text);
});

Deno.test("dropControls() with CART_BOX_WORDS drops a cart box named in one word", () => {
  // A theme names the box of the product's cart button in one word ("addtocart"): its
  // stock note, price and button are what a buyer operates. The pass over the whole page
  // leaves it (its price tells the cards of other products from the product's own).
  const html = `<html><body><main><h1>Birdbuddy Pro</h1>` +
    `<div class="product-hero__addtocart"><p class="stock">Out of stock</p>` +
    `<div class="price-label">Total amount:</div><p class="price">149€</p>` +
    `<button disabled>Out of Stock</button></div>` +
    `<div class="addtocart-notes"><p>The feeder ships with a solar roof, a wall mount and ` +
    `a seed scoop, and its camera records in 2K at up to 120 frames a second.</p></div>` +
    `</main></body></html>`;
  const early = parsePage(html);
  assert.equal(dropControls(early.body), 0);
  const late = parsePage(html);
  assert.equal(dropControls(late.body, CART_BOX_WORDS), 1);
  const text = late.body.textContent ?? "";
  for (const gone of ["Out of stock", "Total amount", "149€"]) {
    assert.ok(!text.includes(gone), gone);
  }
  // A block named so that holds the product's text is more than a control's label.
  assert.ok(text.includes("ships with a solar roof"), text);
});

Deno.test("dropControlSections() drops a heading over a buyer's controls alone", () => {
  // A Dutch shop's page: how to get the product is its delivery's and its store's
  // buttons, its services boxes to tick; the FAQ's questions are buttons that open their
  // answers, the care section's prose is text, and the packaging card's button an icon.
  const document = parsePage(
    `<html><body><main><h1>Eiken boekenkast</h1>` +
      `<div class="group"><div class="head"><h2>Zo krijg je het</h2></div>` +
      `<div><button>Bezorging Beschikbaarheid controleren</button>` +
      `<button>In de winkel Kies een winkel</button></div></div>` +
      `<div><h3>Diensten</h3><div><label><input type="checkbox"><span>Montage</span></label>` +
      `</div><div><label><input type="checkbox"><span>Ophalen oude kast</span></label></div></div>` +
      `<div><h2>Veelgestelde vragen</h2><button aria-expanded="false">Is de kast te verlengen?</button>` +
      `</div>` +
      `<div><h2>Onderhoud</h2><p>Afnemen met een vochtige doek.</p><button>Meer</button></div>` +
      `<div><div><h3>Verpakt in karton</h3></div><div><button aria-label="Meer over de verpakking">` +
      `<svg></svg></button></div></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropControlSections(document.body), 2);
  const text = document.body.textContent ?? "";
  for (const gone of ["Zo krijg je het", "Bezorging", "Diensten", "Montage"]) {
    assert.ok(!text.includes(gone), gone);
  }
  for (const kept of ["Veelgestelde vragen", "Is de kast", "Onderhoud", "vochtige doek"]) {
    assert.ok(text.includes(kept), kept);
  }
  assert.ok(text.includes("Verpakt in karton"), text);
});

Deno.test("auto drops the controls of a product page and keeps its description", () => {
  const { root } = findMainContent(controlsPage(), "https://tienda.example/p/chaqueta-nieve");
  const text = blockText(root!);
  assert.ok(text.includes("plumón sintético") && text.includes("poliamida"), text);
  assert.ok(!text.includes("Añadir a la cesta") && !text.includes("Guía de tallas"), text);
});

Deno.test("auto drops the buttons of a shop's grid and keeps its cards", () => {
  // An Italian shop's category of six lamps; those in stock show a link to the cart, the
  // others say they are sold out.
  const card = (i: number): string =>
    `<li class="scheda"><a href="/p/lampada-${i}"><h3>Lampada da tavolo ${i}</h3></a>` +
    `<p>Ottone spazzolato, paralume in lino naturale.</p><span>€ ${40 + i},00</span>` +
    (i % 2 === 0
      ? `<a class="btn add-to-cart" href="/carrello?add=${i}">Aggiungi al carrello</a>`
      : "<p>Esaurito</p>") +
    "</li>";
  const html = `<html><body><main><h1>Lampade da tavolo</h1>` +
    `<a class="filter-button" href="#filtri">Filtri e ordinamento</a><ul class="griglia">` +
    [1, 2, 3, 4, 5, 6].map(card).join("") + `</ul></main></body></html>`;
  const { root } = findMainContent(html, "https://luci.example/lampade", "collection");
  const text = blockText(root!);
  assert.ok(text.includes("Lampada da tavolo 6") && text.includes("paralume in lino"), text);
  assert.ok(!text.includes("Aggiungi al carrello") && !text.includes("Filtri"), text);
});

Deno.test("auto keeps a shop's guide to its category and drops its grid beside it", () => {
  // A Spanish shop's category of coffee makers: a grid of priced cards, one with a link to
  // the cart, above a long guide with its questions; the same page with a line of intro
  // only is a grid, which stays.
  const card = (i: number): string =>
    `<div class="producto"><a href="/p/cafetera-${i}"><h3>Cafetera italiana ${i}</h3></a>` +
    `<span class="precio">${20 + i},95 €</span>` +
    (i === 1 ? `<button class="add-to-cart">Añadir a la cesta</button>` : "") + "</div>";
  const guide = [
    "Cómo elegir una cafetera italiana",
    "¿De qué material es mejor?",
    "¿Cuánto café cabe en cada taza?",
    "¿Sirve para una placa de inducción?",
    "¿Cómo se limpia?",
    "¿Cada cuánto se cambia la junta?",
  ].map((h) =>
    `<h2>${h}</h2><p>${
      "La cafetera italiana prepara el café con el vapor del agua que hierve en su depósito, " +
      "y el aluminio reparte el calor de forma pareja mientras el acero dura más años y no se mancha con el uso diario. "
    }</p><p>${
      "Antes del primer uso conviene preparar dos o tres cafeteras que se tiran, para que " +
      "el metal pierda el sabor de la fábrica y la junta de goma se asiente en su sitio antes de servir la primera taza. "
    }</p><p>${
      "El tamaño se cuenta en tazas pequeñas de espresso: una de seis tazas llena dos " +
      "tazas grandes de desayuno, y una de tres basta para una persona que desayuna sola por la mañana. "
    }</p>`
  ).join("");
  const page = (text: string): string =>
    `<html><body><main><h1>Cafeteras italianas</h1><div class="rejilla">${
      [1, 2, 3, 4].map(card).join("")
    }</div>${text}</main></body></html>`;
  const url = "https://cocina.example/cafeteras-italianas";
  const long = blockText(findMainContent(page(guide), url, "collection").root!);
  assert.ok(long.includes("depósito") && long.includes("¿Sirve para una placa"), long);
  assert.ok(!long.includes("Cafetera italiana 3") && !long.includes("23,95"), long);
  const intro = "<p>Cafeteras de aluminio y de acero para todas las cocinas.</p>";
  const short = blockText(findMainContent(page(intro), url, "collection").root!);
  assert.ok(short.includes("Cafetera italiana 3") && short.includes("23,95"), short);
});

Deno.test("auto counts a guide's answers written bare in their panels as its prose", () => {
  // A French shop's category of teapots: a grid of priced cards, one with a link to the
  // cart, above questions in an accordion whose answers its template writes straight into
  // each panel's <div>, with no <p>: the guide is the text, the grid goes beside it.
  const card = (i: number): string =>
    `<div class="produit"><a href="/p/theiere-${i}"><h3>Théière en fonte ${i}</h3></a>` +
    `<span class="prix">${30 + i},90 €</span>` +
    (i === 1 ? `<button class="add-to-cart">Ajouter au panier</button>` : "") + "</div>";
  const answer = "La fonte garde la chaleur longtemps et la rend doucement au thé, " +
    "qui infuse ainsi à une température égale du début à la fin, sans amertume. " +
    "Une théière émaillée à l'intérieur ne rouille pas et se rince à l'eau claire, sans savon, " +
    "puis sèche à l'air, couvercle ouvert, avant de retrouver sa place sur l'étagère. ";
  const faq = [
    "Pourquoi choisir une théière en fonte ?",
    "Comment l'entretenir ?",
    "Quelle contenance pour deux personnes ?",
    "Peut-on la poser sur le feu ?",
    "Faut-il la culotter avant le premier thé ?",
    "Convient-elle aux thés verts ?",
    "Combien de temps garde-t-elle le thé chaud ?",
    "Que faire si l'émail s'écaille ?",
    "La théière passe-t-elle au lave-vaisselle ?",
    "Où ranger le filtre ?",
  ].map((q) =>
    `<details><summary><p class="titre">${q}</p></summary>` +
    `<div class="accordeon__contenu" role="region">${answer}</div></details>`
  ).join("");
  const html = `<html><body><main><h1>Théières en fonte</h1><div class="grille">${
    [1, 2, 3, 4].map(card).join("")
  }</div><h2>Questions fréquentes</h2><div class="accordeon">${faq}</div></main></body></html>`;
  const text = blockText(
    findMainContent(html, "https://the.example/theieres-fonte", "collection").root!,
  );
  assert.ok(text.includes("Comment l'entretenir") && text.includes("rince à l'eau"), text);
  assert.ok(!text.includes("Théière en fonte 3") && !text.includes("33,90"), text);
});

Deno.test("auto drops the bar of a product's actions", () => {
  // A German shop's page: under the name, a stock note and a link to the wish list in
  // the product's bar of actions; the description and the materials follow.
  const ld = JSON.stringify({ "@type": "Product", name: "Wanderschuh Grat" });
  const html = `<html><head><script type="application/ld+json">${ld}</script></head><body>` +
    `<main><h1>Wanderschuh Grat</h1><div class="product-actions"><span>Nur noch 2 Stück` +
    ` auf Lager</span><a href="/merkliste">Auf die Merkliste</a></div><p>${
      "Ein leichter Wanderschuh mit griffiger Sohle für lange Touren im Gebirge. ".repeat(3)
    }</p><h2>Material</h2><p>Obermaterial aus Nubukleder, Futter aus Netzgewebe.</p>` +
    `</main></body></html>`;
  const { root } = findMainContent(html, "https://schuhe.example/p/wanderschuh-grat");
  const text = blockText(root!);
  assert.ok(text.includes("griffiger Sohle") && text.includes("Nubukleder"), text);
  assert.ok(!text.includes("Nur noch 2 Stück") && !text.includes("Merkliste"), text);
});

Deno.test("auto shows each short line of a selling page once", () => {
  // An Italian shop's page for a bag: the colour picked is shown by the phone's and the
  // desktop's layout.
  const ld = JSON.stringify({ "@type": "Product", name: "Borsa a tracolla Vela" });
  const html = `<html><head><script type="application/ld+json">${ld}</script></head><body>` +
    `<main><h1>Borsa a tracolla Vela</h1><div class="mobile"><p>Colore scelto: nero</p></div>` +
    `<div class="desktop"><p>Colore scelto: nero</p></div>` +
    `<p>${"Una borsa in tela cerata con tracolla regolabile e chiusura magnetica. ".repeat(3)}` +
    `</p></main></body></html>`;
  const { root } = findMainContent(html, "https://borse.example/prodotto/vela");
  const text = blockText(root!);
  assert.ok(text.includes("tela cerata"), text);
  assert.equal(text.split("Colore scelto: nero").length - 1, 1, text);
});

Deno.test("dropRepeatedBlocks() keeps short labels beside their values and table cells", () => {
  // A comparison of two sizes: each column labels its value; a spec table repeats "Sì".
  const document = parsePage(
    `<html><body><div><div>Ideale per</div><div>tutti i giorni</div></div>` +
      `<div><div>Ideale per</div><div>i viaggi</div></div>` +
      `<table><tr><td>Impermeabile</td><td>Sì</td></tr><tr><td>Lavabile</td><td>Sì</td></tr>` +
      `</table><div><p>Tracolla</p></div><div><p>Tracolla</p></div></body></html>`,
  );
  assert.equal(dropRepeatedBlocks(document.body, SHORT_REPEAT), 1);
  const text = document.body.textContent ?? "";
  assert.equal(text.split("Ideale per").length - 1, 2, text);
  assert.equal(text.split("Sì").length - 1, 2, text);
  assert.equal(text.split("Tracolla").length - 1, 1, text);
});

Deno.test("dropDataOpinions() drops reviews named in data attributes only", () => {
  const { document } = parseHTML(
    `<html><body><main><h1>Frullatore Turbo</h1><p>Frullatore da cucina con caraffa da due ` +
      `litri e sei programmi.</p><section data-testid="reviews-summary"><h2>Riepilogo delle ` +
      `recensioni</h2><p>Pro: frulla il ghiaccio in pochi secondi.</p></section>` +
      `<div data-section="descrizione"><p>Lame in acciaio inox.</p></div></main></body></html>`,
  );
  const body = document.querySelector("body")!;
  assert.equal(dropDataOpinions(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Riepilogo"), text);
  assert.ok(text.includes("Lame in acciaio inox"), text);
});

Deno.test("hasCartControl() finds the control that puts a product in the cart", () => {
  const page = (html: string): Document =>
    parseHTML(`<html><body>${html}</body></html>`).document as unknown as Document;
  assert.ok(hasCartControl(page(`<button id="addToCartButton">In den Warenkorb</button>`)));
  assert.ok(hasCartControl(page(`<form action="/cart/add"><button>Kaufen</button></form>`)));
  assert.ok(hasCartControl(page(`<div data-action="add-to-bag">In die Tasche</div>`)));
  // A software page's sign-up, and a cart named in a script only, are no cart control.
  assert.ok(
    !hasCartControl(page(`<a class="btn signup" href="/registrieren">Jetzt testen</a>
    <script>window.addToCart = () => {};</script>`)),
  );
});

Deno.test("auto cuts a product page that declares no product but has a cart to its product", async () => {
  const html = `<html><head><title>Standmixer Turbo 900 | Haushalt</title></head><body>
    <main><div class="produkt"><h1>Standmixer Turbo 900</h1>
    <div class="preis">149,00 €</div>
    <button id="add-to-cart-button">In den Warenkorb</button>
    <div class="description"><p>Ein kräftiger Standmixer mit einem Glasbehälter von zwei
      Litern, sechs Programmen und Klingen aus rostfreiem Stahl, die auch Eis in Sekunden
      zerkleinern.</p><p>Der Motor leistet neunhundert Watt und läuft dank der gummierten
      Füße leise.</p></div></div>
    <section class="marke"><h2>Über unser Haus</h2><p>Seit drei Generationen verkaufen wir
      Küchengeräte aus der Region, beraten in unseren Filialen und liefern in ganz Europa.</p>
    </section></main></body></html>`;
  const out = await autoHtml(html, "https://laden.example/produkt/standmixer-turbo-900");
  assert.equal(out.metadata.page_type, "product");
  assert.ok(out.content.includes("kräftiger Standmixer"), out.content);
  assert.ok(!out.content.includes("drei Generationen"), out.content);
});

Deno.test("dropOfferBox() takes the product's price after its title, not a banner's", () => {
  const document = parsePage(
    `<html><body><div class="barra"><span>Spedizione gratuita da 49,00 €</span></div>` +
      `<div class="prodotto"><h1>Zaino da trekking Vetta 30</h1>` +
      `<div class="offerta"><span class="prezzo">39,90 €</span><span>Colore: verde</span>` +
      `<span>Disponibile</span><button>Aggiungi</button></div>` +
      `<p>Uno zaino leggero per le escursioni di un giorno, con schienale ventilato, ` +
      `tasca per la borraccia e coprizaino impermeabile riposto sul fondo.</p></div>` +
      `</body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("39,90") && !text.includes("Colore: verde"), text);
  for (const kept of ["Spedizione gratuita da 49,00", "Zaino da trekking", "schienale ventilato"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropOfferBox() reads an amount written in Arabic-Indic digits", () => {
  // The product's price and the bundle's, both in Arabic-Indic digits: only the box of the
  // product's own amount goes, and the bundle's line of a different amount stays.
  const document = parsePage(
    `<html><body><div class="منتج"><h1>مصباح مكتب نحاسي</h1>` +
      `<div class="شراء"><span>٧٦٫٠٠ ر.س</span><span>اللون: أسود</span>` +
      `<span>متوفر</span><button>أضف إلى السلة</button></div>` +
      `<p>مصباح مكتب من النحاس المصقول بذراع قابلة للتعديل وقاعدة ثقيلة ثابتة، ` +
      `يناسب القراءة والعمل لساعات طويلة دون إجهاد للعينين.</p>` +
      `<div class="باقة"><span>٩٨٫٠٠ ر.س</span></div></div></body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("٧٦٫٠٠") && !text.includes("اللون"), text);
  for (const kept of ["مصباح مكتب نحاسي", "النحاس المصقول", "٩٨٫٠٠ ر.س"]) {
    assert.ok(text.includes(kept), kept);
  }
});

const BATIDORA = "Una batidora de vaso de vidrio con nueve velocidades, para batidos, " +
  "sopas y hielo picado, con cuchillas de acero que se desmontan para lavarlas.";

Deno.test("dropOfferBox() takes in the heading of the buyer's choices, not a section's", () => {
  const document = parsePage(
    `<html><body><div class="pagina"><h1>Batidora Turbo 900</h1>` +
      `<div class="compra"><div class="precio"><span>129,00 €</span></div>` +
      `<div class="envio"><h2>¿Cómo quieres recibirlo?</h2><fieldset>` +
      `<label><input type="radio" name="e">Envío a domicilio</label>` +
      `<label><input type="radio" name="e">Recogida en tienda</label></fieldset></div></div>` +
      `<div class="desc"><h2>Descripción</h2><p>${BATIDORA}</p></div></div></body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("129,00") && !text.includes("Recogida en tienda"), text);
  for (const kept of ["Batidora Turbo 900", "Descripción", BATIDORA]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("removeProductExtras() drops text for screen readers named in a data attribute", () => {
  const document = parsePage(
    `<html><body><main><h1>Bürostuhl Alto</h1>` +
      `<p class="k1"><span class="k2" data-ui="VisuallyHidden">Sie sammeln 3,70 € Prämien.</span>` +
      `<span class="k3" aria-hidden="true">3,70 € Prämien sammeln</span></p>` +
      `<p class="k4" data-ui="Beschreibung">Ein Bürostuhl mit Kunstlederbezug und Wippmechanik.</p>` +
      `</main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Sie sammeln"), text);
  for (const kept of ["Bürostuhl Alto", "3,70 € Prämien sammeln", "Wippmechanik"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropOfferBox() takes the price the page names a price, not a line of rewards", () => {
  const document = parsePage(
    `<html><body><div class="seite"><h1>Bürostuhl Alto</h1>` +
      `<p class="bonus"><span>Sie sammeln</span> <span>3,70 €</span> <span>Prämien</span></p>` +
      `<div class="kauf"><span class="product-price">274,00 €</span><span>Farbe: schwarz</span>` +
      `<span>Auf Lager</span></div>` +
      `<p>Ein Bürostuhl mit Kunstlederbezug, Wippmechanik und verstellbaren Armlehnen, ` +
      `für lange Arbeitstage am Schreibtisch, mit einer Sitzhöhe von 45 bis 55 Zentimetern.</p>` +
      `</div></body></html>`,
  );
  assert.equal(dropOfferBox(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("274,00") && !text.includes("Auf Lager"), text);
  for (const kept of ["Bürostuhl Alto", "Sie sammeln", "Wippmechanik"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropProductGrids() takes the heading of the grid's section with its cards", () => {
  // The cards' names and prices sit in a <header> that the chrome removal takes: the cards
  // go then, and their section's heading went nowhere.
  const cards = [1, 2, 3].map((i) =>
    `<li class="kachel"><a href="/p/lampe-${i}"><header>Hafenlampe ${i} ${i}9,00 €</header></a></li>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Decklampe DL-3</h1><p class="preis">89,00 €</p>` +
      `<p>Eine Lampe aus Bronze für die Hafenmauer, wetterfest verkabelt.</p>` +
      `<section><h2>Das könnte Ihnen auch gefallen</h2><a href="/lampen">Alle ansehen</a>` +
      `<ul>${cards}</ul></section><p>Maße: 30 × 12 cm</p></main></body></html>`,
  );
  assert.equal(markProductGrids(document.body), 3);
  for (const h of [...document.querySelectorAll("header")]) h.remove();
  dropProductGrids(document.body);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Das könnte Ihnen") && !text.includes("Alle ansehen"), text);
  for (const kept of ["Decklampe DL-3", "Bronze", "Maße: 30"]) assert.ok(text.includes(kept), kept);
});

Deno.test("dropProductCarousels() drops a carousel of other products, not the gallery", () => {
  const slides = [1, 2, 3].map((i) =>
    `<div aria-roledescription="slide"><a href="/prodotti/lampada-${i}">Lampada ${i}</a></div>`
  ).join("");
  const pictures = [1, 2, 3].map((i) =>
    `<div aria-roledescription="slide"><a href="/img/faro-${i}.jpg"><img alt="Foto ${i}"></a></div>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Lampada Faro</h1>` +
      `<section aria-roledescription="carousel" class="galleria">${pictures}</section>` +
      `<p>Una lampada in bronzo per il molo, cablata per l'esterno.</p>` +
      `<div class="raccomandati"><h2>Altri clienti hanno comprato</h2>` +
      `<section aria-roledescription="carousel">${slides}</section></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropProductCarousels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Lampada 1") && !text.includes("Altri clienti"), text);
  assert.ok(text.includes("bronzo") && document.querySelector(".galleria") !== null, text);
});

Deno.test("dropBareCarouselTitles() drops a carousel's title once its slides went, not a logo row's", () => {
  const slide = (name: string) =>
    `<li class="splide__slide"><a href="/collections/${name.toLowerCase()}"><img alt=""></a>` +
    `<div class="tile__caption"><p>${name}</p><a class="button" href="/c">Shop Now</a></div></li>`;
  const document = parsePage(
    `<html><body><main><h1>All Sheets</h1><p>A sheet fabric for every kind of sleeper.</p>` +
      `<section class="slider-module spotlight"><div class="spotlight__header">` +
      `<h2>More to Explore</h2></div><ul>${slide("Comforters")}${slide("Bundles")}</ul></section>` +
      `<section class="module-carousel"><h2>Affiliations and Memberships</h2>` +
      `<div class="carousel-slider__slide"><a href="https://example.org"><img alt=""></a></div>` +
      `<div class="carousel-slider__slide"><img alt=""></div></section>` +
      `<div class="carousel reviews"><h2>What sleepers say</h2><p>Softest sheets I own.</p>` +
      `<p class="tile__caption">Ana</p></div>` +
      `</main></body></html>`,
  );
  const body = document.body;
  // The logo row never showed text under its title: it is not marked.
  assert.equal(markTitledCarousels(body), 2);
  // The cleaning takes the slides' captions and buttons.
  for (const c of [...body.querySelectorAll(".tile__caption")]) c.remove();
  assert.equal(dropBareCarouselTitles(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("More to Explore"));
  assert.ok(text.includes("Affiliations and Memberships"));
  assert.ok(text.includes("What sleepers say") && text.includes("Softest sheets I own."));
  assert.ok(text.includes("A sheet fabric for every kind of sleeper."));
  assert.equal(body.querySelectorAll("[data-riptide-titled-carousel]").length, 0);
});

Deno.test("markTitledCarousels() reads a carousel's name in its class or id, in any case", () => {
  const box = (names: string) =>
    `<div ${names}><h2>Shop the look</h2><p>Linen shirt</p><p>Cotton trousers</p></div>`;
  const document = parsePage(
    `<html><body><main><h1>Summer</h1>` +
      box('id="HomeSlider"') + box('class="PRODUCT-SWIPER"') +
      // A Kelvin sign lower-cases to "k": "slick".
      box('class="slic\u212a"') +
      // A name that only holds a carousel's word in a longer one names none.
      box('class="sliderless"') + box('class="gallery"') +
      `</main></body></html>`,
  );
  assert.equal(markTitledCarousels(document.body), 3);
  const marked = [...document.querySelectorAll("[data-riptide-titled-carousel]")];
  assert.deepEqual(
    marked.map((el) => el.getAttribute("id") ?? el.getAttribute("class")),
    ["HomeSlider", "PRODUCT-SWIPER", "slic\u212a"],
  );
});

Deno.test("dropShelves() drops a titled shelf of other products and the shipping note", () => {
  const cards = ["Cable", "Charger"].map((name) =>
    `<div><a href="/products/${name.toLowerCase()}">${name}</a><span>€25</span></div>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Leather Case</h1>` +
      `<div class="description"><p>Full-grain leather that wears in over the years.</p>` +
      `<p>Pairs with the cable you may also like to carry.</p></div>` +
      `<div><h3>Others Like You Also Bought:</h3><div>${cards}</div></div>` +
      `<div><button aria-controls="ship"><h2>Shipping and return policies</h2></button>` +
      `<div id="ship"><p>Free shipping</p><p>Returns accepted within 30 days</p></div></div>` +
      `<h2>Related reading</h2><p>How the leather is tanned, step by step.</p>` +
      `<section><h3>30-Day Return Policy</h3><p>Not loving it? Send it back.</p></section>` +
      `<section><h3>Warranty</h3><h4>Return Policies</h4><p>Covered by the seller.</p></section>` +
      `</main></body></html>`,
  );
  assert.equal(dropShelves(document.body), 3);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Also Bought") && !text.includes("Charger"), text);
  assert.ok(!text.includes("Not loving it") && text.includes("Covered by the seller"), text);
  assert.ok(!text.includes("Free shipping") && !text.includes("30 days"), text);
  assert.ok(text.includes("Full-grain") && text.includes("you may also like"), text);
  assert.ok(text.includes("Related reading") && text.includes("tanned"), text);
});

Deno.test("dropShelves() reads the shelves' and the policies' titles of other languages", () => {
  const cards = ["Kabel", "Ladegerät"].map((name) =>
    `<div><a href="/products/${name.length}">${name}</a><span>25 €</span></div>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Ledertasche</h1>` +
      `<div class="description"><p>Vollnarbiges Leder, das mit den Jahren schöner wird.</p></div>` +
      `<div><h3>Das könnte dir auch gefallen</h3><div>${cards}</div></div>` +
      `<div><h2>Podobne produkty</h2><div>${cards}</div></div>` +
      `<section><h2>Spedizione e resi</h2><p>Spedizione gratuita sopra 50 €.</p></section>` +
      `<section><h3>Retourbeleid</h3><p>Niet tevreden? Stuur het terug.</p></section>` +
      `<section><h2>Produits similaires</h2><div>${cards}</div></section>` +
      `<section><h2>Envio e devoluções</h2><p>Devolução grátis em 30 dias.</p></section>` +
      `<div><h3>С этим товаром покупают</h3><div>${cards}</div></div>` +
      `<section><h2>Kargo ve iade</h2><p>Ücretsiz kargo.</p></section>` +
      `<div><h2>関連商品</h2><div>${cards}</div></div>` +
      `<section><h3>退货政策</h3><p>七天无理由退货。</p></section>` +
      `<div><h2>비슷한 상품</h2><div>${cards}</div></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropShelves(document.body), 11);
  assert.ok(!(document.body.textContent ?? "").includes("Ücretsiz"));
  assert.ok(!(document.body.textContent ?? "").includes("七天"));
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Ladegerät") && !text.includes("gratuita"), text);
  assert.ok(!text.includes("Stuur het terug") && !text.includes("similaires"), text);
  assert.ok(text.includes("Vollnarbiges Leder"), text);
});

Deno.test("dropShelves() stops at the next section's heading and keeps a sentence", () => {
  const document = parsePage(
    `<html><body><main><h1>Trail Pack</h1><div class="tabs">` +
      `<section><h2>Shipping &amp; Returns</h2><p>Free returns within 30 days.</p></section>` +
      `<section><h2>Details</h2><p>A 25-litre pack with a padded back panel.</p></section>` +
      `</div><div><p>I also bought the rain cover.</p><p>It keeps the pack dry.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropShelves(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Free returns") && text.includes("padded back panel"), text);
  assert.ok(text.includes("I also bought the rain cover.") && text.includes("dry"), text);
});

Deno.test("dropDeliveryDates() drops the box of the day's delivery estimate, not notes without a date", () => {
  const document = parsePage(
    `<html><body><main><h1>Executive Chair</h1>` +
      `<div class="shipping"><p>FREE Fast Delivery</p>\n<p>Get it by Mon, Mar 9</p></div>` +
      `<p><b>Warehouse Transition: </b><span>Ships by March 10th</span></p>` +
      `<ul><li>42x24" desktops ship by 05/06/26</li></ul>` +
      `<p>Ships in 100% fiber-based packaging.</p>` +
      `<div class="description"><p>Delivered by March 2026, the new frame ships flat.</p>` +
      `<p>Get it by Mon, Mar 9</p></div></main></body></html>`,
  );
  assert.equal(dropDeliveryDates(document.body), 3);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Ships by March") && !text.includes("05/06/26"), text);
  // The box of the estimate goes whole (its promise with it); a note without a date stays.
  assert.ok(!text.includes("FREE Fast Delivery") && text.includes("fiber-based packaging"), text);
  // The description's own lines stay, a date in them or not.
  assert.ok(text.includes("Delivered by March 2026") && text.includes("Get it by Mon"), text);
});

Deno.test("dropPriceNotes() drops the tax, shipping and delivery-time notes beside a price, not sentences", () => {
  const document = parsePage(
    `<html><body><main><h1>Bio-Espresso 1 kg</h1>` +
      `<p class="price"><span>24,90&nbsp;<span>€</span></span></p>` +
      `<div class="legal-price-info"><p><span>inkl. 7 % MwSt.</span> ` +
      `<span>zzgl. <a href="/versand/">Versandkosten</a></span></p></div>` +
      `<p class="delivery-time-info">Lieferzeit: <span>2-4 Werktage</span></p>` +
      `<div class="product__tax">Tax included. <a href="/policies">Shipping</a> calculated at checkout.</div>` +
      `<span>(£2.98 inc. VAT)</span><small>Taxes incluses.</small><p>IVA incluido</p>` +
      `<p>Kräftiger Espresso aus Honduras, inkl. MwSt. und Versand ab 40 € Bestellwert.</p>` +
      `<div class="description"><p>TTC</p><p>Alle Preise inkl. MwSt.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropPriceNotes(document.body), 6);
  const text = document.body.textContent ?? "";
  for (const note of ["MwSt.", "Lieferzeit", "Tax included", "£2.98", "Taxes", "IVA"]) {
    assert.ok(
      !text.replace(/Honduras.*Bestellwert|Alle Preise inkl. MwSt./g, "").includes(note),
      text,
    );
  }
  // The price, a sentence that says as much and the description's own lines stay.
  assert.ok(text.includes("24,90") && text.includes("aus Honduras, inkl. MwSt."), text);
  assert.ok(text.includes("TTC") && text.includes("Alle Preise inkl. MwSt."), text);
});

Deno.test("dropPriceNotes() drops a net price's note with its amount, in a list's item", () => {
  const document = parsePage(
    `<html><body><main><h1>Akku-Gartenschere GS 20</h1>` +
      `<ul class="list-unstyled"><li><h2>149,00€</h2></li><li>Exkl. Steuern: 125,21€</li></ul>` +
      `<ul><li>Ex Tax: $101.00</li><li>Schnittstärke bis 20 mm, exkl. Steuern 40 % leichter</li></ul>` +
      `</main></body></html>`,
  );
  assert.equal(dropPriceNotes(document.body), 2);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("125,21") && !text.includes("$101.00"), text);
  assert.ok(text.includes("149,00€") && text.includes("Schnittstärke bis 20 mm"), text);
});

Deno.test("dropPriceNotes() drops the stock status beside a price, alone or after its label", () => {
  const document = parsePage(
    `<html><body><main><h1>Akku-Gartenschere GS 20</h1>` +
      `<p class="stock in-stock">184 vorrätig</p><ul><li>Verfügbarkeit: Auf Lager</li></ul>` +
      `<span>In Stock!</span><p>Only 3 left in stock</p><div>En stock</div>` +
      `<p>Wir haben alle Ersatzklingen auf Lager, auch für ältere Modelle.</p>` +
      `</main></body></html>`,
  );
  assert.equal(dropPriceNotes(document.body), 5);
  const text = document.body.textContent ?? "";
  assert.ok(!/vorrätig|Verfügbarkeit|In Stock|left in stock|En stock/.test(text), text);
  assert.ok(text.includes("alle Ersatzklingen auf Lager"), text);
});

Deno.test("dropPriceNotes() drops the price per unit beside a price, not a spec of a unit", () => {
  const document = parsePage(
    `<html><body><main><h1>Bio-Espresso 1 kg</h1>` +
      `<p class="price price-unit">24,90&nbsp;€ / <span class="unit">kg</span></p>` +
      `<div class="base-price"><span>15,80 € pro 1 l</span></div>` +
      `<p>(7,48 €* / 1 Stück)</p><p>Stoffgewicht 165 g/m²</p><p>Reicht für 120 Tassen / kg</p>` +
      `</main></body></html>`,
  );
  assert.equal(dropPriceNotes(document.body), 3);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("24,90") && !text.includes("15,80") && !text.includes("7,48"), text);
  assert.ok(text.includes("165 g/m²") && text.includes("120 Tassen"), text);
});

Deno.test("dropTaxonomyLines() drops a product's category and tag line, not the description's links", () => {
  const document = parsePage(
    `<html><body><main><h1>Bio-Espresso 1 kg</h1>` +
      `<div class="product_meta"><span class="sku_wrapper">Artikelnummer: <span class="sku">RW-ESP-1000</span></span>` +
      `<span class="posted_in">Kategorie: <a href="/kategorie/espresso/" rel="tag">Espresso</a></span>` +
      `<span class="tagged_as">Schlagwörter: <a href="/tag/bio/" rel="tag">Bio</a>, ` +
      `<a href="/tag/honduras/" rel="tag">Honduras</a></span></div>` +
      // A block with another link, or with more text than labels, stays.
      `<p>Mehr aus <a href="/kategorie/espresso/" rel="tag">Espresso</a> und unser <a href="/abo/">Abo</a>.</p>` +
      `<div class="description"><p>Geröstet in Leipzig: <a href="/tag/bio/" rel="tag">Bio</a></p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropTaxonomyLines(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("RW-ESP-1000") && !text.includes("Honduras"), text);
  assert.ok(text.includes("Mehr aus Espresso") && text.includes("Geröstet in Leipzig"), text);
});

Deno.test("dropDeliveryDates() reads the delivery estimates of other languages", () => {
  const document = parsePage(
    `<html><body><main><h1>Bürostuhl</h1>` +
      `<div class="shipping"><span>KOSTENLOSE Lieferung Dienstag, 10. März</span></div>` +
      `<p>Livraison GRATUITE mardi 10 mars</p>` +
      `<p>Entrega GRATIS el martes, 10 de marzo</p>` +
      `<p>Dostawa GRATIS wtorek, 10 marca</p>` +
      `<p>Доставка 12 марта, бесплатно</p>` +
      `<p>Ücretsiz teslimat 10 Mart Pazartesi</p>` +
      `<p>Lieferung in 2 bis 3 Werktagen</p>` +
      `<div class="description"><p>Sedile in rete traspirante e braccioli regolabili.</p>` +
      `<p>Consegna dal 10 marzo, montaggio incluso.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropDeliveryDates(document.body), 6);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("März") && !text.includes("mars") && !text.includes("marca"), text);
  assert.ok(!text.includes("марта") && !text.includes("Mart"), text);
  // A promise without a day, and the description's own lines, stay.
  assert.ok(text.includes("Werktagen") && text.includes("montaggio incluso"), text);
});

Deno.test("dropDeliveryDates() reads the delivery estimates of Chinese, Japanese and Korean shops", () => {
  // These languages set the verb after the date, with no space between words.
  const document = parsePage(
    `<html><body><main><h1>办公椅</h1>` +
      `<p>预计3月10日送达</p>` +
      `<div class="shipping"><span>最短で3月10日 火曜日にお届け</span></div>` +
      `<p>3/10(화) 도착 예정</p>` +
      `<p>お届け日：3/12（木）</p>` +
      `<p>10일 이내 발송</p>` +
      `<div class="description"><p>透气网布座椅，扶手和头枕都可以调节，` +
      `适合长时间伏案工作的人使用。座椅下方的气压棒经过十万次测试，安全可靠。</p>` +
      `<p>3月10日起发货，包安装。</p></div>` +
      `</main></body></html>`,
  );
  const n = dropDeliveryDates(document.body);
  const text = document.body.textContent ?? "";
  assert.equal(n, 4, text);
  for (const gone of ["送达", "お届け", "도착"]) assert.ok(!text.includes(gone), text);
  // A span of days is no date; the description's own lines stay.
  assert.ok(text.includes("10일 이내 발송") && text.includes("包安装"), text);
});

Deno.test("dropSwatchLabels() drops a picker's title over wordless swatches only", () => {
  const swatches = ["Black", "Brown", "Tan"].map((c) =>
    `<li><a href="/products/case-${c.toLowerCase()}" aria-label="${c}"></a></li>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Leather Case</h1>` +
      `<div><div><span>Color</span><span>: Black</span></div><div><ul>${swatches}</ul></div></div>` +
      `<div><p>Material: full-grain leather</p><p>Tanned in Chicago.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropSwatchLabels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes(": Black"), text);
  assert.ok(text.includes("Material: full-grain leather") && text.includes("Chicago"), text);
});

Deno.test("markSwatchLabels() lets dropSwatchLabels() drop a title whose swatches went", () => {
  const swatch = (c: string) =>
    `<div><button type="button"><img alt="${c}" src="/${c}.jpg"></button></div>`;
  const document = parsePage(
    `<html><body><main><h1>Executive Chair</h1>` +
      `<div><div tabindex="0"><p>Color:</p><p>Black Caressoft</p></div>` +
      `<div>${swatch("Black")}${swatch("Oxblood")}</div></div>` +
      `<div><p>Finish: Black</p><p>Upholstered in soft vinyl over a steel frame.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(markSwatchLabels(document.body), 1);
  // The cleaning takes the swatches (the buyer's controls) before the title is read.
  for (const button of document.querySelectorAll("button")) button.remove();
  assert.equal(dropSwatchLabels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Caressoft"), text);
  assert.ok(text.includes("Finish: Black") && text.includes("steel frame"), text);
  assert.equal(
    document.querySelector("[data-riptide-swatch-label]"),
    null,
    "the marks are cleared",
  );
});

Deno.test("markSwatchLabels() reads a short Chinese sentence over buttons as no picker's title", () => {
  // A picker's title is a name ("型号"); a line ending with "。" is a sentence, however
  // short its Chinese is.
  const row = ["iPhone 16 Pro", "iPhone 16", "iPhone 15"].map((m) =>
    `<button type="button"><p>${m}</p></button>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>真皮手机壳</h1>` +
      `<div><div><span>型号</span></div><div>${row}</div></div>` +
      `<div><div>所有手机壳均可免费刻字。</div><div>${row}</div></div>` +
      `<div><p>采用全粒面牛皮，在意大利鞣制。</p></div></main></body></html>`,
  );
  assert.equal(markSwatchLabels(document.body), 1);
  for (const button of [...document.querySelectorAll("button")]) button.remove();
  assert.equal(dropSwatchLabels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("型号"), text);
  assert.ok(text.includes("所有手机壳均可免费刻字。") && text.includes("意大利鞣制"), text);
});

Deno.test("markSwatchLabels() weighs a Chinese title over buttons by what it says", () => {
  // A picker's title is a name ("选择型号"); eleven characters without a stop say as much
  // as a Latin line of thirty, a note, not a title.
  const row = ["iPhone 16 Pro", "iPhone 16", "iPhone 15"].map((m) =>
    `<button type="button"><p>${m}</p></button>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>真皮手机壳</h1>` +
      `<div><div><span>选择型号</span></div><div>${row}</div></div>` +
      `<div><div>所有手机壳均可免费刻字</div><div>${row}</div></div></main></body></html>`,
  );
  assert.equal(markSwatchLabels(document.body), 1);
  assert.equal(
    document.querySelector("[data-riptide-picker-title]")?.textContent,
    "选择型号",
  );
});

Deno.test("markSwatchLabels() lets dropSwatchLabels() drop a title over worded buttons once they went", () => {
  const models = ["iPhone 16 Pro", "iPhone 16 Pro Max", "iPhone 16", "iPhone 15"];
  const row = models.map((m) => `<button type="button"><p>${m}</p></button>`).join("");
  const sizes = ["S", "M", "L"].map((z) => `<button type="button">${z}</button>`).join("");
  const document = parsePage(
    `<html><body><main><h1>Leather Case</h1>` +
      `<div><div><span>Device</span></div><div>${row}</div></div>` +
      // A product's name over its buy box's buttons is no picker's title.
      `<div><div>Wool Runner</div><div><button>Select a size</button>` +
      `<button>Add to cart</button><button>Notify me</button></div></div>` +
      `<div><div>Wollläufer</div><div><button>Größe wählen</button>` +
      `<button>In den Warenkorb</button><button>Merken</button></div></div>` +
      // A title whose buttons stay on the page stays with them.
      `<div><div>Size</div><div>${sizes}</div></div>` +
      `<div><p>Full-grain leather, tanned in Chicago.</p></div></main></body></html>`,
  );
  assert.equal(markSwatchLabels(document.body), 2);
  // The cleaning takes the model buttons (the buyer's controls) before the title is read.
  for (const button of document.querySelectorAll("button")) {
    if (models.includes((button.textContent ?? "").trim())) button.remove();
  }
  assert.equal(dropSwatchLabels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Device"), text);
  assert.ok(
    text.includes("Wool Runner") && text.includes("Wollläufer") && text.includes("Size") &&
      text.includes("Chicago"),
    text,
  );
  assert.equal(
    document.querySelector("[data-riptide-picker-title]"),
    null,
    "the marks are cleared",
  );
});

Deno.test("markSwatchLabels() lets dropSwatchLabels() drop a fieldset's legend over radio choices once they went", () => {
  const choice = (name: string, value: string, i: number) =>
    `<input type="radio" id="o${name}${i}" name="${name}" value="${value}">` +
    `<label for="o${name}${i}">${value}<span class="visually-hidden">Variante ausverkauft</span></label>`;
  const colours = ["Salbei", "Sand", "Anthrazit"].map((c, i) => choice("Farbe", c, i)).join("");
  const document = parsePage(
    `<html><body><main><h1>Leinen-Bettwäsche</h1>` +
      `<variant-selects><fieldset class="product-form__input"><legend>Farbe</legend>${colours}` +
      `</fieldset></variant-selects>` +
      // A group whose legend is a sentence, or that says more than its choices, stays.
      `<fieldset><legend>Wählen Sie eine Farbe.</legend>${colours}</fieldset>` +
      `<fieldset><legend>Gravur</legend><p>Bis zu zwölf Zeichen, eingraviert in Leipzig.</p>` +
      `${choice("Gravur", "Ja", 0)}${choice("Gravur", "Nein", 1)}</fieldset>` +
      `<div><p>Stonewashed Leinen aus Litauen, weich vom ersten Tag an.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(markSwatchLabels(document.body), 1);
  // The cleaning takes the choices (the buyer's controls) before the legend is read.
  for (const el of [...document.querySelectorAll("input,label")]) el.remove();
  assert.equal(dropSwatchLabels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.equal(document.querySelector("variant-selects")?.textContent, "", text);
  assert.ok(
    text.includes("Wählen Sie eine Farbe.") && text.includes("Gravur") &&
      text.includes("Litauen"),
    text,
  );
});

Deno.test("dropAwardCarousels() drops a slider of years over award titles, not features", () => {
  const slide = (head: string, line: string) =>
    `<div class="swiper-slide"><h4>${head}</h4><p>${line}</p></div>`;
  const awards = [["2025", "Top Choice for Standing Desks"], ["2018-2026", "Top Pick"], [
    "2024",
    "Best Overall Standing Desk",
  ]].map(([y, t]) => slide(y!, t!)).join("");
  const features = [["Steady", "A crossbar-free frame that holds still at every height."], [
    "Quiet",
    "Two motors lift it at 45 decibels, quieter than a conversation.",
  ], ["Tall", "From 22.6 to 48.7 inches, for sitting and standing."]]
    .map(([h, t]) => slide(h!, t!)).join("");
  const document = parsePage(
    `<html><body><main><h1>Standing Desk</h1>` +
      `<div class="swiper awards-slider"><div class="swiper-wrapper">${awards}</div></div>` +
      `<div class="swiper features"><div class="swiper-wrapper">${features}</div></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropAwardCarousels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Top Pick") && !text.includes("2025"), text);
  assert.ok(text.includes("Quiet") && text.includes("crossbar-free"), text);
});

Deno.test("dropDocumentLists() drops a list of links to document files with its title", () => {
  const list = (items: string) => `<div><div><p>Documents</p></div><ul>${items}</ul></div>`;
  const document = parsePage(
    `<html><body><main><h1>Executive Chair</h1><p>${PROSE}</p>` +
      list(
        `<li><a href="https://files.example/doc/1/dimensions">Dimensions (pdf)</a></li>` +
          `<li><a href="https://files.example/doc/2/warranty.pdf">Warranty Information</a></li>`,
      ) +
      `<h2>Features</h2><ul><li><a href="/care.pdf">Care guide</a> included in the box</li>` +
      `<li>Hand-applied brass nail trim</li></ul>` +
      `<h2>Details</h2><ul><li><a href="/c/chairs">Office chairs</a></li>` +
      `<li><a href="/c/desks">Desks</a></li></ul></main></body></html>`,
  );
  assert.equal(dropDocumentLists(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!/Documents|Dimensions|Warranty/.test(text), text);
  // A list's line that only names a file among its words, and links to pages, stay.
  assert.ok(text.includes("Care guide") && text.includes("brass nail trim"), text);
  assert.ok(text.includes("Office chairs") && text.includes("Executive Chair"), text);
});

Deno.test("dropLoadingTitles() drops a title over a busy live region, not a loaded one", () => {
  const document = parsePage(
    `<html><body><main><h1>Shelf unit</h1>` +
      `<div><div><h2>More ways to pay</h2></div>` +
      `<div><div aria-live="polite" aria-busy="true"><div>Checking payment options...</div></div></div></div>` +
      `<div><div><h2>Assembly</h2></div>` +
      `<div><div aria-live="polite"><p>Two people, about an hour.</p></div></div></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropLoadingTitles(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("More ways to pay"), text);
  assert.ok(text.includes("Assembly") && text.includes("Two people"), text);
});

Deno.test("dropPlaceholders() drops a template's placeholder with its labels, not prose", () => {
  const chart = (weight: string) =>
    `<div class="chart"><p>MATERIAL</p><p>Carbon Fiber</p><p>WEIGHT</p><p>${weight}</p>` +
    `<p><span>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</span></p></div>`;
  const document = parsePage(
    `<html><body><main><h1>Wallet</h1>` +
      `<section><p>A slim wallet that holds one to twelve cards and stays flat.</p>` +
      `<div class="sizes">${chart("1.6 oz")}${chart("0.2 lbs")}</div></section>` +
      `</main></body></html>`,
  );
  assert.equal(dropPlaceholders(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Lorem") && !text.includes("Carbon Fiber"), text);
  assert.ok(text.includes("one to twelve cards") && text.includes("Wallet"), text);
});

Deno.test("dropCategoryCarousels() drops a rail of category tiles above the goods, not after", () => {
  const tiles = (names: string[]) =>
    names.map((name) =>
      `<li class="splide__slide"><a href="/kollektion/${name.toLowerCase()}">` +
      `<img alt=""><p>${name}</p><p>Weich und luftig.</p></a></li>`
    ).join("");
  const grid = ["Kissen", "Decke", "Laken"].map((name) =>
    `<li class="karte"><a href="/produkt/${name}">${name}</a><span>49,00 €</span></li>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Bettwäsche</h1>` +
      `<div class="splide oben"><ul>${tiles(["Satin", "Perkal", "Leinen"])}</ul></div>` +
      `<ul class="raster">${grid}</ul>` +
      `<div class="carousel unten"><ul>${tiles(["Flanell", "Seide", "Baumwolle"])}</ul></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropCategoryCarousels(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Perkal"), text);
  assert.ok(text.includes("Kissen") && text.includes("49,00 €"), text);
  // A rail after the goods closes the page, as its other closing links do.
  assert.ok(text.includes("Flanell"), text);
});

Deno.test("dropCategoryCarousels() drops a rail of category tiles above the category's guide", () => {
  // A Dutch shop's page of towels whose grid its scripts write: the page holds the rail of
  // its fabrics, then its guide to them.
  const tiles = ["Badstof", "Wafel", "Linnen"].map((name) =>
    `<li class="splide__slide"><a href="/collecties/${name.toLowerCase()}">` +
    `<img alt=""><p>${name}</p><p>Zacht en luchtig.</p></a></li>`
  ).join("");
  const guide = "Een goede handdoek droogt snel en blijft jaren zacht, ook na vele wasbeurten. "
    .repeat(4);
  const page = (after: string) =>
    parsePage(
      `<html><body><main><h1>Handdoeken</h1><div class="splide">` +
        `<ul>${tiles}</ul></div>${after}</main></body></html>`,
    ).body;
  const body = page(`<h2>Waarom onze handdoeken</h2><p>${guide}</p><p>${guide}</p>`);
  assert.equal(dropCategoryCarousels(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Wafel") && text.includes("droogt snel"), text);
  // A line or two after it is no guide: the rail closes the page and stays.
  assert.equal(dropCategoryCarousels(page(`<p>Gratis verzending vanaf 50 euro.</p>`)), 0);
});

Deno.test("dropCategoryCarousels() keeps a carousel of priced goods and one of quotes", () => {
  const goods = [1, 2, 3].map((i) =>
    `<div class="swiper-slide"><a href="/produkt/${i}">Lampe ${i}</a> 19,90 €</div>`
  ).join("");
  const quotes = [1, 2, 3].map((i) =>
    `<div class="slick-slide"><a href="/produkt/${i}"><img alt=""></a>` +
    `<p>Die beste Lampe, die ich je hatte, und sie leuchtet den ganzen Abend.</p></div>`
  ).join("");
  const document = parsePage(
    `<html><body><div class="slick">${quotes}</div><div class="swiper">${goods}</div>` +
      `<p>Lampe 4 für 29,90 €</p></body></html>`,
  );
  assert.equal(dropCategoryCarousels(document.body), 0);
});

Deno.test("dropGridPromos() drops a linked tile without a price among a grid's cards", () => {
  const card = (i: number) =>
    `<li class="grid__item"><a href="/products/kaffee-${i}">Kaffee ${i}</a><span>${
      10 + i
    },99 €</span></li>`;
  const promo = `<li class="grid__item"><a href="/pages/abo"><img alt="">` +
    `<p>30 % Rabatt auf die erste Bestellung</p></a></li>`;
  // A card without its price (sold out) is not one link: its name and its note.
  const soldOut = `<li class="grid__item"><a href="/products/kaffee-9">Kaffee 9</a>` +
    `<span>Ausverkauft</span></li>`;
  const grid = [1, 2, 3].map(card).join("") + promo + [4, 5, 6].map(card).join("") + soldOut;
  const document = parsePage(`<html><body><ul>${grid}</ul></body></html>`);
  assert.equal(markShopCards(document.body), 6);
  assert.equal(dropGridPromos(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Rabatt"), text);
  assert.ok(text.includes("Kaffee 4") && text.includes("Ausverkauft"), text);
});

Deno.test("dropGridPromos() keeps the tiles of a short grid", () => {
  const cards = [1, 2, 3].map((i) =>
    `<li class="k"><a href="/p/${i}">Tee ${i}</a><span>${i},50 €</span></li>`
  ).join("");
  const document = parsePage(
    `<html><body><ul>${cards}<li class="k"><a href="/abo">Im Abo sparen</a></li></ul></body></html>`,
  );
  markShopCards(document.body);
  assert.equal(dropGridPromos(document.body), 0);
});

Deno.test("dropTwinCardTitles() keeps one title per card and drops the maker on each", () => {
  const cards = ["HD 560S", "HD 600", "HD 650"].map((name, i) =>
    `<li><div class="karte"><div class="innen"><img alt=""><div class="info">` +
    `<h3><a href="/p/${i}">${name}</a></h3></div><span class="plakette">Neu</span></div>` +
    `<div class="inhalt"><div class="marke">Klangwerk</div>` +
    `<h3><a href="/p/${i}">${name}</a></h3><span>${199 + i} €</span></div></div></li>`
  ).join("");
  const document = parsePage(`<html><body><ul>${cards}</ul></body></html>`);
  assert.equal(dropTwinCardTitles(document.body), 3);
  const text = blockText(document.body);
  assert.equal(text.split("HD 600").length - 1, 1, text);
  assert.ok(!text.includes("Klangwerk") && !text.includes("Neu"), text);
  assert.ok(text.includes("199 €") && text.includes("201 €"), text);
});

Deno.test("dropTwinCardTitles() reads the one card with a badge of a grid whose other cards show their title once", () => {
  // A grid of six cards where only one wears a badge ("Sale"): the five others' copies
  // for the layout without a picture went before, and the one twin stands alone.
  const card = (i: number, badge: boolean): string =>
    `<li><div class="karte karte--bild"><div class="innen"><img alt=""><div class="info">` +
    (badge || i === 0 ? `<h3><a href="/p/${i}">Leinen-Bettwäsche ${i}</a></h3>` : "") +
    `</div>${badge ? '<span class="plakette">Sale</span>' : ""}</div>` +
    `<div class="inhalt"><h3><a href="/p/${i}">Leinen-Bettwäsche ${i}</a></h3>` +
    `<span>${89 + i},00 €</span></div></div></li>`;
  const grid = (badged: number[]): string =>
    `<html><body><ul>${
      [0, 1, 2, 3, 4, 5].map((i) => card(i, badged.includes(i))).join("")
    }</ul></body></html>`;
  const document = parsePage(grid([2]));
  assert.equal(dropTwinCardTitles(document.body), 2);
  const text = blockText(document.body);
  assert.equal(text.split("Leinen-Bettwäsche 2").length - 1, 1, text);
  assert.equal(text.split("Leinen-Bettwäsche 0").length - 1, 1, text);
  // Two like headings of two cards that are no grid's stay.
  const pair = parsePage(
    `<html><body><div class="a"><div><h3><a href="/x">Über uns</a></h3></div><h3><a href="/x">Über uns</a></h3><p>Text</p></div>` +
      `<div class="b"><div><h3><a href="/y">Kontakt</a></h3></div><h3><a href="/y">Kontakt</a></h3><p>Text</p></div></body></html>`,
  );
  assert.equal(dropTwinCardTitles(pair.body), 0);
});

Deno.test("dropTwinCardTitles() keeps a title every card shares", () => {
  const cards = [1, 2, 3].map((i) =>
    `<li><div class="karte"><div class="innen"><h3><a href="/p/${i}">Gutschein</a></h3></div>` +
    `<div class="inhalt"><h3><a href="/p/${i}">Gutschein</a></h3><span>${i}0 €</span></div></div></li>`
  ).join("");
  const document = parsePage(`<html><body><ul>${cards}</ul></body></html>`);
  assert.equal(dropTwinCardTitles(document.body), 3);
  const text = document.body.textContent ?? "";
  assert.equal(text.split("Gutschein").length - 1, 3, text);
});

Deno.test("dropTwinCardTitles() keeps a title told twice in two cards or a long card", () => {
  const pair = `<div><h3><a href="/p/1">Lampe</a></h3><p>Eine Lampe.</p>` +
    `<h3><a href="/p/1">Lampe</a></h3></div>`;
  const document = parsePage(`<html><body>${pair}${pair.replaceAll("/p/1", "/p/2")}</body></html>`);
  assert.equal(dropTwinCardTitles(document.body), 0);
});

Deno.test("dropProductGrids() drops add-ons that each put another product in the cart", () => {
  const addOns = ["Tetto solare", "Set nutrizione", "Prolunga del posatoio"].map((name, i) =>
    `<div class="slide"><h3>${name}</h3><p>Un accessorio per la mangiatoia.</p>` +
    `<a href="?add-to-cart=${i + 10}" class="button add_to_cart_button">Compra ora</a></div>`
  ).join("");
  const slides = [1, 2, 3].map((i) =>
    `<div class="slide"><h3>Vantaggio ${i}</h3><a href="#product-add-to-cart">Compra ora</a></div>`
  ).join("");
  const document = parsePage(
    `<html><body><main><h1>Mangiatoia Smart Pro</h1><p class="prezzo">149 €</p>` +
      `<div class="vantaggi">${slides}</div>` +
      `<p>Una mangiatoia con fotocamera che riconosce gli uccelli che la visitano, ` +
      `ne scatta le foto e le manda al telefono. Il tetto protegge i semi dalla pioggia, ` +
      `la batteria dura settimane e la custodia resiste al gelo e al sole d'estate. ` +
      `Si monta su un palo, su un albero o alla parete con le viti comprese.</p>` +
      `<div class="accessori">${addOns}</div></main></body></html>`,
  );
  assert.equal(dropProductGrids(document.body), 3);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Tetto solare") && !text.includes("Prolunga"), text);
  assert.ok(text.includes("Vantaggio 1") && text.includes("fotocamera"), text);
});

Deno.test("removeProductExtras() drops a product's rewards and financing offers", () => {
  const document = parsePage(
    `<html><body><main><h1>Zaino da escursione Sentiero 25</h1>` +
      `<p class="prezzo">99,00 €</p>` +
      `<div class="membership-rewards-tag">I soci ricevono circa 9,90 € in premi</div>` +
      `<div class="product-financing">48 mesi di finanziamento: 12 € al mese</div>` +
      `<div class="loyalty-points">Raccogli 79 punti con la tessera</div>` +
      `<div class="descrizione"><p>Uno zaino leggero da 25 litri con schienale ventilato, ` +
      `tasche laterali e coprizaino antipioggia.</p></div></main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  for (const gone of ["in premi", "finanziamento", "Raccogli 79 punti"]) {
    assert.ok(!text.includes(gone), gone);
  }
  for (const kept of ["Sentiero 25", "99,00 €", "schienale ventilato"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("removeProductExtras() keeps the colours a product's swatches name", () => {
  const document = parsePage(
    `<html><body><main><h1>Borraccia termica Vetta 750 ml</h1>` +
      `<div class="product-swatches"><p>Disponibile in salvia, sabbia e nero opaco</p>` +
      `<button class="swatch" title="Salvia"></button><button class="swatch" title="Sabbia">` +
      `</button></div>` +
      `<div class="upsell">Aggiungi il tappo sportivo per 6,00 €</div>` +
      `<div class="descrizione"><p>Acciaio inossidabile a doppia parete: 24 ore fredda, ` +
      `12 ore calda.</p></div></main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  // What the product comes in is said of the product; the offer of another goes.
  assert.ok(text.includes("salvia, sabbia e nero opaco"), text);
  assert.ok(text.includes("doppia parete"), text);
  assert.ok(!text.includes("tappo sportivo"), text);
});

Deno.test("removeProductExtras() keeps a summary of the ratings shown once, not the reviews", () => {
  const card = (i: number): string =>
    `<li><a href="/libro/${i}">Libro ${i}</a><div class="rating-stars">Valuta questo libro: ` +
    `1 stella, 2 stelle, 3 stelle, 4 stelle, 5 stelle</div></li>`;
  const document = parsePage(
    `<html><body><main><h1>Orologio da parete Marea</h1>` +
      `<div class="reviews-summary">4,7 su 5 stelle, valutato da 98 clienti che lo hanno comprato</div>` +
      `<p>Un orologio delle maree in ottone tornito a mano, con quadrante in vetro.</p>` +
      `<section class="customer-reviews"><h2>Recensioni</h2><p>Lo uso ogni giorno in barca: ` +
      `preciso e bellissimo, anche dopo un inverno intero di salsedine sul molo del porto ` +
      `vecchio, dove lo tengo appeso vicino alla finestra.</p><p>Arrivato in due giorni, ` +
      `imballato con cura; la cornice è più pesante di quanto pensassi.</p></section>` +
      `<ul class="altri">${[1, 2, 3].map(card).join("")}</ul></main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("valutato da 98 clienti"), text);
  assert.ok(text.includes("ottone tornito"), text);
  // The reviews go, and so does the rating widget every item of a list repeats.
  assert.ok(!text.includes("salsedine"), text);
  assert.ok(!text.includes("Valuta questo libro"), text);
});

Deno.test("removeProductExtras() keeps the testimonials written into the description", () => {
  const document = parsePage(
    `<html><body><main><h1>Sandalias Nörd Cero</h1>` +
      `<div id="tab-description" class="tabs-panel tabs-panel--description">` +
      `<p>Suela Vibram de 5 mm y cordón elástico que se ajusta al empeine.</p>` +
      `<div class="testimonial-slider"><blockquote><p>Las llevo todo el verano por la ` +
      `ciudad y por la montaña, y se sienten como caminar descalzo.</p>` +
      `<span class="testimonial-name">Álvaro</span></blockquote><blockquote><p>Las ` +
      `probé primero en casa; ahora me resulta raro ponerme otro calzado con tanta ` +
      `amortiguación, y las uso también para viajar.</p>` +
      `<span class="testimonial-name">Inés</span></blockquote></div></div>` +
      `<section class="product-reviews"><h2>Opiniones</h2><article><p>Llegaron en tres ` +
      `días, bien embaladas; la talla corre un poco grande, pedid una menos.</p>` +
      `</article><article><p>Cómodas desde el primer día. El cordón se afloja al ` +
      `mojarse en el río, pero se vuelve a ajustar en un momento.</p></article>` +
      `</section></main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("Suela Vibram"), text);
  // The shop wrote its buyers' words into the description: they are its text.
  assert.ok(text.includes("caminar descalzo"), text);
  // The reviews beside the description still go.
  assert.ok(!text.includes("bien embaladas"), text);
});

Deno.test("dropDataOpinions() drops rewards and financing named in data attributes", () => {
  const document = parsePage(
    `<html><body><main><h1>Stehlampe Lino</h1><p class="a1">89,00 €</p>` +
      `<div class="a2" data-test-id="FinancingCallout">Ab 8 € im Monat mit 0 % Zinsen</div>` +
      `<fieldset class="a3" data-ui="membership-fieldset">Mitglieder sammeln 5 % Bonus</fieldset>` +
      `<p class="a4">Eine Stehlampe aus Leinen und Eiche, 160 cm hoch, mit Fußschalter.</p>` +
      `<a class="a5" href="/lampen" data-track="nav:Lampen > Membership Angebote">Lampen</a>` +
      `</main></body></html>`,
  );
  assert.equal(dropDataOpinions(document.body), 2);
  const text = document.body.textContent ?? "";
  for (const gone of ["0 % Zinsen", "5 % Bonus"]) assert.ok(!text.includes(gone), gone);
  for (const kept of ["Stehlampe Lino", "89,00 €", "Fußschalter", "Lampen"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("a book's editorial reviews stay while its customers' reviews go", () => {
  const { document } = parseHTML(
    `<html><body><main><h1>El jardín de los senderos</h1><p>Novela breve sobre un laberinto ` +
      `de tiempo.</p></main><div id="editorialReviews_feature_div" ` +
      `data-feature-name="editorialReviews"><h2>Reseñas editoriales</h2><p>«Una obra maestra ` +
      `de la literatura breve.» El Diario</p><h3>Extracto</h3><p>Bajo los árboles ingleses ` +
      `medité en ese laberinto perdido.</p></div><div id="customerReviews" ` +
      `data-hook="reviews-medley"><p>Me encantó, cinco estrellas.</p></div>` +
      `<div data-feature-name="editorialReviewsBlurbs"><p>Premio de la Crítica.</p></div>` +
      `<div data-feature-name="reviewsMedley"><p>Llegó tarde.</p></div></body></html>`,
  );
  const body = document.querySelector("body")!;
  removeProductExtras(body);
  dropDataOpinions(body);
  const text = body.textContent ?? "";
  assert.ok(text.includes("Una obra maestra"), text);
  assert.ok(text.includes("Bajo los árboles"), text);
  assert.ok(text.includes("Premio de la Crítica"), text);
  assert.ok(!text.includes("cinco estrellas"), text);
  assert.ok(!text.includes("Llegó tarde"), text);
});

Deno.test("dropDataOpinions() drops the lists that opinion labels head", () => {
  const { document } = parseHTML(
    `<html><body><main><h1>Frullatore Turbo</h1><ul><li>Caraffa da due litri.</li>` +
      `<li>Sei programmi automatici.</li></ul><div data-testid="bulleted-summary">` +
      `<div data-testid="review-label">Pro</div><ul><li>Trita il ghiaccio in un attimo.</li>` +
      `</ul><div data-testid="review-label">Contro</div><ul><li>Rumoroso alla massima ` +
      `velocità.</li></ul></div></main></body></html>`,
  );
  const body = document.querySelector("body")!;
  dropDataOpinions(body);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Trita il ghiaccio"), text);
  assert.ok(!text.includes("Rumoroso"), text);
  assert.ok(text.includes("Sei programmi automatici"), text);
});

Deno.test("auto drops a shop's hidden product comparison and keeps its grid", () => {
  // A German shop's category of headphones: each card has a "Vergleichen" box, and the
  // template writes the comparison drawer out for every product, hidden, with their
  // specifications; the cards' form posts to the cart.
  const card = (i: number): string =>
    `<li class="karte"><a href="/p/kopfhoerer-${i}"><h3>Bügelkopfhörer Modell ${i}</h3></a>` +
    `<span class="preis">${80 + i},99 €</span>` +
    `<form action="/cart/add" method="post"><button>In den Warenkorb</button></form>` +
    `<div class="compare-product"><input type="checkbox" id="v${i}">` +
    `<label for="v${i}">Vergleichen</label></div></li>`;
  const sheet = (i: number): string =>
    `<div class="comparison-card"><h4>Bügelkopfhörer Modell ${i}</h4><p>` +
    `Geschlossene Bauweise mit Treibern von vierzig Millimetern, Impedanz von ` +
    `zweiunddreißig Ohm, Akkulaufzeit von bis zu sechzig Stunden mit Schnellladung und ` +
    `faltbaren Bügeln für die Reise, dazu ein Kabel für den Anschluss an den Verstärker.</p>` +
    `<ul><li>Frequenzgang zwanzig Hertz bis zwanzig Kilohertz</li>` +
    `<li>Im Karton: Kopfhörer, Ladekabel, Stoffbeutel und Anleitung</li></ul></div>`;
  const html = `<html><body><main><h1>Kopfhörer</h1>` +
    `<p>Kabellose und kabelgebundene Kopfhörer für jeden Tag.</p><ul class="raster">` +
    [1, 2, 3, 4, 5, 6].map(card).join("") + `</ul>` +
    `<div class="product-comparison hidden"><h5>Produkte vergleichen</h5>` +
    [1, 2, 3, 4, 5, 6].map(sheet).join("") + `</div></main></body></html>`;
  const { root } = findMainContent(html, "https://klang.example/kopfhoerer", "collection");
  const text = blockText(root!);
  assert.ok(text.includes("Bügelkopfhörer Modell 6") && text.includes("85,99"), text);
  assert.ok(!text.includes("Impedanz") && !text.includes("Stoffbeutel"), text);
  assert.ok(!text.includes("Vergleichen"), text);
});

Deno.test("dropComparisons() keeps a comparison that holds the page's heading", () => {
  const document = parsePage(
    `<html><body><div class="comparison-page"><h1>Tarife im Vergleich</h1>` +
      `<table><tr><td>Grundtarif</td><td>Volltarif</td></tr></table></div>` +
      `<div class="compare-bar">Zwei Tarife ausgewählt</div></body></html>`,
  );
  assert.equal(dropComparisons(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(text.includes("Grundtarif") && !text.includes("ausgewählt"), text);
});

Deno.test("auto drops a product's buy box with the table of its offers, not its description", async () => {
  const html = `<html><head><title>Batidora Vórtice 1200 | Tienda</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Batidora Vórtice 1200"}</script></head><body>
    <main><div class="ficha">
    <div class="columna-principal"><h1>Batidora Vórtice 1200</h1>
    <div class="product-description"><p>${BATIDORA}</p><p>El motor de mil doscientos
      vatios tritura frutas congeladas en segundos y su jarra de dos litros sirve para toda
      la familia.</p></div>
    <section class="opiniones-editoriales"><h2>Lo que dice la prensa</h2><p>Una de las
      batidoras más silenciosas de su gama, con un vaso que no se raya con el uso diario y
      unas cuchillas que se limpian sin esfuerzo bajo el grifo.</p></section></div>
    <div class="celwidget Tienda-Buybox"><span class="importe">89,90 €</span>
      <span>Entrega gratis el jueves</span><span>Cantidad: 1</span>
      <table><tr><td>Vendido por</td><td>Electro Sur</td></tr>
        <tr><td>Enviado por</td><td>Almacén central</td></tr>
        <tr><td>Devoluciones</td><td>Treinta días</td></tr>
        <tr><td>Pago</td><td>Transacción segura</td></tr></table>
      <button id="add-to-cart-button">Añadir a la cesta</button></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://tienda.example/batidora-vortice-1200");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["nueve velocidades", "mil doscientos", "más silenciosas"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["Electro Sur", "Almacén central", "Entrega gratis"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("auto drops a shop's invitation to ask its experts beside a product", async () => {
  const html = `<html><head><title>Zaino Sentiero 25 | Negozio</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Zaino Sentiero 25"}</script></head><body>
    <main><div class="scheda"><h1>Zaino Sentiero 25</h1>
    <div class="product-description"><p>Uno zaino da escursione giornaliera con schienale
      ventilato, tasche laterali in rete e un vano imbottito per la sacca d'acqua.</p>
      <p>Il tessuto di nylon riciclato resiste alla pioggia leggera e le cinghie si regolano
      con una mano sola durante la salita.</p></div>
    <div class="ask-an-expert__container"><h2>Chiedi a un esperto</h2><p>I nostri
      consulenti rispondono dal lunedì al sabato, dalle nove alle diciotto.</p>
      <a href="/contatti">Scrivici in chat</a></div>
    <div class="expert-advice"><h2>Altri consigli</h2><ul>
      <li><a href="/guide/scegliere-uno-zaino">Come scegliere uno zaino da giornata</a></li>
      <li><a href="/guide/scarponi">Come scegliere gli scarponi da trekking</a></li></ul></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://negozio.example/zaino-sentiero-25");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["schienale ventilato", "nylon riciclato"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["consulenti rispondono", "scegliere uno zaino", "Scrivici in chat"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("auto drops the products a shop cross-sells beside a product, named in a data attribute", async () => {
  const item = (href: string, name: string, price: string) =>
    `<div data-testid="product-cross-sell-item"><div role="group"><img src="/b/${href}.jpg" alt="">
      <a href="/produkte/${href}">${name}</a><p data-testid="price"><span>Angebotspreis </span>${price}</p>
      </div><button data-testid="zusammen-in-den-warenkorb">In den Warenkorb</button></div>`;
  const html = `<html><head><title>Werkzeugset Präzision 64 | Laden</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Werkzeugset Präzision 64"}</script></head><body>
    <main><section id="produkt-uebersicht"><div class="galerie"><img src="/b/set.jpg" alt=""></div>
    <div data-testid="product-info-section"><h1>Werkzeugset Präzision 64</h1>
    <p data-testid="price">69,99 €</p><button class="btn">In den Warenkorb</button>
    <div data-testid="product-cross-sell"><p>Häufig zusammen gekauft</p><div>
      ${item("magnetmatte", "Magnetische Arbeitsmatte", "19,95 €")}
      ${item("klemme", "Öffnungsklemme Doppelsauger", "24,95 €")}</div></div>
    <ul role="list"><li>Jedes Werkzeug wird ersetzt, wenn es bricht, so lange es Ihnen gehört.</li></ul>
    <div class="beschreibung"><p>Vierundsechzig Bits aus gehärtetem Stahl in einer Box mit
      Magnetdeckel, dazu ein Griff mit drehbarer Kappe für feine Schrauben.</p>
      <p>Das Set eignet sich für Telefone, Konsolen und Laptops und wird mit einer Pinzette
      und einem Öffnungswerkzeug geliefert.</p></div>
    </div></section></main></body></html>`;
  const out = await autoHtml(html, "https://laden.example/werkzeugset-praezision-64");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["gehärtetem Stahl", "Öffnungswerkzeug"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["zusammen gekauft", "Magnetische Arbeitsmatte", "Doppelsauger"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("removeProductExtras() drops a block whose classes name a cross-sell", () => {
  const document = parsePage(
    `<html><body><main><h1>Cafetera Brisa</h1>` +
      `<p class="descripcion-corta">Una cafetera de acero con filtro permanente y jarra térmica.</p>` +
      `<div class="crossSell-productos"><p>También te puede gustar</p><a href="/molinillo">Molinillo Brisa</a></div>` +
      `<div class="cross-sell"><a href="/filtros">Filtros de papel Brisa</a></div>` +
      `</main></body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  for (const gone of ["Molinillo", "Filtros de papel"]) assert.ok(!text.includes(gone), text);
  assert.ok(text.includes("jarra térmica"), text);
});

Deno.test("auto drops the popovers a shop opens over a product's text", async () => {
  const html = `<html><head><title>Cuffie senza fili Onda 50 | Negozio</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Cuffie senza fili Onda 50"}</script></head><body>
    <main><div id="centro"><h1>Cuffie senza fili Onda 50</h1>
    <p class="prezzo">39,90 €</p>
    <div class="a-popover-preload" id="a-popover-lista"><p>Spiacenti, si è verificato un problema.</p>
      <p>Impossibile recuperare le tue liste. Riprova più tardi.</p></div>
    <div id="descrizione-prodotto" class="product-description"><p>Cinquanta ore di ascolto con una
      sola carica, bassi profondi e una custodia che le ricarica tre volte.</p>
      <p>Resistono alla pioggia e al sudore e si collegano da sole al telefono appena aperte.</p></div>
    <div class="wt-popover"><p>Tutte le recensioni vengono da acquirenti verificati.</p></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://negozio.example/cuffie-onda-50");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["Cinquanta ore di ascolto", "si collegano da sole"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["Spiacenti", "recuperare le tue liste", "acquirenti verificati"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("dropPopovers() keeps the control that opens a popover and a popover holding the heading", () => {
  const document = parsePage(
    `<html><body><main><div class="popover-contenedor"><h1>Lámpara Faro</h1></div>` +
      `<a class="a-popover-trigger" href="#envio">Opiniones</a>` +
      `<div class="a-popover-content"><p>Lo sentimos, ha habido un problema.</p></div>` +
      `<p>Una lámpara de mesa de latón con pantalla de lino.</p></main></body></html>`,
  );
  assert.equal(dropPopovers(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Lo sentimos"), text);
  for (const kept of ["Lámpara Faro", "Opiniones", "pantalla de lino"]) {
    assert.ok(text.includes(kept), text);
  }
});

Deno.test("auto drops the menu where a shop's buyer picks a region", async () => {
  // A shop's page (in Italian) whose phone menu, written after the footer, holds the
  // switch of region: the region chosen and the list of the others.
  const html = `<html><head><title>Mangiatoia smart Passero | Negozio</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Mangiatoia smart Passero"}</script></head>
    <body class="product-template-default single-product">
    <div class="nm-page-overflow"><div class="nm-page-wrap"><div class="nm-page-wrap-inner">
    <header class="nm-header"><nav class="nm-main-menu"><ul><li><a href="/negozio/">Negozio</a></li>
      <li><a href="/assistenza/">Assistenza</a></li></ul></nav></header>
    <div id="product-17" class="nm-single-product product type-product">
      <div class="wp-block-prodotto-eroe"><h1>Mangiatoia smart Passero</h1>
        <p>La nostra mangiatoia premiata, ripensata con una nuova fotocamera.</p>
        <p class="price">249 € 149 €</p></div>
      <div class="wp-block-prodotto-foto"><h2>Foto e video nitidissimi</h2>
        <p>Primi piani degli uccelli con una fotocamera di nuova generazione, un campo visivo
        più ampio e video al rallentatore.</p></div>
      <div class="wp-block-prodotto-scatola"><h2>Che cosa c'è nella scatola?</h2>
        <p>Una fotocamera, una mangiatoia, un cavo di ricarica e un gancio di metallo.</p></div>
      <div class="wp-block-prodotto-natura"><h2>Un posto per la natura</h2>
        <p>Ogni foto si aggiunge a una banca dati mondiale che aiuta i ricercatori a seguire
        le popolazioni di uccelli e le loro migrazioni.</p>
        <p>Il tetto solare la tiene carica tutto l'anno, senza cavi né batterie da cambiare.</p></div>
    </div></div></div>
    <footer id="nm-footer"><p>© 2026 Passero</p></footer>
    <div id="nm-mobile-menu" class="nm-mobile-menu"><div class="nm-mobile-menu-scroll">
      <div class="nm-mobile-menu-content"><div class="nm-row">
      <div class="nm-mobile-menu-main"><ul class="menu"><li><a href="/negozio/">Negozio</a></li>
        <li><a href="/assistenza/">Assistenza</a></li></ul></div>
      <div class="nm-region-menu mobile-region"><div class="nm-region-menu__selected">
        <div class="nm-region-menu__text">Regione europea <span>(cambia)</span></div></div>
        <div class="nm-region-menu__change"><div class="nm-region-menu__change__title">Cambia
          regione</div><ul>
          <li><a class="nm-region-menu__change__line" href="/?regione=us">
            <div class="nm-region-menu__bandiera"></div><span>Stati Uniti e Canada</span></a></li>
          <li><div class="nm-region-menu__change__line"><div class="nm-region-menu__bandiera"></div>
            <span>Regione europea</span></div></li>
        </ul></div></div>
      </div></div></div></div>
    </div></body></html>`;
  const out = await autoHtml(html, "https://negozio.example/prodotto/mangiatoia-passero");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["campo visivo", "Il tetto solare"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["Regione europea", "Cambia regione", "Stati Uniti e Canada"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("dropRegionMenus() takes a region's word followed by a picker's, nothing else", () => {
  const document = parsePage(
    `<html><body><main><h1>Lámpara Faro</h1>` +
      `<div class="countrySelector"><a href="/es">España</a><a href="/mx">México</a></div>` +
      `<div class="region-destacada"><p>Fabricada a mano en la región de Valencia.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropRegionMenus(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("México"), text);
  assert.ok(text.includes("Fabricada a mano"), text);
});

Deno.test("auto drops the error messages a shop writes beside a product for its scripts", async () => {
  const html = `<html><head><title>Steinzeugbecher Moos | Werkstatt</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Steinzeugbecher Moos"}</script></head><body>
    <main><div id="produkt"><h1>Steinzeugbecher Moos</h1>
    <p class="preis">24,00 €</p>
    <div class="a-box a-alert a-alert-error"><h4 class="a-alert-heading">Bild nicht verfügbar</h4>
      <p>Für diese Farbe ist leider kein Bild vorhanden.</p></div>
    <div class="beschreibung"><p>Auf der Drehscheibe geformt und mit einer Glasur aus Holzasche
      überzogen, die jedem Becher eine eigene Zeichnung gibt.</p>
      <p>Fasst 350 Milliliter und ist spülmaschinenfest.</p></div>
    <div class="versand"><label>Postleitzahl <input name="plz"></label>
      <p id="versand-error">Beim Berechnen der Versandkosten ist ein Fehler aufgetreten.</p>
      <ul class="validierung"><li class="form-error-msg">Bitte eine gültige Postleitzahl eingeben.</li></ul></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://werkstatt.example/becher-moos");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["Glasur aus Holzasche", "spülmaschinenfest"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["kein Bild vorhanden", "Versandkosten", "gültige Postleitzahl"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("dropErrorMessages() keeps a section named for errors and the product's heading", () => {
  const document = parsePage(
    `<html><body><main><div class="header-error-wrap"><h1>Lampada Faro</h1></div>` +
      `<section id="assembly-errors"><h2>Errori comuni di montaggio</h2>` +
      `<p>Stringere la ghiera prima di avvitare la lampadina.</p></section>` +
      `<p class="form-error">Inserisci un indirizzo email valido.</p>` +
      `<p>Una lampada da tavolo in ottone con paralume di lino.</p></main></body></html>`,
  );
  assert.equal(dropErrorMessages(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("indirizzo email valido"), text);
  for (const kept of ["Lampada Faro", "Errori comuni", "Stringere la ghiera", "paralume di lino"]) {
    assert.ok(text.includes(kept), text);
  }
});

Deno.test("dropErrorMessages() keeps a manual's headings and terms named for errors", () => {
  const document = parsePage(
    `<html><body><main><h1>Leitor de configuração</h1>` +
      `<h2 id="tratamento-de-error">Tratamento de erros</h2>` +
      `<p>O leitor pára na primeira linha que não entende.</p>` +
      `<dl><dt id="config.ParseError">exceção config.ParseError(linha, coluna)</dt>` +
      `<dd>Lançada quando uma linha não segue o formato.</dd></dl>` +
      `<div class="upload-error">Não foi possível enviar o ficheiro.</div>` +
      `</main></body></html>`,
  );
  assert.equal(dropErrorMessages(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Não foi possível enviar"), text);
  for (const kept of ["Tratamento de erros", "config.ParseError", "Lançada quando"]) {
    assert.ok(text.includes(kept), text);
  }
});

Deno.test("auto drops a script's error message from a page that sells nothing", async () => {
  const html = `<html><head><title>Encontre uma clínica | Saúde Perto</title></head><body>
    <main><h1>Encontre uma clínica perto de si</h1>
    <p>Escreva a sua morada ou a sua cidade para encontrar a clínica da rede mais próxima,
      com os horários de consulta e os serviços que cada uma oferece aos utentes.</p>
    <div id="localizacao-error" class="mapa-aviso">Lamentamos, não foi possível usar a sua
      localização. Escreva uma morada ou escolha um ponto no mapa.</div>
    <p>A rede conta com cento e vinte clínicas em todo o país, abertas de segunda a sábado,
      e todas aceitam marcações por telefone ou na página de cada clínica.</p>
    <p>As consultas de medicina geral não precisam de receita nem de marcação prévia e
      duram, em média, vinte minutos.</p></main></body></html>`;
  const out = await autoHtml(html, "https://saude.example/servicos/clinicas");
  assert.notEqual(out.metadata.page_type, "product");
  for (const kept of ["cento e vinte clínicas", "medicina geral"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  assert.ok(!out.content.includes("não foi possível usar"), out.content);
});

Deno.test("auto drops the prompts that ask a buyer what they think of a product's page", async () => {
  const html = `<html><head><title>Auricolari senza fili Onda | Negozio</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Auricolari senza fili Onda"}</script></head><body>
    <main><div id="centro"><h1>Auricolari senza fili Onda</h1>
    <p class="prezzo">49,90 €</p>
    <div class="descrizione"><p>Otto ore di ascolto con una carica e altre trenta nella
      custodia, che si ricarica senza fili in meno di due ore.</p>
      <p>Resistono alla pioggia e al sudore e si collegano da sole al telefono.</p></div>
    <div id="pqv-feedback"><span>Feedback</span><p>Ti è stato utile questo riepilogo?</p>
      <button>Sì</button><button>No</button></div>
    <div id="pricingFeedbackDiv"><a href="#prezzo">Hai visto un prezzo più basso altrove?</a></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://negozio.example/auricolari-onda");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["Otto ore di ascolto", "si collegano da sole"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["utile questo riepilogo", "prezzo più basso altrove"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("dropFeedbackPrompts() keeps a section of customers' feedback with its heading", () => {
  const document = parsePage(
    `<html><body><main><h1>Lámpara Faro</h1>` +
      `<section class="customer-feedback"><h2>Lo que dicen nuestros clientes</h2>` +
      `<p>Da una luz cálida y el latón no se mancha.</p></section>` +
      `<div class="feedback-widget"><p>¿Te ha resultado útil esta página?</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropFeedbackPrompts(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("útil esta página"), text);
  assert.ok(text.includes("luz cálida"), text);
});

Deno.test("auto drops what a product page's scripts write for a screen reader to announce", async () => {
  const html = `<html><head><title>Wasserkocher Quell | Laden</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Wasserkocher Quell"}</script></head><body>
    <main><div id="mitte"><h1>Wasserkocher Quell</h1>
    <div class="galerie"><img src="/quell-1.jpg" alt="Wasserkocher Quell">
      <div role="region" aria-live="polite"><span>Bild 1 von 6</span></div></div>
    <p class="preis">39,90 €</p>
    <div aria-live="assertive">Ausverkauft</div>
    <div class="beschreibung"><p>Eineinhalb Liter Wasser kochen in weniger als vier Minuten,
      der Deckel öffnet sich auf Knopfdruck.</p>
      <p>Der Sockel dreht sich ganz herum und das Kabel verschwindet darin.</p></div>
    </div></main></body></html>`;
  const out = await autoHtml(html, "https://laden.example/wasserkocher-quell");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["Eineinhalb Liter Wasser", "Kabel verschwindet darin"]) {
    assert.ok(out.content.includes(kept), kept);
  }
  for (const gone of ["Bild 1 von 6", "Ausverkauft"]) {
    assert.ok(!out.content.includes(gone), out.content);
  }
});

Deno.test("dropLiveRegions() keeps a long live region, one with a heading and one turned off", () => {
  const document = parsePage(
    `<html><body><main><h1>Cafetera Brisa</h1>` +
      `<div aria-live="polite"><h2>Opiniones</h2><p>Hace un café denso y caliente.</p></div>` +
      `<div aria-live="off"><p>Imagen 2 de 5</p></div>` +
      `<div aria-live="polite"><p>${
        "Hierve el agua en tres minutos y se apaga sola. ".repeat(6)
      }</p></div>` +
      `<span aria-live="polite">Imagen 1 de 5</span>` +
      `</main></body></html>`,
  );
  assert.equal(dropLiveRegions(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Imagen 1 de 5"), text);
  for (const kept of ["café denso", "Imagen 2 de 5", "se apaga sola"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropLiveRegions() reads a status as a live region when asked", () => {
  const page = () =>
    parsePage(
      `<html><body><main><h1>Tentes</h1>` +
        `<div role="status">154 résultats chargés</div>` +
        `<div role="status" aria-live="off">Tente 2 places</div>` +
        `<ul><li>Tente 3 places — 199 €</li></ul></main></body></html>`,
    );
  const plain = page();
  assert.equal(dropLiveRegions(plain.body), 0);
  const shop = page();
  assert.equal(dropLiveRegions(shop.body, true), 1);
  const text = shop.body.textContent ?? "";
  assert.ok(!text.includes("154 résultats"), text);
  assert.ok(text.includes("Tente 2 places") && text.includes("199 €"), text);
});

Deno.test("auto writes a product's footnote numbers apart from the words they follow", async () => {
  // A maker's page for a speaker (in Dutch): its claims carry footnote numbers in <sup>
  // right after the last word, and a year's ordinal keeps its suffix.
  const html = `<html><head><title>Klankzuil Duo | Winkel</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Klankzuil Duo"}</script></head><body>
    <main><section class="product"><h1>Klankzuil Duo</h1>
    <p class="prijs">€ 249</p><button name="add">In winkelwagen</button>
    <div class="beschrijving"><p>Tot twaalf uur muziek met één lading van de accu<sup><a href="#noot-1">1</a></sup>.</p>
    <p>Spatwaterdicht volgens IP67<sup>2</sup>, voor de tuin en het strand.</p>
    <p>Ontworpen voor de 21<sup>e</sup> eeuw, met een behuizing van gerecycled aluminium en een
      stoffen bekleding die je kunt wassen.</p></div>
    </section></main></body></html>`;
  const out = await autoHtml(html, "https://winkel.example/klankzuil-duo");
  assert.equal(out.metadata.page_type, "product");
  for (const kept of ["van de accu 1", "IP67 2", "de 21e eeuw"]) {
    assert.ok(out.content.includes(kept), out.content);
  }
});

Deno.test("dropLinesBeforeTitle() drops the shop's short lines above a product's heading", () => {
  // A Portuguese shop's page for a teapot: a banner and a stock note above the title, the
  // maker's name as a link right over it, and a longer lead and a sheet of attributes.
  const lead =
    "Um bule de barro vidrado à mão, que guarda o calor do chá durante uma hora inteira " +
    "e serve seis chávenas.";
  const document = parsePage(
    `<html><body><main>` +
      `<div class="faixa">Portes grátis a partir de 40 €</div>` +
      `<p>Só restam 3 em stock</p>` +
      `<p>${lead}</p>` +
      `<ul><li>Capacidade: 1 litro</li></ul>` +
      `<a href="/oleiros/rosa">Olaria Rosa</a>` +
      `<div class="titulo"><h1>Bule Serra</h1></div>` +
      `<p>Feito em Barcelos.</p>` +
      `</main></body></html>`,
  );
  assert.equal(dropLinesBeforeTitle(document.body, ["olaria rosa"]), 2);
  const text = document.body.textContent ?? "";
  for (const gone of ["Portes grátis", "Só restam 3"]) assert.ok(!text.includes(gone), gone);
  for (
    const kept of [lead, "Capacidade: 1 litro", "Olaria Rosa", "Bule Serra", "Feito em Barcelos"]
  ) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropLinesBeforeTitle() keeps a link over the title only when it names the maker", () => {
  // The shop's link to the rest of a series, right over the title, names no declared brand
  // and is not in the title; the maker's name a title repeats is the kicker.
  const page = (kicker: string, title: string): Document =>
    parsePage(
      `<html><body><main><a href="/serie/serra">${kicker}</a><h1>${title}</h1>` +
        `<p>Feito em Barcelos.</p></main></body></html>`,
    );
  const series = page("Mais da coleção Serra", "Bule Serra");
  assert.equal(dropLinesBeforeTitle(series.body, ["olaria rosa"]), 1);
  assert.ok(!(series.body.textContent ?? "").includes("Mais da coleção"));
  const maker = page("Olaria Rosa", "Olaria Rosa Bule Serra");
  assert.equal(dropLinesBeforeTitle(maker.body), 0);
});

Deno.test("dropLinesBeforeTitle() reads the place of a heading the cleaning took as the title", () => {
  // The heading repeats the page's title, so the cleaning takes it; its marked place still
  // tells the shop's line above it, and its text the maker's name over it.
  const document = parsePage(
    `<html><body><main><p>Portes grátis a partir de 40 €</p>` +
      `<a href="/oleiros/rosa">Olaria Rosa</a><h1>Olaria Rosa Bule Serra</h1>` +
      `<p>Feito em Barcelos.</p></main></body></html>`,
  );
  const body = document.body;
  assert.equal(markTitlePlace(body, "Bule Serra"), null);
  const mark = markTitlePlace(body, "Olaria Rosa  bule serra");
  assert.ok(mark !== null);
  body.querySelector("h1")!.remove();
  assert.equal(dropLinesBeforeTitle(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Portes grátis"), text);
  for (const kept of ["Olaria Rosa", "Feito em Barcelos"]) assert.ok(text.includes(kept), kept);
});

Deno.test("markTitlePlace() marks the place of the box that shows the heading alone", () => {
  // The heading stands alone in a section: the cleaning takes the emptied section with the
  // heading, so a mark inside it would go too and the shop's line above stay.
  const document = parsePage(
    `<html><body><main><p>Últimas unidades</p>` +
      `<section class="cabecalho"><div><h1>Bule Serra</h1></div></section>` +
      `<p>Feito em Barcelos.</p></main></body></html>`,
  );
  const body = document.body;
  const mark = markTitlePlace(body, "Bule Serra");
  assert.ok(mark !== null);
  assert.equal(mark.nextElementSibling?.tagName, "SECTION");
  body.querySelector("section")!.remove();
  assert.equal(dropLinesBeforeTitle(body), 1);
  const text = body.textContent ?? "";
  assert.ok(!text.includes("Últimas unidades"), text);
  assert.ok(text.includes("Feito em Barcelos"), text);
});

Deno.test("markTitlePlace() reads a heading set on two lines as shown and as written", () => {
  const page = () =>
    parsePage(
      `<html><body><main><p>Últimas unidades</p><h1>Bule<br>Serra</h1>` +
        `<p>Feito em Barcelos.</p></main></body></html>`,
    ).body;
  // The page's title, the line break a space; or taken from the heading, glued at it.
  assert.ok(markTitlePlace(page(), "Bule Serra") !== null);
  assert.ok(markTitlePlace(page(), "BuleSerra") !== null);
  assert.equal(markTitlePlace(page(), "Bule Serra Azul"), null);
});

Deno.test("dropLinesBeforeTitle() leaves a content with no heading", () => {
  const document = parsePage(
    `<html><body><main><p>Portes grátis a partir de 40 €</p><p>Bule Serra</p></main></body></html>`,
  );
  assert.equal(dropLinesBeforeTitle(document.body), 0);
});

Deno.test("dropLinesBeforeTitle() drops a run of links above a product's title", () => {
  const document = parsePage(
    `<html><body><main>` +
      `<ul class="top"><li><a href="/konto">Mein Konto</a></li>` +
      `<li><a href="/login">Anmelden</a> <a href="/reg">Registrieren</a></li>` +
      `<li><a href="/korb">Warenkorb</a></li></ul>` +
      `<ul><li>Inhalt: 500 ml</li><li>Herkunft: <a href="/de">Deutschland</a></li></ul>` +
      `<h1>Bio-Rapsöl kaltgepresst</h1><p>Aus der Uckermark.</p>` +
      `</main></body></html>`,
  );
  assert.equal(dropLinesBeforeTitle(document.body), 1);
  const text = document.body.textContent ?? "";
  for (const gone of ["Mein Konto", "Anmelden", "Warenkorb"]) assert.ok(!text.includes(gone), gone);
  for (const kept of ["Inhalt: 500 ml", "Deutschland", "Bio-Rapsöl"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropLinesBeforeTitle() drops the runs of links a content with no heading opens with", () => {
  // A layout of tables: a city, the shop's bar, then the product's name, its price and
  // its sizes as links.
  const document = parsePage(
    `<html><body><main><table><tr><td>` +
      `<ul><li>Berlin</li></ul>` +
      `<ul><li><a href="/login">Anmelden</a></li><li><a href="/bestellungen">Bestellungen</a>` +
      `</li><li><a href="/korb">Warenkorb</a></li></ul>` +
      `<div class="name">Bio-Rapsöl kaltgepresst 500 ml</div><p>7,90 €</p>` +
      `<ul><li><a href="?s=250">250 ml</a></li><li><a href="?s=500">500 ml</a></li></ul>` +
      `</td></tr></table></main></body></html>`,
  );
  assert.equal(dropLinesBeforeTitle(document.body), 1);
  const text = document.body.textContent ?? "";
  for (const gone of ["Anmelden", "Bestellungen"]) assert.ok(!text.includes(gone), gone);
  for (const kept of ["Berlin", "Bio-Rapsöl", "7,90 €", "250 ml"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropErrorMessages() drops the note a search shows when it finds nothing", () => {
  const document = parsePage(
    `<html><body><main><h1>Encontre uma clínica</h1>` +
      `<p>Escreva a sua morada para ver as clínicas mais próximas.</p>` +
      `<div id="no-match"><p>Não encontrámos nenhuma clínica perto desta morada.</p></div>` +
      `<p class="lista-noResults">Sem resultados para esta pesquisa.</p>` +
      `<div class="no-sidebar"><p>As clínicas abrem das 9h às 18h.</p></div>` +
      `</main></body></html>`,
  );
  assert.equal(dropErrorMessages(document.body), 2);
  const text = document.body.textContent ?? "";
  for (const gone of ["Não encontrámos", "Sem resultados"]) assert.ok(!text.includes(gone), text);
  for (const kept of ["Encontre uma clínica", "Escreva a sua morada", "abrem das 9h"]) {
    assert.ok(text.includes(kept), text);
  }
});

Deno.test("dropUnfilledLabels() drops a picker's title whose value its scripts write", () => {
  const { document } = parseHTML(`<html><body><main><h1>Giacca impermeabile Vento</h1>
    <div class="opzione"><div class="titolo">Colore: <div class="valore"></div></div>
      <div class="campioni"><button title="Rosso"></button><button title="Blu notte"></button>
      </div></div>
    <div class="opzione"><div class="titolo">Taglia: <div class="valore">M</div></div></div>
    <p>Giacca leggera in tessuto riciclato, cuciture nastrate e cappuccio regolabile.</p>
    <div class="nota">Certificata: <img src="marchio.png" alt=""></div>
    </main></body></html>`);
  const main = document.querySelector("main") as unknown as Element;
  // The colour's title, whose value the selected swatch writes in.
  assert.equal(dropUnfilledLabels(main), 1);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("Colore"), text);
  // A title with its value, and a label before a picture, stay.
  for (const kept of ["Taglia:", "Certificata:", "Giacca leggera"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("auto drops a picker's title left alone once the shop's buttons go", async () => {
  const html = `<html><head><title>Giacca Vento | Negozio</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
    "name":"Giacca impermeabile Vento"}</script></head><body>
    <main><h1>Giacca impermeabile Vento</h1>
    <div class="opzione"><div class="opzione-titolo">Taglia:
      <div class="guida"><button class="btn-guida">Trova la tua taglia</button></div></div>
      <div class="taglie"><button class="btn">S</button><button class="btn">M</button>
      <button class="btn">L</button></div></div>
    <div class="opzione"><div class="opzione-titolo">Tessuto: <span>nylon riciclato</span>
      </div></div>
    <div class="descrizione"><p>Giacca leggera in tessuto riciclato, con cuciture nastrate,
      cappuccio regolabile e tasche con cerniera. Si ripiega nella sua tasca e pesa meno di
      trecento grammi.</p><p>Adatta alle escursioni di un giorno e alla città sotto la
      pioggia, lavabile in lavatrice a trenta gradi.</p></div>
    </main></body></html>`;
  const out = await autoHtml(html, "https://negozio.example/giacca-vento");
  assert.equal(out.metadata.page_type, "product");
  // The size picker's title, whose buttons (and size guide) went as controls.
  assert.ok(!out.content.includes("Taglia"), out.content);
  for (const kept of ["Tessuto", "nylon riciclato", "cuciture nastrate"]) {
    assert.ok(out.content.includes(kept), out.content);
  }
});

Deno.test("dropUnfilledLabels() drops the labels of the fields a page's scripts fill", async () => {
  const html = `<html><head><title>Trouver un cabinet | Réseau Conseil</title></head><body>
    <main><h1>Trouver un cabinet près de chez vous</h1>
    <p>Le réseau réunit quarante cabinets d'avocats qui reçoivent sans rendez-vous les
      personnes qui ne peuvent pas payer un conseil. Indiquez une ville pour voir le plus
      proche, ou cliquez sur la carte.</p>
    <h2>Votre cabinet</h2>
    <div id="fiche"><h3 id="fiche-nom"></h3>
      <p><span class="etiquette">Téléphone :</span> <span id="fiche-tel"></span></p>
      <p><span class="etiquette">Site :</span><span id="fiche-site"></span></p>
      <p><span class="etiquette">Horaires :</span> <span id="fiche-horaires">du lundi au
        vendredi, de 9 h à 17 h</span></p></div>
    <p>Les cabinets du réseau s'engagent à :</p><ul id="engagements"></ul>
    <p>Chaque cabinet répond dans la semaine aux demandes envoyées par courrier, et les
      permanences du samedi matin accueillent les personnes qui travaillent en semaine.</p>
    </main></body></html>`;
  const { document } = parseHTML(html);
  const main = document.querySelector("main") as unknown as Element;
  // The telephone's and the site's labels, whose slots are empty.
  assert.equal(dropUnfilledLabels(main), 2);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("Téléphone") && !text.includes("Site :"), text);
  // A label with its value, and a line before a list, stay.
  for (const kept of ["Horaires :", "du lundi au", "s'engagent à :"]) {
    assert.ok(text.includes(kept), kept);
  }
  const out = await autoHtml(html, "https://conseil.example/trouver-un-cabinet");
  assert.ok(out.content.includes("quarante cabinets"), out.content);
  assert.ok(out.content.includes("Horaires"), out.content);
  assert.ok(!out.content.includes("Téléphone"), out.content);
});

/**
 * A tea shop's category page (in German): eight priced cards, each with a cart button,
 * and below the grid a block named `shelf` of four buyers' words on the shop's teas.
 */
function teaShop(shelf: string): string {
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="card"><h3><a href="/p/tee-${i}">Grüner Tee Nummer ${i}</a></h3>
      <span class="price">${8 + i},90 €</span>
      <form action="/cart/add"><button>In den Warenkorb</button></form></li>`,
  ).join("");
  const quotes = ["Anna", "Jonas", "Lea", "Paul"].map((name) =>
    `<article class="card-${shelf}"><p>Der beste Tee, den ich je getrunken habe, mild und
    frisch, und die Lieferung kam schon am nächsten Tag bei mir an.</p>
    <span>${name}</span></article>`
  ).join("");
  return `<html><head><title>Grüner Tee</title></head><body><main><h1>Grüner Tee</h1>
    <p>Unsere grünen Tees kommen direkt von kleinen Gärten in Japan und China.</p>
    <ul class="grid">${cards}</ul>
    <div class="${shelf}-carousel">${quotes}</div></main></body></html>`;
}

Deno.test("auto drops the shelf of buyers' opinions beside a shop's grid", async (t) => {
  await t.step("a shelf named after reviews goes, the grid stays", async () => {
    const out = await autoHtml(teaShop("reviews"), "https://tee.example/c/gruener-tee");
    assert.equal(out.metadata.page_type, "collection");
    assert.match(out.content, /Grüner Tee Nummer 7/);
    assert.doesNotMatch(out.content, /Der beste Tee/, out.content);
  });
  await t.step("the same block named otherwise stays", async () => {
    const out = await autoHtml(teaShop("stories"), "https://tee.example/c/gruener-tee");
    assert.equal(out.content.match(/Der beste Tee/g)?.length, 4, out.content);
  });
  // One buyer's words set as a tile among the cards, and a tile of the shop's own words.
  const tiles = (name: string): string =>
    teaShop("stories").replace(
      '<li class="card"><h3><a href="/p/tee-4">',
      `<li class="${name}"><h4>So gut!</h4><p>Der beste Tee, den ich je getrunken habe, mild
      und frisch, und die Lieferung kam schon am nächsten Tag bei mir an.</p><span>Mia</span>
      </li><li class="card"><h3><a href="/p/tee-4">`,
    );
  await t.step("one review set as a tile among the grid's priced cards goes", async () => {
    const out = await autoHtml(tiles("review-card"), "https://tee.example/c/gruener-tee");
    assert.match(out.content, /Grüner Tee Nummer 4/);
    assert.equal(out.content.match(/Der beste Tee/g)?.length, 4, out.content);
    assert.doesNotMatch(out.content, /So gut!/, out.content);
  });
  await t.step("a tile named otherwise among the cards stays", async () => {
    const out = await autoHtml(tiles("fact-card"), "https://tee.example/c/gruener-tee");
    assert.equal(out.content.match(/Der beste Tee/g)?.length, 5, out.content);
  });
  await t.step("a card named after its rating, with its link and no price, stays", async () => {
    const html = tiles("rating-card").replace(
      "<span>Mia</span>",
      '<a href="/p/tee-so-gut">Mia</a>',
    );
    const out = await autoHtml(html, "https://tee.example/c/gruener-tee");
    assert.match(out.content, /So gut!/, out.content);
  });
});

Deno.test("markSiblingCards() marks a card that offers another version of the product", async (t) => {
  const url = "https://laden.example/produkt/vogelhaus-kamera-pro/";
  const upsell = (slug: string, field = "") =>
    `<div class="upsell"><h2>Vogelhaus Kamera Pro Solar</h2><img src="solar.png">` +
    `<p>Unser Vogelhaus, neu gedacht: mit Solardach.</p>${field}` +
    `<a href="/produkt/${slug}/">Jetzt bestellen</a></div>`;
  const page = (extra: string) =>
    parsePage(
      `<html><body><main><div class="produkt"><h1>Vogelhaus Kamera Pro</h1><p>${PROSE}</p></div>` +
        `<section>${extra}</section></main></body></html>`,
    );
  await t.step("the card goes with its section", () => {
    const document = page(upsell("vogelhaus-kamera-pro-solar"));
    assert.equal(markSiblingCards(document.body, url), 1);
    assert.equal(dropSiblingCards(document.body), 1);
    const text = document.body.textContent ?? "";
    assert.ok(!text.includes("Solardach"), text);
    assert.ok(text.includes("Vogelhaus Kamera Pro"), text);
    assert.equal(document.querySelectorAll("section").length, 0);
  });
  await t.step("not a page of the shop that is no version of the product", () => {
    const document = page(upsell("gartenschere-classic"));
    assert.equal(markSiblingCards(document.body, url), 0);
  });
  await t.step("not a variant picker's box, nor three cards (a grid, or the page's list)", () => {
    assert.equal(
      markSiblingCards(page(upsell("vogelhaus-kamera-pro-solar", "<select></select>")).body, url),
      0,
    );
    const three = ["solar", "mini", "xl"].map((v) => upsell(`vogelhaus-kamera-pro-${v}`));
    assert.equal(markSiblingCards(page(three.map((c) => `<div>${c}</div>`).join("")).body, url), 0);
  });
  await t.step("at another address, by the address the page names as its own", () => {
    const html = (head: string) =>
      parsePage(
        `<html><head>${head}</head><body><main><div class="produkt"><h1>Vogelhaus Kamera Pro` +
          `</h1><p>${PROSE}</p></div><section>${
            upsell("vogelhaus-kamera-pro-solar")
          }</section></main></body></html>`,
      );
    const elsewhere = "https://spiegel.example/seite";
    assert.equal(markSiblingCards(html(`<link rel="canonical" href="${url}">`).body, elsewhere), 1);
    assert.equal(
      markSiblingCards(html(`<meta property="og:url" content="${url}">`).body, elsewhere),
      1,
    );
    assert.equal(markSiblingCards(html("").body, elsewhere), 0);
  });
});

Deno.test("markVariantPickers() marks a picker whose choices link to the product's versions", async (t) => {
  const url = "https://shop.example/products/leather-case-black/";
  const choice = (slug: string | null, name: string) =>
    slug === null
      ? `<li><div><span>${name}</span><span>€25</span></div></li>`
      : `<li><a href="/products/${slug}/"><span>${name}</span><span>€41</span></a></li>`;
  const page = (choices: string) =>
    parsePage(
      `<html><body><main><h1>Leather Case</h1><p>${PROSE}</p><div>` +
        `<div><span>Leather Type</span></div><div><ul>${choices}</ul></div></div>` +
        `<p>${PROSE}</p></main></body></html>`,
    );
  await t.step("the picker goes with its title", () => {
    const document = page(
      choice("leather-case-black-horween", "Horween Leather") + choice(null, "Leather"),
    );
    assert.equal(markVariantPickers(document.body, url), 1);
    assert.equal(dropVariantPickers(document.body), 2);
    const text = document.body.textContent ?? "";
    assert.ok(!/Leather Type|Horween|€/.test(text), text);
    assert.ok(text.includes("Leather Case") && text.includes(PROSE), text);
  });
  await t.step("at another address, by the address the page names as its own", () => {
    const document = page(
      choice("leather-case-black-horween", "Horween Leather") + choice(null, "Leather"),
    );
    document.head.innerHTML = `<link rel="canonical" href="${url}">`;
    assert.equal(markVariantPickers(document.body, "https://example.com/page"), 1);
  });
  await t.step("not a list of other pages of the shop, nor of long items", () => {
    const others = page(choice("wallet-brown", "Brown Wallet") + choice(null, "Leather"));
    assert.equal(markVariantPickers(others.body, url), 0);
    const long = page(choice("leather-case-black-horween", PROSE) + choice(null, "Leather"));
    assert.equal(markVariantPickers(long.body, url), 0);
  });
  await t.step(
    "not a list with two items that link nowhere (a list of the product's facts)",
    () => {
      const document = page(
        choice("leather-case-black-horween", "Horween Leather") + choice(null, "Full-grain") +
          choice(null, "Patina"),
      );
      assert.equal(markVariantPickers(document.body, url), 0);
    },
  );
});

Deno.test("auto drops the upsell of another version of the product on its page", () => {
  const prose = "Die Kamera erkennt jede Vogelart am Futterhaus und meldet sie sofort aufs Handy. ";
  const html = `<html><head><script type="application/ld+json">` +
    `{"@type": "Product", "name": "Vogelhaus Kamera Pro"}</script></head><body><main>` +
    `<h1>Vogelhaus Kamera Pro</h1><div class="beschreibung"><p>${prose.repeat(4)}</p></div>` +
    `<div class="abschnitt"><h2>Vogelhaus Kamera Pro Solar</h2><img src="solar.png">` +
    `<p>Unser Vogelhaus, neu gedacht: mit Solardach.</p>` +
    `<a class="btn" href="/produkt/vogelhaus-kamera-pro-solar/">Jetzt bestellen</a></div>` +
    `<h2>Im Lieferumfang</h2><p>${prose.repeat(2)}</p></main></body></html>`;
  const { root } = findMainContent(html, "https://laden.example/produkt/vogelhaus-kamera-pro/");
  const text = blockText(root!);
  assert.ok(text.includes("Die Kamera erkennt"), text);
  assert.ok(text.includes("Im Lieferumfang"), text);
  assert.ok(!text.includes("Solardach"), text);
});

Deno.test("dropBrandLinks() drops links to more of the brand, not its name or a sentence", () => {
  const document = parsePage(
    `<html><head><script type="application/ld+json">` +
      `{"@type": "Product", "brand": {"@type": "Brand", "name": "Montaña Roja"}}</script></head>` +
      `<body><main><a href="/marca/montana-roja">Montaña Roja</a><h1>Mochila Sendero 25</h1>` +
      `<p>${PROSE.repeat(2)}Vea la <a href="/guia">guía de Montaña Roja</a> para ajustarla.</p>` +
      `<div><a href="/marca/montana-roja/mochilas">Ver todas las mochilas Montaña Roja</a></div>` +
      `<a href="/p/mochila">Montaña Roja Mochila Sendero 25</a></main></body></html>`,
  );
  const brands = declaredBrands(document);
  assert.deepEqual(brands, ["montaña roja"]);
  const main = document.querySelector("main")!;
  const titles = ["Montaña Roja Mochila Sendero 25", "Mochila Sendero 25"];
  assert.equal(dropBrandLinks(main, brands, titles), 1);
  const text = main.textContent ?? "";
  assert.ok(!text.includes("Ver todas"), text);
  assert.equal(document.querySelectorAll("main > div").length, 0, "its box goes too");
  assert.ok(text.includes("guía de Montaña Roja"), "a link in a sentence stays");
  assert.ok(text.startsWith("Montaña Roja"), "the brand's name alone stays");
  assert.ok(text.includes("Montaña Roja Mochila Sendero 25"), "the product's name stays");
});

Deno.test("dropBrandLinks() reads a short brand's name as a word, not letters of others", () => {
  const document = parsePage(
    `<html><body><main><h1>Cloudrunner 2</h1>` +
      `<div><a href="/c/montana">Ver las botas de montaña</a></div>` +
      `<div><a href="/marca/on">Todo de On en running</a></div></main></body></html>`,
  );
  const main = document.querySelector("main")!;
  assert.equal(dropBrandLinks(main, ["on"], ["Cloudrunner 2"]), 1);
  const text = main.textContent ?? "";
  assert.ok(text.includes("botas de montaña"), text);
  assert.ok(!text.includes("Todo de On"), text);
});

Deno.test("removeProductExtras() drops a block of reviews its title names, its classes generated", () => {
  const review = (who: string, said: string) =>
    `<div class="c9x1"><div class="c9x2">${who}</div><div class="c9x3">${said}</div></div>`;
  const document = parsePage(
    `<html><body><div class="c1a"><h1>Cedar Beard Oil</h1>` +
      `<div class="c2b">A light oil of cedar and argan that softens the beard and the skin under it.</div></div>` +
      `<div class="c3c"><h2 class="c4d">Customer Reviews</h2><div class="c5e">Based on 12 reviews</div>` +
      review(
        "Justin",
        "I like the scent of it, my wife loves the scent, and my beard feels softer.",
      ) +
      review(
        "Maria",
        "Bought it for my husband and it lasts for months; he uses it every morning.",
      ) +
      `</div>` +
      `<div class="c6f"><h2 class="c7g">Reviews</h2><h2 class="c7g">Ingredients</h2>` +
      `<div class="c8h">Argan oil, cedarwood oil and vitamin E, pressed cold in small batches here.</div>` +
      `<div class="c8h">Shake well and rub three drops into the beard after a shower, every day.</div>` +
      `</div>` +
      `<div class="c9i"><h2>Reviews</h2><blockquote><p>The best oil I have tried in years, ` +
      `soft on the skin and never greasy at all.</p></blockquote><blockquote><p>A shop that ` +
      `answers every question and ships the next day, with a sample of every scent.</p></blockquote></div>` +
      `</body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  for (const gone of ["Customer Reviews", "Based on 12", "my wife loves"]) {
    assert.ok(!text.includes(gone), gone);
  }
  // Tabs whose first is "Reviews" and opinions quoted as the shop's own text stay.
  for (
    const kept of ["Cedar Beard Oil", "softens the beard", "Ingredients", "Shake well", "best oil"]
  ) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("removeProductExtras() reads a block of reviews by its title in other languages", () => {
  const review = (who: string, said: string) =>
    `<div class="k1"><div class="k2">${who}</div><div class="k3">${said}</div></div>`;
  const shelf = (title: string, a: string, b: string) =>
    `<div class="k4"><h2 class="k5">${title}</h2>` + review("Jonas", a) + review("Lena", b) +
    `</div>`;
  const document = parsePage(
    `<html><body><div class="k6"><h1>Zedern-Bartöl</h1>` +
      `<div class="k7">Ein leichtes Öl aus Zeder und Argan, das Bart und Haut darunter pflegt.</div></div>` +
      shelf(
        "Kundenbewertungen",
        "Der Duft ist großartig, meine Frau mag ihn auch, und der Bart ist viel weicher.",
        "Für meinen Mann gekauft, die Flasche hält Monate, er nimmt es jeden Morgen.",
      ) +
      shelf(
        "Reseñas de clientes",
        "Me gusta mucho el olor, a mi mujer también, y la barba queda mucho más suave.",
        "Lo compré para mi marido y le dura meses; lo usa cada mañana después de la ducha.",
      ) +
      `</body></html>`,
  );
  removeProductExtras(document.body);
  const text = document.body.textContent ?? "";
  for (const gone of ["Kundenbewertungen", "meine Frau", "Reseñas", "mi marido"]) {
    assert.ok(!text.includes(gone), gone);
  }
  assert.ok(text.includes("Zedern-Bartöl") && text.includes("Haut darunter pflegt"), text);
});
