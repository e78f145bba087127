/**
 * Parts of a page that show rather than say, recognised for the boilerplate pass
 * (`_boilerplate.ts`): tickers and marquees that repeat their items so that they scroll
 * without a seam, and illustrations drawn in HTML (a product's interface mocked up with
 * its menus, code and sample data).
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import { spanOf, words } from "./_measure.ts";

/** Words in `class`/`id` that name a picture drawn in HTML. */
const ILLUSTRATION_WORDS: ReadonlySet<string> = new Set([
  "illustration",
  "illustrations",
  "graphic",
  "graphics",
  "mockup",
  "mockups",
]);

/**
 * Whether a block is an illustration drawn in HTML: named so by a `class`/`id` word
 * (illustration, graphic, mockup) and holding no heading. Landing pages draw their
 * product's interface (an editor with its code, a board of sample tasks, a chart's axis
 * labels) beside the section that describes it; its text is the picture's, not the
 * page's. A section that has a heading says something of its own and is not one; nor
 * is a heading, paragraph, list or link, which take the word from an anchor or a
 * subject ("graphic design").
 *
 * @example
 * ```ts ignore
 * isIllustration(div); // true for <div class="hero-illustration"><pre>…</pre></div>
 * ```
 */
export function isIllustration(el: Element): boolean {
  if (/^(H[1-6]|P|LI|UL|OL|A|SPAN|TABLE)$/.test(el.tagName)) return false;
  if (!words(el).some((w) => ILLUSTRATION_WORDS.has(w))) return false;
  return el.querySelector("h1,h2,h3,h4,h5,h6") === null;
}

/** Words in `class`/`id` that name an icon. */
const ICON_WORDS: ReadonlySet<string> = new Set(["icon", "icons", "glyph", "glyphicon"]);

/**
 * Removes the glyphs of icon fonts: an element named an icon (a `class`/`id` word icon,
 * glyph) whose whole text is one letter and that holds no other element
 * (`<span class="et-pb-icon">Z</span>`). An icon font draws a picture in place of that
 * letter (a check mark, an arrow); the letter itself is no word of the page. A letter in
 * an element not named so (an avatar's initial, a list's "A") stays. Returns how many
 * went.
 */
export function dropIconGlyphs(body: Element): number {
  let removed = 0;
  for (const el of body.querySelectorAll('[class*="icon" i],[id*="icon" i],[class*="glyph" i]')) {
    if (el.firstElementChild !== null || !/^\p{L}$/u.test(collapse(el.textContent))) continue;
    if (!words(el).some((w) => ICON_WORDS.has(w))) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Fewest children of a ticker. */
const TICKER_MIN = 6;

/**
 * Collapses tickers and marquees: a row of short items that the page repeats over and
 * over so that it scrolls without a seam ("Book now ✱ Book now ✱ …", a band of client
 * names written out three times). Each distinct item stays once, the copies go: a
 * reader sees a row of them. Children that repeat at least three times on average,
 * each a short text, make a ticker; code and tables, which repeat for a reason, are left
 * alone. Returns how many copies went.
 */
export function collapseTickers(body: Element): number {
  let removed = 0;
  for (const parent of [...body.querySelectorAll("*")]) {
    const kids = parent.children;
    if (kids.length < TICKER_MIN || !parent.isConnected) continue;
    // Code repeats its tokens and a table its values: both mean every copy.
    if (parent.closest("pre,code,table") !== null) continue;
    const texts: string[] = [];
    let ok = true;
    for (const k of kids) {
      const t = collapse(k.textContent);
      if (spanOf(t) > 60) {
        ok = false;
        break;
      }
      texts.push(t);
    }
    if (!ok) continue;
    const nonEmpty = texts.filter((t) => t !== "");
    const distinct = new Set(nonEmpty);
    if (nonEmpty.length < TICKER_MIN || distinct.size * 3 > nonEmpty.length) continue;
    const seen = new Set<string>();
    for (const [i, k] of [...kids].entries()) {
      const t = texts[i]!;
      if (t === "") continue;
      if (seen.has(t)) {
        k.remove();
        removed++;
      } else seen.add(t);
    }
  }
  return removed;
}
