import assert from "node:assert/strict";
import { select } from "./_wasm_pick.ts";
import type { Frame, Paragraph } from "./_wasm_collect.ts";

/**
 * Markup that never closes its tags (`<div><p>…<b>…` over and over) nests each
 * paragraph's container one deeper than the last: `depth` containers in a chain, a
 * paragraph in each, and a count of the reads of a container's parent.
 */
function staircase(depth: number): { paragraphs: Paragraph[]; reads: () => number } {
  let reads = 0;
  let parent: Frame | null = null;
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < depth; i++) {
    const above: Frame | null = parent;
    const frame: Frame = {
      tag: "div",
      weight: 0,
      suspect: 0,
      get parent() {
        reads++;
        return above;
      },
    };
    const text = `Paragraph ${i} of a page whose tags never close, with a comma, and more words.`;
    paragraphs.push({ text, kind: "p", linkChars: 0, frame, suspect: 0 });
    parent = frame;
  }
  return { paragraphs, reads: () => reads };
}

Deno.test("select() reads each container's ancestry once on markup nested thousands deep", () => {
  const depth = 3_000;
  const { paragraphs, reads } = staircase(depth);
  const kept = select(paragraphs);
  // The deepest containers score best: the picked one holds the last paragraphs, and
  // the paragraphs above it (outside it) stay out.
  assert.ok(kept.length > 0);
  assert.equal(kept.at(-1), paragraphs.at(-1));
  assert.ok(
    kept.every((p, i) => i === 0 || paragraphs.indexOf(p) > paragraphs.indexOf(kept[i - 1]!)),
  );
  // Walking each paragraph's whole ancestry reads ~depth²/2 parents (4.5 million here).
  assert.ok(reads() < 20 * depth, `${reads()} reads of a parent for ${depth} containers`);
});

Deno.test("select() keeps the chosen container's paragraphs and its strong siblings'", () => {
  const root: Frame = { tag: "body", weight: 0, suspect: 0, parent: null };
  const article: Frame = { tag: "article", weight: 25, suspect: 0, parent: root };
  const share: Frame = { tag: "div", weight: 0, suspect: 1, parent: article };
  const nav: Frame = { tag: "nav", weight: -25, suspect: 1, parent: root };
  const prose = (n: number) =>
    `Sentence ${n} of the article, long enough, with commas, to be counted as prose by the scorer.`;
  const p = (text: string, frame: Frame, linkChars = 0): Paragraph => ({
    text,
    kind: "p",
    linkChars,
    frame,
    suspect: frame.suspect,
  });
  const paragraphs = [
    p("Home About Contact Shop Blog", nav, 28),
    p(prose(1), article),
    p("Share on the networks, and with friends, today", share),
    p(prose(2), article),
  ];
  assert.deepEqual(select(paragraphs).map((x) => x.text), [prose(1), prose(2)]);
});
