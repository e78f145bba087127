/**
 * Signals of pages made of items (listings, shop grids, pages of quotes): which blocks
 * that look like chrome are content.
 *
 * @module
 */

import { collapse, holdsOwnText } from "./_dom_text.ts";
import {
  classTokens,
  FULL_STOPS,
  hasTextLength,
  hiddenOnEveryScreenSize,
  lineWords,
  linkDensity,
  namedInData,
  nameWords,
  nextText,
  proseMass,
  SENTENCE_STOPS,
  solidLength,
  spanOf,
  textLength,
  textUnits,
  words,
} from "./_measure.ts";
import { PRICE, pricedGrid, pricedItems } from "./_page_type.ts";
import { asciiDigits, hasDateShape } from "./_post_attribution.ts";
import { dropControls, isScreenReaderOnly } from "./_product.ts";
import { FORUM_STANDING_BOX } from "./_ui_phrases.ts";

/**
 * Whether a `<figure>` is a quotation with its attribution (`<figure><blockquote>` and
 * an optional `<figcaption>`, the HTML way of marking up a quote: testimonials, reviews,
 * quoted people) rather than a picture. An embedded post (a figure named "embed" around
 * a social network's blockquote) stays media.
 */
export function isQuotation(figure: Element, names: readonly string[]): boolean {
  return figure.querySelector("blockquote") !== null && !names.includes("embed");
}

/** Words in `class`/`id` of the line that says who wrote an item and when. */
const META_WORDS: ReadonlySet<string> = new Set([
  "author",
  "authors",
  "byline",
  "bylines",
  "dateline",
  "timestamp",
  // A card's footer holds its author, date and price line.
  "footer",
]);

/**
 * Words in `class`/`id` of a shop's filters: the facets a buyer narrows its grid by, in
 * English (German's too) and as shops in other languages name them (French "filtres",
 * Spanish and Portuguese "filtros", Italian "filtri", Polish "filtry").
 */
export const FILTER_WORDS: ReadonlySet<string> = new Set([
  "filter",
  "filters",
  "facet",
  "facets",
  "filtres",
  "filtri",
  "filtros",
  "filtry",
]);

/** How many of an element's nearest ancestors may name it as a shop's filters. */
const FILTER_NAME_DEPTH = 2;

/**
 * Whether an element is, or sits right inside (two levels at most), a block named as a
 * shop's filters (class/id word filter or facet). A shop folds its facets away (hidden
 * until a click, or in a drawer named "modal" that narrow screens open) and they are
 * still the collection's text: the facets with their counts.
 */
export function inFilterPanel(el: Element): boolean {
  let at: Element | null = el;
  for (let i = 0; at !== null && i <= FILTER_NAME_DEPTH; i++, at = at.parentElement) {
    if (words(at).some((w) => FILTER_WORDS.has(w))) return true;
  }
  return false;
}

/** Words in `class`/`id` of the short label a teaser wears above its title. */
const KICKER_WORDS: ReadonlySet<string> = new Set([
  "kicker",
  "eyebrow",
  "rubric",
  "overline",
  // The newsroom's own word for it in other languages: German "Dachzeile", "Spitzmarke",
  // French "surtitre", Spanish and Portuguese "antetítulo", Italian "occhiello",
  // "sopratitolo", Dutch "bovenkop", Polish "nadtytuł".
  "antetitulo",
  "bovenkop",
  "dachzeile",
  "nadtytul",
  "occhiello",
  "sopratitolo",
  "spitzmarke",
  "surtitre",
]);

/**
 * Whether an element is the kicker of a listing's teaser: a short label named kicker,
 * eyebrow, rubric or overline, holding no heading, that a newsroom sets above each
 * title (a section, a region, a column's pun). On a listing it is decoration of the card;
 * a service's or a shop's sections title themselves with such labels.
 */
export function isTeaserKicker(el: Element, names: readonly string[]): boolean {
  if (!names.some((w) => KICKER_WORDS.has(w))) return false;
  if (el.querySelector("h1,h2,h3,h4,h5,h6") !== null) return false;
  return collapse(el.textContent).length <= 40;
}

/**
 * Whether an element's name says it is the author or date line of an item, or the card's
 * footer that holds them: on a listing, each card's author and date are part of the card
 * (an article's byline block and a page's footer are chrome).
 */
export function isItemMeta(names: readonly string[]): boolean {
  return names.some((w) => META_WORDS.has(w));
}

/**
 * Words in `class`/`id` of a post's tally of comments, in English and in the languages of
 * `_ui_phrases.ts` ("kommentare", "commentaires", "commenti", "comentarios", Dutch
 * "reacties", Polish "komentarze").
 */
const TALLY_WORDS: ReadonlySet<string> = new Set([
  "comment",
  "comments",
  "kommentar",
  "kommentare",
  "commentaire",
  "commentaires",
  "commento",
  "commenti",
  "comentario",
  "comentarios",
  "reactie",
  "reacties",
  "komentarz",
  "komentarze",
]);

/**
 * A tally: a number with the one word it counts, after a separator ("- 9 Comments"); digits
 * of any script, a word of letters and the marks some scripts write vowels with
 * ("٩ تعليقات", "9 टिप्पणियाँ").
 */
const TALLY =
  /^[-\u2013\u2014|\u00b7\u2022]?\s*\p{Nd}{1,3}(?:[.,٬]\p{Nd}{3})*\s*\p{L}[\p{L}\p{M}]*$/u;

/**
 * Most words of the tally's slot holding no count ("Add A Comment", "- Leave a comment"),
 * counted in any script ({@link lineWords}: "暂无评论，快来抢沙发" is five).
 */
const UNCOUNTED_TALLY_WORDS = 4;

/** Whether a text reads as a tally, or as the call its slot shows while it counts none. */
function isTally(text: string): boolean {
  if (TALLY.test(text)) return true;
  const bare = text.replace(/^[-\u2013\u2014|\u00b7\u2022]\s*/, "");
  return !/\p{N}/u.test(bare) && /^\p{L}/u.test(bare) &&
    lineWords(bare.trim().replace(/\s+/g, " ")) <= UNCOUNTED_TALLY_WORDS;
}

/**
 * Whether an element is the tally of comments on a card's details line: a short element
 * named comment(s), or held by one (up to two levels), that reads as a count, ending a
 * line that also carries the item's date or time ("7 marzo 12:46 - Escritorio - 9
 * comentarios"), or the call the slot shows while it counts none ("- Add A Comment", at
 * most {@link UNCOUNTED_TALLY_WORDS} words with no figure). A listing's cards state it as
 * the item's own detail; a lone count named so (a number in a bubble) is not such a line.
 */
export function isMetaTally(el: Element): boolean {
  const text = collapse(el.textContent);
  if (!isTally(text)) return false;
  let named: Element | null = el;
  for (let i = 0; i < 3 && named !== null; i++, named = named.parentElement) {
    if (words(named).some((w) => TALLY_WORDS.has(w))) break;
  }
  if (named === null) return false;
  const tally = collapse(named.textContent);
  if (!isTally(tally)) return false;
  const line = collapse(named.parentElement?.textContent ?? null);
  if (line.length > 200 || !line.endsWith(tally)) return false;
  const rest = line.slice(0, line.length - tally.length);
  return spanOf(rest) >= 10 && /\p{N}/u.test(rest);
}

/** An element's signature: its tag and first class name ("" without a class). */
export function signature(el: Element): string {
  const cls = (el.getAttribute("class") ?? "").trim().split(/\s+/)[0] ?? "";
  return cls === "" ? "" : `${el.tagName}.${cls}`;
}

/**
 * Whether an element is short and holds an item: a heading, a link with some text
 * beside it (a title and its price or teaser), or is itself a link around two boxes of
 * text or more (a title and its lines: a recipe with the count of its ratings). A row of
 * share buttons ("Share on …") does not, nor does a post with a body of text.
 */
function holdsItem(el: Element): boolean {
  // A card is short; a post or a section with a body of text is not one.
  if (hasTextLength(el, 601)) return false;
  if (el.querySelector("h2,h3,h4,h5") !== null) return true;
  // A card that is one link: its title and the lines under it, each in a box of its own.
  if (el.tagName === "A" && el.hasAttribute("href")) {
    const parts = [...el.querySelectorAll("*")].filter(holdsOwnText);
    return parts.length >= 2 && spanOf(collapse(el.textContent)) >= 15;
  }
  if (el.querySelector("a[href]") === null) return false;
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += spanOf(collapse(a.textContent));
  return spanOf(collapse(el.textContent)) - linked >= 15;
}

/**
 * The cards of a page of items: elements whose tag and first class recur at least four
 * times on the page, wherever they sit (cards laid out in rows of two or three are not
 * siblings), and that hold a heading or a link — a story teaser, a product tile.
 */
export class Cards {
  #counts = new Map<string, number>();

  /** Counts the signatures of `elements` (all elements of the page, in one pass). */
  constructor(elements: Iterable<Element>) {
    for (const el of elements) {
      const sig = signature(el);
      if (sig !== "") this.#counts.set(sig, (this.#counts.get(sig) ?? 0) + 1);
    }
  }

