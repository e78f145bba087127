// deno-lint-ignore-file no-console -- a script: what it prints is its report
/**
 * `deno task bench:quality`: runs Readability.js on linkedom (the in-run anchor),
 * RipTide's `auto` and, when it is registered, `wasm` over the shared benchmark sets
 * and prints, per set, precision, recall, F1, accuracy and pages/s for each, then F1
 * per page type with whether `auto` is at least as good as the anchor.
 *
 * The sets (`--set`, default `all`), relative to the repository root:
 * - `article`: `../shared/bench-data/article-extraction-benchmark` (121 news pages);
 * - `web`: `../shared/bench-data/web-content-extraction-benchmark` (500 pages of
 *   every kind, with `page_type` in the ground truth).
 *
 * `--data DIR` scores one directory of the same layout instead. A set whose
 * directory is missing is skipped with a message, not an error. Extractors run
 * one after the other in one process: pages/s is single-threaded throughput.
 *
 * `--type T,...` keeps only the pages of those page types (e.g. `--set web --type forum`), and
 * `--no-steady` skips the second, timing-only pass: both make a run shorter while tuning.
 * `--hash-classes` hashes every class token and id of each page first (`_hash_classes.ts`):
 * the scores of pages whose class names say nothing.
 *
 * Usage: `deno task bench:quality [--set article|web|all | --data DIR] [-o table|json]
 * [--only NAME,...] [--type TYPE,...] [--no-steady] [--hash-classes]`
 *
 * Needs read permission on the data directories and the repository.
 *
 * @module
 */

import type { Strategy } from "@riptide/core/base";
import { extract, type Page } from "../extract.ts";
import { readabilityText } from "./_anchor.ts";
import { hashClasses } from "./_hash_classes.ts";
import {
  BENCH_SETS,
  type BenchPage,
  benchSetDir,
  type BenchSetName,
  hasDataset,
  loadDataset,
} from "./_dataset.ts";
import { aggregate, type BenchmarkScore, type PageScore, scorePage } from "./metric.ts";

/** The anchor every strategy is compared with. */
export const ANCHOR = "readability";
/** Extractors the bench knows, in table order (`wasm` only when registered in this build). */
export const EXTRACTOR_NAMES = [ANCHOR, "auto", "wasm"] as const;
/** Page type of pages whose ground truth has none (the article benchmark). */
export const UNLABELLED = "(unlabelled)";

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
  /** The page's type from the ground truth, {@linkcode UNLABELLED} when it has none. */
  page_type: string;
  score: PageScore;
  text: string;
}

/** Scores of every extractor on the pages of one type. */
export interface PageTypeRow {
  page_type: string;
  pages: number;
  /** Extractor name -> its scores on these pages. */
  scores: Record<string, BenchmarkScore>;
  /** Whether auto's F1 is at least the anchor's; null when either did not run. */
  auto_at_least_anchor: boolean | null;
}

/** The outcome for one benchmark set. */
export interface SetReport {
  set: string;
  data: string;
  /** Present when the set's data is missing. */
  skipped?: string;
  pages: number;
  results: BenchRow[];
  /** Whether auto's overall F1 is at least the anchor's; null when either did not run. */
  auto_at_least_anchor: boolean | null;
  /** Per page type, most pages first (one row, {@linkcode UNLABELLED}, for an unlabelled set). */
  page_types: PageTypeRow[];
}

/** Extracts the text of one benchmark page. */
export type Extractor = (page: BenchPage) => Promise<string>;

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
    [ANCHOR, (p) => Promise.resolve(readabilityText(p.html))],
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
    outcomes.push({
      id: page.id,
      page_type: page.pageType ?? UNLABELLED,
      score: scorePage(text, page.truth),
      text,
    });
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

function atLeast(scores: Readonly<Record<string, { f1: number }>>): boolean | null {
  const auto = scores.auto;
  const anchor = scores[ANCHOR];
  return auto === undefined || anchor === undefined ? null : auto.f1 >= anchor.f1;
}

/**
 * Aggregates per-page outcomes by page type: extractor name -> its outcomes in,
 * one row per type out, most pages first (ties by name).
 */
