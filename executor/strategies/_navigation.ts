/**
 * Page navigation recognised by its shape rather than its tag: menus built from `<div>`s
 * and lists, nested trees of links (a site's menu, a page tree, a table of contents) and
 * links that jump back up the page. Used by the boilerplate pass (`_boilerplate.ts`).
 *
 * @module
 */

import {
  classAndId,
  compoundHead,
  documentElements,
  FULL_STOPS,
  hasTextLength,
  hasUnspacedLetters,
  lineWords,
  linkDensity,
  nameParts,
  normalize,
  textLength,
  words,
} from "./_measure.ts";
import { BLOCKS, collapse } from "./_dom_text.ts";
import { isScreenReaderOnly } from "./_product.ts";

/** Words in `class`/`id` that name a menu. */
const MENU_WORDS: ReadonlySet<string> = new Set(["menu", "submenu", "sidemenu", "megamenu"]);
/**
 * Words that name a site's own navigation, never a page's text: a side drawer, a mega
 * menu, a menu's submenus ("menu" alone may be a restaurant's).
 */
const SITE_MENU_WORDS: ReadonlySet<string> = new Set(["submenu", "sidemenu", "megamenu"]);
/** Words a class name glues a layout word to for a menu's parts ("menuwrap", "navbar"). */
const MENU_HEADS: ReadonlySet<string> = new Set(["menu", "nav"]);
/**
 * A class word that names a menu by what it is glued after ("litemenu", "mainmenu",
 * "offcanvasmenu"): a menu of some place or kind, as "topMenu" split would be.
 */
const GLUED_MENU = /^[a-z]{2,}menu[0-9]*$/;

/**
 * A menu by its name that is mostly links: navigation a page builds from `<div>`s (a side
 * menu of categories, a mega menu) rather than `<nav>`. A restaurant's menu, dishes and
 * prices, is mostly text and stays; so does a block holding the page's heading. A side
 * menu, mega menu or submenu by its name goes however few links it holds: shops write
 * their drawers as labels whose links and entries a script fills in on a tap.
 */
export function isNamedMenu(el: Element): boolean {
  const ws = words(el);
  const siteMenu = ws.some((w) => SITE_MENU_WORDS.has(w));
  if (
    !siteMenu &&
    !ws.some((w) => MENU_WORDS.has(w) || compoundHead(w, MENU_HEADS) !== null || GLUED_MENU.test(w))
  ) {
    return false;
  }
  if (el.querySelector("h1") !== null) return false;
  return siteMenu || linkDensity(el) >= 0.5;
}

/** Fewest links of a tree of links. */
const TREE_MIN_LINKS = 8;

/**
 * A tree of links: a list (not inside another list) whose items hold lists of their own
 * and whose text is all links (90 % or more, 8 links or more). Sites build their menus,
 * mega menus and page trees this way, and documentation its tables of contents, outside
 * `<nav>` as often as inside it; a page's own lists say something besides their links,
 * and a list of items (cards, results) is not nested, or only inside its items' links
 * (a card that is one link, with a list of its facts under its title).
 */
export function isLinkTree(el: Element): boolean {
  if (el.tagName !== "UL" && el.tagName !== "OL") return false;
  if ((el.parentElement?.closest("ul,ol") ?? null) !== null) return false;
  // A submenu hangs beside its item's link; a list inside a link is a card's (a job's
  // type and date under its title, the whole card one link).
  const nested = [...el.querySelectorAll("li ul, li ol")];
  if (!nested.some((list) => list.parentElement?.closest("a,li")?.tagName === "LI")) return false;
  if (el.querySelectorAll("a[href]").length < TREE_MIN_LINKS) return false;
  return linkDensity(el) >= 0.9;
}

/** Longest text of a link that jumps back up the page ("Back to top", "↑ Projects"). */
const JUMP_MAX = 40;

/** Attribute marking a block that only jumps back up the page, set by {@link markJumpsBack}. */
export const JUMP_ATTR = "data-riptide-jump";

/**
 * Marks links that jump back up the page, each standing alone in its block: "Back to
 * top", "Back to the list of categories" under each section of a long page, "Back to
 * navigation" set among a section's heading and paragraphs (no line of text around it).
 * A link to an anchor earlier on the page (`href="#id"`, or `#top`) that is all the text
 * of its block, or stands in no line of text, is a way around the page, not its text; a
 * heading's own permalink (the anchor is the heading, or an empty element inside the
 * block the link stands alone in) and links to later anchors (a table of contents,
 * footnote calls) are not. They are marked, not removed, so that the choice of the
 * content block is made on the page as it is; {@link dropJumpsBack} removes them from the
 * chosen content.
 */
export function markJumpsBack(body: Element): number {
  const links = [...body.querySelectorAll('a[href^="#"]')];
  if (links.length === 0) return 0;
  // Each element's place in the page, read when a link's target is found (a page's "#"
  // links often lead nowhere or to an anchor that holds them).
  let places: Map<Element, number> | undefined;
  const order = (): Map<Element, number> => {
    if (places === undefined) {
      places = new Map<Element, number>();
      let i = 0;
      for (const el of body.querySelectorAll("*")) places.set(el, i++);
    }
    return places;
  };
  const doc = body.ownerDocument;
  const targets = new Map<string, Element | null>();
  // Marking changes no element's id nor the page's elements: the walk for ids holds for
  // the whole pass.
  const byId = idFinder(doc);
  let removed = 0;
  for (const a of links) {
    if (!a.isConnected) continue;
    const id = decodeFragment((a.getAttribute("href") ?? "").slice(1));
    if (id === "") continue;
    const text = textLength(a);
    if (text > JUMP_MAX) continue;
    // Looked up once per id: a page repeats its "back to top" (getElementById walks it all).
    let target = targets.get(id);
    if (target === undefined) targets.set(id, target = byId(id));
    const back = target === null
      ? id.toLowerCase() === "top"
      : !target.contains(a) && (order().get(target) ?? Infinity) < (order().get(a) ?? -1);
    if (!back) continue;
    // The block the link stands alone in: its wrappers with no other text.
    let block: Element = a;
    while (
      block.parentElement !== null && block.parentElement !== body &&
      textLength(block.parentElement) === text
    ) block = block.parentElement;
    if (block === a && a.parentElement !== null && a.parentElement !== body) {
      // A link inside a line of text ("see above") is part of the text; one set among
      // its parent's blocks (a heading, a section's paragraphs) stands alone.
      if (textLength(a.parentElement) > text && inLine(a)) continue;
    }
    // A heading's permalink whose anchor is an empty element beside it in the heading
    // (`<h2><a id="x"></a><a href="#x">Title</a></h2>`) leads to where it stands.
    if (target !== null && block.contains(target)) continue;
    block.setAttribute(JUMP_ATTR, "");
    removed++;
  }
  // A list of notes: each item opens with a link back to where the note is called
  // (endnotes, references with their return links). Only a list that holds one of the
  // links to an anchor can be one, so the lists are looked for among their ancestors, not
  // in a walk of the body; each list is weighed on its own, so their order does not matter.
  const holders = new Set<Element>();
  for (const a of links) {
    for (let at = a.parentElement; at !== null && at !== body; at = at.parentElement) {
      if (holders.has(at)) break;
      holders.add(at);
    }
  }
  for (const list of holders) {
    if (!list.matches("ol,ul")) continue;
    const items = [...list.children].filter((c) => c.tagName === "LI");
    if (items.length < 3) continue;
    let notes = 0;
    let asides = 0;
    for (const li of items) {
      const a = li.querySelector("a[href]");
      if (a === null || !(a.getAttribute("href") ?? "").startsWith("#")) continue;
      const target = byId(decodeFragment((a.getAttribute("href") ?? "").slice(1)));
      if (target !== null && (order().get(target) ?? Infinity) < (order().get(li) ?? -1)) notes++;
      if (closesWithReturn(li)) asides++;
    }
    // The writer's notes, each closing with its return arrow ("… as we saw. ↩", as
    // Markdown writes footnotes), are prose of the text, not a list of references.
    if (notes >= 0.8 * items.length && asides < ASIDES_SHARE * items.length) {
      list.setAttribute(JUMP_ATTR, "");
      removed++;
    }
  }
  return removed;
}

