/**
 * Per-post segmentation of discussion threads for `auto`.
 *
 * A thread is a run of posts built from one template: each post has a body (the text
 * its author wrote) and per-post chrome around it — a user card (title, join date,
 * post count, reaction score, location), a header (permalink, post number, share
 * buttons), a footer (reactions, like/reply buttons). A reader of the thread sees, per
 * post, who wrote it, when, and what; the card and the buttons are the forum's.
 *
 * The posts are found as the largest run of like siblings (same tag and first class,
 * same declared `itemtype`/`itemprop`, or bare wrappers of one like element: a table's
 * rows around their post cells) that holds a fair share of the page's text (overlays
 * such as a consent dialog left out); the body as the template slot (the path of tags
 * and classes from the post) that holds most of the posts' written text. Every other slot the template repeats is chrome,
 * except the post's author and date, which are kept as one attribution line before the
 * body. Nothing changes unless most posts have an author or a date (a run of teasers is
 * not a thread). A quote that copies another post of the page at length goes: the
 * reader has that post where it was written. Language-neutral: no word of any language
 * is matched, only markup (`<time>`, `itemprop`, `<blockquote>`, class names) and the
 * shape of the text.
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import type { DeclaredPost } from "./_structured.ts";
import { findAuthor, findDate, isAbsoluteDate } from "./_post_attribution.ts";
import { inOverlay, overlayText } from "./_thread_overlay.ts";
import { solidLength, textLength } from "./_measure.ts";
import { COMMENTS_HEADING } from "./_ui_phrases.ts";
import {
  dropClassHidden,
  dropEditNotes,
  dropEmbedFallbacks,
  dropLinkCards,
  dropPastedLogs,
  dropQuoteCitations,
  dropQuotedCopies,
  dropQuoteExpanders,
  dropScriptControls,
  dropTitleHeadings,
  restoreShortenedAddresses,
  SILENT_TAGS,
} from "./_thread_cleanup.ts";

/**
 * Tags a post can be. A board laid out in one table can give each post a row group
 * (`<tbody>`) of its own: a header row (title, author, date) and a row of text.
 */
const POST_TAGS: ReadonlySet<string> = new Set([
  "DIV",
  "ARTICLE",
  "SECTION",
  "LI",
  "TR",
  "TBODY",
  "TABLE",
]);

/** Attribute that marks the attribution line this module writes before each post's body. */
export const ATTRIBUTION_ATTR = "data-riptide-attribution";

/** Attribute that marks each post's body, found by this module: content, whatever wraps it. */
export const POST_BODY_ATTR = "data-riptide-post";

/** Least length of a run of text written at once (not a label or a figure). */
const RUN_MIN = 20;

/**
 * Share of the richest slot's written text the body slot holds: more than half. Comments
 * under an answer can hold almost as much as the answer itself (40 % and more), and the
 * body is still the slot that holds most of it.
 */
const BODY_SHARE = 0.5;

/** Text measures of every element under a root, from one walk. */
interface Measures {
  /** Visible text length (non-space characters). */
  lens: Map<Element, number>;
  /** The part of it in runs of at least 20 characters: written text, not labels and figures. */
  runs: Map<Element, number>;
  /** The part of `runs` outside links: what was written here, not titles of other pages. */
  prose: Map<Element, number>;
  /** Document order (linkedom's `compareDocumentPosition` is wrong across depths). */
  order: Map<Element, number>;
}

function measure(root: Element): Measures {
  const lens = new Map<Element, number>();
  const runs = new Map<Element, number>();
  const prose = new Map<Element, number>();
  const order = new Map<Element, number>();
  const walk = (el: Element, inLink: boolean): [number, number, number] => {
    order.set(el, order.size);
    let n = 0;
    let r = 0;
    let w = 0;
    const linked = inLink || el.tagName === "A";
    // A run of text is one text node (the parser makes one of a run with character
    // references, "It&#39;s"), or several a renderer's comments split one sentence into
    // ("It's<!-- --> <!-- -->certainly").
    let open = 0;
    const close = (): void => {
      if (open >= RUN_MIN) {
        r += open;
        if (!linked) w += open;
      }
      open = 0;
    };
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const len = solidLength(child.nodeValue ?? "");
        n += len;
        if (child.previousSibling?.nodeType !== 8) close();
        open += len;
      } else if (child.nodeType === 1 && !SILENT_TAGS.has((child as Element).tagName)) {
        close();
        const [cn, cr, cw] = walk(child as Element, linked);
        n += cn;
        r += cr;
        w += cw;
      }
    }
    close();
    lens.set(el, n);
    runs.set(el, r);
    prose.set(el, w);
    return [n, r, w];
  };
  walk(root, false);
  return { lens, runs, prose, order };
}

function firstClass(el: Element): string {
  return (el.getAttribute("class") ?? "").trim().split(/\s+/)[0] ?? "";
}

/** The key that like elements at one place of a post share: tag and first class. */
function key(el: Element): string {
  return `${el.tagName}.${firstClass(el)}`;
}

/**
 * The key of an element at its place in a post's template: its {@link key}, a class
 * that ends in one digit read without it where no sibling has the class with another
 * digit. Engines of the 2000s alternate the class of every other post's box
 * ("windowbg"/"windowbg2", "row1"/"row2"): the same place of the template in odd and
 * even posts. Cells of one row that alternate ("alt2" beside "alt1") are two places.
 * An element without a class is keyed by its id with the post's number taken out
 * (`id="post_message_910401"`: "post_message_"), which names its slot as a class would:
 * a board that lays its posts out in tables (vBulletin 3) writes the same row and cell
 * keys for the body and the signature, the user card and the buttons, and tells its
 * slots apart by such ids only.
 */
