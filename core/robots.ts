/**
 * robots.txt as RFC 9309 defines it: groups chosen by product token, allow
 * and disallow rules decided by the longest match (allow wins a tie), `*` and
 * `$` in patterns, percent-encoding compared in one normal form, and what a
 * fetch status means (4xx: allow all; 5xx or unreachable: disallow all).
 * `Crawl-delay` and `Sitemap` lines, which the RFC leaves to crawlers, are
 * read too.
 *
 * Pure: fetching robots.txt is the executor's job.
 *
 * @module
 */

/** The product token RipTide matches robots.txt groups with. */
export const ROBOTS_USER_AGENT = "RipTide";

/** How much of a robots.txt is parsed; RFC 9309 asks for at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

interface Rule {
  allow: boolean;
  /** The normalized pattern; its length decides the longest match. */
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

/** The rules that apply to one crawler, from {@linkcode RobotsTxt.forAgent}. */
export interface RobotsPolicy {
  /** Whether the crawler may fetch the URL (or path with query). */
  isAllowed(urlOrPath: string | URL): boolean;
  /** The group's `Crawl-delay` in seconds, or null when it sets none. */
  readonly crawlDelay: number | null;
}

/**
 * A parsed robots.txt.
 *
 * @example
 * ```ts
 * import { RobotsTxt } from "@riptide/core";
 * const robots = RobotsTxt.parse("User-agent: *\nDisallow: /private/\nAllow: /private/ok$");
 * const policy = robots.forAgent("RipTide");
 * policy.isAllowed("https://example.com/private/x"); // false
 * policy.isAllowed("/private/ok"); // true
 * ```
 */
export class RobotsTxt {
  #groups: Group[];
  #everything: boolean | null;
  /** The `Sitemap` URLs the file names, absolute, in file order. */
  readonly sitemaps: readonly string[];

  private constructor(groups: Group[], sitemaps: string[], everything: boolean | null) {
    this.#groups = groups;
    this.sitemaps = sitemaps;
    this.#everything = everything;
  }

  /** A robots.txt that allows everything (the file is missing: HTTP 4xx). */
  static allowAll(): RobotsTxt {
    return new RobotsTxt([], [], true);
  }

  /** A robots.txt that disallows everything (HTTP 5xx, or the server is unreachable). */
  static disallowAll(): RobotsTxt {
    return new RobotsTxt([], [], false);
  }

  /**
   * Parses robots.txt text (the first {@linkcode ROBOTS_MAX_BYTES} of it).
   * `base` resolves relative `Sitemap` URLs; unparsable ones are dropped.
   */
  static parse(text: string, base?: string | URL): RobotsTxt {
    const groups: Group[] = [];
    const sitemaps: string[] = [];
    let current: Group | null = null;
    // Consecutive user-agent lines open one group; a rule line closes the
    // list, so the next user-agent line starts a new group.
    let collectingAgents = false;
    for (const raw of capped(text).split(/\r\n|\r|\n/)) {
      const hash = raw.indexOf("#");
      const line = (hash === -1 ? raw : raw.slice(0, hash)).trim();
      const colon = line.indexOf(":");
      if (colon === -1) continue;
      const key = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]+/g, "-");
      const value = line.slice(colon + 1).trim();
      switch (key) {
        case "user-agent":
        case "useragent": {
          if (!collectingAgents || current === null) {
            current = { agents: [], rules: [], crawlDelay: null };
            groups.push(current);
            collectingAgents = true;
          }
          current.agents.push(agentToken(value));
          break;
        }
        case "allow":
        case "disallow":
        case "dissallow":
        case "disalow": {
          collectingAgents = false;
          if (current === null || value === "") break;
          const pattern = normalizePattern(value);
          current.rules.push({ allow: key === "allow", pattern, regex: patternRegex(pattern) });
          break;
        }
        case "crawl-delay": {
          collectingAgents = false;
          if (current === null) break;
          const seconds = Number(value);
          if (value !== "" && Number.isFinite(seconds) && seconds >= 0) {
            current.crawlDelay = seconds;
          }
          break;
        }
        case "sitemap": {
          try {
            sitemaps.push(new URL(value, base).href);
          } catch {
            // Not a URL: nothing to read.
          }
          break;
        }
        default:
          // Other records (Host, Clean-param, typos) neither add rules nor end a group.
          break;
      }
    }
    return new RobotsTxt(groups, sitemaps, null);
  }

  /**
   * The rules for a crawler with `productToken` (default
   * {@linkcode ROBOTS_USER_AGENT}): every group naming the token
   * (case-insensitive) merged, else the `*` groups merged, else no rules.
   */
  forAgent(productToken: string = ROBOTS_USER_AGENT): RobotsPolicy {
    if (this.#everything !== null) {
      const allowed = this.#everything;
      return { isAllowed: (target) => allowed || isRobotsTxt(target), crawlDelay: null };
    }
    const token = productToken.toLowerCase();
    let chosen = this.#groups.filter((g) => g.agents.includes(token));
    if (chosen.length === 0) chosen = this.#groups.filter((g) => g.agents.includes("*"));
    const rules = chosen.flatMap((g) => g.rules);
    const delays = chosen.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
    return {
      isAllowed: (target) => isAllowed(rules, target),
      crawlDelay: delays.length === 0 ? null : Math.max(...delays),
    };
  }
}

