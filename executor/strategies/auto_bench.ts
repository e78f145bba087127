import { extractAuto } from "./auto.ts";
import { htmlToMarkdown } from "../_markdown.ts";

const html = await Deno.readTextFile(new URL("../testdata/article.html", import.meta.url));
const page = {
  url: "https://news.example/a",
  finalUrl: "https://news.example/a",
  status: 200,
  contentType: "text/html",
  html,
  bytes: html.length,
};

Deno.bench("extractAuto() on the article fixture", { group: "auto", baseline: true }, async () => {
  await extractAuto(page, {});
});

Deno.bench("extractAuto() with Markdown on the article fixture", { group: "auto" }, async () => {
  await extractAuto(page, { markdown: true });
});

Deno.bench("htmlToMarkdown() of the article fixture", () => {
  htmlToMarkdown(html);
});