/** A note's return link as Markdown writes it: an arrow back up ("↩", "↩︎", "↑"). */
const RETURN_ARROW = /^[↩↑⤴]\uFE0E?\uFE0F?$/;

/** Least share of a list's notes that close with a return arrow for them to be the writer's. */
const ASIDES_SHARE = 0.8;

/**
 * Whether a note closes with its return link written as an arrow ({@link RETURN_ARROW}):
 * the last link of the item, with no text after it, after the note's own words.
 */
function closesWithReturn(li: Element): boolean {
  const links = li.querySelectorAll('a[href^="#"]');
  const last = links[links.length - 1];
  if (last === undefined || !RETURN_ARROW.test((last.textContent ?? "").trim())) return false;
  for (let at: Node = last; at !== li; at = at.parentNode!) {
    for (let n = at.nextSibling; n !== null; n = n.nextSibling) {
      if ((n.textContent ?? "").trim() !== "") return false;
    }
  }
  return textLength(li) > textLength(last);
}

/** Elements that break a line: a link beside only these stands in no line of text. */
const LINE_BREAKERS: ReadonlySet<string> = new Set(
  ("ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DETAILS DIV DL FIELDSET FIGURE FOOTER FORM H1 H2 " +
    "H3 H4 H5 H6 HEADER HR MAIN NAV OL P PRE SECTION TABLE UL").split(" "),
);

/**
 * Whether a link sits in a line of text: a sibling beside it, up to the next element that
 * breaks the line, is text or an inline element with text.
 */
function inLine(a: Element): boolean {
  for (const step of ["previousSibling", "nextSibling"] as const) {
    for (let n = a[step]; n !== null; n = n[step]) {
      if (n.nodeType === 3) {
        if ((n.nodeValue ?? "").trim() !== "") return true;
        continue;
      }
      if (n.nodeType !== 1) continue;
      const el = n as Element;
      if (LINE_BREAKERS.has(el.tagName)) break;
      if (textLength(el) > 0) return true;
    }
  }
  return false;
}

/** Removes the blocks {@link markJumpsBack} marked from the chosen content. */
export function dropJumpsBack(root: Element): void {
  for (const el of [...root.querySelectorAll(`[${JUMP_ATTR}]`)]) el.remove();
}

/** Longest text of a heading's permalink: a mark ("¶", "#", "§", a link emoji), not words. */
const PERMALINK_MAX = 2;

/** A permalink's mark outside a heading: one or two signs, no letter or digit ("§", "#"). */
const PERMALINK_MARK = /^[^\p{L}\p{N}\s]{1,2}$/u;

/** Whether the box `a` stands in (inside `root`) is the one named `id`. */
function namedBoxAround(a: Element, id: string, root: Element): boolean {
  const box = a.parentElement;
  return box !== null && box.id === id && root.contains(box);
}

/**
 * Removes the permalinks documentation generators set in each heading and each entry of a
 * reference (`<h2 id="x">Usage<a href="#x">¶</a></h2>`, `<dt id="f">f(x)<a href="#f">¶</a>`):
 * a link to the heading itself or to the section around it, whose text is a mark of
 * {@link PERMALINK_MAX} characters at most. It is a handle to copy the heading's address,
 * not a word of it; a page saved in the wrong encoding spells its mark as letters ("Â¶"),
 * which would read as a word glued to the heading. A mark of signs alone ("§") in the box
 * it links to, next to the entry's heading rather than inside it, is one too (rustdoc).
 * A footnote call in a heading leads elsewhere, and a heading that is all link is its
 * text. Returns how many went.
 */
export function dropHeadingPermalinks(root: Element): number {
  let removed = 0;
  for (const a of [...root.querySelectorAll('a[href^="#"]')]) {
    const text = (a.textContent ?? "").trim();
    if (text.length > PERMALINK_MAX) continue;
    const id = decodeFragment((a.getAttribute("href") ?? "").slice(1));
    if (id === "") continue;
    const heading = a.closest("h1,h2,h3,h4,h5,h6,dt");
    if (heading === null || !root.contains(heading)) {
      // Or a mark beside an entry's heading, in the box the link names (rustdoc's
      // `<section id="method.neu"><a href="#method.neu">§</a><h4>…`, a field's line).
      // An id may itself be written encoded ("impl-Kiste%3CT%3E").
      const raw = (a.getAttribute("href") ?? "").slice(1);
      if (
        !PERMALINK_MARK.test(text) ||
        !(namedBoxAround(a, id, root) || namedBoxAround(a, raw, root))
      ) continue;
    } else {
      let at: Element | null = heading;
      while (at !== null && at.id !== id) at = at === root ? null : at.parentElement;
      if (at === null) continue;
    }
    a.remove();
    removed++;
  }
  return removed;
}

/** Least text of the region a skip link jumps to (see {@link dropSkipLinks}). */
const SKIP_TARGET_MIN = 200;

/**
 * The link that opens the content when it jumps the reader past the page's header to a
 * region further on ("Saltar al contenido principal", "Zu den Suchergebnissen"): a link
 * to an anchor (`href="#id"`) that is the content's first text, outside any heading,
 * whose target is an empty marker where the region starts or the region itself
 * ({@link SKIP_TARGET_MIN} characters of text or more), not a heading, and does not hold
 * the link (a post's own permalink, "#1", is inside the post it names; a heading's
 * permalink names the heading).
 */
function isSkipLink(a: Element, root: Element): boolean {
  const href = a.getAttribute("href") ?? "";
  if (!href.startsWith("#") || href.length < 2 || a.closest("h1,h2,h3,h4,h5,h6") !== null) {
    return false;
  }
  const target = elementById(root, decodeFragment(href.slice(1)));
  if (target === null || target.contains(a) || /^H[1-6]$/.test(target.tagName)) return false;
  // An empty marker where the region starts (`<span id="bd"></span>`), or the region.
  return target.childNodes.length === 0 || textLength(target) >= SKIP_TARGET_MIN;
}

