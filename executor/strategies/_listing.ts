/**
 * Signals of pages made of items (listings, shop grids, pages of quotes): which blocks
 * that look like chrome are content.
 *
 * @module
 */

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
]);

/**
 * Whether an element's name says it is the author or date line of an item: on a listing,
 * each card's author and date are part of the card (an article's byline block is chrome).
 */
export function isItemMeta(names: readonly string[]): boolean {
  return names.some((w) => META_WORDS.has(w));
}

/** An element's signature: its tag and first class name ("" without a class). */
function signature(el: Element): string {
  const cls = (el.getAttribute("class") ?? "").trim().split(/\s+/)[0] ?? "";
  return cls === "" ? "" : `${el.tagName}.${cls}`;
}

function squash(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Whether an element is short and holds an item: a heading, or a link with some text
 * beside it (a title and its price or teaser). A row of share buttons ("Share on …")
 * does not, nor does a post with a body of text.
 */
function holdsItem(el: Element): boolean {
  // A card is short; a post or a section with a body of text is not one.
  if (squash(el.textContent).length > 600) return false;
  if (el.querySelector("h2,h3,h4,h5") !== null) return true;
  if (el.querySelector("a[href]") === null) return false;
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += squash(a.textContent).length;
  return squash(el.textContent).length - linked >= 15;
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

  /** Whether `el` is a card or sits inside one, up to four levels down. */
  inCard(el: Element): boolean {
    let at: Element | null = el;
    for (let i = 0; i < 5 && at !== null; i++, at = at.parentElement) {
      if (this.isCard(at)) return true;
    }
    return false;
  }
}
