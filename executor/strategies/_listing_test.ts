import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import {
  addCategoryGuide,
  addCategoryIntro,
  dropCallLines,
  dropCardControls,
  dropCardTemplate,
  dropDataSidebars,
  dropForumStandingBoxes,
  dropHeadlessCards,
  dropListingTitle,
  dropLoneTeasers,
  dropNamedPagers,
  dropPagers,
  dropPlayerCaptions,
  dropPriceLabels,
  dropRankBadges,
  dropRelativeTimes,
  dropRepeatedTeasers,
  dropScriptlessTwins,
  dropSeeAllLinks,
  dropSortControls,
  dropSpokenCaptions,
  dropSpokenTwins,
  dropTagRows,
  dropThumbnailDurations,
  dropUnshownDates,
  dropUnshownPrices,
  headedCards,
  isPager,
  markCards,
  markRankedItems,
  markTeaserRuns,
  restoreRankedItems,
} from "./_listing.ts";
import { autoHtml } from "./_test_page.ts";
import { findMainContent } from "./auto.ts";

/**
 * A page of three sections (news, sport, culture) of four teasers each; with `seeAll`,
 * each section, headed "<name> today", ends in a link to its index ("ALL NEWS" to /news).
 */
function harbourSections(seeAll: boolean): string {
  const section = (name: string): string =>
    `<section><h2>${seeAll ? `${name} today` : name}</h2><ul class="stories">${
      Array.from(
        { length: 4 },
        (_, i) =>
          `<li class="story"><h3><a href="/${name}/2026/story-${i}">A ${name} story number ${i}
          about the harbour</a></h3><p>Told in a line or two, with what happened at the
          quay on day ${i}.</p></li>`,
      ).join("")
    }</ul>${
      seeAll ? `<div class="all"><a href="/${name}">ALL ${name.toUpperCase()}</a></div>` : ""
    }</section>`;
  return `<html><head><title>Harbour</title></head><body><main><h1>Harbour</h1>
    ${section("news")}${section("sport")}${section("culture")}</main></body></html>`;
}

function fragment(html: string): Element {
  const { document } = parseHTML(`<html><body><div id="root">${html}</div></body></html>`);
  return document.getElementById("root") as unknown as Element;
}

Deno.test("isPager() tells a list's pager from other rows of numbered links", async (t) => {
  await t.step("numbered pages with first, previous and next, in any language", () => {
    for (
      const html of [
        `<div><a href="?p=1">«</a> <span>1</span> <a href="?p=2">2</a> <a href="?p=3">3</a>
          <a href="?p=4">4</a> … <a href="?p=40">40</a> <a href="?p=2">Next →</a></div>`,
        `<ul><li><a href="/s/2">Предыдущая</a></li><li><a href="/s/1">1</a></li>
          <li><a href="/s/2">2</a></li><li><a href="/s/3">3</a></li>
          <li><a href="/s/4">Следующая</a></li></ul>`,
        // Persian page numbers; Hindi "previous" and "next", words with vowel marks.
        `<div><a href="?p=1">قبلی</a> <a href="?p=1">۱</a> <a href="?p=2">۲</a>
          <a href="?p=3">۳</a> <a href="?p=4">۴</a> <a href="?p=3">بعدی</a></div>`,
        `<div><a href="?p=1">पिछला</a> <a href="?p=1">1</a> <a href="?p=2">2</a>
          <a href="?p=3">3</a> <a href="?p=4">अगला पृष्ठ</a></div>`,
      ]
    ) {
      assert.equal(isPager(fragment(html).firstElementChild!), true, html);
    }
  });
  await t.step("not a code listing's line numbers, an archive's years or a sentence", () => {
    for (
      const html of [
        `<td><a href="#L1">1</a><a href="#L2">2</a><a href="#L3">3</a><a href="#L4">4</a></td>`,
        `<div><a href="/2023">2023</a> <a href="/2024">2024</a> <a href="/2025">2025</a></div>`,
        `<p>Chapters <a href="/c/1">1</a>, <a href="/c/2">2</a> and <a href="/c/3">3</a> tell
          how the harbour was built before the war, and why the town grew round it.</p>`,
      ]
    ) {
      assert.equal(isPager(fragment(html).firstElementChild!), false, html);
    }
  });
});

Deno.test("dropPagers() removes the whole pager and nothing else", () => {
  const root = fragment(`<ul><li><a href="/a">Tides</a></li></ul>
    <div class="foot"><div class="pages"><a href="?p=1">1</a> <a href="?p=2">2</a>
    <a href="?p=3">3</a></div><a href="?p=2">Next</a></div>`);
  dropPagers(root);
  assert.equal(root.textContent?.replace(/\s+/g, " ").trim(), "Tides");
});

Deno.test("dropSortControls() drops a sort control named in another language", () => {
  const root = fragment(`<ul><li><a href="/a">Mareas de otoño</a></li></ul>
    <div class="ordenar-por"><label>Ordenar por</label><select><option>Precio</option></select></div>
    <div id="sortierung"><span>Sortieren nach: Beliebtheit</span></div>
    <div class="sortowanie-lista"><span>Sortuj: Najnowsze</span></div>`);
  assert.equal(dropSortControls(root), 3);
  assert.equal(root.textContent?.replace(/\s+/g, " ").trim(), "Mareas de otoño");
});

Deno.test("dropNamedPagers() drops a pager named in another language", () => {
  const root = fragment(`<ul><li><a href="/a">Mareas de otoño</a></li></ul>
    <div class="paginacion"><a href="?p=1">Anterior</a> <a href="?p=3">Siguiente</a></div>
    <nav-bar id="paginierung-unten"><a href="?s=2">Weiter</a></nav-bar>
    <div class="blog-paginazione"><a href="?pg=2">Successivo</a></div>`);
  assert.equal(dropNamedPagers(root), 3);
  assert.equal(root.textContent?.replace(/\s+/g, " ").trim(), "Mareas de otoño");
});

Deno.test("auto drops a listing's pager that is not in a <nav>", async () => {
  const items = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="story"><h2><a href="/news/${i}">Harbour story number ${i}</a></h2>
      <p>What happened at the quay on day ${i}, told in a line or two.</p></li>`,
  ).join("");
  const pager = `<div class="paging"><a href="/news?page=1">1</a> <a href="/news?page=2">2</a>
    <a href="/news?page=3">3</a> <a href="/news?page=4">4</a>
    <a href="/news?page=2">Suivant ›</a></div>`;
  // Above the list as well as below it: the tail trimmer sees only the last.
  const html = `<html><head><title>News</title></head><body><main><h1>News</h1>
    ${pager}<ul class="stories">${items}</ul>${pager}</main></body></html>`;
  const out = await autoHtml(html, "https://harbour.example/news");
  assert.equal(out.metadata.page_type, "listing");
  assert.ok(out.content.includes("Harbour story number 7"), out.content);
  assert.ok(!out.content.includes("Suivant"), out.content);
});

Deno.test("dropRankBadges() drops a ranked list's badges, not a lone figure or a pager", () => {
  const card = (rank: number, title: string): string =>
    `<div class="carte"><a href="/actu/${rank}"><span class="rang">${rank}</span>
    <div><h2>${title}</h2></div></a></div>`;
  const root = fragment(`<h2>Les plus lus</h2>${card(1, "Le port rouvre ses quais")}
    ${card(2, "La marée monte plus tôt")}${card(3, "Un phare repeint en blanc")}
    <div class="carte"><h3>Le score du match</h3> <span class="note">7</span></div>
    <div class="pages"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a></div>`);
  assert.equal(dropRankBadges(root), 3);
  assert.equal(
    root.textContent?.replace(/\s+/g, " ").trim(),
    "Les plus lus Le port rouvre ses quais La marée monte plus tôt Un phare repeint en blanc " +
      "Le score du match 7 1 2 3",
  );
});

Deno.test("auto drops the ranks a page of goods numbers its cards with", () => {
  // An electrician's coupons, each card numbered beside its offer's heading.
  const card = (rank: number, offer: string): string =>
    `<div class="cupon"><div class="numero">${rank}</div><div><h3>${offer}</h3>
    <p>Presentar antes de comenzar el trabajo. No válido con otras ofertas.</p></div></div>`;
  const html = `<html><head><title>Cupones</title></head><body><main><h1>Cupones</h1>
    <div class="cupones">${
    card(1, "Igualamos el precio de la competencia") +
    card(2, "10 % de descuento en el cuadro eléctrico") +
    card(3, "25 € de descuento en cualquier avería") +
    card(4, "50 € de descuento en un protector de sobretensión")
  }</div></main></body></html>`;
  const { root } = findMainContent(html, "https://electricista.example/cupones", "collection");
  const text = root?.textContent ?? "";
  assert.ok(text.includes("25 € de descuento en cualquier avería"), text);
  assert.ok(text.includes("No válido con otras ofertas."), text);
  assert.equal(root?.querySelectorAll(".numero").length, 0, text);
});

Deno.test("dropRankBadges() and markRankedItems() read ranks in the digits of other scripts", () => {
  // A Persian news site's most-read cards, ranked ۱ ۲ ۳ beside each title.
  const card = (rank: string, title: string): string =>
    `<div class="kart"><a href="/khabar/${rank}"><span class="rotbe">${rank}</span>
    <div><h2>${title}</h2></div></a></div>`;
  const root = fragment(`<h2>پربازدیدها</h2>${card("۱", "بندر دوباره باز شد")}
    ${card("۲", "جزر و مد زودتر آمد")}${card("۳", "فانوس دریایی سفید شد")}`);
  assert.equal(dropRankBadges(root), 3);
  assert.ok(!/[۱۲۳]/.test(root.textContent ?? ""), root.textContent ?? "");
  // An Arabic ranked list: its items' headings numbered ١. ٢. ٣. ٤.
  const items = ["١", "٢", "٣", "٤"].map((n, i) =>
    `<div class="tariq"><h2>${n}. <a href="/turuq/${i}">الطريق ${i}</a></h2><p>يمر الطريق ${i}
    عبر الغابات والقرى.</p></div>`
  ).join("");
  assert.equal(markRankedItems(fragment(`<div class="turuq">${items}</div>`)), 1);
});

Deno.test("dropSeeAllLinks() drops a section's link to the index of its items only", () => {
  const root = fragment(`<section><h2>Nouvelles</h2><ul>
      <li><a href="/news/2026/03/tides">Tides</a></li>
      <li><a href="/news/2026/03/kelp">Kelp</a></li></ul></section>
    <div class="more"><a href="/news/">PLUS DE NOUVELLES</a></div>
    <section><h2>Guides</h2><p><a href="/guides/knots">Knots</a> and
      <a href="/guides/charts">charts</a> for sailors.</p></section>
    <p><a href="/shop/knot-book">The knot book</a></p>`);
  dropSeeAllLinks(root);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("PLUS DE NOUVELLES"), text);
  // A link that leads beside the items above, not above them, is an item of its own.
  assert.ok(text.includes("The knot book"), text);
  assert.ok(text.includes("Tides") && text.includes("Knots"), text);
});

Deno.test("dropSeeAllLinks() drops a link beside a heading that leads where the heading does", () => {
  const root = fragment(`<section><div class="head"><h2><a href="/reviews/audio/">Audio</a></h2>
      <a href="/reviews/audio/">See all reviews</a></div>
      <ul><li><a href="/reviews/best-speakers/">The best speakers</a></li>
      <li><a href="/reviews/best-subwoofer/">The best subwoofer</a></li></ul></section>
    <section><div class="head"><h2><a href="/reviews/tv/">TV</a></h2>
      <a href="/deals/tv/">TV deals</a></div></section>`);
  dropSeeAllLinks(root);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("See all reviews"), text);
  assert.ok(text.includes("Audio") && text.includes("The best speakers"), text);
  // A link beside a heading that leads elsewhere is one of its own.
  assert.ok(text.includes("TV deals"), text);
});

Deno.test("dropSeeAllLinks() drops a link to `<dir>/all` after items set as lines under <dir>/", () => {
  const root = fragment(`<h2>Recent posts</h2>
    <p class="title"><a href="/blog/tides">Tides of March</a>, 9 March 2026</p>
    <p class="summary">What the spring tides did to the quay.</p>
    <p class="title"><a href="/blog/kelp">Kelp forests</a>, 2 March 2026</p>
    <p class="summary">Why the kelp came back.</p>
    <p class="title"><a href="/blog/all">More posts...</a></p>
    <h2>Elsewhere</h2>
    <p class="summary">Read our <a href="/about/team">team</a> page.</p>
    <p class="title"><a href="/about/all">All of us</a></p>`);
  dropSeeAllLinks(root);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("More posts"), text);
  assert.ok(text.includes("Tides of March") && text.includes("Why the kelp came back."), text);
  // One link under the index is a line's own, not a run of items.
  assert.ok(text.includes("All of us"), text);
});

Deno.test("dropThumbnailDurations() drops the running times over a listing's pictures", async (t) => {
  const cards = (badge: string): string =>
    Array.from(
      { length: 3 },
      (_, i) =>
        `<div class="item"><div class="media"><picture><img src="/v${i}.jpg"></picture>
        ${badge}</div><div class="body"><h3>Video number ${i} of the harbour</h3>
        <p>Doors open at 19:30 on the quay.</p></div></div>`,
    ).join("");
  await t.step("a duration over each picture", () => {
    const root = fragment(cards(`<div class="time">1:07</div>`));
    assert.equal(dropThumbnailDurations(root), 3);
    const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
    assert.ok(!text.includes("1:07"), text);
    assert.ok(text.includes("Video number 2") && text.includes("19:30"), text);
  });
  await t.step("a lone picture's time stays", () => {
    const root = fragment(`<div><img src="/a.jpg"><span>10:30</span></div>`);
    assert.equal(dropThumbnailDurations(root), 0);
  });
  await t.step("a time in a box that says more stays", () => {
    const root = fragment(
      cards(`<p>The ferry leaves the harbour every morning at <b>9:15</b></p>`),
    );
    assert.equal(dropThumbnailDurations(root), 0);
  });
});

Deno.test("dropPlayerCaptions() drops a player's caption that repeats an item of its playlist", async (t) => {
  const module = (caption: string): string =>
    `<section><h2>Videos</h2><div class="module"><div class="player"><video src="/a.mp4"></video>
      <div class="info"><div>${caption}</div><p>Seals came back to the bay this week.</p></div>
      </div><div class="playlist"><div class="item"><div class="title">Seals return to
      the bay</div><div class="summary"><p>Seals came back to the bay this week.</p></div></div>
      <div class="item"><div class="title">The ferry's last run</div></div></div></div></section>`;
  await t.step("the caption of the item the player plays", () => {
    const root = fragment(module("Seals return to the bay"));
    assert.equal(dropPlayerCaptions(root), 1);
    const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
    assert.equal(text.split("Seals came back").length, 2, text);
    assert.ok(text.includes("Seals return to the bay") && text.includes("last run"), text);
  });
  await t.step("a caption the playlist does not repeat stays", () => {
    const root = fragment(module("A storm over the harbour"));
    assert.equal(dropPlayerCaptions(root), 0);
  });
  await t.step("a caption in Chinese, weighed by what it says, not its characters", () => {
    // Nine characters say as much as a Latin title of twenty-seven.
    const root = fragment(`<section><h2>视频</h2><div class="module"><div class="player">
      <video src="/a.mp4"></video><div class="info"><div>海豹本周回到了海湾</div></div></div>
      <div class="playlist"><div class="item"><div class="title">海豹本周回到了海湾</div></div>
      <div class="item"><div class="title">渡轮的最后一班</div></div></div></div></section>`);
    assert.equal(dropPlayerCaptions(root), 1);
    const text = root.textContent ?? "";
    assert.equal(text.split("海豹本周").length, 2, text);
  });
});