function slotKey(el: Element): string {
  if (firstClass(el) === "") {
    const id = el.getAttribute("id") ?? "";
    return /\d/.test(id) ? `${el.tagName}#${id.replace(/\d+/g, "")}` : key(el);
  }
  const m = ALTERNATING_CLASS.exec(firstClass(el));
  if (m === null) return key(el);
  const stem = m[1]!;
  for (const s of el.parentElement?.children ?? []) {
    if (s === el || s.tagName !== el.tagName) continue;
    const other = firstClass(s);
    if (
      other !== firstClass(el) && (other === stem || ALTERNATING_CLASS.exec(other)?.[1] === stem)
    ) {
      return key(el);
    }
  }
  return `${el.tagName}.${stem}`;
}

/** A class that ends in one digit after a letter: one of a pair of alternating classes. */
const ALTERNATING_CLASS = /^(.*[a-z])\d$/i;

/** The key of `el` at place `i` of a chain of slot keys from a post down (the post's own is its key). */
function chainKey(el: Element, i: number): string {
  return i === 0 ? key(el) : slotKey(el);
}

/**
 * The keys under which a sibling can be like others: tag and first class, or tag and
 * declared role (`itemtype`, `itemprop`) — engines put state classes such as
 * "topic-owner-post" first, and a Q&A page's accepted answer has its own `itemprop`.
 */
function siblingKeys(el: Element): string[] {
  const out: string[] = [];
  const cls = firstClass(el);
  if (cls !== "") out.push(`${el.tagName}.${cls}`);
  // A bare wrapper of one classed element (a table row around its one cell) is like
  // the other wrappers of such elements.
  const only = el.children.length === 1 ? el.children[0]! : null;
  if (cls === "" && only !== null && firstClass(only) !== "") {
    out.push(`${el.tagName}>${key(only)}`);
  }
  // An element without a class is named by its id as a class would name it, the post's
  // number taken out (vBulletin 3's `<div id="edit910401">` around each post's table).
  if (cls === "" && /\d/.test(el.getAttribute("id") ?? "")) out.push(slotKey(el));
  const type = el.getAttribute("itemtype");
  if (type !== null) out.push(`${el.tagName}[${type}]`);
  const prop = el.getAttribute("itemprop");
  if (prop !== null) out.push(`${el.tagName}{${prop}}`);
  return out;
}

/**
 * The runs of posts a thread may be: runs of like siblings (at least two, with a class)
 * that hold at least a fifth of the page's text (menus, rules and footers can hold the
 * rest) and are not lists of links, those with the most members first (a run of page
 * sections holds posts, not the other way round), of as many, the one with more text.
 */
function findPosts(body: Element, lens: Map<Element, number>): Run[] {
  // An overlay's text (a consent dialog's pages of vendor notices) is not the page's.
  const total = (lens.get(body) ?? 0) - overlayText(body, lens);
  const found: (Run & { text: number })[] = [];
  if (total === 0) return found;
  for (const parent of body.querySelectorAll("*")) {
    // A run holds no more text than its parent.
    if (parent.children.length < 2 || (lens.get(parent) ?? 0) < 0.2 * total) continue;
    const groups = new Map<string, Element[]>();
    for (const child of parent.children) {
      if (!POST_TAGS.has(child.tagName) || (lens.get(child) ?? 0) === 0) continue;
      for (const k of siblingKeys(child)) {
        const g = groups.get(k);
        if (g === undefined) groups.set(k, [child]);
        else g.push(child);
      }
    }
    for (const [k, g] of groups) {
      if (g.length < 2) continue;
      const text = g.reduce((n, el) => n + (lens.get(el) ?? 0), 0);
      if (text < 0.2 * total) continue;
      const links = g.reduce((n, el) => n + linkText(el, lens), 0);
      if (links > 0.5 * text || inOverlay(parent)) continue;
      found.push({ posts: g, key: k, text });
    }
  }
  // Stable: of two runs alike in members and text, the first in the page.
  return found.sort((a, b) => b.posts.length - a.posts.length || b.text - a.text);
}

/**
 * A Q&A page's one answer, when no run of posts is found: the one element that declares
 * itself a schema.org `Answer` (microdata) on a page that declares its `Question`. A
 * question answered once has no run of like siblings, but its answer is a post all the
 * same, and the blocks beside it (a sort menu, a notice to sign in, related questions)
 * are the site's.
 */
function loneAnswer(body: Element, lens: Map<Element, number>): Run {
  const answers = typed(body, "Answer");
  const answer = answers.length === 1 ? answers[0]! : null;
  if (
    answer === null || typed(body, "Question").length === 0 || !POST_TAGS.has(answer.tagName) ||
    (lens.get(answer) ?? 0) === 0 || inOverlay(answer)
  ) return { posts: [], key: "" };
  return { posts: [answer], key: `${answer.tagName}[${answer.getAttribute("itemtype")}]` };
}

/** Attribute that marks the box of a thread's one post (see {@link lonePosts}). */
const LONE_ATTR = "data-riptide-lone";

/** Key of the run {@link lonePosts} makes. */
const LONE_KEY = "lone";

/**
 * An id that numbers a post: a word, then the post's number or its place ("p98760",
 * "post_482310", "msg150200", Discourse's "post_1").
 */
const NUMBERED_ID = /^[a-z][a-z_-]*\d+$/i;

/** Least prose of a lone post. */
const LONE_POST_MIN = 100;

/**
 * A thread's one post, when no run of posts is found: a box numbered by its id or a data
 * attribute (an engine names each post's box by its number: "p98760", "post_482310",
 * "js-post-771200", vBulletin 5's data-node-id="662000") that holds most of the page's
 * prose. A question with no answer yet is a thread of one post; its user card, buttons and
 * the blocks beside it (similar topics, the board's permissions) are the site's. Such boxes
 * nest in one another (a numbered widget around the post, the post's numbered message box
 * in it): tried from the innermost out, the post is the first signed and dated before its
 * body (see {@link threadOf}). None when a numbered box of a like template stands beside
 * them: a second post.
 */