  /** Whether `el` is a card. */
  isCard(el: Element): boolean {
    const sig = signature(el);
    return sig !== "" && (this.#counts.get(sig) ?? 0) >= 4 && holdsItem(el);
  }

  /** The card `el` is or sits in, up to `depth` - 1 levels down (four unless told), or null. */
  cardOf(el: Element, depth = 5): Element | null {
    let at: Element | null = el;
    for (let i = 0; i < depth && at !== null; i++, at = at.parentElement) {
      if (this.isCard(at)) return at;
    }
    return null;
  }

  /** Whether `el` is a card or sits inside one, up to four levels down. */
  inCard(el: Element): boolean {
    return this.cardOf(el) !== null;
  }
}

const HEADINGS = "h2,h3,h4,h5";

/** Attribute holding a card's number, set by {@link markCards}. */
export const CARD_ATTR = "data-riptide-card";

/**
 * Numbers every card of the page (see {@link Cards}) so that a copy of the page taken
 * before the article scorer edits it can give back what the scorer cut from them.
 * Returns how many it marked.
 */
export function markCards(body: Element): number {
  const all = [...body.querySelectorAll("*")];
  const cards = new Cards(all);
  let n = 0;
  for (const el of all) if (cards.isCard(el)) el.setAttribute(CARD_ATTR, String(n++));
  return n;
}

/**
 * Gives back to the article scorer's block (`root`, before cleaning) the cards the
 * scorer cut: its conditional cleaning drops a short block whose links are over a fifth
 * of its text, which a card with a linked title and a one-line description is, so a page
 * of cards kept some and lost others, or lost their titles and descriptions. Only in a
 * block that is mostly cards: a card it kept without its heading is put back as the
 * page had it (`copy`, taken after boilerplate removal), and a card missing after a kept
 * card of the same run comes back beside it. Returns whether anything came back.
 */
export function restoreCards(root: Element, copy: Element): boolean {
  const kept = new Map<string, Element>();
  for (const el of root.querySelectorAll(`[${CARD_ATTR}]`)) {
    kept.set(el.getAttribute(CARD_ATTR)!, el);
  }
  if (kept.size === 0) return false;
  // Only in a block made of cards: an article's closing run of "more stories" stays as
  // the scorer left it.
  let inCards = 0;
  for (const el of kept.values()) {
    if (el.parentElement?.closest(`[${CARD_ATTR}]`) == null) {
      inCards += collapse(el.textContent).length;
    }
  }
  if (inCards < 0.5 * collapse(root.textContent).length) return false;
  let changed = false;
  const original = new Map<string, Element>();
  for (const el of copy.querySelectorAll(`[${CARD_ATTR}]`)) {
    original.set(el.getAttribute(CARD_ATTR)!, el);
  }
  // Cards the block kept but shortened: the outermost ones, as the page had them.
  for (const [id, el] of kept) {
    const whole = original.get(id);
    if (whole === undefined) continue;
    if (el.parentElement?.closest(`[${CARD_ATTR}]`) != null) continue;
    if (el.querySelector(HEADINGS) === null && whole.querySelector(HEADINGS) !== null) {
      el.replaceWith(whole.cloneNode(true));
      changed = true;
    }
  }
  kept.clear();
  for (const el of root.querySelectorAll(`[${CARD_ATTR}]`)) {
    kept.set(el.getAttribute(CARD_ATTR)!, el);
  }
  // Cards missing from a run the block kept: back after the previous card of the run.
  for (const [id, card] of original) {
    if (kept.has(id)) continue;
    const prev = card.previousElementSibling;
    const anchor = prev === null ? undefined : kept.get(prev.getAttribute(CARD_ATTR) ?? "");
    if (anchor === undefined || signature(prev!) !== signature(card)) continue;
    const back = card.cloneNode(true) as Element;
    anchor.after(back);
    kept.set(id, back);
    changed = true;
  }
  return changed;
}

/**
 * The first heading (h2-h5) of `el` when it links to another page (a link inside it or
 * around it, within `el`): a teaser's title. Null when it does not, or there is none.
 */
function linkedHeading(el: Element): Element | null {
  const heading = el.querySelector(HEADINGS);
  if (heading === null) return null;
  const link = heading.querySelector("a[href]") ?? heading.closest("a[href]");
  return link !== null && el.contains(link) ? heading : null;
}

/**
 * The numbers of the cards {@link markCards} marked whose heading (h2-h5) links to
 * another page (a link inside it or around it, within the card): the teasers of other
 * pages, whose title says what they are. Read before the cleaning, for
 * {@link dropHeadlessCards}.
 */
export function headedCards(body: Element): Set<string> {
  const out = new Set<string>();
  for (const el of body.querySelectorAll(`[${CARD_ATTR}]`)) {
    // A title that links elsewhere: the card is a teaser of another page.
    if (linkedHeading(el) !== null) out.add(el.getAttribute(CARD_ATTR)!);
  }
  return out;
}

/**
 * Removes the cards whose linked title ({@link headedCards}) the cleaning took while it
 * kept the rest: a news item's summary under "News and Notes", its headline gone as a
 * link, is a summary of nothing, and a reader reads the teaser whole or not at all. A
 * card inside another is weighed with its outermost card; a card that keeps a heading
 * stays. Returns how many went.
 */
export function dropHeadlessCards(root: Element, headed: ReadonlySet<string>): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(`[${CARD_ATTR}]`)]) {
    if (!root.contains(el) || el.parentElement?.closest(`[${CARD_ATTR}]`) != null) continue;
    if (!headed.has(el.getAttribute(CARD_ATTR)!) || el.querySelector(HEADINGS) !== null) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Attribute holding a teaser's run, set by {@link markTeaserRuns}. */
const TEASER_RUN_ATTR = "data-riptide-teaser-run";

/** Longest teaser of another page: its linked title and a summary of a few sentences. */
const TEASER_MAX = 1000;

/** Least text beside a teaser's title: a summary, not a date or a "Read more". */
const TEASER_SUMMARY_MIN = 40;

/** Fewest teasers of one kind that make a run (see {@link markTeaserRuns}). */
const TEASER_RUN_MIN = 3;

/**
 * Whether `el` is a teaser of another page: short ({@link TEASER_MAX}), with a heading
 * (h2-h5) that links (a link inside it or around it, within `el`) and a summary beside
 * it ({@link TEASER_SUMMARY_MIN}).
 */
function isTeaser(el: Element): boolean {
  if (hasTextLength(el, TEASER_MAX + 1)) return false;
  const heading = linkedHeading(el);
  if (heading === null) return false;
  return spanOf(collapse(el.textContent)) - spanOf(collapse(heading.textContent)) >=
    TEASER_SUMMARY_MIN;
}

/**
 * Numbers the runs of teasers of other pages ({@link isTeaser}): {@link TEASER_RUN_MIN}
 * or more siblings of one tag and class, each a teaser (a blog's latest posts in three
 * columns), so that {@link dropLoneTeasers} can tell, after the cleaning, what it kept of
 * each. Returns how many runs it marked.
 */
export function markTeaserRuns(body: Element): number {
  let runs = 0;
  for (const group of siblingRuns(body, TEASER_RUN_MIN)) {
    if (!group.every(isTeaser)) continue;
    for (const el of group) el.setAttribute(TEASER_RUN_ATTR, String(runs));
    runs++;
  }
  return runs;
}

/**
 * Removes the one teaser that the cleaning kept of a run ({@link markTeaserRuns}) whose
 * other teasers it took: the middle one of a blog's three latest posts under a service's
 * text, kept for its longer summary, is what is left of a block the cleaning read as
 * chrome, not a part of the text. A teaser kept with others of its run stays, and the
 * marks go. Returns how many went.
 */
export function dropLoneTeasers(root: Element): number {
  const kept = new Map<string, Element[]>();
  for (const el of root.querySelectorAll(`[${TEASER_RUN_ATTR}]`)) {
    const run = el.getAttribute(TEASER_RUN_ATTR)!;
    kept.set(run, [...(kept.get(run) ?? []), el]);
  }
  let removed = 0;
  for (const els of kept.values()) {
    if (els.length === 1 && els[0]!.querySelector(HEADINGS) !== null) {
      els[0]!.remove();
      removed++;
    }
  }
  for (const el of root.querySelectorAll(`[${TEASER_RUN_ATTR}]`)) {
    el.removeAttribute(TEASER_RUN_ATTR);
  }
  return removed;
}

/** Removes the card numbers {@link markCards} and {@link markRankedItems} set. */
export function unmarkCards(root: Element): void {
  for (const el of root.querySelectorAll(`[${CARD_ATTR}]`)) el.removeAttribute(CARD_ATTR);
  for (const el of root.querySelectorAll(`[${RANK_ATTR}]`)) el.removeAttribute(RANK_ATTR);
}

/** Attribute holding a ranked item's run and place ("run:place"), set by {@link markRankedItems}. */
export const RANK_ATTR = "data-riptide-rank";

/**
 * A heading that numbers its item: "1.", "#2", "3)" before its title, in the digits of any
 * script ("۳. "); its number is read with {@link asciiDigits}.
 */
const RANK_NUMBER = /^#?(\p{Nd}{1,3})[.):]?\s/u;

/**
 * Numbers the items of the page's ranked lists so that a copy of the page taken before
 * the article scorer edits it can give back the items it cut (see
 * {@link restoreRankedItems}). A ranked list is a run of siblings sharing their tag and
 * first class, at least three of them, whose first heading (h2-h4) starts with a number,
 * the numbers counting up one by one and the headings of one level; the run's other
 * siblings of the same kind (a box set among the items) are its items too. Unlike a card
 * ({@link Cards}), an item may be long: it is the numbering that tells it from chrome.
 * Returns how many runs it marked.
 */
export function markRankedItems(body: Element): number {
  let runs = 0;
  for (const group of siblingRuns(body, 3)) {
    if (!isRankedRun(group)) continue;
    group.forEach((el, i) => el.setAttribute(RANK_ATTR, `${runs}:${i}`));
    runs++;
  }
  return runs;
}

/**
 * The runs of `min` or more siblings sharing their tag and first class ({@link
 * signature}) under each element of `body`, in document order of their parents.
 */
function* siblingRuns(body: Element, min: number): Generator<Element[]> {
  for (const parent of [body, ...body.querySelectorAll("*")]) {
    if (parent.childElementCount < min) continue;
    const groups = new Map<string, Element[]>();
    for (const el of parent.children) {
      const sig = signature(el);
      if (sig === "") continue;
      const group = groups.get(sig);
      if (group === undefined) groups.set(sig, [el]);
      else group.push(el);
    }
    for (const group of groups.values()) if (group.length >= min) yield group;
  }
}

/** Whether siblings of one kind are a ranked list's items (see {@link markRankedItems}). */
function isRankedRun(group: Element[]): boolean {
  const numbers: number[] = [];
  const levels = new Set<string>();
  for (const el of group) {
    if (el.closest(`[${RANK_ATTR}]`) !== null) return false;
    const heading = el.querySelector("h2,h3,h4");
    const match = heading === null ? null : RANK_NUMBER.exec(collapse(heading.textContent));
    if (match === null) continue;
    numbers.push(Number(asciiDigits(match[1]!)));
    levels.add(heading!.tagName);
  }
  if (numbers.length < 3 || numbers.length < 0.5 * group.length || levels.size > 1) {
    return false;
  }
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
}

/**
 * The kinds of part (tag and first class) the scorer cut from every ranked item it kept:
 * parts of `held` (the items as the page had them) whose text is in none of the items as
 * kept (`kept`, by rank), wherever they sat (the scorer also unwraps boxes).
 */
function cutKinds(held: Element[], kept: Map<string, Element>): Set<string> {
  const seen = new Map<string, boolean>();
  for (const el of held) {
    const text = collapse(kept.get(el.getAttribute(RANK_ATTR)!)!.textContent);
    for (const part of el.querySelectorAll("[class]")) {
      const k = signature(part);
      const own = collapse(part.textContent);
      if (k === "" || own === "") continue;
      seen.set(k, (seen.get(k) ?? true) && !text.includes(own));
    }
  }
  return new Set([...seen].filter(([, cut]) => cut).map(([k]) => k));
}

/**
 * Gives back to the article scorer's block (`root`, before cleaning) the items of a
 * ranked list ({@link markRankedItems}) the scorer cut: its conditional cleaning drops a
 * block whose links weigh much, which an item closing with a list of links to its own
 * pages is, so a list kept some of its items and lost the others. When the block kept two
 * items of a run or more, each missing item comes back in its place, from the page as it
 * was (`copy`), made of the parts (children of a tag and first class) the scorer left in
 * the items it kept. Returns whether anything came back.
 */
export function restoreRankedItems(root: Element, copy: Element): boolean {
  const kept = new Map<string, Element>();
  for (const el of root.querySelectorAll(`[${RANK_ATTR}]`)) {
    kept.set(el.getAttribute(RANK_ATTR)!, el);
  }
  const runs = new Map<string, Element[]>();
  for (const el of copy.querySelectorAll(`[${RANK_ATTR}]`)) {
    const run = el.getAttribute(RANK_ATTR)!.split(":")[0]!;
    const items = runs.get(run);
    if (items === undefined) runs.set(run, [el]);
    else items.push(el);
  }
  let changed = false;
  for (const items of runs.values()) {
    const held = items.filter((el) => kept.has(el.getAttribute(RANK_ATTR)!));
    if (held.length < 2 || held.length === items.length) continue;
    const cut = cutKinds(held, kept);
    let last: Element | null = null;
    const before: Element[] = [];
    for (const el of items) {
      const here = kept.get(el.getAttribute(RANK_ATTR)!);
      if (here !== undefined) {
        last = here;
        continue;
      }
      const back = el.cloneNode(true) as Element;
      for (const c of [...back.querySelectorAll("[class]")]) if (cut.has(signature(c))) c.remove();
      if (last === null) before.push(back);
      else {
        last.after(back);
        last = back;
      }
      changed = true;
    }
    const first = kept.get(held[0]!.getAttribute(RANK_ATTR)!)!;
    for (const el of before) first.before(el);
  }
  return changed;
}

/**
 * A page number as a pager shows it: one to three digits, alone, in ASCII once
 * {@link isPager} wrote the digits of other scripts so ("۱ ۲ ۳").
 */
const PAGE_NUMBER = /^\d{1,3}$/;

/**
 * Whether an element is a pager: the row of numbered links under a list ("‹ 1 2 3 … 20
 * ›") that leads to its other pages. Its links, but for a few (first, previous, next,
 * last), are page numbers that count up (two consecutive pairs at least), and it holds
 * few other words, whatever their language and script. Links to anchors of the page (a code
 * listing's line numbers, footnote calls) and years (an archive's links) are not pages.
 */
export function isPager(el: Element, solid?: number): boolean {
  // Most blocks are longer than a pager; their text is not built. `solid`, the block's
  // count of characters other than white space when the caller has taken it, answers
  // without a walk (the measured text below still tells a block of wide letters).
  if (solid === undefined ? hasTextLength(el, PAGER_TEXT_MAX + 1) : solid > PAGER_TEXT_MAX) {
    return false;
  }
  // Nor is a block with fewer than three links (most blocks short enough).
  const links = [...el.querySelectorAll("a")];
  if (links.length < 3) return false;
  const text = collapse(el.textContent);
  if (text.length === 0 || spanOf(text) > PAGER_TEXT_MAX) return false;
  const numbers: number[] = [];
  for (const a of links) {
    const label = asciiDigits(collapse(a.textContent));
    if (!PAGE_NUMBER.test(label)) continue;
    if ((a.getAttribute("href") ?? "#").startsWith("#")) return false;
    numbers.push(Number(label));
  }
  if (numbers.length < 0.5 * links.length) return false;
  let steps = 0;
  for (let i = 1; i < numbers.length; i++) if (numbers[i] === numbers[i - 1]! + 1) steps++;
  if (steps < 2) return false;
  // A word is letters, the marks some scripts write vowels with, and digits of any script.
  const words = text.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];
  return words.filter((w) => !/^\p{Nd}+$/u.test(w)).length <= 4;
}

