/**
 * The `auto` strategy: main-content extraction.
 *
 * Three stages, all on one linkedom DOM:
 * 1. boilerplate removal on the whole page — hidden elements, chrome (nav, forms,
 *    captions, share bars, bylines, related-article lists, comments, newsletter boxes)
 *    recognised by tag, ARIA role, `class`/`id` words and link density, each guarded so
 *    that a container holding most of the page's paragraph text is never removed;
 * 2. a Readability-style candidate scorer (Readability.js, given the cleaned page)
 *    picks the main content block and its siblings;
 * 3. a second boilerplate pass inside the chosen block (link lists, "read more"
 *    teasers, bylines and datelines, the repeated headline) and block-aware text
 *    rendering that keeps paragraphs, headings and list items as paragraphs.
 *
 * No rule names a site or a host: every signal is a general property of page chrome.
 *
 * @module
 */

import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import type { ExtractOptions, ExtractOutput, Page } from "../extract.ts";
import { htmlToMarkdown } from "../_markdown.ts";
import { capDepth } from "../_dom_depth.ts";
import { extractMetadata, type PageMetadata } from "./_metadata.ts";
import { BLOCKS } from "./_dom_text.ts";
import { countWords } from "../_words.ts";
import { detectPageType } from "./_page_type.ts";
import { type DeclaredKind, structuredContent } from "./_structured.ts";
import { ATTRIBUTION_ATTR, POST_BODY_ATTR, segmentThread } from "./_thread.ts";
import {
  controlledIds,
  declaresProduct,
  dropProductGrids,
  dropRepeatedBlocks,
  isCollapsedPanel,
} from "./_product.ts";
import type { PageType } from "@riptide/core";
import { Cards, isItemMeta, isQuotation } from "./_listing.ts";

/** Elements dropped from the whole page before scoring. */
const DROP_TAGS = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "object",
  "embed",
  "video",
  "audio",
  "picture",
  "img",
  "figcaption",
  "button",
  "select",
  "textarea",
  "input",
  "label",
  "nav",
  "dialog",
  "menu",
  "link",
  "meta",
];

/** ARIA roles that mark page chrome. */
const CHROME_ROLES = new Set([
  "navigation",
  "banner",
  "contentinfo",
  "complementary",
  "search",
  "dialog",
  "alertdialog",
  "menu",
  "menubar",
  "toolbar",
  "tablist",
]);

/**
 * Words in `class`/`id` that mark boilerplate. Matched against whole words after
 * splitting on `-`, `_`, spaces and camelCase, so "related-posts" and "shareBar" match
 * but "contentshared" does not.
 */
const BOILERPLATE_WORDS = new Set([
  "ad",
  "ads",
  "advert",
  "advertisement",
  "advertising",
  "author",
  "authors",
  "banner",
  "bio",
  "breadcrumb",
  "breadcrumbs",
  "byline",
  "bylines",
  "caption",
  "captions",
  "comment",
  "comments",
  "consent",
  "cookie",
  "cookies",
  "credit",
  "credits",
  "dateline",
  "disqus",
  "footer",
  "gdpr",
  "masthead",
  "modal",
  "newsletter",
  "newsletters",
  "outbrain",
  "paywall",
  "popular",
  "popup",
  "promo",
  "promotion",
  "recirc",
  "recommended",
  "recommendations",
  "related",
  "share",
  "sharing",
  "sharebar",
  "sidebar",
  "signup",
  "social",
  "sponsor",
  "sponsored",
  "suggested",
  "subscribe",
  "subscription",
  "taboola",
  "tags",
  "timestamp",
  "toolbar",
  "trending",
]);

/** Words that keep an element even when a boilerplate word also matches. */
const CONTENT_WORDS = new Set(["body", "content", "article", "story", "entry", "main"]);

/** Words in `class`/`id` that mark media blocks; with little text they are captions and credits. */
const MEDIA_WORDS = new Set([
  "image",
  "images",
  "img",
  "photo",
  "photos",
  "picture",
  "media",
  "gallery",
  "thumbnail",
  "slideshow",
  "carousel",
  "video",
  "player",
  "embed",
]);

// The text walker's blocks, plus the table sections and <center> that auto
// also breaks paragraphs at.
const BLOCK_TAGS: ReadonlySet<string> = new Set([...BLOCKS, "CENTER", "TBODY", "TFOOT", "THEAD"]);

function words(el: Element): string[] {
  const raw = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (raw.trim() === "") return [];
  const out: string[] = [];
  for (const name of raw.split(/\s+/)) {
    const ws = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(
      Boolean,
    );
    // A modifier says what an element has or lacks, not what it is: "has-sidebar" on
    // a layout wrapper, "hide-read-more-ad" on a grid of stories.
    if (!MODIFIER_HEADS.has(ws[0] ?? "")) out.push(...ws);
  }
  return out;
}

/** First words of class names that describe what an element has, lacks or hides. */
const MODIFIER_HEADS: ReadonlySet<string> = new Set(["has", "no", "hide", "with", "without"]);

function textLength(el: Element): number {
  return (el.textContent ?? "").replace(/\s+/g, " ").trim().length;
}

function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll("a")) n += textLength(a);
  return n;
}

/** Share of an element's text that sits inside links (0 when it has no text). */
function linkDensity(el: Element): number {
  const total = textLength(el);
  return total === 0 ? 0 : Math.min(1, linkTextLength(el) / total);
}

