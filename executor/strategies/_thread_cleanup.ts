/**
 * Cleanups of a thread's page for the thread segmentation of `auto` (see `_thread.ts`):
 * blocks hidden by a utility class, links that are buttons, quotes that copy another
 * post of the page, the citations that head quotes, logs pasted whole, and the address
 * lines under embedded media (an image's bare address too), and the cards that preview a
 * linked page. Told by markup (`class`, `href`, `onclick`, `<blockquote>`, `<cite>`,
 * `<pre>`, `data-url`) and by the text itself, never by words of any language.
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import { nameParts, solidLength, spanOf, textLength } from "./_measure.ts";

/** Tags whose text is not shown. */
export const SILENT_TAGS: ReadonlySet<string> = new Set([
  "SCRIPT",
  "STYLE",
  "TEMPLATE",
  "NOSCRIPT",
  "SVG",
]);

/**
 * Drops the blocks a thread's page hides by the utility class `hidden` (display: none
 * in the common CSS frameworks): an engine's copy of the first post for machines
 * (microdata), folded menus. A class list that also shows the block at some width
 * (`hidden md:block`) is not hidden; neither is a block that holds the page's heading or
 * half of its text (a page hidden until its scripts run).
 */
export function dropClassHidden(body: Element): void {
  const total = solidLength(body.textContent ?? "");
  for (const el of [...body.querySelectorAll('[class~="hidden"]')]) {
    if (!el.isConnected || el.getAttribute("class")?.includes(":")) continue;
    if (el.querySelector("h1") !== null) continue;
    if (solidLength(el.textContent ?? "") >= 0.5 * total) continue;
    el.remove();
  }
}

/**
 * Drops the links that are buttons: a link that leads nowhere (`#`, `javascript:`) and runs
 * a script when clicked (`onclick`) — "select all" over a code box, a fold toggle. The
 * block that holds only such a link and a short label (shorter than the link's text) goes
 * with it.
 */
export function dropScriptControls(body: Element): void {
  for (const a of [...body.querySelectorAll("a[onclick]")]) {
    const href = (a.getAttribute("href") ?? "#").trim().toLowerCase();
    if (href !== "#" && href !== "" && !href.startsWith("javascript:")) continue;
    if (!a.isConnected) continue;
    const parent = a.parentElement;
    const own = textLength(a);
    a.remove();
    if (parent !== null && parent.children.length === 0 && textLength(parent) <= own) {
      parent.remove();
    }
  }
}

/** Least text (non-space characters) a quote repeats of another post for it to go. */
const QUOTED_COPY_MIN = 150;

/**
 * Least text (non-space characters) a quote of a short post repeats for it to go under a
 * long reply (`QUOTED_REPLY_SHARE` times the quote).
 */
const QUOTED_SHORT_COPY_MIN = 80;

/** Least size of a reply's own text, against a short quote's, for the quote to go. */
const QUOTED_REPLY_SHARE = 3;

/** Least share of the quoted post's own text a quote repeats to be a copy of the whole post. */
const QUOTED_WHOLE_SHARE = 0.5;

/**
 * Drops each quote (`<blockquote>`) in a post body that repeats, at length, text another
 * post of the thread shows in full: a reply that quotes a whole earlier post (engines
 * fold such a quote, a reader sees it once, where it was written). Short quotes — the
 * line a reply answers — stay, as do quotes of posts not on the page. The test is on the
 * text: most of the quote's written runs (text of 20 characters or more), and at least
 * `QUOTED_COPY_MIN` characters of them, appear in another body outside its quotes, and
 * they make up at least `QUOTED_WHOLE_SHARE` of that body's own text. A quote of a few
 * lines picked out of a long post, the part a reply answers, stays with the reply. A
 * short post (`QUOTED_SHORT_COPY_MIN` characters) quoted whole goes only under a reply of
 * its own at length. Returns how many quotes went.
 */
