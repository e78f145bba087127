// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * Debugging aid for the quality benchmark: per-page precision/recall for one extractor,
 * worst pages first, and for `--page ID` the predicted lines that are not in the truth
 * and the true lines that were missed.
 *
 * Usage: `deno run --allow-read executor/quality/debug.ts [--strategy auto|readability]
 * [--page ID_PREFIX] [--type PAGE_TYPE] [--worst N] [--data DIR]`. `--type` keeps the pages of
 * that ground-truth page type; each line shows the page type `auto` detects.
 *
 * @module
 */

import { defaultDataDir, loadDataset } from "./_dataset.ts";
import { extractors, runOne } from "./bench.ts";
import { tokenize } from "./metric.ts";
import { detectPageType } from "../strategies/_page_type.ts";
import { parsePage } from "../strategies/auto.ts";

function flag(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

function norm(line: string): string {
  return tokenize(line).join(" ");
}

const strategy = flag("--strategy") ?? "auto";
const pageId = flag("--page");
const worst = Number(flag("--worst") ?? "25");
let pages = await loadDataset(flag("--data") ?? defaultDataDir());
if (pageId !== undefined) pages = pages.filter((p) => p.id.startsWith(pageId));
const pageType = flag("--type");
if (pageType !== undefined) pages = pages.filter((p) => p.pageType === pageType);
const extractor = (await extractors()).get(strategy);
if (extractor === undefined) throw new Error(`Unknown strategy "${strategy}"`);
const { row, outcomes } = await runOne(strategy, { pages, extractor });
const f1 = (p: number | null, r: number | null): number => {
  const pp = p ?? 0;
  const rr = r ?? 0;
  return pp + rr === 0 ? 0 : (2 * pp * rr) / (pp + rr);
};
/** The page type `auto` detects for a page, after its ground-truth type when they differ. */
function detected(page: { html: string; url: string; pageType?: string } | undefined): string {
  if (page === undefined) return "";
  const type = detectPageType(parsePage(page.html), page.url);
  return type === page.pageType ? type : `${page.pageType ?? "?"}->${type}`;
}
const sorted = [...outcomes].sort((a, b) =>
  f1(a.score.precision, a.score.recall) - f1(b.score.precision, b.score.recall)
);
for (const o of sorted.slice(0, worst)) {
  const page = pages.find((p) => p.id === o.id);
  console.log(
    `${o.id.slice(0, 10)} P ${(o.score.precision ?? 0).toFixed(3)} R ${
      (o.score.recall ?? 0).toFixed(3)
    } ${detected(page)} ${page?.url ?? ""}`,
  );
}
console.log(
  `P ${row.precision.toFixed(4)} R ${row.recall.toFixed(4)} F1 ${row.f1.toFixed(4)} acc ${
    row.accuracy.toFixed(3)
  }`,
);
if (pageId !== undefined) {
  for (const o of outcomes) {
    const page = pages.find((p) => p.id === o.id);
    if (page === undefined) continue;
    const truthText = norm(page.truth);
    const predText = norm(o.text);
    console.log(`\n=== ${o.id} ${page.url}`);
    console.log("--- predicted, not in truth:");
    for (const line of o.text.split(/\n+/)) {
      const n = norm(line);
      if (n && !truthText.includes(n)) console.log(`+ ${line.slice(0, 300)}`);
    }
    console.log("--- in truth, not predicted:");
    for (const line of page.truth.split(/\n+/)) {
      const n = norm(line);
      if (n && !predText.includes(n)) console.log(`- ${line.slice(0, 300)}`);
    }
  }
}
