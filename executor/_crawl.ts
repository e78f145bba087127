/**
 * A crawl job's link following (private to the executor): which URLs a
 * fetched page adds to the job's frontier, and the page URLs of the sitemaps
 * its hosts' robots.txt files name.
 *
 * @module
 */

import type { CrawlSettings, FrontierEntry, Job } from "@riptide/core/base";
import { normalizeCrawlUrl } from "@riptide/core/crawl_url";
import { CrawlScope } from "./crawl_scope.ts";
import type { Page } from "./extract.ts";
import { discoverLinks } from "./links.ts";
import { privateHostReason } from "./_private_address.ts";
import { collectSitemapUrls, fetchSitemapBody } from "./sitemap.ts";

/** Media types whose links are followed. */
const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/**
 * Every link of `page` a crawl may follow, whatever its scope and depth:
 * none when it is not HTML or says `nofollow`. What the HTTP cache keeps
 * with a page, so that a page answered `304 Not Modified` still leads on.
 */
export function pageLinks(page: Page): string[] {
  if (!HTML_TYPES.has(page.contentType)) return [];
  return discoverLinks(page.html, page.finalUrl).links;
}

/** Options of {@linkcode Crawl.sitemapEntries}. */
export interface SitemapLoadOptions {
  /** The User-Agent sitemaps are fetched with. */
  userAgent?: string;
  /** Timeout per sitemap, in ms. */
  timeoutMs?: number;
  /** Told about a sitemap that could not be read. */
  onWarning?: (message: string) => void;
  /**
   * Private addresses are blocked for the job: each sitemap's host is
   * checked first, and redirects are not followed.
   */
  blockPrivateAddresses?: boolean;
}

/** The crawl settings of one running job. */
export class Crawl {
  /** The job's crawl settings. */
  readonly settings: CrawlSettings;
  readonly #scope: CrawlScope;
  readonly #origins = new Set<string>();

  /** The crawl of `job` (a job with `options.crawl`). */
  constructor(job: Job, settings: CrawlSettings) {
    this.settings = settings;
    this.#scope = new CrawlScope(job.urls, {
      scope: settings.scope,
      include: settings.include,
      exclude: settings.exclude,
    });
  }

  /**
   * The URLs `page` leads to that the crawl follows: none when the page is
   * at the depth limit, is not HTML, or says `nofollow`; else its links in
   * the crawl's scope, one depth further, with the page as referrer.
   */
  linksOf(page: Page, place: FrontierEntry): FrontierEntry[] {
    if (place.depth >= this.settings.max_depth) return [];
    return this.follow(pageLinks(page), place);
  }

  /**
   * The links of a page (as {@linkcode pageLinks} found them, e.g. kept in
   * the HTTP cache with the page) that the crawl follows from `place`.
   */
  follow(links: readonly string[], place: FrontierEntry): FrontierEntry[] {
    if (place.depth >= this.settings.max_depth) return [];
    const depth = place.depth + 1;
    return links.filter((url) => url !== place.url && this.#scope.allows(url))
      .map((url) => ({ url, depth, referrer: place.url }));
  }

  /**
   * The crawl's URL for where `page` ended up after redirects, when that is
   * another URL the crawl would follow (normalized, in scope); else null.
   */
  redirectTarget(page: Page, url: string): string | null {
    if (page.finalUrl === page.url) return null;
    const target = normalizeCrawlUrl(page.finalUrl);
    if (target === null || target === url || !this.#scope.allows(target)) return null;
    return target;
  }

  /**
   * The page URLs of the sitemaps an origin's robots.txt names, in scope,
   * at the depth limit (fetched, their links not followed: a sitemap lists
   * pages at any depth) with the sitemap as referrer. Empty for an origin
   * seen before, or when the depth limit is 0.
   */
  async sitemapEntries(
    url: string,
    sitemaps: readonly string[],
    maxUrls: number,
    options: SitemapLoadOptions = {},
  ): Promise<FrontierEntry[]> {
    const origin = new URL(url).origin;
    if (this.#origins.has(origin) || this.settings.max_depth < 1) return [];
    this.#origins.add(origin);
    const out: FrontierEntry[] = [];
    const seen = new Set<string>();
    for (const sitemap of sitemaps) {
      if (out.length >= maxUrls) break;
      const pages = await collectSitemapUrls([sitemap], {
        load: async (u) => {
          if (options.blockPrivateAddresses === true) {
            const reason = await privateHostReason(new URL(u));
            if (reason !== null) throw new Error(`${reason} (private addresses are blocked)`);
          }
          return await fetchSitemapBody(u, {
            ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(options.blockPrivateAddresses === true ? { followRedirects: false } : {}),
          });
        },
        maxUrls: maxUrls * 2,
        ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
      });
      for (const page of pages) {
        const normal = normalizeCrawlUrl(page);
        if (normal === null || seen.has(normal) || !this.#scope.allows(normal)) continue;
        seen.add(normal);
        out.push({ url: normal, depth: this.settings.max_depth, referrer: sitemap });
        if (out.length >= maxUrls) break;
      }
    }
    return out;
  }
}
