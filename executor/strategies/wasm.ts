/**
 * The `wasm` strategy: a streaming main-content extractor whose HTML parsing
 * runs in WebAssembly (lol-html via `html-rewriter-wasm`), built for throughput.
 *
 * One pass, no DOM. The page is encoded and fed to the parser in fixed-size
 * chunks; element handlers keep a stack of open elements, drop page chrome
 * (script/style/nav/header/footer/aside/form/figure…, hidden elements, and
 * elements whose class or id names boilerplate: nav, menu, share, social,
 * comment, related, sidebar, ad, promo, newsletter, cookie…), and cut the
 * remaining text into paragraphs at block boundaries. Each paragraph keeps
 * the chain of containers it sits in; after the pass a Readability-style
 * score (length, commas, link density, container hints such as `article`,
 * `main`, `[itemprop=articleBody]`) picks the densest container, and its
 * paragraphs (plus strong siblings) are the content.
 *
 * Memory is bounded regardless of page size: the encode buffer is fixed and
 * at most {@linkcode MAX_TEXT_CHARS} characters of text are kept.
 *
 * @module
 */

import { decodeHTML } from "entities";
import type { Element } from "html-rewriter-wasm";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { loadLolHtml, type LolHtml } from "./_lolhtml.ts";

/** Characters of the page fed to the parser at a time. */
export const CHUNK_CHARS = 64 * 1024;
/** Text kept at most per page (characters); the rest of the page is still parsed. */
export const MAX_TEXT_CHARS = 2_000_000;

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

/** Dropped with everything inside. */
const SKIP_TAGS = new Set([
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
  "form",
  "iframe",
  "button",
  "select",
  "textarea",
  "label",
  "figure",
  "figcaption",
  "menu",
  "dialog",
  "head",
  "object",
  "canvas",
  "video",
  "audio",
  "picture",
  "h1",
]);

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

/** Elements that break text into separate paragraphs. */
const BLOCKS = new Set([
  ...TEXT_BLOCKS,
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
  "hr",
  "address",
  "details",
  "summary",
  "center",
  "fieldset",
]);

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
  "widget",
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
  /** Container hint weight (Readability's class weight plus tag hints). */
  weight: number;
  score: number;
  textChars: number;
  linkChars: number;
  touched: boolean;
  parent: Frame | null;
}

interface Paragraph {
  text: string;
  linkChars: number;
  /** The container frames it sits in, innermost last. */
  chain: Frame[];
  kind: string;
}

/** Extracts the main text of an HTML page in one streaming pass. */
export async function extractWasm(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  if (page.contentType === "text/plain") {
    const content = page.html.trim();
    return { content, metadata: { title: null, word_count: countWords(content) } };
  }
  const lol = await loadLolHtml();
  const collector = new Collector();
  await stream(lol, page.html, collector, options.signal);
  return collector.result();
}

/** Feeds the page through lol-html in fixed-size chunks. */
async function stream(
  lol: LolHtml,
  html: string,
  collector: Collector,
  signal: AbortSignal | undefined,
): Promise<void> {
  const rewriter = new lol.HTMLRewriter(() => {});
  try {
    rewriter.on("*", { element: (el) => collector.element(el) });
    rewriter.onDocument({ text: (chunk) => collector.text(chunk.text) });
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
      start = end;
    }
    await rewriter.end();
  } finally {
    rewriter.free();
  }
}

type LolElement = Element;

class Collector {
  #stack: { tag: string; skip: boolean; container: Frame | null }[] = [];
  #skipDepth = 0;
  #linkDepth = 0;
  #titleDepth = 0;
  #container: Frame;
  #root: Frame;
  #paragraphs: Paragraph[] = [];
  #buffer: string[] = [];
  #bufferLink = 0;
  #kind = "div";
  #kept = 0;
  #title = "";
  #ogTitle: string | null = null;
  #lang: string | null = null;
  #description: string | null = null;

  constructor() {
    this.#root = newFrame("#root", 0, null);
    this.#container = this.#root;
  }