Deno.test("auto drops a section's 'see all' link on a page of sections", async () => {
  const out = await autoHtml(harbourSections(true), "https://harbour.example/news");
  assert.ok(out.content.includes("A culture story number 3"), out.content);
  for (const more of ["ALL NEWS", "ALL SPORT"]) assert.ok(!out.content.includes(more), out.content);
});

Deno.test("auto keeps a front page made of sections of teasers, not trimmed to nothing", async () => {
  // At the site's root the page is unclassified: the article route's tail trimmer took
  // each section's list of teasers for a closing "more stories" list, one after another.
  const out = await autoHtml(harbourSections(false), "https://harbour.example/");
  for (const name of ["news", "sport"]) {
    assert.ok(out.content.includes(`A ${name} story number 2`), out.content);
  }
});

Deno.test("dropPriceLabels() drops a price's label for screen readers, not one with a figure", () => {
  const root = fragment(`<div class="price"><span class="visually-hidden">Cena regularna</span>
      <span class="amount">129,00 zł</span></div>
    <div class="price"><span class="sr-only">Cena regularna</span><span><s></s></span>
      <span class="sr-only">Cena promocyjna</span><span class="amount">99,00 zł</span></div>
    <p><span class="sr-only">Liczba opinii:</span>196</p>
    <p><span class="sr-only">Poprzednio 149,00 zł</span><span>99,00 zł</span></p>`);
  assert.equal(dropPriceLabels(root), 3);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("Cena"), text);
  // Before a count, not a price; and a label that carries its figure is the value itself.
  assert.ok(text.includes("Liczba opinii:196") && text.includes("Poprzednio 149,00 zł"), text);
});

Deno.test("auto drops the screen-reader labels of a shop grid's prices", async () => {
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="card"><h3 class="card__title"><a href="/p/kubek-${i}">Kubek gliniany ${i}</a></h3>
      <div class="price"><span class="visually-hidden">Cena regularna</span>
      <span class="price__amount">${40 + i},00 zł</span></div></li>`,
  ).join("");
  const html = `<html><head><title>Kubki</title></head><body><main><h1>Kubki</h1>
    <ul class="grid">${cards}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://glina.example/c/kubki");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(
    out.content.includes("Kubek gliniany 7") && out.content.includes("47,00 zł"),
    out.content,
  );
  assert.ok(!out.content.includes("Cena regularna"), out.content);
});

Deno.test("auto drops the spoken twin of a shop grid's shown counts", async () => {
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="card"><h3 class="card__title"><a href="/p/bol-${i}">Bol en grès ${i}</a></h3>
      <span class="price">${20 + i},00 €</span>
      <p class="rating-count"><span aria-hidden="true">(${i + 3})</span>
      <span class="visually-hidden">${i + 3} avis au total</span></p></li>`,
  ).join("");
  const html = `<html><head><title>Bols</title></head><body><main><h1>Bols</h1>
    <ul class="grid">${cards}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://argile.example/c/bols");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Bol en grès 7") && out.content.includes("(10)"), out.content);
  assert.ok(!out.content.includes("avis au total"), out.content);
});

Deno.test("dropDataSidebars() drops a listing's side column named in its data attributes", () => {
  const items = Array.from(
    { length: 6 },
    (_, i) => `<li><h3>#${i + 1} The harbour film number ${i + 1}</h3><p>1994 2h 22m</p></li>`,
  ).join("");
  const root = fragment(`<div class="a1b2"><ul>${items}</ul></div>
    <section class="c3d4" data-testid="chart-layout-sidebar"><h3>More to explore</h3>
      <a href="/chart/boxoffice">Top box office</a></section>
    <section class="e5f6" data-testid="chart-footer"><p>Ranked by a formula.</p></section>`);
  assert.equal(dropDataSidebars(root), 1);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("More to explore") && !text.includes("Top box office"), text);
  assert.ok(text.includes("The harbour film number 6") && text.includes("Ranked by"), text);
  // A block so named that holds most of the text is the page's own.
  const whole = fragment(`<div data-testid="main-sidebar-layout"><ul>${items}</ul></div>`);
  assert.equal(dropDataSidebars(whole), 0);
});

/** A blog's index: each post's linked title and date, then its summary. */
const POSTS = Array.from(
  { length: 4 },
  (_, i) =>
    `<p class="title"><a href="/blog/post-${i}">Tides of the harbour, part ${i}</a>,
    <span>${i + 2} March 2026</span></p><p>What the quay saw on day ${i}.</p>`,
).join("");

Deno.test("dropListingTitle() drops the heading a listing opens with over its items", async (t) => {
  const text = (root: Element): string => root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  await t.step("the first item's linked title follows the heading, in a box of its own", () => {
    const root = fragment(`<h1>The Harbour Blog</h1><div class="index">${POSTS}</div>`);
    assert.equal(dropListingTitle(root), true);
    assert.ok(!text(root).includes("Harbour Blog"), text(root));
    assert.ok(text(root).startsWith("Tides of the harbour, part 0"), text(root));
  });
  await t.step("a box holding the heading, before items of its own tag", () => {
    const items = Array.from(
      { length: 3 },
      (_, i) =>
        `<article><p>2 hours ago - <a href="/kernel">Kernel</a></p><p>News ${i}.</p></article>`,
    ).join("");
    const root = fragment(`<article class="full"><h1>Latest News</h1></article>${items}`);
    assert.equal(dropListingTitle(root), true);
    assert.ok(!text(root).includes("Latest News"), text(root));
  });
  await t.step("a heading over a text (a manual's page taken for a list) stays", () => {
    const root = fragment(`<h1>Creating Types from Types</h1><article><p>The type system
      lets you express types in terms of other types.</p><ul><li><a href="/generics">
      Generics</a></li></ul></article>`);
    assert.equal(dropListingTitle(root), false);
    assert.ok(text(root).startsWith("Creating Types"), text(root));
  });
  await t.step("a heading that is the first item's linked title stays", () => {
    const root = fragment(`<h1><a href="/blog/post">Tides of the harbour</a></h1>${POSTS}`);
    assert.equal(dropListingTitle(root), false);
  });
  await t.step("a heading after other text stays", () => {
    const root = fragment(`<p>Breaking: the quay is closed</p><h1>News</h1>${POSTS}`);
    assert.equal(dropListingTitle(root), false);
  });
});