/**
 * Prose mass: the length of long text runs outside links. Article sentences make long
 * text nodes whatever the markup (`<p>`, `<div>` + `<br>`, `<td>`); menus, dates and
 * names make short ones. A removal must not take a large share of it.
 */
function proseMass(root: Node): number {
  let n = 0;
  for (const child of root.childNodes) {
    if (child.nodeType === 3) {
      const t = (child.nodeValue ?? "").trim();
      if (t.length >= 40) n += t.length;
    } else if (child.nodeType === 1 && (child as Element).tagName !== "A") {
      n += proseMass(child);
    }
  }
  return n;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute("hidden")) return true;
  if (el.getAttribute("aria-hidden") === "true" && textLength(el) < 200) return true;
  const style = (el.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}

function isMediaBlock(el: Element): boolean {
  // Table rows and list items carry data ("player" in a sports table), not media.
  if (!/^(DIV|SPAN|P|SECTION|CENTER|A)$/.test(el.tagName)) return false;
  const ws = words(el);
  if (ws.length === 0 || !ws.some((w) => MEDIA_WORDS.has(w))) return false;
  if (ws.some((w) => CONTENT_WORDS.has(w))) return false;
  return textLength(el) < 300;
}

/** Removes image captions: short emphasised text right after an image. */
function removeCaptions(body: Element): void {
  for (const img of body.querySelectorAll("img")) {
    const next = img.nextElementSibling;
    if (next === null) continue;
    if (!/^(CENTER|SMALL|EM|I|FONT|CITE)$/.test(next.tagName)) continue;
    if (textLength(next) < 250) next.remove();
  }
}

function isBoilerplateByName(
  el: Element,
  allowed: ReadonlySet<string>,
  extra: ReadonlySet<string> = NO_WORDS,
): boolean {
  const ws = words(el);
  if (ws.length === 0) return false;
  // A page type's own chrome words name one thing ("entry-signature" is a signature).
  if (ws.some((w) => extra.has(w))) return true;
  let bad = false;
  for (const w of ws) {
    if (CONTENT_WORDS.has(w)) return false;
    if (BOILERPLATE_WORDS.has(w) && !allowed.has(w)) bad = true;
  }
  // "skip" names skip links ("skip to content"), and also the targets they jump to
  // (`id="skip-to-products"` on a product grid): only short blocks are the links.
  if (!bad && ws.includes("skip")) bad = textLength(el) < 100;
  return bad;
}

/** On a thread the comments are the content. */
const THREAD_WORDS: ReadonlySet<string> = new Set(["comment", "comments", "author", "bio"]);
/**
 * On a thread, the signature each member appends to every post is the member's, not the
 * post's (elsewhere "sig" and "signature" name a function's signature in documentation).
 */
const THREAD_CHROME_WORDS: ReadonlySet<string> = new Set(["signature", "signatures"]);
const NO_WORDS: ReadonlySet<string> = new Set();
/** On a page of items, blocks of further items ("popular", "recommended") are items too. */
const ITEM_WORDS: ReadonlySet<string> = new Set([
  "popular",
  "promo",
  "promotion",
  "recirc",
  "recommendations",
  "recommended",
  "related",
  "sidebar",
  "suggested",
  "trending",
]);

/** Text that is a serialized data object, left visible by a script-driven page. */
function isDataBlob(el: Element): boolean {
  if (el.firstElementChild !== null) return false;
  const t = (el.textContent ?? "").trim();
  return t.length >= 20 && /^(\{\s*"|\[\s*[{"\[])/.test(t) && /[}\]]$/.test(t);
}

/** Removes page chrome from the whole document, never a container of most of the text. */
export function removeBoilerplate(body: Element, pageType: PageType = "article"): void {
  const allowed = pageType === "forum"
    ? THREAD_WORDS
    : (pageType === "listing" || pageType === "collection")
    ? ITEM_WORDS
    : NO_WORDS;
  // Captions and credits around an article's pictures are chrome; on pages made of
  // items (listings, shops, docs) a "video" or "gallery" card is an item.
  const itemsPage = pageType === "listing" || pageType === "collection";
  const itemsOrOther = itemsPage || pageType === "other";
  const mediaIsChrome = ROUTES[pageType] !== "region";
  removeCaptions(body);
  // A shop's filters (labels of facets with their counts) are part of a collection.
  const drop = pageType === "collection" ? DROP_TAGS.filter((t) => t !== "label") : DROP_TAGS;
  for (const el of body.querySelectorAll(drop.join(","))) el.remove();
  const total = proseMass(body);
  const bodyText = textLength(body);
  // A removal may take at most this much paragraph text.
  const limit = Math.max(200, total * 0.25);
  const all = [...body.querySelectorAll("*")];
  const heading = pageHeading(body);
  const cards = itemsPage ? new Cards(all) : null;
  // A product's folded tabs and accordions are its description and specifications.
  const controlled = pageType === "product" ? controlledIds(body) : null;
  for (const el of all) {
    if (!el.isConnected) continue;
    const tag = el.tagName;
    if (tag === "BODY" || tag === "HTML" || tag === "ARTICLE" || tag === "MAIN") continue;
    const role = el.getAttribute("role");
    const chrome = (isHidden(el) &&
      !(controlled !== null && isCollapsedPanel(el, controlled) && linkDensity(el) < 0.5)) ||
      (role !== null && CHROME_ROLES.has(role)) ||
      // Forums and comment systems wrap each post in a form: a form is chrome when it
      // holds little prose (search boxes, sign-ups, filters) and no post's body (a
      // one-line reply is short).
      (tag === "FORM" && proseMass(el) < 300 && pageType !== "collection" &&
        el.querySelector(`[${POST_BODY_ATTR}]`) === null) ||
      tag === "FOOTER" ||
      tag === "ASIDE" ||
      tag === "HEADER" ||
      (tag === "FIGURE" && !isQuotation(el, words(el))) ||
      (isBoilerplateByName(el, allowed, pageType === "forum" ? THREAD_CHROME_WORDS : NO_WORDS) &&
        !(itemsPage && (isRepeatedItem(el) || (cards !== null && cards.isCard(el)))) &&
        !(pageType === "listing" && isItemMeta(words(el)) && cards !== null && cards.inCard(el))) ||
      (mediaIsChrome && isMediaBlock(el) &&
        !(itemsOrOther && inRepeatedItem(el))) ||
      (tag !== "PRE" && tag !== "CODE" && isDataBlob(el));
    if (!chrome) continue;
    if (proseMass(el) > limit && !isOverlay(el, heading) && !isSignature(el, pageType)) continue;
    // A page hidden until its scripts run (an age gate, a "lockdown" wrapper) is still
    // the page: a hidden element holding most of its text or its heading stays.
    if (
      isHidden(el) &&
      (textLength(el) > 0.5 * bodyText || (heading !== null && el.contains(heading)))
    ) continue;
    el.remove();
  }
}

