import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import {
  controlledIds,
  declaresProduct,
  dropRepeatedBlocks,
  isCollapsedPanel,
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

Deno.test("isCollapsedPanel() takes folded panels and leaves aria-hidden decorations", () => {
  const document = parsePage(
    `<html><body><button aria-controls="a b">Open</button><div id="a" aria-hidden="true">Care notes</div>` +
      `<div id="c" role="tabpanel" aria-hidden="true">Sizes</div><div id="d" hidden>Specs</div>` +
      `<div id="e" style="display: none">More</div><div id="f" aria-hidden="true">Zoom</div></body></html>`,
  );
  const controlled = controlledIds(document.body);
  assert.deepEqual([...controlled], ["a", "b"]);
  const panel = (id: string): boolean =>
    isCollapsedPanel(document.getElementById(id) as Element, controlled);
  assert.deepEqual(["a", "c", "d", "e", "f"].map(panel), [true, true, true, true, false]);
});
