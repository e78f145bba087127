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
} from "@riptide/core";
import { DEFAULT_USER_AGENT } from "./fetch.ts";

/** What a job knows about one URL from its host's robots.txt. */
export interface RobotsVerdict {
  /** Whether the URL may be fetched. */
  allowed: boolean;
  /** The `Crawl-delay` (seconds) of the group that applies, or null. */
  crawlDelay: number | null;
}

/** Options of {@linkcode RobotsCache}. */
export interface RobotsCacheOptions {
  /** The product token groups are chosen by (default `RipTide`). */
  productToken?: string;
  /** The User-Agent header of the robots.txt request (default {@linkcode DEFAULT_USER_AGENT}). */
  userAgent?: string;
  /** Timeout of one robots.txt request, body included, in ms (default 15 000). */
  timeoutMs?: number;
  /**
   * Waits for a connection slot to a host and returns its release function,
   * as for page fetches, so robots.txt requests count against the per-host limit.
   */
  acquireHost?: (host: string, signal: AbortSignal) => Promise<() => void>;
  /** Told once per host what its robots.txt means when it is not a plain 2xx file. */
  onEvent?: (message: string) => void;
}

/** Redirects followed for robots.txt; RFC 9309 asks for at least five. */
const MAX_REDIRECTS = 5;

interface HostRobots {
  robots: RobotsTxt;
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
    const { robots } = await this.#load(parsed.origin, signal);
    const policy = robots.forAgent(this.#options.productToken ?? ROBOTS_USER_AGENT);
    return { allowed: policy.isAllowed(parsed), crawlDelay: policy.crawlDelay };
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
    const first = robotsTxtUrl(origin);
    let url = first;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let answer: { status: number; location: string | null; text: string };
      try {
        answer = await this.#request(url, signal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (err instanceof Deno.errors.NotCapable) return { robots: RobotsTxt.allowAll() };
        say(
          `robots.txt of ${origin} is unreachable (${
            messageOf(err)
          }): every URL there is disallowed`,
        );
        return { robots: RobotsTxt.disallowAll() };
      }
      if (answer.status >= 300 && answer.status < 400 && answer.location !== null) {
        url = new URL(answer.location, url).href;
        continue;
      }
      switch (robotsStatusMeaning(answer.status)) {
        case "parse":
          return { robots: RobotsTxt.parse(answer.text, url) };
        case "allow-all":
          return { robots: RobotsTxt.allowAll() };
        case "disallow-all":
          say(
            `robots.txt of ${origin} answered HTTP ${answer.status}: every URL there is disallowed`,
          );
          return { robots: RobotsTxt.disallowAll() };
      }
    }
    // RFC 9309 2.3.1.2: past five redirects the file may be taken as unavailable.
    say(`robots.txt of ${origin} redirects more than ${MAX_REDIRECTS} times: treated as missing`);
    return { robots: RobotsTxt.allowAll() };
  }

  async #request(
    url: string,
    outer: AbortSignal | undefined,
  ): Promise<{ status: number; location: string | null; text: string }> {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 15_000);
    const signal = outer === undefined ? timeout : AbortSignal.any([outer, timeout]);
    const release = await this.#options.acquireHost?.(new URL(url).host, signal);
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: {
          "user-agent": this.#options.userAgent ?? DEFAULT_USER_AGENT,
          "accept": "text/plain,*/*;q=0.5",
        },
      });
      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel();
        return { status: response.status, location: response.headers.get("location"), text: "" };
      }
      return { status: response.status, location: null, text: await readText(response) };
    } finally {
      release?.();
    }
  }
}

async function readText(response: Response): Promise<string> {
  if (response.body === null) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    // The parser reads only the first 500 KiB; the rest is never needed.
    if (size >= ROBOTS_MAX_BYTES) break;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