/**
 * A member's signature on a thread: chrome however long it is next to a short thread,
 * unless it wraps a post's body.
 */
function isSignature(el: Element, pageType: PageType): boolean {
  return pageType === "forum" && words(el).some((w) => THREAD_CHROME_WORDS.has(w)) &&
    el.querySelector(`[${POST_BODY_ATTR}]`) === null;
}

/**
 * One of a run of like siblings (same tag, same first class), as the cards of a product
 * grid are: a card named "subscription-eligible" is an item, not a sign-up box.
 */
function isRepeatedItem(start: Element): boolean {
  // A card is often the only child of the repeated element (`<li><div class=card>`).
  let el = start;
  for (let i = 0; i < 3 && el.parentElement?.children.length === 1; i++) el = el.parentElement;
  const parent = el.parentElement;
  if (parent === null || parent.children.length < 4) return false;
  const cls = (el.getAttribute("class") ?? "").split(/\s+/)[0] ?? "";
  let like = 0;
  for (const sib of parent.children) {
    if (
      sib.tagName === el.tagName &&
      ((sib.getAttribute("class") ?? "").split(/\s+/)[0] ?? "") === cls
    ) like++;
  }
  return like >= 4;
}

/** Inside one of a run of like siblings, up to four levels up (a video card in a product grid). */
function inRepeatedItem(el: Element): boolean {
  let at: Element | null = el;
  for (let i = 0; i < 5 && at !== null; i++, at = at.parentElement) {
    if (isRepeatedItem(at)) return true;
  }
  return false;
}

/** Words in `class`/`id` of overlays that are never content, however much text they hold. */
const OVERLAY_WORDS = new Set(["cookie", "cookies", "consent", "gdpr"]);

/**
 * The page's own heading: its first `<h1>` that is not inside a dialog (a terms-of-use
 * modal has an `<h1>` of its own).
 */
function pageHeading(body: Element): Element | null {
  for (const h of body.querySelectorAll("h1")) {
    if (h.closest('[role=dialog],[role=alertdialog],[aria-modal="true"]') === null) return h;
  }
  return null;
}

/**
 * Consent banners and modal dialogs: chrome even when they hold more prose than the
 * rest of a page (a cookie policy on a short listing, terms of use in a modal), unless
 * they hold the page's heading or main element.
 */
function isOverlay(el: Element, heading: Element | null): boolean {
  const overlay = el.getAttribute("aria-modal") === "true" ||
    el.getAttribute("role") === "dialog" || el.getAttribute("role") === "alertdialog" ||
    words(el).some((w) => OVERLAY_WORDS.has(w));
  return overlay && el.querySelector("main,article") === null &&
    (heading === null || !el.contains(heading));
}

const TEASER =
  /^(read more|related|see also|more:|also read|read also|recommended|watch:|listen:|click here|sign up|subscribe|follow us|share this|advertisement|story continues below|continue reading)/i;

/** Wire-service credit lines and in-article promotions. */
const CREDIT_OR_PROMO =
  /^\(?(\w+ )?(reporting|writing|editing|compiled|additional reporting) by\b|contributed to this report\.?\)?$|^write to .{1,60} at \S+@|affiliate (links?|commissions?)\b|^if you (enjoyed|liked) this (article|story|post)|^(like|enjoyed) this (article|story|post)\?/i;

