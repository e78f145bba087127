/**
 * The `css` strategy: named CSS selectors, the text of every match.
 *
 * `options.selectors` maps a field name to a selector; the result has
 * `fields: {name: [text of each match…]}` (trimmed, whitespace collapsed,
 * empty matches dropped) and `content` is the first field's texts joined by a
 * blank line. Without selectors, presets give `body` (the article body:
 * `[itemprop=articleBody]`, `article`, `main`, `[role=main]`, else `<body>`,
 * navigation and other chrome removed), `title` and `headline` (`h1`).
 *
 * With `options.markdown`, `markdown` is the Markdown of the same elements
 * `content` comes from (the first field's matches, or the preset body without
 * its chrome), one block per match, links resolved against the page URL.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { UsageError } from "@riptide/core/base";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { htmlToMarkdown } from "../_markdown.ts";
import { capDepth } from "../_dom_depth.ts";
import { collapse, nodeText, type TextNode } from "./_dom_text.ts";

/** The selectors used when none are given; `body` is resolved specially (first container that matches). */
export const PRESET_SELECTORS: Readonly<Record<string, string>> = {
  body: "[itemprop=articleBody], article, main, [role=main], body",
  title: "title",
  headline: "h1",
};

/** Containers tried in order for the `body` preset; the first that matches wins. */
const BODY_CONTAINERS = ["[itemprop=articleBody]", "article", "main", "[role=main]", "body"];

/** Page chrome dropped from the `body` preset's text. */
const BODY_SKIP: ReadonlySet<string> = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM"]);

interface QueryRoot {
  querySelectorAll(selector: string): ArrayLike<unknown>;
  querySelector(selector: string): unknown;
}

/** The elements `content` comes from, for the Markdown. */
type Sources = Element[];

let probe: QueryRoot | undefined;

/**
 * Checks that a CSS selector parses, as the css strategy will use it.
 * Loads the HTML library (linkedom), so the CLI calls it only at submit time.
 *
 * @throws {UsageError} when the selector is empty or does not parse, e.g.
 * `Invalid CSS selector "a[": Expected name, found`.
 *
 * @example
 * ```ts
 * import { validateSelector } from "@riptide/executor/validate";
 * validateSelector("article p"); // ok
 * ```
 */
export function validateSelector(selector: string): void {
  if (selector.trim() === "") {
    throw new UsageError(`Invalid CSS selector "${selector}": it is empty`);
  }
  // css-select accepts a dangling combinator and then matches nothing; reject it here.
  if (/[>+~,]\s*$/.test(selector)) {
    throw new UsageError(`Invalid CSS selector "${selector}": it ends with a combinator`);
  }
  probe ??= parseHTML("<html><body><p></p></body></html>").document as unknown as QueryRoot;
  try {
    probe.querySelectorAll(selector);
  } catch (err) {
    const reason = collapse(err instanceof Error ? err.message : String(err));
    throw new UsageError(`Invalid CSS selector "${selector}": ${reason}`, { cause: err });
  }
}

/**
 * Extracts the text of every element matching each named selector.
 * A selector that does not parse fails the page with a one-line message
 * (the CLI normally rejects it at submit time).
 */
export function extractCss(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  try {
    return Promise.resolve(extractCssSync(page, options));
  } catch (err) {
    return Promise.reject(err);
  }
}

function extractCssSync(page: Page, options: ExtractOptions): ExtractOutput {
  const { document } = parseHTML(page.html);
  capDepth(document);
  const root = document as unknown as QueryRoot;
  const given = options.selectors !== undefined && Object.keys(options.selectors).length > 0;
  const fields: Record<string, string[]> = {};
  let sources: Sources = [];
  if (given) {
    for (const [name, selector] of Object.entries(options.selectors!)) {
      validateSelector(selector);
      const matched: Sources = [];
      fields[name] = matchTexts(root, selector, matched);
      if (sources.length === 0 && Object.keys(fields).length === 1) sources = matched;
    }
  } else {
    fields.body = presetBody(root, sources);
    fields.title = matchTexts(root, PRESET_SELECTORS.title!);
    fields.headline = matchTexts(root, PRESET_SELECTORS.headline!);
  }
  const first = Object.values(fields)[0] ?? [];
  const content = first.join("\n\n");
  const names = Object.keys(fields);
  const found = names.filter((n) => fields[n]!.length > 0).length;
  return {
    content,
    fields,
    ...(options.markdown
      ? { markdown: markdownOf(document as unknown as Document, sources, page, !given) }
      : {}),
    metadata: {
      title: pageTitle(root),
      quality_score: names.length === 0 ? 0 : Math.round((found / names.length) * 100) / 100,
    },
  };
}

/** The texts of the non-empty matches of `selector`; the matched elements go to `sources`. */
function matchTexts(root: QueryRoot, selector: string, sources?: Sources): string[] {
  const out: string[] = [];
  const matches = root.querySelectorAll(selector);
  for (let i = 0; i < matches.length; i++) {
    const text = nodeText(matches[i] as TextNode);
    if (text === "") continue;
    out.push(text);
    sources?.push(matches[i] as Element);
  }
  return out;
}

/** The preset body's text; its container goes to `sources` (the document for a bare fragment). */
function presetBody(root: QueryRoot, sources: Sources): string[] {
  for (const selector of BODY_CONTAINERS) {
    const el = root.querySelector(selector);
    if (el === null || el === undefined) continue;
    const text = nodeText(el as TextNode, { paragraphs: true, skip: BODY_SKIP });
    if (text !== "") {
      sources.push(el as Element);
      return [text];
    }
  }
  // linkedom parses a bare fragment ("<p>x</p>") without creating a <body>.
  const text = nodeText(root as unknown as TextNode, { paragraphs: true, skip: BODY_SKIP });
  if (text === "") return [];
  sources.push(root as unknown as Element);
  return [text];
}

/**
 * Markdown of the elements `content` comes from, one block each. Each is
 * copied into a holder, so a matched inline element (a link) keeps its own
 * markup, and for the preset body the chrome `content` leaves out is removed.
 */
function markdownOf(document: Document, sources: Sources, page: Page, preset: boolean): string {
  const baseUrl = page.finalUrl || page.url;
  const blocks: string[] = [];
  for (const source of sources) {
    const holder = document.createElement("div");
    // A bare fragment's document: its children (linkedom makes no <body> for one).
    const nodes = source.nodeType === 9 ? [...source.childNodes] : [source];
    for (const node of nodes) holder.appendChild(node.cloneNode(true));
    if (preset) {
      for (const chrome of holder.querySelectorAll([...BODY_SKIP].join(", ").toLowerCase())) {
        chrome.remove();
      }
    }
    const md = htmlToMarkdown(holder, { baseUrl });
    if (md !== "") blocks.push(md);
  }
  return blocks.join("\n\n");
}

function pageTitle(root: QueryRoot): string | null {
  const og = root.querySelector('meta[property="og:title"]') as
    | { getAttribute(name: string): string | null }
    | null;
  const fromOg = collapse(og?.getAttribute("content") ?? "");
  if (fromOg !== "") return fromOg;
  const title = root.querySelector("title") as TextNode | null;
  const text = title === null ? "" : nodeText(title);
  return text === "" ? null : text;
}
