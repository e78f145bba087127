/**
 * Page metadata from `<head>` meta tags, JSON-LD and a few visible conventions:
 * title, byline, publication date, language, site name and description.
 *
 * @module
 */

import { collapse } from "./_dom_text.ts";
import { documentElements } from "./_measure.ts";

/** Metadata found on a page; null where absent. */
export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published_at: string | null;
  language: string | null;
  site_name: string | null;
  description: string | null;
}

function clean(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = collapse(s);
  return t === "" ? null : t;
}

/** The first `<meta>` of a page for each `property`, `name` and `itemprop` value. */
interface MetaIndex {
  property: Map<string, Element>;
  name: Map<string, Element>;
  itemprop: Map<string, Element>;
}

/** The elements of a page the metadata reads: its `<meta>` index and the first of each kind. */
interface PageIndex {
  metas: MetaIndex;
  /** The first `<h1>`. */
  h1: Element | null;
  /** The first `<title>`. */
  title: Element | null;
  /** The first element matching {@link AUTHOR}. */
  author: Element | null;
  /** The first `<time datetime>`. */
  time: Element | null;
  /** The first `<meta>` matching {@link CONTENT_LANGUAGE}. */
  contentLanguage: Element | null;
}

/** An element naming the page's author. */
const AUTHOR = '[rel="author"], [itemprop="author"]';
/** A `<meta>` giving the page's language. */
const CONTENT_LANGUAGE = 'meta[http-equiv="content-language" i]';

/**
 * One walk over a page for everything the metadata reads: a `querySelector` per key and
 * attribute, and one per element kind, walked the whole document each time (the kinds a page
 * lacks, a `<time>`, an author link, to its end), the largest cost of auto's metadata on large
 * pages. The first of each kind in document order, as `querySelector` finds it; an attribute
 * test whose case rules the selector engine decides is left to `matches()`.
 */
function pageIndex(document: Document): PageIndex {
  const metas: MetaIndex = { property: new Map(), name: new Map(), itemprop: new Map() };
  const out: PageIndex = {
    metas,
    h1: null,
    title: null,
    author: null,
    time: null,
    contentLanguage: null,
  };
  const visit = (el: Element): void => {
    const tag = el.localName.toLowerCase();
    if (tag === "meta") {
      for (const attr of ["property", "name", "itemprop"] as const) {
        const key = el.getAttribute(attr);
        if (key !== null && !metas[attr].has(key)) metas[attr].set(key, el);
      }
      if (
        out.contentLanguage === null &&
        el.getAttribute("http-equiv")?.toLowerCase() === "content-language" &&
        el.matches(CONTENT_LANGUAGE)
      ) out.contentLanguage = el;
    } else if (tag === "h1") {
      out.h1 ??= el;
    } else if (tag === "title") {
      out.title ??= el;
    } else if (tag === "time") {
      if (out.time === null && el.hasAttribute("datetime")) out.time = el;
    }
    if (
      out.author === null &&
      (el.getAttribute("rel")?.toLowerCase() === "author" ||
        el.getAttribute("itemprop")?.toLowerCase() === "author") &&
      el.matches(AUTHOR)
    ) out.author = el;
  };
  for (const el of documentElements(document)) visit(el);
  return out;
}

/** The first non-empty `content` of a `<meta>` naming one of `keys`, in their order. */
function meta(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = index.property.get(key) ?? index.name.get(key) ?? index.itemprop.get(key);
    const v = clean(el?.getAttribute("content"));
    if (v !== null) return v;
  }
  return null;
}

/** A JSON object. */
export type Json = Record<string, unknown>;

/**
 * Every JSON-LD object of a page, `@graph` members included (broken blocks are skipped).
 * Read once per document: the stages ask for them several times, all before the page's
 * scripts go, and finding the scripts walks the whole page.
 */
export function jsonLdObjects(document: Document): readonly Json[] {
  let objects = JSON_LD.get(document);
  if (objects === undefined) JSON_LD.set(document, objects = readJsonLd(document));
  return objects;
}

const JSON_LD = new WeakMap<Document, readonly Json[]>();

function readJsonLd(document: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
    } else if (v !== null && typeof v === "object") {
      out.push(v as Json);
      const graph = (v as Json)["@graph"];
      if (graph !== undefined) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? "";
    try {
      visit(JSON.parse(text));
    } catch {
      // Raw line breaks and tabs inside strings (pasted descriptions) are the most common
      // flaw, and readers of JSON-LD accept them: outside strings they are spaces anyway.
      try {
        visit(JSON.parse(text.replace(/\p{Cc}+/gu, " ")));
      } catch {
        // Otherwise broken JSON-LD is common and harmless: the meta tags still apply.
      }
    }
  }
  return out;
}

function isArticleType(o: Json): boolean {
  const t = o["@type"];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === "string" && /Article|Posting|Report|NewsArticle/.test(x));
}

function names(v: unknown): string | null {
  if (typeof v === "string") return clean(v);
  if (Array.isArray(v)) {
    const parts = v.map(names).filter((x): x is string => x !== null);
    return parts.length ? parts.join(", ") : null;
  }
  if (v !== null && typeof v === "object") return names((v as Json)["name"]);
  return null;
}

