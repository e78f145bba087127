import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { productBlock } from "./_product.ts";

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
