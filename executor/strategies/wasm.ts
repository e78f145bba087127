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
 * {@linkcode MAX_SKIP_DEPTH} tags inside a skipped element, and at most
 * {@linkcode MAX_TEXT_CHARS} characters of text are kept.
 *
 * @module
 */

import { decodeHTML } from "entities";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { countWords } from "../_words.ts";
import { escapeMarkdown, escapeParagraph, fencedCode } from "../_markdown_text.ts";
import { loadLolHtml, type LolHtml } from "./_lolhtml.ts";

/** Characters of the page fed to the parser at a time. */
export const CHUNK_CHARS = 64 * 1024;
/** Text kept at most per page (characters); the rest of the page is still parsed. */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longest tag the scanner carries over between output chunks; longer ones are dropped. */
const MAX_TAG_CHARS = 256 * 1024;

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "keygen",
]);

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

/** Values of `role` that mark page chrome. */
const CHROME_ROLES = new Set(["navigation", "complementary", "banner", "contentinfo"]);

/** Elements skipped, with their content, when their class or id names boilerplate. */
const CHECKED_TAGS = new Set(["p", "span", "li"]);

/** Elements that hold one paragraph of text. */
const TEXT_BLOCKS = new Set([
  "p",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "blockquote",
  "pre",
  "td",
  "th",
  "dd",
  "dt",
  "caption",
]);

/** Elements that group paragraphs: the candidates for the article container. */
const CONTAINERS = new Set([
  "div",
  "section",
  "article",
  "main",
  "body",
  "ul",
  "ol",
  "dl",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "address",
  "details",
  "summary",
  "center",
  "fieldset",
  "blockquote",
]);

/** Elements that break text into separate paragraphs. */
const BLOCKS = new Set([...TEXT_BLOCKS, ...CONTAINERS, "hr"]);

/** Class/id words that mark boilerplate when they are a whole token. */
const NEGATIVE_TOKENS = new Set([
  "ad",
  "ads",
  "adv",
  "advert",
  "advertisement",
  "nav",
  "navbar",
  "navigation",
  "menu",
  "share",
  "sharing",
  "social",
  "comment",
  "comments",
  "related",
  "footer",
  "sidebar",
  "promo",
  "promos",
  "newsletter",
  "cookie",
  "cookies",
  "banner",
  "breadcrumb",
  "breadcrumbs",
  "subscribe",
  "subscription",
  "sponsor",
  "sponsored",
  "popup",
  "modal",
  "toolbar",
  "masthead",
  "byline",
  "caption",
  "credit",
  "credits",
  "tags",
  "hidden",
  "skip",
  "outbrain",
  "taboola",
  "recirc",
  "trending",
  "popular",
  "signup",
  "paywall",
  "disclaimer",
  "author",
  "dateline",
  "timestamp",
]);

/** Class/id fragments that mark boilerplate anywhere in the name (camelCase, glued words). */
const NEGATIVE_FRAGMENTS =
  /sidebar|comment|related|newsletter|social|sharing|sharebar|share-|advert|promo|cookie|breadcrumb|subscri|recommend|outbrain|taboola|footer|navbar|navigation|byline|sponsor|trending|signup|paywall|most-?read|more-?stories|read-?more|jump-?link/;

/** Class/id words that mark the article container. */
const POSITIVE = /article|body|content|entry|main|page|post|story|text|blog/;

interface Frame {
  tag: string;
  /** Container hint weight (content-like class names, tag hints). */
  weight: number;
  /** How many containers from the root to this one (itself included) have a boilerplate-looking class or id. */
  suspect: number;
  parent: Frame | null;
}

interface Paragraph {
  text: string;
  /** The block element it ends in (`p`, `h2`, `li`, `pre`, `div`…), for the Markdown. */
  kind: string;
  /** `pre` only, when Markdown is asked for: the text as written, line breaks and indentation kept. */
  code?: string;
  /** When Markdown is asked for: inside a `blockquote`. */
  quoted?: true;
  /** When Markdown is asked for: a list item of an `ol`. */
  ordered?: true;
  linkChars: number;
  /** The container it sits in (its ancestors follow from `parent`). */
  frame: Frame;
  /** The suspect count of its container. */
  suspect: number;
}

interface OpenElement {
  tag: string;
  container: Frame | null;
}

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

