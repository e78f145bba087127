import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { dropBadgeRows, dropCardBadges, dropMarkTables, dropTwinTitle } from "./_product_badges.ts";

const BADGES = `<ul class="icons">
  <li><img src="a.svg" alt=""> Original design</li>
  <li><img src="b.svg" alt=""> Free shipping &amp; returns</li>
  <li><svg><use href="#lock"></use></svg><span>Secure checkout</span></li>
</ul>`;

Deno.test("dropBadgeRows() drops a row of icon badges in the box of the cart button", () => {
  const document = parsePage(
    `<html><body><h1>Wallet</h1><div class="buy"><form action="/cart/add"><button name="add">Add</button></form>${BADGES}</div><p>A slim wallet of aluminium plates that holds twelve cards.</p></body></html>`,
  );
  assert.equal(dropBadgeRows(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Secure checkout"), text);
  assert.ok(text.includes("A slim wallet"), text);
});

Deno.test("dropBadgeRows() drops a row of pills where only some carry an icon", () => {
  // A shop's promises as like pills: the ones it explains carry a tooltip's icon.
  const pill = (text: string, icon: boolean) =>
    `<div class="pill"><p><span>${text}</span></p>${
      icon ? '<button aria-label="tooltip"><svg></svg></button>' : ""
    }</div>`;
  const document = parsePage(
    `<html><body><h1>Leather Case</h1><div class="buy"><form action="/cart/add"><button name="add">Add to cart</button></form><div class="pills">${
      pill("No Longer Available", true) + pill("Duties and Taxes Paid", false) +
      pill("Buy a Case, Get a Free Screen Protector", true)
    }</div></div><p>A case of full-grain leather that wraps the phone's edges.</p></body></html>`,
  );
  assert.equal(dropBadgeRows(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Duties and Taxes"), text);
  assert.ok(text.includes("full-grain leather"), text);
});

Deno.test("dropBadgeRows() drops a row whose one badge names a threshold, past a float's clearer", () => {
  // PrestaShop's reassurance block: three icons over short titles, then an empty
  // `clearfix` the layout needs; one promise names the amount free delivery starts at.
  const item = (icon: string, title: string) =>
    `<div><span class="item-product"><img src="/${icon}.svg"></span>` +
    `<p class="block-title">${title}</p></div>`;
  const document = parsePage(
    `<html><body><h1>Savon lavande</h1><div class="product-information">` +
      `<form action="/panier"><button class="add-to-cart">Ajouter au panier</button></form>` +
      `<div class="blockreassurance_product">${item("security", "Paiement sécurisé")}` +
      `${item("carrier", "Livraison offerte dès 40 €")}${item("parcel", "Retours sous 14 jours")}` +
      `<div class="clearfix"></div></div></div>` +
      `<p>Un savon saponifié à froid, fabriqué à la main dans notre atelier d'Apt.</p>` +
      `</body></html>`,
  );
  assert.equal(dropBadgeRows(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Paiement sécurisé") && !text.includes("dès 40 €"), text);
  assert.ok(text.includes("atelier d'Apt"), text);
});

Deno.test("dropBadgeRows() keeps a row where most items have no icon", () => {
  const document = parsePage(
    `<html><body><div class="buy"><form action="/cart/add"><button name="add">Add to cart</button></form><ul><li><svg></svg> Small</li><li>Medium</li><li>Large</li></ul></div></body></html>`,
  );
  assert.equal(dropBadgeRows(document.body), 0);
});

Deno.test("dropBadgeRows() keeps icon rows far from the cart, and prices", () => {
  const prose = "<p>A paragraph of the product's description, long enough to fill a box. </p>"
    .repeat(30);
  const document = parsePage(
    `<html><body><div><form action="/cart/add"><button>Add</button></form></div><section>${prose}${BADGES}</section><div><form action="/cart/add"></form><ul><li><img src="1.jpg"> Case $25</li><li><img src="2.jpg"> Cable $35</li><li><img src="3.jpg"> Strap $18</li></ul></div></body></html>`,
  );
  assert.equal(dropBadgeRows(document.body), 0);
  assert.ok((document.body.textContent ?? "").includes("Secure checkout"));
});

Deno.test("dropBadgeRows() does nothing on a page without a cart", () => {
  const document = parsePage(`<html><body><div>${BADGES}</div></body></html>`);
  assert.equal(dropBadgeRows(document.body), 0);
});

Deno.test("dropTwinTitle() drops the copy of a heading that follows it", () => {
  const document = parsePage(
    `<html><body><main><a href="/v">Audeze</a><div><h1>LCD-2 Classic</h1><a href="/p"><h2 class="h1"> LCD-2 Classic </h2></a></div><p>Open-back headphones.</p></main></body></html>`,
  );
  const main = document.querySelector("main")!;
  assert.equal(dropTwinTitle(main), 1);
  assert.equal(main.querySelectorAll("h1").length, 1);
  assert.equal(main.querySelector("h2"), null);
  assert.equal(main.querySelector('a[href="/p"]'), null, "the box of the copy goes with it");
});

Deno.test("dropTwinTitle() keeps a heading followed by other text, and a later repeat", () => {
  const document = parsePage(
    `<html><body><main><h1>Rust</h1><p>The only aim in Rust is to survive.</p><div>Rust</div></main></body></html>`,
  );
  const main = document.querySelector("main")!;
  assert.equal(dropTwinTitle(main), 0);
  assert.equal(main.querySelectorAll("div").length, 1);
});

Deno.test("dropMarkTables() drops a table of ticks, keeps tables with values", () => {
  const document = parsePage(
    `<html><body><table id="marks"><tr><th></th><th>Interface</th><th>Audio</th></tr><tr><td>English</td><td><span>✔</span></td><td>✔</td></tr><tr><td>French</td><td>✔</td><td></td></tr><tr><td>German</td><td>✔</td><td></td></tr></table><table id="specs"><tr><td>Weight</td><td>✔</td></tr><tr><td>Size</td><td>-</td></tr><tr><td>Battery</td><td>8 hours</td></tr></table></body></html>`,
  );
  assert.equal(dropMarkTables(document.body), 1);
  assert.equal(document.querySelector("#marks"), null);
  assert.ok(document.querySelector("#specs") !== null);
});

Deno.test("dropMarkTables() drops one row of ticks under column headings, not without them", () => {
  const document = parsePage(
    `<html><body><table id="headed"><tr><th></th><th>Interface</th><th>Subtitles</th></tr><tr><td>English</td><td>✔</td><td></td></tr></table><table id="bare"><tr><td>Waterproof</td><td>✔</td></tr></table></body></html>`,
  );
  assert.equal(dropMarkTables(document.body), 1);
  assert.equal(document.querySelector("#headed"), null);
  assert.ok(document.querySelector("#bare") !== null);
});

Deno.test("dropCardBadges() drops WooCommerce's sale flash in a card's link", () => {
  const document = parsePage(
    `<html><body><ul class="products"><li class="product"><a href="/product/blue-mug/" class="woocommerce-LoopProduct-link"><span class="onsale">Sale!</span><img src="m.jpg" alt=""><h2 class="woocommerce-loop-product__title">Cobalt Drip Mug</h2><span class="price">$29.00</span></a></li></ul></body></html>`,
  );
  assert.equal(dropCardBadges(document.body), 1);
  const text = document.body.textContent ?? "";
  assert.ok(!text.includes("Sale!"), text);
  assert.ok(text.includes("Cobalt Drip Mug") && text.includes("$29.00"), text);
});

Deno.test("dropCardBadges() drops the badges shops write in other languages", () => {
  const card = (badge: string, title: string) =>
    `<li><a href="/p/${title.length}"><span class="flash">${badge}</span><img src="p.jpg" alt=""><h3>${title}</h3><span>12,00 €</span></a></li>`;
  const document = parsePage(
    `<html><body><ul class="products">${card("Promo !", "Tasse émaillée")}${
      card("¡Oferta!", "Taza esmaltada")
    }${card("Ausverkauft", "Emaillebecher")}${card("Nieuw", "Emaille mok")}${
      card("Nowość", "Kubek emaliowany")
    }${card("Novità", "Tazza smaltata")}${card("Новинка", "Эмалированная кружка")}${
      card("Tükendi", "Emaye kupa")
    }${card("جديد", "كوب مطلي")}${card("売り切れ", "ホーローマグ")}${card("新品", "搪瓷杯")}${
      card("품절", "법랑 머그")
    }</ul></body></html>`,
  );
  assert.equal(dropCardBadges(document.body), 12);
  assert.equal(document.querySelector(".flash"), null);
  assert.equal(document.querySelectorAll("h3").length, 12, "the titles stay");
});

Deno.test("dropCardBadges() drops a badge over a card's picture, keeps a filter's label", () => {
  const document = parsePage(
    `<html><body><form><fieldset><label><input type="checkbox"> <span>New</span></label><label><input type="checkbox"> <span>Used</span></label></fieldset></form><ul class="grid"><li><a href="/p/mug"><img src="mug.jpg" alt=""><div class="badge"><span>New</span></div><h3>Enamel mug</h3><span>$12</span></a></li><li><a href="/p/cup"><img src="cup.jpg" alt=""><span class="badge">-20%</span><h3>Tin cup</h3></a></li><li><a href="/p/new"><img src="n.jpg" alt=""><div class="title"><h3>New</h3></div></a></li></ul></body></html>`,
  );
  assert.equal(dropCardBadges(document.body), 2);
  assert.equal(document.querySelector(".badge"), null);
  assert.equal(
    document.querySelector("label span")?.textContent,
    "New",
    "the filter's label stays",
  );
  assert.equal(
    document.querySelector('a[href="/p/new"] h3')?.textContent,
    "New",
    "a heading stays",
  );
  assert.ok((document.body.textContent ?? "").includes("Enamel mug"));
});
