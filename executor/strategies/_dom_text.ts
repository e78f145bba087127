/**
 * Block-aware text of a linkedom node, shared by the css and regex strategies.
 * `textContent` glues `<p>a</p><p>b</p>` into "ab" and keeps script bodies;
 * this walker separates blocks and skips what a reader never sees.
 *
 * @module
 */

/** Elements whose content is never page text. */
const SKIPPED = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "HEAD",
  "SVG",
  "IFRAME",
  "OBJECT",
  "CANVAS",
  "TITLE",
]);

/** Elements that start a new block (paragraph) of text. */
export const BLOCKS: ReadonlySet<string> = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "BODY",
  "CAPTION",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "SUMMARY",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);

/** The slice of the DOM node interface the walker needs (linkedom or browser). */
export interface TextNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextNode>;
}

/** Options of {@linkcode nodeText}. */
export interface NodeTextOptions {
  /** Keep blocks as paragraphs separated by a blank line (default: one line, blocks joined by a space). */
  paragraphs?: boolean;
  /** Extra upper-case tag names to skip with their content (e.g. `NAV`). */
  skip?: ReadonlySet<string>;
}

const BREAK = "\u0000";
const LINE = "\u0001";

/**
 * The visible text of a node: whitespace collapsed, blocks separated by a
 * space (or a blank line with `paragraphs`), script/style/template/title
 * inside it skipped.
 * Walks with an explicit stack, so deeply nested malformed pages cannot
 * overflow the call stack.
 */
export function nodeText(node: TextNode, options: NodeTextOptions = {}): string {
  const parts: string[] = [];
  // Stack entries: a node to visit, or a break marker to emit after a block.
  const stack: (TextNode | typeof BREAK)[] = [node];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === BREAK) {
      parts.push(BREAK);
      continue;
    }
    if (item.nodeType === 3) {
      parts.push(item.nodeValue ?? "");
      continue;
    }
    if (item.nodeType !== 1 && item.nodeType !== 9 && item.nodeType !== 11) continue;
    const name = item.nodeName.toUpperCase();
    // The node asked for is never skipped: selecting a <title> or <script> wants its text.
    if (item !== node && (SKIPPED.has(name) || options.skip?.has(name))) continue;
    if (name === "BR") {
      parts.push(options.paragraphs ? LINE : " ");
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) {
      parts.push(BREAK);
      stack.push(BREAK);
    }
    const children = item.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  const blocks = parts.join("").split(BREAK);
  const out: string[] = [];
  for (const block of blocks) {
    if (options.paragraphs) {
      for (const line of block.split(LINE)) {
        const text = collapse(line);
        if (text !== "") out.push(text);
      }
    } else {
      const text = collapse(block);
      if (text !== "") out.push(text);
    }
  }
  return out.join(options.paragraphs ? "\n\n" : " ");
}

/**
 * Collapses runs of white space (non-breaking spaces among them) to one space and trims; no
 * text (an element's `textContent` of `null`) is the empty string.
 */
export function collapse(text: string | null): string {
  if (text === null || text === undefined) return "";
  // Most texts a stage reads (a link's, a label's) are already collapsed: they are returned
  // as they are, without building a copy.
  return isCollapsed(text) ? text : text.replace(/\s+/g, " ").trim();
}

/**
 * Whether {@link collapse} leaves `text` as it is: its only white space is single spaces
 * between other characters.
 */
function isCollapsed(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === last || text.charCodeAt(i + 1) === 32) return false;
    } else if (isSpace(c)) return false;
  }
  return true;
}

/** Whether a UTF-16 code unit is white space as `\s` (and `trim()`) read it. */
export function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 ||
      c === 0xfeff);
}

/** Whether text a reader sees sits directly inside `el`, beside its child elements. */
export function holdsOwnText(el: Element): boolean {
  for (const n of el.childNodes) {
    if (n.nodeType === 3 && (n.textContent ?? "").trim() !== "") return true;
  }
  return false;
}

/** Replaces an element by one of another tag with its attributes and children. */
export function retag(el: Element, tag: string): void {
  const twin = el.ownerDocument.createElement(tag);
  for (const { name, value } of [...el.attributes]) twin.setAttribute(name, value);
  while (el.firstChild) twin.appendChild(el.firstChild);
  el.replaceWith(twin);
}
