/**
 * The `wasm` strategy's scanner: reads the markup lol-html streams out, skips hidden and
 * boilerplate-named elements, cuts the rest into paragraphs at block boundaries with
 * their link text and the container each sits in, and renders kept paragraphs as
 * Markdown.
 *
 * @module
 */

import { decodeHTML } from "entities";
import type { ExtractOutput } from "../extract.ts";
import { countWords } from "../_words.ts";
import { escapeMarkdown, escapeParagraph, fencedCode } from "../_markdown_text.ts";
import {
  type Attributes,
  isBoilerplateName,
  isNameChar,
  POSITIVE,
  readAttributes,
  tagEnd,
  VOID,
} from "./_wasm_markup.ts";
import { clean, select } from "./_wasm_pick.ts";

/** Text kept at most per page (characters); the rest of the page is still parsed. */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longest tag the scanner carries over between output chunks; longer ones are dropped. */
const MAX_TAG_CHARS = 256 * 1024;

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

export interface Frame {
  tag: string;
  /** Container hint weight (content-like class names, tag hints). */
  weight: number;
  /** How many containers from the root to this one (itself included) have a boilerplate-looking class or id. */
  suspect: number;
  parent: Frame | null;
}

export interface Paragraph {
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
  /** Whether it, or an element open around it, is a `blockquote`. */
  quoted: boolean;
  /** The innermost list (`ul`, `ol`) open at or around it, `""` outside any. */
  list: string;
}

/** The end of a comment. */
const COMMENT_END = /-->/g;
/** The end of the title (its raw text may hold "<"). */
const TITLE_END = /<\/title/gi;
/** Attributes that may hide an element or mark it as chrome (a cheap first look). */
const MAYBE_HIDDEN = /hidden|role|display/i;
/** Most elements open inside a skipped element that the scanner tracks. */
const MAX_SKIP_DEPTH = 1024;

export class Collector {
  #stack: OpenElement[] = [];
  /** How many elements of each name {@link #stack} holds: a stray end tag looks no further. */
  #openCount = new Map<string, number>();
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
    // What the Markdown reads of the elements around (see #markup), kept on each element
    // as it opens: a walk of the whole stack per paragraph was quadratic on markup that
    // never closes its tags.
    const around = this.#stack[this.#stack.length - 1];
    this.#openCount.set(tag, (this.#openCount.get(tag) ?? 0) + 1);
    this.#stack.push({
      tag,
      container: frame,
      quoted: tag === "blockquote" || (around?.quoted ?? false),
      list: tag === "ul" || tag === "ol" ? tag : around?.list ?? "",
    });
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
    // An end tag of no open element (a template's stray "</div>"s under deep nesting)
    // is passed over without a walk of the whole stack.
    if (!this.#openCount.get(tag)) return;
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
    this.#openCount.set(top.tag, this.#openCount.get(top.tag)! - 1);
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
    const top = this.#stack[this.#stack.length - 1];
    if (top?.quoted) out.quoted = true;
    const list = top?.list ?? "";
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