export function dropQuotedCopies(bodies: readonly Element[]): number {
  // Each body's own text: its text nodes outside quotes.
  const own = bodies.map((b) => {
    const parts: string[] = [];
    const walk = (el: Element): void => {
      for (const child of el.childNodes) {
        if (child.nodeType === 3) parts.push(child.nodeValue ?? "");
        else if (
          child.nodeType === 1 && (child as Element).tagName !== "BLOCKQUOTE" &&
          !SILENT_TAGS.has((child as Element).tagName)
        ) walk(child as Element);
      }
    };
    walk(b);
    return collapse(parts.join(""));
  });
  let n = 0;
  bodies.forEach((b, i) => {
    // Each quote's measures, and what the body's quotes repeat of each other body.
    const measured: { quote: Element; written: number; copied: number; of: Set<number> }[] = [];
    const copiedOf = new Map<number, number>();
    for (const quote of [...b.querySelectorAll("blockquote")]) {
      if (quote.parentElement?.closest("blockquote") !== null) continue;
      let written = 0;
      let copied = 0;
      const of = new Set<number>();
      const walker = quote.ownerDocument.createTreeWalker(quote, 4);
      for (let t = walker.nextNode(); t !== null; t = walker.nextNode()) {
        const run = collapse(t.nodeValue ?? "");
        // Measured as spanOf() reads a text: a Chinese character says as much as three
        // Latin letters, so a quoted Chinese post is as long as its English translation.
        if (spanOf(run) < 20) continue;
        const len = spanOf(run.replace(/ /g, ""));
        written += len;
        let found = false;
        own.forEach((o, j) => {
          if (j === i || !o.includes(run)) return;
          found = true;
          of.add(j);
          copiedOf.set(j, (copiedOf.get(j) ?? 0) + len);
        });
        if (found) copied += len;
      }
      measured.push({ quote, written, copied, of });
    }
    for (const { quote, written, copied, of } of measured) {
      const whole = [...of].some((j) =>
        (copiedOf.get(j) ?? 0) >= QUOTED_WHOLE_SHARE * spanOf(own[j]!.replace(/ /g, ""))
      );
      // A short post quoted whole goes under a reply that stands on its own (its own text
      // several times the quote's); a short reply ("This!", "Same here") reads as half a
      // talk without the words it answers, and keeps them.
      const long = copied >= QUOTED_COPY_MIN ||
        (copied >= QUOTED_SHORT_COPY_MIN &&
          spanOf(own[i]!.replace(/ /g, "")) >= QUOTED_REPLY_SHARE * copied);
      if (long && copied >= 0.5 * written && whole) {
        quote.remove();
        n++;
      }
    }
  });
  return n;
}

/** An element's text without its spaces. */
function spaceless(el: Element): string {
  return (el.textContent ?? "").replace(/\s+/g, "");
}

/** Most text (non-space characters) of the control that unfolds a quote ("Click to expand..."). */
const EXPANDER_MAX = 30;

/**
 * Whether a class name names the control that unfolds something: its last word is
 * "expand" ("quoteExpand", "quote-expand"), not a block of what unfolds
 * ("bbCodeBlock-expandContent").
 */
function namesExpander(name: string): boolean {
  return nameParts(name).at(-1) === "expand";
}

/**
 * Drops the control under a long quote in a post body that unfolds it: a short block
 * without children, in the `<blockquote>`, whose class name ends in "expand"
 * (`<div class="quoteExpand">Click to expand...</div>`). The engine's script shows the
 * rest of the quote on a click; the line is its button, not the quoted words. Returns
 * how many controls went.
 */
export function dropQuoteExpanders(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const el of [...body.querySelectorAll("blockquote [class]")]) {
      if (!el.isConnected || el.children.length > 0 || !body.contains(el)) continue;
      const len = textLength(el);
      if (len === 0 || len > EXPANDER_MAX) continue;
      if (!(el.getAttribute("class") ?? "").split(/\s+/).some(namesExpander)) continue;
      el.remove();
      n++;
    }
  }
  return n;
}

/** Most text (non-space characters) a quote's citation holds: a name, a date, a link. */
const CITATION_MAX = 80;

/**
 * Drops the citation (`<cite>`) that heads a quote in a post body: the engine's line
 * naming the post quoted, its author and its date, with a link back to it ("Ana wrote: ↑
 * …", "(2024-01-05) Ana Wrote:"). The reader has the quoted words; the line is the
 * engine's. A `<cite>` after the quoted words (the source of a saying), a long one (the
 * title of a work quoted), or one that is the whole quote, stays. Returns how many
 * citations went.
 */
