import assert from "node:assert/strict";
import { escapeMarkdown, escapeParagraph, fencedCode } from "./_markdown_text.ts";

Deno.test("escapeMarkdown() and escapeParagraph() keep plain text plain", () => {
  assert.equal(escapeMarkdown("a_b *c* [d] `e` \\"), "a\\_b \\*c\\* \\[d\\] \\`e\\` \\\\");
  for (
    const [text, escaped] of [
      ["# not a heading", "\\# not a heading"],
      ["### not a heading", "\\### not a heading"],
      ["> not a quote", "\\> not a quote"],
      ["- not an item", "\\- not an item"],
      ["+ not an item", "\\+ not an item"],
      ["12. not an item", "12\\. not an item"],
      ["3) not an item", "3\\) not an item"],
      ["---", "\\---"],
      ["#hashtag and 2.5 stay", "#hashtag and 2.5 stay"],
    ]
  ) {
    assert.equal(escapeParagraph(text!), escaped, text);
  }
});

Deno.test("fencedCode() keeps code verbatim inside a long enough fence", () => {
  assert.equal(fencedCode("a\n  b", "js"), "```js\na\n  b\n```");
  assert.equal(fencedCode("x ```` y"), "`````\nx ```` y\n`````");
});
