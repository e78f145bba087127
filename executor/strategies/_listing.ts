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
