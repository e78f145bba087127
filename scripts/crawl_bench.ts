// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Crawl benchmark (the report is the output): a generated site of 11,111
 * pages (a tree, fanout 10, 4 levels below the start page) whose pages link
 * with duplicate variants (fragment, tracking parameters, upper-case scheme
 * and host), a robots.txt that disallows `/n/3/` and sets a Crawl-delay for
 * another user agent, and a sitemap index naming 100 pages no link reaches.
 * Runs `riptide job-local submit --crawl … --max-depth 3 --max-pages 2000`
 * with a foreground worker through the CLI, then checks the server's access
 * log: every allowed page within depth 3 and every sitemap page fetched
 * once, nothing else, no disallowed URL requested.
 *
 *   deno run -A scripts/crawl_bench.ts [--kill N] [--per-host N] [--url-concurrency N] [--no-cache]
 *
 * `--kill N` kills the worker with SIGKILL N times during the crawl (each
 * time after another sixth of the pages) and reports URLs fetched twice (the
 * requests on the wire at a kill) and the pages a killed worker had fetched
 * that the next one extracted without a request.
 * `--no-cache` turns the HTTP cache off (`store.cache_max_bytes: 0`), to
 * see what writing a cache entry per page costs.
 *
 * @module
 */

import { join } from "node:path";

const args = Deno.args;
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const kills = flag("--kill", 0);
const perHost = flag("--per-host", 8);
const lanes = flag("--url-concurrency", 16);
const noCache = args.includes("--no-cache");
const FANOUT = 10;
const LEVELS = 4;
const ROOT = join(import.meta.dirname ?? ".", "..");
const LAUNCHER = join(ROOT, "riptide");

const log: string[] = [];
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
  const u = new URL(req.url);
  log.push(u.pathname + u.search);
  const base = u.origin;
  if (u.pathname === "/robots.txt") {
    return new Response(
      `User-agent: OtherBot\nCrawl-delay: 30\nDisallow: /\n\nUser-agent: *\nDisallow: /n/3/\n` +
        `Disallow: /n/3$\n\nSitemap: ${base}/sitemap_index.xml\n`,
    );
  }
  if (u.pathname === "/sitemap_index.xml") {
    return new Response(
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
        `<sitemap><loc>${base}/sitemap-a.xml</loc></sitemap>` +
        `<sitemap><loc>${base}/sitemap-b.xml</loc></sitemap></sitemapindex>`,
    );
  }
  const sm = /^\/sitemap-(a|b)\.xml$/.exec(u.pathname);
  if (sm !== null) {
    const from = sm[1] === "a" ? 0 : 50;
    const locs = Array.from(
      { length: 50 },
      (_, i) => `<url><loc>${base}/orphan/${from + i}</loc></url>`,
    );
    // Pages the links reach too: each is still fetched once.
    locs.push(`<url><loc>${base}/n/1/2</loc></url>`);
    return new Response(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
        locs.join("") + `</urlset>`,
    );
  }
  const depth = u.pathname === "/" ? 0 : u.pathname.split("/").length - 2;
  const kids = depth >= LEVELS || !/^\/(n(\/\d+)+)?$/.test(u.pathname)
    ? []
    : Array.from({ length: FANOUT }, (_, i) =>
      u.pathname === "/" ? `/n/${i}` : `${u.pathname}/${i}`);
  const upper = base.replace("http://", "HTTP://");
  const links = kids.flatMap((k, i) => [
    `<a href="${k}">${k}</a>`,
    i % 3 === 0 ? `<a href="${k}#section">${k}</a>` : "",
    i % 3 === 1 ? `<a href="${k}?utm_source=newsletter&amp;utm_medium=email">${k}</a>` : "",
    i % 3 === 2 ? `<a href="${upper}${k}">${k}</a>` : "",
  ]).join("") + `<a href="/">home</a><a href="/?fbclid=abc">home</a>`;
  return new Response(
    `<!doctype html><html><head><title>Page ${u.pathname}</title></head><body>` +
      `<nav>${links}</nav><article><h1>Page ${u.pathname}</h1>` +
      `<p>${
        `This is the text of page ${u.pathname}, long enough to be the main content. `.repeat(12)
      }</p>` +
      `</article></body></html>`,
    { headers: { "content-type": "text/html; charset=utf-8" } },
  );
});
const site = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;