/** The next `>` or quote. */
const TAG_STOP = /[>"']/g;
/** The end of a comment. */
const COMMENT_END = /-->/g;
/** The end of the title (its raw text may hold "<"). */
const TITLE_END = /<\/title/gi;
/** Attributes that may hide an element or mark it as chrome (a cheap first look). */
const MAYBE_HIDDEN = /hidden|role|display/i;
/** Most elements open inside a skipped element that the scanner tracks. */
const MAX_SKIP_DEPTH = 1024;

/** What the attributes of one tag say, as far as the extractor cares. */
interface Attributes {
  /** Lower-cased class and id, space separated ("" when neither is present). */
  names: string;
  itemprop: string | null;
  /** `hidden`, `aria-hidden="true"`, a chrome `role` or an inline `display:none`. */
  hidden: boolean;
  lang: string | null;
  name: string | null;
  property: string | null;
  content: string | null;
}

class Collector {
  #stack: OpenElement[] = [];
  #linkDepth = 0;
  #container: Frame;
  #root: Frame;
  #paragraphs: Paragraph[] = [];
  #buffer: string[] = [];
  #bufferLink = 0;
  #kept = 0;
  #carry = "";
  #discarding = false;
  /** Inside a comment or the title: scanning for its end. */
  #until: RegExp | null = null;
  /**
   * Inside an element skipped with its content: the tags open in it, the
   * skipped one first (null when not skipping).
   */
  #skip: string[] | null = null;
  #title = "";
  #ogTitle: string | null = null;
  #lang: string | null = null;
  #description: string | null = null;

  #markdown: boolean;

  constructor(markdown: boolean) {
    this.#markdown = markdown;
    this.#root = newFrame("#root", null, null);
    this.#container = this.#root;
  }

  /**
   * Consumes a piece of lol-html's output: tags, text, comments and the
   * title (scripts and styles are gone by then, so there is no other raw
   * text to mistake for markup). Every scan moves forward, so the cost is
   * linear in the output; an unfinished tag at the end waits for the next
   * piece, and one longer than {@linkcode MAX_TAG_CHARS} is discarded up to
   * its `>`.
   */
  markup(chunk: string): void {
    if (chunk === "") return;
    const input = this.#carry + chunk;
    this.#carry = "";
    let pos = 0;
    if (this.#discarding) {
      const gt = input.indexOf(">");
      if (gt < 0) return;
      this.#discarding = false;
      pos = gt + 1;
    }
    while (pos < input.length) {
      if (this.#until !== null) {
        pos = this.#scanUntil(input, pos);
        if (pos < 0) return;
        continue;
      }
      const lt = input.indexOf("<", pos);
      if (lt < 0) {
        this.#text(input.slice(pos));
        return;
      }
      if (lt > pos) this.#text(input.slice(pos, lt));
      const end = tagEnd(input, lt);
      if (end === -1) {
        this.#text("<");
        pos = lt + 1;
        continue;
      }
      if (end === -2) {
        // Unfinished: wait for more, unless it is already too long to be a real tag.
        if (input.length - lt <= MAX_TAG_CHARS) this.#carry = input.slice(lt);
        else this.#discarding = true;
        return;
      }
      if (end === -3) {
        this.#until = COMMENT_END;
        // From the "--" of "<!--", so "<!-->" and "<!--->" end at once, as in browsers.
        pos = lt + 2;
        continue;
      }
      this.#tag(input, lt + 1, end);
      pos = end + 1;
    }
  }

  endOfMarkup(): void {
    // A tag still open at the end of the file is dropped, as browsers do.
    this.#carry = "";
    this.#flush();
  }

  result(): ExtractOutput {
    this.#flush();
    const kept = select(this.#paragraphs);
    const content = kept.map((p) => p.text).join("\n\n");
    const title = this.#ogTitle ?? (clean(decodeHTML(this.#title)) || null);
    const words = countWords(content);
    return {
      content,
      ...(this.#markdown ? { markdown: toMarkdown(kept) } : {}),
      metadata: {
        title,
        language: this.#lang,
        description: this.#description,
        // Confidence grows with the amount of article text found, saturating at ~250 words.
        quality_score: Math.round(Math.min(1, words / 250) * 100) / 100,
      },
    };
  }

  /**
   * Looks for the end of the comment or title that `pos` is in: returns
   * where scanning goes on, or -1 when the input ends first (its last few
   * characters are carried over, in case they begin the end marker).
   */
  #scanUntil(input: string, pos: number): number {
    const until = this.#until!;
    until.lastIndex = pos;
    const found = until.exec(input);
    const title = until === TITLE_END;
    if (found === null) {
      const keep = Math.max(pos, input.length - 6);
      if (title) this.#addTitle(input.slice(pos, keep));
      this.#carry = input.slice(keep);
      return -1;
    }
    this.#until = null;
    if (!title) return found.index + 3;
    this.#addTitle(input.slice(pos, found.index));
    // "</title>" itself is an ordinary end tag.
    return found.index;
  }

  #addTitle(text: string): void {
    if (this.#title.length < 1000) this.#title += text;
  }

  /** Handles one tag, `input[from, to)` (`div class="x"`, `/p`, `!doctype html`). */
  #tag(input: string, from: number, to: number): void {
    const closing = input.charCodeAt(from) === 47; // "/"
    const start = closing ? from + 1 : from;
    let at = start;
    while (at < to && isNameChar(input.charCodeAt(at))) at++;
    if (at === start) return;
    const name = input.slice(start, at).toLowerCase();
    if (this.#skip !== null && this.#skipping(name, closing, input.charCodeAt(to - 1) === 47)) {
      return;
    }
    if (closing) this.#close(name);
    else this.#open(name, at < to ? input.slice(at, to) : "");
  }

  /**
   * Follows the tags inside a skipped element: returns whether this tag is
   * still inside it. The skipped element ends at its end tag, at an end tag
   * of an element around it, or where HTML closes it implicitly (a block
   * after `<p>`, a sibling `<li>`).
   */
  #skipping(name: string, closing: boolean, selfClosing: boolean): boolean {
    const open = this.#skip!;
    if (closing) {
      const index = open.lastIndexOf(name);
      if (index < 0) {
        this.#skip = null;
        return false;
      }
      open.length = index;
      if (index === 0) this.#skip = null;
      return true;
    }
    const root = open[0];
    if (
      (root === "p" && BLOCKS.has(name)) || (root === "li" && name === "li" && open.length === 1)
    ) {
      this.#skip = null;
      return false;
    }
    if (!VOID.has(name) && !selfClosing && open.length < MAX_SKIP_DEPTH) open.push(name);
    return true;
  }

  #text(raw: string): void {
    if (this.#skip !== null || this.#kept >= MAX_TEXT_CHARS) return;
    this.#buffer.push(raw);
    this.#kept += raw.length;
    if (this.#linkDepth > 0) this.#bufferLink += raw.length;
  }

  #open(tag: string, attrs: string): void {
    if (tag === "br") {
      this.#buffer.push(" ");
      return;
    }
    const container = CONTAINERS.has(tag);
    const checked = CHECKED_TAGS.has(tag);
    let found: Attributes | null = null;
    if (
      attrs !== "" &&
      (container || (checked && /class|id/i.test(attrs)) || MAYBE_HIDDEN.test(attrs) ||
        tag === "meta" || tag === "html")
    ) {
      found = readAttributes(attrs);
      if (tag === "meta") {
        this.#meta(found);
        return;
      }
      if (tag === "html") this.#lang ??= found.lang;
      const selfClosing = VOID.has(tag) || attrs.endsWith("/");
      if (
        !selfClosing &&
        (found.hidden || (checked && found.names !== "" && isBoilerplateName(found.names) &&
          found.itemprop !== "articleBody"))
      ) {
        // Skipped with everything inside, as lol-html would remove it.
        this.#skip = [tag];
        return;
      }
    }
    if (tag === "title") {
      this.#until = TITLE_END;
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) {
      this.#implicitClose(tag);
      this.#flush();
    }
    if (VOID.has(tag) || attrs.endsWith("/")) return;
    let frame: Frame | null = null;
    if (tag === "a") {
      this.#linkDepth++;
    } else if (container) {
      frame = newFrame(tag, found, this.#container);
      this.#container = frame;
    } else if (!block) {
      // Inline elements are not tracked: only links and blocks shape the result.
      return;
    }
    this.#stack.push({ tag, container: frame });
  }

  #meta(found: Attributes): void {
    if (found.content === null) return;
    if (found.property === "og:title") {
      this.#ogTitle ??= clean(decodeHTML(found.content)) || null;
    } else if (found.name === "description" || found.property === "og:description") {
      this.#description ??= clean(decodeHTML(found.content)) || null;
    }
  }

  #close(tag: string): void {
    if (!BLOCKS.has(tag) && tag !== "a") return;
    let index = this.#stack.length - 1;
    while (index >= 0 && this.#stack[index]!.tag !== tag) index--;
    if (index < 0) return;
    while (this.#stack.length > index) this.#pop();
  }

  // HTML closes an open <p> when a block starts, and <li>/<td>/<tr> when a
  // sibling starts.
  #implicitClose(tag: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return;
    if (
      top.tag === "p" ||
      (top.tag === "li" && tag === "li") ||
      ((top.tag === "td" || top.tag === "th") && (tag === "td" || tag === "th" || tag === "tr")) ||
      ((top.tag === "dd" || top.tag === "dt") && (tag === "dd" || tag === "dt")) ||
      (top.tag === "tr" && tag === "tr")
    ) {
      this.#pop();
    }
  }

  #pop(): void {
    const top = this.#stack.pop();
    if (top === undefined) return;
    if (top.tag === "a") {
      this.#linkDepth = Math.max(0, this.#linkDepth - 1);
      return;
    }
    this.#flush(top.tag);
    if (top.container !== null) this.#container = top.container.parent ?? this.#root;
  }

  /** Ends the paragraph being read; `kind` is the block that ends it (default: the innermost open). */
  #flush(kind?: string): void {
    if (this.#buffer.length === 0) return;
    const raw = this.#buffer.join("");
    const linkRatio = raw.length > 0 ? this.#bufferLink / raw.length : 0;
    this.#buffer = [];
    this.#bufferLink = 0;
    const decoded = raw.includes("&") ? decodeHTML(raw) : raw;
    const text = clean(decoded);
    if (text === "") return;
    kind ??= this.#innermostBlock();
    const paragraph: Paragraph = {
      text,
      kind,
      linkChars: Math.round(linkRatio * text.length),
      frame: this.#container,
      suspect: this.#container.suspect,
    };
    if (this.#markdown) Object.assign(paragraph, this.#markup(kind, decoded));
    this.#paragraphs.push(paragraph);
  }

  /** What the Markdown needs beyond the kind: code as written, quoting, list numbering. */
  #markup(kind: string, decoded: string): Pick<Paragraph, "code" | "quoted" | "ordered"> {
    const out: Pick<Paragraph, "code" | "quoted" | "ordered"> = {};
    if (kind === "pre") out.code = decoded.replace(/^\r?\n/, "").replace(/\s+$/, "");
    let list = "";
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      const tag = this.#stack[i]!.tag;
      if (tag === "blockquote") out.quoted = true;
      if (list === "" && (tag === "ul" || tag === "ol")) list = tag;
    }
    if (kind === "blockquote") out.quoted = true;
    if (kind === "li" && list === "ol") out.ordered = true;
    return out;
  }

  /** The innermost open block element (links are the only other elements on the stack). */
  #innermostBlock(): string {
    for (let i = this.#stack.length - 1; i >= 0; i--) {
      const tag = this.#stack[i]!.tag;
      if (tag !== "a") return tag;
    }
    return "body";
  }
}

