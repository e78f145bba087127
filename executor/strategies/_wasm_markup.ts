/**
 * The `wasm` strategy's markup reading: where a tag ends in the stream lol-html writes, the
 * few attributes the scanner needs (class, id, role, hidden, style, itemprop), and the
 * verdict on a `class`/`id` name (boilerplate, content-like or neither), memoized.
 *
 * @module
 */

export const VOID = new Set([
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

/** Values of `role` that mark page chrome. */
const CHROME_ROLES = new Set(["navigation", "complementary", "banner", "contentinfo"]);

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
export const POSITIVE = /article|body|content|entry|main|page|post|story|text|blog/;

/** The next `>` or quote. */
const TAG_STOP = /[>"']/g;
/** What the attributes of one tag say, as far as the extractor cares. */
export interface Attributes {
  /** Lower-cased class and id, space separated ("" when neither is present). */
  names: string;
  itemprop: string | null;
  /** `hidden`, `aria-hidden="true"`, a chrome `role` or an inline `display:none`. */
  hidden: boolean;
  lang: string | null;
  name: string | null;
  property: string | null;
  content: string | null;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether `c` is whitespace as `\s` means it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 58) || c === 45; // digits, ":", "-"
}

/**
 * Where the tag starting at `lt` ends (the index of its `>`), skipping `>`
 * inside quoted attribute values: -1 when this "<" starts no tag (it is
 * text), -2 when the input ends first, -3 when it starts a comment.
 */
export function tagEnd(input: string, lt: number): number {
  const next = input.charCodeAt(lt + 1);
  if (Number.isNaN(next)) return -2;
  if (next === 33) { // "!": comment, doctype, CDATA
    if (input.startsWith("<!--", lt)) return -3;
    if (input.length - lt < 4 && "<!--".startsWith(input.slice(lt))) return -2;
    const gt = input.indexOf(">", lt + 2);
    return gt < 0 ? -2 : gt;
  }
  if (next === 63) { // "?": bogus comment
    const gt = input.indexOf(">", lt + 2);
    return gt < 0 ? -2 : gt;
  }
  if (next === 47) { // "/"
    const after = input.charCodeAt(lt + 2);
    if (Number.isNaN(after)) return -2;
    if (!isLetter(after)) return -1;
  } else if (!isLetter(next)) {
    return -1;
  }
  let at = lt + 1;
  for (;;) {
    TAG_STOP.lastIndex = at;
    const stop = TAG_STOP.exec(input);
    if (stop === null) return -2;
    if (stop[0] === ">") return stop.index;
    // A quote opens a value only right after "=" (spaces allowed); elsewhere it is a stray character.
    let before = stop.index - 1;
    while (before > lt && isSpace(input.charCodeAt(before))) before--;
    if (input.charCodeAt(before) !== 61) { // "="
      at = stop.index + 1;
      continue;
    }
    const close = input.indexOf(stop[0], stop.index + 1);
    if (close < 0) return -2;
    at = close + 1;
  }
}

/** One attribute: its name and, when it has one, its value (double, single or unquoted). */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Reads the attributes the extractor looks at from the inside of a tag after its name. */
export function readAttributes(attrs: string): Attributes {
  const found: Attributes = {
    names: "",
    itemprop: null,
    hidden: false,
    lang: null,
    name: null,
    property: null,
    content: null,
  };
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m !== null; m = ATTRIBUTE.exec(attrs)) {
    const key = m[1]!.toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    switch (key) {
      case "class":
      case "id":
        found.names += ` ${value.toLowerCase()}`;
        break;
      case "itemprop":
        found.itemprop = value;
        break;
      case "hidden":
        found.hidden = true;
        break;
      case "aria-hidden":
        if (value === "true") found.hidden = true;
        break;
      case "role":
        if (CHROME_ROLES.has(value)) found.hidden = true;
        break;
      case "style":
        if (value.includes("display:none") || value.includes("display: none")) found.hidden = true;
        break;
      case "lang":
        found.lang ??= value;
        break;
      case "name":
        found.name ??= value;
        break;
      case "property":
        found.property ??= value;
        break;
      case "content":
        found.content ??= value;
        break;
    }
  }
  return found;
}

// Class names repeat a lot within a page and across a site's pages.
const verdicts = new Map<string, boolean>();

export function isBoilerplateName(names: string): boolean {
  let verdict = verdicts.get(names);
  if (verdict === undefined) {
    verdict = judgeNames(names);
    // Bounded: a page with endless distinct class names cannot grow it without limit.
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(names, verdict);
  }
  return verdict;
}

function judgeNames(names: string): boolean {
  if (POSITIVE.test(names) && !/comment|related|share|social|footer|promo/.test(names)) {
    return false;
  }
  for (const token of names.split(/[^a-z0-9]+/)) if (NEGATIVE_TOKENS.has(token)) return true;
  return NEGATIVE_FRAGMENTS.test(names);
}