export function dropQuoteCitations(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const cite of [...body.querySelectorAll("blockquote cite")]) {
      const quote = cite.closest("blockquote");
      if (!cite.isConnected || quote === null || !body.contains(quote)) continue;
      const len = textLength(cite);
      if (len === 0 || len > CITATION_MAX || textLength(quote) <= len) continue;
      // It heads the quote: no text of the quote comes before it.
      if (!spaceless(quote).startsWith(spaceless(cite))) continue;
      cite.remove();
      n++;
    }
  }
  return n;
}

/** Whether a block names a post's author. */
function namesAuthor(block: Element, author: string): boolean {
  return (block.textContent ?? "").includes(author.trim());
}

/**
 * Whether a block closes a post's body, set apart from the post's words: they come
 * before it, nothing after it, and it is not a paragraph of them (a closing line the
 * poster wrote with a date: "Termin: 9. März").
 */
function closesBody(block: Element, body: Element): boolean {
  if (block.tagName === "P" || block.closest("p") !== null) return false;
  const all = collapse(body.textContent);
  const own = collapse(block.textContent);
  return all.length > own.length && all.endsWith(own);
}

/** Most text (non-space characters) an edit note holds: a date, a name, a short reason. */
const EDIT_NOTE_MAX = 120;

/**
 * Drops the edit notes in post bodies: a short block that holds a `<time>` and names the
 * post's own author ("Edited January 29 by Ana", "Zuletzt bearbeitet von Ana am …",
 * "Modifié le … par Ana"), with the edit's reason when one was given, or that closes the
 * body (a moderator's edit names the moderator: "Edited October 30 by Mod (see edit
 * history)"). The engine writes it into the body when the post is edited; the reader's
 * text is the post. The block is the largest one around the `<time>` within the body
 * that stays short; a quote's heading ("On … Ana said:") is in a `<blockquote>`, and
 * stays. Each post gives its body and its author's name (null when none was found).
 * Returns how many notes went.
 */
export function dropEditNotes(
  posts: readonly { bodyEl: Element; author: string | null }[],
): number {
  let n = 0;
  for (const { bodyEl: body, author } of posts) {
    if (author === null || author.trim().length < 2) continue;
    for (const time of [...body.querySelectorAll("time")]) {
      if (!time.isConnected || time.closest("blockquote") !== null) continue;
      let block: Element | null = null;
      for (let at = time.parentElement; at !== null && at !== body; at = at.parentElement) {
        if (textLength(at) > EDIT_NOTE_MAX) break;
        block = at;
      }
      if (block === null || !body.contains(block)) continue;
      if (!namesAuthor(block, author) && !closesBody(block, body)) continue;
      block.remove();
      n++;
    }
  }
  return n;
}

/** Least text (non-space characters) a post's heading holds for it to be told as the thread's title. */
const TITLE_MIN = 8;

/**
 * Drops the headings (`<h1>`–`<h6>`) in posts, outside their bodies, that repeat the
 * thread's title: the text the page's `<title>` starts with. An engine heads its first
 * post with the thread's title (the others with the title as a reply to it, which go as
 * a slot all posts share); the reader has the title above the thread, not as a line of
 * the post. A heading that says something of its own, or is in a post's body, stays.
 * Each post gives its element and its body. Returns how many headings went.
 */
export function dropTitleHeadings(
  posts: readonly { post: Element; bodyEl: Element }[],
  title: string,
): number {
  const page = collapse(title);
  let n = 0;
  for (const { post, bodyEl } of posts) {
    for (const h of [...post.querySelectorAll("h1,h2,h3,h4,h5,h6")]) {
      if (!h.isConnected || bodyEl.contains(h) || h.contains(bodyEl)) continue;
      const t = collapse(h.textContent);
      if (textLength(h) < TITLE_MIN || !page.startsWith(t)) continue;
      h.remove();
      n++;
    }
  }
  return n;
}

/** Most text (non-space characters) a block of code in a post body holds and stays. */
const PASTED_LOG_MAX = 3000;

/** Least number of times of day ("6:51:42") that make a long block of code a log. */
const LOG_TIMES_MIN = 20;

