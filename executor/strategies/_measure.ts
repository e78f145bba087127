/**
 * Text measures on a linkedom DOM shared by the `auto` strategy's stages: text and
 * link lengths, prose mass, word units in any script, and the words of an element's
 * `class`/`id`.
 *
 * @module
 */

import { isSpace, nodeText } from "./_dom_text.ts";

/**
 * The classes with which a page builder or a theme hides an element on each kind of screen
 * it lays out for, one set per builder: an element that carries all of one set is shown on
 * no screen.
 */
const HIDDEN_ON_SCREEN = [
  ["elementor-hidden-desktop", "elementor-hidden-tablet", "elementor-hidden-mobile"],
  ["hidden-xs", "hidden-sm", "hidden-md", "hidden-lg"],
  ["small-hide", "medium-hide", "large-up-hide"],
];

/** Whether a class list holds one builder's classes that hide it on every screen size. */
export function hiddenOnEveryScreenSize(classes: ReadonlySet<string>): boolean {
  return HIDDEN_ON_SCREEN.some((set) => set.every((c) => classes.has(c)));
}

/** The tokens of an element's `class` attribute as written, or none. */
export function classTokens(el: Element): string[] {
  return (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
}

/** An element's `class` and `id` as one string of names, for patterns over both. */
export function classAndId(el: Element): string {
  return `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
}

/**
 * An element's `class` without a utility style's classes ({@link STYLE_UTILITY_NAME}) and
 * its `id`, as one string of names: the names that say what the element is.
 */
export function namingClassAndId(el: Element): string {
  return `${namingClasses(el)} ${el.getAttribute("id") ?? ""}`;
}

/** An element's `class` without a utility style's classes ({@link STYLE_UTILITY_NAME}). */
export function namingClasses(el: Element): string {
  const cls = el.getAttribute("class") ?? "";
  let named = NAMING_CLASSES.get(cls);
  if (named === undefined) {
    if (NAMING_CLASSES.size >= NAME_WORDS_MAX) NAMING_CLASSES.clear();
    named = cls.split(/\s+/).filter((n) => !STYLE_UTILITY_NAME.test(n)).join(" ");
    NAMING_CLASSES.set(cls, named);
  }
  return named;
}

/** Each class list read so far without its utility style's classes. */
const NAMING_CLASSES = new Map<string, string>();

export function words(el: Element): readonly string[] {
  const cls = el.getAttribute("class") ?? "";
  const id = el.getAttribute("id") ?? "";
  // Looked up by the two values as read, without joining them into a new string on
  // every call (the stages ask every element for its words, many times).
  let byId = CLASS_ID_WORDS.get(cls);
  if (byId === undefined) {
    if (classIdWords >= NAME_WORDS_MAX) {
      CLASS_ID_WORDS.clear();
      classIdWords = 0;
    }
    CLASS_ID_WORDS.set(cls, byId = new Map());
  }
  let out = byId.get(id);
  if (out === undefined) {
    // A utility style's class is read as no name (see {@link splitNames}); an id is one.
    byId.set(id, out = [...splitNames(cls, true), ...nameWords(id)]);
    classIdWords++;
  }
  return out;
}

/**
 * The words of a custom element's tag name, which names its role as a class does
 * (`<site-footer>`, `<cookie-banner>`, `<x-newsletter-form>`: site, footer; cookie,
 * banner); none for HTML's own tags, whose names have no dash.
 */
export function tagWords(el: Element): readonly string[] {
  const tag = el.localName ?? "";
  return tag.includes("-") ? nameWords(tag) : [];
}

/** The words of each class list and id read so far, by class list, then id. */
const CLASS_ID_WORDS = new Map<string, Map<string, readonly string[]>>();
let classIdWords = 0;

/**
 * The words of a list of names (classes, ids), as {@link words} reads them. A call to
 * action spelled out in a name ("call-to-action", "CallToActionBox") also gives "cta",
 * the word its abbreviated form reads as.
 */
export function nameWords(raw: string): readonly string[] {
  // The stages ask for the words of the same few names thousands of times a page.
  let out = NAME_WORDS.get(raw);
  if (out === undefined) {
    if (NAME_WORDS.size >= NAME_WORDS_MAX) NAME_WORDS.clear();
    NAME_WORDS.set(raw, out = splitNames(raw));
  }
  return out;
}

/** Longest `data-*` value read as a block's name. */
const DATA_NAME_MAX = 60;

/**
 * Whether a `data-*` attribute of `el` (any, or only those in `attrs`) names it with one
 * of `wanted`'s words (`data-testid="buy-box-ad"`, `data-test-id="FinancingCallout"`), or
 * with words `wanted` accepts when it is a test of a name's words: only a name (letters,
 * digits, dashes, at most 60 characters), not a tracking path or data a script reads.
 */
export function namedInData(
  el: Element,
  wanted: ReadonlySet<string> | ((ws: readonly string[]) => boolean),
  attrs?: readonly string[],
): boolean {
  const names = typeof wanted === "function"
    ? wanted
    : (ws: readonly string[]) => ws.some((w) => wanted.has(w));
  // By name, then value: `attributes` is a proxy, slow to walk, and most elements have
  // no attribute to read.
  for (const name of el.getAttributeNames()) {
    if (attrs === undefined ? !name.startsWith("data-") : !attrs.includes(name)) continue;
    const value = el.getAttributeNode(name)?.value ?? "";
    if (value.length > DATA_NAME_MAX || !/^[\w-]+$/.test(value)) continue;
    if (names(nameWords(value))) return true;
  }
  return false;
}

/** The words of names read so far (one page's names, a few thousand, fit many times). */
const NAME_WORDS = new Map<string, readonly string[]>();
const NAME_WORDS_MAX = 50_000;

/**
 * The words of a list of names (see {@link nameWords}); of a class list (`classes`),
 * without a utility style's classes ({@link STYLE_UTILITY_NAME}).
 */
function splitNames(raw: string, classes = false): string[] {
  if (raw.trim() === "") return [];
  const out: string[] = [];
  for (const name of raw.split(/\s+/)) {
    // A utility style's class says how a box looks, not what it is: "bg-sponsorLight",
    // "text-footerGray", "hover:text-share-600". An id names the block, and so does an
    // "overflow-menu" (a menu of the actions that do not fit), not a box's overflow.
    if (classes && STYLE_UTILITY_NAME.test(name)) continue;
    const ws = nameParts(name);
    // A modifier says what an element has or lacks, not what it is: "has-sidebar" on
    // a layout wrapper, "hide-read-more-ad" on a grid of stories.
    if (isModifierName(ws)) continue;
    out.push(...ws);
    // A call to action spelled out ("call-to-action", "CallToActionBox") is a "cta".
    const at = ws.indexOf("call");
    if (at >= 0 && ws[at + 1] === "to" && ws[at + 2] === "action") out.push("cta");
  }
  return out;
}

/**
 * A utility style's class (see {@link splitNames}): under a variant ("md:", "hover:"), or a
 * property and its value of a colour, border or overflow ("text-", "bg-", "border-",
 * "shadow-", "overflow-"). An arbitrary value's custom property ("mb-[--cta-margin]")
 * names the block it styles, and is read.
 */
const STYLE_UTILITY_NAME =
  /^(?:[\w-]+:|!?-?(?:overflow-(?:[xy]-)?(?:hidden|auto|scroll|clip|visible)$|(?:text|bg|border|shadow|ring|outline|decoration|fill|stroke|divide|placeholder)-))/;

/**
 * The words of one name as written, split at case changes and at what is not a letter or
 * a digit ("quoteExpand": quote, expand; "c-al-noresults": c, al, noresults). Unlike
 * {@link nameWords}, a name led by a modifier ("no-match") keeps its words.
 */
export function nameParts(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(
    Boolean,
  );
}

/**
 * Layout words that class names glue, without a separator, to the name of the block they
 * build ("footerwrap", "footercol2", "menuitem", "navbar"): the part of a footer is
 * footer, the item of a menu is menu.
 */
const LAYOUT_TAILS: ReadonlySet<string> = new Set([
  "area",
  "bar",
  "block",
  "bottom",
  "box",
  "col",
  "column",
  "container",
  "holder",
  "inner",
  "item",
  "items",
  "link",
  "links",
  "list",
  "menu",
  "nav",
  "outer",
  "row",
  "sec",
  "section",
  "social",
  "text",
  "top",
  "widget",
  "wrap",
  "wrapper",
]);

/**
 * The word of `heads` that a class word is glued from, followed by a layout word and
 * maybe a number ("footerrow1" is "footer"), or null: a class word is not split where it
 * has no separator, so "footerwrap" would otherwise name nothing.
 */
export function compoundHead(word: string, heads: ReadonlySet<string>): string | null {
  // The stages ask for the same few words of a page's names, against the same few sets of
  // heads, thousands of times a page.
  return keptPerSet(COMPOUND_HEADS, heads, word, findCompoundHead);
}

/** The answers of {@link compoundHead} so far, by set of heads, then word. */
const COMPOUND_HEADS: PerSet<string | null> = new WeakMap();

/** Answers kept by set of words (a constant, read only), then by a name or word. */
export type PerSet<T> = WeakMap<ReadonlySet<string>, Map<string, T>>;

/**
 * The answer of `find(key, set)`, computed once and then kept in `kept`: the stages ask the
 * same few names and words of a page, against the same few constant sets, thousands of
 * times a page. Each set keeps {@link NAME_WORDS_MAX} answers at most, then starts over.
 */
export function keptPerSet<T>(
  kept: PerSet<T>,
  set: ReadonlySet<string>,
  key: string,
  find: (key: string, set: ReadonlySet<string>) => T,
): T {
  let known = kept.get(set);
  if (known === undefined) kept.set(set, known = new Map());
  if (known.has(key)) return known.get(key) as T;
  if (known.size >= NAME_WORDS_MAX) known.clear();
  const answer = find(key, set);
  known.set(key, answer);
  return answer;
}

function findCompoundHead(word: string, heads: ReadonlySet<string>): string | null {
  const w = word.replace(/[0-9]+$/, "");
  for (const head of heads) {
    if (w.length > head.length && w.startsWith(head) && LAYOUT_TAILS.has(w.slice(head.length))) {
      return head;
    }
  }
  return null;
}

/** First words of class names that describe what an element has, lacks or hides. */
const MODIFIER_HEADS: ReadonlySet<string> = new Set(["has", "no", "hide", "with", "without"]);

/**
 * Whether a name, given as its words ({@link nameParts}), is a modifier: what its element
 * has, lacks or hides ("has-sidebar", "has_after_content", "no-comments"), not what it is.
 */
export function isModifierName(ws: readonly string[]): boolean {
  return MODIFIER_HEADS.has(ws[0] ?? "");
}

export function textLength(el: Element): number {
  return collapsedSpan(el.textContent ?? "");
}

/** Elements whose text no reader sees: a script's code, a style sheet, a template. */
export const UNSHOWN: RegExp = /^(SCRIPT|STYLE|TEMPLATE)$/;

/**
 * {@link textLength} of the text a reader sees in an element, without that of its
 * scripts, style sheets and templates ({@link UNSHOWN}: a page builder writes a widget's
 * `<style>` inside the widget, where its rules would count as the widget's text); past
 * `cap` characters other than white space, `cap + 1`.
 */
export function shownLength(el: Element, cap: number): number {
  const texts: string[] = [];
  let solid = 0;
  const read = (node: Node): boolean => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? "";
        texts.push(text);
        solid += text.replace(/\s+/g, "").length;
        if (solid > cap) return false;
      } else if (child.nodeType === 1 && !UNSHOWN.test((child as Element).tagName)) {
        if (!read(child)) return false;
      }
    }
    return true;
  };
  return read(el) ? collapsedSpan(texts.join("")) : cap + 1;
}

/**
 * `spanOf(text.replace(/\s+/g, " ").trim())`, counted without building the trimmed text:
 * every character but white space (as `\s` reads it), and one for each run of white space
 * between two of them; the same pass notes whether one of those characters may be a wide
 * letter ({@link MAYBE_WIDE}'s ranges), so that an alphabetic text is read once, not again
 * for its wide letters.
 */
function collapsedSpan(text: string): number {
  let n = 0;
  let gap = false;
  let maybeWide = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      gap = n > 0;
    } else {
      if (gap) n++;
      gap = false;
      n++;
      if (c >= 0x1100 && (c <= 0x11ff || c >= 0x2e80)) maybeWide = true;
    }
  }
  return maybeWide ? n + wideExtra(text) : n;
}

/**
 * How many characters of `text` are not white space, as `\s` reads it: the length of
 * `text.replace(/\s+/g, "")`, counted without building it.
 */
export function solidLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) n++;
  return n;
}

/**
 * Whether `textLength(el) >= min`, without building the text of a large element: its text
 * nodes (the ones `textContent` joins) are read in order until they hold `min` characters
 * other than white space (the measured text keeps every one of them, and a wide letter
 * counts more); an element that falls short is measured from the texts read. With
 * `solid`, whether its text holds `min` characters other than white space.
 */
export function hasTextLength(el: Element, min: number, solid = false): boolean {
  const texts: string[] = [];
  let seen = 0;
  // collapsedSpan()'s count of the joined texts, taken as they are read (it reads their
  // characters in order, so it may go on from one text to the next): an element that
  // falls short is measured without joining and reading its texts again.
  let n = 0;
  let gap = false;
  let maybeWide = false;
  let node: Node | null = el.firstChild;
  while (node !== null) {
    if (node.nodeType === 3 || node.nodeType === 4) {
      const text = node.nodeValue ?? "";
      texts.push(text);
      // Read only as far as the `min`th such character: a long text's first ones answer.
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) {
          gap = n > 0;
          continue;
        }
        if (++seen >= min) return true;
        if (gap) n++;
        gap = false;
        n++;
        if (c >= 0x1100 && (c <= 0x11ff || c >= 0x2e80)) maybeWide = true;
      }
    }
    if (node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    while (node !== null && node !== el && node.nextSibling === null) node = node.parentNode;
    node = node === null || node === el ? null : node.nextSibling;
  }
  if (solid) return false;
  return (maybeWide ? n + wideExtra(texts.join("")) : n) >= min;
}

/**
 * The elements of a document in document order, as `querySelectorAll("*")` lists them and
 * `querySelector` finds the first of a kind: each child of the document walked in turn
 * (linkedom's doctype has no next sibling). Lazy, so that a search stops at what it looks
 * for and may go on from there later, while the page does not change.
 */
export function* documentElements(doc: Document): Generator<Element, void, undefined> {
  for (const root of doc.childNodes) {
    let node: Node | null = root;
    while (node !== null) {
      if (node.nodeType === 1) yield node as Element;
      if (node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
      while (node !== null && node !== root && node.nextSibling === null) node = node.parentNode;
      node = node === null || node === root ? null : node.nextSibling;
    }
  }
}

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
/**
 * The UTF-16 code units of every Han, kana and Hangul letter lie in these ranges (Hangul
 * Jamo, then from the CJK radicals up, surrogates included); the punctuation, dashes,
 * quotes and currency signs of alphabetic texts lie below U+2E80.
 */
const MAYBE_WIDE = /[\u1100-\u11ff\u2e80-\uffff]/;

/**
 * A text's length in Latin-script characters: a Chinese or Japanese character says about
 * as much as three Latin letters, a Korean syllable as two, so the same sentence
 * measures about the same in every script and the length thresholds hold across them.
 */
export function spanOf(text: string): number {
  // Most texts have no Han, kana or Hangul letter to count.
  if (!MAYBE_WIDE.test(text)) return text.length;
  return text.length + wideExtra(text);
}

/** What {@link spanOf} adds to a text's length for its Han, kana and Hangul letters. */
function wideExtra(text: string): number {
  return 2 * (text.match(WIDE)?.length ?? 0) + (text.match(HANGUL)?.length ?? 0);
}

/**
 * The length of an element's text inside links. A named anchor (`<a id="2" name="2">` with
 * no `href`) marks a place to jump to, often a heading's own text: it leads nowhere, and
 * is not a link.
 */
function linkTextLength(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll("a")) {
    if (!a.hasAttribute("href") && (a.hasAttribute("name") || a.hasAttribute("id"))) continue;
    n += textLength(a);
  }
  return n;
}

/**
 * Share of an element's text that sits inside links (0 when it has no text); `total` is
 * its {@link textLength} when the caller has measured it already.
 */
export function linkDensity(el: Element, total: number = textLength(el)): number {
  return total === 0 ? 0 : Math.min(1, linkTextLength(el) / total);
}

/**
 * Prose mass: the length of long text runs outside links. Article sentences make long
 * text nodes whatever the markup (`<p>`, `<div>` + `<br>`, `<td>`); menus, dates and
 * names make short ones. A removal must not take a large share of it.
 */
export function proseMass(root: Node): number {
  let n = 0;
  for (let child = root.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 3) {
      const t = (child.nodeValue ?? "").trim();
      const span = spanOf(t);
      if (span >= 40) n += span;
    } else if (child.nodeType === 1 && (child as Element).tagName !== "A") {
      n += proseMass(child);
    }
  }
  return n;
}

export function normalize(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, " ").trim();
}

/** The words of a block's text ({@link normalize}d), each with how often it occurs. */
export function wordCounts(el: Element): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of normalize(nodeText(el)).split(" ")) {
    if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** Han and kana: scripts without spaces between words, about two letters a word. */
const HALF_WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** Letters of Thai, Lao, Khmer and Myanmar: no spaces between words, about three a word. */
const THIRD_WORD = /[[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]&&\p{L}]/gv;
/**
 * The UTF-16 code units of every letter of {@link HALF_WORD} and {@link THIRD_WORD} lie in
 * these ranges (Thai and Lao, Myanmar, Hangul Jamo, Khmer, then from the CJK radicals up).
 */
const MAYBE_UNSPACED = /[\u0e00-\u0eff\u1000-\u11ff\u1780-\u17ff\u2e80-\uffff]/;
/** A word of a script that spaces its words; combining marks (vowel signs) do not split it. */
export const SPACED_WORD: RegExp = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * Words in any script: runs of letters and digits where words are spaced, and an
 * estimate from the letters where they are not (Chinese, Japanese, Thai, Khmer…).
 */
export function textUnits(text: string): number {
  // Most texts have no letter of a script that does not space its words.
  if (!MAYBE_UNSPACED.test(text)) return text.match(SPACED_WORD)?.length ?? 0;
  const half = text.match(HALF_WORD)?.length ?? 0;
  const third = text.match(THIRD_WORD)?.length ?? 0;
  const spaced = half + third === 0
    ? text
    : text.replace(HALF_WORD, " ").replace(THIRD_WORD, " ").replace(/(^|\s)\p{M}+/gu, "$1");
  return (spaced.match(SPACED_WORD)?.length ?? 0) + half / 2 + third / 3;
}

/**
 * Punctuation that ends a sentence, in the scripts that have their own: a full stop, a
 * question or an exclamation mark (`。！？` in Chinese and Japanese, `؟` in Arabic, `।` in
 * Hindi), without the ellipsis that also cuts a teaser short.
 */
export const FULL_STOPS = ".!?。！？।॥؟۔։።။";

/** Punctuation that ends a sentence, in the scripts that have their own. */
export const SENTENCE_STOPS = `${FULL_STOPS}…`;

/** A sentence's last stop ({@link FULL_STOPS}), maybe inside a closing quote or bracket. */
const FULL_STOP_END = new RegExp(`[${FULL_STOPS}]["”’)」』]?$`);

/** Whether a text ends as a sentence does: {@link FULL_STOPS}, maybe in a quote or a bracket. */
export function endsWithFullStop(text: string): boolean {
  return FULL_STOP_END.test(text);
}

/** A letter of a script that marks no sentence's end (Thai, Lao, Khmer): its paragraphs end so. */
const UNSTOPPED_SCRIPT_END = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]$/u;

/**
 * Whether a text reads as a sentence: it opens with a capital or with a letter of a script
 * that has no capitals (Chinese, Japanese, Korean, Thai, Arabic, Hebrew: the opening quote
 * of Chinese and Japanese before it), and ends with a full stop ({@link endsWithFullStop}),
 * or with a letter of a script that marks no sentence's end.
 */
export function readsAsSentence(text: string): boolean {
  if (/^\p{Lu}/u.test(text)) return endsWithFullStop(text);
  return /^[「『]?\p{Lo}/u.test(text) &&
    (endsWithFullStop(text) || UNSTOPPED_SCRIPT_END.test(text));
}

/** A letter of a script that does not space its words ({@link HALF_WORD}, {@link THIRD_WORD}). */
const UNSPACED_LETTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}[[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]&&\p{L}]]/v;

