import assert from "node:assert/strict";
import { extract, type Page } from "./extract.ts";
import { ExtractionPool, ExtractionTimeoutError } from "./_extract_pool.ts";

const SLOW_THREAD = new URL("./testdata/slow_thread.js", import.meta.url);

function page(html: string): Page {
  return {
    url: "http://127.0.0.1/",
    finalUrl: "http://127.0.0.1/",
    status: 200,
    contentType: "text/html",
    html,
    bytes: html.length,
  };
}

/** Counts timer ticks of this thread while `work` runs: a blocked event loop counts none. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ ticks: number; settled: T | Error }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    return { settled: await work.catch((err: Error) => err), ticks };
  } finally {
    clearInterval(timer);
  }
}

const ARTICLE = `<!doctype html><html><head><title>Pools</title></head><body><article>
<h1>Pools</h1><p>${"Tide pools hold small worlds of their own between the rocks. ".repeat(12)}</p>
<p>Write to tides@example.com or call +1 415 555 0100.</p></article></body></html>`;

Deno.test("ExtractionPool.run() gives what extract() gives, for every thread strategy", async (t) => {
  using pool = new ExtractionPool({ size: 1 });
  for (
    const [strategy, options] of [
      ["auto", { markdown: true }],
      ["css", { selectors: { heading: "h1" } }],
      ["regex", {}],
      ["wasm", {}],
    ] as const
  ) {
    await t.step(strategy, async () => {
      const direct = await extract(page(ARTICLE), strategy, options);
      const pooled = await pool.run(page(ARTICLE), strategy, options);
      const strip = (r: typeof direct) => ({
        ...r,
        metadata: { ...r.metadata, extraction_time_ms: 0 },
      });
      assert.deepEqual(strip(pooled), strip(direct));
    });
  }
});

Deno.test("ExtractionPool.run() ends a page at its deadline without blocking this thread", async () => {
  using pool = new ExtractionPool({ size: 1, threadUrl: SLOW_THREAD });
  const { settled, ticks } = await ticksDuring(
    pool.run(page("spin:1500"), "auto", {}, { timeoutMs: 300, deadlineMs: 5000 }),
  );
  assert.ok(settled instanceof ExtractionTimeoutError, String(settled));
  assert.match(settled.message, /Extraction timed out: the URL's 5 s deadline passed/);
  assert.ok(ticks > 0, "the event loop ran while the thread was busy");
  // The busy thread was replaced: the next page is extracted.
  const next = await pool.run(page("after"), "auto", {}, { timeoutMs: 60_000 });
  assert.equal(next.content, "after");
});

Deno.test("ExtractionPool.run() stops a page at once when its signal aborts", async () => {
  using pool = new ExtractionPool({ size: 1, threadUrl: SLOW_THREAD });
  await pool.ready();
  const controller = new AbortController();
  const run = pool.run(page("spin:1500"), "auto", {}, { signal: controller.signal });
  // A page waiting for the busy thread is abandoned too.
  const queued = pool.run(page("queued"), "auto", {}, { signal: controller.signal });
  controller.abort(new Error("cancelled"));
  await assert.rejects(run, /cancelled/);
  await assert.rejects(queued, /cancelled/);
  assert.equal((await pool.run(page("again"), "auto")).content, "again");
});

Deno.test("ExtractionPool.run() fails one page cleanly when extraction throws or overflows the stack", async () => {
  using pool = new ExtractionPool({ size: 1, threadUrl: SLOW_THREAD });
  await assert.rejects(pool.run(page("throw:No main content"), "auto"), /^Error: No main content$/);
  await assert.rejects(
    pool.run(page("overflow"), "auto"),
    /Maximum call stack size exceeded \(the page is nested too deeply to extract\)/,
  );
  assert.equal((await pool.run(page("still fine"), "auto")).content, "still fine");
});

Deno.test("ExtractionPool.run() uses every thread at once", async () => {
  using pool = new ExtractionPool({ size: 2, threadUrl: SLOW_THREAD });
  await pool.ready();
  // Two pages that each keep a thread busy for a second ran at the same time.
  const [a, b] = (await Promise.all([
    pool.run(page("spin:1000"), "auto"),
    pool.run(page("spin:1000"), "auto"),
  ])).map((r) => r.content.split("|").slice(1).map(Number) as [number, number]);
  assert.ok(a![0] < b![1] && b![0] < a![1], `the two pages overlapped: ${a} and ${b}`);
});

Deno.test("ExtractionPool starts another thread only once pages wait for busy ones", async () => {
  using pool = new ExtractionPool({ size: 2, threadUrl: SLOW_THREAD });
  const who = async (): Promise<string> => (await pool.run(page("who"), "auto")).content;
  const first = await who();
  // Pages that never wait: the first thread answers them all, no other starts.
  for (let i = 0; i < 8; i++) assert.equal(await who(), first);
  // A page behind a busy thread: once it has waited, a second thread starts and takes it.
  const stop = new AbortController();
  const busy = pool.run(page("spin:5000"), "auto", {}, { signal: stop.signal }).catch(() => null);
  try {
    assert.notEqual(await who(), first);
  } finally {
    stop.abort();
    await busy;
  }
});

Deno.test("ExtractionPool.run() fails pages when no thread can start", async () => {
  using pool = new ExtractionPool({
    size: 1,
    threadUrl: new URL("./testdata/broken_thread.js", import.meta.url),
  });
  await assert.rejects(
    pool.run(page("x"), "auto"),
    /Extraction thread could not start: .*broken on purpose/,
  );
});

Deno.test("ExtractionPool.run() fails pages when a thread sends no port to reach it by", async () => {
  using pool = new ExtractionPool({
    size: 1,
    threadUrl: new URL("./testdata/portless_thread.js", import.meta.url),
  });
  await assert.rejects(
    pool.run(page("x"), "auto"),
    /Extraction thread could not start: it sent no port/,
  );
});

Deno.test("ExtractionPool.run() makes the llm request here, with the auto part in a thread", async () => {
  let asked = "";
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      asked = JSON.stringify(await req.json());
      return Response.json({ choices: [{ message: { content: "A page about tide pools." } }] });
    },
  );
  // Threads without any permission: the request could not be made in one.
  using pool = new ExtractionPool({ size: 1, narrow: true });
  const out = await pool.run(page(ARTICLE), "llm", {
    llm: { baseUrl: `http://127.0.0.1:${server.addr.port}/v1`, model: "m", retries: 0 },
  });
  assert.equal(out.content, "A page about tide pools.");
  assert.equal(out.metadata.strategy_used, "llm");
  assert.match(asked, /Tide pools hold small worlds/);
});

Deno.test("ExtractionPool.run() takes waiting pages highest priority first", async () => {
  using pool = new ExtractionPool({ size: 1, threadUrl: SLOW_THREAD });
  await pool.ready();
  const order: string[] = [];
  const track = (html: string, priority: number): Promise<void> =>
    pool.run(page(html), "auto", {}, { priority }).then((r) =>
      void order.push(r.content.split("|")[0]!)
    );
  await Promise.all([
    track("spin:200", 0), // busy while the others queue
    track("low", 0),
    track("medium", 1),
    track("critical", 3),
    track("low again", 0),
  ]);
  assert.deepEqual(order, ["spin:200", "critical", "medium", "low", "low again"]);
});