/** A listing of repositories, each card with its name, summary and a row of topics. */
function repoCards(topics: string): string {
  return ["harbour-tides", "kelp-maps", "quay-logs"].map((name, i) =>
    `<article class="repo"><h3><a href="/sea/${name}">sea / ${name}</a></h3>
      <p>Tools for reading the ${name} data the port keeps, day ${i}.</p>${topics}
      <p>Star ${i + 3}k, Rust</p></article>`
  ).join("");
}

Deno.test("dropTagRows() drops the row of tags each card of a listing shows", async (t) => {
  await t.step("links to the site's tag pages, one row per card", () => {
    const root = fragment(repoCards(`<div class="row"><a href="/topics/tides">tides</a>
      <a href="/topics/maps">maps</a> <a href="/topics/rust">rust</a></div>`));
    assert.equal(dropTagRows(root), 3);
    const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
    assert.ok(!text.includes("tides maps"), text);
    assert.ok(text.includes("sea / kelp-maps") && text.includes("Star 4k, Rust"), text);
  });
  await t.step("a list of tags, items holding a link each", () => {
    const root = fragment(repoCards(`<ul><li><a href="/tag/tides/">tides</a></li>
      <li><a href="/tag/maps/">maps</a></li></ul>`));
    assert.equal(dropTagRows(root), 3);
  });
  await t.step("rows of links to the items' own pages stay", () => {
    const root = fragment(repoCards(`<div><a href="/sea/tides">tides</a>
      <a href="/sea/maps">maps</a></div>`));
    assert.equal(dropTagRows(root), 0);
  });
  await t.step("a lone tag cloud stays", () => {
    const root = fragment(`${repoCards("")}<section><h2>Topics</h2><div>
      <a href="/topics/tides">tides</a> <a href="/topics/maps">maps</a></div></section>`);
    assert.equal(dropTagRows(root), 0);
  });
  await t.step("a page that indexes tags keeps them as its items", () => {
    const letter = (l: string, tags: string[]): string =>
      `<section><h2>${l}</h2><ul>${
        tags.map((tag) => `<li><a href="/tags/${tag}">${tag}</a></li>`).join("")
      }</ul></section>`;
    const root = fragment(
      letter("A", ["anchors", "algae", "atolls"]) + letter("B", ["buoys", "barges", "beacons"]),
    );
    assert.equal(dropTagRows(root), 0);
  });
});

Deno.test("dropForumStandingBoxes() drops who is online and the permissions under topics", () => {
  const root = fragment(`<ul class="topiclist"><li><a href="./viewtopic.php?t=1">Heizung klopft</a>
      von heizungsfan » Mo 20. Apr 2026</li></ul>
    <div class="stat-block online-list"><h3>Wer ist online?</h3>
      <p>Mitglieder in diesem Forum: 0 Mitglieder und 4 Gäste</p></div>
    <div class="stat-block permissions"><h3>Berechtigungen in diesem Forum</h3>
      <p>Du darfst <strong>keine</strong> neuen Themen in diesem Forum erstellen.</p></div>
    <h3>Wer ist online? Eine Anleitung</h3><p>Der Status zeigt, wer gerade da ist.</p>`);
  assert.equal(dropForumStandingBoxes(root), 2);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("Gäste") && !text.includes("erstellen"), text);
  assert.ok(text.includes("Heizung klopft") && text.includes("Eine Anleitung"), text);
});

Deno.test("dropSpokenCaptions() drops a caption only screen readers read", () => {
  const root = fragment(`<figure class="frame is-terminal"><figcaption class="header"><span
      class="title"></span><span class="sr-only">Terminal-Fenster</span></figcaption>
      <pre><code>wolke env set API_KEY=abc</code></pre></figure>
    <figure><img src="a.png" alt=""><figcaption>Der Dialog zum Anlegen<span
      class="sr-only"> (Bildschirmfoto)</span></figcaption></figure>`);
  assert.equal(dropSpokenCaptions(root), 1);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("Terminal-Fenster") && text.includes("wolke env set"), text);
  assert.ok(text.includes("Der Dialog zum Anlegen"), text);
});

Deno.test("dropSpokenTwins() keeps a screen-reader text that does not say the shown one again", () => {
  const root = fragment(`<label><span aria-hidden="true">Grès (5)</span>
      <span class="visually-hidden">Grès (5 produits)</span></label>
    <a href="/panier"><svg aria-hidden="true"></svg><span class="sr-only">Panier</span></a>
    <p><span aria-hidden="true">★★★★</span><span class="sr-only">Note : 4 sur 5</span></p>`);
  assert.equal(dropSpokenTwins(root), 1);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("produits") && text.includes("Grès (5)"), text);
  assert.ok(text.includes("Panier") && text.includes("Note : 4 sur 5"), text);
});

Deno.test("auto keeps a shop's count of its grid's items from the side panel of its filters", async () => {
  const cards = cafeteraCards();
  const html = `<html><head><title>Cafeteras</title></head><body><main><h1>Cafeteras</h1>
    <aside class="facets-wrapper"><details class="drawer"><summary>Filtrar</summary>
    <p class="mobile-facets__count">8 productos</p></details>
    <form class="facets"><fieldset><legend>Material</legend>
    <label><input type="checkbox"> Acero (5)</label><label><input type="checkbox"> Aluminio (3)</label>
    </fieldset><div class="product-count" role="status"><h2 id="ProductCount">8 productos</h2></div>
    </form></aside>
    <ul class="grid">${cards}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://cafe.example/c/cafeteras");
  assert.equal(out.metadata.page_type, "collection");
  assert.equal(out.content.match(/8 productos/g)?.length, 1, out.content);
  assert.ok(out.content.indexOf("8 productos") < out.content.indexOf("Cafetera italiana 0"));
  assert.ok(!out.content.includes("Aluminio"), out.content);
});

/**
 * A school's index of courses (in Spanish): a lead paragraph, then eight cards, each
 * with a label above its heading (`label(i)`), a line of description and a button.
 */
function courseIndex(label: (i: number) => string): string {
  const topics = ["HTML", "CSS", "JavaScript", "Rendimiento", "Privacidad", "Accesibilidad"]
    .concat(["Formularios", "Imágenes"]);
  const cards = topics.map((topic, i) =>
    `<div class="course-row-item"><div class="course-row-item-body">
      <div class="course-labels"><span class="course-label">${label(i)}</span></div>
      <h3><a href="/aprende/${i}">Aprende ${topic}</a></h3>
      <div class="course-row-item-text">Una guía de ${topic} para quien empieza, módulo a
      módulo, escrita por gente que lo enseña cada día.</div>
      <div class="course-buttons"><a class="button" href="/aprende/${i}">Empezar</a></div>
    </div></div>`
  ).join("");
  return `<html><head><title>Aprende | Escuela Web</title></head><body><main>
    <h1>Aprende desarrollo web</h1>
    <p>Nuestra colección de cursos crece cada mes. Cada curso lo ha escrito una persona
    experta en su tema, con la ayuda de quienes lo usan a diario. Sigue los módulos en
    orden, o salta a los temas que más te interesen.</p>
    <div class="course-row">${cards}</div></main></body></html>`;
}

Deno.test("auto drops the label every card of an index shows above its heading", async (t) => {
  await t.step("the same label on every card goes, the cards stay", async () => {
    const out = await autoHtml(courseIndex(() => "Curso"), "https://escuela.example/aprende");
    assert.match(out.content, /Aprende Accesibilidad/);
    assert.match(out.content, /Una guía de Privacidad para quien empieza/);
    assert.doesNotMatch(out.content, /Curso/, out.content);
  });
  await t.step("labels that tell the cards apart stay", async () => {
    const out = await autoHtml(
      courseIndex((i) => i % 3 === 0 ? "Taller" : "Curso"),
      "https://escuela.example/aprende",
    );
    assert.equal(out.content.match(/Curso/g)?.length, 5, out.content);
    assert.equal(out.content.match(/Taller/g)?.length, 3, out.content);
  });
});

/**
 * A shoe shop's department page (in Portuguese): the shop's menu of departments, a panel
 * of filters with counts, a grid of `count` priced shoes and a footer of shop links;
 * with `main`, the filters and the grid sit in `<main>`.
 */
function shoeShop(count: number, main: boolean): string {
  const cards = Array.from(
    { length: count },
    (_, i) =>
      `<li class="tile"><a href="/p/tenis-${i}"><span class="tile__name">Tênis de corrida
      modelo ${i}</span></a>
      <span class="tile__price">R$ ${199 + i},90</span></li>`,
  ).join("");
  const content = `<aside class="filters"><h2>Filtrar por</h2><ul>
      <li><a href="?marca=leve">Marca Leve (41)</a></li>
      <li><a href="?marca=veloz">Marca Veloz (18)</a></li>
      <li><a href="?tam=40">Tamanho 40 (33)</a></li></ul></aside>
    <h1>Tênis de corrida</h1><ul class="grid">${cards}</ul>`;
  return `<html><head><title>Tênis de corrida | Loja</title></head><body>
    <header><nav><ul><li><a href="/c/masculino">Moda masculina e calçados</a></li>
      <li><a href="/c/feminino">Moda feminina e calçados</a></li>
      <li><a href="/c/infantil">Moda infantil e calçados</a></li></ul></nav></header>
    ${main ? `<main>${content}</main>` : `<div class="page">${content}</div>`}
    <footer><ul><li><a href="/trocas">Trocas e devoluções da loja</a></li>
      <li><a href="/lojas">Nossas lojas físicas pelo país</a></li></ul></footer>
    </body></html>`;
}

Deno.test("auto takes the whole text of a shop's page of goods that marks no main region", async (t) => {
  const url = "https://loja.example/c/tenis-corrida";
  await t.step("no <main>, a grid of a dozen priced items: the whole page", async () => {
    const out = await autoHtml(shoeShop(12, false), url);
    assert.equal(out.metadata.page_type, "collection");
    for (const part of ["Moda feminina e calçados", "Marca Veloz (18)", "modelo 11"]) {
      assert.ok(out.content.includes(part), `${part}: ${out.content}`);
    }
    assert.ok(out.content.includes("Nossas lojas físicas pelo país"), out.content);
  });
  await t.step("a page that marks its main region keeps to it", async () => {
    const out = await autoHtml(shoeShop(12, true), url);
    assert.ok(out.content.includes("modelo 11"), out.content);
    assert.ok(!out.content.includes("Moda feminina e calçados"), out.content);
  });
  await t.step("a grid of fewer than twelve goods is not the whole page", async () => {
    const out = await autoHtml(shoeShop(8, false), url);
    assert.ok(out.content.includes("modelo 7"), out.content);
    assert.ok(!out.content.includes("Moda feminina e calçados"), out.content);
  });
});

Deno.test("auto drops the dialogs a shop's page taken whole opens over its goods", async () => {
  // A Spanish shop's page of a dozen lamps without <main>: a consent banner (a dialog in
  // a wrapper that also holds its hidden labels for screen readers) and a form asking for
  // a quote (aria-modal) sit over the page; a department menu hidden until hovered stays.
  const cards = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="tile"><a href="/p/lampara-${i}"><span class="tile__name">Lámpara de pie
      número ${i}</span></a><span class="tile__price">${49 + i},95 €</span></li>`,
  ).join("");
  const html = `<html><head><title>Lámparas | Tienda</title></head><body>
    <div class="cm-window"><div hidden class="cm-labels"><span>Se abre en una ventana nueva</span>
      <span>Se abre un sitio web externo</span></div>
      <div role="dialog" class="cm-window__dialog"><p>Este sitio usa tecnologías para sus
      funciones básicas, la analítica y la publicidad.</p><button>Aceptar todo</button>
      <button>Rechazar lo no esencial</button></div></div>
    <header><nav><ul><li><a href="/c/salon">Muebles de salón y comedor</a>
      <ul hidden><li><a href="/c/sofas">Sofás y sillones de tela</a></li></ul></li></ul></nav></header>
    <div class="page"><h1>Lámparas de pie</h1><ul class="grid">${cards}</ul></div>
    <div class="modal fade" aria-modal="true"><h2>Pida un presupuesto</h2>
      <label>Su correo electrónico</label><input type="email"></div>
    <footer><a href="/tiendas">Nuestras tiendas en todo el país</a></footer></body></html>`;
  const out = await autoHtml(html, "https://tienda.example/c/lamparas-de-pie");
  assert.equal(out.metadata.page_type, "collection");
  for (
    const part of ["número 11", "Sofás y sillones de tela", "Nuestras tiendas en todo el país"]
  ) {
    assert.ok(out.content.includes(part), `${part}: ${out.content}`);
  }
  for (
    const part of [
      "Este sitio usa",
      "Aceptar todo",
      "Se abre en una ventana",
      "Pida un presupuesto",
    ]
  ) {
    assert.ok(!out.content.includes(part), `${part}: ${out.content}`);
  }
});

