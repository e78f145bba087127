import assert from "node:assert/strict";
import { parsePage } from "./auto.ts";
import { blockText } from "./_clean.ts";

function textOf(html: string): string {
  return blockText(parsePage(`<html><body>${html}</body></html>`).body as unknown as Element);
}

Deno.test("blockText() writes the numbers a numbered list shows", async (t) => {
  await t.step("an article's steps carry their numbers, from the list's start", () => {
    const out = textOf(
      "<ol><li>Cut the stems back.</li><li><p>Feed the roots.</p></li></ol>" +
        '<ol start="3"><li>Water well.</li></ol><ol reversed><li>Two</li><li>One</li></ol>',
    );
    assert.equal(
      out,
      "1. Cut the stems back.\n\n2. Feed the roots.\n\n3. Water well.\n\n2. Two\n\n1. One",
    );
  });

  await t.step("lists without markers and lists of cards show no numbers", () => {
    const out = textOf(
      '<ol class="list-none"><li>Plain</li></ol><ol style="list-style: none"><li>Bare</li></ol>' +
        "<ol><li><h3>Story</h3><p>Teaser</p></li><li><div>Tile</div></li></ol>" +
        "<ol><li>1. Typed by hand</li></ol><ul><li>Bullet</li></ul>",
    );
    assert.equal(out, "Plain\n\nBare\n\nStory\n\nTeaser\n\nTile\n\n1. Typed by hand\n\nBullet");
  });
});
