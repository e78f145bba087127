import assert from "node:assert/strict";
import { hashClasses, hashToken } from "./_hash_classes.ts";

Deno.test("hashClasses() hashes class tokens and ids, the same token alike", () => {
  const out = hashClasses(
    `<div class="sidebar  related" id=side data-x="sidebar" role="complementary">` +
      `<p class='sidebar'>sidebar text</p></div>`,
  );
  const s = hashToken("sidebar"), r = hashToken("related"), d = hashToken("side");
  assert.equal(
    out,
    `<div class="${s} ${r}" id=${d} data-x="sidebar" role="complementary">` +
      `<p class='${s}'>sidebar text</p></div>`,
  );
  assert.notEqual(s, r);
});

Deno.test("hashClasses() hashes the selectors of a style sheet that name the page's tokens", () => {
  const out = hashClasses(
    `<style>.hide, #top { display: none; color: #fff }</style>` +
      `<div class="hide" id="top">x</div>`,
  );
  assert.ok(out.includes(`.${hashToken("hide")}, #${hashToken("top")} {`), out);
  assert.ok(out.includes("color: #fff"), out);
});

Deno.test("hashClasses() keeps a quoted attribute that holds markup whole", () => {
  const out = hashClasses(`<input value="<span class=money>1 USD</span>" name="x">`);
  assert.equal(out, `<input value="<span class=${hashToken("money")}>1 USD</span>" name="x">`);
});
