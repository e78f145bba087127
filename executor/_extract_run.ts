/**
 * The strategy table and the one place a strategy's output is completed
 * (timing, strategy, word count), shared by {@linkcode extract} (in this
 * thread) and the extraction threads of `_extract_pool.ts`.
 *
 * @module
 */

import type { Strategy } from "@riptide/core/base";
import type { ExtractOptions, ExtractOutput, ExtractResult, Page } from "./extract.ts";
import { countWords } from "./_words.ts";

/** How a strategy gets the page's main content when it builds on `auto` (the llm strategy). */
export type MainContent = (page: Page, options: ExtractOptions) => Promise<ExtractResult>;

/** A strategy implementation; `main` is passed to the strategies that build on `auto`. */
export type StrategyRun = (
  page: Page,
  options: ExtractOptions,
  main?: MainContent,
) => Promise<ExtractOutput>;

// String-literal dynamic imports, so `deno compile` bundles them and commands
// that never extract never load the HTML libraries.
const LOADERS: Readonly<Partial<Record<Strategy, () => Promise<StrategyRun>>>> = {
  auto: async () => (await import("./strategies/auto.ts")).extractAuto,
  css: async () => (await import("./strategies/css.ts")).extractCss,
  regex: async () => (await import("./strategies/regex.ts")).extractRegex,
  wasm: async () => (await import("./strategies/wasm.ts")).extractWasm,
  llm: async () => (await import("./strategies/llm.ts")).extractLlm,
};

/** Loads the modules of `strategies` ahead of the first page (an extraction thread's warm-up). */
export async function loadStrategies(strategies: readonly Strategy[]): Promise<void> {
  await Promise.all(strategies.map((s) => LOADERS[s]?.()));
}

/** Runs `strategy` on `page` in this thread and completes its metadata. */
export async function runExtraction(
  page: Page,
  strategy: Strategy,
  options: ExtractOptions,
  main?: MainContent,
): Promise<ExtractResult> {
  const load = LOADERS[strategy];
  if (load === undefined) throw new Error(`Strategy "${strategy}" is not available in this build`);
  const run = await load();
  const started = performance.now();
  const out = await run(page, options, ...(main === undefined ? [] : [main]));
  const elapsed = Math.round(performance.now() - started);
  return {
    ...out,
    metadata: {
      title: null,
      ...out.metadata,
      // One definition for every strategy: the words of the content returned.
      word_count: countWords(out.content),
      extraction_time_ms: elapsed,
      strategy_used: strategy,
    },
  };
}
