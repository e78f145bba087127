// deno-lint-ignore-file no-console -- the server prints its port for the bench to read
/**
 * The site `worker_bench.ts` fetches (private to the bench): small numbered
 * pages at `/p/<n>` and the article benchmark's pages at `/a/<hash>`, served
 * on four loopback hosts by a child process (`worker_bench.ts --serve`).
 *
 * @module
 */

import { join } from "node:path";

const BENCH_DIR = join(
  import.meta.dirname ?? ".",
  "..",
  "..",
  "shared",
  "bench-data",
  "article-extraction-benchmark",
  "html",
);

/** A small article page, numbered `n`. */
export function smallPage(n: number): string {
  return `<!doctype html><html><head><title>Item ${n}</title></head><body>` +
    `<nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>Item ${n}</h1>` +
    `<p>Item ${n} is one of many small pages served to measure how much the job system ` +
    `adds to fetching and extracting. It has two paragraphs of ordinary text.</p>` +
    `<p>The second paragraph of item ${n} makes the article long enough to be kept.</p>` +
    `</article><footer>Copyright</footer></body></html>`;
}

/** The benchmark's 121 article pages by name, gunzipped, in name order. */
export async function loadArticles(): Promise<Map<string, Uint8Array>> {
  const pages = new Map<string, Uint8Array>();
  for await (const entry of Deno.readDir(BENCH_DIR)) {
    if (!entry.name.endsWith(".html.gz")) continue;
    const file = await Deno.open(join(BENCH_DIR, entry.name));
    const stream = file.readable.pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    pages.set(entry.name.replace(/\.html\.gz$/, ""), bytes);
  }
  return new Map([...pages].sort(([a], [b]) => a < b ? -1 : 1));
}

/** The server side: run as `worker_bench.ts --serve`; prints its port. */
export async function serve(): Promise<void> {
  const articles = await loadArticles();
  const enc = new TextEncoder();
  const handler = (req: Request): Response => {
    const path = new URL(req.url).pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/p\/(\d+)$/.exec(path))) {
      return new Response(enc.encode(smallPage(Number(m[1]))), {
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    if ((m = /^\/a\/([0-9a-f]+)$/.exec(path))) {
      const body = articles.get(m[1]!);
      if (body) return new Response(body as BodyInit, { headers: { "content-type": "text/html" } });
    }
    return new Response("not found", { status: 404 });
  };
  // Four loopback hosts on one port, for the end-to-end case's 4 hosts.
  const first = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const others = [2, 3, 4].map((n) =>
    Deno.serve({ hostname: `127.0.0.${n}`, port: first.addr.port, onListen: () => {} }, handler)
  );
  console.log(first.addr.port);
  await Promise.all([first, ...others].map((s) => s.finished));
}
