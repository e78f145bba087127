import { RobotsTxt } from "@riptide/core/robots";
import { discoverLinks } from "./links.ts";

const article = await Deno.readTextFile(new URL("./testdata/article.html", import.meta.url));
// A page like a real site's: navigation, 200 links with tracking variants, a script and comments.
const nav = Array.from(
  { length: 200 },
  (_, i) =>
    `<li><a href="/section/${i % 20}/page-${i}.html?utm_source=nav&amp;ref=${i}#top" ` +
    `class="link">Page ${i}</a></li>`,
).join("\n");
const big = `<html><head><base href="/"><link rel="canonical" href="/home">
<script>var x = '<a href="/not-a-link">';</script></head><body><!-- <a href="/c"> -->
<ul>${nav}</ul>${article}</body></html>`;

Deno.bench("discoverLinks() on the article fixture", { group: "links", baseline: true }, () => {
  discoverLinks(article, "https://news.example/a");
});

Deno.bench("discoverLinks() on a page with 200 navigation links", { group: "links" }, () => {
  discoverLinks(big, "https://news.example/a");
});

const robots = RobotsTxt.parse(
  "User-agent: *\nDisallow: /private/\nDisallow: /*.pdf$\nAllow: /private/ok\n" +
    Array.from({ length: 100 }, (_, i) => `Disallow: /area-${i}/*/tmp`).join("\n"),
).forAgent();

Deno.bench("RobotsPolicy.isAllowed() against 103 rules", { group: "robots" }, () => {
  robots.isAllowed("https://news.example/section/3/page-123.html?ref=1");
});