/** What a robots.txt fetch status means, per RFC 9309 section 2.3.1. */
export type RobotsStatusMeaning = "parse" | "allow-all" | "disallow-all";

/**
 * What to make of the final HTTP status of a robots.txt fetch (after
 * redirects): 2xx → parse the body; 4xx → no robots.txt, allow all; 5xx →
 * unreachable, disallow all. 429 counts as unreachable too: a server that
 * asks to slow down is not saying it has no rules.
 */
export function robotsStatusMeaning(status: number): RobotsStatusMeaning {
  if (status >= 200 && status < 300) return "parse";
  if (status === 429) return "disallow-all";
  if (status >= 400 && status < 500) return "allow-all";
  return "disallow-all";
}

/** The robots.txt URL for `url`'s scheme, host and port. */
export function robotsTxtUrl(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  return `${parsed.origin}/robots.txt`;
}

function capped(text: string): string {
  let body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.length > ROBOTS_MAX_BYTES / 4) {
    const bytes = new TextEncoder().encode(body);
    if (bytes.byteLength > ROBOTS_MAX_BYTES) {
      body = new TextDecoder().decode(bytes.subarray(0, ROBOTS_MAX_BYTES));
    }
  }
  return body;
}

/**
 * The product token of a user-agent line: its leading letters, `_` and `-`
 * (`Googlebot/2.1` → `googlebot`), lower-cased; `*` stays `*`.
 */
function agentToken(value: string): string {
  if (value.startsWith("*")) return "*";
  return (/^[A-Za-z_-]+/.exec(value)?.[0] ?? value).toLowerCase();
}

function isRobotsTxt(target: string | URL): boolean {
  return pathAndQuery(target) === "/robots.txt";
}

function isAllowed(rules: readonly Rule[], target: string | URL): boolean {
  const path = normalizeEncoding(pathAndQuery(target));
  if (path === "/robots.txt") return true;
  let best: Rule | null = null;
  for (const rule of rules) {
    if (!rule.regex.test(path)) continue;
    if (
      best === null || rule.pattern.length > best.pattern.length ||
      (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
    ) {
      best = rule;
    }
  }
  return best === null || best.allow;
}

function pathAndQuery(target: string | URL): string {
  if (typeof target !== "string") return target.pathname + target.search;
  if (target.startsWith("/")) return target;
  const url = new URL(target);
  return url.pathname + url.search;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * One normal form for patterns and paths: characters outside printable
 * US-ASCII percent-encoded as UTF-8, escapes upper-cased, and escapes of
 * unreserved characters decoded (RFC 9309 2.2.2: `/%62%61%7A` is `/baz`).
 */
function normalizeEncoding(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "%" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      const decoded = String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${text.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
    } else if (c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) >= 0x7f) {
      const cp = text.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      for (const b of new TextEncoder().encode(char)) {
        out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
      }
      i += char.length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

function normalizePattern(value: string): string {
  const pattern = value.startsWith("/") || value.startsWith("*") ? value : `/${value}`;
  return normalizeEncoding(pattern);
}

function patternRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith("$");
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}${anchored ? "$" : ""}`, "s");
}
