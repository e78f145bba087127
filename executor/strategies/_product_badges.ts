/**
 * Product-page cleaning for `auto`: what a shop's template adds around a product that is
 * not the product. The shop's promises set beside its cart button (a row of icons, each
 * over a short label: "Free shipping", "30-day returns", "Secure checkout"), the product's
 * name written a second time for another screen size, and tables of ticks that say which
 * options a picker offers.
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import { hasTextLength, nextText, shownLength, textLength, UNSHOWN } from "./_measure.ts";
import { PRICE } from "./_page_type.ts";
import { namesCartControl } from "./_product.ts";

/** Fewest items of a row of badges. */
const BADGES_MIN = 3;

/** Most items of a row of badges: more are a list of features or a grid of cards. */
const BADGES_MAX = 8;

/** Longest text of one badge: a label with, at most, a sentence under it. */
const BADGE_TEXT = 120;

/** Most text of the box that holds a row of badges and the cart button: a buy box. */
const BUY_BOX_TEXT = 2000;

/** Levels climbed from a row of badges to the buy box. */
const BUY_BOX_DEPTH = 4;

/**
 * What an element is as a badge: a short text that is not a price with an icon or two
 * beside it ("icon"), one that names an amount beside its icon ("priced": "Livraison
 * offerte dès 40 €"), such a text alone ("bare", never with an amount), or no badge (null).
 */
function badgeKind(el: Element): "icon" | "bare" | "priced" | null {
  // The text first, read no further than a badge's: a row's children are often sections.
  if (hasTextLength(el, BADGE_TEXT + 1)) return null;
  const length = textLength(el);
  if (length === 0 || length > BADGE_TEXT) return null;
  const icons = el.querySelectorAll("img,svg").length;
  if (icons > 2) return null;
  if (PRICE.test(el.textContent ?? "")) return icons === 0 ? null : "priced";
  return icons === 0 ? "bare" : "icon";
}

/** What a box around a row of badges is: past a buy box's text, one with a cart control, neither. */
type Box = "large" | "cart" | "plain";

/**
 * Whether one of a row's near ancestors, a box of little text, holds a cart control;
 * `boxes` keeps what each box is for the rows beside it.
 */
function besideCart(row: Element, boxes: Map<Element, Box>): boolean {
  let box = row.parentElement;
  for (let i = 0; box !== null && i < BUY_BOX_DEPTH; i++, box = box.parentElement) {
    let kind = boxes.get(box);
    if (kind === undefined) {
      kind = shownLength(box, BUY_BOX_TEXT) > BUY_BOX_TEXT
        ? "large"
        : namesCartControl([box, ...box.querySelectorAll("*")], false)
        ? "cart"
        : "plain";
      boxes.set(box, kind);
    }
    if (kind !== "plain") return kind === "cart";
  }
  return false;
}

/** The children of `row` when they are 3 to 8 elements of one tag, else null. */
function likeChildren(row: Element): Element[] | null {
  const kids: Element[] = [];
  for (let k = row.firstElementChild; k !== null; k = k.nextElementSibling) {
    if (kids.length === BADGES_MAX || (kids.length > 0 && k.tagName !== kids[0]!.tagName)) {
      return null;
    }
    kids.push(k);
  }
  return kids.length < BADGES_MIN ? null : kids;
}

/**
 * The buy boxes of a page: around each control that puts the product in the cart, the
 * largest of its ancestors with no more than a buy box's text (see BUY_BOX_TEXT).
 */
function buyBoxes(body: Element): Element[] {
  const boxes = new Set<Element>();
  for (const el of body.querySelectorAll("*")) {
    if (!namesCartControl([el], false)) continue;
    let box = el;
    while (
      box.parentElement !== null && box.parentElement !== body &&
      shownLength(box.parentElement, BUY_BOX_TEXT) <= BUY_BOX_TEXT
    ) box = box.parentElement;
    boxes.add(box);
  }
  // One box inside another is read with it.
  return [...boxes].filter((b) => ![...boxes].some((o) => o !== b && o.contains(b)));
}

