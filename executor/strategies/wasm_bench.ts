// Throughput of the wasm strategy next to auto on one article-sized page.
// The full comparison over the benchmark pages is `deno task bench:quality`.
import type { Page } from "../extract.ts";
import { extractAuto } from "./auto.ts";
import { extractWasm } from "./wasm.ts";

const article = await Deno.readTextFile(new URL("../testdata/wasm_article.html", import.meta.url));
// Pad the page with the kind of chrome real pages carry (menus, scripts, footers).
const chrome = `<nav><ul>${"<li><a href='/x'>Section</a></li>".repeat(200)}</ul></nav>` +
  `<script>${"var x = 1;".repeat(5000)}</script>`;
const html = article.replace("<body>", `<body>${chrome}`);
const page: Page = {
  url: "http://127.0.0.1/a",
  finalUrl: "http://127.0.0.1/a",
  status: 200,
  contentType: "text/html",
  html,
  bytes: html.length,
};

Deno.bench("wasm strategy on an article page", { group: "extract", baseline: true }, async () => {
  await extractWasm(page, {});
});

Deno.bench("auto strategy on an article page", { group: "extract" }, async () => {
  await extractAuto(page, {});
});
