/**
 * Overlays and page chrome for the thread segmentation of `auto` (see `_thread.ts`):
 * a consent dialog's sections repeat like posts, and its text is not the page's. Told
 * by markup (`<dialog>`, `role`, `aria-modal`, the page's landmarks, class words of
 * consent banners).
 *
 * @module
 */

import { classWords } from "./_post_attribution.ts";

/** Words in `class`/`id` of consent overlays, whose sections repeat like posts. */
const OVERLAY_WORDS: ReadonlySet<string> = new Set(["cookie", "cookies", "consent", "gdpr"]);

/** Whether `el` is an overlay: a dialog, a consent banner. */
function isOverlay(el: Element): boolean {
  const role = el.getAttribute("role");
  return el.tagName === "DIALOG" || role === "dialog" || role === "alertdialog" ||
    el.getAttribute("aria-modal") === "true" || classWords(el).some((w) => OVERLAY_WORDS.has(w));
}

/**
 * Whether `el` sits in page chrome or an overlay (a consent banner's accordion). The
 * body and the root are neither: a state class there ("cookie-banner-visible") tells
 * that a banner shows, not that the page is one.
 */
export function inOverlay(el: Element): boolean {
  for (let at: Element | null = el; at !== null && at.tagName !== "BODY"; at = at.parentElement) {
    if (/^(NAV|HEADER|FOOTER|ASIDE)$/.test(at.tagName) || isOverlay(at)) return true;
  }
  return false;
}

/**
 * The text of the overlays under `root` (outermost ones), but none that holds the page's
 * heading: a page shown in a dialog is the page.
 */
export function overlayText(root: Element, lens: Map<Element, number>): number {
  let n = 0;
  for (const child of root.children) {
    if (isOverlay(child) && child.querySelector("h1") === null) n += lens.get(child) ?? 0;
    else n += overlayText(child, lens);
  }
  return n;
}
