/**
 * Text measures on a linkedom DOM shared by the `auto` strategy's stages: text and
 * link lengths, prose mass, word units in any script, and the words of an element's
 * `class`/`id`.
 *
 * @module
 */

export function words(el: Element): string[] {
  const raw = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (raw.trim() === "") return [];
  const out: string[] = [];
  for (const name of raw.split(/\s+/)) {
    const ws = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(
      Boolean,
    );
    // A modifier says what an element has or lacks, not what it is: "has-sidebar" on
    // a layout wrapper, "hide-read-more-ad" on a grid of stories.
    if (!MODIFIER_HEADS.has(ws[0] ?? "")) out.push(...ws);
  }
  return out;
}

/** First words of class names that describe what an element has, lacks or hides. */
const MODIFIER_HEADS: ReadonlySet<string> = new Set(["has", "no", "hide", "with", "without"]);

export function textLength(el: Element): number {
  return (el.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll("a")) n += textLength(a);
  return n;
}

/** Share of an element's text that sits inside links (0 when it has no text). */
export function linkDensity(el: Element): number {
  const total = textLength(el);
  return total === 0 ? 0 : Math.min(1, linkTextLength(el) / total);
}

/**
 * Prose mass: the length of long text runs outside links. Article sentences make long
 * text nodes whatever the markup (`<p>`, `<div>` + `<br>`, `<td>`); menus, dates and
 * names make short ones. A removal must not take a large share of it.
 */
export function proseMass(root: Node): number {
  let n = 0;
  for (const child of root.childNodes) {
    if (child.nodeType === 3) {
      const t = (child.nodeValue ?? "").trim();
      if (t.length >= 40) n += t.length;
    } else if (child.nodeType === 1 && (child as Element).tagName !== "A") {
      n += proseMass(child);
    }
  }
  return n;
}

export function normalize(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Words, counting each CJK character as half a word (those scripts do not use spaces). */
export function textUnits(text: string): number {
  const cjk =
    text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)
      ?.length ?? 0;
  return wordCount(text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, " ")) +
    cjk / 2;
}
