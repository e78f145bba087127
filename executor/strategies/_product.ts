/**
 * Product-page cleaning for `auto`: what a shop's page shows twice around one product.
 *
 * @module
 */

import { jsonLdTypes } from "./_page_type.ts";

/** Blocks compared with each other. */
const BLOCK_SELECTOR = "div,section,p,ul,ol,li,dl,table,h2,h3,h4,h5,h6";

/**
 * Shortest text of a repeat that goes. Short values repeat legitimately (a comparison
 * of sheets where three columns say "100% cotton", "Included" twice in a spec table);
 * panels of a sentence or more do not.
 */
const MIN_REPEAT = 50;

/**
 * Removes blocks that repeat an earlier block word for word: shops render the same
 * panel once per layout (a phone's and a desktop's feature list, a variant picker per
 * breakpoint), and a reader sees it once. Returns how many blocks went.
 *
 * @example
 * ```ts ignore
 * dropRepeatedBlocks(document.body); // 1: the desktop copy of the highlights list
 * ```
 */
export function dropRepeatedBlocks(root: Element): number {
  const seen = new Map<string, Element>();
  let removed = 0;
  for (const el of [...root.querySelectorAll(BLOCK_SELECTOR)]) {
    if (!root.contains(el)) continue;
    const t = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (t.length < MIN_REPEAT) continue;
    const first = seen.get(t);
    if (first === undefined) seen.set(t, el);
    // A wrapper and its only child have the same text: that is not a repeat.
    else if (!first.contains(el)) {
      el.remove();
      removed++;
    }
  }
  return removed;
}

/**
 * Whether the page declares that it sells a product: a schema.org `Product` in JSON-LD
 * or microdata, or `og:type` product. Read before the page's scripts are removed.
 */
export function declaresProduct(document: Document): boolean {
  if (jsonLdTypes(document).some((t) => /^(Product|ProductGroup|IndividualProduct)$/.test(t))) {
    return true;
  }
  for (const el of document.querySelectorAll("[itemtype]")) {
    if (
      /schema\.org\/(Product|IndividualProduct|ProductGroup)$/i.test(
        el.getAttribute("itemtype") ?? "",
      )
    ) {
      return true;
    }
  }
  const og = document.querySelector('meta[property="og:type"]')?.getAttribute("content") ?? "";
  return /^product\b/i.test(og.trim());
}
