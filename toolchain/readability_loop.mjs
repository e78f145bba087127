// deno-lint-ignore-file no-console -- a script: its one line of output is its report
/**
 * The baseline of `deno task bench:worker`'s end-to-end case, as issue 14 defines it: a
 * bare Node.js loop that fetches the same pages and extracts each with Readability.js on
 * linkedom (the versions deno.json pins for bench:quality's anchor, installed here as
 * devDependencies), 8 at a time and at most 2 per host, then writes the results to a file.
 *
 * Usage: `node toolchain/readability_loop.mjs URLS_FILE OUT_FILE` (one URL a line); prints
 * `{"ok":N,"failed":M}`. Node resolves the packages from toolchain/node_modules
 * (`cd toolchain && npm ci`); deno.json excludes this file, since Deno would not resolve them.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const LANES = 8;
const PER_HOST = 2;

const [urlsFile, outFile] = process.argv.slice(2);
if (!urlsFile || !outFile) {
  console.error("usage: node readability_loop.mjs URLS_FILE OUT_FILE");
  process.exit(2);
}
const urls = (await readFile(urlsFile, "utf8")).split("\n").filter((line) => line !== "");

// At most PER_HOST requests in flight per host; a lane waits for its host's next free slot.
const inFlight = new Map();
const waiting = new Map();
async function acquire(host) {
  const n = inFlight.get(host) ?? 0;
  if (n < PER_HOST) {
    inFlight.set(host, n + 1);
    return;
  }
  await new Promise((resolve) => {
    const queue = waiting.get(host) ?? [];
    queue.push(resolve);
    waiting.set(host, queue);
  });
}
function release(host) {
  const next = waiting.get(host)?.shift();
  if (next) next();
  else inFlight.set(host, inFlight.get(host) - 1);
}

const results = new Array(urls.length);
let next = 0;
await Promise.all(Array.from({ length: LANES }, async () => {
  while (next < urls.length) {
    const i = next++;
    const url = urls[i];
    const host = new URL(url).host;
    await acquire(host);
    let html;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      html = await response.text();
    } catch (error) {
      results[i] = { url, status: "failed", error: String(error) };
      continue;
    } finally {
      release(host);
    }
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    results[i] = {
      url,
      status: "success",
      title: article?.title ?? "",
      content: article?.textContent ?? "",
    };
  }
}));
await writeFile(outFile, JSON.stringify(results));
const ok = results.filter((r) => r.status === "success").length;
console.log(JSON.stringify({ ok, failed: results.length - ok }));
