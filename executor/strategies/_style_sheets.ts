/**
 * What a page's own style sheets say about its blocks: the classes its width queries
 * hide on a desktop screen, read from the `<style>` elements the page carries (a
 * component library writes its rules there, one hashed class per block: `.css-16hreak`,
 * `.hidden-c64fhs`). A layout that writes a block once per screen size hides the narrow
 * screen's copy so; {@link markNarrowCopies} marks such copies while the sheets are
 * there, and {@link dropNarrowTwins} removes them from the content where the wide copy
 * stands beside them.
 *
 * @module
 */

import { nodeText } from "./_dom_text.ts";
import { normalize, wordCounts } from "./_measure.ts";

/** The width of the screen the page is read on, in CSS pixels: a desktop's. */
const DESKTOP_WIDTH = 1280;

/** CSS pixels of one `em` (or `rem`) in a width query: the browsers' default font size. */
const EM_PX = 16;

/** Most characters of style sheets read on one page (a page inlines its whole CSS). */
const STYLE_MAX = 4_000_000;

/** Shortest text (characters other than white space) of a narrow copy that may go. */
const COPY_MIN = 40;

/** Share of a narrow copy's words that its wide twin beside it holds at least. */
const COPY_OVERLAP = 0.8;

/** Parts of a table, whose cells repeat their values on purpose (a row per screen size). */
const TABLE_PARTS = /^(TR|TD|TH|TBODY|THEAD|TFOOT)$/;

/** A width condition of a media query: `(min-width: 62em)`, `(max-width:767px)`. */
const WIDTH_CONDITION = /\((min|max)-width\s*:\s*([\d.]+)(px|r?em)\s*\)/g;

/**
 * Whether a media query is a width query and holds on a desktop screen
 * ({@link DESKTOP_WIDTH}): every width condition holds; a query naming another medium
 * (print), or asking more than the width (orientation, hover), or a list of queries, is
 * not read (`null`), nor a query without a width condition.
 */
function widthQueryHolds(query: string): boolean | null {
  const q = query.toLowerCase();
  if (
    q.includes(",") ||
    /\bnot\b|\bprint\b|\bspeech\b|orientation|hover|pointer|prefers|resolution|aspect|height/.test(
      q,
    )
  ) {
    return null;
  }
  let width = false;
  let holds = true;
  for (const m of q.matchAll(WIDTH_CONDITION)) {
    width = true;
    const px = Number(m[2]) * (m[3] === "px" ? 1 : EM_PX);
    if (m[1] === "min" ? px > DESKTOP_WIDTH : px < DESKTOP_WIDTH) holds = false;
  }
  return width ? holds : null;
}

/** The index just past the block that opens at `open` (a `{`), nested blocks included. */
function blockEnd(css: string, open: number): number {
  // From brace to brace, not character by character: a sheet is long.
  let depth = 0;
  let at = open;
  let nextOpen = open;
  for (;;) {
    if (nextOpen !== -1 && nextOpen < at) nextOpen = css.indexOf("{", at);
    const close = css.indexOf("}", at);
    if (nextOpen !== -1 && (close === -1 || nextOpen < close)) {
      depth++;
      at = nextOpen + 1;
      continue;
    }
    if (close === -1) return css.length;
    if (--depth === 0) return close + 1;
    at = close + 1;
  }
}

/** A value a rule sets for a property, with whether it is `!important`. */
type Display = { value: string; important: boolean };

/** A declaration of a property: `display: none`, `position:fixed !important`. */
function declaration(property: string): RegExp {
  return new RegExp(`(?:^|[;\\s{])${property}\\s*:\\s*([a-z-]+)\\s*(!\\s*important)?`, "gi");
}

/** A `display` declaration: `display: none`, `display:flex !important`. */
const DISPLAY = declaration("display");

/** A `position` declaration: `position: fixed`, `position:static !important`. */
const POSITION = declaration("position");

/**
 * The value a rule's declarations set for the property of `declared` ({@link DISPLAY},
 * {@link POSITION}), if any: the last one (a rule writes its fallbacks first,
 * `display:-webkit-box;display:flex`).
 */
function valueOf(declarations: string, declared: RegExp, name: string): Display | null {
  // Most rules set neither property.
  if (!declarations.toLowerCase().includes(name)) return null;
  const m = [...declarations.matchAll(declared)].at(-1);
  return m === undefined
    ? null
    : { value: (m[1] ?? "").toLowerCase(), important: m[2] !== undefined };
}

/** What a page's style sheets set for one class on a desktop screen. */
export type ClassDisplay = {
  /** The display the last applicable rule sets (an `!important` one over the others). */
  value?: string;
  /** Whether that rule is `!important`. */
  important: boolean;
  /** The rule's place in the sheets: of two classes of an element, the later rule wins. */
  order: number;
  /** Whether a rule in a width query sets the class's display (shown or hidden by width). */
  responsive: boolean;
};

