/**
 * Which discovered URLs a crawl follows: the host scope around its start
 * URLs plus the `--include` / `--exclude` path globs.
 *
 * @module
 */

import { type HostScope, PathFilter } from "@riptide/core/crawl_url";
import { getDomain } from "tldts";

/** Options of {@linkcode CrawlScope}. */
export interface CrawlScopeOptions {
  /** Which hosts links are followed to (default `same-host`). */
  scope?: HostScope;
  /** Path globs a followed URL must match one of (default: any path). */
  include?: readonly string[];
  /** Path globs a followed URL must match none of. */
  exclude?: readonly string[];
}

/**
 * The registrable domain of a host name by the Public Suffix List, private
 * suffixes included (`a.github.io` and `b.github.io` are different sites);
 * the host itself for IP addresses, `localhost` and unknown suffixes.
 */
export function registrableDomain(hostname: string): string {
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname.toLowerCase();
}

/**
 * The set of URLs a crawl may follow links to.
 *
 * @example
 * ```ts
 * import { CrawlScope } from "@riptide/executor";
 * const scope = new CrawlScope(["https://www.example.com/"], { scope: "same-domain" });
 * scope.allows("https://docs.example.com/a"); // true
 * scope.allows("https://example.org/"); // false
 * ```
 */
export class CrawlScope {
  #scope: HostScope;
  #hosts: Set<string>;
  #domains: Set<string>;
  #paths: PathFilter;

  /** A scope around `seeds`; throws a `UsageError` for an empty path glob. */
  constructor(seeds: readonly string[], options: CrawlScopeOptions = {}) {
    this.#scope = options.scope ?? "same-host";
    const urls = seeds.map((s) => new URL(s));
    this.#hosts = new Set(urls.map((u) => u.host));
    this.#domains = new Set(urls.map((u) => registrableDomain(u.hostname)));
    this.#paths = new PathFilter({
      ...(options.include === undefined ? {} : { include: options.include }),
      ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
    });
  }

  /** Whether a crawl follows a link to `url` (its host in scope and its path through the globs). */
  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
    switch (this.#scope) {
      case "same-host":
        if (!this.#hosts.has(parsed.host)) return false;
        break;
      case "same-domain":
        if (!this.#domains.has(registrableDomain(parsed.hostname))) return false;
        break;
      case "any-host":
        break;
    }
    return this.#paths.allows(parsed);
  }
}