/**
 * Markdown of the kept paragraphs: they are text only, so headings, list items,
 * quotes and code blocks are marked up from the block each ends in; links and
 * emphasis are not kept.
 */
function toMarkdown(paragraphs: readonly Paragraph[]): string {
  let out = "";
  let previous: Paragraph | null = null;
  let number = 0;
  for (const p of paragraphs) {
    const heading = /^h([1-6])$/.exec(p.kind);
    // List items in a row make one list (numbered when it is an `ol`).
    const sameList = previous?.kind === "li" && p.kind === "li" &&
      previous.quoted === p.quoted && previous.ordered === p.ordered;
    let block: string;
    if (p.code !== undefined) block = fencedCode(p.code);
    else if (heading) block = `${"#".repeat(Number(heading[1]))} ${escapeMarkdown(p.text)}`;
    else if (p.kind === "li") {
      number = sameList ? number + 1 : 1;
      block = `${p.ordered ? `${number}.` : "-"} ${escapeMarkdown(p.text)}`;
    } else block = escapeParagraph(p.text);
    if (p.quoted) block = block.split("\n").map((line) => `> ${line}`).join("\n");
    out += out === ""
      ? block
      : `${sameList ? "\n" : previous?.quoted && p.quoted ? "\n>\n" : "\n\n"}${block}`;
    previous = p;
  }
  return out;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether `c` is whitespace as `\s` means it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 58) || c === 45; // digits, ":", "-"
}