/**
 * The element of the page with the id `id`: in the page, or else in `root`, which may be
 * detached from it (the scorer moves the article's blocks out of the page).
 */
function elementById(root: Element, id: string): Element | null {
  return root.ownerDocument.getElementById(id) ??
    [...root.querySelectorAll("[id]")].find((el) => el.id === id) ?? null;
}

/** A navigation landmark: the `<nav>` element, or the ARIA role. */
const NAVIGATION = "nav,[role=navigation]";

/**
 * Whether a link leads nowhere but this page: to an anchor of it (`#id`), or to a script
 * (`javascript:`), as the keys of a page's keyboard shortcuts do.
 */
function staysOnPage(a: Element): boolean {
  return /^(#|javascript:)/i.test((a.getAttribute("href") ?? "").trim());
}

/**
 * The navigation landmark that opens the content with its skip links, under a title of
 * its own ("Ir a" over "Contenido principal", then a list of the page's keyboard
 * shortcuts): a `<nav>` (or `role=navigation`) inside `root` around the content's first
 * text, whose links all stay on the page (see {@link staysOnPage}) and whose first link
 * is a skip link (see {@link isSkipLink}). A menu of the site's pages leads elsewhere, and
 * a table of contents leads to headings, which no skip link does. Null when there is none.
 */
function skipNavigation(first: Node, root: Element): Element | null {
  const nav = first.parentElement?.closest(NAVIGATION) ?? null;
  if (nav === null || nav === root || !root.contains(nav)) return null;
  const links = [...nav.querySelectorAll("a[href]")];
  if (links.length === 0 || !links.every(staysOnPage)) return null;
  return isSkipLink(links[0]!, root) ? nav : null;
}

/**
 * Removes the skip links that open the content (see {@link isSkipLink}), and the
 * navigation landmark that holds them under its title when its links all stay on the
 * page (see {@link skipNavigation}): a reader of the page's text does not read the way
 * past its header. Up to two, one after the other. Returns how many went.
 */
export function dropSkipLinks(root: Element): number {
  let removed = 0;
  for (let i = 0; i < 2; i++) {
    const first = firstText(root);
    if (first === null) break;
    const a = first.parentElement?.closest("a[href]") ?? null;
    const skip = a !== null && root.contains(a) && isSkipLink(a, root)
      ? a
      : skipNavigation(first, root);
    if (skip === null) break;
    skip.remove();
    removed++;
  }
  // Further on, a skip link a keyboard's reader is shown only when it reaches it (its
  // class keeps it to screen readers: "Skip to search results" over a shop's filters).
  for (const a of [...root.querySelectorAll('a[href^="#"]')]) {
    if (!root.contains(a) || !isScreenReaderOnly(a) || !isSkipLink(a, root)) continue;
    a.remove();
    removed++;
  }
  return removed;
}

/** A path on the site two steps deep or more, written out: "/en_us/blog/fragments/about". */
const SITE_PATH = /^\/[^/\s]+\/\S+$/;

/**
 * Removes the links that are a template's unfilled placeholders: a link whose text is
 * its own address, a path on the site ({@link SITE_PATH}: "/en_us/blog/fragments/
 * disclaimer"), on a line of its own. A page builder writes such a link where a block
 * of another page was to be embedded, and shows the bare path when it is not; a reader
 * is never given a path for a link's words. A link in a sentence, or one that writes out
 * a full address ("https://example.org/docs"), stays. Returns how many went.
 */
export function dropPlaceholderLinks(root: Element): number {
  let removed = 0;
  for (const a of root.querySelectorAll('a[href^="/"]')) {
    const href = (a.getAttribute("href") ?? "").trim();
    if (!SITE_PATH.test(href) || collapse(a.textContent) !== href) continue;
    // The outermost box around the link that holds nothing else: a block, its line.
    let box: Element = a;
    for (
      let up = box.parentElement;
      up !== null && up !== root && collapse(up.textContent) === href;
      up = up.parentElement
    ) box = up;
    if (!BLOCKS.has(box.tagName)) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/**
 * A template's slot written out where its block was to go: one bracketed token of capitals
 * and digits joined by underscores, "[CTA_MODULE]", "[AD_SLOT_2]". A bracketed word of the
 * text ("[sic]", "[Unit]", "[i]") has lower case or no underscore.
 */
const SLOT_TOKEN = /^\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]$/;

/** Longest text of a slot's paragraph: the token alone. */
const SLOT_MAX = 60;

/**
 * A shortcode the site's engine left unrendered, the paragraph's whole text: its opening
 * tag with named attributes and its closing tag (`[button link="/submit" type="big"]Send
 * us your review[/button]`). A forum's BBCode writes its value after the name
 * (`[quote=Ann]`), with no attribute names.
 */
const SHORTCODE = /^\[([a-z][\w-]*)(\s+[\w-]+=\S+)+\s*\].*\[\/\1\]$/i;

/** Longest text of a shortcode's paragraph: its tags and a button's label. */
const SHORTCODE_MAX = 300;

/**
 * Removes the paragraphs that are a template's unfilled slot ({@link SLOT_TOKEN}) or a
 * shortcode left unrendered ({@link SHORTCODE}): a page builder that fails to render the
 * block a slot names (a call to action, an ad) leaves its token as a paragraph of its own,
 * which no reader is meant to see. Code and a token inside a sentence stay. Returns how
 * many went.
 */
export function dropSlotTokens(root: Element): number {
  let removed = 0;
  for (const p of [...root.querySelectorAll("p")]) {
    if (hasTextLength(p, SHORTCODE_MAX + 1)) continue;
    const text = collapse(p.textContent);
    if (!(SHORTCODE.test(text) || (!hasTextLength(p, SLOT_MAX + 1) && SLOT_TOKEN.test(text)))) {
      continue;
    }
    if (p.closest("pre,code") !== null) continue;
    p.remove();
    removed++;
  }
  return removed;
}

/** A label of one word before a colon ("EMBED:", "Video:"), the whole text of its line. */
const EMBED_LABEL = /^\p{L}{1,12}\s*:$/u;

/**
 * Removes the labels a template writes into the paragraph of an embedded frame or player
 * (`<p>EMBED:<iframe src="…/embed/…"></iframe></p>`): one word and a colon, the whole text
 * of a paragraph that holds the frame. The frame shows the reader no text, and the label
 * names none. Read before the scorer, which takes the frames out. A label with words
 * after it, or one over a paragraph of text, stays. Returns how many went.
 */
export function dropEmbedLabels(root: Element): number {
  let removed = 0;
  for (const frame of [...root.querySelectorAll("iframe,video,embed,object")]) {
    const p = frame.closest("p");
    if (p === null || hasTextLength(p, SLOT_MAX + 1)) continue;
    if (!EMBED_LABEL.test(collapse(p.textContent))) continue;
    const texts: Node[] = [];
    const walker = p.ownerDocument.createTreeWalker(p, 4);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) texts.push(n);
    for (const text of texts) text.parentNode?.removeChild(text);
    removed++;
  }
  return removed;
}

/** Elements whose text a reader never sees as the page's: code, style, markup kept aside. */
const UNREAD = "script,style,noscript,template";

/**
 * The first text node of `root` that holds more than whitespace, outside the elements a
 * reader does not read ({@link UNREAD}): a page taken whole keeps its scripts.
 */
export function firstText(root: Element): Node | null {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (
      (n.textContent ?? "").trim() !== "" && (n.parentElement?.closest(UNREAD) ?? null) === null
    ) {
      return n;
    }
  }
  return null;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Fewest links of a table of contents. */
const TOC_MIN_LINKS = 2;

/** Longest label of a table of contents ("Table of contents", "On this page:", "Inhalt"). */
const TOC_LABEL_MAX = 40;

/** Attribute marking a heading a table of contents led to (see {@link dropTablesOfContents}). */
export const TOC_ENTRY_ATTR = "data-riptide-toc-entry";

/**
 * Removes the tables of contents of a page with their labels: a block (a list, a `<nav>`, a
 * `<div>`, or the cell of a table of one row: an older page lays its contents out as a
 * table, its links a line each) whose text is all links (90 % or more, two links or
 * more), each to an element of this page (`href="#id"`, or a fragment no element holds
 * yet whose link names a heading of the page: the page's scripts give its headings their
 * ids), none of them around a picture (a row of a product's picture cards that lead to
 * its sections is its feature headlines), widened to the box around it while what the
 * box adds is one short line without links (its label: "Table of contents", a
 * `<summary>` over it). The chrome pass takes such a list as navigation and left its
 * label behind on a line of its own. The headings its entries led to are marked
 * {@link TOC_ENTRY_ATTR}: the page's own list of its sections named them. Returns how
 * many went.
 */
export function dropTablesOfContents(body: Element, url?: string): number {
  const doc = body.ownerDocument;
  const here = pageAddress(url);
  // Whether an element has the id, asked once per id until the page changes: each wrapper
  // of a list asks again for the list's links, and getElementById walks the whole page.
  const seen = new Map<string, boolean>();
  let byId: Map<string, Element> | undefined;
  const onPage = (id: string): boolean => {
    let found = seen.get(id);
    if (found === undefined) {
      // As a browser finds it: the id as the fragment is written, else as it reads once its
      // escapes are decoded (a template may keep them in the id, "Army-%E2%80%93-Mobile").
      const index = byId ??= firstById(doc);
      seen.set(id, found = index.has(id) || index.has(decodeFragment(id)));
    }
    return found;
  };
  // A page whose scripts give its headings their ids: a link that names a heading of the
  // page leads to it. The headings' texts are read once, when a list first needs them.
  let headings: Map<string, Element[]> | null = null;
  const namesHeading = (a: Element, list: Element): boolean => {
    if (headings === null) {
      headings = new Map();
      for (const h of body.querySelectorAll("h1,h2,h3,h4,h5,h6")) {
        const text = normalize(h.textContent ?? "");
        headings.set(text, [...(headings.get(text) ?? []), h]);
      }
    }
    const name = normalize(a.textContent ?? "");
    return name !== "" && (headings.get(name) ?? []).some((h) => !list.contains(h));
  };
  // Only a block holding a link to this page, and no link to another, can be one (every
  // link must lead here). A block goes before the blocks inside it or after it are asked,
  // so the sets hold for the whole pass.
  const holdsFragment = new Set<Element>();
  const holdsOther = new Set<Element>();
  for (const a of body.querySelectorAll("a[href]")) {
    const holds = inPageFragment(a.getAttribute("href") ?? "", here) === null
      ? holdsOther
      : holdsFragment;
    for (let at = a.parentElement; at !== null && !holds.has(at); at = at.parentElement) {
      holds.add(at);
    }
  }
  let removed = 0;
  for (const list of [...body.querySelectorAll("ul,ol,nav,div,td")]) {
    if (!holdsFragment.has(list) || holdsOther.has(list)) continue;
    if (!body.contains(list) || list.parentElement?.closest("ul,ol,nav") != null) continue;
    // A cell is a box of the layout only in a table of one row; a row of a table of data
    // (a term, then the links to where each of its arguments is explained) is data.
    if (list.tagName === "TD" && list.closest("table")?.querySelectorAll("tr").length !== 1) {
      continue;
    }
    const links = [...list.querySelectorAll("a[href]")];
    if (links.length < TOC_MIN_LINKS) continue;
    // The cheap test first: most lists of links lead to other pages.
    const ids: string[] = [];
    for (const a of links) {
      const id = inPageFragment(a.getAttribute("href") ?? "", here);
      if (id === null) break;
      ids.push(id);
    }
    if (ids.length < links.length || linkDensity(list) < 0.9) continue;
    // An entry of contents is a line of text; a link around a picture is a card.
    if (links.some((a) => a.querySelector("img,picture") !== null)) continue;
    if (!ids.every((id, i) => onPage(id) || namesHeading(links[i]!, list))) continue;
    let box: Element = list;
    for (let at = list.parentElement; at !== null && at !== body; at = at.parentElement) {
      const extra = textLength(at) - textLength(list);
      if (extra > TOC_LABEL_MAX || leadingLinks(at) !== links.length) break;
      // Its label may be a short paragraph of its own ("Table of contents" in a <p>).
      const blocks = [...at.querySelectorAll("h1,p,pre,table")].filter((e) => !list.contains(e));
      if (blocks.some((e) => !e.matches("p") || e.contains(list))) break;
      box = at;
    }
    if (box === list) continue;
    const index = byId ??= firstById(doc);
    for (const id of ids) {
      const target = index.get(id) ?? index.get(decodeFragment(id));
      if (target !== undefined && /^H[1-6]$/.test(target.tagName)) {
        target.setAttribute(TOC_ENTRY_ATTR, "");
      }
    }
    box.remove();
    seen.clear();
    byId = undefined;
    removed++;
  }
  return removed;
}

/**
 * A table of contents' label, in the languages of `_ui_phrases.ts`: the label and the
 * words a template sets over the table instead ("On this page", "Auf dieser Seite", "Sur
 * cette page", "In questo articolo", "Nesta página", "Op deze pagina", "W tym artykule",
 * "Оглавление", "İçindekiler", "جدول المحتويات", "목차", "この記事の目次", "文章目录").
 */
const TOC_LABEL = new RegExp(
  "^(?:table of contents?|contents|on this page|in this (?:article|post|guide)|" +
    "inhaltsverzeichnis|inhalt|inhaltsübersicht|auf dieser seite|in diesem (?:artikel|beitrag)|" +
    "sommaire|table des matières|sur cette page|dans cet article|índice|indice|contenidos?|" +
    "en esta página|en este artículo|contenuti|indice dei contenuti|in questa pagina|" +
    "in questo articolo|sumário|nesta página|neste artigo|spis treści|na tej stronie|" +
    "w tym artykule|содержание|оглавление|в этой статье|на этой странице|" +
    "inhoud(?:sopgave)?|op deze pagina|in dit artikel|[iİ]çindekiler|bu (?:sayfada|yazıda)|" +
    "المحتويات|جدول المحتويات|محتويات المقال|목차|이 글의 목차|目次|この記事の目次|目录|目錄|" +
    "文章目录|文章目錄|本文目录|本文目錄)" +
    "\\s*:?$",
  "iu",
);

/** Elements a table of contents' label is written in. */
const TOC_LABEL_TAGS = "h2,h3,h4,h5,h6,p,div,span,strong";

/**
 * Each label of a table of contents ({@link TOC_LABEL}) still in `root`, widened to the
 * box below `root` whose whole text it is, with that text. Asked lazily: a label whose box
 * a pass removed is not given.
 */
function* tocLabels(root: Element): Generator<{ label: Element; box: Element; text: string }> {
  for (const label of [...root.querySelectorAll(TOC_LABEL_TAGS)]) {
    if (!root.contains(label) || hasTextLength(label, TOC_LABEL_MAX + 1)) continue;
    const text = collapse(label.textContent);
    if (!TOC_LABEL.test(text)) continue;
    let box = label;
    while (box.parentElement !== null && box.parentElement !== root) {
      if (collapse(box.parentElement.textContent) !== text) break;
      box = box.parentElement;
    }
    yield { label, box, text };
  }
}

/**
 * Removes the labels of tables of contents left over nothing: a label ({@link TOC_LABEL},
 * "Table of Content") that is the whole text of its box, where the box's next block opens
 * with a paragraph of prose (the table a script fills, or the narrow screen's copy of a
 * label whose table went with the side column). A label over its table (links, a book's
 * chapters), or written in a block of the text's own (a heading followed by a sentence
 * that introduces the table), stays.
 * Returns how many went.
 */
export function dropOrphanTocLabels(root: Element): number {
  let removed = 0;
  for (const { label: el, box } of tocLabels(root)) {
    // A label in a block of the text's own (its parent holds more) is the text's heading.
    if (box === el) continue;
    let next = box.nextElementSibling;
    while (next !== null && !hasTextLength(next, 1)) next = next.nextElementSibling;
    if (next === null || !opensWithProse(next)) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/** Fewest links of a guide's contents to its other pages (see {@link dropGuideContents}). */
const GUIDE_OTHERS_MIN = 2;

/** Share of a guide's contents' text (its label aside) its links hold at least. */
const GUIDE_LINKS_MIN = 0.9;

/** A page's address as its links write it: no fragment, no query, no trailing slash. */
function sameAddress(a: URL, b: URL): boolean {
  const path = (u: URL): string => u.pathname.replace(/\/+$/, "");
  return a.host === b.host && path(a) === path(b);
}

/**
 * Removes the contents of a guide written over several pages, set beside each of its
 * pages: a label ({@link TOC_LABEL}, "Table of Contents:") over a box whose other text is
 * all links ({@link GUIDE_LINKS_MIN} of it or more), one of them to this very page (the
 * chapter a reader is on) and {@link GUIDE_OTHERS_MIN} or more to other pages of the site
 * (its other chapters), none to another site and none around a picture. It is the
 * guide's way through its chapters, not the chapter's text. A table of contents of this
 * page alone (links to its own sections) is {@link dropTablesOfContents}'s. Returns how
 * many went.
 */
export function dropGuideContents(body: Element, url?: string): number {
  const here = pageAddress(url);
  if (here === null) return 0;
  let removed = 0;
  for (const { box: top, text } of tocLabels(body)) {
    const box = top.parentElement;
    if (box === null || box === body || !collapse(box.textContent).startsWith(text)) continue;
    const links = [...box.querySelectorAll("a[href]")];
    if (links.some((a) => a.querySelector("img,picture") !== null)) continue;
    let self = 0;
    let others = 0;
    let linked = 0;
    for (const a of links) {
      let to: URL;
      try {
        to = new URL(a.getAttribute("href") ?? "", here);
      } catch {
        others = -1;
        break;
      }
      if (to.host !== here.host) {
        others = -1;
        break;
      }
      if (sameAddress(to, here)) self++;
      else others++;
      linked += textLength(a);
    }
    if (self === 0 || others < GUIDE_OTHERS_MIN) continue;
    if (linked < GUIDE_LINKS_MIN * (textLength(box) - textLength(top))) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/** Shortest paragraph a label's orphan test reads as prose (see {@link opensWithProse}). */
const TOC_PROSE_MIN = 80;

/** A sentence's stop, in any script that has one ({@link FULL_STOPS}). */
const FULL_STOP = new RegExp(`[${FULL_STOPS}]`);

/**
 * Whether the first text of `el` is a paragraph of prose: a `<p>` of
 * {@link TOC_PROSE_MIN} characters or more, not in a link, with a sentence's stop. A
 * table's entries (links, or a book's chapters with their pages) are none.
 */
function opensWithProse(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if ((n.textContent ?? "").trim() === "") continue;
    const at = n.parentElement;
    const p = at?.closest("p");
    if (at == null || p == null || !el.contains(p) || at.closest("a") !== null) return false;
    return hasTextLength(p, TOC_PROSE_MIN) && FULL_STOP.test(p.textContent ?? "");
  }
  return false;
}

/**
 * How many links of `el` lead somewhere: a link to "#" alone, to nothing or to a script is
 * a button (the toggle that folds a table of contents beside its label).
 */
function leadingLinks(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll("a[href]")) {
    const href = (a.getAttribute("href") ?? "").trim();
    if (href !== "" && href !== "#" && !/^javascript:/i.test(href)) n++;
  }
  return n;
}

/**
 * Finds the first element of an id in `doc`, as {@link firstById} does, walking the page
 * only as far as that element: a "back to top" link's anchor stands near the page's top.
 * The ids passed on the way are kept, and a later ask goes on from where the walk stopped;
 * good while the page's elements and their ids do not change.
 */
function idFinder(doc: Document): (id: string) => Element | null {
  const found = new Map<string, Element>();
  const walk = documentElements(doc);
  return (id: string): Element | null => {
    const known = found.get(id);
    if (known !== undefined) return known;
    for (let next = walk.next(); !next.done; next = walk.next()) {
      const el = next.value;
      if (found.has(el.id)) continue;
      found.set(el.id, el);
      if (el.id === id) return el;
    }
    return null;
  };
}

/**
 * The first element of each id in `doc`, in document order, as `getElementById` finds it
 * (linkedom's walks the whole page on each call; an element without an id is found for
 * ""): one walk, good until the page changes.
 */
function firstById(doc: Document): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const el of documentElements(doc)) if (!out.has(el.id)) out.set(el.id, el);
  return out;
}

/** The address of the page without its fragment, or null when it has none or is not one. */
function pageAddress(url: string | undefined): URL | null {
  if (url === undefined || url === "") return null;
  try {
    const u = new URL(url);
    u.hash = "";
    return u;
  } catch {
    return null;
  }
}

/**
 * The element id a link points to on this page: `#id`, or the page's own address with a
 * fragment (`/blog/post#id`, as some templates write every link of a table of contents).
 * Null for a link to another page.
 */
function inPageFragment(href: string, here: URL | null): string | null {
  if (href.startsWith("#")) return href.slice(1);
  if (here === null || !href.includes("#")) return null;
  try {
    const u = new URL(href, here);
    const frag = u.hash.slice(1);
    u.hash = "";
    return u.href === here.href && frag !== "" ? frag : null;
  } catch {
    return null;
  }
}

/** Relations a link to a neighbouring page declares in its `rel` (HTML link types). */
const RELATIONS: ReadonlySet<string> = new Set(["prev", "previous", "next", "up"]);

/** Longest text of a bar of links to neighbouring pages ("Prev · Up · Home · Next"). */
const BAR_MAX = 150;

/** A link to a neighbouring page: `rel="prev|next|up"`, or a key of its own (`accesskey`). */
function isRelationLink(a: Element): boolean {
  if (a.hasAttribute("accesskey")) return true;
  return (a.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).some((r) => RELATIONS.has(r));
}

/**
 * Removes the bars of links to neighbouring pages: the smallest-to-largest box of two such
 * links or more (`rel="prev"`, `"next"`, `"up"`, or a link given an `accesskey`) whose text
 * stays short (150 characters at most) and holds no heading, paragraph, code or picture.
 * Manuals put one above and one below each page ("Prev | Up | Home | Next" with the
 * neighbours' titles), a list's pager declares its next page; the markup names them in
 * any language, and they are the site's way through its pages, not the page's text.
 * Returns how many went.
 */
export function dropRelationBars(body: Element): number {
  const marked = [...body.querySelectorAll("a[accesskey],a[rel]")].filter(isRelationLink);
  if (marked.length === 0) return 0;
  let removed = 0;
  for (const a of marked) {
    if (!a.isConnected || !body.contains(a)) continue;
    let bar: Element | null = null;
    for (let at = a.parentElement; at !== null && at !== body; at = at.parentElement) {
      if (textLength(at) > BAR_MAX || at.matches("p,h1,h2,h3,h4,h5,h6")) break;
      if (at.querySelector("h1,h2,h3,h4,h5,h6,p,pre,code,img,form") !== null) break;
      if (marked.filter((m) => at.contains(m)).length >= 2) bar = at;
    }
    if (bar === null) continue;
    bar.remove();
    removed++;
  }
  // A link to the next or previous page alone in its block (a card: "Next", the page's
  // title and its line).
  for (const a of marked) {
    if (!a.isConnected || !body.contains(a) || a.hasAttribute("accesskey")) continue;
    const text = textLength(a);
    if (text === 0 || text > BAR_MAX) continue;
    let box: Element = a;
    while (
      box.parentElement !== null && box.parentElement !== body &&
      textLength(box.parentElement) === text
    ) box = box.parentElement;
    if (box === a && a.parentElement !== null && textLength(a.parentElement) > text) continue;
    box.remove();
    removed++;
  }
  return removed;
}

/** The marks a row of links sets between its links: a bar, a dot, a bullet. */
const LINK_SEPARATOR = /^[|\u00a6\u00b7\u2022\u2027\u2219\u22c5]$/u;

/** Fewest links of a row of links written with separators (see {@link dropSeparatedLinkRows}). */
const SEPARATED_ROW_MIN = 3;

/** Longest text of such a row: a bar of links, not a paragraph. */
const SEPARATED_ROW_MAX = 300;

/**
 * Removes the rows of links a page writes with marks between them ("new | past | comments
 * | ask", "Guidelines | FAQ | Contact", "Past 30 Days · Archives · RSS"): a short box (300
 * characters at most) whose text is three links or more and, outside them, only bars, dots
 * or bullets, two at least, holding no heading, paragraph, list, table, code or picture.
 * Whatever the links say, in any language, a site's header and footer bars and a list's
 * row of links to its archives are built this way; an item's own line has words between
 * its links (a date, "by", a label such as "Tags:"), and a trail of where the page sits
 * (breadcrumbs) is written with arrows or slashes. Returns how many rows went.
 */
export function dropSeparatedLinkRows(root: Element): number {
  return removeLines(root, "span,p,div,h2,h3,h4,h5,h6,td,center,nav", isSeparatedLinkRow);
}

/** Removes the elements of `root` matching `selector` that `isLine` tells; returns how many. */
function removeLines(root: Element, selector: string, isLine: (el: Element) => boolean): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll(selector)]) {
    if (!root.contains(el) || !isLine(el)) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** Fewest links of a bare run of links (see {@link dropBareLinkRuns}). */
const BARE_RUN_MIN = 4;

/**
 * Removes the runs of links a landing page sets side by side with nothing between them
 * ("Go from brainstorm to roadmap →", "Plan an offsite →", ... each a link to another
 * of its pages): a box whose text is {@link BARE_RUN_MIN} links or more and not a word
 * outside them, holding no heading, paragraph, list, table, code or picture, at most
 * {@link SEPARATED_ROW_MAX} characters long. Its links each point elsewhere, a menu of
 * the site's pages; a section's text has words of its own. Returns how many runs went.
 */
export function dropBareLinkRuns(root: Element): number {
  return removeLines(root, "div,span,nav", isBareLinkRun);
}

/** Whether an element is a bare run of links (see {@link dropBareLinkRuns}). */
function isBareLinkRun(el: Element): boolean {
  if (el.children.length < BARE_RUN_MIN) return false;
  let links = 0;
  const read = readLine(el, SEPARATED_ROW_STOPS, (part) => part === LINK && ++links > 0);
  return read && links >= BARE_RUN_MIN && textLength(el) <= SEPARATED_ROW_MAX;
}

/** Elements a row of links written with separators does not hold. */
const SEPARATED_ROW_STOPS = /^(UL|OL|TABLE|IMG|PRE|CODE|P|H[1-6])$/;

/** Whether an element is a row of links with separators (see {@link dropSeparatedLinkRows}). */
function isSeparatedLinkRow(el: Element): boolean {
  let links = 0;
  let gaps = 0;
  // Whether a separator has come since the last link.
  let parted = true;
  const read = readLine(el, SEPARATED_ROW_STOPS, (part) => {
    if (part === LINK) {
      links++;
      parted = false;
      return true;
    }
    // The reading stops at the first word outside a link: most boxes are read no further.
    if (!LINK_SEPARATOR.test(part)) return false;
    if (!parted) gaps++;
    parted = true;
    return true;
  });
  if (!read || links < SEPARATED_ROW_MIN || gaps < SEPARATED_ROW_MIN - 1) return false;
  return textLength(el) <= SEPARATED_ROW_MAX;
}

/** A link of a line of links, as {@link readLine} reads it. */
const LINK = Symbol("link");

/**
 * Reads a box as a line of links, in the page's order: hands `part` each word outside the
 * links, and {@link LINK} for each link with text and an address (a link without text is
 * passed over), and stops where `part` answers `false`. A link without an address (a
 * label) or an element of `stops` (a list, a table, a paragraph: no part of a line) stops
 * the reading too. Returns whether the box was read to its end: a caller's test stops at
 * the first part that tells, and most boxes are read no further.
 */
function readLine(
  node: Element,
  stops: RegExp,
  part: (word: string | typeof LINK) => boolean,
): boolean {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      // Word by word, as the caller asks for them (most readings stop at the first), not
      // the whole text split at once.
      const text = child.textContent ?? "";
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
        if (!part(m[0])) return false;
      }
    } else if (child.nodeType === 1) {
      const c = child as Element;
      if (c.tagName === "A") {
        if (normalize(c.textContent ?? "") === "") continue;
        if (!c.hasAttribute("href") || !part(LINK)) return false;
      } else if (stops.test(c.tagName) || !readLine(c, stops, part)) return false;
    }
  }
  return true;
}