export function byPageType(
  outcomes: ReadonlyMap<string, readonly PageOutcome[]>,
): PageTypeRow[] {
  const types = new Map<string, Map<string, PageScore[]>>();
  for (const [name, list] of outcomes) {
    for (const o of list) {
      let perExtractor = types.get(o.page_type);
      if (perExtractor === undefined) types.set(o.page_type, perExtractor = new Map());
      let scores = perExtractor.get(name);
      if (scores === undefined) perExtractor.set(name, scores = []);
      scores.push(o.score);
    }
  }
  const rows: PageTypeRow[] = [];
  for (const [pageType, perExtractor] of types) {
    const scores: Record<string, BenchmarkScore> = {};
    let pages = 0;
    for (const [name, list] of perExtractor) {
      scores[name] = aggregate(list);
      pages = Math.max(pages, list.length);
    }
    rows.push({ page_type: pageType, pages, scores, auto_at_least_anchor: atLeast(scores) });
  }
  return rows.sort((a, b) => b.pages - a.pages || a.page_type.localeCompare(b.page_type));
}

/** Options for {@linkcode benchSet}. */
export interface BenchSetOptions {
  /** The extractors to run, in order. */
  extractors: ReadonlyMap<string, Extractor>;
  /** Also time a second, steady-state pass (default true). */
  steady?: boolean;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

/** Runs every extractor over the pages of one set, one after the other, and scores them. */
export async function benchSet(
  set: string,
  data: string,
  pages: readonly BenchPage[],
  options: BenchSetOptions,
): Promise<SetReport> {
  const results: BenchRow[] = [];
  const outcomes = new Map<string, PageOutcome[]>();
  for (const [name, extractor] of options.extractors) {
    // A few untimed warm-up pages, so module loading and JIT start-up are not counted
    // and the table does not depend on which extractor runs first.
    for (const p of pages.slice(0, 5)) await extractor(p).catch(() => "");
    const run = await runOne(name, { pages, extractor });
    if (options.steady !== false) {
      // A second pass, timed only: what a long-running worker sees once the JIT
      // (and, for wasm, the WebAssembly tiers) have warmed up.
      const started = performance.now();
      for (const p of pages) await extractor(p).catch(() => "");
      const seconds = (performance.now() - started) / 1000;
      run.row.steady_pages_per_second = seconds > 0 ? pages.length / seconds : 0;
    }
    results.push(run.row);
    outcomes.set(name, run.outcomes);
    options.log?.(
      `${set}: ${name}: F1 ${run.row.f1.toFixed(3)} in ${run.row.seconds.toFixed(1)} s`,
    );
  }
  const overall: Record<string, BenchmarkScore> = {};
  for (const r of results) overall[r.strategy] = r;
  return {
    set,
    data,
    pages: pages.length,
    results,
    auto_at_least_anchor: atLeast(overall),
    page_types: byPageType(outcomes),
  };
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)].join("\n");
}

function mark(ok: boolean | null): string {
  return ok === null ? "-" : ok ? "yes" : "NO";
}

/** The table output for one set: the overall rows, then F1 per page type. */
export function formatSet(report: SetReport): string {
  const title = `${report.set}: ${report.data}`;
  if (report.skipped !== undefined) return `${title}\n${report.skipped}`;
  const overall = table(
    ["strategy", "P", "R", "F1", "accuracy", "pages/s", "steady pages/s"],
    report.results.map((r) => [
      r.strategy,
      r.precision.toFixed(3),
      r.recall.toFixed(3),
      r.f1.toFixed(3),
      r.accuracy.toFixed(3),
      r.pages_per_second.toFixed(1),
      r.steady_pages_per_second.toFixed(1),
    ]),
  );
  const names = report.results.map((r) => r.strategy);
  const verdict = `auto >= ${ANCHOR}`;
  // An unlabelled set has one type, all of it: the "all" row says it.
  const types = report.page_types.filter((t) => t.page_type !== UNLABELLED);
  const rows = types.map((t) => [
    t.page_type,
    String(t.pages),
    ...names.map((n) => t.scores[n]?.f1.toFixed(3) ?? "-"),
    mark(t.auto_at_least_anchor),
  ]);
  rows.push([
    "all",
    String(report.pages),
    ...report.results.map((r) => r.f1.toFixed(3)),
    mark(report.auto_at_least_anchor),
  ]);
  const perType = table(["page type (F1)", "pages", ...names, verdict], rows);
  return `${title} (${report.pages} pages)\n${overall}\n\n${perType}`;
}

