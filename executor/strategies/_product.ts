/**
 * Product-page cleaning for `auto`: what a shop's page shows twice around one product.
 *
 * @module
 */

import { BLOCKS as TEXT_BLOCKS, collapse, nodeText } from "./_dom_text.ts";
import { CAROUSEL_WORDS, jsonLdTypes, PRICE } from "./_page_type.ts";
import { type Json, jsonLdObjects } from "./_metadata.ts";
import { MONTH } from "./_regex_patterns.ts";
import {
  classAndId,
  endsWithFullStop,
  hasTextLength,
  isFileLink,
  likeSiblingRuns,
  lineWords,
  linkDensity,
  namedInData,
  nameParts,
  nameWords,
  normalize,
  proseMass,
  solidLength,
  spanOf,
  textLength,
  words,
} from "./_measure.ts";

/** Blocks compared with each other. */
const BLOCKS: ReadonlySet<string> = new Set([
  "DIV",
  "SECTION",
  "P",
  "UL",
  "OL",
  "LI",
  "DL",
  "TABLE",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
]);

/**
 * Shortest text of a repeat that goes. Short values repeat legitimately (a comparison
 * of sheets where three columns say "100% cotton", "Included" twice in a spec table);
 * panels of a sentence or more do not.
 */
const MIN_REPEAT = 50;

/**
 * Shortest repeat that goes from a selling page's content once it is cut to the product:
 * a line of its own that the page shows again ("Color: Black" per layout, the developer's
 * name in a header and a side panel, "Sold out" under each variant) is one line to a
 * reader.
 */
export const SHORT_REPEAT = 3;

/**
 * Removes blocks that repeat an earlier block word for word: shops render the same
 * panel once per layout (a phone's and a desktop's feature list, a variant picker per
 * breakpoint), and a reader sees it once. Blocks shorter than `min` characters stay;
 * below {@link MIN_REPEAT} (see {@link SHORT_REPEAT}) a short repeat goes only when it is
 * a line of its own, outside tables and lists of terms. Returns how many blocks went.
 *
 * @example
 * ```ts ignore
 * dropRepeatedBlocks(document.body); // 1: the desktop copy of the highlights list
 * ```
 */