Deno.test("auto drops the menu of skip links that opens a shop's page taken whole", async () => {
  // A Czech shop's page of a dozen kettles without <main> opens with a <nav> titled
  // "Přejít na" over its skip link, then its keyboard shortcuts; its menus stay.
  const cards = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="tile"><a href="/p/konvice-${i}"><span class="tile__name">Rychlovarná
      konvice číslo ${i}</span></a><span class="tile__price">${599 + i} Kč</span></li>`,
  ).join("");
  const html = `<html><head><title>Konvice | Obchod</title></head><body>
    <script>window.start = Date.now();</script>
    <nav class="assistant" aria-label="Zkratky"><h2>Přejít na</h2>
      <ul><li><a href="#preskoceno">Hlavní obsah</a></li></ul>
      <h2>Klávesové zkratky</h2><ul><li><a href="javascript:void(0)">Košík shift + alt + C</a>
      </li></ul></nav>
    <header><nav><ul><li><a href="/c/kuchyne">Kuchyňské spotřebiče a nádobí</a></li></ul></nav>
    </header><a id="preskoceno"></a>
    <div class="page"><h1>Rychlovarné konvice</h1><ul class="grid">${cards}</ul></div>
    <footer><a href="/prodejny">Naše prodejny po celé republice</a></footer></body></html>`;
  const out = await autoHtml(html, "https://obchod.example/c/konvice");
  assert.equal(out.metadata.page_type, "collection");
  for (const part of ["číslo 11", "Kuchyňské spotřebiče", "Naše prodejny po celé republice"]) {
    assert.ok(out.content.includes(part), `${part}: ${out.content}`);
  }
  for (const part of ["Přejít na", "Hlavní obsah", "Klávesové zkratky", "shift + alt"]) {
    assert.ok(!out.content.includes(part), `${part}: ${out.content}`);
  }
});

Deno.test("auto drops the comparison drawer of a shop's page taken whole", async () => {
  // A Hungarian shop's page of a dozen drills without <main>: each card has its
  // "Összehasonlítás" box, and a drawer after the footer numbers the slots 1 to 4 that a
  // reader fills; the menus and the footer stay.
  const cards = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="tile"><a href="/p/furo-${i}"><span class="tile__name">Akkus fúrócsavarozó
      ${i}. típus</span></a><span class="tile__price">${24990 + i} Ft</span>
      <label class="tile__compare"><input type="checkbox">Összehasonlítás</label></li>`,
  ).join("");
  const slots = [1, 2, 3, 4].map((n) => `<div class="slot">${n}</div>`).join("");
  const html = `<html><head><title>Fúrógépek | Áruház</title></head><body>
    <header><nav><ul><li><a href="/c/szerszam">Szerszámok és barkácsgépek</a></li></ul></nav>
    </header>
    <div class="page"><h1>Fúrógépek</h1><ul class="grid">${cards}</ul></div>
    <footer><a href="/aruhazak">Áruházaink az ország minden részén</a></footer>
    <div class="compare-drawer"><h3>Összehasonlított termékek</h3>${slots}
      <button>Összehasonlít</button><button>Mind törlése</button></div></body></html>`;
  const out = await autoHtml(html, "https://aruhaz.example/c/furogepek");
  assert.equal(out.metadata.page_type, "collection");
  for (const part of ["11. típus", "Szerszámok és barkácsgépek", "Áruházaink az ország"]) {
    assert.ok(out.content.includes(part), `${part}: ${out.content}`);
  }
  for (const part of ["Összehasonlít", "Mind törlése"]) {
    assert.ok(!out.content.includes(part), `${part}: ${out.content}`);
  }
});

Deno.test("auto drops the error messages of a shop's page taken whole", async () => {
  // A Romanian shop's page of a dozen backpacks without <main>: its newsletter form in
  // the footer writes the note its scripts show for an address that is not valid, and
  // its stock checker the one they show when the service fails; the form's call stays.
  const cards = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="tile"><a href="/p/rucsac-${i}"><span class="tile__name">Rucsac de drumeție
      model ${i}</span></a><span class="tile__price">${189 + i},99 lei</span></li>`,
  ).join("");
  const html = `<html><head><title>Rucsacuri | Magazin</title></head><body>
    <header><nav><ul><li><a href="/c/munte">Echipament de munte și camping</a></li></ul></nav>
    </header>
    <div class="page"><h1>Rucsacuri</h1><ul class="grid">${cards}</ul>
      <div class="stock-check"><p class="stock-check__error">Serviciul nu este disponibil.
      Încercați din nou mai târziu.</p></div></div>
    <footer><p>Abonați-vă la ofertele săptămânale</p><input type="email">
      <div class="form-error-msg">Introduceți o adresă de e-mail validă.</div>
      <a href="/magazine">Magazinele noastre din toată țara</a></footer></body></html>`;
  const out = await autoHtml(html, "https://magazin.example/c/rucsacuri");
  assert.equal(out.metadata.page_type, "collection");
  for (const part of ["model 11", "Abonați-vă la ofertele", "Magazinele noastre"]) {
    assert.ok(out.content.includes(part), `${part}: ${out.content}`);
  }
  for (const part of ["Serviciul nu este disponibil", "adresă de e-mail validă"]) {
    assert.ok(!out.content.includes(part), `${part}: ${out.content}`);
  }
});

Deno.test("auto keeps the value every card names with a label, as a name with its value", async () => {
  // A climbing shop's grid (in Italian): every shoe shows "Suola:" and its value in an
  // element of its own, the same on every card; "Confronta" is the template's control.
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="tile"><h3><a href="/p/scarpetta-${i}">Scarpetta da arrampicata ${i}</a></h3>
      <span class="tile__price">${99 + i},00 €</span>
      <div class="attr">Suola: <div class="attr__value">Vibram</div></div>
      <div class="tile__compare"><span class="cmp">Confronta</span></div></li>`,
  ).join("");
  const html = `<html><head><title>Scarpette</title></head><body><main>
    <h1>Scarpette da arrampicata</h1><ul class="grid">${cards}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://roccia.example/c/scarpette");
  assert.equal(out.metadata.page_type, "collection");
  assert.equal(out.content.match(/Vibram/g)?.length, 8, out.content);
  assert.doesNotMatch(out.content, /Confronta/, out.content);
});

Deno.test("auto drops the count of reviews every card of a grid shows, whatever its number", async () => {
  // A backpack shop's page (in German): a grid of eight packs, each with its stars and a
  // count of reviews ("1 Bewertung", "37 Bewertungen"), then a grid of six customer
  // reviews. The counts differ from card to card; what the grid repeats is the count.
  const packs = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="produkt"><h3><a href="/p/rucksack-${i}">Trekkingrucksack Alpin ${i}</a></h3>
      <span class="produkt__preis">${149 + i},00 €</span>
      <div class="wertung"><span class="sterne"></span><div class="wertung__anzahl">${
        i === 0 ? "1 Bewertung" : `${10 * i + 7} Bewertungen`
      }</div></div><div class="produkt__volumen">Volumen: ${40 + i} Liter</div></li>`,
  ).join("");
  const reviews = Array.from(
    { length: 6 },
    (_, i) =>
      `<li class="stimme"><h3>Gut verarbeitet, Nummer ${i}</h3><p>Der Rucksack trägt sich
      auch nach einer langen Etappe bequem, und die Fächer sind gut erreichbar.</p></li>`,
  ).join("");
  const html = `<html><head><title>Rucksäcke</title></head><body><main>
    <h1>Trekkingrucksäcke</h1><ul class="raster">${packs}</ul>
    <h2>Das sagen unsere Kunden</h2><ul class="stimmen">${reviews}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://bergladen.example/c/rucksaecke");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Trekkingrucksack Alpin 7"), out.content);
  assert.ok(out.content.includes("Volumen: 47 Liter"), out.content);
  assert.ok(out.content.includes("Gut verarbeitet, Nummer 5"), out.content);
  assert.doesNotMatch(out.content, /Bewertung/, out.content);
});

Deno.test("auto drops the count of reviews every card shows, written in Hindi", async () => {
  // The same grid in Hindi: the counted word "समीक्षा" writes its vowels as marks (\p{M}).
  const packs = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="utpad"><h3><a href="/p/bag-${i}">ट्रेकिंग बैग अल्पाइन ${i}</a></h3>
      <span class="mulya">₹${1490 + i}</span>
      <div class="rating"><span class="stars"></span><div class="rating__count">${
        i === 0 ? "1 समीक्षा" : `${10 * i + 7} समीक्षाएँ`
      }</div></div><div class="utpad__aayatan">आयतन: ${40 + i} लीटर</div></li>`,
  ).join("");
  const html = `<html><head><title>बैग</title></head><body><main>
    <h1>ट्रेकिंग बैग</h1><ul class="grid">${packs}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://pahad.example/c/bags");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("ट्रेकिंग बैग अल्पाइन 7"), out.content);
  assert.ok(out.content.includes("आयतन: 47 लीटर"), out.content);
  assert.doesNotMatch(out.content, /समीक्षा/, out.content);
});

Deno.test("dropCardTemplate() reads a card that is one link, its title and lines inside", () => {
  // A recipe index (in Spanish): each card is a single link around its title and a line
  // of stars with the count of its ratings, with no heading and no link inside it.
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<a class="tarjeta" href="/receta/${i}"><span class="tarjeta__titulo">Arroz al horno
      con garbanzos, versión ${i}</span><div class="tarjeta__meta"><span class="estrellas">
      </span><div class="tarjeta__valoracion">${
        i === 3 ? "1 valoración" : `${12 * i + 5} valoraciones`
      }</div></div></a>`,
  ).join("");
  const root = fragment(`<h1>Cenas</h1><div class="rejilla">${cards}</div>`);
  assert.equal(dropCardTemplate(root), 8);
  const text = root.textContent ?? "";
  assert.match(text, /Arroz al horno\s+con garbanzos, versión 7/);
  assert.doesNotMatch(text, /valoraci/);
});

