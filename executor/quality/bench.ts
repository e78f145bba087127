// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * `deno task bench:quality`: runs Readability.js on linkedom (the anchor), RipTide's
 * `auto` and, when it is registered, `wasm` over the shared article-extraction-benchmark
 * pages and prints precision, recall, F1, accuracy and pages/s for each.
 *
 * Usage: `deno task bench:quality [--data DIR] [-o json] [--only NAME,...]`
 *
 * Needs read permission on the data directory and the repository.
 *
 * @module
 */

import type { Strategy } from "@riptide/core";
import { extract, type Page } from "../extract.ts";
import { readabilityText } from "./_anchor.ts";
import { type BenchPage, defaultDataDir, hasDataset, loadDataset } from "./_dataset.ts";
import { aggregate, type BenchmarkScore, type PageScore, scorePage } from "./metric.ts";

/** One row of the benchmark table. */
export interface BenchRow extends BenchmarkScore {
  strategy: string;
  /** Pages per second of the scored pass (after a 5-page warm-up). */
  pages_per_second: number;
  /** Pages per second of a second pass over the same pages (steady state, JIT warm). */
  steady_pages_per_second: number;
  seconds: number;
  failures: number;
}

/** Per-page outcome, kept for debugging. */
export interface PageOutcome {
  id: string;
  score: PageScore;
  text: string;
}

type Extractor = (page: BenchPage) => Promise<string>;

function toPage(p: BenchPage): Page {
  return {
    url: p.url,
    finalUrl: p.url,
    status: 200,
    contentType: "text/html",
    html: p.html,
    bytes: p.bytes,
  };
}

function strategyExtractor(strategy: Strategy): Extractor {
  return async (p) => (await extract(toPage(p), strategy, {})).content;
}

/** Whether `strategy` is registered in this build (probes with a tiny page). */
async function available(strategy: Strategy): Promise<boolean> {
  try {
    await extract(
      {
        url: "about:blank",
        finalUrl: "about:blank",
        status: 200,
        contentType: "text/html",
        html: "<p>probe</p>",
        bytes: 12,
      },
      strategy,
      {},
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.message.includes("is not available")) return false;
    throw err;
  }
}

/** The extractors to compare, in table order. */
export async function extractors(): Promise<Map<string, Extractor>> {
  const all = new Map<string, Extractor>([
    ["readability", (p) => Promise.resolve(readabilityText(p.html))],
    ["auto", strategyExtractor("auto")],
  ]);
  if (await available("wasm" as Strategy)) all.set("wasm", strategyExtractor("wasm" as Strategy));
  return all;
}

/** Runs one extractor over every page and scores it. */
export async function runOne(
  name: string,
  options: { pages: readonly BenchPage[]; extractor: Extractor },
): Promise<{ row: BenchRow; outcomes: PageOutcome[] }> {
  const outcomes: PageOutcome[] = [];
  let failures = 0;
  let busy = 0;
  for (const page of options.pages) {
    let text = "";
    const started = performance.now();
    try {
      text = await options.extractor(page);
    } catch (err) {
      failures++;
      console.error(`${name}: page ${page.id} failed: ${err instanceof Error ? err.message : err}`);
    }
    busy += performance.now() - started;
    outcomes.push({ id: page.id, score: scorePage(text, page.truth), text });
  }
  const seconds = busy / 1000;
  const row: BenchRow = {
    strategy: name,
    ...aggregate(outcomes.map((o) => o.score)),
    pages_per_second: seconds > 0 ? options.pages.length / seconds : 0,
    steady_pages_per_second: 0,
    seconds,
    failures,
  };
  return { row, outcomes };
}

function formatTable(rows: readonly BenchRow[]): string {
  const header = ["strategy", "P", "R", "F1", "accuracy", "pages/s", "steady pages/s"];
  const body = rows.map((r) => [
    r.strategy,
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    r.f1.toFixed(3),
    r.accuracy.toFixed(3),
    r.pages_per_second.toFixed(1),
    r.steady_pages_per_second.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}

interface Args {
  data: string;
  json: boolean;
  only: string[] | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { data: defaultDataDir(), json: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new RangeError(`Option "${a}" needs a value`);
      return v;
    };
    if (a === "--data") args.data = next();
    else if (a === "-o" || a === "--output") {
      const v = next();
      if (v !== "json" && v !== "table") {
        throw new RangeError(`Unknown output "${v}": expected table or json`);
      }
      args.json = v === "json";
    } else if (a === "--only") args.only = next().split(",").map((s) => s.trim());
    else throw new RangeError(`Unknown option "${a}": expected --data, -o or --only`);
  }
  return args;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(Deno.args);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  if (!(await hasDataset(args.data))) {
    const msg = `skipped: no benchmark data at ${args.data} (pass --data DIR)`;
    if (args.json) console.log(JSON.stringify({ skipped: true, reason: msg }));
    console.error(msg);
    return 0;
  }
  const pages = await loadDataset(args.data);
  console.error(`${pages.length} pages from ${args.data}`);
  const rows: BenchRow[] = [];
  for (const [name, extractor] of await extractors()) {
    if (args.only !== null && !args.only.includes(name)) continue;
    // A few untimed warm-up pages, so module loading and JIT start-up are not counted
    // and the table does not depend on which extractor runs first.
    for (const p of pages.slice(0, 5)) await extractor(p).catch(() => "");
    const { row } = await runOne(name, { pages, extractor });
    // A second, untimed-for-quality pass: what a long-running worker sees once
    // the JIT (and, for wasm, the WebAssembly tiers) have warmed up.
    const started = performance.now();
    for (const p of pages) await extractor(p).catch(() => "");
    row.steady_pages_per_second = pages.length / ((performance.now() - started) / 1000);
    rows.push(row);
    console.error(`${name}: F1 ${row.f1.toFixed(3)} in ${row.seconds.toFixed(1)} s`);
  }
  if (args.json) {
    console.log(JSON.stringify({ pages: pages.length, data: args.data, results: rows }, null, 2));
  } else {
    console.log(formatTable(rows));
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