/**
 * A word of a line as {@link readLine} hands them: a run of characters other than white
 * space. Its `lastIndex` is the reading's place in one text; no `part` reads a line.
 */
const WORD = /\S+/g;

/** The arrows a trail of where the page sits writes between its steps ("Home › Blog › Post"). */
const TRAIL_ARROW = /^(?:[>\u00bb\u203a\u2192\u27e9\u276f\u25b8\u25ba])+$/u;

/** Longest text of such a trail: a line of steps, not a paragraph. */
const TRAIL_MAX = 300;

/**
 * Removes the trails of where the page sits that a template writes as text (breadcrumbs
 * without a name: "Articles > Careers > This article's title"): a short box ({@link
 * TRAIL_MAX}) whose text is two links or more with an arrow ({@link TRAIL_ARROW}) between
 * each two, maybe closed by an arrow and the page's own name unlinked, holding no heading,
 * paragraph, list, table, code or picture, and not set in code. Whatever the steps say,
 * in any language, an arrow between links leads from a section to its part; a sentence
 * that names a menu's path ("choose Settings > Privacy") has words around its steps.
 * Trails written with slashes or bars are left to {@link dropSeparatedLinkRows}' reading.
 * So do the trails written as lists whose page the page's title (`pageTitle`) names
 * ({@link isBreadcrumbList}). Returns how many trails went.
 */