/** Parsed command line of `bench:quality`. */
export interface BenchArgs {
  /** The sets to score, in order: short name (or the directory's name for `--data`) and directory. */
  sets: { set: string; data: string }[];
  json: boolean;
  /** Extractor names to run; null for all. */
  only: string[] | null;
  /** Page types to keep ({@linkcode UNLABELLED} for pages without one); null for all. */
  types: string[] | null;
  /** Whether to time a second, steady-state pass. */
  steady: boolean;
  /** Whether to hash every class token and id of each page first (see `_hash_classes.ts`). */
  hashClasses: boolean;
}

const SET_CHOICES = [...Object.keys(BENCH_SETS), "all"];

/**
 * Parses the command line. Throws a `RangeError` with a one-line message for
 * bad usage (unknown option or value, a missing value, `--data` with `--set`).
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let set: string | null = null;
  let data: string | null = null;
  let json = false;
  let only: string[] | null = null;
  let types: string[] | null = null;
  let steady = true;
  let hashed = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const next = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === "") throw new RangeError(`Option "${flag}" needs a value`);
      return v;
    };
    if (flag === "--data") data = next();
    else if (flag === "--set") {
      const v = next();
      if (!SET_CHOICES.includes(v)) {
        throw new RangeError(`Unknown set "${v}": expected ${SET_CHOICES.join(", ")}`);
      }
      set = v;
    } else if (flag === "-o" || flag === "--output") {
      const v = next();
      if (v !== "json" && v !== "table") {
        throw new RangeError(`Unknown output "${v}": expected table or json`);
      }
      json = v === "json";
    } else if (flag === "--only") {
      only = next().split(",").map((s) => s.trim()).filter((s) => s !== "");
      const unknown = only.find((n) => !(EXTRACTOR_NAMES as readonly string[]).includes(n));
      if (unknown !== undefined || only.length === 0) {
        throw new RangeError(
          `Unknown extractor "${unknown ?? ""}" in --only: expected ${EXTRACTOR_NAMES.join(", ")}`,
        );
      }
    } else if (flag === "--type") {
      types = next().split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (types.length === 0) throw new RangeError(`Option "--type" needs a value`);
    } else if (a === "--no-steady") {
      steady = false;
    } else if (a === "--hash-classes") {
      hashed = true;
    } else {
      throw new RangeError(
        `Unknown option "${a}": expected --set, --data, -o, --only, --type, --no-steady or --hash-classes`,
      );
    }
  }
  if (data !== null && set !== null) {
    throw new RangeError(`Options "--data" and "--set" exclude each other`);
  }
  let sets: BenchArgs["sets"];
  if (data !== null) {
    const name = data.replace(/[\\/]+$/, "").split(/[\\/]/).at(-1) || data;
    sets = [{ set: name, data }];
  } else {
    const names = set === null || set === "all"
      ? Object.keys(BENCH_SETS) as BenchSetName[]
      : [set as BenchSetName];
    sets = names.map((n) => ({ set: n, data: benchSetDir(n) }));
  }
  return { sets, json, only, types, steady, hashClasses: hashed };
}

/** Runs the bench for a command line; returns the exit code (2 for bad usage). */
export async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  const chosen = new Map(
    [...await extractors()].filter(([name]) => args.only === null || args.only.includes(name)),
  );
  const reports: SetReport[] = [];
  for (const { set, data } of args.sets) {
    if (!(await hasDataset(data))) {
      const reason = `skipped: no benchmark data at ${data}`;
      console.error(`${set}: ${reason}`);
      reports.push({
        set,
        data,
        skipped: reason,
        pages: 0,
        results: [],
        auto_at_least_anchor: null,
        page_types: [],
      });
      continue;
    }
    const types = args.types;
    const pages = (await loadDataset(data)).filter((p) =>
      types === null || types.includes(p.pageType ?? UNLABELLED)
    ).map((p) => args.hashClasses ? { ...p, html: hashClasses(p.html) } : p);
    console.error(`${set}: ${pages.length} pages from ${data}`);
    const report = await benchSet(set, data, pages, {
      extractors: chosen,
      steady: args.steady,
      log: (line) => console.error(line),
    });
    reports.push(report);
    // Each set's table as soon as it is done: the whole run takes minutes.
    if (!args.json) console.log(`${formatSet(report)}\n`);
  }
  if (args.json) console.log(JSON.stringify({ anchor: ANCHOR, sets: reports }, null, 2));
  else {
    for (const r of reports) if (r.skipped !== undefined) console.log(`${formatSet(r)}\n`);
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