/** A class selector, its name escaped as utility classes write it (`.lg\:hidden`). */
const CLASS_SELECTOR = /^\s*\.((?:[\w-]|\\.)+)\s*$/;

/**
 * What a page's style sheets set for each class's display on a desktop screen
 * ({@link DESKTOP_WIDTH}): the rules of a single class (`.name { display: none }`, top
 * level or in a width query that holds on a desktop), the last applicable one winning
 * (an `!important` one over the others); and whether a rule in a width query (holding or
 * not) sets it. Read by {@link hiddenOnDesktop}.
 */
export function desktopDisplays(css: string): Map<string, ClassDisplay> {
  return desktopValues(css, DISPLAY, "display");
}

/**
 * What a page's style sheets set for each class's `position` on a desktop screen, read
 * as {@link desktopDisplays} reads the display. Read by {@link pinnedOnDesktop}.
 */
export function desktopPositions(css: string): Map<string, ClassDisplay> {
  return desktopValues(css, POSITION, "position");
}

/** What a page's style sheets set for each class's property of `declared` on a desktop screen. */
function desktopValues(css: string, declared: RegExp, name: string): Map<string, ClassDisplay> {
  const classes = new Map<string, ClassDisplay>();
  let order = 0;
  const apply = (selectors: string, declarations: string, query: boolean | null) => {
    const set = valueOf(declarations, declared, name);
    if (set === null) return;
    order++;
    for (const selector of selectors.split(",")) {
      const escaped = CLASS_SELECTOR.exec(selector)?.[1];
      if (escaped === undefined) continue;
      const name = escaped.replace(/\\(.)/g, "$1");
      const entry = classes.get(name) ?? { important: false, order: 0, responsive: false };
      if (query !== null) entry.responsive = true;
      if (query !== false && (entry.value === undefined || set.important || !entry.important)) {
        entry.value = set.value;
        entry.important = set.important;
        entry.order = order;
      }
      classes.set(name, entry);
    }
  };
  const text = css.includes("/*") ? css.replace(/\/\*[\s\S]*?\*\//g, "") : css;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("{", at);
    if (open < 0) break;
    const head = text.slice(at, open).trim();
    if (head.startsWith("@")) {
      const end = blockEnd(text, open);
      if (/^@media\b/i.test(head)) {
        const query = widthQueryHolds(head.slice(6));
        const inner = text.slice(open + 1, end - 1);
        for (const rule of inner.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
          apply(rule[1] ?? "", rule[2] ?? "", query);
        }
      }
      at = end;
      continue;
    }
    const close = text.indexOf("}", open);
    if (close < 0) break;
    apply(head, text.slice(open + 1, close), null);
    at = close + 1;
  }
  return classes;
}

/**
 * Whether a page's style sheets ({@link desktopDisplays}) hide an element on a desktop
 * screen by its width: the display the winning rule among its classes' sets (an
 * `!important` one, else the latest) is `none`, and a rule in a width query sets one of
 * its classes (`block lg:hidden`; not `hidden lg:block`, nor `lg:hidden xl:block`). An
 * element hidden on every screen (`.hidden`, a closed tab's) is not one: scripts show it.
 */
export function hiddenOnDesktop(el: Element, displays: ReadonlyMap<string, ClassDisplay>): boolean {
  const { winner, responsive } = winningRule(el, displays);
  return responsive && winner?.value === "none";
}

/**
 * The rule that wins among an element's classes' ({@link desktopValues}): an
 * `!important` one, else the latest; and whether a width query sets one of them.
 */
function winningRule(
  el: Element,
  rules: ReadonlyMap<string, ClassDisplay>,
): { winner: ClassDisplay | undefined; responsive: boolean } {
  let winner: ClassDisplay | undefined;
  let responsive = false;
  for (const name of (el.getAttribute("class") ?? "").split(/\s+/)) {
    const entry = rules.get(name);
    if (entry === undefined) continue;
    responsive ||= entry.responsive;
    if (entry.value === undefined) continue;
    if (
      winner === undefined || entry.important && !winner.important ||
      entry.important === winner.important && entry.order > winner.order
    ) winner = entry;
  }
  return { winner, responsive };
}

/**
 * Whether an element is pinned to the screen on a desktop: its own `style` attribute's
 * last `position` is `fixed`, or else the winning rule among its classes' sets it
 * ({@link desktopPositions}; `fixed lg:static` is not pinned on a desktop). A banner, a
 * bar or a dialog floats so over the page, above the reading flow.
 */
export function pinnedOnDesktop(
  el: Element,
  positions: ReadonlyMap<string, ClassDisplay>,
): boolean {
  const own = valueOf(el.getAttribute("style") ?? "", POSITION, "position");
  if (own !== null) return own.value === "fixed";
  return winningRule(el, positions).winner?.value === "fixed";
}