export function dropBreadcrumbTrails(root: Element, pageTitle = ""): number {
  let removed = 0;
  for (const el of [...root.querySelectorAll("span,p,div,nav,td")]) {
    if (!root.contains(el) || !isBreadcrumbTrail(el)) continue;
    el.remove();
    removed++;
  }
  const title = normalize(pageTitle);
  if (title === "") return removed;
  for (const list of [...root.querySelectorAll("ul,ol")]) {
    if (!root.contains(list) || !isBreadcrumbList(list, title)) continue;
    list.remove();
    removed++;
  }
  return removed;
}

/** Most words of a step of a trail written as a list: a section's name, not a line. */
const CRUMB_WORDS = 5;

/**
 * A trail of where the page sits written as a list whose separators its styles draw
 * ("Home", "Solutions", "Data analytics"): three items or more, each but the last one
 * short link ({@link CRUMB_WORDS} words at most) and nothing else, the last the page's
 * own name unlinked, which the document's title (`title`, {@link normalize}d) holds.
 * A menu's current item is linked; a list of steps names no page.
 */
function isBreadcrumbList(list: Element, title: string): boolean {
  const items = list.children;
  if (items.length < 3) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.tagName !== "LI") return false;
    const said = normalize(item.textContent ?? "");
    if (said === "" || said.split(" ").length > CRUMB_WORDS) return false;
    const links = item.getElementsByTagName("a");
    if (i < items.length - 1) {
      if (links.length !== 1 || normalize(links[0]!.textContent ?? "") !== said) return false;
    } else if (links.length !== 0 || !` ${title} `.includes(` ${said} `)) return false;
  }
  return true;
}