/** Interface labels that stand alone in a block (widget titles, buttons rendered as text). */
const UI_LABEL =
  /^(\d+\s+)?(comments?|advert(isement)?|ad|caption|close|tags?|share( this)?|print|email|e-mail|loading( content)?|menu|search|subscribe|highlights|text size|more|join the conversation|tell us what you think|image \d+ of \d*|photos?|video|skip to content|this slideshow requires javascript|you may also like|more stories|related( articles| stories| posts)?|don'?t miss|see more|read more|trending( now)?|most popular|advertisement - scroll to continue|leave a (comment|reply))\W*(\d+)?$/i;

/** Cleans inside the chosen content block. */
function cleanArticle(root: Element, title: string | null): void {
  for (const h of root.querySelectorAll("h1")) h.remove();
  const normTitle = title ? normalize(title) : "";
  const cards = new Cards(root.querySelectorAll("*"));
  for (
    const el of [
      ...root.querySelectorAll("h2,h3,h4,h5,h6,p,div,li,ul,ol,table,section,blockquote"),
    ]
  ) {
    // The scorer's result is detached from the document, so `isConnected` is always
    // false here; containment in `root` tells whether an ancestor was already removed.
    if (!root.contains(el) || el.hasAttribute(ATTRIBUTION_ATTR)) continue;
    const len = textLength(el);
    if (len === 0) {
      if (el.querySelector("img,video,br") === null || el.tagName !== "P") el.remove();
      continue;
    }
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (
      normTitle && (el.tagName === "H2" || el.tagName === "H3") && normalize(text) === normTitle
    ) {
      el.remove();
      continue;
    }
    const density = linkDensity(el);
    // A block that is (almost) nothing but a link is a teaser ("Related: …", "More news").
    if (
      density > 0.75 && len < 200 && el.tagName !== "TABLE" &&
      !(/^H[2-4]$/.test(el.tagName) && cards.inCard(el) && hasTeaser(el))
    ) {
      el.remove();
      continue;
    }
    if (
      len < 100 && el.tagName !== "LI" && el.closest("blockquote") === null &&
      (isDateline(text) || isCopyright(text))
    ) {
      el.remove();
      continue;
    }
    if ((el.tagName === "UL" || el.tagName === "OL") && density > 0.5 && len < 1500) {
      el.remove();
      continue;
    }
    if (/^(P|DIV|H[2-6])$/.test(el.tagName) && len < 40 && UI_LABEL.test(text)) {
      el.remove();
      continue;
    }
    if ((el.tagName === "P" || el.tagName === "DIV") && len < 300 && isSocialPlug(text)) {
      el.remove();
      continue;
    }
    if ((el.tagName === "P" || el.tagName === "DIV") && len < 400 && CREDIT_OR_PROMO.test(text)) {
      el.remove();
      continue;
    }
    if ((el.tagName === "P" || el.tagName === "DIV") && len < 120 && TEASER.test(text)) {
      el.remove();
      continue;
    }
    if ((el.tagName === "DIV" || el.tagName === "SECTION") && density > 0.6 && len < 600) {
      el.remove();
    }
  }
}

function cleanLight(root: Element, title: string | null): void {
  for (const h of root.querySelectorAll("h1")) {
    if (title && normalize(h.textContent ?? "") === normalize(title)) h.remove();
  }
  for (const el of [...root.querySelectorAll("h2,h3,h4,h5,h6,p,div,li,ul,ol,section")]) {
    if (!root.contains(el)) continue;
    const len = textLength(el);
    if (len === 0) {
      el.remove();
      continue;
    }
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (/^(P|DIV|H[2-6]|LI)$/.test(el.tagName) && len < 40 && UI_LABEL.test(text)) {
      el.remove();
      continue;
    }
    if ((el.tagName === "P" || el.tagName === "DIV") && len < 300 && isSocialPlug(text)) {
      el.remove();
    }
  }
}

const YEAR_OR_TIME = /\b(19|20)\d\d\b|\b\d{1,2}:\d\d\b/;

/** A short line that only says when (and maybe by whom) something was published. */
function isDateline(text: string): boolean {
  if (!YEAR_OR_TIME.test(text)) return false;
  // A date has at least two numbers (day and year, year and time); a heading that
  // merely mentions a year has one.
  if ((text.match(/\d+/g)?.length ?? 0) < 2) return false;
  if (/[.!?]["”’)]?$/.test(text) && !/\b\d{1,2}:\d\d\s*[ap]\.?m\.?$/i.test(text)) return false;
  return wordCount(text) <= 12;
}

/** "Follow us on Twitter", "Join our forums", "Listen live" — a plug for the site's channels. */
function isSocialPlug(text: string): boolean {
  return /\b(follow|like|join|listen to|subscribe to|sign up)\b/i.test(text) &&
    /\b(twitter|facebook|instagram|youtube|linkedin|pinterest|tiktok|newsletter|podcast|forums?|@\w+)\b/i
      .test(text);
}

function isCopyright(text: string): boolean {
  return /©|\(c\)|copyright|all rights reserved/i.test(text);
}

const LEAF_BLOCKS = /^(P|H[1-6]|UL|OL|DL|TABLE|BLOCKQUOTE|PRE|HR)$/;

/** The last block of text in document order (descending through wrapper elements). */
function lastBlock(root: Element): Element | null {
  let el: Element = root;
  for (;;) {
    let child = el.lastElementChild;
    while (child !== null && textLength(child) === 0 && child.tagName !== "HR") {
      child = child.previousElementSibling;
    }
    if (child === null) return el === root ? null : el;
    // Text directly inside a wrapper after its last child element ends the wrapper.
    let tail = "";
    for (let n = child.nextSibling; n !== null; n = n.nextSibling) tail += n.textContent ?? "";
    if (tail.trim() !== "") return el === root ? null : el;
    if (LEAF_BLOCKS.test(child.tagName)) return child;
    el = child;
  }
}

/** A block that ends articles on many sites without being part of them. */
function isTailChrome(el: Element, keepLists: boolean): boolean {
  if (el.tagName === "HR") return true;
  if (el.tagName === "UL" || el.tagName === "OL") {
    if (keepLists) return false;
    const items = [...el.children].filter((c) => c.tagName === "LI");
    return items.length >= 2 && items.every((li) => li.querySelector("a") !== null) &&
      textLength(el) / items.length < 150;
  }
  if (el.tagName === "TABLE" || el.tagName === "PRE" || el.tagName === "BLOCKQUOTE") return false;
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  return text.length < 80 && textUnits(text) <= 8 && !/[.!?…"”):：。！？]$/.test(text);
}

/** Removes "more stories" lists, widget titles and rules trailing the article. */
function trimTail(root: Element, keepLists = false): void {
  for (let i = 0; i < 12; i++) {
    const last = lastBlock(root);
    if (last === null || !isTailChrome(last, keepLists)) return;
    last.remove();
  }
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Renders the block-aware plain text of an element: one paragraph per block, blank lines between. */
export function blockText(root: Element): string {
  const paragraphs: string[] = [];
  let current = "";
  const flush = (): void => {
    const t = current.replace(/[ \t\r\f\v\u00a0]+/g, " ").replace(/ *\n */g, "\n").trim();
    if (t !== "") paragraphs.push(t);
    current = "";
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += (node.nodeValue ?? "").replace(/\s+/g, " ");
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName;
    if (tag === "BR") {
      current += "\n";
      return;
    }
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT" || tag === "TEMPLATE") return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    if (tag === "PRE") {
      current += el.textContent ?? "";
      const t = current.replace(/^\n+|\s+$/g, "");
      if (t.trim() !== "") paragraphs.push(t);
      current = "";
      return;
    }
    let previous: Node | null = null;
    for (const child of el.childNodes) {
      // Two elements side by side with no text between them are laid out apart on
      // nearly every page (a brand and a product name, a label and a value); glued
      // together they would make one nonsense word.
      if (
        previous !== null && previous.nodeType === 1 && child.nodeType === 1 &&
        SPACED_INLINE.has((child as Element).tagName) &&
        SPACED_INLINE.has((previous as Element).tagName) && current !== "" &&
        !/\s$/.test(current)
      ) current += " ";
      walk(child);
      previous = child;
    }
    if (block) flush();
    else if (tag === "TD" || tag === "TH") current += " ";
  };
  walk(root);
  flush();
  return paragraphs.join("\n\n");
}

/** Inline elements that are laid out apart when they stand next to each other. */
const SPACED_INLINE: ReadonlySet<string> = new Set(["SPAN", "A", "DIV", "STRONG", "B", "LABEL"]);

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Words, counting each CJK character as half a word (those scripts do not use spaces). */
function textUnits(text: string): number {
  const cjk =
    text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)
      ?.length ?? 0;
  return wordCount(text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu, " ")) +
    cjk / 2;
}

const SENTENCE_END = /[.!?。！？…"”»')\]]$/;

/**
 * How confident we are that `content` is an article: enough text, several paragraphs
 * that read as sentences, few links. Listing pages (a teaser or two), error pages (one
 * apologetic sentence) and navigation-only pages (nothing) score low.
 */
function qualityScore(content: string, links: number): number {
  const units = textUnits(content);
  if (units === 0) return 0;
  const lengthScore = Math.min(1, units / 150);
  const prose =
    content.split("\n\n").filter((p) => textUnits(p) >= 8 && SENTENCE_END.test(p.trim())).length;
  const structure = Math.min(1, prose / 3);
  const linkScore = 1 - Math.min(1, links / Math.max(1, units / 15));
  const score = (0.55 * lengthScore + 0.45 * structure) * (0.85 + 0.15 * linkScore);
  return Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
}

/** The longest run of paragraphs on the page, used when the scorer finds too little. */
function fallbackRoot(body: Element): Element {
  let best: Element = body;
  let bestMass = 0;
  for (const el of body.querySelectorAll("article,main,[role=main],div,section,td")) {
    const mass = [...el.children].filter((c) => c.tagName === "P").reduce(
      (n, p) => n + textLength(p),
      0,
    );
    if (mass > bestMass) {
      bestMass = mass;
      best = el;
    }
  }
  return best;
}

const MARKED_BODY = /(^|[\s_-])(article|entry|post|story|main)[-_]?(body|content|text)([\s_-]|$)/i;

/**
 * When the page marks its article body (`itemprop="articleBody"`, `article-body`,
 * `entry-content`, …) and that element holds nearly all of the chosen content's prose,
 * the rest (standfirst, kicker, byline block the scorer pulled in as siblings) is page
 * furniture around the body.
 */
function narrowToMarkedBody(root: Element): Element {
  const total = proseMass(root);
  if (total === 0) return root;
  let best: Element | null = null;
  let bestMass = 0;
  for (const el of root.querySelectorAll("[itemprop], [class], [id]")) {
    const marked = el.getAttribute("itemprop") === "articleBody" ||
      MARKED_BODY.test(el.getAttribute("class") ?? "") ||
      MARKED_BODY.test(el.getAttribute("id") ?? "");
    if (!marked) continue;
    const mass = proseMass(el);
    if (mass > bestMass) {
      best = el;
      bestMass = mass;
    }
  }
  return best !== null && bestMass >= 0.85 * total ? best : root;
}

/** The main content of a page as a DOM element plus the page's metadata. */
export interface MainContent {
  /** The element holding the main content (detached from the page). */
  root: Element | null;
  /** The page's metadata. */
  metadata: PageMetadata;
  /** The detected kind of page. */
  pageType: PageType;
  /**
   * Whether an unclassified page's content is its whole main region (many short blocks)
   * because no article block held it: such a page is not an article.
   */
  wholeRegion?: boolean;
}

/**
 * Content a page hides from scripted browsers and shows without JavaScript — a forum's
 * crawler view, a server-rendered fallback — is the page's content for a reader without
 * scripts. Small `<noscript>`s (tracking pixels, "please enable JavaScript") are chrome.
 */
function unwrapNoscript(body: Element): void {
  for (const ns of [...body.querySelectorAll("noscript")]) {
    if (textLength(ns) < 200) continue;
    const box = ns.ownerDocument.createElement("div");
    if (ns.children.length === 0) box.innerHTML = ns.textContent ?? "";
    else while (ns.firstChild) box.appendChild(ns.firstChild);
    ns.replaceWith(box);
  }
}

/**
 * The page's main region for pages whose content is spread over many blocks (threads,
 * listings, product pages): `<main>`/`role=main` when it holds a fair share of the
 * page's text, else the whole (already cleaned) body.
 */
function mainRegion(body: Element): Element {
  const total = textLength(body);
  let best: Element = body;
  let bestLen = 0;
  for (const el of body.querySelectorAll("main,[role=main]")) {
    const len = textLength(el);
    if (len > bestLen) {
      best = el;
      bestLen = len;
    }
  }
  return bestLen >= 0.3 * total ? best : body;
}

/**
 * Parses a page with linkedom and repairs the two shapes its tree builder (not an HTML5
 * one) gets wrong, both common on real pages: without `<html>` the document element is
 * `<head>` and the body is lost; an element before `<head>` (a script, a link) leaves
 * `document.body` empty while the content sits in a later `<body>`.
 */
export function parsePage(html: string): Document {
  let source = html;
  if (!/<body[\s>]/i.test(source)) {
    // No <body>: open one after the head (or at the top), so that content has a home.
    const at = /<\/head\s*>/i.exec(source) ?? /<html[^>]*>/i.exec(source);
    const cut = at === null ? 0 : at.index + at[0].length;
    source = `${source.slice(0, cut)}<body>${source.slice(cut)}`;
  }
  const htmlTag = /<html[\s>][^>]*>?/i.exec(source);
  if (htmlTag === null) {
    source = `<html>${source.replace(/^\s*<!doctype[^>]*>/i, "")}</html>`;
  } else {
    // Markup before `<html>` (a style or script a framework writes first) would become
    // the document element: move it inside, where the head gathers it.
    const before = source.slice(0, htmlTag.index).replace(/^\s*<!doctype[^>]*>/i, "")
      .replace(/<!--[\s\S]*?-->/g, "");
    if (/<[a-z]/i.test(before)) {
      const end = htmlTag.index + htmlTag[0].length;
      source = `<!doctype html>${source.slice(htmlTag.index, end)}${before}${source.slice(end)}`;
    }
  }
  const { document } = parseHTML(source);
  // Deeper markup flattened to its text: recursive code below (and Readability)
  // must not overflow or go cubic on hostile nesting.
  capDepth(document);
  const top = document.documentElement as unknown as Element | null;
  if (top !== null) {
    // linkedom finds the body only as the element right after the head: move what
    // stands before the head or between the head and the body into the head.
    const head = [...top.children].find((c) => c.tagName === "HEAD");
    const body = [...top.children].find((c) => c.tagName === "BODY");
    if (head !== undefined && body !== undefined) {
      const stray: Element[] = [];
      for (let c = top.firstElementChild; c !== null && c !== body; c = c.nextElementSibling) {
        if (c !== head) stray.push(c);
      }
      for (const c of stray) head.appendChild(c);
    }
  }
  return document as unknown as Document;
}

/** Finds the main content element of an HTML document. */
export function findMainContent(html: string, url: string, forced?: PageType): MainContent {
  const document = parsePage(html);
  const metadata = extractMetadata(document, url);
  // linkedom leaves `documentElement` null for a blank input, and `body` then throws.
  const body = document.documentElement === null ? null : document.body as Element | null;
  if (body === null) return { root: null, metadata, pageType: "other" };
  const pageType = forced ?? detectPageType(document, url);
  // Read before the scripts go: JSON-LD often sits in the body.
  // A product page's FAQ (a list of Questions) is not its description.
  const declared = structuredContent(
    document,
    pageType === "product" ? PRODUCT_ONLY : undefined,
  );
  // A page that declares a product for sale (not a software or service page taken for
  // one) shows each panel once to a reader, whatever its layouts repeat.
  const dedupe = pageType === "product" && declaresProduct(document);
  unwrapNoscript(body);
  if (pageType === "forum") segmentThread(body);
  removeBoilerplate(body, pageType);
  let root: Element;
  // Whether the content is a region of many blocks rather than one article block.
  let wholeRegion = false;
  const route = ROUTES[pageType];
  if (route === "article") {
    // An unclassified page may be an article or a page of many sections (a service's
    // landing page, an index): when the article block holds less than half of the main
    // region's prose, the region is the content. Readability edits the DOM, so the
    // region (and the cover below) is copied first.
    const region = pageType === "other" ? mainRegion(body).cloneNode(true) as Element : null;
    // A page that is a list of things (an index, a list of winners) taken for an article.
    const listRegion = region === null ? mainRegion(body).cloneNode(true) as Element : null;
    // Readability keeps one block and its siblings; an article split over many sections
    // can leave it a small part of the page's prose. When its choice holds under a
    // quarter of the prose of the element that covers most of the page's prose, that
    // element is the article.
    const cover = region === null ? proseCover(body) : null;
    const coverCopy = cover === null ? null : cover.cloneNode(true) as Element;
    root = articleRoot(document, body);
    root = narrowToMarkedBody(root);
    if (
      region !== null &&
      (proseMass(root) < 0.5 * proseMass(region) || thinChoice(root, region, metadata.title))
    ) {
      root = region;
      wholeRegion = true;
      cleanLight(root, metadata.title);
    } else if (coverCopy !== null && proseMass(root) < 0.25 * distinctProse(coverCopy)) {
      root = coverCopy;
      cleanArticle(root, metadata.title);
    } else cleanArticle(root, metadata.title);
    if (
      listRegion !== null && !wholeRegion && isListPage(root, listRegion)
    ) {
      root = listRegion;
      wholeRegion = true;
      cleanLight(root, metadata.title);
    }
  } else {
    if (pageType === "product") {
      removeProductExtras(body);
      if (dedupe) dropRepeatedBlocks(body);
      dropProductGrids(body);
    }
    root = mainRegion(body);
    if (route === "thread") root = cleanThread(root, metadata.title);
    else cleanLight(root, metadata.title);
  }
  // On pages of items (a listing, a shop's grid, a docs index) a closing list of
  // links is the content, not a "more stories" tail.
  trimTail(root, route === "region" || wholeRegion);
  addDeclaredContent(document, root, pageType, declared);
  return { root, metadata, pageType, wholeRegion };
}

/**
 * Whether the page is a list of things that the article scorer took for an article: the
 * block it kept is a small part of the main region and is not prose itself (a line or
 * two of introduction), while most of the region's text sits in list items.
 */
function isListPage(root: Element, region: Element): boolean {
  const kept = textLength(root);
  return kept < 0.2 * textLength(region) && proseMass(root) <= 0.5 * kept &&
    listShare(region) >= 0.75;
}

/** Share of an element's text that sits in list items. */
function listShare(root: Element): number {
  const total = textLength(root);
  if (total === 0) return 0;
  let inItems = 0;
  for (const li of root.querySelectorAll("li")) {
    if (li.parentElement?.closest("li") === null) inItems += textLength(li);
  }
  return inItems / total;
}

/** Prose mass counting each long text run once: a page that repeats its article is not longer. */
function distinctProse(root: Element): number {
  const seen = new Set<string>();
  let n = 0;
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const t = (child.nodeValue ?? "").trim();
        if (t.length >= 40 && !seen.has(t)) {
          seen.add(t);
          n += t.length;
        }
      } else if (child.nodeType === 1 && (child as Element).tagName !== "A") walk(child);
    }
  };
  walk(root);
  return n;
}

