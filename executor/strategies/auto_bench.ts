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

// A tag cloud: one paragraph of 4,000 links. Each link asks whether its box shows it alone
// (a "see all" link, a teaser's title); the answer must not build the paragraph's text.
const cloudLinks = Array.from({ length: 4000 }, (_, i) => `<a href="/tags/t${i}">Tag ${i}</a>`);
const cloud = `<html><head><title>Tags</title></head><body><main><h1>Tags</h1>` +
  `<p>Every tag of the site, in one cloud.</p><p>${cloudLinks.join(" ")}</p></main></body></html>`;
const cloudPage = {
  ...page,
  url: "https://news.example/tags",
  finalUrl: "https://news.example/tags",
  html: cloud,
  bytes: cloud.length,
};

Deno.bench("extractAuto() on a tag cloud of 4,000 links", { group: "cloud" }, async () => {
  await extractAuto(cloudPage, {});
});

// A long article with no comment section: its run of like paragraphs is no thread to
// measure once no heading names a comment section.
const longParagraphs = Array.from(
  { length: 3000 },
  (_, i) => `<p>Absatz ${i}: Wir gingen lange am See spazieren und redeten über den Sommer.</p>`,
);
const longArticle = `<html><head><title>Lang</title></head><body><main><article><h1>Lang</h1>` +
  `${longParagraphs.join("")}</article></main></body></html>`;
const longPage = { ...page, html: longArticle, bytes: longArticle.length };

Deno.bench("extractAuto() on an article of 3,000 paragraphs", { group: "long" }, async () => {
  await extractAuto(longPage, {});
});