/** Elements a trail of where the page sits does not hold. */
const TRAIL_STOPS = /^(UL|OL|TABLE|IMG|PICTURE|PRE|CODE|P|H[1-6])$/;

/** Whether an element is a trail of linked steps with arrows (see {@link dropBreadcrumbTrails}). */
function isBreadcrumbTrail(el: Element): boolean {
  // In code, an arrow between linked names is an operator ("<a>Stream</a> > <a>Sink</a>").
  if (el.closest("pre,code") !== null) return false;
  let links = 0;
  // Whether an arrow has come since the last link, and whether the page's own name has.
  let parted = true;
  let named = false;
  const read = readLine(el, TRAIL_STOPS, (part) => {
    if (part === LINK) {
      if (!parted || named) return false;
      links++;
      parted = false;
    } else if (TRAIL_ARROW.test(part)) {
      // Two arrows in a row, or an arrow before the first step, are no trail.
      if (parted || named) return false;
      parted = true;
    } else if (links > 0 && parted) named = true;
    // The reading stops at the first word that is no step: most boxes are read no further.
    else return false;
    return true;
  });
  if (!read || links < 2 || (parted && !named)) return false;
  return textLength(el) <= TRAIL_MAX;
}

/** Longest line that points to another page under a label ("Related: …", "Lesen Sie auch: …"). */
const POINTER_MAX = 200;