/** A time of day: hours and minutes, maybe seconds. */
const TIME_OF_DAY = /\b\d{1,2}:\d\d(:\d\d)?\b/g;

/**
 * Drops each block of code (`<pre>`, or a `<code>` outside one) in a post body that holds
 * more than `PASTED_LOG_MAX` characters and `LOG_TIMES_MIN` times of day or more: a build
 * or server log the poster pasted whole for others to search through, a timestamp on each
 * line. The reader has the post's words around it; the log's hundreds of timestamps and
 * paths are its attachment, not its text. A paragraph that is a log split into pieces of
 * inline code by stray backticks (`codeRun()`) goes whole. A snippet of code or a
 * configuration a post quotes (a few dozen lines), and a long listing of code without
 * timestamps (an answer's program), stay. Returns how many blocks went.
 */
export function dropPastedLogs(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const code of [...body.querySelectorAll("pre,code")]) {
      if (!code.isConnected || code.parentElement?.closest("pre,code") !== null) continue;
      const block = codeRun(code, body);
      if (textLength(block) <= PASTED_LOG_MAX) continue;
      const times = (block.textContent ?? "").match(TIME_OF_DAY)?.length ?? 0;
      if (times < LOG_TIMES_MIN) continue;
      block.remove();
      n++;
    }
  }
  return n;
}

/** Most share of a paragraph's text outside its pieces of inline code for them to be one block. */
const CODE_RUN_GAPS = 0.2;

/**
 * The block a piece of inline code belongs to: its paragraph when the paragraph holds only
 * pieces of code (and line breaks) with a few words between them — a log or listing pasted
 * with stray backticks, which split it into pieces of code and a word or two of text that
 * lost its marks ("gatsbyImageData", "isModuleDeclaration"). Otherwise the code itself.
 */
function codeRun(code: Element, body: Element): Element {
  const parent = code.parentElement;
  if (code.tagName !== "CODE" || parent === null || parent === body || !body.contains(parent)) {
    return code;
  }
  let inCode = 0;
  for (const child of parent.children) {
    if (child.tagName === "BR") continue;
    if (child.tagName !== "CODE") return code;
    inCode += textLength(child);
  }
  const all = textLength(parent);
  return inCode > 0 && all - inCode <= all * CODE_RUN_GAPS ? parent : code;
}

/** Most text (non-space characters) of a card that previews a linked page. */
const LINK_CARD_MAX = 400;

/**
 * Drops the cards in post bodies that preview a page a post links to: a block that names
 * the address it shows in a `data-url` attribute, holds a heading, and whose links all go
 * to that address (the linked page's title, its description, its host's name). The engine
 * fetches the card from the other site when the post is shown; the post's words are the
 * link, the card is the other page's. A card that is all its post holds stays, as the
 * post's only words. Returns how many cards went.
 */
export function dropLinkCards(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const card of [...body.querySelectorAll("[data-url]")]) {
      if (!card.isConnected) continue;
      const url = card.getAttribute("data-url") ?? "";
      if (!/^https?:\/\//.test(url)) continue;
      if (card.querySelector("h1,h2,h3,h4,h5,h6") === null) continue;
      const size = solidLength(card.textContent ?? "");
      // A card that is all its post holds stays: the link is what the post says.
      if (size > LINK_CARD_MAX || solidLength(body.textContent ?? "") <= size) continue;
      const links = [...card.querySelectorAll("a[href]")];
      if (links.length === 0 || links.some((a) => a.getAttribute("href") !== url)) continue;
      card.remove();
      n++;
    }
  }
  return n;
}

/** A link's text that is a short label and an address: "View: https://…". */
const LABELLED_ADDRESS = /^[^:/\s][^:/]{0,19}:\s+(https?:\/\/\S+)$/;

/**
 * Drops the links in post bodies whose text is a short label and the link's own address
 * ("View: https://…"): the fallback an engine writes under an embedded video or post for
 * readers whose browser does not show it. The medium is not text, nor is its address; a
 * link written as its bare address, or with words of its own, stays. The block that holds
 * only the link (a small-print span, an italic line) goes with it. A line that is only an
 * image's address written as text goes too (`dropImageAddresses`). Returns how many
 * links and lines went.
 */