function lonePosts(body: Element, prose: Map<Element, number>): Run[] {
  const numbered = [...body.querySelectorAll("*")].filter((el) =>
    POST_TAGS.has(el.tagName) && isNumbered(el) && (prose.get(el) ?? 0) >= LONE_POST_MIN &&
    !inOverlay(el)
  );
  // Boxes holding most of the page's prose nest in one another.
  const chain = numbered.filter((el) => (prose.get(el) ?? 0) >= 0.5 * (prose.get(body) ?? 0));
  // Another numbered box of a like template beside them is a second post.
  const keys = new Set(chain.map(key));
  if (
    numbered.some((el) => !chain.some((c) => c.contains(el) || el.contains(c)) && keys.has(key(el)))
  ) {
    return [];
  }
  return chain.reverse().map((el) => ({ posts: [el], key: LONE_KEY }));
}

/** A data attribute that numbers a box: `data-node-id="662000"`, `data-post-id="12"`. */
const NUMBERING_DATA = /^data-[a-z-]*id$/;

/** Whether a box is numbered by its id ({@link NUMBERED_ID}) or a data attribute. */
function isNumbered(el: Element): boolean {
  if (NUMBERED_ID.test(el.id)) return true;
  for (const attr of el.attributes) {
    if (NUMBERING_DATA.test(attr.name) && /^\d+$/.test(attr.value)) return true;
  }
  return false;
}

/** The elements under `root` that declare a schema.org type (`itemtype`) of `name`. */
function typed(root: Element, name: string): Element[] {
  const type = new RegExp(`schema\\.org/${name}$`, "i");
  return [...root.querySelectorAll("[itemtype]")].filter((el) =>
    (el.getAttribute("itemtype") ?? "").split(/\s+/).some((t) => type.test(t))
  );
}

/**
 * Marks the body of a Q&A page's question when its template is not its answers' (Question2Answer
 * writes "qa-q-view-content" over the question, "qa-a-item-content" over each answer): the
 * text (`itemprop="text"`) of the one element that declares itself a schema.org `Question`,
 * outside every answer, when no post body is in it yet. The question is the thread's first
 * post, stripped of what its template sets around its text. Gives whether one was marked.
 */
function markDeclaredQuestion(body: Element): boolean {
  const questions = typed(body, "Question");
  const question = questions.length === 1 ? questions[0]! : null;
  if (question === null || question.querySelector(`[${POST_BODY_ATTR}]`) !== null) return false;
  if (question.closest(`[${POST_BODY_ATTR}]`) !== null) return false;
  const text = [...question.querySelectorAll('[itemprop="text"]')].find((el) =>
    el.parentElement?.closest("[itemscope]") === question
  );
  if (text === undefined || collapse(text.textContent) === "") return false;
  text.setAttribute(POST_BODY_ATTR, "");
  // Around its text, the question's chrome goes as a post's does (its votes, its "asked
  // by" line, its tags and buttons); a heading (its title) and posts nested in it stay.
  for (
    let at: Element = text;
    at !== question && at.parentElement !== null;
    at = at.parentElement
  ) {
    for (const sibling of [...at.parentElement.children]) {
      if (sibling === at || SILENT_TAGS.has(sibling.tagName)) continue;
      if (sibling.querySelector(`h1,h2,h3,h4,h5,h6,[${POST_BODY_ATTR}]`) !== null) continue;
      if (/^H[1-6]$/.test(sibling.tagName)) continue;
      sibling.remove();
    }
  }
  return true;
}

/** A run of posts and the sibling key they share. */
interface Run {
  posts: Element[];
  key: string;
}

/**
 * Replies nested under the posts of a run (threaded comments, built from the same
 * template), in document order: inside a container of their parent post, or in a
 * wrapper beside it (an engine that puts each post's children after it, not in it).
 * Every element of the run's key under the run's parent that is not in the run.
 */
function nestedPosts(posts: readonly Element[], key: string): Element[] {
  const out: Element[] = [];
  const run = new Set(posts);
  const parent = posts[0]?.parentElement;
  if (parent === null || parent === undefined) return out;
  for (const el of parent.querySelectorAll("*")) {
    if (!run.has(el) && POST_TAGS.has(el.tagName) && siblingKeys(el).includes(key)) out.push(el);
  }
  return out;
}

function linkText(el: Element, lens: Map<Element, number>): number {
  let n = 0;
  for (const a of el.querySelectorAll("a")) {
    if (a.parentElement?.closest("a") === null) n += lens.get(a) ?? 0;
  }
  return n;
}

/**
 * Slot paths (keys from the post down) of every element in a post, in document order;
 * replies nested in it (`posts`) are posts of their own, not slots of this one.
 */
function slots(post: Element, posts: ReadonlySet<Element>): Map<Element, string> {
  const out = new Map<Element, string>();
  const walk = (el: Element, path: string): void => {
    for (const child of el.children) {
      if (SILENT_TAGS.has(child.tagName) || posts.has(child)) continue;
      const p = `${path}/${slotKey(child)}`;
      out.set(child, p);
      walk(child, p);
    }
  };
  walk(post, "");
  return out;
}