/** Marks an element the page pins to the screen ({@link pinnedOnDesktop}). */
export const PINNED_ATTR = "data-riptide-pinned";

/**
 * Marks ({@link PINNED_ATTR}) the elements of `body` the page pins to the screen on a
 * desktop ({@link pinnedOnDesktop}) that hold text, outermost only: read while the page's
 * `<style>` elements and `style` attributes are there (`css`: the sheets, {@link styleText},
 * which a caller marking narrow copies too reads once). Returns how many were marked.
 */
export function markPinned(
  doc: Document,
  body: Element,
  css: string = styleText(doc),
): number {
  const positions = /position\s*:\s*fixed/i.test(css) ? desktopPositions(css) : new Map();
  const candidates = positions.size > 0
    ? body.querySelectorAll("[style],[class]")
    : body.querySelectorAll("[style]");
  let marked = 0;
  // The answer for each class list: a page repeats a few of them many times over.
  const pinnedBy = new Map<string, boolean>();
  for (const el of candidates) {
    const style = el.getAttribute("style");
    let pinned: boolean;
    if (style !== null && /position/i.test(style)) pinned = pinnedOnDesktop(el, positions);
    else {
      const cls = el.getAttribute("class") ?? "";
      if (cls === "" || positions.size === 0) continue;
      const known = pinnedBy.get(cls);
      if (known === undefined) pinnedBy.set(cls, pinned = pinnedOnDesktop(el, positions));
      else pinned = known;
    }
    if (!pinned || el.parentElement?.closest(`[${PINNED_ATTR}]`) != null) continue;
    if (normalize(nodeText(el)).trim() === "") continue;
    el.setAttribute(PINNED_ATTR, "");
    marked++;
  }
  return marked;
}

/** The page's style sheets (its `<style>` elements), up to {@link STYLE_MAX} characters. */
export function styleText(doc: Document): string {
  let css = "";
  for (const style of doc.querySelectorAll("style")) {
    css += `${style.textContent ?? ""}\n`;
    if (css.length >= STYLE_MAX) break;
  }
  return css;
}

/** Share of a block's words (counted) that another block holds. */
function heldShare(part: ReadonlyMap<string, number>, whole: ReadonlyMap<string, number>): number {
  let held = 0;
  let all = 0;
  for (const [w, n] of part) {
    all += n;
    held += Math.min(n, whole.get(w) ?? 0);
  }
  return all === 0 ? 0 : held / all;
}

/** Marks an element the page's style sheets hide on a desktop screen by its width. */
export const NARROW_ATTR = "data-riptide-narrow";

/**
 * Marks ({@link NARROW_ATTR}) the elements the page's style sheets hide on a desktop
 * screen by its width ({@link hiddenOnDesktop}), with at least {@link COPY_MIN}
 * characters of text: the narrow screen's copies of blocks, or its own blocks (a menu
 * folded into a button). Read while the page's `<style>` elements are there; the copies
 * go once the content is chosen ({@link dropNarrowTwins}). Parts of a table are passed
 * over. Returns how many were marked.
 */
export function markNarrowCopies(
  doc: Document,
  body: Element,
  css: string = styleText(doc),
): number {
  if (!css.includes("@media")) return 0;
  const displays = desktopDisplays(css);
  if (![...displays.values()].some((d) => d.responsive)) return 0;
  let marked = 0;
  // The answer for each class list: a page repeats a few of them many times over.
  const hiddenBy = new Map<string, boolean>();
  for (const el of body.querySelectorAll("[class]")) {
    const cls = el.getAttribute("class") ?? "";
    let hidden = hiddenBy.get(cls);
    if (hidden === undefined) hiddenBy.set(cls, hidden = hiddenOnDesktop(el, displays));
    if (!hidden || TABLE_PARTS.test(el.tagName)) continue;
    if (normalize(nodeText(el)).replace(/\s+/g, "").length < COPY_MIN) continue;
    el.setAttribute(NARROW_ATTR, "");
    marked++;
  }
  return marked;
}

/**
 * Removes the narrow screen's copies of the content's blocks: an element marked by
 * {@link markNarrowCopies} {@link COPY_OVERLAP} of whose words a sibling not marked holds
 * (the wide screen's copy, written beside it, reordered or reworded a little). A reader
 * of the page on a desktop sees the sibling. A marked block whose twin did not reach the
 * content (taken with the page's chrome) may be its only copy of its text, and stays.
 * Returns how many went.
 */
export function dropNarrowTwins(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(`[${NARROW_ATTR}]`)]) {
    const parent = el.parentElement;
    if (parent === null || !root.contains(el)) continue;
    const copy = wordCounts(el);
    const twin = [...parent.children].some((sibling) =>
      sibling !== el && !sibling.hasAttribute(NARROW_ATTR) &&
      heldShare(copy, wordCounts(sibling)) >= COPY_OVERLAP
    );
    if (!twin) continue;
    el.remove();
    removed++;
  }
  return removed;
}
