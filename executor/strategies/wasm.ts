/**
 * The `wasm` strategy: a streaming main-content extractor whose HTML parsing
 * runs in WebAssembly (lol-html via `html-rewriter-wasm`), built for throughput.
 *
 * One pass, no DOM:
 * 1. The page is encoded and fed to lol-html in fixed-size chunks. lol-html
 *    tokenizes it (raw-text elements, attribute quoting, broken markup) and,
 *    through one element handler matched on tag names, removes page chrome
 *    with everything inside: script/style/nav/header/footer/aside/figure/
 *    iframe/forms' controls…, and the `h1` headline.
 * 2. What survives streams out of lol-html as markup; a linear scanner reads
 *    its tags and text. It drops comments, reads the title, `<html lang>` and
 *    the description and `og:` meta tags, and skips, with everything inside,
 *    hidden elements (`hidden`, `aria-hidden`, `display:none`, navigation
 *    roles) and small elements (`p`, `span`, `li`) whose class or id names
 *    boilerplate (nav, menu, share, social, comment, related, sidebar, ad,
 *    promo, newsletter, cookie, byline, caption…). It cuts the rest into
 *    paragraphs at block boundaries, measuring link text, and records for
 *    each paragraph the container it sits in. Containers with a
 *    boilerplate-looking class or id are marked, not removed: wrappers such
 *    as `penci_sidebar` or `elementor-widget` often hold the article.
 * 3. A Readability-style score (length, commas, link density, container hints
 *    such as `article`, `main`, `[itemprop=articleBody]`, content-like class
 *    names) picks the densest container, first leaving marked containers
 *    out, then (when that finds under 500 characters) with them; its
 *    paragraphs, plus strong siblings, are the content, minus marked parts
 *    inside it.
 *
 * What costs time is work in lol-html that the scanner does anyway, and
 * calls between JavaScript and WebAssembly. A selector on an attribute
 * (`[hidden]`, `p[class]`) makes lol-html lex the attributes of every tag,
 * and a comment or text handler is one call per node, so lol-html is given
 * tag names only: its one handler runs for removed elements, and text and
 * tags reach JavaScript in bulk through the output stream, where the scanner
 * looks at attributes only for the tags that need it.
 *
 * Memory is bounded regardless of page size: the encode buffer is fixed, the
 * scanner keeps at most one unfinished tag between chunks (a few characters
 * inside a comment or the title) and follows at most
 * `MAX_SKIP_DEPTH` tags inside a skipped element, and at most
 * `MAX_TEXT_CHARS` characters of text are kept.
 *
 * The scanner lives in `_wasm_collect.ts`, the tag and attribute reading and the
 * class-name verdicts in `_wasm_markup.ts`, the choice of container in `_wasm_pick.ts`.
 *
 * @module
 */

import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { loadLolHtml, type LolHtml } from "./_lolhtml.ts";
import { Collector } from "./_wasm_collect.ts";

/** Characters of the page fed to the parser at a time. */
export const CHUNK_CHARS = 64 * 1024;
/**
 * Removed by lol-html with everything inside. Tag names only: a selector on
 * an attribute makes lol-html lex the attributes of every tag, which costs
 * more than the rest of the parse; attribute checks run in the scanner over
 * the tags it reads anyway (see {@linkcode Collector}).
 */
const SKIP_SELECTOR = [
  // Not "head": lol-html does not close it implicitly, so a page without </head> would vanish.
  // Not "title": the scanner reads it.
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "nav",
  "header",
  "footer",
  "aside",
  "iframe",
  "button",
  "select",
  "textarea",
  "label",
  "figure",
  "figcaption",
  "menu",
  "dialog",
  "object",
  "canvas",
  "video",
  "audio",
  "picture",
  // Raw text that the scanner must not read as markup.
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
  // The headline: the article body does not repeat it.
  "h1",
].join(", ");

/** Extracts the main text of an HTML page in one streaming pass. */
export async function extractWasm(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  if (page.contentType === "text/plain") {
    const content = page.html.trim();
    // As auto does: plain text is its own Markdown.
    return {
      content,
      metadata: { title: null },
      ...(options.markdown ? { markdown: content } : {}),
    };
  }
  const lol = await loadLolHtml();
  const collector = new Collector(options.markdown === true);
  await stream(lol, page.html, collector, options.signal);
  return collector.result();
}

/** Feeds the page through lol-html in fixed-size chunks; its output goes to the collector. */
async function stream(
  lol: LolHtml,
  html: string,
  collector: Collector,
  signal: AbortSignal | undefined,
): Promise<void> {
  const output = new Output(collector);
  const rewriter = new lol.HTMLRewriter((chunk) => output.push(chunk));
  try {
    // The only handler: everything else reaches JavaScript in bulk through the output.
    rewriter.on(SKIP_SELECTOR, { element: (el) => void el.remove() });
    const encoder = new TextEncoder();
    const buffer = new Uint8Array(CHUNK_CHARS * 3);
    for (let start = 0; start < html.length;) {
      signal?.throwIfAborted();
      let end = Math.min(start + CHUNK_CHARS, html.length);
      // Never split a surrogate pair between two chunks.
      const last = html.charCodeAt(end - 1);
      if (end < html.length && last >= 0xd800 && last <= 0xdbff) end++;
      const { written } = encoder.encodeInto(html.slice(start, end), buffer);
      await rewriter.write(buffer.subarray(0, written));
      output.flush(false);
      start = end;
    }
    await rewriter.end();
    output.flush(true);
    collector.endOfMarkup();
  } finally {
    rewriter.free();
  }
}

/**
 * lol-html's output, gathered per write: lol-html hands it over in dozens
 * of small pieces per page (one around every removed element), and decoding
 * and scanning them one by one costs more than copying them together.
 * Holds at most what one write produced, about one input chunk.
 */
class Output {
  #decoder = new TextDecoder();
  #pieces: Uint8Array[] = [];
  #bytes = 0;
  #joined = new Uint8Array(0);
  #collector: Collector;

  constructor(collector: Collector) {
    this.#collector = collector;
  }

  push(piece: Uint8Array): void {
    this.#pieces.push(piece);
    this.#bytes += piece.length;
  }

  /** Decodes what was gathered and hands it to the collector. */
  flush(last: boolean): void {
    const pieces = this.#pieces;
    let bytes: Uint8Array;
    if (pieces.length === 1) {
      bytes = pieces[0]!;
    } else {
      if (this.#joined.length < this.#bytes) this.#joined = new Uint8Array(this.#bytes);
      let at = 0;
      for (const piece of pieces) {
        this.#joined.set(piece, at);
        at += piece.length;
      }
      bytes = this.#joined.subarray(0, at);
    }
    this.#pieces = [];
    this.#bytes = 0;
    this.#collector.markup(this.#decoder.decode(bytes, { stream: !last }));
  }
}