export function dropRepeatedBlocks(root: Element, min = MIN_REPEAT): number {
  // Blocks whose text has the same number of non-space characters, from one walk: only
  // those can repeat each other, so few texts are compared.
  const byLength = new Map<number, Element[]>();
  const order = new Map<Element, number>();
  const walk = (el: Element): number => {
    order.set(el, order.size);
    let n = 0;
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        n += solidLength(child.nodeValue ?? "");
      } else if (child.nodeType === 1) n += walk(child as Element);
    }
    if (n >= min / 2 && BLOCKS.has(el.tagName)) {
      const same = byLength.get(n);
      if (same === undefined) byLength.set(n, [el]);
      else same.push(el);
    }
    return n;
  };
  walk(root);
  // In document order, so that a copy removed with its container is not the one kept.
  const candidates = [...byLength.values()].filter((same) => same.length > 1).flat()
    .sort((a, b) => order.get(a)! - order.get(b)!);
  const seen = new Map<string, Element>();
  let removed = 0;
  for (const el of candidates) {
    if (!root.contains(el)) continue;
    const t = collapse(el.textContent);
    if (t.length < min) continue;
    // Short values repeat in tables and lists of terms (a spec sheet's "Yes", "100%").
    if (min < MIN_REPEAT && el.closest("table,dl") !== null) continue;
    // A short label beside its value ("Ideal for:" in each column of a comparison) is
    // part of a line that differs; only a short block that is a line of its own repeats.
    if (min < MIN_REPEAT && collapse(el.parentElement?.textContent ?? null) !== t) continue;
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

/**
 * The names a shop gives the control that puts its product in the buyer's cart, bag or
 * basket (`add-to-cart`, `addToBag`, `add_to_basket`), or the address its form posts it to
 * (`/cart/add`).
 */
const CART_CONTROL = /add[-_\s]?to[-_\s]?(?:cart|bag|basket)|cart\/add/i;

/**
 * Whether the page holds a control that puts a product in the cart: an element whose
 * `class`, `id`, `name`, form `action` or `data-*` value names it (see CART_CONTROL). A
 * product page that declares no product in its structured data still sells one when a
 * buyer can add it to a cart; a software or service page taken for a product has no cart.
 */
export function hasCartControl(document: Document): boolean {
  // The elements "body *" selects, body by body: the selector matched each element of the
  // page by climbing its ancestors to a body. Which element names the control does not
  // matter, so a body inside another is read twice at worst.
  for (const body of document.querySelectorAll("body")) {
    if (namesCartControl(body.querySelectorAll("*"), false)) return true;
  }
  return false;
}

/**
 * Whether one of the elements names a cart control in its class, id, name, form action or
 * data-* values, and, with `links`, in a link's target other than a fragment of the page.
 */
export function namesCartControl(elements: Iterable<Element>, links: boolean): boolean {
  for (const el of elements) {
    // An element without attributes names nothing (and its list of names is not built).
    if (!el.hasAttributes()) continue;
    // By name, then value: `attributes` is a proxy, slow to walk, on every element.
    for (const name of el.getAttributeNames()) {
      if (
        name !== "class" && name !== "id" && name !== "name" && name !== "action" &&
        !name.startsWith("data-") && !(links && name === "href")
      ) continue;
      const value = el.getAttributeNode(name)?.value ?? "";
      // A link to the page's own cart form ("#add-to-cart") is the product's.
      if (name === "href" && value.trim().startsWith("#")) continue;
      if (CART_CONTROL.test(value)) return true;
    }
  }
  return false;
}

/**
 * The ids of the elements the page's toggles open (`aria-controls` of tabs, accordion
 * headers and "read more" buttons), or of those `accept` takes. Read once per page, for
 * `isCollapsedPanel()`.
 */
export function controlledIds(
  root: Element,
  accept: (toggle: Element) => boolean = () => true,
): Set<string> {
  const ids = new Set<string>();
  for (const el of root.querySelectorAll("[aria-controls]")) {
    if (!accept(el)) continue;
    for (const id of (el.getAttribute("aria-controls") ?? "").split(/\s+/)) {
      if (id !== "") ids.add(id);
    }
  }
  return ids;
}

/** A path segment of a site's sign-in or registration page (`sign_in`, `login`, `register`). */
export const ACCOUNT_PATH =
  /(?:^|[/_?&=.-])(?:sign[_-]?(?:up|in)|log[_-]?in|register|registration)(?:$|[/_?&=.-])/i;

/**
 * Whether an element holds a link to the site's sign-in or registration page (a path
 * segment `sign_in`, `sign-up`, `login`, `register`), is named for them in its class or id
 * ("fbSigninNotification", "login-modal"), or holds a form (a dialog's fields: signing in,
 * adding to a list, reporting): a prompt to join the site, the notice its scripts show
 * while they sign a reader in, or a dialog over the page, never a folded part of the
 * product's text.
 */
function asksToSignIn(el: Element): boolean {
  if (ACCOUNT_PATH.test(words(el).join("-")) || el.querySelector("form") !== null) {
    return true;
  }
  for (const a of el.querySelectorAll("a[href]")) {
    if (ACCOUNT_PATH.test(a.getAttribute("href") ?? "")) return true;
  }
  return false;
}

/**
 * The whole text of a status that a page's scripts show for a moment while they work
 * ("Saving", "Loading…", "Please wait"), in English and in the other languages of
 * `_ui_phrases.ts` ("Bitte warten", "Veuillez patienter", "Ładowanie", "A carregar",
 * "Загрузка", "Lütfen bekleyin", "يرجى الانتظار", "読み込み中", "请稍候", "로딩 중"): a
 * hidden one is no folded panel of the product's text.
 */
const TRANSIENT_STATUS = new RegExp(
  [
    String.raw`^\s*(?:saving|loading|processing|updating|sending|submitting|please wait`,
    String.raw`chargement|veuillez patienter|laden|wird geladen|bitte warten|cargando`,
    String.raw`por favor,? espere|caricamento|attendere|carregando|a carregar|aguarde`,
    String.raw`bezig met laden|even geduld|ładowanie|wczytywanie|proszę czekać|загрузка`,
    String.raw`подождите|пожалуйста, подождите|yükleniyor|lütfen bekleyin|جار(?:ي)? التحميل`,
    String.raw`يرجى الانتظار|読み込み中|しばらくお待ちください|お待ちください|処理中|加载中|載入中`,
    String.raw`请稍候|請稍候|处理中|處理中|로딩 중|잠시만 기다려 주세요|처리 중)`,
  ].join("|") + String.raw`(?:\s*(?:\.{1,3}|…))?\s*$`,
  "iu",
);

/**
 * Whether a hidden element of a product page is part of the product's text that the page
 * folds away: shops put the description's second half, the specifications and the care
 * notes behind tabs, accordions and "read more" toggles, hidden by a style or the
 * `hidden` attribute until a reader opens them. Content hidden only from assistive
 * technology (`aria-hidden`: decorations, image hotspots) counts only when it is a tab
 * panel or what a toggle opens. Menus (mostly links) are left to the caller's link test;
 * a prompt to sign in or register (a link to the site's account pages, a block named for
 * them) or a dialog's form never counts, nor does a hidden link itself (a skip link, an
 * accessibility widget's "Click to view our Accessibility Policy"): a folded panel is a
 * box of text, not one link. Nor does a transient status ({@link TRANSIENT_STATUS}).
 */
export function isCollapsedPanel(el: Element, controlled: ReadonlySet<string>): boolean {
  if (el.tagName === "A" || asksToSignIn(el) || TRANSIENT_STATUS.test(el.textContent ?? "")) {
    return false;
  }
  if (el.hasAttribute("hidden")) return true;
  const style = (el.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  if (style.includes("display:none") || style.includes("visibility:hidden")) return true;
  return el.getAttribute("role") === "tabpanel" || (el.id !== "" && controlled.has(el.id));
}

/** The sets of two or more sibling tab panels (`role=tabpanel`) under a root. */
function tabPanelSets(root: Element): Element[][] {
  const parents = new Set<Element>();
  for (const panel of root.querySelectorAll("[role=tabpanel]")) {
    if (panel.parentElement !== null) parents.add(panel.parentElement);
  }
  return [...parents].map((parent) =>
    [...parent.children].filter((c) => c.getAttribute("role") === "tabpanel")
  ).filter((panels) => panels.length >= 2);
}

/**
 * Shows the panels of each set of tabs (two or more sibling `role=tabpanel`) that the page
 * hides with the `hidden` attribute until a reader picks their tab: a landing page or a
 * category page lays its sections out as tabs ("Safety", "Cooking", "Storage"), each one
 * its text. A shop's product page keeps the panel its tab selects instead (see
 * {@link dropUnselectedTabPanels}). Only the `hidden` attribute is lifted: a panel hidden by
 * its style stays as the page wrote it. Returns how many panels were shown.
 */
export function showTabPanels(root: Element): number {
  let shown = 0;
  for (const panels of tabPanelSets(root)) {
    for (const p of panels) {
      if (!p.hasAttribute("hidden")) continue;
      p.removeAttribute("hidden");
      shown++;
    }
  }
  return shown;
}

/** Longest text of a gallery's slide: a caption of a line or two beside its picture. */
const SLIDE_TEXT = 300;

/**
 * The slides of the galleries built as tabs (a dot per slide, each slide a tab panel): sets
 * of sibling tab panels that each hold a picture or a video and at most
 * {@link SLIDE_TEXT} characters, its caption. Read while the pictures are there (the
 * chrome removal takes them), for {@link dropUnselectedTabPanels} to leave them: a gallery
 * shows its slides in turn, and each caption says something of the product ("Puce M5.
 * Furieusement rapide."), where a shop's tabs hold its description's sections. So are the
 * sets whose panels are each named a gallery's slide ({@link SLIDE_WORDS}), however long
 * their text and whatever they show.
 */
export function gallerySlides(root: Element): Set<Element> {
  const slides = new Set<Element>();
  for (const panels of tabPanelSets(root)) {
    const slide = (p: Element): boolean =>
      p.querySelector("img,picture,video") !== null && !hasTextLength(p, SLIDE_TEXT + 1);
    const named = (p: Element): boolean => words(p).some((w) => SLIDE_WORDS.has(w));
    if (panels.every(slide) || panels.every(named)) { for (const p of panels) slides.add(p); }
  }
  return slides;
}

/**
 * Words in `class`/`id` of a gallery's slide: a maker's page may build its gallery of
 * features as tabs whose slides hold a paragraph or a video each ("magical-gallery-item-1",
 * `class="gallery-item"`), where a shop names its tabs after what they hold.
 */
const SLIDE_WORDS: ReadonlySet<string> = new Set([
  "gallery",
  "slide",
  "slides",
  "carousel",
  "slider",
]);

/**
 * Removes the panels of a set of tabs that the page does not show: of sibling tab panels
 * (`role=tabpanel`), the one its tab selects (`aria-selected` on the tab that controls
 * it), else the first, stays. A shop's tabs open on the description; the other panels
 * (nutrition facts, storage, shipping, the attribute table, the reviews) wait behind
 * their tabs, and a reader of the page sees the first. Panels that are not siblings (a
 * gallery's slides wrapped one by one) are left alone, and so are the slides of a gallery
 * built as tabs (`slides`, read by {@link gallerySlides} before the page was cleaned).
 * Returns how many panels went.
 *
 * @example
 * ```ts ignore
 * dropUnselectedTabPanels(document.body); // 2: "Nutrition" and "Storage" behind "Description"
 * ```
 */
export function dropUnselectedTabPanels(
  root: Element,
  slides: ReadonlySet<Element> = new Set(),
): number {
  const selected = new Set<string>();
  for (const tab of root.querySelectorAll('[aria-selected="true"][aria-controls]')) {
    for (const id of (tab.getAttribute("aria-controls") ?? "").split(/\s+/)) selected.add(id);
  }
  let removed = 0;
  for (const panels of tabPanelSets(root)) {
    if (!panels[0]!.isConnected || panels.every((p) => slides.has(p))) continue;
    const shown = panels.find((p) => p.id !== "" && selected.has(p.id)) ?? panels[0]!;
    for (const p of panels) {
      if (p === shown) continue;
      p.remove();
      removed++;
    }
  }
  return removed;
}

/** Attribute marking the cards of a grid of other products, set by {@link markProductGrids}. */
export const GRID_ATTR = "data-riptide-grid";

/**
 * Marks the grids and carousels of other products while their cards are whole (see
 * {@link dropProductGrids}), for {@link dropProductGrids} to judge once the page's chrome
 * is gone: the chrome removal takes parts of a card (its name and price in a `<header>`,
 * a link read as a tile's media) and leaves the rest (a "New" badge) that no longer looks
 * like a card. Returns how many cards were marked.
 *
 * @example
 * ```ts ignore
 * markProductGrids(document.body); // 4: the "you may also like" cards
 * ```
 */
export function markProductGrids(root: Element): number {
  let marked = 0;
  findGrids(root).forEach((g, i) => {
    for (const k of g) k.setAttribute(GRID_ATTR, String(i));
    gridSection(g)?.setAttribute(GRID_LIST_ATTR, "");
    marked += g.length;
  });
  return marked;
}

/** Longest text of a card that offers another of the shop's products on its own. */
const SIBLING_CARD_MAX = 400;

/** The non-empty segments of a URL's path. */
function pathSegments(url: URL): string[] {
  return url.pathname.split("/").filter((s) => s !== "");
}

/** The lower-cased words of a path segment (`feeder-pro-solar`: feeder, pro, solar). */
function slugWords(segment: string): string[] {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // A malformed escape: the segment's raw words.
  }
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Most other products whose cards {@link markSiblingCards} marks on a page. */
const SIBLING_CARDS_MAX = 2;

/** Attribute marking a card of another product, set by {@link markSiblingCards}. */
const SIBLING_ATTR = "data-riptide-sibling";

/**
 * Marks the cards that offer another version of the product (an upsell's "Feeder Pro
 * Solar: order now", a bundle with a stand) while they are whole, for
 * {@link dropSiblingCards}: the widest box around a link to a sibling of the page's
 * address (the same path but its last segment, `/product/feeder-pro-solar/` beside
 * `/product/feeder-pro/`) whose last segment shares at least half of the page's own words
 * (two or more: the same product line, not any page of the shop) that shows at most
 * {@link SIBLING_CARD_MAX} characters, a picture and a heading, and holds no `<h1>` and
 * no field (a variant picker's links lead to siblings too). A page that offers more than
 * {@link SIBLING_CARDS_MAX} such products lists them (a grid, or the page's own list) and
 * keeps them. The page's address is the one it was fetched at, else the one it names as
 * its own (`<link rel="canonical">`, `og:url`): a page fetched under another address
 * still says where its siblings are. Returns how many cards were marked.
 *
 * @example
 * ```ts ignore
 * markSiblingCards(document.body, "https://shop.example/product/feeder-pro/"); // 1
 * ```
 */
export function markSiblingCards(root: Element, url: string): number {
  for (const address of pageAddresses(root, url)) {
    const marked = markSiblingCardsAt(root, address);
    if (marked > 0) return marked;
  }
  return 0;
}

/**
 * The addresses of a page, in the order to try them: the one it was fetched at, then the
 * ones it names as its own (`<link rel="canonical">`, `og:url`).
 */
function pageAddresses(root: Element, url: string): string[] {
  const doc = root.ownerDocument;
  const declared = [
    doc.querySelector('link[rel~="canonical"]')?.getAttribute("href"),
    doc.querySelector('meta[property="og:url"]')?.getAttribute("content"),
  ];
  return [...new Set([url, ...declared].filter((a): a is string => !!a))];
}

/**
 * For a page at `url`, the last segment of the address `href` leads to when it is a
 * sibling of the page's (the same path but its last segment, sharing at least half of the
 * page's own words, two or more), "" when it is the page's own, null for any other
 * address; null for a page whose address has fewer than two segments.
 */
function siblingsOf(url: string): ((href: string) => string | null) | null {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return null;
  }
  const own = pathSegments(page);
  if (own.length < 2) return null;
  const ownWords = [...new Set(slugWords(own[own.length - 1]!))];
  return (href: string): string | null => {
    let target: URL;
    try {
      target = new URL(href, page);
    } catch {
      return null;
    }
    const path = pathSegments(target);
    if (target.origin !== page.origin || path.length !== own.length) return null;
    if (!path.slice(0, -1).every((s, i) => s === own[i])) return null;
    const last = path[path.length - 1]!;
    if (last === own[own.length - 1]) return "";
    const theirs = new Set(slugWords(last));
    const shared = ownWords.filter((w) => theirs.has(w)).length;
    return shared >= Math.max(2, ownWords.length / 2) ? last : null;
  };
}

/** Marks the cards of {@link markSiblingCards} for a page at `url`. */
function markSiblingCardsAt(root: Element, url: string): number {
  const siblingOrOwn = siblingsOf(url);
  if (siblingOrOwn === null) return 0;
  // The sibling's last segment, or null for any other address (the page's own too).
  const sibling = (href: string): string | null => siblingOrOwn(href) || null;
  const cards = new Set<Element>();
  const offered = new Set<string>();
  for (const a of root.querySelectorAll("a[href]")) {
    const other = sibling(a.getAttribute("href") ?? "");
    if (other === null) continue;
    let card: Element | null = null;
    for (let box = a.parentElement; box !== null && box !== root; box = box.parentElement) {
      if (box.tagName === "BODY" || box.tagName === "MAIN" || box.querySelector("h1") !== null) {
        break;
      }
      if (shownText(box).length > SIBLING_CARD_MAX) break;
      card = box;
    }
    if (
      card === null || card.querySelector("img,picture") === null ||
      card.querySelector("h2,h3,h4,h5,h6") === null ||
      card.querySelector("input,select,textarea") !== null
    ) continue;
    cards.add(card);
    offered.add(other);
  }
  // More are a grid of the shop's products, or the page's own list of them.
  if (offered.size > SIBLING_CARDS_MAX) return 0;
  const outer = [...cards].filter((c) => ![...cards].some((o) => o !== c && o.contains(c)));
  for (const card of outer) card.setAttribute(SIBLING_ATTR, "");
  return outer.length;
}

/**
 * Removes the cards {@link markSiblingCards} marked, with what they leave of their
 * section (its heading, no more than {@link GRID_LEFTOVER} characters beside them).
 * Returns how many went.
 */
export function dropSiblingCards(root: Element): number {
  const cards = [...root.querySelectorAll(`[${SIBLING_ATTR}]`)];
  const skip = new Set(cards);
  let removed = 0;
  for (const card of cards) {
    if (!root.contains(card)) continue;
    widenOverLittle(card, skip, root).remove();
    removed++;
  }
  return removed;
}

/** Longest text of one of a variant picker's choices ("Horween® Leather €41 Premium Hand-tanned"). */
const VARIANT_CHOICE_MAX = 60;

/** Attribute marking a variant picker and its title, set by {@link markVariantPickers}. */
const VARIANT_ATTR = "data-riptide-variant-picker";

/**
 * Marks, while the page is whole, the pickers whose choices are links to the product's
 * other versions, for {@link dropVariantPickers}: a list of two items or more, each
 * showing 60 characters at most ("Horween® Leather €41 Premium Hand-tanned"), each of
 * whose links leads to a sibling of the page's address (as {@link markSiblingCards} reads
 * them: `/products/case-black-horween` beside `/products/case-black`) or to the page
 * itself, one item at least to a sibling and one at most to none or the page (the choice
 * made, shown without a link); with the picker's title, the short block (25 characters
 * at most, no sentence) just before the widest box that shows only the list ("Leather
 * Type"). The choices are what a buyer clicks to reach another page, their names and
 * prices another product's. The page's addresses are tried as markSiblingCards does.
 * Returns how many pickers were marked.
 */
export function markVariantPickers(root: Element, url: string): number {
  for (const address of pageAddresses(root, url)) {
    const siblingOrOwn = siblingsOf(address);
    if (siblingOrOwn === null) continue;
    let marked = 0;
    for (const list of root.querySelectorAll("ul,ol")) {
      if (!isVariantPicker(list, siblingOrOwn)) continue;
      for (const el of titledList(list, root)) el.setAttribute(VARIANT_ATTR, "");
      marked++;
    }
    if (marked > 0) return marked;
  }
  return 0;
}

/**
 * A list's widest box below `root` that shows only the list, and the title just before
 * that box when there is one: a short block (25 characters at most, no sentence, no list
 * or `<h1>` in it: "Leather Type", "Documents").
 */
function titledList(list: Element, root: Element): Element[] {
  let box: Element = list;
  const text = shownText(list);
  while (
    box.parentElement !== null && box.parentElement !== root &&
    shownText(box.parentElement) === text
  ) box = box.parentElement;
  const title = box.previousElementSibling;
  const named = title === null ? "" : collapse(title.textContent);
  const titled = title !== null && named !== "" && spanOf(named) <= PICKER_TITLE_MAX &&
    !endsWithFullStop(named) && title.querySelector("h1,ul,ol") === null;
  return titled ? [box, title] : [box];
}

/** Whether a list is a picker of the product's versions (see {@link markVariantPickers}). */
function isVariantPicker(
  list: Element,
  siblingOrOwn: (href: string) => string | null,
): boolean {
  const items = [...list.children];
  if (items.length < 2 || items.some((li) => li.tagName !== "LI")) return false;
  let linked = 0;
  let current = 0;
  for (const li of items) {
    if (shownText(li).length > VARIANT_CHOICE_MAX) return false;
    const targets = [...li.querySelectorAll("a[href]")].map((a) =>
      siblingOrOwn(a.getAttribute("href") ?? "")
    );
    if (targets.some((t) => t === null)) return false;
    if (targets.some((t) => t !== "")) linked++;
    else if (++current > 1) return false;
  }
  return linked > 0;
}

/**
 * Removes the variant pickers {@link markVariantPickers} marked and their titles, or what
 * the cleaning left of them (a title over choices that went as controls). Returns how
 * many elements went.
 */
export function dropVariantPickers(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(`[${VARIANT_ATTR}]`)]) {
    if (!root.contains(el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Attribute marking the section of a grid of cards, set by {@link markProductGrids}. */
const GRID_LIST_ATTR = "data-riptide-grid-list";

/**
 * The section of a grid of cards: the largest element around them that shows no more than
 * {@link GRID_LEFTOVER} characters beside them (the grid's heading, a "see more" link), and
 * no `<h1>`; null when even the cards' own list shows more.
 */
function gridSection(cards: readonly Element[]): Element | null {
  const skip = new Set(cards);
  const box = cards[0]!.parentElement;
  if (box === null || !holdsLittleBeside(box, skip)) return null;
  return widenOverLittle(box, skip, null);
}

/**
 * Whether an element, leaving out `skip`, holds no more than a heading's worth of text
 * ({@link GRID_LEFTOVER}) and is not the page's body, main region or title's box.
 */
function holdsLittleBeside(el: Element, skip: ReadonlySet<Element>): boolean {
  return el.tagName !== "BODY" && el.tagName !== "MAIN" && el.querySelector("h1") === null &&
    shownTextWithout(el, skip).length <= GRID_LEFTOVER;
}

/** The widest box around `box`, below `limit`, whose parents hold little beside `skip`. */
function widenOverLittle(box: Element, skip: ReadonlySet<Element>, limit: Element | null): Element {
  while (
    box.parentElement !== null && box.parentElement !== limit &&
    holdsLittleBeside(box.parentElement, skip)
  ) box = box.parentElement;
  return box;
}

/** The text of an element a reader sees, leaving out the elements of `skip`. */
function shownTextWithout(el: Element, skip: ReadonlySet<Element>): string {
  const parts: string[] = [];
  const walk = (at: Element): void => {
    for (const child of at.childNodes) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? "");
      else if (
        child.nodeType === 1 && !UNSHOWN.has((child as Element).tagName) &&
        !skip.has(child as Element)
      ) walk(child as Element);
    }
  };
  walk(el);
  return collapse(parts.join(" "));
}

/**
 * Removes the grids and carousels of other products around a product (related, sponsored,
 * "bought together"): runs of at least three like siblings (same tag and first class),
 * each a short card with a link and a price or a cart control of its own (an add-on's
 * "buy now" that puts another product in the cart; a link to the page's own cart form,
 * `#add-to-cart`, is the product's), and the cards {@link markProductGrids}
 * marked before the page's chrome went. Only when the page shows a price before
 * them, the product's own offer: a page whose first price sits in cards is a list of
 * products (a shop's category taken for a product page), and its cards are its content.
 * Runs holding much of the page's text, or its `<h1>`, stay too. The section around a
 * grid (its heading, "see all", the carousel's arrows: no more than {@link GRID_LEFTOVER}
 * characters beside the cards, found while the cards are whole) goes with it, also when
 * the chrome removal took the cards themselves. Returns how many cards went.
 *
 * @example
 * ```ts ignore
 * dropProductGrids(document.body); // 4: the "you may also like" cards
 * ```
 */
export function dropProductGrids(root: Element): number {
  const grids = findGrids(root);
  const inGrid = new Set<Element>(grids.flat());
  const marked = new Map<string, Element[]>();
  for (const k of root.querySelectorAll(`[${GRID_ATTR}]`)) {
    const key = k.getAttribute(GRID_ATTR)!;
    k.removeAttribute(GRID_ATTR);
    if (inGrid.has(k)) continue;
    const g = marked.get(key);
    if (g === undefined) marked.set(key, [k]);
    else g.push(k);
  }
  for (const g of marked.values()) {
    grids.push(g);
    for (const k of g) inGrid.add(k);
  }
  // The sections of the grids (their headings), those the chrome removal emptied among them.
  const sections = new Set<Element>();
  for (const l of root.querySelectorAll(`[${GRID_LIST_ATTR}]`)) {
    l.removeAttribute(GRID_LIST_ATTR);
    sections.add(l);
  }
  for (const g of grids) {
    const section = gridSection(g);
    if (section !== null) sections.add(section);
  }
  if (grids.length === 0 && sections.size === 0) return 0;
  // A section whose cards all went with the chrome stands for them.
  const stops = new Set(inGrid);
  for (const section of sections) {
    if (![...inGrid].some((k) => section.contains(k))) stops.add(section);
  }
  if (!PRICE.test(textBefore(root, stops))) return 0;
  let removed = 0;
  for (const g of grids) {
    for (const k of g) {
      if (k.parentElement === null) continue;
      k.remove();
      removed++;
    }
  }
  // What the cards leave of their section (its heading, a "see more" link) goes with them.
  for (const section of sections) {
    if (!section.isConnected || section === root) continue;
    if (shownTextWithout(section, inGrid).length > GRID_LEFTOVER) continue;
    section.remove();
  }
  return removed;
}

/** Longest text a grid's section keeps once its cards went for the rest to go: its heading. */
const GRID_LEFTOVER = 200;

/**
 * Longest text of a product's offer box: the price with what a buyer picks and reads
 * around it (variants, quantity, stock, delivery, the instalment line), short controls and
 * notes. A block longer than that holds the product's own text.
 */
const OFFER_BOX_MAX = 400;

/**
 * Removes the product's offer box: the block around the first price after the product's
 * title (`<h1>`) that is named for a price ({@link namedPrice}; the first price after the
 * title when none is), or the page's first price when none follows it (the product's own, once
 * {@link dropProductGrids} took the cards of other products; a price before the title is
 * a banner's: a threshold for free delivery, another product's deal), widened
 * to the largest block of at most {@link OFFER_BOX_MAX} characters that holds no heading
 * (`<h1>`, an `<h2>` but one that asks the buyer to choose: {@link headsChoices}), description (`itemprop=description`), table, definition list or
 * paragraph of prose; and the boxes that show the same amount again (a sticky bar, a
 * layout's second copy). A price with its variant picker, stock and delivery notes is what
 * a buyer operates, not the product's description and specifications. Prices of other
 * amounts (a card, a bundle) are left to the grid rule. Returns how many boxes went.
 *
 * @example
 * ```ts ignore
 * dropOfferBox(document.body); // 1: "$76.00 · Colour: black · In stock · Ships in 2 days"
 * ```
 */
export function dropOfferBox(root: Element): number {
  const holdsText = (el: Element): boolean =>
    el.querySelector('h1,[itemprop="description"],table,dl') !== null ||
    [...el.querySelectorAll("h2")].some((h) => !headsChoices(h)) ||
    [...el.querySelectorAll("p")].some((p) => textLength(p) >= PROSE_PARAGRAPH);
  const labels: [Element, string][] = [];
  const h1 = root.querySelector("h1");
  let afterTitle = -1;
  for (const el of root.querySelectorAll("*")) {
    if (el === h1) afterTitle = labels.length;
    if (UNSHOWN.has(el.tagName)) continue;
    let own = "";
    for (const child of el.childNodes) if (child.nodeType === 3) own += child.nodeValue ?? "";
    own = collapse(own);
    if (own === "" || own.length > MAX_PRICE_LABEL || !PRICE.test(own)) continue;
    // An amount in millions or billions is a figure the page states, not what it costs.
    if (MAGNITUDE.test(own)) continue;
    // The amount's digits, of any script: "$1,299.00" and "1 299,00 €" are one price.
    labels.push([el, (/\p{Nd}[\p{Nd}.,٫٬\s]*/u.exec(own)?.[0] ?? "").replace(/\P{Nd}/gu, "")]);
  }
  // The product's price follows its name: a price before the title is a banner's (a
  // threshold for free delivery, another product's offer).
  const first = afterTitle >= 0 && afterTitle < labels.length ? afterTitle : 0;
  const named = labels.findIndex(([el], i) => i >= first && namedPrice(el));
  const amount = labels[named >= 0 ? named : first]?.[1];
  let removed = 0;
  for (const [el, digits] of labels) {
    if (!el.isConnected || digits !== amount) continue;
    let box: Element = el;
    while (
      box.parentElement !== null && box.parentElement !== root &&
      textLength(box.parentElement) <= OFFER_BOX_MAX && !holdsText(box.parentElement)
    ) box = box.parentElement;
    if (holdsText(box)) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * Whether a heading asks the buyer to choose (how to receive the item, which plan): its
 * block holds the choices' inputs, a form's part, not a section of the product's text.
 */
function headsChoices(heading: Element): boolean {
  return heading.parentElement?.querySelector(
    "input,select,fieldset,[role=radiogroup]",
  ) != null;
}

/**
 * Whether an element or one of its two parents is named for a price in its class, id or
 * `data-*` values (`PriceDisplay`, `product-price`): the product's price, where a line
 * of rewards, an instalment plan or a coupon's amount after the title is not.
 */
function namedPrice(el: Element): boolean {
  for (let e: Element | null = el, i = 0; e !== null && i < 3; e = e.parentElement, i++) {
    for (const n of e.getAttributeNames()) {
      if (n !== "class" && n !== "id" && !n.startsWith("data-")) continue;
      const v = (e.getAttribute(n) ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      if (/(^|[^a-z])price([^a-z]|$)/.test(v)) return true;
    }
  }
  return false;
}

/**
 * An amount written in thousands, millions or billions ("$4.14M", "€2bn", "$10k", "$3
 * million", "1,5 Mio. €"): a figure a page states (what its customers saved, a round of
 * funding), not a price. The multiplier follows the amount the sign is written with (a
 * price per metre, "12,99 € / 1 m", is a price).
 */
const MAGNITUDE = new RegExp(
  String.raw`\p{Sc}\s?\p{Nd}[\p{Nd}.,]*(?:[kmb]|bn|mn|\s(?:thousand|million|billion))(?!\p{L})` +
    String.raw`|\p{Nd}\s?(?:mio|mrd|mn|bn|million|billion)\.?\s?\p{Sc}`,
  "iu",
);

/** Longest own text of an element that is a price label ("Sale price $19.95", "49,90 €"). */
const MAX_PRICE_LABEL = 40;

/** Shortest paragraph that is prose (a sentence or two), not a note. */
const PROSE_PARAGRAPH = 150;

/** Runs of like siblings that are cards of other products (see {@link dropProductGrids}). */
function findGrids(root: Element): Element[][] {
  const total = shownText(root).length;
  const grids: Element[][] = [];
  for (const parent of root.querySelectorAll("*")) {
    for (const g of likeSiblingRuns(parent)) {
      let len = 0;
      let cards = 0;
      for (const k of g) {
        // Text nodes spaced: a title and its price are often adjacent elements.
        const text = shownText(k);
        len += text.length;
        if (text.length > 600 || k.querySelector("a[href]") === null) continue;
        if (PRICE.test(text) || holdsCartControl(k)) cards++;
      }
      if (cards < 3 || cards < 0.6 * g.length || len > 0.4 * total) continue;
      if (g.some((k) => k.querySelector("h1") !== null)) continue;
      grids.push(g);
    }
  }
  return grids;
}

const NONE: ReadonlySet<Element> = new Set();

/** Whether an element or one inside it is a control that puts a product in the cart. */
function holdsCartControl(el: Element): boolean {
  return namesCartControl([el, ...el.querySelectorAll("*")], true);
}

/**
 * The text of `root` before the first element of `stops`, text nodes joined by spaces;
 * without the links' text (nor a stop inside a link) when `unlinked` is set.
 */
function textBefore(root: Element, stops: ReadonlySet<Element>, unlinked = false): string {
  const parts: string[] = [];
  const walk = (el: Element): boolean => {
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? "");
      else if (unlinked && (child as Element).tagName === "A") continue;
      else if (child.nodeType === 1 && !UNSHOWN.has((child as Element).tagName)) {
        if (stops.has(child as Element) || walk(child as Element)) return true;
      }
    }
    return false;
  };
  walk(root);
  return collapse(parts.join(" "));
}

/** Elements whose text a reader does not see (a page's data, styles and scripts). */
const UNSHOWN: ReadonlySet<string> = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

/** The text of an element a reader sees, spaces squashed: no script's or style's text. */
function shownText(el: Element): string {
  return textBefore(el, NONE);
}

/**
 * Least share of the main region's text that the product's block holds: a block
 * smaller than that is a summary beside the title (a line marked as the description
 * next to the price), with the product's text proper elsewhere in the region.
 */
const MIN_BLOCK_SHARE = 0.2;

/**
 * The product's own block in a product page's main region: the smallest element that
 * holds the product's heading (the region's first `<h1>`), its description (the
 * longest `itemprop=description`, else the longest element named "description" in its
 * `class`/`id`, with the other blocks named so after the heading: {@link otherDescriptions})
 * and its specifications (the region's table or definition list with the
 * most rows, three or more). What the region holds beside that block is the shop's:
 * its brand story, its texts written for search engines, the reviews and the products it
 * recommends. Returns the region itself when the page marks no heading or description,
 * or when the block would hold less than a fifth of the region's text.
 *
 * @example
 * ```ts ignore
 * productBlock(main); // <div class="product__info">: heading, description, spec table
 * ```
 */
export function productBlock(region: Element): Element {
  const heading = region.querySelector("h1");
  if (heading === null) return region;
  const description = longest(region, '[itemprop="description"]', heading, () => true) ??
    longest(region, "[class],[id]", heading, (el) => words(el).includes("description"));
  if (description === null) return region;
  const parts = [heading, description, ...otherDescriptions(region, heading, description)];
  let rows = 0;
  let specs: Element | null = null;
  for (const t of region.querySelectorAll("table,dl")) {
    const n = t.querySelectorAll("tr,dt").length;
    if (n >= 3 && n > rows) {
      rows = n;
      specs = t;
    }
  }
  if (specs !== null) parts.push(specs);
  let block: Element | null = heading;
  while (block !== null && !parts.every((p) => block!.contains(p))) block = block.parentElement;
  if (block === null || !region.contains(block)) return region;
  return textLength(block) >= MIN_BLOCK_SHARE * textLength(region) ? block : region;
}

/**
 * The other blocks a product's page names its description, each once (a shop's short
 * description beside the price, its full one in a tab, shorter than the short one):
 * after the heading (a site's tagline, its "site-description", stands in the header
 * above), neither inside the heading nor holding it, nor inside or around `description`,
 * with text, of a class list no other element of the region shares (a card's description
 * repeats in its grid).
 */
function otherDescriptions(region: Element, heading: Element, description: Element): Element[] {
  // In document order: the heading's place tells what follows it.
  const all = [...region.querySelectorAll("h1,[class]")];
  const named = all.filter((el) => words(el).includes("description"));
  const counts = new Map<string, number>();
  for (const el of named) {
    const cls = el.getAttribute("class") ?? "";
    counts.set(cls, (counts.get(cls) ?? 0) + 1);
  }
  return all.slice(all.indexOf(heading) + 1).filter((el) =>
    words(el).includes("description") && counts.get(el.getAttribute("class") ?? "") === 1 &&
    !heading.contains(el) && !el.contains(description) && !description.contains(el) &&
    textLength(el) > 0
  );
}

/**
 * Whether an element's `class`/`id` names it a buy box (`buy-box`, `buybox`,
 * `Northstar-Buybox`): the column of price, quantity, delivery, seller and cart controls
 * beside a product's text.
 */
function namesBuyBox(el: Element): boolean {
  const ws = words(el);
  return ws.some((w, i) => w === "buybox" || (w === "buy" && ws[i + 1] === "box"));
}

/** Whether an element or one inside it is named a description in its `class`/`id`. */
function namesDescription(el: Element): boolean {
  if (words(el).includes("description")) return true;
  for (const d of el.querySelectorAll("[class],[id]")) {
    if (words(d).includes("description")) return true;
  }
  return false;
}

/**
 * Removes the buy boxes inside a product's content (as {@link namesBuyBox} reads them) that
 * hold neither the product's heading nor its description (an `itemprop=description`, an
 * element named "description"): the price, quantity, delivery, seller and cart controls a
 * buyer operates, with the table of the shop's offers set among them. It runs once the
 * content is settled: a box can hold the page's largest table and so make
 * {@link productBlock} span the product's reviews beside it, and its text counts toward
 * what the page shows of a description it declares. Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropBuyBoxes(root); // 1: "89,90 € · Entrega gratis · Vendido por · Añadir a la cesta"
 * ```
 */
export function dropBuyBoxes(block: Element): number {
  return removeNamed(
    block,
    (el) =>
      namesBuyBox(el) && el.querySelector('h1,[itemprop="description"]') === null &&
      !namesDescription(el),
  );
}

/**
 * Removes the popovers inside a product's content: the layers a shop opens over the page
 * when a buyer points at or clicks a control (`a-popover-preload`, `wt-popover`), named
 * "popover" in their `class`/`id`; the control that opens one (its "trigger") stays. It
 * runs once the content is settled, as {@link dropBuyBoxes} does: a popover can hold the
 * page's largest table or a block named a description, and so move {@link productBlock}.
 * Never a popover holding the product's heading. Returns how many went.
 */
export function dropPopovers(block: Element): number {
  return removeNamed(block, (el) => {
    const ws = words(el);
    return ws.includes("popover") && !ws.includes("trigger") && el.querySelector("h1") === null;
  });
}

/**
 * Removes the elements inside `block` that match `selector` (by default those with a
 * `class`/`id`) and that `goes` accepts, outermost first (what an earlier one took is
 * skipped). It tests containment, not `isConnected`: a thin product page's content is
 * cut from a detached copy of the page. Returns how many went.
 */
function removeNamed(
  block: Element,
  goes: (el: Element) => boolean,
  selector = "[class],[id]",
): number {
  let removed = 0;
  for (const el of [...block.querySelectorAll(selector)]) {
    if (!block.contains(el) || !goes(el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** What a shop's switch of region names: where a buyer lives, or the language it reads. */
const REGION_WORDS: ReadonlySet<string> = new Set(["region", "country", "locale", "language"]);

/** What names a control that picks one of a list: a menu, a selector, a switcher. */
const PICKER_WORDS: ReadonlySet<string> = new Set([
  "menu",
  "selector",
  "switcher",
  "picker",
  "select",
  "chooser",
  "dropdown",
]);

/**
 * Removes the region switches inside a product's content: the menu where a buyer picks
 * the shop's country, region or language ("nm-region-menu", "countrySelector",
 * "language-switcher"), a region's word followed by a picker's in its `class`/`id`.
 * Never one holding the product's heading. Returns how many went.
 */
export function dropRegionMenus(block: Element): number {
  return removeNamed(block, (el) => {
    const ws = words(el);
    return ws.some((w, i) => REGION_WORDS.has(w) && PICKER_WORDS.has(ws[i + 1] ?? "")) &&
      el.querySelector("h1") === null;
  });
}

/** Longest message a page shows when a reader's action fails (see {@link dropErrorMessages}). */
const ERROR_MAX = 200;

/**
 * Removes the error messages inside a page's content: the short notes a page writes
 * for its scripts to show when a reader's action fails (a shop's postcode that is not
 * valid, a wish list that cannot be loaded, a captcha that does not load, a map's search
 * that cannot use the reader's location), named "error" in their `class`/`id`
 * ("wt-validation__message" beside "estimated-shipping-error", "a-alert-error",
 * "form-error-msg", "geolocate-error"). Only a short one ({@link ERROR_MAX} characters
 * at most) with no heading of a section (h1 to h3; an alert's own title is an h4): a
 * block so named that holds more is a section, as is one holding the product's heading.
 * A heading or a term of a definition list is a title, not a message: a manual names
 * its sections and its entries for what they describe ("error-handling",
 * "json.JSONDecodeError"). The note a search shows when it finds nothing goes the same
 * way ("no-match", "c-al-noresults": see {@link namesNoMatch}). Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropErrorMessages(root); // 1: "Inserisci un indirizzo email valido."
 * ```
 */
export function dropErrorMessages(block: Element): number {
  return removeNamed(block, (el) => {
    const ws = words(el);
    return (ws.includes("error") || ws.includes("errors") || namesNoMatch(el)) &&
      isShortNote(el, ERROR_MAX) && !/^(H[1-6]|DT)$/.test(el.tagName);
  });
}

/** Longest label of a field a page's scripts fill (see {@link dropUnfilledLabels}). */
const UNFILLED_LABEL_MAX = 40;

/**
 * Removes the labels of the fields a page leaves for its scripts to fill: a short label
 * that ends in a colon ("Website:", "Fax:", "Your search:") followed by an empty element
 * with an `id` (`<span id="grantee-fax"></span>`), the slot a script writes the value
 * into once the reader has searched or picked something, with nothing else in the box
 * that holds them; or a box whose whole text is such a label followed by an empty element
 * (`<div>Color: <div></div></div>`, a picker's title that the selected swatch fills).
 * Read as it was served, the page shows a label without its value; a label with its
 * value, or one before a list, a paragraph or a picture, stays. Returns how many labels
 * went.
 *
 * @example
 * ```ts ignore
 * dropUnfilledLabels(root); // 1: "Téléphone :" before <span id="tel"></span>
 * ```
 */
export function dropUnfilledLabels(root: Element): number {
  // One walk of the root's elements serves both passes: the slots are those with an id (what
  // "[id]" selects), and the second pass reads all of them but the labels the first removed
  // (elements without elements inside, so that no other element left the root with them).
  const elements = [...root.querySelectorAll("*")];
  const dropped = new Set<Element>();
  for (const slot of elements) {
    if (!slot.hasAttribute("id")) continue;
    if (slot.firstChild !== null || !slot.isConnected) continue;
    const label = slot.previousElementSibling;
    const box = slot.parentElement;
    if (label === null || box === null || label.firstElementChild !== null) continue;
    const text = (label.textContent ?? "").trim();
    if (text.length > UNFILLED_LABEL_MAX || !text.endsWith(":")) continue;
    if ((box.textContent ?? "").trim() !== text) continue;
    label.remove();
    dropped.add(label);
  }
  let removed = dropped.size;
  // The label written as the box's own text, the slot beside it without a name
  // (`<div>Couleur : <div></div></div>`, a picker's title the selected choice fills).
  for (const box of elements) {
    if (dropped.has(box)) continue;
    const slot = box.lastElementChild;
    if (slot === null || slot.firstChild !== null || NOT_SLOTS.has(slot.tagName)) continue;
    const label = slot.previousSibling;
    if (label === null || label.nodeType !== 3 || label.previousSibling !== null) continue;
    const text = collapse(label.nodeValue);
    if (text.length > UNFILLED_LABEL_MAX || !/[:：]$/.test(text)) continue;
    if (collapse(box.textContent) !== text) continue;
    label.remove();
    removed++;
  }
  return removed;
}

/** Empty elements that are not a slot for a value: pictures, rules, controls. */
const NOT_SLOTS: ReadonlySet<string> = new Set([
  "IMG",
  "SVG",
  "PICTURE",
  "VIDEO",
  "IFRAME",
  "CANVAS",
  "BR",
  "HR",
  "INPUT",
  "SELECT",
  "TEXTAREA",
  "BUTTON",
]);

/**
 * Whether `el` is named for the note a search shows when it finds nothing ("no-match",
 * "no-results", "noResultsMsg", "zero-results"): {@link words} passes over a name led by
 * "no", which says what a block lacks, so this one is read from the names as written.
 */
function namesNoMatch(el: Element): boolean {
  const ws = nameParts(classAndId(el));
  return ws.some((w, i) =>
    NO_MATCH.test(w) || (/^(no|zero)$/.test(w) && NO_MATCH.test(`no${ws[i + 1] ?? ""}`))
  );
}

/** A word naming what a search found none of: "nomatch", "noresults" (glued or not). */
const NO_MATCH = /^no(match|matches|result|results|hits)$/;

/**
 * Whether `el` is a short note a shop's scripts show: {@link hasTextLength | at most}
 * `max` characters, with no heading of a section (h1 to h3) in it.
 */
function isShortNote(el: Element, max: number): boolean {
  return el.querySelector("h1,h2,h3") === null && !hasTextLength(el, max + 1);
}

/** Longest prompt to tell the shop what a buyer thinks (see {@link dropFeedbackPrompts}). */
const FEEDBACK_MAX = 300;

/**
 * Removes the prompts inside a product's content that ask a buyer to tell the shop what
 * they think of its page ("Did you find this product summary useful? Yes / No", "Would
 * you like to tell us about a lower price?", the "Feedback" beside each sponsored
 * block), named "feedback" in their `class`/`id` ("pqv-feedback",
 * "pricingFeedbackDiv", "pa_feedbackForm_container"). Only a short one
 * ({@link FEEDBACK_MAX} characters at most) with no heading of a section (h1 to h3).
 * Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropFeedbackPrompts(root); // 1: "Ti è stato utile questo riepilogo? Sì / No"
 * ```
 */
export function dropFeedbackPrompts(block: Element): number {
  return removeNamed(
    block,
    (el) => words(el).includes("feedback") && isShortNote(el, FEEDBACK_MAX),
  );
}

/** Longest announcement of a live region (see {@link dropLiveRegions}). */
const LIVE_MAX = 200;

/**
 * Removes the live regions inside a product's content: the short messages a shop's scripts
 * write for a screen reader to announce as the buyer acts (`aria-live` "polite" or
 * "assertive": the picture shown, "Sold out" for the size picked, the total of the items
 * ticked, a payment check in progress), not text of the page; with `statuses`, a
 * `role=status` that names no other is one too (a grid's "loaded 154 results", which a
 * page of goods writes as a status). Only a short one
 * ({@link LIVE_MAX} characters at most) with no heading of a section (h1 to h3).
 * Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropLiveRegions(root); // 1: "Immagine 1 di 8"
 * ```
 */
export function dropLiveRegions(block: Element, statuses = false): number {
  return removeNamed(block, (el) => {
    // A status (`role=status`) is polite unless it says otherwise.
    const live = (el.getAttribute("aria-live") ??
      (statuses && el.getAttribute("role") === "status" ? "polite" : "")).trim().toLowerCase();
    return (live === "polite" || live === "assertive") && isShortNote(el, LIVE_MAX);
  }, statuses ? "[aria-live],[role=status]" : "[aria-live]");
}

/** Longest title of a section whose content is still loading ("More ways to pay"). */
const LOADING_TITLE_MAX = 80;

/**
 * Removes the titles of a product's sections whose content the shop's scripts had not
 * loaded yet: a heading (alone in its box, 80 characters at most) right before a box
 * that holds only a short live region its page marks as busy (`aria-busy="true"`:
 * "Checking payment options..."). The live region goes with {@link dropLiveRegions};
 * its title titles nothing the page shows. Returns how many went.
 */
export function dropLoadingTitles(block: Element): number {
  let removed = 0;
  for (const busy of [...block.querySelectorAll('[aria-busy="true"]')]) {
    if (!busy.isConnected || !isShortNote(busy, LIVE_MAX)) continue;
    const text = collapse(busy.textContent);
    let box = busy;
    while (
      box.previousElementSibling === null && box.parentElement !== null &&
      box.parentElement !== block && collapse(box.parentElement.textContent) === text
    ) box = box.parentElement;
    const title = box.previousElementSibling;
    if (title === null) continue;
    const heading = /^H[1-6]$/.test(title.tagName)
      ? title
      : title.querySelector("h1,h2,h3,h4,h5,h6");
    const said = collapse(title.textContent);
    if (heading === null || said === "" || said.length > LOADING_TITLE_MAX) continue;
    if (collapse(heading.textContent) !== said) continue;
    title.remove();
    removed++;
  }
  return removed;
}

/**
 * The element with the most text among `selector`'s matches that `accept`s, neither
 * inside the heading nor holding it; null when none has text.
 */
function longest(
  root: Element,
  selector: string,
  heading: Element,
  accept: (el: Element) => boolean,
): Element | null {
  let best: Element | null = null;
  let bestLen = 0;
  for (const el of root.querySelectorAll(selector)) {
    if (heading.contains(el) || el.contains(heading) || !accept(el)) continue;
    const n = textLength(el);
    if (n > bestLen) {
      best = el;
      bestLen = n;
    }
  }
  return best;
}

/**
 * What buying the product earns or how it is paid over time: the shop's member rewards,
 * loyalty points and financing offers, not the product's description.
 */
const PURCHASE_EXTRA_WORDS: ReadonlySet<string> = new Set([
  "reward",
  "rewards",
  "loyalty",
  "membership",
  "financing",
]);

/** Words in `class`/`id` of a product page's blocks around the description and specifications. */
const PRODUCT_EXTRA_WORDS = new Set([
  "faq",
  "faqs",
  "questions",
  "upsell",
  "drawer",
  // The shop's invitation to ask its staff ("Ask an expert", a chat with an adviser) and
  // its rail of buying guides ("expert-advice"): the shop's service, not the product's.
  "expert",
  "experts",
  "expertise",
  ...PURCHASE_EXTRA_WORDS,
]);

/**
 * Class names of text shown to screen readers only, by the conventions of CSS frameworks
 * and platforms (`sr-only`, `visually-hidden`, `screen-reader-text`): kept off the screen.
 */
const SCREEN_READER_ONLY =
  /^(sr-only|visually-?hidden|screen-?reader-(text|only)|u-visually-hidden)$/i;

/** Longest text of a screen-reader-only element that goes (an instruction, a label). */
const SCREEN_READER_MAX = 300;

/**
 * Whether an element holds text only screen readers read: how to work a gallery carousel,
 * "Sale price", "Opens in a new window", a price said again in words. A shop writes it
 * for assistive technology around its widgets, beside what the page shows. The name is
 * read in its classes or in a `data-*` value (`data-hb-id="VisuallyHidden"`), as a
 * design system names its components there.
 */
export function isScreenReaderOnly(el: Element): boolean {
  const named =
    (el.getAttribute("class") ?? "").split(/\s+/).some((c) => SCREEN_READER_ONLY.test(c)) ||
    el.getAttributeNames().some((n) =>
      n.startsWith("data-") && SCREEN_READER_ONLY.test(el.getAttribute(n) ?? "")
    );
  return named && textLength(el) <= SCREEN_READER_MAX;
}

/**
 * Removes what surrounds a product's description on its page: customer reviews and
 * ratings, Q&A and FAQ blocks, up-sells and cross-sells, drawers,
 * the shop's invitations to ask its experts, member rewards and financing offers, and the
 * text the page writes for screen readers only (like the `aria-hidden` decorations the
 * chrome removal takes on product pages, what a reader of the page does not see). The
 * block that declares the description (`itemprop=description`) is kept whatever its name,
 * and so are the extras inside it, reviews included: what a shop writes into its
 * product's description (its buyers' testimonials, the critics' quotes) it chose to
 * tell of the product, where a review widget beside the description is what buyers
 * posted. A colour's or a finish's swatches stay: what they write beside their buttons
 * ("Available in space grey, blue and silver", the finish's price) tells what the product
 * comes in, and their buttons go with the shop's other controls.
 */
export function removeProductExtras(body: Element): void {
  const total = textLength(body);
  const summaries = opinionSummaries(body);
  for (const el of [...body.querySelectorAll("[class],[id],[itemprop]")]) {
    if (!el.isConnected) continue;
    if (isScreenReaderOnly(el)) {
      el.remove();
      continue;
    }
    const prop = el.getAttribute("itemprop");
    const ws = words(el);
    const opinions = prop === "review" || prop === "aggregateRating" || namesOpinions(ws);
    if (!opinions && !namesCrossSell(ws) && !ws.some((w) => PRODUCT_EXTRA_WORDS.has(w))) {
      continue;
    }
    // Never a block that holds the product's name or description: a wrapper named
    // after a drawer can hold the whole product.
    if (prop === "description" || holdsProduct(el)) continue;
    // Nothing inside the description goes: a product's own questions (a tab of its
    // description, as its care notes are) are its text, and so are the testimonials or
    // the critics' quotes the shop writes into it. Beside it, reviews go however long
    // they are; other extras only when they are a side part.
    if (inDescription(el)) continue;
    if (!opinions && textLength(el) > 0.4 * total) continue;
    if (summaries.has(el)) continue;
    if (opinions) dropOpinion(el);
    else el.remove();
  }
  dropTitledOpinions(body);
}

/** The tags from `el` up to `top` (not included): where a label sits in its block. */
function tagPath(el: Element, top: Element): string {
  let path = "";
  for (let at: Element | null = el; at !== null && at !== top; at = at.parentElement) {
    path += `${at.tagName}/`;
  }
  return path;
}

/**
 * Whether `block` holds another short label set where `label` is, naming something else:
 * a set of tabs or an accordion ("Customer Reviews", "Ingredients", "Suggested Use"),
 * whose first tab's title does not title the whole.
 */
function titlesPeers(label: Element, block: Element): boolean {
  const path = tagPath(label, block);
  for (const el of block.getElementsByTagName(label.tagName)) {
    if (el === label || el.children.length > 0) continue;
    const text = collapse(el.textContent);
    if (text.length === 0 || text.length > OPINION_TITLE_MAX || titlesOpinions(text)) {
      continue;
    }
    if (tagPath(el, block) === path) return true;
  }
  return false;
}

/**
 * Words of a title over many customers' opinions: "Reviews", not one "Review" (the press's
 * words a book's page quotes under "Review"); and the plurals shops in the languages of
 * `_ui_phrases.ts` write over them ("Kundenbewertungen", "Avis clients", "Opiniones",
 * "Recensioni", "Avaliações", "Beoordelingen", "Opinie", "Отзывы", "Yorumlar").
 */
const OPINION_SHELF_WORDS = new Set([
  "reviews",
  "ratings",
  "testimonials",
  "bewertungen",
  "kundenbewertungen",
  "rezensionen",
  "kundenrezensionen",
  "avis",
  "opiniones",
  "reseñas",
  "valoraciones",
  "recensioni",
  "opinioni",
  "avaliações",
  "opiniões",
  "beoordelingen",
  "recensies",
  "opinie",
  "recenzje",
  "отзывы",
  "yorumlar",
]);

/**
 * Whether a title's words name many customers' opinions (not a book's editorial reviews):
 * the words of its text in any script, not a class name's ASCII parts.
 */
function titlesOpinions(title: string): boolean {
  const ws = title.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return ws.some((w) => OPINION_SHELF_WORDS.has(w)) && !ws.includes("editorial");
}

/** Longest text of a label that heads a block of opinions ("Customer Reviews"). */
const OPINION_TITLE_MAX = 40;

/**
 * Removes the blocks of customers' opinions a page names by their title only, where its
 * classes say nothing (generated names such as `css-1x2y3z`): a block that opens with a
 * short label whose words name opinions ("Reviews", "Customer Reviews", "User
 * testimonials") and holds two or more paragraphs of prose besides
 * ({@link OPINION_TEXT} characters or more), each what one buyer wrote. Under the
 * guards of those named in `class`/`id`: never a block that holds the product's name,
 * the main region or its description, nor one inside the description. The first title
 * of a set of tabs ("Reviews" over "Ingredients", see {@link titlesPeers}) titles only
 * its tab, and opinions quoted in `<blockquote>`s are the shop's own text: both stay.
 */
function dropTitledOpinions(body: Element): void {
  for (const label of [...body.querySelectorAll("*")]) {
    if (!label.isConnected || label.children.length > 0) continue;
    const text = collapse(label.textContent);
    if (text.length === 0 || text.length > OPINION_TITLE_MAX) continue;
    if (!titlesOpinions(text)) continue;
    for (let block = label.parentElement; block !== null; block = block.parentElement) {
      if (block === body || block.tagName === "MAIN" || holdsProduct(block)) break;
      const all = collapse(block.textContent);
      if (all === text) continue;
      if (!all.startsWith(text) || inDescription(block) || titlesPeers(label, block)) break;
      const prose = [...block.querySelectorAll("p,blockquote,div,article,section")].filter((p) =>
        p.querySelector("p,blockquote,div,article,section") === null &&
        textLength(p) >= OPINION_TEXT
      );
      if (prose.length < 2) continue;
      // Opinions set as quotes (`<blockquote>`) are the shop's citations of its buyers,
      // written into the page as its own text, not a widget of what they posted.
      if (prose.some((p) => p.closest("blockquote") !== null)) break;
      block.remove();
      break;
    }
  }
}

/**
 * Words in `class`/`id` of a shop's controls: buttons, cart and wish-list actions, and the
 * bar of a product's actions (stock note, follow, add to a list).
 */
const CONTROL_WORDS: ReadonlySet<string> = new Set([
  "button",
  "btn",
  "cart",
  "wishlist",
  "actions",
]);

/**
 * Words in `class`/`id` of a cart control written as one word (`product__addtocart`): the
 * product's own, with the price, stock note and button around it.
 */
export const CART_BOX_WORDS: ReadonlySet<string> = new Set([
  "addtocart",
  "addtobag",
  "addtobasket",
]);

/** Words in `class`/`id` of a toggle that opens a section (an accordion's or a tab's heading). */
const TOGGLE_WORDS: ReadonlySet<string> = new Set([
  "accordion",
  "tab",
  "tabs",
  "toggle",
  "collapse",
]);

/** Heading tags. */
const HEADING = /^H[1-6]$/;

/** Longest text of a control that goes: a label, not a panel. */
const CONTROL_MAX = 80;

/**
 * Removes the controls of a shop's page (a product's, a category's grid): short blocks
 * named after a button or the cart ("Add to cart", "Shop now", "Size chart", "Filters")
 * are what a buyer clicks, not the product's description nor the grid's items. A toggle
 * that opens a section of the description (an accordion's or a tab's heading) stays.
 * Returns how many went.
 */
export function dropControls(body: Element, named = CONTROL_WORDS): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("[class],[id]")]) {
    // Containment, not `isConnected`: a thin product page's content is a detached copy.
    if (!body.contains(el) || !words(el).some((w) => named.has(w))) continue;
    // A heading named after the cart titles an offer ("Buy the game"), as any heading does.
    if (HEADING.test(el.tagName) || el.querySelector("h1,h2,h3,h4,h5,h6") !== null) continue;
    if (textLength(el) > CONTROL_MAX) continue;
    const toggles = [el, ...el.querySelectorAll("*")].some((x) =>
      x.hasAttribute("aria-expanded") || x.hasAttribute("aria-controls") ||
      x.getAttribute("role") === "tab" || words(x).some((w) => TOGGLE_WORDS.has(w))
    );
    if (toggles) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Longest heading {@link dropControlSections} reads as a title over a buyer's controls. */
const CONTROL_HEADING_MAX = 40;

/** Controls a buyer operates: a button, a picker, a field, a box to tick. */
const FORM_CONTROLS = "button,select,textarea,input:not([type=hidden])";

/** Elements whose text is a control's own: its label, its options. */
const CONTROL_TEXT = "button,select,option,textarea,label";

/**
 * Removes the sections of a shop's page that hold nothing but controls under their
 * heading: a heading ("How to get it", "Services", "Quantity") over buttons that open the
 * delivery's or the store's options, or boxes to tick for an assembly service, whose
 * every word is a control's own (a button's, an option's, a box's `<label>`). The heading
 * stands first in its section (its own box, the outermost that shows its text alone, is
 * the first with text) and at most {@link CONTROL_HEADING_MAX} characters long. Real
 * controls only (`<button>`, `<select>`, `<input>`): a block merely given a button's role
 * may be a news card. A section whose buttons open or close a part of the page (an
 * accordion's questions, with `aria-expanded` or `aria-controls`) is the page's text.
 * Returns how many sections went.
 *
 * @example
 * ```ts ignore
 * dropControlSections(body); // 1: "How to get it" over <button>Delivery</button>
 * ```
 */
export function dropControlSections(body: Element): number {
  let removed = 0;
  for (const h of [...body.querySelectorAll("h2,h3,h4,h5,h6")]) {
    if (!h.isConnected) continue;
    const said = collapse(h.textContent);
    if (said === "" || said.length > CONTROL_HEADING_MAX) continue;
    let head: Element = h;
    while (
      head.parentElement !== null && head.parentElement !== body &&
      collapse(head.parentElement.textContent) === said &&
      head.parentElement.querySelector(FORM_CONTROLS) === null
    ) head = head.parentElement;
    const section = head.parentElement;
    if (section === null || section === body) continue;
    const rest: Element[] = [];
    let opens = true;
    let seen = false;
    for (const c of section.children) {
      if (c === head) seen = true;
      else if (!seen) opens &&= textLength(c) === 0;
      else rest.push(c);
    }
    // The controls say what they do: an icon's button alone (a card's "+" that opens a
    // note) is no such section's.
    if (!opens || !rest.some((c) => textLength(c) > 0)) continue;
    const controls = rest.flatMap((c) =>
      c.matches(FORM_CONTROLS) ? [c] : [...c.querySelectorAll(FORM_CONTROLS)]
    );
    if (controls.length === 0) continue;
    if (
      controls.some((c) => c.hasAttribute("aria-expanded") || c.hasAttribute("aria-controls"))
    ) continue;
    if (!rest.every(controlsOnly)) continue;
    section.remove();
    removed++;
  }
  return removed;
}

/** Whether every word `el` shows is a control's own (see {@link CONTROL_TEXT}). */
function controlsOnly(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if ((n.textContent ?? "").trim() === "") continue;
    const parent = n.parentElement;
    if (parent === null || parent.closest("script,style,template,noscript") !== null) continue;
    const own = parent.closest(CONTROL_TEXT);
    if (own === null || !el.contains(own) && own !== el) return false;
  }
  return true;
}

/** Words in `class`/`id` of a shop's tool that lines chosen products up side by side. */
const COMPARISON_WORDS: ReadonlySet<string> = new Set(["compare", "comparison"]);

/**
 * Removes a shop's product comparison: the "Compare" box on each card of a grid and the
 * drawer that lines the ticked products up with their specifications, which a template
 * writes out in full for every product of the grid and keeps hidden until a reader ticks
 * some. Never a block that holds the page's heading or main region (a page that is a
 * comparison). Returns how many went.
 */
export function dropComparisons(body: Element): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("[class],[id]")]) {
    if (!el.isConnected || !words(el).some((w) => COMPARISON_WORDS.has(w))) continue;
    if (el.querySelector("h1,main") !== null) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/**
 * Whether an element sits inside the block that holds the product's description
 * (`itemprop=description`, or a `class`/`id` word "description").
 */
function inDescription(el: Element): boolean {
  for (let at = el.parentElement; at !== null; at = at.parentElement) {
    if (isDescription(at)) return true;
  }
  return false;
}

/** Whether an element is a product's description (`itemprop`, or named so). */
function isDescription(el: Element): boolean {
  return el.getAttribute("itemprop") === "description" || words(el).includes("description");
}

/**
 * Whether a name's words name a cross-sell, the other products a shop offers beside this
 * one ("product-cross-sell", "crossSellItems"): "cross" then "sell", or the two glued.
 */
function namesCrossSell(ws: readonly string[]): boolean {
  return ws.some((w, i) =>
    w === "crosssell" || w === "crosssells" || (w === "cross" && /^sells?$/.test(ws[i + 1] ?? ""))
  );
}

/** Whether a block holds the product's name, the main region or the description. */
function holdsProduct(el: Element): boolean {
  return el.querySelector('h1,main,[itemprop="description"]') !== null;
}

/**
 * The widest box around `el`, below `root`, each step of which `fits` accepts (given the
 * box and the box so far), never the main region nor a box that holds the product (see
 * {@link holdsProduct}): the part of a product's page a removal takes with `el`.
 */
function widestBox(
  el: Element,
  root: Element,
  fits: (up: Element, box: Element) => boolean,
): Element {
  let box = el;
  for (let up = box.parentElement; up !== null && up !== root; up = up.parentElement) {
    if (up.tagName === "MAIN" || holdsProduct(up) || !fits(up, box)) break;
    box = up;
  }
  return box;
}

/** Words of customer opinions on a product page (reviews, ratings, testimonials). */
const OPINION_WORDS = new Set([
  "review",
  "reviews",
  "rating",
  "ratings",
  "testimonial",
  "testimonials",
]);

/**
 * Whether a name's words name customers' opinions: an opinion word, not with "editorial".
 * A book's "editorial reviews" (`editorialReviews_feature_div`) are the press's and the
 * publisher's words about it, its blurbs, the author's bio and an excerpt: the shop's
 * description of the book, not what its buyers think.
 */
function namesOpinions(ws: readonly string[]): boolean {
  return ws.some((w) => OPINION_WORDS.has(w)) && !ws.includes("editorial");
}

/** Shortest text of a customer's opinion that counts toward a shelf of them: a sentence or two. */
const OPINION_TEXT = 60;

/** Fewest opinions of prose a block named after reviews holds to be a shelf of them. */
const OPINION_SHELF_MIN = 3;

/**
 * Removes the shelves of customers' opinions a shop's page of goods sets beside its grid
 * (a carousel of testimonials, a wall of reviews of its products): a block named after
 * reviews, ratings or testimonials ({@link namesOpinions}) that holds three or more
 * paragraphs of prose ({@link OPINION_TEXT} characters or more), each what one buyer
 * wrote; or one such opinion set as a tile among the grid's priced cards ({@link gridTile}).
 * What the shop shows is its goods and what it writes about them; what its buyers
 * say of them is praise, as a product page's reviews are. A card's rating ("4.5 (21
 * reviews)"), named so too, holds no prose and stays. Never a block that holds the page's
 * heading or main region. Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropOpinionShelves(body); // 1: "Happy customers?" and its fourteen testimonials
 * ```
 */
export function dropOpinionShelves(body: Element): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("[class],[id]")]) {
    if (!el.isConnected || !namesOpinions(words(el)) || holdsProduct(el)) continue;
    const prose = [...el.querySelectorAll("p,blockquote,div")].filter((p) =>
      p.querySelector("p,blockquote,div") === null && textLength(p) >= OPINION_TEXT
    );
    if (prose.length < OPINION_SHELF_MIN && (prose.length === 0 || !gridTile(el))) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Fewest priced siblings that make a tile's parent a shop's grid (see {@link gridTile}). */
const GRID_TILE_CARDS = 4;

/**
 * Whether `el` is a tile set among the cards of a shop's grid: it shows no price and
 * leads nowhere (a card of the grid links to its item), and its parent holds
 * {@link GRID_TILE_CARDS} or more other children that show a price.
 */
function gridTile(el: Element): boolean {
  const parent = el.parentElement;
  if (parent === null || PRICE.test(el.textContent ?? "")) return false;
  if (el.querySelector("a[href]") !== null) return false;
  let cards = 0;
  for (const sib of parent.children) {
    if (sib !== el && PRICE.test(sib.textContent ?? "") && ++cards >= GRID_TILE_CARDS) return true;
  }
  return false;
}

/** Longest text of a summary of a product's opinions (see {@link opinionSummaries}). */
const OPINION_SUMMARY_MAX = 200;

/**
 * The blocks named after opinions that sum them up as a line of the product's page: a
 * rating with its count ("4,7 von 5 Sternen, 98 Bewertungen"), a note that no one has
 * reviewed the product yet. Longer than a label ({@link OPINION_LABEL_MAX}) and shorter
 * than a review ({@link OPINION_SUMMARY_MAX}), shown once: a block whose text the page
 * repeats is a widget of each item (a grid's "Rate this book" stars), not the product's
 * line. The reviews themselves still go.
 */
function opinionSummaries(body: Element): Set<Element> {
  const byText = new Map<string, Element[]>();
  for (const el of body.querySelectorAll("[class],[id],[itemprop]")) {
    const prop = el.getAttribute("itemprop");
    if (prop !== "aggregateRating" && !namesOpinions(words(el))) continue;
    const length = textLength(el);
    if (length <= OPINION_LABEL_MAX || length > OPINION_SUMMARY_MAX) continue;
    const text = collapse(el.textContent);
    const same = byText.get(text);
    if (same === undefined) byText.set(text, [el]);
    else same.push(el);
  }
  const shown = new Set<Element>();
  for (const same of byText.values()) {
    // A wrapper and its only child have the same text: that is one line, not a repeat.
    const outer = same.filter((el) => !same.some((o) => o !== el && o.contains(el)));
    if (outer.length !== 1) continue;
    for (const el of same) shown.add(el);
  }
  return shown;
}

/** Longest text of a label that heads a list of opinions ("Pros", "Cons"). */
const OPINION_LABEL_MAX = 40;

/**
 * Removes a block of opinions, and the list it labels when it is a label: a summary of
 * reviews names its labels ("Pros", "Neutral") after reviews and leaves the list of
 * points each heads, its next sibling, unnamed.
 */
function dropOpinion(el: Element): void {
  const next = el.nextElementSibling;
  if (
    next !== null && /^(UL|OL|DL)$/.test(next.tagName) && el.children.length === 0 &&
    textLength(el) <= OPINION_LABEL_MAX
  ) next.remove();
  el.remove();
}

/**
 * Removes the blocks of customer opinions a page names in its `data-*` attributes only
 * (`data-testid="reviews-summary"`), as {@link removeProductExtras} does those named in
 * `class`/`id`, and its member rewards, financing offers and cross-sells named so
 * (`data-test-id="FinancingCallout"`, `data-testid="product-cross-sell"`). Returns how
 * many went.
 */
export function dropDataOpinions(body: Element): number {
  let removed = 0;
  const total = textLength(body);
  for (const el of [...body.querySelectorAll("*")]) {
    if (!el.isConnected) continue;
    const named = [...el.attributes].some((a) =>
      a.name.startsWith("data-") && namesOpinions(nameWords(a.value))
    );
    // A purchase extra (rewards, financing) named so, under the guards of the extras
    // named in `class`/`id`; only a name (`data-test-id="FinancingCallout"`), not a
    // tracking path or a label that spells its words out.
    const extra = !named &&
      (namedInData(el, PURCHASE_EXTRA_WORDS) || namedInData(el, namesCrossSell));
    if (!(named || extra) || holdsProduct(el)) continue;
    if (extra && (textLength(el) > 0.4 * total || inDescription(el))) continue;
    if (named) dropOpinion(el);
    else el.remove();
    removed++;
  }
  return removed;
}

/** Fewest pages that a carousel's links lead to for it to be one of other products. */
const CAROUSEL_MIN_LINKS = 3;

/**
 * Removes the carousels of other products a product page shows (recommended, sponsored,
 * "bought together"): an element the page declares a carousel (`aria-roledescription`
 * "carousel") whose items link to three or more other pages. The product's own gallery is
 * a carousel too, of pictures that link nowhere else (or to the pictures). A carousel that
 * holds the page's `<h1>` stays. Returns how many went.
 */
export function dropProductCarousels(body: Element): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("[aria-roledescription]")]) {
    if (!el.isConnected) continue;
    if ((el.getAttribute("aria-roledescription") ?? "").trim().toLowerCase() !== "carousel") {
      continue;
    }
    if (el.querySelector("h1") !== null) continue;
    if (linkedPages(el).size < CAROUSEL_MIN_LINKS) continue;
    // With its section: the heading above it, its arrows and "see all" link.
    widenOverLittle(el, new Set([el]), body).remove();
    removed++;
  }
  return removed;
}