/**
 * Whether the article block, once cleaned, keeps almost nothing of a region that has
 * plenty of short text (a grid of items, a page of reviews in short lines): the block
 * scorer looks for paragraphs, and such a page has none.
 */
function thinChoice(root: Element, region: Element, title: string | null): boolean {
  const probe = root.cloneNode(true) as Element;
  cleanArticle(probe, title);
  const kept = textUnits(probe.textContent ?? "");
  return kept < 50 && textUnits(region.textContent ?? "") >= Math.max(40, 3 * kept);
}

/**
 * The smallest element that holds most (80 %) of the page's prose: where an article
 * split into many sections lives when no single block holds it.
 */
function proseCover(body: Element): Element | null {
  const total = proseMass(body);
  if (total < 1000) return null;
  let el: Element = body;
  for (;;) {
    let next: Element | null = null;
    for (const c of el.children) {
      if (proseMass(c) >= 0.8 * total) {
        next = c;
        break;
      }
    }
    if (next === null) return el;
    el = next;
  }
}

/** Words in `class`/`id` of a product page's blocks around the description and specifications. */
const PRODUCT_EXTRA_WORDS = new Set([
  "faq",
  "faqs",
  "questions",
  "upsell",
  "swatch",
  "swatches",
  "drawer",
]);