/**
 * Where the tag starting at `lt` ends (the index of its `>`), skipping `>`
 * inside quoted attribute values: -1 when this "<" starts no tag (it is
 * text), -2 when the input ends first, -3 when it starts a comment.
 */
function tagEnd(input: string, lt: number): number {
  const next = input.charCodeAt(lt + 1);
  if (Number.isNaN(next)) return -2;
  if (next === 33) { // "!": comment, doctype, CDATA
    if (input.startsWith("<!--", lt)) return -3;
    if (input.length - lt < 4 && "<!--".startsWith(input.slice(lt))) return -2;
    const gt = input.indexOf(">", lt + 2);
    return gt < 0 ? -2 : gt;
  }
  if (next === 63) { // "?": bogus comment
    const gt = input.indexOf(">", lt + 2);
    return gt < 0 ? -2 : gt;
  }
  if (next === 47) { // "/"
    const after = input.charCodeAt(lt + 2);
    if (Number.isNaN(after)) return -2;
    if (!isLetter(after)) return -1;
  } else if (!isLetter(next)) {
    return -1;
  }
  let at = lt + 1;
  for (;;) {
    TAG_STOP.lastIndex = at;
    const stop = TAG_STOP.exec(input);
    if (stop === null) return -2;
    if (stop[0] === ">") return stop.index;
    // A quote opens a value only right after "=" (spaces allowed); elsewhere it is a stray character.
    let before = stop.index - 1;
    while (before > lt && isSpace(input.charCodeAt(before))) before--;
    if (input.charCodeAt(before) !== 61) { // "="
      at = stop.index + 1;
      continue;
    }
    const close = input.indexOf(stop[0], stop.index + 1);
    if (close < 0) return -2;
    at = close + 1;
  }
}

