/**
 * Test utilities for fetching and the worker: a local HTTP server on
 * 127.0.0.1 (port 0) that serves pages and every fault the fetcher must
 * handle, so no test touches the live web.
 *
 * Routes:
 * - `/page/<name>`: a small HTML article titled `Page <name>`
 * - `/slow/<ms>/<name>`: the same page after `<ms>` milliseconds (for cancel tests)
 * - `/gated/<name>`: the same page once {@linkcode FaultServer.openGate} has been called
 * - `/gzip`, `/cp1252`, `/sjis`, `/wrong-charset`, `/text`, `/binary`, `/invalid-html`
 * - `/binary-junk`: {@linkcode junkBytes} served as `text/html` (no zero byte to sniff)
 * - `/redirect/<n>`: n redirects, then `/page/final`; `/loop/a` ⇄ `/loop/b`
 * - `/redirect-to/<encoded URL>`: one redirect to that URL; `/bad-location`: a `Location`
 *   that is not a URL
 * - `/deflate`, `/deflate-raw`: `Content-Encoding: deflate`, zlib-wrapped and raw
 * - `/utf16-bom` (UTF-16LE with a BOM), `/utf16-charset` (UTF-16BE declared in the header)
 * - `/flaky/500-once`, `/flaky/429-once` (Retry-After: 1): fail once per server, then 200
 * - `/always-503`, `/missing` (404), `/hang` (never answers), `/drip` (one byte per 100 ms)
 * - `/huge`: a 50 MB body, generated as it is read
 * - {@linkcode FaultServer.resetUrl}: a raw TCP listener that closes every connection at once
 *
 * @module
 */

/**
 * `n` pseudo-random bytes, none of them zero (binary data such as compressed
 * bytes, which sniffing the first KB for a zero byte does not catch); the
 * same bytes for the same `seed`.
 */
export function junkBytes(n: number, seed = 12345): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 1 + (x >> 8) % 255;
  }
  return out;
}

/** A running fault server; dispose it with `await using`. */
export interface FaultServer extends AsyncDisposable {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** A URL whose connections are reset before any response. */
  resetUrl: string;
  /** Connections reset so far. */
  readonly resets: number;
  /** Requests seen for a path. */
  hits(path: string): number;
  /** Every path requested, in order. */
  readonly requests: readonly string[];
  /** User-Agent of the last request. */
  readonly lastUserAgent: string | null;
  /** Requests in flight right now, and the most seen at once. */
  readonly inFlight: number;
  /** The most requests in flight at once. */
  readonly maxInFlight: number;
  /** Lets every `/gated/<name>` request, held until now or made later, be answered. */
  openGate(): void;
}

/** The HTML served at `/page/<name>`. */
export function pageHtml(name: string): string {
  return `<!doctype html><html><head><title>Page ${name}</title></head><body>` +
    `<article><h1>Page ${name}</h1>` +
    `<p>This is the body of page ${name}. It has enough words to count as the main ` +
    `content of the document, which is what an extractor looks for first.</p>` +
    `<p>A second paragraph about ${name} keeps the article honest and readable.</p>` +
    `</article></body></html>`;
}

const enc = new TextEncoder();

function withParagraph(name: string, text: string): string {
  return pageHtml(name).replace("</article>", `<p>${text}</p></article>`);
}

function cp1252(text: string): Uint8Array {
  // Only the characters the fixtures use.
  const map: Record<string, number> = {
    "é": 0xe9,
    "ï": 0xef,
    "ç": 0xe7,
    "–": 0x96,
    "“": 0x93,
    "”": 0x94,
  };
  return Uint8Array.from([...text], (c) => map[c] ?? c.charCodeAt(0));
}

// "日本語のページ" in Shift_JIS.
const SJIS_TEXT = Uint8Array.from([
  0x93,
  0xfa,
  0x96,
  0x7b,
  0x8c,
  0xea,
  0x82,
  0xcc,
  0x83,
  0x79,
  0x81,
  0x5b,
  0x83,
  0x57,
]);