/** What `segmentThread` found, for tests and diagnostics. */
export interface ThreadSegments {
  /** Number of posts found (0 when the page is not a run of posts). */
  posts: number;
  /** Number of posts given an attribution line (author and/or date). */
  attributed: number;
  /** The posts' tag and first class, and the body slot's path under a post. */
  slot?: string;
  /** The attribution lines written, in post order. */
  lines?: string[];
  /** Posts outside the run that share its body's markup (a Q&A page's question). */
  outliers?: number;
  /** Quotes dropped as long copies of another post of the thread. */
  quotes?: number;
  /** Citations heading quotes in post bodies ("Ana wrote: …"), dropped. */
  citations?: number;
  /** Controls that unfold a long quote ("Click to expand..."), dropped. */
  expanders?: number;
  /** Logs pasted whole in post bodies (preformatted blocks of many lines), dropped. */
  logs?: number;
  /**
   * Links under embedded media that give their address ("View: https://…"), and lines
   * that are only an image's address, dropped.
   */
  embeds?: number;
  /** Cards previewing a page a post links to (its title, description and host), dropped. */
  cards?: number;
  /** Links whose text is their address shortened ("https://…/374"), written out in full. */
  addresses?: number;
  /** Edit notes ("Edited … by …") dropped from post bodies. */
  edits?: number;
  /** Headings of posts that repeat the thread's title, dropped. */
  titles?: number;
  /** Blocks beside the run of posts dropped (action bars, answer forms, notices). */
  beside?: number;
}

/** A post's body and the author and date found before it, or around it (`signed`). */
interface FoundPost {
  bodyEl: Element;
  author: string | null;
  date: string | null;
  signed: boolean;
}

/** A thread found in a page, before anything of it is changed. */
interface FoundThread {
  run: Run;
  /** The run's posts and the replies nested in them, in document order. */
  posts: Element[];
  /** Per post, the template slot path of each element in it. */
  perPost: Map<Element, string>[];
  /** Per slot path: text held, posts it appears in, most times it appears in one post. */
  stats: Map<string, { text: number; posts: number; most: number }>;
  bodySlot: string;
  /** Per post, its body and attribution; null where the post has no body slot. */
  found: (FoundPost | null)[];
  /** Containers of nested replies (not a post's chrome). */
  holders: Set<Element>;
  /** The page's text measures, from before anything changed. */
  measures: Measures;
  groupText: number;
}

/** Most text (non-space characters) of a block a post's date is read from after its body. */
const FOOTER_DATE_MAX = 30;

/**
 * Finds the run of posts of a thread, each post's body slot, author and date, without
 * changing the page; null when no run of posts with a common body slot is found, or
 * most posts are signed with neither an author nor a date (a run of teasers).
 */
function findThread(body: Element): FoundThread | null {
  const measures = measure(body);
  const found = findPosts(body, measures.lens);
  if (found.length === 0) found.push(loneAnswer(body, measures.lens));
  // A run with no body slot common to its posts, or unsigned, is not the thread: the next
  // run may be (a page's boxes outnumber the posts beside them: a table-laid forum's
  // navigation bar, rules and similar topics, each a box of the class its posts have).
  for (const run of found.slice(0, RUNS_TRIED)) {
    const thread = threadOf(run, measures);
    if (thread !== null) return thread;
  }
  // No run is a thread's: the page may hold its one post.
  for (const lone of lonePosts(body, measures.prose)) {
    const thread = threadOf(lone, measures);
    if (thread !== null) return thread;
  }
  return null;
}

/** Most runs of like siblings tried as a thread's posts, the largest first. */
const RUNS_TRIED = 3;

/** The thread a run of posts makes (see {@link findThread}). */
function threadOf(run: Run, measures: Measures): FoundThread | null {
  const { lens, runs, order } = measures;
  if (run.posts.length === 0) return null;
  // Written text, not the cards' labels and figures, tells the body slot.
  const groupText = run.posts.reduce((n, el) => n + (runs.get(el) ?? 0), 0);
  const nested = nestedPosts(run.posts, run.key);
  const posts = [...run.posts, ...nested].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const postSet = new Set(posts);
  // The containers of nested replies are not a post's chrome.
  const holders = new Set<Element>();
  for (const post of nested) {
    for (let at = post.parentElement; at !== null && !holders.has(at); at = at.parentElement) {
      holders.add(at);
    }
  }
  // Per slot: text held, posts it appears in, most times it appears in one post.
  const perPost = posts.map((post) => slots(post, postSet));
  const stats = new Map<string, { text: number; posts: number; most: number }>();
  for (const m of perPost) {
    const seen = new Map<string, number>();
    for (const [el, path] of m) {
      const s = stats.get(path) ?? { text: 0, posts: 0, most: 0 };
      const times = (seen.get(path) ?? 0) + 1;
      seen.set(path, times);
      if (times === 1) s.posts++;
      s.most = Math.max(s.most, times);
      s.text += runs.get(el) ?? 0;
      stats.set(path, s);
    }
  }
  // The body slot: of the slots found once per post in most posts, the deepest in the
  // richest (a wrapper of the whole post) that holds most of its written text. It need
  // not hold all of it: a reply can carry a preview of the post it answers, an answer
  // the comments under it. A slot beside the richest (a header's title) is no body.
  const once = [...stats].filter(([, s]) => s.most === 1 && s.posts >= 0.6 * posts.length);
  const richest = Math.max(0, ...once.map(([, s]) => s.text));
  // Slots come in document order: of a wrapper and its lone child (the same text), the
  // wrapper.
  const top = once.find(([, s]) => s.text === richest)?.[0] ?? "";
  // A lone post has no siblings to tell its template by: its body is the text it
  // declares (a schema.org answer's `text`), not its richest block (a code listing).
  const declared = posts.length === 1 ? posts[0]!.querySelector('[itemprop="text"]') : null;
  let bodySlot = declared === null ? null : perPost[0]!.get(declared) ?? null;
  let depth = -1;
  const lone = run.key === LONE_KEY;
  if ((posts.length > 1 || lone) && richest >= 0.4 * groupText) {
    for (const [path, s] of once) {
      const d = path.split("/").length;
      const inTop = path === top || path.startsWith(`${top}/`);
      if (inTop && s.text > BODY_SHARE * richest && d > depth) {
        depth = d;
        bodySlot = path;
      }
    }
  }
  if (bodySlot === null) return null;
  // Each post's body, and its author and date: those before the body make its
  // attribution line; any found around it (an "answered by" card after a Q&A body)
  // tell that the run is a run of posts, not of teasers or product cards.
  const inReply = (el: Element, post: Element): boolean => {
    for (let at: Element | null = el; at !== null && at !== post; at = at.parentElement) {
      if (postSet.has(at)) return true;
    }
    return false;
  };
  const found = posts.map((post, i): FoundPost | null => {
    const bodyEl = [...perPost[i]!].find(([, p]) => p === bodySlot)?.[0];
    if (bodyEl === undefined) return null;
    const before = (el: Element): boolean =>
      !el.contains(bodyEl) && (order.get(el) ?? Infinity) < (order.get(bodyEl) ?? -Infinity);
    const around = (el: Element): boolean => !el.contains(bodyEl) && !bodyEl.contains(el);
    // A date the engine writes after the body, in the post's footer: read from its
    // smallest blocks (the footer also holds the post's number, its author again, an edit
    // note), never from a reply nested in the post.
    const after = (el: Element): boolean =>
      (lens.get(el) ?? 0) <= FOOTER_DATE_MAX && !bodyEl.contains(el) &&
      (order.get(el) ?? -Infinity) > (order.get(bodyEl) ?? Infinity) && !inReply(el, post);
    const author = findAuthor(post, before, lens);
    return {
      bodyEl,
      author,
      // A post signed before its body and dated after it.
      date: findDate(post, before, lens) ?? (author === null ? null : findDate(post, after, lens)),
      signed: findAuthor(post, around, lens) !== null || findDate(post, around, lens) !== null,
    };
  });
  if (found.filter((f) => f?.signed).length < 0.5 * posts.length) return null;
  if (lone && (found[0]?.author == null || found[0]?.date == null)) return null;
  return { run, posts, perPost, stats, bodySlot, found, holders, measures, groupText };
}