/**
 * Removes what surrounds a product's description on its page: customer reviews and
 * ratings, Q&A and FAQ blocks, up-sells, colour swatches and drawers. The
 * block that declares the description (`itemprop=description`) is kept whatever its name.
 */
function removeProductExtras(body: Element): void {
  const total = textLength(body);
  for (const el of [...body.querySelectorAll("[class],[id],[itemprop]")]) {
    if (!el.isConnected) continue;
    const prop = el.getAttribute("itemprop");
    const ws = words(el);
    const opinions = prop === "review" || prop === "aggregateRating" ||
      ws.some((w) => OPINION_WORDS.has(w));
    if (!opinions && !ws.some((w) => PRODUCT_EXTRA_WORDS.has(w))) continue;
    // Never a block that holds the product's name or description: a wrapper named
    // after a drawer can hold the whole product.
    if (prop === "description" || el.querySelector('h1,main,[itemprop="description"]') !== null) {
      continue;
    }
    // Reviews go however long they are; other extras only when they are a side part.
    if (!opinions && textLength(el) > 0.4 * total) continue;
    el.remove();
  }
}

/** Words of customer opinions on a product page (reviews, ratings, testimonials). */
const OPINION_WORDS = new Set([
  "review",
  "reviews",
  "rating",
  "ratings",
  "testimonial",
  "testimonials",
]);