/** Most text a pager holds (see {@link isPager}). */
const PAGER_TEXT_MAX = 160;

/**
 * Removes the pagers (see {@link isPager}) of a block: the outermost element that is one.
 * Each element's count of characters other than white space (its text and CDATA nodes',
 * as `hasTextLength()` counts them) is taken in one walk and kept up to date as pagers go:
 * an element that holds more than a pager's text is none, and is not walked again (nested
 * blocks were each walked to their 161st character).
 */
export function dropPagers(root: Element): void {
  const solid = solidCounts(root);
  const pager = (el: Element): boolean => {
    const n = solid.get(el);
    return (n === undefined || n <= PAGER_TEXT_MAX) && isPager(el, n);
  };
  for (const el of [...root.querySelectorAll("div,ul,ol,p,section,span,td,nav")]) {
    if (!root.contains(el) || !pager(el)) continue;
    let top: Element = el;
    while (top.parentElement !== null && top.parentElement !== root && pager(top.parentElement)) {
      top = top.parentElement;
    }
    const gone = solid.get(top) ?? 0;
    for (let at = top.parentElement; at !== null; at = at.parentElement) {
      const n = solid.get(at);
      if (n === undefined) break;
      solid.set(at, n - gone);
    }
    top.remove();
  }
}

/**
 * Each element's count of characters other than white space in the text and CDATA nodes
 * under it (`root` included), by one walk.
 */
function solidCounts(root: Element): Map<Element, number> {
  const out = new Map<Element, number>();
  const count = (el: Element): number => {
    let n = 0;
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3 || child.nodeType === 4) n += solidLength(child.nodeValue ?? "");
      else if (child.nodeType === 1) n += count(child as Element);
    }
    out.set(el, n);
    return n;
  };
  count(root);
  return out;
}

/**
 * A rank as a list's card shows it beside the item's title: one to three digits of any
 * script, alone; its value is read with {@link asciiDigits}.
 */
const RANK_BADGE = /^\p{Nd}{1,3}$/u;

/** Fewest ranks, counted up from one, that make a ranked list's badges. */
const RANK_RUN = 3;

/** How far above its rank badge a card holds the item's heading. */
const RANK_DEPTH = 2;

/**
 * Removes the rank badges of a list's ranked cards ("Most read": 1, 2, 3… beside each
 * title; a page of goods' cards numbered the same way, its coupons or offers): elements
 * without children whose whole text is a number ({@link RANK_BADGE}), not links and not
 * table cells, with a heading in their box (themselves or one of their
 * {@link RANK_DEPTH} nearest ancestors), that, in the page's order and among elements of
 * one tag and class, count up from 1 over {@link RANK_RUN} cards at least. The number is
 * the card's place in the layout, drawn beside the item, not a line of it; a pager's
 * numbers are links, and a lone number in an item's text (a score, a count) is in no run.
 * Returns how many went.
 */