/**
 * Removes rows of badges: an element whose 3 to 8 children, all of one tag, each hold a
 * short text that is not a price, half of them or more beside an icon, set in the box of
 * the product's cart button (a shop draws its promises as like pills and gives an icon,
 * often a tooltip's, only to those it explains: "No Longer Available" ⓘ, "Duties and
 * Taxes Paid", "Buy a Case, Get a Free Screen Protector" ⓘ). Returns how many rows went.
 */
export function dropBadgeRows(body: Element): number {
  let removed = 0;
  const kinds = new Map<Element, Box>();
  for (const box of buyBoxes(body)) {
    for (const row of [box, ...box.querySelectorAll("*")]) {
      if (UNSHOWN.test(row.tagName)) continue;
      const kids = likeChildren(row);
      if (kids === null || !row.isConnected) continue;
      if (hasTextLength(row, kids.length * BADGE_TEXT + 1)) continue;
      // An empty child is the layout's (a float's `clearfix`), no badge.
      const marks = kids.filter((k) => k.childElementCount > 0 || textLength(k) > 0).map(
        badgeKind,
      );
      if (marks.length < BADGES_MIN || marks.includes(null)) continue;
      // One badge may name an amount beside its icon, a threshold ("Free shipping over
      // $50"); a row of amounts is a picker's (sizes, bundles) or a price list.
      const priced = marks.filter((m) => m === "priced").length;
      const iconed = marks.filter((m) => m !== "bare").length;
      if (priced > 1 || 2 * iconed < marks.length || !besideCart(row, kinds)) continue;
      row.remove();
      removed++;
    }
  }
  return removed;
}

/** Longest title told as written twice: a product's name, not a paragraph. */
const TITLE_MAX = 200;

/**
 * Removes the second of a title written twice in a row: the text that follows a
 * content's first heading when it is that heading's text again (a shop's template writes
 * the product's name once per screen size, as an `<h1>` and as a styled `<h2>` or a
 * hidden copy, and a reader reads it once). Returns how many went (0 or 1).
 */
export function dropTwinTitle(root: Element): number {
  const heading = root.querySelector('h1,h2,h3,[role="heading"]');
  if (heading === null) return 0;
  const title = collapse(heading.textContent);
  if (title === "" || title.length > TITLE_MAX) return 0;
  const text = nextText(heading, root);
  let twin = text?.parentElement ?? null;
  if (twin === null || collapse(twin.textContent) !== title) {
    return 0;
  }
  // Up to the largest box that holds the copy alone.
  while (
    twin.parentElement !== null && twin.parentElement !== root &&
    !twin.parentElement.contains(heading) && collapse(twin.parentElement.textContent) === title
  ) twin = twin.parentElement;
  twin.remove();
  return 1;
}

/**
 * Fewest rows of a table of marks: three, or one under a row of column headings (`<th>`)
 * that name what each mark stands for.
 */
const MARK_ROWS = 3;

/** A cell that holds marks only: no letter, no digit (a tick, a cross, a dash, nothing). */
const MARKS_ONLY = /^[^\p{L}\p{N}]*$/u;

/** A mark a cell shows: something other than white space. */
const MARK = /\S/;

/**
 * Removes tables of marks: a table whose rows each hold a label in their first cell and,
 * in the others, only ticks or nothing ("English ✔ ✔", a language's interface, audio and
 * subtitles). Read as text its marks lose their columns, and it says which options a
 * picker offers, not what the product is. A table with one word or number past its first
 * column stays. Returns how many went.
 */
export function dropMarkTables(root: Element): number {
  let removed = 0;
  for (const table of [...root.querySelectorAll("table")]) {
    if (!table.isConnected || table.querySelector("table") !== null) continue;
    let rows = 0;
    let marked = false;
    let plain = true;
    for (const row of table.querySelectorAll("tr")) {
      const cells = [...row.children].filter((c) => c.tagName === "TD");
      if (cells.length < 2) continue;
      rows++;
      for (const cell of cells.slice(1)) {
        const text = cell.textContent ?? "";
        if (!MARKS_ONLY.test(text)) plain = false;
        else if (MARK.test(text)) marked = true;
      }
      if (!plain) break;
    }
    const headed = table.querySelector("th") !== null;
    if (!plain || !marked || rows < (headed ? 1 : MARK_ROWS)) continue;
    table.remove();
    removed++;
  }
  return removed;
}

