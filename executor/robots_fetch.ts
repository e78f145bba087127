/**
 * Fetching robots.txt for a job: one request per scheme, host and port,
 * cached for the job, with RFC 9309's reading of what the server answered.
 *
 * @module
 */

import {
  ROBOTS_MAX_BYTES,
  ROBOTS_USER_AGENT,
  robotsStatusMeaning,
  RobotsTxt,
  robotsTxtUrl,
} from "@riptide/core/robots";
import { FetchError, type FetchOptions, fetchPage } from "./fetch.ts";

/** What a job knows about one URL from its host's robots.txt. */
export interface RobotsVerdict {
  /** Whether the URL may be fetched. */
  allowed: boolean;
  /** The `Crawl-delay` (seconds) of the group that applies, or null. */
  crawlDelay: number | null;
  /**
   * Why robots.txt could not be read at all (no HTTP answer: connection
   * refused, timeout): every URL of the host is disallowed, and the message
   * says what went wrong. Absent when the server answered.
   */
  unreachable?: string;
}

/** Options of {@linkcode RobotsCache}. */
export interface RobotsCacheOptions {
  /** The product token groups are chosen by (default `RipTide`). */
  productToken?: string;
  /**
   * How robots.txt is fetched: the job's fetch settings (timeouts, retries,
   * User-Agent, the per-host slot). At most five redirects are followed.
   */
  fetch?: Omit<FetchOptions, "signal" | "maxRedirects">;
  /** Told once per host what its robots.txt means when it is not a plain 2xx file. */
  onEvent?: (message: string) => void;
}

/** Redirects followed for robots.txt; RFC 9309 asks for at least five. */
const MAX_REDIRECTS = 5;

interface HostRobots {
  robots: RobotsTxt;
  unreachable?: string;
}

/**
 * The robots.txt files of one job, fetched on first use per origin and kept
 * for the job's life. http(s) URLs only: other URLs (file:) are always allowed.
 *
 * An origin the process may not connect to (`--allow-net` narrower than the
 * job) counts as having no robots.txt, so the page request itself reports
 * the denied permission rather than a robots.txt refusal.
 *
 * @example
 * ```ts
 * import { RobotsCache } from "@riptide/executor";
 * const robots = new RobotsCache();
 * const verdict = await robots.check("http://127.0.0.1:8000/private/a");
 * if (!verdict.allowed) console.log("skipped: robots.txt");
 * ```
 */
export class RobotsCache {
  #options: RobotsCacheOptions;
  #origins = new Map<string, Promise<HostRobots>>();

  /** A cache with no robots.txt fetched yet. */
  constructor(options: RobotsCacheOptions = {}) {
    this.#options = options;
  }

  /** Whether `url` may be fetched, fetching its origin's robots.txt if not done yet. */
  async check(url: string, signal?: AbortSignal): Promise<RobotsVerdict> {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      return { allowed: true, crawlDelay: null };
    }
    const host = await this.#load(parsed.origin, signal);
    const policy = host.robots.forAgent(this.#options.productToken ?? ROBOTS_USER_AGENT);
    return {
      allowed: policy.isAllowed(parsed),
      crawlDelay: policy.crawlDelay,
      ...(host.unreachable === undefined ? {} : { unreachable: host.unreachable }),
    };
  }

  /** The `Sitemap` URLs named by the robots.txt of `url`'s origin. */
  async sitemaps(url: string, signal?: AbortSignal): Promise<readonly string[]> {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return [];
    return (await this.#load(parsed.origin, signal)).robots.sitemaps;
  }

  #load(origin: string, signal: AbortSignal | undefined): Promise<HostRobots> {
    let entry = this.#origins.get(origin);
    if (entry === undefined) {
      entry = this.#fetch(origin, signal);
      this.#origins.set(origin, entry);
      // A cancelled request is not an answer: the next check asks again.
      entry.catch(() => this.#origins.delete(origin));
    }
    return entry;
  }

  async #fetch(origin: string, signal: AbortSignal | undefined): Promise<HostRobots> {
    const say = this.#options.onEvent ?? (() => {});
    const url = robotsTxtUrl(origin);
    let page;
    try {
      page = await fetchPage(url, {
        ...this.#options.fetch,
        maxRedirects: MAX_REDIRECTS,
        // Only the first 500 KiB are parsed; the rest need not be downloaded.
        maxBodyBytes: ROBOTS_MAX_BYTES,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!(err instanceof FetchError)) throw err;
      if (
        err.cause instanceof Deno.errors.NotCapable ||
        err.cause instanceof Deno.errors.PermissionDenied
      ) {
        return { robots: RobotsTxt.allowAll() };
      }
      const status = err.status;
      if (status === undefined) {
        say(`robots.txt of ${origin} is unreachable (${err.message}): no URL there is requested`);
        return { robots: RobotsTxt.disallowAll(), unreachable: err.message };
      }
      if (status >= 300 && status < 400) {
        // RFC 9309 2.3.1.2: past five redirects the file may be taken as unavailable.
        say(
          `robots.txt of ${origin} is not reachable through redirects (${err.message}): treated as missing`,
        );
        return { robots: RobotsTxt.allowAll() };
      }
      if (status >= 200 && status < 300) {
        // A body that is not text (an image, an archive): no rules to read.
        return { robots: RobotsTxt.allowAll() };
      }
      if (robotsStatusMeaning(status) === "allow-all") return { robots: RobotsTxt.allowAll() };
      say(`robots.txt of ${origin} answered HTTP ${status}: every URL there is disallowed`);
      return { robots: RobotsTxt.disallowAll() };
    }
    return { robots: RobotsTxt.parse(page.html, page.finalUrl) };
  }
}
