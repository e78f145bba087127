/**
 * Sitemaps (sitemaps.org): XML `<urlset>`, `<sitemapindex>`, gzipped files and
 * plain-text lists, read into the page URLs they name, following nested
 * indexes to a bounded depth.
 *
 * @module
 */

import { DEFAULT_USER_AGENT } from "./fetch.ts";

/** What one sitemap file holds. */
export interface ParsedSitemap {
  /** `urlset`: page URLs; `index`: URLs of further sitemaps; `text`: a plain list of page URLs. */
  kind: "urlset" | "index" | "text";
  /** The absolute http(s) URLs it names, in file order. */
  urls: string[];
}

const LOC_RE = /<(?:([A-Za-z_][\w.-]*):)?loc\b[^>]*>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?loc\s*>/g;
const ROOT_RE = /<(?:([A-Za-z_][\w.-]*):)?(urlset|sitemapindex)\b/;

/**
 * Parses the text of one sitemap. XML is told from a plain-text list by its
 * first non-blank character. Only `<loc>` elements in the root element's
 * namespace prefix count (an image sitemap's `<image:loc>` is not a page);
 * relative, non-http(s) and unparsable URLs are dropped.
 *
 * @example
 * ```ts
 * import { parseSitemap } from "@riptide/executor";
 * parseSitemap("<urlset><url><loc>https://example.com/a?x=1&amp;y=2</loc></url></urlset>");
 * // { kind: "urlset", urls: ["https://example.com/a?x=1&y=2"] }
 * ```
 */
export function parseSitemap(text: string): ParsedSitemap {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (!body.trimStart().startsWith("<")) {
    const urls = body.split(/\r\n|\r|\n/).map((line) => absoluteHttp(line.trim()))
      .filter((u): u is string => u !== null);
    return { kind: "text", urls };
  }
  const xml = body.replace(/<!--[\s\S]*?-->/g, "");
  const root = ROOT_RE.exec(xml);
  const kind = root?.[2] === "sitemapindex" ? "index" : "urlset";
  const prefix = root?.[1];
  const urls: string[] = [];
  for (const m of xml.matchAll(LOC_RE)) {
    if (m[1] !== prefix) continue;
    const url = absoluteHttp(decodeXmlText(m[2]!).trim());
    if (url !== null) urls.push(url);
  }
  return { kind, urls };
}

function absoluteHttp(text: string): string | null {
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text).href;
  } catch {
    return null;
  }
}

const XML_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeXmlText(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (
    whole,
    cdata: string | undefined,
    entity: string | undefined,
  ) => {
    if (cdata !== undefined) return cdata;
    const name = entity!;
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Largest sitemap body kept after decompression (sitemaps.org allows 50 MB). */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Decodes a sitemap body: gunzips it when it starts with the gzip magic
 * bytes (whatever the URL or Content-Type say; servers differ), then decodes
 * UTF-8. A decompressed body longer than `maxBytes` is cut there.
 */
export async function decodeSitemapBody(
  bytes: Uint8Array,
  maxBytes: number = SITEMAP_MAX_BYTES,
): Promise<string> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    return new TextDecoder().decode(bytes.subarray(0, maxBytes));
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return new TextDecoder().decode(await readCapped(stream, maxBytes));
}

/** Reads a stream into one array, keeping at most `maxBytes`. */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const room = maxBytes - size;
    chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.byteLength, room);
    if (size >= maxBytes) break;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Options of {@linkcode fetchSitemapBody}. */
export interface FetchSitemapOptions {
  /** The User-Agent header (default {@linkcode DEFAULT_USER_AGENT}). */
  userAgent?: string;
  /** Timeout of the request, body included, in ms (default 30 000). */
  timeoutMs?: number;
  /** Largest body read, in bytes (default {@linkcode SITEMAP_MAX_BYTES}). */
  maxBytes?: number;
  /**
   * Whether redirects are followed (default true); false makes a redirect an
   * error (`HTTP 301`), for callers that must check every host asked.
   */
  followRedirects?: boolean;
}

/**
 * Fetches one sitemap's raw body (gzipped or not; {@linkcode decodeSitemapBody}
 * reads both), following redirects. Throws an `Error` naming the HTTP status
 * or the network failure.
 *
 * Needs `--allow-net` for the sitemap's host.
 */
export async function fetchSitemapBody(
  url: string,
  options: FetchSitemapOptions = {},
): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      signal,
      redirect: options.followRedirects === false ? "manual" : "follow",
      headers: { "user-agent": options.userAgent ?? DEFAULT_USER_AGENT },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(
        `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
      );
    }
    if (response.body === null) return new Uint8Array();
    return await readCapped(response.body, options.maxBytes ?? SITEMAP_MAX_BYTES);
  } catch (err) {
    if (signal.aborted) throw new Error(`timed out after ${timeoutMs / 1000}s`);
    throw err instanceof Error ? new Error(err.message.split("\n")[0]!.replace(/\.$/, "")) : err;
  }
}

/** Options of {@linkcode collectSitemapUrls}. */
export interface CollectSitemapOptions {
  /** Loads one sitemap's raw body (gzipped or not); throws when it cannot. */
  load: (url: string) => Promise<Uint8Array>;
  /** Levels of nested indexes followed below the given sitemaps (default 3). */
  maxDepth?: number;
  /** Stop after this many page URLs (default: no limit). */
  maxUrls?: number;
  /** Told about a sitemap that could not be read, or an index nested too deep. */
  onWarning?: (message: string) => void;
}

/**
 * Reads the given sitemaps and the sitemaps their indexes name (to
 * `maxDepth` levels of nesting), and returns the page URLs found, each
 * once, in discovery order. A sitemap that fails to load is reported and
 * skipped; each sitemap URL is loaded at most once.
 */
export async function collectSitemapUrls(
  sitemaps: readonly string[],
  options: CollectSitemapOptions,
): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 3;
  const maxUrls = options.maxUrls ?? Infinity;
  const warn = options.onWarning ?? (() => {});
  const seenMaps = new Set<string>();
  const pages = new Set<string>();
  const visit = async (url: string, depth: number): Promise<void> => {
    if (seenMaps.has(url) || pages.size >= maxUrls) return;
    seenMaps.add(url);
    let parsed: ParsedSitemap;
    try {
      parsed = parseSitemap(await decodeSitemapBody(await options.load(url)));
    } catch (err) {
      warn(`Could not read the sitemap ${url}: ${err instanceof Error ? err.message : err}`);
      return;
    }
    if (parsed.kind === "index") {
      if (depth >= maxDepth) {
        warn(`Sitemap index ${url} is nested deeper than ${maxDepth} levels: not followed`);
        return;
      }
      for (const child of parsed.urls) await visit(child, depth + 1);
      return;
    }
    for (const page of parsed.urls) {
      if (pages.size >= maxUrls) break;
      pages.add(page);
    }
  };
  for (const url of sitemaps) await visit(url, 0);
  return [...pages];
}