export function dropRankBadges(root: Element): number {
  const groups = new Map<string, Element[]>();
  for (const el of root.querySelectorAll("*")) {
    if (el.children.length > 0 || /^(a|td|th)$/i.test(el.localName)) continue;
    if (!RANK_BADGE.test((el.textContent ?? "").trim())) continue;
    let box: Element = el;
    for (let i = 0; i < RANK_DEPTH && box.querySelector("h1,h2,h3,h4,h5,h6") === null; i++) {
      if (box.parentElement === null || box.parentElement === root) break;
      box = box.parentElement;
    }
    if (box.querySelector("h1,h2,h3,h4,h5,h6") === null) continue;
    const key = `${el.localName} ${el.getAttribute("class") ?? ""}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [el]);
    else group.push(el);
  }
  let n = 0;
  for (const els of groups.values()) {
    let run: Element[] = [];
    const close = () => {
      if (run.length < RANK_RUN) return;
      for (const el of run) el.remove();
      n += run.length;
    };
    for (const el of els) {
      const value = Number(asciiDigits((el.textContent ?? "").trim()));
      if (value === run.length + 1) run.push(el);
      else {
        close();
        run = value === 1 ? [el] : [];
      }
    }
    close();
  }
  return n;
}

/**
 * A count and the one word it counts ("213 Reviews", "1,109 likes", "(12) Bewertungen",
 * "17 समीक्षाएँ"): digits of any script, a word of letters and the marks some scripts write
 * vowels with.
 */
const COUNT_LINE = /^\(?\p{Nd}{1,3}(?:[.,٬\u00a0 ]\p{Nd}{3})*\+?\)?\s*(\p{L}[\p{L}\p{M}]*)$/u;

/**
 * The template a count line follows, the same for every card whatever its number: the
 * counted word's first four letters ("213 Reviews" and "1 Review" both "#revi"), null
 * for any other line.
 */
function countKey(text: string): string | null {
  const word = COUNT_LINE.exec(text)?.[1];
  return word === undefined ? null : `#${word.toLowerCase().slice(0, 4)}`;
}

/** Share of a grid's cards that must show a line for it to be the grid's template. */
const TEMPLATE_SHARE = 0.8;

/**
 * Removes the lines that the cards of a grid repeat word for word: the template's own
 * controls and their labels ("Quick view", "Add to wishlist", "Choose a size", "Key
 * features" over every item's list), which say nothing of the item. A line is a short element (30
 * characters or less, 4 letters or more) that holds its text itself (no child holds all
 * of it); it goes when at least 80% of the page's cards, and 6 or more, show it. A count
 * with the one word it counts ("213 Reviews", "1 Rating", "37 Bewertungen") is the
 * template's whatever its number, weighed among the cards of its own grid (a page's
 * goods, not the reviews under them): the count of reviews, likes or comments every card
 * shows. What differs from card to card (a name, a price, "Sold out" on some) stays, and so do a
 * name with its value ("Last: slip-lasted"), a label beside a value ("Updated" and a
 * date, "Regular price" and an amount), one of a run of like elements (a tag in the list
 * of tags every game of a genre page shares) and a line beside the card's title (its
 * subtitle: the category every shoe of the page is for). A line above a card's heading
 * is its kicker, not a subtitle: the same kicker on every card ("Course" over each
 * course of an index) is the grid's, a kicker that differs (a category, "Winner" or
 * "Honoree") is the item's. With `aboveTitle`, only the kickers of cards that have a
 * heading are weighed (a page of cards that an article's block holds, where the lines
 * below a title may be the article's own: a "Cons" heading over each product's list).
 * Returns how many lines went.
 */
export function dropCardTemplate(root: Element, aboveTitle = false): number {
  const all = [...root.querySelectorAll("*")];
  const cards = new Cards(all);
  // The outermost cards (document order: a card comes before the cards inside it).
  const outer: Element[] = [];
  for (const el of all) {
    const last = outer[outer.length - 1];
    if ((last === undefined || !last.contains(el)) && cards.isCard(el)) outer.push(el);
  }
  if (outer.length < 6) return 0;
  // Each line's template and how many cards it is weighed among.
  const lines = new Map<Element, [string, number]>();
  const seen = new Map<string, number>();
  // A page may hold grids of different cards (its goods, then its customers' reviews): a
  // count is weighed among the cards of its own grid, told by their signature.
  const grids = new Map<string, number>();
  for (const card of outer) grids.set(signature(card), (grids.get(signature(card)) ?? 0) + 1);
  for (const card of outer) {
    const grid = signature(card);
    const mine = new Set<string>();
    // The card's title: its heading, else its first element holding text of its own.
    const heading = card.querySelector(HEADINGS);
    const title = heading ??
      [...card.querySelectorAll("*")].find(holdsOwnText);
    if (aboveTitle && heading === null) continue;
    // Whether the walk (in document order) has not reached the heading yet.
    let above = heading !== null;
    for (const el of card.querySelectorAll("*")) {
      if (el === heading) {
        if (aboveTitle) break;
        above = false;
      }
      if (above && el.contains(heading)) continue;
      // A line beside the title is the item's own subtitle, even when every item shares it;
      // a line above its heading is the card's kicker.
      if (!above && title !== undefined && el.parentElement?.contains(title)) continue;
      const text = collapse(el.textContent);
      if (spanOf(text) > 30 || spanOf(text.replace(/[^\p{L}]+/gu, "")) < 4) continue;
      // A name with its value ("Last: slip-lasted") is data, even when every item shares it.
      if (/\S:\s*\S/.test(text)) continue;
      const parent = el.parentElement;
      // The value its parent names with a label of its own ("Last: " and, in an element
      // of its own, "Slip-lasted"): data, as a name with its value is.
      const line = collapse(parent?.textContent ?? null);
      if (
        parent !== null && /\S:\s*\S/.test(line) && spanOf(line) <= 60 &&
        [...parent.childNodes].some((n) =>
          n.nodeType === 3 && /:\s*$/.test(collapse(n.textContent))
        )
      ) continue;
      // One of a run of like elements (a tag in a list of tags) is part of a line.
      if (
        parent !== null && [...parent.children].filter((c) => c.tagName === el.tagName).length >= 3
      ) continue;
      // A label to the value beside it ("Updated" and a date, "Price" and an amount).
      const around = collapse(parent?.textContent ?? "");
      if (around.length <= 60 && /\p{N}/u.test(around.replace(text, ""))) continue;
      // The element whose text this is: no child holds all of it.
      if ([...el.children].some((c) => collapse(c.textContent) === text)) continue;
      // The tally of comments on a card's details line is the item's.
      if (isMetaTally(el)) continue;
      const count = countKey(text);
      const key = count === null ? text : `${grid} ${count}`;
      lines.set(el, [key, count === null ? outer.length : grids.get(grid)!]);
      mine.add(key);
    }
    for (const t of mine) seen.set(t, (seen.get(t) ?? 0) + 1);
  }
  let removed = 0;
  for (const [el, [key, cardCount]] of lines) {
    const min = Math.max(6, TEMPLATE_SHARE * cardCount);
    if ((seen.get(key) ?? 0) >= min && root.contains(el)) {
      el.remove();
      removed++;
    }
  }
  return removed;
}

/** Any base: only the paths of links are compared, relative ones among themselves. */
const LINK_BASE = "https://base.invalid/";

/** The paths of the hrefs {@link linkPath} read lately: a page asks for the same links again. */
const LINK_PATHS = new Map<string, string>();

/** Most hrefs {@link LINK_PATHS} holds before it starts again. */
const LINK_PATHS_MAX = 20_000;

/** The path of a link without its trailing slash ("" for the site's root or a bad href). */
function linkPath(href: string): string {
  let path = LINK_PATHS.get(href);
  if (path === undefined) {
    if (LINK_PATHS.size >= LINK_PATHS_MAX) LINK_PATHS.clear();
    try {
      const url = new URL(href, LINK_BASE);
      path = `${url.host}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      path = "";
    }
    LINK_PATHS.set(href, path);
  }
  return path;
}

/** Every heading level. */
const HEADINGS_ALL = "h1,h2,h3,h4,h5,h6";

/** Whether a heading's links lead to the path `to` (see linkPath), and nowhere else. */
function sameLink(heading: Element, to: string): boolean {
  const links = heading.querySelectorAll("a[href]");
  return links.length > 0 &&
    [...links].every((link) => linkPath(link.getAttribute("href") ?? "") === to);
}

/** Most lines back to a section's heading that {@link dropSeeAllLinks} reads for its items. */
const SECTION_LINES_MAX = 200;

/**
 * Removes a section's "see all" links: a short link (four words at most) standing alone
 * right after a block whose links (two or more) lead to pages under the one it leads to
 * — "More news" to `/news` after stories at `/news/2026/…`. It leads to the index of
 * the items above, whatever its words say; an item's own link leads to a page beside
 * them, not above. A link to `<dir>/all` leads to the index of `<dir>/…` ("More articles"
 * to `/blog/all` after posts at `/blog/…`), and items may stand as lines of their own (a
 * title's, then a summary's) back to the section's heading rather than in one block.
 */
export function dropSeeAllLinks(root: Element): void {
  for (const a of [...root.querySelectorAll("a[href]")]) {
    if (!root.contains(a) || a.closest("h1,h2,h3,h4,h5,h6,li,td,th") !== null) continue;
    const text = collapse(a.textContent);
    if (text === "" || spanOf(text) > 30 || text.split(" ").length > 4 || textUnits(text) > 4) {
      continue;
    }
    const to = linkPath(a.getAttribute("href") ?? "");
    if (!to.includes("/")) continue;
    let block: Element = a;
    while (
      block.parentElement !== null && block.parentElement !== root &&
      showsOnly(block.parentElement, text)
    ) block = block.parentElement;
    const before = block.previousElementSibling;
    if (before === null) continue;
    // Set beside the section's heading, it leads where the heading's own link does.
    if (before.matches(HEADINGS_ALL) && sameLink(before, to)) {
      block.remove();
      continue;
    }
    // A link to `<dir>/all` leads to the index of the items under `<dir>/`.
    const index = to.endsWith("/all") ? to.slice(0, -4) : to;
    if (linksUnder(before, index)[0] >= 2) {
      block.remove();
      continue;
    }
    // Items set as sibling lines (a title's line, then its summary's) rather than in a
    // box of their own: the lines back to the section's heading lead under it, most of
    // their links.
    // Of a longer run (a tag cloud's thousands of links) the nearest lines answer.
    let under = 0;
    let all = 0;
    let lines = 0;
    for (
      let at: Element | null = before;
      at !== null && lines < SECTION_LINES_MAX;
      at = at.previousElementSibling, lines++
    ) {
      if (at.matches(HEADINGS_ALL)) break;
      const [u, n] = linksUnder(at, index);
      under += u;
      all += n;
    }
    if (under >= 2 && under * 2 > all) block.remove();
  }
}

/** How many of a block's links lead to pages under the path `index`, and how many it holds. */
function linksUnder(block: Element, index: string): [number, number] {
  const links = [...block.querySelectorAll("a[href]")];
  if (block.matches("a[href]")) links.push(block);
  const under =
    links.filter((link) => linkPath(link.getAttribute("href") ?? "").startsWith(`${index}/`))
      .length;
  return [under, links.length];
}

/** A running time and nothing else ("1:07", "49:39", "1:02:15"). */
const DURATION = /^\d{1,2}:\d{2}(?::\d{2})?$/;

/** Longest text the picture box a running time is laid over holds with it ("On Now 1:07"). */
const THUMB_TEXT_MAX = 40;

/** Fewest pictures that show a running time for them to be a grid's (a playlist's) cards. */
const THUMB_DURATIONS = 2;

/**
 * Removes the running times a listing's videos show over their pictures ("1:07" in the
 * corner of each thumbnail): an element whose text is only a duration, inside a box (up
 * to three levels up) that holds a picture (`<img>`, `<picture>`, `<video>`) and little
 * text besides it. It is a badge on the picture, not a line of the item; a time of day
 * in a line of text ("Doors 19:30") stays, as its box says more. Two pictures or more
 * must show one. Returns how many went.
 */
export function dropThumbnailDurations(root: Element): number {
  const badges: Element[] = [];
  for (const el of root.querySelectorAll("*")) {
    if (el.children.length > 0 || !DURATION.test(collapse(el.textContent))) continue;
    let at = el.parentElement;
    for (let up = 0; up < 3 && at !== null && at !== root; up++, at = at.parentElement) {
      if (at.querySelector("img,picture,video") === null) continue;
      if (spanOf(collapse(at.textContent)) <= THUMB_TEXT_MAX) badges.push(el);
      break;
    }
  }
  if (badges.length < THUMB_DURATIONS) return 0;
  for (const el of badges) el.remove();
  return badges.length;
}

/**
 * Shortest caption {@link dropPlayerCaptions} weighs (a bare label is no item's twin), in
 * Latin letters ({@link spanOf}: a Chinese title of seven characters says as much).
 */
const CAPTION_MIN = 20;

/** A text without its white space: layouts space a title and its summary differently. */
function squashed(el: Element): string {
  return (el.textContent ?? "").replace(/\s+/g, "");
}

/**
 * Removes the caption a listing's video player shows for what it plays (a "now playing"
 * box: the video's title and summary, beside the player) when the playlist after it
 * shows that video as one of its items, with the same words: the item is read once, in
 * its list. A caption is a box without links next to the branch that holds the
 * `<video>` or `<iframe>` (up to three levels up); its twin is an element after the
 * player in the module around it (the player's box's parent or grandparent). A caption
 * whose video the list does not show stays. Returns how many went.
 */
export function dropPlayerCaptions(root: Element): number {
  let removed = 0;
  for (const player of [...root.querySelectorAll("video,iframe")]) {
    let branch: Element = player;
    for (let up = 0; up < 3; up++) {
      const box = branch.parentElement;
      if (box === null || box === root) break;
      for (const caption of [...box.children]) {
        if (caption === branch || caption.querySelector("a[href],video,iframe") !== null) continue;
        const text = squashed(caption);
        if (spanOf(text) < CAPTION_MIN) continue;
        const module = box.parentElement?.parentElement ?? box.parentElement;
        if (module === null || module === undefined) continue;
        if (hasTwinAfter(caption, text, box, module)) {
          caption.remove();
          removed++;
        }
      }
      branch = box;
    }
  }
  return removed;
}

/** Most levels a twin of a caption stands above its first line's text. */
const TWIN_LEVELS = 4;

/**
 * Whether `scope` holds, after `box` and outside a `<template>`, an element whose text
 * is `text` (squashed): found from the texts that read as the caption's first one, up a
 * few levels, so each element's text is not built.
 */
function hasTwinAfter(caption: Element, text: string, box: Element, scope: Element): boolean {
  const walker = caption.ownerDocument.createTreeWalker(caption, 4);
  let first = "";
  for (let n = walker.nextNode(); n !== null && first === ""; n = walker.nextNode()) {
    first = (n.textContent ?? "").replace(/\s+/g, "");
  }
  if (first === "") return false;
  const all = scope.ownerDocument.createTreeWalker(scope, 4);
  for (let n = all.nextNode(); n !== null; n = all.nextNode()) {
    if ((n.textContent ?? "").replace(/\s+/g, "") !== first) continue;
    let at = n.parentElement;
    if (at === null || box.contains(at) || (box.compareDocumentPosition(at) & 4) === 0) continue;
    if (at.closest("template") !== null) continue;
    for (let up = 0; up < TWIN_LEVELS && at !== null && !at.contains(box); up++) {
      if (squashed(at) === text) return true;
      at = at.parentElement;
    }
  }
  return false;
}

/** Directories a site files its tags under: a tag's link leads to `/tags/<name>`. */
const TAG_DIRS: ReadonlySet<string> = new Set([
  "label",
  "labels",
  "tag",
  "tagged",
  "tags",
  "topic",
  "topics",
]);

/** Fewest links a row of tags holds. */
const TAG_ROW_LINKS = 2;

/** Fewest cards that each show a row of tags for the rows to be the cards' template. */
const TAG_ROWS = 2;

/** What may stand between a row's tags beside white space: commas, dots, bars, hashes. */
const TAG_GLUE = /^[\s,;·•|/#]*$/u;

/** Whether a link leads to a tag's page: one name right under a directory of tags. */
function isTagLink(a: Element): boolean {
  const parts = linkPath(a.getAttribute("href") ?? "").split("/").slice(1);
  const dir = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return dir !== undefined && TAG_DIRS.has(dir.toLowerCase());
}

/** The tag link a row's child is (`<a>`, or an `<li>` holding only one), or null. */
function tagOf(child: Element): Element | null {
  const a = child.tagName === "LI" && child.children.length === 1
    ? child.firstElementChild as Element
    : child;
  if (a.tagName !== "A" || !isTagLink(a)) return null;
  if (a !== child && collapse(child.textContent) !== collapse(a.textContent)) return null;
  return a;
}

/** Whether an element is a row of tag links and nothing else (see {@link dropTagRows}). */
function isTagRow(row: Element): boolean {
  if (row.children.length < TAG_ROW_LINKS) return false;
  let rest = row.textContent ?? "";
  for (const child of row.children) {
    const a = tagOf(child);
    if (a === null) return false;
    rest = rest.replace(a.textContent ?? "", "");
  }
  return TAG_GLUE.test(rest);
}

/**
 * Removes the rows of tags a listing's cards each show under their titles (a
 * repository's topics, a question's tags): links to the site's pages of tags
 * (`/topics/python`, `/tag/rust`), two or more in a box that holds nothing else, beside
 * the card's own text. They file the item; the item is its title and summary. Rows
 * count only when two cards or more show one (a lone tag cloud is a section of its own)
 * and when they hold less than half the text (a page that indexes tags lists them as its
 * items). Returns how many rows went.
 */
export function dropTagRows(root: Element): number {
  const rows: Element[] = [];
  const seen = new Set<Element>();
  let length = 0;
  for (const a of root.querySelectorAll("a[href]")) {
    const parent = a.parentElement;
    const row = parent?.tagName === "LI" ? parent.parentElement : parent;
    if (row === null || row === undefined || row === root || seen.has(row)) continue;
    seen.add(row);
    if (!isTagRow(row)) continue;
    // Beside the card's own text: the box that holds the row says more than its tags.
    const card = row.parentElement;
    if (card === null || textLength(card) <= textLength(row)) continue;
    rows.push(row);
    length += textLength(row);
  }
  if (rows.length < TAG_ROWS || length * 2 >= textLength(root)) return 0;
  for (const row of rows) row.remove();
  return rows.length;
}

/**
 * Removes the heading a listing opens with ("Latest News", "The Go Blog") when the list's
 * first item follows it: the first text after the heading is a link (the item's linked
 * title). The heading names the page, which the list is; a heading followed by a text
 * (an introduction, a manual's prose taken for a list) titles that text and stays, as
 * does one that is itself a link (the first item's title). Returns whether it went.
 */
export function dropListingTitle(root: Element): boolean {
  const heading = root.querySelector("h1");
  if (heading === null || heading.querySelector("a[href]") !== null) return false;
  const title = collapse(heading.textContent);
  if (title === "" || !collapse(root.textContent).startsWith(title)) return false;
  const next = nextText(heading, root);
  const link = next?.parentElement?.closest("a[href]") ?? null;
  if ((link === null || !root.contains(link)) && !titlesRun(heading, root, title)) return false;
  heading.remove();
  return true;
}

/** Fewest items after a listing's title that {@link titlesRun} reads as its list. */
const TITLED_RUN_MIN = 3;

/**
 * Whether `heading` sits in a box of its own (its wrappers that hold only its text) that
 * the list's items follow as siblings of the same tag, each with a link: a list of
 * `<article>`s opened by an `<article>` that holds the page's heading.
 */
function titlesRun(heading: Element, root: Element, title: string): boolean {
  let box = heading;
  while (
    box.parentElement !== null && box.parentElement !== root &&
    collapse(box.parentElement.textContent) === title
  ) box = box.parentElement;
  if (box === heading) return false;
  let items = 0;
  for (
    let s = box.nextElementSibling;
    s !== null && s.tagName === box.tagName;
    s = s.nextElementSibling
  ) {
    if (s.querySelector("a[href]") === null) return false;
    if (++items >= TITLED_RUN_MIN) return true;
  }
  return false;
}

/** Words of a `data-*` name that set a block beside a page's text: its side column. */
const SIDEBAR_WORDS: ReadonlySet<string> = new Set(["sidebar"]);

/**
 * Removes the side column a listing names only in its data attributes
 * (`data-testid="chart-layout-sidebar"`, where its classes are a framework's hashes):
 * the site's other charts, news and insights beside the list, as a column named so in
 * its classes is. A block holding half the text or more is the page's, not a side
 * column. Returns how many blocks went.
 */
export function dropDataSidebars(root: Element): number {
  const total = textLength(root);
  let removed = 0;
  for (const el of [...root.querySelectorAll("div,section,aside")]) {
    if (!root.contains(el) || !namedInData(el, SIDEBAR_WORDS)) continue;
    if (textLength(el) * 2 >= total) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/**
 * Removes the labels a page writes for screen readers only in front of a price
 * ("Regular price", "Sale price" before the amount): what sighted readers tell from the
 * layout (a struck-through old price, a coloured new one), said in words for assistive
 * technology. The label holds no figure and the first text after it (other labels and
 * empty boxes skipped) is a price; a label that carries its value ("Original price was
 * 39.95") and one before a plain count ("Number of reviews" and 196) stay. Returns how
 * many labels went.
 */
export function dropPriceLabels(root: Element): number {
  const labels = [...root.querySelectorAll("[class]")].filter((el) =>
    isScreenReaderOnly(el) && !/\p{N}/u.test(el.textContent ?? "")
  );
  const skipped = new Set(labels);
  let removed = 0;
  for (const label of labels) {
    let next: Node | null = label.nextSibling;
    while (
      next !== null &&
      (collapse(next.textContent) === "" || skipped.has(next as Element))
    ) next = next.nextSibling;
    const text = collapse(next?.textContent ?? "");
    if (text.length > 0 && text.length <= 40 && PRICE.test(text)) {
      label.remove();
      removed++;
    }
  }
  return removed;
}

/** Shortest prose before a closing link for the link to be a call of its own (see {@link dropClosingCalls}). */
const CALL_AFTER = 80;

/** Longest text of a closing call: a sentence, not a paragraph that is a link. */
const CALL_MAX = 100;

/** Prose that ends with a sentence stop (a closing quote or bracket may follow it). */
const SENTENCE_CLOSED = new RegExp(`[${SENTENCE_STOPS}]["”»')\\]]?$`);

/** Text after a closing link that leaves it last: white space and a sentence's stop. */
const AFTER_CALL = new RegExp(`^[\\s${SENTENCE_STOPS}]*$`);

/**
 * Removes the calls a shop closes its paragraphs with: a link, the last thing in a
 * paragraph of prose (a stop after it at most), that is a sentence of its own after the
 * paragraph's last sentence ("… all-day battery life. <a>Shop Crusher headphones</a>",
 * "… sans perte de puissance. <a>Comparez les gaz</a>."). What a shop writes about its
 * goods is the text; the link after it leads the buyer to another of its pages, as a
 * card's "Shop now" does. A link inside a sentence, or one whose paragraph holds no
 * prose before it, stays. Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropClosingCalls(root); // 6: an answer's "Voir notre sélection" and five more
 * ```
 */
export function dropClosingCalls(root: Element): number {
  let removed = 0;
  for (const block of [...root.querySelectorAll("p,li,dd,div")]) {
    const nodes = [...block.childNodes];
    let last = nodes.length - 1;
    while (
      last >= 0 && nodes[last]!.nodeType === 3 && AFTER_CALL.test(nodes[last]!.nodeValue ?? "")
    ) last--;
    const link = nodes[last];
    if (
      last < 1 || link === undefined || link.nodeType !== 1 || (link as Element).tagName !== "A"
    ) {
      continue;
    }
    const call = collapse(link.textContent);
    if (call === "" || call.length > CALL_MAX) continue;
    const before = collapse(nodes.slice(0, last).map((n) => n.textContent ?? "").join(""));
    if (before.length < CALL_AFTER || !SENTENCE_CLOSED.test(before)) continue;
    for (const n of nodes.slice(last)) n.remove();
    removed++;
  }
  return removed;
}

/** The arrows that point a reader on (a character class's ranges): a call's mark. */
const ARROWS = "\u2190-\u21FF\u27A1-\u27BF\u2B05-\u2B07›»";

/** An arrow (see {@link ARROWS}): the mark a call's line sets beside its link. */
const CALL_ARROW = new RegExp(`[${ARROWS}]`, "u");

/** What a call's line may hold beside its link: white space, arrows, a stop. */
const CALL_MARKS = new RegExp(`^[\\s${ARROWS}${SENTENCE_STOPS}]*$`, "u");

/**
 * Removes the calls a shop closes a box of prose with on a line of their own: the box's
 * last paragraph is one link with an arrow beside it or in it ("Voir tous les barbecues
 * gaz Weber →", "→ Mehr erfahren") right after a paragraph of prose that ends a sentence.
 * The form {@link dropClosingCalls} reads inside a paragraph, set apart: the arrow points
 * the buyer to another page, or further down this one, and the link says nothing of the
 * goods. A plain link on its own line ("Learn more about privacy") may be a topic the
 * page lists, and stays; so does a line with words outside its link, or one after
 * anything but prose. Returns how many went.
 */
export function dropCallLines(root: Element): number {
  let removed = 0;
  for (const line of [...root.querySelectorAll("p")]) {
    if (line.nextElementSibling !== null || line.children.length !== 1) continue;
    const link = line.children[0]!;
    if (link.tagName !== "A") continue;
    const call = collapse(link.textContent);
    if (call === "" || call.length > CALL_MAX) continue;
    const outside = [...line.childNodes].filter((n) => n !== link).map((n) => n.textContent ?? "")
      .join("");
    if (!CALL_MARKS.test(outside) || !CALL_ARROW.test(outside + call)) continue;
    const before = line.previousElementSibling;
    if (before === null || before.tagName !== "P") continue;
    const prose = collapse(before.textContent);
    if (prose.length < CALL_AFTER || !SENTENCE_CLOSED.test(prose)) continue;
    line.remove();
    removed++;
  }
  return removed;
}

/** The words and figures of a text, lower-cased, for telling two forms of it apart. */
function tokensOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Removes the spoken twin of what a page shows: an element written for screen readers
 * only right after one hidden from them (`aria-hidden="true"`), the same thing in two
 * forms, one for the eye ("Headphones (18)", "(21)") and one read aloud ("Headphones
 * (18 products)", "21 total reviews"). A reader of the page sees the first. Themes write
 * the pair on every filter's option and every card's count of reviews. The two share a
 * word or a figure; a screen-reader text after an unrelated icon stays. Returns how many
 * went.
 */
export function dropSpokenTwins(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("[class]")]) {
    if (!isScreenReaderOnly(el)) continue;
    let prev: Node | null = el.previousSibling;
    while (prev !== null && prev.nodeType === 3 && collapse(prev.textContent) === "") {
      prev = prev.previousSibling;
    }
    if (prev === null || prev.nodeType !== 1) continue;
    const shown = prev as Element;
    if (shown.getAttribute("aria-hidden") !== "true") continue;
    const seen = tokensOf(shown.textContent ?? "");
    if (![...tokensOf(el.textContent ?? "")].some((t) => seen.has(t))) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Longest text of a box a forum's standing title heads (see {@link dropForumStandingBoxes}). */
const STANDING_BOX_MAX = 600;

/**
 * Removes a forum's standing boxes: under its list of topics (or a thread's posts) its
 * software writes who is online ("Wer ist online?" over "Mitglieder in diesem Forum: 0
 * Mitglieder und 4 Gäste") and what a visitor may do ("Berechtigungen in diesem Forum" over
 * "Du darfst keine neuen Themen in diesem Forum erstellen."), each a heading that is only
 * its title ({@link FORUM_STANDING_BOX}) over a few lines, on every page of the board. The
 * box goes: the widest block around the heading that holds no other heading and no more
 * than {@link STANDING_BOX_MAX} characters, or the heading and what follows it up to the
 * next heading where its block is wider. Returns how many went.
 */
export function dropForumStandingBoxes(root: Element): number {
  let removed = 0;
  for (const heading of [...root.querySelectorAll("h1,h2,h3,h4,h5,h6")]) {
    if (!heading.isConnected || !FORUM_STANDING_BOX.test(collapse(heading.textContent))) continue;
    let box: Element = heading;
    for (let up = box.parentElement; up !== null && up !== root; up = up.parentElement) {
      if (collapse(up.textContent).length > STANDING_BOX_MAX) break;
      if (up.querySelectorAll("h1,h2,h3,h4,h5,h6").length > 1) break;
      box = up;
    }
    if (box === heading) {
      for (let next = heading.nextElementSibling; next !== null;) {
        if (/^H[1-6]$/.test(next.tagName)) break;
        const after = next.nextElementSibling;
        next.remove();
        next = after;
      }
    }
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * Removes a caption written for screen readers only: a code block's frame names its kind
 * to them ("Terminal window", "Terminal-Fenster") in a `<figcaption>` whose one text is a
 * screen-reader-only span (the title slot beside it left empty), and a table may say what
 * it holds in such a `<caption>`. A reader of the page sees no caption. A caption that
 * shows text of its own beside the spoken part stays whole. Returns how many went.
 */
export function dropSpokenCaptions(root: Element): number {
  let removed = 0;
  for (const caption of [...root.querySelectorAll("figcaption,caption")]) {
    const all = collapse(caption.textContent);
    if (all === "") continue;
    const spoken = [...caption.querySelectorAll("[class]")].filter(isScreenReaderOnly);
    if (spoken.length === 0) continue;
    const shown = spoken.reduce(
      (rest, el) => rest.replace(collapse(el.textContent), ""),
      all,
    );
    if (collapse(shown) !== "") continue;
    caption.remove();
    removed++;
  }
  return removed;
}

/**
 * Removes the date a blog's template writes but does not show: WordPress themes mark a
 * post's dates as hAtom does, its publication (`class="entry-date published"`) beside its
 * last change (`class="updated"`), in one box, and their style sheets hide the second
 * (`.updated:not(.published) { display: none }`); a reader sees one date, not "22. April
 * 202622. April 2026". Returns how many went.
 */
export function dropUnshownDates(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(".updated")]) {
    if (el.matches(".published")) continue;
    const shown = [...(el.parentElement?.children ?? [])].some((k) =>
      k !== el && k.tagName === el.tagName && k.matches(".published")
    );
    if (!shown) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/**
 * Removes the price a shop's template writes but does not show: a price block (class
 * `price`) that holds both its regular form (`price__regular`) and its sale form
 * (`price__sale`, the new amount beside the struck-through old one) shows the sale form
 * when marked on sale (`price--on-sale`) and the regular form otherwise; the other is
 * hidden by the shop's style sheet, and a reader sees each price once. Returns how many
 * forms went.
 */
export function dropUnshownPrices(root: Element): number {
  let removed = 0;
  for (const block of [...root.querySelectorAll("[class]")]) {
    // A class without the word in any case holds no such name: its list is not built.
    if (!/price/i.test(block.getAttribute("class") ?? "")) continue;
    const names = classNames(block);
    if (!names.includes("price")) continue;
    const regular = [...block.querySelectorAll("[class]")].filter((el) =>
      classNames(el).includes("price__regular")
    );
    const sale = [...block.querySelectorAll("[class]")].filter((el) =>
      classNames(el).includes("price__sale")
    );
    if (regular.length === 0 || sale.length === 0) continue;
    for (const el of names.includes("price--on-sale") ? regular : sale) {
      el.remove();
      removed++;
    }
  }
  return removed;
}

/** The class a page gives a block it shows only to a browser without scripts. */
const SCRIPTLESS = "no-js";

/** The class a page gives that block's scripted twin, which such a browser does not show. */
const SCRIPTED = "no-js-hidden";

/**
 * Removes the copy of a block a page writes for browsers without scripts beside the copy
 * its scripts run (class `no-js` beside a sibling of class `no-js-hidden`): a theme writes
 * a shop's filters twice so, each list of facets with its checkboxes and counts, and a
 * reader's browser shows one. A `no-js` block with no scripted twin beside it may be the
 * page's only copy of its text and stays. Returns how many went.
 */
export function dropScriptlessTwins(root: Element): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(`.${SCRIPTLESS}`)]) {
    const parent = el.parentElement;
    if (parent === null || /^(HTML|BODY)$/.test(el.tagName)) continue;
    const twin = [...parent.children].some((k) =>
      k !== el && classNames(k).includes(SCRIPTED) && !classNames(k).includes(SCRIPTLESS)
    );
    if (!twin) continue;
    el.remove();
    removed++;
  }
  return removed;
}

function classNames(el: Element): string[] {
  return classTokens(el).map((c) => c.toLowerCase());
}

/** Items a grid of priced goods must hold for a page without a main region to be a shop's floor. */
const SHOP_GRID = 12;

/**
 * Whether a shop's page of goods is its whole text: a page that marks no main region
 * (no `<main>`, no `role=main`) and shows a grid of a dozen priced items or more. Such a
 * page leaves it to its reader to tell its parts apart — the department menus, the
 * filters with their counts, the grid, the footer's shop links — and all of it is the
 * page's listing of what the shop sells (a page that marks its main region says where
 * its listing is).
 */
export function wholeShopPage(body: Element): boolean {
  if (body.querySelector("main,[role=main]") !== null) return false;
  return pricedItems(body) >= SHOP_GRID;
}

/**
 * Removes from a shop's page taken whole (see {@link wholeShopPage}) the controls its
 * grid's cards each show ("Add to cart", "Quick View"; see {@link dropControls}): what a
 * buyer clicks on an item is not the item. Only inside the cards of the page's largest
 * grid of priced items: the header's and the filters' words are the page's listing of
 * what the shop sells. Returns how many went.
 */
export function dropCardControls(body: Element): number {
  let removed = 0;
  for (const card of pricedGrid(body)) removed += dropControls(card);
  return removed;
}

/** The overlays a page opens over its text: dialogs, shown or not. */
const DIALOGS = "[role=dialog],[role=alertdialog],dialog,[aria-modal=true]";

/**
 * Removes from a shop's page taken whole (see {@link wholeShopPage}) the dialogs it
 * opens over its goods (`role=dialog`, `<dialog>`, `aria-modal`): a consent banner with
 * its settings, a form asking for a quote. They sit over the page, not in it, and a
 * wrapper left holding only hidden text (the banner's labels for screen readers, under
 * the `hidden` attribute) goes with them. Returns how many dialogs went.
 */
export function dropShopDialogs(body: Element): number {
  let removed = 0;
  for (const dialog of [...body.querySelectorAll(DIALOGS)]) {
    if (!body.contains(dialog)) continue;
    let gone: Element = dialog;
    let parent = dialog.parentElement;
    dialog.remove();
    removed++;
    while (parent !== null && parent !== body && shownText(parent) === "") {
      gone = parent;
      parent = parent.parentElement;
      gone.remove();
    }
  }
  return removed;
}

/** The text of `el` outside the elements it hides with the `hidden` attribute. */
function shownText(el: Element): string {
  let text = "";
  for (const c of el.childNodes) {
    if (c.nodeType === 3) text += c.textContent ?? "";
    else if (c.nodeType === 1 && !(c as Element).hasAttribute("hidden")) {
      text += shownText(c as Element);
    }
  }
  return collapse(text);
}

/**
 * Words in `class`/`id` of the control that orders a grid's items, in English and as shops
 * in other languages name it (German "sortierung", Spanish and Portuguese "ordenar",
 * "ordenacion", "ordenacao", Italian "ordinamento", Dutch "sorteren", "sortering", Polish
 * "sortowanie"). Not Italian "ordina", which is also "order now".
 */
const SORT_WORDS: ReadonlySet<string> = new Set([
  "sort",
  "sorting",
  "sortby",
  "sorter",
  "ordenacao",
  "ordenacion",
  "ordenar",
  "ordinamento",
  "sorteren",
  "sortering",
  "sortierung",
  "sortowanie",
]);

/** Longest text of a sort control that goes: its label and its options, not a grid. */
const SORT_MAX = 200;

/**
 * Removes the control that orders a page's items ("Ordenar por: Destacados", "Trier par
 * Pertinence, De A à Z …"), with the bar of quick filters a shop names with it: a short
 * block (200 characters at most) named after sorting in its `class`/`id`/`name`, that
 * holds no heading. It is what a reader operates to reorder the grid, not one of its
 * items or their description. Returns how many went.
 */
export function dropSortControls(root: Element): number {
  return dropNamedControls(root, SORT_WORDS, SORT_MAX, false);
}

/**
 * Words in `class`/`id` of the bar that leads to a list's other pages, in English and as
 * templates in other languages name it (German "paginierung", Spanish "paginacion",
 * Italian "paginazione", Portuguese "paginacao", Dutch "paginering", Polish "paginacja").
 */
const PAGER_WORDS: ReadonlySet<string> = new Set([
  "pagination",
  "pager",
  "paging",
  "paginator",
  "paginacao",
  "paginacion",
  "paginacja",
  "paginazione",
  "paginering",
  "paginierung",
]);

/** Longest text of a named pager that goes: its links and its page count, not a grid. */
const PAGER_MAX = 160;

/**
 * Removes the bars a shop or a list names as its paging ("pagination", "pager"): a short
 * block (160 characters at most) holding a link or a button and no heading, whatever its
 * links say ("Página 1/20 · Anterior · Siguiente", "← Précédente 1 2 Suivante →",
 * "Mostra altri"). It is what a reader operates to reach the other pages, not an item;
 * {@link isPager} finds the numbered rows only, and a page of goods taken whole keeps
 * its chrome. A count of the items named so, with nothing to click, stays. Returns how
 * many went.
 */
export function dropNamedPagers(root: Element): number {
  return dropNamedControls(root, PAGER_WORDS, PAGER_MAX, true);
}

/**
 * Removes the short blocks (`max` characters at most) named by one of `names` in their
 * `class`/`id`, or in their `name` (the name a page's scripts give the wrapper of a
 * control, `name="sorter-wrapper"`), that hold no heading, and, when `clickable`, hold a
 * link or a button: the controls a reader operates on a list, not its items. Returns how
 * many went.
 */
function dropNamedControls(
  root: Element,
  names: ReadonlySet<string>,
  max: number,
  clickable: boolean,
): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("[class],[id],[name]")]) {
    const named = [...words(el), ...nameWords(el.getAttribute("name") ?? "")];
    if (!root.contains(el) || !named.some((w) => names.has(w))) continue;
    if (clickable && el.querySelector("a[href],button") === null) continue;
    if (el.querySelector("h1,h2,h3,h4,h5,h6") !== null) continue;
    const text = collapse(el.textContent);
    if (text === "" || text.length > max) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Words in `class`/`id` of what a count of a grid counts: its products, results, items. */
const COUNTED_WORDS: ReadonlySet<string> = new Set([
  "product",
  "products",
  "result",
  "results",
  "item",
  "items",
]);

/**
 * A count of a grid's items as a shop writes it: a number and a word or two ("51 products",
 * "٥١ منتج", "51 उत्पाद"), digits of any script, words of letters and marks.
 */
const ITEM_COUNT = /^\P{Nd}{0,20}\p{Nd}[\p{Nd}.,٬\s]*\p{L}[\p{L}\p{M}]*(?:\s\p{L}[\p{L}\p{M}]*)?$/u;

/** Longest text of a count of a grid's items. */
const ITEM_COUNT_MAX = 40;

/**
 * Keeps a shop's count of its grid's items ("51 products", "20 productos") that the
 * shop writes in the side panel of its filters (an `<aside>`, which the chrome removal
 * takes whole): the first such count, named by a count of products, results or items in
 * its `class`/`id` ("product-count", "ProductCount", "results-count"), moves out of the
 * panel to stand just before it. It says how many items the grid holds, as a count above
 * the grid does; the panel's facets go as before. A copy for narrow screens (in a
 * `<details>` drawer) or hidden on every screen is passed over, and a page that already
 * shows a count outside such a panel keeps only that. Returns whether a count moved.
 */
export function keepItemCount(body: Element): boolean {
  const counts = [...body.querySelectorAll("[class],[id]")].filter((el) => {
    const ws = words(el);
    if (!ws.includes("count") || !ws.some((w) => COUNTED_WORDS.has(w))) return false;
    const text = collapse(el.textContent);
    return text.length <= ITEM_COUNT_MAX && ITEM_COUNT.test(text);
  });
  if (counts.length === 0 || counts.some((el) => el.closest("aside") === null)) return false;
  const shown = counts.find((el) =>
    el.closest("details,[hidden],[aria-hidden=true]") === null && !hiddenEverywhere(el)
  );
  const aside = shown?.closest("aside") ?? null;
  if (shown === undefined || aside === null) return false;
  // The outermost element that holds the count alone.
  let count = shown;
  while (
    count.parentElement !== null && count.parentElement !== aside &&
    collapse(count.parentElement.textContent) === collapse(shown.textContent)
  ) count = count.parentElement;
  aside.before(count);
  return true;
}

/** Whether an element or an ancestor is shown on no screen size (see hiddenOnEveryScreenSize). */
function hiddenEverywhere(el: Element): boolean {
  for (let at: Element | null = el; at !== null; at = at.parentElement) {
    if (hiddenOnEveryScreenSize(new Set((at.getAttribute("class") ?? "").split(/\s+/)))) {
      return true;
    }
  }
  return false;
}

/** Longest text of the title block a shop's category page writes before its main region. */
const TITLE_BLOCK_MAX = 1500;

/** Shortest paragraph that makes a title block an introduction: prose, not a tagline. */
const INTRO_MIN = 100;

/** The headings under a page's title: a box that holds one is a section of its own. */
const SUBHEADINGS = "h2,h3,h4,h5,h6";

/** Largest share of a title block's text that its links may hold: a menu is not one. */
const TITLE_BLOCK_LINKS = 0.3;

/**
 * Puts back at the head of a shop's category page's main region (`region`, the `<main>`
 * chosen inside `body`) the block that opens the page above it: the page's title (its
 * first `<h1>`) with the introduction the shop writes under it ("CBD Gummies" and a
 * paragraph on what the category offers), set before the `<main>` that holds the grid.
 * The introduction runs from the title to the first box that holds a heading of its own
 * (a box of facts, a teaser: often written again for narrow screens elsewhere). It holds
 * a paragraph of prose ({@link INTRO_MIN} characters or more), few links, and no more than
 * {@link TITLE_BLOCK_MAX} characters; a title with a tagline, a bar of links to sections,
 * a page's whole header stay out. Returns whether the introduction came in.
 */
export function addCategoryIntro(body: Element, region: Element): boolean {
  if (region === body) return false;
  const h1 = body.querySelector("h1");
  if (h1 === null || region.contains(h1)) return false;
  // The title's widest box that does not hold the region.
  let block: Element = h1;
  while (block.parentElement !== null && !block.parentElement.contains(region)) {
    block = block.parentElement;
  }
  if (block === h1 || block.parentElement === null) return false;
  // Above the region (a following node is flagged 4), not after it.
  if ((block.compareDocumentPosition(region) & 4) === 0) return false;
  // From the title's box to the first box headed on its own.
  const parts: Element[] = [];
  let at: Element | null = [...block.children].find((c) => c.contains(h1)) ?? null;
  for (; at !== null; at = at.nextElementSibling) {
    if (parts.length > 0 && (at.matches(SUBHEADINGS) || at.querySelector(SUBHEADINGS) !== null)) {
      break;
    }
    parts.push(at);
  }
  const intro = block.ownerDocument.createElement("div");
  for (const part of parts) intro.appendChild(part.cloneNode(true));
  if (textLength(intro) > TITLE_BLOCK_MAX || linkDensity(intro) >= TITLE_BLOCK_LINKS) {
    return false;
  }
  if (![...intro.querySelectorAll("p")].some((p) => textLength(p) >= INTRO_MIN)) return false;
  for (const part of parts) part.remove();
  region.prepend(intro);
  return true;
}

/** Least prose (see proseMass) of a guide a shop's category page writes after its region. */
const GUIDE_PROSE = 3000;

/** Largest share of a guide's text that its links may hold: a footer's menus are not one. */
const GUIDE_LINKS = 0.2;

/** A page's footer: its legal notes and footnotes, long as they may be, are no guide. */
const SITE_FOOTER = "footer,[role=contentinfo]";

/**
 * Puts back at the end of a shop's category page's main region (`region`, the `<main>`
 * chosen inside `body`) the guide to its category that the shop writes after it: a block
 * that follows the region, outside it, with headings of its own and at least
 * {@link GUIDE_PROSE} characters of prose, few of them in links (a buyer's guide, its
 * questions and answers). The longest such block comes in; a closing band of links or
 * of short teasers stays out. Returns whether a guide came in.
 */
export function addCategoryGuide(body: Element, region: Element): boolean {
  if (region === body) return false;
  let best: Element | null = null;
  let bestMass = 0;
  for (let at: Element = region; at !== body && at.parentElement !== null; at = at.parentElement) {
    for (let s = at.nextElementSibling; s !== null; s = s.nextElementSibling) {
      const mass = proseMass(s);
      if (mass <= bestMass || s.querySelector(SUBHEADINGS) === null) continue;
      if (
        linkDensity(s) >= GUIDE_LINKS || s.matches(SITE_FOOTER) ||
        s.querySelector(SITE_FOOTER) !== null
      ) continue;
      best = s;
      bestMass = mass;
    }
  }
  if (best === null || bestMass < GUIDE_PROSE) return false;
  region.append(best);
  return true;
}

/** Most characters of a date's text read as a date relative to the visit. */
const RELATIVE_TIME_MAX = 30;

/**
 * Words in `class`/`id`/`data-*` of an element that shows an item's date or time
 * ("card-metadata-lastupdated", "publishedSince", "timeago").
 */
const DATE_NAME_WORDS: ReadonlySet<string> = new Set([
  "datetime",
  "pubdate",
  "timestamp",
  "timeago",
  "ago",
  "published",
  "posted",
  "updated",
  "lastupdated",
]);

/** Whether a text is only separators and spaces (what a byline's "|" or "·" leaves). */
function onlySeparators(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/**
 * Whether a date's text places it relative to the visit, not in the calendar: one number
 * with words, no year and no time of day ("3 days ago", "vor 2 Stunden", "3日前"), in the
 * digits of any script ("يونيو ٢٠٢٤" has a year).
 */
function isRelativeDate(text: string): boolean {
  if (text === "" || text.length > RELATIVE_TIME_MAX || hasDateShape(text)) return false;
  return (text.match(/\p{N}+/gu)?.length ?? 0) === 1 && /\p{L}/u.test(text);
}

/** Whether an element shows a date: a `<time>`, or an element named for one. */
function showsDate(el: Element): boolean {
  return el.tagName === "TIME" || words(el).some((w) => DATE_NAME_WORDS.has(w)) ||
    namedInData(el, DATE_NAME_WORDS);
}

/** Most characters an item's line of facts keeps beside its date (a byline, a section tag). */
const META_ROW_MAX = 60;

/**
 * A sentence's stop before a space or the end; a wide one (Chinese, Japanese), after which
 * a script without spaces goes on at once, anywhere.
 */
const FACTS_SENTENCE = new RegExp(`[${FULL_STOPS}](?:\\s|$)|[。！？]`);

/**
 * Whether a block that holds a date and `rest` beside it is the item's line of facts
 * (its authors, its section): short, no heading, no paragraph, no sentence.
 */
function isMetaRow(at: Element, rest: string): boolean {
  const facts = collapse(rest);
  return spanOf(facts) <= META_ROW_MAX && at.querySelector("h1,h2,h3,h4,h5,h6,p") === null &&
    !FACTS_SENTENCE.test(facts);
}

/**
 * Drops each date whose text places it relative to the visit, not in the calendar: a
 * `<time>`, or an element named for one ({@link DATE_NAME_WORDS} in its class, id or
 * data-* names: timestamp, timeago, published, posted, updated...), whose text is one number with
 * words, no year and no time of day ("3 days ago", "vor 2 Stunden", "il y a 5 jours",
 * "3日前"). The text tells when the page was fetched, not when the item was written, and
 * the truths never keep it; a date with a year or a time ("5 mars 2026", "10:30"), a
 * calendar tile without words ("20") and a range of days ("Sat 7 Mar – Mon 9 Mar", two
 * numbers) stay. The blocks around it that are left holding only separators go with it,
 * and so does the item's line of facts it closes (its byline, its section tag: see
 * isMetaRow()), which the truths leave out with the date. Returns how many went.
 */
export function dropRelativeTimes(root: Element): number {
  let n = 0;
  for (const el of [...root.querySelectorAll("*")]) {
    if (!el.isConnected || !showsDate(el)) continue;
    const text = collapse(el.textContent);
    if (!isRelativeDate(text)) continue;
    let gone: Element = el;
    for (let at = el.parentElement; at !== null && at !== root; at = at.parentElement) {
      const rest = collapse(at.textContent).replace(text, "");
      if (!onlySeparators(rest)) {
        if (isMetaRow(at, rest)) gone = at;
        break;
      }
      gone = at;
    }
    gone.remove();
    n++;
  }
  return n;
}

/** Fewest words of a teaser's title (a tag, a name or a "more" link is shorter). */
const TEASER_TITLE_MIN = 4;

/** The page a link leads to, its path and query ("" for a bare host, "#…" or a bad href). */
export function linkTarget(href: string): string {
  try {
    const url = new URL(href, LINK_BASE);
    const path = url.pathname.replace(/\/+$/, "");
    return path === "" ? "" : `${path}${url.search}`;
  } catch {
    return "";
  }
}

/** The headings a teaser's title may be. */
const TEASER_HEADINGS = "h1,h2,h3,h4,h5,h6";

/**
 * The title a link shows as a teaser: the heading it holds or stands in, or its text when
 * it is a line of its own (its parent shows nothing else); null for a link inside a
 * sentence or a row of other text (a citation, a job's title beside its site).
 */
function teaserTitle(a: Element): string | null {
  const heading = a.querySelector(TEASER_HEADINGS) ?? a.closest(TEASER_HEADINGS);
  if (heading !== null) return collapse(heading.textContent);
  const text = collapse(a.textContent);
  const parent = a.parentElement;
  return parent !== null && showsOnly(parent, text) ? text : null;
}

/**
 * Whether a box's text is `text` (collapsed) and nothing more. A box of more letters is
 * told without building its text: a paragraph of 8,000 links asked for each of them.
 */
function showsOnly(box: Element, text: string): boolean {
  const letters = text.length - (text.split(" ").length - 1);
  return !hasTextLength(box, letters + 1, true) && collapse(box.textContent) === text;
}

/**
 * The box of the card a link belongs to: the link, or its largest ancestor below `root`
 * whose links all lead where it does (the card's picture, title and "read more" links).
 */
function cardBox(link: Element, target: string, root: Element): Element {
  let box = link;
  for (let at = link.parentElement; at !== null && at !== root; at = at.parentElement) {
    const others = [...at.querySelectorAll("a[href]")].some((a) =>
      linkTarget(a.getAttribute("href") ?? "") !== target
    );
    if (others) break;
    box = at;
  }
  return box;
}

/** The child of `ancestor` that holds `el` (or `el` itself). */
function branchOf(el: Element, ancestor: Element): Element {
  let at = el;
  while (at.parentElement !== null && at.parentElement !== ancestor) at = at.parentElement;
  return at;
}

/** Whether a block holds a teaser's link (four words or more) to another page than `target`. */
function leadsElsewhere(block: Element, target: string): boolean {
  return [...block.querySelectorAll("a[href]")].some((a) =>
    textUnits(collapse(a.textContent)) >= TEASER_TITLE_MIN &&
    linkTarget(a.getAttribute("href") ?? "") !== target
  );
}

/**
 * Removes the later cards of a story a listing shows again in another of its sections:
 * a teaser whose title (four words or more, a heading or a link on a line of its own)
 * leads to the page an earlier card with that title leads to ("Most read", "Also in news"
 * under the front page's stories). Each card is the box of its link's target (picture,
 * title, summary); the first stays and a later one goes whole, when the two stand in
 * different sections (the part of the page that holds the later card also leads
 * elsewhere). Two entries of one run (a job posted twice) stay, and so does one title
 * leading to two pages (an award's winner and its honoree). Returns how many went.
 */
export function dropRepeatedTeasers(root: Element): number {
  const seen = new Map<string, Element>();
  let removed = 0;
  for (const a of [...root.querySelectorAll("a[href]")]) {
    if (!root.contains(a)) continue;
    const title = teaserTitle(a);
    if (title === null || textUnits(title) < TEASER_TITLE_MIN) continue;
    const target = linkTarget(a.getAttribute("href") ?? "");
    if (target === "") continue;
    const key = `${target}\n${title}`;
    const box = cardBox(a, target, root);
    const first = seen.get(key);
    if (first === undefined || !root.contains(first)) {
      seen.set(key, box);
      continue;
    }
    if (first.contains(box) || box.contains(first)) continue;
    let common: Element = first;
    while (!common.contains(box)) common = common.parentElement!;
    const later = branchOf(box, common);
    const earlier = branchOf(first, common);
    if (later !== box && earlier !== first && leadsElsewhere(later, target)) {
      box.remove();
      removed++;
    }
  }
  return removed;
}