/** Most words of such a line's label: a call to read on, not a sentence. */
const POINTER_LABEL_WORDS = 4;

/** Fewest words of the title the line links to: a page's title, not a name. */
const POINTER_TITLE_WORDS = 3;

/** A line's opening label: a few words closed by a colon, maybe after a bracket or an arrow. */
const POINTER_LABEL = /^[\s\[(»›>]*([^:：]{1,60})[:：]\s*$/u;

/**
 * Whether a line opens with a short label and a colon ("Price: Free tier", "Website: …"):
 * a block whose text has a colon after one to {@link POINTER_LABEL_WORDS} words.
 */
function isLabelLine(el: Element): boolean {
  if (!/^(P|LI|H[3-6]|DT|DD)$/.test(el.tagName)) return false;
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  const at = text.search(/[:：]/);
  if (at <= 0) return false;
  const label = normalize(text.slice(0, at));
  return label !== "" && lineWords(label) <= POINTER_LABEL_WORDS;
}

/**
 * Removes the lines an article sets between its paragraphs to point to another of the
 * site's pages: a line (a paragraph, a list's item, a minor heading) of
 * {@link POINTER_MAX} characters at most that is a label of a few words and a colon
 * ("Related:", "Also read:", "Lesen Sie auch:", "Leia também:") followed by one link whose
 * text is a title ({@link POINTER_TITLE_WORDS} words or more, not an address), with
 * nothing after it but a mark. The shape is the template's, in any language: the writer's
 * sentences have words around their links. The link leads to one of the site's pages (a
 * relative address, or a host of the page's address or of the address it names as its
 * own): a line that names another site's page under its label ("Source: <a report>")
 * cites it. A line beside other labelled lines (a tool's facts: "Price: …", "Website: …",
 * "Use case example: …") is one of those facts, and stays. Returns how many lines went.
 */
export function dropPointerLines(root: Element, url: string): number {
  const hosts = siteHosts(root.ownerDocument, url);
  let removed = 0;
  for (const el of [...root.querySelectorAll("p,li,h3,h4,h5,h6")]) {
    if (!root.contains(el) || !isPointerLine(el)) continue;
    // A line that cites another site's page ("Source: <a report's title>") is a citation.
    if (!leadsHome(el.querySelector("a")!, hosts)) continue;
    // Among labelled lines of other shapes, the line is one of a list of facts.
    const parent = el.parentElement;
    const facts = parent === null
      ? []
      : [...parent.children].filter((c) => isLabelLine(c) && !isPointerLine(c));
    if (facts.length > 0) continue;
    el.remove();
    removed++;
  }
  return removed;
}

/** A host name without its "www." (or "m."), as a site's pages and their copies name it. */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/^(www\d*|m)\./, "");
}