/**
 * A short lower-case word a date opens with to join it to the name before it ("on Dec
 * 27, 2023", "am 27.12.2023", "le 3 mars 2024"): the sentence's, not the date's.
 */
const LEADING_LINK_WORD = /^\p{Ll}{1,3}:?\s+(?=[\p{Lu}\p{N}])/u;

/**
 * The marks and the post's number a date line opens with, before its link word: SMF 1
 * writes "« Antwort #1 am: 12. Mai 2008, 15:03:44 »", "« Reply #1 on: … »" (the word for a
 * reply, the post's number), and the first post's "« am: … »".
 */
const POST_NUMBER_LEAD = /^[«‹]\s*(\p{L}+\s*#\d+\s+)?(?=\p{Ll}{1,3}:\s)/u;

/** The guillemet that closes a date line opened with one ({@link POST_NUMBER_LEAD}). */
const CLOSING_GUILLEMET = /\s*[»›]$/u;

/**
 * A post's attribution line: its author and its date. A relative date ("17 hours ago")
 * tells the time the page was fetched, not when the post was written: the line keeps
 * only a date with a year, a time of day or a month's name ("Februar 14").
 */
function attributionLine({ author, date: found }: FoundPost): string {
  const date = found !== null && isAbsoluteDate(found)
    ? POST_NUMBER_LEAD.test(found)
      ? found.replace(POST_NUMBER_LEAD, "").replace(LEADING_LINK_WORD, "").replace(
        CLOSING_GUILLEMET,
        "",
      )
      : found.replace(LEADING_LINK_WORD, "")
    : null;
  return author !== null && date !== null && date.includes(author)
    ? date
    : [author, date].filter((t): t is string => t !== null).join(" ");
}

/** The shape of a thread a page holds, found without changing the page. */
export interface ThreadShape {
  /** Its posts, nested replies included. */
  posts: number;
  /** Each post's body, where it has one. */
  bodies: Element[];
  /** The attribution line (author, date) each post's body would get, empty where none. */
  lines: string[];
}

/**
 * The run of posts `segmentThread` would reduce, measured without changing the page
 * (for page-type detection); null when the page holds no thread.
 */
export function threadShape(body: Element): ThreadShape | null {
  const thread = findThread(body);
  if (thread === null) return null;
  const found = thread.found.filter((f): f is FoundPost => f !== null);
  return {
    posts: thread.posts.length,
    bodies: found.map((f) => f.bodyEl),
    lines: found.map(attributionLine),
  };
}

/** The last heading before `first` when it names a comment section ({@link COMMENTS_HEADING}). */
export function commentsHeading(body: Element, first: Element): Element | null {
  first.setAttribute(FIRST_ATTR, "");
  try {
    return lastCommentsHeading(body, first);
  } finally {
    first.removeAttribute(FIRST_ATTR);
  }
}

/**
 * Whether a post's body in the template of `first` (the run's first body: same tag and
 * first class) stands before `heading`: a forum's opening post set apart from its replies
 * (Vanilla writes the discussion above a "Comments" heading over the replies), not a story
 * over its readers' comments, whose text has a box of its own.
 */
export function openedInTemplate(first: Element, heading: Element): boolean {
  const cls = firstClass(first);
  if (cls === "") return false;
  for (const el of first.ownerDocument.querySelectorAll(`${first.tagName}[class]`)) {
    if (el === first) break;
    if (firstClass(el) === cls && (el.compareDocumentPosition(heading) & 20) === 4) return true;
  }
  return false;
}

/** Marks a run's first post while the headings before it are read. */
const FIRST_ATTR = "data-riptide-first";

/** {@link commentsHeading} once `first` is marked. */
function lastCommentsHeading(body: Element, first: Element): Element | null {
  // The headings and the post in the page's order (a selector's matches come in it).
  let last: Element | null = null;
  for (const h of body.querySelectorAll("h1, h2, h3, h4, h5, h6, [data-riptide-first]")) {
    if (h === first) break;
    if (/^H[1-6]$/.test(h.tagName)) last = h;
  }
  return last !== null && COMMENTS_HEADING.test(collapse(last.textContent ?? "")) ? last : null;
}

/**
 * Removes an article's comment section found by its shape where no class names it: a run
 * of signed posts under a heading that names a comment section ("Kommentare (6)"), in a
 * box that holds little but the heading and the posts (its notice, its buttons). Returns
 * whether it went.
 */
export function dropCommentSection(body: Element): boolean {
  // The heading is looked for first: most articles have none, and finding the thread
  // measures the whole page.
  if (!namesCommentSection(body)) return false;
  const thread = findThread(body);
  if (thread === null || thread.posts.length < 2) return false;
  const bodies = thread.found.filter((f): f is FoundPost => f !== null).map((f) => f.bodyEl);
  const first = bodies[0];
  if (first === undefined) return false;
  const heading = commentsHeading(body, first);
  if (heading === null) return false;
  let box: Element | null = heading.parentElement;
  while (box !== null && !bodies.every((b) => box!.contains(b))) box = box.parentElement;
  if (box === null || box === body) return false;
  const posts = bodies.reduce((n, b) => n + textLength(b), 0);
  if (textLength(box) > 1.5 * posts + COMMENT_BOX_EXTRA) return false;
  box.remove();
  return true;
}

/** Whether any heading of `body` names a comment section ({@link COMMENTS_HEADING}). */
function namesCommentSection(body: Element): boolean {
  for (const h of body.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (COMMENTS_HEADING.test(collapse(h.textContent ?? ""))) return true;
  }
  return false;
}

/** Most text of a comment section's box beyond its posts': its heading, notice and buttons. */
const COMMENT_BOX_EXTRA = 600;

/**
 * Reduces each post of a thread to its author, its date and its body: the user card,
 * the post header and footer (permalinks, counters, buttons) go. Edits `body` in place;
 * does nothing when no run of posts with a common body slot is found.
 */
export function segmentThread(body: Element): ThreadSegments {
  dropClassHidden(body);
  dropScriptControls(body);
  const thread = findThread(body);
  if (thread === null) return { posts: 0, attributed: 0 };
  const { run, posts, perPost, stats, bodySlot, found, holders, measures, groupText } = thread;
  const { runs } = measures;
  if (run.key === LONE_KEY) posts[0]!.setAttribute(LONE_ATTR, "");
  dropDeadLinkedPosts(posts, found);
  let attributed = 0;
  const lines: string[] = [];
  // Keys (tag and class) of the chrome removed from posts.
  const chromeKeys = new Set<string>();
  // Template slots outside the body that most posts have: the posts' chrome.
  const chromeSlots = new Set(
    [...stats].filter(([, s]) => s.posts >= 0.4 * posts.length).map(([path]) => path),
  );
  found.forEach((f, i) => {
    if (f === null) return;
    const { bodyEl } = f;
    bodyEl.setAttribute(POST_BODY_ATTR, "");
    const line = attributionLine(f);
    // Template slots outside the body are the post's chrome.
    for (const [el, path] of perPost[i]!) {
      if (!el.isConnected || el.contains(bodyEl) || bodyEl.contains(el) || holders.has(el)) {
        continue;
      }
      if (chromeSlots.has(path)) {
        if (firstClass(el) !== "") chromeKeys.add(key(el));
        el.remove();
      }
    }
    if (line !== "") {
      signBefore(bodyEl, line);
      attributed++;
      lines.push(line);
    }
  });
  const signed = found.filter((f): f is FoundPost => f !== null);
  const bodies = signed.map((f) => f.bodyEl);
  const outliers = stripOutliers(body, bodies, `/${key(posts[0]!)}${bodySlot}`, chromeKeys, {
    stats,
    chromeSlots,
    measures,
    signed: attributed >= 0.5 * bodies.length,
  });
  const question = markDeclaredQuestion(body);
  const marked = [...body.querySelectorAll(`[${POST_BODY_ATTR}]`)];
  const quotes = dropQuotedCopies(marked);
  const citations = dropQuoteCitations(marked);
  const expanders = dropQuoteExpanders(marked);
  const logs = dropPastedLogs(marked);
  const embeds = dropEmbedFallbacks(marked);
  const cards = dropLinkCards(marked);
  const addresses = restoreShortenedAddresses(marked);
  const edits = dropEditNotes(signed);
  const titles = dropTitleHeadings(
    found.flatMap((f, i) => f === null ? [] : [{ post: posts[i]!, bodyEl: f.bodyEl }]),
    body.ownerDocument.title ?? "",
  );
  // The thread's written text: its posts', and its question's (outliers) when it has one.
  const threadText = [...body.querySelectorAll(`[${POST_BODY_ATTR}]`)].reduce(
    (n, el) => n + (runs.get(el) ?? 0),
    0,
  );
  const beside = dropRunSurroundings(run.posts, runs, Math.max(groupText, threadText));
  return {
    posts: posts.length,
    attributed,
    slot: `${key(posts[0]!)}${bodySlot}`,
    lines,
    outliers: outliers + (question ? 1 : 0),
    quotes,
    citations,
    expanders,
    logs,
    embeds,
    cards,
    addresses,
    edits,
    titles,
    beside,
  };
}

/**
 * The host an address points to ("" for an address on the page's own site: a path), or
 * null for one that goes nowhere ("#", "javascript:…", empty).
 */
function linkHost(href: string): string | null {
  const h = href.trim();
  if (h === "" || h.startsWith("#") || /^javascript:/i.test(h)) return null;
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]+)/i.exec(h);
  if (m !== null) return m[1]!.toLowerCase().replace(/^www\./, "");
  return /^[a-z][a-z0-9+.-]*:/i.test(h) ? null : "";
}