Deno.test("dropCardTemplate() keeps a tally of comments named in another language", () => {
  // A news site's front page (in German): each card's details line ends in the story's
  // tally of comments, in an element named "kommentare", or the call its slot shows when
  // no one has commented yet ("Kommentar schreiben").
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<article class="teaser"><h2><a href="/news/${i}">Neue Version ${i} des freien
      Desktops</a></h2><div class="details">${7 - (i % 3)}. März 12:4${i} - <a
      href="/rubrik/desktop">Desktop</a> - Version 10.${i}<span class="kommentare"> - <a
      href="/forum/${i}">${i === 4 ? "Kommentar schreiben" : `${i + 2} Kommentare`}</a></span>
      </div><p>Die neue Version ${i} bringt schnellere Fenster und neue Einstellungen.</p>
      </article>`,
  ).join("");
  const root = fragment(`<h1>Nachrichten</h1><div class="liste">${cards}</div>`);
  dropCardTemplate(root);
  const text = root.textContent ?? "";
  assert.match(text, /Version 10\.3 - 5 Kommentare/, text);
  assert.match(text, /Version 10\.4 - Kommentar schreiben/, text);
});

Deno.test("dropUnshownPrices() keeps the form of each price a shop's template shows", () => {
  const price = (onSale: boolean, regular: string, sale: string, old: string): string =>
    `<div class="price${onSale ? " price--on-sale" : ""}"><div class="price__container">
      <div class="price__regular"><span class="price-item price-item--regular">${regular}</span></div>
      <div class="price__sale"><span class="price-item price-item--sale">${sale}</span>
        <s class="price-item price-item--regular">${old}</s></div></div></div>`;
  const root = fragment(
    `<h3>Caffè macinato tostatura scura</h3>${
      price(false, "19,99 €", "19,99 €", "")
    }<h3>Cialde monodose alla vaniglia</h3>${price(true, "21,99 €", "15,99 €", "21,99 €")}
    <div class="price"><span class="price-item">9,99 €</span></div>`,
  );
  assert.equal(dropUnshownPrices(root), 2);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.equal(text.match(/19,99 €/g)?.length, 1, text);
  // On sale: the new amount beside the struck-through old one.
  assert.ok(text.includes("15,99 € 21,99 €"), text);
  assert.equal(text.match(/21,99 €/g)?.length, 1, text);
  assert.ok(text.includes("9,99 €"), text);
});

Deno.test("dropUnshownDates() keeps the publication date of a post that writes both its dates", () => {
  // underscores, GeneratePress and Astra write both dates in one box; the second is
  // hidden. A lone "updated" date (the only one a template shows) stays.
  const root = fragment(
    `<h2>Stadtrat beschließt neuen Radweg</h2><span class="posted-on">Veröffentlicht am ` +
      `<a href="/p1/"><time class="entry-date published" datetime="2026-04-22">22. April 2026</time>` +
      `<time class="updated" datetime="2026-04-23">23. April 2026</time></a></span>` +
      `<h2>Freibad öffnet am 15. Mai</h2><span class="posted-on"><time class="updated" ` +
      `datetime="2026-04-20">20. April 2026</time><time class="entry-date published" ` +
      `datetime="2026-04-19">19. April 2026</time></span>` +
      `<h2>Neue Buslinie</h2><p>Zuletzt aktualisiert: <span class="updated">15. April 2026</span></p>`,
  );
  assert.equal(dropUnshownDates(root), 2);
  const text = root.textContent ?? "";
  assert.ok(text.includes("22. April 2026") && !text.includes("23. April 2026"), text);
  assert.ok(text.includes("19. April 2026") && !text.includes("20. April 2026"), text);
  assert.ok(text.includes("15. April 2026"), text);
});

Deno.test("dropScriptlessTwins() keeps the scripted copy of a block written twice", () => {
  // A tea shop's filters (in Dutch), each list of facets written for browsers with
  // scripts and again, with the same checkboxes and counts, for browsers without.
  const facets = (cls: string): string =>
    `<ul class="facets-lijst ${cls}"><li><label><input type="checkbox" name="soort" value="groen">
      Groene thee (12)</label></li><li><label><input type="checkbox" name="soort" value="zwart">
      Zwarte thee (9)</label></li></ul>`;
  const root = fragment(
    `<details class="facets"><summary>Soort thee</summary>${facets("no-js-hidden")}${
      facets("no-js")
    }</details><p class="no-js">Zonder JavaScript zie je alle soorten thee op één pagina.</p>`,
  );
  assert.equal(dropScriptlessTwins(root), 1);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.equal(text.match(/Groene thee \(12\)/g)?.length, 1, text);
  // A scriptless block with no scripted twin beside it is the page's only copy.
  assert.match(text, /Zonder JavaScript/);
});

Deno.test("auto drops the control that orders a shop's grid", async () => {
  // A shoe shop's category page (in Spanish): over the grid, a bar named for sorting with
  // its label and its options ("Ordenar por: Destacados", a list of orders).
  const shoes = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="producto"><h3><a href="/p/zapatilla-${i}">Zapatilla de trail ${i}</a></h3>
      <span class="producto__precio">${89 + i},95 €</span></li>`,
  ).join("");
  const html = `<html><head><title>Zapatillas</title></head><body><main>
    <h1>Zapatillas de trail</h1>
    <p>Nuestra selección de zapatillas para correr por la montaña, con buen agarre y
    amortiguación para las tiradas largas.</p>
    <div class="collection-sort"><span class="label">Ordenar por:</span>
      <span class="selected">Destacados</span>
      <ul><li><a href="?orden=precio">Precio ascendente</a></li>
      <li><a href="?orden=-precio">Precio descendente</a></li></ul></div>
    <ul class="rejilla">${shoes}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://tienda.example/c/zapatillas-trail");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Zapatilla de trail 7"), out.content);
  assert.ok(out.content.includes("amortiguación para las tiradas largas"), out.content);
  assert.doesNotMatch(out.content, /Ordenar por|Destacados|Precio ascendente/, out.content);
});

Deno.test("auto drops the control that orders a shop's grid, named in its name attribute", async () => {
  // A Portuguese shop's grid: the sort bar is named only by its `name` (no class, no id
  // says so), and holds the order it applies beside its <select>.
  const tents = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="item"><h3><a href="/p/tenda-${i}">Tenda de campismo ${i}</a></h3>
      <span class="item-preco">${149 + i},90 €</span></li>`,
  ).join("");
  const html = `<html><head><title>Tendas</title></head><body><main>
    <h1>Tendas de campismo</h1>
    <p>Tendas para duas a seis pessoas, leves para levar às costas ou amplas para o parque
    de campismo, todas com dupla cobertura.</p>
    <div class="k3Zq" name="ordenacao-sorter"><span>Ordenar</span><span>: </span>
      <span>Mais relevantes</span><select aria-label="Ordenar"><option>Mais relevantes</option>
      <option>Preço crescente</option></select></div>
    <ul class="grelha">${tents}</ul></main></body></html>`;
  const out = await autoHtml(html, "https://loja.example/c/tendas");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Tenda de campismo 7"), out.content);
  assert.ok(out.content.includes("todas com dupla cobertura"), out.content);
  assert.doesNotMatch(out.content, /Mais relevantes/, out.content);
});

Deno.test("auto keeps the tally of comments on each card's details line of a listing, counted or not", async () => {
  // A news site's front page (in Spanish): eight stories, each with a details line that
  // gives its date, its section and its subject, ending in the story's tally of comments
  // ("- 9 comentarios") in an element named for comments, or the call its slot shows when
  // no one has commented yet ("Añadir un comentario"). The tally is the story's detail.
  const stories = Array.from(
    { length: 8 },
    (_, i) =>
      `<article><h2><a href="/noticias/historia-${i}">Nueva versión ${i} del escritorio
      libre</a></h2><div class="details">${7 - (i % 3)} marzo 12:4${i} - <a
      href="/seccion/escritorio">Escritorio</a> - Versión 10.${i}<span class="comments"> - <a
      href="/foro/hilo-${i}">${
        i === 4 ? "Añadir un comentario" : `${i + 2} comentarios`
      }</a></span></div><p>La nueva versión ${i}
      del escritorio trae mejoras de rendimiento, correcciones y un panel de ajustes
      renovado para los usuarios.</p></article>`,
  ).join("");
  const html = `<html><head><title>Noticias del software libre</title></head><body>
    <main><h1>Últimas noticias</h1>${stories}</main></body></html>`;
  const out = await autoHtml(html, "https://noticias.example/");
  assert.equal(out.metadata.page_type, "listing");
  assert.ok(out.content.includes("Nueva versión 7 del escritorio"), out.content);
  assert.match(out.content, /Versión 10\.3 - 5 comentarios/, out.content);
  assert.match(out.content, /Versión 10\.7 - 9 comentarios/, out.content);
  assert.match(out.content, /Versión 10\.4 - Añadir un comentario/, out.content);
});

