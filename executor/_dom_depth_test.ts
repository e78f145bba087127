import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { capDepth, MAX_DOM_DEPTH } from "./_dom_depth.ts";
import { extract } from "./extract.ts";
import { htmlToMarkdown } from "./_markdown.ts";

const nested = (n: number, inner: string): string =>
  `<html><body>${"<div>".repeat(n)}${inner}${"</div>".repeat(n)}</body></html>`;

function depthOf(root: Element): number {
  let max = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of el.children) stack.push([c, d + 1]);
  }
  return max;
}

Deno.test("capDepth() flattens what nests deeper than the cap to its text", () => {
  const { document } = parseHTML(
    nested(300, "<p>deep <a href='/x'>words</a></p><script>var hidden = 1;</script>"),
  );
  const root = document.documentElement as unknown as Element;
  assert.equal(capDepth(document), 1);
  assert.ok(depthOf(root) <= MAX_DOM_DEPTH, `depth ${depthOf(root)}`);
  assert.match(root.textContent ?? "", /deep words/);
  assert.doesNotMatch(root.textContent ?? "", /hidden/);
  // A page within the cap is left as it is.
  const shallow = parseHTML(nested(20, "<p>a <b>b</b></p>")).document;
  const before = shallow.toString();
  assert.equal(capDepth(shallow), 0);
  assert.equal(shallow.toString(), before);
});

Deno.test("every strategy extracts a page of 30,000 nested elements without overflowing", async (t) => {
  const html = nested(30_000, "<p>The bottom of a very deep page has words too.</p>");
  const page = {
    url: "http://127.0.0.1/",
    finalUrl: "http://127.0.0.1/",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
  };
  for (
    const [strategy, options] of [
      ["auto", { markdown: true }],
      ["css", { selectors: { p: "p" } }],
      ["regex", {}],
    ] as const
  ) {
    await t.step(strategy, async () => {
      // Without the cap, auto throws "Maximum call stack size exceeded".
      await extract(page, strategy, options);
    });
  }
  await t.step("htmlToMarkdown()", () => {
    assert.match(htmlToMarkdown(html), /The bottom of a very deep page/);
  });
});