/**
 * Drops the advertisements set among a thread's posts in the posts' own template: an
 * item whose links outside its body (its author's name and picture, its "Posted"
 * permalink) go nowhere ("#") or off the site, while every other post's lead to the
 * site's own pages (a profile, the post's address). Needs three posts or more, the others
 * all linked on-site. Empties the item's entry in `found`. Returns how many went.
 */
function dropDeadLinkedPosts(posts: readonly Element[], found: (FoundPost | null)[]): number {
  if (posts.length < 3) return 0;
  const hostsOf = posts.map((post, i) => {
    const bodyEl = found[i]?.bodyEl;
    if (bodyEl === undefined) return null;
    const hosts: (string | null)[] = [];
    for (const a of post.querySelectorAll("a")) {
      if (bodyEl.contains(a)) continue;
      hosts.push(linkHost(a.getAttribute("href") ?? ""));
    }
    return hosts;
  });
  // The site's host: the one most of the posts' absolute links name.
  const tally = new Map<string, number>();
  for (const hosts of hostsOf) {
    for (const h of hosts ?? []) if (h) tally.set(h, (tally.get(h) ?? 0) + 1);
  }
  const site = [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  const onSite = (h: string | null): boolean => h === "" || (h !== null && h === site);
  const dead = hostsOf.map((hosts) =>
    hosts !== null && hosts.length > 0 && hosts.includes(null) && !hosts.some(onSite)
  );
  const n = dead.filter(Boolean).length;
  if (n === 0 || n > 0.25 * posts.length) return 0;
  const linked = hostsOf.filter((hosts, i) => !dead[i] && hosts !== null && hosts.some(onSite));
  if (linked.length < posts.length - n) return 0;
  let gone = 0;
  posts.forEach((post, i) => {
    if (!dead[i] || posts.some((o) => o !== post && post.contains(o))) return;
    post.remove();
    found[i] = null;
    gone++;
  });
  return gone;
}

/**
 * Drops what the posts' container holds beside the posts: before the first post and
 * after the last, action bars (reply, print, sort, "page 1 of 3"), an answer form,
 * notices to sign in, "return to the board" and jump menus; between two posts, ads,
 * "2 weeks later…" markers, "marked as solved" events and topic statistics. A block
 * holding a post body (a first post in a template of its own, a wrapper of replies),
 * the page's heading or a fair share of the thread's written text (a quarter) stays.
 * Returns how many blocks went.
 */
function dropRunSurroundings(
  posts: readonly Element[],
  runs: Map<Element, number>,
  groupText: number,
): number {
  const parent = posts[0]?.parentElement;
  if (parent === null || parent === undefined) return 0;
  const run = new Set(posts);
  let n = 0;
  for (const el of [...parent.children]) {
    if (run.has(el)) continue;
    if (el.hasAttribute(POST_BODY_ATTR) || el.querySelector(`[${POST_BODY_ATTR}],h1`) !== null) {
      continue;
    }
    if ((runs.get(el) ?? 0) >= 0.25 * groupText) continue;
    el.remove();
    n++;
  }
  return n;
}

/**
 * Posts outside the run that share its body's markup — a Q&A page's question above its
 * answers, a thread's first post in a template of its own — lose the chrome the run's
 * posts lost (user cards, comment lists, vote and share bars), found by tag and class.
 * The post is the body's ancestor as many levels up as a run post is above its body,
 * unless that one holds the page's heading, a main region or other bodies. A first post
 * whose template adds the thread's title to its header is then the last ancestor built
 * as a run post's parts are (tag and class, level by level up from the body): it is
 * signed as the run's posts are when they are (`template.signed`), from the parts of it
 * that are slots of theirs (not the title's block, with the thread's own counts and the
 * date of its last reply). `path` is the run's post key and body slot ("/DIV.post/…/DIV.body").
 * A post built as the run's posts all the way up (a first post that does not declare the
 * role the replies declare) loses the run's chrome slot by slot, and is signed as well.
 * Returns how many such posts were found.
 */
function stripOutliers(
  body: Element,
  bodies: readonly Element[],
  path: string,
  chromeKeys: ReadonlySet<string>,
  template: {
    stats: ReadonlyMap<string, unknown>;
    chromeSlots: ReadonlySet<string>;
    measures: Measures;
    signed: boolean;
  },
): number {
  const first = bodies[0];
  if (first === undefined || firstClass(first) === "" || chromeKeys.size === 0) return 0;
  const bodyKey = key(first);
  const chain = path.split("/").slice(1);
  const depth = chain.length - 1;
  let n = 0;
  for (const el of [...body.querySelectorAll(first.tagName)]) {
    if (key(el) !== bodyKey || el.hasAttribute(POST_BODY_ATTR) || !el.isConnected) continue;
    if (el.closest(`[${POST_BODY_ATTR}]`) !== null) continue;
    let post: Element = el;
    for (let i = 0; i < depth && post.parentElement !== null; i++) post = post.parentElement;
    let line = "";
    // Not a region that holds the page's heading or several bodies.
    if (
      post === body || post.querySelector(`[${POST_BODY_ATTR}],h1,main,[role=main]`) !== null ||
      [...post.querySelectorAll(first.tagName)].some((o) => o !== el && key(o) === bodyKey)
    ) {
      // A first post built as the run's posts, its header holding the title too: no other
      // element of it sits where its body does (a signature's text built as a body's
      // sits elsewhere).
      let at = chain.length - 1;
      post = el;
      while (
        at > 0 && post.parentElement !== null &&
        chainKey(post.parentElement, at - 1) === chain[at - 1]
      ) {
        post = post.parentElement;
        at--;
      }
      if (at >= depth - 1 || post === body) continue;
      if (post.querySelector(`[${POST_BODY_ATTR}],main,[role=main]`) !== null) continue;
      const paths = slots(post, new Set());
      const own = paths.get(el);
      if ([...paths].some(([o, p]) => o !== el && p === own)) continue;
      const prefix = chain.slice(1, at + 1).map((k) => `/${k}`).join("");
      if (template.signed) line = templateLine(post, el, paths, prefix, template);
    } else if (builtAs(el, post, chain)) {
      // A post of the run's template outside the run (a first post without the role the
      // replies declare): its chrome is the run's, slot by slot, and it is signed as they are.
      const paths = slots(post, new Set());
      if (template.signed) line = templateLine(post, el, paths, "", template);
      for (const [c, p] of paths) {
        if (template.chromeSlots.has(p) && c.isConnected && !c.contains(el) && !el.contains(c)) {
          c.remove();
        }
      }
    }
    n++;
    el.setAttribute(POST_BODY_ATTR, "");
    for (const c of [...post.querySelectorAll("[class]")]) {
      if (!chromeKeys.has(key(c)) || c.contains(el) || el.contains(c) || !post.contains(c)) {
        continue;
      }
      c.remove();
    }
    if (line !== "") signBefore(el, line);
  }
  return n;
}

/**
 * Whether `post`, an ancestor of `bodyEl`, is built as a run post: its key and those of
 * the elements down to the body are the run's (`chain`, from the post's key to the body's).
 */
function builtAs(bodyEl: Element, post: Element, chain: readonly string[]): boolean {
  let at: Element | null = bodyEl;
  for (let i = chain.length - 1; i >= 0; i--) {
    if (at === null || chainKey(at, i) !== chain[i]) return false;
    if (i > 0) at = at.parentElement;
  }
  return at === post;
}

/** Puts a post's attribution line before its body. */
function signBefore(bodyEl: Element, line: string): void {
  const p = bodyEl.ownerDocument.createElement("p");
  p.setAttribute(ATTRIBUTION_ATTR, "");
  p.textContent = line;
  bodyEl.before(p);
}

/**
 * The attribution line of a post outside the run (`post`, whose body is `bodyEl`, the
 * slot paths of its elements `paths`), read before its body from the elements at slots
 * of the run's posts: `prefix` is the slot path of `post` itself in a run post ("/DIV.card"
 * when the run's post wraps a card).
 */
function templateLine(
  post: Element,
  bodyEl: Element,
  paths: ReadonlyMap<Element, string>,
  prefix: string,
  { stats, measures: { lens, order } }: { stats: ReadonlyMap<string, unknown>; measures: Measures },
): string {
  const where = (el: Element): boolean =>
    !el.contains(bodyEl) && (order.get(el) ?? Infinity) < (order.get(bodyEl) ?? -Infinity) &&
    paths.has(el) && stats.has(`${prefix}${paths.get(el)}`);
  return attributionLine({
    bodyEl,
    author: findAuthor(post, where, lens),
    date: findDate(post, where, lens),
    signed: true,
  });
}

/**
 * The thread's own container in the page's main region: the smallest element that holds
 * every post body `segmentThread` marked, and every element built like them (a first
 * post in a template of its own). What lies around it — a guest notice, a call to
 * register, suggested topics, the forum's description — is the forum's, not the
 * thread's. The region itself when no posts were marked or the container holds less
 * than half of the region's written text outside links (posts under something else:
 * comments under an article).
 */
export function threadContainer(region: Element): Element {
  const marked = [...region.querySelectorAll(`[${POST_BODY_ATTR}]`)];
  const first = marked[0];
  if (first === undefined) return region;
  // A thread's one post (see lonePosts): its box, the attribution line in it.
  const lone = marked.length === 1 ? first.closest(`[${LONE_ATTR}]`) : null;
  if (lone !== null && region.contains(lone) && lone !== region) {
    const { prose } = measure(region);
    return (prose.get(lone) ?? 0) >= 0.5 * (prose.get(region) ?? 0) ? lone : region;
  }
  const bodyKey = key(first);
  const all = firstClass(first) === ""
    ? marked
    : [...region.querySelectorAll(first.tagName)].filter((el) =>
      el.hasAttribute(POST_BODY_ATTR) || key(el) === bodyKey
    );
  if (all.length < 2) return region;
  let at: Element | null = first;
  while (at !== null && !all.every((el) => at!.contains(el))) at = at.parentElement;
  if (at === null || at === region || !region.contains(at)) return region;
  // Lists of other topics around the thread are links: they do not count.
  const { prose } = measure(region);
  return (prose.get(at) ?? 0) >= 0.5 * (prose.get(region) ?? 0) ? at : region;
}

/**
 * Puts a thread's opening post, as the page declares it in structured data, at the head
 * of the content when the page does not show it: some engines render the first post
 * with a script and leave only its JSON-LD copy (and the replies) in the page. Nothing
 * changes when the content already holds the post's opening words. The author's name,
 * when declared, goes before it as the post's attribution line.
 */
export function addOpeningPost(root: Element, post: DeclaredPost): void {
  if (collapse(root.textContent).includes(collapse(post.text).slice(0, 80))) return;
  const document = root.ownerDocument;
  const first = root.firstChild;
  const add = (text: string, attribution: boolean): void => {
    const p = document.createElement("p");
    if (attribution) p.setAttribute(ATTRIBUTION_ATTR, "");
    p.textContent = text;
    root.insertBefore(p, first);
  };
  if (post.author !== null) add(post.author, true);
  for (const line of post.text.split(/\n+/)) add(line, false);
}