export function dropEmbedFallbacks(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const a of [...body.querySelectorAll("a[href]")]) {
      const shown = (a.textContent ?? "").trim().match(LABELLED_ADDRESS)?.[1];
      const href = a.getAttribute("href") ?? "";
      if (shown === undefined || !a.isConnected || shown !== href) continue;
      let gone: Element = a;
      for (let at = a.parentElement; at !== null && at !== body; at = at.parentElement) {
        if (textLength(at) > textLength(a)) break;
        gone = at;
      }
      gone.remove();
      n++;
    }
    n += dropImageAddresses(body);
  }
  return n;
}

/**
 * A link's text that is an address shortened for display: its head, an ellipsis ("…" or
 * "..."), its tail.
 */
const SHORTENED_ADDRESS = /^(\S{8,})\s?(?:…|\.\.\.)\s?(\S+)$/;

/** An address without its scheme: how an engine may write it in a link's text. */
function schemeless(address: string): string {
  return address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
}

/**
 * Writes out in full the addresses post bodies show shortened: a link whose text is the
 * head and the tail of its own address with an ellipsis between
 * ("https://example.org/docs/ … /374"), as engines print a long address pasted into a
 * post. The poster wrote the whole address; the ellipsis is the engine's. A link with
 * words of its own, or whose text is not its address's head and tail, keeps its text.
 * Returns how many links were written out.
 */
export function restoreShortenedAddresses(bodies: readonly Element[]): number {
  let n = 0;
  for (const body of bodies) {
    for (const a of [...body.querySelectorAll("a[href]")]) {
      if (a.children.length > 0) continue;
      const parts = (a.textContent ?? "").trim().match(SHORTENED_ADDRESS);
      const href = (a.getAttribute("href") ?? "").trim();
      if (parts === null || !/^https?:\/\//i.test(href)) continue;
      const [, head, tail] = parts as unknown as [string, string, string];
      const full = schemeless(href);
      const start = schemeless(head);
      if (
        !full.startsWith(start) || !full.endsWith(tail) ||
        start.length + tail.length >= full.length
      ) continue;
      a.textContent = href;
      n++;
    }
  }
  return n;
}

/** An image file's address, alone: what an engine turns into the image by script. */
const IMAGE_ADDRESS = /^https?:\/\/\S+\.(?:jpe?g|png|gif|webp)(?:\?\S*)?$/i;

/**
 * Drops the lines of a post body that are only an image file's address written as text
 * (not a link): the engine shows the image there by script, and the address is not
 * what the post says. A line is a text node between line breaks or the edges of its
 * block; the break after it goes with it. Returns how many lines went.
 */
function dropImageAddresses(body: Element): number {
  let n = 0;
  const isBreak = (node: ChildNode | null): boolean =>
    node === null || (node.nodeType === 1 && (node as Element).tagName === "BR");
  const walk = (el: Element): void => {
    // A link's text, code, or a word set inline in a sentence is not a line of its own.
    if (INLINE.has(el.tagName)) return;
    for (const node of [...el.childNodes]) {
      if (node.nodeType === 1) {
        walk(node as Element);
        continue;
      }
      if (node.nodeType !== 3 || !IMAGE_ADDRESS.test((node.textContent ?? "").trim())) continue;
      const prev = skipBlank(node.previousSibling, "previousSibling");
      const next = skipBlank(node.nextSibling, "nextSibling");
      if (!isBreak(prev) || !isBreak(next)) continue;
      if (next !== null) next.remove();
      node.remove();
      n++;
    }
  };
  walk(body);
  return n;
}

/** Inline tags: their text is part of a line, not a line. */
const INLINE: ReadonlySet<string> = new Set([
  "A",
  "B",
  "CODE",
  "EM",
  "I",
  "KBD",
  "SAMP",
  "SMALL",
  "SPAN",
  "STRONG",
  "U",
]);

/** The first sibling in a direction that is not blank text. */
function skipBlank(
  node: ChildNode | null,
  way: "previousSibling" | "nextSibling",
): ChildNode | null {
  let at = node;
  while (at !== null && at.nodeType === 3 && (at.textContent ?? "").trim() === "") at = at[way];
  return at;
}