Deno.test("auto drops the bars a shop names as its paging, not its count of goods", async (t) => {
  // A computer shop's category page (in Spanish): a grid of a dozen priced disks, over it
  // a count of the goods named for the paging with nothing to click, and above and below
  // it bars named "pagination" ("Página 1/20" with the previous and next pages).
  const disks = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="articulo"><a href="/p/disco-${i}"><span class="articulo__nombre">Disco
      sólido de un terabyte modelo ${i}</span></a>
      <span class="articulo__precio">${79 + i},99 €</span></li>`,
  ).join("");
  const bar = `<div class="list-tool-pagination"><span>Página <strong>1/20</strong></span>
    <a href="/c/discos" title="Anterior">Página anterior</a>
    <a href="/c/discos/pagina-2" title="Siguiente">Página siguiente</a></div>`;
  const page = (main: boolean): string => {
    const content = `<h1>Discos sólidos</h1>
      <span class="resumen-pagination">4079 artículos encontrados</span>
      ${bar}<ul class="rejilla">${disks}</ul>${bar}`;
    return `<html><head><title>Discos sólidos | Tienda</title></head><body>
      <header><nav><ul><li><a href="/c/portatiles">Portátiles y ordenadores</a></li>
        <li><a href="/c/componentes">Componentes y almacenamiento</a></li></ul></nav></header>
      ${main ? `<main>${content}</main>` : `<div class="pagina">${content}</div>`}
      <footer><ul><li><a href="/envios">Envíos y devoluciones</a></li></ul></footer>
      </body></html>`;
  };
  for (const main of [false, true]) {
    await t.step(main ? "a page that marks its main region" : "a page taken whole", async () => {
      const out = await autoHtml(page(main), "https://tienda.example/c/discos-solidos");
      assert.equal(out.metadata.page_type, "collection");
      assert.ok(out.content.includes("Disco sólido de un terabyte modelo 11"), out.content);
      assert.ok(out.content.includes("4079 artículos encontrados"), out.content);
      assert.doesNotMatch(out.content, /Página (1\/20|anterior|siguiente)/, out.content);
    });
  }
});

/**
 * A hiking magazine's ranked list (in German): six trails, each headed "N. <name>" with
 * its description, its facts and a box of links to the magazine's pages on it, and a box
 * of the same kind set among them; `numbers` gives each trail's number.
 */
function trailRanking(numbers: number[]): string {
  const items = numbers.map((n, i) =>
    `<div class="trail"><h2>${n}. <a href="/wege/${i}">Weg ${i}</a></h2><p>Der Weg ${i} führt
    durch Wälder und Dörfer.</p><ul class="facts"><li>Länge: ${90 + i} km</li></ul><div
    class="trail__links"><h4>Mehr zum Weg ${i}:</h4><a href="/wege/${i}/1">Etappen</a></div></div>`
  );
  items.splice(2, 0, `<div class="trail"><h2>Unsere Karten</h2><p>Alle Wege als Karte.</p></div>`);
  return `<p>Die schönsten Wege.</p><div class="trails">${items.join("")}</div>`;
}

Deno.test("restoreRankedItems() gives back the items of a ranked list the scorer cut", async (t) => {
  await t.step("the cut items come back in place, without the parts cut from the others", () => {
    const page = fragment(trailRanking([1, 2, 3, 4, 5, 6]));
    assert.equal(markRankedItems(page), 1);
    // The scorer's block: items 1, 4 and 5 cut, the kept ones without their links.
    const root = page.cloneNode(true) as Element;
    for (const h of root.querySelectorAll("h2")) {
      if (/^[145]\./.test(h.textContent ?? "")) h.parentElement!.remove();
    }
    for (const el of root.querySelectorAll(".trail__links")) el.remove();
    assert.equal(restoreRankedItems(root, page), true);
    const heads = [...root.querySelectorAll("h2")].map((h) => h.textContent);
    assert.deepEqual(heads, [
      "1. Weg 0",
      "2. Weg 1",
      "Unsere Karten",
      "3. Weg 2",
      "4. Weg 3",
      "5. Weg 4",
      "6. Weg 5",
    ]);
    assert.match(root.textContent ?? "", /Länge: 93 km/);
    assert.doesNotMatch(root.textContent ?? "", /Mehr zum|Etappen/);
  });
  await t.step("siblings numbered out of order are not a ranked list", () => {
    const page = fragment(trailRanking([1, 2, 7, 4, 5, 6]));
    assert.equal(markRankedItems(page), 0);
  });
  await t.step("a block that kept one item only is left as it is", () => {
    const page = fragment(trailRanking([1, 2, 3, 4, 5, 6]));
    markRankedItems(page);
    const root = page.cloneNode(true) as Element;
    for (const h of root.querySelectorAll("h2")) {
      if (!/^2\./.test(h.textContent ?? "")) h.parentElement!.remove();
    }
    assert.equal(restoreRankedItems(root, page), false);
  });
});

/**
 * A tea shop's category page (in Dutch): the title and, with `intro`, the paragraph that
 * introduces the category (and a box of facts with a heading of its own) sit in a block
 * before the `<main>` that holds the grid of eight priced teas; the block's class names it
 * a header.
 */
function teaShop(intro: boolean): string {
  const cards = Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="tile"><a href="/p/sencha-${i}"><span class="tile__name">Japanse sencha
      nummer ${i}</span></a><span class="tile__price">€ ${12 + i},50</span></li>`,
  ).join("");
  const text = intro
    ? `<div class="category-header_description"><p>Onze groene thee komt rechtstreeks van
      kleine theetuinen in Japan en China. Kies een frisse sencha voor elke dag of een
      zachte gyokuro voor een bijzonder moment: elke thee wordt vers verpakt.</p></div>
      <div class="fact"><h3>Wist u dat?</h3><p>Thee is na water de meest gedronken drank
      ter wereld.</p></div>`
    : `<p class="tagline">Vers van de tuin</p>`;
  return `<html><head><title>Groene thee | Theewinkel</title></head><body>
    <header><nav><ul><li><a href="/c/zwart">Zwarte thee</a></li>
      <li><a href="/c/kruiden">Kruidenthee</a></li></ul></nav></header>
    <section class="category-header"><h1>Groene thee</h1>${text}</section>
    <main><ul class="grid">${cards}</ul></main>
    <footer><ul><li><a href="/retour">Retourneren en ruilen</a></li></ul></footer>
    </body></html>`;
}

Deno.test("auto keeps the introduction a shop writes under its category's title, above the grid", async (t) => {
  const url = "https://theewinkel.example/c/groene-thee";
  await t.step(
    "the title with its paragraph of prose comes in before the grid, not the box of facts",
    async () => {
      const out = await autoHtml(teaShop(true), url);
      assert.equal(out.metadata.page_type, "collection");
      const intro = out.content.indexOf("Onze groene thee komt rechtstreeks");
      assert.ok(intro >= 0, out.content);
      assert.ok(intro < out.content.indexOf("Japanse sencha nummer 0"), out.content);
      assert.ok(!out.content.includes("Kruidenthee"), out.content);
      assert.ok(!out.content.includes("Wist u dat"), out.content);
    },
  );
  await t.step("the guide the shop writes after its grid comes in after the grid", async () => {
    const guide = [1, 2, 3].map((i) =>
      `<h2>Groene thee kiezen, deel ${i}</h2><p>${
        "Groene thee wordt niet geoxideerd en blijft daardoor fris en licht van smaak. "
          .repeat(15)
      }</p>`
    ).join("");
    // A grid long enough for the <main> that holds it to be the region.
    const more = Array.from(
      { length: 64 },
      (_, i) =>
        `<li class="tile"><a href="/p/gyokuro-${i}">Japanse gyokuro nummer ${i}</a>
        <span class="tile__price">€ ${20 + i},50</span></li>`,
    ).join("");
    const html = teaShop(true).replace('<ul class="grid">', `<ul class="grid">${more}`)
      .replace("<footer>", `<div class="gids">${guide}</div><footer>`);
    const out = await autoHtml(html, url);
    assert.equal(out.metadata.page_type, "collection");
    const at = out.content.indexOf("Groene thee kiezen, deel 3");
    assert.ok(at > out.content.indexOf("Japanse sencha nummer 0"), out.content);
  });
  await t.step("a title with a tagline stays out", async () => {
    const out = await autoHtml(teaShop(false), url);
    assert.ok(out.content.includes("Japanse sencha nummer 7"), out.content);
    assert.ok(!out.content.includes("Vers van de tuin"), out.content);
  });
});

Deno.test("addCategoryIntro() takes no menu, no block after the region and no long header", () => {
  const { document } = parseHTML(`<html><body>
    <div id="top"><h1>Groene thee</h1><p>${"Een lange zin over thee. ".repeat(8)}</p>
    <p><a href="/a">${"Een link naar een andere pagina. ".repeat(10)}</a></p></div>
    <main id="m"><p>De lijst.</p></main></body></html>`);
  const body = document.body as unknown as Element;
  const main = document.getElementById("m") as unknown as Element;
  assert.equal(addCategoryIntro(body, main), false, "links over 30 % of the block");
  document.querySelector("#top a")!.remove();
  assert.equal(addCategoryIntro(body, body), false, "the region is the body");
  main.after(document.getElementById("top")!);
  assert.equal(addCategoryIntro(body, main), false, "after the region");
  main.before(document.getElementById("top")!);
  assert.equal(addCategoryIntro(body, main), true);
  assert.equal(main.firstElementChild?.querySelector("h1")?.textContent, "Groene thee");
});

Deno.test("addCategoryGuide() adds the guide a shop writes after its grid, not a footer or a menu", () => {
  // A French shop's category of gas barbecues: the grid in <main>, then a buyer's guide of
  // three headed sections outside it, a band of links and the site's legal footer.
  const para = (n: number): string =>
    `<p>${
      "Le barbecue au gaz chauffe vite et se règle au degré près, sans cendres. ".repeat(n)
    }</p>`;
  const guide = [1, 2, 3].map((i) => `<h2>Bien choisir, partie ${i}</h2>${para(15)}`).join("");
  const links = Array.from({ length: 30 }, (_, i) => `<a href="/c/${i}">Catégorie ${i}</a>`)
    .join(" ");
  const { document } = parseHTML(`<html><body>
    <main id="m"><ul class="grid"><li><a href="/p/1">Barbecue Rogue</a> 649,00 €</li></ul></main>
    <div id="band"><h2>Nos catégories</h2>${links}${para(2)}</div>
    <footer id="legal"><h3>Mentions</h3>${para(50)}</footer>
    <div id="guide">${guide}</div></body></html>`);
  const body = document.body as unknown as Element;
  const main = document.getElementById("m") as unknown as Element;
  assert.equal(addCategoryGuide(body, body), false, "the region is the body");
  assert.equal(addCategoryGuide(body, main), true);
  assert.equal(main.lastElementChild?.id, "guide");
  assert.equal(
    main.querySelector("#band, #legal")?.outerHTML,
    undefined,
    "the band of links and the footer",
  );
  // A guide too short to be one: a paragraph under a heading.
  main.querySelector("#guide")!.remove();
  assert.equal(addCategoryGuide(body, main), false, "only the footer and the band are left");
});