/** Normalizes a date string to ISO 8601 when it parses, otherwise keeps it as found. */
function isoDate(s: string | null): string | null {
  if (s === null) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? s : new Date(ms).toISOString();
}

/**
 * The text of a heading without its permalink anchor (`<a class="header-anchor">#</a>`,
 * `¶`, a link icon), which documentation generators put inside every heading.
 */
function headingText(h: Element | null): string | null {
  if (h === null) return null;
  const copy = h.cloneNode(true) as Element;
  for (const a of copy.querySelectorAll("a")) {
    const text = (a.textContent ?? "").trim();
    const anchor = (a.getAttribute("href") ?? "").startsWith("#");
    if (a.getAttribute("aria-hidden") === "true" || (anchor && /^[\p{P}\p{S}]{0,2}$/u.test(text))) {
      a.remove();
    }
  }
  return clean(copy.textContent);
}

/**
 * The page's first `<h1>` as its title, or `null` where it names the site that the
 * `<title>` names after the page's own name ("The Rust Programming Language" over "What
 * is Ownership? - The Rust Programming Language"): a manual's or a forum's template sets
 * the site's name as the `<h1>` of every page.
 */
function pageHeading(heading: string | null, shown: string | null): string | null {
  if (heading === null || shown === null) return heading;
  const parts = shown.split(TITLE_SEPARATOR);
  const named = squash(heading);
  return named !== "" && parts.slice(1).some((p) => squash(p) === named) ? null : heading;
}

/** Letters and digits only, lower case: "The Tide-Times" and "thetidetimes" compare equal. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** What parts a page's title: "Functions - JavaScript | MDN", "Harbour news – The Tide Times". */
export const TITLE_SEPARATOR = /\s+(?:[|–—·»:]|::|-)\s+/u;

/**
 * The first part of a page's title, before its first separator (see
 * {@link TITLE_SEPARATOR}): the page's own name, before its section's and its site's
 * ("Functions" of "Functions - JavaScript | MDN"); the whole title when it has no
 * separator.
 */
export function titleLead(title: string): string {
  return title.split(TITLE_SEPARATOR)[0]!;
}

/**
 * A title without the site's name around it: "Harbour news – The Tide Times" → "Harbour
 * news" when the site is "The Tide Times" (or its host, `tidetimes.example`). Only a whole
 * segment after (or before) a separator (`|`, `–`, `—`, `-`, `·`, `:`, `::`, `»`) that
 * names the site is removed, never the whole title.
 */
export function withoutSiteName(title: string, site: string | null): string {
  if (site === null) return title;
  const names = new Set([squash(site)]);
  // A host (the fallback site name) also matches without its "www." and top-level domain.
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(site)) names.add(squash(site.replace(/\.[a-z]{2,}$/i, "")));
  names.delete("");
  if (names.size === 0) return title;
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const last = parts.at(-1)!;
  if (names.has(squash(last))) {
    const cut = title.slice(0, title.length - last.length).replace(/\s+(?:[|–—·»:]|::|-)\s+$/u, "");
    if (cut.trim() !== "") return cut.trim();
  }
  const first = parts[0]!;
  if (names.has(squash(first))) {
    const rest = title.slice(first.length).replace(/^\s+(?:[|–—·»:]|::|-)\s+/u, "");
    if (rest.trim() !== "") return rest.trim();
  }
  return title;
}

/** Reads the metadata of a parsed page. `url` is used for the site-name fallback. */
export function extractMetadata(document: Document, url: string): PageMetadata {
  const page = pageIndex(document);
  const metas = page.metas;
  const ld = jsonLdObjects(document).find(isArticleType);
  const ldString = (key: string): string | null => {
    const v = ld?.[key];
    return typeof v === "string" ? clean(v) : null;
  };
  const title = meta(metas, "og:title", "twitter:title") ?? ldString("headline") ??
    pageHeading(headingText(page.h1), clean(page.title?.textContent)) ??
    clean(page.title?.textContent);
  const byline = names(ld?.["author"]) ??
    meta(metas, "author", "article:author", "dc.creator") ??
    clean(page.author?.textContent);
  const published = ldString("datePublished") ??
    meta(
      metas,
      "article:published_time",
      "og:article:published_time",
      "datePublished",
      "pubdate",
      "date",
      "dc.date",
      "sailthru.date",
      "parsely-pub-date",
    ) ??
    clean(page.time?.getAttribute("datetime"));
  const lang = clean(document.documentElement?.getAttribute("lang")) ??
    meta(metas, "og:locale", "language", "content-language") ??
    clean(page.contentLanguage?.getAttribute("content"));
  let site = meta(metas, "og:site_name", "application-name");
  if (site === null && ld !== undefined) site = names(ld["publisher"]);
  if (site === null) {
    try {
      site = new URL(url).hostname.replace(/^www\./, "") || null;
    } catch {
      site = null;
    }
  }
  const description = meta(metas, "description", "og:description", "twitter:description");
  return {
    title: title === null ? null : withoutSiteName(title, site),
    byline: byline !== null && byline.length <= 200 ? byline : null,
    published_at: isoDate(published),
    language: lang === null ? null : lang.replace("_", "-"),
    site_name: site,
    description,
  };
}