  element(el: LolElement): void {
    const tag = el.tagName;
    if (tag === "meta") return this.#meta(el);
    if (tag === "html") this.#lang = el.getAttribute("lang");
    if (tag === "title") {
      this.#titleDepth++;
      el.onEndTag(() => {
        this.#titleDepth--;
      });
      return;
    }
    if (tag === "br") {
      if (this.#skipDepth === 0) this.#buffer.push(" ");
      return;
    }
    if (VOID.has(tag)) return;
    if (this.#skipDepth > 0) {
      // Inside dropped content only depth matters.
      const frame = { tag, skip: false, container: null };
      this.#stack.push(frame);
      el.onEndTag(() => this.#close(frame));
      return;
    }
    this.#implicitClose(tag);
    const skip = SKIP_TAGS.has(tag) || isBoilerplate(el, tag);
    const block = BLOCKS.has(tag);
    if (block || skip) this.#flush();
    let container: Frame | null = null;
    if (skip) {
      this.#skipDepth++;
    } else if (tag === "a") {
      this.#linkDepth++;
    } else if (TEXT_BLOCKS.has(tag)) {
      this.#kind = tag;
    } else if (block) {
      container = newFrame(tag, containerWeight(el, tag), this.#container);
      this.#container = container;
    }
    const frame = { tag, skip, container };
    this.#stack.push(frame);
    el.onEndTag(() => this.#close(frame));
  }

  text(text: string): void {
    if (text === "") return;
    if (this.#titleDepth > 0) {
      if (this.#title.length < 1000) this.#title += text;
      return;
    }
    if (this.#skipDepth > 0 || this.#kept >= MAX_TEXT_CHARS) return;
    this.#buffer.push(text);
    this.#kept += text.length;
    if (this.#linkDepth > 0) this.#bufferLink += text.length;
  }

  result(): ExtractOutput {
    this.#flush();
    const content = select(this.#paragraphs);
    const title = clean(this.#ogTitle ?? "") || clean(decodeHTML(this.#title)) || null;
    const words = countWords(content);
    return {
      content,
      metadata: {
        title,
        language: this.#lang,
        description: this.#description,
        word_count: words,
        // Confidence grows with the amount of article text found, saturating at ~250 words.
        quality_score: Math.round(Math.min(1, words / 250) * 100) / 100,
      },
    };
  }

  #meta(el: LolElement): void {
    const key = el.getAttribute("property") ?? el.getAttribute("name");
    if (key === "og:title") this.#ogTitle = decodeHTML(el.getAttribute("content") ?? "");
    else if (key === "description" || key === "og:description") {
      this.#description ??= clean(decodeHTML(el.getAttribute("content") ?? "")) || null;
    }
  }

  // HTML closes an open <p> when a block starts, and <li>/<td>/<tr> when a sibling
  // starts; lol-html reports those end tags only when an ancestor closes.
  #implicitClose(tag: string): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) return;
    if (
      (top.tag === "p" && BLOCKS.has(tag)) ||
      (top.tag === "li" && tag === "li") ||
      ((top.tag === "td" || top.tag === "th") && (tag === "td" || tag === "th" || tag === "tr")) ||
      ((top.tag === "dd" || top.tag === "dt") && (tag === "dd" || tag === "dt"))
    ) {
      this.#close(top);
    }
  }

  /** Pops the stack down to and including `frame` (if it is still open). */
  #close(frame: { tag: string; skip: boolean; container: Frame | null }): void {
    const index = this.#stack.lastIndexOf(frame);
    if (index < 0) return;
    while (this.#stack.length > index) {
      const top = this.#stack.pop()!;
      if (this.#skipDepth > 0) {
        if (top.skip) this.#skipDepth--;
        continue;
      }
      if (top.tag === "a") {
        this.#linkDepth = Math.max(0, this.#linkDepth - 1);
        continue;
      }
      if (BLOCKS.has(top.tag)) this.#flush();
      if (TEXT_BLOCKS.has(top.tag)) this.#kind = "div";
      if (top.container !== null) this.#container = top.container.parent ?? this.#root;
    }
  }

  #flush(): void {
    if (this.#buffer.length === 0) return;
    const raw = this.#buffer.join("");
    const linkRatio = raw.length > 0 ? this.#bufferLink / raw.length : 0;
    this.#buffer = [];
    this.#bufferLink = 0;
    const text = clean(raw.includes("&") ? decodeHTML(raw) : raw);
    if (text === "") return;
    const chain: Frame[] = [];
    for (let f: Frame | null = this.#container; f !== null; f = f.parent) chain.push(f);
    chain.reverse();
    this.#paragraphs.push({
      text,
      linkChars: Math.round(linkRatio * text.length),
      chain,
      kind: this.#kind,
    });
  }
}

function newFrame(tag: string, weight: number, parent: Frame | null): Frame {
  return { tag, weight, score: 0, textChars: 0, linkChars: 0, touched: false, parent };
}

function classAndId(el: LolElement): string {
  const cls = el.getAttribute("class");
  const id = el.getAttribute("id");
  if (cls === null) return id === null ? "" : id.toLowerCase();
  return (id === null ? cls : `${cls} ${id}`).toLowerCase();
}

function isBoilerplate(el: LolElement, tag: string): boolean {
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  const style = el.getAttribute("style");
  if (style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  if (tag === "body" || tag === "html" || tag === "main" || tag === "article") return false;
  if (el.getAttribute("itemprop") === "articleBody") return false;
  const names = classAndId(el);
  if (names === "") return false;
  const role = el.getAttribute("role");
  if (role === "navigation" || role === "complementary" || role === "banner") return true;
  if (POSITIVE.test(names) && !/comment|related|share|social|footer|promo/.test(names)) {
    return false;
  }
  for (const token of names.split(/[^a-z0-9]+/)) if (NEGATIVE_TOKENS.has(token)) return true;
  return NEGATIVE_FRAGMENTS.test(names);
}

function containerWeight(el: LolElement, tag: string): number {
  let weight = 0;
  if (tag === "article") weight += 10;
  if (tag === "main") weight += 5;
  if (el.getAttribute("itemprop") === "articleBody") weight += 30;
  const names = classAndId(el);
  if (names !== "" && POSITIVE.test(names)) weight += 25;
  return weight;
}

/** Picks the best-scoring container and returns its paragraphs (plus strong siblings). */
function select(paragraphs: readonly Paragraph[]): string {
  const touched: Frame[] = [];
  for (const p of paragraphs) {
    const len = p.text.length;
    for (const f of p.chain) {
      f.textChars += len;
      f.linkChars += p.linkChars;
    }
    if (len < 25) continue;
    let score = 1 + countCommas(p.text) + Math.min(Math.floor(len / 100), 3);
    score *= 1 - p.linkChars / len;
    for (let level = 0; level < 3; level++) {
      const f = p.chain[p.chain.length - 1 - level];
      if (f === undefined) break;
      if (!f.touched) {
        f.touched = true;
        f.score = f.weight;
        touched.push(f);
      }
      f.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  let top: Frame | null = null;
  let best = -Infinity;
  for (const f of touched) {
    const density = f.textChars > 0 ? f.linkChars / f.textChars : 0;
    const score = f.score * (1 - density);
    if (score > best) {
      best = score;
      top = f;
    }
  }
  if (top === null) {
    return paragraphs.filter((p) => p.linkChars / p.text.length < 0.5).map((p) => p.text)
      .join("\n\n");
  }
  const threshold = Math.max(10, best * 0.2);
  const parent = top.parent;
  const included = new Set<Frame>([top]);
  if (parent !== null) {
    for (const f of touched) {
      if (
        f !== top && f.parent === parent && f.score * (1 - f.linkChars / f.textChars) >= threshold
      ) {
        included.add(f);
      }
    }
  }
  const out: string[] = [];
  for (const p of paragraphs) {
    const len = p.text.length;
    const density = p.linkChars / len;
    let inside = false;
    for (const f of p.chain) {
      if (included.has(f)) {
        inside = true;
        break;
      }
    }
    if (!inside) {
      // Loose paragraphs directly beside the top container, as Readability keeps them.
      const home = p.chain[p.chain.length - 1];
      if (!(home === parent && len > 80 && density < 0.25)) continue;
    }
    if (density > 0.5) continue;
    out.push(p.text);
  }
  return out.join("\n\n");
}

function countCommas(text: string): number {
  let n = 0;
  for (let i = text.indexOf(","); i >= 0; i = text.indexOf(",", i + 1)) n++;
  return n;
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

function countWords(text: string): number {
  return text === "" ? 0 : text.split(/\s+/).filter(Boolean).length;
}
