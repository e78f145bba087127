/**
 * URL rules of crawl jobs: the normal form a discovered URL is stored and
 * compared in (so variants of one page are fetched once), the host scopes a
 * crawl may stay in, and the path globs of `--include` / `--exclude`.
 *
 * @module
 */

import { UsageError } from "./errors.ts";
import { humanList } from "./parse.ts";

/** Query parameters that only track the visitor; removed by {@linkcode normalizeCrawlUrl}. */
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid)$/i;

/**
 * The normal form of an http(s) URL in a crawl, or null for a URL a crawl
 * never follows (other schemes, unparsable). Scheme and host are lower-cased,
 * the default port and the fragment dropped, an empty path becomes `/`,
 * `utm_*`, `fbclid` and `gclid` parameters are removed (the other parameters
 * keep their order) and dot segments are resolved. The path keeps its case and
 * `index.html` stays: servers may treat them as different pages.
 *
 * @example
 * ```ts
 * import { normalizeCrawlUrl } from "@riptide/core";
 * normalizeCrawlUrl("HTTP://Example.COM:80/a/../B?utm_source=x&id=2#top");
 * // "http://example.com/B?id=2"
 * ```
 */
export function normalizeCrawlUrl(url: string | URL, base?: string | URL): string | null {
  let parsed: URL;
  if (url instanceof URL && base === undefined) {
    parsed = url;
  } else {
    try {
      parsed = new URL(url, base);
    } catch {
      return null;
    }
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.hostname === "") return null;
  let href = parsed.href;
  if (parsed.username !== "" || parsed.password !== "") {
    const copy = new URL(href);
    copy.username = "";
    copy.password = "";
    href = copy.href;
  }
  // The rest works on the serialized URL (the WHATWG setters re-parse the
  // whole URL each), and rebuilds the query by hand rather than through
  // URLSearchParams, which would re-encode every parameter (`a=b c` →
  // `a=b+c`) and so change URLs the server may compare byte for byte.
  const hash = href.indexOf("#");
  if (hash !== -1) href = href.slice(0, hash);
  const q = href.indexOf("?");
  if (q === -1) return href;
  const pairs = href.slice(q + 1).split("&");
  const kept = pairs.filter((pair) => {
    if (pair === "") return false;
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return !TRACKING_PARAM.test(name.includes("%") ? safeDecode(name) : name);
  });
  return kept.length === 0 ? href.slice(0, q) : `${href.slice(0, q)}?${kept.join("&")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/** Every host scope of a crawl, narrowest first. */
export const HOST_SCOPES = ["same-host", "same-domain", "any-host"] as const;
/**
 * Which hosts a crawl follows links to: the start URL's host only
 * (`same-host`, the default), any host under the start URL's registrable
 * domain (`same-domain`: `www.example.com` → `example.com`, `docs.example.com`),
 * or any host (`any-host`).
 */
export type HostScope = typeof HOST_SCOPES[number];

/** Parses a host scope name (`same-host`, `same-domain`, `any-host`). */
export function parseHostScope(raw: string): HostScope {
  const value = raw.trim().toLowerCase();
  if ((HOST_SCOPES as readonly string[]).includes(value)) return value as HostScope;
  throw new UsageError(`Unknown host scope "${raw}": expected ${humanList(HOST_SCOPES)}`);
}

/**
 * Compiles a URL path glob of `--include` / `--exclude` into a regular
 * expression over a URL's path (query excluded). The glob matches the whole
 * path: `*` is any run of characters within one segment, `**` any run across
 * segments, `?` one character other than `/`; other characters match
 * themselves. A glob without a leading `/` is anchored at the root
 * (`blog/*` = `/blog/*`), and a trailing `/**` also matches the directory
 * itself (`/docs/**` matches `/docs`, `/docs/` and `/docs/a/b`).
 *
 * Throws a `UsageError` for an empty glob.
 *
 * @example
 * ```ts
 * import { compilePathGlob } from "@riptide/core";
 * compilePathGlob("/blog/*").test("/blog/post-1"); // true
 * compilePathGlob("/blog/*").test("/blog/2024/post-1"); // false
 * ```
 */
export function compilePathGlob(glob: string): RegExp {
  let pattern = glob.trim();
  if (pattern === "") throw new UsageError(`Empty path pattern "${glob}": expected e.g. /blog/**`);
  if (!pattern.startsWith("/")) pattern = `/${pattern}`;
  let source = "";
  let rest = pattern;
  let tail = "";
  if (rest.endsWith("/**")) {
    rest = rest.slice(0, -3);
    tail = "(?:/.*)?";
  }
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === "*") {
      if (rest[i + 1] === "*") {
        // `/**/` also matches a single `/` (zero segments in between).
        if (rest[i - 1] === "/" && rest[i + 2] === "/") {
          source += "(?:.*/)?";
          i += 2;
        } else {
          source += ".*";
          i++;
        }
      } else {
        source += "[^/]*";
      }
    } else if (c === "?") {
      source += "[^/]";
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}${tail}$`);
}

/**
 * The `--include` / `--exclude` filter of a crawl: a URL passes when its
 * path matches no exclude glob and, if include globs are given, at least one
 * of them. Paths are compared decoded (`/caf%C3%A9` matches `/café*`).
 */
export class PathFilter {
  #include: RegExp[];
  #exclude: RegExp[];

  /** Compiles the globs; throws a `UsageError` for an empty one. */
  constructor(options: { include?: readonly string[]; exclude?: readonly string[] } = {}) {
    this.#include = (options.include ?? []).map(compilePathGlob);
    this.#exclude = (options.exclude ?? []).map(compilePathGlob);
  }

  /** Whether the path of `url` passes the filter. */
  allows(url: string | URL): boolean {
    const raw = typeof url === "string" ? new URL(url).pathname : url.pathname;
    const paths = [raw];
    const decoded = safeDecodePath(raw);
    if (decoded !== raw) paths.push(decoded);
    if (this.#exclude.some((re) => paths.some((p) => re.test(p)))) return false;
    return this.#include.length === 0 || this.#include.some((re) => paths.some((p) => re.test(p)));
  }
}

function safeDecodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
