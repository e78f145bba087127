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

/**
 * One of {@link OVERLAY_WORDS} written in a name, in any case: a name whose words hold one
 * holds it so (its words are its letters lower-cased; with `u`, the Kelvin sign that
 * lower-cases to "k" matches too). Most names hold none, and their words are not read.
 */
const OVERLAY_HINT = /cookie|consent|gdpr/iu;

/** Whether `el` is an overlay: a dialog, a consent banner. */
function isOverlay(el: Element): boolean {
  const role = el.getAttribute("role");
  if (
    el.tagName === "DIALOG" || role === "dialog" || role === "alertdialog" ||
    el.getAttribute("aria-modal") === "true"
  ) return true;
  const cls = el.getAttribute("class");
  const id = el.getAttribute("id");
  if (!(cls !== null && OVERLAY_HINT.test(cls)) && !(id !== null && OVERLAY_HINT.test(id))) {
    return false;
  }
  return classWords(el).some((w) => OVERLAY_WORDS.has(w));
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
  // Child by child, without a list of them built at every level of the page.
  for (let child = root.firstElementChild; child !== null; child = child.nextElementSibling) {
    if (isOverlay(child) && child.querySelector("h1") === null) n += lens.get(child) ?? 0;
    else n += overlayText(child, lens);
  }
  return n;
}