/**
 * Adds the content a page declares in its structured data when the visible page lacks
 * it: pages whose body scripts render leave (almost) nothing visible, and product pages
 * often render their description only in a script-driven tab.
 */
function addDeclaredContent(
  document: Document,
  root: Element,
  pageType: PageType,
  declared: readonly string[],
): void {
  const visible = textUnits(root.textContent ?? "");
  if (visible >= 40 && pageType !== "product") return;
  const units = textUnits(declared.join(" "));
  if (units < 15) return;
  // A product page that shows plenty of its own text has its description in view (a
  // declared one is then a shorter copy, often worded differently).
  if (visible >= 2 * units && visible >= 40) return;
  const have = normalize(root.textContent ?? "");
  const missing = declared.filter((text) => !have.includes(normalize(text).slice(0, 80)));
  if (missing.length === 0) return;
  if (visible < 40 && units > visible) root.replaceChildren();
  const first = root.firstChild;
  for (const text of missing) {
    for (const line of text.split(/\n+/)) {
      const p = document.createElement("p");
      p.textContent = line;
      root.insertBefore(p, first);
    }
  }
}

/**
 * Cleans a thread like an article (teasers, datelines, link lists go), then drops link
 * tables (suggested topics). When that leaves little of the region — a page of cards
 * taken for a thread — the region is cleaned lightly instead.
 */
