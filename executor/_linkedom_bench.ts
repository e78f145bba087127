import { parseHTML as vendored } from "linkedom";
import { parseHTML as published } from "linkedom-published";

// Every page of testdata/, each parsed and walked as the strategies do (a
// selector over the whole page, the body's text). The pages are small; a
// synthetic page of 3,000 blocks stands for a big one.
const dir = new URL("./testdata/", import.meta.url);
const pages: string[] = [];
for (const entry of Deno.readDirSync(dir)) {
  if (entry.name.endsWith(".html")) pages.push(Deno.readTextFileSync(new URL(entry.name, dir)));
}
const block = (i: number) =>
  `<div class="row r${i}"><h3><a href="/item/${i}">Item ${i}</a></h3>` +
  `<p>Paragraph ${i} with <em>some</em> <strong>inline</strong> markup and a <a href="#x">link</a>.</p></div>`;
const big = `<!doctype html><html><head><title>Big</title></head><body><main>${
  Array.from({ length: 3000 }, (_, i) => block(i)).join("")
}</main></body></html>`;

function walk(parse: typeof published, html: string): number {
  const { document } = parse(html);
  return document.querySelectorAll("p, div, a").length + (document.body?.textContent?.length ?? 0);
}

Deno.bench("published linkedom: testdata pages", { group: "pages", baseline: true }, () => {
  for (const html of pages) walk(published, html);
});
Deno.bench("vendored linkedom: testdata pages", { group: "pages" }, () => {
  for (const html of pages) walk(vendored, html);
});
Deno.bench("published linkedom: a page of 3,000 blocks", { group: "big", baseline: true }, () => {
  walk(published, big);
});
Deno.bench("vendored linkedom: a page of 3,000 blocks", { group: "big" }, () => {
  walk(vendored, big);
});
