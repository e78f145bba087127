/**
 * HTML → Markdown for extracted content: headings, paragraphs, lists (nested),
 * links, emphasis, inline code, code blocks, blockquotes, tables and images.
 * Works on a linkedom (or any DOM) element, or parses an HTML string itself.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { escapeMarkdown as escapeText, fencedCode } from "./_markdown_text.ts";
import { capDepth } from "./_dom_depth.ts";

/** Options for {@linkcode htmlToMarkdown}. */
export interface MarkdownOptions {
  /** Resolves relative link and image URLs against this URL. */
  baseUrl?: string;
}

const SKIP = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "HEAD",
  "SVG",
  "IFRAME",
  "OBJECT",
  "CANVAS",
  "BUTTON",
  "SELECT",
  "TEXTAREA",
  "INPUT",
]);

const BLOCKS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BODY",
  "CENTER",
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
  "HEADER",
  "HTML",
  "MAIN",
  "NAV",
  "P",
  "SECTION",
  "SUMMARY",
]);

function resolveUrl(href: string, base: string | undefined): string {
  if (base === undefined) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

class Converter {
  #base: string | undefined;
  constructor(base: string | undefined) {
    this.#base = base;
  }

  /** Converts children to block Markdown: blocks separated by blank lines. */
  blocks(el: Element): string {
    const out: string[] = [];
    let inline = "";
    const flush = (): void => {
      const t = inline.replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();
      if (t !== "") out.push(t);
      inline = "";
    };
    for (const node of el.childNodes) {
      if (node.nodeType === 3) {
        inline += escapeText((node.nodeValue ?? "").replace(/\s+/g, " "));
        continue;
      }
      if (node.nodeType !== 1) continue;
      const child = node as Element;
      const block = this.block(child);
      if (block === null) {
        inline += this.inline(child);
      } else {
        flush();
        if (block !== "") out.push(block);
      }
    }
    flush();
    return out.join("\n\n");
  }

  /** Block Markdown for a block element, or null when the element is inline. */
  block(el: Element): string | null {
    const tag = el.tagName;
    if (SKIP.has(tag)) return "";
    const h = /^H([1-6])$/.exec(tag);
    if (h) {
      const text = this.inlineChildren(el).trim();
      return text === "" ? "" : `${"#".repeat(Number(h[1]))} ${text}`;
    }
    switch (tag) {
      case "UL":
      case "OL":
        return this.list(el, 0);
      case "PRE":
        return this.pre(el);
      case "BLOCKQUOTE": {
        const inner = this.blocks(el);
        return inner === "" ? "" : inner.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n");
      }
      case "TABLE":
        return this.table(el);
      case "HR":
        return "---";
    }
    if (BLOCKS.has(tag)) return this.blocks(el);
    return null;
  }

  pre(el: Element): string {
    const code = el.querySelector("code");
    const cls = `${code?.getAttribute("class") ?? ""} ${el.getAttribute("class") ?? ""}`;
    const lang = /(?:language|lang)-([\w+#-]+)/.exec(cls)?.[1] ?? "";
    const text = (el.textContent ?? "").replace(/^\n/, "").replace(/\s+$/, "");
    return fencedCode(text, lang);
  }

  list(el: Element, depth: number): string {
    const ordered = el.tagName === "OL";
    let n = Number(el.getAttribute("start") ?? "1") || 1;
    const items: string[] = [];
    for (const li of el.children) {
      if (li.tagName !== "LI") continue;
      const marker = ordered ? `${n}. ` : "- ";
      const indent = " ".repeat(marker.length);
      const parts: string[] = [];
      let inline = "";
      for (const node of li.childNodes) {
        if (node.nodeType === 1) {
          const c = node as Element;
          if (c.tagName === "UL" || c.tagName === "OL") {
            parts.push(inline.trim());
            inline = "";
            parts.push(this.list(c, depth + 1));
            continue;
          }
          const b = this.block(c);
          if (b !== null) {
            if (inline.trim() !== "") parts.push(inline.trim());
            inline = "";
            if (b !== "") parts.push(b);
            continue;
          }
          inline += this.inline(c);
        } else if (node.nodeType === 3) {
          inline += escapeText((node.nodeValue ?? "").replace(/\s+/g, " "));
        }
      }
      if (inline.trim() !== "") parts.push(inline.trim());
      const body = parts.filter((p) => p !== "").join("\n").replace(/[ \t]+/g, " ");
      // An empty item (a placeholder, an icon) would be a bare marker.
      if (body.trim() === "") continue;
      const lines = body.split("\n");
      n++;
      items.push(
        marker + (lines[0] ?? "") +
          lines.slice(1).map((l) => `\n${l === "" ? "" : indent + l}`).join(""),
      );
    }
    return items.join("\n");
  }

  table(el: Element): string {
    const rows: string[][] = [];
    let headerRow = -1;
    for (const tr of el.querySelectorAll("tr")) {
      if (tr.closest("table") !== el) continue;
      const cells = [...tr.children].filter((c) => c.tagName === "TD" || c.tagName === "TH");
      if (cells.length === 0) continue;
      if (headerRow < 0 && rows.length === 0 && cells.every((c) => c.tagName === "TH")) {
        headerRow = 0;
      }
      rows.push(
        cells.map((c) => this.inlineChildren(c).replace(/\s+/g, " ").trim().replace(/\|/g, "\\|")),
      );
    }
    if (rows.length === 0) return "";
    const width = Math.max(...rows.map((r) => r.length));
    const pad = (r: string[]): string[] => [...r, ...Array(width - r.length).fill("")];
    const head = headerRow === 0 ? pad(rows[0] ?? []) : Array(width).fill("");
    const body = headerRow === 0 ? rows.slice(1) : rows;
    const line = (r: string[]): string => `| ${r.join(" | ")} |`;
    return [line(head), line(Array(width).fill("---")), ...body.map((r) => line(pad(r)))].join(
      "\n",
    );
  }

  inlineChildren(el: Element): string {
    let s = "";
    for (const node of el.childNodes) {
      if (node.nodeType === 3) s += escapeText((node.nodeValue ?? "").replace(/\s+/g, " "));
      else if (node.nodeType === 1) s += this.inline(node as Element);
    }
    return s;
  }

  inline(el: Element): string {
    const tag = el.tagName;
    if (SKIP.has(tag)) return "";
    switch (tag) {
      case "BR":
        return "\n";
      case "STRONG":
      case "B":
        return wrap(this.inlineChildren(el), "**");
      case "EM":
      case "I":
        return wrap(this.inlineChildren(el), "_");
      case "DEL":
      case "S":
      case "STRIKE":
        return wrap(this.inlineChildren(el), "~~");
      case "CODE":
      case "KBD":
      case "SAMP": {
        const t = el.textContent ?? "";
        if (t === "") return "";
        const tick = t.includes("`") ? "``" : "`";
        return tick === "``" ? `\`\` ${t} \`\`` : `\`${t}\``;
      }
      case "A": {
        const text = this.inlineChildren(el).replace(/\s+/g, " ").trim();
        const href = el.getAttribute("href");
        if (href === null || href === "" || href.startsWith("javascript:")) return text;
        if (text === "") return "";
        return `[${text}](${resolveUrl(href, this.#base).replace(/[()\s]/g, encodeURIComponent)})`;
      }
      case "IMG": {
        const src = el.getAttribute("src");
        if (src === null || src === "" || src.startsWith("data:")) return "";
        const alt = (el.getAttribute("alt") ?? "").replace(/[[\]]/g, "");
        return `![${alt}](${resolveUrl(src, this.#base).replace(/[()\s]/g, encodeURIComponent)})`;
      }
    }
    const b = this.block(el);
    if (b !== null) return b === "" ? "" : `\n\n${b}\n\n`;
    return this.inlineChildren(el);
  }
}

function wrap(inner: string, mark: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead = "", core = "", trail = ""] = m ?? [];
  return core === "" ? inner : `${lead}${mark}${core}${mark}${trail}`;
}

/**
 * Converts HTML (a string or a DOM element) to Markdown.
 *
 * @example
 * ```ts
 * import { htmlToMarkdown } from "./_markdown.ts";
 * htmlToMarkdown("<h2>Hi</h2><p>A <a href='/x'>link</a></p>", { baseUrl: "https://e.com/" });
 * // "## Hi\n\nA [link](https://e.com/x)"
 * ```
 */
export function htmlToMarkdown(input: string | Element, options: MarkdownOptions = {}): string {
  let root: Element;
  if (typeof input === "string") {
    const { document } = parseHTML(`<!doctype html><html><body>${input}</body></html>`);
    capDepth(document);
    root = document.body as unknown as Element;
  } else {
    root = input;
  }
  const c = new Converter(options.baseUrl);
  const out = c.block(root) ?? c.blocks(root);
  return out.replace(/\n{3,}/g, "\n\n").trim();
}
