import assert from "node:assert/strict";
import { collapse, isSpace } from "./_dom_text.ts";

Deno.test("isSpace() reads a code unit as white space as `\\s` does", () => {
  for (let c = 0; c < 0x10000; c++) {
    assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  }
});

Deno.test("collapse() gives one space for each run of white space, trimmed", () => {
  const texts = [
    "Add to cart",
    "",
    " ",
    "a",
    " a",
    "a ",
    "a  b",
    "a \u00a0b",
    "a\nb",
    "\u3000新闻\u2028",
    "Olá, mundo",
    "x\ufeff",
  ];
  for (const text of texts) assert.equal(collapse(text), text.replace(/\s+/g, " ").trim());
  // Every code unit between two letters, alone and doubled.
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const text of [`a${ch}b`, `a${ch}${ch}b`, `${ch}a`, `a ${ch}`]) {
      assert.equal(collapse(text), text.replace(/\s+/g, " ").trim());
    }
  }
  assert.equal(collapse(null), "");
});