/** One attribute: its name and, when it has one, its value (double, single or unquoted). */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Reads the attributes the extractor looks at from the inside of a tag after its name. */
function readAttributes(attrs: string): Attributes {
  const found: Attributes = {
    names: "",
    itemprop: null,
    hidden: false,
    lang: null,
    name: null,
    property: null,
    content: null,
  };
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m !== null; m = ATTRIBUTE.exec(attrs)) {
    const key = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    switch (key) {
      case "class":
      case "id":
        found.names += ` ${value.toLowerCase()}`;
        break;
      case "itemprop":
        found.itemprop = value;
        break;
      case "hidden":
        found.hidden = true;
        break;
      case "aria-hidden":
        if (value === "true") found.hidden = true;
        break;
      case "role":
        if (CHROME_ROLES.has(value)) found.hidden = true;
        break;
      case "style":
        if (value.includes("display:none") || value.includes("display: none")) found.hidden = true;
        break;
      case "lang":
        found.lang ??= value;
        break;
      case "name":
        found.name ??= value;
        break;
      case "property":
        found.property ??= value;
        break;
      case "content":
        found.content ??= value;
        break;
    }
  }
  return found;
}

function newFrame(tag: string, found: Attributes | null, parent: Frame | null): Frame {
  let weight = tag === "article" ? 10 : tag === "main" ? 5 : 0;
  const names = found?.names ?? "";
  const articleBody = found?.itemprop === "articleBody";
  if (articleBody) weight += 30;
  if (names !== "" && POSITIVE.test(names)) weight += 25;
  const own = !articleBody && names !== "" && tag !== "article" && tag !== "main" &&
    isBoilerplateName(names);
  const suspect = (parent?.suspect ?? 0) + (own ? 1 : 0);
  return { tag, weight, suspect, parent };
}

// Class names repeat a lot within a page and across a site's pages.
const verdicts = new Map<string, boolean>();