/**
 * Whether a text holds a letter of a script that does not space its words (Chinese,
 * Japanese, Thai…): its words are counted by {@link textUnits}, not between spaces.
 */
export function hasUnspacedLetters(text: string): boolean {
  return MAYBE_UNSPACED.test(text) && UNSPACED_LETTER.test(text);
}

/**
 * How many words a line (white space collapsed) holds: its tokens between spaces, as a
 * reader of a spaced script counts them, and for a token of a script that does not space
 * its words (Chinese, Japanese, Thai) the words {@link textUnits} estimates in it, so that
 * a sentence of forty kanji is not one word.
 */
export function lineWords(text: string): number {
  const tokens = text.split(" ");
  // Most texts have no letter of a script that does not space its words.
  if (!MAYBE_UNSPACED.test(text)) return tokens.length;
  let n = 0;
  for (const t of tokens) n += hasUnspacedLetters(t) ? Math.max(1, Math.round(textUnits(t))) : 1;
  return n;
}

/**
 * An element's first class name, its numbers read as any number: the name its template
 * gives each of a run of like items. WordPress writes each post's number first
 * (`post_class()`: "post-412 post type-post …", a job board's "post-87 job_listing …"), so
 * that every item of an archive would otherwise stand alone.
 */
export function firstClass(el: Element): string {
  return ((el.getAttribute("class") ?? "").trim().split(/\s+/)[0] ?? "").replace(/\d+/g, "#");
}

