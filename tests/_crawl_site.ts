/**
 * A local site for crawl tests: a tree of pages (each page links to its
 * children, its parent and the start page), with duplicate-link variants
 * (fragments, tracking parameters), a nofollow link, a link to a PDF, a
 * robots.txt that disallows `/private/` and names a sitemap, and an access
 * log of every request.
 *
 * @module
 */

/** Options of {@linkcode startCrawlSite}. */
export interface CrawlSiteOptions {
  /** Children per page (default 3). */
  fanout?: number;
  /** Levels of the tree below the start page (default 4). */
  levels?: number;
  /** Delay before each page answers, in ms (default 0). */
  delayMs?: number;
  /** Extra robots.txt lines (after the `*` group). */
  robots?: string;
  /**
   * Pages two levels down or deeper (`/n/<i>/<j>…`) answer only once this many
   * User-Agents have asked for anything, or after 60 s (default 0: at once).
   */
  holdUntilAgents?: number;
}

/** The running site. */
export interface CrawlSite extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request's path and query, in arrival order. */
  log: string[];
  /** Every request: path and query, User-Agent, arrival time (ms since the epoch). */
  requests: { path: string; agent: string; at: number }[];
  /** Requests per path (query included). */
  hits(): Map<string, number>;
}

function page(title: string, links: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><article>` +
    `<h1>${title}</h1><p>${
      `The text of ${title}, with words enough to be the main content. `.repeat(6)
    }</p>${links}</article></body></html>`;
}

/**
 * Starts the site on 127.0.0.1, port 0. Page paths are `/` and `/n/<i>/<j>…`
 * (`/n/0`, `/n/0/2`, …). The start page also links to `/private/secret`
 * (disallowed), `/nofollow` (rel=nofollow), `/file.pdf`, and
 * `/n/0?utm_source=x` and `/n/0#top` (duplicates of `/n/0`); `/sitemap.xml`
 * names `/from-sitemap`, linked from nowhere.
 */
export function startCrawlSite(options: CrawlSiteOptions = {}): CrawlSite {
  const fanout = options.fanout ?? 3;
  const levels = options.levels ?? 4;
  const log: string[] = [];
  const requests: { path: string; agent: string; at: number }[] = [];
  const children = (path: string, depth: number): string[] =>
    depth >= levels
      ? []
      : Array.from({ length: fanout }, (_, i) => path === "/" ? `/n/${i}` : `${path}/${i}`);
  const agents = new Set<string>();
  const allHere = Promise.withResolvers<void>();
  const fallback = setTimeout(allHere.resolve, 60_000);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const u = new URL(req.url);
    log.push(u.pathname + u.search);
    const agent = req.headers.get("user-agent") ?? "";
    requests.push({ path: u.pathname + u.search, agent, at: Date.now() });
    agents.add(agent);
    if (agents.size >= (options.holdUntilAgents ?? 0)) allHere.resolve();
    if (/^\/n\/\d+\//.test(u.pathname)) await allHere.promise;
    const base = u.origin;
    if (u.pathname === "/robots.txt") {
      return new Response(
        `User-agent: *\nDisallow: /private/\n${
          options.robots ?? ""
        }\nSitemap: ${base}/sitemap.xml\n`,
        { headers: { "content-type": "text/plain" } },
      );
    }
    if (u.pathname === "/sitemap.xml") {
      return new Response(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<url><loc>${base}/from-sitemap</loc></url></urlset>`,
        { headers: { "content-type": "application/xml" } },
      );
    }
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (u.pathname === "/file.pdf") {
      return new Response("%PDF-1.4", { headers: { "content-type": "application/pdf" } });
    }
    const html = { headers: { "content-type": "text/html; charset=utf-8" } };
    if (u.pathname === "/") {
      const links = children("/", 0).map((c) => `<a href="${c}">${c}</a>`).join("") +
        `<a href="/n/0?utm_source=news&amp;utm_medium=x">dup</a><a href="/n/0#top">dup</a>` +
        `<a href="/private/secret">secret</a><a rel="nofollow" href="/nofollow">nf</a>` +
        `<a href="/file.pdf">pdf</a><a href="http://elsewhere.invalid/">off-site</a>`;
      return new Response(page("Home", links), html);
    }
    const m = /^\/n((?:\/\d+)+)$/.exec(u.pathname);
    if (m !== null) {
      const depth = m[1]!.split("/").length - 1;
      const links = [...children(u.pathname, depth), "/"].map((c) => `<a href="${c}">link</a>`)
        .join("");
      return new Response(page(`Page ${u.pathname}`, links), html);
    }
    return new Response(page(`Page ${u.pathname}`, ""), html);
  });
  return {
    url: `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`,
    log,
    requests,
    hits() {
      const out = new Map<string, number>();
      for (const p of log) out.set(p, (out.get(p) ?? 0) + 1);
      return out;
    },
    async [Symbol.asyncDispose]() {
      clearTimeout(fallback);
      await server.shutdown();
    },
  };
}

/** The tree's page paths down to `depth` (the start page is depth 0). */
export function treePaths(depth: number, fanout = 3): string[] {
  const out = ["/"];
  let level = ["/"];
  for (let d = 1; d <= depth; d++) {
    level = level.flatMap((p) =>
      Array.from({ length: fanout }, (_, i) => p === "/" ? `/n/${i}` : `${p}/${i}`)
    );
    out.push(...level);
  }
  return out;
}