const home = await Deno.makeTempDir({ prefix: "riptide_crawl_bench_" });
const env = { RIPTIDE_HOME: home };
if (noCache) {
  await Deno.writeTextFile(join(home, "config.jsonc"), `{ "store": { "cache_max_bytes": 0 } }\n`);
}
async function cli(argv: string[]): Promise<string> {
  const out = await new Deno.Command(LAUNCHER, {
    args: argv,
    env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}
const id = JSON.parse(
  await cli([
    "job-local",
    "submit",
    "--crawl",
    `${site}/`,
    "--max-depth",
    "3",
    "--max-pages",
    "2000",
    "--no-worker",
    "-o",
    "json",
  ]),
).job_id as string;

function worker(): Deno.ChildProcess {
  return new Deno.Command(LAUNCHER, {
    args: [
      "job-local",
      "worker",
      "--idle-timeout",
      "0",
      "--per-host",
      String(perHost),
      "--url-concurrency",
      String(lanes),
    ],
    env,
    stdout: "null",
    stderr: "null",
  }).spawn();
}
const pageRequests = (): number => log.filter((p) => p.startsWith("/n") || p === "/").length;

const started = performance.now();
for (let k = 0; k < kills; k++) {
  const child = worker();
  const target = pageRequests() + Math.floor(1100 / (kills + 2));
  while (pageRequests() < target) await new Promise((r) => setTimeout(r, 20));
  child.kill("SIGKILL");
  await child.status;
}
const last = worker();
await last.status;
const seconds = (performance.now() - started) / 1000;

const status = JSON.parse(await cli(["job-local", "status", "--id", id, "-o", "json"]));
const expected = new Set<string>(["/"]);
let level = ["/"];
for (let d = 1; d <= 3; d++) {
  level = level.flatMap((p) =>
    Array.from({ length: FANOUT }, (_, i) => (p === "/" ? `/n/${i}` : `${p}/${i}`))
  ).filter((p) => p !== "/n/3" && !p.startsWith("/n/3/"));
  for (const p of level) expected.add(p);
}
for (let i = 0; i < 100; i++) expected.add(`/orphan/${i}`);
const pages = log.filter((p) => !p.startsWith("/robots") && !p.startsWith("/sitemap"));
const counts = new Map<string, number>();
for (const p of pages) counts.set(p, (counts.get(p) ?? 0) + 1);
const twice = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
const missing = [...expected].filter((p) => !counts.has(p));
const extra = [...counts.keys()].filter((p) => !expected.has(p));
const disallowed = pages.filter((p) => p === "/n/3" || p.startsWith("/n/3/"));

console.log(`job ${id}: ${status.status}, progress ${JSON.stringify(status.crawl_progress)}`);
console.log(
  `pages requested: ${pages.length} (distinct ${counts.size}), expected ${expected.size}`,
);
console.log(
  `fetched twice: ${twice.length}${twice.length ? ` (${twice.slice(0, 5).join(", ")})` : ""}`,
);
console.log(
  `missing: ${missing.length}, unexpected: ${extra.length}, disallowed requested: ${disallowed.length}`,
);
console.log(`robots.txt requests: ${log.filter((p) => p === "/robots.txt").length}`);
if (kills > 0) {
  // Pages a killed worker had fetched and not recorded, extracted by the next without a request.
  const kept = JSON.parse(
    await cli([
      "job-local",
      "logs",
      "--id",
      id,
      "--grep",
      "Fetched before the worker stopped",
      "--lines",
      "100000",
      "-o",
      "json",
    ]),
  ) as unknown[];
  console.log(`pages taken over from a killed worker without a request: ${kept.length}`);
}
console.log(
  `time: ${seconds.toFixed(1)} s, ${(pages.length / seconds).toFixed(0)} pages/s ` +
    `(worker --per-host ${perHost} --url-concurrency ${lanes}, strategy auto, ${kills} kill(s)` +
    `${noCache ? ", HTTP cache off" : ""})`,
);
await server.shutdown();
await Deno.remove(home, { recursive: true });