/** `text` as UTF-16 bytes (little or big endian), with a byte-order mark when `bom`. */
function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const units = (bom ? "\ufeff" : "") + text;
  const out = new Uint8Array(units.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < units.length; i++) {
    view.setUint16(i * 2, units.charCodeAt(i), endian === "le");
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

function html(body: BodyInit, headers: Record<string, string> = {}): Response {
  return new Response(body, { headers: { "content-type": "text/html", ...headers } });
}

/** Starts the fault server on 127.0.0.1, port 0. */
export function startFaultServer(): FaultServer {
  const counts = new Map<string, number>();
  const requests: string[] = [];
  let lastUserAgent: string | null = null;
  let inFlight = 0;
  let maxInFlight = 0;
  const pending = new Set<() => void>();
  const closing = new AbortController();
  const gate = Promise.withResolvers<void>();

  const handler = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    requests.push(path);
    lastUserAgent = req.headers.get("user-agent");
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await route(path);
    } finally {
      inFlight--;
    }
  };

  const wait = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pending.add(done);
      signal.addEventListener("abort", done, { once: true });
    });

  const route = async (path: string): Promise<Response> => {
    let m: RegExpExecArray | null;
    if ((m = /^\/page\/(.+)$/.exec(path))) return html(pageHtml(decodeURIComponent(m[1]!)));
    if ((m = /^\/slow\/(\d+)\/(.+)$/.exec(path))) {
      await wait(Number(m[1]), closing.signal);
      return html(pageHtml(decodeURIComponent(m[2]!)));
    }
    if ((m = /^\/gated\/(.+)$/.exec(path))) {
      await Promise.race([
        gate.promise,
        new Promise((resolve) => closing.signal.addEventListener("abort", resolve, { once: true })),
      ]);
      return html(pageHtml(decodeURIComponent(m[1]!)));
    }
    if ((m = /^\/redirect\/(\d+)$/.exec(path))) {
      const n = Number(m[1]);
      const to = n <= 1 ? "/page/final" : `/redirect/${n - 1}`;
      return new Response(null, { status: 302, headers: { location: to } });
    }
    if ((m = /^\/redirect-to\/(.+)$/.exec(path))) {
      return new Response(null, { status: 302, headers: { location: decodeURIComponent(m[1]!) } });
    }
    switch (path) {
      case "/bad-location":
        return new Response(null, { status: 302, headers: { location: "http://[oops/" } });
      case "/deflate":
      case "/deflate-raw": {
        const body = new Blob([pageHtml("deflate") + "<p>deflated content survives</p>"])
          .stream().pipeThrough(
            new CompressionStream(path === "/deflate" ? "deflate" : "deflate-raw"),
          );
        return html(body, { "content-encoding": "deflate" });
      }
      case "/utf16-bom":
        return html(
          utf16(withParagraph("UTF-16", "ünïcödé text in UTF-16"), "le", true) as BodyInit,
        );
      case "/utf16-charset":
        return html(
          utf16(withParagraph("UTF-16", "ünïcödé text in UTF-16"), "be", false) as BodyInit,
          {
            "content-type": "text/html; charset=utf-16be",
          },
        );
      case "/loop/a":
        return new Response(null, { status: 301, headers: { location: "/loop/b" } });
      case "/loop/b":
        return new Response(null, { status: 301, headers: { location: "/loop/a" } });
      case "/gzip": {
        const body = new Blob([pageHtml("gzip") + "<p>compressed content survives</p>"])
          .stream().pipeThrough(new CompressionStream("gzip"));
        return html(body, { "content-encoding": "gzip" });
      }
      case "/cp1252":
        return html(
          cp1252(withParagraph("Café", "café – “quoted” opens this extra paragraph.")) as BodyInit,
          { "content-type": "text/html; charset=windows-1252" },
        );
      case "/sjis":
        return html(
          concat(
            enc.encode(
              withParagraph("JP", "")
                .replace("<head>", '<head><meta charset="shift_jis">')
                .replace("<p></p></article></body></html>", "<p>"),
            ),
            SJIS_TEXT,
            enc.encode(
              " opens this extra paragraph, written in Shift_JIS, and it goes on with " +
                "enough ordinary words to be kept as part of the article by any extractor.</p>" +
                "</article></body></html>",
            ),
          ) as BodyInit,
        );
      case "/wrong-charset":
        return html(
          cp1252(withParagraph("Wrong", "naïve façade opens this extra paragraph.")) as BodyInit,
          { "content-type": "text/html; charset=utf-8" },
        );
      case "/text":
        return new Response("Just words.\n", { headers: { "content-type": "text/plain" } });
      case "/binary":
        return new Response(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), {
          headers: { "content-type": "image/png" },
        });
      case "/binary-junk":
        return html(junkBytes(200_000));
      case "/invalid-html":
        return html(
          "<html><body><div><p>Unclosed paragraph with real words in it that the " +
            "extractor should still find<div><span>and more <b>bold text</i></table>" +
            "<p>Second paragraph of broken markup still carries the content</body>",
        );
      case "/flaky/500-once":
        return counts.get(path) === 1
          ? new Response("boom", { status: 500 })
          : html(pageHtml("recovered"));
      case "/flaky/429-once":
        return counts.get(path) === 1
          ? new Response("slow down", { status: 429, headers: { "retry-after": "1" } })
          : html(pageHtml("after 429"));
      case "/always-503":
        return new Response("unavailable", { status: 503 });
      case "/hang":
        await wait(60_000, closing.signal);
        return new Response("too late", { status: 504 });
      case "/drip": {
        const signal = closing.signal;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            await wait(100, signal);
            if (signal.aborted) return controller.close();
            controller.enqueue(enc.encode("<"));
          },
        });
        return html(body);
      }
      case "/huge": {
        const chunk = enc.encode("<p>" + "x".repeat(65_533));
        let sent = 0;
        const total = 50 * 1024 * 1024;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= total) return controller.close();
            const piece = chunk.subarray(0, Math.min(chunk.byteLength, total - sent));
            sent += piece.byteLength;
            controller.enqueue(piece);
          },
        });
        return html(body, { "content-length": String(total) });
      }
      default:
        return new Response("not found", { status: 404 });
    }
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let resets = 0;
  const acceptLoop = (async () => {
    for await (const conn of listener) {
      resets++;
      conn.close();
    }
  })().catch(() => {});

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    resetUrl: `http://127.0.0.1:${listener.addr.port}/reset`,
    get resets() {
      return resets;
    },
    hits: (path) => counts.get(path) ?? 0,
    get requests() {
      return requests;
    },
    get lastUserAgent() {
      return lastUserAgent;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    openGate: () => gate.resolve(),
    async [Symbol.asyncDispose]() {
      closing.abort();
      for (const done of [...pending]) done();
      listener.close();
      await acceptLoop;
      await server.shutdown();
    },
  };
}
