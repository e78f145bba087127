import { extract, type Page } from "./extract.ts";
import { ExtractionPool } from "./_extract_pool.ts";

const html = await Deno.readTextFile(new URL("./testdata/article.html", import.meta.url));
const page: Page = {
  url: "https://news.example/a",
  finalUrl: "https://news.example/a",
  status: 200,
  contentType: "text/html",
  html,
  bytes: html.length,
};

// Time to a first extraction: a new thread loads the HTML libraries first.
Deno.bench("a new pool's first page (thread start included)", { group: "start" }, async () => {
  using pool = new ExtractionPool({ size: 1 });
  await pool.run(page, "auto");
});

const pool = new ExtractionPool({ size: navigator.hardwareConcurrency });
await pool.ready();

Deno.bench("auto in this thread", { group: "auto", baseline: true }, async () => {
  await extract(page, "auto");
});

Deno.bench("auto through the pool (one page at a time)", { group: "auto" }, async () => {
  await pool.run(page, "auto");
});

Deno.bench("8 pages in this thread", { group: "eight", baseline: true }, async () => {
  for (let i = 0; i < 8; i++) await extract(page, "auto");
});

Deno.bench("8 pages through the pool (every CPU)", { group: "eight" }, async () => {
  await Promise.all(Array.from({ length: 8 }, () => pool.run(page, "auto")));
});

globalThis.addEventListener("unload", () => pool.close());