Deno.test("auto drops a listing's dates told relative to the visit, keeps calendar dates", async (t) => {
  // A French news index: eight stories, each with a byline of its author and the time
  // since it was posted ("il y a 3 jours") in a <time>, its datetime the real date.
  const stories = Array.from(
    { length: 8 },
    (_, i) =>
      `<article class="teaser"><h2><a href="/actualites/article-${i}">Le port de Brest
      accueille le navire numéro ${i}</a></h2><p>Le navire ${i} est arrivé au port avec
      sa cargaison et son équipage, après une traversée de plusieurs semaines.</p><div
      class="byline"><a href="/auteurs/marie">Marie Le Goff</a> · <time
      datetime="2026-03-0${i + 1}T10:00:00+01:00">il y a ${i + 2} jours</time></div></article>`,
  ).join("");
  const html = `<html><head><title>Actualités du port</title></head><body>
    <main><h1>Dernières actualités</h1>${stories}</main></body></html>`;
  await t.step("the relative dates go with their bylines, the stories stay", async () => {
    const out = await autoHtml(html, "https://port.example/actualites");
    assert.equal(out.metadata.page_type, "listing");
    assert.ok(out.content.includes("accueille le navire numéro 7"), out.content);
    assert.ok(!out.content.includes("Marie Le Goff"), out.content);
    assert.ok(!out.content.includes("il y a"), out.content);
  });
  await t.step("a date with a year or a time, a day's tile and a range of days stay", () => {
    const { document } = parseHTML(`<html><body><div id="r">
      <p class="a"><time>5 mars 2026</time></p><p class="b"><time>10:30</time></p>
      <p class="c"><time datetime="2026-03-20">20</time></p>
      <p class="d"><time>sam. 7 mars – lun. 9 mars</time></p>
      <p class="e">Voir la carte. <time datetime="2026-03-05">il y a 2 heures</time></p>
      <p class="f"><span> | <time datetime="2026-03-05">vor 3 Tagen</time></span></p>
      </div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 2);
    const left = (sel: string): string | undefined =>
      document.querySelector(sel)?.textContent?.trim();
    assert.equal(left(".a"), "5 mars 2026");
    assert.equal(left(".b"), "10:30");
    assert.equal(left(".c"), "20");
    assert.equal(left(".d"), "sam. 7 mars – lun. 9 mars");
    assert.equal(left(".e"), "Voir la carte.", "a sentence beside it stays");
    assert.equal(
      document.querySelector(".f")?.outerHTML,
      undefined,
      "a block of only separators goes with it",
    );
  });
});

Deno.test("dropRelativeTimes drops the line of facts a relative date closes", async (t) => {
  await t.step("a byline or a section tag beside the date goes with it", () => {
    const { document } = parseHTML(`<html><body><div id="r">
      <article><h3><a href="/a">Le port de Brest accueille un navire</a></h3>
      <div class="a"><a href="/auteur/marie">Marie Le Goff</a> et
      <a href="/auteur/yann">Yann Kerbrat</a> | <time datetime="2026-03-05">il y a 3 jours</time>
      </div></article>
      <article><h3><a href="/b">Le phare du Créac'h repeint</a></h3>
      <div class="b"><span class="timeago">vor 4 Stunden</span><span>Bretagne</span></div>
      </article></div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 2);
    assert.equal(document.querySelector(".a")?.textContent, undefined);
    assert.equal(document.querySelector(".b")?.textContent, undefined);
    assert.equal(document.querySelectorAll("h3").length, 2, "the items' titles stay");
  });
  await t.step("a heading, a paragraph or a long line beside the date stays", () => {
    const long = "Un récit du port, de ses quais et de ses navires venus de loin ce matin";
    const { document } = parseHTML(`<html><body><div id="r">
      <div class="a"><h3>Le port</h3><time datetime="2026-03-05">il y a 3 jours</time></div>
      <div class="b"><p>Marie</p><time datetime="2026-03-05">il y a 3 jours</time></div>
      <div class="c">${long} <time datetime="2026-03-05">il y a 3 jours</time></div>
      </div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 3);
    assert.equal(document.querySelector(".a h3")?.textContent, "Le port");
    assert.equal(document.querySelector(".b p")?.textContent, "Marie");
    assert.ok(document.querySelector(".c")?.textContent?.includes(long));
  });
  await t.step("a Chinese or Japanese sentence beside the date stays, a byline goes", () => {
    // Measured as its words: twenty-odd kanji are a sentence, not a line of facts.
    const zh = "港口今天早上迎来了一艘从远方驶来的大船。";
    const ja = "港に遠くの国から大きな船が今朝ゆっくりと入ってきた";
    const { document } = parseHTML(`<html><body><div id="r">
      <div class="a">${zh}<time datetime="2026-03-05">3天前</time></div>
      <div class="b">${ja}<time datetime="2026-03-05">3日前</time></div>
      <div class="c"><span>佐藤 美咲</span> <time datetime="2026-03-05">3日前</time></div>
      </div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 3);
    assert.ok(document.querySelector(".a")?.textContent?.includes(zh));
    assert.ok(document.querySelector(".b")?.textContent?.includes(ja));
    assert.equal(document.querySelector(".c")?.textContent, undefined);
  });
  await t.step("a calendar date in Arabic-Indic digits stays, a relative one goes", () => {
    const { document } = parseHTML(`<html><body><div id="r">
      <div class="a"><time datetime="2024-06-05">يونيو ٢٠٢٤</time></div>
      <div class="b"><time datetime="2024-06-05">١٠:٣٠ صباحاً</time></div>
      <div class="c"><time datetime="2026-03-05">منذ ٣ أيام</time></div>
      </div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 1);
    assert.equal(document.querySelector(".a time")?.textContent, "يونيو ٢٠٢٤");
    assert.equal(document.querySelector(".b time")?.textContent, "١٠:٣٠ صباحاً");
    assert.equal(document.querySelector(".c time")?.outerHTML, undefined);
  });
  await t.step("a date of the Persian, Hijri or Thai calendar stays, a relative one goes", () => {
    const { document } = parseHTML(`<html><body><div id="r">
      <div class="a"><time datetime="2024-06-01">خرداد ۱۴۰۳</time></div>
      <div class="b"><time datetime="2024-03-20">رمضان ١٤٤٥</time></div>
      <div class="c"><time datetime="2024-06-01">มิถุนายน 2567</time></div>
      <div class="d"><time datetime="2026-03-05">۳ روز پیش</time></div>
      <div class="e"><time datetime="2026-03-05">3 วันที่แล้ว</time></div>
      </div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 2);
    assert.equal(document.querySelector(".a time")?.textContent, "خرداد ۱۴۰۳");
    assert.equal(document.querySelector(".b time")?.textContent, "رمضان ١٤٤٥");
    assert.equal(document.querySelector(".c time")?.textContent, "มิถุนายน 2567");
    assert.equal(document.querySelector(".d time")?.outerHTML, undefined);
    assert.equal(document.querySelector(".e time")?.outerHTML, undefined);
  });
});

Deno.test("auto drops a relative date shown by an element named for a date, not a <time>", async (t) => {
  // A Spanish news index: eight stories, each closing with a details line of the time since
  // it was updated in a <span> named for it ("hace 9 horas") and the story's region.
  const stories = Array.from(
    { length: 8 },
    (_, i) =>
      `<div class="card"><h2><a href="/noticias/historia-${i}">El puerto de Vigo recibe el
      buque número ${i}</a></h2><p>El buque ${i} llegó al puerto con su carga y su
      tripulación, después de varias semanas de travesía por el Atlántico.</p><div
      class="card-meta"><span data-testid="card-lastupdated">hace ${i + 2} horas</span>
      <span class="card-region">Galicia</span></div></div>`,
  ).join("");
  const html = `<html><head><title>Noticias del puerto</title></head><body>
    <main><h1>Últimas noticias</h1>${stories}</main></body></html>`;
  await t.step("the relative dates go with their details lines, the stories stay", async () => {
    const out = await autoHtml(html, "https://puerto.example/noticias");
    assert.equal(out.metadata.page_type, "listing");
    assert.ok(out.content.includes("recibe el buque número 7"), out.content);
    assert.ok(!out.content.includes("Galicia"), out.content);
    assert.ok(!out.content.includes("hace"), out.content);
  });
  await t.step("a calendar date so named, and a reading time, stay", () => {
    const { document } = parseHTML(`<html><body><div id="r">
      <p class="a"><span class="published">12 de marzo de 2026</span></p>
      <p class="b"><span class="reading-time">5 min de lectura</span></p>
      <p class="c"><span class="posted-on">hace 2 días</span></p></div></body></html>`);
    const root = document.getElementById("r") as unknown as Element;
    assert.equal(dropRelativeTimes(root), 1);
    assert.equal(document.querySelector(".a")?.textContent, "12 de marzo de 2026");
    assert.equal(document.querySelector(".b")?.textContent, "5 min de lectura");
    assert.equal(document.querySelector(".c")?.outerHTML, undefined);
  });
});

/** Eight priced cards of a coffee maker shop's grid (in Spanish). */
function cafeteraCards(): string {
  return Array.from(
    { length: 8 },
    (_, i) =>
      `<li class="card"><h3><a href="/p/cafetera-${i}">Cafetera italiana ${i}</a></h3>
      <span class="price">${30 + i},00 €</span></li>`,
  ).join("");
}

/**
 * A coffee maker shop's category page (in Spanish): eight priced cards, then questions
 * and answers, each answer closing with `close` after its last sentence.
 */
function cafeteraGuide(close: string): string {
  const cards = cafeteraCards();
  const answer = (topic: string): string =>
    `<details><summary>¿Cómo se limpia la ${topic}?</summary><p>Con agua tibia y un
    cepillo suave después de cada uso, sin jabón ni lavavajillas, y secándola bien antes de
    guardarla para que el metal no se oscurezca.${close}</p></details>`;
  return `<html><head><title>Cafeteras</title></head><body><main><h1>Cafeteras</h1>
    <ul class="grid">${cards}</ul>
    <section class="faq"><h2>Preguntas frecuentes</h2>${answer("cafetera")}${
    answer("junta")
  }</section></main></body></html>`;
}

Deno.test("auto drops the link a shop's paragraph closes with as a sentence of its own", async (t) => {
  await t.step("a closing link goes, the answer stays", async () => {
    const out = await autoHtml(
      cafeteraGuide(' <a href="/c/limpieza">Ver todos los productos de limpieza</a>.'),
      "https://cafe.example/c/cafeteras",
    );
    assert.equal(out.metadata.page_type, "collection");
    assert.match(out.content, /antes de guardarla para que el metal no se oscurezca\./);
    assert.doesNotMatch(out.content, /Ver todos los productos/, out.content);
  });
  await t.step("a link inside the last sentence stays", async () => {
    const out = await autoHtml(
      cafeteraGuide(' Lo explicamos en <a href="/guia">nuestra guía de limpieza</a>.'),
      "https://cafe.example/c/cafeteras",
    );
    assert.equal(out.content.match(/nuestra guía de limpieza/g)?.length, 2, out.content);
  });
});

