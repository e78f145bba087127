/**
 * The shape of the block the article scorer chose, measured against the page around it:
 * whether the page is really a list (of links, of table rows) the scorer took for an
 * article, whether the choice kept almost nothing of a region of short items, and where
 * an article split over many sections lives. `auto` reads these to fall back from the
 * scorer's choice to the page's main region.
 *
 * @module
 */

import { cleanArticle } from "./_clean.ts";
import { linkDensity, normalize, proseMass, spanOf, textLength, textUnits } from "./_measure.ts";

/**
 * Whether the page is a list of things that the article scorer took for an article: the
 * block it kept is a small part of the main region and is not prose itself (a line or
 * two of introduction), while most of the region's text sits in list items — or the
 * page is a list kept in tables that the scorer left out.
 */
export function isListPage(root: Element, region: Element): boolean {
  // The article block's own text, without the lists of links it may keep (an index's
  // first lists): those are the list the page is, not an article's prose.
  const kept = textLength(root) - linkItemsText(root);
  return (kept < 0.2 * textLength(region) && proseMass(root) <= 0.5 * kept &&
    listShare(region) >= 0.75) || isTablePage(root, region);
}

/**
 * Whether the page is a list kept in tables (a list of laureates, of releases) that the
 * article scorer left out (it drops a table whose class says "header", as a sticky
 * header table's does): most of the region's text sits in large tables, and the block
 * it kept holds none of them and less text than they do.
 */
function isTablePage(root: Element, region: Element): boolean {
  const tables = tableShare(region);
  return tables >= 0.5 && tableShare(root) === 0 &&
    textLength(root) < tables * textLength(region);
}

/** Share of an element's text that sits in tables of ten rows or more. */
function tableShare(root: Element): number {
  const total = textLength(root);
  if (total === 0) return 0;
  let inTables = 0;
  for (const t of root.querySelectorAll("table")) {
    if (t.parentElement?.closest("table") !== null) continue;
    if (t.querySelectorAll("tr").length >= 10) inTables += textLength(t);
  }
  return inTables / total;
}

/** Text of the list items (outermost) that are mostly links (link density above 0.5). */
function linkItemsText(root: Element): number {
  let n = 0;
  for (const li of root.querySelectorAll("li")) {
    if (li.parentElement?.closest("li") === null && linkDensity(li) > 0.5) n += textLength(li);
  }
  return n;
}

/** Share of an element's text that sits in list items. */
function listShare(root: Element): number {
  const total = textLength(root);
  if (total === 0) return 0;
  let inItems = 0;
  for (const li of root.querySelectorAll("li")) {
    if (li.parentElement?.closest("li") === null) inItems += textLength(li);
  }
  return inItems / total;
}

/** Prose mass counting each long text run once: a page that repeats its article is not longer. */
export function distinctProse(root: Element): number {
  const seen = new Set<string>();
  let n = 0;
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const t = (child.nodeValue ?? "").trim();
        if (spanOf(t) >= 40 && !seen.has(t)) {
          seen.add(t);
          n += spanOf(t);
        }
      } else if (child.nodeType === 1 && (child as Element).tagName !== "A") walk(child);
    }
  };
  walk(root);
  return n;
}

/**
 * Whether the article block, once cleaned, keeps almost nothing of a region that has
 * plenty of short text (a grid of items, a page of reviews in short lines): the block
 * scorer looks for paragraphs, and such a page has none ("thin"). Or whether the block,
 * short, leaves out a section's heading of a short region ("headed"): a landing page (a
 * hero, then a closing call) is the region, headings and all, without its buttons.
 */
export function thinChoice(
  root: Element,
  region: Element,
  title: string | null,
): "thin" | "headed" | null {
  const probe = root.cloneNode(true) as Element;
  cleanArticle(probe, title);
  const kept = textUnits(probe.textContent ?? "");
  if (kept >= 50) return null;
  const all = textUnits(region.textContent ?? "");
  if (all >= Math.max(40, 3 * kept)) return "thin";
  if (all < Math.max(40, 1.5 * kept)) return null;
  const text = normalize(probe.textContent ?? "");
  for (const h of region.querySelectorAll("h1,h2,h3")) {
    const line = normalize(h.textContent ?? "");
    if (textUnits(line) >= THIN_HEADING_MIN && !text.includes(line)) return "headed";
  }
  return null;
}

/** Fewest words of a heading that a thin block's region is read for. */
const THIN_HEADING_MIN = 4;

/**
 * The smallest element that holds most (80 %) of the page's prose: where an article
 * split into many sections lives when no single block holds it.
 */
export function proseCover(body: Element): Element | null {
  const total = proseMass(body);
  if (total < 1000) return null;
  let el: Element = body;
  for (;;) {
    let next: Element | null = null;
    for (const c of el.children) {
      if (proseMass(c) >= 0.8 * total) {
        next = c;
        break;
      }
    }
    if (next === null) return el;
    el = next;
  }
}