function isBoilerplateName(names: string): boolean {
  let verdict = verdicts.get(names);
  if (verdict === undefined) {
    verdict = judgeNames(names);
    // Bounded: a page with endless distinct class names cannot grow it without limit.
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(names, verdict);
  }
  return verdict;
}

function judgeNames(names: string): boolean {
  if (POSITIVE.test(names) && !/comment|related|share|social|footer|promo/.test(names)) {
    return false;
  }
  for (const token of names.split(/[^a-z0-9]+/)) if (NEGATIVE_TOKENS.has(token)) return true;
  return NEGATIVE_FRAGMENTS.test(names);
}

/** Below this many characters the strict pick (suspect containers left out) is retried with them. */
const MIN_STRICT_CHARS = 500;

/**
 * Picks the content: first without the paragraphs of suspect containers;
 * when that leaves too little (the article sat in a wrapper with a
 * boilerplate-looking name), again with them.
 */
function select(paragraphs: readonly Paragraph[]): Paragraph[] {
  const strict = pick(paragraphs.filter((p) => p.suspect === 0));
  const strictChars = chars(strict);
  if (strictChars >= MIN_STRICT_CHARS || !paragraphs.some((p) => p.suspect > 0)) return strict;
  const lenient = pick(paragraphs);
  return chars(lenient) > strictChars ? lenient : strict;
}

/** Characters of the paragraphs joined by blank lines. */
function chars(paragraphs: readonly Paragraph[]): number {
  let n = Math.max(0, 2 * (paragraphs.length - 1));
  for (const p of paragraphs) n += p.text.length;
  return n;
}

interface Score {
  score: number;
  textChars: number;
  linkChars: number;
}

/** Picks the best-scoring container and returns its paragraphs (plus strong siblings). */
function pick(paragraphs: readonly Paragraph[]): Paragraph[] {
  const scores = new Map<Frame, Score>();
  const touched: Frame[] = [];
  const candidates = new Set<Frame>();
  const stats = (f: Frame): Score => {
    let entry = scores.get(f);
    if (entry === undefined) {
      entry = { score: 0, textChars: 0, linkChars: 0 };
      scores.set(f, entry);
    }
    return entry;
  };
  for (const p of paragraphs) {
    const len = p.text.length;
    for (let f: Frame | null = p.frame; f !== null; f = f.parent) {
      const entry = stats(f);
      entry.textChars += len;
      entry.linkChars += p.linkChars;
    }
    if (len < 25) continue;
    let score = 1 + countCommas(p.text) + Math.min(Math.floor(len / 100), 3);
    score *= 1 - p.linkChars / len;
    let f: Frame | null = p.frame;
    for (let level = 0; level < 3 && f !== null; level++, f = f.parent) {
      const entry = stats(f);
      if (!candidates.has(f)) {
        candidates.add(f);
        entry.score = f.weight;
        touched.push(f);
      }
      entry.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  const finalScore = (f: Frame): number => {
    const entry = stats(f);
    const density = entry.textChars > 0 ? entry.linkChars / entry.textChars : 0;
    return entry.score * (1 - density);
  };
  let top: Frame | null = null;
  let best = -Infinity;
  for (const f of touched) {
    const score = finalScore(f);
    if (score > best) {
      best = score;
      top = f;
    }
  }
  if (top === null) {
    return paragraphs.filter((p) => p.linkChars / p.text.length < 0.5);
  }
  const threshold = Math.max(10, best * 0.2);
  const parent = top.parent;
  const included = new Set<Frame>([top]);
  if (parent !== null) {
    for (const f of touched) {
      if (f !== top && f.parent === parent && finalScore(f) >= threshold) {
        included.add(f);
      }
    }
  }
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const len = p.text.length;
    const density = p.linkChars / len;
    let inside = false;
    // At most one container of a paragraph's ancestry is included: they are siblings.
    for (let f: Frame | null = p.frame; f !== null; f = f.parent) {
      // Within the chosen container, boilerplate-named parts (related links, share bars) stay out.
      if (included.has(f)) {
        inside = p.suspect <= f.suspect;
        break;
      }
    }
    if (!inside) {
      // Loose paragraphs directly beside the top container, as Readability keeps them.
      if (!(p.frame === parent && len > 80 && density < 0.25)) continue;
    }
    if (density > 0.5) continue;
    out.push(p);
  }
  return out;
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) n++;
  return n;
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}