/**
 * A card's badge: a short label a shop sets over a card's picture ("New", "Sale", "Best
 * seller", "Sold out", "Limited edition", a discount's "-20%"), with its exclamation mark
 * ("Sale!", WooCommerce's own), in English and in the words the shops of the languages of
 * `_ui_phrases.ts` write on the same badges (German "Neu", "Ausverkauft"; French
 * "Nouveau", "Épuisé", WooCommerce's "Promo !"; Spanish "Nuevo", "Agotado", "¡Oferta!";
 * Italian "Novità", "Esaurito"; Portuguese "Esgotado"; Dutch "Nieuw", "Uitverkocht";
 * Polish "Nowość", "Wyprzedane"; Russian "Новинка", "Нет в наличии"; Turkish "Yeni",
 * "Tükendi"; Arabic "جديد"; Japanese "新着", "売り切れ"; Chinese "新品", "售罄"; Korean
 * "품절"). Only the badge alone in its box in a card's link.
 */
const CARD_BADGE = new RegExp(
  String.raw`^¡?\s*(?:(?:${
    [
      "new|sale|hot|neu|angebot|nouveau|nouveauté|promo|nuevo|novedad|oferta|nuovo|novità",
      "offerta|in offerta|novo|novidade|promoção|nieuw|aanbieding|nowość|promocja",
      "новинка|распродажа|скидка|хит|yeni|indirim|جديد|تخفيض|خصم|新着|新商品|セール|新品|热卖",
      "熱賣|促销|促銷|신상품|세일",
    ].join("|")
  })\s?!?|${
    [
      "best[ -]?seller|sold out|limited edition|exclusive|ausverkauft|limitierte edition",
      "exklusiv|épuisé|meilleure vente|édition limitée|exclusivité|agotado|más vendido",
      "edición limitada|exclusivo|esaurito|più venduto|edizione limitata|esclusiva|esgotado",
      "mais vendido|edição limitada|uitverkocht|wyprzedane|wyprzedany|bestseller",
      "нет в наличии|распродано|хит продаж|tükendi|çok satan|نفدت الكمية|الأكثر مبيع(ا|اً)",
      "売り切れ|在庫切れ|售罄|已售完|畅销|暢銷|품절|베스트",
    ].join("|")
  }|[-−]\d{1,2}\s?%)$`,
  "iu",
);

/** A heading: a card's title, even one that is a badge's word, is not a badge. */
const HEADING = "h1,h2,h3,h4,h5,h6";

/** Longest text read as a card's badge before the pattern is tried. */
const CARD_BADGE_MAX = 20;

/**
 * Removes the badges of cards: the outermost element inside a link that holds a picture
 * (a card's link: its image, often its title and price) whose whole text is a badge
 * ({@link CARD_BADGE}), neither in a heading nor holding one (a tile's title). A filter's
 * label of the same word ("New" among a facet's checkboxes) is not in such a link and
 * stays. Returns how many went.
 */
export function dropCardBadges(root: Element): number {
  let removed = 0;
  for (const link of root.querySelectorAll("a")) {
    if (link.querySelector("img,picture") === null) continue;
    for (const el of link.querySelectorAll("*")) {
      if (!el.isConnected || UNSHOWN.test(el.tagName)) continue;
      if (hasTextLength(el, CARD_BADGE_MAX + 1)) continue;
      if (!CARD_BADGE.test(collapse(el.textContent))) continue;
      if (el.closest(HEADING) !== null || el.querySelector(HEADING) !== null) continue;
      el.remove();
      removed++;
    }
  }
  return removed;
}