function cleanThread(region: Element, title: string | null): Element {
  const copy = region.cloneNode(true) as Element;
  cleanArticle(region, title);
  for (const table of [...region.querySelectorAll("table")]) {
    if (region.contains(table) && linkDensity(table) > 0.5) table.remove();
  }
  const out = textLength(region) >= 0.3 * textLength(copy) ? region : copy;
  if (out === copy) cleanLight(copy, title);
  dropCounters(out);
  return out;
}

/**
 * Removes the counters each post carries (votes, likes, reply counts): blocks whose
 * text is a number with at most one short word, in any language.
 */
function dropCounters(root: Element): void {
  for (const el of [...root.querySelectorAll("div,span,p,li,a,button")]) {
    if (!root.contains(el) || el.querySelector("div,p,li") !== null) continue;
    const t = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (t.length > 0 && t.length <= 12 && /^[+\-−]?\d[\d.,]*[kKmM]?(\s\p{L}{1,8})?$/u.test(t)) {
      el.remove();
    }
  }
}

const PRODUCT_ONLY: ReadonlySet<DeclaredKind> = new Set(["product"]);

/** Which extraction each page type gets. */
const ROUTES: Readonly<Record<PageType, "article" | "thread" | "region">> = {
  article: "article",
  other: "article",
  forum: "thread",
  documentation: "region",
  product: "region",
  listing: "region",
  collection: "region",
  service: "region",
};

/** Readability's choice of the article block, or the densest paragraph run when it finds little. */
function articleRoot(document: Document, body: Element): Element {
  let root: Element | null = null;
  try {
    const article = new Readability<Element>(document, {
      keepClasses: true,
      serializer: (node: Node) => node as Element,
    }).parse();
    root = article?.content ?? null;
  } catch {
    // Readability throws on some degenerate DOMs; the fallback below covers them.
    root = null;
  }
  if (root === null || textLength(root) < 200) {
    const fb = fallbackRoot(body);
    if (root === null || textLength(fb) > textLength(root)) root = fb;
  }
  return root;
}

/** Extracts the main content of an HTML page (or a `text/plain` page as-is). */
export function extractAuto(page: Page, options: ExtractOptions): Promise<ExtractOutput> {
  if (page.contentType === "text/plain") {
    const content = page.html.replace(/\r\n?/g, "\n").trim();
    return Promise.resolve({
      content,
      metadata: {
        title: null,
        word_count: countWords(content),
        links: 0,
        quality_score: content === "" ? 0 : 1,
      },
      ...(options.markdown ? { markdown: content } : {}),
    });
  }
  const { root, metadata, pageType, wholeRegion } = findMainContent(
    page.html,
    page.finalUrl || page.url,
  );
  const content = root === null ? "" : blockText(root);
  const links = root === null ? 0 : root.querySelectorAll("a[href]").length;
  const out: ExtractOutput = {
    content,
    metadata: {
      ...metadata,
      page_type: pageType,
      word_count: countWords(content),
      links,
      // The score says how much the content reads as an article; a page of short items
      // that no article block held (a listing of teasers) is not one.
      quality_score: wholeRegion
        ? Math.min(0.25, qualityScore(content, links))
        : qualityScore(content, links),
    },
  };
  if (options.markdown) {
    out.markdown = root === null
      ? ""
      : htmlToMarkdown(root, { baseUrl: page.finalUrl || page.url });
  }
  return Promise.resolve(out);
}

/** Whether a heading is followed by a paragraph of prose (a card's teaser). */
function hasTeaser(h: Element): boolean {
  const next = h.nextElementSibling;
  return next !== null && proseMass(next) >= 40 && linkDensity(next) < 0.3;
}
