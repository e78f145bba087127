/**
 * Link discovery for crawl jobs: the URLs a fetched HTML page leads to.
 *
 * @module
 */

import { normalizeCrawlUrl } from "@riptide/core/crawl_url";
import { decodeHTMLAttribute } from "entities";

/** What a page's links are, and whether the page lets them be followed. */
export interface PageLinks {
  /** Links to follow, normalized ({@linkcode normalizeCrawlUrl}), each once, in page order. */
  links: string[];
  /** Whether `<meta name="robots" content="nofollow">` (or `none`) told crawlers not to follow any link. */
  nofollow: boolean;
}

// Elements whose content is not markup: a `<a href>` inside a script is text.
const RAW_TEXT =
  /<!--[\s\S]*?-->|<(script|style|template|textarea|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<(a|area|link|base|meta)(?=[\s/>])/gi;
// One attribute (name, then a double-, single- or unquoted value) or the tag's end.
const ATTRIBUTE = /[\s/]*(?:(>)|([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?)/y;

/**
 * File extensions of links that are not pages: not fetched, since they
 * cannot be extracted.
 */
const NOT_HTML =
  /\.(?:pdf|png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|mp[34]|m4a|ogg|wav|webm|mov|avi|mkv|zip|gz|tgz|bz2|xz|7z|rar|tar|exe|dmg|msi|apk|iso|bin|css|js|mjs|json|woff2?|ttf|otf|eot|docx?|xlsx?|pptx?|odt|ods|csv|rss|atom)$/i;

function attributesAt(html: string, start: number): Map<string, string> {
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = start;
  for (;;) {
    const m = ATTRIBUTE.exec(html);
    if (m === null || m[1] !== undefined || m[0] === "") break;
    const name = m[2]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, m[3] ?? m[4] ?? m[5] ?? "");
  }
  return attributes;
}

function relTokens(attributes: Map<string, string>): string[] {
  return (attributes.get("rel") ?? "").toLowerCase().split(/\s+/).filter((t) => t !== "");
}

/**
 * Finds the links of an HTML page worth following: `<a href>` and
 * `<area href>` without `rel=nofollow`, `<link rel=next>` and
 * `<link rel=canonical>`, resolved against the first `<base href>` (else
 * `pageUrl`, the URL after redirects) and normalized. Links to other schemes
 * and to files that are not pages (`.pdf`, images, archives, …) are
 * dropped. A `<meta name="robots">` (or `name="RipTide"`) with `nofollow`
 * or `none` returns no links and `nofollow: true`.
 *
 * @example
 * ```ts
 * import { discoverLinks } from "@riptide/executor";
 * discoverLinks('<a href="/b#x">b</a><a rel="nofollow" href="/c">c</a>', "http://example.com/a");
 * // { links: ["http://example.com/b"], nofollow: false }
 * ```
 */
export function discoverLinks(html: string, pageUrl: string): PageLinks {
  const markup = html.replace(RAW_TEXT, " ");
  const hrefs: string[] = [];
  let base: string | null = null;
  for (const m of markup.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase();
    const attributes = attributesAt(markup, m.index + m[0].length);
    if (tag === "meta") {
      const name = (attributes.get("name") ?? "").toLowerCase();
      if (name === "robots" || name === "riptide") {
        const content = (attributes.get("content") ?? "").toLowerCase().split(/[\s,]+/);
        if (content.includes("nofollow") || content.includes("none")) {
          return { links: [], nofollow: true };
        }
      }
      continue;
    }
    const href = attributes.get("href");
    if (href === undefined) continue;
    const value = (href.includes("&") ? decodeHTMLAttribute(href) : href).trim();
    if (tag === "base") {
      base ??= value;
      continue;
    }
    const rel = relTokens(attributes);
    if (tag === "link") {
      if (rel.includes("next") || rel.includes("canonical")) hrefs.push(value);
      continue;
    }
    if (!rel.includes("nofollow")) hrefs.push(value);
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(pageUrl);
  } catch {
    return { links: [], nofollow: false };
  }
  if (base !== null) {
    try {
      baseUrl = new URL(base, baseUrl);
    } catch {
      // An unparsable <base href> is ignored, as browsers do.
    }
  }
  const links = new Set<string>();
  for (const href of hrefs) {
    if (href === "" || href.startsWith("#")) continue;
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      continue;
    }
    if (NOT_HTML.test(url.pathname)) continue;
    const normal = normalizeCrawlUrl(url);
    if (normal !== null) links.add(normal);
  }
  return { links: [...links], nofollow: false };
}