/**
 * The other pages the links in `el` lead to (without their fragments): not a jump within
 * the page, a script, an address to write or call, or a picture.
 */
function linkedPages(el: Element): Set<string> {
  const pages = new Set<string>();
  for (const a of el.querySelectorAll("a[href]")) {
    const href = (a.getAttribute("href") ?? "").trim();
    if (href === "" || href.startsWith("#") || /^(javascript|mailto|tel):/i.test(href)) continue;
    if (/\.(jpe?g|png|webp|gif|avif|svg)(\?|#|$)/i.test(href)) continue;
    pages.add(href.replace(/#.*$/, ""));
  }
  return pages;
}

/**
 * The title of a shelf of other products a shop sets on a product's page: what others
 * bought with it or instead ("Frequently bought together", "Others like you also
 * bought"), what the reader looked at before ("Your recently viewed items"), what the
 * shop suggests beside it ("You may also like", "Related products"), in English and in
 * the languages shops most often write in. A phrase of the title's, not its whole text:
 * "Customers also bought or read", "Others Like You Also Bought:".
 */
const SHELF_TITLE = new RegExp(
  [
    String.raw`\balso (bought|viewed|purchased)\b|\bbought together\b|\brecently viewed\b`,
    String.raw`\byou (may|might) also like\b|^(related|similar) (products|items)\b`,
    // German, French, Spanish, Italian, Portuguese, Dutch, Polish: the same shelves'
    // titles as WooCommerce's and Shopify's translations write them.
    String.raw`kunden kauften auch|zuletzt angesehen|vous aimerez (peut-être )?aussi`,
    String.raw`récemment consultés|también te puede gustar|vistos recientemente`,
    String.raw`häufig zusammen gekauft|das könnte (ihnen|dir) auch gefallen`,
    String.raw`achetés ensemble|ont (aussi|également) acheté|vous pourriez aussi aimer`,
    String.raw`comprados juntos|también compraron|comprati insieme|hanno acquistato anche`,
    String.raw`potrebbe (piacerti|interessarti) anche|visti di recente|também compraram`,
    String.raw`você também pode gostar|vistos recentemente|vaak samen gekocht|kochten ook`,
    String.raw`recent bekeken|często kupowane razem|kupili (również|też)|ostatnio oglądane`,
    String.raw`może ci się (również )?spodobać|^(ähnliche produkte|produits (similaires|associés)`,
    String.raw`productos (relacionados|similares)|prodotti (correlati|simili)`,
    String.raw`produtos (relacionados|semelhantes|similares)`,
    String.raw`(gerelateerde|vergelijkbare) producten|(podobne|powiązane) produkty)\b`,
    // Russian, Turkish, Arabic, Japanese, Chinese, Korean.
    String.raw`с этим товаром (также )?покупают|недавно просмотренные|похожие товары`,
    String.raw`вам (также )?может понравиться|birlikte (alınan|satın alınan) ürünler`,
    String.raw`son (görüntülenen|gezilen) ürünler|benzer ürünler|bunları da beğenebilirsiniz`,
    String.raw`منتجات ذات صلة|منتجات مشابهة|قد يعجبك أيضا|شوهدت مؤخر(ا|اً)|関連商品`,
    String
      .raw`最近チェックした商品|よく一緒に購入されている商品|この商品を買った人は|相关商品|相關商品`,
    String
      .raw`相关产品|相關產品|最近浏览|最近瀏覽|经常一起购买|經常一起購買|관련 ?상품|함께 구매한 상품`,
    String.raw`최근 본 상품|비슷한 상품`,
  ].join("|"),
  "iu",
);

/** Longest text of a shelf's title: a heading, not a sentence that mentions one. */
const SHELF_TITLE_MAX = 60;

/** Most words of a shelf's title. */
const SHELF_TITLE_WORDS = 8;

/** The headings of rank `rank` and above (`peerHeadings(3)` is "h1,h2,h3"). */
function peerHeadings(rank: number): string {
  return Array.from({ length: rank }, (_, i) => `h${i + 1}`).join(",");
}

/** Longest text of a shelf that goes with its title: a row of cards or a policy with its forms, not the page. */
const SHELF_MAX = 5000;

/**
 * The title of a shop's returns policy set as a section of a product's page ("Return
 * Policy", "30-Day Return Policy"): read on a section's heading (`<h2>`, `<h3>`) only,
 * where a heading of lower rank so named is a line of the product's own warranty tab
 * (its seller's terms beside its warranty period). In English and in the languages of
 * {@link SHOP_POLICY_TITLE} ("Rückgabebedingungen", "Politique de retour", "Retourbeleid").
 */
const RETURN_POLICY_TITLE = new RegExp(
  [
    String.raw`^((\d+-day )?returns? polic(y|ies)|rückgabe(richtlinie|bedingungen)|retourbeleid`,
    String.raw`politique de retours?|política de devoluci(ón|ones)|politica (di|sui) res[oi]`,
    String.raw`política de (devolução|trocas e devoluções)|polityka zwrotów|политика возврата`,
    String.raw`iade politikası|سياسة (الإرجاع|الاسترجاع)|返品ポリシー|退货政策|退貨政策|반품 정책)$`,
  ].join("|"),
  "iu",
);

/**
 * The title of a shop's note on its shipping and returns, the same on each of its
 * products' pages ("Shipping and Returns", "Delivery & returns", "Shipping and return
 * policies"), in English and in the languages shops most often write in ("Versand und
 * Rückgabe", "Envio e devoluções", "Доставка и возврат", "Kargo ve iade", "配送と返品",
 * "배송 및 반품"). Only a heading's:
 * a tab's label so named may open the product's own delivery notes.
 */
const SHOP_POLICY_TITLE = new RegExp(
  [
    String.raw`^((shipping|delivery)\s*(&|and|\+|\/)\s*returns?`,
    String.raw`(versand|lieferung)\s*(&|und)\s*(rückgabe|retoure)|livraison\s*(&|et)\s*retours?`,
    String.raw`envíos?\s*(&|y)\s*devoluciones|spedizion[ei]\s*(&|e)\s*res[oi]`,
    String.raw`(envio|entrega)\s*(&|e)\s*devoluç(ão|ões)|verzending\s*(&|en)\s*retour(neren)?`,
    String.raw`dostawa\s*(&|i)\s*zwroty|доставка\s*(&|и)\s*возврат|kargo\s*(&|ve)\s*iade`,
    String
      .raw`الشحن\s*(&|و)\s*ال[إا]رجاع|配送(と|・|&)返品|配送(与|與|和)退(货|貨)|배송\s*(&|및)\s*반품)`,
    // Not `\b`, which sees no letter in "ã" or "и": no letter or digit after the title's words.
  ].join("|") + String.raw`(?![\p{L}\p{N}])`,
  "iu",
);

/**
 * Removes the shelves of other products a product's page shows under a title that says so
 * ({@link SHELF_TITLE}: "Frequently bought together", "Your recently viewed items"), and
 * the shop's note on its shipping and returns under a heading that says so
 * ({@link SHOP_POLICY_TITLE}, {@link RETURN_POLICY_TITLE}): the title (a heading, or for a
 * shelf, a short block of 60 characters and 8 words at most that ends in no full stop:
 * a title, not a buyer's sentence) with the widest box it opens, each parent whose first block
 * with text holds the title, up to 5000 characters, never a box that holds the page's
 * `<h1>`, main region or description, nor a heading of the title's rank or above that
 * opens the next section (the product's details after a tab of its shipping note). The
 * cards of such a shelf are other products (their names, prices and "Add to cart"), which
 * a shop's scripts often fill after the page loads; what is left of a shelf the other
 * removals took apart (its title, "To see our price, add these items to your cart") goes
 * with it. The policy is the shop's, the same for all it sells. Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropShelves(body); // 1: "Others Like You Also Bought:" and its two cards
 * ```
 */
export function dropShelves(body: Element): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("h2,h3,h4,h5,h6,p,div,span")]) {
    if (!el.isConnected || el.childElementCount > 2) continue;
    const text = collapse(el.textContent);
    if (text.length > SHELF_TITLE_MAX) continue;
    // A title, not a sentence that says so ("I also bought the case.").
    if (endsWithFullStop(text) || lineWords(text) > SHELF_TITLE_WORDS) continue;
    const heading = HEADING.test(el.tagName);
    const policy = heading && (SHOP_POLICY_TITLE.test(text) ||
      /^H[23]$/.test(el.tagName) && RETURN_POLICY_TITLE.test(text));
    if (!policy && (!SHELF_TITLE.test(text) || inDescription(el))) continue;
    // The title's section ends where a heading of its rank or above opens another.
    const peers = peerHeadings(heading ? Number(el.tagName[1]) : 6);
    widestBox(el, body, (up, box) =>
      textLength(up) <= SHELF_MAX &&
      ![...up.querySelectorAll(peers)].some((h) => !box.contains(h)) &&
      [...up.children].find((c) => textLength(c) > 0) === box).remove();
    removed++;
  }
  return removed;
}

/** Longest text of a picker's title over its swatches ("Color: Black Caressoft"). */
const SWATCH_LABEL_MAX = 40;

/** Fewest choices a row of swatches offers. */
const SWATCH_MIN = 2;

/** The elements a swatch is drawn with: a link, a button, a box to tick, a picture. */
const SWATCH = 'a,button,input,img,[role="radio"],[aria-label]';

/** Attribute marking the pickers' titles over wordless swatches, set by {@link markSwatchLabels}. */
const SWATCH_LABEL_ATTR = "data-riptide-swatch-label";

/** Whether an element is a picker's title over its wordless swatches (see dropSwatchLabels). */
function isSwatchLabel(el: Element): boolean {
  const text = collapse(el.textContent);
  if (text === "" || text.length > SWATCH_LABEL_MAX) return false;
  if (!/^[\p{L} ]{1,20}\s*[:：]/u.test(text)) return false;
  const next = el.nextElementSibling;
  if (next === null || textLength(next) > 0) return false;
  return next.querySelectorAll(SWATCH).length >= SWATCH_MIN;
}

/** Attribute marking the pickers' titles over a row of worded buttons, set by {@link markSwatchLabels}. */
const PICKER_TITLE_ATTR = "data-riptide-picker-title";

/**
 * Longest title of a picker over worded buttons ("Device", "Select Size"), in Latin letters
 * ({@link spanOf}: "型号" is two characters that say as much as six).
 */
const PICKER_TITLE_MAX = 25;

/** Fewest worded buttons a picker offers. */
const PICKER_MIN = 3;

/** Longest label of one of a picker's buttons ("iPhone 16 Pro Max", "2X-Large"). */
const PICKER_OPTION_MAX = 30;

/**
 * A cart button's label in the languages of `_ui_phrases.ts` that are not English (English
 * labels read as {@link CART_CONTROL}): "In den Warenkorb", "Ajouter au panier", "Añadir
 * al carrito", "Aggiungi al carrello", "Adicionar ao carrinho", "In winkelwagen", "Dodaj
 * do koszyka".
 */
const CART_LABEL = new RegExp(
  [
    String.raw`in den (warenkorb|einkaufswagen)|ajouter au panier|(añadir|agregar) al carrito`,
    String
      .raw`aggiungi al carrello|adicionar ao (carrinho|cesto)|in (de |mijn )?winkel(wagen|mand)`,
    String.raw`dodaj do koszyka`,
  ].join("|"),
  "iu",
);

/**
 * Whether an element is a picker's title over a row of worded buttons (see
 * dropSwatchLabels): a short block (25 characters at most, no sentence) followed by a box
 * whose whole text is the labels of three buttons or more, each a choice's name of 30
 * characters at most, none a cart's (a product's name over "Select a size", "Add to cart"
 * is the buy box's title; so is one over "Größe wählen", "In den Warenkorb").
 */
function isPickerTitle(el: Element): boolean {
  const text = collapse(el.textContent);
  if (text === "" || spanOf(text) > PICKER_TITLE_MAX || endsWithFullStop(text)) return false;
  const next = el.nextElementSibling;
  if (next === null) return false;
  const buttons = [...next.querySelectorAll("button")];
  if (buttons.length < PICKER_MIN) return false;
  let inButtons = 0;
  for (const b of buttons) {
    const label = collapse(b.textContent);
    if (label.length > PICKER_OPTION_MAX || CART_CONTROL.test(label) || CART_LABEL.test(label)) {
      return false;
    }
    inButtons += solidLength(label);
  }
  return inButtons > 0 && inButtons === solidLength(next.textContent ?? "");
}

/**
 * Whether an element is the title of a picker built as a form's group of choices: the
 * `<legend>` (25 characters at most, no sentence) of a `<fieldset>` that holds two radio
 * buttons or checkboxes or more and no text but their labels' ("Farbe" over "Salbei",
 * "Sand", "Anthrazit", each an input with its `<label>`), as a shop's theme writes each
 * option of a product's variants.
 */
function isChoicesLegend(el: Element): boolean {
  const group = el.parentElement;
  if (el.tagName !== "LEGEND" || group?.tagName !== "FIELDSET") return false;
  const text = collapse(el.textContent);
  if (text === "" || spanOf(text) > PICKER_TITLE_MAX || endsWithFullStop(text)) return false;
  const inputs = group.querySelectorAll('input[type="radio"],input[type="checkbox"]');
  if (inputs.length < 2) return false;
  let labelled = solidLength(el.textContent ?? "");
  for (const label of group.querySelectorAll("label")) {
    labelled += solidLength(label.textContent ?? "");
  }
  return labelled === solidLength(group.textContent ?? "");
}

/**
 * Marks, while the page is whole, the pickers' titles over wordless swatches (see
 * {@link dropSwatchLabels}): the cleaning takes the swatches (buttons, a buyer's
 * controls) and leaves the title ("Color:" then "Black Caressoft") over nothing that
 * tells it from a line of the product's; and the titles over a row of worded buttons
 * ("Device" over "iPhone 16 Pro", "iPhone 16 Pro Max"…) or over a group of radio
 * buttons ({@link isChoicesLegend}), which the cleaning takes as well. Returns how many it
 * marked.
 */
export function markSwatchLabels(root: Element): number {
  let marked = 0;
  for (const el of root.querySelectorAll("div,p,span,legend,label")) {
    if (el.parentElement?.hasAttribute(SWATCH_LABEL_ATTR)) continue;
    // Both titles are short: a block of more letters than the longer one holds is neither,
    // and its text is not built.
    if (hasTextLength(el, SWATCH_LABEL_MAX + 1, true)) continue;
    if (isSwatchLabel(el)) el.setAttribute(SWATCH_LABEL_ATTR, "");
    else if (isPickerTitle(el) || isChoicesLegend(el)) el.setAttribute(PICKER_TITLE_ATTR, "");
    else continue;
    marked++;
  }
  return marked;
}

/**
 * Removes the title of a picker whose choices are swatches without words: a block of 40
 * characters at most that names the option and the choice made ("Color: Black",
 * "COLOR: Royal Black", "Color" then ": Black"), a colon after its first word or two,
 * followed by a box with no text of its own that holds two swatches or more (pictures,
 * links or buttons named for screen readers only), as it is now or as
 * {@link markSwatchLabels} saw it while the page was whole. The choice is what a buyer
 * clicks, shown as its colour; its name beside the swatches says which one is picked,
 * not what the product is. A picker's title over worded buttons that the mark found
 * ("Device" over "iPhone 16 Pro"…) goes too once its buttons went, a title over nothing.
 * Always clears the marks. Returns how many went.
 */
export function dropSwatchLabels(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("div,p,span,legend,label")]) {
    if (!el.isConnected) continue;
    const marked = el.hasAttribute(SWATCH_LABEL_ATTR);
    el.removeAttribute(SWATCH_LABEL_ATTR);
    // A picker's title over worded buttons goes once its buttons went (nothing after it).
    const picker = el.hasAttribute(PICKER_TITLE_ATTR);
    el.removeAttribute(PICKER_TITLE_ATTR);
    const after = el.nextElementSibling;
    const bare = picker && (after === null || textLength(after) === 0);
    if (!marked && !bare && !isSwatchLabel(el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** A day a shop names for a delivery: a weekday with its date, a month with its day, a numeric date. */
const DELIVERY_DAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+` +
  String.raw`(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?\d{1,2}\b|` +
  String
    .raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|` +
  String.raw`\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)`;

/**
 * A shop's delivery estimate for the day the page was served: a ship or delivery word
 * followed within a few words by a date ("Get it by Mon, Mar 9", "Ships by March 10th",
 * "42x24\" without Grommets ships by 05/06/26").
 */
const DELIVERY_DATE = new RegExp(
  String.raw`\b(?:get it|ships?|arrives?|delivered|delivery|dispatch(?:ed|es)?)\b[^.!?]{0,25}?\b` +
    DELIVERY_DAY,
  "i",
);

/**
 * The words of a delivery or a dispatch in the languages of `_ui_phrases.ts` that are not
 * English, as shops write them before the day (Amazon's "KOSTENLOSE Lieferung Dienstag",
 * "Livraison GRATUITE mardi", "Entrega GRATIS el martes", "Consegna GRATUITA martedì",
 * "GRATIS bezorging dinsdag", "Dostawa GRATIS wtorek", Russian "Доставка 10 марта",
 * "Доставим", Turkish "Ücretsiz teslimat 10 Mart", "Kargoya verilir").
 */
const DELIVERY_WORDS = [
  "lieferung|geliefert|zustellung|versandt|livraison|livré|expédié|recevez-le|entrega",
  "recíbelo|llega|enviado|consegna|ricevilo|spedito|receba|bezorging|bezorgd|geleverd",
  "verzonden|dostawa|dostarczymy|wysyłka|доставка|доставим|доставят|отправка|teslimat",
  "kargoya verilir|kargoda",
].join("|");

/**
 * A shop's delivery estimate in another language: a delivery word ({@link DELIVERY_WORDS})
 * followed within a few words by a day and its month's name, as the regex strategy's
 * dates read it ({@link MONTH}): "Lieferung Dienstag, 10. März", "Livraison GRATUITE
 * mardi 10 mars", "Entrega GRATIS el martes, 10 de marzo".
 */
const FOREIGN_DELIVERY_DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${DELIVERY_WORDS})(?![\p{L}\p{N}])[^!?]{0,25}?` +
    String.raw`(?<!\p{N})\p{N}{1,2}\.?\s+(?:de\s+)?${MONTH}`,
  "iu",
);

/**
 * A day as Chinese, Japanese and Korean shops write it: a month and its day ("3月10日",
 * "3월 10일"), or a day or a numeric date with its weekday in brackets ("10일(화)",
 * "3/10(火)"); a bare "10일" is also ten days, and stays unread.
 */
const CJK_DELIVERY_DAY = String.raw`(?:\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]|` +
  String.raw`(?:\d{1,2}/\d{1,2}|\d{1,2}\s*[日일])\s*[(（][月火水木金土日월화수목금토일][)）])`;

/** A delivery's or a dispatch's words in Chinese, Japanese and Korean. */
const CJK_DELIVERY_WORDS =
  "お届け|配達|発送|到着|送达|送達|配送|发货|發貨|到货|到貨|도착|배송|발송|출고";

/**
 * A shop's delivery estimate in Chinese, Japanese or Korean: a delivery word
 * ({@link CJK_DELIVERY_WORDS}) and a day ({@link CJK_DELIVERY_DAY}) a few characters apart,
 * in either order, as these languages set the verb after its date ("预计3月10日送达",
 * "3月10日 火曜日にお届け", "3/10(화) 도착 예정") or a label before it ("お届け日：3月10日").
 * No letter need part them: these scripts write no space between words.
 */
const CJK_DELIVERY_DATE = new RegExp(
  String.raw`(?:${CJK_DELIVERY_WORDS})[^。！？!?]{0,12}?${CJK_DELIVERY_DAY}|` +
    String.raw`${CJK_DELIVERY_DAY}[^。！？!?]{0,12}?(?:${CJK_DELIVERY_WORDS})`,
);

/** Longest line of a delivery estimate. */
const DELIVERY_DATE_MAX = 60;

/**
 * Removes the delivery estimates a shop writes beside its product for the day the page was
 * served ({@link DELIVERY_DATE}: "Get it by Mon, Mar 9", "Warehouse Transition: Ships by
 * March 10th"; {@link FOREIGN_DELIVERY_DATE}: "Lieferung Dienstag, 10. März";
 * {@link CJK_DELIVERY_DATE}: "预计3月10日送达"): the widest
 * block of 60 characters at most that holds one (with the promise it backs: "FREE Fast
 * Delivery"), outside the description. Tomorrow's reader gets another date; the product
 * is the same. Returns how many went.
 */
export function dropDeliveryDates(root: Element): number {
  return removeEach(root, "div,p,span,li", (el) => {
    if (el.childElementCount > 2) return false;
    const text = collapse(el.textContent);
    return text.length <= DELIVERY_DATE_MAX &&
      (DELIVERY_DATE.test(text) || FOREIGN_DELIVERY_DATE.test(text) ||
        CJK_DELIVERY_DATE.test(text)) &&
      !inDescription(el);
  });
}

/**
 * Removes each element under `root` that `selector` finds and `drops` tells to go, in
 * document order, passing over those gone with an earlier one. Returns how many went.
 */
function removeEach(root: Element, selector: string, drops: (el: Element) => boolean): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(selector)]) {
    if (!el.isConnected || !drops(el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/**
 * One clause of the note a shop writes under a price, in the languages of `_ui_phrases.ts`:
 * that the tax is in it or the shipping comes on top ("inkl. 19 % MwSt.", "zzgl.
 * Versandkosten", "Tax included.", "Shipping calculated at checkout", "TTC", "TVA
 * incluse", "Impuestos incluidos", "IVA inclusa", "incl. btw", "zawiera VAT"), or how
 * long its delivery takes ("Lieferzeit: 2-4 Werktage", "Delivery time: 3-5 business
 * days", "Délai de livraison : 48 h"), its price per unit ("24,90 € / kg"), or whether
 * it is in stock ("Auf Lager", "In Stock!"). German law has every shop write the first two beside
 * each price (WooCommerce Germanized, Shopware, JTL-Shop), and a theme's locale writes
 * them in each language (Shopify's "Tax included."): a label of the offer, not the
 * product's description.
 */
const PRICE_NOTE_CLAUSE = [
  // German
  String
    .raw`(alle )?(preise? )?(inkl\.?|inklusive|incl\.?|zzgl\.?|zuzüglich|exkl\.?|exklusive|ohne|enth(\.|ält)) (der )?(gesetzl(\.|iche[n]?)? )?(\d+ ?% )?(mwst\.?|mehrwertsteuer|ust\.?|umsatzsteuer|steuern?|versand(kosten)?|versandgebühren|(zzgl\.? )?versand)`,
  String
    .raw`versand(kosten)? (wird|werden) (beim|an der|im) (checkout|kasse|bezahlvorgang) berechnet`,
  String
    .raw`(sofort (verfügbar|lieferbar),? )?lieferzeit:? (ca\.? )?\d+ ?(-|–|bis) ?\d+ (werk)?tage`,
  // English
  String
    .raw`(prices? )?(incl\.?|inc\.?|including|excl\.?|excluding|ex\.?|plus) (\d+ ?% )?(vat|tax(es)?|gst|shipping)`,
  String.raw`tax(es)? included|shipping calculated at checkout`,
  String.raw`delivery time:? (approx\.? )?\d+ ?(-|–|to) ?\d+ (business |working )?days`,
  // French
  String
    .raw`ttc|ht|tva (incluse|comprise)|taxes (incluses|comprises)|hors taxes|toutes taxes comprises|(\+ |hors )?frais de (port|livraison)( en sus)?|frais d['’]expédition calculés (lors du|au moment du) paiement`,
  String.raw`délai de livraison ?:? \d+ ?(-|–|à) ?\d+ (jours|h)( ouvrés| ouvrables)?`,
  // Spanish
  String
    .raw`iva incluido|impuestos incluidos|(más |\+ )?gastos de envío|los gastos de envío se calculan en la pantalla de pago`,
  // Italian
  String
    .raw`iva inclusa|(imposte|tasse) incluse|(più |\+ )?spese di spedizione|spese di spedizione calcolate al check-?out`,
  // Dutch
  String
    .raw`(incl\.?|inclusief|excl\.?|exclusief) (btw|verzendkosten|belasting)|verzendkosten worden (bij (het afrekenen|de checkout) )?berekend( bij (het afrekenen|de checkout))?`,
  // Polish
  String
    .raw`(cena )?(zawiera|z) vat|podatek wliczony w cenę|(\+ )?koszty? (wysyłki|dostawy)( zostanie obliczony przy kasie)?`,
  // The price per unit written after the amount ("24,90 € / kg", "15,80 € pro 1 l",
  // "(7,48 €* / 1 Stück)"), which German law also asks for
  String
    .raw`(/|pro|per|je|par|por|al|za) ?(\d+([.,]\d+)? ?)?(kg|g|l|ml|cl|m|cm|m²|m2|stück|stk\.?|st\.?|piece|unit|oz|lb|fl\.? oz|litre|liter|kilo|kilogramm)`,
  // Whether it is in stock, in all of them, after its label or a count ("Verfügbarkeit:
  // Auf Lager", "184 vorrätig", "In Stock!", "Only 3 left in stock", "En stock")
  String
    .raw`((verfügbarkeit|lagerstatus|availability|stock|disponibilité|disponibilidad|disponibilità|beschikbaarheid|dostępność) ?: ?)?(nur noch |only )?(\d+ )?(left )?(in stock|out of stock|auf lager|(nicht )?vorrätig|sofort (lieferbar|verfügbar)|ausverkauft|en stock|rupture de stock|en existencia|agotado|disponibile|esaurito|op voorraad|uitverkocht|(nie)?dostępny|brak w magazynie)!?`,
].join("|");

/**
 * A block that is only the notes under a price (see {@link PRICE_NOTE_CLAUSE}), one or
 * more, with the amounts, stars and brackets around them ("(£2.98 inc. VAT)", "inkl. 7 %
 * MwSt. zzgl. Versandkosten", "* Alle Preise inkl. MwSt.").
 */
const PRICE_NOTE = new RegExp(
  String.raw`^[\s\p{Sc}\p{Nd}.,*()]*(${PRICE_NOTE_CLAUSE})` +
    String
      .raw`([\s.,;:*()·|&]+(und|and|et|y|e|en|i)?\s*(${PRICE_NOTE_CLAUSE}))*[\s\p{Sc}\p{Nd}.,:*()]*$`,
  "iu",
);

/** Longest note under a price: two or three clauses. */
const PRICE_NOTE_MAX = 120;

/**
 * Removes the notes a shop writes beside the product's price, each a block of its own
 * (see {@link PRICE_NOTE}): where the price went with the offer box they went with it,
 * but a price the box rule does not read (WooCommerce writes the currency in an element of
 * its own) leaves them as lines of their own. Not in the product's description, whose
 * text may say so in a sentence. Returns how many went.
 */
export function dropPriceNotes(root: Element): number {
  return removeEach(root, "div,p,span,small,li", (el) => {
    if (hasTextLength(el, PRICE_NOTE_MAX + 1)) return false;
    const text = collapse(el.textContent);
    return text !== "" && PRICE_NOTE.test(text) && !inDescription(el);
  });
}

/** Most text of a product's taxonomy line besides its links: its labels and its SKU. */
const TAXONOMY_LABELS_MAX = 80;

/**
 * Removes the product's taxonomy line: a block (not in the description) whose links all
 * name a category or a tag of the shop (`rel="tag"`, as WordPress and WooCommerce write
 * them) and whose other text is only their labels and an article number, at most
 * {@link TAXONOMY_LABELS_MAX} characters ("SKU: zero Categories: Barefoot sandals Tags:
 * Man, Sandals", "Artikelnummer: RW-ESP-1000 Kategorie: Espresso"). The shop's shelves the
 * product sits on are its navigation, not what the page says of it. Returns how many went.
 */
export function dropTaxonomyLines(root: Element): number {
  return removeEach(root, "div,p", (el) => {
    if (inDescription(el) || isDescription(el)) return false;
    const links = [...el.querySelectorAll("a")];
    if (links.length === 0) return false;
    if (links.some((a) => !/(^|\s)tag(\s|$)/i.test(a.getAttribute("rel") ?? ""))) return false;
    const linked = links.reduce((n, a) => n + textLength(a), 0);
    return textLength(el) - linked <= TAXONOMY_LABELS_MAX;
  });
}

/** A heading that is a year or a span of years alone ("2025", "2018-2026"): an award's. */
const AWARD_YEAR = /^(19|20)\d\d(\s*[-–]\s*(19|20)\d\d)?$/;

/** A link's words that say it opens a document file ("Dimensions (pdf)", "Manual (PDF, 2 MB)"). */
const DOCUMENT_LABEL = /\((pdf|docx?)\b[^()]*\)$/i;

/** Longest label of one of a list's documents ("Warranty Information (pdf)"). */
const DOCUMENT_LABEL_MAX = 60;

/**
 * Removes the list of a product's documents to download, with its title: a list of two
 * items or more, each only a link (60 characters at most) to a document file, its address
 * or its words saying so ("Dimensions (pdf)", "Warranty Information (pdf)",
 * "Certifications (pdf)"), and the short block just before the widest box that shows only
 * the list ("Documents"). The files are the maker's papers a buyer opens, not what the
 * page says of the product. Returns how many lists went.
 */
export function dropDocumentLists(root: Element): number {
  let removed = 0;
  for (const list of [...root.querySelectorAll("ul,ol")]) {
    if (!list.isConnected) continue;
    const items = [...list.children];
    if (items.length < 2) continue;
    const documents = items.every((li) => {
      const links = li.tagName === "LI" ? li.querySelectorAll("a[href]") : [];
      if (links.length !== 1) return false;
      const label = collapse(li.textContent);
      return label !== "" && label.length <= DOCUMENT_LABEL_MAX &&
        collapse(links[0]!.textContent) === label &&
        (isFileLink(links[0]!) || DOCUMENT_LABEL.test(label));
    });
    if (!documents) continue;
    for (const el of titledList(list, root)) el.remove();
    removed++;
  }
  return removed;
}

/** Fewest awards a carousel of them shows. */
const AWARDS_MIN = 3;

/** Longest text of one award's slide: its year and its title ("Top Pick for Standing Desks"). */
const AWARD_MAX = 80;

/**
 * Removes the carousels of a shop's awards beside its product: an element named a
 * carousel or a slider ({@link namesCarousel}) that shows three headings or more that
 * are a year alone ("2025" over "Top Choice for Standing Desks"), with 80 characters at
 * most of text for each. Which magazine praised the shop in which year its logos showed
 * (gone with the cleaning), and that praise is not the product's description; a
 * carousel of the product's features or of a history's years writes more under each
 * heading. Returns how many went.
 */
export function dropAwardCarousels(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("[class],[id]")]) {
    if (!el.isConnected || el === root || !namesCarousel(el)) continue;
    if (el.querySelector("h1") !== null) continue;
    const years = [...el.querySelectorAll(CAROUSEL_TITLES)].filter((h) =>
      AWARD_YEAR.test(collapse(h.textContent))
    );
    if (years.length < AWARDS_MIN) continue;
    if (collapse(el.textContent).length > years.length * AWARD_MAX) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** A designer's placeholder text, the pseudo-Latin a template holds until it is written. */
const PLACEHOLDER = /^lorem ipsum dolor\b/i;

/** Longest line of a template's labels around a placeholder ("MATERIAL", "Yada"). */
const PLACEHOLDER_LABEL_MAX = 40;

/**
 * Removes a template's unwritten parts a product page ships (a theme's block that a
 * style sheet shows only on some screens, or a draft left in the page): each block that
 * opens with the placeholder "Lorem ipsum dolor…", with the widest box around it that
 * holds nothing else than such placeholders and short labels (40 characters at most:
 * "SOMETHING", "Yada", "PROP 2" beside the chart the placeholder was to explain). No
 * shop writes its product in pseudo-Latin; a box with a sentence of its own stays.
 * Returns how many went.
 */
export function dropPlaceholders(root: Element): number {
  const found = [...root.querySelectorAll("p,div,span,li")].filter((el) =>
    el.childElementCount <= 2 && PLACEHOLDER.test(collapse(el.textContent))
  );
  const inPlaceholder = (n: Node) => found.some((f) => f.contains(n));
  const labelsOnly = (el: Element): boolean => {
    const walker = el.ownerDocument.createTreeWalker(el, 4);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      if (collapse(n.textContent).length > PLACEHOLDER_LABEL_MAX && !inPlaceholder(n)) {
        return false;
      }
    }
    return true;
  };
  let removed = 0;
  for (const el of found) {
    if (!el.isConnected) continue;
    widestBox(el, root, labelsOnly).remove();
    removed++;
  }
  return removed;
}

/** Longest text of a carousel of tiles that goes: titles and taglines, not a grid. */
const TILE_RAIL_MAX = 1000;

/** Least share of a carousel of tiles' text inside its links: each tile is one link. */
const TILE_RAIL_LINKED = 0.8;

/**
 * Removes from a shop's page of goods the carousels of tiles that lead to its other
 * categories ("Compression Fit T-Shirts — Super tight fit", "Luxe Sateen — Our #1
 * fan-favorite"): an element named a carousel or a slider in its `class`/`id` (or by its
 * slider library: "splide", "swiper", "slick"…) whose links lead to three pages or more
 * and hold 80 % of its text or more (each tile is one link: not a carousel of quotes),
 * and whose text (1000 characters at most) shows no price, set above priced goods or
 * above the page's prose (see proseAfter: the guide to a category whose grid the shop's
 * scripts write once the page is loaded). The goods the page lists carry their prices; a
 * rail of pictures with their names and taglines over them is a way to the shop's other
 * pages (one after the grid closes the page, as its other closing links do). A carousel
 * holding the page's `<h1>` or main region stays. Returns how many went.
 */
export function dropCategoryCarousels(body: Element): number {
  let removed = 0;
  for (const el of [...body.querySelectorAll("[class],[id]")]) {
    if (!el.isConnected || !namesCarousel(el)) continue;
    if (el.querySelector("h1,main,[role=main]") !== null) continue;
    const text = collapse(el.textContent);
    if (text === "" || text.length > TILE_RAIL_MAX || PRICE.test(text)) continue;
    if (linkedPages(el).size < CAROUSEL_MIN_LINKS || linkDensity(el) < TILE_RAIL_LINKED) continue;
    if (!pricedAfter(body, el) && !proseAfter(body, el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Attribute marking the carousels that show slides under a title, set by {@link markTitledCarousels}. */
const TITLED_CAROUSEL_ATTR = "data-riptide-titled-carousel";

/** Headings a carousel's title is written with (a page's `<h1>` titles the page). */
const CAROUSEL_TITLES = "h2,h3,h4,h5,h6";

/** Whether an element is named a carousel or a slider in its `class`/`id` (or by its library). */
function namesCarousel(el: Element): boolean {
  // A class and an id that spell no such word in any case name none: most elements are let
  // go without their words.
  if (
    !CAROUSEL_NAME.test(el.getAttribute("class") ?? "") &&
    !CAROUSEL_NAME.test(el.getAttribute("id") ?? "")
  ) return false;
  return words(el).some((w) => CAROUSEL_WORDS.has(w));
}

/**
 * What a class or id that names a carousel spells ({@link namesCarousel}): one of
 * {@link CAROUSEL_WORDS} in any case (a name's words are its letters lower-cased; `u`, so that
 * a letter that lower-cases to one of theirs, as the Kelvin sign does to "k", matches).
 */
const CAROUSEL_NAME = new RegExp([...CAROUSEL_WORDS].join("|"), "iu");

/**
 * Marks, while the page is whole, the carousels that show text under their title: an
 * element named a carousel ({@link namesCarousel}) with one heading and more text than
 * the heading's (its slides' captions, names and buttons). {@link dropBareCarouselTitles}
 * reads the marks once the content is cleaned. Returns how many it marked.
 */
export function markTitledCarousels(root: Element): number {
  let marked = 0;
  for (const el of root.querySelectorAll("[class],[id]")) {
    if (!namesCarousel(el) || el.querySelector("h1") !== null) continue;
    const heads = el.querySelectorAll(CAROUSEL_TITLES);
    if (heads.length !== 1) continue;
    const title = collapse(heads[0]!.textContent);
    if (title === "" || shownText(el).length <= title.length) continue;
    el.setAttribute(TITLED_CAROUSEL_ATTR, "");
    marked++;
  }
  return marked;
}

/**
 * Removes the carousels that showed slides under their title ({@link markTitledCarousels})
 * and are left holding nothing but that title: their slides went with the cleaning (a
 * picture with its caption and a "Shop now" button each, a comparison of the shop's
 * goods), and a rail's title ("More to Explore") over nothing titles nothing. The box
 * around the carousel that holds nothing else goes with it. A carousel that never showed
 * text (a title over a row of logos) is not marked and stays. Always clears the marks.
 * Returns how many went.
 */
export function dropBareCarouselTitles(root: Element): number {
  let removed = 0;
  const marked = [...root.querySelectorAll(`[${TITLED_CAROUSEL_ATTR}]`)];
  for (const el of marked) el.removeAttribute(TITLED_CAROUSEL_ATTR);
  for (const el of marked) {
    if (!el.isConnected || el === root || !root.contains(el)) continue;
    const heads = el.querySelectorAll(CAROUSEL_TITLES);
    if (heads.length !== 1) continue;
    const text = collapse(el.textContent);
    if (text === "" || text !== collapse(heads[0]!.textContent)) continue;
    let box = el;
    while (
      box.parentElement !== null && box.parentElement !== root &&
      collapse(box.parentElement.textContent) === text
    ) box = box.parentElement;
    box.remove();
    removed++;
  }
  return removed;
}

/** Fewest cards of a grid that write their title twice for it to be the grid's template. */
const TWIN_TITLE_CARDS = 3;

/** Longest text of a card that writes its title twice: a name, a price, badges. */
const TWIN_TITLE_CARD_MAX = 600;

/** Longest text beside the first copy of a card's title in its block (a badge). */
const TWIN_TITLE_BESIDE = 40;

/**
 * Removes the first of the two copies of its title that each card of a grid writes, one
 * for the layout with a picture and one for the layout without (a style sheet shows one):
 * two headings with the same text whose links lead to the same page, inside a card of
 * 600 characters at most, in three cards or more. The first copy's block, its widest
 * box that does not hold the second copy (with the card's picture and a badge of 40
 * characters at most beside the heading), goes; the second stays beside the price. So
 * does a line (a leaf of 40 characters at most, without a number) that every such card
 * shows word for word: the maker's name on the page of a maker's goods. Returns how many
 * titles went.
 */
export function dropTwinCardTitles(root: Element): number {
  // The linked headings, by where they lead and what they say.
  const copies = Map.groupBy(
    [...root.querySelectorAll("h2,h3,h4,h5,h6")].filter((h) =>
      h.querySelector("a[href]") !== null && collapse(h.textContent) !== ""
    ),
    (h) =>
      `${h.querySelector("a[href]")!.getAttribute("href")!.trim()}\n${collapse(h.textContent)}`,
  );
  const twins: Element[] = [];
  const cards: Element[] = [];
  for (const same of copies.values()) {
    if (same.length !== 2) continue;
    const [first, second] = same as [Element, Element];
    let block = first;
    while (block.parentElement !== null && !block.parentElement.contains(second)) {
      block = block.parentElement;
    }
    const card = block.parentElement;
    if (card === null || card === root || textLength(card) > TWIN_TITLE_CARD_MAX) continue;
    if (textLength(block) - textLength(first) > TWIN_TITLE_BESIDE) continue;
    twins.push(block);
    cards.push(card);
  }
  if (twins.length === 0 || (twins.length < TWIN_TITLE_CARDS && !gridCards(root, cards))) return 0;
  for (const block of twins) block.remove();
  // And the line each of these cards shows word for word (the maker's name on the page
  // of a maker's goods): the grid's template, beside every title.
  const lines = cards.map(leafLines);
  const shared = new Set(lines[0]!.map(([, text]) => text));
  for (const mine of lines) {
    const texts = new Set(mine.map(([, text]) => text));
    for (const t of shared) if (!texts.has(t)) shared.delete(t);
  }
  for (const mine of lines) for (const [leaf, text] of mine) if (shared.has(text)) leaf.remove();
  return twins.length;
}

/**
 * Whether `cards` are all cards of one grid of {@link TWIN_TITLE_CARDS} or more: the page
 * holds that many elements with their tag and classes. A card whose copy without a
 * picture holds nothing but its title may have lost that copy to an earlier rule, so
 * that only the cards with a badge beside it (one "Sale" of a grid) still show two.
 */
function gridCards(root: Element, cards: readonly Element[]): boolean {
  const first = cards[0]!;
  const cls = first.getAttribute("class")?.trim() ?? "";
  if (
    cls === "" ||
    cards.some((k) => k.tagName !== first.tagName || k.getAttribute("class")?.trim() !== cls)
  ) {
    return false;
  }
  let like = 0;
  for (const k of root.getElementsByTagName(first.tagName)) {
    if (k.getAttribute("class")?.trim() === cls && ++like >= TWIN_TITLE_CARDS) return true;
  }
  return false;
}

/**
 * The elements of `card` with text and no child element, short and without a number,
 * outside its headings (a title that every card shares is still each card's title).
 */
function leafLines(card: Element): [Element, string][] {
  const out: [Element, string][] = [];
  for (const el of card.querySelectorAll("*")) {
    if (el.firstElementChild !== null || el.closest("h1,h2,h3,h4,h5,h6") !== null) continue;
    const text = collapse(el.textContent);
    if (text === "" || text.length > TWIN_TITLE_BESIDE || /\p{N}/u.test(text)) continue;
    out.push([el, text]);
  }
  return out;
}

/** Fewest cards of a shop's grid for a tile among them without a price to be a promotion. */
const PROMO_GRID_MIN = 6;

/**
 * Removes the promotions a shop sets among the cards of its grid ("Save 30% off your
 * first order", "Bundle + save up to 15%"): among the like siblings (same tag and first
 * class) of six cards or more marked by {@link markShopCards}, a tile that is no card,
 * shows no price and is one link (all its text in it) to another page. A card of the
 * grid names a product with its price; a tile that leads elsewhere with a slogan is an
 * advertisement set in the grid's layout. Returns how many went.
 */
export function dropGridPromos(root: Element): number {
  const parents = new Set<Element>();
  for (const k of root.querySelectorAll(`[${SHOP_CARD_ATTR}]`)) {
    if (k.parentElement !== null) parents.add(k.parentElement);
  }
  const promos: Element[] = [];
  for (const parent of parents) {
    for (const run of likeSiblingRuns(parent)) {
      const cards = run.filter((k) => k.hasAttribute(SHOP_CARD_ATTR));
      if (cards.length < PROMO_GRID_MIN) continue;
      for (const k of run) {
        if (k.hasAttribute(SHOP_CARD_ATTR)) continue;
        const links = k.querySelectorAll("a[href]");
        const text = collapse(k.textContent);
        if (links.length !== 1 || text === "" || PRICE.test(text)) continue;
        if (collapse(links[0]!.textContent) !== text) continue;
        promos.push(k);
      }
    }
  }
  for (const k of promos) k.remove();
  return promos.length;
}

/** Whether a price shows after `el` in `root` (in document order): the goods it leads to. */
function pricedAfter(root: Element, el: Element): boolean {
  for (let node: Element | null = el; node !== null && node !== root; node = node.parentElement) {
    for (let s = node.nextElementSibling; s !== null; s = s.nextElementSibling) {
      if (PRICE.test(collapse(s.textContent))) return true;
    }
  }
  return false;
}

/** Least prose after a carousel of tiles for it to stand over the page's text. */
const PROSE_AFTER_MIN = 500;

/**
 * Whether the page's prose follows `el` in `root` (in document order): paragraphs of
 * {@link PROSE_AFTER_MIN} characters or more in all (see proseMass), a shop's guide to
 * the category whose grid its scripts write once the page is loaded.
 */
function proseAfter(root: Element, el: Element): boolean {
  let mass = 0;
  for (let node: Element | null = el; node !== null && node !== root; node = node.parentElement) {
    for (let s = node.nextElementSibling; s !== null; s = s.nextElementSibling) {
      mass += proseMass(s);
      if (mass >= PROSE_AFTER_MIN) return true;
    }
  }
  return false;
}

/** Attribute marking the cards of a shop's grid, set by {@link markShopCards}. */
export const SHOP_CARD_ATTR = "data-riptide-shop-card";

/**
 * Longest text of a card in a shop's grid: its name, price, badges, swatches and the
 * labels a shop writes for screen readers, not a block of the page's prose.
 */
const SHOP_CARD_MAX = 1500;

/**
 * Marks the cards of a shop's grid on a page of goods while they are whole, for
 * {@link dropShopGridBesideProse} to judge once the page is cleaned (the cleaning takes
 * parts of a card, its buttons and badges): runs of at least three like siblings (same
 * tag and first class), at least three and 60 % of them short cards (at most
 * {@link SHOP_CARD_MAX} characters) with a link and a price. The caller asks it on a
 * page that has a cart control (see {@link hasCartControl}): a shop's, not a page of
 * plans or fares. Returns how many cards it marked.
 *
 * @example
 * ```ts ignore
 * markShopCards(document.body); // 24: the category's grid of goods
 * ```
 */
export function markShopCards(root: Element): number {
  let marked = 0;
  for (const parent of root.querySelectorAll("*")) {
    for (const g of likeSiblingRuns(parent)) {
      const cards = g.filter((k) => {
        if (k.querySelector("a[href]") === null) return false;
        const text = shownText(k);
        return text.length <= SHOP_CARD_MAX && PRICE.test(text);
      });
      if (cards.length < 3 || cards.length < 0.6 * g.length) continue;
      for (const k of cards) k.setAttribute(SHOP_CARD_ATTR, "");
      marked += cards.length;
    }
  }
  return marked;
}

/**
 * Least prose (paragraphs of {@link PROSE_PARAGRAPH} characters or more) a page of goods
 * writes beside its grid for the grid to go (see {@link dropShopGridBesideProse}).
 */
const CATEGORY_PROSE = 3000;

/**
 * Removes the cards of a shop's grid ({@link markShopCards}) from a page of goods that
 * also writes about its category at length (paragraphs of prose of at least
 * {@link CATEGORY_PROSE} characters in all outside the cards: a buyer's guide, its
 * questions and answers): such a page's text is that prose, and its grid is what a buyer
 * browses. The grid's section (its heading, a "see all" link: what holds little beside
 * the cards) goes with them. A page that says a line or two about its category is its
 * grid, which stays. Always clears the marks. Returns how many cards went.
 *
 * @example
 * ```ts ignore
 * dropShopGridBesideProse(root); // 14: the gummies' grid above the guide to them
 * ```
 */
export function dropShopGridBesideProse(root: Element): number {
  const cards = [...root.querySelectorAll(`[${SHOP_CARD_ATTR}]`)];
  for (const k of cards) k.removeAttribute(SHOP_CARD_ATTR);
  if (cards.length < 3) return 0;
  const inCard = (el: Element): boolean => cards.some((k) => k.contains(el));
  let prose = 0;
  for (const el of root.querySelectorAll("p,li,dd,blockquote,div")) {
    if (!isParagraph(el) || inCard(el)) continue;
    const length = textLength(el);
    if (length >= PROSE_PARAGRAPH) prose += length;
  }
  if (prose < CATEGORY_PROSE) return 0;
  const skip = new Set(cards);
  const sections = new Set<Element>();
  for (const k of cards) {
    const box = k.parentElement;
    if (box !== null && holdsLittleBeside(box, skip)) {
      sections.add(widenOverLittle(box, skip, root));
    }
  }
  for (const k of cards) k.remove();
  for (const s of sections) if (s.isConnected && s !== root) s.remove();
  return cards.length;
}

/**
 * Whether an element is a paragraph of text: a <p>, an item or a quotation with no
 * paragraph or item inside, or a <div> that holds its text bare, with no block inside (an
 * accordion's answer a template writes straight into its panel) and is not part of one of
 * those.
 */
function isParagraph(el: Element): boolean {
  if (el.tagName !== "DIV") return el.querySelector("p,li") === null;
  // Inside an item or a quotation, the item is the paragraph (counted once).
  if (el.parentElement?.closest("p,li,dd,blockquote") != null) return false;
  for (const c of el.children) if (TEXT_BLOCKS.has(c.tagName)) return false;
  return true;
}

/**
 * Marks where a product's heading stood when the cleaning takes it as the page's title
 * (its text repeats the title; see `cleanLight()`): an empty element in its place, that
 * holds the heading's text as its value. {@link dropLinesBeforeTitle} reads the lines
 * above it as above the heading; {@link markTitlePlace} sets it, and the content drops it
 * once those lines are read.
 */
export const TITLE_PLACE_ATTR = "data-riptide-title-place";

/**
 * Marks the place of the content's first `<h1>` when its text is the page's `title`
 * (see {@link TITLE_PLACE_ATTR}): the cleaning takes such a heading, and the shop's lines
 * above it are still told by it. The mark stands before the outermost box that shows the
 * heading alone (a `<section>` around it), which the cleaning takes as empty once the
 * heading is gone. Returns the mark, or null when there is none.
 */
export function markTitlePlace(root: Element, title: string | null): Element | null {
  const h1 = root.querySelector("h1");
  if (h1 === null || !title) return null;
  // Read as written or as shown (a line break a space), as the cleaning reads it.
  const named = normalize(title);
  if (normalize(h1.textContent ?? "") !== named && normalize(nodeText(h1)) !== named) return null;
  const said = collapse(h1.textContent);
  let place: Element = h1;
  while (
    place.parentElement !== null && place.parentElement !== root &&
    collapse(place.parentElement.textContent) === said
  ) place = place.parentElement;
  const mark = root.ownerDocument.createElement("span");
  mark.setAttribute(TITLE_PLACE_ATTR, said);
  place.before(mark);
  return mark;
}

/** Longest line before a product's heading that goes (see {@link dropLinesBeforeTitle}). */
const BEFORE_TITLE_MAX = 80;

/**
 * Removes the short lines (at most {@link BEFORE_TITLE_MAX} characters each) that a
 * product's content shows before the product's heading (its `<h1>`): what a shop's layout
 * sets above the title is its own, a banner ("Free shipping on orders over 75 €"), a stock
 * note, a link to report the item or to visit the seller's store, the count of its
 * videos. Longer blocks (a description a layout sets first), tables and lists (a sheet of
 * the product's main attributes) stay, and so does the line right above the heading when
 * it is a heading, or a link of its own that names the maker or the brand over the
 * product's name: its text is in the title, or is one of the `brands` the page declares
 * ({@link declaredBrands}). A link there that names neither is the shop's ("More from the
 * KALLAX series", "Sign in to continue"). Nothing goes when the content holds no `<h1>`.
 * Returns how many lines went.
 *
 * @example
 * ```ts ignore
 * dropLinesBeforeTitle(root, ["olaria rosa"]); // 2: "Report this item", "Only 6 left"
 * ```
 */
export function dropLinesBeforeTitle(root: Element, brands: readonly string[] = []): number {
  const h1 = root.querySelector(`h1,[${TITLE_PLACE_ATTR}]`);
  if (h1 === null) return dropLeadingLinkRuns(root);
  const lines: Element[] = [];
  const walk = (el: Element): boolean => {
    for (const c of [...el.children]) {
      if (c === h1) return true;
      if (c.contains(h1)) return walk(c);
      if (isLinkRun(c)) {
        lines.push(c);
        continue;
      }
      if (c.closest("table,ul,ol,dl") !== null || c.querySelector("table,ul,ol,dl") !== null) {
        continue;
      }
      if (textLength(c) === 0) continue;
      if (hasTextLength(c, BEFORE_TITLE_MAX + 1)) continue;
      lines.push(c);
    }
    return false;
  };
  walk(root);
  // The line right above the title that is a heading or a link is its kicker: the
  // maker's or the brand's name over the product's.
  const kicker = lines.at(-1);
  if (kicker !== undefined) {
    const lead = kicker.matches("a,h2,h3,h4,h5,h6")
      ? kicker
      : kicker.querySelector("a,h2,h3,h4,h5,h6");
    const said = collapse(kicker.textContent);
    if (
      lead !== null && collapse(lead.textContent) === said && namesMaker(lead, said, h1, brands)
    ) {
      lines.pop();
    }
  }
  for (const l of lines) l.remove();
  return lines.length;
}

/**
 * Most text outside links before a run of links that opens a product's content (see
 * {@link dropLeadingLinkRuns}): a city picker, a search button; a product's name and price
 * say more.
 */
const BEFORE_LINKS_MAX = 20;

/**
 * Removes, from a product's content that marks no heading, the runs of links
 * ({@link isLinkRun}) it opens with: with links (a logo's, other runs) and at most
 * {@link BEFORE_LINKS_MAX} characters of other text before each. A shop's bar of "Login",
 * "Orders", "Cart" set at the top of a layout of tables, with no `<header>` or `<nav>` to
 * tell it. Returns how many went.
 */
function dropLeadingLinkRuns(root: Element): number {
  const runs: Element[] = [];
  for (const list of root.querySelectorAll("ul,ol")) {
    if (!isLinkRun(list)) continue;
    if (textBefore(root, new Set([list]), true).length > BEFORE_LINKS_MAX) break;
    runs.push(list);
  }
  for (const r of runs) r.remove();
  return runs.length;
}

/**
 * Whether a list is a run of links: each item says nothing but its links' text (a shop's
 * bar of "Login", "Orders", "Cart"), where a sheet of the product's attributes says its
 * values.
 */
function isLinkRun(list: Element): boolean {
  if (list.tagName !== "UL" && list.tagName !== "OL") return false;
  let links = 0;
  for (const li of list.children) {
    const said = collapse(li.textContent);
    if (said === "") continue;
    const linked = [...li.querySelectorAll("a")].map((a) => collapse(a.textContent));
    if (linked.length === 0 || collapse(linked.join(" ")) !== said) return false;
    if (said.length > BEFORE_TITLE_MAX) return false;
    links++;
  }
  return links >= 2;
}

/**
 * Whether a kicker above a product's title (`said`, the text of its `lead`) names its
 * maker: a heading does, and so does a link whose text the title holds or that names one
 * of the `brands` the page declares (lower-cased, as {@link declaredBrands} gives them).
 */
function namesMaker(
  lead: Element,
  said: string,
  h1: Element,
  brands: readonly string[],
): boolean {
  if (lead.tagName !== "A") return true;
  const name = said.toLowerCase();
  const title = h1.getAttribute(TITLE_PLACE_ATTR) ?? collapse(h1.textContent);
  return title.toLowerCase().includes(name) || brands.includes(name);
}

/** The names a JSON-LD `brand` value holds: a string, a `Brand` with a name, or a list. */
function brandNames(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(brandNames);
  if (v !== null && typeof v === "object") return brandNames((v as Json)["name"]);
  return [];
}

/** Longest name of a brand read from a page's microdata (its `itemprop=brand` text). */
const BRAND_NAME_MAX = 40;

/**
 * The brands a page declares for what it sells, lower-cased: the `brand` of its JSON-LD
 * objects (a name or a `Brand` with one) and its microdata's `itemprop=brand` (its
 * `content`, its `name`'s, or its text).
 *
 * @example
 * ```ts ignore
 * declaredBrands(document); // ["corsair"]
 * ```
 */
export function declaredBrands(document: Document): string[] {
  const out = new Set<string>();
  const add = (name: string): void => {
    const n = collapse(name).toLowerCase();
    if (n.length >= 2 && n.length <= BRAND_NAME_MAX) out.add(n);
  };
  for (const o of jsonLdObjects(document)) brandNames(o["brand"]).forEach(add);
  for (const el of document.querySelectorAll("[itemprop=brand]")) {
    add(
      el.getAttribute("content") ??
        el.querySelector("[itemprop=name]")?.getAttribute("content") ?? el.textContent ?? "",
    );
  }
  return [...out];
}

/**
 * Whether a text names a brand as words of its own: "shop all on running" names "on",
 * "shop the collection" does not (a short brand's letters stand inside other words).
 */
function namesWord(text: string, brand: string): boolean {
  for (let at = text.indexOf(brand); at >= 0; at = text.indexOf(brand, at + 1)) {
    const before = text.slice(0, at);
    const after = text.slice(at + brand.length);
    if (!/[\p{L}\p{N}]$/u.test(before) && !/^[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/** Longest link that {@link dropBrandLinks} reads as a way to a brand's other products. */
const BRAND_LINK_MAX = 80;

/**
 * Removes the links of a product's content that lead to more of its brand ("Shop all
 * Corsair products", "View all REI Co-op daypacks", the maker's store): a link whose text
 * names one of the page's declared `brands` ({@link declaredBrands}) beside other words,
 * in at most {@link BRAND_LINK_MAX} characters, with the boxes around it that show nothing
 * else. The product's own name (one of `titles`: the page's title, its `<h1>`) is no such
 * link, nor is the brand's name alone (the kicker over the title), nor a link inside a
 * paragraph of prose (at least {@link PROSE_PARAGRAPH} characters: part of a sentence).
 * Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropBrandLinks(root, ["corsair"], ["Corsair Vengeance 64GB"]); // 1: "Shop All Corsair Products"
 * ```
 */
export function dropBrandLinks(
  root: Element,
  brands: readonly string[],
  titles: readonly (string | null)[],
): number {
  if (brands.length === 0) return 0;
  const names = titles.map((t) => collapse(t ?? "").toLowerCase()).filter((t) => t !== "");
  let removed = 0;
  for (const a of [...root.querySelectorAll("a[href]")]) {
    if (!a.isConnected) continue;
    const text = collapse(a.textContent ?? "").toLowerCase();
    if (text.length > BRAND_LINK_MAX) continue;
    if (!brands.some((b) => text !== b && namesWord(text, b))) continue;
    if (names.some((name) => name.includes(text) || text.includes(name))) continue;
    const para = a.closest("p,li");
    if (para !== null && textLength(para) >= PROSE_PARAGRAPH) continue;
    let line: Element = a;
    while (
      line.parentElement !== null && line.parentElement !== root &&
      collapse(line.parentElement.textContent ?? "").toLowerCase() === text
    ) line = line.parentElement;
    line.remove();
    removed++;
  }
  return removed;
}
