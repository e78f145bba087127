/**
 * Loads the shared benchmark pages and ground truth (article-extraction-benchmark and
 * web-content-extraction-benchmark have the same layout: `ground-truth.json` and `html/<id>.html.gz`).
 *
 * @module
 */

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** One benchmark page with its expected article body. */
export interface BenchPage {
  id: string;
  url: string;
  html: string;
  bytes: number;
  truth: string;
  /** The page's kind when the benchmark labels it (web-content-extraction-benchmark). */
  pageType?: string;
}

/** The benchmark sets `bench:quality` knows, by short name: their directories under `bench-data`. */
export const BENCH_SETS = {
  /** 121 English news pages (scrapinghub/article-extraction-benchmark). */
  article: "article-extraction-benchmark",
  /** 500 modern pages of every kind, labelled with `page_type` (web-content-extraction-benchmark). */
  web: "web-content-extraction-benchmark",
} as const;

/** Short name of a benchmark set. */
export type BenchSetName = keyof typeof BENCH_SETS;

/** The directory of a benchmark set: `../shared/bench-data/<set>` from the repo root. */
export function benchSetDir(set: BenchSetName): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  return resolve(repoRoot, "..", "shared", "bench-data", BENCH_SETS[set]);
}

/** The default data directory: `../shared/bench-data/article-extraction-benchmark` from the repo root. */
export function defaultDataDir(): string {
  return benchSetDir("article");
}

/** Whether `dir` holds a benchmark copy (`ground-truth.json` and `html/`). */
export async function hasDataset(dir: string): Promise<boolean> {
  try {
    await Deno.stat(join(dir, "ground-truth.json"));
    await Deno.stat(join(dir, "html"));
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Loads every page listed in the ground truth, sorted by id. Needs read permission on `dir`. */
export async function loadDataset(dir: string): Promise<BenchPage[]> {
  const truth = JSON.parse(await Deno.readTextFile(join(dir, "ground-truth.json"))) as Record<
    string,
    { articleBody?: string; url?: string; page_type?: string }
  >;
  const decoder = new TextDecoder("utf-8");
  const pages: BenchPage[] = [];
  for (const id of Object.keys(truth).sort()) {
    const entry = truth[id];
    if (entry === undefined) continue;
    const raw = await gunzip(await Deno.readFile(join(dir, "html", `${id}.html.gz`)));
    pages.push({
      id,
      url: entry.url ?? `https://example.invalid/${id}`,
      html: decoder.decode(raw),
      bytes: raw.byteLength,
      truth: entry.articleBody ?? "",
      ...(entry.page_type === undefined ? {} : { pageType: entry.page_type }),
    });
  }
  return pages;
}