Deno.test("dropCallLines() drops a box's closing link with an arrow after its prose only", () => {
  const prose = "Der Klassiker unter den Gasgrills: robuste Brenner, emaillierter Deckel und " +
    "zehn Jahre Garantie auf die Brennkammer.";
  const root = fragment(`<div class="marke"><h4>Weber</h4><p>${prose}</p>
      <p><a href="/gasgrill-weber">Alle Gasgrills von Weber ansehen</a> →</p></div>
    <div class="intro"><p>${prose}</p><p>→ <a href="#ratgeber">Mehr erfahren</a></p></div>
    <div class="thema"><p>${prose}</p><p><a href="/umwelt">Mehr über Umwelt</a></p></div>
    <div class="zeile"><p>${prose}</p><p>Siehe <a href="/pflege">Pflegetipps</a> →</p></div>
    <div class="kurz"><p>Neu im Sortiment.</p><p><a href="/neu">Neuheiten</a> →</p></div>`);
  assert.equal(dropCallLines(root), 2);
  const text = root.textContent?.replace(/\s+/g, " ") ?? "";
  assert.ok(!text.includes("Alle Gasgrills") && !text.includes("Mehr erfahren"), text);
  // A plain link is a topic, a line with words is a sentence, short text is no prose.
  for (const kept of ["Mehr über Umwelt", "Siehe Pflegetipps", "Neuheiten"]) {
    assert.ok(text.includes(kept), kept);
  }
});

Deno.test("dropRepeatedTeasers() reads a story once across a listing's sections", () => {
  const story = (path: string, title: string): string =>
    `<article><a href="${path}"><h3>${title}</h3><p>Lo que pasó en el puerto, en dos
    líneas.</p></a></article>`;
  const { document } = parseHTML(`<html><body><main>
    <section class="portada">
      ${story("/noticias/marea-alta", "La marea alta inunda el paseo marítimo")}
      ${story("/noticias/nuevo-faro", "El nuevo faro se enciende esta noche")}
      ${story("/premios/ganador", "Casa de piedra junto al muelle")}
      ${story("/premios/mencion", "Casa de piedra junto al muelle")}
    </section>
    <section class="mas-leido"><h2>Lo más leído</h2><ol>
      <li><a href="/noticias/marea-alta"><span>1</span><h3>La marea alta inunda el paseo marítimo</h3></a></li>
      <li><a href="https://puerto.example/noticias/regata/"><h3>La regata de otoño cambia de fecha</h3></a></li>
      <li><a href="/noticias/nuevo-faro"><span>3</span><h3>El nuevo faro se enciende esta noche</h3></a></li>
    </ol></section>
    <section class="empleo"><h2>Empleo</h2><ul>
      <li><a href="/empleo/42">Se busca patrón de barco para la costa</a></li>
      <li><a href="/empleo/42">Se busca patrón de barco para la costa</a></li>
      <li><a href="/empleo/43">Se busca cocinero para el bar del puerto</a></li>
    </ul></section>
  </main></body></html>`);
  const root = document.querySelector("main")!;
  assert.equal(dropRepeatedTeasers(root), 2);
  assert.equal(document.querySelectorAll(".portada article").length, 4, "the first cards stay");
  assert.deepEqual(
    [...document.querySelectorAll(".mas-leido li")].map((li) => li.textContent?.trim()),
    ["La regata de otoño cambia de fecha"],
    "the later cards of the same pages go whole, with their ranks",
  );
  assert.equal(
    document.querySelectorAll(".empleo li").length,
    3,
    "two entries of one run (a job posted twice) stay",
  );
});

/**
 * A hardware shop's page of twelve priced cards and no main region, each card with its
 * cart button and a "Quick View" over its picture; the header holds the shop's own cart.
 */
function shopFloor(): string {
  const cards = Array.from(
    { length: 12 },
    (_, i) =>
      `<div class="item-cell"><a href="/p/${i}" class="item-img"><img src="/i/${i}.jpg" alt="">
      <div class="btn btn-quickview">Quick View</div></a><div class="item-info">
      <a href="/p/${i}" class="item-title">Graphics card model ${i} with 16 GB</a>
      <ul class="price"><li class="price-current">$${400 + i}.99</li>
      <li class="price-ship">Free Shipping</li></ul>
      <div class="item-operate"><button class="btn btn-primary">Add to cart</button></div>
      </div></div>`,
  ).join("");
  return `<html><head><title>Graphics cards</title></head><body>
    <header><a href="/" class="logo">Hardware Shop</a><a href="/cart" class="cart">Cart</a></header>
    <h1>Graphics cards</h1><div class="filters"><a href="?brand=a">Brand A</a> (12)</div>
    <div class="list-wrap">${cards}</div></body></html>`;
}

Deno.test("dropCardControls() drops the buttons a grid's cards show, not the header's", () => {
  const { document } = parseHTML(shopFloor());
  assert.equal(dropCardControls(document.body), 24);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Add to cart") && !text.includes("Quick View"), text);
  assert.ok(text.includes("Graphics card model 11 with 16 GB") && text.includes("$411.99"));
  assert.ok(text.includes("Cart") && text.includes("Brand A"), text);
});

Deno.test("auto drops the cart buttons of a shop's page taken whole", async () => {
  const out = await autoHtml(shopFloor(), "https://shop.example/c/graphics-cards");
  assert.equal(out.metadata.page_type, "collection");
  assert.ok(out.content.includes("Graphics card model 0 with 16 GB"), out.content);
  assert.ok(out.content.includes("Brand A"), out.content);
  assert.ok(!out.content.includes("Add to cart"), out.content);
  assert.ok(!out.content.includes("Quick View"), out.content);
});

Deno.test("dropHeadlessCards() drops a teaser whose linked title went, not a card titled in text", () => {
  // A program's page: its features (cards titled in text) and its news (cards titled by
  // a link to the story, with a summary and a byline).
  const feature = (i: number) =>
    `<div class="feature"><h3>Feature ${i}</h3><p>What the program offers in its
    part ${i}, with a <a href="/apply">link</a> to apply.</p></div>`;
  const story = (i: number) =>
    `<article class="media"><h2 class="media-heading"><a href="/news/story-${i}">Story ${i}
    of the school</a></h2><p class="excerpt">A student of the school won award ${i} this
    spring.</p><p class="byline">02/2${i}/2025 | By a writer</p></article>`;
  const root = fragment(
    `<h1>Master of Accounting</h1>${[1, 2, 3, 4].map(feature).join("")}
    <h2>News and Notes</h2>${[1, 2, 3, 4].map(story).join("")}`,
  );
  assert.equal(markCards(root), 8);
  const headed = headedCards(root);
  // The cleaning took the first story's headline and the first feature's title.
  root.querySelector("article h2")!.remove();
  root.querySelector(".feature h3")!.remove();
  assert.equal(dropHeadlessCards(root, headed), 1);
  const text = root.textContent ?? "";
  assert.ok(!text.includes("award 1"), "the headless teaser's summary goes");
  assert.ok(!text.includes("02/21/2025"), "and its byline");
  assert.ok(text.includes("award 2") && text.includes("Story 2"), "a teaser with its title stays");
  assert.ok(text.includes("part 1,"), "a card titled in text keeps its other lines");
  assert.ok(text.includes("Feature 2"));
});

Deno.test("dropLoneTeasers() drops the one teaser the cleaning kept of a run, not a run kept whole", () => {
  // A service's text, then a blog's latest posts in three columns, then a second run of
  // three teasers (its case studies).
  const teaser = (kind: string, i: number) =>
    `<div class="${kind}"><h3><a href="/${kind}/${i}">The ${kind} number ${i}</a></h3>
    <p>A summary of the ${kind} number ${i}, in a sentence or two about it.</p></div>`;
  const root = fragment(
    `<h1>SEO consulting</h1><p>What the consultant does for a company's pages.</p>
    <div class="posts">${[1, 2, 3].map((i) => teaser("post", i)).join("")}</div>
    <div class="cases">${[1, 2, 3].map((i) => teaser("case", i)).join("")}</div>`,
  );
  assert.equal(markTeaserRuns(root), 2);
  // The cleaning took two of the posts and none of the case studies.
  for (const post of [...root.querySelectorAll(".post")].filter((_, i) => i !== 1)) {
    post.remove();
  }
  assert.equal(dropLoneTeasers(root), 1);
  const text = root.textContent ?? "";
  assert.ok(!text.includes("post number 2"), "the lone post goes");
  assert.ok(text.includes("The case number 1") && text.includes("The case number 3"));
  assert.ok(text.includes("What the consultant does"));
  assert.equal(root.querySelector("[data-riptide-teaser-run]"), null, "the marks go");
});

Deno.test("dropSeeAllLinks() reads a tag cloud's nearest lines and keeps its words", () => {
  // A cloud of 300 tags set as sibling lines, then its "All tags" link to their index; the
  // nearest lines answer for the run. A cloud's own short tags stay.
  const tags = Array.from({ length: 300 }, (_, i) => `<p><a href="/tags/t${i}">Tag ${i}</a></p>`);
  const root = fragment(
    `<h2>Tags</h2>${tags.join("")}<p><a href="/tags">All tags</a></p>` +
      `<p>${tags.map((t) => t.slice(3, -4)).join(" ")}</p>`,
  );
  dropSeeAllLinks(root);
  const text = root.textContent?.replace(/\s+/g, " ").trim() ?? "";
  assert.ok(!text.includes("All tags"), text.slice(-200));
  assert.equal(text.split("Tag 299").length, 3, "each cloud keeps its last tag");
  assert.equal(text.split("Tag 0").length, 3, "each cloud keeps its first tag");
});

Deno.test("dropCardTemplate() weighs a tally's call in a script without spaces by its words", () => {
  // A news site's front page (in Chinese): each card's details line ends in the slot of
  // the story's comments. A short call ("发表评论", two words) is the slot's tally; a
  // sentence every card repeats ("暂无评论，快来抢沙发", one run of letters without a
  // space but five words) is the template's, as "Be the first to leave a comment" is.
  const cards = (call: string): string =>
    Array.from(
      { length: 8 },
      (_, i) =>
        `<article class="teaser"><h2><a href="/news/${i}">桌面环境发布第${i}个新版本</a></h2>
        <div class="details">3月${i + 1}日 12:4${i} - <a href="/rubrik/desktop">桌面</a> -
        版本 10.${i}<span class="comments"> - <a href="/forum/${i}">${call}</a></span></div>
        <p>新版本${i}带来了更快的窗口和新的设置选项。</p></article>`,
    ).join("");
  const short = fragment(`<h1>新闻</h1><div class="list">${cards("发表评论")}</div>`);
  dropCardTemplate(short);
  assert.match(short.textContent ?? "", /版本 10\.3 - 发表评论/);
  const long = fragment(`<h1>新闻</h1><div class="list">${cards("暂无评论，快来抢沙发")}</div>`);
  dropCardTemplate(long);
  assert.doesNotMatch(long.textContent ?? "", /抢沙发/);
});