/**
 * The hosts a page says it belongs to: its address's and those of the address it names as
 * its own (`<link rel="canonical">`, `og:url`), which hold when the page was fetched under
 * another address.
 */
function siteHosts(document: Document, url: string): Set<string> {
  const hosts = new Set<string>();
  const add = (address: string | null | undefined): void => {
    if (!address) return;
    try {
      hosts.add(bareHost(new URL(address).hostname));
    } catch {
      // Not an address: it names no host.
    }
  };
  add(url);
  add(document.querySelector('link[rel~="canonical"]')?.getAttribute("href"));
  add(document.querySelector('meta[property="og:url"]')?.getAttribute("content"));
  return hosts;
}

/** Whether a link leads to another page of the site: a relative address, or one of its hosts. */
function leadsHome(a: Element, hosts: ReadonlySet<string>): boolean {
  const href = (a.getAttribute("href") ?? "").trim();
  if (!/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) return true;
  try {
    return hosts.has(bareHost(new URL(href, "https://invalid.example/").hostname));
  } catch {
    return false;
  }
}

/** Whether a line is a label and one link to a titled page (see {@link dropPointerLines}). */
function isPointerLine(el: Element): boolean {
  if (el.querySelector("p,div,li,ul,ol,table,img,br") !== null) return false;
  const links = el.querySelectorAll("a");
  if (links.length !== 1 || !links[0]!.hasAttribute("href")) return false;
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  if (text.length > POINTER_MAX) return false;
  const title = (links[0]!.textContent ?? "").replace(/\s+/g, " ").trim();
  if (lineWords(normalize(title)) < POINTER_TITLE_WORDS) return false;
  // One token is an address, unless it is a title of a script that does not space words.
  if (/^\S+$/.test(title) && !hasUnspacedLetters(title)) return false;
  const at = text.indexOf(title);
  if (at <= 0) return false;
  const label = POINTER_LABEL.exec(text.slice(0, at))?.[1];
  if (label === undefined) return false;
  const labelText = normalize(label);
  if (labelText === "" || lineWords(labelText) > POINTER_LABEL_WORDS) return false;
  return normalize(text.slice(at + title.length)) === "";
}

/**
 * The text of a footnote's call: a short number, a letter or a mark ("1", "[2]", "(a)",
 * "*", "†"), maybe bracketed.
 */
const NOTE_CALL_TEXT = /^[\[(]?\s*(?:\p{N}{1,3}|\p{L}|[*†‡§¶#]{1,3})\s*[\])]?$/u;

/**
 * Class and id words that name a footnote, its call or a citation, as the generators
 * write them ("footnote-ref", "fnref:2", "cite_note-3", "reference", "easy-footnote").
 */
const NOTE_WORDS: ReadonlySet<string> = new Set([
  "citation",
  "cite",
  "fn",
  "fnref",
  "footnote",
  "footnoteref",
  "noteref",
  "ref",
  "reference",
]);

/** Whether an element's class, id or role names a footnote's call (see {@link NOTE_WORDS}). */
function namesNoteCall(el: Element): boolean {
  if (el.getAttribute("role") === "doc-noteref") return true;
  return nameParts(classAndId(el)).some((w) => NOTE_WORDS.has(w));
}

/** Most elements a call's link is wrapped in, each holding its text alone (`<sup><a>`). */
const NOTE_CALL_DEPTH = 3;

/**
 * Removes an article's footnote calls whose notes are not in its text: a link to an
 * anchor of the page (`href="#id"`) whose text is a note's number, letter or mark
 * ("1", "[2]", "*"), set in a `<sup>` or named as a footnote's call or a citation
 * (`class="footnote-ref"`, `id="fnref:2"`, `id="cite_ref-3"`, `role="doc-noteref"`),
 * that leads to no element of `root`. A note's list under an article is the apparatus
 * the boilerplate pass takes out ("footnotes", "citations"), and a call to it then
 * points nowhere: read as text it glues a number to the word it follows ("services1").
 * A call whose note is in the text stays. A call that writes the page's address before
 * the anchor (`href="https://…/post#footnote-1"`, as a newsletter platform does) goes
 * the same way when it is named as a call; a bare number in a `<sup>` linking to an
 * anchor of another address may be a reference to that page, and stays. The `<sup>` (or
 * other box) that holds only the link goes with it. Returns how many went.
 *
 * @example
 * ```ts ignore
 * dropOrphanNoteCalls(root); // "Rust<sup><a href="#fn-1">1</a></sup>" reads "Rust"
 * ```
 */
export function dropOrphanNoteCalls(root: Element): number {
  let anchors: Set<string> | undefined;
  let removed = 0;
  for (const a of [...root.querySelectorAll('a[href*="#"]')]) {
    const text = (a.textContent ?? "").trim();
    if (!NOTE_CALL_TEXT.test(text)) continue;
    const href = a.getAttribute("href") ?? "";
    const hash = href.indexOf("#");
    // A call written with the page's whole address before its anchor ("https://…/post#
    // footnote-1") is told by its name alone: a number in a <sup> that links to another
    // page's anchor is a reference of its own.
    const local = hash === 0;
    let box: Element = a;
    let call = namesNoteCall(a);
    let sup = false;
    for (
      let el = a.parentElement, i = 1;
      el !== null && el !== root && i < NOTE_CALL_DEPTH && (el.textContent ?? "").trim() === text;
      el = el.parentElement, i++
    ) {
      box = el;
      if (el.tagName === "SUP") sup = true;
      if (namesNoteCall(el)) call = true;
    }
    if (!call && !(local && sup)) continue;
    const id = decodeFragment(href.slice(hash + 1));
    if (id === "") continue;
    if (anchors === undefined) {
      anchors = new Set<string>();
      for (const el of root.querySelectorAll("[id], a[name]")) {
        const own = el.getAttribute("id");
        if (own !== null) anchors.add(own);
        const name = el.getAttribute("name");
        if (el.tagName === "A" && name !== null) anchors.add(name);
      }
    }
    if (anchors.has(id)) continue;
    box.remove();
    removed++;
  }
  return removed;
}