/**
 * The children of `parent` grouped by tag and first class, the groups of `min` or more:
 * the runs a grid of cards or a rail is made of.
 */
export function likeSiblingRuns(parent: Element, min = 3): Element[][] {
  if (parent.children.length < min) return [];
  const groups = new Map<string, Element[]>();
  for (const k of parent.children) {
    const sig = `${k.tagName}.${firstClass(k)}`;
    const g = groups.get(sig);
    if (g === undefined) groups.set(sig, [k]);
    else g.push(k);
  }
  return [...groups.values()].filter((g) => g.length >= min);
}

/** The first text node after `el` in document order, outside it, with more than spaces. */
export function nextText(el: Element, root: Element): Node | null {
  let node: Node | null = el;
  for (;;) {
    while (node !== null && node !== root && node.nextSibling === null) node = node.parentNode;
    if (node === null || node === root) return null;
    node = node.nextSibling!;
    // Down to the first text inside (not a script's), or on to the next sibling.
    while (
      node.nodeType === 1 && !UNSHOWN.test((node as Element).tagName) && node.firstChild !== null
    ) node = node.firstChild;
    if (node.nodeType === 3 && (node.nodeValue ?? "").trim() !== "") return node;
  }
}

/** The end of an address that names a document to download ("….pdf", "….docx"). */
const DOCUMENT_FILE = /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|epub|zip)$/i;

/** Whether a link leads to a document to download: declared so, or named so by its path. */
export function isFileLink(a: Element): boolean {
  if ((a.getAttribute("type") ?? "").startsWith("application/")) return true;
  try {
    return DOCUMENT_FILE.test(
      new URL(a.getAttribute("href") ?? "", "https://page.invalid/").pathname,
    );
  } catch {
    return false;
  }
}
